"""UPI's dashboard of a mapping campaign: progress by macro-area, exports, printable responses, actions."""

import csv
import datetime
import io

from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from core.models import Province
from core.roles import UPI_GROUP_NAME
from mapping.choices import ResponseState
from mapping.factories import CampaignFactory
from mapping.models import InterviewNote, Response
from mapping.roles import REFERENT_GROUP_PREFIX

pytestmark = pytest.mark.django_db

COMPLETE = {
    "consenso_pubblicazione": "Sì",
    "sua_servizi": "si",
    "sua_descrizione": "Gare per i Comuni\nsu due righe",
    "sua_stato": "Attivi",
    "sua_comuni": "20",
    "europa_servizi": "no",
    "innovazione_servizi": "in-programma",
    "innovazione_descrizione": "Un centro servizi",
}


def url(campaign, rest=""):
    return f"/admin/mappatura/{campaign.pk}/{rest}"


@pytest.fixture
def campaign():
    campaign = CampaignFactory(title="Mappatura 2026")
    campaign.ensure_version()
    return campaign


def respond(campaign, sigla, state=ResponseState.STARTED, answers=None):
    return Response.objects.create(
        campaign=campaign,
        province=Province.objects.get(sigla=sigla),
        version=campaign.version,
        state=state,
        answers=answers if answers is not None else {"sua_servizi": "no"},
        submitted_at=timezone.now() if state == ResponseState.SUBMITTED else None,
    )


def user_in(django_user_model, username, group_name, email=""):
    user = django_user_model.objects.create_user(username, email=email, password="x" * 14)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def upi(django_user_model):
    return user_in(django_user_model, "upi.cruscotto", UPI_GROUP_NAME)


@pytest.fixture
def press_office(django_user_model):
    return user_in(django_user_model, "stampa.cruscotto", "Ufficio stampa - Provincia di Treviso")


@pytest.fixture
def referent(django_user_model):
    return user_in(django_user_model, "ref.treviso", f"{REFERENT_GROUP_PREFIX}Treviso", "ref.tv@example.org")


def test_the_dashboard_lists_the_provinces_by_macro_area_with_states_and_rates(client, upi, campaign):
    respond(campaign, "TV", ResponseState.SUBMITTED, COMPLETE)
    respond(campaign, "PD", ResponseState.STARTED, {"sua_servizi": "si", "sua_descrizione": ""})
    respond(campaign, "BS", ResponseState.REOPENED, COMPLETE)
    client.force_login(upi)
    response = client.get(url(campaign))
    assert response.status_code == 200
    groups = {group.value: group for group in response.context["groups"]}
    assert list(groups) == ["nord-ovest", "nord-est", "centro", "sud"]
    overall = response.context["overall"]
    assert overall.invited == 76 and overall.submitted == 1 and overall.rate == round(100 / 76, 1)
    rows = {row.province.sigla: row for group in groups.values() for row in group.rows}
    assert (rows["TV"].state, rows["TV"].answered) == ("inviata", 8)
    assert (rows["PD"].state, rows["PD"].answered) == ("avviata", 1)
    assert (rows["BS"].state, rows["VT"].state, rows["VT"].last_activity) == ("riaperta", "invitata", None)
    assert groups["nord-est"].submitted == 1
    assert groups["nord-est"].rate == round(100 / groups["nord-est"].invited, 1)
    assert groups["sud"].rate == 0
    html = response.content.decode()
    assert "Treviso" in html and "Inviata" in html and "Riaperta" in html and "Nord-Est" in html


def test_only_the_invited_provinces_are_listed(client, upi, campaign):
    campaign.provinces.set(Province.objects.filter(sigla__in=["TV", "PD", "VT"]))
    client.force_login(upi)
    overall = client.get(url(campaign)).context["overall"]
    assert sorted(row.province.sigla for row in overall.rows) == ["PD", "TV", "VT"]


def _fill(campaign, count):
    Response.objects.filter(campaign=campaign).delete()
    for n, province in enumerate(Province.objects.order_by("istat_code")[:count]):
        state = [ResponseState.STARTED, ResponseState.SUBMITTED, ResponseState.REOPENED][n % 3]
        Response.objects.create(
            campaign=campaign,
            province=province,
            version=campaign.version,
            state=state,
            answers={**COMPLETE, "sua_comuni": str(n)},
        )
        if n % 4 == 0:
            InterviewNote.objects.create(
                response=Response.objects.last(), interview_date=timezone.localdate(), text="Nota"
            )


@pytest.mark.parametrize("path", ["", "esporta.csv", "esporta.xlsx"])
def test_the_dashboard_and_exports_make_as_many_queries_for_5_as_for_40_responses(
    client, upi, campaign, path
):
    client.force_login(upi)
    counts = []
    for count in (5, 40):
        _fill(campaign, count)
        client.get(url(campaign, path))  # warm caches (permissions, site, locales)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(campaign, path)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("path", ["", "esporta.csv", "esporta.xlsx"])
def test_the_dashboard_and_exports_cost_the_same_for_3_or_60_invited_provinces_and_any_number_of_answers(
    client, upi, campaign, path
):
    client.force_login(upi)
    counts = []
    for count, answers in ((3, {"sua_servizi": "no"}), (60, COMPLETE)):
        provinces = list(Province.objects.order_by("istat_code")[:count])
        campaign.provinces.set(provinces)
        Response.objects.filter(campaign=campaign).delete()
        Response.objects.bulk_create(
            Response(campaign=campaign, province=p, version=campaign.version, answers=answers)
            for p in provinces
        )
        client.get(url(campaign, path))  # warm caches (permissions, site, locales)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(campaign, path))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_dashboard_is_refused_to_a_press_office_a_referent_and_anonymous(
    client, press_office, referent, campaign
):
    for user in (press_office, referent, None):
        client.logout()
        if user:
            client.force_login(user)
        for path in ("", "esporta.csv", "esporta.xlsx", "provincia/TV/"):
            response = client.get(url(campaign, path))
            assert response.status_code in (302, 403), (user, path)
            assert "Treviso" not in response.content.decode()
    assert client.get("/admin/mappatura/").status_code == 302


def test_the_reports_menu_shows_the_dashboard_only_to_upi(client, upi, press_office):
    client.force_login(upi)
    assert "/admin/mappatura/" in client.get("/admin/").content.decode()
    client.force_login(press_office)
    assert "/admin/mappatura/" not in client.get("/admin/").content.decode()


def test_the_csv_has_one_row_per_invited_province_and_one_column_per_question(client, upi, campaign):
    respond(campaign, "TV", ResponseState.SUBMITTED, {**COMPLETE, "scelte": ["a", "b"]})
    client.force_login(upi)
    response = client.get(url(campaign, "esporta.csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="mappatura-mappatura-2026.csv"' in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.content.decode())))
    header, rows = table[0], table[1:]
    assert len(rows) == 76
    codes = [q["code"] for q in campaign.version.questions()]
    assert header == ["sigla", "provincia", "regione", "macro_area", "stato", "inviata_il", *codes]
    treviso = dict(zip(header, next(r for r in rows if r[0] == "TV"), strict=True))
    assert treviso["provincia"] == "Treviso" and treviso["regione"] == "Veneto"
    assert treviso["macro_area"] == "nord-est" and treviso["stato"] == "inviata" and treviso["inviata_il"]
    assert (
        treviso["sua_servizi"] == "si"
        and treviso["sua_comuni"] == "20"
        and treviso["europa_descrizione"] == ""
    )
    viterbo = dict(zip(header, next(r for r in rows if r[0] == "VT"), strict=True))
    assert viterbo["stato"] == "invitata" and viterbo["sua_servizi"] == ""


def test_multiple_choice_answers_are_joined(campaign):
    from mapping.exports import cell

    assert cell(["Attivi", "Programmati"]) == "Attivi; Programmati"
    assert cell("20", typed=True) == 20 and cell("2.5", typed=True) == 2.5 and cell(None) == ""


def test_the_xlsx_has_the_answers_and_a_codebook(client, upi, campaign):
    respond(campaign, "TV", ResponseState.SUBMITTED, COMPLETE)
    client.force_login(upi)
    response = client.get(url(campaign, "esporta.xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["risposte", "codebook"]
    answers = list(workbook["risposte"].iter_rows(values_only=True))
    assert len(answers) == 77
    header = answers[0]
    treviso = dict(zip(header, next(r for r in answers if r[0] == "TV"), strict=True))
    assert treviso["sua_comuni"] == 20 and treviso["sua_stato"] == "Attivi"
    codebook = list(workbook["codebook"].iter_rows(values_only=True))
    assert codebook[0] == (
        "codice",
        "sezione",
        "settore",
        "domanda",
        "domanda_en",
        "tipo",
        "opzioni",
        "unita",
        "intervallo",
        "approfondimento_di",
    )
    entries = {row[0]: row for row in codebook[1:]}
    assert set(entries) == {q["code"] for q in campaign.version.questions()}
    comuni = entries["sua_comuni"]
    assert comuni[5] == "numero" and comuni[7] == "Comuni" and comuni[8] == "0–400"
    assert comuni[9] == "sua_servizi = si; in-programma"
    assert entries["sua_stato"][6] == "Attivi; In fase di avvio; Programmati"


def test_example_campaigns_are_marked_in_the_file_names_and_first_lines(client, upi, campaign):
    campaign.is_example = True
    campaign.save()
    client.force_login(upi)
    response = client.get(url(campaign, "esporta.csv"))
    assert 'filename="ESEMPIO-' in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.content.decode())))
    assert table[0][0].startswith("DATI DI ESEMPIO") and table[1][0] == "sigla" and len(table) == 78
    response = client.get(url(campaign, "esporta.xlsx"))
    assert 'filename="ESEMPIO-' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    for sheet in workbook:
        assert next(sheet.iter_rows(values_only=True))[0].startswith("DATI DI ESEMPIO")
    assert "Campagna di esempio" in client.get(url(campaign)).content.decode()


def test_the_printable_response_hides_follow_ups_not_shown_and_lists_the_notes(client, upi, campaign):
    response = respond(campaign, "TV", ResponseState.SUBMITTED, COMPLETE)
    InterviewNote.objects.create(
        response=response, interview_date="2026-03-02", author=upi, text="Intervista con il dirigente"
    )
    client.force_login(upi)
    page = client.get(url(campaign, "provincia/tv/"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "mapping/css/admin-print.css" in html
    assert "Gare per i Comuni" in html and "20 Comuni" in html and "In programma" in html
    # Europa was answered "no": its follow-ups are hidden.
    assert "[sua_descrizione]" in html and "[europa_descrizione]" not in html
    assert "[innovazione_comuni]" in html and "nessuna risposta" in html
    assert "Intervista con il dirigente" in html and "02/03/2026" in html
    assert "Riapri la risposta" in html and "/admin/snippets/mapping/interviewnote/add/" in html


def test_the_printable_view_of_a_province_without_answers(client, upi, campaign):
    client.force_login(upi)
    html = client.get(url(campaign, "provincia/VT/")).content.decode()
    assert "non ha ancora iniziato" in html and "Nessuna nota di intervista" in html
    assert client.get(url(campaign, "provincia/ZZ/")).status_code == 404
    campaign.provinces.set(Province.objects.filter(sigla="TV"))
    assert client.get(url(campaign, "provincia/VT/")).status_code == 404


def test_upi_reopens_a_submitted_response(client, upi, campaign):
    response = respond(campaign, "TV", ResponseState.SUBMITTED, COMPLETE)
    client.force_login(upi)
    assert client.get(url(campaign, "provincia/TV/riapri/")).status_code == 405
    reply = client.post(url(campaign, "provincia/TV/riapri/"), follow=True)
    assert reply.status_code == 200 and "è stata riaperta" in reply.content.decode()
    response.refresh_from_db()
    assert response.state == ResponseState.REOPENED and response.is_editable
    reply = client.post(url(campaign, "provincia/TV/riapri/"), follow=True)
    assert "Solo una risposta inviata" in reply.content.decode()
    assert client.post(url(campaign, "provincia/VT/riapri/")).status_code == 404


def test_reopening_needs_the_csrf_token(upi, campaign):
    from django.test import Client

    response = respond(campaign, "TV", ResponseState.SUBMITTED, COMPLETE)
    client = Client(enforce_csrf_checks=True)
    client.force_login(upi)
    assert client.post(url(campaign, "provincia/TV/riapri/")).status_code == 403
    page = client.get(url(campaign, "provincia/TV/"))
    token = page.context["csrf_token"]
    assert (
        client.post(url(campaign, "provincia/TV/riapri/"), {"csrfmiddlewaretoken": str(token)}).status_code
        == 302
    )
    response.refresh_from_db()
    assert response.state == ResponseState.REOPENED


def test_others_cannot_reopen_or_send_reminders(client, press_office, referent, campaign):
    response = respond(campaign, "TV", ResponseState.SUBMITTED, COMPLETE)
    for user in (press_office, referent, None):
        client.logout()
        if user:
            client.force_login(user)
        assert client.post(url(campaign, "provincia/TV/riapri/")).status_code in (302, 403)
        assert client.post(url(campaign, "solleciti/")).status_code in (302, 403)
    response.refresh_from_db()
    assert response.state == ResponseState.SUBMITTED
    assert mail.outbox == []


def test_upi_sends_reminders_to_the_referents_of_provinces_not_submitted(
    client, django_user_model, upi, referent, campaign
):
    user_in(django_user_model, "ref.padova", f"{REFERENT_GROUP_PREFIX}Padova", "ref.pd@example.org")
    user_in(django_user_model, "ref.brescia", f"{REFERENT_GROUP_PREFIX}Brescia", "ref.bs@example.org")
    user_in(django_user_model, "ref.senza.email", f"{REFERENT_GROUP_PREFIX}Viterbo")
    respond(campaign, "PD", ResponseState.SUBMITTED, COMPLETE)
    respond(campaign, "BS", ResponseState.REOPENED, COMPLETE)
    client.force_login(upi)
    assert client.get(url(campaign, "solleciti/")).status_code == 405
    reply = client.post(url(campaign, "solleciti/"), follow=True)
    assert reply.status_code == 200 and "Promemoria inviati a 2 referenti" in reply.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == ["ref.bs@example.org", "ref.tv@example.org"]
    message = next(m for m in mail.outbox if m.to == ["ref.tv@example.org"])
    assert "Mappatura 2026" in message.subject and "Provincia di Treviso" in message.body


def test_no_reminders_for_a_closed_campaign(client, upi, referent, campaign):
    campaign.opens_at = timezone.now() - datetime.timedelta(days=20)
    campaign.closes_at = timezone.now() - datetime.timedelta(days=1)
    campaign.save()
    client.force_login(upi)
    page = client.get(url(campaign)).content.decode()
    assert "La campagna non è aperta ora" in page and url(campaign, "solleciti/") not in page
    reply = client.post(url(campaign, "solleciti/"), follow=True)
    assert "nessun promemoria inviato" in reply.content.decode() and mail.outbox == []


def _catalogue():
    from wagtail.models import Locale, Site

    from core import content
    from core.loader import ContentLoader
    from practices.models import PracticeIndexPage

    content.load(ContentLoader())  # locales and sectors (a no-op where the content is loaded)
    catalogue = PracticeIndexPage.objects.filter(locale=Locale.get_default()).first()
    if catalogue is None:
        catalogue = PracticeIndexPage(title="Buone pratiche", slug="buone-pratiche-prova")
        Site.objects.get(is_default_site=True).root_page.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    return catalogue


def test_a_submitted_response_becomes_a_draft_practice_for_upi(client, upi, campaign):
    from practices.models import PracticePage

    catalogue = _catalogue()
    respond(campaign, "TV", ResponseState.SUBMITTED, COMPLETE)
    client.force_login(upi)
    page = client.get(url(campaign, "provincia/tv/")).content.decode()
    assert "Crea una bozza di buona pratica: Stazione Unica Appaltante" in page
    assert "Crea una bozza di buona pratica: Servizi associati" not in page  # Treviso answered “no” there
    payload = page.split('name="payload" value="')[1].split('"')[0]

    created = client.post("/admin/buone-pratiche/bozza-dalla-mappatura/", {"payload": payload})
    assert created.status_code == 302
    practice = PracticePage.objects.get(pk=created["Location"].split("/")[-3])
    assert practice.get_parent().pk == catalogue.pk and practice.code.startswith("SUA-TV-")
    assert not practice.live and practice.sector.code == "sua" and practice.comuni_count == 20
    assert practice.summary.startswith("Gare per i Comuni") and practice.evidence_source == "questionario"

    tampered = payload[:-3] + ("abc" if not payload.endswith("abc") else "xyz")
    assert (
        client.post("/admin/buone-pratiche/bozza-dalla-mappatura/", {"payload": tampered}).status_code == 400
    )


def test_only_those_who_may_add_practices_can_create_drafts(client, referent, press_office, campaign):
    _catalogue()
    respond(campaign, "TV", ResponseState.SUBMITTED, COMPLETE)
    from django.core import signing

    from practices.drafts import SALT

    payload = signing.dumps(
        {"province": Province.objects.get(sigla="TV").pk, "sector": "sua", "title": "SUA"}, salt=SALT
    )
    for user in (referent, press_office, None):
        client.logout()
        if user:
            client.force_login(user)
        response = client.post("/admin/buone-pratiche/bozza-dalla-mappatura/", {"payload": payload})
        assert response.status_code in (302, 403)
        assert "/edit/" not in response.get("Location", "")
