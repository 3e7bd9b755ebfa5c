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
  - id: r1
    document: d5
    about: [tp/art-1-a, tp/act]
    pinpoint: p. 1
    quote: The definition does not require that the victim be moved across a border.
  - id: r2
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
    assert list(corpus.readings) == ["r1", "r2"]
    assert corpus.readings["r1"].about == ("tp/art-1-a", "tp/act")
    assert corpus["r2"].relies_on[0].document == "d1"
    assert [r.id for r in corpus.readings_of("tp")] == ["r1", "r2"]  # the instrument: everything in it
    assert [r.id for r in corpus.readings_of("tp/art-1")] == ["r1", "r2"]  # a provision: its subparagraphs
    assert [r.id for r in corpus.readings_of("tp/art-1", direct=True)] == []
    assert [r.id for r in corpus.readings_of("tp/exploitation")] == ["r1"]  # an element: its parts
    assert [r.id for r in corpus.readings_of("tp/means")] == []
    assert [r.id for r in corpus.readings_by("d5")] == ["r1", "r2"]
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
    assert (problem.file, problem.line, problem.id) == ("mappings/readings.yaml", 16, "r2")
    assert problem.message == "unknown instrument, provision or element 'tp/art-1-c'"
    assert "did you mean 'tp/art-1-" in problem.hint


def test_an_about_id_of_the_wrong_kind_is_refused(tmp_path):
    root = case_with(tmp_path, READINGS.replace("about: [tp/art-1-b]", "about: [passports]"))
    (problem,) = problems_of(root)
    assert (problem.line, problem.id) == (16, "r2")
    assert problem.message == "'passports' is a practice, not an instrument, provision or element"


def test_a_local_about_id_is_suggested_its_qualified_form(tmp_path):
    root = case_with(tmp_path, READINGS.replace("about: [tp/art-1-b]", "about: [art-1-b]"))
    (problem,) = problems_of(root)
    assert problem.hint == "did you mean 'tp/art-1-b'?"


def test_a_reading_about_nothing_is_refused(tmp_path):
    root = case_with(tmp_path, READINGS.replace("about: [tp/art-1-b]", "about: []"))
    (problem,) = problems_of(root)
    assert (problem.line, problem.id) == (16, "r2")
    assert problem.message == "about needs at least 1 item"
    assert "instrument, provision or element" in problem.hint


def test_a_reading_without_about_is_refused(tmp_path):
    root = case_with(tmp_path, READINGS.replace("    about: [tp/art-1-b]\n", ""))
    (problem,) = problems_of(root)
    assert problem.id == "r2" and problem.message == "missing required field 'about'"


def test_a_reading_quote_not_in_its_document_is_refused(tmp_path):
    root = case_with(tmp_path, READINGS.replace("counts for nothing", "counts for little"))
    (problem,) = problems_of(root)
    assert (problem.file, problem.id) == ("mappings/readings.yaml", "r2")
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
    result = runner.invoke(main, ["show", "r1", str(root)])
    assert result.exit_code == 0, result.output
    assert "reading r1" in result.stdout
    assert "about: tp/art-1-a; tp/act" in result.stdout
    assert "quote: The definition does not require that the victim be moved across a border." in result.stdout
    result = runner.invoke(main, ["show", "tp/art-1-b", str(root)])
    assert "read by d5 (r2)" in result.stdout
    result = runner.invoke(main, ["show", "d5", str(root)])
    assert "reads r1: tp/art-1-a, tp/act" in result.stdout
    result = runner.invoke(main, ["list", "readings", str(root)])
    assert result.exit_code == 0 and "r1" in result.stdout and "r2" in result.stdout
