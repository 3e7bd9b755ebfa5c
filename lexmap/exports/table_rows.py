"""The rows of each table of :mod:`lexmap.exports.tables`, as tuples in its columns' order, read
from the corpus (and, for ``assessments``, from its one evidence answer)."""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from ..dates import parse_date
from .tables import TABLES


def _statement(kind: str, id_: str) -> tuple:
    return tuple(id_ if k == kind else None for k in ("claim", "attestation", "exhibit", "reading"))


def table_rows(corpus, name: str) -> Iterator[tuple]:
    """The rows of table ``name``, as tuples in the order of its columns."""
    return _ROWS[name](corpus)


def _provisions(corpus):
    for id_, p in corpus.provisions.items():
        parent = corpus.parent(id_)
        siblings = corpus.provisions[parent].provisions if parent in corpus.provisions else corpus.instruments[parent].provisions
        yield (
            id_,
            corpus.owner(id_),
            parent if parent in corpus.provisions else None,
            _position(siblings, p),
            p.label,
            p.heading,
            p.text,
            *((p.source.url, p.source.publisher, p.source.note) if p.source else (None, None, None)),
        )


def _elements(corpus):
    for instrument in corpus.instruments.values():
        for n, test in enumerate(instrument.tests, 1):
            stack = [(test, None, n)]
            while stack:
                e, parent, position = stack.pop()
                yield (
                    e.id,
                    instrument.id,
                    test.id,
                    parent,
                    position,
                    e.label,
                    e.combinator,
                    e.provision,
                    e.kind,
                    e.description,
                    e.words,
                    e.defined_by,
                )
                stack.extend((child, e.id, i) for i, child in reversed(list(enumerate(e.children, 1))))


def _position(siblings, record) -> int:
    for n, sibling in enumerate(siblings, 1):
        if sibling is record:
            return n
    raise ValueError(f"{record.id} is not among its parent's children")


def _statements(corpus, kind: str, collection: str):
    return ((kind, s) for s in getattr(corpus, collection).values())


def _all_statements(corpus):
    yield from _statements(corpus, "claim", "claims")
    yield from _statements(corpus, "attestation", "attestations")
    yield from _statements(corpus, "exhibit", "exhibits")
    yield from _statements(corpus, "reading", "readings")


def _speakers(corpus):
    sources = corpus.sources()
    for kind, s in _all_statements(corpus):
        for n, actor in enumerate(sources.speakers(s), 1):
            yield (*_statement(kind, s.id), n, actor)


def _assessments(corpus):
    assessor = corpus.assessor()
    for test in corpus.tests:
        for practice in assessor.practices_on(test):
            for row in assessor.coverage(test, practice):
                yield (
                    practice,
                    row.element.id,
                    row.level,
                    row.independent_sources,
                    row.contested,
                    row.met_through,
                    row.limiting,
                    row.asserted_by,
                    [c.id for c in row.contested_by],
                )


def _when_bound(end: str):
    """A statement's first (``lower``) or last (``upper``) ISO day its ``when`` may mean (issue 30):
    the EDTF text stays in ``when``, the bounds let SQL compare dates."""
    return lambda s: None if s.when is None else getattr(parse_date(s.when), end).isoformat()


_DERIVED = {"when_from": _when_bound("lower"), "when_to": _when_bound("upper")}


def _fields(records, table: str) -> Iterator[tuple]:
    """The rows of a table whose columns are its records' own fields (or :data:`_DERIVED` from
    them), in the columns' order."""
    names = next(t for t in TABLES if t.name == table).column_names
    getters = [_DERIVED.get(name) or attrgetter(name) for name in names]
    return (tuple(get(record) for get in getters) for record in records.values())


_ROWS = {
    "case": lambda c: [
        (
            c.title,
            *((c.case.date, c.case.description, c.case.licence, c.case.profile, c.case.withheld) if c.case else (None,) * 5),
        )
    ],
    "states": lambda c: ((s.id, s.name, s.un_membership, s.independent) for s in c.states.values()),
    "instruments": lambda c: (
        (
            i.id,
            i.title,
            i.short_name,
            i.kind,
            i.binding,
            i.adopted_by,
            i.adopted,
            i.in_force,
            i.in_force_after_consent,
            i.url,
            i.notes,
        )
        for i in c.instruments.values()
    ),
    "ratifications": lambda c: ((r.id, r.instrument, r.state, r.source, r.as_of, r.note) for r in c.ratifications.values()),
    "ratification_events": lambda c: (
        (r.id, n, e.event, e.date, e.note, e.source) for r in c.ratifications.values() for n, e in enumerate(r.events, 1)
    ),
    "actors": lambda c: ((a.id, a.name, a.kind, a.part_of, a.notes, a.visibility) for a in c.actors.values()),
    "provisions": _provisions,
    "provision_copies": lambda c: (
        (p.id, n, x.url, x.publisher, x.note)
        for p in c.provisions.values()
        if p.source
        for n, x in enumerate(p.source.checked_against, 1)
    ),
    "provision_variants": lambda c: (
        (p.id, n, v.reading, v.instead_of, v.copy, v.note)
        for p in c.provisions.values()
        if p.source
        for n, v in enumerate(p.source.variants, 1)
    ),
    "elements": _elements,
    "tests": lambda c: (
        (t.id, i.id, n, t.label, t.kind, t.combinator, t.provision)
        for i in c.instruments.values()
        for n, t in enumerate(i.tests, 1)
    ),
    "indicator_frameworks": lambda c: ((f.id, f.title, f.publisher, f.date, f.url) for f in c.indicator_frameworks.values()),
    "indicators": lambda c: (
        (i.id, f.id, n, i.label, i.description) for f in c.indicator_frameworks.values() for n, i in enumerate(f.indicators, 1)
    ),
    "documents": lambda c: (
        (d.id, d.title, d.kind, list(d.authors), d.publisher, d.date, d.url, d.language, d.text_file, d.notes, d.published_by)
        + (d.original_title, d.title_language, d.sha256, d.retrieved, d.archived_url, d.original_sha256, d.visibility)  # issue 27
        for d in c.documents.values()
    ),
    "document_authors": lambda c: ((d.id, n, a) for d in c.documents.values() for n, a in enumerate(d.authored_by, 1)),
    "citations": lambda c: (
        (d.id, n, x.document, x.pinpoint, x.note) for d in c.documents.values() for n, x in enumerate(d.cites, 1)
    ),
    "practices": lambda c: (
        (
            p.id,
            p.label,
            p.description,
            p.actor,
            p.programme,
            p.state,
            list(p.places),
            p.period,
            p.start,
            p.end,
            p.part_of,
            *((p.legal_basis.document, p.legal_basis.pinpoint, p.legal_basis.text) if p.legal_basis else (None, None, None)),
        )
        for p in c.practices.values()
    ),
    "claims": lambda c: _fields(c.claims, "claims"),
    "attestations": lambda c: _fields(c.attestations, "attestations"),
    "figures": lambda c: (
        (
            s.id,
            n,
            f.words,
            f.value,
            *((f.range.low, f.range.high) if f.range else (None, None)),
            f.unit,
            f.base,
            *((f.period.start, f.period.end) if f.period else (None, None)),
            f.note,
        )
        for s in c.attestations.values()
        for n, f in enumerate(s.figures, 1)
    ),
    "exhibits": lambda c: _fields(c.exhibits, "exhibits"),
    "readings": lambda c: _fields(c.readings, "readings"),
    "reading_about": lambda c: (
        (r.id, n, a, *(a if a in known else None for known in (c.instruments, c.provisions, c.elements)))
        for r in c.readings.values()
        for n, a in enumerate(r.about, 1)
    ),
    "relies_on": lambda c: (
        (*_statement(k, s.id), n, r.document, r.pinpoint, r.note)
        for k, s in _all_statements(c)
        for n, r in enumerate(s.relies_on, 1)
    ),
    "statement_speakers": _speakers,
    "assessments": _assessments,
}
