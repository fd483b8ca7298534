"""schema.org JSON-LD: a BreadcrumbList wherever breadcrumbs are shown, UPI's Organization on the home page."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def json_ld_blocks(html):
    return [
        json.loads(text)
        for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def of_type(html, kind):
    return [block for block in json_ld_blocks(html) if block["@type"] == kind]


def visible_crumbs(html):
    trail = re.search(r'<ol class="breadcrumb">(.*?)</ol>', html, re.S).group(1)
    return [
        re.sub(r"<[^>]+>", "", item).strip().removesuffix("/")
        for item in re.findall(r"<li[^>]*>(.*?)</li>", trail, re.S)
    ]


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/il-progetto/stato-di-avanzamento/", ["Home", "Il progetto", "Stato di avanzamento"]),
        ("/en/the-project/progress/", ["Home", "The project", "Progress"]),
        ("/eventi/passati/", ["Home", "Eventi", "Eventi passati"]),
        ("/en/events/past/", ["Home", "Events", "Past events"]),
        ("/province/treviso/", ["Home", "Le Province", "Provincia di Treviso"]),
        ("/buone-pratiche/trova-comune/", ["Home", "Buone pratiche", "Trova il tuo Comune"]),
    ],
)
def test_breadcrumb_list_matches_the_breadcrumbs(client, path, names):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    [data] = of_type(html, "BreadcrumbList")
    assert data["@context"] == "https://schema.org"
    items = data["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(names) + 1))
    assert [item["name"] for item in items] == names == visible_crumbs(html)
    assert all(
        item["@type"] == "ListItem" and item["item"].startswith("http://testserver/") for item in items
    )
    assert items[0]["item"] == ("http://testserver/en/" if path.startswith("/en/") else "http://testserver/")
    assert items[-1]["item"] == "http://testserver" + path
    # Every crumb's URL answers.
    for item in items:
        assert client.get(item["item"].removeprefix("http://testserver")).status_code == 200


def test_every_script_is_a_file_or_a_data_block(client):
    """The strict CSP allows no inline script: JSON-LD is data (type application/ld+json), never executed."""
    for path in ("/", "/en/", "/il-progetto/stato-di-avanzamento/", "/eventi/passati/"):
        html = client.get(path).content.decode()
        assert all(
            "src=" in tag or 'type="application/ld+json"' in tag for tag in re.findall(r"<script[^>]*>", html)
        )
        assert "script-src 'self';" in client.get(path)["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("path", "language", "name"),
    [
        ("/", "it", "Le Province e il sistema dei servizi a supporto dei Comuni"),
        ("/en/", "en", "The Provinces and the system of services supporting the Comuni"),
    ],
)
def test_home_page_describes_upi_and_the_project(client, path, language, name):
    html = client.get(path).content.decode()
    assert of_type(html, "BreadcrumbList") == []
    [data] = of_type(html, "Organization")
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Unione delle Province d'Italia" and data["alternateName"] == "UPI"
    assert data["url"].startswith("https://")
    project = data["subjectOf"]
    assert project["@type"] == "WebSite" and project["url"] == "http://testserver" + path
    assert project["name"] == name and project["inLanguage"] == language
