"""A document's text as its pages: where a quote is, by physical page and printed label.

A PDF's pages are numbered twice: by their place in the file (the viewer's "page 23", which a
``#page=23`` link opens) and by the label printed on them ("21", or "xi" in the front matter;
the PDF's /PageLabels). A pinpoint cites the printed label. The pages are normalised one by one
and joined as :func:`lexmap.quotes.normalise` would join them (a word hyphenated at the foot of a
page is one word), remembering where each page starts, so that a quote found in the joined text
says which pages it is on, across a page break as well as within a page.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import attrs

from . import quotes

_LETTER = re.compile(r"[^\W\d_]")


@attrs.frozen
class Page:
    """One page: ``index`` is its physical place (1 for the file's first page), ``label`` the
    number printed on it (None when the source has no pages: a plain text, a web page)."""

    index: int
    label: str | None
    text: str


@attrs.frozen
class Place:
    """Where a quote is: the pages it starts and ends on."""

    first: Page
    last: Page

    @property
    def labels(self) -> list[str]:
        return [label for label in (self.first.label, self.last.label) if label is not None]

    def cite(self) -> str | None:
        """The printed page(s) as a pinpoint writes them (``p. 21``, ``pp. 21-22``), or None."""
        if self.first.label is None or self.last.label is None:
            return None
        if self.first.index == self.last.index:
            return f"p. {self.first.label}"
        return f"pp. {self.first.label}\u2013{self.last.label}"

    def physical(self) -> str:
        """The physical page(s): ``PDF page 23`` (``pages 23-24``)."""
        if self.first.index == self.last.index:
            return f"PDF page {self.first.index}"
        return f"PDF pages {self.first.index}\u2013{self.last.index}"


class PagedText(quotes.Text):
    """A document's text made of pages, normalised once; quotes are looked up as in
    :class:`lexmap.quotes.Text`, and :meth:`place` says on which pages one is."""

    __slots__ = ("pages", "starts", "sha256", "_printed")

    def __init__(self, pages: Sequence[Page], sha256: str | None = None):
        self.pages = tuple(pages)
        self._printed: dict[str | None, list[int]] | None = None  # label -> physical pages (physical_of)
        self.sha256 = sha256  # of the file the pages were read from, when known
        parts: list[str] = []
        self.starts: list[int] = []  # offset in the normalised text where each page starts
        size = 0
        for page in self.pages:
            piece = quotes.normalise(page.text)
            if parts and piece:
                last = parts[-1]
                if last.endswith("-") and len(last) > 1 and _LETTER.match(last[-2]) and _LETTER.match(piece[0]):
                    parts[-1] = parts[-1][:-1]  # traf- | ficking: one word, as normalise() reads it
                    size -= 1
                else:
                    parts.append(" ")
                    size += 1
            self.starts.append(size)
            parts.append(piece)
            size += len(piece)
        self.normalised = "".join(parts)

    @classmethod
    def kept(cls, pages: Sequence[Page], normalised: str, starts: list[int], sha256: str) -> PagedText:
        """The text as :meth:`__init__` made it once and the extraction cache kept it (normalising
        the pages again would cost as much as checking every quote)."""
        text = cls.__new__(cls)
        text.pages, text.normalised, text.starts, text.sha256 = tuple(pages), normalised, list(starts), sha256
        text._printed = None
        return text

    @classmethod
    def plain(cls, text: str, sha256: str | None = None) -> PagedText:
        """A text without pages (plain text, a web page): one page, no label."""
        return cls([Page(1, None, text)], sha256)

    @property
    def paged(self) -> bool:
        """Whether the pages carry printed labels (a PDF's), so that a pinpoint's page can be checked."""
        return any(page.label is not None for page in self.pages)

    def page_at(self, offset: int) -> Page:
        """The page holding the character at ``offset`` of the normalised text."""
        return self.pages[self._position(offset)]

    def _position(self, offset: int) -> int:
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def spanned(self, start: int, end: int) -> tuple[Page, ...]:
        """The pages the span ``start:end`` of the normalised text is on, by bisecting the pages'
        starts: the positions are known, so the pages are never searched (``pages.index`` per
        quote made a PDF's check statements x pages)."""
        return self.pages[self._position(start) : self._position(max(end - 1, start)) + 1]

    def place(self, quote: str) -> Place | None:
        """The pages ``quote`` is on (None when it is not verbatim in the text)."""
        start, end, _why = self.locate(quote)
        if start is None or end is None:
            return None
        return Place(self.page_at(start), self.page_at(max(end - 1, start)))

    def labels(self) -> list[str]:
        return [page.label for page in self.pages if page.label is not None]

    def physical_of(self, label: str) -> list[int]:
        """The physical pages printed ``label`` (a label may repeat: two parts numbered from 1),
        from a map of the labels made once per text (not a walk of the pages per wrong pinpoint)."""
        if self._printed is None:
            self._printed = {}
            for page in self.pages:
                self._printed.setdefault(page.label, []).append(page.index)
        return self._printed.get(label, [])
