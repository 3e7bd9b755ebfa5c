"""The matrix as a Markdown (GitHub) table."""

from __future__ import annotations

import re

from ..matrix import Matrix
from ..palette import EMPTY_MARK

_INLINE = re.compile(r"([\\`*_\[\]|~])")


def escape_markdown(text: str | int) -> str:
    """Text that renders as itself inside a table cell: inline Markdown punctuation
    backslash-escaped, ``&`` and ``<`` as entities (no HTML), line breaks folded."""
    text = _INLINE.sub(r"\\\1", " ".join(str(text).split()))
    return text.replace("&", "&amp;").replace("<", "&lt;")


def matrix_markdown(
    matrix: Matrix, value: str = "count", *, title: str | None = None, date: str | None = None, measure: str | None = None
) -> str:
    """The table, after a caption line naming the case, its date and what a cell shows (when given)."""
    head = ["", *(escape_markdown(c.label) for c in matrix.cols)]
    caption = []
    if title or measure:
        what = f"{matrix.row_kind} (rows) by {matrix.col_kind} (columns)" + (f"; each cell: {measure}" if measure else "")
        caption = [
            f"**{escape_markdown(title or 'lexmap matrix')}**"
            + (f" ({escape_markdown(date)})" if date else "")
            + f": {escape_markdown(what)}.",
            "",
        ]
    lines = [
        *caption,
        "| " + " | ".join(head) + " |",
        "| " + " | ".join(["---"] + ["---:" if value in ("count", "independent") else "---"] * len(matrix.cols)) + " |",
    ]
    for row, values in zip(matrix.rows, matrix.values(value), strict=True):
        # an empty cell prints the site's "–", not 0 (CSV and JSON keep the number)
        shown = (EMPTY_MARK if v in (0, "") else escape_markdown(v) for v in values)
        lines.append("| " + " | ".join([escape_markdown(row.label), *shown]) + " |")
    return "\n".join(lines) + "\n"
