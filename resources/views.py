"""Views of “Documenti e risorse” (see the routing convention in ``practices/views.py``): the library
listing and a document's page, the training offers, and the check before a document is served."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, ReferenceIndex

from core.models import Sector, SiteDocument
from resources.choices import OutputState
from resources.forms import LibraryFilterForm, TrainingFilterForm
from resources.models import (
    FocusGroupOutput,
    TrainingOfferPage,
    UpcomingDocument,
    WorkingGroupOutput,
    WorkingGroupPage,
    public_documents,
    withheld_document_ids,
)

SORTS = {
    "recenti": ("-publication_date", "-created_at", "title"),
    "titolo": ("title", "-publication_date"),
}


def _sectors(locale):
    return Sector.of_locale(locale)


def library(request, page):
    """The library: documents and documents in preparation, filtered, searched and sorted."""
    locale = page.locale
    sectors = _sectors(locale)
    sector_by_code = {sector.code: sector for sector in sectors}
    groups = list(WorkingGroupPage.objects.live().public().filter(locale=locale).order_by("title"))
    documents = public_documents()
    years = sorted({d.year for d in documents.dates("publication_date", "year")}, reverse=True)
    form = LibraryFilterForm(request.GET or None, sectors=sectors, years=years, groups=groups)
    filters = form.filters() if request.GET else {}

    upcoming = UpcomingDocument.objects.filter(locale=locale, document__isnull=True).select_related("sector")
    if query := filters.get("q"):
        text = Q(title__icontains=query) | Q(description__icontains=query)
        documents = documents.filter(text)
        upcoming = upcoming.filter(text)
    if doc_type := filters.get("tipo"):
        documents = documents.filter(doc_type=doc_type)
        upcoming = upcoming.filter(doc_type=doc_type)
    if code := filters.get("settore"):
        documents = documents.filter(sector__code=code)
        upcoming = upcoming.filter(sector__code=code)
    if year := filters.get("anno"):
        documents = documents.filter(publication_date__year=year)
        upcoming = upcoming.none()  # a document in preparation has no date yet
    if language := filters.get("lingua"):
        documents = documents.filter(language=language)
        upcoming = upcoming.none()
    if slug := filters.get("gruppo"):
        group = next(group for group in groups if group.slug == slug)
        output_ids = WorkingGroupOutput.objects.filter(
            page__translation_key=group.translation_key,
            state=OutputState.PUBLISHED,
            document__isnull=False,
        ).values_list("document_id", flat=True)
        documents = documents.filter(id__in=list(output_ids))
        upcoming = upcoming.filter(working_group__translation_key=group.translation_key)

    sort = filters.get("ordine", "recenti")
    documents = documents.select_related("sector").order_by(*SORTS[sort])
    page_obj = Paginator(documents, page.per_page or 20).get_page(request.GET.get("page"))
    items = list(page_obj.object_list)
    for document in items:
        # The document's sector is stored in Italian: show it in the page's language.
        document.sector_label = sector_by_code.get(document.sector.code) if document.sector_id else None
    upcoming = list(upcoming) if page_obj.number == 1 else []
    for entry in upcoming:
        entry.sector_label = sector_by_code.get(entry.sector.code) if entry.sector_id else None
    return page.render(
        request,
        context_overrides={
            "form": form,
            "page_obj": page_obj,
            "documents": items,
            "upcoming": upcoming,
            "filtered": bool(filters.keys() - {"ordine"}),
            "result_count": page_obj.paginator.count,
            "noindex": bool(request.GET),
        },
    )


def pages_using(document, locale):
    """The live, public pages of this language that use the document (Wagtail's reference index)."""
    page_ids = set()
    page_type = ContentType.objects.get_for_model(Page)
    for object_id in (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    ):
        page_ids.add(int(object_id))
    return list(
        Page.objects.filter(id__in=page_ids, locale=locale).live().public().specific().order_by("title")
    )


def document(request, page, document_id):
    """A document's page: its metadata, the groups that produced it and the pages that use it."""
    try:
        shown = public_documents().select_related("sector").get(pk=document_id)
    except SiteDocument.DoesNotExist as exc:
        raise Http404(_("Documento non trovato")) from exc
    if shown.sector_id:
        shown.sector_label = (
            Sector.objects.filter(translation_key=shown.sector.translation_key, locale=page.locale).first()
            or shown.sector
        )
    groups = []
    for model in (WorkingGroupOutput, FocusGroupOutput):
        groups += [
            output.page
            for output in model.objects.filter(
                document=shown,
                state=OutputState.PUBLISHED,
                page__locale=page.locale,
                page__live=True,
            ).select_related("page")
        ]
    return page.render(
        request,
        template="resources/document_detail.html",
        context_overrides={
            "document": shown,
            "used_on": pages_using(shown, page.locale),
            "groups": groups,
            "current_crumb": shown.title,
            "title": shown.title,
        },
    )


def training(request, page):
    """The training offers, filtered by sector and format."""
    sectors = _sectors(page.locale)
    form = TrainingFilterForm(request.GET or None, sectors=sectors)
    offers = TrainingOfferPage.objects.child_of(page).live().public().select_related("sector")
    if request.GET:
        form.is_valid()
        if code := form.cleaned_data.get("settore"):
            # Offers for every sector (no sector) are relevant to each sector.
            offers = offers.filter(Q(sector__code=code) | Q(sector__isnull=True))
        if training_format := form.cleaned_data.get("formato"):
            offers = offers.filter(format=training_format)
    return page.render(
        request,
        context_overrides={
            "form": form,
            "offers": offers.order_by("-first_published_at"),
            "noindex": bool(request.GET),
        },
    )


def document_is_withheld(document, request):
    """True when the document is only an unpublished group output and the user may not see it yet.

    Superusers and the members of a group that lists the document as an output may.
    """
    if document.pk not in withheld_document_ids():
        return False
    user = request.user
    if not user.is_authenticated:
        return True
    if user.is_superuser:
        return False
    member_groups = set()
    for model in (WorkingGroupOutput, FocusGroupOutput):
        member_groups.update(
            model.objects.filter(document=document).values_list("page__members_group_id", flat=True)
        )
    return not user.groups.filter(id__in=member_groups - {None}).exists()
