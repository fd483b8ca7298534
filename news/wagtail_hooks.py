from django.core.exceptions import PermissionDenied
from django.db.models import Q

from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail.permissions import register_permission_policy
from wagtail.wagtail_hooks import require_wagtail_login

from core.request_cache import top_page_of_type
from news import embargo
from news.content import load_newsroom
from news.models import NewsIndexPage, NewsPage
from news.permissions import NewsroomPagePermissionPolicy, is_press_officer, press_office_province

# Registered before any admin view asks for the page policy (see news.permissions).
register_permission_policy(Page, NewsroomPagePermissionPolicy(Page))

PROVINCE_NEWS_COUNT = 5
HOME_NEWS_COUNT = 3


def _newsroom():
    return top_page_of_type(NewsIndexPage, Locale.get_active())


@hooks.register("home_page_sections")
def latest_news(request, home_page):
    index_page = top_page_of_type(NewsIndexPage, home_page.locale)
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
    visible = Page.objects.filter(Q(live=True, has_unpublished_changes=False) | Q(pk__in=own)).values("pk")
    # Only ``pk__in`` here: the explorer's search runs this queryset through the search backend, which
    # filters on indexed fields only (``has_unpublished_changes`` is not one).
    return pages.filter(pk__in=visible)


@hooks.register("before_serve_document")
def keep_pending_attachments_to_their_province(document, request):
    """A pending attachment is downloaded only by its Province's press office, UPI and superusers."""
    if embargo.may_see(request.user, document):
        return None
    if not request.user.is_authenticated:
        return require_wagtail_login(next=request.get_full_path())
    raise PermissionDenied


@hooks.register("before_serve_private_image")
def keep_pending_images_to_their_province(image, request):
    """A pending image is opened only by its Province's press office, UPI and superusers."""
    if embargo.may_see(request.user, image):
        return None
    if not request.user.is_authenticated:
        return require_wagtail_login(next=request.get_full_path())
    raise PermissionDenied


@hooks.register("construct_document_chooser_queryset")
def hide_other_provinces_pending_documents(documents, request):
    return embargo.visible_to(request.user, documents)


@hooks.register("construct_image_chooser_queryset")
def hide_other_provinces_pending_images(images, request):
    return embargo.visible_to(request.user, images)


@hooks.register("construct_page_chooser_queryset")
def hide_drafts_from_press_offices(pages, request):
    """A press officer chooses among live pages and their own Province's news: no other draft is named."""
    if not is_press_officer(request.user):
        return pages
    own = NewsPage.objects.filter(province=press_office_province(request.user)).values("pk")
    visible = Page.objects.filter(Q(live=True) | Q(pk__in=own)).values("pk")
    return pages.filter(pk__in=visible)


@hooks.register("load_site_content")
def load_news_content(loader, home_it):
    load_newsroom(loader, home_it)
