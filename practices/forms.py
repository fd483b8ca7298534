"""The admin form of a practice: a proposing Province's own Province is preset; the evidence level is UPI's."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from core.models import Province
from practices.permissions import is_proposer, practices_province


class PracticePageForm(WagtailAdminPageForm):
    """For a proposer, the Province is theirs and cannot be changed, and the evidence level is read-only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
