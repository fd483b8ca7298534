"""The press-office workflow, as a permission matrix asserted through the admin's own views.

Actors: anonymous, the press office of Province A (Treviso), of Province B (Brescia), a UPI
communication editor, a superuser. Every cell is a real HTTP request to the Wagtail admin, and the
assertion is about what happened to the page, not only about the response.
"""

import datetime

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils.text import slugify

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from core.models import Province
from core.roles import UPI_GROUP_NAME
from news.choices import NewsType
from news.factories import newsroom
from news.models import NewsPage
from news.roles import press_office_group

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "press_a", "press_b", "upi", "superuser"]
ALLOWED = {
    # action:          anonymous, press A, press B, UPI,  superuser
    "create": (False, True, True, True, True),
    "edit_own": (False, True, True, True, True),
    "edit_other": (False, False, False, True, True),
    "submit": (False, True, True, True, True),
    "approve": (False, False, False, True, True),
    "publish": (False, False, False, True, True),
    "unpublish": (False, False, False, True, True),
    "delete": (False, False, False, True, True),
}
MATRIX = [
    (action, actor, allowed[i]) for action, allowed in ALLOWED.items() for i, actor in enumerate(ACTORS)
]


def form_data(title, province=None, news_type=NewsType.LOCAL_RELEASE, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "news_type": news_type,
            "province": province.pk if province else "",
            "date": datetime.date.today().isoformat(),
            "date_precision": "day",
            "summary": "Sommario di esempio.",
            "body": streamfield([]),
            "attachments": inline_formset([]),
            "related_pages": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def make_draft(owner, province, title):
    page = NewsPage(
        title=title,
        slug=slugify(title),
        summary="Sommario di esempio.",
        owner=owner,
        live=False,
        news_type=NewsType.LOCAL_RELEASE if province else NewsType.NEWS,
        province=province,
    )
    newsroom().add_child(instance=page)
    page.save_revision(user=owner)
    return page


def latest(page):
    return NewsPage.objects.get(pk=page.pk)


def latest_title(page):
    return latest(page).get_latest_revision_as_object().title


@pytest.fixture
def world(django_user_model):
    province_a, province_b = Province.objects.get(sigla="TV"), Province.objects.get(sigla="BS")

    def user(name, group=None, **kwargs):
        account = django_user_model.objects.create_user(
            name, f"{name}@example.invalid", "password-di-prova", **kwargs
        )
        if group is not None:
            account.groups.add(group)
        return account

    users = {
        "anonymous": None,
        "press_a": user("stampa_a", press_office_group(province_a)),
        "press_b": user("stampa_b", press_office_group(province_b)),
        "upi": user("redazione_upi", Group.objects.get(name=UPI_GROUP_NAME)),
        "superuser": user("amministratore", is_superuser=True, is_staff=True),
    }
    provinces = {
        "press_a": province_a,
        "press_b": province_b,
        "upi": province_a,
        "superuser": province_a,
        "anonymous": province_a,
    }
    drafts = {
        name: make_draft(account, provinces[name], f"Bozza di esempio di {name}")
        for name, account in users.items()
        if account is not None
    }
    live_a = make_draft(users["press_a"], province_a, "Comunicato di esempio pubblicato di Treviso")
    live_a.get_latest_revision().publish(user=users["upi"])
    submitted_a = make_draft(users["press_a"], province_a, "Comunicato di esempio inviato di Treviso")
    submitted_a.get_workflow().start(submitted_a, users["press_a"])
    return {
        "users": users,
        "provinces": provinces,
        "drafts": drafts,
        "live_a": latest(live_a),
        "submitted_a": latest(submitted_a),
        "province_a": province_a,
        "province_b": province_b,
    }


def login(client, world, actor):
    account = world["users"][actor]
    if account is not None:
        client.force_login(account)
    return account


def assert_refused(response, actor):
    assert response.status_code == 302
    if actor == "anonymous":
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    else:  # Wagtail's answer to PermissionDenied: back to the dashboard with an error message
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize(("action", "actor", "allowed"), MATRIX, ids=[f"{a}-{u}" for a, u, _ in MATRIX])
def test_permission_matrix(client, world, action, actor, allowed):
    login(client, world, actor)
    check = globals()[f"check_{action}"]
    check(client, world, actor, allowed)


def check_create(client, world, actor, allowed):
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", newsroom().pk))
    province = world["provinces"][actor]
    title = f"Nuovo comunicato di esempio di {actor}"
    # A press office posting another Province must still get its own.
    response = client.post(url, form_data(title, world["province_b"] if actor == "press_a" else province))
    created = NewsPage.objects.filter(title=title).first()
    if not allowed:
        assert_refused(response, actor)
        assert created is None
        return
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert created is not None and not created.live
    assert created.owner == world["users"][actor]
    expected = {"press_a": world["province_a"], "press_b": world["province_b"]}.get(actor, province)
    assert created.province == expected


def _edit(client, page, title, province, **extra):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), form_data(title, province, **extra)
    )


def check_edit_own(client, world, actor, allowed):
    page = world["drafts"].get(actor) or world["drafts"]["press_a"]
    response = _edit(client, page, "Titolo cambiato di esempio", world["provinces"][actor])
    if not allowed:
        assert_refused(response, actor)
        assert latest_title(page) != "Titolo cambiato di esempio"
        return
    assert response.status_code == 302 and response["Location"].endswith(f"/pages/{page.pk}/edit/")
    assert latest_title(page) == "Titolo cambiato di esempio"


def check_edit_other(client, world, actor, allowed):
    other = world["drafts"]["press_b" if actor == "press_a" else "press_a"]
    # Neither the form, nor the draft preview, nor the history: an other Province's draft is not theirs.
    get = client.get(reverse("wagtailadmin_pages:edit", args=(other.pk,)))
    view_draft = client.get(reverse("wagtailadmin_pages:view_draft", args=(other.pk,)))
    response = _edit(client, other, "Titolo cambiato da altri", other.province)
    if not allowed:
        for answer in (get, view_draft, response):
            assert_refused(answer, actor)
        assert latest_title(other) != "Titolo cambiato da altri"
        return
    assert get.status_code == 200 and view_draft.status_code == 200
    assert latest_title(other) == "Titolo cambiato da altri"


def check_submit(client, world, actor, allowed):
    page = world["drafts"].get(actor) or world["drafts"]["press_a"]
    response = _edit(client, page, page.title, world["provinces"][actor], **{"action-submit": "Invia"})
    page = latest(page)
    if not allowed:
        assert_refused(response, actor)
        assert not page.workflow_in_progress
        return
    assert response.status_code == 302
    assert page.workflow_in_progress and not page.live


def check_approve(client, world, actor, allowed):
    page = world["submitted_a"]
    task_state = page.current_workflow_state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    )
    page = latest(page)
    if not allowed:
        assert_refused(response, actor)
        assert not page.live and page.workflow_in_progress
        return
    assert response.status_code == 302
    assert page.live and not page.workflow_in_progress


def check_publish(client, world, actor, allowed):
    page = world["drafts"].get(actor) or world["drafts"]["press_a"]
    response = _edit(client, page, page.title, world["provinces"][actor], **{"action-publish": "Pubblica"})
    page = latest(page)
    if actor == "anonymous":
        assert_refused(response, actor)
    if not allowed:
        # A press office's “publish” is at most a saved draft: the page stays offline.
        assert not page.live
        return
    assert response.status_code == 302
    assert page.live


def check_unpublish(client, world, actor, allowed):
    page = world["live_a"]
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    if not allowed:
        assert_refused(response, actor)
        assert latest(page).live
        return
    assert response.status_code == 302
    assert not latest(page).live


def check_delete(client, world, actor, allowed):
    page = world["live_a"]
    response = client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    if not allowed:
        assert_refused(response, actor)
        assert Page.objects.filter(pk=page.pk).exists()
        return
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()


def test_press_office_may_delete_its_own_unpublished_draft_only(client, world):
    draft_a = world["drafts"]["press_a"]
    login(client, world, "press_b")
    assert_refused(client.post(reverse("wagtailadmin_pages:delete", args=(draft_a.pk,))), "press_b")
    assert Page.objects.filter(pk=draft_a.pk).exists()
    login(client, world, "press_a")
    assert client.post(reverse("wagtailadmin_pages:delete", args=(draft_a.pk,))).status_code == 302
    assert not Page.objects.filter(pk=draft_a.pk).exists()


def test_explorer_hides_other_provinces_drafts(client, world):
    url = reverse("wagtailadmin_explore", args=(newsroom().pk,))
    login(client, world, "press_b")
    listing = client.get(url).content.decode()
    assert "Bozza di esempio di press_b" in listing
    assert "Bozza di esempio di press_a" not in listing
    assert "Comunicato di esempio inviato di Treviso" not in listing
    assert "Comunicato di esempio pubblicato di Treviso" in listing  # published: public anyway
    login(client, world, "press_a")
    listing = client.get(url).content.decode()
    assert "Bozza di esempio di press_a" in listing and "Bozza di esempio di press_b" not in listing
    login(client, world, "upi")
    listing = client.get(url).content.decode()
    assert "Bozza di esempio di press_a" in listing and "Bozza di esempio di press_b" in listing


def test_press_office_form_presets_its_province_and_offers_no_national_release(client, world):
    login(client, world, "press_a")
    response = client.get(reverse("wagtailadmin_pages:add", args=("news", "newspage", newsroom().pk)))
    form = response.context["form"]
    assert form.fields["province"].disabled
    assert form.initial["province"] == world["province_a"].pk
    assert NewsType.NATIONAL_RELEASE not in [value for value, _label in form.fields["news_type"].choices]
    login(client, world, "upi")
    form = client.get(reverse("wagtailadmin_pages:add", args=("news", "newspage", newsroom().pk))).context[
        "form"
    ]
    assert not form.fields["province"].disabled
    assert NewsType.NATIONAL_RELEASE in [value for value, _label in form.fields["news_type"].choices]


def test_release_journey_from_press_office_to_newsroom_province_page_and_feeds(client, world):
    """Press office A writes and submits; UPI asks for changes with a comment; A fixes and resubmits;
    UPI approves; the release is on the newsroom, on Treviso's page and in the feeds; A was notified."""
    import feedparser

    press_a, upi = world["users"]["press_a"], world["users"]["upi"]
    add_url = reverse("wagtailadmin_pages:add", args=("news", "newspage", newsroom().pk))
    login(client, world, "press_a")
    mail.outbox.clear()
    title = "Comunicato di esempio della Provincia di Treviso"
    client.post(add_url, form_data(title, world["province_a"], **{"action-submit": "Invia"}))
    page = NewsPage.objects.get(title=title)
    assert page.workflow_in_progress
    assert any(upi.email in message.to for message in mail.outbox)  # the reviewers are told

    login(client, world, "upi")
    mail.outbox.clear()
    task_state = page.current_workflow_state.current_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk)),
        {"comment": "Aggiungere la data dell'incontro."},
    )
    page = latest(page)
    assert not page.live
    rejection = [message for message in mail.outbox if press_a.email in message.to]
    assert rejection and "Aggiungere la data dell'incontro." in rejection[0].body

    login(client, world, "press_a")
    client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        form_data(
            title, world["province_a"], summary="Sommario corretto di esempio.", **{"action-submit": "Invia"}
        ),
    )
    page = latest(page)
    assert page.workflow_in_progress

    login(client, world, "upi")
    mail.outbox.clear()
    task_state = page.current_workflow_state.current_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)))
    page = latest(page)
    assert page.live and page.summary == "Sommario corretto di esempio."
    assert any(press_a.email in message.to for message in mail.outbox)

    client.logout()
    listing = client.get("/sala-stampa/?provincia=treviso&tipo=comunicato-locale").content.decode()
    assert title in listing
    assert title in client.get("/province/treviso/").content.decode()
    assert title not in client.get("/province/brescia/").content.decode()
    for url in ("/sala-stampa/rss/", "/sala-stampa/comunicati/atom/", "/sala-stampa/provincia/treviso/rss/"):
        feed = feedparser.parse(client.get(url).content)
        assert feed.entries[0].title == title, url
    assert title not in [
        e.title for e in feedparser.parse(client.get("/sala-stampa/provincia/brescia/rss/").content).entries
    ]


def test_release_date_defaults_to_today():
    assert NewsPage().date == datetime.date.today()


def test_admin_page_search_hides_other_provinces_drafts(client, world):
    url = reverse("wagtailadmin_pages:search")
    login(client, world, "press_b")
    results = client.get(url, {"q": "Bozza"}).content.decode()
    assert "Bozza di esempio di press_b" in results
    assert "Bozza di esempio di press_a" not in results
    login(client, world, "upi")
    results = client.get(url, {"q": "Bozza"}).content.decode()
    assert "Bozza di esempio di press_a" in results and "Bozza di esempio di press_b" in results
