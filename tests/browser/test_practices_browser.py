import pytest

pytestmark = pytest.mark.browser


def test_filters_without_javascript_give_a_shareable_url(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/buone-pratiche/")
    page.locator("#practice-filters summary").click()  # a <details>: it opens without JavaScript
    page.get_by_label("SUA", exact=False).first.check()
    page.get_by_role("button", name="Applica i filtri").click()
    page.wait_for_load_state()
    assert "settore=sua" in page.url
    assert page.locator(".practice-results h3").all_inner_texts() == [
        "Stazione Unica Appaltante della Provincia di Treviso"
    ]
    context.close()


def test_comune_finder_suggests_and_confirms_the_province(page, site_url):
    page.goto(site_url + "/buone-pratiche/")
    page.fill("#comune-name-main", "trevis")
    page.wait_for_selector("#comune-list-main option", state="attached")
    assert "Treviso (TV)" in page.eval_on_selector_all(
        "#comune-list-main option", "els => els.map(e => e.value)"
    )
    page.fill("#comune-name-main", "Treviso (TV)")
    page.get_by_role("button", name="Trova").click()
    page.wait_for_load_state()
    # The Comune found is confirmed, then its Province's practices follow, with a link to the Province.
    assert page.get_by_text("Treviso è uno dei 94 Comuni della Provincia di Treviso").first.is_visible()
    assert page.locator('main a[href="/province/treviso/"]').first.is_visible()
