"""The matrix as a standalone HTML page to read, print or attach: the notebook's table, the
shared palette, a legend, and links to the site when a base URL is given."""

from __future__ import annotations

from html import escape

from ..matrix import Matrix
from ..palette import CONTESTED, CONTESTED_MARK, LEVELS, table_css
from ..results import kind_heading, matrix_table_html
from ..site.links import page_url
from ..urls import address_problem
from . import MEASURES

_PAGE_CSS = (
    "body{font-family:system-ui,sans-serif;margin:1.5em;color:#000;background:#fff}"
    "h1{font-size:1.3em;margin:0 0 .2em}.meta{margin:0 0 .8em;color:#333}"
    ".legend{list-style:none;padding:0;margin:0 0 1em;display:flex;flex-wrap:wrap;gap:.4em 1.2em;font-size:.9em}"
    ".legend .swatch{display:inline-block;min-width:2em;padding:0 .4em;margin-right:.3em;border:1px solid #999;"
    "text-align:center;print-color-adjust:exact;-webkit-print-color-adjust:exact}"
    ".legend .swatch.contested{outline:2px dashed " + CONTESTED.colour + ";outline-offset:-3px}"
    ".lexmap-matrix{font-size:.85em}.lexmap-matrix tbody th{min-width:9em}"
    "@page{size:landscape;margin:12mm}"
    "@media print{body{margin:0;font-size:9pt}a{color:inherit;text-decoration:none}.screen{display:none}"
    ".lexmap-matrix thead{display:table-header-group}.lexmap-matrix tr{break-inside:avoid}}"
)


def check_base_url(url: str) -> str:
    """``url`` if it is an http or https address with a host (:func:`lexmap.urls.address_problem`,
    the check of every URL of the data); else ValueError: a ``javascript:`` base would put a
    script in every link."""
    problem = address_problem(url)
    if problem is not None:
        raise ValueError(f"the base URL {url!r} is not an http or https address such as 'https://example.org/site/': {problem}")
    return url


def matrix_html(matrix: Matrix, value: str = "count", base_url: str | None = None, corpus=None) -> str:
    """An HTML table; each cell's tooltip lists its practices and documents, and with
    ``base_url`` (and the ``corpus``) each cell links to its practices' pages on the site."""
    if base_url is not None:
        check_base_url(base_url)
    link = (lambda practice: page_url(base_url, corpus, practice)) if base_url else None
    return matrix_table_html(matrix, value, link)


def legend_html(matrix: Matrix, value: str = "count") -> str:
    """The legend: what a value is, the levels with their fills, how contested is marked."""
    items = [f'<li><span class="swatch {s.name}">{s.name}</span>{escape(s.meaning)}</li>' for s in LEVELS] + [
        f'<li><span class="swatch contested"><span class="marker">{CONTESTED_MARK}</span></span>'
        f"contested (dashed outline, {CONTESTED_MARK} after the value): {escape(CONTESTED.meaning)}</li>"
    ]
    return (
        f'<p class="meta">Rows: {escape(matrix.row_kind)}; columns: {escape(matrix.col_kind)}. '
        f"A cell holds the practices of its row argued to satisfy its column; its value is "
        f'{escape(MEASURES.get(value, value))}.<span class="screen"> Hover a cell for its practices and documents.</span></p>'
        f'<ul class="legend">{"".join(items)}</ul>'
    )


def matrix_page(
    matrix: Matrix,
    value: str = "count",
    base_url: str | None = None,
    corpus=None,
    *,
    title: str | None = None,
    date: str | None = None,
) -> str:
    """A standalone page: heading (``title``, default "lexmap matrix"; ``date`` of the corpus),
    legend and table, readable on screen and printed (landscape, colours kept)."""
    heading = title or "lexmap matrix"
    subtitle = f"{kind_heading(matrix.row_kind)} by {kind_heading(matrix.col_kind).lower()}"
    meta = subtitle + (f"; corpus of {date}" if date else "")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(heading)}: {escape(subtitle.lower())}</title>"
        f"<style>{table_css()}{_PAGE_CSS}</style></head><body>"
        f'<h1>{escape(heading)}</h1><p class="meta">{escape(meta)}</p>'
        f"{legend_html(matrix, value)}{matrix_html(matrix, value, base_url, corpus)}</body></html>\n"
    )
