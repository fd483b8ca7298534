from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from feedback.admin_views import FeedbackReportView
from feedback.roles import can_view_report


class FeedbackReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_report(request.user)


@hooks.register("register_admin_urls")
def feedback_report_urls():
    return [
        path("reports/valutazioni/", FeedbackReportView.as_view(), name="feedback_report"),
        path(
            "reports/valutazioni/results/",
            FeedbackReportView.as_view(results_only=True),
            name="feedback_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def feedback_report_menu_item():
    return FeedbackReportMenuItem(
        _("Valutazioni delle pagine"), reverse("feedback_report"), icon_name="help", order=900
    )
