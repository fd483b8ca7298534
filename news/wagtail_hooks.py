from django.db.models import Q

from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail.permissions import register_permission_policy

from news.content import load_newsroom
from news.models import NewsIndexPage, NewsPage
from news.permissions import NewsroomPagePermissionPolicy, is_press_officer, press_office_province

# Registered before any admin view asks for the page policy (see news.permissions).
register_permission_policy(Page, NewsroomPagePermissionPolicy(Page))

PROVINCE_NEWS_COUNT = 5
HOME_NEWS_COUNT = 3


def _newsroom():
    return NewsIndexPage.objects.live().filter(locale=Locale.get_active()).first()


@hooks.register("home_page_sections")
def latest_news(request, home_page):
    index_page = NewsIndexPage.objects.live().child_of(home_page).first()
    if index_page is None:
        return None
    news = list(index_page.news_queryset()[:HOME_NEWS_COUNT])
    if not news:
        return None
    return {
        "template": "news/includes/home_news.html",
        "context": {"index_page": index_page, "news_list": news},
        "order": 20,
        "alternate_links": index_page.feed_links(),
    }


@hooks.register("province_page_sections")
def province_news(request, province):
    index_page = _newsroom()
    if index_page is None:
        return None
    news = list(index_page.news_queryset().filter(province=province)[:PROVINCE_NEWS_COUNT])
    feeds = index_page.province_feed_links(province)
    return {
        "template": "news/includes/province_news.html",
        "context": {
            "index_page": index_page,
            "province": province,
            "news_list": news,
            "feeds": feeds,
            "all_url": index_page.province_filter_url(province),
        },
        "order": 30,
        "alternate_links": feeds,
    }


@hooks.register("construct_explorer_page_queryset")
def hide_other_provinces_drafts(parent_page, pages, request):
    """In the newsroom, a press officer sees published news and their own Province's drafts only."""
    if not isinstance(parent_page.specific_deferred, NewsIndexPage) or not is_press_officer(
        request.user, parent_page
    ):
        return pages
    province = press_office_province(request.user)
    own = NewsPage.objects.filter(province=province).values("pk")
    # A live page with pending changes would show their draft title: only the owners' Province sees it.
    return pages.filter(Q(live=True, has_unpublished_changes=False) | Q(pk__in=own))


@hooks.register("load_site_content")
def load_news_content(loader, home_it):
    load_newsroom(loader, home_it)
