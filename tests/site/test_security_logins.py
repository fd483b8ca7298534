"""Logins that resist: lockout after repeated failures on both logins, a sensible landing, working-day
sessions."""

import datetime
import io

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

import pytest
import time_machine

pytestmark = pytest.mark.django_db

PASSWORD = "una-password-giusta-2026"
LOGINS = {"admin": "/admin/login/", "working_group": "/_util/login/"}


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "redattore", "redattore@example.invalid", PASSWORD, is_superuser=True, is_staff=True
    )
    return user


def attempt(client, url, username, password, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def logged_in(client):
    return "_auth_user_id" in client.session


def fail(client, url, username, times, **extra):
    for _ in range(times):
        response = attempt(client, url, username, "sbagliata", **extra)
        assert not logged_in(client)
    return response


@pytest.mark.parametrize("login", LOGINS.values(), ids=LOGINS.keys())
def test_repeated_failures_lock_out_the_right_password(client, editor, login, caplog):
    fail(client, login, editor.username, settings.AXES_FAILURE_LIMIT)
    response = attempt(client, login, editor.username, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    html = response.content.decode()
    assert "Accesso temporaneamente bloccato" in html
    assert "<style" not in html
    assert any(record.name.startswith("axes") for record in caplog.records)


@pytest.mark.parametrize("login", LOGINS.values(), ids=LOGINS.keys())
def test_a_few_failures_do_not_lock(client, editor, login):
    fail(client, login, editor.username, settings.AXES_FAILURE_LIMIT - 1)
    response = attempt(client, login, editor.username, PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_the_lockout_is_per_username_and_address(client, editor, django_user_model):
    login = LOGINS["admin"]
    fail(client, login, editor.username, settings.AXES_FAILURE_LIMIT)
    # The same user from another address is not locked out...
    attempt(client, login, editor.username, PASSWORD, REMOTE_ADDR="192.0.2.10")
    assert logged_in(client)
    client.logout()
    # ...nor is another user from the same address.
    django_user_model.objects.create_user("altro", "altro@example.invalid", PASSWORD, is_superuser=True)
    attempt(client, login, "altro", PASSWORD)
    assert logged_in(client)


def test_the_lockout_ends_after_the_cool_off(client, editor):
    login = LOGINS["admin"]
    fail(client, login, editor.username, settings.AXES_FAILURE_LIMIT)
    with time_machine.travel(
        datetime.datetime.now(datetime.UTC) + settings.AXES_COOLOFF_TIME + datetime.timedelta(minutes=1)
    ):
        attempt(client, login, editor.username, PASSWORD)
        assert logged_in(client)


def test_an_administrator_unlocks_a_user(client, editor):
    login = LOGINS["working_group"]
    fail(client, login, editor.username, settings.AXES_FAILURE_LIMIT)
    assert attempt(client, login, editor.username, PASSWORD).status_code == 429
    call_command("axes_reset_username", editor.username, stdout=io.StringIO())
    attempt(client, login, editor.username, PASSWORD)
    assert logged_in(client)


@pytest.fixture
def member(django_user_model):
    from resources.models import WorkingGroupPage

    group_page = WorkingGroupPage.objects.filter(
        locale__language_code="it", members_group__isnull=False
    ).first()
    user = django_user_model.objects.create_user("membro", "membro@example.invalid", PASSWORD)
    user.groups.add(group_page.members_group)
    return user, group_page


def test_a_member_lands_on_their_reserved_area(client, member):
    from wagtail.models import PageViewRestriction

    user, group_page = member
    response = attempt(client, LOGINS["working_group"], user.username, PASSWORD)
    assert response.status_code == 302
    landing = client.get(response["Location"], follow=True)
    assert landing.status_code == 200
    reserved = PageViewRestriction.objects.get(
        groups=group_page.members_group, page__locale__language_code="it"
    )
    assert reserved.page.get_parent().pk == group_page.pk
    assert landing.redirect_chain[-1][0] == reserved.page.url


def test_a_user_with_no_group_lands_on_the_working_groups(client, django_user_model):
    django_user_model.objects.create_user("nessuno", "nessuno@example.invalid", PASSWORD)
    response = attempt(client, LOGINS["working_group"], "nessuno", PASSWORD)
    landing = client.get(response["Location"], follow=True)
    assert landing.status_code == 200
    assert "/accounts/profile/" not in landing.redirect_chain[-1][0]


def test_next_still_wins(client, member):
    user, _group_page = member
    response = client.post(
        LOGINS["working_group"] + "?next=/buone-pratiche/",
        {"username": user.username, "password": PASSWORD, "next": "/buone-pratiche/"},
    )
    assert response["Location"] == "/buone-pratiche/"


@pytest.mark.parametrize("login", LOGINS.values(), ids=LOGINS.keys())
def test_a_login_lasts_a_working_day(client, editor, login):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert settings.SESSION_COOKIE_AGE == 9 * 60 * 60
    # The admin's “remember me” keeps the cookie after the browser closes: for a working day, not 14 days.
    response = client.post(login, {"username": editor.username, "password": PASSWORD, "remember": "on"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 9 * 60 * 60
    # And on the server the session ends after a working day, whatever the cookie.
    session = Session.objects.get(session_key=cookie.value)
    expected = timezone.now() + datetime.timedelta(hours=9)
    assert abs((session.expire_date - expected).total_seconds()) < 60


def test_the_session_length_comes_from_the_environment(monkeypatch):
    import importlib

    import site_cms.settings.base as base

    monkeypatch.setenv("SESSION_COOKIE_AGE", "3600")
    try:
        assert importlib.reload(base).SESSION_COOKIE_AGE == 3600
    finally:
        monkeypatch.delenv("SESSION_COOKIE_AGE")
        importlib.reload(base)


def test_an_administrator_unlocks_a_user_in_the_admin(client, editor, django_user_model):
    from django.urls import reverse

    from axes.models import AccessAttempt

    login = LOGINS["admin"]
    fail(client, login, editor.username, settings.AXES_FAILURE_LIMIT)
    attempt_record = AccessAttempt.objects.get(username=editor.username)
    admin = django_user_model.objects.create_superuser("capo", "capo@example.invalid", "una-password-lunga-1")
    client.force_login(admin)
    listing = client.get(reverse("lockouts:index"))
    assert listing.status_code == 200 and editor.username in listing.content.decode()
    assert client.get(reverse("lockouts:add")).status_code in (302, 403)  # nobody creates lockouts
    response = client.post(reverse("lockouts:delete", args=[attempt_record.pk]))
    assert response.status_code == 302
    client.logout()
    attempt(client, login, editor.username, PASSWORD)
    assert logged_in(client)


def test_only_superusers_see_the_lockouts(client, django_user_model):
    from django.urls import reverse

    upi = django_user_model.objects.create_user("redazione", "r@example.invalid", PASSWORD)
    upi.groups.add(Group.objects.get(name="Comunicazione UPI"))
    client.force_login(upi)
    assert client.get(reverse("lockouts:index")).status_code in (302, 403)


def test_the_header_s_reserved_area_link_leads_through_the_login_to_the_right_place(client):
    home = client.get("/")
    assert 'href="/_accesso/?lang=it"' in home.content.decode()
    assert 'href="/_accesso/?lang=en"' in client.get("/en/").content.decode()
    response = client.get("/_accesso/")
    assert response.status_code == 302
    assert response["Location"] == "/_util/login/?next=/_accesso/"
    assert client.get(response["Location"]).status_code == 200


def test_a_mapping_referent_lands_on_the_questionnaire(client, django_user_model):
    from mapping.models import MappingPage
    from mapping.roles import REFERENT_GROUP_PREFIX

    user = django_user_model.objects.create_user("referente.tv", "ref@example.invalid", PASSWORD)
    user.groups.add(Group.objects.get(name=f"{REFERENT_GROUP_PREFIX}Treviso"))
    response = attempt(client, LOGINS["working_group"], user.username, PASSWORD)
    landing = client.get(response["Location"], follow=True)
    assert landing.status_code == 200
    questionnaire = MappingPage.objects.live().get(locale__language_code="it").questionnaire_url
    assert landing.redirect_chain[-1][0] == questionnaire
    # From an English page, the English questionnaire.
    english = MappingPage.objects.live().get(locale__language_code="en")
    assert client.get("/_accesso/?lang=en")["Location"] == english.questionnaire_url
    assert english.questionnaire_url.startswith("/en/")
    assert client.get("/_accesso/?lang=xx")["Location"] == questionnaire  # an unknown language: Italian


def test_an_editor_lands_on_the_admin(client, editor):
    client.force_login(editor)
    assert client.get("/_accesso/")["Location"] == "/admin/"
