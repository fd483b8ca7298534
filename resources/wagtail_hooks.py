"""Wagtail hooks of “Documenti e risorse”: the snippet of documents in preparation, the documents withheld
from the public, the content loader, the privacy of reserved pages, the sector pages' link to their group."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from resources import content
from resources.models import (
    GroupMaterialPage,
    UpcomingDocument,
    WorkingGroupIndexPage,
    WorkingGroupPage,
    withheld_document_ids,
)
from resources.views import document_is_withheld


class UpcomingDocumentViewSet(SnippetViewSet):
    model = UpcomingDocument
    icon = "doc-empty"
    menu_label = _("Documenti in preparazione")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["title", "doc_type", "document"]
    list_filter = ["doc_type"]
    search_fields = ["title", "description"]


register_snippet(UpcomingDocumentViewSet)


hooks.register("withheld_document_ids", withheld_document_ids)


@hooks.register("login_destination")
def reserved_area(request, user, language):
    """A working-group member lands on their reserved area."""
    restricted = PageViewRestriction.objects.filter(
        restriction_type=PageViewRestriction.GROUPS, groups__in=user.groups.all()
    ).values("page")
    reserved = Page.objects.live().filter(pk__in=restricted).order_by("path")
    page = reserved.filter(locale__language_code=language).first() or reserved.first()
    return page.url if page is not None else None


@hooks.register("login_destination", order=100)
def working_groups_index(request, user, language):
    """After every area's own people: a user with nothing of theirs on the site and no admin access lands
    on the working groups' index (editors go on to the admin)."""
    if user.has_perm("wagtailadmin.access_admin"):
        return None
    indexes = WorkingGroupIndexPage.objects.live().public()
    index = indexes.filter(locale__language_code=language).first() or indexes.first()
    return index.url if index is not None else None


@hooks.register("before_serve_document")
def withhold_unpublished_outputs(document, request):
    """A document that is only a draft or approved group output is not public yet."""
    if document_is_withheld(document, request):
        raise Http404(_("Documento non trovato"))


@hooks.register("load_site_content")
def load_resources(loader, home_it):
    content.load(loader, home_it)


def restrict_like_the_other_languages(sender, instance, **kwargs):
    """A reserved page published in a new language gets the privacy setting of its translations."""
    if PageViewRestriction.objects.filter(page=instance).exists():
        return
    source = (
        PageViewRestriction.objects.filter(page__translation_key=instance.translation_key)
        .exclude(page=instance)
        .first()
    )
    if source is not None:
        restriction = PageViewRestriction.objects.create(
            page=instance, restriction_type=source.restriction_type, password=source.password
        )
        restriction.groups.set(source.groups.all())


page_published.connect(restrict_like_the_other_languages, sender=GroupMaterialPage)


@hooks.register("sector_page_sections")
def sector_working_group(request, sector_page):
    """The sector page links to the sector's working group."""
    group = (
        WorkingGroupPage.objects.live()
        .public()
        .filter(locale=sector_page.locale, sector__code=sector_page.sector.code)
        .first()
    )
    if group is None:
        return None
    return {
        "template": "resources/includes/sector_working_group.html",
        "context": {"group": group},
        "order": 60,
    }
