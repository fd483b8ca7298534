"""Province proposals: the practices groups propose, UPI validates, as a permission matrix over HTTP.

Actors: anonymous, the practices group of Treviso (own), of Brescia (other), Treviso's press office, a
UPI editor. Every cell is a request to the Wagtail admin; the assertion is about what happened.
"""

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.text import slugify

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from core.models import Province, Sector
from core.roles import UPI_GROUP_NAME
from news.roles import press_office_group
from practices.models import PracticeIndexPage, PracticePage
from practices.roles import PRACTICES_GROUP_PREFIX, WORKFLOW_NAME, practices_group

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "own", "other", "press", "upi"]
ALLOWED = {
    # action:         anonymous, own,  other, press, UPI
    "add": (False, True, True, False, True),
    "edit_own": (False, True, True, False, True),
    "edit_other": (False, False, False, False, True),
    "evidence": (False, False, False, False, True),
    "publish": (False, False, False, False, True),
    "explore": (False, True, False, False, True),
}
MATRIX = [
    (action, actor, allowed[i]) for action, allowed in ALLOWED.items() for i, actor in enumerate(ACTORS)
]


def catalogue():
    return PracticeIndexPage.objects.get(locale__language_code="it")


def form_data(title, province=None, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "code": slugify(title)[:30].upper(),
            "sector": Sector.objects.get(code="sua", locale__language_code="it").pk,
            "summary": "Sintesi di prova.",
            "province": province.pk if province else "",
            "indicators": streamfield([]),
            "body": streamfield([]),
            "links": streamfield([]),
            "related_pages": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def make_draft(owner, province, title):
    page = PracticePage(
        title=title,
        slug=slugify(title),
        code=slugify(title)[:30].upper(),
        summary="Sintesi.",
        sector=Sector.objects.get(code="sua", locale__language_code="it"),
        province=province,
        owner=owner,
        live=False,
    )
    catalogue().add_child(instance=page)
    page.save_revision(user=owner)
    return page


def latest(page):
    return PracticePage.objects.get(pk=page.pk)


@pytest.fixture
def world(django_user_model):
    treviso, brescia = Province.objects.get(sigla="TV"), Province.objects.get(sigla="BS")

    def user(name, group=None):
        account = django_user_model.objects.create_user(name, f"{name}@example.invalid", "password-di-prova")
        if group is not None:
            account.groups.add(group)
        return account

    users = {
        "anonymous": None,
        "own": user("pratiche_tv", practices_group(treviso)),
        "other": user("pratiche_bs", practices_group(brescia)),
        "press": user("stampa_tv", press_office_group(treviso)),
        "upi": user("redazione_upi", Group.objects.get(name=UPI_GROUP_NAME)),
    }
    drafts = {
        "own": make_draft(users["own"], treviso, "Bozza di esempio di Treviso"),
        "other": make_draft(users["other"], brescia, "Bozza di esempio di Brescia"),
    }
    return {"users": users, "drafts": drafts, "treviso": treviso, "brescia": brescia}


def login(client, world, actor):
    account = world["users"][actor]
    if account is not None:
        client.force_login(account)
    return account


def assert_refused(response, actor):
    assert response.status_code == 302
    if actor == "anonymous":
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    else:
        assert response["Location"] == reverse("wagtailadmin_home")


def own_draft(world, actor):
    return world["drafts"]["other" if actor == "other" else "own"]


def province_of(world, actor):
    return world["brescia"] if actor == "other" else world["treviso"]


@pytest.mark.parametrize(("action", "actor", "allowed"), MATRIX, ids=[f"{a}-{u}" for a, u, _ in MATRIX])
def test_permission_matrix(client, world, action, actor, allowed):
    login(client, world, actor)
    globals()[f"check_{action}"](client, world, actor, allowed)


def check_add(client, world, actor, allowed):
    url = reverse("wagtailadmin_pages:add", args=("practices", "practicepage", catalogue().pk))
    title = f"Nuova pratica di prova di {actor}"
    # A tampered POST: the own-Province member posts Brescia and an evidence level.
    province = world["brescia"] if actor == "own" else province_of(world, actor)
    response = client.post(url, form_data(title, province, evidence_level="4-misurata"))
    created = PracticePage.objects.filter(title=title).first()
    if not allowed:
        assert_refused(response, actor)
        assert created is None
        return
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert created is not None and not created.live and created.owner == world["users"][actor]
    if actor == "upi":
        assert created.evidence_level == "4-misurata"
    else:
        assert created.province == province_of(world, actor)
        assert created.evidence_level == ""


def _edit(client, page, title, province, **extra):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), form_data(title, province, **extra)
    )


def check_edit_own(client, world, actor, allowed):
    page = own_draft(world, actor)
    response = _edit(client, page, "Titolo cambiato", page.province)
    revision_title = latest(page).get_latest_revision_as_object().title
    if not allowed:
        assert_refused(response, actor)
        assert revision_title != "Titolo cambiato"
        return
    assert response.status_code == 302
    assert revision_title == "Titolo cambiato"


def check_edit_other(client, world, actor, allowed):
    other = world["drafts"]["own" if actor == "other" else "other"]
    get = client.get(reverse("wagtailadmin_pages:edit", args=(other.pk,)))
    view_draft = client.get(reverse("wagtailadmin_pages:view_draft", args=(other.pk,)))
    response = _edit(client, other, "Titolo cambiato da altri", other.province)
    revision_title = latest(other).get_latest_revision_as_object().title
    if not allowed:
        for answer in (get, view_draft, response):
            assert_refused(answer, actor)
        assert revision_title != "Titolo cambiato da altri"
        return
    assert get.status_code == 200 and view_draft.status_code == 200
    assert revision_title == "Titolo cambiato da altri"


def check_evidence(client, world, actor, allowed):
    page = own_draft(world, actor)
    response = _edit(client, page, page.title, page.province, evidence_level="3-validata")
    level = latest(page).get_latest_revision_as_object().evidence_level
    if actor == "anonymous":
        assert_refused(response, actor)
    assert (level == "3-validata") is allowed


def check_publish(client, world, actor, allowed):
    page = own_draft(world, actor)
    response = _edit(client, page, page.title, page.province, **{"action-publish": "Pubblica"})
    if actor == "anonymous":
        assert_refused(response, actor)
    assert latest(page).live is allowed


def check_explore(client, world, actor, allowed):
    """Treviso's draft in the catalogue's explorer listing and in the admin's page search."""
    listing = client.get(reverse("wagtailadmin_explore", args=(catalogue().pk,)))
    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Bozza"})
    if actor == "anonymous":
        assert_refused(listing, actor)
        return
    if actor == "press":  # no right on the catalogue at all
        assert "Bozza di esempio di Treviso" not in listing.content.decode()
        assert "Bozza di esempio di Treviso" not in search.content.decode()
        return
    for response in (listing, search):
        assert ("Bozza di esempio di Treviso" in response.content.decode()) is allowed


def test_groups_are_created_for_every_province_with_add_on_the_catalogue():
    group = practices_group(Province.objects.get(sigla="TV"))
    assert group.name == f"{PRACTICES_GROUP_PREFIX}Treviso"
    assert Group.objects.filter(name__startswith=PRACTICES_GROUP_PREFIX).count() == Province.objects.count()
    assert group.page_permissions.filter(page=catalogue(), permission__codename="add_page").exists()
    assert catalogue().get_workflow().name == WORKFLOW_NAME


def test_the_site_page_policy_covers_newsroom_and_catalogue():
    policy = policy_registry.get_by_type(Page)
    assert type(policy).__name__ == "SitePagePermissionPolicy" and isinstance(policy, PagePermissionPolicy)


def test_form_presets_the_province_and_locks_the_evidence_level(client, world):
    login(client, world, "own")
    form = client.get(
        reverse("wagtailadmin_pages:add", args=("practices", "practicepage", catalogue().pk))
    ).context["form"]
    assert form.fields["province"].disabled and form.initial["province"] == world["treviso"].pk
    assert form.fields["evidence_level"].disabled
    login(client, world, "upi")
    form = client.get(
        reverse("wagtailadmin_pages:add", args=("practices", "practicepage", catalogue().pk))
    ).context["form"]
    assert not form.fields["province"].disabled and not form.fields["evidence_level"].disabled


def test_page_chooser_hides_other_provinces_drafts(client, world):
    login(client, world, "other")
    listing = client.get(reverse("wagtailadmin_choose_page_child", args=(catalogue().pk,))).content.decode()
    assert "Bozza di esempio di Brescia" in listing and "Bozza di esempio di Treviso" not in listing
    results = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Bozza"}).content.decode()
    assert "Bozza di esempio di Treviso" not in results


def test_proposal_journey_submit_validate_publish(client, world):
    """Treviso proposes and submits; UPI sets the evidence level and approves: the practice is live."""
    login(client, world, "own")
    title = "Proposta di Treviso"
    url = reverse("wagtailadmin_pages:add", args=("practices", "practicepage", catalogue().pk))
    response = client.post(url, form_data(title, world["treviso"], **{"action-submit": "Invia"}))
    assert response.status_code == 302
    page = PracticePage.objects.get(title=title)
    assert page.workflow_in_progress and not page.live
    login(client, world, "upi")
    _edit(client, page, title, world["treviso"], evidence_level="2-rilevata")
    page = latest(page)
    task_state = page.current_workflow_state.current_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)))
    page = latest(page)
    assert page.live and page.evidence_level == "2-rilevata" and page.province == world["treviso"]
    client.logout()
    assert client.get(page.url).status_code == 200
