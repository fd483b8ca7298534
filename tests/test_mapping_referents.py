"""The referents' questionnaire over HTTP: access, saving, conflicts, expiry, closing, submission."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.models import Site

import pytest

from core.models import Province, SiteDocument
from mapping.choices import ResponseState
from mapping.factories import CampaignFactory, MappingPageFactory
from mapping.models import Response
from mapping.roles import ATTACHMENTS_COLLECTION_NAME, REFERENT_GROUP_PREFIX
from resources.factories import PDF_BYTES

pytestmark = pytest.mark.django_db

FIRST_SECTION = {"revision": "0", "consenso_pubblicazione": "Sì"}
COMPLETE = {
    "consenso_pubblicazione": "Sì",
    "sua_servizi": "si",
    "sua_descrizione": "Gare per i Comuni",
    "europa_servizi": "no",
    "innovazione_servizi": "no",
}


@pytest.fixture
def mapping_page():
    return MappingPageFactory(parent=Site.objects.get(is_default_site=True).root_page)


@pytest.fixture
def campaign():
    return CampaignFactory()


def referent(sigla="TV", username=None):
    province = Province.objects.get(sigla=sigla)
    user = get_user_model().objects.create_user(username or f"ref.{sigla.lower()}", password="x" * 14)
    user.groups.add(Group.objects.get(name=f"{REFERENT_GROUP_PREFIX}{province.name}"))
    return user


def section_url(page, campaign, sigla="tv", index=1):
    return page.route_url("section", campaign.pk, sigla, index)


def test_anonymous_visitors_are_sent_to_the_login(client, mapping_page, campaign):
    response = client.get(mapping_page.questionnaire_url)
    assert response.status_code == 302 and "/_util/login/" in response["Location"]
    assert client.get(section_url(mapping_page, campaign)).status_code == 302


def test_the_referent_s_page_does_not_list_example_campaigns(client, mapping_page, campaign):
    example = CampaignFactory(title="Campagna dimostrativa", is_example=True)
    client.force_login(referent())
    home = client.get(mapping_page.questionnaire_url).content.decode()
    assert section_url(mapping_page, campaign) in home
    assert section_url(mapping_page, example) not in home and "Campagna dimostrativa" not in home


def test_a_referent_sees_their_province_and_saves_section_by_section(client, mapping_page, campaign):
    client.force_login(referent())
    home = client.get(mapping_page.questionnaire_url)
    assert home.status_code == 200 and "Treviso" in home.content.decode()
    assert section_url(mapping_page, campaign) in home.content.decode()

    page = client.get(section_url(mapping_page, campaign))
    assert page.status_code == 200 and "consenso_pubblicazione" in page.content.decode()
    saved = client.post(section_url(mapping_page, campaign), {**FIRST_SECTION, "next": "1"})
    assert saved.status_code == 302 and saved["Location"] == section_url(mapping_page, campaign, index=2)
    response = Response.objects.get(campaign=campaign, province__sigla="TV")
    assert response.answers["consenso_pubblicazione"] == "Sì" and response.state == ResponseState.STARTED

    # Leave and come back: the answer is there.
    assert 'value="Sì" checked' in client.get(section_url(mapping_page, campaign)).content.decode()


def test_invalid_answers_are_explained_and_nothing_typed_is_lost(client, mapping_page, campaign):
    client.force_login(referent())
    page = client.post(
        section_url(mapping_page, campaign, index=2),
        {"revision": "0", "sua_servizi": "si", "sua_comuni": "900"},
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "Questa risposta è obbligatoria" in body and 'value="900"' in body
    assert not Response.objects.exists()


def test_a_referent_of_another_province_is_refused(client, mapping_page, campaign):
    client.force_login(referent("BS"))
    assert client.get(section_url(mapping_page, campaign, "tv")).status_code == 403
    assert client.post(section_url(mapping_page, campaign, "tv"), FIRST_SECTION).status_code == 403
    assert not Response.objects.exists()


def test_accounts_without_a_referent_role_are_refused(client, mapping_page, campaign):
    user = get_user_model().objects.create_user("stampa.tv", password="x" * 14)
    user.groups.add(Group.objects.get(name="Ufficio stampa - Provincia di Treviso"))
    client.force_login(user)
    assert client.get(mapping_page.questionnaire_url).status_code == 403
    assert client.get(section_url(mapping_page, campaign)).status_code == 403


def test_a_closed_campaign_refuses_changes_with_a_clear_message(client, mapping_page, campaign):
    client.force_login(referent())
    client.post(section_url(mapping_page, campaign), FIRST_SECTION)
    campaign.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    campaign.save()
    refused = client.post(
        section_url(mapping_page, campaign), {"revision": "1", "consenso_pubblicazione": "No"}
    )
    assert refused.status_code == 403 and "La campagna è chiusa" in refused.content.decode()
    assert Response.objects.get().answers["consenso_pubblicazione"] == "Sì"
    assert "disabled" in client.get(section_url(mapping_page, campaign)).content.decode()


def test_two_referents_of_one_province_never_overwrite_each_other(client, mapping_page, campaign):
    client.force_login(referent(username="primo"))
    client.post(section_url(mapping_page, campaign), FIRST_SECTION)
    other = client.__class__()
    other.force_login(referent(username="secondo"))
    # The second referent had opened the page at revision 0, before the first one saved.
    conflict = other.post(
        section_url(mapping_page, campaign), {"revision": "0", "consenso_pubblicazione": "No"}
    )
    body = conflict.content.decode()
    assert conflict.status_code == 409 and "Un altro referente" in body
    assert 'value="No" checked' in body  # what they chose is still on the page
    assert Response.objects.get().answers["consenso_pubblicazione"] == "Sì"


def test_answers_posted_after_the_session_expired_come_back_after_login(client, mapping_page, campaign):
    user = referent()
    expired = client.post(
        section_url(mapping_page, campaign, index=2),
        {"revision": "0", "sua_servizi": "si", "sua_descrizione": "Scritto prima della scadenza"},
    )
    assert expired.status_code == 302 and "bozza%3D" in expired["Location"]
    next_url = (
        expired["Location"].split("next=")[1].replace("%3F", "?").replace("%3D", "=").replace("%2F", "/")
    )
    client.force_login(user)
    page = client.get(next_url)
    assert "Scritto prima della scadenza" in page.content.decode()
    # The kept draft is given back once only, and only to the section it came from.
    assert "Scritto prima della scadenza" not in client.get(next_url).content.decode()


def test_submission_lists_what_is_missing_then_locks_the_response(client, mapping_page, campaign):
    client.force_login(referent())
    submit = mapping_page.route_url("submit", campaign.pk, "tv")
    client.post(section_url(mapping_page, campaign), FIRST_SECTION)
    client.post(section_url(mapping_page, campaign, index=2), {"revision": "1", "sua_servizi": "si"})
    missing = client.post(submit)
    assert (
        "Risposte mancanti" in missing.content.decode() and "europa_servizi" not in missing.content.decode()
    )
    assert Response.objects.get().state == ResponseState.STARTED

    response = Response.objects.get()
    response.save_answers(COMPLETE, response.revision, None)
    from core import page_cache

    before = page_cache.current_generation()
    done = client.post(submit)
    assert done.status_code == 302
    # The pages that show submitted answers (Province pages, results) are purged from the page cache.
    assert page_cache.current_generation() != before
    response.refresh_from_db()
    assert response.state == ResponseState.SUBMITTED and response.submitted_at is not None
    assert client.post(submit).status_code == 302  # a double submit changes nothing
    locked = client.post(
        section_url(mapping_page, campaign),
        {"revision": str(response.revision), "consenso_pubblicazione": "No"},
    )
    assert locked.status_code == 409
    assert client.get(submit).status_code == 405


def test_attachments_pass_the_library_checks_and_stay_private(client, mapping_page, campaign):
    client.force_login(referent())
    data = {"revision": "0", "sua_servizi": "si", "sua_descrizione": "Con convenzione"}
    fake = SimpleUploadedFile("convenzione.pdf", b"not a pdf at all", content_type="application/pdf")
    refused = client.post(section_url(mapping_page, campaign, index=2), {**data, "sua_documenti": fake})
    assert "non accettato" in refused.content.decode() and not SiteDocument.objects.exists()

    good = SimpleUploadedFile("convenzione.pdf", PDF_BYTES, content_type="application/pdf")
    saved = client.post(section_url(mapping_page, campaign, index=2), {**data, "sua_documenti": good})
    assert saved.status_code == 302
    document = SiteDocument.objects.get()
    assert document.collection.name == ATTACHMENTS_COLLECTION_NAME
    assert Response.objects.get().answers["sua_documenti"] == [document.pk]
    # Other logged-in accounts cannot download it.
    client.force_login(referent("BS"))
    assert client.get(document.url).status_code in (302, 403)


def test_a_referent_logs_out_from_the_questionnaire_and_the_answers_stay(client, mapping_page, campaign):
    client.force_login(referent())
    client.post(section_url(mapping_page, campaign), {**FIRST_SECTION, "next": "1"})
    page = client.get(section_url(mapping_page, campaign, index=2)).content.decode()
    assert 'action="/accesso/esci/"' in page and "Accesso come ref.tv" in page
    assert client.get("/accesso/esci/").status_code == 405  # leaving changes state: POST only
    left = client.post("/accesso/esci/")
    assert left.status_code == 200 and "Le risposte salvate restano" in left.content.decode()
    assert mapping_page.questionnaire_url in left.content.decode()
    assert client.get(section_url(mapping_page, campaign)).status_code == 302  # to the login
    response = Response.objects.get(campaign=campaign, province__sigla="TV")
    assert response.answers["consenso_pubblicazione"] == "Sì"
