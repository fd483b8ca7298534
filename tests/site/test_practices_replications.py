"""Replications: declared by UPI or the adopting Province's practices group, shown everywhere they matter."""

import csv
import datetime
import io

from django.contrib.auth.models import Group
from django.core.cache import cache

import pytest

from core.models import Province
from core.roles import UPI_GROUP_NAME
from practices.models import PracticePage, Replication
from practices.roles import practices_group

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/practices/replication/add/"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def treviso_sua():
    return PracticePage.objects.get(code="SUA-TV-01", locale__language_code="it")


def declare(province, status="adottata", practice=None, **extra):
    return Replication.objects.create(
        practice=practice or treviso_sua(),
        province=Province.objects.get(sigla=province),
        status=status,
        date=datetime.date(2021, 6, 1),
        **extra,
    )


@pytest.fixture
def users(django_user_model):
    def user(name, group):
        account = django_user_model.objects.create_user(name, f"{name}@example.invalid", "x")
        account.groups.add(group)
        return account

    return {
        "upi": user("upi_repliche", Group.objects.get(name=UPI_GROUP_NAME)),
        "padova": user("pratiche_pd", practices_group(Province.objects.get(sigla="PD"))),
        "lecce": user("pratiche_le", practices_group(Province.objects.get(sigla="LE"))),
    }


def post(client, province, note="Nota di prova."):
    return client.post(
        ADD,
        {
            "practice": treviso_sua().pk,
            "province": province.pk,
            "status": "in-adattamento",
            "date": "2021-06-01",
            "note": note,
        },
    )


def test_a_province_declares_only_its_own_replications(client, users):
    padova, lecce = Province.objects.get(sigla="PD"), Province.objects.get(sigla="LE")
    client.force_login(users["padova"])
    response = post(client, lecce)  # tampered: Padova posts Lecce
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    replication = Replication.objects.get(note="Nota di prova.")
    assert replication.province == padova and replication.practice_key == treviso_sua().translation_key
    client.force_login(users["lecce"])
    edit = f"/admin/snippets/practices/replication/edit/{replication.pk}/"
    assert client.get(edit).status_code in (302, 403)
    assert client.post(
        edit, {"practice": treviso_sua().pk, "status": "adottata", "date": "2021-06-01"}
    ).status_code in (302, 403)
    assert Replication.objects.get(pk=replication.pk).status == "in-adattamento"
    assert "Nota di prova." not in client.get("/admin/snippets/practices/replication/").content.decode()
    client.force_login(users["upi"])
    assert client.get(edit).status_code == 200
    response = post(client, lecce, note="Nota di UPI.")
    assert response.status_code == 302 and Replication.objects.get(note="Nota di UPI.").province == lecce


def test_a_province_does_not_replicate_its_own_practice(client, users):
    client.force_login(users["upi"])
    response = post(client, Province.objects.get(sigla="TV"))
    assert response.status_code == 200 and not Replication.objects.exists()


def test_practice_page_shows_the_network_in_both_languages(client):
    declare("PD", note="Adattata agli uffici di Padova.")
    declare("LE", status="interessata")
    html = client.get(treviso_sua().url).content.decode()
    assert "Adottata anche da" in html and "Padova" in html and "Adattata agli uffici di Padova." in html
    assert "Hanno manifestato interesse" in html and "Lecce" in html
    english = PracticePage.objects.get(code="SUA-TV-01", locale__language_code="en")
    html = client.get(english.url).content.decode()
    assert "Padova" in html and "Lecce" in html


def test_catalogue_facet_and_sort(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the catalogue's listing follows on commit
        declare("PD")
        declare(
            "LE",
            status="interessata",
            practice=PracticePage.objects.get(code="EUR-BS-01", locale__language_code="it"),
        )
    response = client.get("/buone-pratiche/", {"replica": "adottata"})
    assert [p.code for p in response.context["practices"]] == ["SUA-TV-01"]
    facet = next(f for f in response.context["facets"] if f.param == "replica")
    counts = {o["value"]: o["count"] for o in facet.options}
    assert counts["adottata"] == 1 and counts["interessata"] == 1
    response = client.get("/buone-pratiche/", {"ordina": "replicate"})
    assert [p.code for p in response.context["practices"]][:2] == ["SUA-TV-01", "EUR-BS-01"] or [
        p.code for p in response.context["practices"]
    ][:2] == ["EUR-BS-01", "SUA-TV-01"]
    assert response.context["catalogue"].sort == "replicate"


def test_province_pages_show_both_directions(client):
    declare("PD")
    treviso = client.get("/province/treviso/").content.decode()
    assert "Le sue pratiche replicate altrove" in treviso and "Padova" in treviso
    padova = client.get("/province/padova/").content.decode()
    assert "La Provincia di Padova replica" in padova and treviso_sua().title in padova


def test_open_data_includes_replications(client):
    declare("PD", note="Nota aperta.")
    data = client.get("/buone-pratiche/export/json/").json()
    assert data["schema_version"] == 2
    record = next(r for r in data["records"] if r["code"] == "SUA-TV-01")
    assert record["replications"] == [
        {
            "province": "PD",
            "status": "adottata",
            "date": "2021-06-01",
            "note": "Nota aperta.",
            "is_example": False,
        }
    ]
    rows = list(
        csv.DictReader(io.StringIO(client.get("/buone-pratiche/export/csv/").content.decode("utf-8-sig")))
    )
    assert next(r for r in rows if r["code"] == "SUA-TV-01")["replications"] == "PD adottata 2021-06-01"
    schema = client.get("/buone-pratiche/export/schema/").json()
    assert "replications" in schema["properties"]["records"]["items"]["required"]
