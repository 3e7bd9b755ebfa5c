"""The matrix as a Markdown (GitHub) table."""

from __future__ import annotations

import re

from ..matrix import Matrix

_INLINE = re.compile(r"([\\`*_\[\]|~])")


def escape_markdown(text: str | int) -> str:
    """Text that renders as itself inside a table cell: inline Markdown punctuation
    backslash-escaped, ``&`` and ``<`` as entities (no HTML), line breaks folded."""
    text = _INLINE.sub(r"\\\1", " ".join(str(text).split()))
    return text.replace("&", "&amp;").replace("<", "&lt;")


def matrix_markdown(matrix: Matrix, value: str = "count") -> str:
    head = ["", *(escape_markdown(c.label) for c in matrix.cols)]
    lines = [
        "| " + " | ".join(head) + " |",
        "| " + " | ".join(["---"] + ["---:" if value in ("count", "independent") else "---"] * len(matrix.cols)) + " |",
    ]
    for row, values in zip(matrix.rows, matrix.values(value)):
        lines.append("| " + " | ".join([escape_markdown(row.label), *(escape_markdown(v) for v in values)]) + " |")
    return "\n".join(lines) + "\n"
