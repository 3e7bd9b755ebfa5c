"""Links into a source at a quote, and the printed pages a citation gives (issue 27): what the
site's cards and every format of the evidence chart print, so that they cannot disagree. A web
page opens at the quote (a URL text fragment); a PDF at the physical page the quote starts on
(``#page=23``, the viewer's page), while the citation gives the printed label (``p. 21``). Read
from the quote check's places (:attr:`lexmap.texts.TextStatus.pages`), never worked out again."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from .profiles import WITHHELD_QUOTE

WEB_KINDS = frozenset({"news-article", "blog-post", "report", "government-statement", "fact-sheet", "social-media-post", "other"})
"""Document kinds published as web pages (a statute, regulation, ruling or UN communication is a
file or a database record: a text fragment would rarely match)."""
_FILE = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|rtf|zip)$|pdf|/file/d/|download", re.I)
_CUT = re.compile(r"\.\.\.|\u2026|\[[^\[\]]*\]")
"""An omission or an editorial insertion: its pieces' spaces are theirs to strip. Linear: the
insertion ends at the first bracket either way (``\\[[^\\]]*\\]`` read a run of ``[`` to its end from
each of them, and a leading ``\\s*`` a run of spaces from each space: 100,000 of either, 10-110 s)."""
_EDGE = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]{}.,;:!? \u2013\u2014-"
WORDS = 5
"""Words of the quote's start and of its end in a ``textStart,textEnd`` fragment."""


def is_web_page(document) -> bool:
    """Whether ``document`` has an http(s) address of a web page (not a PDF or other file)."""
    address = document.url or ""
    if not address.lower().startswith(("http://", "https://")) or document.kind not in WEB_KINDS:
        return False
    parts = urlsplit(address)
    return not _FILE.search(parts.path) and not _FILE.search(parts.query)


def _encode(text: str) -> str:
    """Percent-encode a text directive's term (the Text Fragments spec: '&', ',' and '-' too)."""
    return quote(text, safe="").replace("-", "%2D")


def text_fragment(quote_text: str) -> str | None:
    """The ``:~:text=`` directive that finds ``quote_text`` on its page: the quote itself when
    short, else ``textStart,textEnd`` from its first and last words. Omissions (``...``,
    ``[...]``) and editorial insertions in brackets never enter a term."""
    pieces = [" ".join(p.split()).strip(_EDGE) for p in _CUT.split(quote_text)]
    pieces = [p for p in pieces if p]
    if not pieces:
        return None
    first, last = pieces[0].split(), pieces[-1].split()
    if len(pieces) == 1 and len(first) <= 2 * WORDS:
        return "text=" + _encode(" ".join(first))
    start = " ".join(first[:WORDS]).strip(_EDGE)
    end = " ".join(last[-WORDS:]).strip(_EDGE)
    if not start or not end:
        return None
    return f"text={_encode(start)},{_encode(end)}"


def quote_link(document, quote_text: str) -> str | None:
    """The address of ``document`` that opens it at ``quote_text`` (a URL text fragment), or
    None when the document is not a web page or the quote is withheld (:mod:`lexmap.profiles`)."""
    if not is_web_page(document) or quote_text == WITHHELD_QUOTE:  # a fragment of the placeholder finds nothing
        return None
    directive = text_fragment(quote_text)
    if directive is None:
        return None
    base = document.url.split(":~:", 1)[0]  # an address may carry a text fragment already
    return f"{base}{'' if '#' in base else '#'}:~:{directive}"


def page_link(document, place: tuple[int, str, int, str] | None) -> str | None:
    """The address of ``document``'s PDF opened at the physical page a quote starts on
    (``#page=23``: the viewer's page, not the printed label), or None when its address is not
    a PDF's or the quote's page is not known."""
    address = (document.url or "").split("#", 1)[0]
    if place is None or not address.lower().startswith(("http://", "https://")):
        return None
    if not urlsplit(address).path.lower().endswith(".pdf"):
        return None
    return f"{address}#page={place[0]}"


def printed_pages(place: tuple[int, str, int, str] | None) -> str | None:
    """The printed page(s) a quote is on, as a pinpoint cites them (``p. 21``, ``pp. 21-22``)."""
    if place is None or not place[1]:
        return None
    return f"p. {place[1]}" if place[0] == place[2] else f"pp. {place[1]}\u2013{place[3]}"


def cited_pages(place: tuple[int, str, int, str] | None, page: str | None = None) -> str | None:
    """The printed page(s) a citation gives for a quote: where the quote check found it
    (:func:`printed_pages`), else the statement's structured ``page`` (``p. 21``), else None.
    The two never disagree on a loaded corpus: validate refuses a page the quote is not on."""
    return printed_pages(place) or (f"p. {page}" if page else None)


def with_pages(pinpoint: str, pages: str | None) -> str:
    """``pinpoint`` with the printed ``pages`` after it, unless it already gives them as a whole
    page reference ("p. 2" is not in "p. 21" nor in "pp. 2-3")."""
    if not pages:
        return pinpoint
    if re.search(rf"(?<![\w.]){re.escape(pages)}(?![\w\u2013-])", pinpoint):
        return pinpoint
    return f"{pinpoint}, {pages}" if pinpoint.strip() else pages
