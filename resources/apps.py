from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    """“Documenti e risorse”: document library, working groups, focus groups, training, reserved areas."""

    name = "resources"
    verbose_name = _("Documenti e risorse")
    default_auto_field = "django.db.models.BigAutoField"
