import pytest

from tests.browser.conftest import run_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/buone-pratiche/",
        "/en/good-practices/?settore=sua",
        "/buone-pratiche/sua-provincia-di-treviso/",
        "/province/treviso/",
        "/buone-pratiche/trova-comune/?comune=Ponte",
    ],
)
def test_catalogue_pages_are_accessible(browser, page, site_url, path):
    response = page.goto(site_url + path, wait_until="load")
    assert response.status == 200
    assert page.console_errors == []
    assert run_axe(browser, site_url + path) == []


def test_filters_without_javascript_give_a_shareable_url(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/buone-pratiche/")
    page.get_by_label("SUA", exact=False).first.check()
    page.get_by_role("button", name="Applica i filtri").click()
    page.wait_for_load_state()
    assert "settore=sua" in page.url
    assert page.locator(".practice-results h3").all_inner_texts() == [
        "Stazione Unica Appaltante della Provincia di Treviso"
    ]
    context.close()


def test_comune_finder_suggests_and_lands_on_the_province(page, site_url):
    page.goto(site_url + "/buone-pratiche/")
    page.fill("#comune-name-main", "trevis")
    page.wait_for_selector("#comune-list-main option", state="attached")
    assert "Treviso (TV)" in page.eval_on_selector_all(
        "#comune-list-main option", "els => els.map(e => e.value)"
    )
    page.fill("#comune-name-main", "Treviso (TV)")
    page.get_by_role("button", name="Trova").click()
    page.wait_for_load_state()
    assert page.url == site_url + "/province/treviso/"
    assert page.locator("#province-practices-title").is_visible()
