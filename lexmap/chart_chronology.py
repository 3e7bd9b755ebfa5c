"""The chart's chronology (issue 30): the dated statements of the chart's practices, per practice
in date order, each with its event date and how exact it is, its document's date, who says it,
and whether the state was bound by the chart's instrument when the conduct happened.

One computation: the rows are :func:`lexmap.chronology.chronology`'s, the ones ``lexmap export
chronology`` writes, read and worded here (instrument ids as their names), never worked out
again; the status on each date is the one that export gives (:mod:`lexmap.ratification`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .chronology import kept

if TYPE_CHECKING:
    from .chart_lines import Notes
    from .corpus import Corpus


@attrs.frozen
class ChartEvent:
    """One dated statement as the chart's chronology shows it."""

    when: str
    lower: str
    """The first day ``when`` may mean (ISO), the chronology's order."""
    certainty: str
    practice: str
    practice_label: str
    kind: str
    """claim, attestation or exhibit."""
    speaker: str
    document_title: str
    document_date: str | None
    quote: str
    note: int
    state: str | None
    """The practice's state (its id), as the chronology gives it."""
    state_name: str | None
    bound: str
    """The state's status towards the chart's instrument on the event's dates ("not-party (not
    bound)"), or, where the row gives none for it, the row's answer in words."""
    under_instrument: bool
    """Whether :attr:`bound` is the status towards the chart's instrument."""
    shown: str
    """The "Bound then" cell: "Cuba: not-party (not bound)", or why the row gives no status."""
    statement: str
    """The statement's id (the identifiers appendix only)."""
    link: str | None = None


def bound_words(corpus: Corpus, bound: str, instrument: str) -> tuple[str, bool]:
    """The chronology's "palermo: party (bound); ilo-c29: ..." for the chart: the status towards
    ``instrument`` where the row gives one (and True), else the row's answer with each instrument
    id given as its name (and False)."""
    answers = bound.split("; ")
    for answer in answers:
        if answer.startswith(f"{instrument}: "):
            return answer[len(instrument) + 2 :], True
    named = []
    for answer in answers:
        key, sep, rest = answer.partition(": ")
        found = corpus.instruments.get(key) if sep else None
        named.append(f"{found.short_name or found.title}: {rest}" if found is not None else answer)
    return "; ".join(named), False


def chart_events(corpus: Corpus, practices: set[str], instrument, notes: Notes) -> tuple[tuple[ChartEvent, ...], int]:
    """The chronology's dated rows of ``practices`` (grouped per practice, in the order of each
    practice's first event, each group in date order), each cited by a note; and how many of
    their statements are undated."""
    rows = [e for e in kept(corpus) if e.practice in practices]
    dated: dict[str, list] = {}  # each practice's dated rows, in order: the groups in their first event's order
    for event in rows:
        if event.when is not None:
            dated.setdefault(event.practice, []).append(event)
    out = []
    for group in dated.values():
        for event in group:
            record = {"claim": corpus.claims, "attestation": corpus.attestations, "exhibit": corpus.exhibits}[event.kind]
            note, link = notes.cite(record[event.statement])
            bound, under = bound_words(corpus, event.bound, instrument.id)
            state = corpus.states.get(event.state) if event.state else None
            name = getattr(state, "name", event.state)
            shown = f"{name}: {bound}" if under else f"Not given for {instrument.short_name or instrument.title}: {bound}"
            out.append(
                ChartEvent(
                    event.when,
                    event.lower or "",
                    event.certainty,
                    event.practice,
                    event.practice_label,
                    event.kind,
                    event.speaker,
                    event.document_title,
                    event.document_date,
                    event.quote,
                    note.number,
                    event.state,
                    name,
                    bound,
                    under,
                    shown,
                    event.statement,
                    link,
                )
            )
    return tuple(out), sum(1 for e in rows if e.when is None)


def conduct_statuses(events, state: str) -> str | None:
    """ "On the dates of the conduct: 2000 and 2010: not-party (not bound); 2014-07: party
    (bound)." for the title page's status line of ``state``, from the chronology's rows."""
    by_status: dict[str, list[str]] = {}
    for event in sorted((e for e in events if e.state == state and e.under_instrument), key=lambda e: (e.lower, e.when)):
        dates = by_status.setdefault(event.bound, [])
        if event.when not in dates:
            dates.append(event.when)
    if not by_status:
        return None
    said = "; ".join(f"{_and(dates)}: {status}" for status, dates in by_status.items())
    return f"On the dates of the conduct in the chronology: {said}."


CHRONOLOGY_HEADS = ("Event date", "What is reported", "Bound then")
EMPTY_CHRONOLOGY = "No statement of the chart's practices records the date of the conduct it reports."


def chronology_lead(chart) -> str:
    """What the chronology section holds, the same words in every format."""
    undated, one = chart.undated, chart.undated == 1
    left = (
        f" {undated} statement{'' if one else 's'} of these practices record{'s' if one else ''} no event date and "
        f"{'is' if one else 'are'} not listed."
        if undated
        else ""
    )
    if not chart.chronology:
        return EMPTY_CHRONOLOGY + left
    return (
        "The statements of the chart's practices that date the conduct they report (the event's date, not the "
        "document's), per practice in date order. Bound then: the state's status towards the "
        f"{chart.instrument_name or chart.instrument} on the event's dates, from the ratification records (the one answer "
        "lexmap export chronology gives; a period a ratification falls inside is uncertain)." + left
    )


def by_practice(events) -> list[tuple[str, list[ChartEvent]]]:
    """The chronology's rows under their practices, in the order they come."""
    groups: dict[str, list[ChartEvent]] = {}
    for event in events:
        groups.setdefault(event.practice, []).append(event)
    return [(rows[0].practice_label, rows) for rows in groups.values()]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
