"""Finding ids without Python: what ``lexmap list`` and ``lexmap show`` answer."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from .results import Records

if TYPE_CHECKING:
    from .corpus import Corpus

KINDS = (
    "instruments",
    "provisions",
    "tests",
    "elements",
    "indicators",
    "practices",
    "documents",
    "actors",
    "states",
    "claims",
    "attestations",
    "exhibits",
    "readings",
)


def names_of(record) -> str:
    """A record's human names (label, title, name...), lower case."""
    return " ".join(str(getattr(record, f, "") or "") for f in ("label", "title", "name", "short_name", "heading")).lower()


def words_of(record) -> str:
    """The text a record is found by: its id and its human names."""
    return f"{getattr(record, 'id', '')} {names_of(record)}"


def find(corpus: Corpus, kind: str, match: str | None = None) -> Records:
    """The records of ``kind`` (one of :data:`KINDS`) whose id or name holds ``match`` (any case)."""
    if kind not in KINDS:
        close = difflib.get_close_matches(kind, KINDS, n=1)
        raise KeyError(
            f"unknown kind {kind!r}" + (f"; did you mean {close[0]!r}?" if close else f"; use one of {', '.join(KINDS)}")
        )
    records = getattr(corpus, kind).values()
    needle = (match or "").lower()
    return Records(r for r in records if needle in words_of(r))


def suggest(corpus: Corpus, id_: str, n: int = 3) -> list[str]:
    """Ids close to ``id_``: the qualified ids it is the local part of, else the closest spellings."""
    ids = list(corpus._all)
    qualified = [i for i in ids if "/" in i and i.split("/", 1)[1] == id_]
    if qualified:
        return qualified[:n]
    named = [i for i in ids if id_.lower() in names_of(corpus[i]).split()]
    return named[:n] or difflib.get_close_matches(id_, ids, n=n, cutoff=0.6)


def describe(corpus: Corpus, id_: str, on: str | None = None) -> str:
    """A record in words: its fields, and what refers to it (a state's status on ``on``)."""
    record = corpus[id_]
    kind = type(record).__name__.lower()
    lines = [f"{kind} {id_}"]
    for field in getattr(type(record), "__attrs_attrs__", ()):
        value = getattr(record, field.name)
        if field.name in ("id", "provisions", "tests", "indicators", "all_of", "any_of") or value in (None, ()):
            continue
        if isinstance(value, tuple):
            value = "; ".join(
                getattr(v, "document", None) or getattr(v, "event", None) and f"{v.event} {v.date}" or str(v) for v in value
            )
        lines.append(f"  {field.name}: {' '.join(str(value).split())}")
    if id_ in corpus.elements:
        coverage = corpus.coverage(corpus.test_of(id_).id)[id_]
        lines.append(
            f"  coverage: {coverage.status} ({len(coverage.supporting)} own supporting claims, "
            f"{len(coverage.subtree_supporting)} with its parts)"
        )
        lines += [f"  claim {c.id}: {c.practice} ({c.stance}, {c.document})" for c in corpus.claims_for(id_, direct=True)]
    elif id_ in corpus.practices:
        lines += [f"  claim {c.id}: {c.element} ({c.stance}, {c.document})" for c in corpus.claims_of(id_)]
        lines += [f"  attested by {a.document} ({a.id})" for a in corpus.attestations_of(id_)]
    elif id_ in corpus.documents:
        lines += [f"  argues {c.id}: {c.practice} -> {c.element} ({c.stance})" for c in corpus.argued_by(id_)]
        lines += [f"  reads {r.id}: {', '.join(r.about)}" for r in corpus.readings_by(id_)]
        lines += [f"  cited by {d.id}" for d in corpus.cited_by(id_)]
    elif id_ in corpus.states:
        records = [r for r in corpus.ratifications.values() if r.state == id_]
        if records:
            lines.append(f"  status on {on or 'today'}:")
        lines += [f"  {r.instrument}: {corpus.party_status(r.instrument, id_, on=on).summary}" for r in records]
    elif id_ in corpus.actors:
        lines += [
            f"  reading {s.id}: about {', '.join(s.about)} ({s.document})"
            if hasattr(s, "about")
            else f"  {type(s).__name__.lower()} {s.id}: {s.practice} -> "
            f"{getattr(s, 'element', None) or getattr(s, 'indicator', None) or 'happens'}"
            f" ({getattr(s, 'stance', 'reports')}, {s.document})"
            for s in corpus.statements_by(id_)
        ]
    if id_ in corpus.instruments or id_ in corpus.provisions or id_ in corpus.elements:
        lines += [f"  read by {r.document} ({r.id})" for r in corpus.readings_of(id_, direct=True)]
    return "\n".join(lines)
