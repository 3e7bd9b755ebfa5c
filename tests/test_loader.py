"""The loader refuses every kind of bad input with file, line, id and a fix, all at once."""

import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

import lexmap
from lexmap.cli import main

from conftest import CORPORA

BAD = CORPORA / "bad"

# case: [(file, line, id or None, words of the message)]
REFUSALS = {
    "syntax-error": [("mappings/documents.yaml", 5, None, "YAML syntax error")],
    "unsafe-tag": [
        ("mappings/documents.yaml", 3, "report-a", "unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'")
    ],
    "duplicate-key": [("mappings/documents.yaml", 5, "report-a", "duplicate key 'title' (first at line 3)")],
    "duplicate-id": [
        (
            "mappings/practices-two.yaml",
            4,
            "passport-retention",
            "duplicate id 'passport-retention' (first defined at mappings/practices-one.yaml:2)",
        )
    ],
    "unknown-reference": [
        ("mappings/claims.yaml", 11, "report-a-passports", "unknown practice 'pasport-retention'"),
        ("mappings/claims.yaml", 12, "report-a-passports", "unknown element 'treaty/means-force'"),
    ],
    "missing-field": [
        ("mappings/claims.yaml", 9, "report-a-passports", "missing required field 'element'"),
        ("mappings/claims.yaml", 9, "report-a-passports", "missing required field 'quote'"),
    ],
    "wrong-type": [
        ("instruments/treaty.yaml", 6, "treaty", "expected true or false, found the text 'yes'"),
        ("mappings/documents.yaml", 5, "report-a", "expected a list, found the text 'Someone Somebody'"),
    ],
    "unknown-field": [
        ("mappings/practices.yaml", 2, "passport-retention", "missing required field 'label'"),
        ("mappings/practices.yaml", 3, "passport-retention", "unknown field 'lable'"),
    ],
    "bad-id": [
        ("mappings/practices.yaml", 2, "../../etc/passwd", "'../../etc/passwd' is not a valid id"),
        ("mappings/practices.yaml", 4, "Passport Retention", "'Passport Retention' is not a valid id"),
    ],
    "wrong-kind": [("mappings/claims.yaml", 12, "report-a-passports", "'treaty/art-1' is a provision, not an element")],
    "bad-stance": [
        ("mappings/claims.yaml", 13, "report-a-documents", "expected one of supports, contests; found the text 'maybe'")
    ],
    "dates-out-of-order": [
        ("instruments/treaty.yaml", 8, "treaty", "entry into force (1999-01-01) is before adoption (2000-11-15)")
    ],
    "quote-not-in-text": [
        ("mappings/claims.yaml", 19, "report-a-confiscated", "quote not found verbatim in the text of 'report-a'")
    ],
    "self-citation": [("mappings/documents.yaml", 6, "report-a", "a document cannot cite itself")],
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_bad_corpus_is_refused_with_file_line_and_id(case):
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(BAD / case)
    found = [(p.file, p.line, p.id, p.message) for p in raised.value.problems]
    expected = REFUSALS[case]
    assert len(found) == len(expected), found
    for (file, line, id_, words), (f_file, f_line, f_id, f_message) in zip(expected, found, strict=True):
        assert (f_file, f_line, f_id) == (file, line, id_)
        assert words in f_message
    assert all(p.hint for p in raised.value.problems), "every problem says what to do"


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_validate_command_prints_file_line_and_exits_1(case):
    result = CliRunner().invoke(main, ["validate", str(BAD / case)])
    assert result.exit_code == 1
    file, line, id_, words = REFUSALS[case][0]
    assert f"{file}:{line}:" in result.output
    assert words in result.output


def test_all_problems_of_all_files_are_reported_in_one_run(tmp_path):
    for case in ("duplicate-key", "unknown-field", "bad-stance", "self-citation"):
        for source in (BAD / case).rglob("*.yaml"):
            target = tmp_path / source.relative_to(BAD / case).parent / f"{case}-{source.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(tmp_path)
    messages = str(raised.value)
    for words in ("duplicate key 'title'", "unknown field 'lable'", "found the text 'maybe'", "cannot cite itself"):
        assert words in messages


def test_typographic_quotes_and_line_breaks_do_not_count_as_differences():
    # quote-not-in-text has one quote that differs from its text only in ’ and a line break
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(BAD / "quote-not-in-text")
    assert [p.id for p in raised.value.problems] == ["report-a-confiscated"]


def test_a_missing_text_file_is_a_problem_when_a_text_folder_is_in_use(tmp_path, monkeypatch):
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(BAD / "quote-not-in-text", corpus_dir)
    shutil.rmtree(corpus_dir / "texts")
    monkeypatch.delenv("LEXMAP_TEXTS", raising=False)
    corpus = lexmap.load(corpus_dir)  # no text folder at all: loads, and says what went unchecked
    assert corpus.texts_checked == ()
    assert corpus.texts["report-a"].status == "no-text-folder" and corpus.texts["report-a"].unchecked == 2
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(corpus_dir, texts=[tmp_path])  # a text folder in use, without the file
    (problem,) = raised.value.problems
    assert (problem.file, problem.line, problem.id) == ("mappings/claims.yaml", 5, "report-a")
    assert "text file 'report-a.txt' not found" in problem.message
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(corpus_dir, require_texts=True)
    assert "2 quote(s) not checked" in raised.value.problems[0].message


def test_yaml_dates_and_norway_stay_text(tmp_path):
    (tmp_path / "instruments").mkdir()
    (tmp_path / "instruments" / "states.yaml").write_text("states:\n  - id: no\n    name: Norway\n")
    (tmp_path / "instruments" / "t.yaml").write_text(
        "instruments:\n  - id: t\n    title: T\n    short_name: T\n    kind: treaty\n"
        "    binding: false\n    adopted: 1948-12-10\n"
        "ratifications:\n  - instrument: t\n    state: no\n    events: [{event: signature, date: 1949-01-02}]\n"
    )
    corpus = lexmap.load(tmp_path)
    assert corpus.states["no"].name == "Norway"
    assert corpus.instruments["t"].adopted == "1948-12-10"
    assert corpus.ratifications["t@no"].events[0].date == "1949-01-02"


def test_small_corpus_qualifies_ids_and_inherits_provisions(small):
    assert list(small.provisions) == ["tp/art-1", "tp/art-1-a", "tp/art-1-b", "wc/art-6"]
    means = small.elements["tp/means"]
    assert means.combinator == "any"
    assert [e.id for e in means.children] == ["tp/means-force", "tp/means-fraud"]
    assert means.children[0].provision == "tp/art-1-a"
    assert small.test_of("tp/means-fraud").id == "tp/exploitation"
    assert small.parent("tp/art-1-a") == "tp/art-1"
    assert small["c6"].stance == "contests"
    assert small.texts_checked == ("d1",)


def test_records_are_immutable(small):
    import attrs

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        small.claims["c1"].quote = "changed"
    with pytest.raises(TypeError):
        small.claims["c1"] = None


def test_info_prints_counts(small):
    result = CliRunner().invoke(main, ["info", str(CORPORA / "small")])
    assert result.exit_code == 0
    assert "claims" in result.output and " 7\n" in result.output


def test_bundled_corpus_is_valid(bundled):
    assert {"palermo", "ilo-c29", "ilo-c95", "ilo-c100", "ilo-c105", "us-tvpa", "udhr"} <= set(bundled.instruments)
    assert bundled.claims and bundled.documents and bundled.practices


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "lexmap", "validate", str(BAD / "self-citation")], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "mappings/documents.yaml:6:9: [report-a] a document cannot cite itself" in result.stderr


def test_a_broken_record_does_not_make_its_references_unknown(tmp_path):
    (tmp_path / "mappings").mkdir()
    (tmp_path / "mappings" / "x.yaml").write_text(
        "documents:\n  - id: d\n    title: D\n    kind: report\n"
        "practices:\n  - id: p\n    label: P\n    lable: typo\n"
        "attestations:\n  - id: a\n    document: d\n    practice: p\n    pinpoint: p. 1\n    quote: q\n"
    )
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(tmp_path)
    assert [(p.line, p.id, p.message) for p in raised.value.problems] == [(8, "p", "unknown field 'lable'")]
