"""The text of a Word file: its paragraphs, then each table's cells, every cell read once.

python-docx's table model (``row.cells``) is not used: it resolves each cell of a vertical merge by
walking up to the cell above, by XPath and recursively (one column of 800 merged rows, a 1.1 kB
file: 18 s; past about 1,000 rows a RecursionError), and yields a cell once for each grid column
it spans (``gridSpan`` 10^6 in a 938-byte file: 27.6 s and a 5 MB "text"). Here one pass reads
each ``w:tc`` element once: a cell that continues a vertical merge adds nothing (Word shows the
merged cell's text from its first cell, already read; python-docx never read the others either),
and a span is layout, not text. Nothing needs tracking per column for that.
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
dense pages. Each character is one of the file's own (no cell is read twice now): this bounds
what the 64 MiB a part refuse_zip_bomb allows may still give."""
MAX_DOCX_BLOCKS = 200_000
"""The most body paragraphs and table cells lexmap reads in a DOCX (a 1,600-page report holds about
20,000 paragraphs): each costs python-docx an XPath, about 30 us, and a 217 kB file of empty cells
held 3.3 million (106 s before this bound; 6 s to the refusal)."""

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
    each body table, row by row, once (TextRefused past MAX_GRID_SPAN, MAX_DOCX_BLOCKS or
    MAX_DOCX_CHARACTERS)."""
    body = document.element.body
    budget = _Budget(path)
    lines: list[str] = []
    for p in body.iterchildren(f"{_W}p"):
        budget.block()
        lines.append(budget.line(p.text))
    for table in body.iterchildren(f"{_W}tbl"):
        for row, tr in enumerate(table.iterchildren(f"{_W}tr"), 1):
            for tc in tr.iterchildren(f"{_W}tc"):
                budget.block()
                if (span := tc.grid_span) > MAX_GRID_SPAN:
                    raise TextRefused(
                        f"{path} has a table cell spanning {span:,} columns (row {row}), "
                        f"more than the {MAX_GRID_SPAN} columns a Word table can have",
                        "save the document again from Word, or give a text copy in text_file",
                    )
                if not _continues_merge(tc):
                    lines.append(budget.line(_paragraphs_text(tc)))
    return lines


class _Budget:
    """The paragraphs and cells read, and the characters they gave, refused past their bounds."""

    def __init__(self, path: Path):
        self.path, self.blocks, self.characters = path, 0, 0

    def _refuse(self, what: str) -> TextRefused:
        return TextRefused(
            f"{self.path} holds more than lexmap extracts from a DOCX ({what})",
            "give a text copy of the document in text_file, or the part that is quoted",
        )

    def block(self) -> None:
        self.blocks += 1
        if self.blocks > MAX_DOCX_BLOCKS:
            raise self._refuse(f"more than {MAX_DOCX_BLOCKS:,} paragraphs and table cells")

    def line(self, text: str) -> str:
        self.characters += len(text) + 1
        if self.characters > MAX_DOCX_CHARACTERS:
            raise self._refuse(f"more than {MAX_DOCX_CHARACTERS:,} characters")
        return text
