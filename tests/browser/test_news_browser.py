import pytest

from tests.browser.conftest import run_axe

pytestmark = pytest.mark.browser

PAGES = [
    ("/sala-stampa/", "it", "Sala stampa"),
    ("/en/newsroom/", "en", "Newsroom"),
    (
        "/sala-stampa/stato-di-avanzamento-e-prossimi-passi/",
        "it",
        "Lo stato di avanzamento del progetto e i prossimi passi",
    ),
    ("/en/newsroom/progress-and-next-steps/", "en", "The project's progress and its next steps"),
]


@pytest.mark.parametrize(("path", "lang", "heading"), PAGES)
def test_newsroom_pages_are_accessible_and_break_no_csp_rule(browser, page, site_url, path, lang, heading):
    response = page.goto(site_url + path, wait_until="load")
    assert response.status == 200
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("h1").first.inner_text().strip() == heading
    # The JSON-LD block is data, not script: Chromium reports no Content-Security-Policy violation.
    assert page.console_errors == []
    assert run_axe(browser, site_url + path) == []


def test_json_ld_is_present_and_parsable_in_the_browser(page, site_url):
    page.goto(site_url + "/sala-stampa/al-via-il-progetto/", wait_until="load")
    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert data["@type"] == "NewsArticle"
    assert page.console_errors == []


def test_filters_give_a_shareable_url(page, site_url):
    page.goto(site_url + "/sala-stampa/")
    page.select_option("#id_tema", "comunicazione")
    page.get_by_role("button", name="Filtra").click()
    page.wait_for_load_state()
    assert "tema=comunicazione" in page.url
    assert page.locator(".card-title").all_inner_texts() == [
        "Il progetto sui media: il Piano di comunicazione e i canali social"
    ]
