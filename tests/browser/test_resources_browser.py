import pytest

from tests.browser.conftest import run_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/documenti-e-risorse/biblioteca/", "it", "Biblioteca dei documenti"),
        ("/en/documents-and-resources/library/?tipo=report", "en", "Document library"),
        ("/documenti-e-risorse/gruppi-di-lavoro/stazione-unica-appaltante/", "it", "Gruppo di lavoro SUA"),
        ("/en/documents-and-resources/focus-groups/south/", "en", "South focus group"),
        ("/documenti-e-risorse/formazione/", "it", "Formazione e capacity building"),
        (
            "/en/documents-and-resources/training/training-provincial-officials/",
            "en",
            "Training and capacity building for the Provinces' officials",
        ),
    ],
)
def test_resources_pages_in_both_languages_are_accessible(browser, page, site_url, path, lang, heading):
    response = page.goto(site_url + path, wait_until="load")
    assert response.status == 200
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("h1").first.inner_text().strip() == heading
    assert page.console_errors == []
    assert run_axe(browser, site_url + path) == []


def test_library_filter_form_keeps_the_choice_in_the_url(page, site_url):
    page.goto(site_url + "/documenti-e-risorse/biblioteca/")
    page.select_option("select[name=tipo]", "report")
    page.get_by_role("button", name="Applica i filtri").click()
    page.wait_for_load_state()
    assert "tipo=report" in page.url
    assert page.locator("h3", has_text="Report finale della mappatura").count() == 1
    assert page.locator("h3", has_text="Piano di comunicazione del progetto").count() == 0


def test_reserved_area_asks_visitors_to_log_in(page, site_url):
    page.goto(site_url + "/documenti-e-risorse/gruppi-di-lavoro/politiche-europee/area-riservata/")
    assert "/_util/login/" in page.url
    assert page.locator("h1").inner_text().strip() == "Accesso all'area riservata"
