"""Readings: statements about the law (what an instrument, provision or element means), tied to no
practice, held like the other statements and counted towards no practice's evidence."""

import shutil
import textwrap

import pytest
from click.testing import CliRunner

import lexmap
from lexmap.cli import main

from conftest import CORPORA

# d5 is a commentary on the Test Protocol: its readings are about the law only.
COMMENTARY = """\
Commentary on the Test Protocol.
The definition does not require that the victim be moved across a border.
Consent given under force counts for nothing, the Protocol says.
"""

READINGS = """\
documents:
  - id: d5
    title: A commentary
    kind: report
    authors: [Carla Commentator]
    date: 2023
    text_file: d5.txt
readings:
  - id: reading-border
    document: d5
    about: [tp/art-1-a, tp/act]
    pinpoint: p. 1
    quote: The definition does not require that the victim be moved across a border.
  - id: reading-consent
    document: d5
    about: [tp/art-1-b]
    pinpoint: p. 1
    quote: Consent given under force counts for nothing
    relies_on:
      - document: d1
        pinpoint: p. 1
"""


def case_with(tmp_path, readings: str = READINGS):
    """The small corpus with mappings/readings.yaml and the commentary's text."""
    root = tmp_path / "case"
    shutil.copytree(CORPORA / "small", root)
    (root / "texts" / "d5.txt").write_text(COMMENTARY, encoding="utf-8")
    (root / "mappings" / "readings.yaml").write_text(readings, encoding="utf-8")
    return root


def problems_of(root):
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(root, cache=False)
    return raised.value.problems


def test_readings_load_and_are_found_by_what_they_read(tmp_path):
    corpus = lexmap.load(case_with(tmp_path), cache=False)
    assert list(corpus.readings) == ["reading-border", "reading-consent"]
    assert corpus.readings["reading-border"].about == ("tp/art-1-a", "tp/act")
    assert corpus["reading-consent"].relies_on[0].document == "d1"
    assert [r.id for r in corpus.readings_of("tp")] == ["reading-border", "reading-consent"]  # the instrument: everything in it
    assert [r.id for r in corpus.readings_of("tp/art-1")] == [
        "reading-border",
        "reading-consent",
    ]  # a provision: its subparagraphs
    assert [r.id for r in corpus.readings_of("tp/art-1", direct=True)] == []
    assert [r.id for r in corpus.readings_of("tp/exploitation")] == ["reading-border"]  # an element: its parts
    assert [r.id for r in corpus.readings_of("tp/means")] == []
    assert [r.id for r in corpus.readings_by("d5")] == ["reading-border", "reading-consent"]
    assert corpus.counts()["readings"] == 2


def test_readings_of_an_unknown_id_is_a_key_error_with_a_hint(tmp_path):
    corpus = lexmap.load(case_with(tmp_path), cache=False)
    with pytest.raises(KeyError, match="unknown instrument, provision or element 'tp/art-1-c'.*'tp/art-1-"):
        corpus.readings_of("tp/art-1-c")
    with pytest.raises(KeyError, match="unknown instrument, provision or element 'passports'"):
        corpus.readings_of("passports")  # a practice is not law


def test_an_unknown_about_id_is_refused_with_file_line_and_a_suggestion(tmp_path):
    root = case_with(tmp_path, READINGS.replace("about: [tp/art-1-b]", "about: [tp/art-1-c]"))
    (problem,) = problems_of(root)
    assert (problem.file, problem.line, problem.id) == ("mappings/readings.yaml", 16, "reading-consent")
    assert problem.message == "unknown instrument, provision or element 'tp/art-1-c'"
    assert "did you mean 'tp/art-1-" in problem.hint


def test_an_about_id_of_the_wrong_kind_is_refused(tmp_path):
    root = case_with(tmp_path, READINGS.replace("about: [tp/art-1-b]", "about: [passports]"))
    (problem,) = problems_of(root)
    assert (problem.line, problem.id) == (16, "reading-consent")
    assert problem.message == "'passports' is a practice, not an instrument, provision or element"


def test_a_local_about_id_is_suggested_its_qualified_form(tmp_path):
    root = case_with(tmp_path, READINGS.replace("about: [tp/art-1-b]", "about: [art-1-b]"))
    (problem,) = problems_of(root)
    assert problem.hint == "did you mean 'tp/art-1-b'?"


def test_a_reading_about_nothing_is_refused(tmp_path):
    root = case_with(tmp_path, READINGS.replace("about: [tp/art-1-b]", "about: []"))
    (problem,) = problems_of(root)
    assert (problem.line, problem.id) == (16, "reading-consent")
    assert problem.message == "about needs at least 1 item"
    assert "instrument, provision or element" in problem.hint


def test_a_reading_without_about_is_refused(tmp_path):
    root = case_with(tmp_path, READINGS.replace("    about: [tp/art-1-b]\n", ""))
    (problem,) = problems_of(root)
    assert problem.id == "reading-consent" and problem.message == "missing required field 'about'"


def test_a_reading_quote_not_in_its_document_is_refused(tmp_path):
    root = case_with(tmp_path, READINGS.replace("counts for nothing", "counts for little"))
    (problem,) = problems_of(root)
    assert (problem.file, problem.id) == ("mappings/readings.yaml", "reading-consent")
    assert problem.message == "quote not found verbatim in the text of 'd5'"


def test_a_reading_with_a_practice_field_is_refused(tmp_path):
    root = case_with(
        tmp_path, READINGS.replace("    about: [tp/art-1-b]\n", "    about: [tp/art-1-b]\n    practice: passports\n")
    )
    (problem,) = problems_of(root)
    assert problem.message == "unknown field 'practice'"


def test_a_reading_checks_its_speaker_and_reliance(tmp_path):
    root = case_with(
        tmp_path,
        READINGS.replace("    about: [tp/art-1-b]\n", "    about: [tp/art-1-b]\n    speaker: nobody\n").replace(
            "      - document: d1", "      - document: d9"
        ),
    )
    messages = sorted(p.message for p in problems_of(root))
    assert messages == ["unknown actor 'nobody'", "unknown document 'd9'"]


def test_readings_change_no_practice_evidence(tmp_path):
    """A reading by d4 relying on d1 ties d4 to d1 for no practice: the claims of d1 and d4 stay
    independent, and every level of the small corpus is what it was."""
    from lexmap.leaks import levels

    reading = textwrap.dedent(
        """\
        readings:
          - id: r9
            document: d4
            about: [tp]
            pinpoint: para. 9
            quote: a reading, unchecked (d4 has no text)
            relies_on:
              - document: d1
        """
    )
    root, plain = tmp_path / "case", tmp_path / "plain"
    shutil.copytree(CORPORA / "small", plain)
    documents = plain / "mappings" / "documents.yaml"  # d4 speaks: a source of its own
    documents.write_text(documents.read_text().replace("title: News article", "title: News article\n    authors: [Nina]"))
    shutil.copytree(plain, root)
    (root / "mappings" / "readings.yaml").write_text(reading, encoding="utf-8")
    with_reading, without = lexmap.load(root, cache=False), lexmap.load(plain, cache=False)
    assert list(with_reading.readings) == ["r9"]
    assert with_reading.support("passports", "tp/means-force").independent_sources == 2
    assert levels(with_reading) == levels(without)
    practice_gaps = [g for g in without.gaps() if g.kind != "unchecked-quotes"]
    assert [g for g in with_reading.gaps() if g.kind != "unchecked-quotes"] == practice_gaps
    (unchecked,) = [g.detail for g in with_reading.gaps() if g.kind == "unchecked-quotes" and g.document == "d4"]
    assert unchecked.startswith("5 quote(s) not checked")  # the reading's quote is a quote too (4 without it)


def test_show_a_reading_and_the_law_it_reads(tmp_path):
    root = case_with(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["show", "reading-border", str(root)])
    assert result.exit_code == 0, result.output
    assert "reading reading-border" in result.stdout
    assert "about: tp/art-1-a; tp/act" in result.stdout
    assert "quote: The definition does not require that the victim be moved across a border." in result.stdout
    result = runner.invoke(main, ["show", "tp/art-1-b", str(root)])
    assert "read by d5 (reading-consent)" in result.stdout
    result = runner.invoke(main, ["show", "d5", str(root)])
    assert "reads reading-border: tp/art-1-a, tp/act" in result.stdout
    result = runner.invoke(main, ["list", "readings", str(root)])
    assert result.exit_code == 0 and "reading-border" in result.stdout and "reading-consent" in result.stdout


def test_the_site_shows_readings_on_the_instrument_element_and_document_pages(tmp_path):
    from lexmap.site.pages import build_pages

    pages = build_pages(lexmap.load(case_with(tmp_path), cache=False))
    instrument = pages["instruments/tp.md"]
    section = instrument[instrument.index("## Readings { #readings }") :]
    assert section.count('class="lx-statement lx-reads"') == 2
    assert 'id="read-reading-border"' in section and 'id="s-read-reading-border"' in section  # at home here: a search entry
    assert "does not require that the victim be moved across a border" in section
    assert '<a href="../documents/d5.html">A commentary</a>, p. 1' in section
    assert "Rests on: <a" in section  # reading-consent's reliance
    art_1_b = instrument[instrument.index('id="prov-art-1-b"') : instrument.index("## Readings")]
    assert '<p class="lx-read-by">Read by: <a href="#read-reading-consent">A commentary, p. 1</a></p>' in art_1_b
    test = pages["tests/tp/exploitation.md"]
    act = test[test.index("{ #el-act }") : test.index("{ #el-means }")]
    assert 'id="read-reading-border"' in act and 'id="s-read-reading-border"' not in act  # shown, not a second search entry
    document = pages["documents/d5.md"]
    reads = document[document.index("## Reads the law { #reads }") :]
    assert 'id="read-reading-border"' in reads and 'id="read-reading-consent"' in reads
    assert "This document states no reading of the law." in pages["documents/d1.md"]
    assert "No reading of this instrument is recorded." in pages["instruments/wc.md"]
    assert "2 readings of the law" in pages["index.md"]


def test_readings_travel_through_json_and_sqlite(tmp_path):
    import json
    import sqlite3

    from lexmap.exports import export_bytes
    from lexmap.exports.sqlite import corpus_sqlite

    root = case_with(tmp_path)
    corpus = lexmap.load(root, cache=False)
    data = json.loads(export_bytes(corpus, "json"))
    assert [r["about"] for r in data["readings"]] == [["tp/art-1-a", "tp/act"], ["tp/art-1-b"]]
    path = tmp_path / "corpus.json"
    path.write_bytes(export_bytes(corpus, "json"))
    back = lexmap.load(path, texts=[root / "texts"], cache=False)
    assert back.readings == corpus.readings
    db = sqlite3.connect(":memory:")
    db.deserialize(corpus_sqlite(corpus))
    assert db.execute("SELECT id, document, pinpoint FROM readings").fetchall() == [
        ("reading-border", "d5", "p. 1"),
        ("reading-consent", "d5", "p. 1"),
    ]
    assert db.execute("SELECT * FROM reading_about ORDER BY reading, position").fetchall() == [
        ("reading-border", 1, "tp/art-1-a", None, "tp/art-1-a", None),
        ("reading-border", 2, "tp/act", None, None, "tp/act"),
        ("reading-consent", 1, "tp/art-1-b", None, "tp/art-1-b", None),
    ]
    assert db.execute("SELECT reading, document FROM relies_on WHERE reading IS NOT NULL").fetchall() == [
        ("reading-consent", "d1")
    ]
    assert db.execute("SELECT about, document_title FROM readings_view WHERE id = 'reading-border'").fetchone() == (
        "tp/art-1-a; tp/act",
        "A commentary",
    )
    found = db.execute("SELECT rowid FROM readings_fts WHERE readings_fts MATCH 'border'").fetchall()
    assert [db.execute("SELECT id FROM readings_view WHERE rowid = ?", r).fetchone()[0] for r in found] == ["reading-border"]


def test_a_withheld_reading_reaches_no_public_output(tmp_path):
    from lexmap.leaks import leak_check

    root = case_with(
        tmp_path, READINGS.replace("    about: [tp/art-1-b]\n", "    about: [tp/art-1-b]\n    visibility: confidential\n")
    )
    public = lexmap.load(root, profile="public", cache=False)
    (withheld,) = [r for r in public.readings.values() if r.quote == "withheld quote"]
    assert withheld.id.startswith("withheld-reading-") and withheld.about == ("tp/art-1-b",)
    assert public.case.withheld == 1
    report = leak_check(root, tmp_path / "out", profile="public", texts=[root / "texts"])
    assert "Consent given under force counts for nothing" in report.strings
    assert report.withheld == 1 and report.leaks == () and report.level_changes == ()
    assert any(f.startswith("site/") for f in report.files)


def test_a_reading_about_many_elements_of_a_test_is_drawn_once_and_linked_from_the_others(tmp_path):
    """Attack round 9, F9: a reading was drawn in full under every element of a test it is about
    (a 250 kB quote about 205 elements made a 57.6 MB page). It is drawn once, at the first
    element it reads, and each other element links to that card."""
    from lexmap.site.pages import build_pages

    readings = READINGS.replace("about: [tp/art-1-a, tp/act]", "about: [tp/art-1-a, tp/act, tp/means, tp/means-force]")
    pages = build_pages(lexmap.load(case_with(tmp_path, readings), cache=False))
    test = pages["tests/tp/exploitation.md"]
    assert test.count('id="read-reading-border"') == 1
    assert test.count("does not require that the victim be moved across a border") == 1
    act = test[test.index("{ #el-act }") : test.index("{ #el-means }")]
    assert 'id="read-reading-border"' in act  # drawn at the first element it reads
    means = test[test.index("{ #el-means }") :]
    link = '<a href="#read-reading-border">A commentary, p. 1</a> (shown under <a href="#el-act">'
    assert means.count(link) == 2, means  # means and means-force: one line each
    instrument = pages["instruments/tp.md"]
    assert instrument.count('id="read-reading-border"') == 1  # the instrument's page drew it once already
