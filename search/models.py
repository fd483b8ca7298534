"""What the search report needs beyond Wagtail's query counts: the searches that found nothing."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoResultsDailyHits(models.Model):
    """How many times a day a query found nothing (alongside Wagtail's ``QueryDailyHits``)."""

    query = models.ForeignKey(
        "wagtailsearchpromotions.Query",
        verbose_name=_("ricerca"),
        related_name="no_results_daily_hits",
        on_delete=models.CASCADE,
    )
    date = models.DateField(_("giorno"))
    language = models.CharField(_("lingua"), max_length=8)
    hits = models.PositiveIntegerField(_("ricerche"), default=0)

    class Meta:
        verbose_name = _("ricerca senza risultati")
        verbose_name_plural = _("ricerche senza risultati")
        constraints = [
            models.UniqueConstraint(fields=["query", "date", "language"], name="search_noresults_unique_day"),
        ]
        permissions = [("view_search_report", _("Può vedere il rapporto sulle ricerche del sito"))]

    def __str__(self):
        return f"{self.query} ({self.language}, {self.date}): {self.hits}"

    @classmethod
    def add_hit(cls, query, language):
        row, _created = cls.objects.get_or_create(query=query, date=timezone.localdate(), language=language)
        cls.objects.filter(pk=row.pk).update(hits=F("hits") + 1)
