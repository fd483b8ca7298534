from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page, generic content pages, sector pages, the Provinces index and the HTML site map."""

    name = "home"
    verbose_name = _("Pagine del sito")
    default_auto_field = "django.db.models.BigAutoField"
