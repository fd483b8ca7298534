"""What a search costs: a bounded number of queries with or without results, none repeated, no write.

The search's own work is measured on the view's response before it is rendered (the page chrome, header
and footer, is the base template's and is measured with the other pages); the whole request is measured too,
for the comparison between a search with and without results."""

from django.test import RequestFactory
from django.utils import timezone, translation

import pytest
import time_machine

from core.request_cache import request_cache
from search.views import search
from tests.query_counts import assert_queries, queries_of

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12
WRITES = ("INSERT", "UPDATE", "DELETE")
QUERIES = ["progetto", "fondi europei", "xqzvw", "staziona appaltante", "progetto ornitorinco", "Treviso"]


def run_view(path, query, language):
    request = RequestFactory().get(path, {"q": query})
    with request_cache(), translation.override(language):
        request.LANGUAGE_CODE = language
        return search(request)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize(("path", "language"), [("/cerca/", "it"), ("/en/search/", "en")])
def test_search_makes_few_queries_none_repeated_and_no_write(client, path, language, query):
    run_view(path, "Treviso", language)  # warm the per-process caches (content types, site root paths):
    # a query with results in both languages, so that page URLs are computed
    with assert_queries(MAX_QUERIES) as captured:
        response = run_view(path, query, language)
    assert response.status_code == 200
    assert not [sql for sql in queries_of(captured) if sql.lstrip().upper().startswith(WRITES)]


def test_no_results_cost_no_more_than_results(client):
    client.get("/cerca/", {"q": "progetto"})
    with assert_queries(MAX_QUERIES) as with_results:
        assert run_view("/cerca/", "progetto", "it").context_data["total"] > 0
    with assert_queries(MAX_QUERIES) as without:
        assert run_view("/cerca/", "xqzvw", "it").context_data["total"] == 0
    assert len(queries_of(without)) <= len(queries_of(with_results))


def test_a_client_is_counted_a_few_times_a_minute_at_most(client):
    from django.core.management import call_command

    from wagtail.contrib.search_promotions.models import Query

    from search import counters

    counters.counts_cache().clear()
    # One minute for all the searches: on a slow machine they could otherwise straddle two minutes, each
    # with its own allowance.
    with time_machine.travel(timezone.now(), tick=False):
        for number in range(counters.RECORDS_PER_MINUTE + 5):
            client.get("/cerca/", {"q": f"ricerca {number}"}, REMOTE_ADDR="192.0.2.7")
        client.get("/cerca/", {"q": "x" * 300}, REMOTE_ADDR="192.0.2.8")
    call_command("flush_search_counts")
    recorded = set(Query.objects.values_list("query_string", flat=True))
    assert len({q for q in recorded if q.startswith("ricerca")}) == counters.RECORDS_PER_MINUTE
    assert "x" * counters.MAX_RECORDED_LENGTH in recorded  # long queries are cut
