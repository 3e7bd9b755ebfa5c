"""Where each record is shown in the site, and the relative URLs between pages.

Every id of the corpus resolves to one place: a page (practices, documents,
tests...) or an anchor on a page (provisions on their instrument's page,
elements on their test's page, statements on their practice's page). Pages
link to each other with relative URLs to ``.html`` files, so the built site
works from ``file://`` as well as from a server.
"""

from __future__ import annotations

from ..corpus import Corpus
from ..model import ID
from ..source_links import (  # moved down for the chart's links too; the names stay here
    WEB_KINDS,
    is_web_page,
    page_link,
    printed_pages,
    quote_link,
    text_fragment,
)


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
    if id_ in corpus.readings:  # on the page of the instrument its first about belongs to
        return f"instruments/{corpus.owner(corpus.readings[id_].about[0])}.md#read-{id_}"
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


__all__ = ["WEB_KINDS", "is_web_page", "page_link", "printed_pages", "quote_link", "text_fragment"]
