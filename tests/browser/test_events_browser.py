import json

import pytest

from tests.browser.conftest import check_page

pytestmark = pytest.mark.browser

BES_IT = "/eventi/presentazione-rapporto-bes-delle-province-2020/"
BES_EN = "/en/events/presentation-bes-report-of-the-provinces-2020/"


@pytest.mark.parametrize(
    ("path", "lang", "ended"), [(BES_IT, "it", "Evento concluso"), (BES_EN, "en", "Event ended")]
)
def test_past_event_page_with_json_ld_under_the_csp(page, site_url, path, lang, ended):
    # The JSON-LD data block is not a script the CSP would block: no console error, and it parses.
    check_page(page, site_url + path, lang=lang)
    assert page.get_by_text(ended).first.is_visible()
    [data] = [
        block
        for block in (
            json.loads(text)
            for text in page.locator('script[type="application/ld+json"]').all_text_contents()
        )
        if block["@type"] == "Event"  # the BreadcrumbList is the other block
    ]
    assert data["@type"] == "Event" and data["startDate"] == "2020-11-23"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_filters_give_a_shareable_url(page, site_url):
    page.goto(site_url + "/eventi/passati/")
    page.select_option("#id_anno", "2020")
    page.select_option("#id_tipo", "presentazione")
    page.get_by_role("button", name="Applica i filtri").click()
    page.wait_for_load_state()
    assert "anno=2020" in page.url and "tipo=presentazione" in page.url
    titles = page.locator(".event-card .card-title").all_inner_texts()
    assert titles == [
        "Presentazione della «Strategia italiana per le competenze digitali e il suo Piano Operativo»"
    ]
    # The same URL opened afresh shows the same result.
    page.goto(page.url)
    assert page.locator(".event-card .card-title").all_inner_texts() == titles
