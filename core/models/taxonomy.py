"""Controlled vocabularies the whole site filters on: Provinces, Comuni, Sectors, Themes."""

import unicodedata

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.choices import MacroArea


def normalize_name(value):
    """Lower-case, accent-free form of a name, for accent- and case-insensitive look-ups."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


# The 15 ordinary-statute regions, marked for translation (English names in the `en` catalogue).
REGION_NAMES = [
    gettext_noop("Piemonte"),
    gettext_noop("Lombardia"),
    gettext_noop("Liguria"),
    gettext_noop("Veneto"),
    gettext_noop("Emilia-Romagna"),
    gettext_noop("Toscana"),
    gettext_noop("Umbria"),
    gettext_noop("Marche"),
    gettext_noop("Lazio"),
    gettext_noop("Abruzzo"),
    gettext_noop("Molise"),
    gettext_noop("Campania"),
    gettext_noop("Puglia"),
    gettext_noop("Basilicata"),
    gettext_noop("Calabria"),
]


class ProvinceQuerySet(models.QuerySet):
    def in_macro_area(self, macro_area):
        return self.filter(macro_area=macro_area)


class Province(index.Indexed, models.Model):
    """One of the 76 Provinces of the project (ISTAT reference data plus editable contacts).

    Province names are proper nouns and are not translated; the reference fields come from ISTAT
    and are loaded by a data migration, the contact fields are edited by UPI.
    """

    istat_code = models.CharField(_("codice ISTAT"), max_length=3, unique=True)
    sigla = models.CharField(_("sigla"), max_length=2, unique=True)
    name = models.CharField(_("nome"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    region = models.CharField(_("regione"), max_length=60, db_index=True)
    macro_area = models.CharField(_("macro-area"), max_length=12, choices=MacroArea.choices, db_index=True)

    website = models.URLField(_("sito web istituzionale"), blank=True)
    press_office_email = models.EmailField(_("e-mail dell'ufficio stampa"), blank=True)
    press_office_phone = models.CharField(_("telefono dell'ufficio stampa"), max_length=40, blank=True)
    referent_name = models.CharField(_("referente del progetto"), max_length=120, blank=True)
    referent_role = models.CharField(_("ruolo del referente"), max_length=120, blank=True)
    referent_email = models.EmailField(_("e-mail del referente"), blank=True)
    referent_phone = models.CharField(_("telefono del referente"), max_length=40, blank=True)

    objects = ProvinceQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldPanel("sigla", read_only=True),
                FieldPanel("istat_code", read_only=True),
                FieldPanel("region", read_only=True),
                FieldPanel("macro_area", read_only=True),
            ],
            heading=_("Dati ISTAT"),
        ),
        MultiFieldPanel(
            [FieldPanel("website")],
            heading=_("Sito istituzionale"),
            help_text=_(
                "I contatti compilati qui compaiono nel riquadro «Contatti» della pagina della Provincia. "
                "Finché sono tutti vuoti, il riquadro non viene mostrato."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("press_office_email"), FieldPanel("press_office_phone")],
            heading=_("Ufficio stampa"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("referent_name"),
                FieldPanel("referent_role"),
                FieldPanel("referent_email"),
                FieldPanel("referent_phone"),
            ],
            heading=_("Referente provinciale del progetto"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("region"),
        index.FilterField("macro_area"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Provincia")
        verbose_name_plural = _("Province")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    @classmethod
    def in_request(cls):
        """Every Province in name order, from the shared cache (``core.site_cache.taxonomy``)."""
        from core.site_cache import taxonomy

        return taxonomy("provinces")

    @property
    def region_label(self):
        """The region's name in the active language."""
        return gettext(self.region)


class Comune(models.Model):
    """One of the 5,563 Comuni of the 76 Provinces (ISTAT, 2020-01-01; population at the 2011 census)."""

    istat_code = models.CharField(_("codice ISTAT"), max_length=6, unique=True)
    name = models.CharField(_("nome"), max_length=100)
    name_normalized = models.CharField(_("nome normalizzato"), max_length=100, db_index=True, editable=False)
    province = models.ForeignKey(
        Province, verbose_name=_("Provincia"), on_delete=models.PROTECT, related_name="comuni"
    )
    population_2011 = models.PositiveIntegerField(_("popolazione (censimento 2011)"), null=True, blank=True)

    class Meta:
        ordering = ["name", "province__sigla"]
        verbose_name = _("Comune")
        verbose_name_plural = _("Comuni")

    def __str__(self):
        return f"{self.name} ({self.province.sigla})"

    def save(self, *args, **kwargs):
        self.name_normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class ItalianComune(models.Model):
    """Any of Italy's 7,904 Comuni (ISTAT, 2020-01-01): lets the Comune finder say why one is outside the project."""

    class Scope(models.TextChoices):
        PROJECT = "provincia-progetto", _("In una delle 76 Province del progetto")
        METROPOLITAN = "citta-metropolitana", _("In una Città metropolitana")
        SPECIAL_STATUTE = "regione-statuto-speciale", _("In una Regione a statuto speciale")

    istat_code = models.CharField(_("codice ISTAT"), max_length=6, unique=True)
    name = models.CharField(_("nome"), max_length=100)
    name_normalized = models.CharField(_("nome normalizzato"), max_length=100, db_index=True, editable=False)
    sigla = models.CharField(_("sigla"), max_length=2)
    body_name = models.CharField(_("ente di area vasta"), max_length=100)
    region = models.CharField(_("regione"), max_length=60)
    scope = models.CharField(_("ambito"), max_length=30, choices=Scope.choices, db_index=True)

    class Meta:
        ordering = ["name", "sigla"]
        verbose_name = _("Comune italiano")
        verbose_name_plural = _("Comuni italiani")

    def __str__(self):
        return f"{self.name} ({self.sigla})"

    def save(self, *args, **kwargs):
        self.name_normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class TranslatableTaxonomy(TranslatableMixin, index.Indexed, models.Model):
    """A translatable controlled term: editors choose it, they never type it again."""

    name = models.CharField(_("nome"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        allow_unicode=False,
        help_text=_("Identificativo nell'indirizzo delle pagine filtrate; unico per lingua."),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordine"), default=0)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Sector(TranslatableTaxonomy):
    """One of the three sectors of the project."""

    class Code(models.TextChoices):
        SUA = "sua", _("Stazione Unica Appaltante")
        EUROPA = "europa", _("Servizi associati per le Politiche Europee")
        INNOVAZIONE = "innovazione", _("Servizi di innovazione, raccolta ed elaborazione dati")

    code = models.CharField(
        _("codice"),
        max_length=20,
        choices=Code.choices,
        help_text=_("Codice stabile del settore, uguale in tutte le lingue."),
    )
    short_name = models.CharField(_("nome breve"), max_length=40, blank=True)
    description = models.TextField(_("descrizione breve"), blank=True)
    icon = models.CharField(
        _("icona"),
        max_length=40,
        blank=True,
        default="it-files",
        help_text=_("Nome di un'icona di Bootstrap Italia, per esempio it-files."),
    )

    override_translatable_fields = [
        SynchronizedField("code"),
        SynchronizedField("icon"),
        SynchronizedField("sort_order"),
    ]

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("icon"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableTaxonomy.Meta):
        verbose_name = _("Settore")
        verbose_name_plural = _("Settori")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="core_sector_slug_per_locale"),
            models.UniqueConstraint(fields=["code", "locale"], name="core_sector_code_per_locale"),
        ]

    @property
    def label(self):
        return self.short_name or self.name

    @classmethod
    def of_locale(cls, locale):
        """The sectors of a locale in their order, from the shared cache (``core.site_cache.taxonomy``)."""
        from core.site_cache import taxonomy

        return [sector for sector in taxonomy("sectors") if sector.locale_id == locale.pk]


class Theme(TranslatableTaxonomy):
    """A controlled theme shared by practices, news and documents."""

    description = models.TextField(_("descrizione"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta(TranslatableTaxonomy.Meta):
        verbose_name = _("Tema")
        verbose_name_plural = _("Temi")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="core_theme_slug_per_locale"),
        ]

    @classmethod
    def of_locale(cls, locale):
        """The themes of a locale in their order, from the shared cache (``core.site_cache.taxonomy``)."""
        from core.site_cache import taxonomy

        return [theme for theme in taxonomy("themes") if theme.locale_id == locale.pk]
