from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """“Questa pagina ti è stata utile?”: readers' anonymous answers and UPI's report of them."""

    name = "feedback"
    verbose_name = _("Valutazioni delle pagine")
    default_auto_field = "django.db.models.BigAutoField"
