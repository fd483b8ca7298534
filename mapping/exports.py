"""All the answers of a campaign as CSV and XLSX: one row per invited Province, one column per question code.

The columns follow the campaign's frozen version, so a file always matches its codebook (the XLSX's
second sheet: each code's section, sector, labels, type, options, unit, range and the question it follows
up). Example campaigns say so in the file name and in the first line, so that nobody mistakes them for
real answers.
"""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .answers import MULTIPLE_SEPARATOR
from .blocks import section_choices
from .choices import QuestionKind, ResponseState
from .dashboard import invited_provinces, responses_by_province

FIXED_COLUMNS = ["sigla", "provincia", "regione", "macro_area", "stato", "inviata_il"]
CODEBOOK_COLUMNS = [
    "codice",
    "sezione",
    "settore",
    "domanda",
    "domanda_en",
    "tipo",
    "opzioni",
    "unita",
    "intervallo",
    "approfondimento_di",
]


def example_notice():
    return _("DATI DI ESEMPIO: risposte generate per prova, non sono risposte delle Province.")


def questions(campaign):
    return campaign.version.questions() if campaign.version_id else []


def cell(value, typed=False):
    """An answer as a cell: lists joined, numbers as numbers in a spreadsheet, nothing as empty."""
    if value in (None, [], ""):
        return ""
    if isinstance(value, list):
        return MULTIPLE_SEPARATOR.join(str(v) for v in value)
    if typed and isinstance(value, str):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        return int(number) if number == number.to_integral() else float(number)
    if isinstance(value, dict):
        return value.get("title") or value.get("name") or str(value)
    return value


def rows(campaign, typed=False):
    """The header, then one row per invited Province (those without a response are "invitata")."""
    codes = [question["code"] for question in questions(campaign)]
    kinds = {question["code"]: question["kind"] for question in questions(campaign)}
    responses = responses_by_province(campaign)
    yield FIXED_COLUMNS + codes
    for province in invited_provinces(campaign):
        response = responses.get(province.pk)
        answers = response.answers if response else {}
        submitted = response.submitted_at if response else None
        if submitted:
            submitted = (
                timezone.localtime(submitted).replace(tzinfo=None)
                if typed
                else timezone.localtime(submitted).isoformat(timespec="minutes")
            )
        yield [
            province.sigla,
            province.name,
            province.region,
            province.macro_area,
            response.state if response else ResponseState.INVITED.value,
            submitted or "",
            *(cell(answers.get(code), typed=typed and kinds[code] == QuestionKind.NUMBER) for code in codes),
        ]


def codebook(campaign):
    """The header, then one row per question of the campaign's version."""
    version = campaign.version
    sectors = dict(section_choices())
    english = version.english_labels() if version else {}
    yield CODEBOOK_COLUMNS
    if version is None:
        return
    for section in version.structure:
        for question in section["questions"]:
            minimum, maximum = question.get("minimum"), question.get("maximum")
            span = "" if minimum is None and maximum is None else f"{minimum or ''}–{maximum or ''}"
            follows = ""
            if question.get("show_if_code"):
                follows = (
                    f"{question['show_if_code']} = {MULTIPLE_SEPARATOR.join(question['show_if_values'])}"
                )
            yield [
                question["code"],
                section["title"],
                str(sectors.get(section["sector"], section["sector"])),
                question["label"],
                english.get(question["code"], ""),
                question["kind"],
                MULTIPLE_SEPARATOR.join(question.get("options") or []),
                question.get("unit") or "",
                span,
                follows,
            ]


def filename(campaign, extension):
    prefix = "ESEMPIO-" if campaign.is_example else ""
    return f"{prefix}mappatura-{slugify(campaign.title) or campaign.pk}.{extension}"


def as_csv(campaign):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if campaign.is_example:
        writer.writerow([example_notice()])
    writer.writerows(rows(campaign))
    return buffer.getvalue()


def as_xlsx(campaign):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    answers = workbook.active
    answers.title = "risposte"
    codes = workbook.create_sheet("codebook")
    for sheet, data in ((answers, rows(campaign, typed=True)), (codes, codebook(campaign))):
        if campaign.is_example:
            sheet.append([example_notice()])
            sheet.cell(row=1, column=1).font = Font(bold=True, color="C00000")
        header_row = sheet.max_row + 1 if campaign.is_example else 1
        for row in data:
            sheet.append(row)
        for header in sheet[header_row]:
            header.font = Font(bold=True)
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
