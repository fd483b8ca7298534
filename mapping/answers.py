"""Reading stored answers: which follow-ups are shown, and how an answer reads to a person.

Shared by the printable response, the exports and the example generator, so that all of them agree
with the referents' form on when a follow-up question applies.
"""

from .choices import QuestionKind, YesPlannedNo

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
