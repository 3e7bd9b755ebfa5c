"""The figures of one practice that disagree, computed once per corpus.

Sources give numbers for the same practice: the share of their pay that workers keep is
"five to 25 percent" in one report and "9–25%" in another. A page that states one of them
as the fact takes a side without saying so; this module lists the figures that disagree,
each with its document, pinpoint, quote and speaker, so that a reader sees them side by side.

How two figures of one practice are compared (the rule lives here only):

1. Only figures of the same ``unit`` and the same ``base`` are compared (both as text, case
   and spacing aside). The base says what a figure measures and whose share it is: a share
   the worker receives and a share handed over to the state are different bases even of the
   same pay, and lexmap never turns one into the other (100 minus it), because the sources'
   shares need not add up (HRF has the state keep "at least 75%" while the workers receive
   "9–25%"; the rest sits in a Cuban bank account). Figures on other bases are listed beside
   the disagreeing ones as ``not_compared``, never as agreeing or disagreeing.
2. Figures whose periods are both known and do not overlap are not compared either: a share
   that changed between 1992 and 2020 is a change, not a disagreement.
3. Two comparable figures agree when they are the same number, when they are ranges with the
   same ends (an open end matches only an open end), or when one is a number that lies within
   the other's range (ends included; 9.36 lies within 9–25). Otherwise they disagree: 5–25
   and 9–25 disagree on the lower end. There is no rounding tolerance: 9.4 and 9.36 disagree,
   and a reader decides whether one rounds the other.

A practice's figures are listed when two of them disagree: every figure of the practice in
the unit of the disagreement, each with the figures it disagrees with, agrees with, and
cannot be compared with.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

import attrs

from .model import Attestation, Figure, Period
from .results import Records, _RecordHtml

if TYPE_CHECKING:
    from .corpus import Corpus

_computed: WeakKeyDictionary = WeakKeyDictionary()
"""Each corpus's answer, kept: a corpus never changes once loaded."""


@attrs.frozen
class ConflictingFigure(_RecordHtml):
    """One figure of a practice whose figures disagree, where it comes from, and how it
    compares with the practice's other figures of its unit (refs as in :attr:`figure`)."""

    practice: str
    figure: str
    """The figure's ref: its attestation's id, with ``#n`` when the attestation gives several."""
    shown: str
    unit: str
    base: str
    low: float | None
    high: float | None
    period: str
    words: str
    attestation: str
    document: str
    speakers: tuple[str, ...]
    """Who gives the figure (actor ids): the attestation's speaker, else its document's authors."""
    pinpoint: str
    quote: str
    relies_on: tuple[str, ...]
    """The documents the passage rests on (its footnotes, the report a post relays)."""
    disagrees_with: tuple[str, ...]
    agrees_with: tuple[str, ...]
    not_compared: tuple[str, ...]
    """Figures of the same unit on another base or in a period that does not overlap."""


def same(a: str, b: str) -> bool:
    """Whether two units or two bases are the same, case and spacing aside."""
    return _folded(a) == _folded(b)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def comparable(a: Figure, b: Figure) -> bool:
    """Whether ``a`` and ``b`` measure the same thing over a common time (rules 1 and 2)."""
    return same(a.unit, b.unit) and same(a.base, b.base) and not _apart(a.period, b.period)


def agree(a: Figure, b: Figure) -> bool:
    """Whether two comparable figures agree (rule 3)."""
    (alow, ahigh), (blow, bhigh) = a.bounds, b.bounds
    if (alow, ahigh) == (blow, bhigh):
        return True
    for point, (low, high) in ((a, b.bounds), (b, a.bounds)):
        if point.value is not None and (low is None or low <= point.value) and (high is None or point.value <= high):
            return True
    return False


def _apart(a: Period | None, b: Period | None) -> bool:
    """Whether two periods are both known and do not overlap (at the precision both have)."""
    if a is None or b is None:
        return False
    a_start, a_end = a.start or "", a.end or "9999"
    b_start, b_end = b.start or "", b.end or "9999"
    return _before(a_end, b_start) or _before(b_end, a_start)


def _before(a: str, b: str) -> bool:
    n = min(len(a), len(b))
    return bool(a and b) and a[:n] < b[:n]


def _key(figure: Figure) -> tuple[str, str]:
    return _folded(figure.unit), _folded(figure.base)


def period_text(period: Period | None) -> str:
    """A figure's period in words: "2013 to 2018", "from 2013", "until 2018", or ""."""
    if period is None or not (period.start or period.end):
        return ""
    if period.start and period.end:
        return period.start if period.start == period.end else f"{period.start} to {period.end}"
    return f"from {period.start}" if period.start else f"until {period.end}"


def figure_conflicts(corpus: Corpus, practice: str | None = None) -> Records:
    """The figures that disagree, practice by practice in corpus order (or of ``practice``)."""
    if practice is not None:
        corpus.practices[practice]  # KeyError for an unknown id: a typo is not an empty answer
    if corpus not in _computed:
        _computed[corpus] = Records(_find(corpus))
    rows = _computed[corpus]
    return rows if practice is None else Records(r for r in rows if r.practice == practice)


def _find(corpus: Corpus) -> list[ConflictingFigure]:
    by_practice: dict[str, list[tuple[str, Attestation, Figure]]] = defaultdict(list)
    for attestation in corpus.attestations.values():
        many = len(attestation.figures) > 1
        for n, figure in enumerate(attestation.figures, 1):
            ref = f"{attestation.id}#{n}" if many else attestation.id
            by_practice[attestation.practice].append((ref, attestation, figure))
    speakers = corpus.sources().speakers
    rows = []
    for practice in corpus.practices:
        figures = by_practice.get(practice, [])
        order = {key: n for n, key in reversed(list(enumerate(_key(f) for _, _, f in figures)))}
        figures.sort(key=lambda item: order[_key(item[2])])  # figures of one unit and base together
        disputed_units = {
            _key(f)[0]
            for i, (_, _, f) in enumerate(figures)
            for _, _, g in figures[i + 1 :]
            if comparable(f, g) and not agree(f, g)
        }
        for ref, attestation, figure in figures:
            if _key(figure)[0] not in disputed_units:
                continue
            others = [(r, g) for r, _, g in figures if r != ref and same(g.unit, figure.unit)]
            low, high = figure.bounds
            rows.append(
                ConflictingFigure(
                    practice,
                    ref,
                    figure.shown,
                    figure.unit,
                    figure.base,
                    low,
                    high,
                    period_text(figure.period),
                    figure.words,
                    attestation.id,
                    attestation.document,
                    tuple(speakers(attestation)),
                    attestation.pinpoint,
                    attestation.quote,
                    tuple(dict.fromkeys(r.document for r in attestation.relies_on)),
                    disagrees_with=tuple(r for r, g in others if comparable(figure, g) and not agree(figure, g)),
                    agrees_with=tuple(r for r, g in others if comparable(figure, g) and agree(figure, g)),
                    not_compared=tuple(r for r, g in others if not comparable(figure, g)),
                )
            )
    return rows


def disagreements(corpus: Corpus) -> list[tuple[str, str]]:
    """``(practice, detail)`` for each practice whose figures disagree: which figures, on which
    base, from which documents (for the ``conflicting-figures`` gap)."""
    by_practice: dict[str, list[ConflictingFigure]] = defaultdict(list)
    for row in figure_conflicts(corpus):
        by_practice[row.practice].append(row)
    out = []
    for practice, rows in by_practice.items():
        parts, shown = [], set()
        for row in rows:
            if row.disagrees_with and _key_of(row) not in shown:
                shown.add(_key_of(row))
                group = [r for r in rows if _key_of(r) == _key_of(row)]
                figures = ", ".join(f"{r.shown} ({r.document})" for r in group)
                parts.append(f"on {row.base!r} in {row.unit}: {figures}")
        others = sum(1 for r in rows if _key_of(r) not in shown)
        detail = "figures disagree " + "; ".join(parts)
        if others:
            detail += f"; {others} more figure(s) of the same unit on other bases, not compared"
        out.append((practice, detail))
    return out


def _key_of(row: ConflictingFigure) -> tuple[str, str]:
    return _folded(row.unit), _folded(row.base)
