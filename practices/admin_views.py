"""The catalogue's “Completezza” report: which practice records need work (for UPI's editors)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from practices.completeness import FIELDS, SECTIONS, percent, sections_of
from practices.models import PracticeIndexPage, PracticePage

PER_PAGE = 50


def can_see_report(user):
    """Whoever edits the (Italian) catalogue: UPI's editors and superusers, not the proposing Provinces."""
    catalogue = PracticeIndexPage.objects.filter(locale__language_code="it").first()
    if not getattr(user, "is_authenticated", False) or catalogue is None:
        return False
    return user.is_superuser or catalogue.permissions_for_user(user).can_edit()


def rows():
    """Every Italian practice with its sections filled and its percentage, the least complete first."""
    practices = (
        PracticePage.objects.filter(locale__language_code="it")
        .annotate(n_comuni=Count("comuni"))
        .values("pk", "title", "code", "live", "is_example", "province__sigla", "n_comuni", *FIELDS)
    )
    result = []
    for values in practices:
        sections = sections_of(values)
        result.append(
            {
                **values,
                "sections": [sections[key] for key, _label, _names in SECTIONS],
                "percent": percent(sections),
            }
        )
    result.sort(key=lambda row: (row["percent"], row["is_example"], row["title"]))
    return result


class CompletenessReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "practices/admin/completeness.html"
    page_title = _("Completezza delle buone pratiche")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(rows(), PER_PAGE).get_page(self.request.GET.get("p"))
        context["sections"] = [(key, label) for key, label, _names in SECTIONS]
        return context
