"""The repository's metadata: publiccode.yml against the keys its standard requires, and the licence."""

import datetime
import re
import tomllib
from pathlib import Path

from django.conf import settings

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

# publiccode.yml 0.4 (https://github.com/publiccodeyml/publiccode.yml, docs/standard/schema.core.rst).
DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}
IT_EXTENSION_VERSIONS = {"0.2", "1.0"}
# The first line of the licence text for each SPDX identifier this project may use.
LICENCE_TITLES = {"BSD-3-Clause": "BSD 3-Clause License"}


@pytest.fixture(scope="module")
def publiccode():
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def is_string_list(value):
    return isinstance(value, list) and value and all(isinstance(item, str) and item for item in value)


def is_date(value):
    # YAML reads an unquoted YYYY-MM-DD as a date; a quoted one stays a string.
    return isinstance(value, datetime.date) or bool(
        isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    )


def test_publiccode_top_level_keys(publiccode):
    assert publiccode["publiccodeYmlVersion"] == "0.4"
    assert isinstance(publiccode["name"], str) and publiccode["name"]
    assert isinstance(publiccode["url"], str) and re.match(r"https?://[^/\s]+/\S+$", publiccode["url"])
    platforms = publiccode["platforms"]
    assert (isinstance(platforms, str) and platforms) or is_string_list(platforms)
    assert is_string_list(publiccode["categories"])
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", category) for category in publiccode["categories"])
    assert publiccode["developmentStatus"] in DEVELOPMENT_STATUSES
    assert publiccode["softwareType"] in SOFTWARE_TYPES
    if "releaseDate" in publiccode:
        assert is_date(publiccode["releaseDate"])


def test_publiccode_description_in_every_site_language(publiccode):
    description = publiccode["description"]
    assert isinstance(description, dict)
    assert set(description) == {code for code, _name in settings.LANGUAGES}
    for language, text in description.items():
        assert re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", language)
        assert isinstance(text["shortDescription"], str) and 0 < len(text["shortDescription"]) <= 150
        assert isinstance(text["longDescription"], str) and 150 <= len(text["longDescription"]) <= 10000
        assert is_string_list(text["features"])


def test_publiccode_legal_matches_the_project_licence(publiccode, project):
    assert isinstance(publiccode["legal"]["license"], str)
    assert publiccode["legal"]["license"] == project["license"]["text"]


def test_publiccode_maintenance(publiccode):
    maintenance = publiccode["maintenance"]
    assert maintenance["type"] in MAINTENANCE_TYPES
    if maintenance["type"] in {"internal", "community"}:
        assert maintenance["contacts"] and all(isinstance(c["name"], str) for c in maintenance["contacts"])
    if maintenance["type"] == "contract":
        assert maintenance["contractors"]
        for contractor in maintenance["contractors"]:
            assert isinstance(contractor["name"], str) and is_date(contractor["until"])


def test_publiccode_localisation_matches_the_site_languages(publiccode):
    localisation = publiccode["localisation"]
    assert localisation["localisationReady"] is True
    assert is_string_list(localisation["availableLanguages"])
    assert set(localisation["availableLanguages"]) == {code for code, _name in settings.LANGUAGES}


def test_publiccode_italian_extension(publiccode):
    italian = publiccode.get("it")
    if italian is None:
        return
    assert italian["countryExtensionVersion"] in IT_EXTENSION_VERSIONS
    for platform, used in italian.get("piattaforme", {}).items():
        assert isinstance(platform, str) and isinstance(used, bool)


def test_licence_file_matches_pyproject(project, publiccode):
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    spdx = project["license"]["text"]
    assert licence.splitlines()[0] == LICENCE_TITLES[spdx]
    assert (
        re.search(r"^Copyright \(c\) \d{4}, (.+)$", licence, re.MULTILINE).group(1)
        == (publiccode["legal"]["mainCopyrightOwner"])
    )
    # The third clause is what distinguishes BSD-3-Clause from BSD-2-Clause.
    assert "Neither the name of the copyright holder" in licence
