"""The matrix as an XLSX workbook that can go into a report as it is, streamed (XlsxWriter's
constant-memory mode: each row is written as it is made, so a 4,000 x 1,000 matrix takes the
memory of a row, not of the sheet).

Three sheets: ``matrix`` (its own title, source, case date and unit above the table; level
fills from lexmap.palette, a note per filled cell, "–" for an empty cell as on the site),
``legend`` and ``detail`` (:mod:`.xlsx_sheets`). Each prints on A4 (or US Letter) landscape,
one page wide when its text stays at 8 pt or more, header row repeated, with the case title and
corpus date in its header. Nothing is cut silently: text over Excel's cell limit ends with a
visible marker, a sheet past Excel's size is refused. Text is always written as text (never a
formula, a number or a link), and the workbook is byte-for-byte deterministic (fixed document
dates and zip entry times).
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from ..extras import require
from ..matrix import Cell, Matrix
from ..palette import CONTESTED_MARK, EMPTY_MARK
from ..results import kind_heading
from ..site.links import local
from . import MEASURES
from .htmlfile import check_base_url
from .options import DEFAULT_PAPER, PAPERS, check_paper
from .xlsx_cells import (
    BOLD_WIDTH,
    CELL_LIMIT,
    FONT_SIZE,
    LINE_HEIGHT,
    LINK_LIMIT,
    MAX_COLUMNS,
    MAX_ROWS,
    Formats,
    SheetTooLarge,
    cell_text,
    fit,
    height,
    number_format,
    set_width,
    wrapped_lines,
    write,
)
from .xlsx_sheets import DETAIL_COLUMNS, DETAIL_IDS, detail_sheet, legend_sheet, link, note

_EPOCH = datetime.datetime(2000, 1, 1)
MIN_PRINTED = 8.0
"""The smallest text size (pt) a printed page may hold: a sheet is fitted to one page wide only
while that keeps its 10 pt text at this size or more; wider, it prints across pages at 100 %."""
HEADER_ROW = 6
"""The matrix sheet's header row (1-based): below its title, source, case date and unit lines."""
MARGIN_IN, PAPER_MARGIN_MM = 0.4, 0.4 * 25.4
PT_PER_UNIT = 7.2
"""Printed points per unit of column width, as LibreOffice prints them (measured from its PDF: a
unit prints wider than the 5.25 pt of a 7 px digit)."""
TURNED_HEIGHT = 110.0
"""The tallest turned header row (points): a longer header wraps onto a second line."""
ROTATED_PT_PER_CHAR = 6.2
"""Points of a turned header per character of bold Arial 10 (an over-estimate: a clipped header is worse than white space)."""

__all__ = [
    "CELL_LIMIT",
    "DETAIL_COLUMNS",
    "DETAIL_IDS",
    "HEADER_ROW",
    "SheetTooLarge",
    "cell_text",
    "check_sheet_limits",
    "matrix_xlsx",
    "number_format",
    "wrapped_lines",
]


def _require_xlsxwriter():
    return require("xlsxwriter", "XLSX export")


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
    xlsxwriter = _require_xlsxwriter()
    check_sheet_limits(len(matrix.rows), len(matrix.cols))
    check_paper(paper)
    if base_url is not None:
        check_base_url(base_url)

    title = title or "lexmap matrix"
    buffer = io.BytesIO()
    # constant_memory: rows go to a temporary file as they are made (strings inline, no table of them)
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    workbook.set_properties({"title": title, "author": "lexmap", "created": _EPOCH})
    formats = Formats(workbook)
    from .xlsx_fast import MatrixWorksheet

    widths = _matrix_sheet(
        workbook.add_worksheet("matrix", worksheet_class=MatrixWorksheet), matrix, corpus, value, base_url, (title, date), formats
    )
    print_setup(workbook.get_worksheet_by_name("matrix"), widths, title, date, paper)
    sheet = workbook.add_worksheet("legend")
    print_setup(sheet, legend_sheet(sheet, matrix, value, title, date, formats), title, date, paper)
    sheet = workbook.add_worksheet("detail")
    print_setup(sheet, detail_sheet(sheet, matrix, corpus, base_url, formats), title, date, paper)
    workbook.close()
    return buffer.getvalue()


def check_sheet_limits(rows: int, cols: int) -> None:
    """SheetTooLarge when a matrix of ``rows`` x ``cols`` (plus its header row and column) is
    past what Excel and LibreOffice keep: lexmap does not write a sheet they would cut."""
    for count, limit, what in ((cols + 1, MAX_COLUMNS, "columns"), (rows + 1, MAX_ROWS, "rows")):
        if count > limit:
            raise SheetTooLarge(
                f"the matrix needs {count:,} {what} of a sheet, more than the {limit:,} Excel and LibreOffice "
                "keep (they drop the rest silently): lexmap writes no such XLSX"
            )


def _column_widths(matrix: Matrix, table, value: str, heads) -> tuple[list[float], bool]:
    """The matrix sheet's column widths, and whether its headers are turned a quarter: as wide
    as the values (which wrap at their ", ") and the header's longest word, unless that is too
    wide for 8 pt on either paper; then the labels wrap and the headers turn."""
    numbers = value in ("count", "independent")

    def longest(index: int, marked: bool) -> list[str]:
        mark = f" {CONTESTED_MARK}" if marked else ""
        if numbers:  # only the longest number matters
            return [str(max((row[index] for row in table), default=0)) + mark]
        return [v + mark for row in table for v in str(row[index]).split(", ")]

    widths = [fit([r.label for r in matrix.rows] + [heads[0]], 14, 42)]
    widths += [fit([*longest(i, False), *col.label.split()], 7, 24) for i, col in enumerate(matrix.cols)]
    if sum(widths) * PT_PER_UNIT <= _printable("letter") * FONT_SIZE / MIN_PRINTED:
        return widths, False
    widths = [fit([heads[0], *(w for r in matrix.rows for w in r.label.split())], 20, 26)]
    widths += [fit(longest(i, value != "level"), 5, 24) for i in range(len(matrix.cols))]
    return widths, True


def _matrix_sheet(
    sheet, matrix: Matrix, corpus, value: str, base_url, heading: tuple[str, str | None], formats: Formats
) -> list[float]:
    """The title block (:func:`_title_block`), then the table from :data:`HEADER_ROW` down, one
    row at a time. Returns the column widths."""
    top = HEADER_ROW - 1  # 0-based
    heads = [kind_heading(matrix.row_kind), *(cell_text(c.label, c.id) for c in matrix.cols)]
    table = matrix.values(value)
    widths, turned = _column_widths(matrix, table, value, heads)
    for index, width in enumerate(widths):
        set_width(sheet, index, width)
    site_anchor = bool(base_url) and matrix.row_kind == "indicators" and matrix.col_kind == "instruments"
    links = _links(matrix, corpus, base_url, site_anchor, table, widths)
    _title_block(sheet, matrix, corpus, value, heading, widths, formats, dropped=links is None)

    if turned:  # a turned header wraps onto a second line (a column of 5 holds two) past TURNED_HEIGHT
        sheet.set_row(top, min(TURNED_HEIGHT, max((len(c.label) for c in matrix.cols), default=0) * ROTATED_PT_PER_CHAR + 12))
    else:
        lines = max(wrapped_lines(str(h), w * BOLD_WIDTH) for h, w in zip(heads, widths, strict=True))
        if lines > 1:
            sheet.set_row(top, height(lines))
    write(sheet, top, 0, heads[0], formats.corner)
    header = formats.turned_header if turned else formats.header
    for index, text in enumerate(heads[1:], start=1):
        write(sheet, top, index, text, header)

    numbers = value in ("count", "independent")
    label_width = widths[0] * BOLD_WIDTH
    cells, cols, empty = matrix.cells, matrix.cols, Cell(row="", col="")
    plain = formats.cell(empty.level, False, value)
    extra = (links, corpus, formats, value)
    filled: dict[str, list[tuple[int, Cell]]] = {}  # row id -> its stored cells, by column
    if numbers:
        column = {c.id: i for i, c in enumerate(cols, start=1)}
        for (row_id, col_id), stored in cells.items():
            filled.setdefault(row_id, []).append((column[col_id], stored))
    for r_index, (row, values) in enumerate(zip(matrix.rows, table, strict=True), start=top + 1):
        lines = wrapped_lines(row.label, label_width)
        if not numbers:
            lines = max([lines, *(wrapped_lines(str(v), w) for v, w in zip(values, widths[1:], strict=True))])
        if lines > 1:
            sheet.set_row(r_index, height(lines))
        write(sheet, r_index, 0, cell_text(row.label, row.id), formats.label)
        if numbers:
            _number_row(sheet, r_index, filled.get(row.id, []), len(cols), (empty.value(value), plain), value, formats, extra)
            continue
        row_id = row.id
        for c_index, (col, v) in enumerate(zip(cols, values, strict=True), start=1):
            cell = cells.get((row_id, col.id))
            if cell is None or (not cell.practices and not cell.contested):
                write(sheet, r_index, c_index, cell_text(v if v != "" else EMPTY_MARK, row_id), plain)
                continue
            _filled(sheet, r_index, c_index, cell, v, extra)
    last_row, last_col = top + len(matrix.rows), len(matrix.cols)
    sheet.freeze_panes(top + 1, 1)
    sheet.autofilter(top, 0, last_row, last_col)
    sheet.repeat_columns(0)
    sheet.repeat_rows(top)
    return widths


def _filled(sheet, r: int, c: int, cell: Cell, v, extra) -> None:
    """A cell with practices or contested: its level's format, its link, its note."""
    links, corpus, formats, value = extra
    fmt = formats.cell(cell.level, cell.contested, value)
    url = links.get((cell.row, cell.col)) if links else None
    if url:  # the link first: write_url writes text, which the value then replaces
        sheet.write_url(r, c, url, fmt, str(v))
    write(sheet, r, c, cell_text(v if v != "" else EMPTY_MARK, cell.row), fmt)
    sheet.write_comment(r, c, cell_text(note(cell, corpus), cell.row), formats.comment)


def _number_row(sheet, r: int, stored: list[tuple[int, Cell]], columns: int, plain, value: str, formats, extra) -> None:
    """A row of numbers: the runs of plain cells between its stored ones in one go
    (:mod:`.xlsx_fast`), the cells with practices or contested one by one."""
    runs: list[tuple[int, int, Any, Any]] = []
    at = 1
    for c, cell in sorted(stored, key=lambda item: item[0]):
        if c > at:
            runs.append((at, c - 1, *plain))
        v = cell.value(value)
        if not cell.practices and not cell.contested:
            runs.append((c, c, v, formats.cell(cell.level, False, value)))
        else:
            _filled(sheet, r, c, cell, v, extra)
        at = c + 1
    if at <= columns:
        runs.append((at, columns, *plain))
    sheet.numbers(r, runs)


def _links(matrix: Matrix, corpus, base_url, site_anchor: bool, table, widths) -> dict | None:
    """Each linked cell's address: one practice's page, or the site matrix's cell. A link only
    where the text fits (LibreOffice does not wrap a linked cell). None past :data:`LINK_LIMIT`."""
    if not base_url:
        return {}
    found = {}
    r_index = {r.id: i for i, r in enumerate(matrix.rows)}
    c_index = {c.id: i for i, c in enumerate(matrix.cols)}
    for (row_id, col_id), cell in matrix.cells.items():
        if not cell.practices:
            continue
        if len(str(table[r_index[row_id]][c_index[col_id]])) + 2 > widths[c_index[col_id] + 1]:
            continue
        if len(cell.practices) == 1:
            url = link(base_url, corpus, cell.practices[0])
        else:
            url = f"{base_url.rstrip('/')}/matrix.html#cell-{local(row_id)}--{col_id}" if site_anchor else None
        if url:
            found[row_id, col_id] = url
    return found if len(found) <= LINK_LIMIT else None


def _title_block(
    sheet, matrix: Matrix, corpus, value: str, heading: tuple[str, str | None], widths, formats: Formats, dropped: bool
) -> None:
    """Above the table: the title, where the figures come from, the case's date and the unit of a
    cell, each merged across the table's width and wrapped (the legend sheet says the rest)."""
    documents = len(getattr(corpus, "documents", ()) or ())
    source = (
        f"Source: the statements recorded in lexmap from the case's {documents} document{'s' if documents != 1 else ''}; "
        "every statement behind a cell is on the detail sheet, with its quote and pinpoint."
        if corpus is not None
        else "Source: the statements recorded in lexmap; every statement behind a cell is on the detail sheet."
    )
    if dropped:
        source += f" The cells link to no site page: they would need more than Excel's {LINK_LIMIT:,} links."
    unit = (
        f"Rows: {matrix.row_kind}; columns: {matrix.col_kind}. Unit: each cell gives {MEASURES.get(value, value)}; "
        f"{EMPTY_MARK} none; {CONTESTED_MARK} contested. Levels and fills: see the legend sheet."
    )
    title, date = heading
    lines = (
        (title, formats.title),
        (source, formats.wrap),
        (f"Case date: {date or 'not given'}", formats.wrap),
        (unit, formats.wrap),
    )
    width = sum(widths)
    for index, (text, fmt) in enumerate(lines):
        scale = 1.5 if fmt is formats.title else 1.0
        sheet.set_row(index, wrapped_lines(text, width / scale) * LINE_HEIGHT * scale + 3)
        if len(widths) > 1:
            sheet.merge_range(index, 0, index, len(widths) - 1, cell_text(text, "title"), fmt)
        else:
            write(sheet, index, 0, cell_text(text, "title"), fmt)


def _printable(paper: str) -> float:
    """The width in points between a landscape page's side margins (the narrower of A4 and
    Letter is Letter: 279.4 mm against 297)."""
    return (max(PAPERS[paper][:2]) - 2 * PAPER_MARGIN_MM) / 25.4 * 72


def _header_footer_text(text: str) -> str:
    """Text for a print header or footer: ``&`` doubled (it starts a code), kept short."""
    text = " ".join(text.split())
    return (text[:97] + "..." if len(text) > 100 else text).replace("&", "&&")


def print_setup(sheet, widths: list[float], title: str, date: str | None, paper: str) -> None:
    """Landscape on ``paper``, one page wide (as many tall as needed) where the printed columns
    (``widths``) keep the text at :data:`MIN_PRINTED` pt or more, else across pages at 100 %;
    title and date in the page header, sheet name and page in the footer."""
    sheet.set_landscape()
    sheet.set_paper(PAPERS[paper][2])
    if _printable(paper) / (sum(widths) * PT_PER_UNIT) >= MIN_PRINTED / FONT_SIZE:
        sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=MARGIN_IN, right=MARGIN_IN, top=0.6, bottom=0.6)
    header = "&L" + _header_footer_text(title) + (f"&R{_header_footer_text(f'Corpus of {date}')}" if date else "")
    sheet.set_header(header, {"margin": 0.25})
    sheet.set_footer("&L&A&CPage &P of &N&Rlexmap", {"margin": 0.25})
