"""The editors' side: the search report and pinned results, through the admin's real views."""

from django.contrib.auth.models import Group

import pytest

from core.roles import UPI_GROUP_NAME
from search.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/search-report/"


@pytest.fixture
def upi_editor(django_user_model):
    user = django_user_model.objects.create_user("comunicazione", password="x")
    user.groups.add(Group.objects.get(name=UPI_GROUP_NAME))
    return user


@pytest.fixture
def press_officer(django_user_model):
    user = django_user_model.objects.create_user("ufficiostampa", password="x")
    user.groups.add(Group.objects.filter(name__startswith="Ufficio stampa - ").first())
    return user


def test_report_lists_frequent_queries_and_those_that_found_nothing(client, upi_editor, home_it, home_en):
    for title, slug in (("Il progetto", "il-progetto"), ("Le Province", "province")):
        ContentPageFactory(parent=home_it, title=title, slug=slug)  # “progetto” and “province” find something
    from django.core.management import call_command

    from search import counters

    counters.counts_cache().clear()  # the notes of earlier tests' searches
    for number, query in enumerate(
        ("progetto", "progetto", "Progetto", "province", "ornitorinco", "ornitorinco")
    ):
        client.get(
            "/cerca/", {"q": query}, REMOTE_ADDR=f"192.0.2.{number}"
        )  # each visitor counts a few times
    client.get("/en/search/", {"q": "platypus"})
    call_command("flush_search_counts")  # searches are noted in the cache, written by the command
    client.force_login(upi_editor)
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    popular = [(row["query__query_string"], row["total"]) for row in response.context["popular"]]
    assert popular[:2] == [("progetto", 3), ("ornitorinco", 2)]
    empty = [
        (row["query__query_string"], row["language"], row["total"]) for row in response.context["no_results"]
    ]
    assert empty == [("ornitorinco", "it", 2), ("platypus", "en", 1)]
    html = response.content.decode()
    assert "Le ricerche che non hanno trovato nulla" in html and "ornitorinco" in html


def test_report_period_is_validated(client, upi_editor):
    client.force_login(upi_editor)
    assert client.get(REPORT_URL, {"giorni": "abc"}).context["days"] == 30
    assert client.get(REPORT_URL, {"giorni": "7"}).context["days"] == 7


def test_report_is_in_the_reports_menu_for_the_communication_office(client, upi_editor):
    client.force_login(upi_editor)
    assert REPORT_URL in client.get("/admin/").content.decode()
    # and the communication office can pin results for a query
    assert client.get("/admin/searchpicks/add/").status_code == 200


def test_press_offices_do_not_see_the_report(client, press_officer):
    client.force_login(press_officer)
    response = client.get(REPORT_URL)  # the admin turns “permission denied” into a redirect with a message
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert REPORT_URL not in client.get("/admin/").content.decode()


def test_visitors_are_sent_to_log_in(client):
    response = client.get(REPORT_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
