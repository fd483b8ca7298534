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


class SearchWord(models.Model):
    """A word of the indexed content, per language: the vocabulary the “did you mean” suggestions come from.

    Filled as content is indexed (see ``search.vocabulary``) and rebuilt by ``update_index``; on PostgreSQL a
    trigram index on ``word`` serves the similarity look-up."""

    language = models.CharField(_("lingua"), max_length=8)
    word = models.CharField(_("parola"), max_length=40)

    class Meta:
        verbose_name = _("parola indicizzata")
        verbose_name_plural = _("parole indicizzate")
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="search_word_unique")]

    def __str__(self):
        return f"{self.word} ({self.language})"


class SearchSummary(models.Model):
    """What a result shows of an indexed object (its plain text, its own date), written when it is indexed,
    so a page of results is shown without loading each page type's tables."""

    kind = models.CharField(_("tipo"), max_length=100)
    object_id = models.CharField(_("oggetto"), max_length=255)
    text = models.TextField(_("testo"), blank=True)
    date = models.DateField(_("data"), null=True, blank=True)

    class Meta:
        verbose_name = _("sintesi per la ricerca")
        verbose_name_plural = _("sintesi per la ricerca")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_summary_unique")]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
