"""Spreadsheet safety: text that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_LINE_FORMULA = re.compile(r"(?:^|(?<=[\r\n]))(?=[=+\-@\t\r])")


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
