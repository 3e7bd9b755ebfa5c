"""Report-grade matrix outputs: one palette everywhere, an XLSX that prints (checked in LibreOffice)
and reads back named, an HTML page with its legend."""

import io
import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import openpyxl
import pandas as pd
import pytest

import lexmap
from lexmap import palette
from lexmap.exports import render_matrix
from lexmap.exports.htmlfile import matrix_page
from lexmap.exports.xlsxfile import (
    CELL_LIMIT,
    DETAIL_COLUMNS,
    DETAIL_IDS,
    HEADER_ROW,
    MIN_PRINTED,
    PT_PER_UNIT,
    cell_text,
    matrix_xlsx,
    wrapped_lines,
)
from lexmap.matrix import build_matrix

from conftest import need

SCREENSHOTS = os.environ.get("LEXMAP_SCREENSHOTS")
"""A folder to copy the rendered XLSX page into (docs/screenshots/ when refreshing the docs)."""


def _argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


# The palette -------------------------------------------------------------------------------


def test_palette_is_readable_and_survives_greyscale():
    for level in palette.LEVELS:
        assert palette.contrast(palette.TEXT, level.fill) >= 4.5, level.name
        assert palette.contrast(palette.TEXT_DARK, level.fill_dark) >= 4.5, level.name
    for swatch in (*palette.LEVELS, palette.CONTESTED):  # badges: white text on the strong colour
        assert palette.contrast("#ffffff", swatch.colour) >= 4.5, swatch.name
    # more evidence, darker fill: in greyscale the three levels stay apart
    greys = [palette.luminance(level.fill) for level in palette.LEVELS]
    assert all(a - b >= 0.15 for a, b in itertools.pairwise(greys)), greys


def test_site_css_carries_the_palette():
    assert palette.site_css_block() == palette.css_variables(), "run: python -m lexmap.palette"
    css = palette.SITE_CSS.read_text()
    root = re.search(r":root \{(.*?)\}", css, re.S).group(1)
    declared = dict(re.findall(r"--lx-([\w-]+):\s*(#[0-9a-f]{6});", root))
    for level in palette.LEVELS:
        assert declared[level.name] == level.colour and declared[f"{level.name}-fill"] == level.fill
    assert declared["contested"] == palette.CONTESTED.colour
    # the site's matrix cells are filled from those variables
    for level in ("argued", "corroborated"):  # text on the fills: the palette's, in both schemes
        assert f".lx-matrix td.lx-{level} {{ background: var(--lx-{level}-fill); color: var(--lx-fill-text); }}" in css


# XLSX --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_matrix(bundled):
    return build_matrix(bundled)


@pytest.fixture(scope="module")
def report_xlsx(bundled, bundled_matrix):
    return matrix_xlsx(bundled_matrix, bundled, "count", title="Forced labour & the bundled corpus", date="2024-05-01")


def test_xlsx_matrix_sheet_is_named_filled_and_marked(bundled_matrix, report_xlsx):
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx))["matrix"]
    assert sheet.cell(row=HEADER_ROW, column=1).value == "Indicator"
    seen = set()
    for r, row in enumerate(bundled_matrix.rows, start=HEADER_ROW + 1):
        for c, col in enumerate(bundled_matrix.cols, start=2):
            cell, target = bundled_matrix.cell(row.id, col.id), sheet.cell(row=r, column=c)
            assert target.fill.fill_type == "solid"
            assert target.fill.fgColor.rgb == _argb(palette.fill(cell.level)), (row.id, col.id)
            assert (target.border.left.style == "mediumDashed") == cell.contested
            assert target.number_format.endswith(f' {palette.CONTESTED_MARK}"') == cell.contested
            seen.add((cell.level, cell.contested))
    assert {"unargued", "argued", "corroborated"} <= {level for level, _ in seen} and (any(contested for _, contested in seen)), (
        "the bundled matrix should show every level and a contested cell"
    )
    assert sheet.freeze_panes == f"B{HEADER_ROW + 1}"
    last = openpyxl.utils.get_column_letter(len(bundled_matrix.cols) + 1)
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:{last}{len(bundled_matrix.rows) + HEADER_ROW}"
    assert sheet.column_dimensions["A"].width >= len("conditions") + 2  # labels wrap at their spaces


def test_xlsx_matrix_sheet_has_title_source_date_and_unit_above_the_table(small):
    sheet = openpyxl.load_workbook(io.BytesIO(matrix_xlsx(build_matrix(small), small, title="Case T", date="2024-05-01")))[
        "matrix"
    ]
    above = [sheet.cell(row=r, column=1).value for r in range(1, HEADER_ROW)]
    assert above[0] == "Case T" and sheet["A1"].font.sz >= 12
    assert above[1].startswith(f"Source: the statements recorded in lexmap from the case's {len(small.documents)} documents")
    assert above[2] == "Case date: 2024-05-01"
    assert "Unit: each cell gives the number of practices in the cell; \u2013 none" in above[3]


def test_xlsx_zero_prints_as_the_sites_dash_and_stays_a_number(small, tmp_path):
    matrix = build_matrix(small)
    sheet = openpyxl.load_workbook(io.BytesIO(matrix_xlsx(matrix, small)))["matrix"]
    zeros = [
        sheet.cell(row=HEADER_ROW + 1 + r, column=2 + c)
        for r, row in enumerate(matrix.rows)
        for c, col in enumerate(matrix.cols)
        if not matrix.cell(row.id, col.id).practices
    ]
    assert zeros and all(z.value == 0 for z in zeros)  # a number for formulas and pandas
    site = (Path(lexmap.__file__).parent / "site" / "templates" / "matrix.md.j2").read_text()
    assert "&ndash;{% endif %}</td>" in site  # the site's mark for an empty cell: the same one
    assert all(z.number_format.split(";")[2].startswith('"\u2013') for z in zeros)
    # the printed formats print the same mark; CSV and JSON keep the number
    md = render_matrix(matrix, small, "md").decode().splitlines()[-len(matrix.rows) :]
    page = render_matrix(matrix, small, "html").decode()
    body = re.findall(r"<td[^>]*>(.*?)</td>", page[page.index("<tbody>") :], re.S)
    for r, row in enumerate(matrix.rows):
        cells = [c.strip() for c in md[r].strip("|").split(" | ")][1:]
        for c, col in enumerate(matrix.cols):
            empty = not matrix.cell(row.id, col.id).practices
            assert (cells[c] == "\u2013") == empty, (row.id, col.id)
            assert body[r * len(matrix.cols) + c].startswith("\u2013") == empty, (row.id, col.id)
    assert ",0" in render_matrix(matrix, small, "csv").decode()


def test_xlsx_prints_landscape_one_page_wide_with_title_and_date(report_xlsx):
    workbook = openpyxl.load_workbook(io.BytesIO(report_xlsx))
    assert workbook.sheetnames == ["matrix", "legend", "detail"]
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        # fitToWidth left out is 1 (ECMA-376's default): XlsxWriter writes only fitToHeight="0"
        assert (setup.orientation, setup.fitToWidth or 1, setup.fitToHeight) == ("landscape", 1, 0), sheet.title
        assert setup.paperSize == 9, "A4 by default"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddHeader.left.text == "Forced labour && the bundled corpus"  # & doubled: it starts a code
        assert sheet.oddHeader.right.text == "Corpus of 2024-05-01"
        assert sheet.oddFooter.center.text == "Page &P of &N"
    assert (
        workbook["matrix"].print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}" and workbook["matrix"].print_title_cols == "$A:$A"
    )
    assert workbook["detail"].print_title_rows == "$1:$1"
    assert workbook.properties.title == "Forced labour & the bundled corpus"


def test_xlsx_title_defaults_and_no_date(small):
    sheet = openpyxl.load_workbook(io.BytesIO(matrix_xlsx(build_matrix(small), small)))["matrix"]
    assert sheet.oddHeader.left.text == "lexmap matrix" and sheet.oddHeader.right.text is None


def test_pandas_reads_a_named_first_column(small):
    matrix = build_matrix(small)
    frame = pd.read_excel(io.BytesIO(render_matrix(matrix, small, "xlsx")), header=HEADER_ROW - 1, index_col="Indicator")
    assert list(frame.columns) == [c.label for c in matrix.cols]
    assert frame.values.tolist() == matrix.values("count")
    legend = pd.read_excel(io.BytesIO(render_matrix(matrix, small, "xlsx")), sheet_name="legend", header=None)
    assert {"unargued", "argued", "corroborated"} <= set(legend[0])


def test_xlsx_legend_swatches_are_the_palette(small):
    sheet = openpyxl.load_workbook(io.BytesIO(matrix_xlsx(build_matrix(small), small)))["legend"]
    swatches = {row[0].value: row[0] for row in sheet.iter_rows() if row[0].value in palette.BY_NAME}
    for level in palette.LEVELS:
        assert swatches[level.name].fill.fgColor.rgb == _argb(level.fill)
    assert any(str(row[0].value).startswith("contested") for row in sheet.iter_rows())


def test_detail_sheet_is_readable(small):
    sheet = openpyxl.load_workbook(io.BytesIO(matrix_xlsx(build_matrix(small), small)))["detail"]
    widths = {
        sheet.cell(row=1, column=i).value: sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width
        for i in range(1, sheet.max_column + 1)
    }
    assert widths["Quote"] >= 40 and widths["Speaker, document, pinpoint"] >= 30
    assert sum(w for _, w in DETAIL_COLUMNS) * PT_PER_UNIT * MIN_PRINTED / 10 <= (279.4 - 2 * 10.16) / 25.4 * 72, (
        "one page wide at 8 pt on Letter, the narrower paper"
    )
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    quote = sheet.cell(row=2, column=list(widths).index("Quote") + 1)
    assert quote.alignment.wrap_text and quote.alignment.vertical == "top"
    assert "Site page" not in widths  # no base URL, no link column
    assert list(widths)[-len(DETAIL_IDS) :] == list(DETAIL_IDS)  # the ids trail, for machines
    assert sheet.print_area == f"'detail'!$A$1:$E${sheet.max_row}"  # and are not printed
    # a row is as tall as its printed cells need, not as the ids beside them
    for row in sheet.iter_rows(min_row=2):
        printed = [(c.value, widths[sheet.cell(row=1, column=c.column).value]) for c in row[: len(DETAIL_COLUMNS)]]
        lines = max(wrapped_lines(str(v), w) for v, w in printed if v)
        assert sheet.row_dimensions[row[0].row].height in (None, pytest.approx(lines * 12.75 + 3)), row[0].row


def test_detail_sheet_has_one_row_per_statement_listing_its_cells(small):
    matrix = build_matrix(small)
    sheet = openpyxl.load_workbook(io.BytesIO(matrix_xlsx(matrix, small)))["detail"]
    rows = list(sheet.iter_rows(values_only=True))
    heads = rows[0]
    ids = [r[heads.index("Statement id")] for r in rows[1:]]
    feeding: dict[str, dict[str, list[str]]] = {}  # statement -> row label -> its column labels, in order
    for row in matrix.rows:
        for col in matrix.cols:
            cell = matrix.cell(row.id, col.id)
            for statement in (*cell.claims, *cell.exhibits):
                feeding.setdefault(statement, {}).setdefault(row.label, []).append(col.label)
    assert sorted(ids) == sorted(feeding) and len(ids) == len(set(ids))
    assert any(sum(map(len, cells.values())) > 1 for cells in feeding.values()), (
        "the fixture should have a statement feeding two cells"
    )
    for r in rows[1:]:
        # a line per group of rows feeding the same columns: "row; row × column; column"
        listed = [line.split(" \u00d7 ") for line in r[heads.index("Cells it feeds")].split("\n")]
        pairs = [(row, col) for rows_, cols in listed for row in rows_.split("; ") for col in cols.split("; ")]
        expected = feeding[r[heads.index("Statement id")]]
        assert sorted(pairs) == sorted((row, col) for row, cols in expected.items() for col in cols)
        assert r[heads.index("Practice")] == small[r[heads.index("Practice id")]].label  # a label, not an id


def test_overlong_quote_is_cut_visibly(small):
    long_quote = "word " * 8000  # 40,000 characters, over Excel's 32,767
    claims = [attrs.evolve(c, quote=long_quote) if c.id == "c2" else c for c in small.claims.values()]
    corpus = lexmap.Corpus(
        states=small.states.values(),
        instruments=small.instruments.values(),
        indicator_frameworks=small.indicator_frameworks.values(),
        documents=small.documents.values(),
        practices=small.practices.values(),
        claims=claims,
        attestations=small.attestations.values(),
        exhibits=small.exhibits.values(),
    )
    sheet = openpyxl.load_workbook(io.BytesIO(matrix_xlsx(build_matrix(corpus), corpus)))["detail"]
    heads = next(sheet.iter_rows(values_only=True))
    row = next(r for r in sheet.iter_rows(values_only=True) if r[heads.index("Statement id")] == "c2")
    quote = row[heads.index("Quote")]
    assert len(quote) == CELL_LIMIT and quote.endswith(" [... truncated: see c2]")
    assert quote.startswith("word word")
    assert cell_text("x" * CELL_LIMIT, "a") == "x" * CELL_LIMIT  # at the limit: untouched
    assert cell_text("=1+1\x07", "a") == "'=1+1\ufffd"  # neutralised, and no character XML refuses


def test_wrapped_lines_never_underestimates():
    assert wrapped_lines("short", 20) == 1
    assert wrapped_lines("a\nb\nc", 20) == 3
    assert wrapped_lines("x" * 100, 10) >= 100 // 13
    assert wrapped_lines("word " * 100, 40) >= len("word " * 100) // int(40 * 1.35)


def test_xlsx_same_bytes_with_title_and_date(bundled, bundled_matrix, report_xlsx):
    assert (
        matrix_xlsx(bundled_matrix, bundled, "count", title="Forced labour & the bundled corpus", date="2024-05-01")
        == report_xlsx
    )


# HTML --------------------------------------------------------------------------------------


def test_html_page_has_the_legend_and_the_site_palette(small):
    page = matrix_page(build_matrix(small), "count", title="Case <X>", date="2024-05-01")
    for level in palette.LEVELS:
        assert f"td.{level.name},.swatch.{level.name}{{background:{level.fill}}}" in page
        assert f'<span class="swatch {level.name}">{level.name}</span>' in page
    assert "#fff3c4" not in page  # the old yellow "argued"
    assert "<h1>Case &lt;X&gt;</h1>" in page and "corpus of 2024-05-01" in page
    assert f'<span class="marker" title="contested">{palette.CONTESTED_MARK}</span>' in page  # wages x tp
    assert "@media print" in page and "print-color-adjust:exact" in page
    assert '<th scope="col">Indicator</th>' in page


def test_the_matrix_does_not_import_the_exports():
    code = (
        "import sys, lexmap; from lexmap.matrix import build_matrix\n"
        "m = build_matrix(lexmap.load()); html = m._repr_html_()\n"
        "assert 'lexmap-matrix' in html and 'background:' in html\n"
        "print(sorted(name for name in sys.modules if name.startswith(('lexmap.exports', 'lexmap.site'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# LibreOffice -------------------------------------------------------------------------------


def _to_pdf(xlsx: Path, tmp_path: Path) -> Path:
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = xlsx.with_suffix(".pdf")
    assert pdf.exists(), f"LibreOffice wrote no {pdf.name}"
    return pdf


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_matrix_sheet_prints_on_one_landscape_page_in_libreoffice(bundled, bundled_matrix, tmp_path):
    need("soffice", "pdfinfo", "pdftotext", "pdftoppm")
    date = max(d.date for d in bundled.documents.values() if d.date)
    data = matrix_xlsx(bundled_matrix, bundled, "count", title="lexmap bundled corpus", date=date)

    # The matrix sheet alone: exactly one page.
    alone = openpyxl.load_workbook(io.BytesIO(data))
    for name in ("legend", "detail"):
        del alone[name]
    assert alone["matrix"].sheet_properties.pageSetUpPr.fitToPage  # the copy kept the print setup
    only = tmp_path / "matrix-only.xlsx"
    alone.save(only)
    pdf = _to_pdf(only, tmp_path)
    assert _pages(pdf) == 1

    # The whole workbook: page 1 holds every row and column of the matrix, page 2 is the legend.
    whole = tmp_path / "matrix.xlsx"
    whole.write_bytes(data)
    pdf = _to_pdf(whole, tmp_path)
    first, second = _page_text(pdf, 1), _page_text(pdf, 2)
    # in reading order, a header wrapped in its cell ("Supplementary Slavery / Convention 1956") reads whole
    reading = " ".join(
        subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    for header in (*bundled_matrix.rows, *bundled_matrix.cols):
        assert " ".join(header.label.split()) in reading, header.label
    assert "lexmap bundled corpus" in first and f"Corpus of {date}" in first
    assert "Excessive overtime" not in second and "corroborated" in second
    width, height = map(
        float,
        re.search(
            r"Page size:\s+([\d.]+) x ([\d.]+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        ).groups(),
    )
    assert width > height, "landscape"

    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    png = tmp_path / "page.png"
    assert png.stat().st_size > 1000
    if SCREENSHOTS:
        shutil.copy(png, Path(SCREENSHOTS) / "matrix-xlsx.png")


def test_past_excels_links_per_sheet_no_cell_links_and_the_sheet_says_so(small, monkeypatch):
    """Excel keeps 65,530 links on a sheet (XlsxWriter drops the rest with a warning): past it,
    lexmap links none of the cells rather than some, says so, and the detail has no link column."""
    from lexmap.exports import xlsx_sheets, xlsxfile

    matrix = build_matrix(small)
    url = "https://example.org/site"
    linked = openpyxl.load_workbook(io.BytesIO(matrix_xlsx(matrix, small, base_url=url)))
    assert any(c.hyperlink for row in linked["matrix"].iter_rows() for c in row)
    for module in (xlsxfile, xlsx_sheets):
        monkeypatch.setattr(module, "LINK_LIMIT", 1)
    workbook = openpyxl.load_workbook(io.BytesIO(matrix_xlsx(matrix, small, base_url=url)))
    assert not [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row if c.hyperlink]
    assert "link to no site page: they would need more than Excel's 1 links" in workbook["matrix"]["A2"].value
    assert "Site page" not in [c.value for c in workbook["detail"][1]]


@pytest.mark.parametrize("rows, cols, value", [("practices", "elements", "count"), ("indicators", "instruments", "independent")])
def test_the_fast_number_rows_write_what_xlsxwriter_itself_writes(bundled, monkeypatch, rows, cols, value):
    """The matrix's plain numbers take a shorter way through XlsxWriter (lexmap.exports.xlsx_fast):
    the workbook is the very one XlsxWriter's own write_number per cell gives, links and notes included."""
    import xlsxwriter

    from lexmap.exports import xlsx_fast

    # the fast path is taken only on the releases it was checked against; any other takes XlsxWriter's own
    assert xlsx_fast.FAST == xlsxwriter.__version__.startswith(xlsx_fast.TESTED)
    monkeypatch.setattr(xlsx_fast, "FAST", True)  # what a tested release does, checked here on this one
    matrix = bundled.matrix(rows, cols)
    fast = matrix_xlsx(matrix, bundled, value, base_url="https://example.org/site", title="T", date="2024-05-01")
    monkeypatch.setattr(xlsx_fast, "FAST", False)
    assert fast == matrix_xlsx(matrix, bundled, value, base_url="https://example.org/site", title="T", date="2024-05-01")
