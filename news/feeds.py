"""RSS 2.0 and Atom feeds of the newsroom, served as routes of the index page."""

import mimetypes

from django.http import HttpResponse
from django.utils import feedgenerator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from news.choices import FEED_RENDITION


def _enclosure(request, news):
    image = news.lead_image
    if image is None:
        return None
    try:
        rendition = image.get_rendition(FEED_RENDITION)
        length = rendition.file.size
    except (OSError, ValueError):
        return None
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    return feedgenerator.Enclosure(request.build_absolute_uri(rendition.url), str(length), mime_type)


def build_feed(request, index_page, kind, items, releases=False, province=None):
    feed_class = feedgenerator.Atom1Feed if kind == "atom" else feedgenerator.Rss201rev2Feed
    title = index_page.title
    if releases:
        title = _("%(title)s: comunicati stampa") % {"title": title}
    if province is not None:
        title = _("%(title)s: Provincia di %(name)s") % {"title": title, "name": province.name}
    feed = feed_class(
        title=title,
        link=request.build_absolute_uri(index_page.url),
        description=index_page.intro or index_page.get_meta_description() or title,
        language=get_language(),
        feed_url=request.build_absolute_uri(request.path),
    )
    for news in items:
        link = request.build_absolute_uri(news.url)
        categories = [news.get_news_type_display()]
        if news.province_id:
            categories.append(news.province.name)
        feed.add_item(
            title=news.title,
            link=link,
            description=news.get_summary(),
            pubdate=news.published_datetime,
            updateddate=news.last_published_at,
            unique_id=link,
            unique_id_is_permalink=True,
            categories=categories,
            enclosures=[enclosure] if (enclosure := _enclosure(request, news)) else None,
        )
    response = HttpResponse(content_type=f"{feed.content_type}")
    feed.write(response, "utf-8")
    return response
