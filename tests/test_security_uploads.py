"""Compressed uploads cannot exhaust memory: archives are checked from their directory, at most a few KB
are ever inflated, and archives declaring absurd sizes or ratios are refused. Every bomb is made here."""

import contextlib
import io
import tracemalloc
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

import pytest

from core.document_files import _content_matches
from core.models import DocumentType, SiteDocument

pytestmark = pytest.mark.django_db

BOMB_SIZE = 40 * 1024 * 1024  # 40 MB of zeros deflate to about 40 KB
ODT = "application/vnd.oasis.opendocument.text"


def archive(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as result:
        for name, data in entries:
            result.writestr(name, data)
    return buffer.getvalue()


def zeros_after(prefix=b""):
    return prefix + bytes(BOMB_SIZE)


BOMBS = {
    "odt-mimetype": (
        "bomba.odt",
        lambda: archive([("mimetype", zeros_after(ODT.encode())), ("content.xml", "<x/>")]),
    ),
    "odt-content": ("bomba.odt", lambda: archive([("mimetype", ODT), ("content.xml", zeros_after())])),
    "ods": (
        "bomba.ods",
        lambda: archive(
            [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", zeros_after())]
        ),
    ),
    "odp": (
        "bomba.odp",
        lambda: archive(
            [("mimetype", "application/vnd.oasis.opendocument.presentation"), ("content.xml", zeros_after())]
        ),
    ),
    "docx": (
        "bomba.docx",
        lambda: archive([("[Content_Types].xml", "<Types/>"), ("word/document.xml", zeros_after())]),
    ),
    "xlsx": (
        "bomba.xlsx",
        lambda: archive(
            [
                ("[Content_Types].xml", "<Types/>"),
                ("xl/workbook.xml", "<w/>"),
                ("xl/worksheets/sheet1.xml", zeros_after()),
            ]
        ),
    ),
    "pptx": (
        "bomba.pptx",
        lambda: archive([("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", zeros_after())]),
    ),
    "zip": ("bomba.zip", lambda: archive([("dati.csv", zeros_after())])),
    "zip-many-entries": ("tanti.zip", lambda: archive([(f"f{i}.txt", "") for i in range(10_001)])),
    "zip-declared-total": ("totale.zip", lambda: _declared_total_bomb()),
}


def _declared_total_bomb():
    """Many moderately compressed entries whose declared sizes add up to more than a gigabyte."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as result:
        for i in range(3):
            info = zipfile.ZipInfo(f"parte{i}.bin")
            result.writestr(info, b"x")
    data = bytearray(buffer.getvalue())
    # Rewrite each central-directory entry's uncompressed size to 400 MB (what a forged archive declares).
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) != -1:
        data[position + 24 : position + 28] = (400 * 1024 * 1024).to_bytes(4, "little")
        data[position + 20 : position + 24] = (400 * 1024 * 1024 // 150).to_bytes(4, "little")
        position += 4
    return bytes(data)


def upload(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Documento caricato",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "doc_type": DocumentType.REPORT,
            "language": "it",
            "licence": "cc-by-4.0",
        },
    )


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("editor", "editor@example.invalid", "x-long-pass-1")
    )
    return client


@pytest.mark.parametrize("bomb", BOMBS.values(), ids=BOMBS.keys())
def test_bombs_are_refused_with_a_clear_message(admin_client, bomb):
    name, make = bomb
    content = make()
    assert len(content) < 1024 * 1024
    response = upload(admin_client, name, content)
    assert response.status_code == 200
    assert "troppo compresso" in " ".join(response.context["form"].errors["file"])
    assert not SiteDocument.objects.filter(title="Documento caricato").exists()


@pytest.mark.parametrize(
    "bomb",
    [b for key, b in BOMBS.items() if key.startswith(("odt", "docx"))],
    ids=[key for key in BOMBS if key.startswith(("odt", "docx"))],
)
def test_checking_a_bomb_inflates_almost_nothing(bomb):
    name, make = bomb
    content = make()
    tracemalloc.start()
    try:
        with contextlib.suppress(Exception):  # only the memory is measured here
            _content_matches(name.rsplit(".", 1)[1], io.BytesIO(content))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024


def test_a_real_sized_document_is_accepted(admin_client):
    text = "".join(
        f"<w:p><w:r><w:t>Paragrafo {i} del verbale della riunione.</w:t></w:r></w:p>" for i in range(40_000)
    )
    content = archive([("[Content_Types].xml", "<Types/>"), ("word/document.xml", text)])
    response = upload(admin_client, "verbale.docx", content)
    assert response.status_code == 302
    assert SiteDocument.objects.filter(title="Documento caricato").exists()
