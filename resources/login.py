"""Where the site's login (``/_util/login/``, ``LOGIN_REDIRECT_URL``) takes a user who came without ``next``."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language

from wagtail.models import Page, PageViewRestriction


def after_login(request):
    """A working-group member lands on their reserved area; an editor on the admin; anyone else on the
    working groups' index (or the home page)."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    language = (get_language() or "it").split("-")[0]
    restricted = PageViewRestriction.objects.filter(
        restriction_type=PageViewRestriction.GROUPS, groups__in=user.groups.all()
    ).values("page")
    reserved = Page.objects.live().filter(pk__in=restricted).order_by("path")
    page = reserved.filter(locale__language_code=language).first() or reserved.first()
    if page is not None and page.url:
        return redirect(page.url)
    if user.has_perm("wagtailadmin.access_admin"):
        return redirect(reverse("wagtailadmin_home"))
    from resources.models import WorkingGroupIndexPage

    indexes = WorkingGroupIndexPage.objects.live().public()
    index = indexes.filter(locale__language_code=language).first() or indexes.first()
    return redirect(index.url if index is not None and index.url else "/")
