"""generate_example_practices: bulk, marked as examples, with proposals, replications and contacts."""

import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from practices.models import PracticeIndexPage, PracticePage, Replication

pytestmark = pytest.mark.django_db


def test_examples_are_bulk_and_complete(client):
    with CaptureQueriesContext(connection) as small:
        call_command("generate_example_practices", count=40, stdout=io.StringIO())
    with CaptureQueriesContext(connection) as large:
        call_command("generate_example_practices", count=200, stdout=io.StringIO())
    # Bulk: a few dozen queries for 200 practices and their translations (a page at a time needed thousands).
    assert len(small.captured_queries) < 40 and len(large.captured_queries) < 60
    examples = PracticePage.objects.filter(is_example=True)
    assert examples.filter(locale__language_code="it").count() == 240
    assert examples.filter(locale__language_code="en").count() == 240
    proposals = examples.filter(live=False, locale__language_code="it")
    assert proposals.count() == 12 and not proposals.exclude(evidence_level="").exists()
    assert not examples.filter(contact_email="").exists()
    replications = Replication.objects.filter(is_example=True)
    assert replications.exists() and not Replication.objects.filter(is_example=False).exists()
    replication = replications.select_related("practice").first()
    assert replication.practice_key == replication.practice.translation_key
    assert replication.province_id != replication.practice.province_id
    # The tree is sound: paths, depth and the parent's number of children.
    index = PracticeIndexPage.objects.get(locale__language_code="it")
    assert index.numchild == index.get_children().count()
    page = examples.filter(live=True, locale__language_code="it").order_by("path").last()
    assert page.get_parent().pk == index.pk and page.url.startswith(index.url)
    response = client.get(page.url)
    assert response.status_code == 200 and "Pratica di esempio" in response.content.decode()
    english = PracticePage.objects.get(translation_key=page.translation_key, locale__language_code="en")
    assert english.title.startswith("[Example]")
    # Found by the catalogue's search, filtered by the replication facet.
    assert client.get("/buone-pratiche/", {"q": "esempio"}).context["catalogue"].total >= 200
    assert client.get("/buone-pratiche/", {"replica": "adottata"}).status_code == 200
