"""The evidence chart of one legal test, as plain data: what litigators file and argue from.

Every element of the test in tree order with its coverage, then for each element the
statements for and against it (speaker, verbatim quote, the note citing document and
pinpoint), why the supporting ones count as so many independent sources, and the gaps
of the test. The writers in :mod:`lexmap.exports` (DOCX, HTML, Markdown) only lay it out,
so the three formats say the same thing.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import attrs

from .chart_chronology import ChartEvent, chart_events
from .chart_lines import Note, Notes, QuoteCheck, independence_prose, party_statuses, quote_checks
from .languages import translation_line

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .corpus import Corpus
    from .gaps import Gap
    from .model import Document

EMPTY = "No statement argues this element."


@attrs.frozen
class ChartStatement:
    """A claim as the chart shows it: who argues it (``speakers``, actor names, which may
    differ from the document's author), the verbatim ``quote`` and the ``note`` that cites
    its document and pinpoint."""

    claim: str
    stance: str
    practice: str
    speakers: tuple[str, ...]
    document: str
    document_title: str
    pinpoint: str
    quote: str
    note: int
    translation: str | None = None
    """The quote's translation line (:func:`lexmap.languages.translation_line`), printed under it."""
    pages: str | None = None
    """The printed page(s) of the quote (``p. 21``) where known (:func:`lexmap.source_links.cited_pages`)."""
    link: str | None = None
    """Where the source opens at the quote: a web page's text fragment, or the PDF at its physical page."""

    @property
    def speaker(self) -> str:
        return " and ".join(self.speakers) or "speaker not recorded"


@attrs.frozen
class PracticeEvidence:
    """The statements on one element for one practice, and why the supporting ones count
    as ``independent_sources`` sources (``independence``, in prose)."""

    practice: str
    label: str
    level: str
    supporting: tuple[ChartStatement, ...]
    contesting: tuple[ChartStatement, ...]
    independent_sources: int
    independence: str


@attrs.frozen
class ChartElement:
    """One element of the test: its place in the tree, its coverage and its evidence."""

    id: str
    label: str
    depth: int
    combinator: str | None
    """"all" (every part must be met), "any" (one suffices) or None for a leaf."""
    level: str
    contested: bool
    met_through: str | None
    status: str
    own_supporting: int
    own_contesting: int
    subtree_supporting: int
    subtree_contesting: int
    independent_sources: int
    words: str | None = None
    defined_by: str | None = None
    practices: tuple[PracticeEvidence, ...] = ()

    @property
    def gate(self) -> str:
        """The combinator in words, as the tree shows it: "all of", "any of" or ""."""
        return {"all": "all of", "any": "any of"}.get(self.combinator or "", "")

    @property
    def statements(self) -> tuple[ChartStatement, ...]:
        return tuple(s for p in self.practices for s in (*p.supporting, *p.contesting))

    @property
    def empty(self) -> str:
        """What the chart says where the element has no statement of its own."""
        if self.level == "unargued":
            return EMPTY
        if self.met_through == "parts":
            return f"{EMPTY[:-1]} itself; it is met through its parts."
        if self.met_through == "definition":
            return f"{EMPTY[:-1]} itself; it is met through its definition ({self.defined_by})."
        return EMPTY


@attrs.frozen
class ChartFigure:
    """A figure of a practice in the chart's scope whose figures disagree (:mod:`lexmap.conflicts`):
    what it says, who gives it, the ``note`` citing its document and pinpoint, and the figures it
    disagrees and agrees with, in words ("9–25 percent, HRF report")."""

    figure: str
    practice: str
    practice_label: str
    shown: str
    base: str
    period: str
    words: str
    speakers: tuple[str, ...]
    document_title: str
    note: int
    disagrees_with: tuple[str, ...]
    agrees_with: tuple[str, ...]
    compared: bool
    """Whether another figure has its unit and base (else it is listed, not compared)."""

    @property
    def speaker(self) -> str:
        return " and ".join(self.speakers) or "speaker not recorded"


@attrs.frozen
class Chart:
    """The evidence chart of ``test``: header facts, ``elements`` in tree order, ``notes``
    numbered in reading order (one per cited document and pinpoint) and ``gaps``."""

    title: str
    date: str
    test: str
    test_label: str
    instrument: str
    provision: str | None
    practice: str | None
    practice_label: str | None
    parts: bool
    independence: str
    level: str
    status: str
    elements: tuple[ChartElement, ...]
    notes: tuple[Note, ...]
    gaps: tuple[Gap, ...]
    documents: Mapping[str, Document] = attrs.field(factory=dict)
    """The cited documents by id, for the writers' citations."""
    figures: tuple[ChartFigure, ...] = ()
    """The figures that disagree, of the practices the chart shows (after the evidence, before the gaps)."""
    party_statuses: tuple[str, ...] = ()
    """Each state of the chart's practices towards its instrument, on the chart's date and when
    the conduct began, in words (:func:`lexmap.ratification.party_status`, read, not recomputed)."""
    quote_checks: tuple[QuoteCheck, ...] = ()
    """Per cited document, how its quotes in the chart were checked (:func:`checked_line`)."""
    instrument_name: str = ""
    """The instrument's short name (its title where it has none)."""
    chronology: tuple[ChartEvent, ...] = ()
    """The dated statements of the chart's practices in date order (:func:`lexmap.chronology.chronology`'s rows)."""
    undated: int = 0
    """How many statements of the chart's practices record no event date (not in the chronology)."""
    gaps_left_out: bool = False
    """True where the gaps are not shown (``--gaps none``): then the writers print no gaps
    section at all, never "No gap recorded"."""

    @property
    def statements(self) -> tuple[ChartStatement, ...]:
        return tuple(s for e in self.elements for s in e.statements)

    @property
    def scope(self) -> str:
        """Which practices the chart covers, in words."""
        if self.practice is None:
            return "all practices"
        return f"the practice {self.practice_label}" + (" and its parts" if self.parts else "")

    def note(self, number: int) -> Note:
        return self.notes[number - 1]


def build_chart(
    corpus: Corpus,
    test: str,
    practice: str | None = None,
    *,
    parts: bool = False,
    independence: str = "speaker",
    date: str | None = None,
) -> Chart:
    """The evidence chart of ``test`` over every practice, or over ``practice`` (and, with
    ``parts``, the practices that are part of it). Raises KeyError for an unknown id."""
    root = corpus.tests[test]
    wanted = None
    if practice is not None:  # a practice's evidence includes its parts' (docs/evidence.md)
        wanted = {practice, *corpus.parts_of(practice).ids}
        parts = len(wanted) > 1
    coverage = corpus.coverage(test, practice=practice, independence=independence)
    sources = corpus.sources(independence)
    notes = Notes(corpus)

    def statement(claim) -> ChartStatement:
        note, link = notes.cite(claim)
        names = tuple(getattr(corpus.actors.get(a), "name", a) for a in sources.speakers(claim))
        return ChartStatement(
            claim.id,
            claim.stance,
            claim.practice,
            names,
            claim.document,
            corpus.documents[claim.document].title,
            claim.pinpoint,
            claim.quote,
            note.number,
            translation_line(claim, corpus.actors),  # issue 27
            note.pages,
            link,
        )

    elements = []
    for row in coverage:
        claims = (*row.supporting, *row.contesting)
        evidence = []
        # one practice's evidence (with its parts') at a time, as explain() gives it: never pooled
        # over the whole corpus, each claim once: under the outermost practice it is part of
        shown = [practice] if practice is not None else list(dict.fromkeys(_outermost(corpus, c.practice) for c in claims))
        for practice_id in shown:
            explanation = corpus.explain(practice_id, row.element.id, independence=independence)
            if not explanation.supporting and not explanation.contesting:
                continue
            # explain() reads the claims in corpus order, which is the chart's order too
            evidence.append(
                PracticeEvidence(
                    practice_id,
                    corpus.practices[practice_id].label,
                    explanation.level,
                    tuple(statement(corpus.claims[s.claim]) for s in explanation.supporting),
                    tuple(statement(corpus.claims[s.claim]) for s in explanation.contesting if s.element == row.element.id),
                    explanation.independent_sources,
                    independence_prose(explanation, corpus, sources),
                )
            )
        element = row.element
        elements.append(
            ChartElement(
                element.id,
                element.label,
                row.depth,
                element.combinator,
                row.level,
                row.contested,
                row.met_through,
                row.status,
                len(row.supporting),
                len(row.contesting),
                len(row.subtree_supporting),
                len(row.subtree_contesting),
                row.independent_sources,
                element.words,
                element.defined_by,
                tuple(evidence),
            )
        )

    shown_practices = wanted or {s.practice for e in elements for s in e.statements}
    instrument = corpus.instruments[corpus.owner(test)]
    # the conduct of the practices shown is in their parts' statements too; notes in reading order
    conduct = shown_practices | {p for s in shown_practices for p in corpus.parts_of(s).ids}
    events, undated = chart_events(corpus, conduct, instrument, notes)
    figures = _figures(corpus, shown_practices, sources, notes)
    ids = {e.id for e in elements}
    cited = {n.document for n in notes.all()}
    gaps = tuple(
        g
        for g in corpus.gaps(independence=independence)
        if (g.element in ids and (wanted is None or g.practice is None or g.practice in wanted))
        or (g.element is None and g.document in cited)
        or (g.element is None and g.document is None and wanted is not None and g.practice in wanted)
    )
    provision = corpus.provisions.get(f"{instrument.id}/{root.provision}") if root.provision else None
    if provision is None and root.provision:
        provision = corpus.provisions.get(root.provision)
    case_date = corpus.case.date if corpus.case and corpus.case.date else None
    on = date or case_date or datetime.date.today().isoformat()
    return Chart(
        title=corpus.title,
        date=on,
        test=test,
        test_label=root.label,
        instrument=instrument.title,
        provision=provision.label if provision else None,
        practice=practice,
        practice_label=corpus.practices[practice].label if practice else None,
        parts=parts,
        independence=independence,
        level=coverage.level,
        status=coverage.elements[0].status,
        elements=tuple(elements),
        notes=notes.all(),
        gaps=gaps,
        documents={n.document: corpus.documents[n.document] for n in notes.all()},
        figures=figures,
        quote_checks=quote_checks(corpus, elements),
        party_statuses=party_statuses(corpus, instrument, shown_practices, on, events),
        instrument_name=instrument.short_name or instrument.title,
        chronology=events,
        undated=undated,
    )


def _figures(corpus: Corpus, practices: set[str], sources, notes: Notes) -> tuple[ChartFigure, ...]:
    """The chart's figures that disagree, each cited by a note numbered after the evidence's."""
    rows = [r for r in corpus.conflicts() if r.practice in practices]
    by_ref = {r.figure: r for r in rows}
    title = lambda r: corpus.documents[r.document].title  # noqa: E731
    out = []
    for row in rows:
        attestation = corpus.attestations[row.attestation]
        note, _ = notes.cite(attestation)
        names = tuple(getattr(corpus.actors.get(a), "name", a) for a in sources.speakers(attestation))
        out.append(
            ChartFigure(
                row.figure,
                row.practice,
                corpus.practices[row.practice].label,
                row.shown,
                row.base,
                row.period,
                row.words,
                names,
                title(row),
                note.number,
                tuple(f"{by_ref[r].shown}, {title(by_ref[r])}" for r in row.disagrees_with),
                tuple(f"{by_ref[r].shown}, {title(by_ref[r])}" for r in row.agrees_with),
                bool(row.disagrees_with or row.agrees_with),
            )
        )
    return tuple(out)


def _outermost(corpus: Corpus, practice: str) -> str:
    """The practice that ``practice`` is part of, through any chain, and that is part of nothing."""
    seen = {practice}
    while (parent := corpus.practices[practice].part_of) and parent not in seen:
        seen.add(parent)
        practice = parent
    return practice
