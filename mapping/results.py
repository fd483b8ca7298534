"""The published results of a campaign: aggregates, per-Province answers with consent, open data.

Only submitted responses count. Every figure is computed from one query over the campaign's responses
(answers are JSON keyed by question code), so the cost does not grow with the number of questions.
"""

from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation

from core.models import MacroArea, Province, Sector

from .answers import display
from .choices import CONSENT_QUESTION, GENERAL_SECTION, QuestionKind, ResponseState, YesPlannedNo
from .models import Response

YPN_VALUES = [YesPlannedNo.YES, YesPlannedNo.PLANNED, YesPlannedNo.NO]


def _number(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


def has_consent(version, answers):
    """The Province agreed to publication: it chose the consent question's first option (“Sì”)."""
    question = next((q for q in version.questions() if q["code"] == CONSENT_QUESTION), None)
    return bool(question and question["options"] and answers.get(CONSENT_QUESTION) == question["options"][0])


class Results:
    """What a campaign's submitted responses say, by question, macro-area and region."""

    def __init__(self, campaign, english=False):
        self.campaign = campaign
        self.version = campaign.version
        self.english = english
        labels = self.version.english_labels() if (english and self.version) else {}
        self.questions = [
            {**q, "label": labels.get(q["code"], q["label"])}
            for q in (self.version.questions() if self.version else [])
        ]
        self.responses = list(
            Response.objects.filter(campaign=campaign, state=ResponseState.SUBMITTED, version=self.version)
            .select_related("province")
            .order_by("province__name")
        )
        self.invited = campaign.invited_provinces().count()

    @property
    def submitted(self):
        return len(self.responses)

    def sections(self):
        """Per section: its yes/planned/no questions with counts, and its number questions with totals."""
        sectors = {
            s.code: s.name
            for s in Sector.objects.filter(locale__language_code="en" if self.english else "it")
        }
        result = []
        structure = (
            (
                self.version.structure_en
                if self.english and self.version.structure_en
                else self.version.structure
            )
            if self.version
            else []
        )
        for section in structure:
            codes = {q["code"] for q in section["questions"]}
            questions = [q for q in self.questions if q["code"] in codes]
            ypn = [self._ypn(q) for q in questions if q["kind"] == QuestionKind.YES_PLANNED_NO]
            numbers = [self._numbers(q) for q in questions if q["kind"] == QuestionKind.NUMBER]
            if ypn or numbers:
                result.append(
                    {
                        "title": section["title"],
                        "sector": section["sector"],
                        "sector_name": sectors.get(section["sector"], ""),
                        "ypn": ypn,
                        "numbers": numbers,
                    }
                )
        return result

    def _ypn(self, question):
        overall = Counter()
        by_area = defaultdict(Counter)
        for response in self.responses:
            value = response.answers.get(question["code"]) or "nd"
            overall[value] += 1
            by_area[response.province.macro_area][value] += 1
        total = self.submitted or 1
        return {
            "question": question,
            "counts": [
                {
                    "value": v,
                    "label": YesPlannedNo(v).label,
                    "count": overall[v],
                    "percent": round(100 * overall[v] / total),
                }
                for v in YPN_VALUES
            ],
            "no_answer": overall["nd"],
            "by_area": [
                {
                    "area": area,
                    "label": area.label,
                    "counts": [by_area[area.value][v] for v in YPN_VALUES],
                    "total": sum(by_area[area.value].values()),
                }
                for area in MacroArea
            ],
        }

    def _numbers(self, question):
        total, count = Decimal(0), 0
        by_area = defaultdict(Decimal)
        for response in self.responses:
            value = _number(response.answers.get(question["code"]))
            if value is None:
                continue
            total += value
            count += 1
            by_area[response.province.macro_area] += value
        return {
            "question": question,
            "total": total,
            "provinces": count,
            "by_area": [{"label": area.label, "total": by_area[area.value]} for area in MacroArea],
        }

    def region_coverage(self, sector):
        """Region → share of its Provinces that answered “sì” to the sector's first yes/planned/no question."""
        question = next(
            (q for q in self.questions if q["sector"] == sector and q["kind"] == QuestionKind.YES_PLANNED_NO),
            None,
        )
        provinces = Counter(Province.objects.values_list("region", flat=True))
        yes = Counter()
        if question:
            for response in self.responses:
                if response.answers.get(question["code"]) == YesPlannedNo.YES:
                    yes[response.province.region] += 1
        return question, [
            {"region": region, "provinces": n, "yes": yes[region], "share": yes[region] / n if n else 0}
            for region, n in sorted(provinces.items())
        ]

    def published_answers(self):
        """The Provinces that agreed to publication, with their answers in question order."""
        rows = []
        for response in self.responses:
            if not has_consent(self.version, response.answers):
                continue
            rows.append(
                {
                    "province": response.province,
                    "answers": [
                        {"question": q, "value": display(q, response.answers.get(q["code"]))}
                        for q in self.questions
                        if q["kind"] != QuestionKind.FILE
                        and q["code"] != CONSENT_QUESTION
                        and response.answers.get(q["code"]) not in (None, "", [])
                    ],
                }
            )
        return rows

    def sector_choices(self):
        return [s for s in dict.fromkeys(q["sector"] for q in self.questions) if s != GENERAL_SECTION]


def open_data_rows(results):
    """One row per question and macro-area (plus “Italia”): the published aggregates, CC BY 4.0."""
    rows = []
    for section in results.sections():
        for item in section["ypn"]:
            code = item["question"]["code"]
            rows.append(
                {
                    "campaign": results.campaign.title,
                    "sector": section["sector"],
                    "question": code,
                    "label": item["question"]["label"],
                    "area": "italia",
                    "yes": item["counts"][0]["count"],
                    "planned": item["counts"][1]["count"],
                    "no": item["counts"][2]["count"],
                    "no_answer": item["no_answer"],
                    "total": "",
                    "provinces_answering": results.submitted,
                }
            )
            for area in item["by_area"]:
                rows.append(
                    {
                        "campaign": results.campaign.title,
                        "sector": section["sector"],
                        "question": code,
                        "label": item["question"]["label"],
                        "area": area["area"].value,
                        "yes": area["counts"][0],
                        "planned": area["counts"][1],
                        "no": area["counts"][2],
                        "no_answer": "",
                        "total": "",
                        "provinces_answering": area["total"],
                    }
                )
        for item in section["numbers"]:
            rows.append(
                {
                    "campaign": results.campaign.title,
                    "sector": section["sector"],
                    "question": item["question"]["code"],
                    "label": item["question"]["label"],
                    "area": "italia",
                    "yes": "",
                    "planned": "",
                    "no": "",
                    "no_answer": "",
                    "total": str(item["total"]),
                    "provinces_answering": item["provinces"],
                }
            )
    return rows


OPEN_DATA_FIELDS = [
    "campaign",
    "sector",
    "question",
    "label",
    "area",
    "yes",
    "planned",
    "no",
    "no_answer",
    "total",
    "provinces_answering",
]
LICENCE = "CC BY 4.0"
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Risultati della mappatura: dati aggregati",
    "description": "Aggregati delle risposte inviate dalle Province, per domanda e macro-area (CC BY 4.0).",
    "type": "object",
    "properties": {
        "licence": {"const": LICENCE},
        "campaign": {"type": "string"},
        "is_example": {"type": "boolean"},
        "rows": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "campaign": {"type": "string"},
                    "sector": {"type": "string"},
                    "question": {"type": "string", "description": "codice della domanda"},
                    "label": {"type": "string"},
                    "area": {"enum": ["italia", *MacroArea.values]},
                    "yes": {"type": ["integer", "string"]},
                    "planned": {"type": ["integer", "string"]},
                    "no": {"type": ["integer", "string"]},
                    "no_answer": {"type": ["integer", "string"]},
                    "total": {"type": "string", "description": "somma delle risposte numeriche"},
                    "provinces_answering": {"type": "integer"},
                },
                "required": OPEN_DATA_FIELDS,
            },
        },
    },
    "required": ["licence", "campaign", "rows"],
}
