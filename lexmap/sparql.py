"""SPARQL over the corpus at scale: Oxigraph (pyoxigraph) for queries, the Graph Store HTTP
Protocol to push the corpus to any SPARQL 1.1 server; rdflib only when pyoxigraph is missing.

rdflib answers a query over a 10x corpus in seconds to minutes; Oxigraph, a
compiled store with indexes, in milliseconds. The RDF is lexmap's triples
(:mod:`lexmap.exports.triples`), written as N-Triples without rdflib and bulk-loaded. An on-disk
store (``store=DIR``) is kept and reused while the corpus it was built from
(recorded as a content hash in ``DIR/lexmap-store.json``) is unchanged; lexmap
only ever writes into a store folder it created.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from importlib.metadata import version
from pathlib import Path

import attrs

from .exports.rdf import corpus_graph
from .exports.rdf_text import ntriples as write_ntriples
from .exports.spreadsheet import neutralise_lines
from .exports.triples import DEFAULT_BASE, corpus_triples
from .extras import require
from .outputs import OutputError, check_folder_output, corpus_inputs, owned_marker, replaced_folder

STORE_KIND = "sparql-store"
"""The kind of output a store folder's marker (:data:`lexmap.outputs.OWNED_FOLDER_MARKER`) names."""
STORE_DATA = "oxigraph"
ENGINES = ("auto", "oxigraph", "rdflib")
RESULT_FORMATS = ("table", "csv", "tsv", "json")


StoreError = OutputError
"""A store folder lexmap cannot use: the one error of every output folder (:mod:`lexmap.outputs`)."""


from .exports.push import PushError, push  # noqa: E402,F401  (pushing lives in lexmap.exports.push; kept importable here)


@attrs.frozen
class Result:
    """A query's answer as a table: variable names and rows of lexical values (None: unbound).
    An ASK query gives one column ``ask`` (``true``/``false``); CONSTRUCT and DESCRIBE give
    ``subject``, ``predicate``, ``object``."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]


def _pyoxigraph():
    return require("pyoxigraph", "SPARQL with Oxigraph")


def ntriples(corpus, base: str = DEFAULT_BASE) -> bytes:
    """The corpus's RDF as N-Triples (also valid Turtle): the fastest form to serialise and load."""
    return write_ntriples(corpus_triples(corpus, base))


def content_hash(corpus, base: str = DEFAULT_BASE) -> str:
    """A hash of everything the RDF is made from: lexmap's version, the base IRI, the corpus."""
    from .exports.corpus_json import corpus_json

    digest = hashlib.sha256(f"lexmap {version('lexmap')}\n{base}\n".encode())
    digest.update(corpus_json(corpus).encode("utf-8"))
    return digest.hexdigest()


def open_store(corpus, store: str | Path | None = None, base: str = DEFAULT_BASE):
    """A pyoxigraph Store holding the corpus's RDF: in memory without ``store``; else the on-disk
    store in that folder, reused (lexmap's store, built from the same corpus content) or built
    beside it and swapped in (:func:`lexmap.outputs.replaced_folder`, kind ``sparql-store``):
    a folder holding anything lexmap did not write, another kind of output, or the corpus
    raises :class:`~lexmap.outputs.OutputError`."""
    ox = _pyoxigraph()
    if store is None:
        memory = ox.Store()
        memory.load(ntriples(corpus, base), format=ox.RdfFormat.N_TRIPLES)
        return memory
    folder = Path(store)
    content = content_hash(corpus, base)
    inputs = corpus_inputs(corpus.root) if corpus.root is not None else []
    check_folder_output(folder, inputs, kind=STORE_KIND)  # a store reused is checked as one built: nobody else can swap it
    marker = owned_marker(folder, STORE_KIND)
    if marker is not None and marker.get("content") == content and (folder / STORE_DATA).is_dir():
        _private(folder)  # a store made before stores were private
        return ox.Store.read_only(str(folder / STORE_DATA))
    with replaced_folder(
        folder, inputs, kind=STORE_KIND, marker={"content": content, "lexmap_version": version("lexmap")}, private=True
    ) as staging:
        building = ox.Store(str(staging / STORE_DATA))
        building.bulk_load(ntriples(corpus, base), format=ox.RdfFormat.N_TRIPLES)
        building.flush()
        del building  # closes the database before it moves
        _private(staging)
    return ox.Store.read_only(str(folder / STORE_DATA))


def _private(folder: Path) -> None:
    """The store's folders 0700 and files 0600, whatever the umask: it is a cache of the whole
    case, confidential records included (under umask 022 a private case's store was readable by
    every user: attack round 12, G3), as the corpus cache is (:mod:`lexmap.cache_folder`)."""
    for at, _folders, files in os.walk(folder):
        os.chmod(at, 0o700)
        for name in files:
            if not os.path.islink(path := os.path.join(at, name)):  # (RocksDB makes none)
                os.chmod(path, 0o600)


def _ox_value(term) -> str | None:
    if term is None:
        return None
    name = type(term).__name__
    return f"_:{term.value}" if name == "BlankNode" else term.value


def _rdflib_value(term) -> str | None:
    if term is None:
        return None
    import rdflib

    return f"_:{term}" if isinstance(term, rdflib.BNode) else str(term)


def query(corpus, text: str, *, store: str | Path | None = None, engine: str = "auto", base: str = DEFAULT_BASE) -> Result:
    """Run SPARQL ``text`` over the corpus with Oxigraph (``engine="auto"`` falls back to rdflib
    when pyoxigraph is missing; ``store`` needs Oxigraph). Raises ValueError for a query that
    does not parse."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine == "auto":
        try:
            _pyoxigraph()
            engine = "oxigraph"
        except ImportError:
            if store is not None:
                raise
            engine = "rdflib"
    if engine == "rdflib":
        if store is not None:
            raise ValueError("a store folder needs the oxigraph engine")
        return _rdflib_query(corpus_graph(corpus, base), text)
    return oxigraph_query(open_store(corpus, store, base), text)


def oxigraph_query(store, text: str) -> Result:
    """Run ``text`` on a pyoxigraph Store; the answer as a :class:`Result`."""
    ox = _pyoxigraph()
    try:
        answer = store.query(text)
    except SyntaxError as error:
        raise ValueError(f"the SPARQL query does not parse: {error}") from error
    if isinstance(answer, ox.QueryBoolean):
        return Result(("ask",), ((str(bool(answer)).lower(),),))
    if isinstance(answer, ox.QueryTriples):
        return Result(("subject", "predicate", "object"), tuple(tuple(_ox_value(t) for t in triple) for triple in answer))
    variables = tuple(v.value for v in answer.variables)
    return Result(variables, tuple(tuple(_ox_value(solution[v]) for v in variables) for solution in answer))


def _rdflib_query(graph, text: str) -> Result:
    try:
        answer = graph.query(text)
    except Exception as error:  # pyparsing's ParseException and friends
        if type(error).__name__ in ("ParseException", "ParseSyntaxException"):
            raise ValueError(f"the SPARQL query does not parse: {error}") from error
        raise
    if answer.type == "ASK":
        return Result(("ask",), ((str(bool(answer.askAnswer)).lower(),),))
    if answer.type in ("CONSTRUCT", "DESCRIBE"):
        return Result(("subject", "predicate", "object"), tuple(tuple(_rdflib_value(t) for t in triple) for triple in answer))
    variables = tuple(str(v) for v in answer.vars)
    return Result(variables, tuple(tuple(_rdflib_value(row[v]) for v in variables) for row in answer))


def result_text(result: Result, fmt: str = "table") -> str:
    """The result as text: an aligned ``table``, ``csv``, ``tsv``, or ``json`` (a list of objects)."""
    if fmt == "json":
        return (
            json.dumps([dict(zip(result.variables, row, strict=True)) for row in result.rows], ensure_ascii=False, indent=2)
            + "\n"
        )
    if fmt in ("csv", "tsv"):  # opened in spreadsheets: as the matrix CSV, no cell can be a formula
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\r\n")
        writer.writerow(neutralise_lines(v) for v in result.variables)
        writer.writerows(tuple("" if v is None else neutralise_lines(v) for v in row) for row in result.rows)
        return out.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    cells = [list(result.variables)] + [["" if v is None else " ".join(v.split()) for v in row] for row in result.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(result.variables))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + f"\n({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})\n"
