"""Where the law library's texts come from: each provision's source, its checks, its variants.

A provision's ``source`` covers it and every provision below it that has no source of its own,
so an article's source speaks for its paragraphs. A text that rests on its source alone (no
independent copy compared) is counted, so that ``lexmap validate`` can say how many there are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import attrs

from . import quotes
from .model import Instrument, Provision, TextSource
from .urls import address_problem


@attrs.frozen
class TextProvenance:
    """How the law library's provision texts are sourced: counts of provisions with text."""

    with_text: int
    sourced: int
    single_copy: tuple[str, ...]
    """Ids of provisions whose text was not checked against any independent copy."""
    unsourced: tuple[str, ...]
    """Ids of provisions with a text but no recorded source."""

    def summary(self) -> str:
        return (
            f"law texts: {self.with_text} provision(s) with text, {self.sourced} with a recorded source; "
            f"{len(self.single_copy)} rest on a single copy, {len(self.unsourced)} have no recorded source."
        )


def sourced_provisions(instruments: Iterable[Instrument]) -> Iterator[tuple[Provision, TextSource | None]]:
    """Every provision with its source: its own, else the nearest enclosing provision's."""
    for instrument in instruments:
        stack: list[tuple[Provision, TextSource | None]] = [(p, None) for p in reversed(instrument.provisions)]
        while stack:
            provision, inherited = stack.pop()
            source = provision.source or inherited
            yield provision, source
            stack.extend((child, source) for child in reversed(provision.provisions))


def text_provenance(instruments: Iterable[Instrument]) -> TextProvenance:
    with_text, sourced, single, unsourced = 0, 0, [], []
    for provision, source in sourced_provisions(instruments):
        if not provision.text:
            continue
        with_text += 1
        if source is None:
            unsourced.append(provision.id)
            continue
        sourced += 1
        if source.single_copy:
            single.append(provision.id)
    return TextProvenance(with_text, sourced, tuple(single), tuple(unsourced))


def check_sources(instrument: Instrument, report: Callable[[str, tuple, str, str], None]) -> None:
    """Report a source that cannot be followed or that contradicts its own provision's text:
    ``report(provision_id, field_path, message, hint)``."""
    for top in instrument.provisions:
        for provision in top.walk():
            source = provision.source
            if source is None:
                continue
            text = " ".join(p.text for p in provision.walk() if p.text)
            if not text:
                report(
                    provision.id,
                    ("source",),
                    "a source is recorded but the provision has no text",
                    "add the text copied from the source, or remove the source",
                )
            if (problem := address_problem(source.url)) is not None:
                report(
                    provision.id,
                    ("source", "url"),
                    f"{source.url[:80]!r} is not an http or https address: {problem}",
                    "give the http(s) address of the copy the text was taken from",
                )
            copies = [source.url]
            for index, copy in enumerate(source.checked_against):
                where: tuple[str | int, ...] = ("source", "checked_against", index, "url")
                if (problem := address_problem(copy.url)) is not None:
                    report(
                        provision.id,
                        where,
                        f"{copy.url[:80]!r} is not an http or https address: {problem}",
                        "give the http(s) address of the copy compared",
                    )
                elif copy.url in copies:
                    report(
                        provision.id,
                        where,
                        f"{copy.url[:80]!r} is listed twice (or is the source itself)",
                        "list each independent copy once; the source is not a check of itself",
                    )
                copies.append(copy.url)
            for index, variant in enumerate(source.variants):
                where = ("source", "variants", index)
                if variant.copy not in copies:
                    report(
                        provision.id,
                        where + ("copy",),
                        f"variant copy {variant.copy[:80]!r} is neither the source nor a checked copy",
                        "name the copy that reads so by its url, and list it under checked_against",
                    )
                if variant.reading == variant.instead_of:
                    report(
                        provision.id,
                        where + ("reading",),
                        "the variant reading is the same as the text",
                        "write the copy's reading under reading, the text's words under instead_of",
                    )
                if not text:
                    continue
                places = quotes.normalise(text).count(quotes.normalise(variant.instead_of))
                if places != 1:
                    report(
                        provision.id,
                        where + ("instead_of",),
                        f"instead_of not found verbatim in the text of {provision.id!r}"
                        if not places
                        else f"instead_of occurs {places} times in the text of {provision.id!r}",
                        "copy the words exactly from the provision's text (or one of its sub-provisions)"
                        if not places
                        else "give more of the words around it, so that they name one place",
                    )
