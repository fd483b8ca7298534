"""The starting questionnaire, built only from the progress report's own wording.

The report says the mapping collects "informazioni e dati sullo stato di avanzamento dei servizi
offerti dalle Province ai comuni del proprio territorio nei tre settori". So the draft asks, for each
sector, whether the Province offers such services, what they are, their state of progress and the Comuni
they serve; and, in a general section, whether the Province agrees to the publication of its answers.
It is marked as a draft for UPI to complete: no question here is attributed to the research partner.
"""

import json
import uuid

from core.content import SECTORS
from core.loader import Text as T

from .choices import CONSENT_QUESTION, GENERAL_SECTION, QuestionKind
from .models import MappingPage, Questionnaire

TITLE = T(
    "Questionario sui servizi delle Province ai Comuni",
    "Questionnaire on the Provinces' services to the Comuni",
)
INTRO = T(
    "Bozza iniziale, preparata a partire dal rapporto sullo stato di avanzamento del progetto: l'UPI la completa "
    "prima di aprire una campagna.",
    "Initial draft, prepared from the project's progress report: UPI completes it before opening a campaign.",
)
GENERAL_TITLE = T("Informazioni generali", "General information")
CONSENT_LABEL = T(
    "La Provincia acconsente alla pubblicazione delle proprie risposte sul sito del progetto?",
    "Does the Province agree to the publication of its answers on the project's website?",
)
CONSENT_HELP = T(
    "Senza consenso, le risposte della Provincia sono usate solo nei dati aggregati.",
    "Without consent, the Province's answers are used only in aggregate figures.",
)
YES, NO = T("Sì", "Yes"), T("No", "No")
OFFERS_LABEL = T(
    "La Provincia offre ai Comuni del proprio territorio servizi in questo settore ({sector})?",
    "Does the Province offer services in this sector ({sector}) to the Comuni of its territory?",
)
DESCRIPTION_LABEL = T(
    "Quali servizi offre o prevede di offrire?", "Which services does it offer or plan to offer?"
)
PROGRESS_LABEL = T(
    "Qual è lo stato di avanzamento dei servizi?", "What is the state of progress of the services?"
)
PROGRESS_OPTIONS = [
    T("Attivi", "Active"),
    T("In fase di avvio", "Starting"),
    T("Programmati", "Planned"),
]
COMUNI_LABEL = T(
    "Quanti Comuni del territorio ne usufruiscono?", "How many Comuni of the territory use them?"
)
COMUNI_UNIT = T("Comuni", "Comuni")
DOCUMENTS_LABEL = T(
    "Documenti sui servizi (per esempio convenzioni o regolamenti)",
    "Documents on the services (for example agreements or regulations)",
)


def _question(
    loader,
    code,
    label,
    kind,
    required=False,
    help_text=None,
    options=(),
    unit=None,
    minimum=None,
    maximum=None,
    show_if=None,
    show_if_values=(),
):
    return {
        "code": code,
        "label": loader.t(label),
        "help_text": loader.t(help_text) if help_text else "",
        "kind": kind,
        "required": required,
        "options": [loader.t(o) for o in options],
        "unit": loader.t(unit) if unit else "",
        "minimum": minimum,
        "maximum": maximum,
        "show_if_code": show_if or "",
        "show_if_values": list(show_if_values),
    }


def _section(title, sector, questions):
    return {
        "type": "section",
        "id": str(uuid.uuid4()),
        "value": {
            "title": title,
            "sector": sector,
            "intro": "",
            "questions": [{"type": "item", "value": q, "id": str(uuid.uuid4())} for q in questions],
        },
    }


def sections(loader):
    result = [
        _section(
            loader.t(GENERAL_TITLE),
            GENERAL_SECTION,
            [
                _question(
                    loader,
                    CONSENT_QUESTION,
                    CONSENT_LABEL,
                    QuestionKind.SINGLE,
                    required=True,
                    help_text=CONSENT_HELP,
                    options=[YES, NO],
                ),
            ],
        )
    ]
    for data in SECTORS:
        code, name = data["code"], data["name"]
        offers = f"{code}_servizi"
        shown = ("si", "in-programma")
        label = T(OFFERS_LABEL.it.format(sector=name.it), OFFERS_LABEL.en.format(sector=name.en))
        result.append(
            _section(
                loader.t(name),
                code,
                [
                    _question(loader, offers, label, QuestionKind.YES_PLANNED_NO, required=True),
                    _question(
                        loader,
                        f"{code}_descrizione",
                        DESCRIPTION_LABEL,
                        QuestionKind.LONG_TEXT,
                        required=True,
                        show_if=offers,
                        show_if_values=shown,
                    ),
                    _question(
                        loader,
                        f"{code}_stato",
                        PROGRESS_LABEL,
                        QuestionKind.SINGLE,
                        options=PROGRESS_OPTIONS,
                        show_if=offers,
                        show_if_values=shown,
                    ),
                    _question(
                        loader,
                        f"{code}_comuni",
                        COMUNI_LABEL,
                        QuestionKind.NUMBER,
                        unit=COMUNI_UNIT,
                        minimum=0,
                        maximum=400,
                        show_if=offers,
                        show_if_values=shown,
                    ),
                    _question(
                        loader,
                        f"{code}_documenti",
                        DOCUMENTS_LABEL,
                        QuestionKind.FILE,
                        show_if=offers,
                        show_if_values=shown,
                    ),
                ],
            )
        )
    return result


def load_questionnaire(loader, home_it=None):
    questionnaire = Questionnaire.objects.filter(locale=loader.italian).first()
    if questionnaire is None:
        questionnaire = Questionnaire.objects.create(
            locale=loader.italian,
            title=loader.t(TITLE),
            intro=loader.t(INTRO),
            is_draft=True,
            sections=json.dumps(sections(loader)),
        )
        loader.log(f"  + questionnaire: {questionnaire}")
    else:
        sections(loader)
        loader.t(TITLE)
        loader.t(INTRO)
    loader.translate(questionnaire)
    return questionnaire


PAGE = {
    "title": T("La mappatura dei servizi", "The mapping of services"),
    "slug": T("mappatura", "mapping"),
    "intro": T(
        "La mappatura raccoglie informazioni e dati sullo stato di avanzamento dei servizi offerti dalle Province ai "
        "Comuni del proprio territorio nei tre settori del progetto.",
        "The mapping collects information and data on the state of progress of the services the Provinces offer "
        "the Comuni of their territory in the project's three sectors.",
    ),
}
PAGE_BODY = [
    ("heading", T("Che cos'è", "What it is")),
    (
        "paragraph",
        [
            T(
                "Con il Dipartimento di Scienze Politiche dell'Università degli Studi di Perugia sono state avviate l'analisi "
                "desk e la mappatura delle esperienze delle Province nei tre settori di intervento del progetto. L'obiettivo è "
                "individuare le Province portatrici di «best practices» consolidate a livello locale.",
                "With the Department of Political Science of the University of Perugia, the desk analysis and the mapping of "
                "the Provinces' experience in the project's three sectors have started. The aim is to identify the Provinces "
                "that hold best practices established at local level.",
            )
        ],
    ),
    ("heading", T("Come si svolge", "How it works")),
    (
        "paragraph",
        [
            T(
                "La mappatura si svolge attraverso la somministrazione ai referenti delle 76 Province di un questionario on "
                "line di analisi e di interviste di profondità. Sulla base dei dati pervenuti si elabora un report finale dal "
                "quale scaturiranno le migliori pratiche da valorizzare nel prosieguo del progetto.",
                "The mapping is carried out through an online analysis questionnaire answered by the referents of the 76 "
                "Provinces and through in-depth interviews. From the data received, a final report is drawn up, from which "
                "the best practices to build on in the rest of the project will emerge.",
            )
        ],
    ),
    ("heading", T("I passi successivi", "Next steps")),
    (
        "paragraph",
        [
            (
                "ul",
                [
                    T(
                        "Un incontro on line di restituzione dei risultati della mappatura con le 76 Province.",
                        "An online meeting presenting the mapping's results to the 76 Provinces.",
                    ),
                    T(
                        "Quattro focus group per macro-area, che approfondiscono le risultanze dei questionari.",
                        "Four focus groups by macro-area, which look more closely at the questionnaires' findings.",
                    ),
                ],
            )
        ],
    ),
]


def load(loader, home_it):
    """The draft questionnaire and the mapping's page."""
    load_questionnaire(loader)
    # Under “Il progetto”, beside the progress page: the mapping is one of the project's activities.
    parent = home_it.get_children().filter(slug="il-progetto").first() or home_it
    page = loader.section_page(parent.specific, MappingPage, PAGE, PAGE_BODY, menu=True)
    loader.translate(page)
    return page
