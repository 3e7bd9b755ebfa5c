"""``lexmap site serve`` after an edit: only the pages whose content changed go through mkdocs.

A full mkdocs build of the 10x corpus takes about 20 s; an analyst who saves a statement wants to
see it. So after the first build the server keeps mkdocs' pages, navigation and theme, and the
hash of each page's Markdown. On a save (:meth:`Session.update`) it loads the corpus again (the
cache re-reads only the changed files) and works in two steps:

1. **First the pages that show the edited records** (:func:`first_pages`: a statement's practice
   and the practices it is part of, its document, its element's test, its indicator), rendered
   from the new corpus, written, and the browsers told to reload.
2. **Then every page, checked**: all the Markdown is rendered again and compared page by page
   with what was written; each page that differs (the home page, the matrix, the gaps, the
   indexes, the evidence charts, a cited document...) goes through mkdocs, and the browsers reload again. So the
   served site is, page for page, what a full build of the edited corpus gives
   (``tests/test_site_incremental.py``); step 1 is only what comes first.

Anything the pages alone cannot follow goes through a full build, as before: an invalid corpus
(the problem page), a page added or removed, a page whose title changed (the navigation of
every page may show it), a hand-written page edited.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..corpus import Corpus
from ..model import (
    COLLECTIONS,  # the case's collections of records, in the order they are read
    STATEMENTS,
)
from ..problems import CorpusError
from . import links, mkdocs_api

log = logging.getLogger("mkdocs.plugins.lexmap")


def digest(markdown: str) -> bytes:
    return hashlib.blake2b(markdown.encode("utf-8"), digest_size=16).digest()


def changed_ids(old: Corpus, new: Corpus) -> dict[str, set[str]]:
    """The ids of the records added, removed or changed from ``old`` to ``new``, by collection."""
    changed: dict[str, set[str]] = {}
    for name in COLLECTIONS:
        before, after = getattr(old, name), getattr(new, name)
        ids = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
        if ids:
            changed[name] = ids
    return changed


def first_pages(old: Corpus, new: Corpus, changed: dict[str, set[str]]) -> list[str]:
    """The pages that show the changed statements and documents, in both corpora: what the
    reader who saved is most likely looking at. Only an order of work: every page is checked
    after these (:meth:`Session.update`)."""
    found: dict[str, None] = {}

    def add(corpus: Corpus, id_: str | None) -> None:
        if id_ is not None and id_ in corpus:
            found.setdefault(links.target(corpus, id_).partition("#")[0])

    for corpus in (new, old):
        for name in STATEMENTS:
            for id_ in changed.get(name, ()):
                statement = getattr(corpus, name).get(id_)
                if statement is None:
                    continue
                practice: str | None = getattr(statement, "practice", None)  # a reading has none
                seen = set()
                while practice and practice not in seen and practice in corpus.practices:
                    seen.add(practice)
                    add(corpus, practice)
                    practice = corpus.practices[practice].part_of
                add(corpus, statement.document)
                element = getattr(statement, "element", None)
                add(
                    corpus, element
                )  # its test's page (its evidence chart, which needs the gaps of the whole corpus, comes after)
                add(corpus, getattr(statement, "indicator", None))
                for about in getattr(statement, "about", ()):  # a reading: its instruments' pages, its elements' tests
                    add(corpus, about)
        for id_ in changed.get("documents", ()):
            add(corpus, id_)
    return list(found)


def page_paths(corpus: Corpus) -> set[str]:
    """The paths of the pages :func:`lexmap.site.pages.build_pages` makes (without changes.md)."""
    fixed = {"index.md", "matrix.md", "gaps.md"}
    fixed |= {f"{section}/index.md" for section in ("instruments", "tests", "practices", "documents", "indicators")}
    ids: Iterable[str] = (*corpus.instruments, *corpus.tests, *corpus.practices, *corpus.documents, *corpus.indicators)
    return fixed | {links.target(corpus, i) for i in ids} | {links.chart(corpus, t) for t in corpus.tests}


SESSION: Session | None = None
"""The session of the ``lexmap site serve`` running in this process, which the hook feeds."""


class Superseded(Exception):
    """Another save came while the pages were being checked: the next update checks them."""


class Session:
    """What ``lexmap site serve`` keeps between builds (one per server; the hook hands it
    mkdocs' objects after each full build)."""

    def __init__(self, load: Callable[[], Corpus], docs_dir: Path | None, changes: tuple[str, str] | None = None):
        self.load, self.docs_dir, self.changes = load, docs_dir, changes
        self.corpus: Corpus | None = None  # of the last good full build; None after a problem page
        self.hashes: dict[str, bytes] = {}
        self.mkdocs: dict[str, Any] = {}
        self.docs = self._docs_state()
        self.last: dict[str, float] = {}
        """How the last update went: ``first`` (seconds to the first pages), ``all``, page counts."""

    def _docs_state(self) -> list[tuple[str, int, int]]:
        if self.docs_dir is None or not self.docs_dir.exists():
            return []
        return sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in self.docs_dir.rglob("*") if p.is_file())

    # -- from the hook, during a full build -------------------------------------------------------

    def built(self, corpus: Corpus | CorpusError, config: Any, files: Any) -> None:
        """A full build starts: the hook fills :attr:`hashes` as mkdocs reads each page."""
        self.corpus = None if isinstance(corpus, CorpusError) else corpus
        self.hashes = {}
        self.mkdocs = {"config": config, "files": files}
        self.docs = self._docs_state()

    def rendering(self, **objects: Any) -> None:
        self.mkdocs.update(objects)

    # -- on a save ---------------------------------------------------------------------------------

    def update(self, server: Any) -> Corpus | CorpusError | None:
        """Bring the served site up to date with the pages alone; None when done, else the
        corpus (or its problems) for the full build the change needs."""
        started, cpu = time.monotonic(), time.process_time()
        try:
            new = self.load()
        except CorpusError as error:
            return error
        loaded = time.monotonic()
        old = self.corpus
        if old is None or "env" not in self.mkdocs or self._docs_state() != self.docs:
            return new
        if page_paths(new) != page_paths(old) or new.case != old.case or dict(new.texts) != dict(old.texts):
            return new
        from .pages import build_pages

        changed = changed_ids(old, new)
        first = [p for p in first_pages(old, new, changed) if p in self.hashes]
        markdown = build_pages(new, only=set(first), changes=self.changes)
        rendered = time.monotonic()
        written = self._write(markdown)
        if written is None:
            return new
        self.corpus = new
        mkdocs_api.show_site(server)
        now = time.monotonic()
        self.last = {
            "first": now - started,
            "first_cpu": time.process_time() - cpu,
            "load": loaded - started,
            "markdown": rendered - loaded,
            "mkdocs": now - rendered,
            "first_pages": len(written),
        }
        log.info(
            "lexmap: %d pages updated in %.1fs (load %.1fs, Markdown %.1fs, mkdocs %.1fs); checking the others",
            len(written),
            *(self.last[k] for k in ("first", "load", "markdown", "mkdocs")),
        )

        def superseded(done: int, total: int) -> None:
            if mkdocs_api.rebuild_wanted(server):
                raise Superseded

        try:
            pages = build_pages(new, changes=self.changes, progress=superseded)
        except Superseded:
            log.info("lexmap: another change came; checking the pages then")
            return None
        others = {p: m for p, m in pages.items() if p not in first and self.hashes.get(p) != digest(m)}
        if others:
            mkdocs_api.site_changing(server)
            more = self._write(others)
            if more is None:
                return new
            written += more
        mkdocs_api.refresh_search(self.mkdocs["config"])
        self.last.update(all=time.monotonic() - started, all_cpu=time.process_time() - cpu, pages=len(written))
        log.info("lexmap: %d pages updated in all, in %.1fs", len(written), self.last["all"])
        return None

    def _write(self, pages: dict[str, str]) -> list[str] | None:
        """Render each page whose Markdown changed through mkdocs and write it; None (and nothing
        left half done that a full build does not redo) when a title changed."""
        written = []
        files, config = self.mkdocs["files"], self.mkdocs["config"]
        for path, markdown in pages.items():
            if self.hashes.get(path) == digest(markdown):
                continue
            page = files.get_file_from_path(path).page
            title = page.title
            mkdocs_api.render_page(page, markdown, config, files, self.mkdocs["nav"], self.mkdocs["env"])
            self.hashes[path] = digest(markdown)
            written.append(path)
            if page.title != title:
                return None
        return written
