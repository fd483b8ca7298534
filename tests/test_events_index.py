"""The events index without the content: bad filters, the editor, one address per language for past events."""

import pytest

from events.factories import EventPageFactory
from events.models import EventIndexPage
from tests.skeleton import section, translate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def indexes(module_db, homes):
    from home.models import HomePage

    with module_db.unblock():
        italian = section(HomePage.objects.get(pk=homes["it"]), EventIndexPage, "Eventi", "eventi")
        english = translate(italian)
        english.slug = "events"
        english.save_revision().publish()
        return {"it": italian.pk, "en": english.pk}


@pytest.fixture
def index_it(db, indexes):
    return EventIndexPage.objects.get(pk=indexes["it"])


@pytest.mark.parametrize(
    "query",
    ["tipo=nonesiste", "anno=abc", "anno=1850", "provincia=%00", "page=999", "page=-1", "settore=x&area=y"],
)
def test_bad_filters_give_a_normal_page(client, index_it, query):
    response = client.get(f"{index_it.url}passati/?{query}")
    assert response.status_code == 200


def test_admin_can_open_the_event_editor(admin_client, index_it):
    event = EventPageFactory(parent=index_it)
    assert admin_client.get(f"/admin/pages/{event.pk}/edit/").status_code == 200
    assert admin_client.get(f"/admin/pages/add/events/eventpage/{index_it.pk}/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/en/events/passati/", "/en/events/past/"),
        ("/eventi/past/?tipo=focus-group", "/eventi/passati/?tipo=focus-group"),
    ],
)
def test_past_events_have_one_address_per_language(client, indexes, path, target):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target
    assert client.get(target).status_code == 200
