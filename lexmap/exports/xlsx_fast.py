"""The matrix sheet's plain numbers (most of a big matrix: 4 million cells at 4,000 x 1,032, all
but 2 % of them an empty cell's 0) written with less of XlsxWriter's per-cell work.

XlsxWriter spends about 7 µs on a cell: the checks of ``write_number``, then the escaping and
attribute lists of its XML writer. For a number in a cell format that is known to be plain, its
result is always ``<c r="B7" s="3"><v>0</v></c>``. :class:`MatrixWorksheet` puts each run of
such cells in the row it holds (where ``write_number`` puts one cell) and writes the run in one
string (what ``_write_cell`` writes for each). It leans on XlsxWriter's constant-memory internals
(the row table, ``_check_dimensions``, ``_write_cell``), pinned in constraints/test.txt:
``FAST = False`` takes XlsxWriter's own path, and a test checks that both give the same bytes.
"""

from __future__ import annotations

from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

TESTED = ("3.3.",)
"""The XlsxWriter releases whose internals the fast path was checked against (byte for byte, by
tests/test_report_outputs.py); any other release takes XlsxWriter's own path: slower, never wrong."""

FAST = str(getattr(xlsxwriter, "__version__", "")).startswith(TESTED) and all(
    hasattr(Worksheet, name) for name in ("_check_dimensions", "_write_cell")
)
"""Whether the matrix sheet takes the fast path (False: XlsxWriter's ``write_number`` per cell)."""


class _Run:
    """The same number in the same format in columns ``first`` to ``last``, held at the first
    one's place in the row table."""

    __slots__ = ("first", "last", "number", "format")

    def __init__(self, first: int, last: int, number: int | float, cell_format: Any):
        self.first, self.last, self.number, self.format = first, last, number, cell_format


class MatrixWorksheet(Worksheet):
    """A worksheet that also writes runs of plain numbers of a row in one call (:meth:`numbers`)."""

    def __init__(self) -> None:
        super().__init__()
        self._letters: list[str] = []

    def numbers(self, row: int, runs: list[tuple[int, int, Any, Any]]) -> None:
        """Runs ``(first column, last column, number, format)`` of row ``row`` (0-based), in
        column order, none with a link or a note, after a cell of the same row was written
        through the public API (which writes out the row before)."""
        if not runs:
            return
        if not FAST:
            for first, last, number, cell_format in runs:
                for column in range(first, last + 1):
                    self.write_number(row, column, number, cell_format)
            return
        self._check_dimensions(row, runs[0][0])
        self._check_dimensions(row, runs[-1][1])
        letters = self._letters
        while len(letters) <= runs[-1][1]:
            letters.append(xl_col_to_name(len(letters)))
        table = self.table[row]
        for first, last, number, cell_format in runs:
            table[first] = _Run(first, last, number, cell_format)

    def _write_cell(self, row: int, col: int, cell) -> None:
        if cell.__class__ is _Run:
            # what XlsxWriter writes for each of its cells (the format's index asked for in column
            # order, as XlsxWriter's own path asks it), one join for the run
            end = f'{row + 1}" s="{cell.format._get_xf_index()}"><v>{cell.number:.16G}</v></c>'
            self.fh.write('<c r="' + ('<c r="'.join(letter + end for letter in self._letters[cell.first : cell.last + 1])))
        else:
            super()._write_cell(row, col, cell)
