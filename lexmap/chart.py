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

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .corpus import Corpus
    from .explain import Explanation
    from .gaps import Gap
    from .model import Document

EMPTY = "No statement argues this element."


@attrs.frozen
class Note:
    """One note of the chart: a document and a pinpoint, cited by one or more statements."""

    number: int
    document: str
    pinpoint: str


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
        if self.met_through == "parts":
            return f"{EMPTY[:-1]} itself; it is met through its parts."
        if self.met_through == "definition":
            return f"{EMPTY[:-1]} itself; it is met through its definition ({self.defined_by})."
        return EMPTY


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
    if practice is not None:
        wanted = {practice, *(corpus.parts_of(practice).ids if parts else ())}
    coverage = corpus.coverage(test, practice=practice, parts=parts, independence=independence)
    sources = corpus.sources(independence)
    notes: dict[tuple[str, str], Note] = {}

    def statement(claim) -> ChartStatement:
        key = (claim.document, claim.pinpoint)
        if key not in notes:
            notes[key] = Note(len(notes) + 1, *key)
        names = tuple(getattr(corpus.actors.get(a), "name", a) for a in sources.speakers(claim))
        return ChartStatement(claim.id, claim.stance, claim.practice, names, claim.document,
                              corpus.documents[claim.document].title, claim.pinpoint, claim.quote,
                              notes[key].number)

    elements = []
    for row in coverage:
        claims = (*row.supporting, *row.contesting)
        evidence = []
        for practice_id in dict.fromkeys(c.practice for c in claims):
            explanation = corpus.explain(practice_id, row.element.id, independence=independence)
            # explain() reads the claims in corpus order, which is the chart's order too
            evidence.append(PracticeEvidence(
                practice_id, corpus.practices[practice_id].label, explanation.level,
                tuple(statement(c) for c in row.supporting if c.practice == practice_id),
                tuple(statement(c) for c in row.contesting if c.practice == practice_id),
                explanation.independent_sources, independence_prose(explanation, corpus),
            ))
        element = row.element
        elements.append(ChartElement(
            element.id, element.label, row.depth, element.combinator, row.level, row.contested,
            row.met_through, row.status, len(row.supporting), len(row.contesting),
            len(row.subtree_supporting), len(row.subtree_contesting), row.independent_sources,
            element.words, element.defined_by, tuple(evidence),
        ))

    ids = {e.id for e in elements}
    cited = {n.document for n in notes.values()}
    gaps = tuple(
        g for g in corpus.gaps(independence=independence)
        if (g.element in ids and (wanted is None or g.practice is None or g.practice in wanted))
        or (g.element is None and g.document in cited)
        or (g.element is None and g.document is None and wanted is not None and g.practice in wanted)
    )
    instrument = corpus.instruments[corpus.owner(test)]
    provision = corpus.provisions.get(f"{instrument.id}/{root.provision}") if root.provision else None
    if provision is None and root.provision:
        provision = corpus.provisions.get(root.provision)
    case_date = corpus.case.date if corpus.case and corpus.case.date else None
    return Chart(
        title=corpus.title,
        date=date or case_date or datetime.date.today().isoformat(),
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
        notes=tuple(notes.values()),
        gaps=gaps,
        documents={n.document: corpus.documents[n.document] for n in notes.values()},
    )


def independence_prose(explanation: Explanation, corpus: Corpus) -> str:
    """Why the supporting statements count as so many independent sources, in sentences."""
    n = len(explanation.supporting)
    if not n:
        return "No statement supports it."
    groups = explanation.groups
    sentences = [
        f"{_count(n, 'supporting statement')} from {_count(len(groups), 'independent source')}"
        f" (independence by {explanation.independence})."
    ]
    for group in groups:
        if len(group.statements) > 1:
            reasons = "; ".join(dict.fromkeys(link.because for link in group.links))
            sentences.append(f"{_and(group.statements)} count as one source: {reasons}.")
    if explanation.contesting:
        sentences.append(f"Contested by {_count(len(explanation.contesting), 'statement')}.")
    return " ".join(sentences)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
