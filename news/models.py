"""The newsroom: national and local press releases, news, press coverage; the index with its feeds."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyBlock
from core.models import BasePage, IntroMixin, Province, Sector, SiteImage, Theme
from core.related import related_pages
from core.routing import LanguageRoutesMixin
from news import blocks as news_blocks
from news.choices import LISTING_RENDITION, DatePrecision, NewsType
from news.forms import NewsPageForm
from news.permissions import NewsPagePermissionTester


class NewsIndexPage(LanguageRoutesMixin, RoutablePageMixin, IntroMixin, BasePage):
    """“Sala stampa”: every news item, newest first, with filters, feeds, press contacts and press kit."""

    press_contacts = StreamField(
        news_blocks.PressContactsBlock(),
        verbose_name=_("contatti per la stampa"),
        blank=True,
    )
    press_kit = StreamField(news_blocks.PressKitBlock(), verbose_name=_("cartella stampa"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel(
            "press_contacts",
            help_text=_(
                "Se lasciati vuoti, la pagina mostra l'e-mail dell'ufficio stampa UPI indicata nelle impostazioni del "
                "sito; se manca anche quella, non mostra la sezione."
            ),
        ),
        FieldPanel("press_kit", help_text=_("Se lasciata vuota, la sezione non viene mostrata.")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Sala stampa")
        verbose_name_plural = _("Sale stampa")

    # Listing ------------------------------------------------------------------------------------

    def news_queryset(self):
        return (
            NewsPage.objects.live()
            .public()
            .child_of(self)
            .select_related("province")
            .prefetch_related(
                Prefetch("lead_image", queryset=SiteImage.objects.prefetch_renditions(LISTING_RENDITION)),
                "sectors",
                "themes",
            )
            .order_by("-date", "-first_published_at", "-pk")
        )

    @path("")
    def index_view(self, request):
        return views.index(request, self)

    # Feeds --------------------------------------------------------------------------------------

    @path("rss/", name="feed_rss")
    def feed_rss(self, request):
        return views.feed(request, self, "rss")

    @path("atom/", name="feed_atom")
    def feed_atom(self, request):
        return views.feed(request, self, "atom")

    @path("comunicati/rss/", name="releases_rss")
    @path("releases/rss/", name="releases_rss_en")
    def releases_rss(self, request):
        return views.feed(request, self, "rss", releases=True, route="releases_rss")

    @path("comunicati/atom/", name="releases_atom")
    @path("releases/atom/", name="releases_atom_en")
    def releases_atom(self, request):
        return views.feed(request, self, "atom", releases=True, route="releases_atom")

    @path("provincia/<slug:slug>/rss/", name="province_rss")
    @path("province/<slug:slug>/rss/", name="province_rss_en")
    def province_rss(self, request, slug):
        return views.feed(request, self, "rss", province_slug=slug, route="province_rss")

    @path("provincia/<slug:slug>/atom/", name="province_atom")
    @path("province/<slug:slug>/atom/", name="province_atom_en")
    def province_atom(self, request, slug):
        return views.feed(request, self, "atom", province_slug=slug, route="province_atom")

    def feed_links(self, province=None):
        """The feeds a page links with <link rel="alternate">: all news, releases, and a Province's."""
        links = [
            {
                "type": "application/rss+xml",
                "title": _("Notizie (RSS)"),
                "href": self.url + self.reverse_subpage("feed_rss"),
            },
            {
                "type": "application/atom+xml",
                "title": _("Notizie (Atom)"),
                "href": self.url + self.reverse_subpage("feed_atom"),
            },
            {
                "type": "application/rss+xml",
                "title": _("Comunicati stampa (RSS)"),
                "href": self.route_url("releases_rss"),
            },
            {
                "type": "application/atom+xml",
                "title": _("Comunicati stampa (Atom)"),
                "href": self.route_url("releases_atom"),
            },
        ]
        if province is not None:
            links.extend(self.province_feed_links(province))
        return links

    def province_feed_links(self, province):
        kwargs = {"slug": province.slug}
        return [
            {
                "type": "application/rss+xml",
                "title": _("Notizie della Provincia di %(name)s (RSS)") % {"name": province.name},
                "href": self.route_url("province_rss", **kwargs),
            },
            {
                "type": "application/atom+xml",
                "title": _("Notizie della Provincia di %(name)s (Atom)") % {"name": province.name},
                "href": self.route_url("province_atom", **kwargs),
            },
        ]

    def province_filter_url(self, province):
        return f"{self.url}?provincia={province.slug}"


class NewsPage(BasePage):
    """A press release, a news item or a link to press coverage."""

    date = models.DateField(
        _("data di pubblicazione"),
        default=datetime.date.today,
        help_text=_(
            "La data mostrata e usata per l'ordinamento. Per un comunicato sotto embargo pianificare "
            "anche la messa online: pannello “Stato” (in alto a destra), “Pianifica pubblicazione”."
        ),
    )
    date_precision = models.CharField(
        _("precisione della data"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Se la fonte indica solo il mese o l'anno, la pagina mostra solo quello."),
    )
    news_type = models.CharField(_("tipo"), max_length=24, choices=NewsType.choices, default=NewsType.NEWS)
    province = models.ForeignKey(
        Province,
        verbose_name=_("Provincia"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="news_pages",
        help_text=_("Obbligatoria per i comunicati stampa locali."),
    )
    sectors = ParentalManyToManyField(Sector, verbose_name=_("settori"), blank=True, related_name="+")
    themes = ParentalManyToManyField(Theme, verbose_name=_("temi"), blank=True, related_name="+")
    summary = models.TextField(
        _("sommario"),
        max_length=400,
        help_text=_(
            "Due o tre frasi che dicono la notizia: compaiono negli elenchi, nei feed e nelle anteprime."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("testo"), blank=True)
    lead_image = models.ForeignKey(
        SiteImage,
        verbose_name=_("immagine principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Il testo alternativo è quello dell'immagine."),
    )
    external_url = models.URLField(
        _("indirizzo dell'articolo"),
        blank=True,
        help_text=_("Per la rassegna stampa: l'articolo originale."),
    )
    source_name = models.CharField(_("testata"), max_length=120, blank=True)
    press_contact_name = models.CharField(_("contatto per la stampa"), max_length=120, blank=True)
    press_contact_email = models.EmailField(_("e-mail del contatto"), blank=True)
    press_contact_phone = models.CharField(_("telefono del contatto"), max_length=40, blank=True)
    release_year = models.PositiveSmallIntegerField(
        _("anno del comunicato"), null=True, blank=True, editable=False
    )
    release_number = models.PositiveIntegerField(
        _("numero del comunicato"), null=True, blank=True, editable=False
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("news_type"), FieldPanel("province")]),
                FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")]),
            ],
            heading=_("Tipo e data"),
        ),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Allegati"), heading=_("Allegati")),
        MultiFieldPanel(
            [FieldPanel("external_url"), FieldPanel("source_name")],
            heading=_("Rassegna stampa"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [FieldPanel("sectors", widget=forms.CheckboxSelectMultiple), FieldPanel("themes")],
            heading=_("Classificazione"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("press_contact_name"),
                FieldPanel("press_contact_email"),
                FieldPanel("press_contact_phone"),
            ],
            heading=_("Contatto per la stampa"),
        ),
        InlinePanel(
            "related_pages", label=_("Pagina correlata"), heading=_("Pratiche, eventi e pagine correlate")
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("news_type"),
        index.FilterField("date"),
        index.FilterField("province_id"),
    ]

    def get_search_date(self):
        """The date the site search shows: the news item's own date."""
        return self.date

    override_translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("date_precision"),
        SynchronizedField("news_type"),
        SynchronizedField("external_url"),
        SynchronizedField("source_name"),
        SynchronizedField("press_contact_name"),
        SynchronizedField("press_contact_email"),
        SynchronizedField("press_contact_phone"),
    ]

    base_form_class = NewsPageForm
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Notizia")
        verbose_name_plural = _("Notizie")

    def clean(self):
        super().clean()
        if self.news_type == NewsType.LOCAL_RELEASE and not self.province_id:
            raise ValidationError(
                {"province": _("Un comunicato stampa locale deve indicare la sua Provincia.")}
            )
        if self.news_type == NewsType.PRESS_COVERAGE and not self.external_url:
            raise ValidationError({"external_url": _("Indicare l'indirizzo dell'articolo.")})

    # Release numbers ----------------------------------------------------------------------------

    def save(self, *args, **kwargs):
        if self.live and self.news_type == NewsType.NATIONAL_RELEASE and self.release_number is None:
            with transaction.atomic():
                self.assign_release_number()
                return super().save(*args, **kwargs)
        return super().save(*args, **kwargs)

    def assign_release_number(self):
        """The next number of the year, given once when the release is first published."""
        numbered = (
            NewsPage.objects.filter(translation_key=self.translation_key, release_number__isnull=False)
            .exclude(pk=self.pk)
            .values("release_year", "release_number")
            .first()
        )
        if numbered:  # a translation of this release already has its number
            self.release_year, self.release_number = numbered["release_year"], numbered["release_number"]
            return
        year = self.date.year
        # Two releases published at the same moment must not get the same number: lock the newsroom row.
        Page.objects.select_for_update().filter(pk=self.get_parent().pk).first()
        locale_id = self.locale_id or self.get_default_locale().pk
        last = NewsPage.objects.filter(locale_id=locale_id, release_year=year).aggregate(
            last=models.Max("release_number")
        )["last"]
        self.release_year, self.release_number = year, (last or 0) + 1

    def with_content_json(self, content):
        """A revision never carries the release number: it belongs to the page, once given."""
        page = super().with_content_json(content)
        page.release_year, page.release_number = self.release_year, self.release_number
        return page

    @property
    def release_label(self):
        if self.news_type == NewsType.NATIONAL_RELEASE and self.release_number:
            return _("Comunicato n. %(number)s/%(year)s") % {
                "number": self.release_number,
                "year": self.release_year,
            }
        return ""

    # Display ------------------------------------------------------------------------------------

    def get_summary(self):
        return self.listing_summary or self.summary

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_social_image(self):
        return self.social_image or self.listing_image or self.lead_image

    @property
    def display_date(self):
        if self.date_precision == DatePrecision.YEAR:
            return str(self.date.year)
        if self.date_precision == DatePrecision.MONTH:
            value = date_format(self.date, "YEAR_MONTH_FORMAT")
            # Italian writes month names in lower case (“maggio 2020”).
            return value[:1].lower() + value[1:] if get_language() == "it" else value
        return date_format(self.date, "DATE_FORMAT")

    @property
    def published_datetime(self):
        """The date as an aware datetime, for feeds and structured data."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))

    def permissions_for_user(self, user):
        return NewsPagePermissionTester(user, self)

    @classmethod
    def served_queryset(cls, queryset):
        return queryset.select_related("province").prefetch_related("sectors", "themes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = self.get_parent().specific
        context["index_page"] = index_page
        context["feeds"] = index_page.feed_links(province=self.province)
        context["related"] = related_pages(
            self, [item.related for item in self.related_pages.select_related("related")]
        )
        context["attachments"] = [item.document for item in self.attachments.select_related("document")]
        return context


class NewsPageAttachment(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "core.SiteDocument",
        verbose_name=_("documento"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("allegato")
        verbose_name_plural = _("allegati")


class NewsPageRelatedPage(Orderable):
    """A practice, an event or any page of the site related to the news (a generic page link)."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_pages")
    related = models.ForeignKey(
        Page,
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [PageChooserPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("pagina correlata")
        verbose_name_plural = _("pagine correlate")


# The views import these models, so they come last (routing convention: see practices/views.py).
from news import views  # noqa: E402
