"""The database steps of benchmarks/run.py: SQLite and Parquet exports and reading them back,
the rdflib graph, N-Triples and Turtle, Oxigraph's bulk load, the reuse of a store, and one SPARQL query
(claims per element) in Oxigraph and rdflib against the same answer from the Python API.

``measure``, ``isolated`` and ``forked`` are run.py's: each step's CPU time, wall-clock time
and peak memory, in a forked child where it says so.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

CLAIMS_PER_ELEMENT = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX lm: <urn:lexmap:vocab#>
SELECT ?element (COUNT(?c) AS ?claims) WHERE { ?c lm:element ?e . ?e dcterms:identifier ?element } GROUP BY ?element"""
# Only claims have lm:element; "?c a lm:Claim ; lm:element/dcterms:identifier ?element" gives the same
# rows 2.5x slower in Oxigraph at 100x (1.3 s against 0.5 s, warm).


def claims_per_element_api(corpus) -> dict[str, int]:
    """The query's answer through the API, as a notebook user would ask it: element by element."""
    return {e: n for e in corpus.elements if (n := len(corpus.claims_for(e, direct=True)))}


def claims_per_element_pass(corpus) -> dict[str, int]:
    """The same answer in one pass over ``corpus.claims``."""
    from collections import Counter

    return dict(Counter(c.element for c in corpus.claims.values()))


def database_steps(corpus, measure, isolated, forked) -> dict:
    """SQLite, Parquet, RDF and SPARQL steps, each in its own child but the RDF ones, which share
    one child (the graph and the store are what the queries need)."""
    import sqlite3

    import pyarrow.parquet as pq

    from lexmap.exports.parquet import write_parquet
    from lexmap.exports.sqlite import write_sqlite
    from lexmap.exports.tables import TABLES

    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="lexmap-bench-db-") as tmp:
        database, folder = Path(tmp) / "corpus.db", Path(tmp) / "parquet"

        def read_sqlite():
            db = sqlite3.connect(database)
            for table in (*(t.name for t in TABLES), "claims_view"):
                db.execute(f'SELECT * FROM "{table}"').fetchall()

        out["sqlite"] = isolated(lambda: write_sqlite(corpus, database))
        out["sqlite_read"] = isolated(read_sqlite)
        out["sqlite_mb"] = database.stat().st_size / 2**20
        out["parquet"] = isolated(lambda: write_parquet(corpus, folder))
        out["parquet_read"] = isolated(lambda: [pq.read_table(f) for f in folder.glob("*.parquet")])
        out["parquet_mb"] = sum(f.stat().st_size for f in folder.glob("*.parquet")) / 2**20
        api: dict = {}
        out["sparql_api"] = measure(lambda: api.update(claims_per_element_api(corpus)))
        out["sparql_pass"] = isolated(lambda: claims_per_element_pass(corpus))
        out["api_same"] = claims_per_element_pass(corpus) == api
        out.update(forked(lambda: rdf_steps(corpus, Path(tmp) / "store", api, measure, isolated, forked)))
    return out


def rdf_steps(corpus, store_dir: Path, api: dict, measure, isolated, forked) -> dict:
    """In a child of its own: the graph is built here (measured), then each later step runs in a
    grandchild (``isolated``) so that its peak memory is its own."""
    import pyoxigraph as ox

    from lexmap.exports.rdf import corpus_graph, corpus_turtle
    from lexmap.sparql import _rdflib_query, ntriples, open_store, oxigraph_query

    store_dir.mkdir(parents=True, exist_ok=True)
    held: dict = {}
    out = {"rdf_graph": measure(lambda: held.setdefault("graph", corpus_graph(corpus)))}
    graph = held["graph"]
    out["triples"] = len(graph)
    out["ntriples"] = isolated(lambda: ntriples(corpus))  # lexmap's writer: no graph
    out["turtle"] = isolated(lambda: corpus_turtle(corpus))
    nt = ntriples(corpus)
    out["ntriples_mb"] = len(nt) / 2**20

    def bulk_load(data: bytes) -> None:
        store = ox.Store(str(store_dir / "direct"))
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        store.flush()

    out["oxigraph_load"] = isolated(functools.partial(bulk_load, nt))  # the partial goes with the call
    del nt
    out["oxigraph_build"] = isolated(lambda: open_store(corpus, store_dir / "lexmap"))
    out["oxigraph_reopen"] = isolated(lambda: open_store(corpus, store_dir / "lexmap"))
    store = ox.Store.read_only(str(store_dir / "direct"))
    answers = {"oxigraph": oxigraph_query(store, CLAIMS_PER_ELEMENT), "rdflib": _rdflib_query(graph, CLAIMS_PER_ELEMENT)}
    out["sparql_same"] = all({row[0]: int(row[1]) for row in answer.rows} == api for answer in answers.values())
    out["sparql_oxigraph"] = isolated(lambda: oxigraph_query(store, CLAIMS_PER_ELEMENT))  # a new process: cold caches

    def warm():
        oxigraph_query(store, CLAIMS_PER_ELEMENT)
        return measure(lambda: oxigraph_query(store, CLAIMS_PER_ELEMENT))

    out["sparql_oxigraph_warm"] = forked(warm)
    out["sparql_rdflib"] = isolated(lambda: _rdflib_query(graph, CLAIMS_PER_ELEMENT))
    return out
