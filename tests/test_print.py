"""The printed outputs as a reader holds them (issue 28): the matrix XLSX and the evidence chart
DOCX converted to PDF by LibreOffice and read back with poppler and pypdf (tests/printed.py):
A4 by default and US Letter on request, no text under 8 pt, no table row split across pages, no
heading left at the foot of a page, no claim id in the chart's body."""

from __future__ import annotations

import re
import tempfile
import zipfile

import pytest
from lxml import etree
from printed import page_size, page_text, pages, text_sizes, to_pdf

from lexmap.chart import build_chart
from lexmap.exports.chart_docx import chart_docx
from lexmap.exports.xlsxfile import matrix_xlsx

from conftest import need

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A4 = (595.3, 841.9)  # points, portrait
LETTER = (612.0, 792.0)
SMALLEST = 7.95  # 8 pt, as a PDF rounds it
TEST = "palermo/trafficking"


def squeeze(text: str) -> str:
    return " ".join(text.split())


def _size(pdf) -> tuple[float, float]:
    return tuple(round(v, 1) for v in sorted(page_size(pdf)))  # type: ignore[return-value]


@pytest.fixture(scope="module")
def printed_xlsx(bundled, tmp_path_factory):
    need("soffice", "pdfinfo")
    folder = tmp_path_factory.mktemp("xlsx")
    out = {}
    for paper in ("a4", "letter"):
        source = folder / f"matrix-{paper}.xlsx"
        source.write_bytes(matrix_xlsx(bundled.matrix(), bundled, title=bundled.title, date="2024-05-01", paper=paper))
        out[paper] = to_pdf(source, folder)
    return out


@pytest.fixture(scope="module")
def chart(bundled):
    return build_chart(bundled, TEST)


@pytest.fixture(scope="module")
def printed_docx(chart, tmp_path_factory):
    need("soffice", "pdfinfo")
    folder = tmp_path_factory.mktemp("docx")
    out = {}
    for paper in ("a4", "letter"):
        source = folder / f"chart-{paper}.docx"
        source.write_bytes(chart_docx(chart, paper=paper))
        out[paper] = (source, to_pdf(source, folder))
    return out


def test_xlsx_prints_on_a4_landscape_or_letter(printed_xlsx):
    need("soffice", "pdfinfo")
    assert _size(printed_xlsx["a4"]) == A4 and page_size(printed_xlsx["a4"])[0] > page_size(printed_xlsx["a4"])[1]
    assert _size(printed_xlsx["letter"]) == LETTER


def test_xlsx_prints_no_text_under_8_pt(printed_xlsx, bundled):
    need("soffice", "pdfinfo")
    for paper, pdf in printed_xlsx.items():
        runs = text_sizes(pdf)
        small = [run for run in runs if run[1] < SMALLEST]
        assert not small, (paper, small[:5])
        # the matrix still on its first page, whole, under its title and unit line
        first = squeeze(page_text(pdf, 1))
        assert bundled.title in first and "Unit: each cell gives the number of practices in the cell" in first
        for header in bundled.matrix().cols:
            assert squeeze(header.label).split()[-1] in first, header.label


def test_xlsx_detail_prints_labels_and_no_ids(printed_xlsx, bundled):
    need("soffice", "pdfinfo", "pdftotext")
    pdf = printed_xlsx["a4"]
    detail = " ".join(squeeze(page_text(pdf, n)) for n in range(3, pages(pdf) + 1))
    assert "Cells it feeds" in detail and "Statement id" not in detail
    claims = [c.id for c in bundled.claims.values() if len(c.id) > 12]
    assert claims and not [i for i in claims if i in detail]


def test_xlsx_detail_prints_on_few_pages_and_every_statement_whole(printed_xlsx, bundled):
    """The detail sheet is laid out for paper: at least five statements a page on average (it
    printed 227 on 71 A4 pages; 38 now), each whole: every quote's last word is printed (the
    columns of a page are interleaved in pdftotext's layout, a line of each at a time)."""
    need("soffice", "pdfinfo", "pdftotext")
    matrix = bundled.matrix()
    statements = {s for cell in matrix.cells.values() for s in (*cell.claims, *cell.exhibits)}
    for paper, pdf in printed_xlsx.items():
        texts = [page_text(pdf, n, layout=True) for n in range(1, pages(pdf) + 1)]
        detail = [t for t in texts if re.search(r"^\s*detail\s+Page \d+ of \d+", t, re.M)]
        assert detail and len(statements) / len(detail) >= 5, (paper, len(statements), len(detail))
        printed = set(squeeze(" ".join(detail)).split())
        for statement in statements:
            last = bundled[statement].quote.split()[-1]  # the quote's last line printed: no row too short clips it
            assert last in printed, (paper, statement)


def test_docx_is_a4_by_default_and_letter_on_request(printed_docx):
    need("soffice", "pdfinfo")
    assert _size(printed_docx["a4"][1]) == A4 and page_size(printed_docx["a4"][1])[1] > page_size(printed_docx["a4"][1])[0]
    assert _size(printed_docx["letter"][1]) == LETTER


def test_docx_prints_no_text_under_8_pt(printed_docx):
    need("soffice", "pdfinfo")
    runs = text_sizes(printed_docx["a4"][1])
    assert runs and not [run for run in runs if run[1] < SMALLEST]


def _body(source) -> etree._Element:
    with zipfile.ZipFile(source) as package:
        return etree.fromstring(package.read("word/document.xml"))


def test_docx_no_table_row_splits_and_header_rows_repeat(printed_docx):
    need("soffice", "pdfinfo")
    body = _body(printed_docx["a4"][0])
    rows = list(body.iter(W + "tr"))
    assert rows and all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    for table in body.iter(W + "tbl"):
        assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def test_docx_no_heading_last_on_a_page(printed_docx):
    """Every heading keeps with the next paragraph (the XML), and on the printed pages the
    paragraph after each heading starts on the heading's page (:func:`headings_last`)."""
    import docx

    need("soffice", "pdfinfo", "pdftotext")
    source, pdf = printed_docx["a4"]
    headings = [p for p in docx.Document(str(source)).paragraphs if p.style.name.startswith("Heading")]
    assert headings and all(p.paragraph_format.keep_with_next for p in headings)
    assert headings_last(source, pdf) == []


def test_docx_body_has_no_claim_id(printed_docx, bundled, chart):
    """Who says what, where and why sources count as one, in words: the claim ids are in the
    appendix of identifiers only."""
    need("soffice", "pdfinfo", "pdftotext")
    _, pdf = printed_docx["a4"]
    text = " ".join(squeeze(page_text(pdf, n)) for n in range(1, pages(pdf) + 1))
    body, appendix = text.split("Appendix A. Gaps", 1)
    ids = {c.id for c in bundled.claims.values()}
    words = set(re.findall(r"[\w-]+", body))
    assert not ids & words, sorted(ids & words)[:5]
    assert "Appendix B. Identifiers" in appendix
    import docx

    table = docx.Document(str(printed_docx["a4"][0])).tables[-1]  # the identifiers (in the PDF an id wraps at its hyphens)
    shown = {s.claim for s in chart.statements}
    assert shown and shown <= {row.cells[2].text for row in table.rows}


def test_docx_title_page_names_the_quotes_checked_and_the_states_status(printed_docx, chart, bundled):
    need("soffice", "pdfinfo", "pdftotext")
    first = squeeze(page_text(printed_docx["a4"][1], 1))
    unchecked = sum(1 for s in chart.statements if bundled.texts[s.document].status != "checked")
    assert f"Quotes: {unchecked} quotes not checked: texts not given; use --texts FOLDER." in first
    status = bundled.party_status("palermo", "cu", chart.date)
    assert f"Status of the state: Cuba towards Palermo Protocol on {chart.date}: {status.value}" in first


def test_an_unknown_paper_is_one_line(small, tmp_path):
    from click.testing import CliRunner

    from lexmap.cli import main
    from lexmap.exports.formats import FormatError, OutputCase

    from conftest import CORPORA

    result = CliRunner().invoke(main, ["matrix", str(CORPORA / "small"), "--paper", "a5", "-o", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 2 and "'a5' is not one of 'a4', 'letter'" in result.output
    assert not (tmp_path / "m.xlsx").exists()
    with pytest.raises(FormatError, match="unknown paper size 'a5'; known: a4, letter"):
        OutputCase.of(small, paper="a5")
    with pytest.raises(FormatError, match="did you mean 'letter'"):
        matrix_xlsx(small.matrix(), small, paper="leter")


# -- the chart as PDF (-o chart.pdf: the DOCX printed by LibreOffice) ---------------------------


@pytest.fixture(scope="module")
def printed_pdf(tmp_path_factory):
    """``lexmap chart TEST -o chart.pdf`` on A4 and Letter, with the temporary folders in a
    folder of their own (to see what the conversion leaves behind)."""
    from click.testing import CliRunner

    from lexmap.cli import main

    need("soffice", "pdfinfo", "pdftotext")
    folder = tmp_path_factory.mktemp("pdf")
    scratch = folder / "tmp"
    scratch.mkdir()
    out: dict = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "tempdir", str(scratch))
        for paper in ("a4", "letter"):
            pdf = folder / f"chart-{paper}.pdf"
            result = CliRunner().invoke(main, ["chart", TEST, "--paper", paper, "-o", str(pdf)])
            assert result.exit_code == 0, result.output
            out[paper] = pdf
    out["left"] = sorted(p.name for p in scratch.iterdir())
    return out


def test_pdf_chart_is_a4_by_default_and_letter_on_request(printed_pdf):
    need("soffice", "pdfinfo")
    a4 = printed_pdf["a4"]
    assert _size(a4) == A4 and page_size(a4)[1] > page_size(a4)[0]
    assert _size(printed_pdf["letter"]) == LETTER
    assert printed_pdf["left"] == []  # the private folder (docx, profile, pdf) is removed


def test_pdf_chart_prints_the_title_page_lines_and_no_claim_id_in_the_body(printed_pdf, chart, bundled):
    need("soffice", "pdfinfo", "pdftotext")
    pdf = printed_pdf["a4"]
    first = squeeze(page_text(pdf, 1))
    unchecked = sum(1 for s in chart.statements if bundled.texts[s.document].status != "checked")
    assert f"Quotes: {unchecked} quotes not checked: texts not given; use --texts FOLDER." in first
    status = bundled.party_status("palermo", "cu", chart.date)
    assert f"Status of the state: Cuba towards Palermo Protocol on {chart.date}: {status.value}" in first
    text = " ".join(squeeze(page_text(pdf, n)) for n in range(1, pages(pdf) + 1))
    body, appendix = text.split("Appendix A. Gaps", 1)
    assert "Evidence by element" in body and "Chronology" in body and "Appendix B. Identifiers" in appendix
    ids = {c.id for c in bundled.claims.values()} | {e.statement for e in chart.chronology}  # its attestations too
    words = set(re.findall(r"[\w-]+", body))
    assert not ids & words, sorted(ids & words)[:5]
    quotes = [squeeze(s.quote) for s in chart.statements if len(s.quote) < 200 and "-" not in s.quote]
    assert quotes and all(quote in body for quote in quotes)


def _fake_soffice(folder, script: str) -> None:
    program = folder / "soffice"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(0o755)


def test_without_libreoffice_a_pdf_chart_is_one_line_naming_how_to_install_it(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from lexmap.cli import main

    from conftest import error_lines

    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    result = CliRunner().invoke(main, ["chart", TEST, "-o", str(tmp_path / "chart.pdf")])
    assert result.exit_code == 2
    assert not result.stderr.startswith("corpus: ")  # refused before the corpus is read
    assert error_lines(result.stderr) == [
        "lexmap: error: a PDF chart needs LibreOffice (soffice is not on the PATH)",
        "hint: install LibreOffice: apt-get install libreoffice-writer-nogui (Debian, Ubuntu), "
        "brew install --cask libreoffice (macOS), or https://www.libreoffice.org/download/",
    ]
    assert not (tmp_path / "chart.pdf").exists()


def test_a_failing_or_hanging_libreoffice_writes_nothing_and_leaves_nothing(tmp_path, monkeypatch):
    import os
    import time

    from click.testing import CliRunner

    from lexmap.cli import main
    from lexmap.exports.chart_pdf import docx_to_pdf
    from lexmap.outputs import OutputError

    bin_folder, scratch = tmp_path / "bin", tmp_path / "tmp"
    bin_folder.mkdir()
    scratch.mkdir()
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    _fake_soffice(bin_folder, "echo 'Error: source file could not be loaded' >&2\nexit 3\n")
    result = CliRunner().invoke(main, ["chart", TEST, "-o", str(tmp_path / "chart.pdf")])
    assert result.exit_code == 2 and not (tmp_path / "chart.pdf").exists()
    assert "LibreOffice did not convert the chart to PDF (exit status 3: Error: source file could not be loaded)" in result.stderr
    assert list(scratch.iterdir()) == []

    pid_file = tmp_path / "child.pid"
    _fake_soffice(bin_folder, f"sleep 60 &\necho $! > {pid_file}\nwait\n")
    # the timeout fired: it names the 1 s given (without it, the fake's 60 s end in another error);
    # not 0.2 s: the fake must have written its child's pid before it is stopped
    with pytest.raises(OutputError, match="LibreOffice took more than 1 s to convert the chart to PDF"):
        docx_to_pdf(b"not read", timeout=1)
    assert list(scratch.iterdir()) == []
    child = int(pid_file.read_text())
    for _ in range(50):  # the child of the stopped session is gone too (reaped by init)
        if not os.path.exists(f"/proc/{child}") or "zombie" in open(f"/proc/{child}/status").read():
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"LibreOffice's child process {child} outlived the timeout")


# -- the PDF route checked as the DOCX route is (issue 28, done when): A4, no text under 8 pt, no
# split table row, no heading last on a page, on the PDF `lexmap chart -o chart.pdf` writes ------


def _flat(text: str) -> str:
    """``text`` without white space and hyphens: pdftotext joins "state-|run" at a line's end as "staterun"."""
    return re.sub(r"[\s\-\u00ad]", "", text)


def split_rows(source, pdf) -> list[str]:
    """The table rows of the DOCX ``source`` that ``pdf`` prints across two pages: a row whose
    paragraphs (those long enough to be found once) are on no one page together. The pages' text
    is read in the order it is drawn (pypdf), in which LibreOffice draws a cell's lines together."""
    import docx
    import pypdf

    texts = [_flat(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]
    split = []
    for table in docx.Document(str(source)).tables:
        for row in table.rows[1:]:  # the header row repeats on every page
            found = [
                {n for n, text in enumerate(texts) if _flat(p.text) in text}
                for cell in row.cells
                for p in cell.paragraphs
                if len(_flat(p.text)) >= 12
            ]
            if found and not set.intersection(*found):
                split.append(" | ".join(cell.text[:40] for cell in row.cells))
    return split


def headings_last(source, pdf) -> list[str]:
    """The headings (levels 2 and 3) of ``source`` that ``pdf`` prints with nothing of what
    follows them on their page."""
    import docx

    paragraphs = [p for p in docx.Document(str(source)).paragraphs if p.text.strip()]
    texts = [_flat(page_text(pdf, n)) for n in range(1, pages(pdf) + 1)]
    page, last = 0, []
    for paragraph, following in zip(paragraphs, paragraphs[1:], strict=False):
        if not paragraph.style.name.startswith(("Heading 2", "Heading 3")):
            continue
        heading = _flat(paragraph.text)
        # the heading and the start of what follows it, together on one page; the heading's words
        # alone may also stand inside an earlier paragraph ("... which its parts set (Exploitation
        # of ...)"), which is not where the heading is printed
        together = heading + _flat(following.text)[:20]
        at = next((n for n in range(page, len(texts)) if together in texts[n]), None)
        if at is None:
            first = next((n for n in range(page, len(texts)) if heading in texts[n]), None)
            assert first is not None, f"heading not found in the PDF: {heading!r}"
            last.append(f"{heading!r} (page {first + 1})")
        else:
            page = at
    return last


@pytest.fixture(scope="module")
def pdf_source(printed_pdf, chart, tmp_path_factory):
    """The DOCX the PDF route prints (the same chart, made again), to know its tables and headings."""
    source = tmp_path_factory.mktemp("pdf-source") / "chart.docx"
    source.write_bytes(chart_docx(chart))
    return source


def test_docx_route_splits_no_table_row(printed_docx):
    need("soffice", "pdfinfo")
    source, pdf = printed_docx["a4"]
    assert split_rows(source, pdf) == []


def test_pdf_chart_prints_no_text_under_8_pt(printed_pdf):
    need("soffice", "pdfinfo")
    for paper in ("a4", "letter"):
        runs = text_sizes(printed_pdf[paper])
        assert runs and not [run for run in runs if run[1] < SMALLEST], paper


def test_pdf_chart_splits_no_table_row_and_leaves_no_heading_last_on_a_page(printed_pdf, pdf_source):
    need("soffice", "pdfinfo", "pdftotext")
    import docx

    rows = sum(len(t.rows) - 1 for t in docx.Document(str(pdf_source)).tables)
    assert rows > 100  # the tree, the chronology's tables and the identifiers
    for paper in ("a4", "letter"):
        assert split_rows(pdf_source, printed_pdf[paper]) == [], paper
        assert headings_last(pdf_source, printed_pdf[paper]) == [], paper


def test_pdf_chart_title_page_gives_the_status_on_the_conduct_s_dates(printed_pdf, chart):
    """Cuba acceded to the Palermo Protocol on 2013-06-20 (in force for it from 2013-07-20,
    instruments/ratifications): conduct of 2000 and 2010 was before it, of July 2014 after."""
    need("soffice", "pdfinfo", "pdftotext")
    first = squeeze(page_text(printed_pdf["a4"], 1))
    assert "On the dates of the conduct in the chronology: 2000 and 2010: not-party (not bound); 2014-07: party (bound)." in first


def test_the_split_row_check_finds_a_row_printed_across_two_pages(tmp_path):
    """The check above can fail: a row without w:cantSplit, too tall for what is left of its
    page, is printed across two pages by LibreOffice, and split_rows names it."""
    import docx

    need("soffice", "pdfinfo")
    document = docx.Document()
    for n in range(20):  # most of the first page
        document.add_paragraph(f"Filler paragraph number {n} before the table.")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "Head"
    cell = table.rows[1].cells[1]
    cell.text = "The first line of a tall cell."
    for n in range(20):  # taller than what is left of the page, shorter than a page
        cell.add_paragraph(f"Line {n} of the tall cell.")
    table.rows[1].cells[0].text = "A row that cannot stay on one page."
    source = tmp_path / "split.docx"
    document.save(str(source))
    pdf = to_pdf(source, tmp_path)
    assert pages(pdf) >= 2
    split = split_rows(source, pdf)
    assert len(split) == 1 and split[0].startswith("A row that cannot stay on one page. | The first line of a tall cell.")
    _keep_rows(source)  # the same row with w:cantSplit, as chart_docx writes every row: not split
    assert split_rows(source, to_pdf(source, tmp_path)) == []


def _keep_rows(source) -> None:
    import docx

    from lexmap.exports.chart_docx import _keep_for_print

    document = docx.Document(str(source))
    _keep_for_print(document)
    document.save(str(source))
