"""The matrix as a standalone, escaped HTML page (cells link to the site when a base URL is given)."""

from __future__ import annotations

from html import escape

from ..matrix import Matrix
from ..site.links import page_url


def matrix_html(matrix: Matrix, value: str = "count", base_url: str | None = None, corpus=None) -> str:
    """An HTML table; each cell's tooltip lists its practices and documents, and with
    ``base_url`` (and the ``corpus``) each cell links to its practices' pages on the site."""
    head = "".join(f'<th scope="col" title="{escape(c.id)}">{escape(c.label)}</th>' for c in matrix.cols)
    rows = []
    for row in matrix.rows:
        cells = []
        for col in matrix.cols:
            cell = matrix.cell(row.id, col.id)
            title = f"practices: {', '.join(cell.practices) or 'none'}; documents: {', '.join(cell.documents) or 'none'}"
            shown = escape(str(cell.value(value)))
            if base_url and cell.practices:
                shown += "<br>" + ", ".join(
                    f'<a href="{escape(page_url(base_url, corpus, p))}">{escape(p)}</a>' for p in cell.practices
                )
            cells.append(f'<td class="{escape(cell.level)}{" contested" if cell.contested else ""}" title="{escape(title)}">{shown}</td>')
        rows.append(f'<tr><th scope="row" title="{escape(row.id)}">{escape(row.label)}</th>{"".join(cells)}</tr>')
    return (
        '<table class="lexmap-matrix">'
        f'<thead><tr><th></th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def matrix_page(matrix: Matrix, value: str = "count", base_url: str | None = None, corpus=None) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>lexmap matrix: {escape(matrix.row_kind)} x {escape(matrix.col_kind)}</title>"
        "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .5em}"
        "td.argued{background:#fff3c4}td.corroborated{background:#c8e6c9}td.contested{outline:2px solid #c62828}</style>"
        f"</head><body>{matrix_html(matrix, value, base_url, corpus)}</body></html>\n"
    )
