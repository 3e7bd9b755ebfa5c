"""``lexmap site serve`` after an edit (issue 29): only the pages whose content changed are
rendered again, and the site served is then byte for byte the site a fresh build of the edited
corpus gives (search index included)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from synthetic import tree

import lexmap
from lexmap.site import incremental
from lexmap.site.build import site_config
from lexmap.site.pages import build_pages

from conftest import CORPORA

URL = "http://127.0.0.1:8000/key/"


class Server:
    """What the session reads of mkdocs' LiveReloadServer."""

    def __init__(self) -> None:
        self._epoch_cond = threading.Condition()
        self._visible_epoch = self._wanted_epoch = 1
        self._want_rebuild = False


def _build(corpus: Path, site: Path) -> None:
    with site_config(corpus, serve=True) as config_file:
        config = load_config(str(config_file), site_dir=str(site))
        config.site_url = URL
        build(config, serve_url=URL)


def _differing(a: Path, b: Path) -> list[str]:
    one, other = tree(a), tree(b)
    return sorted(k for k in one.keys() | other.keys() if one.get(k) != other.get(k))


EDITS = [
    ("a pinpoint", "claims.yaml", "pinpoint: p. 9\n", "pinpoint: p. 9-10\n"),
    ("a stance (levels, home page, gaps move)", "claims.yaml", "stance: supports\n", "stance: contests\n"),
]


@pytest.mark.slow  # three site builds per edit
@pytest.mark.parametrize("what, name, before, after", EDITS, ids=[e[0] for e in EDITS])
def test_the_updated_site_is_the_fresh_build_of_the_edited_corpus(tmp_path, what, name, before, after):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPORA / "small", corpus)
    served, fresh = tmp_path / "served", tmp_path / "fresh"
    session = incremental.Session(lambda: lexmap.load(corpus), None)
    incremental.SESSION = session
    try:
        _build(corpus, served)
        file = corpus / "mappings" / name
        text = file.read_text(encoding="utf-8")
        assert before in text
        file.write_text(text.replace(before, after, 1), encoding="utf-8")
        assert session.update(Server()) is None  # the pages alone: no full build
    finally:
        incremental.SESSION = None
    assert 0 < session.last["pages"] < len(session.hashes)  # some pages rendered again, not all
    _build(corpus, fresh)
    assert _differing(served, fresh) == []


@pytest.mark.slow
def test_a_changed_title_and_a_broken_corpus_ask_for_a_full_build(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPORA / "small", corpus)
    session = incremental.Session(lambda: lexmap.load(corpus), None)
    incremental.SESSION = session
    try:
        _build(corpus, tmp_path / "served")
        documents = corpus / "mappings" / "documents.yaml"
        text = documents.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.strip().startswith("title:"))
        documents.write_text(text.replace(title, title.rstrip() + " (revised)", 1), encoding="utf-8")
        assert isinstance(session.update(Server()), lexmap.Corpus)  # every page's navigation may show it
        documents.write_text(text.replace("id: ", "id: Not An Id ", 1), encoding="utf-8")
        assert isinstance(session.update(Server()), lexmap.CorpusError)  # the problem page
    finally:
        incremental.SESSION = None


def test_the_first_pages_of_an_edit_are_rendered_as_a_full_build_renders_them(tmp_path):
    """The pages rendered first (build_pages(only=...)) are those of a full build, and they are
    the pages that show the edited claim."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPORA / "small", corpus)
    old = lexmap.load(corpus, cache=False)
    claims = corpus / "mappings" / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("pinpoint: p. 9\n", "pinpoint: p. 9-10\n", 1), encoding="utf-8")
    new = lexmap.load(corpus, cache=False)
    changed = incremental.changed_ids(old, new)
    (claim,) = changed["claims"]
    assert set(changed) == {"claims"}
    first = incremental.first_pages(old, new, changed)
    practice, document = new.claims[claim].practice, new.claims[claim].document
    assert f"practices/{practice}.md" in first and f"documents/{document}.md" in first
    test_page = f"tests/{new.test_of(new.claims[claim].element).id}.md"  # owner/test
    assert test_page in first and not any(p.endswith("/chart.md") for p in first)  # charts come with the rest
    every, some = build_pages(new), build_pages(new, only=set(first))
    assert some == {p: every[p] for p in first}
    before = build_pages(old)
    assert all(some[p] != before[p] for p in (f"practices/{practice}.md", f"documents/{document}.md"))
    assert incremental.page_paths(new) == set(every)


def test_what_the_session_reads_of_mkdocs_server_is_there():
    """lexmap.site.mkdocs_api reaches into mkdocs' LiveReloadServer (its epochs and its wish to
    rebuild): pinned here against the installed mkdocs, on a server that is never started."""
    from lexmap.site import mkdocs_api

    server = mkdocs_api.private_server(lambda: None, "127.0.0.1:0", str(CORPORA), "key")
    try:
        assert isinstance(server._visible_epoch, int) and isinstance(server._wanted_epoch, int)
        assert mkdocs_api.rebuild_wanted(server) is False
        mkdocs_api.site_changing(server)
        assert server._wanted_epoch != server._visible_epoch  # requests now wait for the builder
        mkdocs_api.show_site(server)
        assert server._wanted_epoch == server._visible_epoch  # and the browsers reload
    finally:
        server.server_close()
