"""The referents' form, built from a frozen questionnaire version, one section at a time.

Follow-up questions are validated only when the answer they depend on is one of their trigger values,
and their answers are dropped otherwise, so a changed answer never leaves stale follow-ups behind.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .answers import is_empty, is_shown
from .choices import QuestionKind, YesPlannedNo


def _field(question, required):
    kind = question["kind"]
    common = {"label": question["label"], "help_text": question["help_text"], "required": required}
    if kind == QuestionKind.YES_PLANNED_NO:
        return forms.ChoiceField(choices=YesPlannedNo.choices, widget=forms.RadioSelect, **common)
    if kind == QuestionKind.SINGLE:
        return forms.ChoiceField(
            choices=[(o, o) for o in question["options"]], widget=forms.RadioSelect, **common
        )
    if kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=[(o, o) for o in question["options"]], widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == QuestionKind.NUMBER:
        minimum = Decimal(question["minimum"]) if question.get("minimum") is not None else None
        maximum = Decimal(question["maximum"]) if question.get("maximum") is not None else None
        return forms.DecimalField(
            min_value=minimum, max_value=maximum, max_digits=15, decimal_places=2, **common
        )
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, **common)
    if kind == QuestionKind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    return forms.CharField(max_length=300, **common)


def to_json(value):
    """A cleaned value as stored in ``Response.answers``."""
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal(1))) if value == value.to_integral() else str(value.normalize())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class SectionForm(forms.Form):
    """The questions of one section (file questions are answered by upload, outside this form)."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, section, *args, answers=None, **kwargs):
        self.section = section
        self.answers = answers or {}
        self.questions = [q for q in section["questions"] if q["kind"] != QuestionKind.FILE]
        initial = kwargs.pop("initial", {})
        initial.update({q["code"]: self.answers.get(q["code"]) for q in self.questions})
        super().__init__(*args, initial=initial, **kwargs)
        for question in self.questions:
            # Required-ness of follow-ups depends on the answer they follow: checked in clean().
            required = question["required"] and not question["show_if_code"]
            self.fields[question["code"]] = _field(question, required)

    def _is_shown(self, question, cleaned):
        parent = question["show_if_code"]
        if not parent:
            return True
        value = cleaned.get(parent, self.answers.get(parent))
        values = value if isinstance(value, list) else [value]
        return any(v in question["show_if_values"] for v in values if v not in (None, ""))

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            code = question["code"]
            if not question["show_if_code"]:
                continue
            if not self._is_shown(question, cleaned):
                cleaned[code] = None
                self.errors.pop(code, None)
            elif question["required"] and cleaned.get(code) in (None, "", []):
                self.add_error(code, _("Questa risposta è obbligatoria."))
        return cleaned

    def answers_json(self):
        return {q["code"]: to_json(self.cleaned_data.get(q["code"])) for q in self.questions}


def missing_required(version, answers):
    """The codes of required questions still unanswered (follow-ups only when shown)."""
    missing = []
    for question in version.questions():
        if not question["required"] or question["kind"] == QuestionKind.FILE:
            continue
        if not is_shown(question, answers):
            continue
        if is_empty(answers.get(question["code"])):
            missing.append(question["code"])
    return missing
