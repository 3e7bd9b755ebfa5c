"""The evidence chart's notes as citations in a standard style, rendered through CSL.

Each note cites a document (its CSL-JSON item, :mod:`lexmap.exports.csl`) at a pinpoint,
with citeproc-py and the bundled Chicago full-note style (``lexmap/styles``). lexmap's
pinpoints are free text ("V. Background > The 8-Year Ban, fn. 40"), which CSL's page-range
rules would rewrite ("8–Year"): the style gets a placeholder as locator and the pinpoint
is put in its place verbatim, so the note says exactly what the corpus says; only its quote
marks and end punctuation are printed in the notes' one style (:mod:`.punctuation`).

A citation comes back as *segments*, ``(text, italic)`` pairs, which every writer lays out
in its own markup (escaped there).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from html.parser import HTMLParser
from importlib import resources
from typing import Any

from ..extras import require
from .csl import csl_item
from .note_cache import NoteCache, notes_for
from .punctuation import tidy_segments

STYLE = "chicago-notes-bibliography-16th-edition.csl"
STYLE_NAME = "Chicago Manual of Style, 16th edition (full notes)"
_PLACEHOLDER = "LEXMAPPINPOINTLOCATOR"
# citeproc-py reads CSL-JSON strings as markup and drops tags it does not know: angle brackets
# go in as private-use characters and come back as themselves.
_HIDE = str.maketrans({"<": "\ue000", ">": "\ue001"})
_SHOW = str.maketrans({"\ue000": "<", "\ue001": ">"})

Segments = tuple[tuple[str, bool], ...]


def require_citeproc():
    return require("citeproc", "the evidence chart's citations")


@lru_cache(maxsize=1)
def _style():
    citeproc = require_citeproc()
    with resources.as_file(resources.files("lexmap") / "styles" / STYLE) as path:
        return citeproc.CitationStylesStyle(str(path), validate=False)


def citation(document, pinpoint: str) -> Segments:
    """The full note citing ``document`` at ``pinpoint``, as segments."""
    segments = _note_of(document)
    if not any(_PLACEHOLDER in text for text, _ in segments):  # a style that drops the locator
        segments = (*segments, (f" {_PLACEHOLDER}.", False))
    # one quotation style, no doubled end punctuation (lexmap.exports.punctuation): marks only
    return tidy_segments(tuple((text.translate(_SHOW).replace(_PLACEHOLDER, pinpoint), italic) for text, italic in segments))


@lru_cache(maxsize=65536)
def _note_of(document) -> Segments:
    """The note citing ``document`` at a placeholder pinpoint: rendered once per document and
    kept (:mod:`lexmap.exports.note_cache`; CSL rendering is slow: a few milliseconds a note)."""
    citeproc = require_citeproc()
    item: dict[str, Any] = {k: v.translate(_HIDE) if isinstance(v, str) else v for k, v in csl_item(document).items()}
    item["author"] = [{k: v.translate(_HIDE) for k, v in name.items()} for name in item.get("author", ())]
    if not item["author"]:
        del item["author"]

    def render() -> Segments:
        from citeproc.source.json import CiteProcJSON

        source = CiteProcJSON([dict(item)])
        bibliography = citeproc.CitationStylesBibliography(_style(), source, citeproc.formatter.html)
        cited = citeproc.Citation([citeproc.CitationItem(item["id"], locator=citeproc.Locator("page", _PLACEHOLDER))])
        bibliography.register(cited)
        rendered = str(bibliography.cite(cited, lambda _: None))
        return tuple(_Segments.parse(rendered))

    return _notes().note(item, render)


def _notes() -> NoteCache:
    return notes_for(*_style_and_engine())


@lru_cache(maxsize=1)
def _style_and_engine() -> tuple[str, str]:
    """The style's SHA-256 and citeproc-py's version: what a kept note depends on, besides lexmap."""
    from importlib.metadata import version

    style = (resources.files("lexmap") / "styles" / STYLE).read_bytes()
    return hashlib.sha256(style).hexdigest(), version("citeproc-py")


def chart_citations(chart) -> dict[int, Segments]:
    """Every note of ``chart`` by number: the pinpoint with the printed pages it lacks, and the
    document's address opening its PDF at the quote's physical page where that is known."""
    return {note.number: note_citation(chart.documents[note.document], note) for note in chart.notes}


def note_citation(document, note) -> Segments:
    """The note citing ``document`` at ``note``'s pinpoint and printed pages (issue 27: "p. 21"),
    its address replaced by ``note.link`` (``...pdf#page=23``), or that link added where the style
    prints no address."""
    segments = citation(document, note.cited)
    if not note.link:
        return segments
    address = (document.url or "").split("#", 1)[0]
    if address and any(address in text for text, _ in segments):
        done = False
        out = []
        for text, italic in segments:
            if not done and address in text:
                text, done = text.replace(address, note.link, 1), True
            out.append((text, italic))
        return tuple(out)
    text, italic = segments[-1] if segments else ("", False)
    return (*segments[:-1], (text.rstrip(".") + f", {note.link}.", italic))


LINK = re.compile(r"https?://[^\s<>\u201d\u2019\"]+[^\s<>\u201d\u2019\".,;:)]")
"""An address in a note's text (what the writers make a live link)."""


def linked(text: str) -> list[tuple[str, str | None]]:
    """``text`` as pieces, each with the address it links to (the piece itself) or None."""
    out: list[tuple[str, str | None]] = []
    last = 0
    for match in LINK.finditer(text):
        if match.start() > last:
            out.append((text[last : match.start()], None))
        out.append((match.group(0), match.group(0)))
        last = match.end()
    if last < len(text):
        out.append((text[last:], None))
    return out


def plain(segments: Segments) -> str:
    return "".join(text for text, _ in segments)


class _Segments(HTMLParser):
    """citeproc-py's HTML (escaped text, ``<i>`` for italics) back into (text, italic) pairs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.italic = 0
        self.out: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        self.italic += tag in ("i", "em")

    def handle_endtag(self, tag):
        self.italic -= tag in ("i", "em")

    def handle_data(self, data):
        if self.out and self.out[-1][1] == bool(self.italic):
            self.out[-1] = (self.out[-1][0] + data, self.out[-1][1])
        else:
            self.out.append((data, bool(self.italic)))

    @classmethod
    def parse(cls, html_text: str) -> Segments:
        parser = cls()
        parser.feed(html_text)
        parser.close()
        return tuple(parser.out)
