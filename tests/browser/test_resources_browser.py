import pytest

pytestmark = pytest.mark.browser


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
