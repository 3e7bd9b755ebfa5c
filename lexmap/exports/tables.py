"""The corpus as flat relational tables: the one shape the SQLite and Parquet exports share.

Nested records (provisions, element trees, ratification events, citations,
reliance, resolved speakers) become tables of their own with a parent column
and a ``position``; every reference is a column naming the table it points to,
so SQLite can declare it as a foreign key and Parquet readers can join on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

import attrs

from ..dates import parse_date

TEXT, INTEGER, BOOLEAN, LIST, REAL = "TEXT", "INTEGER", "BOOLEAN", "LIST", "REAL"
"""Column types: LIST is a list of strings (JSON text in SQLite, a list column in Parquet); REAL a number."""


@attrs.frozen
class Column:
    name: str
    type: str = TEXT
    references: str | None = None
    """The table whose ``id`` this column holds."""
    required: bool = False


@attrs.frozen
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ("id",)
    label: str | None = None
    """The column a person reads as the row's name (Datasette shows it beside links)."""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _c(spec: str) -> Column:
    """``name``, ``name:TYPE``, ``name>table`` (a reference) or ``name!`` (required), combined."""
    required = spec.endswith("!")
    spec = spec.rstrip("!")
    name, _, references = spec.partition(">")
    name, _, type_ = name.partition(":")
    return Column(name, type_ or TEXT, references or None, required)


def _table(name: str, description: str, columns: str, key: tuple[str, ...] = ("id",), label: str | None = None) -> Table:
    return Table(name, description, tuple(_c(s) for s in columns.split()), key, label)


_STATEMENT = "claim>claims attestation>attestations exhibit>exhibits reading>readings"
TABLES: tuple[Table, ...] = (
    _table(
        "case",
        "The case these tables come from: its title and date, description and licence (from its manifest; "
        "without one, the corpus folder's name), and in an edition made under --profile, the profile and how "
        "many statements it withholds.",
        "title! date description licence profile withheld:INTEGER",
        key=("title",),
    ),
    _table(
        "states",
        "States, by ISO 3166-1 alpha-2 code, with UN membership (member, observer, non-member).",
        "id! name! un_membership independent:BOOLEAN",
        label="name",
    ),
    _table(
        "instruments",
        "Legal instruments: treaties, conventions, statutes, declarations.",
        "id! title! short_name! kind! binding:BOOLEAN! adopted_by adopted in_force in_force_after_consent url notes",
        label="short_name",
    ),
    _table(
        "ratifications",
        "Each state's history towards an instrument, read from the official record (source).",
        "id! instrument>instruments! state>states! source as_of note",
    ),
    _table(
        "ratification_events",
        "The dated events of a ratification history (signature, ratification, accession...).",
        "ratification>ratifications! position:INTEGER! event! date! note source",
        key=("ratification", "position"),
    ),
    _table(
        "actors",
        "Who speaks: organisations, governments, persons.",
        "id! name! kind! part_of>actors notes visibility!",
        label="name",
    ),
    _table(
        "provisions",
        "Articles, paragraphs and subparagraphs; parent is the enclosing provision (none at the top).",
        "id! instrument>instruments! parent>provisions position:INTEGER! label! heading text "
        "source_url source_publisher source_note",
        label="label",
    ),
    _table(
        "provision_copies",
        "The independent copies a provision's text was checked against (its source's checked_against).",
        "provision>provisions! position:INTEGER! url! publisher! note",
        key=("provision", "position"),
    ),
    _table(
        "provision_variants",
        "Readings of a copy that differ from a provision's text: reading where the text has instead_of.",
        "provision>provisions! position:INTEGER! reading! instead_of! copy! note",
        key=("provision", "position"),
    ),
    _table(
        "elements",
        "Every element of every legal test; a test is the element without a parent. combinator: "
        "all (every child must be met), any (one suffices), empty for a leaf.",
        "id! instrument>instruments! test>elements! parent>elements position:INTEGER! label! combinator "
        "provision>provisions kind description words defined_by>elements",
        label="label",
    ),
    _table(
        "tests",
        "The legal tests: the roots of the element trees.",
        "id>elements! instrument>instruments! position:INTEGER! label! kind combinator provision>provisions",
        label="label",
    ),
    _table(
        "indicator_frameworks",
        "Frameworks of indicators, such as the ILO indicators of forced labour.",
        "id! title! publisher date url",
        label="title",
    ),
    _table(
        "indicators",
        "The indicators of each framework.",
        "id! framework>indicator_frameworks! position:INTEGER! label! description",
        label="label",
    ),
    _table(
        "documents",
        "Sources: reports, statutes, news articles, UN communications, court rulings.",
        "id! title! kind! authors:LIST publisher date url language text_file notes published_by>actors "
        "original_title title_language sha256 retrieved archived_url original_sha256 visibility!",  # issue 27
        label="title",
    ),
    _table(
        "document_authors",
        "The actors who wrote each document (its authored_by).",
        "document>documents! position:INTEGER! actor>actors!",
        key=("document", "position"),
    ),
    _table(
        "citations",
        "Which documents each document cites, at which pinpoint.",
        "document>documents! position:INTEGER! cited>documents! pinpoint note",
        key=("document", "position"),
    ),
    _table(
        "practices",
        "Alleged conduct: what is done, by whom, where, when, under which rule (legal_basis_*).",
        "id! label! description actor programme state>states places:LIST period start end part_of>practices "
        "legal_basis_document>documents legal_basis_pinpoint legal_basis_text",
        label="label",
    ),
    _table(
        "claims",
        "Document argues (stance supports) or contests that practice satisfies element, "
        "at pinpoint, in the verbatim quote; speaker when not the document's own author.",
        "id! document>documents! practice>practices! element>elements! stance! pinpoint! quote! speaker>actors note "
        "translation translation_by page when when_from when_to hedge visibility!",  # issue 27, issue 30, issue 25
    ),
    _table(
        "attestations",
        "Document reports that practice happens: a fact, not a legal argument.",
        "id! document>documents! practice>practices! pinpoint! quote! speaker>actors note translation translation_by page when when_from when_to visibility!",
    ),
    _table(
        "figures",
        "The numbers an attestation's quote gives: a value, or a range low-high (an end may be open), "
        "in unit, of base (what it measures, and whose share); figures are compared only on one unit and base.",
        "attestation>attestations! position:INTEGER! words! value:REAL low:REAL high:REAL unit! base! "
        "period_start period_end note",
        key=("attestation", "position"),
    ),
    _table(
        "exhibits",
        "Document says that practice exhibits indicator (or contests it).",
        "id! document>documents! practice>practices! indicator>indicators! stance! pinpoint! quote! speaker>actors note "
        "translation translation_by page when when_from when_to visibility!",  # issue 27, issue 30
    ),
    _table(
        "readings",
        "Document states how the law reads (what an instrument, provision or element means, its status, how it "
        "relates to another): a statement about the law, tied to no practice; what it reads is in reading_about.",
        "id! document>documents! pinpoint! quote! speaker>actors note translation translation_by page when when_from when_to "
        "visibility!",
    ),
    _table(
        "reading_about",
        "What each reading is about: about is the id as recorded, and one of instrument, provision, element is set.",
        "reading>readings! position:INTEGER! about! instrument>instruments provision>provisions element>elements",
        key=("reading", "position"),
    ),
    _table(
        "relies_on",
        "What a statement's passage rests on (its footnote): one of claim, attestation, exhibit, reading is set.",
        f"{_STATEMENT} position:INTEGER! document>documents! pinpoint note",
        key=(),
    ),
    _table(
        "statement_speakers",
        "Who makes each statement, resolved: its speaker, else its document's authors, "
        "else its publisher. One of claim, attestation, exhibit, reading is set.",
        f"{_STATEMENT} position:INTEGER! actor>actors!",
        key=(),
    ),
    _table(
        "assessments",
        "The level of each (practice, element) that the practice's statements (with its parts') touch, "
        "as lexmap computes it for every output (docs/evidence.md): level unargued, argued or corroborated; "
        "independent_sources behind it; contested; met_through parts or definition, limiting the part that sets it; "
        "asserted_by the independent sources asserting a composite element as a whole.",
        "practice>practices! element>elements! level! independent_sources:INTEGER! contested:BOOLEAN! "
        "met_through limiting>elements asserted_by:INTEGER! contested_by:LIST",
        key=("practice", "element"),
    ),
)
"""Every table, in an order where a table comes after those it references (but self-references)."""

TABLE = {table.name: table for table in TABLES}


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
