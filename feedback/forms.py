from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import DETAIL_MAX_LENGTH, NEGATIVE_REASONS, POSITIVE_REASONS

YES, NO = "si", "no"


class FeedbackForm(forms.Form):
    """The page's question. A plain form with no CSRF token: the view takes nothing but these fields
    and stores nothing that identifies the reader (see feedback/views.py)."""

    page = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    useful = forms.ChoiceField(
        label=_("Questa pagina ti è stata utile?"),
        choices=[(YES, _("Sì")), (NO, _("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Rispondi sì o no.")},
    )
    reason = forms.ChoiceField(
        label=_("Perché? (facoltativo)"),
        required=False,
        choices=[
            ("", _("Scegli un motivo")),
            (_("Se la pagina è stata utile"), POSITIVE_REASONS),
            (_("Se la pagina non è stata utile"), NEGATIVE_REASONS),
        ],
    )
    detail = forms.CharField(
        label=_("Vuoi aggiungere altri dettagli? (facoltativo)"),
        help_text=_("Al massimo 200 caratteri. Non scrivere dati personali."),
        required=False,
        max_length=DETAIL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": DETAIL_MAX_LENGTH}),
        error_messages={
            "max_length": _("Scrivi al massimo %(limit_value)d caratteri (ne hai scritti %(show_value)d).")
        },
    )

    def clean(self):
        data = super().clean()
        useful, reason = data.get("useful"), data.get("reason")
        if useful and reason:
            allowed = POSITIVE_REASONS if useful == YES else NEGATIVE_REASONS
            if reason not in dict(allowed):
                self.add_error("reason", _("Il motivo scelto non corrisponde alla risposta."))
        return data
