from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MappingConfig(AppConfig):
    """La mappatura: the questionnaire to the 76 Provinces, its campaigns and the Provinces' responses."""

    name = "mapping"
    verbose_name = _("Mappatura")
    default_auto_field = "django.db.models.BigAutoField"
