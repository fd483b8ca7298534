"""RSS 2.0 and Atom feeds of new and updated practices: the whole catalogue, one per sector, one per Province."""

from django.db.models import F
from django.http import Http404, HttpResponse
from django.utils import feedgenerator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.models import Province, Sector

FEED_ITEMS = 30
KINDS = {"rss": ("application/rss+xml", "RSS"), "atom": ("application/atom+xml", "Atom")}


def feed_links(index_page, sector=None, province=None):
    """The feeds a page links with <link rel="alternate"> (and visibly): a sector's, a Province's, or all."""
    links = []
    for kind, (mime, name) in KINDS.items():
        if sector is not None:
            title = _("Buone pratiche del settore %(sector)s (%(kind)s)") % {
                "sector": sector.label,
                "kind": name,
            }
            href = index_page.url + index_page.reverse_subpage(f"sector_{kind}", kwargs={"code": sector.code})
        elif province is not None:
            title = _("Buone pratiche della Provincia di %(name)s (%(kind)s)") % {
                "name": province.name,
                "kind": name,
            }
            href = index_page.url + index_page.reverse_subpage(
                f"province_{kind}", kwargs={"slug": province.slug}
            )
        else:
            title = _("Buone pratiche nuove e aggiornate (%(kind)s)") % {"kind": name}
            href = index_page.url + index_page.reverse_subpage(f"feed_{kind}")
        links.append({"type": mime, "title": title, "href": href})
    return links


def feed(request, index_page, kind, sector_code=None, province_slug=None):
    from practices.models import PracticePage

    practices = (
        PracticePage.objects.live()
        .public()
        .filter(locale=index_page.locale)
        .descendant_of(index_page)
        .select_related("sector", "province")
    )
    title = _("%(title)s: nuove e aggiornate") % {"title": index_page.title}
    if sector_code is not None:
        sector = Sector.objects.filter(locale=index_page.locale, code=sector_code).first()
        if sector is None:
            raise Http404
        practices = practices.filter(sector=sector)
        title = _("%(title)s: settore %(sector)s") % {"title": index_page.title, "sector": sector.label}
    if province_slug is not None:
        province = Province.objects.filter(slug=province_slug).first()
        if province is None:
            raise Http404
        practices = practices.filter(pk__in=PracticePage.ids_of_province(province))
        title = _("%(title)s: Provincia di %(name)s") % {"title": index_page.title, "name": province.name}
    practices = practices.order_by(F("last_published_at").desc(nulls_last=True), "-pk")[:FEED_ITEMS]
    feed_class = feedgenerator.Atom1Feed if kind == "atom" else feedgenerator.Rss201rev2Feed
    result = feed_class(
        title=title,
        link=request.build_absolute_uri(index_page.url),
        description=index_page.intro or title,
        language=get_language(),
        feed_url=request.build_absolute_uri(request.path),
    )
    for practice in practices:
        link = request.build_absolute_uri(practice.url)
        categories = [practice.sector.label]
        if practice.province_id:
            categories.append(practice.province.name)
        if practice.is_example:
            categories.append(_("Esempio"))
        result.add_item(
            title=practice.title,
            link=link,
            description=practice.summary,
            pubdate=practice.first_published_at,
            updateddate=practice.last_published_at,
            unique_id=link,
            unique_id_is_permalink=True,
            categories=categories,
        )
    response = HttpResponse(content_type=result.content_type)
    result.write(response, "utf-8")
    response["Cache-Control"] = "public, max-age=900"
    return response
