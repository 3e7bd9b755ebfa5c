"""Where each record is shown in the site, and the relative URLs between pages.

Every id of the corpus resolves to one place: a page (practices, documents,
tests...) or an anchor on a page (provisions on their instrument's page,
elements on their test's page, statements on their practice's page). Pages
link to each other with relative URLs to ``.html`` files, so the built site
works from ``file://`` as well as from a server.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from ..corpus import Corpus
from ..model import ID
from ..profiles import WITHHELD_QUOTE


def local(id_: str) -> str:
    """The local part of a qualified id (``palermo/means`` -> ``means``)."""
    return id_.split("/", 1)[-1]


def anchor(id_: str) -> str:
    """``id_`` as part of an anchor on a page that shows records of several owners (the matrix
    page's rows: two frameworks may each have an indicator ``a``): ``owner--local``, unambiguous
    because slugs never hold two hyphens in a row."""
    return id_.replace("/", "--")


def target(corpus: Corpus, id_: str) -> str:
    """The page (``.md`` path from the site root) and anchor where ``id_`` is shown."""
    if not ID.fullmatch(id_):  # ids become file names: only slugs, whatever built the corpus
        raise ValueError(f"{id_!r} is not a valid id and cannot name a page")
    if id_ in corpus.instruments:
        return f"instruments/{id_}.md"
    if id_ in corpus.provisions:
        return f"instruments/{corpus.owner(id_)}.md#prov-{local(id_)}"
    if id_ in corpus.tests:
        return f"tests/{corpus.owner(id_)}/{local(id_)}.md"
    if id_ in corpus.elements:
        test = corpus.test_of(id_)
        return f"tests/{corpus.owner(id_)}/{local(test.id)}.md#el-{local(id_)}"
    if id_ in corpus.practices:
        return f"practices/{id_}.md"
    if id_ in corpus.documents:
        return f"documents/{id_}.md"
    if id_ in corpus.indicator_frameworks:
        return f"indicators/index.md#fw-{id_}"
    if id_ in corpus.indicators:
        return f"indicators/{corpus.owner(id_)}/{local(id_)}.md"
    if id_ in corpus.claims:
        return f"practices/{corpus.claims[id_].practice}.md#claim-{id_}"
    if id_ in corpus.attestations:
        return f"practices/{corpus.attestations[id_].practice}.md#att-{id_}"
    if id_ in corpus.exhibits:
        return f"practices/{corpus.exhibits[id_].practice}.md#exh-{id_}"
    if id_ in corpus.states:
        return f"instruments/index.md#state-{id_}"
    if id_ in corpus.actors:
        return f"documents/index.md#actor-{id_}"
    raise KeyError(f"{id_!r} has no place in the site")


def chart(corpus: Corpus, test_id: str) -> str:
    """The page of the evidence chart of ``test_id`` (beside the test's page)."""
    return f"tests/{corpus.owner(test_id)}/{local(test_id)}/chart.md"


def url(here: str, dest: str) -> str:
    """The relative URL from page ``here`` to ``dest`` (both ``.md`` paths, ``dest`` maybe with
    ``#anchor``), as mkdocs writes pages with ``use_directory_urls: false``. Worked out on the
    strings (``posixpath.relpath`` asks the file system for the current folder: a site links
    hundreds of thousands of times)."""
    path, _, anchor = dest.partition("#")
    if path == here:
        return f"#{anchor}" if anchor else "#"
    folder = here.split("/")[:-1]
    parts = (path[: -len(".md")] + ".html").split("/")
    shared = 0
    while shared < len(folder) and shared < len(parts) - 1 and folder[shared] == parts[shared]:
        shared += 1
    rel = "/".join([".."] * (len(folder) - shared) + parts[shared:])
    return rel + (f"#{anchor}" if anchor else "")


def page_url(base_url: str, corpus: Corpus, id_: str) -> str:
    """The address of ``id_``'s page on the site published at ``base_url`` (for exports that link
    to the site)."""
    path, _, anchor = target(corpus, id_).partition("#")
    return f"{base_url.rstrip('/')}/{path[: -len('.md')]}.html" + (f"#{anchor}" if anchor else "")


# -- links into a source, at the quote ------------------------------------------------

WEB_KINDS = frozenset({"news-article", "blog-post", "report", "government-statement", "fact-sheet", "social-media-post", "other"})
"""Document kinds published as web pages (a statute, regulation, ruling or UN communication is a
file or a database record: a text fragment would rarely match)."""
_FILE = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|rtf|zip)$|pdf|/file/d/|download", re.I)
_CUT = re.compile(r"\s*(?:\.\.\.|\u2026|\[[^\]]*\])\s*")
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
