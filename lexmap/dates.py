"""Dates as lexmap compares them: each a range of days, from the first day it may mean to the last.

A date known to the year (``1953``) may be any day of 1953; ``2013-06~`` (EDTF:
about June 2013) and ``2013-06-20/2013-07-20`` (an interval) are ranges too. A
comparison that a range cannot settle is *uncertain*, never guessed. ISO dates
(``2013``, ``2013-06``, ``2013-06-20``) are read directly; the other forms of
EDTF level 1 through the ``edtf`` package (https://github.com/ixc/python-edtf).
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import io
import re

import attrs

EXPECTED = (
    "an ISO date (2013-06-20), a month (2013-06), a year (2013), or an EDTF date or interval "
    "(2013-06~, 2013?, 2013-06-20/2013-07-20)"
)
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
MAX_EDTF = 100
"""The longest EDTF text read: an interval of two qualified days is 25 characters; a set of
2,000 dates took the parser 20 s, and a set of nine 0.5 s (sets are refused: not a period)."""
_LONG_YEAR = re.compile(r"[YE]")
"""EDTF's long years and exponents (``Y17E7``) name years past 9999, which no date here holds;
``Y1E999999999`` made the edtf package compute a number of a billion digits (a hang)."""


@attrs.frozen
class DateRange:
    """The days a written date may mean: ``lower`` to ``upper``, both included."""

    text: str
    lower: datetime.date
    upper: datetime.date

    @property
    def exact(self) -> bool:
        return self.lower == self.upper

    def before(self, other: DateRange) -> bool:
        """Whether every day of this range comes before every day of ``other``."""
        return self.upper < other.lower

    def __str__(self) -> str:
        return self.text


def parse_date(text: object) -> DateRange:
    """The range of days ``text`` means; ``ValueError`` naming the accepted forms otherwise."""
    if isinstance(text, datetime.date):
        return DateRange(text.isoformat(), text, text)
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a date: give {EXPECTED}")
    match = _ISO.fullmatch(text)
    if match:
        year_text, month_text, day_text = match.groups()  # the year is always there
        year = int(year_text)
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
        try:
            if month is not None and day is not None:
                lower = upper = datetime.date(year, month, day)
            elif month is not None:
                lower = datetime.date(year, month, 1)
                upper = datetime.date(year, month, calendar.monthrange(year, month)[1])
            else:
                lower, upper = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        except ValueError:
            raise ValueError(f"{text!r} is not a date that exists: give {EXPECTED}") from None
        if year == 0:
            raise ValueError(f"{text!r} is not a date that exists: give {EXPECTED}")
        return DateRange(text, lower, upper)
    return _edtf(text)


def _edtf(text: str) -> DateRange:
    if len(text) > MAX_EDTF:
        raise ValueError(f"a date of {len(text)} characters is not a date lexmap can read (at most {MAX_EDTF}): give {EXPECTED}")
    if "[" in text or "{" in text:
        raise ValueError(f"{text!r} is a set of dates (EDTF level 2), not a period: give the interval from its first to its last")
    if _LONG_YEAR.search(text):
        raise ValueError(f"{text!r} names a year past 9999 (EDTF's Y or E), which lexmap cannot hold: give {EXPECTED}")
    try:
        import edtf
    except ImportError:  # pragma: no cover - edtf is a dependency
        raise ValueError(f"{text!r} is not an ISO date, and the edtf package that reads other forms is missing") from None
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the parser prints its retries of "../2013"
            parsed = edtf.parse_edtf(text)
        lower, upper = parsed.lower_fuzzy(), parsed.upper_fuzzy()
        return DateRange(text, datetime.date(*lower[:3]), datetime.date(*upper[:3]))
    except Exception:  # edtf raises its own errors, and TypeError for open ends ("../2013")
        raise ValueError(f"{text!r} is not a date lexmap can read: give {EXPECTED}") from None


def today() -> DateRange:
    return parse_date(datetime.date.today())
