"""Site settings: contacts, social links, footer pages and the EU-funding strip."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, Page, Site

from core import site_cache
from core.request_cache import top_pages


def _image_fk(label):
    return models.ForeignKey(
        "core.SiteImage",
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def _page_fk(label):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """One record per site. The funding statement has one field per language because settings are
    per site, not per locale, and the whole strip is best edited on one screen."""

    contact_email = models.EmailField(_("e-mail di contatto"), blank=True)
    contact_phone = models.CharField(_("telefono"), max_length=40, blank=True)
    contact_address = models.TextField(_("indirizzo"), blank=True)
    press_email = models.EmailField(_("e-mail dell'ufficio stampa UPI"), blank=True)
    contact_page = _page_fk(_("pagina «Contatti»"))

    upi_url = models.URLField(_("sito dell'UPI"), blank=True, default="https://www.provinceditalia.it/")
    facebook_url = models.URLField(_("pagina Facebook"), blank=True)
    twitter_url = models.URLField(_("profilo X (Twitter)"), blank=True)
    instagram_url = models.URLField(_("profilo Instagram"), blank=True)

    accessibility_page = _page_fk(_("Dichiarazione di accessibilità"))
    privacy_page = _page_fk(_("Informativa privacy"))
    legal_notes_page = _page_fk(_("Note legali"))
    sitemap_page = _page_fk(_("Mappa del sito"))

    funding_statement = models.TextField(_("dichiarazione di finanziamento (italiano)"), blank=True)
    funding_statement_en = models.TextField(_("dichiarazione di finanziamento (inglese)"), blank=True)
    logo_eu = _image_fk(_("emblema dell'Unione europea"))
    logo_programme = _image_fk(_("logo del programma (PON Governance)"))
    logo_authority = _image_fk(_("logo dell'autorità di gestione"))
    logo_upi = _image_fk(_("logo UPI"))

    select_related = [
        "contact_page",
        "accessibility_page",
        "privacy_page",
        "legal_notes_page",
        "sitemap_page",
        "logo_eu",
        "logo_programme",
        "logo_authority",
        "logo_upi",
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("contact_email"),
                            FieldPanel("contact_phone"),
                            FieldPanel("contact_address"),
                            FieldPanel("press_email"),
                            FieldPanel("contact_page"),
                        ],
                        heading=_("Contatti"),
                        help_text=_(
                            "Compaiono nel piè di pagina, nella pagina «Contatti» e, per l'ufficio stampa, nella "
                            "sala stampa. Un recapito lasciato vuoto non viene mostrato: il sito non ne inventa."
                        ),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("upi_url"),
                            FieldPanel("facebook_url"),
                            FieldPanel("twitter_url"),
                            FieldPanel("instagram_url"),
                        ],
                        heading=_("Collegamenti social"),
                    ),
                ],
                heading=_("Contatti e social"),
            ),
            ObjectList(
                [
                    HelpPanel(
                        content=_(
                            "Ogni logo lasciato vuoto è mostrato come testo con il suo nome. Accanto all'emblema "
                            "dell'Unione europea compare sempre la dicitura «Cofinanziato dall'Unione europea»."
                        )
                    ),
                    FieldPanel("funding_statement"),
                    FieldPanel("funding_statement_en"),
                    FieldPanel("logo_eu"),
                    FieldPanel("logo_programme"),
                    FieldPanel("logo_authority"),
                    FieldPanel("logo_upi"),
                ],
                heading=_("Striscia dei finanziamenti"),
            ),
            ObjectList(
                [
                    FieldPanel("accessibility_page"),
                    FieldPanel("privacy_page"),
                    FieldPanel("legal_notes_page"),
                    FieldPanel("sitemap_page"),
                ],
                heading=_("Pagine del piè di pagina"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("Impostazioni del sito")

    # The settings every page shows in its footer are kept in the shared cache, like Wagtail keeps the
    # sites' root paths: saving the settings, a page (the footer links to pages) or an image (the funding
    # strip) drops the copy (``core.site_cache.forget``). The admin edits what ``for_site`` reads from the
    # database.
    @classmethod
    def for_request(cls, request):
        """The site's settings, from the shared cache when they are there (Wagtail's ``for_request`` else)."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        site_settings = site_cache.site_settings(site)
        site_settings._request = request
        setattr(request, attr_name, site_settings)
        return site_settings

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_localized_pages", None)  # in the language of the request that computed it
        return state

    @property
    def funding_logos(self):
        """The slots of the funding strip. An empty slot shows its name as text; the EU emblem always comes
        with the wording of the EU's visibility rules next to it (and without an image, only that wording)."""
        return [
            {
                "key": "eu",
                "image": self.logo_eu,
                "alt": _("Emblema dell'Unione europea"),
                "label": "",
                "caption": _("Cofinanziato dall'Unione europea"),
                "subcaption": _("Fondo europeo di sviluppo regionale e Fondo sociale europeo"),
            },
            {
                "key": "programme",
                "image": self.logo_programme,
                "alt": _("PON Governance e Capacità istituzionale 2014-2020"),
                "label": _("PON Governance e Capacità istituzionale 2014-2020"),
            },
            {
                "key": "authority",
                "image": self.logo_authority,
                "alt": _("Dipartimento della Funzione Pubblica"),
                "label": _("Dipartimento della Funzione Pubblica"),
            },
            {
                "key": "upi",
                "image": self.logo_upi,
                "alt": _("UPI - Unione delle Province d'Italia"),
                "label": _("UPI - Unione delle Province d'Italia"),
            },
        ]

    def get_funding_statement(self):
        if (get_language() or "it").startswith("en") and self.funding_statement_en:
            return self.funding_statement_en
        return self.funding_statement

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url, "it-facebook"),
            ("X (Twitter)", self.twitter_url, "it-twitter"),
            ("Instagram", self.instagram_url, "it-instagram"),
        ]
        return [{"name": n, "url": u, "icon": i} for n, u, i in links if u]

    @property
    def has_contacts(self):
        return bool(self.contact_email or self.contact_phone or self.contact_address or self.press_email)

    @property
    def footer_pages(self):
        """The compliance pages in the active language, falling back to the chosen page."""
        chosen = [self.accessibility_page, self.privacy_page, self.legal_notes_page, self.sitemap_page]
        return [self._localized_pages[p.translation_key] for p in chosen if p is not None]

    @property
    def localized_contact_page(self):
        """The «Contatti» page in the active language, if it is chosen and live."""
        if self.contact_page is None:
            return None
        page = self._localized_pages[self.contact_page.translation_key]
        return page if page.live else None

    @cached_property
    def _localized_pages(self):
        """The footer's pages and the contact page by translation key, in the active language (one query)."""
        return {
            p.translation_key: p
            for p in self._localized(
                [
                    self.accessibility_page,
                    self.privacy_page,
                    self.legal_notes_page,
                    self.sitemap_page,
                    self.contact_page,
                ]
            )
        }

    @staticmethod
    def _localized(pages):
        chosen = [p for p in pages if p is not None]
        if not chosen:
            return []
        locale = Locale.get_active()
        keys = {p.translation_key for p in chosen}
        # The footer's pages are usually children of the home page, loaded once per request for the menu.
        translated = {p.translation_key: p for p in top_pages(locale) if p.translation_key in keys}
        missing = keys - translated.keys()
        if missing:
            translated.update(
                (p.translation_key, p)
                for p in Page.objects.live().filter(translation_key__in=missing, locale=locale)
            )
        return [translated.get(p.translation_key, p) for p in chosen]
