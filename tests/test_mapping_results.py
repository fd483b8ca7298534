"""The published results: aggregates of submitted answers, consent, map, open data, Province pages."""

import csv
import io
import json

from django.utils import timezone

from wagtail.models import Site

import pytest

from core.models import Province
from home.models import ProvinceIndexPage
from mapping.choices import ResponseState
from mapping.factories import CampaignFactory, MappingPageFactory
from mapping.models import Campaign, MappingResultsPage, Response

pytestmark = pytest.mark.django_db

YES_CONSENT = {
    "consenso_pubblicazione": "Sì",
    "sua_servizi": "si",
    "sua_descrizione": "Gare unificate per i Comuni",
    "sua_comuni": "42",
    "europa_servizi": "no",
    "innovazione_servizi": "in-programma",
    "innovazione_descrizione": "Un centro servizi territoriale",
}
NO_CONSENT = {
    **YES_CONSENT,
    "consenso_pubblicazione": "No",
    "sua_descrizione": "Testo riservato",
    "sua_comuni": "8",
}


@pytest.fixture
def results_page():
    campaign = CampaignFactory()
    version = campaign.ensure_version()
    for sigla, answers, state in (
        ("TV", YES_CONSENT, ResponseState.SUBMITTED),
        ("BS", NO_CONSENT, ResponseState.SUBMITTED),
        ("CN", YES_CONSENT, ResponseState.STARTED),
    ):
        Response.objects.create(
            campaign=campaign,
            province=Province.objects.get(sigla=sigla),
            version=version,
            answers=answers,
            state=state,
            submitted_at=timezone.now(),
        )
    mapping = MappingPageFactory(parent=Site.objects.get(is_default_site=True).root_page)
    page = MappingResultsPage(title="Risultati della mappatura", slug="risultati", campaign=campaign)
    mapping.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_results_count_only_submitted_answers(client, results_page):
    body = client.get(results_page.url).content.decode()
    assert "2 Province su 76 hanno inviato il questionario" in body
    # SUA: Treviso and Brescia answered “sì”; the Cuneo draft does not count. 42 + 8 Comuni.
    assert "2 (100%)" in body and "50 <span" in body
    assert body.count('role="img"') >= 4  # three charts and the map, each with its title and description
    assert "Stazione Unica Appaltante" in body and "@svg-maps/italy" in body


def test_only_consenting_provinces_are_shown_one_by_one(client, results_page):
    body = client.get(results_page.url).content.decode()
    assert '<summary class="fw-semibold">Treviso</summary>' in body
    assert "Brescia</summary>" not in body and "Testo riservato" not in body


def test_the_map_follows_the_chosen_sector_and_ignores_bad_input(client, results_page):
    europa = client.get(results_page.url, {"settore": "europa"}).content.decode()
    assert 'value="europa" selected' in europa
    odd = client.get(results_page.url, {"settore": "<script>\x00"})
    assert odd.status_code == 200 and 'value="sua" selected' in odd.content.decode()


def test_open_data_parses_and_carries_the_licence(client, results_page):
    response = client.get(results_page.route_url("open_data", "csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    sua = next(r for r in rows if r["question"] == "sua_servizi" and r["area"] == "italia")
    assert (sua["yes"], sua["planned"], sua["no"], sua["provinces_answering"]) == ("2", "0", "0", "2")
    data = json.loads(client.get(results_page.route_url("open_data", "json")).content)
    assert data["licence"] == "CC BY 4.0" and len(data["rows"]) == len(rows)
    schema = json.loads(client.get(results_page.route_url("open_data", "schema")).content)
    assert set(schema["properties"]["rows"]["items"]["required"]) == set(rows[0])
    assert client.get(results_page.route_url("open_data", "xml")).status_code == 404


def test_province_pages_show_their_services_with_consent_only(client, results_page):
    root = Site.objects.get(is_default_site=True).root_page
    index = ProvinceIndexPage.objects.child_of(root).first()
    if index is None:
        index = ProvinceIndexPage(title="Le Province", slug="province")
        root.add_child(instance=index)
        index.save_revision().publish()
    treviso = client.get(f"{index.url}treviso/").content.decode()
    assert "Servizi offerti ai Comuni" in treviso and "Gare unificate per i Comuni" in treviso
    brescia = client.get(f"{index.url}brescia/").content.decode()
    assert "Testo riservato" not in brescia and "senza acconsentire" in brescia
    cuneo = client.get(f"{index.url}cuneo/").content.decode()
    assert "non ha ancora inviato" in cuneo


def test_unpublished_results_stay_hidden(client, results_page):
    results_page.unpublish()
    assert client.get(results_page.url).status_code == 404


def test_with_the_example_data_a_province_page_and_the_comune_finder_show_its_services(client):
    """The loop, end to end: example responses, published results, then what a visitor of a Comune reads."""
    from django.core.management import call_command
    from django.utils.html import escape

    from core.models import ItalianComune
    from mapping.factories import QuestionnaireFactory
    from mapping.results import has_consent
    from practices.models import PracticeIndexPage

    QuestionnaireFactory()
    call_command("generate_example_mapping", campaign_title="[Esempio] Prova", stdout=io.StringIO())
    campaign = Campaign.objects.get(title="[Esempio] Prova")
    root = Site.objects.get(is_default_site=True).root_page
    for model, title, slug in (
        (ProvinceIndexPage, "Le Province", "province"),
        (PracticeIndexPage, "Buone pratiche", "buone-pratiche"),
    ):
        if not model.objects.child_of(root).exists():
            root.add_child(instance=model(title=title, slug=slug)).save_revision().publish()
    catalogue = PracticeIndexPage.objects.child_of(root).get()
    mapping = MappingPageFactory(parent=root)
    results = MappingResultsPage(title="Risultati della mappatura", slug="risultati", campaign=campaign)
    mapping.add_child(instance=results)
    results.save_revision().publish()

    def published(response):
        return (
            has_consent(campaign.version, response.answers)
            and response.answers.get("sua_descrizione")
            and ItalianComune.objects.filter(
                name=response.province.name, sigla=response.province.sigla
            ).exists()
        )

    submitted = campaign.responses.filter(state=ResponseState.SUBMITTED).select_related("province")
    response = next(r for r in submitted.order_by("province__name") if published(r))
    province, description = response.province, escape(response.answers["sua_descrizione"])

    page = client.get(f"/province/{province.slug}/").content.decode()
    assert "Servizi offerti ai Comuni" in page and "Dati di esempio." in page and description in page
    finder = client.get(
        catalogue.route_url("comune_finder"), {"comune": f"{province.name} ({province.sigla})"}
    )
    body = finder.content.decode()
    assert f"{province.name} è uno dei" in body
    assert "Servizi offerti ai Comuni" in body and description in body
    # A Province that did not submit: its page says so, and shows none of the example answers.
    waiting = next(p for p in Province.objects.order_by("name") if not submitted.filter(province=p).exists())
    other = client.get(f"/province/{waiting.slug}/").content.decode()
    assert "non ha ancora inviato" in other and "[Esempio] Testo generato" not in other


def test_the_english_results_mark_the_italian_campaign_title(client, results_page):
    from tests.skeleton import locales, publish

    english = publish(results_page.copy_for_translation(locales()[1], copy_parents=True))
    body = client.get(english.url).content.decode()
    title = results_page.campaign.title
    assert f'<span lang="it">{title}</span>: 2 Provinces out of 76 have submitted the questionnaire.' in body
