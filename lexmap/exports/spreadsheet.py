"""Spreadsheet safety: text that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_LINE_FORMULA = re.compile(r"(?:^|(?<=[\r\n]))(?=[=+\-@\t\r])")
# Where a spreadsheet may start a new cell on a comment line: every delimiter it may be set to
# guess (comma, semicolon, tab, pipe) and a quote mark, then any spaces.
_CELL_FORMULA = re.compile(r"(?<=[,;|\"]) *+(?=[=+\-@])")


def neutralise(value):
    """Prefix ``'`` to text starting with =, +, -, @, tab or carriage return (OWASP's advice
    against CSV injection); other values pass unchanged. For an XLSX cell, which only its start
    can make a formula: text past a line break stays verbatim (quotes are evidence)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_lines(value):
    """:func:`neutralise` at the start of every line (after CR, LF or CRLF): for CSV, where a
    reader that mishandles quoted line breaks starts a new row at each of them."""
    if isinstance(value, str):
        return _LINE_FORMULA.sub("'", value)
    return value


def comment_line(caption: str) -> str:
    """The ``#`` first line of a CSV: the caption on one line, with a formula neutralised after
    every delimiter or quote mark. Readers that honour the comment skip the line; one that splits
    it into cells (LibreOffice and Excel do) gets text in every cell, not a formula."""
    text = " ".join(caption.split())  # one line, whatever the caption holds; tabs become spaces
    return "# " + _CELL_FORMULA.sub(lambda m: m.group() + "'", text) + "\r\n"
