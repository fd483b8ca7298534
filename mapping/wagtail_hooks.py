from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_hooks  # noqa: F401  (the dashboard's URLs and menu item)
from .content import load_questionnaire
from .models import Campaign, InterviewNote, Questionnaire


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
    load_questionnaire(loader)
