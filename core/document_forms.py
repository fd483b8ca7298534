"""The admin's document form: metadata with defaults, and the taxonomy in one language.

Wagtail's multiple upload validates the upload with this same form, given only the file, the title and the
collection. Fields with a model default (type, language, licence) are therefore optional here: a blank value
keeps the default, so the upload creates the document at once (in its collection and in the protected
storage) and the editor completes its metadata in the next step. Were they required, Wagtail would park the
file as an ``UploadedFile`` in the public media folder until the metadata are filled in.

Sectors are translatable snippets: a document is tagged with the sector of the default locale (the site's
pages follow it through the translation key), so the choice lists only that locale's sectors.
"""

from django.db.models import Q

from wagtail.documents.forms import BaseDocumentForm
from wagtail.models import Locale

DEFAULTED_FIELDS = ("doc_type", "language", "licence")


class SiteDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in DEFAULTED_FIELDS:
            if name in self.fields:
                self.fields[name].required = False
        if "sector" in self.fields:
            # A document tagged earlier with another language's sector keeps it visible (and selected).
            self.fields["sector"].queryset = self.fields["sector"].queryset.filter(
                Q(locale=Locale.get_default()) | Q(pk=self.instance.sector_id)
            )

    def _clean_with_default(self, name):
        value = self.cleaned_data.get(name)
        return value or self._meta.model._meta.get_field(name).get_default()

    def clean_doc_type(self):
        return self._clean_with_default("doc_type")

    def clean_language(self):
        return self._clean_with_default("language")

    def clean_licence(self):
        return self._clean_with_default("licence")
