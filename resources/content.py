"""Content of “Documenti e risorse”, from the project's progress report and public documents.

The report plans four focus groups by macro-area, three thematic working groups (one per sector), a
collaborative platform holding what the groups produce, and training for provincial officials; it
refers to the mapping questionnaire, the communication plan and the mapping's final report. No
members, coordinators or dates are invented: the pages say what is planned and leave the rest to the
editors. Each working group gets a Django group, a private document collection and a reserved page.
"""

from wagtail.models import PageViewRestriction

from core.content import SECTORS
from core.loader import Text as T
from core.models import DocumentType, MacroArea, Sector
from resources.choices import GroupState, RegistrationStatus
from resources.models import (
    DocumentLibraryPage,
    FocusGroupIndexPage,
    FocusGroupPage,
    GroupMaterialPage,
    ResourcesIndexPage,
    TrainingIndexPage,
    TrainingOfferPage,
    UpcomingDocument,
    WorkingGroupIndexPage,
    WorkingGroupPage,
)
from resources.roles import members_area

RESOURCES = {
    "title": T("Documenti e risorse", "Documents and resources"),
    "slug": T("documenti-e-risorse", "documents-and-resources"),
    "intro": T(
        "I documenti del progetto, i gruppi di lavoro tematici, i focus group e la formazione per i funzionari "
        "delle Province.",
        "The project's documents, the thematic working groups, the focus groups and the training for the "
        "Provinces' officials.",
    ),
}
LIBRARY = {
    "title": T("Biblioteca dei documenti", "Document library"),
    "slug": T("biblioteca", "library"),
    "intro": T(
        "Rapporti, questionari, presentazioni, protocolli e materiali formativi del progetto, con i filtri per "
        "tipo, settore, anno, lingua e gruppo di lavoro.",
        "The project's reports, questionnaires, presentations, protocols and training material, with filters by "
        "type, sector, year, language and working group.",
    ),
}
WORKING_GROUPS = {
    "title": T("Gruppi di lavoro tematici", "Thematic working groups"),
    "slug": T("gruppi-di-lavoro", "working-groups"),
    "intro": T(
        "Tre gruppi di lavoro, uno per settore: la Stazione Unica Appaltante, i Servizi associati per le "
        "Politiche Europee, i Servizi di innovazione, raccolta ed elaborazione dati.",
        "Three working groups, one per sector: the Single Procurement Office, the Shared services for European "
        "Policies, the Innovation, data collection and processing services.",
    ),
}
WORKING_GROUPS_BODY = [
    T(
        "L'attivazione dei tre gruppi di lavoro è tra i passi successivi del progetto: i focus group per "
        "macro-area, che approfondiscono le risultanze dei questionari della mappatura, sono propedeutici alla "
        "loro costituzione.",
        "Activating the three working groups is one of the project's next steps: the focus groups by macro-area, "
        "which examine the results of the mapping questionnaires, prepare their setting up.",
    ),
    T(
        "Il progetto prevede una Piattaforma Collaborativa, intesa come contenitore di quanto prodotto dalle "
        "attività dei gruppi di lavoro.",
        "The project plans a Collaborative Platform, meant as the container of what the working groups' "
        "activities produce.",
    ),
]
WORKING_GROUP_TITLE = T("Gruppo di lavoro", "Working group")
WORKING_GROUP_SLUGS = {
    "sua": T("stazione-unica-appaltante", "single-procurement-office"),
    "europa": T("politiche-europee", "european-policies"),
    "innovazione": T("innovazione-e-dati", "innovation-and-data"),
}
WORKING_GROUP_PURPOSE_HEADING = T("Finalità", "Purpose")
WORKING_GROUP_PURPOSE = T(
    "Il gruppo di lavoro tematico riunisce le Province sul settore «{name}»: {description}",
    "The thematic working group brings the Provinces together on the sector “{name}”: {description}",
)
WORKING_GROUP_STATUS_HEADING = T("Stato", "Status")
WORKING_GROUP_STATUS = T(
    "L'attivazione del gruppo è prevista dopo i focus group per macro-area. Le Province partecipanti, i "
    "coordinatori, gli incontri e i prodotti del gruppo saranno indicati in questa pagina.",
    "The group is due to be activated after the focus groups by macro-area. The participating Provinces, the "
    "coordinators, the meetings and the group's outputs will be listed on this page.",
)
RESERVED = {
    "title": T("Area riservata", "Reserved area"),
    "slug": T("area-riservata", "reserved-area"),
    "intro": T(
        "I materiali di lavoro del gruppo, visibili solo ai suoi membri dopo l'accesso.",
        "The group's working material, visible only to its members after logging in.",
    ),
}

FOCUS_GROUPS = {
    "title": T("Focus group", "Focus groups"),
    "slug": T("focus-group", "focus-groups"),
    "intro": T(
        "Quattro focus group, uno per macro-area (Nord-Ovest, Nord-Est, Centro, Sud), ciascuno sui tre settori "
        "del progetto: dodici sessioni on line.",
        "Four focus groups, one per macro-area (North-West, North-East, Centre, South), each on the project's "
        "three sectors: twelve online sessions.",
    ),
}
FOCUS_GROUPS_BODY = [
    T(
        "I focus group aggregano le Province coinvolte in quattro macro-aree, hanno il compito di approfondire "
        "le risultanze dei questionari somministrati per la mappatura e sono propedeutici alla costituzione dei "
        "gruppi di lavoro tematici.",
        "The focus groups bring the Provinces involved together in four macro-areas; their task is to examine "
        "the results of the questionnaires used for the mapping, and they prepare the setting up of the thematic "
        "working groups.",
    ),
    T(
        "Il rapporto finale dei focus group indica le pratiche di riferimento per ciascun settore: la Stazione "
        "Unica Appaltante della Provincia di Treviso, il «Servizio Europa di Area Vasta» della Provincia di "
        "Brescia e, per l'innovazione, un «Centro Servizi Territoriale».",
        "The focus groups' final report names the reference practices for each sector: the Single Procurement "
        "Office of the Province of Treviso, the “Servizio Europa di Area Vasta” of the Province of Brescia and, "
        "for innovation, a “Centro Servizi Territoriale” (territorial service centre).",
    ),
]
FOCUS_GROUP_TITLES = {
    MacroArea.NORD_OVEST: (
        T("Focus group Nord-Ovest", "North-West focus group"),
        T("nord-ovest", "north-west"),
    ),
    MacroArea.NORD_EST: (T("Focus group Nord-Est", "North-East focus group"), T("nord-est", "north-east")),
    MacroArea.CENTRO: (T("Focus group Centro", "Centre focus group"), T("centro", "centre")),
    MacroArea.SUD: (T("Focus group Sud", "South focus group"), T("sud", "south")),
}
FOCUS_GROUP_INTRO = T(
    "Il focus group delle Province della macro-area, sui tre settori del progetto.",
    "The focus group of the macro-area's Provinces, on the project's three sectors.",
)
FOCUS_GROUP_HEADING = T("Che cosa fa", "What it does")
FOCUS_GROUP_BODY = T(
    "Il focus group approfondisce le risultanze del questionario di mappatura per la Stazione Unica "
    "Appaltante, i Servizi associati per le Politiche Europee e i Servizi di innovazione, raccolta ed "
    "elaborazione dati, in una sessione on line per ciascun settore.",
    "The focus group examines the results of the mapping questionnaire for the Single Procurement Office, the "
    "Shared services for European Policies and the Innovation, data collection and processing services, in one "
    "online session per sector.",
)

TRAINING = {
    "title": T("Formazione e capacity building", "Training and capacity building"),
    "slug": T("formazione", "training"),
    "intro": T(
        "Le attività di formazione e capacity building del progetto destinate ai funzionari delle Province.",
        "The project's training and capacity-building activities for the Provinces' officials.",
    ),
}
TRAINING_OFFER = {
    "title": T(
        "Formazione e capacity building per i funzionari delle Province",
        "Training and capacity building for the Provinces' officials",
    ),
    "slug": T("formazione-funzionari-province", "training-provincial-officials"),
    "intro": T(
        "L'avvio di attività di formazione e capacity building destinate ai funzionari delle Province è tra i "
        "passi successivi del progetto.",
        "Starting training and capacity-building activities for the Provinces' officials is one of the "
        "project's next steps.",
    ),
    "audience": T("Funzionari delle 76 Province", "Officials of the 76 Provinces"),
}
TRAINING_OFFER_BODY = [
    T(
        "La formazione accompagna i tre settori del progetto (Stazione Unica Appaltante, Servizi associati per "
        "le Politiche Europee, Servizi di innovazione, raccolta ed elaborazione dati) e si basa su quanto "
        "emerso dalla mappatura, dai focus group e dai gruppi di lavoro.",
        "The training follows the project's three sectors (Single Procurement Office, Shared services for "
        "European Policies, Innovation, data collection and processing services) and builds on what emerges from "
        "the mapping, the focus groups and the working groups.",
    ),
    T(
        "Il formato, i moduli, le sessioni e le modalità di iscrizione non sono ancora definiti: saranno "
        "pubblicati in questa pagina.",
        "The format, the modules, the sessions and how to register are not yet defined: they will be published "
        "on this page.",
    ),
]
TRAINING_PLAN_HEADING = T("Il piano", "The plan")

UPCOMING = [
    {
        "title": T(
            "Questionario on line di analisi per la mappatura",
            "Online analysis questionnaire for the mapping",
        ),
        "description": T(
            "Il questionario on line somministrato ai referenti delle 76 Province, insieme alle interviste di "
            "profondità, per la mappatura dei servizi che le Province offrono ai Comuni nei tre settori.",
            "The online questionnaire given to the referents of the 76 Provinces, together with in-depth "
            "interviews, for the mapping of the services the Provinces offer the Comuni in the three sectors.",
        ),
        "doc_type": DocumentType.QUESTIONNAIRE,
        "expected": T("", ""),
    },
    {
        "title": T("Piano di comunicazione del progetto", "The project's communication plan"),
        "description": T(
            "Il Piano di comunicazione del progetto: comunicati stampa nazionali e locali, social media, sito "
            "dell'UPI e sito dedicato, comunicazione coordinata con gli uffici stampa delle 76 Province.",
            "The project's communication plan: national and local press releases, social media, the UPI website "
            "and the dedicated website, communication coordinated with the press offices of the 76 Provinces.",
        ),
        "doc_type": DocumentType.PLAN,
        "expected": T("", ""),
    },
    {
        "title": T("Report finale della mappatura", "Final report of the mapping"),
        "description": T(
            "Il report finale elaborato sulla base dei dati del questionario e delle interviste, dal quale "
            "scaturiranno le migliori pratiche da valorizzare nel prosieguo del progetto.",
            "The final report drawn up from the questionnaire and interview data, from which the best practices "
            "to be promoted in the rest of the project will emerge.",
        ),
        "doc_type": DocumentType.REPORT,
        "expected": T("Al termine della mappatura", "At the end of the mapping"),
    },
]


def _restrict_page(page, group):
    restriction = PageViewRestriction.objects.filter(page=page).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([group])


def load(loader, home_it):
    sectors = {sector.code: sector for sector in Sector.objects.filter(locale=loader.italian)}
    resources = loader.section_page(home_it, ResourcesIndexPage, RESOURCES, menu=True)
    library = loader.section_page(resources, DocumentLibraryPage, LIBRARY, menu=True)

    wg_index = loader.section_page(
        resources,
        WorkingGroupIndexPage,
        WORKING_GROUPS,
        menu=True,
        body=loader.stream().paragraph(*WORKING_GROUPS_BODY).json(),
    )
    working_groups, reserved_pages = [], []
    for data in SECTORS:
        name = data["name"]
        group, collection = members_area(data["short_name"].it)
        slug = WORKING_GROUP_SLUGS[data["code"]]
        loader.t(slug)
        title = T(
            f"{WORKING_GROUP_TITLE.it} {data['short_name'].it}",
            f"{WORKING_GROUP_TITLE.en}: {data['short_name'].en}",
        )
        purpose = T(
            WORKING_GROUP_PURPOSE.it.format(
                name=name.it, description=data["description"].it[0].lower() + data["description"].it[1:]
            ),
            WORKING_GROUP_PURPOSE.en.format(
                name=name.en, description=data["description"].en[0].lower() + data["description"].en[1:]
            ),
        )
        page = loader.page(
            wg_index,
            WorkingGroupPage,
            slug.it,
            title=title,
            intro=data["description"],
            sector=sectors[data["code"]],
            state=GroupState.PLANNED,
            members_group=group,
            reserved_collection=collection,
            body=(
                loader.stream()
                .heading(WORKING_GROUP_PURPOSE_HEADING)
                .paragraph(purpose, *WORKING_GROUPS_BODY[1:])
                .heading(WORKING_GROUP_STATUS_HEADING)
                .paragraph(WORKING_GROUP_STATUS)
                .json()
            ),
        )
        working_groups.append(page)
        reserved = loader.section_page(page, GroupMaterialPage, RESERVED)
        _restrict_page(reserved, group)
        reserved_pages.append((reserved, group))

    fg_index = loader.section_page(
        resources,
        FocusGroupIndexPage,
        FOCUS_GROUPS,
        menu=True,
        body=loader.stream().paragraph(*FOCUS_GROUPS_BODY).json(),
    )
    focus_groups = []
    for macro_area, (title, slug) in FOCUS_GROUP_TITLES.items():
        loader.t(slug)
        focus_groups.append(
            loader.page(
                fg_index,
                FocusGroupPage,
                slug.it,
                title=title,
                intro=FOCUS_GROUP_INTRO,
                macro_area=macro_area,
                state=GroupState.CLOSED,
                body=loader.stream().heading(FOCUS_GROUP_HEADING).paragraph(FOCUS_GROUP_BODY).json(),
            )
        )

    training = loader.section_page(resources, TrainingIndexPage, TRAINING, menu=True)
    loader.t(TRAINING_OFFER["slug"])
    offer = loader.page(
        training,
        TrainingOfferPage,
        TRAINING_OFFER["slug"].it,
        title=TRAINING_OFFER["title"],
        intro=TRAINING_OFFER["intro"],
        audience=TRAINING_OFFER["audience"],
        registration_status=RegistrationStatus.PLANNED,
        body=loader.stream().heading(TRAINING_PLAN_HEADING).paragraph(*TRAINING_OFFER_BODY).json(),
    )

    for page in [resources, library, wg_index, *working_groups, fg_index, *focus_groups, training, offer]:
        loader.translate(page)
    for reserved, group in reserved_pages:
        # Translations do not inherit the privacy settings of the Italian page: restrict both.
        _restrict_page(reserved, group)
        _restrict_page(loader.translate(reserved), group)

    for order, data in enumerate(UPCOMING):
        entry = UpcomingDocument.objects.filter(locale=loader.italian, title=data["title"].it).first()
        if entry is None:
            entry = UpcomingDocument.objects.create(
                locale=loader.italian,
                title=loader.t(data["title"]),
                description=loader.t(data["description"]),
                doc_type=data["doc_type"],
                expected=loader.t(data["expected"]),
                sort_order=order,
            )
            loader.log(f"  + document in preparation: {entry}")
        else:
            for key in ("title", "description", "expected"):
                loader.t(data[key])
        loader.translate(entry)
