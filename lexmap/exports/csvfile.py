"""The matrix as CSV (RFC 4180): UTF-8, a comment line, one header row, one value form per cell.

The first line, starting with ``#``, names the case, its date and what a cell shows, as every
other format's caption does: ``#`` is the comment prefix of the W3C's CSV dialect
(https://www.w3.org/TR/tabular-metadata/#dialect-descriptions), so readers skip it with
``pandas.read_csv(path, skiprows=1)``, ``read.csv(path, comment.char="#")`` in R, or CSVW tools.

Rows end in CRLF, so that the csv module quotes every field holding a CR or an LF (with LF
rows it leaves a bare CR unquoted, and the text after it becomes a row of its own in some
readers); formulas are neutralised at the start of every line of a field, not only the first,
and after every delimiter of the comment line.
"""

from __future__ import annotations

import csv
import io

from ..matrix import Matrix
from .spreadsheet import comment_line, neutralise_lines


def matrix_csv(
    matrix: Matrix, value: str = "count", *, title: str | None = None, date: str | None = None, measure: str | None = None
) -> str:
    """The caption line, then columns: the row id and label, then one column per matrix column (headed by its id)."""
    what = f"{matrix.row_kind} (rows) by {matrix.col_kind} (columns); each cell: {measure or value}"
    caption = (title or "lexmap matrix") + (f" ({date})" if date else "") + f": {what}."
    out = io.StringIO()
    out.write(comment_line(caption))
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["id", "label", *(neutralise_lines(c.id) for c in matrix.cols)])
    for row, values in zip(matrix.rows, matrix.values(value), strict=True):
        writer.writerow([neutralise_lines(row.id), neutralise_lines(row.label), *(neutralise_lines(v) for v in values)])
    return out.getvalue()
