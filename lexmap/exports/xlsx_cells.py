"""What every sheet of the matrix workbook shares: Excel's limits, a value made safe for a cell,
the one way a cell is written (text always as text), widths and heights, and the formats.

The sizes are estimates made for printing: neither Excel nor LibreOffice sizes the rows of a
generated file reliably on its own, so each row is given the height of its wrapped text (an
over-estimate: a clipped quote is worse than white space).
"""

from __future__ import annotations

import re

from ..palette import CONTESTED, CONTESTED_MARK, EMPTY_MARK, HEADER_FILL, LEVELS
from .spreadsheet import neutralise

CELL_LIMIT = 32_767
"""Excel's limit on the characters of one cell."""
MAX_COLUMNS, MAX_ROWS = 16_384, 1_048_576
"""Excel's (and LibreOffice's) limits on a sheet: past them they drop the rest without a word."""
LINK_LIMIT = 65_530
"""Excel's limit on the links of one sheet: past it, the matrix's cells link to nothing (the
title block says so) rather than some of them."""
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML 1.0 cannot hold
FONT, FONT_SIZE = "Arial", 10
CHARS_PER_UNIT = 1.35
"""Characters of Arial 10 prose per unit of column width (the unit is a digit of the default font)."""
LINE_HEIGHT = 12.75
"""Points per line of wrapped text, a little over what Arial 10 needs, so nothing is clipped."""
BOLD_WIDTH = 0.85
"""Bold text takes this share more room per character: a bold label wraps sooner."""
MAX_ROW_HEIGHT = 409.0
"""Excel's largest row height, in points."""
_PADDING = 5 / 7
"""XlsxWriter adds a column's padding (5 px of a 7 px digit) to the width it is given: taken off,
so that the file holds the width asked for."""


class SheetTooLarge(ValueError):
    """A matrix that a spreadsheet cannot hold whole."""


def cell_text(value, id_: str):
    """A value as a cell can hold it: formulas neutralised, control characters replaced, and
    text over Excel's limit cut with a visible marker naming the record ``id_``."""
    if not isinstance(value, str):
        return value
    value = neutralise(_ILLEGAL.sub("\ufffd", value))
    if len(value) > CELL_LIMIT:
        marker = f" [... truncated: see {id_}]"
        value = value[: CELL_LIMIT - len(marker)] + marker
    return value


def number_format(contested: bool) -> str:
    """A matrix cell's number format: a zero prints as the site's "–", never "0" (the value
    stays the number 0 for a formula or pandas); a contested cell's value is followed by the mark."""
    mark = f" {CONTESTED_MARK}" if contested else ""
    return f'0"{mark}";-0"{mark}";"{EMPTY_MARK}{mark}";@"{mark}"'


def write(sheet, row: int, column: int, value, cell_format) -> None:
    """One cell (0-based): text always as text (never a formula, a number or a link), a number
    as a number, nothing as a blank that keeps its format."""
    if value is None or value == "":
        sheet.write_blank(row, column, None, cell_format)
    elif isinstance(value, str):
        sheet.write_string(row, column, value, cell_format)
    else:
        sheet.write_number(row, column, value, cell_format)


def fit(texts, low: float, high: float) -> float:
    """A column width (in characters) for ``texts`` between ``low`` and ``high``."""
    longest = max((len(line) for text in texts for line in str(text).splitlines()), default=0)
    return float(min(high, max(low, longest + 2)))


def set_width(sheet, column: int, width: float) -> None:
    """Column ``column`` (0-based) ``width`` characters wide in the file."""
    sheet.set_column(column, column, width - _PADDING if width > 1 else width)


def height(lines: int) -> float:
    """The height (points) of a row of ``lines`` wrapped lines."""
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide, wrapped at spaces
    (an over-estimate rather than an under-estimate: a clipped quote is worse than white space)."""
    per_line = max(1, int(width * CHARS_PER_UNIT))
    if len(text) <= per_line and "\n" not in text:
        return 1
    lines = 0
    for paragraph in text.split("\n"):
        used = 0
        lines += 1
        for word in paragraph.split(" "):
            if used and used + 1 + len(word) > per_line:
                lines, used = lines + 1, 0
            while len(word) > per_line:  # a word longer than the line breaks anywhere
                lines, word = lines + 1, word[per_line:]
            used += (1 if used else 0) + len(word)
    return lines


def row_lines(texts_and_widths) -> int:
    """The lines of the tallest of a row's wrapped cells: ``(text, width)`` pairs."""
    return max((wrapped_lines(str(text), width) for text, width in texts_and_widths if text), default=1)


class Formats:
    """The workbook's cell formats, each made once (XlsxWriter writes one style per format):
    Arial 10 everywhere, level fills from the palette, thin grey borders, a dashed border in the
    contested colour."""

    def __init__(self, workbook):
        self.workbook = workbook
        self._made: dict[tuple, object] = {}
        border = {"border": 1, "border_color": "#999999"}
        header = {"bold": True, "bg_color": HEADER_FILL, "pattern": 1, "text_wrap": True, "valign": "vcenter", **border}
        self.title = self.make(bold=True, font_size=14, text_wrap=True, valign="top")
        self.heading = self.make(bold=True, font_size=14)
        self.wrap = self.make(text_wrap=True, valign="top")
        self.bold_wrap = self.make(bold=True, text_wrap=True, valign="top")
        self.corner = self.make(**header)
        self.header = self.make(**header, align="center")
        self.turned_header = self.make(**header, align="center", rotation=90)
        self.label = self.make(bold=True, text_wrap=True, valign="vcenter", **border)
        self.framed = self.make(text_wrap=True, valign="top", **border)
        self.framed_link = self.make(valign="top", font_color="#0B57D0", underline=1, **border)
        self.comment = {"author": "lexmap", "width": 360, "height": 150, "font_name": FONT, "font_size": 8}
        self._border = border

    def make(self, **properties):
        """The format of ``properties`` (with Arial 10 unless they say otherwise), made once."""
        key = tuple(sorted(properties.items()))
        if key not in self._made:
            self._made[key] = self.workbook.add_format({"font_name": FONT, "font_size": FONT_SIZE, **properties})
        return self._made[key]

    def cell(self, level: str, contested: bool, value: str):
        """A matrix cell's format: its level's fill, centred, a dashed border when contested, and
        the number format that prints a zero as "–" (and the contested mark after the value,
        unless the value is the level, which already says so)."""
        key = ("cell", level, contested, value == "level")
        if key not in self._made:
            border = {"border": 8, "border_color": CONTESTED.colour} if contested else self._border  # 8: medium dashed
            self._made[key] = self.make(
                bg_color=_FILLS[level],
                pattern=1,
                align="center",
                valign="vcenter",
                text_wrap=True,
                num_format=number_format(contested and value != "level"),
                **border,
            )
        return self._made[key]

    def level(self, name: str, contested: bool = False):
        """A legend swatch: the level's fill (or the contested border), bold."""
        if contested:
            return self.make(bold=True, text_wrap=True, valign="top", border=8, border_color=CONTESTED.colour)
        return self.make(bold=True, text_wrap=True, valign="top", bg_color=_FILLS[name], pattern=1, **self._border)


_FILLS = {s.name: s.fill for s in LEVELS}
