"""The corpus as RDF for rdflib users and JSON-LD (which needs the ``rdf`` extra), and as
Turtle (which does not). The triples, vocabulary and mapping are :mod:`lexmap.exports.triples`;
Turtle and N-Triples are written by :mod:`lexmap.exports.rdf_text`."""

from __future__ import annotations

import json

from ..extras import require
from .rdf_text import turtle
from .triples import DEFAULT_BASE, IRI, PREFIXES, VOCAB, Typed, corpus_triples

__all__ = ["DEFAULT_BASE", "PREFIXES", "VOCAB", "corpus_graph", "corpus_jsonld", "corpus_turtle"]


def _rdflib():
    return require("rdflib", "RDF export")


def corpus_graph(corpus, base: str = DEFAULT_BASE):
    """The corpus as an :class:`rdflib.Graph`; resource IRIs are ``base`` + lexmap id."""
    rdflib = _rdflib()
    from rdflib import Literal, URIRef

    def term(value):
        if isinstance(value, IRI):
            return URIRef(value)
        if isinstance(value, Typed):
            return Literal(value.value, datatype=URIRef(value.datatype))
        return Literal(value)

    graph = rdflib.Graph()
    for name, iri in PREFIXES.items():
        graph.bind(name, iri)
    for s, p, o in corpus_triples(corpus, base):
        graph.add((URIRef(s), URIRef(p), term(o)))
    return graph


def corpus_turtle(corpus, base: str = DEFAULT_BASE) -> bytes:
    return turtle(corpus_triples(corpus, base))


def corpus_jsonld(corpus, base: str = DEFAULT_BASE) -> bytes:
    """JSON-LD compacted with lexmap's prefixes; nodes and values sorted, for stable bytes."""
    text = corpus_graph(corpus, base).serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
    return (json.dumps(_sorted(json.loads(text)), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _sorted(value):
    """JSON-LD arrays without ``@list`` are unordered sets: sort them (recursively) by content."""
    if isinstance(value, dict):
        return {key: _sorted(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value
