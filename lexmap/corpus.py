"""The loaded corpus: every record, indexed by id, with the relations ids imply."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .corpus_lookups import Lookups
from .model import (
    Actor,
    Attestation,
    Case,
    Claim,
    Document,
    Element,
    Exhibit,
    Indicator,
    IndicatorFramework,
    Instrument,
    Practice,
    Provision,
    Ratification,
    Reading,
    State,
)
from .problems import UnknownId
from .ratification import party_status
from .results import Records, Support
from .texts import TextStatus

if TYPE_CHECKING:
    from .matrix import ColKind, RowKind


def _index(records: Iterable[Any]) -> Mapping[str, Any]:
    return MappingProxyType({record.id: record for record in records})


class Corpus(Lookups):
    """All records of a corpus, read-only, each collection a mapping from id to record.

    Build one with :func:`lexmap.load`. Collections keep the order of the files.
    """

    def __init__(
        self,
        *,
        states: Iterable[State] = (),
        ratifications: Iterable[Ratification] = (),
        actors: Iterable[Actor] = (),
        instruments: Iterable[Instrument] = (),
        indicator_frameworks: Iterable[IndicatorFramework] = (),
        documents: Iterable[Document] = (),
        practices: Iterable[Practice] = (),
        claims: Iterable[Claim] = (),
        attestations: Iterable[Attestation] = (),
        exhibits: Iterable[Exhibit] = (),
        readings: Iterable[Reading] = (),
        root: Path | None = None,
        case: Case | None = None,
        texts: Mapping[str, TextStatus] | None = None,
    ):
        self.root = root
        self.case = case
        """The case's manifest (title, description, licence...), None for a corpus without one."""
        self.texts: Mapping[str, TextStatus] = MappingProxyType(dict(texts or {}))
        """For each document id: whether its quotes were checked against its text, and if not why."""
        self.states: Mapping[str, State] = _index(states)
        self.ratifications: Mapping[str, Ratification] = _index(ratifications)
        """Treaty histories, keyed ``instrument@state``."""
        self.actors: Mapping[str, Actor] = _index(actors)
        self.instruments: Mapping[str, Instrument] = _index(instruments)
        self.indicator_frameworks: Mapping[str, IndicatorFramework] = _index(indicator_frameworks)
        self.documents: Mapping[str, Document] = _index(documents)
        self.practices: Mapping[str, Practice] = _index(practices)
        self.claims: Mapping[str, Claim] = _index(claims)
        self.attestations: Mapping[str, Attestation] = _index(attestations)
        self.exhibits: Mapping[str, Exhibit] = _index(exhibits)
        self.readings: Mapping[str, Reading] = _index(readings)
        """Statements about the law (what an instrument, provision or element means), tied to no practice."""

        provisions, tests, elements, indicators, parents = _index_law(
            self.instruments.values(), self.indicator_frameworks.values()
        )
        self.provisions: Mapping[str, Provision] = MappingProxyType(provisions)
        self.tests: Mapping[str, Element] = MappingProxyType(tests)
        self.elements: Mapping[str, Element] = MappingProxyType(elements)
        self.indicators: Mapping[str, Indicator] = MappingProxyType(indicators)
        self._parents = parents
        self._asked: dict = {}  # answers kept, the corpus being immutable: ("sources" | "gaps", mode) or
        # ("explain", practice, element, mode) -> answer
        self._all: dict[str, Any] = {}
        for collection in (
            self.states,
            self.actors,
            self.instruments,
            self.indicator_frameworks,
            self.documents,
            self.practices,
            self.claims,
            self.attestations,
            self.exhibits,
            self.readings,
            self.provisions,
            self.elements,
            self.indicators,
        ):
            self._all.update(collection)

    @property
    def texts_checked(self) -> tuple[str, ...]:
        """Ids of the documents whose quotes were checked against their text."""
        return tuple(d for d, t in self.texts.items() if t.status == "checked")

    @property
    def title(self) -> str:
        """The case's title, or the corpus folder's name."""
        return self.case.title if self.case else (self.root.name if self.root else "lexmap corpus")

    # -- lookups ------------------------------------------------------------

    def __getitem__(self, id_: str) -> Any:
        """The record with this id, whatever its kind."""
        return self._all[id_]

    def __contains__(self, id_: object) -> bool:
        return id_ in self._all

    def get(self, id_: str, default: Any = None) -> Any:
        return self._all.get(id_, default)

    def parent(self, id_: str) -> str | None:
        """Id of what contains this provision, element or indicator (None for top-level records)."""
        return self._parents.get(id_)

    def owner(self, id_: str) -> str:
        """The instrument (or framework) a qualified id belongs to."""
        return id_.split("/", 1)[0]

    def test_of(self, element_id: str) -> Element:
        """The legal test (root element) that contains this element."""
        current = element_id
        while self._parents.get(current) in self.elements:
            current = self._parents[current]
        return self.tests[current]

    def counts(self) -> dict[str, int]:
        """How many records of each kind the corpus holds."""
        kinds = (
            "states",
            "ratifications",
            "actors",
            "instruments",
            "provisions",
            "tests",
            "elements",
            "indicator_frameworks",
            "indicators",
            "documents",
            "citations",
            "practices",
            "claims",
            "attestations",
            "exhibits",
            "readings",
        )
        return {
            kind: sum(len(d.cites) for d in self.documents.values()) if kind == "citations" else len(getattr(self, kind))
            for kind in kinds
        }

    # -- questions ----------------------------------------------------------

    def sources(self, independence: str = "speaker"):
        """Who cites whom and who speaks: the basis of source independence
        (:mod:`lexmap.independence`; ``independence="publisher"`` also groups by publisher)."""
        from .independence import Sources

        if ("sources", independence) not in self._asked:
            # readings support no practice: what they rely on ties no practice's statements together
            statements = (*self.claims.values(), *self.attestations.values(), *self.exhibits.values())
            self._asked["sources", independence] = Sources(self.documents, self.actors, statements, independence)
        return self._asked["sources", independence]

    def speakers(self, statement: str) -> Records:
        """The actors who make a claim, attestation, exhibit or reading (its ``speaker``, else its
        document's authors or publisher)."""
        return Records(self.actors[a] for a in self.sources().speakers(self[statement]))

    def frame(self, collection: str):
        """A collection (``"claims"``, ``"practices"``, ``"elements"``...) as a pandas DataFrame."""
        records = getattr(self, collection, None)
        if not isinstance(records, Mapping):
            raise KeyError(f"{collection!r} is not a collection of the corpus; see Corpus.counts()")
        return Records(records.values()).to_frame()

    def matrix(self, rows: RowKind = "indicators", cols: ColKind = "instruments", *, framework: str | None = None):
        """The ``rows`` x ``cols`` matrix (see :func:`lexmap.matrix.build_matrix`)."""
        from .matrix import build_matrix

        return build_matrix(self, rows, cols, framework=framework)

    def to_networkx(self):
        """A new networkx MultiDiGraph of the whole corpus (see :mod:`lexmap.graph`)."""
        from .graph import build_graph

        return build_graph(self)

    def assessor(self, independence: str = "speaker"):
        """The evidence answers of this corpus under one independence mode, computed once
        (:mod:`lexmap.assessment`): every output reads them."""
        from .assessment import Assessor

        if ("assessor", independence) not in self._asked:
            self._asked["assessor", independence] = Assessor(self, independence)
        return self._asked["assessor", independence]

    def coverage(self, test: str, *, practice: str | None = None, parts: bool = True, independence: str = "speaker"):
        """Label every element of ``test`` (and the test) unargued, argued or corroborated, and
        contested or not, for one ``practice`` (with the practices that are part of it) or over
        the whole corpus (each element at its best single practice, named in ``practice``).
        ``parts=False`` is refused: a practice's parts are part of its evidence (docs/evidence.md).

        >>> corpus.coverage("palermo/trafficking").unargued   # doctest: +SKIP
        """
        self._known(test, self.tests, "test")
        if practice is not None:
            self._known(practice, self.practices, "practice")
        if not parts:
            raise ValueError(
                "parts=False is no longer offered: a practice's level always includes its parts' "
                "statements (each says which part it is about); ask about the part itself instead"
            )
        return self.assessor(independence).coverage(test, practice)

    def parts_of(self, practice: str) -> Records:
        """The practices that are part of ``practice``, directly or through others."""
        self._known(practice, self.practices, "practice")
        return Records(self.practices[i] for i in self.assessor().parts(practice))

    def support(self, practice: str, element: str, *, independence: str = "speaker") -> Support:
        """What supports "``practice`` satisfies ``element``" (with the practice's parts): the
        claims, their documents, and the independent sources behind the level."""
        self._known(practice, self.practices, "practice")
        self._known(element, self.elements, "element")
        return self._support(practice, element, independence)

    def _support(self, practice: str, element: str, independence: str = "speaker") -> Support:
        row = self.assessor(independence).assess(practice, element)
        claims = row.subtree_supporting if row.composite else row.supporting
        documents = tuple(dict.fromkeys(c.document for c in claims))
        return Support(practice, element, claims, documents, row.independent_sources, row.level)

    def supports(self, *, independence: str = "speaker") -> Records:
        """Every (practice, element) pair that a claim on the element about the practice supports."""
        pairs = dict.fromkeys((c.practice, c.element) for c in self.claims.values() if c.stance == "supports")
        return Records(self._support(p, e, independence) for p, e in pairs)

    def single_source(self, *, independence: str = "speaker") -> Records:
        """(practice, element) pairs that are argued but not corroborated: one independent source,
        or only unattributed statements."""
        return Records(s for s in self.supports(independence=independence) if s.level == "argued")

    def explain(self, practice: str, element: str, *, independence: str = "speaker"):
        """Why "``practice`` satisfies ``element``" counts as argued, corroborated or contested:
        the statements for and against, grouped into independent sources, each dependency with
        its reason and path. Kept once asked (a site asks each pair on its practice's page and
        in its test's evidence chart)."""
        from .explain import explain

        self._known(practice, self.practices, "practice")
        self._known(element, self.elements, "element")
        key = ("explain", practice, element, independence)
        if key not in self._asked:
            self._asked[key] = explain(self, practice, element, independence)
        return self._asked[key]

    def gaps(self, *, independence: str = "speaker") -> Records:
        """What an analyst should work on next (see :mod:`lexmap.gaps`)."""
        from .gaps import find_gaps

        if ("gaps", independence) not in self._asked:
            self._asked["gaps", independence] = find_gaps(self, independence)
        return self._asked["gaps", independence]

    def party_status(self, instrument: str, state: str, on: object = None):
        """``state``'s status towards ``instrument`` on ``on`` (an ISO date, a year, an EDTF date or
        interval; default today), from the dated ratification history, as a
        :class:`~lexmap.ratification.PartyStatus`: the value (party, contracting, signatory,
        not-party, not-applicable, uncertain, not-recorded), whether the instrument bound the
        state then, since when, why, and the events and source behind it. It equals its value
        as text (``== "party"``). ``ValueError`` for a date it cannot read, ``UnknownId`` (a
        ``LookupError``) for an unknown instrument or state."""
        self._known(instrument, self.instruments, "instrument")
        if state not in self.states and not any(r.state == state for r in self.ratifications.values()):
            raise UnknownId(state, "state", self.states)
        return party_status(self.instruments[instrument], state, self.ratifications.get(f"{instrument}@{state}"), on)

    def filter(
        self,
        *,
        documents: Iterable[str] | None = None,
        stance: str | None = None,
        since: str | None = None,
        until: str | None = None,
        party_status: str | None = None,
        keep_undecided: bool = False,
    ) -> Corpus:
        """A corpus with the same law and only the statements that pass every filter given
        (:func:`lexmap.filters.filter_statements` says how each filter reads)."""
        from .filters import filter_statements

        return filter_statements(
            self,
            documents=documents,
            stance=stance,
            since=since,
            until=until,
            party_status=party_status,
            keep_undecided=keep_undecided,
        )

    def statements_by(self, actor: str) -> Records:
        """Every claim, attestation, exhibit and reading ``actor`` makes (as speaker, or as the author or
        publisher of a document that records it without another speaker), or that one of its
        members makes (``part_of``)."""
        self._known(actor, self.actors, "actor")
        sources = self.sources()
        statements = (*self.claims.values(), *self.attestations.values(), *self.exhibits.values(), *self.readings.values())
        return self._said(s for s in statements if any(actor in sources.chain(a) for a in sources.speakers(s)))

    def _with(self, **statements) -> Corpus:
        return Corpus(
            states=self.states.values(),
            ratifications=self.ratifications.values(),
            actors=self.actors.values(),
            instruments=self.instruments.values(),
            indicator_frameworks=self.indicator_frameworks.values(),
            documents=self.documents.values(),
            practices=self.practices.values(),
            root=self.root,
            case=self.case,
            texts=self.texts,
            **statements,
        )

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><th style='text-align:left'>{kind}</th><td>{n}</td></tr>" for kind, n in self.counts().items())
        return f"<table><caption>lexmap corpus {html.escape(str(self.root or ''))}</caption>{rows}</table>"

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {kind}" for kind, n in self.counts().items())
        return f"<lexmap.Corpus {self.root or ''}: {counts}>"

    def conflicts(self, practice: str | None = None) -> Records:
        """The figures of one practice (or of each) that disagree, with their sources and speakers (see :mod:`lexmap.conflicts`)."""
        from .conflicts import figure_conflicts

        return figure_conflicts(self, practice)


def _index_law(instruments: Iterable[Instrument], frameworks: Iterable[IndicatorFramework]) -> tuple[dict, ...]:
    """Provisions, tests, elements and indicators by id, and the parent of each, in document order."""
    parents: dict[str, str] = {}
    provisions: dict[str, Provision] = {}
    elements: dict[str, Element] = {}
    tests: dict[str, Element] = {}
    indicators: dict[str, Indicator] = {}
    for instrument in instruments:
        _add_provisions(instrument.id, instrument.provisions, provisions, parents)
        for test in instrument.tests:
            tests[test.id] = test
            parents[test.id] = instrument.id
            for element in test.walk():
                elements[element.id] = element
                parents.update((child.id, element.id) for child in element.children)
    for framework in frameworks:
        for indicator in framework.indicators:
            indicators[indicator.id] = indicator
            parents[indicator.id] = framework.id
    return provisions, tests, elements, indicators, parents


def _add_provisions(parent: str, items: Iterable[Provision], provisions: dict, parents: dict) -> None:
    """Index provisions in document order (depth first, as written)."""
    for provision in items:
        provisions[provision.id] = provision
        parents[provision.id] = parent
        _add_provisions(provision.id, provision.provisions, provisions, parents)
