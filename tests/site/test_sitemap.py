"""Regression: every address of the sitemap, in both languages, answers as it did before the restructuring."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

BEFORE = Path(__file__).resolve().parents[1] / "data" / "sitemap-paths.txt"


def expected_paths():
    lines = BEFORE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", response.content.decode())


# Pages added on purpose since the list was taken: the mapping's page, in both languages.
ADDED = {"/il-progetto/mappatura/", "/en/the-project/mapping/"}


def test_sitemap_lists_exactly_the_paths_it_listed_before(client):
    expected = expected_paths()
    assert len(expected) == 244 and len([path for path in expected if path.startswith("/en/")]) == 122
    assert sorted(sitemap_paths(client)) == sorted({*expected, *ADDED})


def test_every_path_of_the_sitemap_answers(client):
    failures = []
    for path in sorted({*expected_paths(), *ADDED}):
        response = client.get(path)
        if response.status_code != 200:
            failures.append((path, response.status_code))
    assert failures == []
