"""The mapping of the Provinces' services: questionnaire, frozen versions, campaigns, responses.

UPI edits the questionnaire (a translatable snippet). Opening a campaign freezes it: the structure is
copied into a ``QuestionnaireVersion``, so later edits make a new version and every response keeps the
version it answered. There is one response per Province and campaign; its ``revision`` counter detects
two referents saving at once (the later save is refused, not silently applied).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index

from core.models import BasePage, BodyMixin, IntroMixin, Province
from core.routing import LanguageRoutesMixin

from .blocks import QuestionnaireBlock
from .choices import ResponseState


class Questionnaire(TranslatableMixin, index.Indexed, models.Model):
    """The questionnaire as UPI edits it. Campaigns answer frozen versions of it, never this object."""

    title = models.CharField(_("titolo"), max_length=200)
    intro = models.TextField(_("introduzione"), blank=True)
    is_draft = models.BooleanField(
        _("bozza da completare"),
        default=True,
        help_text=_("Segnala a chi lo legge che il questionario non è ancora definitivo."),
    )
    sections = StreamField(QuestionnaireBlock(), verbose_name=_("sezioni"), blank=True)
    updated_at = models.DateTimeField(_("ultima modifica"), auto_now=True)

    panels = [FieldPanel("title"), FieldPanel("intro"), FieldPanel("is_draft"), FieldPanel("sections")]
    search_fields = [index.SearchField("title")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("questionario")
        verbose_name_plural = _("questionari")

    def __str__(self):
        return self.title

    def structure(self):
        """The sections and questions as plain JSON (what a version freezes)."""
        return [
            {
                "title": section.value["title"],
                "sector": section.value["sector"],
                "intro": section.value["intro"],
                "questions": [
                    {
                        "code": q["code"],
                        "label": q["label"],
                        "help_text": q["help_text"],
                        "kind": q["kind"],
                        "required": bool(q["required"]),
                        "options": [o for o in q["options"] if o],
                        "unit": q["unit"],
                        "minimum": None if q["minimum"] is None else str(q["minimum"]),
                        "maximum": None if q["maximum"] is None else str(q["maximum"]),
                        "show_if_code": q["show_if_code"],
                        "show_if_values": [v for v in q["show_if_values"] if v],
                    }
                    for q in section.value["questions"]
                ],
            }
            for section in self.sections
        ]

    def freeze(self):
        """A new version with the current structure, and the English labels if a translation exists."""
        source = (
            self.get_translation(Locale.get_default()) if self.locale_id != Locale.get_default().pk else self
        )
        english = source.get_translation_or_none(Locale.objects.filter(language_code="en").first())
        with transaction.atomic():
            last = QuestionnaireVersion.objects.filter(questionnaire=source).order_by("-number").first()
            return QuestionnaireVersion.objects.create(
                questionnaire=source,
                number=(last.number + 1) if last else 1,
                title=source.title,
                structure=source.structure(),
                structure_en=english.structure() if english else [],
            )


class QuestionnaireVersion(models.Model):
    """A frozen copy of the questionnaire: what a campaign asks and what its responses answer."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionario"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versione"))
    title = models.CharField(_("titolo"), max_length=200)
    structure = models.JSONField(_("struttura"), default=list)
    structure_en = models.JSONField(_("struttura in inglese"), default=list, blank=True)
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)

    class Meta:
        verbose_name = _("versione del questionario")
        verbose_name_plural = _("versioni del questionario")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="mapping_one_number_per_version")
        ]

    def __str__(self):
        return f"{self.title} (v{self.number})"

    def questions(self):
        """Every question in order, each with its section's sector."""
        return [
            {**question, "sector": section["sector"]}
            for section in self.structure
            for question in section["questions"]
        ]

    def english_labels(self):
        return {q["code"]: q["label"] for section in self.structure_en for q in section["questions"]}


class Campaign(models.Model):
    """A round of the questionnaire: a frozen version, opening and closing dates, the invited Provinces."""

    title = models.CharField(_("titolo"), max_length=200)
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionario"), on_delete=models.PROTECT, related_name="campaigns"
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("versione"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="campaigns",
        help_text=_("Fissata all'apertura della campagna."),
    )
    opens_at = models.DateTimeField(_("apertura"))
    closes_at = models.DateTimeField(_("chiusura"))
    provinces = models.ManyToManyField(
        Province,
        verbose_name=_("Province invitate"),
        related_name="mapping_campaigns",
        blank=True,
        help_text=_("Se vuoto, sono invitate tutte le 76 Province."),
    )
    is_example = models.BooleanField(
        _("dati di esempio"),
        default=False,
        editable=False,
        help_text=_("Campagna generata per prova: mai in produzione."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("questionnaire"),
        FieldPanel("opens_at"),
        FieldPanel("closes_at"),
        FieldPanel("provinces"),
    ]

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("campagna")
        verbose_name_plural = _("campagne")

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("La chiusura deve seguire l'apertura.")})

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def invited_provinces(self):
        invited = self.provinces.all()
        return invited if invited.exists() else Province.objects.all()

    def ensure_version(self):
        """Freeze the questionnaire the first time the campaign is used once open."""
        if self.version_id is None:
            self.version = self.questionnaire.freeze()
            self.save(update_fields=["version"])
        return self.version


class Response(models.Model):
    """A Province's answers to a campaign: a draft saved section by section, then submitted."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campagna"), on_delete=models.CASCADE, related_name="responses"
    )
    province = models.ForeignKey(
        Province, verbose_name=_("Provincia"), on_delete=models.PROTECT, related_name="mapping_responses"
    )
    version = models.ForeignKey(
        QuestionnaireVersion, verbose_name=_("versione"), on_delete=models.PROTECT, related_name="responses"
    )
    state = models.CharField(
        _("stato"), max_length=12, choices=ResponseState.choices, default=ResponseState.STARTED
    )
    answers = models.JSONField(_("risposte"), default=dict, blank=True)
    revision = models.PositiveIntegerField(_("revisione"), default=0, editable=False)
    updated_at = models.DateTimeField(_("ultima attività"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modificata da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("inviata il"), null=True, blank=True)

    class Meta:
        verbose_name = _("risposta")
        verbose_name_plural = _("risposte")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "province"], name="mapping_one_response_per_province")
        ]

    def __str__(self):
        return f"{self.province} – {self.campaign}"

    @property
    def is_editable(self):
        return self.state in (ResponseState.STARTED, ResponseState.REOPENED, ResponseState.INVITED)

    def answered_count(self):
        return sum(1 for value in self.answers.values() if value not in (None, "", []))

    def save_answers(self, answers, expected_revision, user):
        """Merge ``answers`` if nobody saved since ``expected_revision``; False if someone did.

        The check and the write are one UPDATE, so two referents saving at once cannot both win.
        """
        merged = {**self.answers, **answers}
        updated = Response.objects.filter(pk=self.pk, revision=expected_revision).update(
            answers=merged,
            revision=expected_revision + 1,
            updated_by=user,
            updated_at=timezone.now(),
        )
        if updated:
            self.answers, self.revision = merged, expected_revision + 1
        return bool(updated)


class InterviewNote(models.Model):
    """Notes of an in-depth interview with a Province: private to UPI and the researchers."""

    response = models.ForeignKey(
        Response, verbose_name=_("risposta"), on_delete=models.CASCADE, related_name="interview_notes"
    )
    interview_date = models.DateField(_("data dell'intervista"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autore"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)

    class Meta:
        ordering = ["-interview_date"]
        verbose_name = _("nota di intervista")
        verbose_name_plural = _("note di intervista")

    def __str__(self):
        return f"{self.response.province} – {self.interview_date:%d/%m/%Y}"


class MappingPage(LanguageRoutesMixin, RoutablePageMixin, IntroMixin, BodyMixin, BasePage):
    """“La mappatura”: what the mapping is, and the referents' questionnaire under ``questionario/``.

    Every route delegates to ``mapping/views.py``. Each route has an Italian and an English segment; the
    page's own language gives the one it links to.
    """

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["mapping.MappingResultsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Pagina della mappatura")
        verbose_name_plural = _("Pagine della mappatura")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["results_pages"] = self.get_children().live().public().specific()
        return context

    @property
    def questionnaire_url(self):
        return self.route_url("questionnaire")

    @path("questionario/", name="questionnaire")
    @path("questionnaire/", name="questionnaire_en")
    def questionnaire_view(self, request):
        return views.referent_home(request, self)

    @path("questionario/<int:campaign_id>/<str:sigla>/sezione/<int:index>/", name="section")
    @path("questionnaire/<int:campaign_id>/<str:sigla>/section/<int:index>/", name="section_en")
    def section_view(self, request, campaign_id, sigla, index):
        return views.section(request, self, campaign_id, sigla, index)

    @path("questionario/<int:campaign_id>/<str:sigla>/invia/", name="submit")
    @path("questionnaire/<int:campaign_id>/<str:sigla>/submit/", name="submit_en")
    def submit_view(self, request, campaign_id, sigla):
        return views.submit(request, self, campaign_id, sigla)


class MappingResultsPage(LanguageRoutesMixin, RoutablePageMixin, IntroMixin, BodyMixin, BasePage):
    """“Risultati della mappatura”: a campaign's published aggregates, map, consented answers, open data.

    Publishing this page publishes the results; the routes delegate to ``mapping/views.py``.
    """

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campagna"),
        on_delete=models.PROTECT,
        related_name="results_pages",
        help_text=_("Le risposte inviate di questa campagna sono pubblicate in forma aggregata."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("campaign"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["mapping.MappingPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Risultati della mappatura")
        verbose_name_plural = _("Risultati della mappatura")

    @path("")
    def results_view(self, request):
        return views.results(request, self)

    @path("dati/<str:fmt>/", name="open_data")
    @path("data/<str:fmt>/", name="open_data_en")
    def open_data_view(self, request, fmt):
        return views.results_open_data(request, self, fmt)


# The views import these models, so they come last (routing convention: see practices/views.py).
from mapping import views  # noqa: E402
