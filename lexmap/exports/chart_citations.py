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
    """Every note of ``chart`` by number."""
    return {note.number: citation(chart.documents[note.document], note.pinpoint) for note in chart.notes}


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
