"""The referents' questionnaire, in the public site's design.

Routes follow the project's convention: ``MappingPage`` route methods call these functions with
``(request, page, **kwargs)``. A referent answers for the Provinces of their referent group only; the
draft is saved on the server section by section; a submitted response is read-only until UPI reopens
it; a closed campaign refuses changes. If the session expired while typing, the answers posted are kept
on the server under an unguessable key and given back, unsaved, once the referent has logged in again.
"""

import csv
import secrets

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
)
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from core import page_cache
from core.destinations import login_redirect
from core.maps import ATTRIBUTION as MAP_ATTRIBUTION
from core.maps import legend as map_legend
from core.maps import region_map
from core.models import Province, Sector, SiteDocument
from core.roles import ensure_collection

from .charts import legend as chart_legend
from .charts import stacked_bar
from .choices import QuestionKind, ResponseState, YesPlannedNo
from .forms import SectionForm, missing_required
from .models import Campaign, Response
from .results import LICENCE, OPEN_DATA_FIELDS, SCHEMA, Results, open_data_rows
from .roles import ATTACHMENTS_COLLECTION_NAME, referent_provinces

DRAFT_KEY = "mapping-draft:{}"
DRAFT_SECONDS = 7 * 24 * 3600


def _login(request, next_url=None):
    return login_redirect(request, next_url)


def _allowed_provinces(user):
    if user.is_superuser:
        return Province.objects.all()
    return referent_provinces(user)


def open_campaigns(now=None):
    now = now or timezone.now()
    return Campaign.objects.filter(opens_at__lte=now, closes_at__gt=now, is_example=False)


def referent_home(request, page):
    """The referent's Provinces and, for each open campaign, the state of their response."""
    if not request.user.is_authenticated:
        return _login(request)
    provinces = list(_allowed_provinces(request.user).order_by("name")[:100])
    campaigns = list(
        Campaign.objects.filter(
            closes_at__gt=timezone.now() - timezone.timedelta(days=365), is_example=False
        ).order_by("-opens_at")[:10]
    )
    responses = {
        (r.campaign_id, r.province_id): r
        for r in Response.objects.filter(campaign__in=campaigns, province__in=provinces)
    }
    rows = []
    for campaign in campaigns:
        invited = set(campaign.provinces.values_list("pk", flat=True))
        for province in provinces:
            if invited and province.pk not in invited:
                continue
            response = responses.get((campaign.pk, province.pk))
            rows.append(
                {
                    "campaign": campaign,
                    "province": province,
                    "response": response,
                    "is_open": campaign.is_open(),
                    "url": page.route_url("section", campaign.pk, province.sigla.lower(), 1),
                }
            )
    return TemplateResponse(
        request,
        "mapping/referent_home.html",
        {
            "page": page,
            "self": page,
            "rows": rows,
            "is_referent": bool(provinces),
        },
        status=200 if provinces else 403,
    )


def _context(request, page, campaign_id, sigla):
    campaign = Campaign.objects.select_related("version", "questionnaire").filter(pk=campaign_id).first()
    province = Province.objects.filter(sigla=sigla.upper()).first() if len(sigla) == 2 else None
    if campaign is None or province is None:
        raise Http404
    if not _allowed_provinces(request.user).filter(pk=province.pk).exists():
        raise PermissionDenied(_("Non è referente della mappatura per questa Provincia."))
    if not campaign.invited_provinces().filter(pk=province.pk).exists():
        raise Http404
    response = Response.objects.filter(campaign=campaign, province=province).first()
    version = (
        response.version
        if response
        else (campaign.version or (campaign.ensure_version() if campaign.is_open() else None))
    )
    if version is None:
        raise Http404
    return campaign, province, response, version


def _response_for(campaign, province, version):
    try:
        with transaction.atomic():
            return Response.objects.create(
                campaign=campaign, province=province, version=version, state=ResponseState.STARTED
            )
    except IntegrityError:  # another referent of the same Province started it a moment ago
        return Response.objects.get(campaign=campaign, province=province)


def _refusal(request, page, message, status=403):
    return TemplateResponse(
        request, "mapping/refused.html", {"page": page, "self": page, "message": message}, status=status
    )


def _save_files(request, form, province, response):
    """Store the uploaded attachments (same checks as the library); their ids become the answer."""
    saved = {}
    for question in form.section["questions"]:
        if question["kind"] != QuestionKind.FILE:
            continue
        upload = request.FILES.get(question["code"])
        if upload is None:
            continue
        document = SiteDocument(
            title=f"{province.name} – {question['code']} – {upload.name}"[:255],
            file=upload,
            collection=ensure_collection(ATTACHMENTS_COLLECTION_NAME),
            uploaded_by_user=request.user,
        )
        try:
            document.full_clean(exclude=["tags"])
        except ValidationError as error:
            form.add_error(
                None,
                ValidationError(
                    _("Allegato «%(name)s» non accettato: %(reason)s"),
                    params={"name": upload.name, "reason": " ".join(error.messages)},
                ),
            )
            continue
        document.save()
        saved[question["code"]] = [*response.answers.get(question["code"], []), document.pk]
    return saved


def section(request, page, campaign_id, sigla, index):
    section_url = page.route_url("section", campaign_id, sigla.lower(), index)
    if not request.user.is_authenticated:
        if request.method == "POST":
            return _keep_draft_and_login(request, section_url, campaign_id, sigla, index)
        return _login(request)
    campaign, province, response, version = _context(request, page, campaign_id, sigla)
    sections = version.structure
    if not 1 <= index <= len(sections):
        raise Http404
    current = sections[index - 1]
    answers = response.answers if response else {}
    editable = campaign.is_open() and (response is None or response.is_editable)
    revision = response.revision if response else 0

    if request.method == "POST":
        if not campaign.is_open():
            return _refusal(
                request, page, _("La campagna è chiusa: le risposte non si possono più modificare.")
            )
        if response is not None and not response.is_editable:
            return _refusal(
                request,
                page,
                _(
                    "Il questionario di questa Provincia è già stato inviato: per modificarlo, chiedere all'UPI "
                    "di riaprirlo."
                ),
                status=409,
            )
        form = SectionForm(current, request.POST, request.FILES, answers=answers)
        if form.is_valid():
            response = response or _response_for(campaign, province, version)
            new_answers = form.answers_json()
            new_answers.update(_save_files(request, form, province, response))
            if form.errors:
                status = 200
            elif response.save_answers(new_answers, form.cleaned_data["revision"], request.user):
                if response.state == ResponseState.INVITED:
                    Response.objects.filter(pk=response.pk).update(state=ResponseState.STARTED)
                messages.success(request, _("Risposte salvate."))
                following = index + 1 if "next" in request.POST and index < len(sections) else index
                return HttpResponseRedirect(
                    page.route_url("section", campaign.pk, province.sigla.lower(), following)
                )
            else:
                form.add_error(
                    None,
                    _(
                        "Un altro referente della Provincia ha salvato questa sezione mentre la compilava: le sue "
                        "risposte non sono state salvate per non cancellare le altre. Sono ancora qui sotto: "
                        "ricaricare la pagina per vedere la versione salvata, poi reinserirle."
                    ),
                )
                status = 409
        else:
            status = 200  # the form again, with its messages and everything typed
    else:
        form = SectionForm(current, answers=answers, initial={"revision": revision})
        status = 200
        recovered = _recover_draft(request, campaign_id, sigla, index)
        if recovered is not None and editable:
            form = SectionForm(current, recovered, answers=answers)
            form.is_valid()
            messages.warning(
                request,
                _(
                    "La sessione era scaduta: ecco le risposte inviate, non ancora salvate. Controllarle e salvare "
                    "(gli allegati vanno caricati di nuovo)."
                ),
            )

    return TemplateResponse(
        request,
        "mapping/section.html",
        {
            "page": page,
            "self": page,
            "campaign": campaign,
            "province": province,
            "response": response,
            "version": version,
            "form": form,
            "section": current,
            "index": index,
            "editable": editable,
            "items": _items(form, current, version, answers),
            "sections": [
                {
                    "title": s["title"],
                    "url": page.route_url("section", campaign.pk, province.sigla.lower(), n),
                    "current": n == index,
                }
                for n, s in enumerate(sections, start=1)
            ],
            "submit_url": page.route_url("submit", campaign.pk, province.sigla.lower()),
            "is_last": index == len(sections),
        },
        status=status,
    )


def _items(form, section, version, answers):
    """The section's questions in order, each with its field, its condition and its attachments."""
    labels = {q["code"]: q for q in version.questions()}
    choice_labels = dict(YesPlannedNo.choices)
    files = _uploaded(section, answers)
    items = []
    for question in section["questions"]:
        condition = ""
        parent = labels.get(question["show_if_code"])
        if parent:
            values = ", ".join(str(choice_labels.get(v, v)) for v in question["show_if_values"])
            condition = _("Rispondere se alla domanda «%(question)s» la risposta è: %(values)s.") % {
                "question": parent["label"],
                "values": values,
            }
        items.append(
            {
                "question": question,
                "condition": condition,
                "unit": question["unit"],
                "field": form[question["code"]] if question["code"] in form.fields else None,
                "files": files.get(question["code"], []),
            }
        )
    return items


def _uploaded(section, answers):
    ids = [
        pk
        for q in section["questions"]
        if q["kind"] == QuestionKind.FILE
        for pk in answers.get(q["code"]) or []
    ]
    documents = {d.pk: d for d in SiteDocument.objects.filter(pk__in=ids)} if ids else {}
    return {
        q["code"]: [documents[pk] for pk in answers.get(q["code"]) or [] if pk in documents]
        for q in section["questions"]
        if q["kind"] == QuestionKind.FILE
    }


def _keep_draft_and_login(request, section_url, campaign_id, sigla, index):
    token = secrets.token_urlsafe(24)
    data = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    cache.set(
        DRAFT_KEY.format(token),
        {"campaign": campaign_id, "sigla": sigla.lower(), "index": index, "data": data},
        DRAFT_SECONDS,
    )
    return _login(request, f"{section_url}?bozza={token}")


def _recover_draft(request, campaign_id, sigla, index):
    token = request.GET.get("bozza", "")
    if not token or len(token) > 64:
        return None
    draft = cache.get(DRAFT_KEY.format(token))
    if not draft or (draft["campaign"], draft["sigla"], draft["index"]) != (
        campaign_id,
        sigla.lower(),
        index,
    ):
        return None
    cache.delete(DRAFT_KEY.format(token))
    data = QueryDict(mutable=True)
    for key, values in draft["data"].items():
        data.setlist(key, values)
    return data


def submit(request, page, campaign_id, sigla):
    if not request.user.is_authenticated:
        return _login(request, page.route_url("section", campaign_id, sigla.lower(), 1))
    campaign, province, response, version = _context(request, page, campaign_id, sigla)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not campaign.is_open():
        return _refusal(request, page, _("La campagna è chiusa: il questionario non si può più inviare."))
    if response is None:
        return _refusal(
            request, page, _("Il questionario è ancora vuoto: rispondere prima di inviarlo."), status=400
        )
    if response.state == ResponseState.SUBMITTED:
        messages.info(request, _("Il questionario era già stato inviato."))
        return HttpResponseRedirect(page.route_url("section", campaign.pk, province.sigla.lower(), 1))
    missing = missing_required(version, response.answers)
    if missing:
        labels = {
            q["code"]: (n, q["label"])
            for n, s in enumerate(version.structure, start=1)
            for q in s["questions"]
        }
        return TemplateResponse(
            request,
            "mapping/missing.html",
            {
                "page": page,
                "self": page,
                "campaign": campaign,
                "province": province,
                "missing": [
                    {
                        "label": labels[code][1],
                        "url": page.route_url(
                            "section", campaign.pk, province.sigla.lower(), labels[code][0]
                        ),
                    }
                    for code in missing
                ],
            },
        )
    updated = (
        Response.objects.filter(pk=response.pk, revision=response.revision)
        .exclude(state=ResponseState.SUBMITTED)
        .update(
            state=ResponseState.SUBMITTED,
            submitted_at=timezone.now(),
            updated_by=request.user,
            updated_at=timezone.now(),
        )
    )
    if updated:
        # A queryset update sends no signal: the pages that show submitted answers (the Province pages,
        # the results) are purged here.
        page_cache.purge("mapping response submitted")
        messages.success(
            request, _("Questionario inviato. Grazie: l'UPI riceve le risposte della Provincia.")
        )
    else:
        messages.warning(
            request, _("Il questionario è cambiato nel frattempo: ricontrollarlo prima di inviarlo.")
        )
    return HttpResponseRedirect(page.route_url("section", campaign.pk, province.sigla.lower(), 1))


def results(request, page):
    """The published results: aggregates with charts, the map of one sector, consented answers."""
    english = page.locale.language_code == "en"
    data = Results(page.campaign, english=english)
    sectors = data.sector_choices()
    sector = request.GET.get("settore", "")
    if sector not in sectors:
        sector = sectors[0] if sectors else ""
    question, coverage = data.region_coverage(sector) if sector else (None, [])
    by_region = {row["region"]: row for row in coverage}
    sector_names = {s.code: s.name for s in Sector.objects.filter(locale=page.locale)}
    for row in coverage:
        row["label"] = gettext(row["region"])  # region names are in the catalogue (Lombardy…)
    map_values = {
        region: {
            "share": row["share"],
            "label": _("%(yes)s Province su %(total)s offrono il servizio")
            % {"yes": row["yes"], "total": row["provinces"]},
            "url": "",
        }
        for region, row in by_region.items()
    }
    sections = data.sections()
    for section in sections:
        for item in section["ypn"]:
            item["chart"] = stacked_bar(
                item["counts"], item["question"]["label"], f"chart-{item['question']['code']}"
            )
    return TemplateResponse(
        request,
        "mapping/mapping_results_page.html",
        {
            "page": page,
            "self": page,
            "results": data,
            "sections": sections,
            "published": data.published_answers(),
            "sector": sector,
            "sectors": [(code, sector_names.get(code, code)) for code in sectors],
            "map": region_map(
                map_values,
                _("Copertura per regione: %(sector)s") % {"sector": sector_names.get(sector, sector)},
                _(
                    "Quota delle Province di ogni regione che offrono il servizio; le regioni in grigio non fanno parte del progetto."
                ),
            )
            if question
            else "",
            "map_question": question,
            "coverage": coverage,
            "map_legend": map_legend(),
            "chart_legend": chart_legend(),
            "map_attribution": MAP_ATTRIBUTION,
            "csv_url": page.route_url("open_data", "csv"),
            "json_url": page.route_url("open_data", "json"),
            "schema_url": page.route_url("open_data", "schema"),
        },
    )


def results_open_data(request, page, fmt):
    """The published aggregates as CSV, JSON or JSON Schema (CC BY 4.0)."""
    if fmt == "schema":
        return JsonResponse(SCHEMA, json_dumps_params={"ensure_ascii": False, "indent": 2})
    if fmt not in ("csv", "json"):
        raise Http404
    data = Results(page.campaign, english=page.locale.language_code == "en")
    rows = open_data_rows(data)
    stem = f"mappatura-{slugify(page.campaign.title)}{'-esempio' if page.campaign.is_example else ''}"
    if fmt == "json":
        response = JsonResponse(
            {
                "licence": LICENCE,
                "campaign": page.campaign.title,
                "is_example": page.campaign.is_example,
                "rows": rows,
            },
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.DictWriter(response, fieldnames=OPEN_DATA_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
