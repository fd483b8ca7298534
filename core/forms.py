"""The base of the listings' filter forms."""

from django import forms
from django.utils.translation import gettext_lazy as _


class FilterForm(forms.Form):
    """A listing's filters, read from GET parameters so that every filtered view has a shareable URL.

    Each choice starts with an empty "all" choice (“Tutti”, or “Tutte” for a feminine noun), and every
    field gets Bootstrap Italia's class (``form-select`` for choices, ``form-control`` otherwise).
    """

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            )

    def set_choices(self, name, choices, feminine=False):
        """The field's choices, after the empty choice that selects everything."""
        self.fields[name].choices = [("", _("Tutte") if feminine else _("Tutti")), *choices]
