"""The abstract page every page type of the site extends, and the fields many page types share."""

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core import request_cache
from core.blocks import BodyBlock
from core.page_forms import BasePageForm


class BasePage(Page):
    """SEO, listing and social fields shared by every page type."""

    listing_title = models.CharField(
        _("titolo negli elenchi"),
        max_length=255,
        blank=True,
        help_text=_("Se vuoto, negli elenchi si usa il titolo della pagina."),
    )
    listing_summary = models.TextField(
        _("sintesi negli elenchi"),
        max_length=300,
        blank=True,
        help_text=_(
            "Una o due frasi (al massimo 300 caratteri) mostrate negli elenchi e nei risultati di ricerca."
        ),
    )
    listing_image = models.ForeignKey(
        "core.SiteImage",
        verbose_name=_("immagine negli elenchi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    social_image = models.ForeignKey(
        "core.SiteImage",
        verbose_name=_("immagine per i social network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Usata nelle anteprime di condivisione; se vuota si usa l'immagine negli elenchi."),
    )
    review_date = models.DateField(
        _("data di revisione"),
        null=True,
        blank=True,
        help_text=_("Quando ricontrollare che il contenuto sia ancora corretto."),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("listing_title"), FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading=_("Negli elenchi"),
        ),
        MultiFieldPanel([FieldPanel("social_image")], heading=_("Condivisione")),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("review_date")]

    search_fields = [*Page.search_fields, index.SearchField("listing_summary")]

    # The site search files its results by type: the page types that share a ``search_type`` are one
    # filter, named ``search_type_label``. By default each page type is a type of its own, named by
    # its model's plural name.
    search_type = None
    search_type_label = None
    base_form_class = BasePageForm

    class Meta:
        abstract = True

    @classmethod
    def get_search_type(cls):
        return cls.search_type or cls._meta.label_lower

    @classmethod
    def get_search_type_label(cls):
        return cls.search_type_label or capfirst(cls._meta.verbose_name_plural)

    def get_listing_title(self):
        return self.listing_title or self.title

    def get_summary(self):
        return self.listing_summary or self.search_description

    def get_meta_description(self):
        return self.search_description or self.listing_summary

    def route(self, request, path_components):
        """Wagtail's routing, with one query per level instead of two where the child's type is known.

        Wagtail finds a child by its slug, then loads its specific page: two queries per level of the
        address. When the page allows a single type of child, or the child is at the top of the tree (the
        request has loaded those pages, with their types, for the menu), the specific page is loaded
        directly. Anything else, or no such child, goes through Wagtail's own routing. A page at the top of
        the tree that is only passed through (the home page, an index page) is not loaded at all: the
        request's copy of it, with its own fields deferred, has all the routing needs; the page that is
        served is always loaded whole (``request_cache.fully_loaded``).
        """
        if path_components:
            subpage = self._specific_child(path_components[0])
            if subpage is not None:
                subpage._cached_parent_obj = self
                return request_cache.fully_loaded(subpage.route(request, path_components[1:]))
        return request_cache.fully_loaded(super().route(request, path_components))

    @classmethod
    def served_queryset(cls, queryset):
        """The queryset a page of this type is served from: ``select_related`` and ``prefetch_related``
        what its template shows, so that it costs no query per relation (override in page types)."""
        return queryset

    def _specific_child(self, slug):
        child_models = type(self).allowed_subpage_models()
        if len(child_models) == 1:
            model = child_models[0]
            queryset = model.objects.child_of(self).filter(slug=slug)
            if issubclass(model, BasePage):
                queryset = model.served_queryset(queryset)
            return queryset.first()
        if request_cache.active() and self.depth == 2:
            for top_page in request_cache.top_pages(self.locale):
                if top_page.depth == 3 and top_page.slug == slug and top_page.path.startswith(self.path):
                    return top_page  # its own fields are loaded if the page itself is served
        return None

    def get_view_restrictions(self):
        """The view restrictions that apply to the page, from the request's copy of them (one query per
        request, shared with every ``.public()``; none at all for a public page)."""
        if self.alias_of_id or not request_cache.active():
            return super().get_view_restrictions()
        ids = [
            restriction.pk
            for restriction in request_cache.page_restrictions()
            if self.path.startswith(restriction.page.path)
        ]
        return PageViewRestriction.objects.filter(pk__in=ids) if ids else PageViewRestriction.objects.none()

    def get_social_image(self):
        return self.social_image or self.listing_image


class IntroMixin(models.Model):
    """The introduction shown under a page's title (add ``FieldPanel("intro")`` to the panels)."""

    intro = models.TextField(_("introduzione"), blank=True)

    class Meta:
        abstract = True


class BodyMixin(models.Model):
    """The page's content, built from the shared blocks (add ``FieldPanel("body")`` to the panels)."""

    body = StreamField(BodyBlock(), verbose_name=_("contenuto"), blank=True)

    class Meta:
        abstract = True
