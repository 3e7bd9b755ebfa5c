"""The chronology (:mod:`lexmap.chronology`) as the files analysts open: CSV (RFC 4180, CRLF rows,
formulas neutralised on every line) and XLSX (a ``chronology`` sheet, and an ``about`` sheet that
says what each column means and how many statements are undated). The same corpus gives the
same bytes."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile

from ..chronology import UNDATED, Event
from ..extras import require
from .spreadsheet import comment_line, neutralise_lines
from .xlsxfile import cell_text

FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
COLUMNS = (
    # heading, Event attribute, XLSX width, what it means
    ("Event date", "when", 14, "when the conduct happened, as the statement records it (EDTF)"),
    ("From", "lower", 11, "the first day the event date may mean"),
    ("To", "upper", 11, "the last day the event date may mean"),
    ("Certainty", "certainty", 18, "how exact the event date is; 'undated' rows come last"),
    ("Practice", "practice_label", 20, "the practice the statement is about"),
    ("Practice id", "practice", 14, ""),
    ("Elements", "elements", 16, "the element a claim argues, or the indicator an exhibit names"),
    ("Statement", "statement", 16, "the statement's id"),
    ("Kind", "kind", 10, "claim (a legal argument), attestation (a fact reported) or exhibit (an indicator)"),
    ("Stance", "stance", 9, "supports or contests (attestations report)"),
    ("Document", "document_title", 24, "where the statement is recorded"),
    ("Document id", "document", 14, ""),
    ("Document date", "document_date", 12, "the date of the document, not of the event"),
    ("Speaker", "speaker", 18, "who says it: the speaker, else the document's authors or publisher"),
    ("Pinpoint", "pinpoint", 10, ""),
    ("Quote", "quote", 50, "verbatim"),
    ("State", "state", 8, "the practice's state"),
    ("State bound then", "bound", 26, "the state's status on the event date under each instrument argued (lexmap.ratification)"),
)


def _value(event: Event, attribute: str) -> str:
    value = getattr(event, attribute)
    if isinstance(value, tuple):
        return "; ".join(value)
    return "" if value is None else str(value)


def chronology_csv(events: list[Event], caption: str) -> bytes:
    out = io.StringIO()
    out.write(comment_line(caption))  # as the matrix CSV: the case, read with skiprows=1
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading for heading, *_ in COLUMNS])
    for event in events:
        writer.writerow([neutralise_lines(_value(event, attribute)) for _, attribute, *_ in COLUMNS])
    return out.getvalue().encode("utf-8")


def chronology_xlsx(events: list[Event], title: str) -> bytes:
    openpyxl = require("openpyxl", "XLSX export")
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "chronology"
    sheet.append([heading for heading, *_ in COLUMNS])
    for event in events:
        sheet.append([cell_text(_value(event, attribute), event.statement) for _, attribute, *_ in COLUMNS])
    for index, (_, _, width, _) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    about = workbook.create_sheet("about")
    undated = sum(1 for e in events if e.certainty == UNDATED)
    about.append([title])
    about.append(
        [f"{len(events)} statements; {len(events) - undated} dated, in order of event date; {undated} undated, listed last."]
    )
    about.append([])
    about.append(["Column", "What it holds"])
    for heading, _, _, meaning in COLUMNS:
        about.append([heading, meaning])
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 18, 90
    epoch = datetime.datetime(2000, 1, 1)
    workbook.properties.created = workbook.properties.modified = epoch
    workbook.properties.creator, workbook.properties.title = "lexmap", title
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:  # not save(): it stamps the time
        ExcelWriter(workbook, archive).write_data()
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def chronology_bytes(events: list[Event], fmt: str, title: str | None, date: str | None) -> bytes:
    """The chronology in ``fmt`` (csv or xlsx), captioned with the case's title and date."""
    caption = f"{title or 'lexmap'}: chronology; case date: {date or 'not given'}"
    return chronology_csv(events, caption) if fmt == "csv" else chronology_xlsx(events, caption)
