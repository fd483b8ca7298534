"""Readers' answers to “Questa pagina ti è stata utile?”.

An answer is anonymous: the page, yes or no, an optional reason from a fixed list, an optional short
text and the day. No address, no identifier, no time of day: nothing links two answers to one person.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

DETAIL_MAX_LENGTH = 200

# The reasons offered after a “sì” and after a “no” (as in the Designers Italia site models).
POSITIVE_REASONS = [
    ("clear", _("Le informazioni erano chiare")),
    ("complete", _("Le informazioni erano complete")),
    ("found", _("Ho trovato quello che cercavo")),
    ("other_positive", _("Altro")),
]
NEGATIVE_REASONS = [
    ("unclear", _("Le informazioni non erano chiare")),
    ("incomplete", _("Le informazioni non erano complete")),
    ("not_found", _("Non ho trovato quello che cercavo")),
    ("outdated", _("Le informazioni non erano aggiornate")),
    ("other_negative", _("Altro")),
]
REASONS = POSITIVE_REASONS + NEGATIVE_REASONS


class PageFeedback(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        related_name="feedback_answers",
    )
    useful = models.BooleanField(_("utile"))
    reason = models.CharField(_("motivo"), max_length=20, choices=REASONS, blank=True)
    detail = models.CharField(_("dettagli"), max_length=DETAIL_MAX_LENGTH, blank=True)
    submitted_on = models.DateField(_("data"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("valutazione di una pagina")
        verbose_name_plural = _("valutazioni delle pagine")
        ordering = ["-submitted_on", "-pk"]
        # Only the report's own permission: answers are not edited in the admin.
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.page_id}: {'+' if self.useful else '-'}"
