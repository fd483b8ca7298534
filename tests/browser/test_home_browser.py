import pytest

pytestmark = pytest.mark.browser


def test_language_switcher_leads_to_the_translation(page, site_url):
    page.goto(site_url + "/il-progetto/stato-di-avanzamento/")
    page.locator(".language-switcher a[hreflang=en]").click()
    page.wait_for_load_state()
    assert page.url == site_url + "/en/the-project/progress/"
    assert page.locator("h1").inner_text().strip() == "Progress"


def test_mobile_menu_opens(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "/")
    menu_link = page.locator("#main-menu .nav-link").first
    assert not menu_link.is_visible()
    page.locator(".custom-navbar-toggler").click()
    menu_link.wait_for(state="visible")
    assert menu_link.is_visible()
    context.close()
