"""The events of the progress report (“Stato di avanzamento”): the four at which the project was presented,
with their dates only (all-day events), and the planned steps as events still to be scheduled.

Nothing the report does not say is added: no times, venues or speakers.
"""

import datetime

from core.loader import Text as T
from core.models import Province

from .choices import EventMode, EventType
from .models import EventIndexPage, EventPage

INDEX = {
    "title": T("Eventi", "Events"),
    "slug": T("eventi", "events"),
    "intro": T(
        "Gli incontri in cui il progetto è stato presentato, i focus group, i gruppi di lavoro e la formazione: "
        "il calendario delle prossime attività e i resoconti di quelle concluse.",
        "The meetings at which the project was presented, the focus groups, the working groups and the training: "
        "the calendar of the next activities and the reports of those already held.",
    ),
}

PRESENTED = T(
    "Il progetto «Le Province e il sistema dei servizi a supporto dei Comuni» è stato presentato in questa occasione, "
    "nell'ambito delle attività di diffusione previste dal piano di comunicazione.",
    "The project “The Provinces and the system of services supporting the Comuni” was presented on this occasion, "
    "as part of the dissemination activities of the communication plan.",
)

PAST_EVENTS = [
    {
        "slug": T(
            "pro-digi-la-provincia-digitale-internet-festival-2020",
            "pro-digi-the-digital-province-internet-festival-2020",
        ),
        "title": T(
            "Convegno «PRO.DIGI. La Provincia digitale» all'Internet Festival 2020",
            "Conference “PRO.DIGI. The digital Province” at Internet Festival 2020",
        ),
        "intro": T(
            "Relazione sul progetto al convegno «PRO.DIGI. La Provincia digitale», all'Internet Festival 2020 di Pisa.",
            "A talk on the project at the conference “PRO.DIGI. The digital Province”, at Internet Festival 2020 in Pisa.",
        ),
        "event_type": EventType.CONFERENCE,
        "start_date": datetime.date(2020, 11, 19),
        "city": T("Pisa", "Pisa"),
        "provinces": ["PI"],
    },
    {
        "slug": T(
            "presentazione-rapporto-bes-delle-province-2020", "presentation-bes-report-of-the-provinces-2020"
        ),
        "title": T(
            "Presentazione del Rapporto BES delle Province 2020",
            "Presentation of the 2020 BES Report of the Provinces",
        ),
        "intro": T(
            "Relazione sul progetto al convegno di presentazione del Rapporto BES delle Province 2020 "
            "(benessere equo e sostenibile), organizzato da UPI e Provincia di Pesaro e Urbino.",
            "A talk on the project at the conference presenting the 2020 BES Report of the Provinces (equitable and "
            "sustainable well-being), organised by UPI and the Province of Pesaro e Urbino.",
        ),
        "event_type": EventType.CONFERENCE,
        "start_date": datetime.date(2020, 11, 23),
        "organisers": T("UPI e Provincia di Pesaro e Urbino", "UPI and the Province of Pesaro e Urbino"),
        "provinces": ["PU"],
    },
    {
        "slug": T(
            "presentazione-strategia-italiana-competenze-digitali",
            "presentation-italian-strategy-digital-skills",
        ),
        "title": T(
            "Presentazione della «Strategia italiana per le competenze digitali e il suo Piano Operativo»",
            "Presentation of the “Italian strategy for digital skills and its Operational Plan”",
        ),
        "intro": T(
            "Intervento sul progetto all'incontro di presentazione della «Strategia italiana per le competenze digitali "
            "e il suo Piano Operativo».",
            "A contribution on the project at the meeting presenting the “Italian strategy for digital skills and its "
            "Operational Plan”.",
        ),
        "event_type": EventType.PRESENTATION,
        "start_date": datetime.date(2020, 12, 2),
    },
    {
        "slug": T(
            "incontro-nazionale-segretari-generali-dirigenti-personale-province",
            "national-meeting-secretaries-general-personnel-directors-provinces",
        ),
        "title": T(
            "Incontro nazionale dei Segretari generali e dei dirigenti al personale delle Province",
            "National meeting of the Provinces' secretaries-general and personnel directors",
        ),
        "intro": T(
            "Relazione sul progetto ai Centri di competenza per l'innovazione, all'incontro nazionale dei Segretari "
            "generali e dei dirigenti al personale delle Province.",
            "A talk on the project to the Competence centres for innovation, at the national meeting of the "
            "Provinces' secretaries-general and personnel directors.",
        ),
        "event_type": EventType.CONFERENCE,
        "start_date": datetime.date(2021, 1, 11),
    },
]

FOCUS_GROUP_INTRO = T(
    "Uno dei quattro focus group per macro-area: approfondisce con le Province della macro-area i risultati dei "
    "questionari nei tre settori del progetto e prepara la costituzione dei gruppi di lavoro tematici.",
    "One of the four focus groups by macro-area: with the Provinces of the macro-area it looks more closely at the "
    "results of the questionnaires in the project's three sectors and prepares the thematic working groups.",
)

PLANNED_EVENTS = [
    {
        "slug": T("incontro-online-restituzione-risultati-mappatura", "online-meeting-mapping-results"),
        "title": T(
            "Incontro online di restituzione dei risultati della mappatura",
            "Online meeting presenting the results of the mapping",
        ),
        "intro": T(
            "Incontro online con le 76 Province per restituire i risultati della mappatura dei servizi che le "
            "Province offrono ai Comuni.",
            "An online meeting with the 76 Provinces to present the results of the mapping of the services the "
            "Provinces offer to the Comuni.",
        ),
        "event_type": EventType.ONLINE_MEETING,
        "mode": EventMode.ONLINE,
    },
    *[
        {
            "slug": T(f"focus-group-{area}", f"focus-group-{area_en.lower()}"),
            "title": T(f"Focus group {label}", f"Focus group {area_en}"),
            "intro": FOCUS_GROUP_INTRO,
            "event_type": EventType.FOCUS_GROUP,
            "macro_area": area,
        }
        for area, label, area_en in (
            ("nord-ovest", "Nord-Ovest", "North-West"),
            ("nord-est", "Nord-Est", "North-East"),
            ("centro", "Centro", "Centre"),
            ("sud", "Sud", "South"),
        )
    ],
    {
        "slug": T("avvio-gruppi-di-lavoro-tematici", "launch-thematic-working-groups"),
        "title": T("Avvio dei tre gruppi di lavoro tematici", "Launch of the three thematic working groups"),
        "intro": T(
            "Attivazione dei tre gruppi di lavoro dedicati alla Stazione Unica Appaltante, ai servizi associati per "
            "le politiche europee e ai servizi di innovazione, raccolta ed elaborazione dati.",
            "Launch of the three working groups on the single procurement office, shared services for European "
            "policies, and innovation, data collection and processing services.",
        ),
        "event_type": EventType.WORKING_GROUP,
    },
    {
        "slug": T("avvio-formazione-capacity-building", "start-training-capacity-building"),
        "title": T(
            "Avvio delle attività di formazione e capacity building",
            "Start of the training and capacity-building activities",
        ),
        "intro": T(
            "Avvio delle attività di formazione e di rafforzamento delle competenze (capacity building) destinate "
            "ai funzionari delle Province.",
            "Start of the training and capacity-building activities for the Provinces' officials.",
        ),
        "event_type": EventType.TRAINING,
    },
]


def _event(loader, index, data, report=None):
    loader.t(data["slug"])
    fields = {key: value for key, value in data.items() if key not in ("slug", "provinces")}
    fields["listing_summary"] = data["intro"]
    if report is not None:
        fields["report"] = report
    page = loader.page(index, EventPage, data["slug"].it, **fields)
    sigle = data.get("provinces")
    if sigle and page in loader.created:
        page.provinces = list(Province.objects.filter(sigla__in=sigle))
        page.save()
        page.save_revision().publish()
    return page


def load_events(loader, home_it):
    loader.t(INDEX["slug"])
    index = loader.page(
        home_it,
        EventIndexPage,
        INDEX["slug"].it,
        title=INDEX["title"],
        intro=INDEX["intro"],
        show_in_menus=True,
    )
    loader.translate(index)
    pages = [
        _event(loader, index, data, report=loader.stream().paragraph(PRESENTED).json())
        for data in PAST_EVENTS
    ]
    pages += [_event(loader, index, data) for data in PLANNED_EVENTS]
    for page in pages:
        loader.translate(page)
