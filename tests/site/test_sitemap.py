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


# Changes made on purpose since the list was taken. Added: the mapping's page and the contacts page.
# Removed: the progress report's planned steps, which are not events (they are in the progress timeline,
# and the focus groups have their pages under Documenti e risorse).
ADDED = {"/il-progetto/mappatura/", "/en/the-project/mapping/", "/contatti/", "/en/contacts/"}
REMOVED = {
    *(
        f"/eventi/{slug}/"
        for slug in (
            "avvio-formazione-capacity-building",
            "avvio-gruppi-di-lavoro-tematici",
            "focus-group-centro",
            "focus-group-nord-est",
            "focus-group-nord-ovest",
            "focus-group-sud",
            "incontro-online-restituzione-risultati-mappatura",
        )
    ),
    *(
        f"/en/events/{slug}/"
        for slug in (
            "focus-group-centre",
            "focus-group-north-east",
            "focus-group-north-west",
            "focus-group-south",
            "launch-thematic-working-groups",
            "online-meeting-mapping-results",
            "start-training-capacity-building",
        )
    ),
}


def test_sitemap_lists_exactly_the_paths_it_listed_before(client):
    expected = expected_paths()
    assert len(expected) == 244 and len([path for path in expected if path.startswith("/en/")]) == 122
    assert sorted(sitemap_paths(client)) == sorted({*expected, *ADDED} - REMOVED)


def test_every_path_of_the_sitemap_answers(client):
    failures = []
    for path in sorted({*expected_paths(), *ADDED} - REMOVED):
        response = client.get(path)
        if response.status_code != 200:
            failures.append((path, response.status_code))
    assert failures == []
