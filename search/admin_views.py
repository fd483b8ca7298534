"""The editors' report: the most frequent searches and the searches that found nothing."""

from datetime import timedelta

from django.contrib.auth.decorators import permission_required
from django.db.models import Sum
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.contrib.search_promotions.models import QueryDailyHits

from search.models import NoResultsDailyHits

PERIODS = (7, 30, 90, 365)
REPORT_ROWS = 50


@method_decorator(permission_required("search.view_search_report", raise_exception=True), name="dispatch")
class SearchReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/report.html"
    page_title = _("Ricerche nel sito")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_days(self):
        try:
            days = int(self.request.GET.get("giorni", 30))
        except ValueError:
            days = 30
        return days if days in PERIODS else 30

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days = self.get_days()
        since = timezone.localdate() - timedelta(days=days - 1)
        context["days"] = days
        context["periods"] = PERIODS
        context["popular"] = (
            QueryDailyHits.objects.filter(date__gte=since)
            .values("query__query_string")
            .annotate(total=Sum("hits"))
            .order_by("-total", "query__query_string")[:REPORT_ROWS]
        )
        context["no_results"] = (
            NoResultsDailyHits.objects.filter(date__gte=since)
            .values("query__query_string", "language")
            .annotate(total=Sum("hits"))
            .order_by("-total", "query__query_string")[:REPORT_ROWS]
        )
        return context
