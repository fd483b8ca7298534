"""Constant query counts: the catalogue, a practice page and a Province page, with 10 and 1,000 practices
and their replications (made by the bulk example generator)."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.models import Province
from practices.examples import generate
from practices.factories import PracticePageFactory
from practices.models import PracticePage, Replication

pytestmark = pytest.mark.django_db


def count(client, url, params=None):
    cache.clear()
    client.get(url, params or {})  # warm the per-process caches (site root paths, settings)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def measure(client):
    practice = PracticePage.objects.get(code="SUA-TV-01", locale__language_code="it")
    return {
        "catalogue": count(client, "/buone-pratiche/"),
        "catalogue filtered": count(
            client,
            "/buone-pratiche/",
            {"replica": "adottata", "settore": "sua", "ordina": "replicate", "q": "servizio"},
        ),
        "practice": count(client, practice.url),
        "province (owner)": count(client, "/province/treviso/"),
        "province (replicating)": count(client, "/province/padova/"),
        "finder": count(client, "/buone-pratiche/trova-comune/", {"comune": "Conegliano"}),
        "feed": count(client, "/buone-pratiche/provincia/treviso/rss/"),
    }


def test_query_counts_are_constant_with_10_and_1000_practices_and_replications(
    client, django_capture_on_commit_callbacks
):
    practice = PracticePage.objects.get(code="SUA-TV-01", locale__language_code="it")
    for sigla in ("PD", "VI"):
        with django_capture_on_commit_callbacks(execute=True):  # (the catalogue's listing, once committed)
            Replication.objects.create(
                practice=practice,
                province=Province.objects.get(sigla=sigla),
                status="adottata",
                date=datetime.date(2021, 3, 1),
            )
    # Every page measured lists something in both states (an empty list saves its prefetch queries).
    PracticePageFactory(code="QC-PD-1", province=Province.objects.get(sigla="PD"))
    generate(10)
    small = measure(client)
    generate(990)
    assert Replication.objects.count() > 100
    large = measure(client)
    assert small == large
