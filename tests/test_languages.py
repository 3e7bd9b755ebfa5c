"""Quotes in their language (issue 27, item 6): a statement's translation and who made it, a
document's language and original title, shown beside the verbatim quote and never re-casing a
title that is not English."""

from __future__ import annotations

import io
import json
import shutil
import zipfile

import openpyxl
import pytest

import lexmap
from lexmap.chart import build_chart
from lexmap.exports.chart_html import chart_page
from lexmap.exports.csl import csl_item
from lexmap.exports.xlsxfile import matrix_xlsx
from lexmap.matrix import build_matrix
from lexmap.problems import CorpusError

from conftest import CORPORA


@pytest.fixture(scope="module")
def full():
    return lexmap.load(CORPORA / "full")


def test_a_french_title_is_not_title_cased_in_a_citation(bundled):
    from lexmap.exports.chart_citations import citation, plain

    french = plain(citation(bundled.documents["ilo-ceacr-dr-2017-c29-cu"], "para. 2"))
    assert "Convention (n° 29) sur le travail forcé, 1930 - Cuba" in french
    assert "Sur Le Travail Forcé" not in french
    english = plain(citation(bundled.documents["ilo-ceacr-dr-2022-c29-cu"], "para. 2"))
    assert "Published 111st ILC Session" in english  # an English title keeps the style's title case


def test_csl_items_carry_the_title_language_and_original_title(full):
    assert csl_item(full.documents["article"])["language"] == "fr"
    decree = csl_item(full.documents["decree"])
    assert (decree["language"], decree["original-title"]) == ("es", "Decreto 1 de 2010")


def _case_with(tmp_path, old: str, new: str):
    root = tmp_path / "full"
    shutil.copytree(CORPORA / "full", root)
    statements = root / "mappings" / "statements.yaml"
    text = statements.read_text(encoding="utf-8")
    assert old in text
    statements.write_text(text.replace(old, new), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    translation_by: ann-author\n", "", "a translation needs translation_by"),
        ("translation_by: ann-author", "translation_by: ann-autor", "unknown actor 'ann-autor'"),
        ('translation_by: "machine: DeepL, 2024-05-02"', 'translation_by: "machine: DeepL"', "does not name a machine"),
        ("    translation: officials say the passports are kept safe\n", "", "translation_by without a translation"),
    ],
)
def test_a_translation_names_who_made_it(tmp_path, old, new, message):
    with pytest.raises(CorpusError) as error:
        lexmap.load(_case_with(tmp_path, old, new))
    assert any(message in str(p) and "statements.yaml:" in str(p) for p in error.value.problems), error.value.problems


def test_a_language_tag_is_bcp_47(tmp_path):
    root = tmp_path / "full"
    shutil.copytree(CORPORA / "full", root)
    documents = root / "mappings" / "documents.yaml"
    documents.write_text(documents.read_text(encoding="utf-8").replace("language: es", "language: Spanish"), encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        lexmap.load(root)
    assert any("'Spanish' is not a BCP 47 language tag" in str(p) for p in error.value.problems)


def test_the_quote_stays_verbatim_and_is_checked_in_the_original(tmp_path):
    """The translation is never what is checked: a quote not in the text is a problem even when
    its translation is."""
    root = _case_with(
        tmp_path,
        "quote: supervisors keep the passports\n    speaker: ann-author",
        "quote: supervisors keep the pasports\n    speaker: ann-author",
    )
    with pytest.raises(CorpusError) as error:
        lexmap.load(root)
    assert any("report-passports-fact" in str(p) and "verbatim" in str(p) for p in error.value.problems)


def test_chart_html_and_docx_show_the_quote_and_its_translation(full):
    chart = build_chart(full, "charter/exploitation")
    page = chart_page(chart)
    assert "officials say the passports are kept safe" in page
    assert '<p class="lx-translation" lang="en">Translation (Ann B. Author): officials say the passports' in page
    pytest.importorskip("docx")
    from lexmap.exports.chart_docx import chart_docx

    body = zipfile.ZipFile(io.BytesIO(chart_docx(chart))).read("word/document.xml").decode("utf-8")
    assert "Translation (Ann B. Author): officials say the passports are kept safe" in body


def test_xlsx_detail_sheet_shows_the_translation_under_the_quote(full):
    sheet = openpyxl.load_workbook(io.BytesIO(matrix_xlsx(build_matrix(full), full)))["detail"]
    cells = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert (
        "supervisors keep the passports\n\nTranslation (DeepL, machine translation of 2024-05-02): supervisors keep the passports"
        in cells
    )


def test_site_cards_and_search_show_the_translation(full, tmp_path):
    from lexmap.site.build import build_site

    site = tmp_path / "site"
    build_site(CORPORA / "full", site, strict=True)
    page = (site / "practices" / "passports.html").read_text(encoding="utf-8")
    assert '<span class="lx-quote-text">officials say the passports are kept safe</span>' in page  # verbatim, first
    assert '<span class="lx-quote-text" lang="en">supervisors keep the passports</span>' in page  # the document's language
    assert (
        '<p class="lx-translation" lang="en">Translation (Ann B. Author): officials say the passports are kept safe</p>' in page
    )
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("Translation (Watch Group): supervisors keep the passports" in d["text"] for d in index["docs"])
