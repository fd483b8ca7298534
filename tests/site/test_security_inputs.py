"""Hostile text in every public GET form never gives a 500: NUL bytes, invalid UTF-8 (lone surrogates),
10,000-character strings, right-to-left and zero-width marks."""

from html.parser import HTMLParser

from django.utils.http import urlencode

import pytest

from core.text import clean_query

pytestmark = pytest.mark.django_db

# Percent-encoded as an attacker would send them (the test client cannot encode a lone surrogate).
HOSTILE = {
    "nul": "a%00b",
    "nul-only": "%00",
    "surrogate": "%ED%A0%80abc",  # UTF-8 encoding of the lone surrogate U+D800: invalid UTF-8
    "long": "comune" * 1700,  # 10,200 characters
    "rtl": "%E2%80%8Fabc%E2%80%AEdef%E2%80%8B",  # RLM, RLO and a zero-width space
    "control": "%01%07%1B%7Fabc",
}


class GetForms(HTMLParser):
    """The names of the fields of every GET form in a page."""

    def __init__(self):
        super().__init__()
        self.fields = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif (
            self._in_get_form
            and tag in ("input", "select", "textarea")
            and attrs.get("name")
            and (attrs.get("type") or "").lower() not in ("submit", "hidden", "button")
        ):
            self.fields.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def public_forms():
    """Every public page with a GET form, and the finder's suggestions endpoint, in both languages."""
    from wagtail.models import Page

    from events.models import EventIndexPage
    from news.models import NewsIndexPage
    from practices.models import PracticeIndexPage
    from resources.models import DocumentLibraryPage, TrainingIndexPage

    urls = ["/cerca/", "/en/search/"]
    for model in (PracticeIndexPage, NewsIndexPage, EventIndexPage, DocumentLibraryPage, TrainingIndexPage):
        for page in model.objects.live():
            urls.append(page.url)
            if model is PracticeIndexPage:
                urls += [page.url + "export/csv/", page.url + "export/json/", page.url + "trova-comune/"]
            if model is EventIndexPage:
                urls.append(page.url + ("passati/" if page.locale.language_code == "it" else "past/"))
    assert Page.objects.live().exists()
    return urls


def fields_of(client, url):
    parser = GetForms()
    parser.feed(client.get(url).content.decode())
    return parser.fields | {"q", "page"}


_FORMS = []


def forms_and_fields(client):
    """Every public GET form with its fields, read once for all the hostile values (the content of the
    site tier is the same in every test)."""
    if not _FORMS:
        _FORMS.extend((url, sorted(fields_of(client, url))) for url in public_forms())
    return _FORMS


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_no_public_get_form_fails_on_hostile_text(client, value):
    """Every field of every public GET form with the hostile value: all of a form's fields at once (a view
    reads them all: the facets, the filters, the page, the query), then, for the first value, each field
    alone too, in case a view stops at the first field it refuses."""
    checked = 0
    each_alone = value == next(iter(HOSTILE.values()))
    for url, fields in forms_and_fields(client):
        response = client.get(f"{url}?" + "&".join(f"{field}={value}" for field in fields))
        assert response.status_code < 500, (url, fields, response.status_code)
        for field in fields if each_alone else ():
            response = client.get(f"{url}?{field}={value}")
            assert response.status_code < 500, (url, field, response.status_code)
        checked += len(fields)
    assert checked > 40  # the forms were found


@pytest.mark.parametrize(
    "url", ["/buone-pratiche/trova-comune/", "/buone-pratiche/trova-comune/suggerimenti/"]
)
@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_comune_finder_survives_hostile_text(client, url, value):
    for field in ("comune", "q"):
        assert client.get(f"{url}?{field}={value}").status_code == 200


def test_the_comune_finder_ignores_a_nul_byte_and_marks(client):
    response = client.get("/buone-pratiche/trova-comune/suggerimenti/?q=Trev%00iso%E2%80%8F")
    assert response.status_code == 200
    assert any("Treviso" in s["label"] for s in response.json()["suggestions"])


def test_hostile_search_terms_are_echoed_cleaned(client):
    html = client.get("/cerca/?" + urlencode({"q": "abc\u202edef"})).content.decode()
    assert "\u202e" not in html


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("  a\x00b  ", "ab"),
        ("a\x1b[31mb", "a[31mb"),
        ("\ud800abc", "abc"),
        ("\u200fabc\u202edef\u200b", "abcdef"),
        ("a\tb\nc", "a b c"),
        ("x" * 10_000, "x" * 100),
        ("Forlì-Cesena", "Forlì-Cesena"),
        ("Cafe\u0301", "Café"),
    ],
)
def test_clean_query(raw, expected):
    assert clean_query(raw, 100) == expected
