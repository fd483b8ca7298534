"""UPI's report of the answers: per page, how many said yes and no, why, and the short texts."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

import django_filters

from feedback.models import POSITIVE_REASONS, REASONS, PageFeedback
from feedback.roles import can_view_report

DETAILS_PER_PAGE = 20


def pages_with_feedback():
    return Page.objects.filter(feedback_answers__isnull=False).distinct().order_by("title")


class FeedbackReportFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label=_("Pagina"),
        queryset=lambda request: pages_with_feedback(),
        method="filter_page",
    )
    since = django_filters.DateFilter(label=_("Risposte dal"), method="filter_since")

    class Meta:
        model = Page
        fields = []

    def filter_page(self, queryset, name, value):
        return queryset.filter(pk=value.pk) if value else queryset

    def filter_since(self, queryset, name, value):
        # Kept for the counts too (see FeedbackReportView.get_queryset).
        return queryset


class FeedbackReportView(ReportView):
    page_title = _("Valutazioni delle pagine")
    header_icon = "help"
    results_template_name = "feedback/admin/report_results.html"
    filterset_class = FeedbackReportFilterSet
    index_url_name = "feedback_report"
    index_results_url_name = "feedback_report_results"
    paginate_by = 25
    model = Page
    context_object_name = "pages"
    list_export = ["title", "url_path", "answers_yes", "answers_no", "last_answer"]
    export_headings = {
        "title": _("Pagina"),
        "url_path": _("Percorso"),
        "answers_yes": _("Sì"),
        "answers_no": _("No"),
        "last_answer": _("Ultima risposta"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "valutazioni-pagine"

    def answers(self):
        answers = PageFeedback.objects.all()
        if (
            self.filters is not None
            and self.filters.is_valid()
            and self.filters.form.cleaned_data.get("since")
        ):
            answers = answers.filter(submitted_on__gte=self.filters.form.cleaned_data["since"])
        return answers

    def get_queryset(self):
        answers = self.answers()
        in_range = Q(feedback_answers__in=answers)
        return (
            Page.objects.filter(pk__in=answers.values("page"))
            .annotate(
                answers_yes=Count("feedback_answers", filter=in_range & Q(feedback_answers__useful=True)),
                answers_no=Count("feedback_answers", filter=in_range & Q(feedback_answers__useful=False)),
                last_answer=Max("feedback_answers__submitted_on", filter=in_range),
            )
            .select_related("locale")
            .order_by("-answers_no", "-last_answer", "title")
        )

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        answers = self.answers().filter(page__in=pages)
        labels = dict(REASONS)
        reasons = {}
        for row in answers.exclude(reason="").values("page", "reason").annotate(n=Count("pk")).order_by("-n"):
            reasons.setdefault(row["page"], []).append(
                {
                    "label": labels.get(row["reason"], row["reason"]),
                    "count": row["n"],
                    "positive": row["reason"] in dict(POSITIVE_REASONS),
                }
            )
        for page in pages:
            page.feedback_reasons = reasons.get(page.pk, [])
            page.feedback_details = list(
                answers.filter(page=page)
                .exclude(detail="")
                .values("useful", "detail", "submitted_on")[:DETAILS_PER_PAGE]
            )
        return pages
