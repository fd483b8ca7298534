"""The catalogue's vocabularies, shared by the models, the catalogue's facets and the open data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeType(models.TextChoices):
    SERVICE = "servizio", _("Servizio")
    ORGANISATIONAL_MODEL = "modello-organizzativo", _("Modello organizzativo")
    PROCESS = "processo", _("Processo")
    DIGITAL_TOOL = "strumento-digitale", _("Strumento digitale")
    METHOD = "metodo", _("Metodo")


class Stage(models.TextChoices):
    PILOT = "pilota", _("Sperimentazione")
    OPERATIONAL = "operativa", _("Operativa")
    CONSOLIDATED = "consolidata", _("Consolidata")
    CLOSED = "conclusa", _("Conclusa")


class EvidenceSource(models.TextChoices):
    QUESTIONNAIRE = "questionario", _("Questionario")
    INTERVIEW = "intervista", _("Intervista")
    FOCUS_GROUP = "focus-group", _("Focus group")
    DOCUMENT = "documento", _("Documento")


class EvidenceLevel(models.TextChoices):
    """Ordered from the weakest to the strongest evidence."""

    SELF_DECLARED = "1-dichiarata", _("Dichiarata dalla Provincia")
    SURVEYED = "2-rilevata", _("Rilevata con questionario o intervista")
    VALIDATED = "3-validata", _("Validata dal focus group o dal gruppo di lavoro")
    MEASURED = "4-misurata", _("Misurata con indicatori")


class ReplicationStatus(models.TextChoices):
    """How far a Province has gone in taking up another Province's practice (ordered)."""

    INTERESTED = "interessata", _("Interessata")
    ADAPTING = "in-adattamento", _("In adattamento")
    ADOPTED = "adottata", _("Adottata")
