"""The catalogue's content: the catalogue page, the themes it needs and the three reference practices.

Only the facts of the project's documents are used: the focus groups' final report names, as reference
practices, the Stazione Unica Appaltante (SUA) of the Provincia di Treviso, the “Servizio Europa di Area
Vasta” of the Provincia di Brescia and, for innovation, a “Centro Servizi Territoriale” model. Every
other section of these records stays empty for the editors to fill in.

The Centro Servizi Territoriale is named as a model, not as the practice of a given Province: its record
is created as a draft without a Province, so it is not published until an editor states which Province
runs it (a practice belongs to one owning Province).
"""

from core.loader import Text as T
from core.models import Province, Sector, Theme
from practices.models import PracticeIndexPage, PracticePage

CATALOGUE = {
    "title": T("Buone pratiche", "Good practices"),
    "slug": T("buone-pratiche", "good-practices"),
    "intro": T(
        "Il catalogo delle buone pratiche con cui le Province sostengono i Comuni: cerca per parola, filtra per "
        "settore, territorio, tema e livello di evidenza, scarica i dati aperti.",
        "The catalogue of the good practices by which the Provinces support the Comuni: search by keyword, filter "
        "by sector, territory, theme and level of evidence, download the open data.",
    ),
    "listing_summary": T(
        "Il catalogo delle buone pratiche delle Province nei tre settori del progetto.",
        "The catalogue of the Provinces' good practices in the project's three sectors.",
    ),
}

# The controlled themes the catalogue needs (slug, name), Italian and English.
THEMES = [
    (T("appalti-pubblici", "public-procurement"), T("Appalti pubblici", "Public procurement")),
    (T("fondi-europei", "eu-funds"), T("Fondi europei", "EU funds")),
    (T("gestione-associata", "shared-services"), T("Gestione associata dei servizi", "Shared services")),
    (
        T("trasformazione-digitale", "digital-transformation"),
        T("Trasformazione digitale", "Digital transformation"),
    ),
    (T("dati-e-statistica", "data-and-statistics"), T("Dati e statistica", "Data and statistics")),
    (T("formazione", "training"), T("Formazione del personale", "Staff training")),
]

EVIDENCE_NOTE = T(
    "Indicata come pratica di riferimento per il settore nel rapporto finale dei focus group del progetto.",
    "Named as the reference practice for the sector in the final report of the project's focus groups.",
)

REFERENCE_PRACTICES = [
    {
        "code": "SUA-TV-01",
        "slug": T("sua-provincia-di-treviso", "sua-province-of-treviso"),
        "title": T(
            "Stazione Unica Appaltante della Provincia di Treviso",
            "Single Procurement Office (SUA) of the Province of Treviso",
        ),
        "summary": T(
            "La Provincia di Treviso gestisce le procedure di gara per conto dei Comuni del proprio territorio: "
            "è la pratica di riferimento del settore indicata dal rapporto finale dei focus group.",
            "The Province of Treviso runs procurement procedures on behalf of the Comuni of its territory: the "
            "focus groups' final report names it as the sector's reference practice.",
        ),
        "sector": "sua",
        "province": "TV",
        "practice_type": "servizio",
        "themes": ["appalti-pubblici", "gestione-associata"],
    },
    {
        "code": "EUR-BS-01",
        "slug": T("servizio-europa-di-area-vasta-brescia", "wide-area-europe-service-brescia"),
        "title": T(
            "Servizio Europa di Area Vasta della Provincia di Brescia",
            "“Servizio Europa di Area Vasta” of the Province of Brescia",
        ),
        "summary": T(
            "Il servizio associato della Provincia di Brescia per le politiche europee dei Comuni: è la pratica "
            "di riferimento del settore indicata dal rapporto finale dei focus group.",
            "The Province of Brescia's shared service for the Comuni's European policies: the focus groups' "
            "final report names it as the sector's reference practice.",
        ),
        "sector": "europa",
        "province": "BS",
        "practice_type": "servizio",
        "themes": ["fondi-europei", "gestione-associata"],
    },
]

CENTRO_SERVIZI = {
    "code": "INN-CST-01",
    "slug": T("centro-servizi-territoriale", "territorial-service-centre"),
    "title": T("Centro Servizi Territoriale", "Territorial Service Centre (Centro Servizi Territoriale)"),
    "summary": T(
        "Il modello di riferimento per i servizi di innovazione, raccolta ed elaborazione dati indicato dal "
        "rapporto finale dei focus group.",
        "The reference model for innovation, data collection and processing services named by the focus "
        "groups' final report.",
    ),
    "sector": "innovazione",
    "themes": ["trasformazione-digitale", "dati-e-statistica"],
}


def ensure_themes(loader):
    themes = {}
    for slug, name in THEMES:
        loader.t(slug)
        theme = Theme.objects.filter(locale=loader.italian, slug=slug.it).first()
        if theme is None:
            theme = Theme.objects.create(
                locale=loader.italian, slug=slug.it, name=loader.t(name), sort_order=len(themes)
            )
            loader.log(f"  + theme: {theme}")
        else:
            loader.t(name)
        loader.translate(theme)
        themes[slug.it] = theme
    return themes


def _practice_fields(loader, data, sectors, themes):
    loader.t(data["slug"])
    fields = {
        "title": data["title"],
        "code": data["code"],
        "summary": data["summary"],
        "sector": sectors[data["sector"]],
        "practice_type": data.get("practice_type", ""),
        "evidence_source": "focus-group",
        "evidence_level": "3-validata",
        "evidence_note": EVIDENCE_NOTE,
    }
    return fields


def load_practices(loader, home):
    themes = ensure_themes(loader)
    sectors = {s.code: s for s in Sector.objects.filter(locale=loader.italian)}
    loader.t(CATALOGUE["slug"])
    catalogue = loader.page(
        home,
        PracticeIndexPage,
        CATALOGUE["slug"].it,
        title=CATALOGUE["title"],
        intro=CATALOGUE["intro"],
        listing_summary=CATALOGUE["listing_summary"],
        show_in_menus=True,
    )
    loader.translate(catalogue)
    for data in REFERENCE_PRACTICES:
        fields = _practice_fields(loader, data, sectors, themes)
        practice = loader.page(
            catalogue,
            PracticePage,
            data["slug"].it,
            province=Province.objects.get(sigla=data["province"]),
            **fields,
        )
        if not practice.themes.exists():
            practice.themes.set([themes[slug] for slug in data["themes"]])
            practice.save_revision().publish()
        loader.translate(practice)

    # The Centro Servizi Territoriale: a draft without a Province (see the module's docstring).
    data = CENTRO_SERVIZI
    if not PracticePage.objects.child_of(catalogue).filter(slug=data["slug"].it).exists():
        fields = {
            key: loader.t(value) for key, value in _practice_fields(loader, data, sectors, themes).items()
        }
        draft = PracticePage(slug=data["slug"].it, locale=catalogue.locale, live=False, **fields)
        catalogue.add_child(instance=draft)
        draft.themes.set([themes[slug] for slug in data["themes"]])
        draft.save_revision()
        loader.log(f"  + draft practice (Province to be set by the editors): {draft.title}")
    return catalogue
