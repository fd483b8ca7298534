"""Who may do what in the newsroom.

A Province's press office has Wagtail's “add” permission on the newsroom: it creates news there and
edits the pages its members own, never publishes. On top of Wagtail's owner rule, a press officer
only ever touches pages of their own Province, and never sees another Province's drafts.
"""

from django.db.models import Q

from wagtail.models import GroupPagePermission, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.roles import provinces_of
from news.roles import PRESS_OFFICE_ROLE


def press_office_province(user):
    """The Province whose press office ``user`` belongs to, or None (memoised on the user)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_press_office_province"):
        user._press_office_province = provinces_of(user, PRESS_OFFICE_ROLE).order_by("pk").first()
    return user._press_office_province


def is_press_officer(user, page=None):
    """A press-office member without broader rights (UPI editors and superusers are not restricted)."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return False
    if press_office_province(user) is None:
        return False
    if page is not None:
        return "change" not in PagePermissionTester(user, page).permissions
    return not user.has_perm("wagtailcore.change_page") and not _has_change_anywhere(user)


def _has_change_anywhere(user):
    return GroupPagePermission.objects.filter(group__user=user, permission__codename="change_page").exists()


class NewsPagePermissionTester(PagePermissionTester):
    """Wagtail's rules, plus: a press officer acts only on pages of their own Province."""

    def _foreign_to_press_officer(self):
        if not self.user.is_active or self.user.is_superuser or "change" in self.permissions:
            return False
        province = press_office_province(self.user)
        return province is not None and self.page.province_id != province.pk

    def can_edit(self):
        return super().can_edit() and not self._foreign_to_press_officer()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and not self._foreign_to_press_officer()

    def can_copy(self):
        return super().can_copy() and not self._foreign_to_press_officer()


class NewsroomPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy; for a press officer, other Provinces' drafts are not explorable.

    The admin's page explorer and page search list what ``explorable_instances`` returns: without this,
    a press officer could read the titles of another Province's drafts in the search results.
    """

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if not is_press_officer(user):
            return pages
        from news.models import NewsPage  # news.models imports this module

        foreign_drafts = NewsPage.objects.exclude(province=press_office_province(user)).filter(
            Q(live=False) | Q(has_unpublished_changes=True)
        )
        return pages.exclude(pk__in=foreign_drafts.values("pk"))
