"""The routes of the Provinces index (see the routing convention in ``practices/views.py``): the 76
Provinces by macro-area and region, and the page of each Province."""

from collections import OrderedDict

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.models import MacroArea, Province
from core.sections import collect_sections


def grouped_provinces():
    """The 76 Provinces as {macro-area label: {region: [provinces]}} in the project's order."""
    groups = OrderedDict(
        (area, {"label": label, "regions": OrderedDict()}) for area, label in MacroArea.choices
    )
    provinces = Province.objects.annotate(comuni_count=Count("comuni")).order_by("name")
    for province in sorted(provinces, key=lambda p: (p.region_label, p.name)):
        groups[province.macro_area]["regions"].setdefault(province.region_label, []).append(province)
    return list(groups.values())


def province_index(request, page):
    return page.render(request, context_overrides={"macro_areas": grouped_provinces()})


def province(request, page, slug):
    """A Province: its Comuni and the sections other apps add (practices, news, events...)."""
    try:
        province = Province.objects.get(slug=slug)
    except Province.DoesNotExist as exc:
        raise Http404(_("Provincia non trovata")) from exc
    comuni = list(province.comuni.order_by("name"))
    return page.render(
        request,
        template="home/province_detail.html",
        context_overrides={
            "province": province,
            "comuni": comuni,
            "population": sum(c.population_2011 or 0 for c in comuni),
            "sections": collect_sections("province_page_sections", request, province),
        },
    )
