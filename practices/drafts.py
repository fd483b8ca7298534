"""Best practices “scaturiscono” from the mapping: a Province's answers become a draft practice.

The mapping's printable response offers, for each sector where the Province offers or plans services,
an action registered here through the ``mapping_response_actions`` hook. The mapping passes plain data
(Province, sector code, title, description, Comuni served), signed so that it cannot be altered on its
way back; the catalogue creates an unpublished PracticePage from it and opens it in the editor, where
UPI completes and validates it. Neither app imports the other.
"""

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Locale

from core.models import Province, Sector

from .choices import EvidenceLevel, EvidenceSource
from .models import PracticeIndexPage, PracticePage

SALT = "practices.drafts.from-mapping"
MAX_AGE = 24 * 3600
CODE_PREFIX = {"sua": "SUA", "europa": "EUR", "innovazione": "INN"}


def catalogue_for_drafts():
    return PracticeIndexPage.objects.filter(locale=Locale.get_default()).first()


def actions(request, proposals):
    """``mapping_response_actions``: one “create a draft” form per proposal, for those who may add practices."""
    catalogue = catalogue_for_drafts()
    if catalogue is None or not catalogue.permissions_for_user(request.user).can_add_subpage():
        return []
    return [
        {
            "label": _("Crea una bozza di buona pratica: %(title)s") % {"title": proposal["title"]},
            "url": reverse("practices_draft_from_mapping"),
            "payload": signing.dumps(proposal, salt=SALT),
        }
        for proposal in proposals
        if proposal.get("sector") in CODE_PREFIX
    ]


def _next_code(sector_code, province):
    prefix = f"{CODE_PREFIX[sector_code]}-{province.sigla}-"
    taken = set(PracticePage.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    number = 1
    while f"{prefix}{number:02d}" in taken:
        number += 1
    return f"{prefix}{number:02d}"


@require_POST
def create_from_mapping(request):
    try:
        proposal = signing.loads(request.POST.get("payload", ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return HttpResponseBadRequest(_("Richiesta non valida o scaduta: riaprire la risposta e riprovare."))
    catalogue = catalogue_for_drafts()
    if catalogue is None or not catalogue.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    province = Province.objects.filter(pk=proposal.get("province")).first()
    sector = Sector.objects.filter(locale=catalogue.locale, code=proposal.get("sector")).first()
    if province is None or sector is None:
        return HttpResponseBadRequest(_("Provincia o settore non trovati."))
    title = _("%(service)s della Provincia di %(province)s") % {
        "service": proposal["title"],
        "province": province.name,
    }
    description = (proposal.get("description") or "").strip()
    comuni = proposal.get("comuni_count")
    page = PracticePage(
        title=title[:255],
        slug=slugify(f"{title} {proposal.get('campaign', '')}")[:200] or "pratica",
        code=_next_code(sector.code, province),
        summary=description[:300] or title[:300],
        province=province,
        sector=sector,
        comuni_count=int(comuni) if str(comuni or "").isdigit() else None,
        evidence_source=EvidenceSource.QUESTIONNAIRE,
        evidence_level=EvidenceLevel.SELF_DECLARED,
        evidence_note=_("Dalla risposta della Provincia al questionario della mappatura (%(campaign)s).")
        % {"campaign": proposal.get("campaign", "")},
        live=False,
    )
    base_slug, n = page.slug, 1
    while PracticePage.objects.child_of(catalogue).filter(slug=page.slug).exists():
        n += 1
        page.slug = f"{base_slug[:190]}-{n}"
    catalogue.add_child(instance=page)
    page.save_revision(user=request.user)
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
