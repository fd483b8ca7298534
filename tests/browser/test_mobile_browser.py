"""Phones and tablets: no page is wider than the screen, and the catalogue's filters come first, folded."""

import subprocess

import pytest

from tests.browser.conftest import MANAGE, ROOT

pytestmark = pytest.mark.browser

WIDTHS = [320, 360, 390, 768]

# One page of every page type, in Italian and in English.
PAGES = {
    "it": [
        "/",
        "/il-progetto/",
        "/settori/",
        "/settori/stazione-unica-appaltante/",
        "/province/",
        "/province/treviso/",
        "/mappa-del-sito/",
        "/sala-stampa/",
        "/sala-stampa/al-via-il-progetto/",
        "/eventi/",
        "/eventi/passati/",
        "/eventi/pro-digi-la-provincia-digitale-internet-festival-2020/",
        "/buone-pratiche/?settore=sua",
        "/buone-pratiche/sua-provincia-di-treviso/",
        "/buone-pratiche/trova-comune/?comune=Ponte",
        "/documenti-e-risorse/",
        "/documenti-e-risorse/biblioteca/",
        "/documenti-e-risorse/biblioteca/{document}/",
        "/documenti-e-risorse/gruppi-di-lavoro/",
        "/documenti-e-risorse/gruppi-di-lavoro/stazione-unica-appaltante/",
        "/documenti-e-risorse/focus-group/nord-ovest/",
        "/documenti-e-risorse/formazione/",
        "/documenti-e-risorse/formazione/formazione-funzionari-province/",
        "/cerca/?q=provincia",
    ],
    "en": [
        "/en/",
        "/en/the-project/",
        "/en/sectors/",
        "/en/sectors/single-procurement-office/",
        "/en/provinces/",
        "/en/provinces/treviso/",
        "/en/site-map/",
        "/en/newsroom/",
        "/en/newsroom/the-project-starts/",
        "/en/events/",
        "/en/events/past/",
        "/en/events/pro-digi-the-digital-province-internet-festival-2020/",
        "/en/good-practices/?settore=sua",
        "/en/good-practices/sua-province-of-treviso/",
        "/en/good-practices/find-comune/?comune=Ponte",
        "/en/documents-and-resources/",
        "/en/documents-and-resources/library/",
        "/en/documents-and-resources/library/{document}/",
        "/en/documents-and-resources/working-groups/",
        "/en/documents-and-resources/working-groups/single-procurement-office/",
        "/en/documents-and-resources/focus-groups/north-west/",
        "/en/documents-and-resources/training/",
        "/en/documents-and-resources/training/training-provincial-officials/",
        "/en/search/?q=province",
    ],
}

CREATE_DOCUMENT = """
from django.core.files.base import ContentFile
from core.models import SiteDocument
document = SiteDocument(title="Rapporto di avanzamento del progetto sui servizi delle Province 2026",
                        description="Un documento di prova con un titolo lungo.")
document.file.save("rapporto-di-avanzamento-con-un-nome-di-file-molto-lungo.pdf",
                   ContentFile(b"%PDF-1.4\\n%%EOF\\n"), save=False)
document.save()
print(document.pk)
"""


@pytest.fixture(scope="module")
def document_id(site_url, site_env):
    """The library has no document in the seed content: add one, as an editor would."""
    result = subprocess.run(
        [*MANAGE, "shell", "-c", CREATE_DOCUMENT],
        env=site_env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen(browser, site_url, document_id, width, language):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    too_wide = []
    for path in PAGES[language]:
        path = path.format(document=document_id)
        response = page.goto(site_url + path, wait_until="load")
        assert response.status == 200, path
        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll_width > inner_width:
            too_wide.append((path, scroll_width))
    context.close()
    assert too_wide == []


def test_open_menu_fits_a_small_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(site_url + "/")
    page.get_by_role("button", name="Mostra o nascondi il menu").click()
    link = page.locator("#main-menu .nav-link").first
    link.wait_for(state="visible")
    # The menu slides in: measure once its transitions have ended (getAnimations lists the running ones).
    page.wait_for_function(
        "() => document.querySelector('#main-menu').getAnimations({subtree: true}).length === 0"
    )
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_header_fits_and_searches_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(site_url + "/")
    title = page.locator(".it-brand-title").bounding_box()
    assert title["height"] < 3 * 22  # the site name takes at most three lines, not one word a line
    page.get_by_role("link", name="Cerca nel sito").click()
    page.wait_for_load_state()
    assert page.url.startswith(site_url + "/cerca/")
    context.close()


def test_catalogue_filters_come_first_and_folded_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "/buone-pratiche/?settore=sua&area=nord-est")
    toggle = page.locator("#practice-filters summary")
    assert toggle.locator(".practice-filters-title").inner_text() == "Filtra"
    assert toggle.locator(".practice-filters-count").text_content() == "2 filtri attivi"
    assert not page.get_by_role("checkbox", name="SUA").first.is_visible()
    results = page.locator(".practice-results").bounding_box()
    assert toggle.bounding_box()["y"] < results["y"]
    toggle.click()
    assert page.get_by_role("checkbox", name="SUA").first.is_visible()
    context.close()

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(site_url + "/buone-pratiche/")
    assert page.get_by_role("checkbox", name="SUA").first.is_visible()  # open beside the results on a desktop
    context.close()


def test_facet_option_without_results_has_one_checkbox(browser, site_url):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(site_url + "/buone-pratiche/")
    disabled = page.locator(".practice-facet input[type=checkbox]:disabled").first
    # The native input stays invisible: only the label's drawn box shows (Bootstrap Italia's pattern).
    assert disabled.evaluate("el => getComputedStyle(el).opacity") == "0"
    context.close()
