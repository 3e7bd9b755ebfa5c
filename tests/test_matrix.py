"""The indicator x instrument matrix: computed once, exported, read back with real readers."""

import csv
import io
import json
import os
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import lexmap
from lexmap.cli import main
from lexmap.exports import MEASURES, render_matrix
from lexmap.matrix import build_matrix
from lexmap.outputs import write_file

from conftest import CORPORA

GOLDEN = Path(__file__).parent / "golden" / "matrix-bundled.md"


def small_corpus():
    return lexmap.load(CORPORA / "small")


@pytest.fixture(scope="module")
def matrix(small):
    return build_matrix(small)


def test_cells_hold_practices_that_exhibit_the_indicator_and_are_argued(matrix):
    # passports: exhibit e1 (d1) + claims c1 d1, c2 d2, c3 d4 on tp/means-force; d1 cites d2 and d4 names
    # no author or publisher (unattributed): one independent source, the level of passports under tp
    cell = matrix.cell("fl/documents-retained", "tp")
    assert cell.practices == ("passports",)
    assert cell.claims == ("c1", "c2", "c3") and cell.exhibits == ("e1",)
    assert cell.documents == ("d1", "d2", "d4") and cell.independent_sources == 1
    assert cell.level == "argued" and not cell.contested and cell.practice == "passports"
    assert (cell.level, cell.independent_sources) == (
        (row := small_corpus().coverage("tp/exploitation", practice="passports")[cell.element]).level,
        row.independent_sources,
    )
    # wages: exhibit e2 (d4); c5 (d1) supports tp/purpose, c6 (d4) contests it
    cell = matrix.cell("fl/wages-withheld", "tp")
    assert cell.practices == ("wages",) and cell.claims == ("c5",) and cell.contesting == ("c6",)
    # passports are not argued under the wage convention
    assert matrix.cell("fl/documents-retained", "wc").practices == ()


def test_empty_rows_and_columns_still_appear(matrix):
    assert [r.id for r in matrix.rows] == ["fl/documents-retained", "fl/wages-withheld", "fl/isolation"]
    assert [c.id for c in matrix.cols] == ["wc", "tp"]  # in order of adoption
    assert matrix.values("count")[2] == [0, 0]


def test_other_pairings(small):
    by_element = build_matrix(small, "practices", "elements")
    assert by_element.cell("passports", "tp/means-force").claims == ("c1", "c2", "c3")
    assert by_element.cell("ban", "tp/act").practices == ("ban",)
    by_test = build_matrix(small, "indicators", "tests")
    assert by_test.cell("fl/wages-withheld", "wc/free-disposal").practices == ("wages",)
    by_provision = build_matrix(small, "practices", "provisions")
    assert [c.id for c in by_provision.cols] == ["tp/art-1-a", "tp/art-1-b", "wc/art-6"]
    with pytest.raises(ValueError, match="unknown rows"):
        build_matrix(small, "documents")


def test_csv_reads_back_equal_to_the_matrix(small, matrix):
    for value in ("count", "independent", "ids", "level"):
        caption, _, text = render_matrix(matrix, small, "csv", value).decode("utf-8").partition("\r\n")
        assert caption == f"# small: indicators (rows) by instruments (columns); each cell: {MEASURES[value]}."
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["id", "label", "wc", "tp"]
        assert [r[2:] for r in rows[1:]] == [[str(v) for v in vs] for vs in matrix.values(value)]
    frame = pd.read_csv(io.BytesIO(render_matrix(matrix, small, "csv", "count")), index_col="id", skiprows=1)
    assert frame.drop(columns="label").equals(matrix.to_frame("count"))


def test_xlsx_reads_back_with_notes_links_and_detail(small, matrix):
    from lexmap.exports.xlsxfile import HEADER_ROW

    data = render_matrix(matrix, small, "xlsx", "count", base_url="https://example.org/site")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["matrix"]
    assert [c.value for c in sheet[HEADER_ROW]][1:] == ["Wage Convention", "Test Protocol"]
    body = [[c.value for c in row][1:] for row in sheet.iter_rows(min_row=HEADER_ROW + 1)]
    assert body == matrix.values("count")
    assert sheet.freeze_panes == f"B{HEADER_ROW + 1}"
    note = sheet.cell(row=HEADER_ROW + 1, column=3).comment.text
    assert "Documents: First report (d1); Second report (d2); News article (d4)" in note
    assert "Level from Retention of passports (passports): 1 independent source(s)" in note
    assert sheet.cell(row=HEADER_ROW + 1, column=3).hyperlink.target == "https://example.org/site/practices/passports.html"
    detail = workbook["detail"]
    rows = list(detail.iter_rows(values_only=True))
    assert rows[0] == (
        "Practice", "Cells it feeds", "Kind", "Speaker, document, pinpoint", "Quote", "Site page",
        "Speaker", "Document", "Pinpoint", "Statement id", "Practice id", "Document id", "Cell ids",
    )  # fmt: skip
    c2 = next(row for row in rows if row[9] == "c2")
    assert c2[:6] == (
        "Retention of passports",
        "Retention of identity documents \u00d7 Test Protocol",
        "claim, supports",
        f"{small['d2'].title}\np. 9",  # no speaker recorded: the document, then the pinpoint
        "passports are held by force",
        "open",
    )
    assert c2[6:] == (None, small["d2"].title, "p. 9", "c2", "passports", "d2", "fl/documents-retained / tp")
    link = detail.cell(row=rows.index(c2) + 1, column=6).hyperlink  # the anchor as Excel keeps it: the link's location
    assert f"{link.target}#{link.location}" == "https://example.org/site/practices/passports.html#claim-c2"


def test_formulas_are_neutralised_in_csv_and_xlsx():
    corpus = lexmap.Corpus(
        instruments=[
            lexmap.Instrument(
                id="t",
                title="T",
                short_name='=HYPERLINK("http://evil")',
                kind="treaty",
                binding=True,
                tests=(lexmap.Element(id="t/x", label="X", provision=None),),
            )
        ],
        indicator_frameworks=[
            lexmap.IndicatorFramework(
                id="f",
                title="F",
                indicators=(
                    lexmap.Indicator(id="f/a", label="+cmd|' /C calc'!A0"),
                    lexmap.Indicator(id="f/b", label="@SUM(1)"),
                    lexmap.Indicator(id="f/c", label="-2+3"),
                    lexmap.Indicator(id="f/d", label="\tx"),
                ),
            )
        ],
    )
    matrix = build_matrix(corpus)
    text = render_matrix(matrix, corpus, "csv").decode().partition("\r\n")[2]  # after the caption line
    labels = [row[1] for row in csv.reader(io.StringIO(text))][1:]
    assert labels == ["'+cmd|' /C calc'!A0", "'@SUM(1)", "'-2+3", "'\tx"]
    from lexmap.exports.xlsxfile import HEADER_ROW

    sheet = openpyxl.load_workbook(io.BytesIO(render_matrix(matrix, corpus, "xlsx")))["matrix"]
    head = sheet.cell(row=HEADER_ROW, column=2)
    assert head.value == '\'=HYPERLINK("http://evil")' and head.data_type == "s"
    assert all(not str(sheet.cell(row=r, column=1).value).startswith(("=", "+", "-", "@")) for r in range(1, HEADER_ROW + 5))


def test_markdown_html_and_json_carry_the_same_values(small, matrix):
    md = render_matrix(matrix, small, "md", "level").decode()
    assert "| Withholding of wages | argued | argued, contested |" in md  # wages' own level: never pooled
    page = render_matrix(matrix, small, "html", "count", base_url="https://example.org").decode()
    assert 'href="https://example.org/practices/passports.html"' in page
    shown = matrix._repr_html_()
    assert "<table" in shown and "Retention of identity documents" in shown
    data = json.loads(render_matrix(matrix, small, "json"))
    cell = next(c for c in data["cells"] if (c["row"], c["col"]) == ("fl/wages-withheld", "tp"))
    assert cell["practices"] == ["wages"] and cell["contested"] is True


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "md", "html", "json"])
def test_same_corpus_same_bytes(small, fmt):
    first = render_matrix(build_matrix(small), small, fmt)
    time.sleep(1.1 if fmt == "xlsx" else 0)  # a timestamp in the file would now differ
    second = render_matrix(build_matrix(lexmap.load(CORPORA / "small")), small, fmt)
    assert first == second


def test_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "matrix.csv"
    target.write_text("old")

    def broken_fsync(_fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_file(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["matrix.csv"]


def test_cli_writes_the_format_of_the_file_name(tmp_path):
    out = tmp_path / "m.xlsx"
    result = CliRunner().invoke(main, ["matrix", str(CORPORA / "small"), "--value", "level", "-o", str(out)])
    assert result.exit_code == 0, result.output
    from lexmap.exports.xlsxfile import HEADER_ROW

    assert openpyxl.load_workbook(out)["matrix"].cell(row=HEADER_ROW + 2, column=3).value == "argued, contested"
    result = CliRunner().invoke(main, ["matrix", str(CORPORA / "small"), "--format", "md"])
    caption, blank, header = result.stdout.splitlines()[:3]
    assert caption == "**small**: indicators (rows) by instruments (columns); each cell: the number of practices in the cell."
    assert (blank, header) == ("", "|  | Wage Convention | Test Protocol |")


def test_bundled_matrix_markdown_matches_the_golden_file(bundled):
    text = render_matrix(build_matrix(bundled), bundled, "md", "count").decode()
    if os.environ.get("LEXMAP_UPDATE_GOLDEN"):
        GOLDEN.write_text(text)
    assert text == GOLDEN.read_text(), "rerun with LEXMAP_UPDATE_GOLDEN=1 after checking the change"
