"""``lexmap add document FILE``: a draft record in a new file of the case and a copy of the text,
metadata read from real HTML, DOCX and PDF files; never overwriting anything."""

from __future__ import annotations

import datetime
import hashlib
import shutil

import pytest
from click.testing import CliRunner

import lexmap
from lexmap.cli import main
from lexmap.drafts import add_document
from lexmap.scaffold import new_case

from conftest import CORPORA

PAGE = (
    '<html lang="es"><head><title>Informe: misiones médicas</title>'
    '<meta name="citation_author" content="Ana Pérez"><meta name="citation_author" content="Luis Gómez">'
    '<meta name="citation_publication_date" content="2021/05/24"></head>'
    "<body><p>Los médicos entregan el pasaporte al llegar.</p></body></html>"
)


@pytest.fixture
def case(tmp_path):
    return new_case(tmp_path / "case")


def _run(*args):
    return CliRunner().invoke(main, list(map(str, args)), prog_name="lexmap")


def test_an_html_page_gives_a_draft_that_validates(case, tmp_path):
    page = tmp_path / "Informe_Misiones.html"
    page.write_text(PAGE, encoding="utf-8")
    result = _run("add", "document", page, case, "--kind", "report")
    assert result.exit_code == 0, result.output
    assert "to complete:" in result.output
    record = case / "informe-misiones.yaml"
    assert (case / "texts" / page.name).read_bytes() == page.read_bytes()
    document = lexmap.load(case).documents["informe-misiones"]
    assert (document.title, document.authors, document.date, document.language, document.kind) == (
        "Informe: misiones médicas",
        ("Ana Pérez", "Luis Gómez"),
        "2021-05-24",
        "es",
        "report",
    )
    assert document.sha256 == hashlib.sha256(page.read_bytes()).hexdigest()
    assert document.retrieved == datetime.date.today().isoformat()
    assert document.text_file == page.name
    assert "draft written by `lexmap add document`" in record.read_text(encoding="utf-8")


def test_an_existing_record_is_refused_and_left_byte_identical(case, tmp_path):
    page = tmp_path / "informe.html"
    page.write_text(PAGE, encoding="utf-8")
    record = case / "informe.yaml"
    record.write_bytes(b"# mine\ndocuments: []\n")
    result = _run("add", "document", page, case)
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == f"lexmap: error: {record} exists; lexmap never overwrites it"
    assert record.read_bytes() == b"# mine\ndocuments: []\n"
    assert not (case / "texts" / "informe.html").exists()  # nothing half added


def test_an_other_text_of_the_same_name_is_refused_and_kept(case, tmp_path):
    page = tmp_path / "informe.html"
    page.write_text(PAGE, encoding="utf-8")
    theirs = case / "texts" / "informe.html"
    theirs.write_bytes(b"another text")
    result = _run("add", "document", page, case)
    assert result.exit_code == 2 and "exists and is not this file" in result.output
    assert theirs.read_bytes() == b"another text"
    assert not (case / "informe.yaml").exists()


def test_the_same_text_already_there_is_used_not_copied(case, tmp_path):
    page = tmp_path / "informe.html"
    page.write_text(PAGE, encoding="utf-8")
    (case / "texts" / "informe.html").write_text(PAGE, encoding="utf-8")
    draft = add_document(page, case)
    assert not draft.text_copied and draft.record.is_file()


def test_docx_core_properties_are_read(case, tmp_path):
    import docx

    made = docx.Document()
    made.add_paragraph("Workers hand over their passports on arrival.")
    made.core_properties.title = "Forced Labour Abroad"
    made.core_properties.author = "Maria Werlau"
    made.core_properties.created = datetime.datetime(2022, 8, 15, 10, 0)
    path = tmp_path / "report.docx"
    made.save(str(path))
    draft = add_document(path, case, document_id="werlau-2022", today=datetime.date(2024, 5, 2))
    text = draft.record.read_text(encoding="utf-8")
    assert 'title: "Forced Labour Abroad"' in text and 'authors: ["Maria Werlau"]' in text
    assert 'date: "2022-08-15"' in text and 'retrieved: "2024-05-02"' in text
    assert (case / "texts" / "report.docx").read_bytes() == path.read_bytes()


def test_pdf_metadata_is_read(case, tmp_path):
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata(
        {"/Title": "Cuba's Medical Missions", "/Author": "Human Rights Foundation", "/CreationDate": "D:20220801120000Z"}
    )
    path = tmp_path / "hrf.pdf"
    with open(path, "wb") as stream:
        writer.write(stream)
    text = add_document(path, case).record.read_text(encoding="utf-8")
    assert 'title: "Cuba\'s Medical Missions"' in text and 'date: "2022-08-01"' in text
    assert f"sha256: {hashlib.sha256(path.read_bytes()).hexdigest()}" in text


def test_a_plain_text_is_titled_from_its_name_and_says_so(case, tmp_path):
    path = tmp_path / "notes 2024.txt"
    path.write_text("Workers hand over their passports.\n", encoding="utf-8")
    result = _run("add", "document", path, case)
    assert result.exit_code == 0, result.output
    assert "title: taken from the file name" in result.output
    assert lexmap.load(case).documents["notes-2024"].title == "notes 2024"


def test_no_case_is_one_line_with_a_hint(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    folder = tmp_path / "empty"
    folder.mkdir()
    result = _run("add", "document", path, folder)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"lexmap: error: no case to add to in {str(folder)!r} (a folder with a lexmap.yaml)",
        "hint: give the case folder, or make one with lexmap init my-case",
    ]


def test_an_id_the_case_has_is_refused_before_anything_is_written(tmp_path):
    case = tmp_path / "full"
    shutil.copytree(CORPORA / "full", case)
    page = tmp_path / "report.html"
    page.write_text(PAGE, encoding="utf-8")
    result = _run("add", "document", page, case)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "lexmap: error: the case already has a record 'report'",
        "hint: give another id, e.g. --id report-2",
    ]
    assert not (case / "report.yaml").exists() and not (case / "texts" / "report.html").exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", 'https://example.org/"onmouseover="alert(1)'])
def test_a_page_address_that_is_not_a_web_address_is_left_out_of_the_draft(case, tmp_path, url):
    """A page's ``og:url`` of ``javascript:...`` was written into the draft, which then failed
    validation (issue 26: every URL of the data is http or https)."""
    page = tmp_path / "page.html"
    page.write_text(PAGE.replace("</head>", f"<meta property=\"og:url\" content='{url}'></head>"), encoding="utf-8")
    result = _run("add", "document", page, case, "--kind", "report")
    assert result.exit_code == 0, result.output
    assert lexmap.load(case).documents["page"].url is None


def test_a_page_web_address_is_kept_in_the_draft(case, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        PAGE.replace("</head>", '<meta property="og:url" content="https://example.org/informe"></head>'), encoding="utf-8"
    )
    assert _run("add", "document", page, case, "--kind", "report").exit_code == 0
    assert lexmap.load(case).documents["page"].url == "https://example.org/informe"
