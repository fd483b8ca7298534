"""The link between a Province and the admin group that acts for it in one role.

Several areas give each Province a group of its own: the newsroom its press office, and later the
catalogue and the mapping their Province referents. They all record it here, one row per Province and
role, so that "which Province does this user act for, in this role?" has one answer everywhere.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from .taxonomy import Province


class ProvinceGroupQuerySet(models.QuerySet):
    def for_role(self, role):
        return self.filter(role=role)


class ProvinceGroup(models.Model):
    """The Django group that acts for one Province in one role (e.g. its press office)."""

    province = models.ForeignKey(
        Province, verbose_name=_("Provincia"), on_delete=models.CASCADE, related_name="role_groups"
    )
    role = models.SlugField(_("ruolo"), max_length=40, help_text=_("Per esempio: stampa."))
    group = models.OneToOneField(
        Group, verbose_name=_("gruppo"), on_delete=models.CASCADE, related_name="province_role"
    )

    objects = ProvinceGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("gruppo di una Provincia")
        verbose_name_plural = _("gruppi delle Province")
        constraints = [models.UniqueConstraint(fields=["province", "role"], name="core_one_group_per_role")]

    def __str__(self):
        return self.group.name
