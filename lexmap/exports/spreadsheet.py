"""Spreadsheet safety: text that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix ``'`` to text starting with =, +, -, @, tab or carriage return (OWASP's advice
    against CSV injection); other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
