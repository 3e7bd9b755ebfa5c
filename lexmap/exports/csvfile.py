"""The matrix as CSV (RFC 4180): UTF-8, one header row, one value form per cell.

Rows end in CRLF, so that the csv module quotes every field holding a CR or an LF (with LF
rows it leaves a bare CR unquoted, and the text after it becomes a row of its own in some
readers); formulas are neutralised at the start of every line of a field, not only the first.
"""

from __future__ import annotations

import csv
import io

from ..matrix import Matrix
from .spreadsheet import neutralise_lines


def matrix_csv(matrix: Matrix, value: str = "count") -> str:
    """Columns: the row id and label, then one column per matrix column (headed by its id)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["id", "label", *(neutralise_lines(c.id) for c in matrix.cols)])
    for row, values in zip(matrix.rows, matrix.values(value), strict=True):
        writer.writerow([neutralise_lines(row.id), neutralise_lines(row.label), *(neutralise_lines(v) for v in values)])
    return out.getvalue()
