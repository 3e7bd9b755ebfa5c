"""The field types and the base every record shares: ids, ISO dates, web addresses, the limits
on text and lists, and the record's notebook display. Below both the law library's records
(:mod:`lexmap.law_records`) and the case's (:mod:`lexmap.model`)."""

from __future__ import annotations

import datetime
import re
import typing
from typing import NewType

import attrs

Id = NewType("Id", str)
"""A slug (``passport-retention``) or a qualified slug (``palermo/art-3-a``)."""
IsoDate = NewType("IsoDate", str)
"""An ISO 8601 date as precise as the source: ``2000-11-15``, ``2022-08`` or ``2019``."""
WebAddress = NewType("WebAddress", str)
"""An http or https address with a host (checked by :func:`lexmap.urls.address_problem`)."""
EventDate = NewType("EventDate", str)
"""When the conduct a statement reports happened: an EDTF date or interval (``2013``, ``2013-06~``,
``2010/2016``), read by :mod:`lexmap.dates`; distinct from its document's date."""


class _Record:
    """Base of every record: an escaped HTML table in notebooks."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from .display import record_html

        return record_html(self)


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID = re.compile(rf"{SLUG.pattern}(?:/{SLUG.pattern})?")
# re.ASCII: \d is 0-9 only (not full-width or Arabic-Indic digits); the pattern text is also the JSON Schema's
ISO_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?", re.ASCII)
MAX_ID_LENGTH = 100
MAX_LENGTH = "max_length"
"""A text field's metadata key: the most characters its value (each item, for a list) may hold.
The manifest's fields have one: they are copied onto every page of a site (a 2 MB title made a
395 MB site of 28 pages) and into the first line of every command."""
MAX_SHORT = 2_000
"""The most characters of a label, name, title, pinpoint, unit or any other short text of a record
(the longest in the bundled corpus and law library: a pinpoint of 295, a title of 199). A label is
copied onto every page of a site: a 4 MiB practice label made a 492 MB site."""
MAX_ADDRESS = 4_000
"""The most characters of a web address: twice the 2,048 of the sitemap protocol and of common
browsers (the longest recorded: 294)."""
MAX_LONG = 100_000
"""The most characters of a quote, a translation, a law text or a note: some 40 printed pages (the
longest recorded: a note of 1,534, a provision's text of 735, a quote of 692)."""
LONG_FIELDS = frozenset({"quote", "translation", "text", "words", "reading", "instead_of", "note", "notes", "description"})
"""The fields of words copied from a source or of prose, bounded by MAX_LONG; the other texts by MAX_SHORT."""
MIN_ITEMS = "min_items"
"""A list field's metadata key: the fewest items its value may hold (a reading is about something)."""
RESERVED_IDS = frozenset({"index"})
"""Ids no top-level record may take: each site section's list page is ``<section>/index.md``."""


def is_iso_date(text: str) -> bool:
    """Whether ``text`` is an ISO date that exists: ASCII digits, year 0001-9999, a real calendar day."""
    if not ISO_DATE.fullmatch(text) or text[:4] == "0000":
        return False
    try:
        datetime.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:  # 2023-02-30
        return False
    return True


def date_before(a: str, b: str) -> bool:
    """Whether ISO date ``a`` certainly ends before ``b`` begins, comparing only the precision
    both have (``2022`` is not before ``2022-08``)."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def text_limit(field: attrs.Attribute, type_: object) -> int | None:
    """The most characters ``field`` (of type ``type_``) may hold, each item for a list: its
    :data:`MAX_LENGTH` if it has one, else by its kind; None for what is not free text (ids,
    dates and enumerations have bounds of their own)."""
    if MAX_LENGTH in field.metadata:
        return field.metadata[MAX_LENGTH]
    args = typing.get_args(type_)
    inner = next((a for a in args if a is not type(None) and a is not Ellipsis), type_) if args else type_
    if inner is WebAddress:
        return MAX_ADDRESS
    if inner is not str:
        return None
    return MAX_LONG if field.name in LONG_FIELDS else MAX_SHORT
