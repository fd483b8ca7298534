import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("home", "query", "results_path", "first"),
    [
        ("/", "stato di avanzamento", "/cerca/", "Stato di avanzamento"),
        ("/en/", "procurement", "/en/search/", "Single Procurement Office"),
    ],
)
def test_search_from_the_header_box(page, site_url, home, query, results_path, first):
    page.goto(site_url + home)
    page.locator("#header-search").fill(query)
    page.locator("#header-search").press("Enter")
    page.wait_for_load_state()
    assert page.url.startswith(site_url + results_path + "?q=")
    # the browser's server runs on SQLite, whose ranking differs from PostgreSQL's (see test_search_relevance)
    assert first in [title.strip() for title in page.locator(".search-results h2").all_inner_texts()]
    assert page.locator(".search-results mark").count() > 0
    assert page.console_errors == []
    assert axe_violations(page) == []
