"""The matrix as CSV: UTF-8, one header row, one value form per cell."""

from __future__ import annotations

import csv
import io

from ..matrix import Matrix
from .spreadsheet import neutralise


def matrix_csv(matrix: Matrix, value: str = "count") -> str:
    """Columns: the row id and label, then one column per matrix column (headed by its id)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "label", *(neutralise(c.id) for c in matrix.cols)])
    for row, values in zip(matrix.rows, matrix.values(value)):
        writer.writerow([neutralise(row.id), neutralise(row.label), *(neutralise(v) for v in values)])
    return out.getvalue()
