"""One address per language: every route under /en/ has an English segment, and the other language's redirects."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/en/newsroom/comunicati/rss/", "/en/newsroom/releases/rss/"),
        ("/en/newsroom/comunicati/atom/", "/en/newsroom/releases/atom/"),
        ("/en/newsroom/provincia/treviso/rss/", "/en/newsroom/province/treviso/rss/"),
        ("/en/newsroom/provincia/treviso/atom/", "/en/newsroom/province/treviso/atom/"),
        ("/sala-stampa/releases/rss/", "/sala-stampa/comunicati/rss/"),
        ("/sala-stampa/province/treviso/atom/", "/sala-stampa/provincia/treviso/atom/"),
        ("/en/good-practices/trova-comune/?comune=Pont", "/en/good-practices/find-comune/?comune=Pont"),
        (
            "/en/good-practices/trova-comune/suggerimenti/?q=trev",
            "/en/good-practices/find-comune/suggestions/?q=trev",
        ),
        ("/buone-pratiche/find-comune/?comune=Pont", "/buone-pratiche/trova-comune/?comune=Pont"),
        ("/en/accesso/password-impostata/", "/en/access/password-set/"),
    ],
)
def test_the_other_language_segment_redirects(client, path, target):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target
    assert client.get(target).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/en/newsroom/releases/rss/",
        "/en/newsroom/province/treviso/atom/",
        "/en/good-practices/find-comune/",
        "/en/good-practices/find-comune/suggestions/?q=ponte",
        "/en/access/password-set/",
        "/sala-stampa/comunicati/rss/",
        "/sala-stampa/provincia/treviso/rss/",
        "/buone-pratiche/trova-comune/",
        "/buone-pratiche/trova-comune/suggerimenti/?q=ponte",
        "/accesso/password-impostata/",
    ],
)
def test_each_language_answers_at_its_own_segment(client, path):
    assert client.get(path).status_code == 200


def test_pages_link_the_routes_of_their_language(client):
    english = client.get("/en/newsroom/").content.decode()
    assert 'href="/en/newsroom/releases/rss/"' in english and "/comunicati/" not in english
    catalogue = client.get("/en/good-practices/").content.decode()
    assert 'action="/en/good-practices/find-comune/"' in catalogue
    assert 'data-suggest-url="/en/good-practices/find-comune/suggestions/"' in catalogue
    home = client.get("/en/").content.decode()
    assert "trova-comune" not in home
    assert 'action="/buone-pratiche/trova-comune/"' in client.get("/buone-pratiche/").content.decode()
