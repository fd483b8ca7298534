"""The admin form of a practice: a proposing Province's own Province is preset; the evidence level is UPI's.

It extends the form of every page (``core.page_forms.BasePageForm``), so sectors and themes are offered in
the practice's language only; the Comuni served are listed with their Province in one query.
"""

from django.utils.translation import gettext_lazy as _

from core.models import Province
from core.page_forms import BasePageForm
from practices.permissions import is_proposer, practices_province


class PracticePageForm(BasePageForm):
    """For a proposer, the Province is theirs and cannot be changed, and the evidence level is read-only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "comuni" in self.fields:  # each option's label names the Comune's Province
            comuni = self.fields["comuni"]
            comuni.queryset = comuni.queryset.select_related("province")
        user = self.for_user
        self.proposer_province = None
        if user is not None and is_proposer(
            user, self.parent_page if self.instance.pk is None else self.instance
        ):
            self.proposer_province = practices_province(user)
        if self.proposer_province is not None:
            field = self.fields["province"]
            field.queryset = Province.objects.filter(pk=self.proposer_province.pk)
            field.initial = self.proposer_province.pk
            field.disabled = True
            field.required = False
            field.help_text = _("La Provincia del proprio gruppo Buone pratiche.")
            self.initial["province"] = self.proposer_province.pk
            if "evidence_level" in self.fields:
                level = self.fields["evidence_level"]
                level.disabled = True
                level.help_text = _("Lo stabilisce la UPI quando valida la pratica.")

    def clean(self):
        cleaned_data = super().clean()
        if self.proposer_province is not None:
            # Whatever was posted, a Province proposes for itself, and does not grade its own evidence.
            cleaned_data["province"] = self.proposer_province
            cleaned_data["evidence_level"] = self.instance.evidence_level if self.instance.pk else ""
        return cleaned_data
