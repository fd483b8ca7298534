"""The practice record: every section rendered, empty ones hidden (shown as missing in preview), completeness."""

import datetime

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

import pytest

from core.models import Comune, Province
from core.roles import UPI_GROUP_NAME
from practices.completeness import SECTIONS, percent, sections_of_page
from practices.factories import PracticePageFactory
from practices.models import PracticePage
from practices.roles import practices_group

pytestmark = pytest.mark.django_db

FULL = {
    "context": "<p>Contesto di prova.</p>",
    "how_it_works": "<p>Funzionamento di prova.</p>",
    "resources_staff": "Due persone di prova.",
    "resources_budget": "Budget di prova.",
    "indicators": [
        (
            "indicator",
            {
                "name": "Gare di prova",
                "value": "12",
                "unit": "n.",
                "baseline": "3",
                "year": 2021,
                "source": "Prova",
            },
        )
    ],
    "difficulties": "<p>Difficoltà di prova.</p>",
    "prerequisites": "Prerequisiti di prova.",
    "contact_office": "Ufficio di prova",
    "contact_email": "ufficio@example.invalid",
    "last_verified": datetime.date(2021, 5, 4),
    "body": [("paragraph", "<p>Materiale di prova.</p>")],
}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def full_practice():
    page = PracticePageFactory(code="FULL-1", **FULL)
    page.comuni.set(Comune.objects.filter(province__sigla="TV").order_by("name")[:3])
    page.save()
    return page


def test_every_section_is_rendered(client):
    page = full_practice()
    html = client.get(page.url).content.decode()
    for text in (
        "Contesto di prova.",
        "Funzionamento di prova.",
        "Due persone di prova.",
        "Budget di prova.",
        "Gare di prova",
        "Difficoltà di prova.",
        "Prerequisiti di prova.",
        "Ufficio di prova",
        "mailto:ufficio@example.invalid",
        "2021-05-04",
        "Materiale di prova.",
        "Cosa serve per replicarla",
        "Difficoltà incontrate",
    ):
        assert text in html, text
    comuni = list(Comune.objects.filter(province__sigla="TV").order_by("name")[:3])
    assert all(c.name in html for c in comuni)
    assert "La pratica serve 3 Comuni" in html
    assert "Mancante" not in html
    assert sections_of_page(page, 3) == {key: True for key, _l, _n in SECTIONS}


def test_empty_sections_hidden_from_visitors_and_missing_in_preview():
    page = PracticePageFactory(code="EMPTY-1", context="<p>Solo il contesto.</p>")
    response = page.make_preview_request()
    html = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assert "Mancante" in html and "Risultati (indicatori)" in html and "Contatti (ufficio ed e-mail)" in html
    assert "Solo il contesto." in html
    sections = sections_of_page(page, 0)
    assert sections["context"] and not sections["results"]
    assert f"Scheda completa al {percent(sections)}%" in html


def test_visitors_see_no_missing_section(client):
    page = PracticePageFactory(code="EMPTY-2")
    html = client.get(page.url).content.decode()
    assert "Mancante" not in html and "Risultati" not in html and "Cosa serve per replicarla" not in html


def test_completeness_report_for_upi_only(client, django_user_model):
    full_practice()
    PracticePageFactory(code="EMPTY-3", title="Pratica vuota di prova")
    upi = django_user_model.objects.create_user("upi_rapporto", "u@example.invalid", "x")
    upi.groups.add(Group.objects.get(name=UPI_GROUP_NAME))
    client.force_login(upi)
    response = client.get(reverse("practices_completeness"))
    assert response.status_code == 200
    rows = list(response.context["page_obj"])
    by_code = {row["code"]: row for row in rows}
    assert by_code["FULL-1"]["percent"] == 100
    assert by_code["EMPTY-3"]["percent"] == 0
    assert rows[0]["percent"] <= rows[-1]["percent"]
    assert "Completezza delle buone pratiche" in client.get(reverse("wagtailadmin_home")).content.decode()
    proposer = django_user_model.objects.create_user("pratiche_rapporto", "p@example.invalid", "x")
    proposer.groups.add(practices_group(Province.objects.get(sigla="TV")))
    client.force_login(proposer)
    assert client.get(reverse("practices_completeness")).status_code in (302, 403)


def test_reference_practices_hold_only_public_facts():
    treviso = PracticePage.objects.get(code="SUA-TV-01", locale__language_code="it")
    assert "procedure di gara per conto dei Comuni" in str(treviso.how_it_works)
    assert not treviso.contact_email and not treviso.indicators and treviso.comuni_count is None
    english = PracticePage.objects.get(code="SUA-TV-01", locale__language_code="en")
    assert "on behalf of the Comuni" in str(english.how_it_works)
