"""The vocabularies of “Documenti e risorse”, shared by the models, the views and the content."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupState(models.TextChoices):
    PLANNED = "planned", _("Previsto")
    ACTIVE = "active", _("Attivo")
    CLOSED = "closed", _("Concluso")


class OutputState(models.TextChoices):
    DRAFT = "draft", _("Bozza")
    APPROVED = "approved", _("Approvato dal gruppo")
    PUBLISHED = "published", _("Pubblicato")


class TrainingFormat(models.TextChoices):
    COURSE = "course", _("Corso")
    WEBINAR = "webinar", _("Webinar")
    WORKSHOP = "workshop", _("Laboratorio")


class RegistrationStatus(models.TextChoices):
    PLANNED = "planned", _("Iscrizioni non ancora aperte")
    OPEN = "open", _("Iscrizioni aperte")
    CLOSED = "closed", _("Iscrizioni chiuse")
