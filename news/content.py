"""The newsroom's content: the index, the news items the progress report describes, the workflow.

Only facts from the progress report (“Stato di avanzamento”) are used. The report gives the month the
project started (May 2020) and no day for anything it reports, so the news items carry a date with
month precision: the start of the project is dated May 2020; the media launch, the communication plan
and the progress itself are dated as the report that records them (January 2021, the month of the last
meeting it lists). No press release text, quotation or name is invented: these are news items, not
press releases, so no national release number is used up.
"""

import datetime

from wagtail.models import Page

from core.loader import Text as T
from core.models import Sector, SiteImage, Theme
from news.choices import DatePrecision, NewsType
from news.models import NewsIndexPage, NewsPage, NewsPageRelatedPage
from news.roles import assign_workflow, grant_press_offices

NEWSROOM = {
    "title": T("Sala stampa", "Newsroom"),
    "slug": T("sala-stampa", "newsroom"),
    "intro": T(
        "Le notizie del progetto, i comunicati stampa nazionali dell'UPI e i comunicati e le notizie degli "
        "uffici stampa delle 76 Province, con i contatti per la stampa e la cartella stampa.",
        "The project's news, UPI's national press releases and the press releases and news of the press "
        "offices of the 76 Provinces, with press contacts and the press kit.",
    ),
    "listing_summary": T(
        "Notizie e comunicati stampa del progetto, dall'UPI e dagli uffici stampa delle Province.",
        "News and press releases of the project, from UPI and the Provinces' press offices.",
    ),
}
EU_EMBLEM_CAPTION = T(
    "Emblema dell'Unione europea, da usare con la dicitura del finanziamento del progetto.",
    "The emblem of the European Union, to be used with the project's funding statement.",
)

THEMES = [
    (
        "governance-del-progetto",
        T("Governance del progetto", "Project governance"),
        T("governance-del-progetto", "project-governance"),
    ),
    ("comunicazione", T("Comunicazione", "Communication"), T("comunicazione", "communication")),
    (
        "mappatura-dei-servizi",
        T("Mappatura dei servizi", "Mapping of services"),
        T("mappatura-dei-servizi", "mapping-of-services"),
    ),
]

NEWS = [
    {
        "slug": T("al-via-il-progetto", "the-project-starts"),
        "title": T(
            "Al via il progetto «Le Province e il sistema dei servizi a supporto dei Comuni»",
            "The project “The Provinces and the system of services supporting the Comuni” starts",
        ),
        "date": datetime.date(2020, 5, 1),
        "themes": ["governance-del-progetto"],
        "sectors": ["sua", "europa", "innovazione"],
        "related": "il-progetto",
        "summary": T(
            "Nel maggio 2020, con la sottoscrizione della Convenzione tra l'UPI e la Presidenza del Consiglio dei "
            "Ministri – Dipartimento della Funzione Pubblica, prende avvio il progetto finanziato dal PON "
            "«Governance e capacità istituzionale» 2014-2020.",
            "In May 2020, with the signing of the Agreement between UPI and the Presidency of the Council of "
            "Ministers – Department of Public Function, the project funded by the PON “Governance and "
            "institutional capacity” 2014-2020 starts.",
        ),
        "body": [
            (
                "paragraph",
                [
                    T(
                        "Il progetto è stato avviato nel mese di maggio 2020, a seguito della sottoscrizione della "
                        "Convenzione tra l'UPI e la Presidenza del Consiglio dei Ministri – Dipartimento della Funzione "
                        "Pubblica. È finanziato dal PON «Governance e capacità istituzionale» 2014-2020 (FESR-FSE).",
                        "The project started in May 2020, following the signing of the Agreement between UPI and the "
                        "Presidency of the Council of Ministers – Department of Public Function. It is funded by the "
                        "PON “Governance and institutional capacity” 2014-2020 (ERDF-ESF).",
                    ),
                ],
            ),
            ("heading", T("La prima fase", "The first phase")),
            (
                "paragraph",
                [
                    T(
                        "In una prima fase il progetto si è concentrato sulla costituzione degli organi di governo e sulla "
                        "creazione del gruppo di lavoro interno all'UPI, integrato con esperti esterni.",
                        "In a first phase the project focused on setting up its governing bodies and creating UPI's "
                        "internal working group, supplemented by external experts.",
                    ),
                    T(
                        "Al tempo stesso l'UPI ha avviato il coordinamento con le 76 Province interessate, attraverso i "
                        "protocolli per l'adesione politica al progetto e un incontro di presentazione e di confronto, "
                        "primo atto di coinvolgimento dei referenti provinciali.",
                        "At the same time UPI started coordinating with the 76 Provinces involved, through the protocols "
                        "of political adhesion to the project and a presentation and discussion meeting, the first step "
                        "in involving the provincial referents.",
                    ),
                ],
            ),
            ("heading", T("I tre settori", "The three sectors")),
            (
                "paragraph",
                [
                    (
                        "ul",
                        [
                            T("Stazione Unica Appaltante (SUA);", "Single Procurement Office (SUA);"),
                            T(
                                "Servizi associati per le Politiche Europee;",
                                "Shared services for European Policies;",
                            ),
                            T(
                                "Servizi di innovazione, raccolta ed elaborazione dati.",
                                "Innovation, data collection and processing services.",
                            ),
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "slug": T(
            "il-progetto-sui-media-piano-di-comunicazione", "the-project-in-the-media-communication-plan"
        ),
        "title": T(
            "Il progetto sui media: il Piano di comunicazione e i canali social",
            "The project in the media: the communication plan and the social channels",
        ),
        "date": datetime.date(2021, 1, 1),
        "themes": ["comunicazione"],
        "sectors": [],
        "related": "comunicazione",
        "summary": T(
            "Comunicati stampa nazionali e sulle testate locali, Facebook, Twitter e Instagram, il sito dell'UPI: "
            "il rapporto sullo stato di avanzamento riferisce il lancio del progetto sui media e la realizzazione "
            "del Piano di comunicazione.",
            "National press releases and local media, Facebook, Twitter and Instagram, the UPI website: the "
            "progress report records the project's launch in the media and the drawing up of the communication plan.",
        ),
        "body": [
            ("heading", T("Il lancio sui media", "The media launch")),
            (
                "paragraph",
                [
                    T(
                        "Parallelamente alle attività di mappatura, si è proceduto al lancio del progetto sui media, con "
                        "la redazione e la diffusione di comunicati stampa a livello nazionale e sulle testate locali, "
                        "sui social media (Facebook, Twitter, Instagram) e sul sito dell'UPI.",
                        "Alongside the mapping activities, the project was launched in the media, by drafting and "
                        "circulating press releases at national level and in local media, on social media (Facebook, "
                        "Twitter, Instagram) and on the UPI website.",
                    ),
                ],
            ),
            (
                "heading",
                T(
                    "Il Piano di comunicazione e il sito dedicato",
                    "The communication plan and the dedicated website",
                ),
            ),
            (
                "paragraph",
                [
                    T(
                        "È stato realizzato il Piano di comunicazione del progetto, e a gennaio 2021 era in via di "
                        "completamento la costruzione del sito web dedicato.",
                        "The project's communication plan has been drawn up, and in January 2021 the construction of "
                        "the dedicated website was being completed.",
                    ),
                ],
            ),
            ("heading", T("Gli uffici stampa delle 76 Province", "The press offices of the 76 Provinces")),
            (
                "paragraph",
                [
                    T(
                        "Sono stati contattati gli uffici stampa delle 76 Province, per avviare una comunicazione "
                        "sinergica e coerente.",
                        "The press offices of the 76 Provinces were contacted, to start a synergic and coherent "
                        "communication.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": T("stato-di-avanzamento-e-prossimi-passi", "progress-and-next-steps"),
        "title": T(
            "Lo stato di avanzamento del progetto e i prossimi passi",
            "The project's progress and its next steps",
        ),
        "date": datetime.date(2021, 1, 1),
        "themes": ["mappatura-dei-servizi"],
        "sectors": ["sua", "europa", "innovazione"],
        "related": "stato-di-avanzamento",
        "summary": T(
            "La mappatura dei servizi delle Province ai Comuni è in corso con l'Università degli Studi di Perugia; "
            "seguiranno la restituzione dei risultati, quattro focus group, tre gruppi di lavoro tematici, la "
            "piattaforma collaborativa e la formazione.",
            "The mapping of the Provinces' services to the Comuni is under way with the University of Perugia; "
            "the presentation of its results, four focus groups, three thematic working groups, the collaborative "
            "platform and training will follow.",
        ),
        "body": [
            ("heading", T("La mappatura", "The mapping")),
            (
                "paragraph",
                [
                    T(
                        "Con il Dipartimento di Scienze Politiche dell'Università degli Studi di Perugia sono state avviate "
                        "l'analisi desk e la mappatura delle esperienze delle Province nei tre settori del progetto. La "
                        "mappatura è in corso attraverso un questionario online ai referenti delle 76 Province e interviste "
                        "di profondità; dai dati raccolti nascerà un report finale da cui scaturiranno le migliori pratiche.",
                        "With the Department of Political Science of the University of Perugia the desk analysis and the "
                        "mapping of the Provinces' experience in the project's three sectors have started. The mapping is "
                        "under way through an online questionnaire to the referents of the 76 Provinces and in-depth "
                        "interviews; the data collected will lead to a final report from which the best practices will emerge.",
                    ),
                ],
            ),
            ("heading", T("Dove è stato presentato il progetto", "Where the project has been presented")),
            (
                "paragraph",
                [
                    (
                        "ul",
                        [
                            T(
                                "Convegno «PRO.DIGI. La Provincia digitale», Internet Festival 2020, Pisa (19 novembre 2020);",
                                "Conference “PRO.DIGI. The digital Province”, Internet Festival 2020, Pisa (19 November 2020);",
                            ),
                            T(
                                "Presentazione del Rapporto BES delle Province 2020, UPI e Provincia di Pesaro e Urbino (23 novembre 2020);",
                                "Presentation of the 2020 BES Report of the Provinces, UPI and the Province of Pesaro e Urbino (23 November 2020);",
                            ),
                            T(
                                "Presentazione della «Strategia italiana per le competenze digitali e il suo Piano Operativo» (2 dicembre 2020);",
                                "Presentation of the “Italian strategy for digital skills and its Operational Plan” (2 December 2020);",
                            ),
                            T(
                                "Incontro nazionale dei Segretari generali e dei dirigenti del personale delle Province (11 gennaio 2021).",
                                "National meeting of the secretaries-general and personnel directors of the Provinces (11 January 2021).",
                            ),
                        ],
                    ),
                ],
            ),
            ("heading", T("I prossimi passi", "Next steps")),
            (
                "paragraph",
                [
                    (
                        "ul",
                        [
                            T(
                                "un incontro online con le 76 Province per restituire i risultati della mappatura;",
                                "an online meeting with the 76 Provinces to present the results of the mapping;",
                            ),
                            T(
                                "quattro focus group per macro-area (Nord-Ovest, Nord-Est, Centro e Sud), che approfondiranno le "
                                "risultanze dei questionari e prepareranno i gruppi di lavoro tematici;",
                                "four focus groups by macro-area (North-West, North-East, Centre and South), which will examine "
                                "the questionnaires' findings and prepare the thematic working groups;",
                            ),
                            T(
                                "tre gruppi di lavoro dedicati alla SUA, ai Servizi associati Politiche Europee e ai Servizi di "
                                "innovazione, raccolta ed elaborazione dati;",
                                "three working groups on the SUA, the shared European Policy services and the innovation, data "
                                "collection and processing services;",
                            ),
                            T(
                                "l'avvio della gara per la Piattaforma Collaborativa, contenitore di quanto prodotto dai gruppi di lavoro;",
                                "the launch of the tender for the Collaborative Platform, the container of what the working groups produce;",
                            ),
                            T(
                                "l'avvio della formazione e del capacity building per i funzionari delle Province.",
                                "the start of training and capacity building for the Provinces' officials.",
                            ),
                        ],
                    ),
                ],
            ),
        ],
    },
]


def ensure_themes(loader):
    themes = {}
    for slug, name, slugs in THEMES:
        loader.t(slugs)
        theme = Theme.objects.filter(locale=loader.italian, slug=slug).first()
        if theme is None:
            theme = Theme.objects.create(
                locale=loader.italian, slug=slug, name=loader.t(name), sort_order=len(themes)
            )
            loader.log(f"  + theme: {theme}")
        else:
            loader.t(name)
        themes[slug] = theme
        loader.translate(theme)
    return themes


def load_newsroom(loader, home_it):
    themes = ensure_themes(loader)
    sectors = {s.code: s for s in Sector.objects.filter(locale=loader.italian)}
    loader.t(NEWSROOM["slug"])
    loader.t(EU_EMBLEM_CAPTION)
    emblem = SiteImage.objects.filter(title="Emblema dell'Unione europea").first()
    press_kit = []
    if emblem is not None:
        press_kit = [("logo", {"image": emblem, "caption": EU_EMBLEM_CAPTION.it})]
    newsroom = loader.page(
        home_it,
        NewsIndexPage,
        NEWSROOM["slug"].it,
        title=NEWSROOM["title"],
        intro=NEWSROOM["intro"],
        listing_summary=NEWSROOM["listing_summary"],
        show_in_menus=True,
        press_kit=press_kit,
    )
    loader.translate(newsroom)

    for item in NEWS:
        loader.t(item["slug"])
        related = Page.objects.filter(locale=loader.italian, slug=item["related"]).first()
        page = loader.page(
            newsroom,
            NewsPage,
            item["slug"].it,
            title=item["title"],
            date=item["date"],
            date_precision=DatePrecision.MONTH,
            news_type=NewsType.NEWS,
            summary=item["summary"],
            body=loader.body(item["body"]),
            sectors=[sectors[code] for code in item["sectors"] if code in sectors],
            themes=[themes[slug] for slug in item["themes"]],
            related_pages=[NewsPageRelatedPage(related=related)] if related else [],
        )
        loader.translate(page)

    english = newsroom.get_translation_or_none(loader.english)
    assign_workflow([p for p in (newsroom, english) if p is not None])
    grant_press_offices(newsroom)
    return newsroom


__all__ = ["load_newsroom"]
