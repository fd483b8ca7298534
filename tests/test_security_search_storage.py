"""Visitors' searches cannot fill the database: stored queries are short, a client's searches are recorded at
most a few times a minute, and old counts are pruned."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

import pytest
import time_machine

from search.counters import MAX_RECORDED_LENGTH as MAX_STORED_LENGTH
from search.counters import RECORDS_PER_MINUTE as MAX_RECORDED_PER_MINUTE
from search.models import NoResultsDailyHits

pytestmark = pytest.mark.django_db


def test_a_stored_query_is_capped(client):
    client.get("/cerca/", {"q": "ornitorinco " * 50})
    call_command("flush_search_counts", stdout=io.StringIO())
    stored = Query.objects.get()
    assert len(stored.query_string) <= MAX_STORED_LENGTH
    assert stored.query_string.startswith("ornitorinco")


def test_one_client_is_recorded_a_few_times_a_minute(client):
    # Within one minute, however long the requests take (the clock stands still).
    with time_machine.travel(timezone.now(), tick=False):
        for i in range(MAX_RECORDED_PER_MINUTE * 4):
            assert client.get("/cerca/", {"q": f"parola{i}ornitorinco"}).status_code == 200
    call_command("flush_search_counts", stdout=io.StringIO())
    assert Query.objects.count() == MAX_RECORDED_PER_MINUTE
    assert NoResultsDailyHits.objects.count() == MAX_RECORDED_PER_MINUTE
    # Another client is recorded...
    client.get("/cerca/", {"q": "altroclienteornitorinco"}, REMOTE_ADDR="192.0.2.20")
    call_command("flush_search_counts", stdout=io.StringIO())
    assert Query.objects.filter(query_string="altroclienteornitorinco").exists()
    # ...and so is the first one a minute later, with no cookie involved.
    assert not client.cookies
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        client.get("/cerca/", {"q": "dopounminutoornitorinco"})
    call_command("flush_search_counts", stdout=io.StringIO())
    assert Query.objects.filter(query_string="dopounminutoornitorinco").exists()


def test_prune_search_queries_deletes_old_counts_and_orphan_queries():
    today = timezone.localdate()
    old = Query.get("vecchia ricerca")
    old.add_hit(date=today - datetime.timedelta(days=400))
    NoResultsDailyHits.objects.create(
        query=old, date=today - datetime.timedelta(days=400), language="it", hits=3
    )
    recent = Query.get("ricerca recente")
    recent.add_hit(date=today - datetime.timedelta(days=3))
    out = io.StringIO()
    call_command("prune_search_queries", "--days", "90", stdout=out)
    assert not Query.objects.filter(pk=old.pk).exists()
    assert not NoResultsDailyHits.objects.exists()
    assert QueryDailyHits.objects.filter(query=recent).exists()
    assert "90" in out.getvalue()


def test_prune_keeps_queries_with_a_promotion():
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.models import Page

    promoted = Query.get("promossa")
    promoted.add_hit(date=timezone.localdate() - datetime.timedelta(days=400))
    SearchPromotion.objects.create(query=promoted, page=Page.objects.filter(depth=2).first(), sort_order=0)
    call_command("prune_search_queries", "--days", "30", stdout=io.StringIO())
    assert Query.objects.filter(pk=promoted.pk).exists()
