"""Reading stored answers: which follow-ups are shown, and how an answer reads to a person.

Shared by the printable response, the exports and the example generator, so that all of them agree
with the referents' form on when a follow-up question applies.
"""

from .choices import GENERAL_SECTION, QuestionKind, YesPlannedNo

MULTIPLE_SEPARATOR = "; "


def is_empty(value):
    return value in (None, "", [])


def is_shown(question, answers):
    """A follow-up is shown only when the answer it follows is one of its trigger values."""
    parent = question.get("show_if_code")
    if not parent:
        return True
    value = answers.get(parent)
    values = value if isinstance(value, list) else [value]
    return any(v in question["show_if_values"] for v in values if not is_empty(v))


def display(question, value):
    """An answer as a reader expects it: labels for yes/planned/no, lists joined, the unit added."""
    if is_empty(value):
        return ""
    kind = question["kind"]
    if kind == QuestionKind.YES_PLANNED_NO and value in YesPlannedNo.values:
        return str(YesPlannedNo(value).label)
    if isinstance(value, list):
        return MULTIPLE_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dict):
        return value.get("title") or value.get("name") or str(value)
    if kind == QuestionKind.NUMBER and question.get("unit"):
        return f"{value} {question['unit']}"
    return value


def practice_proposals(campaign, province, version, answers):
    """Per sector where the Province offers or plans services: what a draft practice starts from.

    Plain data (the catalogue receives it through the ``mapping_response_actions`` hook): the section's
    first answered long text is the description, its first answered number the Comuni served.
    """
    proposals = []
    for section in version.structure if version else []:
        if section["sector"] == GENERAL_SECTION:
            continue
        questions = section["questions"]
        offers = next((q for q in questions if q["kind"] == QuestionKind.YES_PLANNED_NO), None)
        if offers is None or answers.get(offers["code"]) not in (YesPlannedNo.YES, YesPlannedNo.PLANNED):
            continue

        def first(kind, questions=questions):
            return next(
                (
                    answers[q["code"]]
                    for q in questions
                    if q["kind"] == kind and not is_empty(answers.get(q["code"]))
                ),
                "",
            )

        proposals.append(
            {
                "campaign": campaign.title,
                "province": province.pk,
                "sector": section["sector"],
                "title": section["title"],
                "description": first(QuestionKind.LONG_TEXT),
                "comuni_count": first(QuestionKind.NUMBER),
            }
        )
    return proposals
