"""The filters of the document library and of the training offers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm
from core.models import DocumentLanguage, DocumentType
from resources.choices import TrainingFormat


class LibraryFilterForm(FilterForm):
    """The library's GET parameters; anything invalid is ignored rather than refused."""

    q = forms.CharField(label=_("Cerca nel titolo e nella descrizione"), required=False, max_length=200)
    tipo = forms.ChoiceField(label=_("Tipo"), required=False)
    settore = forms.ChoiceField(label=_("Settore"), required=False)
    anno = forms.TypedChoiceField(label=_("Anno"), required=False, coerce=int, empty_value=None)
    lingua = forms.ChoiceField(label=_("Lingua"), required=False)
    gruppo = forms.ChoiceField(label=_("Gruppo di lavoro"), required=False)
    ordine = forms.ChoiceField(
        label=_("Ordina per"),
        required=False,
        choices=[("recenti", _("Più recenti")), ("titolo", _("Titolo (A-Z)"))],
    )

    def __init__(self, data, *, sectors, years, groups):
        super().__init__(data)
        self.set_choices("tipo", DocumentType.choices)
        self.set_choices("settore", [(sector.code, sector.name) for sector in sectors])
        self.set_choices("anno", [(str(year), str(year)) for year in years])
        self.set_choices("lingua", DocumentLanguage.choices, feminine=True)
        self.set_choices("gruppo", [(group.slug, group.title) for group in groups])

    def filters(self):
        """The cleaned values of the valid fields (invalid ones are dropped, not fatal)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class TrainingFilterForm(FilterForm):
    """The training offers' filters."""

    settore = forms.ChoiceField(label=_("Settore"), required=False)
    formato = forms.ChoiceField(label=_("Formato"), required=False)

    def __init__(self, data, *, sectors):
        super().__init__(data)
        self.set_choices("settore", [(sector.code, sector.name) for sector in sectors])
        self.set_choices("formato", TrainingFormat.choices)
