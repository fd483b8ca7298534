from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import (
    admin_hooks,  # noqa: F401  (the dashboard's URLs and menu item)
    content,
)
from .answers import display
from .choices import CONSENT_QUESTION, QuestionKind, ResponseState
from .models import Campaign, InterviewNote, MappingPage, MappingResultsPage, Questionnaire, Response
from .results import has_consent
from .roles import referent_provinces


class QuestionnaireViewSet(SnippetViewSet):
    model = Questionnaire
    icon = "form"
    menu_label = _("Questionari")
    list_display = ["title", "is_draft", "updated_at"]


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "date"
    menu_label = _("Campagne")
    list_display = ["title", "opens_at", "closes_at", "version"]


class InterviewNoteViewSet(SnippetViewSet):
    model = InterviewNote
    icon = "doc-full"
    menu_label = _("Note di intervista")
    list_display = ["response", "interview_date", "author"]


class MappingGroup(SnippetViewSetGroup):
    items = (QuestionnaireViewSet, CampaignViewSet, InterviewNoteViewSet)
    menu_icon = "table"
    menu_label = _("Mappatura")
    menu_name = "mapping"


register_snippet(MappingGroup)


@hooks.register("load_site_content")
def load_mapping(loader, home):
    content.load(loader, home)


@hooks.register("login_destination")
def questionnaire(request, user, language):
    """A referent of a Province lands on the questionnaire's page (their Provinces and campaigns)."""
    if not referent_provinces(user).exists():
        return None
    pages = MappingPage.objects.live()
    page = pages.filter(locale__language_code=language).first() or pages.first()
    return page.questionnaire_url if page is not None else None


@hooks.register("province_page_sections")
def province_services(request, province):
    """“Servizi offerti ai Comuni”: the Province's answers in the latest published results, with consent."""
    results_page = (
        MappingResultsPage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .select_related("campaign__version")
        .order_by("-first_published_at")
        .first()
    )
    if results_page is None or results_page.campaign.version is None:
        return None
    response = Response.objects.filter(
        campaign=results_page.campaign, province=province, state=ResponseState.SUBMITTED
    ).first()
    version = results_page.campaign.version
    english = results_page.locale.language_code == "en"
    services = []
    if response is not None and has_consent(version, response.answers):
        labels = version.english_labels() if english else {}
        structure = version.structure_en if english and version.structure_en else version.structure
        for section in structure:
            answers = [
                {
                    "label": labels.get(q["code"], q["label"]),
                    "value": display(q, response.answers.get(q["code"])),
                }
                for q in section["questions"]
                if q["kind"] not in (QuestionKind.FILE,)
                and q["code"] != CONSENT_QUESTION
                and response.answers.get(q["code"]) not in (None, "", [])
            ]
            if answers:
                services.append({"title": section["title"], "answers": answers})
    return {
        "template": "mapping/includes/province_services.html",
        "context": {
            "province": province,
            "services": services,
            "results_page": results_page,
            "answered": response is not None,
            "is_example": results_page.campaign.is_example,
        },
        "order": 5,
    }
