"""The loaded corpus: every record, indexed by id, with the relations ids imply."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .model import (
    Attestation, Claim, Document, Element, Exhibit, Indicator, IndicatorFramework,
    Instrument, Practice, Provision, State,
)


def _index(records: Iterable[Any]) -> Mapping[str, Any]:
    return MappingProxyType({record.id: record for record in records})


class Corpus:
    """All records of a corpus, read-only, each collection a mapping from id to record.

    Build one with :func:`lexmap.load`. Collections keep the order of the files.
    """

    def __init__(
        self,
        *,
        states: Iterable[State] = (),
        instruments: Iterable[Instrument] = (),
        indicator_frameworks: Iterable[IndicatorFramework] = (),
        documents: Iterable[Document] = (),
        practices: Iterable[Practice] = (),
        claims: Iterable[Claim] = (),
        attestations: Iterable[Attestation] = (),
        exhibits: Iterable[Exhibit] = (),
        root: Path | None = None,
        texts_checked: Iterable[str] = (),
    ):
        self.root = root
        self.texts_checked = tuple(texts_checked)
        """Ids of the documents whose quotes were checked against their text."""
        self.states: Mapping[str, State] = _index(states)
        self.instruments: Mapping[str, Instrument] = _index(instruments)
        self.indicator_frameworks: Mapping[str, IndicatorFramework] = _index(indicator_frameworks)
        self.documents: Mapping[str, Document] = _index(documents)
        self.practices: Mapping[str, Practice] = _index(practices)
        self.claims: Mapping[str, Claim] = _index(claims)
        self.attestations: Mapping[str, Attestation] = _index(attestations)
        self.exhibits: Mapping[str, Exhibit] = _index(exhibits)

        parents: dict[str, str] = {}
        provisions: dict[str, Provision] = {}
        elements: dict[str, Element] = {}
        tests: dict[str, Element] = {}
        indicators: dict[str, Indicator] = {}
        for instrument in self.instruments.values():
            _add_provisions(instrument.id, instrument.provisions, provisions, parents)
            for test in instrument.tests:
                tests[test.id] = test
                parents[test.id] = instrument.id
                for element in test.walk():
                    elements[element.id] = element
                    for child in element.children:
                        parents[child.id] = element.id
        for framework in self.indicator_frameworks.values():
            for indicator in framework.indicators:
                indicators[indicator.id] = indicator
                parents[indicator.id] = framework.id
        self.provisions: Mapping[str, Provision] = MappingProxyType(provisions)
        self.tests: Mapping[str, Element] = MappingProxyType(tests)
        self.elements: Mapping[str, Element] = MappingProxyType(elements)
        self.indicators: Mapping[str, Indicator] = MappingProxyType(indicators)
        self._parents = parents
        self._all: dict[str, Any] = {}
        for collection in (
            self.states, self.instruments, self.indicator_frameworks, self.documents, self.practices,
            self.claims, self.attestations, self.exhibits, self.provisions, self.elements, self.indicators,
        ):
            self._all.update(collection)

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
        return {
            "states": len(self.states),
            "instruments": len(self.instruments),
            "provisions": len(self.provisions),
            "tests": len(self.tests),
            "elements": len(self.elements),
            "indicator_frameworks": len(self.indicator_frameworks),
            "indicators": len(self.indicators),
            "documents": len(self.documents),
            "citations": sum(len(d.cites) for d in self.documents.values()),
            "practices": len(self.practices),
            "claims": len(self.claims),
            "attestations": len(self.attestations),
            "exhibits": len(self.exhibits),
        }

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {kind}" for kind, n in self.counts().items())
        return f"<lexmap.Corpus {self.root or ''}: {counts}>"


def _add_provisions(parent: str, items: Iterable[Provision], provisions: dict, parents: dict) -> None:
    """Index provisions in document order (depth first, as written)."""
    for provision in items:
        provisions[provision.id] = provision
        parents[provision.id] = parent
        _add_provisions(provision.id, provision.provisions, provisions, parents)
