"""The events' vocabularies, shared by the models, the filter form and the iCalendar export."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    CONFERENCE = "convegno", _("Relazione a convegno")
    PRESENTATION = "presentazione", _("Presentazione")
    FOCUS_GROUP = "focus-group", _("Focus group")
    WORKING_GROUP = "gruppo-di-lavoro", _("Riunione di gruppo di lavoro")
    ONLINE_MEETING = "incontro-online", _("Incontro online")
    TRAINING = "formazione", _("Formazione")
    WEBINAR = "webinar", _("Webinar")


class EventMode(models.TextChoices):
    IN_PERSON = "presenza", _("In presenza")
    ONLINE = "online", _("Online")
    HYBRID = "mista", _("In presenza e online")


class EventStatus(models.TextChoices):
    SCHEDULED = "confermato", _("Confermato")
    POSTPONED = "rinviato", _("Rinviato")
    CANCELLED = "annullato", _("Annullato")


class RegistrationStatus(models.TextChoices):
    OPEN = "aperte", _("Iscrizioni aperte")
    CLOSED = "chiuse", _("Iscrizioni chiuse")
    INVITATION = "su-invito", _("Su invito")
    FREE = "libero", _("Ingresso libero, senza iscrizione")
