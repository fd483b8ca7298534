"""The catalogue's slots on pages of the site's base, and its content loader."""

from django.db.models import Count, F, Q
from django.urls import path
from django.utils.translation import get_language

from wagtail import hooks
from wagtail.models import Locale

from practices import content, drafts
from practices.coverage import coverage_by_macro_area
from practices.models import PracticeIndexPage, PracticePage

PROVINCE_LISTED = 12
HOME_LISTED = 3


def _catalogue(locale):
    return PracticeIndexPage.objects.live().filter(locale=locale).first()


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
    practices = (
        PracticePage.objects.live()
        .public()
        .filter(locale=locale)
        .filter(Q(province=province) | Q(partner_provinces=province))
    )
    ids = practices.order_by().values("pk").distinct()
    base = PracticePage.objects.filter(pk__in=ids)
    by_sector = {
        row["sector__code"]: row["n"]
        for row in base.order_by().values("sector__code").annotate(n=Count("pk"))
    }
    coverage = coverage_by_macro_area(locale)
    sector_counts = [{"sector": s, "count": by_sector.get(s.code, 0)} for s in coverage["sectors"]]
    listed = list(base.select_related("sector", "province").order_by("is_example", "title")[:PROVINCE_LISTED])
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
        },
        "order": 10,
    }


@hooks.register("home_page_sections")
def home_practices(request, home_page):
    """The latest practices and the Comune finder on the home page."""
    catalogue = _catalogue(home_page.locale)
    if catalogue is None:
        return None
    latest = list(
        PracticePage.objects.live()
        .public()
        .filter(locale=home_page.locale)
        .select_related("sector", "province")
        .order_by("is_example", F("first_published_at").desc(nulls_last=True), "-pk")[:HOME_LISTED]
    )
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
        )
    ]
