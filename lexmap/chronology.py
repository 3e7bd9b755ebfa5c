"""The case in time: every statement with the date of the conduct it reports (its ``when``, an EDTF
date or interval, not its document's date), in order of that date, and for each whether the
practice's state was bound, on that date, by the instrument it is argued under.

The order is the event's first possible day, then its last; statements without a ``when`` come
last, each saying it has none (never placed at its document's date: a report of 2022 about
passports withheld since 2013 is not an event of 2022). The binding is
:func:`lexmap.ratification.party_status` on the event's range of days: a period that a
ratification falls inside is *uncertain*, never guessed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import attrs

from .dates import parse_date
from .ratification import party_status

if TYPE_CHECKING:
    from .corpus import Corpus

UNDATED = "undated: no event date recorded (listed last)"


@attrs.frozen
class Event:
    """One statement on the case's time line; ``lower`` and ``upper`` are ISO days (None: undated)."""

    when: str | None
    lower: str | None
    upper: str | None
    certainty: str
    statement: str
    kind: str
    """claim, attestation or exhibit."""
    stance: str
    practice: str
    practice_label: str
    elements: tuple[str, ...]
    """The element a claim argues, or the indicator an exhibit names."""
    document: str
    document_title: str
    document_date: str | None
    speaker: str
    """Who says it: the speaker, else the document's authors or publisher (names)."""
    pinpoint: str
    quote: str
    state: str | None
    bound: str
    """For each instrument the statement (a claim), or the practice's claims, argue under: the
    state's status on the event's dates, as "palermo: party (bound)"; or why there is none."""


def certainty(text: str) -> str:
    """How exact an event date is, in words: its qualifier (approximate, uncertain) and precision."""
    qualifiers = {"~": "approximate", "?": "uncertain", "%": "approximate and uncertain"}
    words = [word for mark, word in qualifiers.items() if mark in text]
    found = parse_date(text)
    if "/" in text:
        words.append(f"interval, {found.lower.isoformat()} to {found.upper.isoformat()}")
    elif found.exact:
        words.append("to the day")
    elif re.fullmatch(r"\d{4}-\d{2}[~?%]?", text):
        words.append("to the month")
    elif re.fullmatch(r"\d{4}[~?%]?", text):
        words.append("to the year")
    else:
        words.append(f"between {found.lower.isoformat()} and {found.upper.isoformat()}")
    return ", ".join(words)


def _state_of(corpus: Corpus, practice: str) -> str | None:
    """The practice's state, else the state of the practice it is part of, up the chain."""
    seen = set()
    current: str | None = practice
    while current and current not in seen:
        seen.add(current)
        record = corpus.practices[current]
        if record.state:
            return record.state
        current = record.part_of
    return None


def chronology(corpus: Corpus) -> list[Event]:
    """Every claim, attestation and exhibit of ``corpus`` as an :class:`Event`, dated ones first
    in order of date (see the module's docstring), undated ones after them in corpus order."""
    sources = corpus.sources()
    argued_under: dict[str, list[str]] = {}
    for claim in corpus.claims.values():
        instruments = argued_under.setdefault(claim.practice, [])
        if corpus.owner(claim.element) not in instruments:
            instruments.append(corpus.owner(claim.element))
    events = []
    statements: list[tuple[str, Any]] = [("claim", s) for s in corpus.claims.values()]
    statements += [("attestation", s) for s in corpus.attestations.values()]
    statements += [("exhibit", s) for s in corpus.exhibits.values()]
    for order, (kind, statement) in enumerate(statements):
        document = corpus.documents[statement.document]
        practice = corpus.practices[statement.practice]
        state = _state_of(corpus, practice.id)
        instruments = [corpus.owner(statement.element)] if kind == "claim" else argued_under.get(practice.id, [])
        speakers = [corpus.actors[v].name if v in corpus.actors else v for v in sources.voices(statement)]
        when = statement.when
        dates = parse_date(when) if when else None
        events.append(
            (
                (0, dates.lower, dates.upper) if dates else (1,),
                order,
                Event(
                    when=when,
                    lower=dates.lower.isoformat() if dates else None,
                    upper=dates.upper.isoformat() if dates else None,
                    certainty=certainty(when) if when else UNDATED,
                    statement=statement.id,
                    kind=kind,
                    stance=getattr(statement, "stance", "reports"),
                    practice=practice.id,
                    practice_label=practice.label,
                    elements=tuple(
                        x for x in (getattr(statement, "element", None) or getattr(statement, "indicator", None),) if x
                    ),
                    document=document.id,
                    document_title=document.title,
                    document_date=document.date,
                    speaker="; ".join(speakers) or "unattributed",
                    pinpoint=statement.pinpoint,
                    quote=statement.quote,
                    state=state,
                    bound=_bound(corpus, instruments, state, when),
                ),
            )
        )
    return [event for *_, event in sorted(events, key=lambda e: (e[0], e[1]))]


def kept(corpus: Corpus) -> tuple[Event, ...]:
    """:func:`chronology` of ``corpus``, computed once and kept with the corpus's other answers
    (the site's practice pages and time line, and every evidence chart, read it: once per chart
    was most of a site build)."""
    key = ("chronology",)
    if key not in corpus._asked:
        corpus._asked[key] = tuple(chronology(corpus))
    return corpus._asked[key]


def _bound(corpus: Corpus, instruments: list[str], state: str | None, when: str | None) -> str:
    if when is None:
        return "not known: no event date"
    if state is None:
        return "not known: the practice names no state"
    if not instruments:
        return "no instrument: the practice is argued under none"
    answers = []
    for instrument in instruments:
        status = party_status(corpus.instruments[instrument], state, corpus.ratifications.get(f"{instrument}@{state}"), when)
        bound = {True: "bound", False: "not bound", None: "binding not known"}[status.in_force]
        answers.append(
            f"{instrument}: {status.value}" + (f" ({bound})" if status.value not in ("not-applicable", "not-recorded") else "")
        )
    return "; ".join(answers)
