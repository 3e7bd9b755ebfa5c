"""SQLite (and Datasette over it), Parquet, and SPARQL through Oxigraph: in a store, and on a
real Oxigraph server the corpus is pushed to."""

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import attrs
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import lexmap
from lexmap import model
from lexmap.cli import main
from lexmap.exports import table_rows as table_rows_module
from lexmap.exports.parquet import OutputFolderError, write_parquet
from lexmap.exports.sqlite import corpus_sqlite, write_sqlite
from lexmap.exports.tables import TABLES
from lexmap.outputs import OWNED_FOLDER_MARKER
from lexmap.sparql import PushError, push, query

from conftest import CORPORA, error_lines

BIN = Path(sys.executable).parent
ELEMENT_CLAIMS = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX lm: <urn:lexmap:vocab#>
SELECT ?element ?claim WHERE {
  ?c a lm:Claim ; lm:element/dcterms:identifier ?element ; dcterms:identifier ?claim .
}"""
CLAIMS_PER_ELEMENT = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX lm: <urn:lexmap:vocab#>
SELECT ?element (COUNT(?c) AS ?claims) WHERE {
  ?c a lm:Claim ; lm:element/dcterms:identifier ?element .
} GROUP BY ?element ORDER BY ?element"""
SUBTREE_CLAIMS = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX lm: <urn:lexmap:vocab#>
SELECT ?target ?claim WHERE {
  ?t a lm:Element ; dcterms:identifier ?target ; (lm:allOf|lm:anyOf)* ?e .
  ?c a lm:Claim ; lm:element ?e ; dcterms:identifier ?claim .
}"""


def _database(corpus) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.deserialize(corpus_sqlite(corpus))
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def _get_json(url: str, **headers):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        return json.load(response)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _fts_text(corpus, claim) -> str:
    """What the claims' full-text index holds for a claim."""
    speakers = " ".join(a.name for a in corpus.speakers(claim.id))
    return " ".join((claim.quote, claim.pinpoint, corpus.documents[claim.document].title, speakers)).lower()


# -- SQLite -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bundled", "full", "small"])
def test_sqlite_counts_equal_the_corpus_and_every_foreign_key_holds(name, request):
    corpus = request.getfixturevalue(name) if name == "bundled" else lexmap.load(CORPORA / name)
    db = _database(corpus)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for collection, count in corpus.counts().items():
        assert db.execute(f'SELECT count(*) FROM "{collection}"').fetchone()[0] == count, collection
    assert db.execute("SELECT count(*) FROM statement_speakers").fetchone()[0] == sum(
        len(corpus.speakers(s)) for s in (*corpus.claims, *corpus.attestations, *corpus.exhibits, *corpus.readings)
    )


def test_sqlite_declares_the_foreign_keys_and_enforces_them(bundled):
    db = _database(bundled)
    keys = {(row[3], row[2]) for row in db.execute("PRAGMA foreign_key_list(claims)")}
    assert keys == {("document", "documents"), ("practice", "practices"), ("element", "elements"), ("speaker", "actors")}
    db.execute("PRAGMA foreign_keys = ON")
    claim = next(iter(bundled.claims.values()))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM documents WHERE id = ?", (claim.document,))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE claims SET element = 'palermo/no-such-element' WHERE id = ?", (claim.id,))


def test_sqlite_keeps_every_field_of_the_full_fixture():
    """The full fixture uses every field of every record: no column may be empty throughout,
    and every field of the model is somewhere in the tables."""
    db = _database(lexmap.load(CORPORA / "full"))
    edition = _database(lexmap.load(CORPORA / "full", profile="public"))  # case.profile, case.withheld: set by lexmap
    for table in TABLES:
        for column in table.column_names:
            source = edition if (table.name, column) in {("case", "profile"), ("case", "withheld")} else db
            filled = source.execute(f'SELECT count(*) FROM "{table.name}" WHERE "{column}" IS NOT NULL').fetchone()[0]
            assert filled, f"{table.name}.{column} is empty for the full fixture"
    columns = {c for table in TABLES for c in table.column_names} | {t.name for t in TABLES}
    held_elsewhere = {
        "provisions",
        "tests",
        "all_of",
        "any_of",
        "indicators",
        "events",
        "cites",
        "relies_on",
        "authored_by",
        "legal_basis",
    }  # child tables, parent/combinator, legal_basis_*
    for cls in (
        *model.COLLECTIONS.values(),
        model.Provision,
        model.Element,
        model.Indicator,
        model.TreatyAction,
        model.Citation,
        model.LegalBasis,
    ):
        for field in attrs.fields(cls):
            assert field.name in columns | held_elsewhere, f"{cls.__name__}.{field.name} has no column"


def test_sqlite_claims_view_joins_labels_documents_and_resolved_speakers(bundled):
    db = _database(bundled)
    db.row_factory = sqlite3.Row
    rows = {row["id"]: row for row in db.execute("SELECT * FROM claims_view")}
    assert rows.keys() == bundled.claims.keys()
    spoken_for = 0
    for id_, claim in bundled.claims.items():
        row = rows[id_]
        assert row["speakers"] == ("; ".join(a.name for a in bundled.speakers(id_)) or None)
        assert (row["element_label"], row["practice_label"], row["document_title"], row["quote"], row["stance"]) == (
            bundled.elements[claim.element].label,
            bundled.practices[claim.practice].label,
            bundled.documents[claim.document].title,
            claim.quote,
            claim.stance,
        )
        assert row["test"] == bundled.test_of(claim.element).id
        spoken_for += claim.speaker is not None
    assert spoken_for, "the bundled corpus should have claims whose speaker is not the document's author"
    for view, collection in (("attestations_view", bundled.attestations), ("exhibits_view", bundled.exhibits)):
        speakers = dict(db.execute(f"SELECT id, speakers FROM {view}").fetchall())
        assert speakers == {i: "; ".join(a.name for a in bundled.speakers(i)) or None for i in collection}


def test_sqlite_full_text_search_finds_exactly_the_claims_holding_a_word(bundled):
    db = _database(bundled)
    for word in ("passport", "voluntary", "rubio", "trafficking", "fn"):
        found = {
            row[0]
            for row in db.execute(
                "SELECT id FROM claims_view WHERE rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)", (word,)
            )
        }
        # the index stems (porter): "passports" is found by "passport"
        expected = {c.id for c in bundled.claims.values() if re.search(rf"\b{word}\w*", _fts_text(bundled, c))}
        stemmed_away = {
            i for i in expected - found if not re.search(rf"\b{word}(s|es|ed|ing)?\b", _fts_text(bundled, bundled.claims[i]))
        }
        assert found and found == expected - stemmed_away, word


def test_sqlite_metadata_names_the_case_and_configures_search_and_facets(bundled, tmp_path):
    database, metadata = write_sqlite(bundled, tmp_path / "cuba.db")
    assert metadata == tmp_path / "cuba.metadata.json"
    meta = json.loads(metadata.read_text(encoding="utf-8"))
    assert meta["title"] == bundled.case.title and meta["license"] == bundled.case.licence
    assert meta["description"] == bundled.case.description and bundled.case.title in meta["source"]
    tables = meta["databases"]["cuba"]["tables"]
    assert set(tables) >= {t.name for t in TABLES} | {"claims_view", "attestations_view", "exhibits_view"}
    assert all(tables[t.name]["description"] for t in TABLES)
    assert tables["claims_view"]["facets"] == ["stance", "element", "document", "speakers"]
    assert tables["claims_view"]["fts_table"] == tables["claims"]["fts_table"] == "claims_fts"
    no_case = json.loads(write_sqlite(lexmap.load(CORPORA / "small"), tmp_path / "s.db", tmp_path / "m.json")[1].read_text())
    assert "license" not in no_case and no_case["title"] == "small"


def test_sqlite_export_replaces_the_database_whole_or_not_at_all(bundled, tmp_path, monkeypatch):
    out = tmp_path / "corpus.db"
    result = CliRunner().invoke(main, ["export", "sqlite", str(CORPORA / "small"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "datasette" in result.output and (tmp_path / "corpus.metadata.json").is_file()
    before = out.read_bytes()

    def broken(corpus, name):
        if name == "claims":
            raise RuntimeError("disk on fire")
        return original(corpus, name)

    original = table_rows_module.table_rows
    monkeypatch.setattr("lexmap.exports.sqlite.table_rows", broken)
    with pytest.raises(RuntimeError):
        write_sqlite(bundled, out)
    assert out.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["corpus.db", "corpus.metadata.json"]
    monkeypatch.undo()
    write_sqlite(bundled, out)
    assert sqlite3.connect(out).execute("SELECT count(*) FROM claims").fetchone()[0] == len(bundled.claims)
    for args, message in (
        (["export", "sqlite"], "-o corpus.db"),
        (["export", "sqlite", "-o", str(tmp_path)], "is a folder"),
        (["export", "json", "-m", "x.json", "-o", str(tmp_path / "j")], "sqlite format"),
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_datasette_serves_the_export_and_finds_a_claim_by_a_word_of_its_quote(bundled, tmp_path):
    database, metadata = write_sqlite(bundled, tmp_path / "corpus.db")
    # a word that one claim's indexed text holds and no other claim's does, even stemmed (the index
    # uses English stemming: "accepted" finds "acceptance"), so words are counted by their first 5 letters
    counts = defaultdict(set)
    stems = defaultdict(set)
    for claim in bundled.claims.values():
        for word in re.findall(r"[a-z]{7,}", _fts_text(bundled, claim)):
            counts[word].add(claim.id)
            stems[word[:5]].add(claim.id)
    counts = {w: ids for w, ids in counts.items() if len(stems[w[:5]]) == 1}
    word, (claim_id,) = next(
        (w, ids) for w, ids in sorted(counts.items()) if len(ids) == 1 and w in bundled.claims[next(iter(ids))].quote.lower()
    )
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "datasette"), "serve", str(database), "-m", str(metadata), "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/-/versions.json", server)
        rows = _get_json(f"{base}/corpus/claims_view.json?_search={urllib.parse.quote(word)}&_shape=array")
        assert [row["id"] for row in rows] == [claim_id], word
        assert rows[0]["speakers"] == "; ".join(a.name for a in bundled.speakers(claim_id))
        assert rows[0]["quote"] == bundled.claims[claim_id].quote
        table = _get_json(f"{base}/corpus/claims.json?_search={urllib.parse.quote(word)}&_shape=objects")
        assert [row["id"] for row in table["rows"]] == [claim_id]
        facets = _get_json(f"{base}/corpus/claims_view.json?stance=contests")["facet_results"]
        assert {"stance", "element", "document", "speakers"} <= set(facets)
        contests = {c.id for c in bundled.claims.values() if c.stance == "contests"}
        assert facets["stance"]["results"][0]["count"] == len(contests)
    finally:
        _stop(server)


# -- Parquet --------------------------------------------------------------------------


def test_parquet_tables_read_back_with_the_counts_and_rows_of_sqlite(bundled, tmp_path):
    files = write_parquet(bundled, tmp_path / "out")
    assert sorted(f.stem for f in files) == sorted(t.name for t in TABLES) and (tmp_path / "out" / OWNED_FOLDER_MARKER).is_file()
    db = _database(bundled)
    for table in TABLES:
        read = pq.read_table(tmp_path / "out" / f"{table.name}.parquet")
        assert tuple(read.column_names) == table.column_names
        stored = [
            tuple(
                json.loads(v) if c.type == "LIST" and v is not None else bool(v) if c.type == "BOOLEAN" else v
                for c, v in zip(table.columns, row, strict=True)
            )
            for row in db.execute(f'SELECT * FROM "{table.name}"')
        ]
        assert [tuple(row.values()) for row in read.to_pylist()] == stored, table.name
        if table.name in bundled.counts():
            assert read.num_rows == bundled.counts()[table.name]
    documents = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    assert {d["id"]: d["authors"] for d in documents} == {d.id: list(d.authors) for d in bundled.documents.values()}
    try:
        import duckdb  # not a dependency: checked only where it is installed
    except ImportError:
        return
    count = duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'out' / 'claims.parquet'}'").fetchone()[0]
    assert count == len(bundled.claims)


def test_parquet_replaces_only_its_own_folder(small, tmp_path):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("years of work")
    with pytest.raises(OutputFolderError, match="not empty"):
        write_parquet(small, foreign)
    assert [p.name for p in foreign.iterdir()] == ["thesis.docx"]
    result = CliRunner().invoke(main, ["export", "parquet", str(CORPORA / "small"), "-o", str(foreign)])
    assert result.exit_code == 2 and "not written by lexmap" in result.output and "Traceback" not in result.output
    a_file = tmp_path / "file.parquet"
    a_file.write_text("x")
    with pytest.raises(OutputFolderError, match="is not a folder"):
        write_parquet(small, a_file)

    out = tmp_path / "export"
    out.mkdir()  # empty: fine
    result = CliRunner().invoke(main, ["export", "parquet", str(CORPORA / "small"), "-o", str(out)])
    assert result.exit_code == 0 and f"wrote {len(TABLES)} Parquet files" in result.output, result.output
    (out / "claims.parquet").unlink()
    write_parquet(small, out)  # its marker lists every file it holds: replaced whole
    (out / "stale.parquet").write_text("not written by lexmap")
    with pytest.raises(OutputFolderError, match="stale.parquet"):
        write_parquet(small, out)  # a file lexmap did not write: never deleted
    assert (out / "stale.parquet").read_text() == "not written by lexmap"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export", "file.parquet", "mine"]  # no staging left


def test_parquet_without_pyarrow_says_what_to_install(small, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import fails as if not installed
    result = CliRunner().invoke(main, ["export", "parquet", str(CORPORA / "small"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "pip install 'lexmap[parquet]'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


# -- SPARQL ---------------------------------------------------------------------------


def _grouped(rows) -> dict[str, set[str]]:
    out = defaultdict(set)
    for key, value in rows:
        out[key].add(value)
    return dict(out)


def test_oxigraph_server_receives_the_push_and_answers_like_the_api(bundled, tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "oxigraph"), "serve", "--location", str(tmp_path / "data"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"

    def ask(text):
        url = f"{base}/query?" + urllib.parse.urlencode({"query": text})
        answer = _get_json(url, Accept="application/sparql-results+json")
        names = answer["head"]["vars"]
        return [tuple(b[n]["value"] for n in names) for b in answer["results"]["bindings"]]

    try:
        _wait_for(f"{base}/query?query=ASK%7B%7D", server)
        for _ in range(2):  # PUT replaces the graph: pushing twice leaves one copy
            result = CliRunner().invoke(main, ["export", "turtle", "--push", f"{base}/store"])
            assert result.exit_code == 0, result.output
        per_element = _grouped(ask(ELEMENT_CLAIMS))
        assert per_element == {
            e: set(bundled.claims_for(e, direct=True).ids) for e in bundled.elements if bundled.claims_for(e, direct=True)
        }
        assert _grouped(ask(SUBTREE_CLAIMS)) == {
            e: set(bundled.claims_for(e).ids) for e in bundled.elements if bundled.claims_for(e)
        }
        counts = dict(ask(CLAIMS_PER_ELEMENT))
        assert {e: int(n) for e, n in counts.items()} == {e: len(ids) for e, ids in per_element.items()}

        result = CliRunner().invoke(main, ["export", "turtle", "--push", f"{base}/no-such-endpoint"])
        assert result.exit_code == 1 and "HTTP 404" in result.output and len(error_lines(result.stderr)) == 1
    finally:
        _stop(server)
    result = CliRunner().invoke(main, ["export", "turtle", "--push", f"{base}/store"])  # the server is gone
    assert result.exit_code == 1 and "push to" in result.output and len(error_lines(result.stderr)) == 1
    with pytest.raises(PushError, match="graph store URL"):
        push(b"", "localhost:7878/store")


def test_sparql_command_gives_the_same_rows_with_oxigraph_and_rdflib(bundled, tmp_path):
    answers = {}
    for engine in ("oxigraph", "rdflib"):
        result = CliRunner().invoke(main, ["sparql", CLAIMS_PER_ELEMENT, "--engine", engine, "--format", "csv"])
        assert result.exit_code == 0, result.output
        answers[engine] = result.stdout
    assert answers["oxigraph"] == answers["rdflib"]
    lines = answers["oxigraph"].splitlines()
    assert lines[0] == "element,claims"
    expected = {e: len(bundled.claims_for(e, direct=True)) for e in bundled.elements if bundled.claims_for(e, direct=True)}
    assert {line.split(",")[0]: int(line.split(",")[1]) for line in lines[1:]} == expected
    assert sorted(query(bundled, ELEMENT_CLAIMS, engine="oxigraph").rows) == sorted(
        query(bundled, ELEMENT_CLAIMS, engine="rdflib").rows
    )
    query_file = tmp_path / "q.rq"
    query_file.write_text(CLAIMS_PER_ELEMENT, encoding="utf-8")
    as_json = json.loads(CliRunner().invoke(main, ["sparql", str(query_file), "--format", "json"]).stdout)
    assert {row["element"]: int(row["claims"]) for row in as_json} == expected
    result = CliRunner().invoke(main, ["sparql", "SELECT ?x WHERE {"])
    assert result.exit_code == 1 and "does not parse" in result.output and "Traceback" not in result.output


def test_sparql_store_is_reused_while_the_corpus_is_unchanged_and_rebuilt_when_it_changes(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPORA / "small", corpus)
    store = tmp_path / "store"
    count = "PREFIX lm: <urn:lexmap:vocab#> SELECT (COUNT(?c) AS ?n) WHERE { ?c a lm:Claim }"

    def run():
        result = CliRunner().invoke(main, ["sparql", count, str(corpus), "--store", str(store), "--format", "csv"])
        assert result.exit_code == 0, result.output
        return int(result.stdout.splitlines()[1])

    claims = len(lexmap.load(corpus).claims)
    assert run() == claims
    built = (store / "oxigraph").stat().st_ino, json.loads((store / OWNED_FOLDER_MARKER).read_text())["content"]
    assert run() == claims
    assert ((store / "oxigraph").stat().st_ino, json.loads((store / OWNED_FOLDER_MARKER).read_text())["content"]) == built

    claims_file = corpus / "mappings" / "claims.yaml"
    text = claims_file.read_text(encoding="utf-8")
    claims_file.write_text(text[: text.index("  - id: c2")] + text[text.index("  - id: c3") :], encoding="utf-8")
    assert run() == claims - 1  # one claim fewer: rebuilt, not the old store
    assert json.loads((store / OWNED_FOLDER_MARKER).read_text())["content"] != built[1]

    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["sparql", count, str(corpus), "--store", str(foreign)])
    assert result.exit_code == 2 and "not written by lexmap" in result.output
    (foreign / OWNED_FOLDER_MARKER).write_text('{"created_by": "someone else"}')
    result = CliRunner().invoke(main, ["sparql", count, str(corpus), "--store", str(foreign)])
    assert result.exit_code == 2 and "not written by lexmap" in result.output
    assert sorted(p.name for p in foreign.iterdir()) == [OWNED_FOLDER_MARKER, "notes.txt"]

    # a store reused is checked as one built (attack round 11): once another user can swap it
    # (its parent writable by all, not sticky), it is refused, not queried
    shared = tmp_path / "shared"
    shared.mkdir()
    store = shared / "store"
    assert run() == claims - 1
    shared.chmod(0o777)
    result = CliRunner().invoke(main, ["sparql", count, str(corpus), "--store", str(store)])
    assert result.exit_code == 2 and "can be written by every user" in result.output, result.output
    shared.chmod(0o755)


def _modes(folder: Path) -> set[tuple[str, int]]:
    return {("folder" if p.is_dir() else "file", p.stat().st_mode & 0o777) for p in [folder, *folder.rglob("*")]}


def test_a_sparql_store_is_private_whatever_the_umask(tmp_path):
    """Attack round 12, G3: the store holds the whole case, confidential records included, and was
    made 0755/0644 under umask 022 beside a private case: another user read its RocksDB files. It is
    a cache, made 0700/0600 as the corpus cache is; a store made before is made private when reused."""
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    shutil.copytree(CORPORA / "small", corpus)
    mask = os.umask(0o022)
    try:
        result = CliRunner().invoke(main, ["sparql", "ASK { ?s ?p ?o }", str(corpus), "--store", str(store)])
        assert result.exit_code == 0, result.output
        data = _modes(store / "oxigraph")
        assert data == {("folder", 0o700), ("file", 0o600)}, data
        assert (store.stat().st_mode & 0o777) == 0o700
        for path in [store, *store.rglob("*")]:  # as a store made before the fix
            path.chmod(0o755 if path.is_dir() else 0o644)
        result = CliRunner().invoke(main, ["sparql", "ASK { ?s ?p ?o }", str(corpus), "--store", str(store)])
        assert result.exit_code == 0, result.output
        assert _modes(store) == {("folder", 0o700), ("file", 0o600)}, _modes(store)
    finally:
        os.umask(mask)


def test_sparql_falls_back_to_rdflib_without_pyoxigraph(small, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyoxigraph", None)  # import fails as if not installed
    result = query(small, "PREFIX lm: <urn:lexmap:vocab#> SELECT (COUNT(?c) AS ?n) WHERE { ?c a lm:Claim }")
    assert result.rows == ((str(len(small.claims)),),)
    with pytest.raises(ImportError, match=r"lexmap\[rdf\]"):
        query(small, "ASK {}", store=os.devnull)


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_sparql_csv_and_tsv_hold_no_formula_cell(small, fmt, delimiter):
    """Attack round 8, F7: a value starting with =, +, - or @ (here from the query; in a shared
    case, from the data) was written as it is, and a spreadsheet opening the file ran it."""
    import csv
    import io

    from lexmap.sparql import result_text

    values = ['"=HYPERLINK(\\"https://evil.example/\\")"', '"+1+2"', '"-3+4"', '"@SUM(1)"', '"a\\n=b"', '"plain"']
    text = "SELECT ?v WHERE { VALUES ?v { " + " ".join(values) + " } }"
    for engine in ("oxigraph", "rdflib"):
        written = result_text(query(small, text, engine=engine), fmt)
        cells = [row[0] for row in csv.reader(io.StringIO(written, newline=""), delimiter=delimiter)][1:]
        assert sorted(cells) == sorted(['\'=HYPERLINK("https://evil.example/")', "'+1+2", "'-3+4", "'@SUM(1)", "a\n'=b", "plain"])
