"""The corpus as flat relational tables: the one shape the SQLite and Parquet exports share.

Nested records (provisions, element trees, ratification events, citations,
reliance, resolved speakers) become tables of their own with a parent column
and a ``position``; every reference is a column naming the table it points to,
so SQLite can declare it as a foreign key and Parquet readers can join on it.
"""

from __future__ import annotations

import attrs

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
