"""Checking that a quote is verbatim in a text.

Only whitespace and typographic quotes are normalised; ``[...]`` (or ``[…]``)
in a quote marks an omission, and the parts must appear in order.
"""

from __future__ import annotations

import re

_TYPOGRAPHIC = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "})
_SPACE = re.compile(r"\s+")
OMISSION = re.compile(r"\s*\[(?:\.\.\.|…)\]\s*")


def normalise(text: str) -> str:
    """Collapse whitespace runs to one space and typographic quotes to ASCII ones."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


def quote_parts(quote: str) -> list[str]:
    """The normalised pieces of ``quote`` between omission marks."""
    return [normalise(part) for part in OMISSION.split(quote) if part.strip()]


def find_quote(quote: str, text: str) -> int | None:
    """Offset in ``normalise(text)`` where ``quote`` starts, or None when it is not verbatim there."""
    return find_normalised(quote, normalise(text))


def find_normalised(quote: str, haystack: str) -> int | None:
    """:func:`find_quote` in a text already passed through :func:`normalise` (normalise a long
    text once, not once per quote)."""
    parts = quote_parts(quote)
    if not parts:
        return None
    start, first = 0, None
    for part in parts:
        found = haystack.find(part, start)
        if found < 0:
            return None
        first = found if first is None else first
        start = found + len(part)
    return first
