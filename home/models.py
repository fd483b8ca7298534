"""The page types of the site's base: home, generic content, sectors, Provinces, site map."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from core.models import BasePage, BodyMixin, IntroMixin, Province, Sector
from core.request_cache import all_top_pages, top_page_of_type
from core.sections import collect_sections

# Site search lists the site's generic pages together, as “Pagine” (see BasePage.search_type).
GENERIC_PAGES = ("page", _("Pagine"))


class HomePage(BodyMixin, BasePage):
    """The root of each language tree."""

    search_type, search_type_label = GENERIC_PAGES

    hero_kicker = models.CharField(_("occhiello"), max_length=200, blank=True)
    hero_text = models.TextField(_("testo introduttivo"), blank=True)
    hero_image = models.ForeignKey(
        "core.SiteImage",
        verbose_name=_("immagine di apertura"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina del pulsante"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("testo del pulsante"), max_length=60, blank=True)
    sectors_heading = models.CharField(_("titolo della sezione dei settori"), max_length=200, blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_kicker"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_page"),
                FieldPanel("hero_cta_label"),
            ],
            heading=_("Apertura"),
        ),
        FieldPanel("sectors_heading"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("hero_text"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Pagina iniziale")
        verbose_name_plural = _("Pagine iniziali")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sector_pages"] = (
            SectorPage.objects.live()
            .public()
            .filter(locale=self.locale)
            .select_related("sector")
            .order_by("sector__sort_order")
        )
        context["sections"] = collect_sections("home_page_sections", request, self)
        if self.hero_cta_page_id:  # usually a page at the top of the tree, loaded for the menu already
            top = {page.pk: page for page in all_top_pages()}
            cta_page = top.get(self.hero_cta_page_id) or self.hero_cta_page
            context["hero_cta_page"] = cta_page.localized
        if not self.hero_image_id:
            # Without an opening image, the hero's right half shows where the project works.
            provinces_page = province_index_for_locale(self.locale)
            context["hero_map"] = views.project_map()
            context["provinces_page"] = provinces_page
        return context


class ContentPage(IntroMixin, BodyMixin, BasePage):
    """A generic page built from the shared blocks."""

    search_type, search_type_label = GENERIC_PAGES

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage", "mapping.MappingPage"]

    class Meta:
        verbose_name = _("Pagina di contenuto")
        verbose_name_plural = _("Pagine di contenuto")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The pages of this section (e.g. “Il progetto” → progress, mapping), so that each is one click away.
        context["subpages"] = (
            self.get_children().live().public().in_menu().specific()
        )  # listed with their own titles and summaries
        return context


class SectorIndexPage(IntroMixin, BodyMixin, BasePage):
    """“I settori”: the three sectors of the project."""

    search_type, search_type_label = GENERIC_PAGES

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.SectorPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Indice dei settori")
        verbose_name_plural = _("Indici dei settori")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sector_pages"] = (
            SectorPage.objects.child_of(self)
            .live()
            .public()
            .select_related("sector")
            .order_by("sector__sort_order")
        )
        return context


class SectorPage(IntroMixin, BodyMixin, BasePage):
    """One of the three sectors: what the Provinces do in it for their Comuni."""

    search_type, search_type_label = GENERIC_PAGES

    sector = models.ForeignKey(
        Sector,
        verbose_name=_("settore"),
        on_delete=models.PROTECT,
        related_name="pages",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("sector"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.SectorIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Pagina di settore")
        verbose_name_plural = _("Pagine di settore")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = collect_sections("sector_page_sections", request, self)
        return context


class ProvinceIndexPage(RoutablePageMixin, IntroMixin, BodyMixin, BasePage):
    """“Le Province”: the 76 Provinces by macro-area and region, and one sub-page per Province."""

    search_type, search_type_label = GENERIC_PAGES

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Indice delle Province")
        verbose_name_plural = _("Indici delle Province")

    @path("")
    def index_view(self, request):
        return views.province_index(request, self)

    @path("<slug:slug>/")
    def province_view(self, request, slug):
        return views.province(request, self, slug=slug)

    def province_url(self, province):
        return self.url + self.reverse_subpage("province_view", kwargs={"slug": province.slug})

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for slug in Province.objects.values_list("slug", flat=True):
            urls.append({"location": f"{base}{slug}/", "lastmod": self.last_published_at})
        return urls


class SitemapPage(IntroMixin, BasePage):
    """“Mappa del sito”: every public page of the active language, as a tree."""

    search_type, search_type_label = GENERIC_PAGES

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Mappa del sito")
        verbose_name_plural = _("Mappe del sito")

    def get_tree(self):
        home = self.get_parent()
        pages = list(
            home.get_descendants().live().public().order_by("path").only("title", "url_path", "depth", "path")
        )
        root = {"page": home, "children": []}
        stack = [root]
        for page in pages:
            node = {"page": page, "children": []}
            while len(stack) > 1 and stack[-1]["page"].depth >= page.depth:
                stack.pop()
            stack[-1]["children"].append(node)
            stack.append(node)
        return root

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tree"] = self.get_tree()
        return context


def province_index_for_locale(locale):
    return top_page_of_type(ProvinceIndexPage, locale)


# The views import these models, so they come last (routing convention: see practices/views.py).
from home import views  # noqa: E402
