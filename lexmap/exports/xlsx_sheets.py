"""The matrix workbook's legend and detail sheets, and the note on a matrix cell.

The detail sheet is designed for paper (issue 28): one row per statement behind a cell, once
however many cells it feeds (listed by label, one line per matrix row), labels rather than ids,
wrapped, and only as tall as its printed columns need; the ids trail outside the print area,
for machines, and do not make a row taller.
"""

from __future__ import annotations

from ..languages import translation_line
from ..matrix import Matrix
from ..palette import CONTESTED, CONTESTED_MARK, LEVELS
from ..site.links import page_url
from . import MEASURES
from .xlsx_cells import BOLD_WIDTH, LINK_LIMIT, MAX_ROWS, Formats, SheetTooLarge, cell_text, height, row_lines, set_width, write

DETAIL_COLUMNS = (
    # heading, width: one landscape page wide at about 89 % on A4, 83 % on Letter (122 units); the
    # source is one column, speaker, document and pinpoint a line each: three narrow columns
    # wrapped a long pinpoint into a tall row (the bundled case's detail printed on 69 pages, now 35)
    ("Practice", 16),
    ("Cells it feeds", 18),
    ("Kind", 8),
    ("Speaker, document, pinpoint", 34),
    ("Quote", 46),
)
DETAIL_FIELDS = ("Speaker", "Document", "Pinpoint")
"""The source again, one field a column, for filters and machines: trailing, outside the print area."""
DETAIL_IDS = ("Statement id", "Practice id", "Document id", "Cell ids")
"""The detail sheet's trailing columns, for machines: outside the print area."""
TRAILING_WIDTH = 16
LINK_COLUMN = ("Site page", 8)
"""With a base URL: a link to the statement on the site (printed; the quote column gives up the room)."""


def link(base_url: str | None, corpus, id_: str) -> str | None:
    """The site page of record ``id_`` under ``base_url``, if it has one."""
    if not base_url or corpus is None:
        return None
    try:
        return page_url(base_url, corpus, id_)
    except (KeyError, ValueError):
        return None


def note(cell, corpus) -> str:
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


def legend_sheet(sheet, matrix: Matrix, value: str, title: str, date: str | None, formats: Formats) -> list[float]:
    """What the matrix's rows, columns, cells, levels and marks mean. Returns the column widths."""
    widths = [18.0, 90.0]
    for index, width in enumerate(widths):
        set_width(sheet, index, width)
    write(sheet, 0, 0, cell_text(title, "title"), formats.heading)
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
            "The detail sheet has one row per statement behind a cell, listing the cells it feeds: who says it "
            "(speaker, document), where (pinpoint) and in which words (quote).",
        ),
    ]
    r = 1
    for name, text in rows:
        _legend_row(sheet, r, widths, (name, formats.bold_wrap), (text, formats.wrap))
        r += 1
    r += 1  # a blank row before the levels
    _legend_row(sheet, r, widths, ("Level", formats.corner), ("Meaning", formats.corner))
    for level in LEVELS:
        r += 1
        _legend_row(sheet, r, widths, (level.name, formats.level(level.name)), (level.meaning, formats.framed))
    r += 1
    contested = (f"contested {CONTESTED_MARK}", formats.level("", contested=True))
    meaning = f"{CONTESTED.meaning} Shown by a dashed border and {CONTESTED_MARK} after the value."
    _legend_row(sheet, r, widths, contested, (meaning, formats.framed))
    return widths


def _legend_row(sheet, r: int, widths, *cells) -> None:
    lines = row_lines(
        (text, width * (BOLD_WIDTH if index == 0 else 1.0))
        for index, ((text, _), width) in enumerate(zip(cells, widths, strict=True))
    )
    if lines > 1:
        sheet.set_row(r, height(lines))
    for column, (text, fmt) in enumerate(cells):
        write(sheet, r, column, cell_text(text, "legend"), fmt)


def _statements(matrix: Matrix) -> dict[str, tuple[str, list[tuple[str, list[str]]], list[str]]]:
    """Each statement behind a cell, in the matrix's order: its kind, the cells it feeds (by
    row label, with the column labels of that row) and the cells' ids."""
    fed: dict[str, tuple[str, list[tuple[str, list[str]]], list[str]]] = {}

    rows = {r.id: r for r in matrix.rows}
    cols = {c.id: c for c in matrix.cols}
    order = {r.id: i for i, r in enumerate(matrix.rows)}, {c.id: i for i, c in enumerate(matrix.cols)}
    for (row_id, col_id), cell in sorted(matrix.cells.items(), key=lambda item: (order[0][item[0][0]], order[1][item[0][1]])):
        for statement_id in (*cell.claims, *cell.exhibits):
            kind = "claim" if statement_id in cell.claims else "exhibit"
            _, groups, ids = fed.setdefault(statement_id, (kind, [], []))
            label = rows[row_id].label
            if not groups or groups[-1][0] != label:
                groups.append((label, []))
            groups[-1][1].append(cols[col_id].label)
            ids.append(f"{row_id} / {col_id}")
    return fed


def cells_fed(groups: list[tuple[str, list[str]]]) -> str:
    """The cells a statement feeds, by label: the rows that feed the same columns on one line,
    "row; row \u00d7 column; column" (a claim feeds its practice's rows times its element's columns)."""
    by_columns: dict[tuple[str, ...], list[str]] = {}
    for row, cols in groups:
        by_columns.setdefault(tuple(cols), []).append(row)
    return "\n".join(f"{'; '.join(rows)} \u00d7 {'; '.join(cols)}" for cols, rows in by_columns.items())


def detail_sheet(sheet, matrix: Matrix, corpus, base_url, formats: Formats) -> list[float]:
    """One row per statement behind a cell, once however many cells it feeds (listed, by
    label: :func:`cells_fed`), in the matrix's order; labels, not ids, in the printed columns;
    the source a field a column and the ids trail, outside the print area. With ``base_url`` a
    column links to the statement on the site (its own column: LibreOffice does not wrap a
    linked cell's text), unless there are more statements than Excel's links on a sheet.
    Returns the printed columns' widths."""
    fed = _statements(matrix)
    if len(fed) + 1 > MAX_ROWS:
        raise SheetTooLarge(
            f"the detail sheet needs more than the {MAX_ROWS:,} rows Excel and LibreOffice keep: "
            "lexmap writes no such XLSX (write the matrix as CSV, or a smaller one)"
        )
    base_url = base_url if len(fed) <= LINK_LIMIT else None  # Excel's links per sheet: all or none
    columns: list[tuple[str, int]] = list(DETAIL_COLUMNS)
    if base_url:
        quote, quote_width = columns.pop()
        columns += [(quote, quote_width - LINK_COLUMN[1]), LINK_COLUMN]
    printed = [float(w) for _, w in columns]
    trailing = DETAIL_FIELDS + DETAIL_IDS
    for index, each in enumerate(printed + [float(TRAILING_WIDTH)] * len(trailing)):
        set_width(sheet, index, each)
    for index, heading in enumerate([h for h, _ in columns] + list(trailing)):
        write(sheet, 0, index, heading, formats.corner)
    speakers = corpus.sources().speakers if fed else (lambda _statement: ())  # no statement: maybe no corpus
    for r, (statement_id, (kind, groups, cell_ids)) in enumerate(fed.items(), start=1):
        statement = corpus[statement_id]
        practice, document = corpus[statement.practice], corpus[statement.document]
        source = (
            "; ".join(corpus[a].name for a in speakers(statement)),
            document.title,
            statement.pinpoint,
        )
        texts = [
            cell_text(v, statement_id)
            for v in (
                practice.label,
                cells_fed(groups),
                f"{kind}, {statement.stance}" if kind == "claim" and statement.stance else kind,
                "\n".join(filter(None, source)),
                "\n\n".join(filter(None, (statement.quote, translation_line(statement, corpus.actors)))),  # issue 27
            )
        ]
        lines = row_lines(zip(texts, printed, strict=False))
        if lines > 1:
            sheet.set_row(r, height(lines))
        for index, text in enumerate(texts):
            write(sheet, r, index, text, formats.framed)
        column = len(texts)
        if base_url:
            url = link(base_url, corpus, statement.id)
            if url:
                sheet.write_url(r, column, url, formats.framed_link, "open")
            else:
                write(sheet, r, column, None, formats.framed)
            column += 1
        for index, text in enumerate((*source, statement.id, practice.id, document.id, "\n".join(cell_ids))):
            write(sheet, r, column + index, cell_text(text, statement_id), formats.wrap)
    last = max(len(fed), 1)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last, len(columns) + len(trailing) - 1)
    sheet.print_area(0, 0, last, len(columns) - 1)  # the ids are for machines
    sheet.repeat_rows(0)
    return printed
