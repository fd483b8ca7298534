"""The catalogue's slots on pages of the site's base, and its content loader."""

from collections import Counter

from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale, Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.request_cache import top_page_of_type
from practices import content, drafts
from practices.admin_views import CompletenessReportView, can_see_report
from practices.coverage import coverage_by_macro_area
from practices.feeds import feed_links
from practices.models import PracticeIndexPage, PracticePage, Replication
from practices.permissions import SitePagePermissionPolicy, foreign_drafts, is_proposer, practices_province
from practices.replications import ReplicationPermissionPolicy, ReplicationViewSet

# The site's page policy: the newsroom's (news.permissions) extended to the catalogue's proposers. It
# replaces the one news/wagtail_hooks.py registers, as this app's hooks are loaded after news'.
register_permission_policy(Page, SitePagePermissionPolicy(Page))
register_permission_policy(Replication, ReplicationPermissionPolicy(Replication))
register_snippet(ReplicationViewSet)

PROVINCE_LISTED = 12
HOME_LISTED = 3
REPLICATIONS_LISTED = 20


def _catalogue(locale):
    return top_page_of_type(PracticeIndexPage, locale)


@hooks.register("load_site_content")
def load_practices(loader, home):
    content.load_practices(loader, home)


@hooks.register("province_page_sections")
def province_practices(request, province):
    """The Province's practices (owning or partner), the counts per sector, and the national coverage."""
    locale = Locale.get_active()
    catalogue = _catalogue(locale)
    if catalogue is None:
        return None
    # One query: a Province's practices are few (owned or shared), and the counts per sector are theirs.
    own = list(
        PracticePage.objects.live()
        .public()
        .filter(locale=locale, pk__in=PracticePage.ids_of_province(province))
        .select_related("sector", "province")
        .only(*PracticePage.CARD_FIELDS)
        .order_by("is_example", "title")
    )
    by_sector = Counter(practice.sector.code for practice in own)
    coverage = coverage_by_macro_area(locale)
    sector_counts = [{"sector": s, "count": by_sector.get(s.code, 0)} for s in coverage["sectors"]]
    listed = own[:PROVINCE_LISTED]
    return {
        "template": "practices/includes/province_practices.html",
        "context": {
            "province": province,
            "practices": listed,
            "total": sum(by_sector.values()),
            "sector_counts": sector_counts,
            "catalogue": catalogue,
            "coverage": coverage,
            "language": get_language(),
            "feeds": feed_links(catalogue, province=province),
        },
        "order": 10,
        "alternate_links": feed_links(catalogue, province=province),
    }


@hooks.register("province_page_sections")
def province_replications(request, province):
    """What the Province replicates of other Provinces, and who replicates its practices (three queries)."""
    locale = Locale.get_active()
    catalogue = _catalogue(locale)
    if catalogue is None:
        return None
    own_keys = PracticePage.objects.filter(province=province).values("translation_key")
    replications = list(
        Replication.objects.filter(Q(province=province) | Q(practice_key__in=own_keys))
        .select_related("province")
        .order_by("-date", "pk")
    )
    if not replications:
        return None
    practices = {
        p.translation_key: p
        for p in PracticePage.objects.live()
        .public()
        .filter(locale=locale, translation_key__in={r.practice_key for r in replications})
        .select_related("province")
        .only("title", "url_path", "translation_key", "province")
    }
    replicates, replicated_by = [], []
    for replication in replications:
        practice = practices.get(replication.practice_key)
        if practice is None:
            continue
        row = {"replication": replication, "practice": practice}
        if replication.province_id == province.pk:
            replicates.append(row)
        else:
            replicated_by.append(row)
    if not replicates and not replicated_by:
        return None
    return {
        "template": "practices/includes/province_replications.html",
        "context": {
            "province": province,
            "replicates": replicates[:REPLICATIONS_LISTED],
            "replicated_by": replicated_by[:REPLICATIONS_LISTED],
            "more": max(0, len(replicates) - REPLICATIONS_LISTED)
            + max(0, len(replicated_by) - REPLICATIONS_LISTED),
            "catalogue": catalogue,
        },
        "order": 11,
    }


@hooks.register("home_page_sections")
def home_practices(request, home_page):
    """The latest practices and the Comune finder on the home page."""
    catalogue = _catalogue(home_page.locale)
    if catalogue is None:
        return None
    practices = (
        PracticePage.objects.live()
        .public()
        .filter(locale=home_page.locale)
        .select_related("sector", "province")
        .only(*PracticePage.CARD_FIELDS)
    )
    # The newest real practices, then (on a site that still has few) the newest examples: each read in the
    # order of the index on the publication date, where one query sorting both would sort every practice.
    # A practice made live by a script without being published has no date: it is never among the newest
    # (PostgreSQL would otherwise put it first, as DESC puts NULLs first there).
    dated = practices.filter(first_published_at__isnull=False).order_by("-first_published_at", "-pk")
    latest = list(dated.filter(is_example=False)[:HOME_LISTED])
    if len(latest) < HOME_LISTED:
        latest += dated.filter(is_example=True)[: HOME_LISTED - len(latest)]
    return {
        "template": "practices/includes/home_practices.html",
        "context": {"practices": latest, "catalogue": catalogue},
        "order": 10,
    }


@hooks.register("mapping_response_actions")
def draft_practice_actions(request, proposals):
    return drafts.actions(request, proposals)


@hooks.register("register_admin_urls")
def register_draft_from_mapping_url():
    return [
        path(
            "buone-pratiche/bozza-dalla-mappatura/",
            drafts.create_from_mapping,
            name="practices_draft_from_mapping",
        ),
        path("buone-pratiche/completezza/", CompletenessReportView.as_view(), name="practices_completeness"),
    ]


class CompletenessMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_completeness_menu_item():
    return CompletenessMenuItem(
        _("Completezza delle buone pratiche"),
        reverse("practices_completeness"),
        name="practices-completeness",
        icon_name="tasks",
        order=1300,
    )


@hooks.register("construct_explorer_page_queryset")
def hide_other_provinces_practice_drafts(parent_page, pages, request):
    """In the catalogue, a proposer sees published practices and their own Province's drafts only."""
    if not isinstance(parent_page.specific_deferred, PracticeIndexPage) or not is_proposer(
        request.user, parent_page
    ):
        return pages
    own = PracticePage.objects.filter(province=practices_province(request.user)).values("pk")
    return pages.filter(Q(live=True, has_unpublished_changes=False) | Q(pk__in=own))


@hooks.register("construct_page_chooser_queryset")
def hide_other_provinces_practice_drafts_in_choosers(pages, request):
    if not is_proposer(request.user):
        return pages
    return pages.exclude(pk__in=foreign_drafts(request.user).values("pk"))
