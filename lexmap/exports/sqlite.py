"""The corpus as a SQLite database for Datasette: colleagues get a queryable web interface
(``datasette corpus.db -m corpus.metadata.json``) with nothing but the file.

A table per collection (:mod:`lexmap.exports.tables`) with its foreign keys
declared, views joining each kind of statement to the labels, documents and
resolved speakers a reader wants beside it, and full-text indexes (FTS5) over
quotes, pinpoints, document titles and speaker names. The database is built in
memory and written atomically: a reader never sees half a database.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .table_rows import table_rows
from .tables import BOOLEAN, INTEGER, LIST, REAL, TABLES, Table

# Each statement view: the statement's own columns, then what it points to, in words.
_SPEAKERS = """(SELECT group_concat(name, '; ') FROM (SELECT a.name FROM statement_speakers AS x
      JOIN actors AS a ON a.id = x.actor WHERE x.{kind} = s.id ORDER BY x.position))"""
VIEWS = {
    "claims_view": (
        "claim",
        "claims",
        """
    SELECT s.rowid AS rowid, s.id, s.stance, s.practice, p.label AS practice_label, s.element,
           e.label AS element_label, e.test, i.short_name AS instrument, s.document, d.title AS document_title,
           d.date AS document_date, s."when", s.when_from, s.when_to, {speakers} AS speakers, s.pinpoint, s.quote, s.note
    FROM claims AS s JOIN practices AS p ON p.id = s.practice JOIN elements AS e ON e.id = s.element
    JOIN instruments AS i ON i.id = e.instrument JOIN documents AS d ON d.id = s.document""",
    ),
    "attestations_view": (
        "attestation",
        "attestations",
        """
    SELECT s.rowid AS rowid, s.id, s.practice, p.label AS practice_label, s.document, d.title AS document_title,
           d.date AS document_date, s."when", s.when_from, s.when_to, {speakers} AS speakers, s.pinpoint, s.quote, s.note
    FROM attestations AS s JOIN practices AS p ON p.id = s.practice JOIN documents AS d ON d.id = s.document""",
    ),
    "exhibits_view": (
        "exhibit",
        "exhibits",
        """
    SELECT s.rowid AS rowid, s.id, s.stance, s.practice, p.label AS practice_label, s.indicator,
           n.label AS indicator_label, s.document, d.title AS document_title, d.date AS document_date, s."when", s.when_from, s.when_to,
           {speakers} AS speakers, s.pinpoint, s.quote, s.note
    FROM exhibits AS s JOIN practices AS p ON p.id = s.practice JOIN indicators AS n ON n.id = s.indicator
    JOIN documents AS d ON d.id = s.document""",
    ),
    "readings_view": (
        "reading",
        "readings",
        """
    SELECT s.rowid AS rowid, s.id, (SELECT group_concat(about, '; ') FROM (SELECT x.about FROM reading_about AS x
           WHERE x.reading = s.id ORDER BY x.position)) AS about, s.document, d.title AS document_title,
           d.date AS document_date, s."when", s.when_from, s.when_to, {speakers} AS speakers, s.pinpoint, s.quote, s.note
    FROM readings AS s JOIN documents AS d ON d.id = s.document""",
    ),
}
TABLE_TITLES = {"claims": "Claims", "attestations": "Attestations", "exhibits": "Exhibits", "readings": "Readings"}
SEARCHED = ("quote", "pinpoint", "document_title", "speakers")
"""The columns of each view that its full-text index ``<kind>s_fts`` covers."""
FACETS = {
    "claims_view": ["stance", "element", "document", "speakers"],
    "attestations_view": ["practice", "document", "speakers"],
    "exhibits_view": ["stance", "indicator", "document", "speakers"],
    "readings_view": ["document", "speakers"],
    "claims": ["stance", "element", "document", "speaker"],
}
INDEXES = {
    "claims": ("document", "practice", "element", "speaker"),
    "attestations": ("document", "practice"),
    "exhibits": ("document", "practice", "indicator"),
    "readings": ("document", "speaker"),
    "reading_about": ("about", "instrument", "provision", "element"),
    "relies_on": ("claim", "attestation", "exhibit", "reading", "document"),
    "statement_speakers": ("claim", "attestation", "exhibit", "reading", "actor"),
    "citations": ("cited",),
    "elements": ("parent", "test"),
    "provisions": ("parent",),
}


def _ddl(table: Table) -> str:
    lines = []
    for column in table.columns:
        kind = {INTEGER: "INTEGER", BOOLEAN: "INTEGER", REAL: "REAL"}.get(column.type, "TEXT")
        line = f'"{column.name}" {kind}' + (" NOT NULL" if column.required else "")
        if column.references:
            line += f' REFERENCES "{column.references}"(id)'
        lines.append(line)
    if table.key:
        lines.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in table.key) + ")")
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(lines) + "\n)"


def _value(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def corpus_sqlite(corpus) -> bytes:
    """The bytes of a SQLite database of ``corpus``: tables, foreign keys, views, FTS5 indexes."""
    db = sqlite3.connect(":memory:")
    try:
        for table in TABLES:
            db.execute(_ddl(table))
            marks = ", ".join("?" * len(table.columns))
            lists = [n for n, c in enumerate(table.columns) if c.type == LIST]
            rows = table_rows(corpus, table.name)
            if lists:
                rows = (tuple(_value(v) for v in row) for row in rows)
            db.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', rows)
        for name, columns in INDEXES.items():
            for column in columns:
                db.execute(f'CREATE INDEX "{name}_{column}" ON "{name}"("{column}")')
        for view, (kind, _, select) in VIEWS.items():
            db.execute(f'CREATE VIEW "{view}" AS {select.format(speakers=_SPEAKERS.format(kind=kind))}')
            fts = f"{kind}s_fts"
            db.execute(
                f'CREATE VIRTUAL TABLE "{fts}" USING fts5({", ".join(SEARCHED)}, content="{view}", content_rowid="rowid", tokenize="porter unicode61 remove_diacritics 2")'
            )
            db.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')
        db.commit()
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:  # the loader checks every reference: this is a bug of lexmap, not of the corpus
            raise AssertionError(f"foreign keys broken in the SQLite export: {problems[:5]}")
        return db.serialize()
    finally:
        db.close()


def datasette_metadata(corpus, database: str) -> dict:
    """Datasette's metadata for the database named ``database`` (the file name without ``.db``):
    title, description, licence and source from the case manifest, each table's description,
    label column and facets, and which full-text index each statement table searches."""
    case = corpus.case
    tables: dict[str, dict] = {}
    for table in TABLES:
        entry: dict = {"description": table.description}
        if table.label:
            entry["label_column"] = table.label
        tables[table.name] = entry
    for view, (kind, base, _) in VIEWS.items():
        title = TABLE_TITLES[base]
        tables[view] = {
            "title": f"{title}, with labels, documents and speakers",
            "description": f"{title} with the labels of what they point to, their document's title and date, and "
            "their speakers (resolved: the statement's speaker, else the document's authors or "
            "publisher). Search covers quote, pinpoint, document title and speakers.",
            "fts_table": f"{kind}s_fts",
        }
        tables[base]["fts_table"] = f"{kind}s_fts"
    for name, facets in FACETS.items():
        tables[name]["facets"] = facets
    metadata: dict = {"title": corpus.title}
    if case is not None:
        if case.description:
            metadata["description"] = case.description
        if case.licence:
            metadata["license"] = case.licence
        metadata["source"] = f"lexmap case: {case.title}" + (f" ({case.date})" if case.date else "")
    else:
        metadata["source"] = f"lexmap corpus: {corpus.title}"
    metadata["databases"] = {database: {"title": corpus.title, "tables": tables}}
    return metadata


def metadata_path(database: str | Path) -> Path:
    """Where the metadata of ``database`` goes by default: ``corpus.db`` -> ``corpus.metadata.json``."""
    path = Path(database)
    return path.with_name(f"{path.stem}.metadata.json")


def write_sqlite(corpus, path: str | Path, metadata: str | Path | None = None) -> tuple[Path, Path]:
    """Write the database of ``corpus`` to ``path`` and its Datasette metadata to ``metadata``
    (default: beside it, :func:`metadata_path`), each atomically. Returns both paths."""
    from ..outputs import write_file as write_atomic

    path = Path(path)
    metadata = Path(metadata) if metadata else metadata_path(path)
    data = corpus_sqlite(corpus)
    text = json.dumps(datasette_metadata(corpus, path.stem), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, data)
    write_atomic(metadata, text.encode("utf-8"))
    return path, metadata
