"""The matrix as an XLSX workbook (openpyxl) that can go into a report as it is.

Three sheets: ``matrix`` (its own title, source, case date and unit above the table; level
fills from lexmap.palette, a note per filled cell, "–" for an empty cell as on the site),
``legend`` and ``detail`` (one row per statement, the cells it feeds listed, labels not ids;
the ids in trailing columns outside the print area). Each prints on A4 (or US Letter) landscape,
one page wide when its text stays at 8 pt or more, header row repeated, with the case title and
corpus date in its header. Nothing is cut silently: text over Excel's cell limit ends with a
visible marker. The workbook is byte-for-byte deterministic: document properties and zip entry
times are fixed, so the same corpus always gives the same file.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

from ..extras import require
from ..languages import translation_line
from ..matrix import Matrix
from ..palette import CONTESTED, CONTESTED_MARK, EMPTY_MARK, HEADER_FILL, LEVELS
from ..results import kind_heading
from ..site.links import local, page_url
from . import MEASURES
from .formats import DEFAULT_PAPER, PAPERS, check_paper
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
BOLD_WIDTH = 0.85
"""Bold text takes this share more room per character: a bold label wraps sooner."""
MAX_ROW_HEIGHT = 409.0
"""Excel's largest row height, in points."""
MIN_PRINTED = 8.0
"""The smallest text size (pt) a printed page may hold: a sheet is fitted to one page wide only
while that keeps its 10 pt text at this size or more; wider, it prints across pages at 100 %."""
HEADER_ROW = 6
"""The matrix sheet's header row: below its title, source, case date and unit lines."""
DETAIL_COLUMNS = (
    # heading, width, wrap: one landscape page wide at about 89 % on A4, 83 % on Letter
    ("Practice", 16, True),
    ("Cells it feeds", 20, True),
    ("Kind", 9, True),
    ("Speaker", 13, True),
    ("Document", 17, True),
    ("Pinpoint", 13, True),
    ("Quote", 34, True),
)
DETAIL_IDS = ("Statement id", "Practice id", "Document id", "Cell ids")
"""The detail sheet's trailing columns, for machines: outside the print area."""
MARGIN_IN, PAPER_MARGIN_MM = 0.4, 0.4 * 25.4
PT_PER_UNIT, PT_PER_COLUMN = 7.2, 0.0
"""Printed points per unit of column width, as LibreOffice prints them (measured from its PDF: a
unit prints wider than the 5.25 pt of a 7 px digit), and per column (padding, within the unit)."""
TURNED_HEIGHT = 110.0
"""The tallest turned header row (points): a longer header wraps onto a second line."""
ROTATED_PT_PER_CHAR = 6.2
"""Points of a turned header per character of bold Arial 10 (an over-estimate: a clipped header is worse than white space)."""


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
    paper: str = DEFAULT_PAPER,
) -> bytes:
    """The workbook's bytes. ``title`` (default "lexmap matrix") and ``date`` (of the corpus, none
    by default) head every printed page; with ``base_url`` ids link to the site's pages;
    ``paper``: "a4" (the default) or "letter"."""
    openpyxl = _require_openpyxl()
    from openpyxl.writer.excel import ExcelWriter

    check_sheet_limits(len(matrix.rows), len(matrix.cols))
    check_paper(paper)
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
        _print_setup(sheet, title, date, paper)
    _title_block(workbook["matrix"], matrix, corpus, value, title, date, styles)

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
    """The table from :data:`HEADER_ROW` down (the lines above it: :func:`_title_block`)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    sheet.title = "matrix"
    top = HEADER_ROW
    heads = [kind_heading(matrix.row_kind), *(cell_text(c.label, c.id) for c in matrix.cols)]
    for index, text in enumerate(heads, start=1):
        sheet.cell(row=top, column=index, value=text)
    for r_index, (row, values) in enumerate(zip(matrix.rows, matrix.values(value), strict=True), start=top + 1):
        sheet.cell(row=r_index, column=1, value=cell_text(row.label, row.id))
        for c_index, v in enumerate(values, start=2):
            sheet.cell(row=r_index, column=c_index, value=cell_text(v if v != "" else EMPTY_MARK, row.id))
    for index in range(2, len(matrix.cols) + 2):
        header = sheet.cell(row=top, column=index)
        header.font, header.alignment, header.fill, header.border = styles.bold, styles.header, styles.header_fill, styles.border
    corner = sheet.cell(row=top, column=1)
    corner.font, corner.alignment, corner.fill, corner.border = styles.bold, styles.label, styles.header_fill, styles.border
    linked = []
    site_anchor = base_url and matrix.row_kind == "indicators" and matrix.col_kind == "instruments"
    for r_index, row in enumerate(matrix.rows, start=top + 1):
        label = sheet.cell(row=r_index, column=1)
        label.font, label.alignment, label.border = styles.bold, styles.label, styles.border
        for c_index, col in enumerate(matrix.cols, start=2):
            cell = matrix.cell(row.id, col.id)
            target = sheet.cell(row=r_index, column=c_index)
            target.fill, target.alignment, target.font = styles.fills[cell.level], styles.value, styles.plain
            target.border = styles.contested_border if cell.contested else styles.border
            target.number_format = number_format(cell.contested and value != "level")  # the level already says "contested"
            if not cell.practices and not cell.contested:
                continue
            target.comment = Comment(cell_text(_note(cell, corpus), row.id), "lexmap", width=360, height=150)
            if base_url and len(cell.practices) == 1:
                target.hyperlink = _link(base_url, corpus, cell.practices[0])
            elif site_anchor and cell.practices:
                target.hyperlink = f"{base_url.rstrip('/')}/matrix.html#cell-{local(row.id)}--{col.id}"
            if target.hyperlink:
                linked.append(target)

    sheet.column_dimensions["A"].width = _fit([r.label for r in matrix.rows] + [heads[0]], 14, 42)
    table = matrix.values(value)
    for index, col in enumerate(matrix.cols):
        # as wide as the values (which wrap at their ", ") and the header's longest word: a header
        # wraps at its spaces, so that the table keeps to a page's width with its text at 8 pt
        cells = [str(v) for row_values in table for v in str(row_values[index]).split(", ")]
        sheet.column_dimensions[get_column_letter(index + 2)].width = _fit([*cells, *col.label.split()], 7, 24)
    if printed_width(sheet) > _printable("letter") * FONT_SIZE / MIN_PRINTED:
        # too wide for 8 pt on either paper: the labels wrap, and the headers turn a quarter
        # (a column then only as wide as its values)
        sheet.column_dimensions["A"].width = _fit([heads[0], *(w for r in matrix.rows for w in r.label.split())], 20, 26)
        turned = Alignment(text_rotation=90, vertical="center", horizontal="center", wrap_text=True)
        for index in range(len(matrix.cols)):
            cells = [
                str(v) + (f" {CONTESTED_MARK}" if value != "level" else "")
                for row_values in table
                for v in str(row_values[index]).split(", ")
            ]
            sheet.column_dimensions[get_column_letter(index + 2)].width = _fit(cells, 5, 24)
            sheet.cell(row=top, column=index + 2).alignment = turned
        # a turned header wraps onto a second line (a column of 5 holds two) past TURNED_HEIGHT
        longest = max((len(c.label) for c in matrix.cols), default=0)
        sheet.row_dimensions[top].height = min(TURNED_HEIGHT, longest * ROTATED_PT_PER_CHAR + 12)
    for target in linked:  # LibreOffice does not wrap a linked cell: a link only where the text fits
        if len(str(target.value)) + 2 > sheet.column_dimensions[target.column_letter].width:
            target.hyperlink = None
    last = f"{get_column_letter(len(matrix.cols) + 1)}{len(matrix.rows) + top}"
    sheet.freeze_panes = f"B{top + 1}"
    sheet.auto_filter.ref = f"A{top}:{last}"
    sheet.print_title_cols = "A:A"


def number_format(contested: bool) -> str:
    """A matrix cell's number format: a zero prints as the site's "–", never "0" (the value
    stays the number 0 for a formula or pandas); a contested cell's value is followed by the mark."""
    mark = f" {CONTESTED_MARK}" if contested else ""
    return f'0"{mark}";-0"{mark}";"{EMPTY_MARK}{mark}";@"{mark}"'


def _title_block(sheet, matrix: Matrix, corpus, value: str, title: str, date: str | None, styles: _Styles) -> None:
    """Above the table: the title, where the figures come from, the case's date and the unit of a
    cell, each merged across the table's width and wrapped (the legend sheet says the rest)."""
    from openpyxl.styles import Alignment

    documents = len(getattr(corpus, "documents", ()) or ())
    source = (
        f"Source: the statements recorded in lexmap from the case's {documents} document{'s' if documents != 1 else ''}; "
        "every statement behind a cell is on the detail sheet, with its quote and pinpoint."
        if corpus is not None
        else "Source: the statements recorded in lexmap; every statement behind a cell is on the detail sheet."
    )
    lines = (
        (title, styles.title),
        (source, styles.plain),
        (f"Case date: {date or 'not given'}", styles.plain),
        (
            f"Rows: {matrix.row_kind}; columns: {matrix.col_kind}. Unit: each cell gives {MEASURES.get(value, value)}; "
            f"{EMPTY_MARK} none; {CONTESTED_MARK} contested. Levels and fills: see the legend sheet.",
            styles.plain,
        ),
    )
    columns = len(matrix.cols) + 1
    width = sum(sheet.column_dimensions[_letter(i)].width or 8.43 for i in range(1, columns + 1))
    for index, (text, font) in enumerate(lines, start=1):
        cell = sheet.cell(row=index, column=1, value=cell_text(text, "title"))
        cell.font, cell.alignment = font, Alignment(wrap_text=True, vertical="top")
        if columns > 1:
            sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=columns)
        scale = 1.5 if font is styles.title else 1.0
        sheet.row_dimensions[index].height = wrapped_lines(text, width / scale) * LINE_HEIGHT * scale + 3


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


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
    """One row per statement behind a cell, once however many cells it feeds (listed, by
    label), in the matrix's order; labels, not ids, in the printed columns; the ids trail, outside
    the print area. With ``base_url`` a column links to the statement on the site (its own column:
    LibreOffice does not wrap a linked cell's text)."""
    from openpyxl.utils import get_column_letter

    link_column = (("Site page", 10, False),) if base_url else ()
    columns = DETAIL_COLUMNS + link_column
    sheet.append([h for h, _, _ in columns] + list(DETAIL_IDS))
    fed: dict[str, list[tuple[str, str, str, str]]] = {}  # statement id -> the cells it feeds
    kinds: dict[str, str] = {}
    for row in matrix.rows:
        for col in matrix.cols:
            cell = matrix.cell(row.id, col.id)
            for statement_id in (*cell.claims, *cell.exhibits):
                fed.setdefault(statement_id, []).append((row.label, col.label, row.id, col.id))
                kinds.setdefault(statement_id, "claim" if statement_id in cell.claims else "exhibit")
    if len(fed) + 1 > MAX_ROWS:
        raise SheetTooLarge(
            f"the detail sheet needs more than the {MAX_ROWS:,} rows Excel and LibreOffice keep: "
            "lexmap writes no such XLSX (write the matrix as CSV, or a smaller one)"
        )
    speakers = corpus.sources().speakers if fed else (lambda _statement: ())  # no statement: maybe no corpus
    for statement_id, cells in fed.items():
        statement = corpus[statement_id]
        practice, document = corpus[statement.practice], corpus[statement.document]
        kind = kinds[statement_id]
        printed = (
            practice.label,
            "\n".join(f"{r} \u00d7 {c}" for r, c, _, _ in cells),
            f"{kind}, {statement.stance}" if kind == "claim" and statement.stance else kind,
            "; ".join(corpus[a].name for a in speakers(statement)),
            document.title,
            statement.pinpoint,
            "\n\n".join(filter(None, (statement.quote, translation_line(statement, corpus.actors)))),  # issue 27
        )
        ids = (statement.id, practice.id, document.id, "\n".join(f"{r} / {c}" for _, _, r, c in cells))
        sheet.append([cell_text(v, statement.id) for v in (*printed, *((None,) if base_url else ()), *ids)])
        if url := _link(base_url, corpus, statement.id):
            target = sheet.cell(row=sheet.max_row, column=len(columns), value="open")
            target.hyperlink, target.font = url, styles.link
    widths = [w for _, w, _ in columns] + [16] * len(DETAIL_IDS)
    wraps = [w for _, _, w in columns] + [True] * len(DETAIL_IDS)
    for index, (width, wrap) in enumerate(zip(widths, wraps, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        for row in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            row[0].alignment, row[0].border = (styles.wrap if wrap else styles.top), styles.border
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment, cell.border = styles.bold, styles.header_fill, styles.label, styles.border
    sheet.freeze_panes = "A2"
    last = max(sheet.max_row, 2)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{last}"
    sheet.print_area = f"A1:{get_column_letter(len(columns))}{last}"  # the ids are for machines


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
            if cell.alignment.wrap_text and not cell.alignment.text_rotation:  # a turned header has its height
                letter = get_column_letter(cell.column)
                width = widths.setdefault(letter, sheet.column_dimensions[letter].width or 8.43)
                lines = max(lines, wrapped_lines(str(cell.value), width * (BOLD_WIDTH if cell.font.b else 1.0)))
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


def printed_width(sheet) -> float:
    """The width in points the print area's columns take at 100 % (an estimate from the column
    widths: a digit of the default font and a column's padding)."""
    from openpyxl.utils import column_index_from_string, get_column_letter

    area = sheet.print_area
    last = (
        column_index_from_string(re.findall(r"\$?([A-Z]+)\$?\d+", area[0] if isinstance(area, list) else area)[-1])
        if area
        else sheet.max_column
    )
    units = sum(sheet.column_dimensions[get_column_letter(i)].width or 8.43 for i in range(1, last + 1))
    return units * PT_PER_UNIT + last * PT_PER_COLUMN


def _printable(paper: str) -> float:
    """The width in points between a landscape page's side margins (the narrower of A4 and
    Letter is Letter: 279.4 mm against 297)."""
    return (max(PAPERS[paper][:2]) - 2 * PAPER_MARGIN_MM) / 25.4 * 72


def _print_setup(sheet, title: str, date: str | None, paper: str) -> None:
    """Landscape on ``paper``, one page wide (as many tall as needed) where that keeps the text at
    :data:`MIN_PRINTED` pt or more, else across pages at 100 %; header row (and, on the matrix,
    label column) repeated; title and date in the page header, sheet name and page in the footer."""
    code = PAPERS[paper][2]
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = code
    fits = _printable(paper) / printed_width(sheet) >= MIN_PRINTED / FONT_SIZE
    sheet.page_setup.fitToWidth = 1 if fits else 0
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = fits
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = MARGIN_IN
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.25
    if sheet.title == "matrix":
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    elif sheet.title != "legend":
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
