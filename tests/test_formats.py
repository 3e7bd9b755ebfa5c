"""The one registry of outputs (lexmap/exports/formats.py): every format, written through the
registry, carries the case's title and date, read back from the file alone; an unknown format
name or extension is one line with "did you mean" and the list."""

from __future__ import annotations

import re
import shutil
import sqlite3
import zipfile

import pytest
from click.testing import CliRunner

import lexmap
from lexmap.chart import build_chart
from lexmap.cli import main
from lexmap.exports.formats import FORMATS, Destination, FormatError, OutputCase, by_name, by_path, write

from conftest import CORPORA

TITLE, DATE = "Evidence fixture", "2024-05-01"
WRITABLE = [f for f in FORMATS if f.reads_case and f.program is None]
"""Every format of a case but the PDF chart, which drives LibreOffice (a slow test of its own)."""


@pytest.fixture(scope="module")
def case_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats") / "case"
    shutil.copytree(CORPORA / "evidence", folder)
    manifest = folder / "lexmap.yaml"
    manifest.write_text(manifest.read_text() + f"date: {DATE}\n")
    return folder


@pytest.fixture(scope="module")
def case(case_folder):
    loaded = lexmap.load(case_folder, cache=False)
    assert (loaded.title, loaded.case.date) == (TITLE, DATE)
    return loaded


def _result(fmt, case):
    if fmt.family == "matrix":
        return case.matrix("practices", "elements")
    if fmt.family == "chart":
        return build_chart(case, "law/forced-labour")
    return case


def _read_back(fmt, path) -> str:
    """The text a reader of the file finds in it (from the file alone)."""
    if fmt.name == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path)
        cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
        return " ".join([book.properties.title or "", *cells])
    if fmt.name == "docx":
        with zipfile.ZipFile(path) as docx:
            return re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))
    if fmt.name == "sqlite":
        with sqlite3.connect(path) as db:
            return " ".join(str(v) for row in db.execute('SELECT title, date FROM "case"') for v in row)
    if fmt.name == "parquet":
        import pyarrow.parquet

        return " ".join(str(v) for row in pyarrow.parquet.read_table(path / "case.parquet").to_pylist() for v in row.values())
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", WRITABLE, ids=lambda f: f"{f.family}-{f.name}")
def test_every_format_carries_the_case_title_and_date(fmt, case, tmp_path):
    target = tmp_path / (f"out{fmt.extensions[0]}" if fmt.extensions else "out")
    fmt.write(_result(fmt, case), Destination.file(target), OutputCase.of(case))
    found = _read_back(fmt, target)
    if fmt.untitled:  # the registry's word that it cannot, checked
        assert TITLE not in found and DATE not in found.replace('"issued"', "")
    else:
        assert TITLE in found and DATE in found, fmt.name


def test_the_pdf_chart_carries_the_case_title_and_date(case, tmp_path):
    import subprocess

    from conftest import need

    need("soffice", "pdftotext")
    (fmt,) = [f for f in FORMATS if f.program is not None]
    target = tmp_path / "out.pdf"
    fmt.write(_result(fmt, case), Destination.file(target), OutputCase.of(case))
    found = subprocess.run(["pdftotext", str(target), "-"], check=True, capture_output=True, text=True).stdout
    assert TITLE in found and DATE in found


def test_only_a_bare_bibliography_goes_without_the_title():
    assert {f.name for f in FORMATS if f.untitled} == {"csl-json"}
    assert [f.name for f in FORMATS if not f.reads_case] == ["schema"]


def test_every_format_is_found_by_its_name_and_its_extensions():
    for fmt in FORMATS:
        assert by_name(fmt.family, fmt.name) is fmt
        for extension in fmt.extensions:
            assert by_path(fmt.family, f"some/file{extension.upper()}") is fmt


def test_the_api_picks_the_writer_by_the_file_extension(case, tmp_path):
    chosen = write(
        "matrix", case.matrix("practices"), Destination.file(tmp_path / "m.markdown"), OutputCase.of(case, value="level")
    )
    assert chosen.name == "md"
    assert (tmp_path / "m.markdown").read_text().startswith(f"**{TITLE}** ({DATE}): practices (rows) by instruments")


@pytest.mark.parametrize(
    "family, given, expected",
    [
        ("matrix", "xslx", "did you mean 'xlsx'? known: csv, xlsx, md, html, json"),
        ("chart", "dcx", "did you mean 'docx'? known: docx, pdf, html, md"),
        ("corpus", "turtel", "did you mean 'turtle'? known: json, graphml, gexf, turtle, jsonld"),
    ],
)
def test_an_unknown_format_name_says_did_you_mean_and_lists_the_known(family, given, expected):
    with pytest.raises(FormatError) as error:
        by_name(family, given)
    assert expected in str(error.value) and "\n" not in str(error.value)


def test_an_unknown_extension_says_did_you_mean_and_lists_the_known():
    with pytest.raises(FormatError) as error:
        by_path("chart", "chart.dcx")
    assert str(error.value) == (
        "cannot tell a chart format from the extension '.dcx' ('chart.dcx'); did you mean '.docx'? "
        "known extensions: .docx, .pdf, .html, .htm, .md, .markdown"
    )


@pytest.mark.parametrize(
    "command, name, expected",
    [(["matrix"], "m.xslx", "did you mean '.xlsx'?"), (["chart", "law/forced-labour"], "c.dcx", "did you mean '.docx'?")],
)
def test_the_cli_refuses_an_unknown_extension_in_one_line(case_folder, tmp_path, command, name, expected):
    result = CliRunner().invoke(main, [*command, str(case_folder), "-o", str(tmp_path / name)])
    errors = [line for line in result.output.splitlines() if line.startswith("lexmap: error:")]
    assert result.exit_code == 2 and len(errors) == 1 and expected in errors[0], result.output
    assert "known extensions:" in errors[0] and "Traceback" not in result.output
    assert not (tmp_path / name).exists()


def test_the_cli_writes_through_the_registry_with_the_case_title(case_folder, tmp_path):
    out = tmp_path / "m.csv"
    result = CliRunner().invoke(main, ["matrix", str(case_folder), "--rows", "practices", "--value", "level", "-o", str(out)])
    assert result.exit_code == 0, result.output
    first = out.read_text().splitlines()[0]
    assert first == (
        f"# {TITLE} ({DATE}): practices (rows) by instruments (columns); each cell: "
        "the level of the cell's best practice (never pooled across practices)."
    )


@pytest.mark.parametrize(
    "args, expected",
    [
        (["matrix", "--format", "xslx"], "unknown matrix format 'xslx'; did you mean 'xlsx'? known: csv, xlsx, md, html, json"),
        (["export", "turtel"], "unknown corpus format 'turtel'; did you mean 'turtle'? known: json, graphml, gexf, turtle,"),
        (["matrix", "--value", "lvl"], "unknown matrix value 'lvl'; did you mean 'level'? known: count, independent, ids, level"),
    ],
)
def test_the_cli_refuses_an_unknown_format_or_value_with_did_you_mean(args, expected):
    result = CliRunner().invoke(main, args)
    errors = [line for line in result.output.splitlines() if line.startswith("lexmap: error:")]
    assert result.exit_code == 2 and len(errors) == 1 and expected in errors[0], result.output


HOSTILE_TITLE = 'T,=HYPERLINK("https://evil.example/","x"); +1|@SUM(1), "-2"'


def test_a_title_in_the_csv_comment_line_is_never_a_formula_cell(case_folder, tmp_path):
    """Attack round 8, F1: the manifest's title opens the matrix and chronology CSVs on their
    ``#`` line; LibreOffice splits that line at its delimiters, so every piece must read as text,
    under a comma and under a semicolon. Read back through LibreOffice itself."""
    import csv
    import subprocess

    import openpyxl

    from conftest import need

    need("soffice")
    folder = tmp_path / "case"
    shutil.copytree(case_folder, folder)
    manifest = folder / "lexmap.yaml"
    manifest.write_text(re.sub(r"(?m)^title:.*$", "title: '" + HOSTILE_TITLE.replace("'", "''") + "'", manifest.read_text()))
    assert lexmap.load(folder, cache=False).title == HOSTILE_TITLE
    for command in (["matrix", str(folder), "--rows", "practices", "-o"], ["export", "chronology", str(folder), "-o"]):
        result = CliRunner().invoke(main, [*command, str(tmp_path / f"{command[0]}.csv")])
        assert result.exit_code == 0, result.output
        text = (tmp_path / f"{command[0]}.csv").read_bytes().decode("utf-8")
        assert text.startswith("# ") and "HYPERLINK" in text.partition("\r\n")[0]
        for separator in (",", ";"):
            first = next(csv.reader([text.partition("\r\n")[0]], delimiter=separator))
            assert not [cell for cell in first if cell.lstrip(" ").startswith(("=", "+", "-", "@"))], first
            out = tmp_path / f"lo-{command[0]}-{ord(separator)}"
            subprocess.run(
                [
                    shutil.which("soffice") or "soffice",
                    f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
                    "--headless",
                    f"--infilter=CSV:{ord(separator)},34,76,1",
                    "--convert-to",
                    "xlsx",
                    "--outdir",
                    str(out),
                    str(tmp_path / f"{command[0]}.csv"),
                ],
                check=True,
                capture_output=True,
                timeout=240,
            )
            sheet = openpyxl.load_workbook(out / f"{command[0]}.xlsx").active
            cells = [cell for cell in next(sheet.iter_rows(max_row=1)) if cell.value is not None]
            assert len(cells) > 1, "LibreOffice split the comment line into cells"
            assert all(cell.data_type == "s" for cell in cells), [(c.value, c.data_type) for c in cells]
