import pytest

from tests.browser.conftest import run_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/", "it", "Le Province e il sistema dei servizi a supporto dei Comuni"),
        ("/en/", "en", "The Provinces and the system of services supporting the Comuni"),
    ],
)
def test_home_page_in_both_languages_is_accessible(browser, page, site_url, path, lang, heading):
    response = page.goto(site_url + path, wait_until="load")
    assert response.status == 200
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("h1").first.inner_text().strip() == heading
    # Everything loads from the site itself under the strict policy: no CSP violation, no failed asset.
    assert page.console_errors == []
    assert run_axe(browser, site_url + path) == []


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


@pytest.mark.parametrize(
    "path",
    [
        "/il-progetto/stato-di-avanzamento/",
        "/province/",
        "/province/treviso/",
        "/en/provinces/pesaro-e-urbino/",
        "/settori/politiche-europee/",
        "/mappa-del-sito/",
        "/cerca/?q=province",
        "/pagina-inesistente/",
    ],
)
def test_main_pages_have_no_serious_accessibility_violations(browser, page, site_url, path):
    page.goto(site_url + path, wait_until="load")
    assert page.console_errors == [] or path == "/pagina-inesistente/"  # the 404 response itself is logged
    assert run_axe(browser, site_url + path) == []
