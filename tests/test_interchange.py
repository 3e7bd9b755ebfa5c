"""Interchange formats: each export is read back by the library its users would use."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import jsonschema
import networkx as nx
import pytest
import rdflib
import rdflib.compare
from click.testing import CliRunner

import lexmap
from lexmap import model
from lexmap.cli import main
from lexmap.exports import EXPORT_FORMATS, export_bytes
from lexmap.exports.corpus_json import corpus_json
from lexmap.exports.csl import csl_name
from lexmap.exports.formats import by_name
from lexmap.exports.graphml import corpus_gexf, corpus_graphml, plain_graph
from lexmap.exports.rdf import corpus_graph, corpus_jsonld, corpus_turtle
from lexmap.schema import SHIPPED, corpus_file_schema, schema_json
from lexmap.yamlread import read_yaml

from conftest import CORPORA

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
DERIVED = ("provisions", "tests", "elements", "indicators")


@pytest.fixture(scope="session")
def full():
    """The fixture corpus that uses every field of every record."""
    return lexmap.load(CORPORA / "full")


@pytest.fixture(scope="module")
def bundled_rdf(bundled):
    return rdflib.Graph().parse(data=corpus_turtle(bundled), format="turtle")


def _corpus(name, request):
    return request.getfixturevalue(name)


def _validator():
    return jsonschema.Draft202012Validator(corpus_file_schema())


def _sparql_blocks() -> list[str]:
    return re.findall(r"```sparql\n(.*?)```", (DOCS / "rdf.md").read_text(encoding="utf-8"), re.S)


def _practices(graph, query) -> list[str]:
    return [str(row.practice) for row in graph.query(query)]


# -- the fixture ----------------------------------------------------------------


def test_full_fixture_uses_every_field_of_every_record(full):
    used: dict[type, set[str]] = {}

    def visit(record):
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            if value is not None and value != () and value != field.default:
                used.setdefault(type(record), set()).add(field.name)
            for item in value if isinstance(value, tuple) else [value]:
                if attrs.has(type(item)):
                    visit(item)

    for name in model.COLLECTIONS:
        for record in getattr(full, name).values():
            visit(record)
    visit(full.case)
    visit(lexmap.load(full.root, profile="public", cache=False).case)  # profile, withheld: set by lexmap in an edition
    classes = [c for c in vars(model).values() if isinstance(c, type) and attrs.has(c)]
    # the exhibit's default stance ("supports") is the only value left at its default
    missing = {c.__name__: {f.name for f in attrs.fields(c)} - used.get(c, set()) for c in classes}
    assert {k: v for k, v in missing.items() if v} == {}


# -- JSON ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bundled", "small", "full"])
def test_json_round_trip_gives_an_equal_corpus(name, request, tmp_path):
    corpus = _corpus(name, request)
    path = tmp_path / "corpus.json"
    path.write_bytes(export_bytes(corpus, "json"))
    back = lexmap.load(path, texts=[t for t in [corpus.root / "texts"] if t.is_dir()])
    assert back.case == corpus.case
    for collection in (*model.COLLECTIONS, *DERIVED):
        assert list(getattr(back, collection).items()) == list(getattr(corpus, collection).items()), collection
    assert back.counts() == corpus.counts()
    assert back.texts_checked == corpus.texts_checked


def test_json_export_has_the_yaml_collections_and_local_ids(full):
    data = json.loads(corpus_json(full))
    assert list(data) == ["case", *model.COLLECTIONS]  # the manifest travels with the corpus
    assert data["case"]["title"] == "The full fixture"
    charter = data["instruments"][0]
    assert charter["provisions"][0]["provisions"][0]["id"] == "art-1-a"
    assert charter["tests"][0]["provision"] == "art-1-a"
    assert charter["tests"][0]["all_of"][1]["any_of"][0]["id"] == "means-force"
    assert data["indicator_frameworks"][0]["indicators"][0]["id"] == "documents-retained"
    assert data["claims"][0]["element"] == "charter/means-force"  # references stay qualified
    assert data["documents"][0]["notes"] == "Escaped no-break space \xa0, a line separator \u2028 and an emoji \U0001f600."
    assert "null" not in corpus_json(full)  # empty fields are left out, as in hand-written YAML


def test_json_export_is_a_valid_corpus_data_file(bundled, full):
    for corpus in (bundled, full):
        assert not list(_validator().iter_errors(json.loads(corpus_json(corpus))))


@pytest.mark.parametrize(
    "url, valid",
    [
        ("https://example.org/report.pdf#page=3", True),
        ("HTTP://example.org", True),
        ("javascript:alert(1)", False),
        ("https://alice:secret@example.org/", False),
        ('https://example.org/"onmouseover=x', False),
        ("example.org/report", False),
    ],
)
def test_the_schema_takes_only_web_addresses_where_validation_does(url, valid, tmp_path):
    """An editor checking a data file against the shipped schema refuses what ``lexmap validate``
    refuses in a document's ``url`` (a ``javascript:`` address, a password before the host)."""
    from lexmap.urls import is_web_address

    data = {"documents": [{"id": "d", "title": "D", "kind": "report", "url": url, "archived_url": url}]}
    assert (not list(_validator().iter_errors(data))) is valid is is_web_address(url)


@pytest.mark.parametrize("ascii", [True, False])
def test_json_rewritten_by_another_tool_reads_back_equal(full, tmp_path, ascii):
    # json.dumps's defaults escape an emoji as a surrogate pair, which YAML readers reject
    path = tmp_path / "corpus.json"
    path.write_text(json.dumps(json.loads(corpus_json(full)), ensure_ascii=ascii), encoding="utf-8")
    back = lexmap.load(path, texts=[])
    assert back.documents == full.documents and back.instruments == full.instruments


def test_json_import_goes_through_the_loader_checks(full, tmp_path):
    data = json.loads(corpus_json(full))
    data["claims"][0]["quote"] = "words the report never wrote"
    data["claims"][1]["practice"] = "no-such-practice"
    path = tmp_path / "corpus.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    shutil.copytree(CORPORA / "full" / "texts", tmp_path / "texts")
    with pytest.raises(lexmap.CorpusError) as error:
        lexmap.load(path)
    messages = [(p.file, p.line is not None, p.message) for p in error.value.problems]
    assert ("corpus.json", True, "quote not found verbatim in the text of 'report'") in messages
    assert ("corpus.json", True, "unknown practice 'no-such-practice'") in messages


# -- GraphML and GEXF --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_read_back_with_networkx(bundled, fmt, tmp_path):
    path = tmp_path / f"corpus.{fmt}"
    path.write_bytes(corpus_graphml(bundled) if fmt == "graphml" else corpus_gexf(bundled))
    back = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    expected = plain_graph(bundled)
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    edges = {(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)}
    if fmt == "gexf":
        assert all(d.pop("id") == k for (_u, _v, k), d in edges.items())  # the edge id is the key
    assert edges == {(u, v, k): d for u, v, k, d in expected.edges(keys=True, data=True)}
    claim = next(iter(bundled.claims.values()))
    assert edges[claim.practice, claim.element, claim.id]["quote"] == claim.quote


def test_graph_attributes_are_plain_values_and_none_is_left_out(small):
    graph = plain_graph(small)
    values = [v for _n, d in graph.nodes(data=True) for v in d.values()]
    values += [v for *_e, d in graph.edges(keys=True, data=True) for v in d.values()]
    assert all(isinstance(v, (str, bool, int, float)) for v in values)
    assert graph.edges["aa", "tp", "ratification:aa->tp"] == {"kind": "ratification", "date": "2010-05-01"}  # no source
    assert len({k for *_e, k in graph.edges(keys=True)}) == graph.number_of_edges()


# -- RDF ---------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib
def test_turtle_and_jsonld_load_into_rdflib_as_the_same_graph(full):
    turtle = rdflib.Graph().parse(data=corpus_turtle(full), format="turtle")
    jsonld = rdflib.Graph().parse(data=corpus_jsonld(full), format="json-ld")
    assert len(turtle) > 100
    assert rdflib.compare.isomorphic(turtle, jsonld)
    assert rdflib.compare.isomorphic(turtle, corpus_graph(full))


@pytest.mark.parametrize("corpus", ["full", "hostile"])
def test_ntriples_and_turtle_written_without_rdflib_are_rdflibs_graph(corpus):
    """lexmap writes N-Triples and Turtle itself (lexmap.exports.rdf_text): rdflib must read
    back the graph it would have built, triple for triple, quotes and all."""
    from lexmap.sparql import ntriples

    loaded = lexmap.load(CORPORA / corpus)
    expected = set(corpus_graph(loaded))
    assert set(rdflib.Graph().parse(data=ntriples(loaded), format="nt")) == expected
    assert set(rdflib.Graph().parse(data=corpus_turtle(loaded), format="turtle")) == expected


@pytest.mark.filterwarnings("ignore:.*does not look like a valid URI")
def test_rdf_text_escapes_what_the_syntaxes_reserve():
    from lexmap.exports.rdf_text import ntriples, turtle
    from lexmap.exports.triples import IRI, Typed

    awkward = 'a "quoted" \\ back\nslash\n\r\ttab \x00 é 𝄞 """ \'\''
    triples = [
        (IRI("urn:x:s"), IRI("urn:x:p"), awkward),
        (IRI("urn:x:s"), IRI("urn:x:q"), IRI("urn:x:a b<c>")),
        (IRI("urn:x:s"), IRI("http://purl.org/dc/terms/date"), Typed("2010", "http://www.w3.org/2001/XMLSchema#gYear")),
        (IRI("urn:x:s"), IRI("https://schema.org/position"), 3),
        (IRI("urn:x:s"), IRI("urn:lexmap:vocab#binding"), False),
    ]
    for data, fmt in ((ntriples(triples), "nt"), (turtle(triples), "turtle")):
        graph = rdflib.Graph().parse(data=data, format=fmt)
        assert str(graph.value(rdflib.URIRef("urn:x:s"), rdflib.URIRef("urn:x:p"))) == awkward
        assert graph.value(rdflib.URIRef("urn:x:s"), rdflib.URIRef("urn:x:q")) == rdflib.URIRef("urn:x:a b<c>")  # \u escapes
        assert len(graph) == 5, fmt


def test_rdf_gives_each_claim_its_source_and_quote_selector(full):
    graph = corpus_graph(full, base="https://example.org/id/")
    oa, prov = rdflib.Namespace("http://www.w3.org/ns/oa#"), rdflib.Namespace("http://www.w3.org/ns/prov#")
    claim = rdflib.URIRef("https://example.org/id/report-passports-force")
    report = rdflib.URIRef("https://example.org/id/report")
    dcterms = rdflib.Namespace("http://purl.org/dc/terms/")
    assert (claim, dcterms.source, report) in graph  # where it is recorded
    denial = rdflib.URIRef("https://example.org/id/article-passports-force")
    assert (denial, prov.wasAttributedTo, rdflib.URIRef("https://example.org/id/ministry")) in graph  # who says it
    assert (denial, prov.wasDerivedFrom, rdflib.URIRef("https://example.org/id/decree")) in graph  # what it rests on
    (target,) = graph.objects(claim, oa.hasTarget)
    (selector,) = graph.objects(target, oa.hasSelector)
    assert (target, oa.hasSource, report) in graph
    assert (selector, rdflib.RDF.type, oa.TextQuoteSelector) in graph
    assert str(graph.value(selector, oa.exact)) == full.claims["report-passports-force"].quote
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    indicator = rdflib.URIRef("https://example.org/id/fl/documents-retained")
    assert (indicator, rdflib.RDF.type, skos.Concept) in graph
    assert not any(isinstance(term, rdflib.BNode) for triple in graph for term in triple)


def test_sparql_in_the_docs_answers_practices_for_palermo_means(bundled, bundled_rdf):
    query = _sparql_blocks()[0]
    expected = sorted(bundled.practices_for("palermo/means").ids)
    assert expected and _practices(bundled_rdf, query) == expected


def test_sparql_in_the_docs_answers_a_matrix_cell(bundled, bundled_rdf):
    query = _sparql_blocks()[1]
    expected = sorted(bundled.matrix().cell("ilo-fl/withholding-of-wages", "ilo-c29").practices)
    assert len(expected) >= 2 and _practices(bundled_rdf, query) == expected


def test_sparql_queries_match_the_api_for_every_element_and_every_cell(bundled, bundled_rdf):
    # the documented queries with the constant ids made variables: every answer at once
    practices_for, cell = _sparql_blocks()
    query = practices_for.replace('"palermo/means"', "?id").replace("DISTINCT ?practice", "DISTINCT ?id ?practice")
    answers: dict = {}
    for row in bundled_rdf.query(query):
        answers.setdefault(str(row.id), []).append(str(row.practice))
    for element in bundled.elements:
        assert answers.get(element, []) == sorted(bundled.practices_for(element).ids), element
    query = cell.replace('"ilo-fl/withholding-of-wages"', "?row").replace('"ilo-c29"', "?col")
    answers = {}
    for row in bundled_rdf.query(query.replace("DISTINCT ?practice", "DISTINCT ?row ?col ?practice")):
        answers.setdefault((str(row.row), str(row.col)), []).append(str(row.practice))
    cells = bundled.matrix().cells
    assert sum(1 for c in cells.values() if c.practices) > 10
    for key, expected in cells.items():
        assert answers.get(key, []) == sorted(expected.practices), key


# -- JSON Schema --------------------------------------------------------------------


def test_shipped_schema_is_the_generated_one():
    assert SHIPPED.read_text(encoding="utf-8") == schema_json(), (
        "run: lexmap export schema -o lexmap/schemas/corpus-file.schema.json"
    )
    jsonschema.Draft202012Validator.check_schema(corpus_file_schema())


def test_every_bundled_yaml_file_validates_against_the_schema():
    files = sorted(p for folder in ("instruments", "mappings") for p in (ROOT / folder).rglob("*.yaml"))
    files += sorted((CORPORA / "full").rglob("*.yaml")) + sorted((CORPORA / "small").rglob("*.yaml"))
    files = [p for p in files if p.name != "lexmap.yaml"]  # case manifests are not data files
    assert len(files) > 20
    validator = _validator()
    for path in files:
        data, _positions, problems = read_yaml(path, path.name)
        assert not problems
        assert [e.message for e in validator.iter_errors(data)] == [], path


@pytest.mark.parametrize(
    "bad, message",
    [
        ("wrong-type", "'yes' is not of type 'boolean'"),
        ("unknown-field", "Additional properties are not allowed ('lable' was unexpected)"),
        ("missing-field", "'element' is a required property"),
        ("bad-stance", "'maybe' is not one of ['supports', 'contests']"),
        ("bad-id", "'Passport Retention' does not match"),
    ],
)
def test_a_bad_file_fails_the_schema(bad, message):
    messages = []
    for path in sorted((CORPORA / "bad" / bad).rglob("*.yaml")):
        data, _positions, _problems = read_yaml(path, path.name)
        messages += [e.message for e in _validator().iter_errors(data)]
    assert any(m.startswith(message) for m in messages), messages


def test_schema_rejects_bad_dates_and_accepts_year_numbers():
    document = {"id": "d", "title": "T", "kind": "report"}
    assert _validator().is_valid({"documents": [{**document, "date": 2019}]})
    assert _validator().is_valid({"documents": [{**document, "date": "2022-08"}]})
    assert not _validator().is_valid({"documents": [{**document, "date": "August 2022"}]})
    assert not _validator().is_valid({"documents": [{**document, "date": "2022-13"}]})
    assert not _validator().is_valid({"documents": [{**document, "title": "  "}]})
    assert not _validator().is_valid({"reports": []})


def test_docs_show_the_yaml_language_server_header():
    assert "# yaml-language-server: $schema=" in (DOCS / "interchange.md").read_text(encoding="utf-8")


# -- CSL-JSON -----------------------------------------------------------------------


def test_csl_json_has_the_fields_zotero_needs(full, bundled):
    items = json.loads(export_bytes(full, "csl-json"))
    report = items[0]
    assert report["id"] == "report" and report["type"] == "report"
    assert report["title"] == "A Report: Exploitation Abroad"
    assert report["author"] == [{"family": "Author", "given": "Ann B."}, {"literal": "Watch Group Research Team"}]
    assert report["issued"] == {"date-parts": [[2022, 8]]}
    assert report["URL"] == "https://example.org/report.pdf"
    assert report["publisher"] == "Watch Group" and report["language"] == "en"
    assert {i["id"]: i["type"] for i in items} == {"report": "report", "decree": "regulation", "article": "article-newspaper"}
    assert items[2]["issued"] == {"date-parts": [[2023, 3, 2]]} and "URL" not in items[2]
    bundled_items = json.loads(export_bytes(bundled, "csl-json"))
    assert [i["id"] for i in bundled_items] == list(bundled.documents)
    assert all(i["title"] and i["type"] for i in bundled_items)


def test_csl_names_split_people_and_keep_organisations_whole():
    assert csl_name("Maria C. Werlau") == {"family": "Werlau", "given": "Maria C."}
    assert csl_name("Marcelo de Sousa") == {"family": "de Sousa", "given": "Marcelo"}
    assert csl_name("Office to Monitor and Combat Trafficking in Persons") == {
        "literal": "Office to Monitor and Combat Trafficking in Persons"
    }
    assert csl_name("CiberCuba Editorial Team") == {"literal": "CiberCuba Editorial Team"}
    assert csl_name("Connectas") == {"literal": "Connectas"}


# -- CLI and determinism ------------------------------------------------------------


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_cli_export_writes_each_format(fmt, tmp_path):
    chosen = by_name("corpus", fmt)  # a format whose extension picks its variant gets its first (chronology: .csv)
    out = tmp_path / (f"out{chosen.extensions[0]}" if chosen.by_extension else f"out.{fmt}")
    result = CliRunner().invoke(main, ["export", fmt, str(CORPORA / "full"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == export_bytes(lexmap.load(CORPORA / "full"), fmt)
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_export_reads_a_json_corpus_and_reports_problems(tmp_path):
    out = tmp_path / "corpus.json"
    assert CliRunner().invoke(main, ["export", "json", str(CORPORA / "small"), "-o", str(out)]).exit_code == 0
    result = CliRunner().invoke(main, ["export", "csl-json", str(out)])
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["id"] == "d1"
    result = CliRunner().invoke(main, ["export", "turtle", str(CORPORA / "bad" / "bad-stance")])
    assert result.exit_code == 1 and "problem" in result.output


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "turtle", "jsonld", "csl-json"])
def test_same_corpus_same_bytes(fmt):
    assert export_bytes(lexmap.load(CORPORA / "full"), fmt) == export_bytes(lexmap.load(CORPORA / "full"), fmt)


def test_same_bytes_across_processes_and_hash_seeds():
    script = (
        "import hashlib, lexmap; from lexmap.exports import export_bytes; c = lexmap.load(); "
        "print([hashlib.sha256(export_bytes(c, f)).hexdigest() for f in ('turtle', 'jsonld', 'gexf', 'graphml', 'json')])"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script], check=True, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1] and outputs[0].count("'") == 10


def test_rdf_types_a_ratification_source_as_an_address_only_when_it_is_one(bundled, bundled_rdf):
    """A ratification record's or event's ``source`` holds an address or words ("Netherlands
    treaty database party list ..., address not recorded"): words typed xsd:anyURI told an RDF
    reader they were a link; an event's own source was not exported at all."""
    dcterms, xsd = rdflib.Namespace("http://purl.org/dc/terms/"), rdflib.XSD
    from lexmap.exports.triples import DEFAULT_BASE as BASE

    record = bundled.ratifications["ilo-c105@cu"]
    subject = rdflib.URIRef(BASE + "ilo-c105/ratification/cu")
    assert bundled_rdf.value(subject, dcterms.source) == rdflib.Literal(record.source, datatype=xsd.anyURI)
    (n, event), *_ = [(n, e) for n, e in enumerate(record.events, 1) if e.source]
    words = bundled_rdf.value(rdflib.URIRef(f"{BASE}ilo-c105/ratification/cu/{n}"), dcterms.source)
    assert words == rdflib.Literal(event.source) and words.datatype is None and "address not recorded" in words
