"""What the site search may and may not show: each rule of the search, through the real view."""

from django.contrib.auth.models import Group

from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

import pytest

from home.models import ContentPage, HomePage
from search.factories import ContentPageFactory, SiteDocumentFactory, publish

pytestmark = pytest.mark.django_db

WORD = "zanzibarite"  # a word no other page contains


@pytest.fixture(autouse=True)
def site(home_it, home_en):
    """Both languages' home pages: the search answers at /cerca/ and /en/search/."""


def titles(response):
    return [hit.title for hit in response.context["results"]]


def search(client, query, language="it", **params):
    prefix = "/en/search/" if language == "en" else "/cerca/"
    return client.get(prefix, {"q": query, **params})


def test_live_public_page_is_found(client, home_it):
    ContentPageFactory(parent=home_it, title=f"Relazione {WORD}")
    assert titles(search(client, WORD)) == [f"Relazione {WORD}"]


def test_draft_never_appears(client, home_it):
    ContentPageFactory(parent=home_it, title=f"Bozza {WORD}", live=False)
    response = search(client, WORD)
    assert response.status_code == 200
    assert titles(response) == []


def test_unpublished_page_disappears(client, home_it):
    page = publish(ContentPageFactory(parent=home_it, title=f"Ritirata {WORD}", live=False))
    assert titles(search(client, WORD)) == [f"Ritirata {WORD}"]
    page.unpublish()
    assert titles(search(client, WORD)) == []


def test_page_is_findable_as_soon_as_published(client, home_it):
    page = ContentPageFactory(parent=home_it, title="Nuova pagina", intro="", live=False)
    assert titles(search(client, WORD)) == []
    page.intro = f"Il testo parla di {WORD}."
    publish(page)
    assert titles(search(client, WORD)) == ["Nuova pagina"]


def test_private_pages_and_their_children_never_appear(client, home_it):
    private = ContentPageFactory(parent=home_it, title=f"Riservata {WORD}")
    ContentPageFactory(parent=private, title=f"Figlia riservata {WORD}")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    login_only = ContentPageFactory(parent=home_it, title=f"Solo utenti {WORD}")
    PageViewRestriction.objects.create(page=login_only, restriction_type=PageViewRestriction.LOGIN)
    assert titles(search(client, WORD)) == []


def test_other_language_pages_never_appear(client, home_it, home_en):
    ContentPageFactory(parent=home_en, title=f"English page {WORD}")
    assert titles(search(client, WORD, "it")) == []
    assert titles(search(client, WORD, "en")) == [f"English page {WORD}"]
    # and an Italian page such as “Il progetto” is never offered on the English site
    ContentPageFactory(parent=home_it, title="Il progetto", slug="il-progetto")
    assert "Il progetto" not in titles(search(client, "progetto", "en"))
    assert "Il progetto" in titles(search(client, "progetto", "it"))


@pytest.fixture
def forget_sites():
    """Wagtail caches the sites' root paths; the rollback of a test's second site does not clear it."""
    yield
    Site.clear_site_root_paths_cache()


def test_other_site_pages_never_appear(client, home_it, forget_sites):
    other_root = Page.get_first_root_node().add_child(
        instance=HomePage(title="Altro sito", slug="altro-sito", locale=home_it.locale)
    )
    ContentPageFactory(parent=other_root, title=f"Pagina di un altro sito {WORD}")
    Site.objects.create(hostname="altro.example", root_page=other_root, site_name="Altro")
    assert titles(search(client, WORD)) == []
    response = client.get("/cerca/", {"q": WORD}, HTTP_HOST="altro.example")
    assert titles(response) == [f"Pagina di un altro sito {WORD}"]


def test_documents_in_the_active_language_are_found_as_downloads(client):
    SiteDocumentFactory(title="Rapporto di mappatura", description=f"Il rapporto {WORD}", language="it")
    SiteDocumentFactory(title="Mapping report", description=f"The report {WORD}", language="en")
    response = search(client, WORD)
    assert titles(response) == ["Rapporto di mappatura"]
    html = response.content.decode()
    assert "Documento da scaricare" in html and " download>" in html
    assert [key for key, _label, _count in response.context["facets"]] == ["document"]
    assert titles(search(client, WORD, "en")) == ["Mapping report"]


def test_documents_of_restricted_collections_never_appear(client):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Riservati")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Comunicazione UPI"))
    SiteDocumentFactory(title=f"Verbale {WORD}", collection=private)
    assert titles(search(client, WORD)) == []


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "",
        "   ",
        "città àèéìòù perché",
        '"stato di avanzamento"',
        "'; DROP TABLE wagtailcore_page; --",
        "progetto' OR '1'='1",
        "a & b | !c <-> d:* \\",
        "%_%",
        "(((",
        "\x00\x01 progetto",
        "🙂",
    ],
)
def test_odd_queries_give_a_normal_page(client, query):
    for language in ("it", "en"):
        response = search(client, query, language)
        assert response.status_code == 200
        assert b"<h1>" in response.content


def test_bad_page_and_type_parameters_give_a_normal_page(client, home_it):
    ContentPageFactory(parent=home_it, title="Il progetto", slug="il-progetto")
    for params in ({"page": "999"}, {"page": "abc"}, {"tipo": "<script>"}, {"op": "xor"}):
        response = search(client, "progetto", **params)
        assert response.status_code == 200
        assert response.context["results"].object_list


def test_query_cannot_inject_html(client, home_it):
    ContentPageFactory(parent=home_it, title=f"Pagina {WORD}", intro=f"Testo con <b>markup</b> e {WORD}.")
    response = search(client, f'{WORD} <script>alert("x")</script>', op="or")
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert f"<mark>{WORD}</mark>" in html
    assert "&lt;b&gt;markup&lt;/b&gt;" in html


def test_children_of_a_generic_page_show_their_breadcrumb(client, home_it):
    parent = ContentPageFactory(parent=home_it, title="Sezione madre")
    ContentPageFactory(parent=parent, title=f"Figlia {WORD}")
    hit = search(client, WORD).context["results"][0]
    assert [crumb.title for crumb in hit.breadcrumbs] == ["Sezione madre"]
    assert hit.obj.specific_class is ContentPage
    assert hit.label == "Pagina di contenuto"
