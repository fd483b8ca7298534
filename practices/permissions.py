"""Who may do what in the catalogue.

A Province's practices group has Wagtail's “add” permission on the catalogue: its members propose
practices there and edit the pages they own, never publish (they submit to UPI's validation workflow).
On top of Wagtail's owner rule, a proposer only ever touches practices of their own Province, never
sees another Province's drafts, and never sets the evidence level (UPI does, when it validates).
"""

from django.db.models import Q

from wagtail.models import GroupPagePermission, PagePermissionTester

from core.roles import provinces_of
from news.permissions import NewsroomPagePermissionPolicy
from practices.roles import PRACTICES_ROLE


def practices_province(user):
    """The Province whose practices group ``user`` belongs to, or None (memoised on the user)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_practices_province"):
        user._practices_province = provinces_of(user, PRACTICES_ROLE).order_by("pk").first()
    return user._practices_province


def is_proposer(user, page=None):
    """A member of a practices group without broader rights (UPI editors and superusers are not restricted)."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return False
    if practices_province(user) is None:
        return False
    if page is not None:
        return "change" not in PagePermissionTester(user, page).permissions
    if not hasattr(user, "_practices_has_change"):
        user._practices_has_change = (
            user.has_perm("wagtailcore.change_page")
            or GroupPagePermission.objects.filter(
                group__user=user, permission__codename="change_page"
            ).exists()
        )
    return not user._practices_has_change


def foreign_drafts(user):
    """The practices a proposer must not see: other Provinces' drafts and pending changes."""
    from practices.models import PracticePage  # practices.models imports this module

    return PracticePage.objects.filter(Q(live=False) | Q(has_unpublished_changes=True)).exclude(
        province=practices_province(user)
    )


class PracticePagePermissionTester(PagePermissionTester):
    """Wagtail's rules, plus: a proposer acts only on practices of their own Province."""

    def _foreign_to_proposer(self):
        if not self.user.is_active or self.user.is_superuser or "change" in self.permissions:
            return False
        province = practices_province(self.user)
        return province is not None and self.page.province_id != province.pk

    def can_edit(self):
        return super().can_edit() and not self._foreign_to_proposer()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and not self._foreign_to_proposer()

    def can_copy(self):
        return super().can_copy() and not self._foreign_to_proposer()


class SitePagePermissionPolicy(NewsroomPagePermissionPolicy):
    """The newsroom's page policy, and for a proposer other Provinces' practice drafts are not explorable.

    The admin's page explorer and page search list what ``explorable_instances`` returns.
    """

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if not is_proposer(user):
            return pages
        return pages.exclude(pk__in=foreign_drafts(user).values("pk"))
