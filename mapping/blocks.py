"""The questionnaire's structure, edited by UPI as a StreamField of sections with their questions.

A StreamField keeps the whole questionnaire in one translatable object: wagtail-localize translates its
labels into English like any page, and a campaign freezes it by copying its JSON into a version.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from core.models import Sector

from .choices import GENERAL_SECTION, QuestionKind

CODE_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9_]{1,39}$",
    _("Usare da 2 a 40 caratteri: lettere minuscole, cifre e trattino basso, iniziando con una lettera."),
)
CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}


class QuestionBlock(blocks.StructBlock):
    code = blocks.CharBlock(
        label=_("Codice"),
        max_length=40,
        validators=[CODE_VALIDATOR],
        help_text=_("Nome della colonna nelle esportazioni; unico nel questionario, non tradotto."),
    )
    label = blocks.CharBlock(label=_("Domanda"), max_length=300)
    help_text = blocks.TextBlock(label=_("Testo di aiuto"), required=False)
    kind = blocks.ChoiceBlock(
        label=_("Tipo di risposta"), choices=QuestionKind.choices, default=QuestionKind.SHORT_TEXT
    )
    required = blocks.BooleanBlock(label=_("Obbligatoria"), required=False, default=False)
    options = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        label=_("Opzioni"),
        required=False,
        default=[],
        help_text=_("Solo per le domande a scelta singola o multipla: una opzione per riga."),
    )
    unit = blocks.CharBlock(label=_("Unità di misura"), max_length=40, required=False)
    minimum = blocks.DecimalBlock(label=_("Valore minimo"), required=False)
    maximum = blocks.DecimalBlock(label=_("Valore massimo"), required=False)
    show_if_code = blocks.CharBlock(
        label=_("Mostra solo se la domanda con codice"),
        max_length=40,
        required=False,
        help_text=_("Domanda di approfondimento: il codice di una domanda precedente."),
    )
    show_if_values = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        label=_("ha una di queste risposte"),
        required=False,
        default=[],
        help_text=_("Per le domande sì/in programma/no: si, in-programma, no."),
    )

    class Meta:
        icon = "help"
        label = _("Domanda")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["kind"] in CHOICE_KINDS and len([o for o in value["options"] if o]) < 2:
            errors["options"] = ValidationError(_("Indicare almeno due opzioni."))
        if value["kind"] not in CHOICE_KINDS and any(value["options"]):
            errors["options"] = ValidationError(_("Le opzioni valgono solo per le domande a scelta."))
        minimum, maximum = value.get("minimum"), value.get("maximum")
        if minimum is not None and maximum is not None and minimum > maximum:
            errors["maximum"] = ValidationError(_("Il massimo deve essere maggiore del minimo."))
        if value["show_if_values"] and not value["show_if_code"]:
            errors["show_if_code"] = ValidationError(_("Indicare la domanda da cui dipende."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


def section_choices():
    return [(GENERAL_SECTION, _("Generale")), *Sector.Code.choices]


class SectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo della sezione"), max_length=200)
    sector = blocks.ChoiceBlock(label=_("Settore"), choices=section_choices, default=GENERAL_SECTION)
    intro = blocks.TextBlock(label=_("Introduzione"), required=False)
    questions = blocks.ListBlock(QuestionBlock(), label=_("Domande"))

    class Meta:
        icon = "list-ol"
        label = _("Sezione")


class QuestionnaireBlock(blocks.StreamBlock):
    section = SectionBlock()

    def clean(self, value):
        value = super().clean(value)
        seen, codes_so_far = set(), set()
        for section in value:
            for question in section.value["questions"]:
                code = question["code"]
                if code in seen:
                    raise blocks.StreamBlockValidationError(
                        non_block_errors=[
                            ValidationError(
                                _("Il codice «%(code)s» è usato due volte."), params={"code": code}
                            )
                        ]
                    )
                parent = question["show_if_code"]
                if parent and parent not in codes_so_far:
                    raise blocks.StreamBlockValidationError(
                        non_block_errors=[
                            ValidationError(
                                _(
                                    "La domanda «%(code)s» dipende da «%(parent)s», che non è una domanda precedente."
                                ),
                                params={"code": code, "parent": parent},
                            )
                        ]
                    )
                seen.add(code)
                codes_so_far.add(code)
        return value
