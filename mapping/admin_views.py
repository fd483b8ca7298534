"""UPI's dashboard of a campaign in the Wagtail admin: progress, exports, printable responses, actions.

Reading needs ``mapping.view_response``; reopening a response and sending reminders change the
campaign's state, so they need ``mapping.change_response`` and a POST with its CSRF token.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from core.models import Province

from . import exports
from .answers import display, is_shown, practice_proposals
from .choices import ResponseState
from .dashboard import invited_provinces, overview
from .models import Campaign, Response
from .notifications import send_reminders

VIEW_PERMISSION = "mapping.view_response"
CHANGE_PERMISSION = "mapping.change_response"


class CampaignMixin(WagtailAdminTemplateMixin):
    header_icon = "table"

    def get_campaign(self):
        return get_object_or_404(Campaign.objects.select_related("version"), pk=self.kwargs["campaign_id"])

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("mapping_dashboard_index"), "label": _("Mappatura")},
        ]
        if "campaign_id" in self.kwargs:
            items.append(
                {
                    "url": reverse("mapping_dashboard", args=[self.kwargs["campaign_id"]]),
                    "label": str(self.campaign),
                }
            )
        return [*items, {"url": "", "label": self.get_page_title()}]


@method_decorator(permission_required(VIEW_PERMISSION, raise_exception=True), name="dispatch")
class CampaignIndexView(CampaignMixin, TemplateView):
    """The campaigns, most recent first: each leads to its dashboard."""

    template_name = "mapping/admin/campaign_index.html"
    page_title = gettext_lazy("Avanzamento della mappatura")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "campaigns": Campaign.objects.select_related("version")}


@method_decorator(permission_required(VIEW_PERMISSION, raise_exception=True), name="dispatch")
class DashboardView(CampaignMixin, TemplateView):
    """The invited Provinces by macro-area, their state and activity, and the completion rates."""

    template_name = "mapping/admin/dashboard.html"

    def get_page_title(self):
        return _("Avanzamento: %(campaign)s") % {"campaign": self.campaign}

    def get(self, request, *args, **kwargs):
        self.campaign = self.get_campaign()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(overview(self.campaign))
        context.update(
            campaign=self.campaign,
            states=list(ResponseState),
            is_open=self.campaign.is_open(),
            can_change=self.request.user.has_perm(CHANGE_PERMISSION),
        )
        return context


@permission_required(VIEW_PERMISSION, raise_exception=True)
def export(request, campaign_id, file_format):
    campaign = get_object_or_404(Campaign.objects.select_related("version"), pk=campaign_id)
    if file_format == "csv":
        response = HttpResponse(exports.as_csv(campaign), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(
            exports.as_xlsx(campaign),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(campaign, file_format)}"'
    return response


@method_decorator(permission_required(VIEW_PERMISSION, raise_exception=True), name="dispatch")
class ResponsePrintView(CampaignMixin, TemplateView):
    """One Province's response, every question with its answer, ready to print; then the interview notes."""

    template_name = "mapping/admin/response_print.html"

    def get_page_title(self):
        return _("Provincia di %(province)s") % {"province": self.province.name}

    def get(self, request, *args, **kwargs):
        self.campaign = self.get_campaign()
        self.province = get_object_or_404(Province, sigla=kwargs["sigla"].upper())
        if self.province not in invited_provinces(self.campaign):
            raise Http404
        self.response = (
            Response.objects.filter(campaign=self.campaign, province=self.province)
            .select_related("version", "updated_by")
            .first()
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        response = self.response
        version = response.version if response else self.campaign.version
        answers = response.answers if response else {}
        sections = []
        for section in version.structure if version else []:
            shown = [
                {**question, "answer": display(question, answers.get(question["code"]))}
                for question in section["questions"]
                if is_shown(question, answers)
            ]
            sections.append({**section, "questions": shown})
        notes = response.interview_notes.select_related("author") if response else []
        context.update(
            campaign=self.campaign,
            province=self.province,
            response=response,
            version=version,
            sections=sections,
            notes=notes,
            state_label=ResponseState(response.state).label if response else ResponseState.INVITED.label,
            can_change=self.request.user.has_perm(CHANGE_PERMISSION),
            can_add_note=self.request.user.has_perm("mapping.add_interviewnote"),
            practice_actions=[
                action
                for hook in hooks.get_hooks("mapping_response_actions")
                for action in hook(
                    self.request, practice_proposals(self.campaign, self.province, version, answers)
                )
            ]
            if response and response.state == ResponseState.SUBMITTED
            else [],
        )
        return context


@require_POST
@permission_required(CHANGE_PERMISSION, raise_exception=True)
def reopen(request, campaign_id, sigla):
    """A submitted response becomes editable again ("riaperta"); anything else is refused with a message."""
    with transaction.atomic():
        response = get_object_or_404(
            Response.objects.select_for_update().select_related("province"),
            campaign_id=campaign_id,
            province__sigla=sigla.upper(),
        )
        if response.state != ResponseState.SUBMITTED:
            messages.error(request, _("Solo una risposta inviata può essere riaperta."))
        else:
            response.state = ResponseState.REOPENED
            response.save(update_fields=["state", "updated_at"])
            messages.success(
                request,
                _("La risposta della Provincia di %(province)s è stata riaperta.")
                % {"province": response.province.name},
            )
    return redirect("mapping_response_print", campaign_id=campaign_id, sigla=sigla.upper())


@require_POST
@permission_required(CHANGE_PERMISSION, raise_exception=True)
def remind(request, campaign_id):
    """E-mail the referents of every invited Province that has not submitted yet."""
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    if not campaign.is_open():
        messages.error(request, _("La campagna non è aperta: nessun promemoria inviato."))
        return redirect("mapping_dashboard", campaign_id=campaign.pk)
    sent, provinces = send_reminders(campaign)
    if sent:
        messages.success(
            request,
            ngettext(
                "Promemoria inviato a %(sent)d referente di %(provinces)d Province.",
                "Promemoria inviati a %(sent)d referenti di %(provinces)d Province.",
                sent,
            )
            % {"sent": sent, "provinces": provinces},
        )
    else:
        messages.warning(
            request,
            _(
                "Nessun promemoria inviato: nessun referente con e-mail tra le Province che "
                "non hanno ancora inviato."
            ),
        )
    return redirect("mapping_dashboard", campaign_id=campaign.pk)
