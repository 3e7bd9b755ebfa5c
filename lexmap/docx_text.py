"""The text of a Word file: its paragraphs, then each table's cells, every cell read once.

python-docx's table model (``row.cells``) is not used: it resolves each cell of a vertical merge by
walking up to the cell above, by XPath and recursively (one column of 800 merged rows, a 1.1 kB
file: 18 s; past about 1,000 rows a RecursionError), and yields a cell once for each grid column
it spans (``gridSpan`` 10^6 in a 938-byte file: 27.6 s and a 5 MB "text"). Here one pass reads
each ``w:tc`` element once: a cell that continues a vertical merge holds no text of its own (Word
keeps the merged cell's text in its first cell, already read), and a span is layout, not text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .texts import TextRefused

MAX_GRID_SPAN = 63
"""The most grid columns a cell may span: Word's limit of columns in a table. A wider span is
refused (it is read nowhere now, but no Word file holds one: the file was made by other means)."""
MAX_DOCX_CHARACTERS = 8_000_000
"""The most text lexmap extracts from a DOCX, as from a PDF (MAX_PDF_CHARACTERS): about 1,600
dense pages. Each character comes from the file's own XML, so only a zip bomb reaches it."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraphs_text(element: Any) -> str:
    """The text of the paragraphs directly in ``element`` (a cell), one line each, as python-docx's
    ``_Cell.text`` reads them."""
    return "\n".join(p.text for p in element.iterchildren(f"{_W}p"))


def _continues_merge(tc: Any) -> bool:
    """Whether ``tc`` continues the vertical merge of the cell above (``<w:vMerge/>`` without
    ``w:val="restart"``): python-docx would read the cell above again in its place."""
    return tc.vMerge == "continue"


def document_lines(path: Path, document: Any) -> list[str]:
    """The lines of ``document`` (a python-docx Document): each body paragraph, then each cell of
    each body table, row by row, once (TextRefused past MAX_GRID_SPAN or MAX_DOCX_CHARACTERS)."""
    body = document.element.body
    lines = [p.text for p in body.iterchildren(f"{_W}p")]
    characters = sum(len(line) + 1 for line in lines)
    _refuse_long(path, characters)
    for table in body.iterchildren(f"{_W}tbl"):
        for row, tr in enumerate(table.iterchildren(f"{_W}tr"), 1):
            for tc in tr.iterchildren(f"{_W}tc"):
                if (span := tc.grid_span) > MAX_GRID_SPAN:
                    raise TextRefused(
                        f"{path} has a table cell spanning {span:,} columns (row {row}), "
                        f"more than the {MAX_GRID_SPAN} columns a Word table can have",
                        "save the document again from Word, or give a text copy in text_file",
                    )
                if _continues_merge(tc):
                    continue
                lines.append(_paragraphs_text(tc))
                characters += len(lines[-1]) + 1
                _refuse_long(path, characters)
    _refuse_long(path, characters)
    return lines


def _refuse_long(path: Path, characters: int) -> None:
    if characters > MAX_DOCX_CHARACTERS:
        raise TextRefused(
            f"{path} holds more than the {MAX_DOCX_CHARACTERS:,} characters lexmap extracts from a DOCX",
            "give a text copy of the document in text_file, or the part that is quoted",
        )
