"""The mapping's enums, shared by models, forms, blocks and exports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    YES_PLANNED_NO = "si-programma-no", _("Sì / in programma / no")
    SINGLE = "scelta-singola", _("Scelta singola")
    MULTIPLE = "scelta-multipla", _("Scelta multipla")
    NUMBER = "numero", _("Numero")
    SHORT_TEXT = "testo-breve", _("Testo breve")
    LONG_TEXT = "testo-lungo", _("Testo lungo")
    DATE = "data", _("Data")
    FILE = "file", _("File allegato")


class YesPlannedNo(models.TextChoices):
    YES = "si", _("Sì")
    PLANNED = "in-programma", _("In programma")
    NO = "no", _("No")


class ResponseState(models.TextChoices):
    INVITED = "invitata", _("Invitata")
    STARTED = "avviata", _("Avviata")
    SUBMITTED = "inviata", _("Inviata")
    REOPENED = "riaperta", _("Riaperta")


# The section of questions that concern the Province as a whole, not one sector.
GENERAL_SECTION = "generale"
# The answer to this question records whether the Province agrees to the publication of its answers.
CONSENT_QUESTION = "consenso_pubblicazione"
