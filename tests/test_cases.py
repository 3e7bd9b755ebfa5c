"""A new case: `lexmap init`'s skeleton validates at once, and a case built on it from data files
alone gets a matrix, a site and exports without touching the law library."""

import re

import pytest

import lexmap
from lexmap.exports import export_bytes, render_matrix
from lexmap.lookup import describe, find, suggest
from lexmap.scaffold import new_case

QUOTE = "the words of the document, copied exactly"


def _uncomment(path):
    """The skeleton's commented examples, made real (the lines after an empty collection)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^(\w+): \[\]\n", r"\1:\n", text, flags=re.M)
    path.write_text(re.sub(r"^# (  |- )", r"\1", text, flags=re.M), encoding="utf-8")


def test_the_skeleton_validates_at_once(tmp_path):
    case = new_case(tmp_path / "my-case")
    corpus = lexmap.load(case)
    assert corpus.case.title == "My case" and corpus.title == "My case"
    assert len(corpus.claims) == 0 and "palermo" in corpus.instruments  # the bundled law


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        new_case(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_the_commented_examples_are_a_working_case(tmp_path):
    case = new_case(tmp_path / "example")
    for name in ("actors.yaml", "documents.yaml", "practices.yaml", "statements.yaml"):
        _uncomment(case / name)
    # the examples refer to records a real case would have: drop those references
    for name in ("documents.yaml", "practices.yaml", "statements.yaml"):
        text = (case / name).read_text(encoding="utf-8")
        text = re.sub(r"\n  ( *)(cites|relies_on):\n(\1    .*\n)+", "\n", text)
        text = re.sub(r"\n  part_of: another-practice-id", "", text)
        (case / name).write_text(text, encoding="utf-8")
    with pytest.raises(lexmap.CorpusError) as raised:  # the text is missing: said, with file:line
        lexmap.load(case)
    (problem,) = raised.value.problems
    assert problem.file == "example/documents.yaml" and problem.id == "example-report" and problem.line
    (case / "texts" / "example-report.txt").write_text(f"Page 4 says {QUOTE}. Page 12 too: {QUOTE}.")
    corpus = lexmap.load(case)
    assert corpus.texts["example-report"].status == "checked" and corpus.texts["example-report"].checked == 4
    assert [r.id for r in corpus.readings_of("palermo")] == ["example-report-reads-palermo-consent"]
    assert corpus.coverage("palermo/trafficking", practice="passport-retention")["palermo/means-other-coercion"].level == "argued"
    assert [a.id for a in corpus.speakers("example-report-passports-coercion")] == ["example-ngo"]
    cell = corpus.matrix().cell("ilo-fl/retention-of-identity-documents", "palermo")
    assert cell.practices == ("passport-retention",)
    assert cell.documents == ("example-report",)
    assert b"passport-retention" in render_matrix(corpus.matrix(), corpus, "csv", "ids")
    assert export_bytes(corpus, "json") and export_bytes(corpus, "graphml")
    assert not list((lexmap.bundled_corpus_path().parent / "instruments").glob("example*"))


def test_site_of_a_new_case_is_named_by_it(tmp_path):
    pytest.importorskip("mkdocs")
    from lexmap.site.pages import build_pages

    case = new_case(tmp_path / "my-case", title="Workers of the Example Programme")
    pages = build_pages(lexmap.load(case))
    assert "index.md" in pages and "gaps.md" in pages


def test_list_and_show_find_ids_by_name(bundled):
    assert "cu" in find(bundled, "states", "cuba").ids
    assert "palermo/means-other-coercion" in find(bundled, "elements", "coercion").ids
    assert suggest(bundled, "means-other-coercion") == ["palermo/means-other-coercion"]
    assert suggest(bundled, "cuba")[0] == "cu"  # a state named, not its id
    with pytest.raises(KeyError, match="did you mean 'elements'"):
        find(bundled, "element")
    shown = describe(bundled, "cu")
    assert shown.startswith("state cu") and "ilo-c29: party" in shown
    assert "coverage:" in describe(bundled, "palermo/means")


def test_the_manifest_may_only_name_documents_of_the_case(tmp_path):
    case = new_case(tmp_path / "my-case")
    manifest = case / "lexmap.yaml"
    manifest.write_text(manifest.read_text() + "texts_not_included: [no-such-document]\n")
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(case)
    (problem,) = raised.value.problems
    assert (problem.file, problem.id) == ("my-case/lexmap.yaml", "no-such-document")
    assert "texts_not_included names an unknown document" in problem.message
