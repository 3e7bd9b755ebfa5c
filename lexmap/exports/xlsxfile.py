"""The matrix as an XLSX workbook (openpyxl) that can go into a report as it is.

Three sheets: ``matrix`` (level fills from lexmap.palette, a note per filled cell), ``legend``
and ``detail`` (one row per statement behind a cell, labels beside ids, quote and pinpoint).
Each prints landscape, one page wide, header row repeated, with the case title and corpus date
in its header. Nothing is cut silently: text over Excel's cell limit ends with a visible marker.
The workbook is byte-for-byte deterministic: document properties and zip entry times are
fixed, so the same corpus always gives the same file.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

from ..extras import require
from ..languages import translation_line
from ..matrix import Matrix
from ..palette import CONTESTED, CONTESTED_MARK, HEADER_FILL, LEVELS
from ..results import kind_heading
from ..site.links import local, page_url
from . import MEASURES
from .htmlfile import check_base_url
from .spreadsheet import neutralise

_EPOCH = datetime.datetime(2000, 1, 1)
CELL_LIMIT = 32_767
"""Excel's limit on the characters of one cell."""
MAX_COLUMNS, MAX_ROWS = 16_384, 1_048_576
"""Excel's (and LibreOffice's) limits on a sheet: past them they drop the rest without a word."""
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML 1.0 cannot hold
FONT, FONT_SIZE = "Arial", 10
CHARS_PER_UNIT = 1.35
"""Characters of Arial 10 prose per unit of column width (the unit is a digit of the default font)."""
LINE_HEIGHT = 12.75
"""Points per line of wrapped text, a little over what Arial 10 needs, so nothing is clipped."""
MAX_ROW_HEIGHT = 409.0
"""Excel's largest row height, in points."""
DETAIL_COLUMNS = (
    # heading, width, wrap; sized for a landscape page (ids wrap at their hyphens)
    ("{row}", 18, True),
    ("{row} id", 16, True),
    ("{col}", 12, True),
    ("{col} id", 10, True),
    ("Practice", 20, True),
    ("Practice id", 14, True),
    ("Statement", 14, True),
    ("Kind", 8, False),
    ("Stance", 9, False),
    ("Speaker", 18, True),
    ("Document", 24, True),
    ("Document id", 12, True),
    ("Pinpoint", 16, True),
    ("Quote", 50, True),
)


def _require_openpyxl():
    return require("openpyxl", "XLSX export")


def cell_text(value, id_: str):
    """A value as a cell can hold it: formulas neutralised, control characters replaced, and
    text over Excel's limit cut with a visible marker naming the record ``id_``."""
    if not isinstance(value, str):
        return value
    value = neutralise(_ILLEGAL.sub("\ufffd", value))
    if len(value) > CELL_LIMIT:
        marker = f" [... truncated: see {id_}]"
        value = value[: CELL_LIMIT - len(marker)] + marker
    return value


def _fit(texts, low: float, high: float) -> float:
    """A column width (in characters) for ``texts`` between ``low`` and ``high``."""
    longest = max((len(line) for text in texts for line in str(text).splitlines()), default=0)
    return float(min(high, max(low, longest + 2)))


def _header_footer_text(text: str) -> str:
    """Text for a print header or footer: ``&`` doubled (it starts a code), kept short."""
    text = " ".join(text.split())
    return (text[:97] + "..." if len(text) > 100 else text).replace("&", "&&")


def _link(base_url: str | None, corpus, id_: str) -> str | None:
    if not base_url or corpus is None:
        return None
    try:
        return page_url(base_url, corpus, id_)
    except (KeyError, ValueError):
        return None


def matrix_xlsx(
    matrix: Matrix,
    corpus,
    value: str = "count",
    base_url: str | None = None,
    *,
    title: str | None = None,
    date: str | None = None,
) -> bytes:
    """The workbook's bytes. ``title`` (default "lexmap matrix") and ``date`` (of the corpus, none
    by default) head every printed page; with ``base_url`` ids link to the site's pages."""
    openpyxl = _require_openpyxl()
    from openpyxl.writer.excel import ExcelWriter

    check_sheet_limits(len(matrix.rows), len(matrix.cols))
    if base_url is not None:
        check_base_url(base_url)

    styles = _Styles()
    workbook = openpyxl.Workbook()
    title = title or "lexmap matrix"
    _matrix_sheet(workbook.active, matrix, corpus, value, base_url, styles)
    _legend_sheet(workbook.create_sheet("legend"), matrix, value, title, date, styles)
    _detail_sheet(workbook.create_sheet("detail"), matrix, corpus, base_url, styles)
    for sheet in workbook.worksheets:
        _fonts_and_heights(sheet, styles)
        _print_setup(sheet, title, date)

    workbook.properties.created = workbook.properties.modified = _EPOCH
    workbook.properties.creator = "lexmap"
    workbook.properties.title = title
    buffer = io.BytesIO()
    # ExcelWriter directly: Workbook.save() would stamp the current time as "modified".
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).write_data()
    return _fixed_zip_times(buffer.getvalue())


class SheetTooLarge(ValueError):
    """A matrix that a spreadsheet cannot hold whole."""


def check_sheet_limits(rows: int, cols: int) -> None:
    """SheetTooLarge when a matrix of ``rows`` x ``cols`` (plus its header row and column) is
    past what Excel and LibreOffice keep: lexmap does not write a sheet they would cut."""
    for count, limit, what in ((cols + 1, MAX_COLUMNS, "columns"), (rows + 1, MAX_ROWS, "rows")):
        if count > limit:
            raise SheetTooLarge(
                f"the matrix needs {count:,} {what} of a sheet, more than the {limit:,} Excel and LibreOffice "
                "keep (they drop the rest silently): lexmap writes no such XLSX"
            )


def _argb(colour: str) -> str:
    """``#rrggbb`` as Excel writes it: ``FFRRGGBB``."""
    return "FF" + colour.lstrip("#").upper()


class _Styles:
    """The workbook's fonts, fills, borders and alignments, made once."""

    def __init__(self):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="FF999999")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        dashed = Side(style="mediumDashed", color=_argb(CONTESTED.colour))
        self.contested_border = Border(left=dashed, right=dashed, top=dashed, bottom=dashed)
        # Arial: in every office suite (LibreOffice maps it to the metric-equal Liberation Sans).
        self.plain = Font(name=FONT, size=FONT_SIZE)
        self.bold = Font(name=FONT, size=FONT_SIZE, bold=True)
        self.title = Font(name=FONT, size=14, bold=True)
        self.link = Font(name=FONT, size=FONT_SIZE, color="FF0B57D0", underline="single")
        self.header_fill = PatternFill("solid", fgColor=_argb(HEADER_FILL))
        self.fills = {s.name: PatternFill("solid", fgColor=_argb(s.fill)) for s in LEVELS}
        self.header = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.label = Alignment(wrap_text=True, vertical="center")
        self.value = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")


def _matrix_sheet(sheet, matrix: Matrix, corpus, value: str, base_url, styles: _Styles) -> None:
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    sheet.title = "matrix"
    sheet.append([kind_heading(matrix.row_kind), *(cell_text(c.label, c.id) for c in matrix.cols)])
    for row, values in zip(matrix.rows, matrix.values(value), strict=True):
        sheet.append([cell_text(row.label, row.id), *(cell_text(v, row.id) for v in values)])
    for index in range(2, len(matrix.cols) + 2):
        header = sheet.cell(row=1, column=index)
        header.font, header.alignment, header.fill, header.border = styles.bold, styles.header, styles.header_fill, styles.border
    corner = sheet["A1"]
    corner.font, corner.alignment, corner.fill, corner.border = styles.bold, styles.label, styles.header_fill, styles.border
    linked = []
    site_anchor = base_url and matrix.row_kind == "indicators" and matrix.col_kind == "instruments"
    for r_index, row in enumerate(matrix.rows, start=2):
        label = sheet.cell(row=r_index, column=1)
        label.font, label.alignment, label.border = styles.bold, styles.label, styles.border
        for c_index, col in enumerate(matrix.cols, start=2):
            cell = matrix.cell(row.id, col.id)
            target = sheet.cell(row=r_index, column=c_index)
            target.fill, target.alignment, target.font = styles.fills[cell.level], styles.value, styles.plain
            target.border = styles.contested_border if cell.contested else styles.border
            if cell.contested and value != "level":  # the level already says "contested"
                target.number_format = f'0" {CONTESTED_MARK}"' if isinstance(target.value, int) else f'@" {CONTESTED_MARK}"'
            if not cell.practices and not cell.contested:
                continue
            target.comment = Comment(cell_text(_note(cell, corpus), row.id), "lexmap", width=360, height=150)
            if base_url and len(cell.practices) == 1:
                target.hyperlink = _link(base_url, corpus, cell.practices[0])
            elif site_anchor and cell.practices:
                target.hyperlink = f"{base_url.rstrip('/')}/matrix.html#cell-{local(row.id)}--{col.id}"
            if target.hyperlink:
                linked.append(target)

    sheet.column_dimensions["A"].width = _fit([r.label for r in matrix.rows] + [sheet["A1"].value], 14, 42)
    table = matrix.values(value)
    for index, col in enumerate(matrix.cols):
        # a header on one line up to the cap, then wrapped; values wrap at their ", "
        cells = [str(v) for row_values in table for v in str(row_values[index]).split(", ")]
        sheet.column_dimensions[get_column_letter(index + 2)].width = _fit([*cells, col.label], 8, 24)
    for target in linked:  # LibreOffice does not wrap a linked cell: a link only where the text fits
        if len(str(target.value)) + 2 > sheet.column_dimensions[target.column_letter].width:
            target.hyperlink = None
    last = f"{get_column_letter(len(matrix.cols) + 1)}{len(matrix.rows) + 1}"
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{last}"
    sheet.print_title_cols = "A:A"


def _note(cell, corpus) -> str:
    """The note on a matrix cell: its practices and documents, by label and id."""

    def named(ids, attribute):
        return (
            "; ".join(f"{getattr(corpus[i], attribute, i)} ({i})" if corpus is not None and i in corpus else i for i in ids)
            or "none"
        )

    lines = [
        f"Practices: {named(cell.practices, 'label')}",
        f"Documents: {named(cell.documents, 'title')}",
        f"Level from {named([cell.practice], 'label')}: {cell.independent_sources} independent source(s)"
        if cell.practice
        else "No practice of the cell reaches a level",
    ]
    if cell.contested:
        lines.append(f"{CONTESTED_MARK} Contested: a statement in the cell is contested.")
    return "\n".join(lines)


def _legend_sheet(sheet, matrix: Matrix, value: str, title: str, date: str | None, styles: _Styles) -> None:
    sheet.append([title])
    sheet["A1"].font = styles.title
    rows = [
        ("Corpus date", date or "not given"),
        ("Rows", f"{matrix.row_kind} ({len(matrix.rows)})"),
        (
            "Columns",
            f"{matrix.col_kind} ({len(matrix.cols)})" + (", in order of adoption" if matrix.col_kind == "instruments" else ""),
        ),
        (
            "A cell",
            f"holds the practices of its row that are argued to satisfy its column; its value is {MEASURES.get(value, value)}.",
        ),
        ("Notes", "A note on each filled cell of the matrix sheet lists its practices and documents."),
        (
            "Detail",
            "The detail sheet has one row per statement behind a cell: who says it (document), where (pinpoint) and in which words (quote).",
        ),
        ("", ""),
        ("Level", "Meaning"),
    ]
    for name, text in rows:
        sheet.append([name, text])
    heading_row = sheet.max_row
    for level in LEVELS:
        sheet.append([level.name, level.meaning])
        sheet.cell(row=sheet.max_row, column=1).fill = styles.fills[level.name]
    sheet.append(
        [f"contested {CONTESTED_MARK}", f"{CONTESTED.meaning} Shown by a dashed border and {CONTESTED_MARK} after the value."]
    )
    sheet.cell(row=sheet.max_row, column=1).border = styles.contested_border
    for row in sheet.iter_rows(min_row=2):
        row[0].font = styles.bold
        row[0].alignment = row[1].alignment = styles.wrap
    for cell in sheet[heading_row]:
        cell.fill, cell.font = styles.header_fill, styles.bold
    for row in sheet.iter_rows(min_row=heading_row, max_row=sheet.max_row):
        for cell in row:
            cell.border = styles.contested_border if cell.row == sheet.max_row and cell.column == 1 else styles.border
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 90


def _detail_sheet(sheet, matrix: Matrix, corpus, base_url, styles: _Styles) -> None:
    """One row per statement behind a cell; with ``base_url`` a last column links to the
    statement on the site (its own column: LibreOffice does not wrap a linked cell's text)."""
    from openpyxl.utils import get_column_letter

    columns = DETAIL_COLUMNS + ((("Site page", 10, False),) if base_url else ())
    row_name, col_name = kind_heading(matrix.row_kind), kind_heading(matrix.col_kind)
    sheet.append([h.format(row=row_name, col=col_name) for h, _, _ in columns])
    for row in matrix.rows:
        for col in matrix.cols:
            cell = matrix.cell(row.id, col.id)
            for statement_id in (*cell.claims, *cell.exhibits):
                statement = corpus[statement_id]
                practice, document = corpus[statement.practice], corpus[statement.document]
                values = (
                    row.label,
                    row.id,
                    col.label,
                    col.id,
                    practice.label,
                    practice.id,
                    statement.id,
                    "claim" if statement_id in cell.claims else "exhibit",
                    statement.stance,
                    "; ".join(corpus[a].name for a in corpus.sources().speakers(statement)),
                    document.title,
                    document.id,
                    statement.pinpoint,
                    "\n\n".join(filter(None, (statement.quote, translation_line(statement, corpus.actors)))),  # issue 27
                )
                if sheet.max_row >= MAX_ROWS:
                    raise SheetTooLarge(
                        f"the detail sheet needs more than the {MAX_ROWS:,} rows Excel and LibreOffice keep: "
                        "lexmap writes no such XLSX (write the matrix as CSV, or a smaller one)"
                    )
                sheet.append([cell_text(v, statement.id) for v in values])
                if url := _link(base_url, corpus, statement.id):
                    target = sheet.cell(row=sheet.max_row, column=len(columns), value="open")
                    target.hyperlink, target.font = url, styles.link
    for index, (_, width, wrap) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        for row in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            row[0].alignment, row[0].border = (styles.wrap if wrap else styles.top), styles.border
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment, cell.border = styles.bold, styles.header_fill, styles.label, styles.border
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(sheet.max_row, 2)}"


def _fonts_and_heights(sheet, styles: _Styles) -> None:
    """Arial on every cell without a font of its own, and each row as tall as its wrapped text
    (neither Excel nor LibreOffice sizes rows of a generated file reliably on its own)."""
    from openpyxl.utils import get_column_letter

    widths: dict[str, float] = {}  # column letter -> width
    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            if cell.value is None:
                continue
            if isinstance(cell.value, str) and cell.data_type != "s":
                cell.data_type = "s"  # text stays text: '#N/A' is a label, not an error cell
            if cell.font.name != FONT:
                cell.font = styles.plain
            if cell.alignment.wrap_text:
                letter = get_column_letter(cell.column)
                width = widths.setdefault(letter, sheet.column_dimensions[letter].width or 8.43)
                lines = max(lines, wrapped_lines(str(cell.value), width))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide, wrapped at spaces
    (an over-estimate rather than an under-estimate: a clipped quote is worse than white space)."""
    per_line = max(1, int(width * CHARS_PER_UNIT))
    lines = 0
    for paragraph in text.split("\n"):
        used = 0
        lines += 1
        for word in paragraph.split(" "):
            if used and used + 1 + len(word) > per_line:
                lines, used = lines + 1, 0
            while len(word) > per_line:  # a word longer than the line breaks anywhere
                lines, word = lines + 1, word[per_line:]
            used += (1 if used else 0) + len(word)
    return lines


def _print_setup(sheet, title: str, date: str | None) -> None:
    """Landscape, one page wide (as many tall as needed), header row repeated, title and date in
    the page header, sheet name and page number in the footer."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.25
    if sheet.title != "legend":
        sheet.print_title_rows = "1:1"
    sheet.oddHeader.left.text = _header_footer_text(title)
    if date:
        sheet.oddHeader.right.text = _header_footer_text(f"Corpus of {date}")
    sheet.oddFooter.left.text = "&A"
    sheet.oddFooter.center.text = "Page &P of &N"
    sheet.oddFooter.right.text = "lexmap"


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so that equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
