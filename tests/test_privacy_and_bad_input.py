"""Regressions found by reviewing the whole site as an anonymous visitor: odd input never gives a 500,
and nothing that is not yet public (drafts' attachments, unpublished group outputs, reserved pages)
can be listed, found or downloaded."""

from django.contrib.auth.models import Group

from wagtail.models import Collection, GroupCollectionPermission

import pytest

from core.models import Province
from news.factories import NewsPageFactory, newsroom, publish
from news.models import NewsPageAttachment
from news.roles import PRESS_COLLECTION_NAME, press_office_group
from resources.factories import SiteDocumentFactory
from resources.models import WorkingGroupOutput, WorkingGroupPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/buone-pratiche/",
        "/en/good-practices/",
        "/buone-pratiche/export/csv/",
        "/buone-pratiche/export/json/",
    ],
)
@pytest.mark.parametrize("year", ["²", "١٢", "2020²", "-1", "99999999999999999999"])
def test_catalogue_year_facet_ignores_non_ascii_digits(client, path, year):
    assert client.get(path, {"anno": year}).status_code == 200


@pytest.mark.parametrize("path", ["/cerca/", "/en/search/"])
@pytest.mark.parametrize("query", ['"', 'x"y', "'\"<script>", '"appalti', 'NEAR("a" "b")', "a* OR b^"])
def test_search_survives_the_backends_query_syntax(client, path, query):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_unpublished_group_output_documents_are_not_found_by_search(client):
    document = SiteDocumentFactory(title="Verbale riservato", description="Bozza del verbale ornitorinco")
    group = WorkingGroupPage.objects.filter(locale__language_code="it").first()
    WorkingGroupOutput.objects.create(page=group, title="Verbale", document=document, state="draft")
    response = client.get("/cerca/", {"q": "ornitorinco"})
    assert "Verbale riservato" not in response.content.decode()
    output = WorkingGroupOutput.objects.get(page=group, document=document)
    output.state = "published"
    output.save()
    assert "Verbale riservato" in client.get("/cerca/", {"q": "ornitorinco"}).content.decode()


def test_press_offices_upload_only_into_the_closed_collection():
    treviso = press_office_group(Province.objects.get(sigla="TV"))
    pending = Collection.objects.get(name=PRESS_COLLECTION_NAME)
    collections = set(
        GroupCollectionPermission.objects.filter(group=treviso).values_list("collection__name", flat=True)
    )
    assert collections == {PRESS_COLLECTION_NAME}
    assert pending.get_view_restrictions().exists()


def test_a_draft_releases_attachment_is_private_until_the_release_is_published(client):
    pending = Collection.objects.get(name=PRESS_COLLECTION_NAME)
    document = SiteDocumentFactory(
        title="Allegato sotto embargo", description="Testo ornitorinco embargo", collection=pending
    )
    draft = NewsPageFactory(parent=newsroom(), live=False, title="Comunicato sotto embargo")
    NewsPageAttachment.objects.create(page=draft, document=document)
    # Not downloadable, not listed in the library, not found by the search.
    assert client.get(document.url).status_code in (302, 403, 404)
    assert "Allegato sotto embargo" not in client.get("/documenti-e-risorse/biblioteca/").content.decode()
    assert "Allegato sotto embargo" not in client.get("/cerca/", {"q": "ornitorinco"}).content.decode()
    publish(draft)
    document.refresh_from_db()
    assert document.collection_id == Collection.get_first_root_node().pk
    assert client.get(document.url).status_code == 200


def test_related_reserved_pages_are_not_named_on_public_pages(client):
    from wagtail.models import Page, PageViewRestriction

    reserved = (
        Page.objects.filter(locale__language_code="it", depth__gt=2)
        .exclude(pk__in=newsroom().get_descendants(inclusive=True))
        .live()
        .first()
    )
    PageViewRestriction.objects.create(page=reserved, restriction_type=PageViewRestriction.LOGIN)
    item = NewsPageFactory(parent=newsroom())
    item.related_pages.create(related=reserved)
    item = publish(item)
    html = client.get(item.url).content.decode()
    assert f'href="{reserved.url}"' not in html
    assert Group.objects.exists()
