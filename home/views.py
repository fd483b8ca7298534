"""The routes of the Provinces index (see the routing convention in ``practices/views.py``): the 76
Provinces by macro-area and region, and the page of each Province."""

from collections import OrderedDict

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.maps import region_map
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


def project_map():
    """The home hero's map: the regions of the project's Provinces."""
    counts = dict(Province.objects.values("region").annotate(n=Count("pk")).values_list("region", "n"))
    if not counts:
        return ""
    values = {
        region: {
            "share": 1,
            "label": ngettext("%(count)d Provincia", "%(count)d Province", count) % {"count": count},
            # No link per region: the map is one image (role="img"), which may not contain controls; the
            # caption links to the Provinces index, where each region has its anchor.
            "url": "",
        }
        for region, count in counts.items()
    }
    total = sum(counts.values())
    return region_map(
        values,
        gettext("Le regioni del progetto"),
        gettext(
            "Le %(provinces)d Province delle %(regions)d regioni del progetto, in bianco; in trasparenza le "
            "regioni che non ne fanno parte."
        )
        % {"provinces": total, "regions": len(counts)},
        id_prefix="hero-map",
    )


def province_index(request, page):
    return page.render(request, context_overrides={"macro_areas": grouped_provinces()})


def province(request, page, slug):
    """A Province: its Comuni and the sections other apps add (practices, news, events...)."""
    province = next((province for province in Province.in_request() if province.slug == slug), None)
    if province is None:
        raise Http404(_("Provincia non trovata"))
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
