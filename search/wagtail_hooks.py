from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.admin_views import SearchReportView


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("search-report/", SearchReportView.as_view(), name="search_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_search_report")


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(
        _("Ricerche nel sito"),
        reverse("search_report"),
        name="site-searches",
        icon_name="search",
        order=1250,
    )


@hooks.register("register_permissions")
def register_search_permissions():
    return Permission.objects.filter(content_type__app_label="search", codename="view_search_report")
