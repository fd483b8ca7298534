"""Every kind of page of the site, in both languages, under the browser's common checks (``check_page``):
it answers, speaks its language, shows its heading, breaks no CSP rule and passes axe-core."""

import pytest

from tests.browser.conftest import check_page

pytestmark = pytest.mark.browser

# (path, expected status, <html lang>, first h1); None: not checked for that page.
PAGES = [
    # Home and the generic pages
    ("/", 200, "it", "Le Province e il sistema dei servizi a supporto dei Comuni"),
    ("/en/", 200, "en", "The Provinces and the system of services supporting the Comuni"),
    ("/il-progetto/stato-di-avanzamento/", 200, None, None),
    ("/province/", 200, None, None),
    ("/province/treviso/", 200, None, None),
    ("/en/provinces/pesaro-e-urbino/", 200, None, None),
    ("/settori/politiche-europee/", 200, None, None),
    ("/mappa-del-sito/", 200, None, None),
    ("/cerca/?q=province", 200, None, None),
    ("/pagina-inesistente/", 404, None, None),
    # Newsroom
    ("/sala-stampa/", 200, "it", "Sala stampa"),
    ("/en/newsroom/", 200, "en", "Newsroom"),
    (
        "/sala-stampa/stato-di-avanzamento-e-prossimi-passi/",
        200,
        "it",
        "Lo stato di avanzamento del progetto e i prossimi passi",
    ),
    ("/en/newsroom/progress-and-next-steps/", 200, "en", "The project's progress and its next steps"),
    # Events
    ("/eventi/", 200, None, None),
    ("/en/events/past/", 200, None, None),
    ("/eventi/presentazione-rapporto-bes-delle-province-2020/", 200, None, None),
    # Good practices
    ("/buone-pratiche/", 200, None, None),
    ("/en/good-practices/?settore=sua", 200, None, None),
    ("/buone-pratiche/sua-provincia-di-treviso/", 200, None, None),
    ("/buone-pratiche/trova-comune/?comune=Ponte", 200, None, None),
    # Documents and resources
    ("/documenti-e-risorse/biblioteca/", 200, "it", "Biblioteca dei documenti"),
    ("/en/documents-and-resources/library/?tipo=report", 200, "en", "Document library"),
    ("/documenti-e-risorse/gruppi-di-lavoro/stazione-unica-appaltante/", 200, "it", "Gruppo di lavoro SUA"),
    ("/en/documents-and-resources/focus-groups/south/", 200, "en", "South focus group"),
    ("/documenti-e-risorse/formazione/", 200, "it", "Formazione e capacity building"),
    (
        "/en/documents-and-resources/training/training-provincial-officials/",
        200,
        "en",
        "Training and capacity building for the Provinces' officials",
    ),
    # Search: the help page and pages without results
    ("/cerca/", 200, None, None),
    ("/cerca/?q=ornitorinco+progetto", 200, None, None),
    ("/en/search/?q=zzzz", 200, None, None),
]


@pytest.mark.parametrize(("path", "status", "lang", "heading"), PAGES, ids=[path for path, *_ in PAGES])
def test_page_passes_the_common_checks(page, site_url, path, status, lang, heading):
    check_page(page, site_url + path, status=status, lang=lang, heading=heading)
