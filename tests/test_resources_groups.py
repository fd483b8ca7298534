"""Working groups, focus groups, the reserved area and training, through HTTP requests."""

from django.contrib.auth.models import Group
from django.utils.html import escape

from wagtail.models import Page, PageViewRestriction

import pytest

from core.models import Sector
from core.models.taxonomy import Province
from home.factories import ContentPageFactory
from home.models import HomePage
from resources.factories import SiteDocumentFactory
from resources.models import (
    DocumentLibraryPage,
    FocusGroupIndexPage,
    FocusGroupOutput,
    FocusGroupPage,
    GroupMaterialPage,
    OutputState,
    ResourcesIndexPage,
    TrainingFormat,
    TrainingIndexPage,
    TrainingOfferPage,
    WorkingGroupIndexPage,
    WorkingGroupOutput,
    WorkingGroupPage,
    WorkingGroupProvince,
)

pytestmark = pytest.mark.django_db


def working_group(code, language="it"):
    return WorkingGroupPage.objects.get(sector__code=code, locale__language_code=language)


def reserved_page(group_page):
    return GroupMaterialPage.objects.child_of(group_page).get()


# --- Loaded content ---------------------------------------------------------------------------------


def test_resources_section_is_in_the_main_navigation(client, home_it, home_en):
    assert "Documenti e risorse" in client.get("/").content.decode()
    html_en = client.get("/en/").content.decode()
    assert "Documents and resources" in html_en
    section = client.get("/documenti-e-risorse/").content.decode()
    for title in (
        "Biblioteca dei documenti",
        "Gruppi di lavoro tematici",
        "Focus group",
        "Formazione e capacity building",
    ):
        assert title in section


def test_three_working_groups_one_per_sector_in_both_languages(client, home_it):
    for language in ("it", "en"):
        index = WorkingGroupIndexPage.objects.get(locale__language_code=language)
        response = client.get(index.url)
        assert response.status_code == 200
        groups = list(response.context["groups"])
        assert [group.sector.code for group in groups] == ["sua", "europa", "innovazione"]
    html = client.get(working_group("europa").url).content.decode()
    assert "Servizi associati per le Politiche Europee" in html
    assert "Previsto" in html
    assert "Le Province partecipanti non sono ancora indicate." in html
    html_en = client.get(working_group("europa", "en").url).content.decode()
    assert "Shared services for European Policies" in html_en


def test_four_focus_groups_list_the_provinces_of_their_macro_area(client, home_it):
    index = FocusGroupIndexPage.objects.get(locale__language_code="it")
    groups = client.get(index.url).context["groups"]
    assert [group.macro_area for group in groups] == ["nord-ovest", "nord-est", "centro", "sud"]
    south = FocusGroupPage.objects.get(macro_area="sud", locale__language_code="it")
    html = client.get(south.url).content.decode()
    expected = Province.objects.filter(macro_area="sud")
    assert expected.count() > 0
    for province in expected:
        assert escape(province.name) in html
    assert "Treviso" not in html  # a Nord-Est Province
    assert (
        client.get(FocusGroupPage.objects.get(macro_area="sud", locale__language_code="en").url).status_code
        == 200
    )


def test_page_type_rules(home_it):
    resources = ResourcesIndexPage.objects.get(locale__language_code="it")
    wg_index = WorkingGroupIndexPage.objects.get(locale__language_code="it")
    assert WorkingGroupPage.can_create_at(wg_index)
    assert not WorkingGroupPage.can_create_at(resources)
    assert not ResourcesIndexPage.can_create_at(home_it)  # one per language tree, already there
    assert not DocumentLibraryPage.can_create_at(resources)
    assert GroupMaterialPage.can_create_at(working_group("sua"))
    assert not TrainingOfferPage.can_create_at(home_it)
    assert {cls.__name__ for cls in ResourcesIndexPage.allowed_subpage_models()} == {
        "DocumentLibraryPage",
        "WorkingGroupIndexPage",
        "FocusGroupIndexPage",
        "TrainingIndexPage",
    }
    assert HomePage in ResourcesIndexPage.allowed_parent_page_models()


def test_group_page_shows_provinces_and_only_published_outputs(client, home_it):
    group = working_group("sua")
    published = SiteDocumentFactory(title="Linee guida approvate")
    draft = SiteDocumentFactory(title="Bozza di linee guida")
    approved_page = Page.objects.get(id=home_it.id)
    group.provinces.add(WorkingGroupProvince(province=Province.objects.get(name="Treviso")))
    group.outputs.add(WorkingGroupOutput(document=published, state=OutputState.PUBLISHED))
    group.outputs.add(WorkingGroupOutput(document=draft, state=OutputState.DRAFT))
    group.outputs.add(
        WorkingGroupOutput(linked_page=approved_page, title="Nota approvata", state=OutputState.APPROVED)
    )
    group.save_revision().publish()
    html = client.get(group.url).content.decode()
    assert "Treviso" in html
    assert "Linee guida approvate" in html
    assert "Bozza di linee guida" not in html
    assert "Nota approvata" not in html


def test_group_meetings_list_only_public_live_pages_of_the_group_language(client, home_it, home_en):
    group = working_group("sua")
    shown = ContentPageFactory(parent=home_it, title="Incontro pubblico di prova")
    private = ContentPageFactory(parent=home_it, title="Incontro riservato di prova")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = ContentPageFactory(parent=home_it, title="Incontro in bozza di prova", live=False)
    english_only = ContentPageFactory(parent=home_en, title="English-only meeting")
    translated = ContentPageFactory(parent=home_it, title="Incontro tradotto di prova")
    translation = translated.copy_for_translation(home_en.locale)
    translation.title = "Translated test meeting"
    translation.save_revision().publish()
    group.meetings = [("page", page) for page in (private, shown, draft, english_only, translation)]
    group.save_revision().publish()
    html = client.get(group.url).content.decode()
    assert "Incontro pubblico di prova" in html
    assert "Incontro tradotto di prova" in html  # the chosen English page, in the group's language
    for title in (
        "Incontro riservato di prova",
        "Incontro in bozza di prova",
        "English-only meeting",
        "Translated test meeting",
    ):
        assert title not in html
    assert [page.title for page in working_group("sua").meeting_pages()] == [
        "Incontro pubblico di prova",
        "Incontro tradotto di prova",
    ]


# --- Reserved area ----------------------------------------------------------------------------------


def test_each_working_group_has_its_members_group_and_restricted_area(home_it):
    for code in ("sua", "europa", "innovazione"):
        for language in ("it", "en"):
            group_page = working_group(code, language)
            restriction = PageViewRestriction.objects.get(page=reserved_page(group_page))
            assert restriction.restriction_type == PageViewRestriction.GROUPS
            assert list(restriction.groups.all()) == [group_page.members_group]
        assert (
            group_page.reserved_collection.get_view_restrictions().get().groups.get()
            == group_page.members_group
        )
    assert Group.objects.filter(name__startswith="Gruppo di lavoro - ").count() == 3


@pytest.mark.parametrize("language", ["it", "en"])
def test_reserved_area_is_seen_by_members_only(client, django_user_model, home_it, language):
    sua, europa = working_group("sua", language), working_group("europa", language)
    area = reserved_page(sua)
    document = SiteDocumentFactory(title="Verbale della riunione", collection=sua.reserved_collection)

    response = client.get(area.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert client.get(document.url).status_code == 302

    other_member = django_user_model.objects.create_user("europa", password="a-long-password-1")
    other_member.groups.add(europa.members_group)
    client.force_login(other_member)
    assert client.get(area.url).status_code == 302
    assert client.get(document.url).status_code == 302
    assert client.get(reserved_page(europa).url).status_code == 200

    member = django_user_model.objects.create_user("sua", password="a-long-password-1")
    member.groups.add(sua.members_group)
    client.force_login(member)
    response = client.get(area.url)
    assert response.status_code == 200
    assert "Verbale della riunione" in response.content.decode()
    assert client.get(document.url).status_code == 200


def test_reserved_area_is_hidden_from_listings_and_library(client, home_it):
    sua = working_group("sua")
    document = SiteDocumentFactory(title="Verbale della riunione", collection=sua.reserved_collection)
    library = DocumentLibraryPage.objects.get(locale__language_code="it")
    assert "Verbale della riunione" not in client.get(library.url).content.decode()
    assert client.get(f"{library.url}{document.pk}/").status_code == 404
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "area-riservata" not in sitemap


def test_members_see_draft_outputs_of_their_group(client, django_user_model, home_it):
    group = FocusGroupPage.objects.get(macro_area="centro", locale__language_code="it")
    group.members_group = Group.objects.create(name="Focus group Centro")
    draft = SiteDocumentFactory(title="Resoconto in bozza")
    group.outputs.add(FocusGroupOutput(document=draft, state=OutputState.DRAFT))
    group.save_revision().publish()
    assert client.get(draft.url).status_code == 404
    member = django_user_model.objects.create_user("centro", password="a-long-password-1")
    member.groups.add(group.members_group)
    client.force_login(member)
    assert client.get(draft.url).status_code == 200
    client.logout()
    outsider = django_user_model.objects.create_user("altro", password="a-long-password-1")
    client.force_login(outsider)
    assert client.get(draft.url).status_code == 404


# --- Training ---------------------------------------------------------------------------------------


def test_training_offer_from_the_seed_in_both_languages(client, home_it):
    offer = TrainingOfferPage.objects.get(locale__language_code="it")
    html = client.get(offer.url).content.decode()
    assert "funzionari delle Province" in html
    assert "Iscrizioni non ancora aperte" in html
    assert "Da definire" in html
    offer_en = TrainingOfferPage.objects.get(locale__language_code="en")
    html_en = client.get(offer_en.url).content.decode()
    assert "Provinces&#x27; officials" in html_en


def test_training_index_filters_by_sector_and_format(client, home_it):
    index = TrainingIndexPage.objects.get(locale__language_code="it")
    sua = Sector.objects.get(code="sua", locale__language_code="it")
    webinar = TrainingOfferPage(
        title="Webinar sulle gare",
        slug="webinar-gare",
        sector=sua,
        format=TrainingFormat.WEBINAR,
        modules=[
            (
                "module",
                {"title": "Il codice dei contratti", "duration": "2 ore", "learning_goals": "<p>Gare</p>"},
            )
        ],
    )
    index.add_child(instance=webinar)
    webinar.save_revision().publish()

    def offers(query=""):
        return [offer.title for offer in client.get(index.url + query).context["offers"]]

    general = "Formazione e capacity building per i funzionari delle Province"
    assert set(offers()) == {general, "Webinar sulle gare"}
    assert offers("?formato=webinar") == ["Webinar sulle gare"]
    assert offers("?formato=course") == []
    assert set(offers("?settore=sua")) == {
        general,
        "Webinar sulle gare",
    }  # the general offer covers every sector
    assert offers("?settore=europa") == [general]
    assert client.get(index.url + "?settore=<x>&formato=1").status_code == 200
    html = client.get(webinar.url).content.decode()
    assert "Il codice dei contratti" in html and "2 ore" in html


def test_member_logs_in_through_the_site_login_page_and_reaches_the_reserved_area(
    client, django_user_model, home_it
):
    sua = working_group("sua")
    area = reserved_page(sua)
    member = django_user_model.objects.create_user("referente", password="a-long-password-1")
    member.groups.add(sua.members_group)
    login_url = client.get(area.url)["Location"]
    form = client.get(login_url)
    assert form.status_code == 200
    assert "<h1>Accesso all'area riservata</h1>" in form.content.decode()
    response = client.post(
        login_url, {"username": "referente", "password": "a-long-password-1", "next": area.url}
    )
    assert response.status_code == 302 and response["Location"] == area.url
    assert client.get(area.url).status_code == 200
    wrong = client.post(login_url, {"username": "referente", "password": "wrong-password-0"})
    assert "Nome utente o password non corretti." in wrong.content.decode()


def test_reserved_page_without_privacy_setting_is_still_locked_to_members(client, django_user_model, home_it):
    sua = working_group("sua", "en")
    forgotten = GroupMaterialPage(title="Meeting notes", slug="meeting-notes")
    sua.add_child(instance=forgotten)
    forgotten.save_revision().publish()
    assert not PageViewRestriction.objects.filter(page=forgotten).exists()
    response = client.get(forgotten.url)
    assert response.status_code == 302 and "login" in response["Location"]
    member = django_user_model.objects.create_user("sua-en", password="a-long-password-1")
    member.groups.add(sua.members_group)
    client.force_login(member)
    assert client.get(forgotten.url).status_code == 200


def test_translating_a_reserved_page_keeps_its_privacy_setting(home_it):
    from wagtail.models import Locale

    sua = working_group("sua")
    notes = GroupMaterialPage(title="Verbali", slug="verbali")
    reserved_page(sua).add_child(instance=notes)
    notes.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=notes, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([sua.members_group])

    english = notes.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    copied = PageViewRestriction.objects.get(page=english)
    assert copied.restriction_type == PageViewRestriction.GROUPS
    assert list(copied.groups.all()) == [sua.members_group]


def test_sector_page_links_to_its_working_group(client, home_it):
    from home.models import SectorPage

    for language, heading in (
        ("it", "Il gruppo di lavoro del settore"),
        ("en", "The sector&#x27;s working group"),
    ):
        sector_page = SectorPage.objects.get(sector__code="innovazione", locale__language_code=language)
        html = client.get(sector_page.url).content.decode()
        assert heading in html or heading.replace("&#x27;", "'") in html
        assert f'href="{working_group("innovazione", language).url}"' in html
        assert f'href="{working_group("sua", language).url}"' not in html
