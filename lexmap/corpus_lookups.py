"""The corpus's look-ups by record, each a :class:`~lexmap.results.Records` table: who argues,
attests, exhibits or reads what, about which practice, element or document. A part of
:class:`lexmap.corpus.Corpus` (its base class), kept apart so that the corpus module holds its
records and answers, and this one the questions asked of its statements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .problems import UnknownId
from .results import Records

if TYPE_CHECKING:
    from .independence import Sources
    from .model import Attestation, Claim, Document, Element, Exhibit, Instrument, Practice, Provision, Reading


class Lookups:
    """The look-ups of :class:`~lexmap.corpus.Corpus` by practice, element, document and target."""

    if TYPE_CHECKING:  # the corpus's collections these read
        instruments: Mapping[str, Instrument]
        provisions: Mapping[str, Provision]
        elements: Mapping[str, Element]
        practices: Mapping[str, Practice]
        documents: Mapping[str, Document]
        claims: Mapping[str, Claim]
        attestations: Mapping[str, Attestation]
        exhibits: Mapping[str, Exhibit]
        readings: Mapping[str, Reading]
        _all: dict[str, Any]

        def owner(self, id_: str) -> str: ...

        def sources(self, independence: str = "speaker") -> Sources: ...

    def elements_under(self, id_: str) -> tuple[str, ...]:
        """Ids of the elements an id stands for: an element and its parts, a test's tree,
        every element of an instrument's tests."""
        if id_ in self.elements:
            return tuple(e.id for e in self.elements[id_].walk())
        if id_ in self.instruments:
            return tuple(e.id for test in self.instruments[id_].tests for e in test.walk())
        raise KeyError(f"{id_!r} is neither an element nor an instrument of this corpus")

    def claims_for(self, target: str, *, stance: str | None = None, direct: bool = False) -> Records:
        """Claims that a practice satisfies ``target``: an element (with its parts unless
        ``direct``), a test, or an instrument (any element of it)."""
        claims: Iterable[Claim]
        if direct:  # one element: its claims are indexed, in corpus order
            claims = self._claims_by_element.get(target, ())
        else:
            wanted = set(self.elements_under(target))
            claims = (c for c in self.claims.values() if c.element in wanted)
        return self._said(c for c in claims if stance is None or c.stance == stance)

    def practices_for(self, target: str, *, stance: str = "supports") -> Records:
        """Practices argued (``stance``) to satisfy ``target`` or a part of it; see :meth:`claims_for`
        for which documents argue each."""
        ids = dict.fromkeys(c.practice for c in self.claims_for(target, stance=stance))
        return Records(self.practices[i] for i in ids)

    def claims_of(self, practice: str, *, stance: str | None = None) -> Records:
        """Claims about ``practice``: the elements it is argued to satisfy, by whom, where."""
        claims = self._statements(self.claims, "practice", practice, self.practices)
        return self._said(c for c in claims if stance is None or c.stance == stance)

    def elements_for(self, practice: str, *, stance: str = "supports") -> Records:
        """Elements ``practice`` is argued (``stance``) to satisfy."""
        ids = dict.fromkeys(c.element for c in self.claims_of(practice, stance=stance))
        return Records(self.elements[i] for i in ids)

    def argued_by(self, document: str) -> Records:
        """The claims ``document`` records (its own, and those of the speakers it quotes)."""
        return self._statements(self.claims, "document", document, self.documents)

    def attested_by(self, document: str) -> Records:
        """The practices ``document`` reports as facts (its attestations)."""
        return self._statements(self.attestations, "document", document, self.documents)

    def exhibits_by(self, document: str) -> Records:
        """What ``document`` says about practices and indicators."""
        return self._statements(self.exhibits, "document", document, self.documents)

    def attestations_of(self, practice: str) -> Records:
        """Who reports that ``practice`` happens."""
        return self._statements(self.attestations, "practice", practice, self.practices)

    def exhibits_of(self, practice: str) -> Records:
        """Which indicators ``practice`` is said to exhibit, by whom."""
        return self._statements(self.exhibits, "practice", practice, self.practices)

    def readings_by(self, document: str) -> Records:
        """What ``document`` says about the law (its readings)."""
        return self._statements(self.readings, "document", document, self.documents)

    def readings_of(self, target: str, *, direct: bool = False) -> Records:
        """The readings about ``target`` (an instrument, a provision or an element) and, unless
        ``direct``, about what it contains: an instrument's provisions and elements, a
        provision's subparagraphs, an element's parts."""
        if not any(target in known for known in (self.instruments, self.provisions, self.elements)):
            raise UnknownId(target, "instrument, provision or element", {**self.instruments, **self.provisions, **self.elements})
        if direct:
            wanted = {target}
        elif target in self.instruments:
            wanted = {target, *(i for i in (*self.provisions, *self.elements) if self.owner(i) == target)}
        else:
            wanted = {r.id for r in (self.provisions.get(target) or self.elements[target]).walk()}
        return self._said(r for r in self.readings.values() if wanted.intersection(r.about))

    @staticmethod
    def _known(value: str, known: Mapping, kind: str) -> None:
        """Raise :class:`~lexmap.problems.UnknownId` (a KeyError, with "did you mean") for an id
        that is not in ``known``: a typo is not an empty answer."""
        if not isinstance(value, str) or value not in known:
            raise UnknownId(value, kind, known)

    def _statements(self, statements: Mapping, field: str, value: str, known: Mapping) -> Records:
        self._known(value, known, field)
        return self._said(s for s in statements.values() if getattr(s, field) == value)

    def _said(self, statements: Iterable) -> Records:
        """Statements whose tables show who speaks each beside the document that records it, and
        a label beside every id (:func:`lexmap.results.statement_records`)."""
        from .results import statement_records

        return statement_records(statements, self.sources().voices, self._all)

    def cited_by(self, document: str) -> Records:
        """Documents that cite ``document``."""
        return Records(d for d in self.documents.values() if any(c.document == document for c in d.cites))

    @cached_property
    def _claims_by_element(self) -> dict[str, list[Claim]]:
        by_element: dict[str, list[Claim]] = {}
        for claim in self.claims.values():
            by_element.setdefault(claim.element, []).append(claim)
        return by_element
