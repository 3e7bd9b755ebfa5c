"""Languages of documents and translations of quotes (issue 27, item 6).

A quote is verbatim in its document's language and checked there; a statement may carry an
English ``translation`` and say who made it (``translation_by``: an actor id, or a named machine
translation with its date). Language tags are BCP 47 (RFC 5646, https://www.rfc-editor.org/rfc/rfc5646):
checked for their shape here, so a citation can trust ``language`` to decide on re-casing a title.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .model import is_iso_date

# RFC 5646 section 2.1, the common shapes: language (2-3 letters), script, region, variants
BCP47 = re.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?(?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*", re.ASCII)
MACHINE = re.compile(r"machine:\s*(?P<name>[^,]*\S)\s*,\s*(?P<date>\S+)")
"""A machine translation: ``machine: DeepL, 2024-05-02`` (the tool, the day it was run)."""

Report = Callable[..., None]


def is_english(language: str | None) -> bool:
    """Whether a title in ``language`` may be re-cased by a citation style (English, or not known)."""
    return language is None or language.lower() == "en" or language.lower().startswith("en-")


def title_language(document) -> str | None:
    """The language of a document's title: ``title_language``, else ``language``."""
    return document.title_language or document.language


def check_document(document, report: Report) -> None:
    """A document's language tags are BCP 47, and say something."""
    for field in ("language", "title_language"):
        tag = getattr(document, field)
        if tag is not None and not BCP47.fullmatch(tag):
            report(document, (field,), f"{tag!r} is not a BCP 47 language tag", "write es, en, fr or es-CU")
    if document.title_language and document.title_language == document.language:
        report(document, ("title_language",), "title_language repeats language", "leave title_language out")
    if document.original_title and document.original_title == document.title:
        report(document, ("original_title",), "original_title repeats title", "leave original_title out")


def check_translation(statement, expect: Callable[[object, tuple, str | None, str], bool], report: Report) -> None:
    """A translation says who made it, and who made it is an actor or a dated machine translation."""
    by = statement.translation_by
    if statement.translation is None:
        if by is not None:
            report(statement, ("translation_by",), "translation_by without a translation", "add translation: or remove it")
        return
    if by is None:
        report(
            statement,
            ("translation",),
            "a translation needs translation_by",
            "name the actor who translated, or write translation_by: 'machine: DeepL, 2024-05-02'",
        )
        return
    if by.startswith("machine:"):
        match = MACHINE.fullmatch(by)
        if not match or not is_iso_date(match["date"]):
            report(
                statement,
                ("translation_by",),
                f"{by!r} does not name a machine translation and its date",
                "write 'machine: NAME, YYYY-MM-DD', e.g. 'machine: DeepL, 2024-05-02'",
            )
        return
    expect(statement, ("translation_by",), by, "actor")


def translator(by: str | None, actors: Mapping) -> str:
    """Who translated, in words: the actor's name, or "DeepL, machine translation of 2024-05-02"."""
    match = MACHINE.fullmatch(by or "")
    if match:
        return f"{match['name']}, machine translation of {match['date']}"
    return getattr(actors.get(by), "name", by) if by else "translator not recorded"


def translation_line(statement, actors: Mapping) -> str | None:
    """The line every output prints under a quote that has a translation (``actors``: the
    corpus's, by id), or None. The quote itself is always printed verbatim, above it."""
    if not getattr(statement, "translation", None):
        return None
    return f"Translation ({translator(statement.translation_by, actors)}): {statement.translation}"
