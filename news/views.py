"""The newsroom's routes (see the routing convention in ``practices/views.py``): the filtered listing and
the RSS and Atom feeds (all news, press releases, one Province's news)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.models import Province
from news.choices import RELEASE_TYPES
from news.feeds import build_feed
from news.forms import NewsFilterForm

PAGE_SIZE = 12
FEED_SIZE = 20


def index(request, page):
    form = NewsFilterForm(request.GET or None, index_page=page)
    news = form.filter(page.news_queryset())
    paginator = Paginator(news, PAGE_SIZE)
    if not form.is_filtered():
        paginator.count = form.unfiltered_count  # counted with the years of the form: no COUNT query
    page_obj = paginator.get_page(request.GET.get("page"))
    return page.render(
        request,
        context_overrides={
            "filter_form": form,
            "page_obj": page_obj,
            "news_list": page_obj.object_list,
            "is_filtered": form.is_filtered(),
            "feeds": page.feed_links(province=form.selected_province()),
        },
    )


def feed(request, page, kind, releases=False, province_slug=None, route=None):
    """An RSS or Atom feed (``kind``) of the latest news, only press releases, or one Province's news.

    ``route`` names a route with a word in its address: the other language's segment redirects to the page's own.
    """
    if route is not None:
        redirect = page.redirect_to_own_route(
            request, route, **({"slug": province_slug} if province_slug else {})
        )
        if redirect is not None:
            return redirect
    news = page.news_queryset()
    province = None
    if releases:
        news = news.filter(news_type__in=RELEASE_TYPES)
    if province_slug is not None:
        try:
            province = Province.objects.get(slug=province_slug)
        except Province.DoesNotExist as exc:
            raise Http404(_("Provincia non trovata")) from exc
        news = news.filter(province=province)
    return build_feed(request, page, kind, list(news[:FEED_SIZE]), releases=releases, province=province)
