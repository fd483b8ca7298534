"""The dashboard's admin URLs and its menu item (in the reports menu, for those who may read responses).

Imported by ``wagtail_hooks`` so that the hooks register when Wagtail loads the app's hooks.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_mapping_dashboard_urls():
    return [
        path("mappatura/", admin_views.CampaignIndexView.as_view(), name="mapping_dashboard_index"),
        path("mappatura/<int:campaign_id>/", admin_views.DashboardView.as_view(), name="mapping_dashboard"),
        path(
            "mappatura/<int:campaign_id>/esporta.<str:file_format>", admin_views.export, name="mapping_export"
        ),
        path("mappatura/<int:campaign_id>/solleciti/", admin_views.remind, name="mapping_remind"),
        path(
            "mappatura/<int:campaign_id>/provincia/<str:sigla>/",
            admin_views.ResponsePrintView.as_view(),
            name="mapping_response_print",
        ),
        path(
            "mappatura/<int:campaign_id>/provincia/<str:sigla>/riapri/",
            admin_views.reopen,
            name="mapping_reopen",
        ),
    ]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_mapping_dashboard_menu_item():
    return DashboardMenuItem(
        _("Avanzamento della mappatura"),
        reverse("mapping_dashboard_index"),
        name="mapping-dashboard",
        icon_name="table",
        order=1300,
    )
