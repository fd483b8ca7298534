"""The best-practice catalogue: practice records and the catalogue page (search, facets, export)."""

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage, BodyMixin, IntroMixin, Theme
from core.models.taxonomy import normalize_name
from core.related import related_pages
from core.routing import LanguageRoutesMixin
from practices.choices import EvidenceLevel, EvidenceSource, PracticeType, ReplicationStatus, Stage
from practices.feeds import feed_links
from practices.forms import PracticePageForm
from practices.permissions import PracticePagePermissionTester
from practices.search import refresh_search_documents

RICH_FEATURES = ["bold", "italic", "link", "ol", "ul"]
STAGE_LABELS = dict(Stage.choices)
EVIDENCE_LABELS = dict(EvidenceLevel.choices)


class IndicatorBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("indicatore"))
    unit = blocks.CharBlock(label=_("unità di misura"), required=False)
    baseline = blocks.CharBlock(label=_("valore di partenza"), required=False)
    value = blocks.CharBlock(label=_("valore"))
    year = blocks.IntegerBlock(label=_("anno"), required=False, min_value=1990, max_value=2100)
    source = blocks.CharBlock(label=_("fonte"), required=False)

    class Meta:
        icon = "table"
        label = _("Indicatore")
        description = _("Una riga della tabella dei risultati.")
        preview_value = {
            "name": "Gare gestite per i Comuni",
            "unit": "n.",
            "baseline": "10",
            "value": "25",
            "year": 2021,
            "source": "Esempio",
        }


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("testo del collegamento"))
    url = blocks.URLBlock(label=_("indirizzo"))

    class Meta:
        icon = "link"
        label = _("Collegamento")


class PracticeIndexPage(LanguageRoutesMixin, RoutablePageMixin, IntroMixin, BodyMixin, BasePage):
    """“Buone pratiche”: the catalogue, its open-data export and the Comune finder."""

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Catalogo delle buone pratiche")
        verbose_name_plural = _("Cataloghi delle buone pratiche")

    @path("")
    def catalogue_view(self, request):
        return views.catalogue(request, self)

    @path("export/csv/")
    def export_csv_view(self, request):
        return views.export_csv(request, self)

    @path("export/json/")
    def export_json_view(self, request):
        return views.export_json(request, self)

    @path("export/schema/")
    def schema_view(self, request):
        return views.export_schema(request, self)

    @path("rss/", name="feed_rss")
    def feed_rss_view(self, request):
        return views.practice_feed(request, self, "rss")

    @path("atom/", name="feed_atom")
    def feed_atom_view(self, request):
        return views.practice_feed(request, self, "atom")

    @path("settore/<slug:code>/rss/", name="sector_rss")
    def sector_rss_view(self, request, code):
        return views.practice_feed(request, self, "rss", sector_code=code)

    @path("settore/<slug:code>/atom/", name="sector_atom")
    def sector_atom_view(self, request, code):
        return views.practice_feed(request, self, "atom", sector_code=code)

    @path("provincia/<slug:slug>/rss/", name="province_rss")
    def province_rss_view(self, request, slug):
        return views.practice_feed(request, self, "rss", province_slug=slug)

    @path("provincia/<slug:slug>/atom/", name="province_atom")
    def province_atom_view(self, request, slug):
        return views.practice_feed(request, self, "atom", province_slug=slug)

    @path("trova-comune/", name="comune_finder")
    @path("find-comune/", name="comune_finder_en")
    def comune_finder_view(self, request):
        return views.comune_finder(request, self)

    @path("trova-comune/suggerimenti/", name="comune_suggestions")
    @path("find-comune/suggestions/", name="comune_suggestions_en")
    def comune_suggestions_view(self, request):
        return views.comune_suggestions(request, self)

    @property
    def finder_url(self):
        return self.route_url("comune_finder")

    @property
    def suggestions_url(self):
        return self.route_url("comune_suggestions")


class PracticePage(BasePage):
    """A practice of a Province, in one sector, with the evidence behind it."""

    code = models.CharField(
        _("codice pubblico"),
        max_length=30,
        help_text=_(
            "Codice stabile della pratica, per esempio SUA-TV-01: non cambia mai, è usato nei dati aperti."
        ),
    )
    summary = models.TextField(
        _("sintesi"),
        max_length=300,
        help_text=_(
            "Una frase (al massimo 300 caratteri) usata negli elenchi e come descrizione della pagina."
        ),
    )
    is_example = models.BooleanField(
        _("pratica di esempio"),
        default=False,
        editable=False,
        help_text=_("Generata automaticamente per sviluppo e prove: non è una pratica reale."),
    )
    province = models.ForeignKey(
        "core.Province",
        verbose_name=_("Provincia titolare"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
        help_text=_("La Provincia che gestisce la pratica. Indicarla prima di pubblicare."),
    )
    partner_provinces = ParentalManyToManyField(
        "core.Province",
        verbose_name=_("Province partner"),
        blank=True,
        related_name="partner_practices",
    )
    sector = models.ForeignKey(
        "core.Sector",
        verbose_name=_("settore"),
        on_delete=models.PROTECT,
        related_name="practices",
    )
    practice_type = models.CharField(
        _("tipo di pratica"), max_length=30, choices=PracticeType.choices, blank=True
    )
    themes = ParentalManyToManyField(
        "core.Theme", verbose_name=_("temi"), blank=True, related_name="practices"
    )
    stage = models.CharField(_("fase"), max_length=20, choices=Stage.choices, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("anno di avvio"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("anno di conclusione"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    last_verified = models.DateField(_("ultima verifica"), null=True, blank=True)

    comuni_count = models.PositiveIntegerField(
        _("numero di Comuni serviti"),
        null=True,
        blank=True,
        help_text=_("Se si indica l'elenco dei Comuni, il numero e la popolazione si calcolano dall'elenco."),
    )
    comuni = ParentalManyToManyField(
        "core.Comune", verbose_name=_("Comuni serviti"), blank=True, related_name="practices"
    )

    context = RichTextField(_("contesto e problema"), features=RICH_FEATURES, blank=True)
    how_it_works = RichTextField(_("come funziona"), features=RICH_FEATURES, blank=True)
    organisation = models.TextField(_("organizzazione"), blank=True)
    staff = models.TextField(_("personale"), blank=True)
    agreement_model = models.TextField(_("modello di accordo con i Comuni"), blank=True)
    resources_staff = models.TextField(_("personale necessario"), blank=True)
    resources_budget = models.TextField(_("budget"), blank=True)
    funding_source = models.TextField(_("fonte di finanziamento"), blank=True)
    indicators = StreamField(
        [("indicator", IndicatorBlock())], verbose_name=_("risultati (indicatori)"), blank=True
    )
    difficulties = RichTextField(_("difficoltà"), features=RICH_FEATURES, blank=True)
    lessons_learned = RichTextField(_("lezioni apprese"), features=RICH_FEATURES, blank=True)
    prerequisites = models.TextField(_("prerequisiti"), blank=True)
    what_to_adapt = models.TextField(_("cosa adattare"), blank=True)
    transfer_effort = models.TextField(_("impegno per il trasferimento"), blank=True)

    evidence_source = models.CharField(
        _("fonte delle informazioni"), max_length=20, choices=EvidenceSource.choices, blank=True
    )
    evidence_level = models.CharField(
        _("livello di evidenza"), max_length=20, choices=EvidenceLevel.choices, blank=True
    )
    evidence_note = models.TextField(_("nota sulla fonte"), blank=True)

    contact_office = models.CharField(_("ufficio"), max_length=200, blank=True)
    contact_role = models.CharField(_("ruolo"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail istituzionale"), blank=True)
    contact_phone = models.CharField(_("telefono"), max_length=40, blank=True)

    body = StreamField(BodyBlock(), verbose_name=_("materiali: documenti e immagini"), blank=True)
    links = StreamField([("link", LinkBlock())], verbose_name=_("collegamenti"), blank=True)

    # Search: plain text of everything searchable (kept by save()); on PostgreSQL a weighted tsvector
    # built from it with the language's stemming, behind a GIN index (see practices.search).
    search_title = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")
    search_document = SearchVectorField(editable=False, null=True)

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("code"), FieldPanel("sector")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("province"),
                FieldPanel("partner_provinces"),
                FieldPanel("practice_type"),
                FieldPanel("themes"),
                FieldRowPanel([FieldPanel("stage"), FieldPanel("start_year"), FieldPanel("end_year")]),
                FieldPanel("last_verified"),
            ],
            heading=_("Classificazione"),
        ),
        MultiFieldPanel([FieldPanel("comuni_count"), FieldPanel("comuni")], heading=_("Comuni serviti")),
        FieldPanel("context"),
        MultiFieldPanel(
            [
                FieldPanel("how_it_works"),
                FieldPanel("organisation"),
                FieldPanel("staff"),
                FieldPanel("agreement_model"),
            ],
            heading=_("Come funziona"),
        ),
        MultiFieldPanel(
            [FieldPanel("resources_staff"), FieldPanel("resources_budget"), FieldPanel("funding_source")],
            heading=_("Risorse necessarie"),
        ),
        FieldPanel("indicators"),
        MultiFieldPanel(
            [FieldPanel("difficulties"), FieldPanel("lessons_learned")],
            heading=_("Difficoltà e lezioni apprese"),
        ),
        MultiFieldPanel(
            [FieldPanel("prerequisites"), FieldPanel("what_to_adapt"), FieldPanel("transfer_effort")],
            heading=_("Trasferibilità"),
        ),
        MultiFieldPanel(
            [FieldPanel("evidence_source"), FieldPanel("evidence_level"), FieldPanel("evidence_note")],
            heading=_("Evidenza"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_office"),
                FieldPanel("contact_role"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Contatti"),
        ),
        FieldPanel("body"),
        FieldPanel("links"),
        InlinePanel(
            "related_pages", heading=_("Pratiche, eventi e notizie correlati"), label=_("Pagina correlata")
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("code"),
        index.SearchField("summary"),
        index.SearchField("search_text"),
        index.FilterField("sector"),
        index.FilterField("province"),
    ]

    def get_search_date(self):
        """The date the site search shows: the day the practice was last checked."""
        return self.last_verified

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []
    base_form_class = PracticePageForm

    class Meta:
        verbose_name = _("Buona pratica")
        verbose_name_plural = _("Buone pratiche")
        indexes = [
            models.Index(fields=["sector", "province"], name="practice_sector_province"),
            # PostgreSQL also has them in the order of the catalogue's sorts, DESC NULLS LAST (migration 0004).
            models.Index(fields=["start_year"], name="practice_start_year"),
            models.Index(fields=["last_verified"], name="practice_last_verified"),
            # The real practices among the examples (the home page lists them first).
            models.Index(fields=["page_ptr"], condition=models.Q(is_example=False), name="practice_real"),
        ]

    # What a practice card shows (practices/includes/practice_card.html) and what its URL needs: the lists
    # of practices load these fields and leave out the long texts, the search document and the body.
    CARD_FIELDS = (
        *("title", "url_path", "path", "depth", "locale", "translation_key", "live", "first_published_at"),
        *("code", "summary", "is_example", "stage", "start_year", "evidence_level", "sector", "province"),
    )

    @property
    def stage_label(self):
        """``get_stage_display()`` by a plain look-up (that one hashes every lazy label on each call; a list
        of cards calls it twenty times)."""
        return STAGE_LABELS.get(self.stage, self.stage)

    @property
    def evidence_label(self):
        return EVIDENCE_LABELS.get(self.evidence_level, self.evidence_level)

    @classmethod
    def ids_of_province(cls, province):
        """The ids of the practices a Province owns or shares as a partner, for ``pk__in``: a UNION of two
        index look-ups (an OR across the partners' join would scan every practice)."""
        owned = cls.objects.filter(province=province).order_by().values("pk")
        shared = cls.partner_provinces.through.objects.filter(province=province).order_by()
        return owned.union(shared.values("practicepage_id"), all=True)

    def get_summary(self):
        return self.listing_summary or self.summary

    def permissions_for_user(self, user):
        return PracticePagePermissionTester(user, self)

    def get_meta_description(self):
        return self.search_description or self.summary

    @classmethod
    def served_queryset(cls, queryset):
        return queryset.select_related("sector", "province")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = list(self.themes.all())
        names = dict(
            Theme.objects.filter(
                locale=self.locale, translation_key__in=[t.translation_key for t in themes]
            ).values_list("translation_key", "name")
        )
        context["theme_names"] = [names.get(t.translation_key, t.name) for t in themes]
        context["partners"] = list(self.partner_provinces.all())
        comuni = list(self.comuni.select_related("province").order_by("name"))
        context["comuni_list"] = comuni
        context["comuni_served"] = len(comuni) if comuni else self.comuni_count
        context["population_covered"] = sum(c.population_2011 or 0 for c in comuni) if comuni else None
        context["related"] = related_pages(
            self, [item.page for item in self.related_pages.select_related("page")]
        )
        parent = self.get_parent()  # the catalogue the request was routed through, when it was
        context["catalogue"] = catalogue = (
            parent
            if isinstance(parent, PracticeIndexPage)
            else PracticeIndexPage.objects.get(path=parent.path)
        )
        context["feeds"] = feed_links(catalogue, sector=self.sector) + (
            feed_links(catalogue, province=self.province) if self.province_id else []
        )
        context["replications"] = replications_by_status(
            Replication.objects.filter(practice_key=self.translation_key)
            .select_related("province")
            .order_by("province__name")
        )
        if getattr(request, "is_preview", False):
            # Editors previewing the record see what is still missing; visitors never see empty sections.
            from practices.completeness import labels, percent, sections_of_page

            sections = sections_of_page(self, len(comuni))
            names = labels()
            context["missing_sections"] = {key: names[key] for key, done in sections.items() if not done}
            context["completeness"] = percent(sections)
        return context

    def build_search_text(self):
        """Everything a visitor may search for, as plain text (accents kept: PostgreSQL stems them)."""
        parts = [self.summary]
        for field in (
            "context",
            "how_it_works",
            "organisation",
            "staff",
            "agreement_model",
            "resources_staff",
            "resources_budget",
            "funding_source",
            "difficulties",
            "lessons_learned",
            "prerequisites",
            "what_to_adapt",
            "transfer_effort",
        ):
            parts.append(strip_tags(str(getattr(self, field) or "")))
        for block in self.indicators or []:
            value = block.value
            parts.append(" ".join(str(value.get(key) or "") for key in ("name", "unit", "value", "source")))
        for block in self.body or []:
            if block.block_type in {"paragraph", "heading", "quote"}:
                parts.append(
                    strip_tags(
                        str(
                            block.render()
                            if block.block_type == "paragraph"
                            else block.value.get("text") or block.value.get("quote") or ""
                        )
                    )
                )
        return normalize_name(" ".join(p for p in parts if p))

    def save(self, *args, **kwargs):
        self.search_title = normalize_name(f"{self.code} {self.title}")
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)
        # practices.coverage queries these models: imported here, once they exist.
        from practices.coverage import invalidate_coverage

        refresh_search_documents([self.pk])
        listing.sync_practices([self.pk])  # after the search vector, which the catalogue copies
        invalidate_coverage()


class PracticeRelatedPage(Orderable):
    """A related practice, event or news item: any page of the site, chosen by the editor."""

    practice = ParentalKey(PracticePage, related_name="related_pages", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("pagina"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("pagina correlata")
        verbose_name_plural = _("pagine correlate")


def replications_by_status(replications):
    """[(status label, [replication, ...])], from adopted to interested, empty statuses left out."""
    groups = {value: [] for value in reversed(ReplicationStatus.values)}
    for replication in replications:
        groups[replication.status].append(replication)
    labels = {
        ReplicationStatus.ADOPTED: _("Adottata anche da"),
        ReplicationStatus.ADAPTING: _("In adattamento presso"),
        ReplicationStatus.INTERESTED: _("Hanno manifestato interesse"),
    }
    return [(value, labels[value], items) for value, items in groups.items() if items]


class Replication(models.Model):
    """A Province declares that it is interested in, adapting or has adopted another Province's practice.

    Linked to the practice in any language: the page of every translation shows it (they share the
    translation key). Editable by UPI and by the adopting Province's practices group.
    """

    practice = models.ForeignKey(
        PracticePage, verbose_name=_("pratica"), on_delete=models.CASCADE, related_name="replications"
    )
    province = models.ForeignKey(
        "core.Province",
        verbose_name=_("Provincia che la replica"),
        on_delete=models.CASCADE,
        related_name="replications",
    )
    status = models.CharField(
        _("stato"), max_length=20, choices=ReplicationStatus.choices, default=ReplicationStatus.INTERESTED
    )
    date = models.DateField(_("data"), help_text=_("Quando la Provincia ha raggiunto lo stato indicato."))
    note = models.TextField(_("nota"), blank=True, max_length=1000)
    is_example = models.BooleanField(_("replica di esempio"), default=False, editable=False)
    # The practice's translation key, kept by save(): every translation of the practice shows the
    # replication, and the catalogue counts replications without joining the page tables.
    practice_key = models.UUIDField(editable=False, db_index=True, null=True)
    updated_at = models.DateTimeField(_("aggiornata il"), auto_now=True)

    class Meta:
        verbose_name = _("replica di una pratica")
        verbose_name_plural = _("repliche delle pratiche")
        ordering = ["-date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "province"], name="practice_one_replication")
        ]

    def __str__(self):
        return f"{self.practice.title} – {self.province.name} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        self.practice_key = self.practice.translation_key
        super().save(*args, **kwargs)
        from practices.coverage import invalidate_coverage

        invalidate_coverage()  # (the catalogue's listing follows its own receivers: practices.listing)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        from practices.coverage import invalidate_coverage

        invalidate_coverage()
        return result

    def clean(self):
        from django.core.exceptions import ValidationError

        practice = getattr(self, "practice", None) if self.practice_id else None
        if practice is not None and self.province_id and practice.province_id == self.province_id:
            raise ValidationError({"province": _("Una Provincia non replica una propria pratica.")})
        if practice is not None and not practice.live:
            raise ValidationError({"practice": _("Si può replicare solo una pratica pubblicata.")})


class CatalogueEntry(models.Model):
    """What the catalogue lists, one narrow row per practice: its facets, sort keys and search vector.

    A row exists for every live practice that no view restriction hides, under its catalogue page, and for
    nothing else. The catalogue's counts and its page of results read only this table (and the themes'
    link table): no join with the page tree, no wide practice row. ``practices.listing`` keeps it in step
    with the pages; nothing else writes to it.
    """

    page = models.OneToOneField(
        PracticePage, on_delete=models.CASCADE, primary_key=True, related_name="catalogue_entry"
    )
    # No index of its own: a site has one catalogue per language, and an index on it would lead the query
    # planner to read the whole catalogue instead of the search's matches.
    catalogue = models.ForeignKey(
        PracticeIndexPage, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    sector_code = models.CharField(max_length=30, blank=True, db_index=True)
    province = models.ForeignKey("core.Province", null=True, on_delete=models.SET_NULL, related_name="+")
    practice_type = models.CharField(max_length=30, blank=True)
    stage = models.CharField(max_length=20, blank=True)
    start_year = models.PositiveSmallIntegerField(null=True)
    evidence_level = models.CharField(max_length=20, blank=True)
    # The furthest replication in another Province (3 adopted, 2 adapting, 1 interested, 0 none) and
    # the number of replications.
    replication_rank = models.PositiveSmallIntegerField(default=0)
    replication_count = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=255)
    first_published_at = models.DateTimeField(null=True)
    last_verified = models.DateField(null=True)
    search_document = SearchVectorField(null=True)  # the practice's own (PostgreSQL)

    # PostgreSQL also has the GIN index of the search vector and the indexes of the sort orders (migration
    # 0005).

    def __str__(self):
        return self.title


# The views import these models, so they come last (routing convention: see practices/views.py).
from practices import listing, views  # noqa: E402
