"""N-Triples and Turtle written straight from lexmap's triples (:mod:`lexmap.exports.triples`).

rdflib's serialisers hold the whole graph and, for Turtle, work out its layout in ways that
grow faster than the corpus: Turtle of a 10x corpus did not finish. These writers need no
rdflib. N-Triples is a line per triple, in the order made; Turtle is sorted (subjects, then
``a`` and the other predicates, then objects), grouped by subject, with lexmap's prefixes:
same corpus, same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .triples import IRI, PREFIXES, RDF_TYPE, XSD, Triple, Typed

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
"""Local names written with a prefix (a safe subset of Turtle's PN_LOCAL)."""


def _iri(value: str) -> str:
    if _IRI_FORBIDDEN.search(value):
        value = _IRI_FORBIDDEN.sub(lambda m: f"\\u{ord(m.group(0)):04X}", value)
    return f"<{value}>"


def _literal(value, datatype) -> str:
    """A literal, its datatype written by ``datatype(iri)``."""
    if isinstance(value, bool):
        return f'"{"true" if value else "false"}"^^{datatype(XSD + "boolean")}'
    if isinstance(value, int):
        return f'"{value}"^^{datatype(XSD + "integer")}'
    if isinstance(value, Typed):
        return f'"{value.value.translate(_STRING)}"^^{datatype(value.datatype)}'
    return f'"{value.translate(_STRING)}"'


def ntriples(triples: Iterable[Triple]) -> bytes:
    """The triples as N-Triples (also valid Turtle), UTF-8."""
    iris: dict[str, str] = {}

    def term(value) -> str:
        if isinstance(value, IRI):
            written = iris.get(value)
            if written is None:
                written = iris[value] = _iri(value)
            return written
        return _literal(value, _iri)

    return "".join(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples).encode("utf-8")


def turtle(triples: Iterable[Triple]) -> bytes:
    """The triples as Turtle with lexmap's prefixes, sorted and grouped by subject, UTF-8."""
    names = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))  # the longest namespace first
    iris: dict[str, str] = {}

    def iri(value: str) -> str:
        written = iris.get(value)
        if written is None:
            written = _iri(value)
            for prefix, namespace in names:
                if value.startswith(namespace) and _LOCAL.fullmatch(value[len(namespace) :]):
                    written = f"{prefix}:{value[len(namespace) :]}"
                    break
            iris[value] = written
        return written

    subjects: dict[str, dict[str, set[str]]] = {}
    for s, p, o in triples:
        written = iri(o) if isinstance(o, IRI) else _literal(o, iri)
        subjects.setdefault(s, {}).setdefault(p, set()).add(written)
    out = [f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items()]
    for subject in sorted(subjects):
        predicates = subjects[subject]
        ordered = sorted(predicates, key=lambda p: (p != RDF_TYPE, iri(p)))
        lines = [f"{'a' if p == RDF_TYPE else iri(p)} {', '.join(sorted(predicates[p]))}" for p in ordered]
        out.append(f"\n{iri(subject)} " + " ;\n    ".join(lines) + " .\n")
    return "".join(out).encode("utf-8")
