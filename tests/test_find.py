"""``lexmap find DOCUMENT WORDS`` (issue 27, item 2): passages that hold the words, verbatim, with
their page and a pinpoint to paste; and a quote that is not verbatim reported with the closest
passage and the first word where they part."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_pages import LABELS, PAGES, _case, _claim

import lexmap
from lexmap.cli import main

from pdfmake import write_pdf


def _find(case, *arguments):
    return CliRunner().invoke(main, ["find", *arguments, str(case), "--no-cache"], prog_name="lexmap")


def _pasted(output: str) -> dict:
    """The pinpoint, page and quote of the first passage printed, as a statement would take them."""
    fields = {}
    for line in output.split("\n\n", 2)[1].splitlines()[1:]:
        key, _sep, value = line.strip().partition(": ")
        fields[key] = json.loads(value)
    return fields


def test_find_prints_the_passage_across_pages_with_a_pinpoint_that_validates(tmp_path):
    case = _case(tmp_path, "d5.pdf", [_claim("c-front", "Summary of the findings", "ii")])
    write_pdf(case / "texts" / "d5.pdf", PAGES, LABELS)
    result = _find(case, "d5", "force, which amounts to trafficking in persons according to the Palermo")
    assert result.exit_code == 0, result.output
    assert "1. pp. 1\u20132 (PDF pages 3\u20134), exact" in result.output
    pasted = _pasted(result.output)
    assert pasted["pinpoint"] == "pp. 1\u20132" and pasted["page"] == "1"
    assert pasted["quote"] == "force, which amounts to traf-ficking in persons according to the Palermo"
    # pasted into a claim, it validates: the words, the page
    _case(tmp_path / "again", "d5.pdf", [_claim("c-pasted", pasted["quote"], pasted["page"])])
    write_pdf(tmp_path / "again" / "case" / "texts" / "d5.pdf", PAGES, LABELS)
    assert lexmap.load(tmp_path / "again" / "case", cache=False).texts["d5"].pages["c-pasted"][1] == "1"


def test_find_gives_the_closest_passage_in_the_text_s_own_words(tmp_path):
    case = _case(tmp_path, "d5.html", [])
    (case / "texts" / "d5.html").write_text(
        "<p>The supervisors \u201ckeep\u201d the passports of the doctors in a safe.</p>", encoding="utf-8"
    )
    result = _find(case, "d5", 'the supervisors "hold" the passports of doctors')
    assert result.exit_code == 0, result.output
    assert "none holds them exactly" in result.output and "close:" in result.output
    assert _pasted(result.output)["quote"] == "The supervisors \u201ckeep\u201d the passports of the doctors"


def test_find_says_when_nothing_reads_like_the_words(tmp_path):
    case = _case(tmp_path, "d5.pdf", [])
    write_pdf(case / "texts" / "d5.pdf", PAGES, LABELS)
    result = _find(case, "d5", "zebra crossing quantum")
    assert result.exit_code == 1 and "no passage of d5.pdf holds these words" in result.output


@pytest.mark.parametrize(
    ("document", "message", "hint"),
    [("d55", "unknown document 'd55'", "did you mean 'd5'"), ("d2", "document 'd2' has no text_file", "text_file")],
)
def test_find_refuses_a_document_without_text_in_one_line(tmp_path, document, message, hint):
    case = _case(tmp_path, "d5.pdf", [])
    write_pdf(case / "texts" / "d5.pdf", PAGES, LABELS)
    result = _find(case, document, "words")
    assert result.exit_code == 2 and f"lexmap: error: {message}" in result.output and hint in result.output
    assert "Traceback" not in result.output


def test_a_quote_not_verbatim_is_reported_with_the_closest_passage_and_where_they_part(tmp_path):
    case = _case(tmp_path, "d5.pdf", [_claim("c-bad", "Wages are held back. Annex The state-run agency keeps the contracts.")])
    write_pdf(case / "texts" / "d5.pdf", PAGES, LABELS)
    with pytest.raises(lexmap.CorpusError) as caught:
        lexmap.load(case, cache=False)
    (problem,) = caught.value.problems
    assert (
        "the closest passage (pp. 2\u20133) reads 'Wages are withheld. Annex The state-run agency keeps the contracts.'"
        in problem.hint
    )
    assert "they part at the quote's 'held', where the text has 'withheld.'" in problem.hint
