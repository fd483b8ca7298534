"""The mapping's commands: reminders, invitations with a single-use password link, example responses."""

import csv
import datetime
import io
import re

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

import pytest
import time_machine

from core.models import Province
from core.roles import UPI_GROUP_NAME
from mapping.answers import is_shown
from mapping.choices import QuestionKind, ResponseState, YesPlannedNo
from mapping.factories import CampaignFactory, QuestionnaireFactory
from mapping.forms import missing_required
from mapping.models import Campaign, InterviewNote, Response
from mapping.roles import REFERENT_GROUP_PREFIX

pytestmark = pytest.mark.django_db


def referent(django_user_model, username, province_name, email, password=None):
    user = django_user_model.objects.create_user(username, email=email, password=password)
    user.groups.add(Group.objects.get(name=f"{REFERENT_GROUP_PREFIX}{province_name}"))
    return user


@pytest.fixture
def campaign():
    campaign = CampaignFactory(title="Mappatura 2026")
    campaign.ensure_version()
    return campaign


def run(*args, **kwargs):
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def test_reminders_go_to_the_referents_of_provinces_not_submitted(django_user_model, campaign):
    referent(django_user_model, "ref.tv", "Treviso", "tv@example.org", "x" * 14)
    referent(django_user_model, "ref.pd", "Padova", "pd@example.org", "x" * 14)
    inactive = referent(django_user_model, "ref.bs", "Brescia", "bs@example.org", "x" * 14)
    inactive.is_active = False
    inactive.save()
    Response.objects.create(
        campaign=campaign,
        province=Province.objects.get(sigla="PD"),
        version=campaign.version,
        state=ResponseState.SUBMITTED,
        submitted_at=timezone.now(),
    )
    assert "1 reminders sent" in run("send_mapping_reminders", campaign=campaign.pk)
    assert [m.to for m in mail.outbox] == [["tv@example.org"]]
    assert "Treviso" in mail.outbox[0].body and "Promemoria" in mail.outbox[0].subject


def test_reminders_wait_for_an_open_campaign_and_need_an_existing_one(django_user_model, campaign):
    referent(django_user_model, "ref.tv", "Treviso", "tv@example.org")
    campaign.closes_at = timezone.now() - datetime.timedelta(days=1)
    campaign.opens_at = campaign.closes_at - datetime.timedelta(days=10)
    campaign.save()
    assert "not open" in run("send_mapping_reminders", campaign=campaign.pk)
    assert mail.outbox == []
    run("send_mapping_reminders", campaign=campaign.pk, force=True)
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError):
        run("send_mapping_reminders", campaign=999999)


def _link(message):
    match = re.search(r"http://testserver(/accesso/imposta-password/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_an_invitation_link_sets_the_password_once(client, django_user_model, campaign):
    user = referent(django_user_model, "ref.tv", "Treviso", "tv@example.org")
    referent(django_user_model, "ref.pd", "Padova", "pd@example.org", "x" * 14)
    campaign.provinces.set(Province.objects.filter(sigla__in=["TV", "PD"]))
    assert "2 invitations sent" in run("invite_referents", campaign=campaign.pk)
    mail.outbox.clear()
    assert "1 invitations sent" in run("invite_referents", campaign=campaign.pk, only_without_password=True)
    message = mail.outbox[0]
    assert message.to == ["tv@example.org"] and "ref.tv" in message.body and "Treviso" in message.body

    link = _link(message)
    response = client.get(link)
    assert response.status_code == 302  # the token moves into the session, out of the address
    form_url = response["Location"]
    page = client.get(form_url)
    assert page.status_code == 200 and page.context["validlink"]
    assert "Imposta la password" in page.content.decode()
    assert "Content-Security-Policy" in page.headers

    weak = client.post(form_url, {"new_password1": "12345", "new_password2": "12345"})
    assert weak.status_code == 200 and weak.context["form"].errors
    done = client.post(
        form_url, {"new_password1": "Mappatura-Treviso-2026", "new_password2": "Mappatura-Treviso-2026"}
    )
    assert done.status_code == 302 and done["Location"] == "/accesso/password-impostata/"
    user.refresh_from_db()
    assert user.check_password("Mappatura-Treviso-2026")
    assert client.get(done["Location"]).status_code == 200
    assert int(client.session["_auth_user_id"]) == user.pk

    client.logout()
    again = client.get(link, follow=True)
    assert not again.context["validlink"]
    assert "già stato usato oppure è scaduto" in again.content.decode()


def test_an_expired_invitation_link_is_refused(client, django_user_model, campaign):
    user = referent(django_user_model, "ref.tv", "Treviso", "tv@example.org")
    campaign.provinces.set(Province.objects.filter(sigla="TV"))
    run("invite_referents", campaign=campaign.pk)
    link = _link(mail.outbox[0])
    assert "scade tra 3 giorni" in mail.outbox[0].body
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        page = client.get(link, follow=True)
        assert page.status_code == 200 and not page.context["validlink"]
        form_url = link.rsplit("/", 2)[0] + "/set-password/"
        client.post(
            form_url, {"new_password1": "Mappatura-Treviso-2026", "new_password2": "Mappatura-Treviso-2026"}
        )
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_forged_token_is_refused(client, django_user_model, campaign):
    referent(django_user_model, "ref.tv", "Treviso", "tv@example.org")
    campaign.provinces.set(Province.objects.filter(sigla="TV"))
    run("invite_referents", campaign=campaign.pk)
    link = _link(mail.outbox[0])
    forged = link.rsplit("/", 2)[0] + "/abc-0123456789abcdef/"
    assert not client.get(forged, follow=True).context["validlink"]


def test_generate_example_mapping_fills_76_valid_responses_marked_as_examples(client, django_user_model):
    QuestionnaireFactory()  # the shipped draft questionnaire, as the loader creates it
    out = run("generate_example_mapping", campaign_title="[Esempio] Prova")
    campaign = Campaign.objects.get(title="[Esempio] Prova")
    assert campaign.is_example and "filled" in out
    responses = list(campaign.responses.all())
    states = {response.state for response in responses}
    assert len(responses) < 76 and states == {"avviata", "inviata", "riaperta"}  # and some only invited
    questions = {q["code"]: q for q in campaign.version.questions()}
    for response in responses:
        assert response.version_id == campaign.version_id
        for code, value in response.answers.items():
            question = questions[code]
            assert is_shown(question, response.answers), (code, response.answers)
            if question["kind"] == QuestionKind.YES_PLANNED_NO:
                assert value in YesPlannedNo.values
            elif question["kind"] == QuestionKind.SINGLE:
                assert value in question["options"]
            elif question["kind"] == QuestionKind.NUMBER:
                assert float(question["minimum"] or 0) <= float(value) <= float(question["maximum"] or 1e9)
            elif question["kind"] in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
                assert value.startswith("[Esempio]")
        if response.state != ResponseState.STARTED:
            assert missing_required(campaign.version, response.answers) == [] and response.submitted_at
    assert InterviewNote.objects.filter(response__campaign=campaign, text__startswith="[Esempio]").exists()

    # Run again: the same campaign is refilled, not duplicated.
    run("generate_example_mapping", campaign_title="[Esempio] Prova", seed=7)
    assert Campaign.objects.filter(title="[Esempio] Prova").count() == 1

    upi = django_user_model.objects.create_user("upi.esempi", password="x" * 14)
    upi.groups.add(Group.objects.get(name=UPI_GROUP_NAME))
    client.force_login(upi)
    assert "Campagna di esempio" in client.get(f"/admin/mappatura/{campaign.pk}/").content.decode()
    export = client.get(f"/admin/mappatura/{campaign.pk}/esporta.csv")
    assert "ESEMPIO" in export["Content-Disposition"]
    assert len(list(csv.reader(io.StringIO(export.content.decode())))) == 78


def test_generate_example_mapping_never_overwrites_a_real_campaign_nor_runs_in_production(campaign):
    with pytest.raises(CommandError):
        run("generate_example_mapping", campaign_title="Mappatura 2026")
    assert not campaign.responses.exists()
    with override_settings(SETTINGS_MODULE="site_cms.settings.production"), pytest.raises(CommandError):
        run("generate_example_mapping", campaign_title="[Esempio] Prova")
    assert not Campaign.objects.filter(title="[Esempio] Prova").exists()
