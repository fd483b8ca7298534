"""Upload rules for documents: an allow-list of formats, a size limit, content matching the extension.

The extension allow-list alone is not enough (a page renamed ``.pdf`` is still a page): the first
bytes of the file must be those of the format its extension announces.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "pptx", "odp", "csv", "zip"]
DEFAULT_MAX_UPLOAD_SIZE = 25 * 1024 * 1024

# Office Open XML: the part every document of that kind contains.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
# OpenDocument: the ``mimetype`` entry at the start of the archive.
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")

# Archives (zip and the Office formats, which are zip archives) are checked from their directory, never
# decompressed whole: at most MAX_ENTRY_READ bytes of one entry are ever inflated. An archive is refused
# when what it declares is absurd for a document (a “zip bomb” that would inflate to gigabytes).
MAX_ENTRY_READ = 4096
MAX_ENTRIES = 10_000
MAX_TOTAL_UNCOMPRESSED = 1024 * 1024 * 1024  # 1 GB declared in all
MAX_RATIO = 200  # uncompressed / compressed, for any entry above RATIO_CHECKED_FROM
RATIO_CHECKED_FROM = 1024 * 1024


class ArchiveTooLarge(Exception):
    """The archive declares too many entries, too much data or an absurd compression ratio."""


def check_archive(archive):
    """Raise ArchiveTooLarge when the sizes ``archive`` (a ZipFile) declares are not those of a document."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise ArchiveTooLarge
    total = 0
    for entry in entries:
        total += entry.file_size
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise ArchiveTooLarge
        if entry.file_size > RATIO_CHECKED_FROM and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise ArchiveTooLarge


def read_entry_head(archive, name, size=MAX_ENTRY_READ):
    """The first ``size`` bytes of entry ``name``, inflating no more than that."""
    with archive.open(name) as entry:
        return entry.read(size)


def allowed_extensions():
    return [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or DEFAULT_EXTENSIONS]


def max_upload_size():
    return getattr(settings, "DOCUMENTS_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _looks_like_text(head):
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        return False  # markup (HTML, SVG, XML) is not a table
    return all(ch.isprintable() or ch in "\t\r\n" for ch in text)


def _content_matches(extension, fileobj):
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "csv":
        return _looks_like_text(head)
    if not head.startswith(ZIP_SIGNATURES):
        return False
    try:
        with zipfile.ZipFile(fileobj) as archive:
            check_archive(archive)
            names = set(archive.namelist())
            if extension in OOXML_PARTS:
                return "[Content_Types].xml" in names and OOXML_PARTS[extension] in names
            if extension in ODF_MIMETYPES:
                return (
                    "mimetype" in names
                    and read_entry_head(archive, "mimetype", 256).strip() == ODF_MIMETYPES[extension]
                )
            return True
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError, EOFError):
        return False
    finally:
        fileobj.seek(0)


def validate_document_file(field_file):
    """Raise ValidationError({"file": ...}) when a newly uploaded file breaks the upload rules."""
    if not field_file or getattr(field_file, "_committed", True):
        return  # nothing new to check: files already stored passed these rules when uploaded
    extensions = allowed_extensions()
    extension = _extension(field_file.name)
    if extension not in extensions:
        raise ValidationError(
            {
                "file": _(
                    "Formato non ammesso (“.%(extension)s”). Si possono caricare solo file %(allowed)s."
                )
                % {"extension": extension or "?", "allowed": ", ".join(f".{ext}" for ext in extensions)}
            }
        )
    limit = max_upload_size()
    if field_file.size is not None and field_file.size > limit:
        raise ValidationError(
            {
                "file": _("Il file pesa %(size)s: il limite è %(limit)s.")
                % {"size": filesizeformat(field_file.size), "limit": filesizeformat(limit)}
            }
        )
    try:
        matches = _content_matches(extension, field_file.file)
    except ArchiveTooLarge:
        raise ValidationError(
            {
                "file": _(
                    "L'archivio dichiara un contenuto troppo grande o troppo compresso per un documento: "
                    "non può essere caricato."
                )
            }
        ) from None
    if not matches:
        raise ValidationError(
            {
                "file": _(
                    "Il contenuto del file non corrisponde all'estensione “.%(extension)s”: "
                    "il file potrebbe essere danneggiato o rinominato. Caricare il file originale."
                )
                % {"extension": extension}
            }
        )
