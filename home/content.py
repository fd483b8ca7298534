"""The site's base content, from the project's progress report (“Stato di avanzamento”).

Only facts from the report and from the project's public documents are used; where only the owner of
a text can write it (accessibility statement, privacy notice), the page says so plainly.
"""

from wagtail.models import Page, Site

from core.content import SECTORS, eu_emblem
from core.loader import Text as T
from core.models import Sector, SiteSettings
from home.models import ContentPage, HomePage, ProvinceIndexPage, SectorIndexPage, SectorPage, SitemapPage

SITE_TITLE = T(
    "Le Province e il sistema dei servizi a supporto dei Comuni",
    "The Provinces and the system of services supporting the Comuni",
)

HOME = {
    "hero_kicker": T(
        "Progetto UPI – Dipartimento della Funzione Pubblica", "A UPI – Department of Public Function project"
    ),
    "hero_text": T(
        "Il progetto accompagna le 76 Province delle regioni a statuto ordinario nel rafforzare i servizi "
        "che offrono ai Comuni del proprio territorio: la stazione unica appaltante, i servizi associati per le "
        "politiche europee, l'innovazione e la raccolta ed elaborazione dei dati.",
        "The project supports the 76 Provinces of the ordinary-statute regions in strengthening the services "
        "they offer to the Comuni (municipalities) of their territory: the single procurement office, shared "
        "services for European policies, innovation and data collection and processing.",
    ),
    "hero_cta_label": T("Scopri il progetto", "Discover the project"),
    "sectors_heading": T("I tre settori del progetto", "The project's three sectors"),
    "listing_summary": T(
        "Il sito del progetto UPI e Dipartimento della Funzione Pubblica sui servizi delle Province ai Comuni.",
        "The website of the UPI and Department of Public Function project on the Provinces' services to the Comuni.",
    ),
}

KEY_FIGURES_HEADING = T("Il progetto in cifre", "The project in figures")
KEY_FIGURES = [
    (
        "76",
        T("Province", "Provinces"),
        T("delle regioni a statuto ordinario", "of the ordinary-statute regions"),
    ),
    (
        T("5.563", "5,563"),
        T("Comuni", "Comuni"),
        T("nel territorio delle 76 Province", "in the territory of the 76 Provinces"),
    ),
    (
        "3",
        T("settori di intervento", "sectors of intervention"),
        T(
            "SUA, politiche europee, innovazione e dati",
            "procurement, European policies, innovation and data",
        ),
    ),
    (
        "4",
        T("macro-aree", "macro-areas"),
        T("Nord-Ovest, Nord-Est, Centro, Sud", "North-West, North-East, Centre, South"),
    ),
]
HOME_INTRO_HEADING = T("Il progetto in breve", "The project in brief")
HOME_INTRO = [
    T(
        "Avviato nel maggio 2020 con la Convenzione tra l'Unione delle Province d'Italia (UPI) e la Presidenza del "
        "Consiglio dei Ministri – Dipartimento della Funzione Pubblica, il progetto è finanziato dal PON "
        "«Governance e capacità istituzionale» 2014-2020 (FESR-FSE).",
        "Launched in May 2020 under the Agreement between the Union of Italian Provinces (UPI) and the Presidency "
        "of the Council of Ministers – Department of Public Function, the project is funded by the National "
        "Operational Programme (PON) “Governance and institutional capacity” 2014-2020 (ERDF-ESF).",
    ),
    T(
        "Con la mappatura dei servizi, i focus group, i gruppi di lavoro tematici e la formazione, il progetto "
        "individua e valorizza le buone pratiche con cui le Province sostengono i Comuni.",
        "Through the mapping of services, focus groups, thematic working groups and training, the project "
        "identifies and promotes the good practices by which the Provinces support the Comuni.",
    ),
]

PROJECT = {
    "title": T("Il progetto", "The project"),
    "slug": T("il-progetto", "the-project"),
    "intro": T(
        "Un progetto dell'UPI e del Dipartimento della Funzione Pubblica per rafforzare i servizi che le Province "
        "offrono ai Comuni.",
        "A project of UPI and the Department of Public Function to strengthen the services the Provinces offer "
        "to the Comuni.",
    ),
}
PROJECT_BODY = [
    ("heading", T("L'accordo e il finanziamento", "The agreement and the funding")),
    (
        "paragraph",
        [
            T(
                "Il progetto è stato avviato nel mese di maggio 2020, a seguito della sottoscrizione della Convenzione "
                "tra UPI e la Presidenza del Consiglio dei Ministri – Dipartimento della Funzione Pubblica.",
                "The project started in May 2020, following the signing of the Agreement between UPI and the "
                "Presidency of the Council of Ministers – Department of Public Function.",
            ),
            T(
                "È finanziato dal Programma Operativo Nazionale (PON) «Governance e capacità istituzionale» 2014-2020, "
                "cofinanziato dal Fondo europeo di sviluppo regionale (FESR) e dal Fondo sociale europeo (FSE).",
                "It is funded by the National Operational Programme (PON) “Governance and institutional capacity” "
                "2014-2020, co-financed by the European Regional Development Fund (ERDF) and the European Social Fund (ESF).",
            ),
        ],
    ),
    ("heading", T("Le Province coinvolte", "The Provinces involved")),
    (
        "paragraph",
        [
            T(
                "Il progetto coinvolge le 76 Province delle quindici regioni a statuto ordinario, escluse le città "
                "metropolitane. Le Province hanno aderito politicamente al progetto sottoscrivendo appositi protocolli "
                "e hanno designato i propri referenti provinciali.",
                "The project involves the 76 Provinces of the fifteen ordinary-statute regions, metropolitan cities "
                "excluded. The Provinces joined the project politically by signing protocols and appointed their "
                "provincial referents.",
            ),
        ],
    ),
    ("heading", T("I tre settori di intervento", "The three sectors of intervention")),
    (
        "paragraph",
        [
            (
                "ul",
                [
                    T(
                        "Stazione Unica Appaltante (SUA): la Provincia gestisce le procedure di gara per conto dei Comuni;",
                        "Single Procurement Office (SUA): the Province runs procurement procedures on behalf of the Comuni;",
                    ),
                    T(
                        "Servizi associati per le Politiche Europee: servizi condivisi con i Comuni per i fondi e le politiche dell'Unione europea;",
                        "Shared services for European Policies: services shared with the Comuni for European Union funds and policies;",
                    ),
                    T(
                        "Servizi di innovazione, raccolta ed elaborazione dati.",
                        "Innovation, data collection and processing services.",
                    ),
                ],
            ),
        ],
    ),
    ("heading", T("Governance e gruppo di lavoro", "Governance and working group")),
    (
        "paragraph",
        [
            T(
                "In una prima fase il progetto si è concentrato sulla costituzione degli organi di governo e sulla "
                "creazione del gruppo di lavoro interno all'UPI, integrato con esperti esterni, per svolgere le attività "
                "di gestione e controllo delle procedure del PON.",
                "In a first phase the project focused on setting up its governing bodies and creating UPI's internal "
                "working group, supplemented by external experts, to carry out the management and control of the PON "
                "procedures.",
            ),
        ],
    ),
    (
        "heading",
        T("La collaborazione con l'Università di Perugia", "The partnership with the University of Perugia"),
    ),
    (
        "paragraph",
        [
            T(
                "Con il Dipartimento di Scienze Politiche dell'Università degli Studi di Perugia il progetto svolge "
                "l'analisi desk e la mappatura delle esperienze delle Province nei tre settori, per individuare le "
                "Province portatrici di buone pratiche consolidate a livello locale.",
                "With the Department of Political Science of the University of Perugia the project carries out the "
                "desk analysis and the mapping of the Provinces' experience in the three sectors, to identify the "
                "Provinces with good practices consolidated at local level.",
            ),
        ],
    ),
]

PROGRESS = {
    "title": T("Stato di avanzamento", "Progress"),
    "slug": T("stato-di-avanzamento", "progress"),
    "intro": T(
        "Le fasi del progetto e il loro stato, secondo il rapporto sullo stato di avanzamento aggiornato a gennaio 2021.",
        "The project's steps and their state, according to the progress report updated to January 2021.",
    ),
}
PROGRESS_HEADING = T("Le fasi del progetto", "The project's steps")
DONE, IN_PROGRESS, PLANNED = "done", "in-progress", "planned"
PROGRESS_STEPS = [
    (
        T(
            "Convenzione tra UPI e Dipartimento della Funzione Pubblica",
            "Agreement between UPI and the Department of Public Function",
        ),
        T("maggio 2020", "May 2020"),
        DONE,
        [
            T(
                "Con la sottoscrizione della Convenzione il progetto viene avviato.",
                "The signing of the Agreement starts the project.",
            )
        ],
    ),
    (
        T("Organi di governo e gruppo di lavoro", "Governing bodies and working group"),
        T("2020", "2020"),
        DONE,
        [
            T(
                "Costituzione degli organi di governo e del gruppo di lavoro interno all'UPI, integrato con esperti "
                "esterni, per la gestione e il controllo delle procedure del PON.",
                "Setting up of the governing bodies and of UPI's internal working group, supplemented by external "
                "experts, for the management and control of the PON procedures.",
            )
        ],
    ),
    (
        T(
            "Adesione delle 76 Province e incontro di presentazione",
            "The 76 Provinces join and the launch meeting",
        ),
        T("2020", "2020"),
        DONE,
        [
            T(
                "Coordinamento UPI con le 76 Province attraverso i protocolli di adesione politica al progetto e un "
                "incontro di presentazione e confronto, primo atto di coinvolgimento dei referenti provinciali.",
                "UPI coordination with the 76 Provinces through the protocols of political adhesion to the project and "
                "a presentation and discussion meeting, the first step in involving the provincial referents.",
            )
        ],
    ),
    (
        T("Lancio sui media e Piano di comunicazione", "Media launch and communication plan"),
        T("2020", "2020"),
        DONE,
        [
            T(
                "Comunicati stampa nazionali e sulle testate locali, social media (Facebook, Twitter, Instagram) e sito "
                "UPI; realizzazione del Piano di comunicazione e contatto con gli uffici stampa delle 76 Province.",
                "National and local press releases, social media (Facebook, Twitter, Instagram) and the UPI website; "
                "the communication plan and contact with the press offices of the 76 Provinces.",
            )
        ],
    ),
    (
        T(
            "Presentazione del progetto in convegni e incontri",
            "The project presented at conferences and meetings",
        ),
        T("novembre 2020 – gennaio 2021", "November 2020 – January 2021"),
        DONE,
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
            )
        ],
    ),
    (
        T(
            "Mappatura dei servizi delle Province ai Comuni",
            "Mapping of the Provinces' services to the Comuni",
        ),
        T("in corso a gennaio 2021", "under way in January 2021"),
        IN_PROGRESS,
        [
            T(
                "Con l'Università di Perugia: questionario online ai referenti delle 76 Province e interviste di "
                "profondità, per arrivare a un report finale da cui scaturiranno le migliori pratiche.",
                "With the University of Perugia: an online questionnaire to the referents of the 76 Provinces and "
                "in-depth interviews, leading to a final report from which the best practices will emerge.",
            )
        ],
    ),
    (
        T("Sito web dedicato", "Dedicated website"),
        T("in corso a gennaio 2021", "under way in January 2021"),
        IN_PROGRESS,
        [
            T(
                "La costruzione del sito web dedicato al progetto è in via di completamento.",
                "The construction of the project's dedicated website is being completed.",
            )
        ],
    ),
    (
        T("Restituzione dei risultati della mappatura", "Presenting the mapping's results"),
        T("prossimo passo", "next step"),
        PLANNED,
        [
            T(
                "Un incontro online con le 76 Province per restituire i risultati della mappatura.",
                "An online meeting with the 76 Provinces to present the results of the mapping.",
            )
        ],
    ),
    (
        T("Quattro focus group per macro-area", "Four focus groups by macro-area"),
        T("prossimo passo", "next step"),
        PLANNED,
        [
            T(
                "Focus group per le macro-aree Nord-Ovest, Nord-Est, Centro e Sud, per approfondire le risultanze dei "
                "questionari; sono propedeutici alla costituzione dei gruppi di lavoro tematici.",
                "Focus groups for the North-West, North-East, Centre and South macro-areas, to examine the "
                "questionnaires' findings in depth; they prepare the thematic working groups.",
            )
        ],
    ),
    (
        T("Tre gruppi di lavoro tematici", "Three thematic working groups"),
        T("prossimo passo", "next step"),
        PLANNED,
        [
            T(
                "Un gruppo di lavoro per la SUA, uno per i Servizi associati Politiche Europee e uno per i Servizi di innovazione, raccolta ed elaborazione dati.",
                "One working group for the SUA, one for the shared European Policy services and one for the innovation, data collection and processing services.",
            )
        ],
    ),
    (
        T("Piattaforma collaborativa", "Collaborative platform"),
        T("prossimo passo", "next step"),
        PLANNED,
        [
            T(
                "Avvio della gara per la realizzazione della piattaforma collaborativa, contenitore di quanto prodotto dai gruppi di lavoro.",
                "Launch of the tender for the collaborative platform, the container of what the working groups produce.",
            )
        ],
    ),
    (
        T("Formazione e capacity building", "Training and capacity building"),
        T("prossimo passo", "next step"),
        PLANNED,
        [
            T(
                "Avvio delle attività di formazione e capacity building destinate ai funzionari delle Province.",
                "Start of the training and capacity-building activities for provincial officials.",
            )
        ],
    ),
]

SECTORS_INDEX = {
    "title": T("I settori", "Sectors"),
    "slug": T("settori", "sectors"),
    "intro": T(
        "Il progetto lavora in tre settori in cui le Province offrono servizi ai Comuni del proprio territorio.",
        "The project works in three sectors in which the Provinces offer services to the Comuni of their territory.",
    ),
}

SECTOR_REFERENCE_HEADING = T("La pratica di riferimento", "The reference practice")

PROVINCES = {
    "title": T("Le Province", "The Provinces"),
    "slug": T("province", "provinces"),
    "intro": T(
        "Le 76 Province delle regioni a statuto ordinario che partecipano al progetto, per macro-area e regione. "
        "Ogni Provincia ha la sua pagina con i servizi e le esperienze per i Comuni.",
        "The 76 Provinces of the ordinary-statute regions taking part in the project, by macro-area and region. "
        "Each Province has its own page with its services and experience for the Comuni.",
    ),
}

COMMUNICATION = {
    "title": T("Comunicazione", "Communication"),
    "slug": T("comunicazione", "communication"),
    "intro": T(
        "Il Piano di comunicazione del progetto e i suoi canali.",
        "The project's communication plan and its channels.",
    ),
}
COMMUNICATION_BODY = [
    ("heading", T("Il Piano di comunicazione", "The communication plan")),
    (
        "paragraph",
        [
            T(
                "Parallelamente alle attività del progetto, l'UPI ne ha curato il lancio sui media e ha realizzato il "
                "Piano di comunicazione del progetto.",
                "Alongside the project's activities, UPI launched it in the media and drew up the project's "
                "communication plan.",
            ),
        ],
    ),
    ("heading", T("I canali", "The channels")),
    (
        "paragraph",
        [
            (
                "ul",
                [
                    T(
                        "comunicati stampa a livello nazionale e sulle testate locali;",
                        "press releases at national level and in local media;",
                    ),
                    T(
                        "i social media: Facebook, Twitter e Instagram;",
                        "social media: Facebook, Twitter and Instagram;",
                    ),
                    T("il sito dell'UPI;", "the UPI website;"),
                    T("questo sito web dedicato al progetto.", "this website dedicated to the project."),
                ],
            ),
        ],
    ),
    ("heading", T("Gli uffici stampa delle Province", "The Provinces' press offices")),
    (
        "paragraph",
        [
            T(
                "Sono stati contattati gli uffici stampa delle 76 Province per avviare una comunicazione sinergica e "
                "coerente: su questo sito pubblicano le notizie e i comunicati locali sul progetto.",
                "The press offices of the 76 Provinces were contacted to start a synergic and coherent communication: "
                "on this site they publish local news and press releases about the project.",
            ),
        ],
    ),
]

ACCESSIBILITY = {
    "title": T("Dichiarazione di accessibilità", "Accessibility statement"),
    "slug": T("dichiarazione-di-accessibilita", "accessibility-statement"),
    "intro": T(
        "Il sito è progettato per essere conforme alle Linee guida AgID sull'accessibilità e alle WCAG 2.1 di livello AA (Legge 4/2004).",
        "The site is designed to comply with the AgID accessibility guidelines and WCAG 2.1 level AA (Law 4/2004).",
    ),
}
ACCESSIBILITY_BODY = [
    ("heading", T("Stato della dichiarazione", "Status of the statement")),
    (
        "paragraph",
        [
            T(
                "La dichiarazione di accessibilità ufficiale è compilata e pubblicata dall'UPI, titolare del sito, con la "
                "procedura dell'Agenzia per l'Italia Digitale. Fino alla sua pubblicazione questa pagina ne fa le veci.",
                "The official accessibility statement is drawn up and published by UPI, the site's owner, through the "
                "procedure of the Agency for Digital Italy (AgID). Until it is published this page stands in for it.",
            ),
        ],
    ),
    ("heading", T("Che cosa fa il sito", "What the site does")),
    (
        "paragraph",
        [
            (
                "ul",
                [
                    T(
                        "usa il sistema di progettazione Bootstrap Italia delle Linee guida di design AgID;",
                        "it uses the Bootstrap Italia design system of the AgID design guidelines;",
                    ),
                    T(
                        "offre collegamenti per saltare al contenuto, alla navigazione e al piè di pagina;",
                        "it offers links to skip to the content, the navigation and the footer;",
                    ),
                    T(
                        "richiede un testo alternativo per ogni immagine non decorativa;",
                        "it requires alternative text for every non-decorative image;",
                    ),
                    T(
                        "è verificato automaticamente a ogni modifica con axe-core.",
                        "it is checked automatically with axe-core at every change.",
                    ),
                ],
            ),
        ],
    ),
    ("heading", T("Segnalazioni", "Feedback")),
    (
        "paragraph",
        [
            T(
                "Per segnalare un problema di accessibilità scrivere all'indirizzo di contatto indicato nel piè di pagina.",
                "To report an accessibility problem, write to the contact address given in the footer.",
            ),
        ],
    ),
]

PRIVACY = {
    "title": T("Privacy", "Privacy"),
    "slug": T("privacy", "privacy"),
    "intro": T(
        "Come il sito tratta i dati di chi lo visita.",
        "How the site handles its visitors' data.",
    ),
}
PRIVACY_BODY = [
    ("heading", T("Nessun tracciamento", "No tracking")),
    (
        "paragraph",
        [
            T(
                "Il sito non usa cookie di profilazione né strumenti di analisi di terze parti e non carica risorse "
                "(caratteri, script, immagini) da altri siti: chi lo visita non viene tracciato.",
                "The site uses no profiling cookies nor third-party analytics and loads no resources (fonts, scripts, "
                "images) from other sites: its visitors are not tracked.",
            ),
            T(
                "L'unico cookie è quello tecnico di sessione, usato solo da chi accede all'area riservata.",
                "The only cookie is the technical session cookie, used only by those who log in to the reserved area.",
            ),
        ],
    ),
    ("heading", T("Informativa completa", "Full notice")),
    (
        "paragraph",
        [
            T(
                "L'informativa sul trattamento dei dati personali ai sensi del Regolamento (UE) 2016/679 è redatta dal "
                "titolare del trattamento, l'UPI, e sarà pubblicata in questa pagina.",
                "The notice on the processing of personal data under Regulation (EU) 2016/679 is written by the data "
                "controller, UPI, and will be published on this page.",
            ),
        ],
    ),
]

LEGAL = {
    "title": T("Note legali", "Legal notes"),
    "slug": T("note-legali", "legal-notes"),
    "intro": T("Condizioni d'uso dei contenuti del sito.", "Terms of use of the site's content."),
}
LEGAL_BODY = [
    ("heading", T("Licenza dei contenuti", "Content licence")),
    (
        "paragraph",
        [
            T(
                "Salvo dove diversamente indicato, i contenuti di questo sito sono pubblicati con licenza Creative "
                "Commons Attribuzione 4.0 Internazionale (CC BY 4.0).",
                "Unless otherwise stated, the content of this site is published under the Creative Commons Attribution "
                "4.0 International licence (CC BY 4.0).",
            ),
        ],
    ),
    ("heading", T("Dati di riferimento", "Reference data")),
    (
        "paragraph",
        [
            T(
                "L'elenco delle Province e dei Comuni proviene dall'ISTAT (Codici statistici delle unità amministrative "
                "territoriali; popolazione al censimento 2011), con licenza CC BY 3.0 IT.",
                "The list of Provinces and Comuni comes from ISTAT (statistical codes of the territorial administrative "
                "units; population at the 2011 census), under the CC BY 3.0 IT licence.",
            ),
        ],
    ),
]

SITEMAP = {
    "title": T("Mappa del sito", "Site map"),
    "slug": T("mappa-del-sito", "site-map"),
    "intro": T("Tutte le pagine del sito.", "All the pages of the site."),
}

FUNDING_STATEMENT = T(
    "Il progetto «Le Province e il sistema dei servizi a supporto dei Comuni» è realizzato dall'UPI in convenzione "
    "con la Presidenza del Consiglio dei Ministri – Dipartimento della Funzione Pubblica ed è finanziato dal PON "
    "«Governance e capacità istituzionale» 2014-2020, cofinanziato dall'Unione europea (FESR-FSE).",
    "The project “The Provinces and the system of services supporting the Comuni” is carried out by UPI under an "
    "agreement with the Presidency of the Council of Ministers – Department of Public Function and is funded by the "
    "PON “Governance and institutional capacity” 2014-2020, co-financed by the European Union (ERDF-ESF).",
)


# The order of the main menu on a new site (Italian slugs); editors reorder freely afterwards.
MENU_ORDER = [
    "il-progetto",
    "settori",
    "buone-pratiche",
    "province",
    "sala-stampa",
    "eventi",
    "documenti-e-risorse",
    "comunicazione",
]


def order_menu(home):
    """Put the sections the apps added in the menu order, in every language tree."""
    rank = {}
    for page in home.get_children().filter(slug__in=MENU_ORDER):
        rank[page.translation_key] = MENU_ORDER.index(page.slug)
    for tree in home.get_translations(inclusive=True):
        children = sorted(
            (child for child in tree.get_children() if child.translation_key in rank),
            key=lambda child: rank[child.translation_key],
        )
        for previous, child in zip(children, children[1:], strict=False):
            child.refresh_from_db()
            previous.refresh_from_db()
            child.move(previous, pos="right")


def ensure_home(loader):
    home = HomePage.objects.filter(locale=loader.italian).first()
    if home is not None:
        for text in HOME.values():
            loader.t(text)
        loader.t(SITE_TITLE)
        return home
    root = Page.get_first_root_node()
    # Wagtail's installer creates a plain “Welcome” page: the site's home page replaces it.
    for page in root.get_children().filter(content_type__model="page", content_type__app_label="wagtailcore"):
        page.delete()
    home = HomePage(
        title=loader.t(SITE_TITLE),
        slug="home",
        locale=loader.italian,
        body=home_body(loader),
        **{key: loader.t(value) for key, value in HOME.items() if key != "hero_cta_label"},
        hero_cta_label=loader.t(HOME["hero_cta_label"]),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    loader.created.append(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=SITE_TITLE.it
        )
    else:
        site.root_page = home
        site.site_name = SITE_TITLE.it
        site.save()
    return home


def home_body(loader):
    return (
        loader.stream()
        .key_figures(KEY_FIGURES_HEADING, KEY_FIGURES)
        .heading(HOME_INTRO_HEADING)
        .paragraph(*HOME_INTRO)
        .json()
    )


def load_base_content(loader):
    sectors = {sector.code: sector for sector in Sector.objects.filter(locale=loader.italian)}
    home = ensure_home(loader)

    project = loader.section_page(home, ContentPage, PROJECT, PROJECT_BODY, menu=True)
    progress = loader.section_page(
        project,
        ContentPage,
        PROGRESS,
        menu=True,
        body=loader.stream().timeline(PROGRESS_HEADING, PROGRESS_STEPS).json(),
    )
    sector_index = loader.section_page(home, SectorIndexPage, SECTORS_INDEX, menu=True)
    sector_pages = []
    for data in SECTORS:
        body = loader.stream().heading(SECTOR_REFERENCE_HEADING).paragraph(data["reference"]).json()
        sector_pages.append(
            loader.page(
                sector_index,
                SectorPage,
                data["slug"].it,
                title=data["name"],
                sector=sectors[data["code"]],
                intro=data["description"],
                listing_summary=data["description"],
                body=body,
            )
        )
    provinces = loader.section_page(home, ProvinceIndexPage, PROVINCES, menu=True)
    communication = loader.section_page(home, ContentPage, COMMUNICATION, COMMUNICATION_BODY, menu=True)
    accessibility = loader.section_page(home, ContentPage, ACCESSIBILITY, ACCESSIBILITY_BODY)
    privacy = loader.section_page(home, ContentPage, PRIVACY, PRIVACY_BODY)
    legal = loader.section_page(home, ContentPage, LEGAL, LEGAL_BODY)
    sitemap = loader.section_page(home, SitemapPage, SITEMAP)

    if not home.hero_cta_page_id:
        home.hero_cta_page = project
        home.save_revision().publish()

    ensure_settings(loader, accessibility, privacy, legal, sitemap)

    for page in [
        home,
        project,
        progress,
        sector_index,
        *sector_pages,
        provinces,
        communication,
        accessibility,
        privacy,
        legal,
        sitemap,
    ]:
        loader.translate(page)
    return home


def ensure_settings(loader, accessibility, privacy, legal, sitemap):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    changed = False
    for field, page in (
        ("accessibility_page", accessibility),
        ("privacy_page", privacy),
        ("legal_notes_page", legal),
        ("sitemap_page", sitemap),
    ):
        if getattr(settings, f"{field}_id") is None:
            setattr(settings, field, page)
            changed = True
    if not settings.funding_statement:
        settings.funding_statement = FUNDING_STATEMENT.it
        settings.funding_statement_en = FUNDING_STATEMENT.en
        changed = True
    if settings.logo_eu_id is None:
        settings.logo_eu = eu_emblem()
        changed = True
    if changed:
        settings.save()
