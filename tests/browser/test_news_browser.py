import pytest

pytestmark = pytest.mark.browser


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
