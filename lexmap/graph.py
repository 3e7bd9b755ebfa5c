"""The corpus as a networkx MultiDiGraph, for users' own graph analysis.

Nodes are ids with a ``kind`` (instrument, provision, element, practice,
document, actor, indicator framework, indicator, state) and a ``label``. Edges carry a
``kind``; statement edges are keyed by the statement's id:

=================  ===========================  ==========================================
edge kind          from -> to                   attributes
=================  ===========================  ==========================================
has_provision      instrument/provision -> provision
has_test           instrument -> element (test)
requires           element -> element           ``combinator``: all / any
set_out_in         element -> provision
claim              practice -> element          document, speaker, pinpoint, quote, stance
attests            document -> practice         speaker, pinpoint, quote
exhibits           practice -> indicator        document, speaker, pinpoint, quote, stance
reads              document -> instrument,      speaker, pinpoint, quote; one edge per id the
                   provision or element         reading is about, keyed ``id``, ``id#2``...
cites              document -> document         pinpoint
relies_on          document -> document         statement, pinpoint
authored           actor -> document
published          actor -> document
legal_basis        practice -> document         pinpoint
part_of            practice -> practice,
                   actor -> actor
attributed_to      practice -> state
(treaty event)     state -> instrument          date, source; kind: ratification,
                                                accession, signature, denunciation...
has_indicator      framework -> indicator
=================  ===========================  ==========================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from .model import STATEMENTS

if TYPE_CHECKING:
    from .corpus import Corpus


def _label(record) -> str:
    return (
        getattr(record, "short_name", None)
        or getattr(record, "label", None)
        or getattr(record, "title", None)
        or getattr(record, "name", None)
        or record.id
    )


def build_graph(corpus: Corpus) -> nx.MultiDiGraph[str]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()

    def node(kind: str, record) -> None:
        graph.add_node(record.id, kind=kind, label=_label(record))

    for state in corpus.states.values():
        node("state", state)
    for instrument in corpus.instruments.values():
        node("instrument", instrument)
        graph.nodes[instrument.id].update(binding=instrument.binding, title=instrument.title)
        for test in instrument.tests:
            graph.add_edge(instrument.id, test.id, kind="has_test")
    for provision_id, provision in corpus.provisions.items():
        node("provision", provision)
        parent = corpus.parent(provision_id)
        assert parent is not None, f"provision {provision_id} is in no instrument"  # the loader qualifies each under one
        graph.add_edge(parent, provision_id, kind="has_provision")
    for element in corpus.elements.values():
        node("element", element)
        graph.nodes[element.id]["test"] = element.id in corpus.tests
        if element.provision:
            graph.add_edge(element.id, element.provision, kind="set_out_in")
        for child in element.children:
            graph.add_edge(element.id, child.id, kind="requires", combinator=element.combinator)
    for framework in corpus.indicator_frameworks.values():
        node("indicator framework", framework)
        for indicator in framework.indicators:
            node("indicator", indicator)
            graph.add_edge(framework.id, indicator.id, kind="has_indicator")
    for ratification in corpus.ratifications.values():
        for event in ratification.events:
            attributes = {"date": event.date, "source": ratification.source}
            graph.add_edge(
                ratification.state,
                ratification.instrument,
                kind=event.event,
                **{k: v for k, v in attributes.items() if v is not None},
            )
    for actor in corpus.actors.values():
        node("actor", actor)
        graph.nodes[actor.id]["actor_kind"] = actor.kind
    for actor in corpus.actors.values():
        if actor.part_of:
            graph.add_edge(actor.id, actor.part_of, kind="part_of")
    for document in corpus.documents.values():
        node("document", document)
        graph.nodes[document.id].update(document_kind=document.kind, date=document.date)
        for author in document.authored_by:
            graph.add_edge(author, document.id, kind="authored")
        if document.published_by:
            graph.add_edge(document.published_by, document.id, kind="published")
    for document in corpus.documents.values():
        for citation in document.cites:
            graph.add_edge(document.id, citation.document, kind="cites", pinpoint=citation.pinpoint)
    for practice in corpus.practices.values():
        node("practice", practice)
        if practice.state:
            graph.add_edge(practice.id, practice.state, kind="attributed_to")
        if practice.part_of:
            graph.add_edge(practice.id, practice.part_of, kind="part_of")
        if practice.legal_basis:
            graph.add_edge(practice.id, practice.legal_basis.document, kind="legal_basis", pinpoint=practice.legal_basis.pinpoint)
    for claim in corpus.claims.values():
        graph.add_edge(
            claim.practice,
            claim.element,
            key=claim.id,
            kind="claim",
            document=claim.document,
            pinpoint=claim.pinpoint,
            quote=claim.quote,
            stance=claim.stance,
        )
    for attestation in corpus.attestations.values():
        graph.add_edge(
            attestation.document,
            attestation.practice,
            key=attestation.id,
            kind="attests",
            pinpoint=attestation.pinpoint,
            quote=attestation.quote,
        )
    for exhibit in corpus.exhibits.values():
        graph.add_edge(
            exhibit.practice,
            exhibit.indicator,
            key=exhibit.id,
            kind="exhibits",
            document=exhibit.document,
            pinpoint=exhibit.pinpoint,
            quote=exhibit.quote,
            stance=exhibit.stance,
        )
    for reading in corpus.readings.values():
        for n, about in enumerate(reading.about, 1):
            attributes = {"speaker": reading.speaker, "pinpoint": reading.pinpoint, "quote": reading.quote}
            key = reading.id if n == 1 else f"{reading.id}#{n}"
            graph.add_edge(reading.document, about, key=key, kind="reads", **{k: v for k, v in attributes.items() if v})
    for collection in (getattr(corpus, name) for name in STATEMENTS):
        for statement in collection.values():
            if statement.speaker and not hasattr(statement, "about"):
                graph.edges[(*_ends(statement), statement.id)]["speaker"] = statement.speaker
            for reliance in statement.relies_on:
                attributes = {"statement": statement.id, "pinpoint": reliance.pinpoint}
                graph.add_edge(
                    statement.document,
                    reliance.document,
                    kind="relies_on",
                    **{k: v for k, v in attributes.items() if v is not None},
                )
    return graph


def _ends(statement) -> tuple[str, str]:
    """The nodes a statement's edge joins (see the table above)."""
    if hasattr(statement, "element"):
        return statement.practice, statement.element
    if hasattr(statement, "indicator"):
        return statement.practice, statement.indicator
    return statement.document, statement.practice
