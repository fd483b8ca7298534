"""Custom Image and Document models, set before the first migration."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index

from core.choices import DocumentLanguage, DocumentType, Licence
from core.document_files import validate_document_file
from core.storage import ProtectedDocumentStorage


class SiteImage(AbstractImage):
    """An image that always says what it shows, unless it is purely decorative."""

    is_decorative = models.BooleanField(
        _("immagine decorativa"),
        default=False,
        help_text=_(
            "Spuntare solo se l'immagine non aggiunge informazioni: sarà ignorata dai lettori di schermo."
        ),
    )
    credit = models.CharField(
        _("crediti"), max_length=255, blank=True, help_text=_("Autore o fonte dell'immagine.")
    )

    admin_form_fields = (*Image.admin_form_fields, "is_decorative", "credit")

    def clean(self):
        super().clean()
        if not self.is_decorative and not (self.description or "").strip():
            raise ValidationError(
                {
                    "description": _(
                        "Scrivere il testo alternativo (che cosa mostra l'immagine), "
                        "oppure segnare l'immagine come decorativa."
                    )
                }
            )

    @property
    def default_alt_text(self):
        return "" if self.is_decorative else (self.description or self.title)

    @property
    def alt(self):
        return self.default_alt_text

    class Meta(AbstractImage.Meta):
        verbose_name = _("immagine")
        verbose_name_plural = _("immagini")
        permissions = [("choose_siteimage", "Can choose image")]


# Wagtail labels the description field "description"; on this site it is the alternative text.
SiteImage._meta.get_field("description").verbose_name = _("testo alternativo")
SiteImage._meta.get_field("description").help_text = _(
    "Che cosa mostra l'immagine, per chi non la vede. Obbligatorio se l'immagine non è decorativa."
)


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class SiteDocument(AbstractDocument):
    """A document with the metadata the library and the newsroom filter on."""

    # Stored outside MEDIA_ROOT: documents leave only through the serve view, which checks privacy.
    file = models.FileField(upload_to="documents", storage=ProtectedDocumentStorage(), verbose_name=_("file"))
    description = models.TextField(_("descrizione"), blank=True)
    doc_type = models.CharField(
        _("tipo di documento"), max_length=20, choices=DocumentType.choices, default=DocumentType.OTHER
    )
    sector = models.ForeignKey(
        "core.Sector",
        verbose_name=_("settore"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publication_date = models.DateField(_("data di pubblicazione"), null=True, blank=True)
    language = models.CharField(
        _("lingua del documento"),
        max_length=8,
        choices=DocumentLanguage.choices,
        default=DocumentLanguage.ITALIAN,
    )
    licence = models.CharField(_("licenza"), max_length=32, choices=Licence.choices, default=Licence.CC_BY_4)

    admin_form_fields = (
        *Document.admin_form_fields,
        "description",
        "doc_type",
        "sector",
        "publication_date",
        "language",
        "licence",
    )

    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.FilterField("doc_type"),
        index.FilterField("language"),
        index.FilterField("sector_id"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("documento")
        verbose_name_plural = _("documenti")
        permissions = [("choose_sitedocument", "Can choose document")]

    @property
    def licence_url(self):
        return Licence.url_for(self.licence)

    def clean(self):
        validate_document_file(self.file)  # allow-list, size limit, content matching the extension
        super().clean()
