"""Site settings: contacts, social links, footer pages and the EU-funding strip."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, Page


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
                        ],
                        heading=_("Contatti"),
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

    @property
    def funding_logos(self):
        """The four logos of the strip; a missing image is shown as its name in text."""
        return [
            {"image": self.logo_eu, "label": _("Unione europea")},
            {"image": self.logo_programme, "label": _("PON Governance e Capacità istituzionale 2014-2020")},
            {"image": self.logo_authority, "label": _("Dipartimento della Funzione Pubblica")},
            {"image": self.logo_upi, "label": _("UPI - Unione delle Province d'Italia")},
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
    def footer_pages(self):
        """The compliance pages in the active language (one query), falling back to the chosen page."""
        chosen = [
            p
            for p in (self.accessibility_page, self.privacy_page, self.legal_notes_page, self.sitemap_page)
            if p is not None
        ]
        if not chosen:
            return []
        locale = Locale.get_active()
        translated = {
            p.translation_key: p
            for p in Page.objects.live().filter(
                translation_key__in=[p.translation_key for p in chosen], locale=locale
            )
        }
        return [translated.get(p.translation_key, p) for p in chosen]
