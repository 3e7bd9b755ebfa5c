"""Pages outside the navigation made when they are written (:mod:`lexmap.site.late_pages`): when
mkdocs has read every page (``on_env``), none of them has been made or holds its HTML, and the
site is byte for byte the one built with every page read first, as mkdocs does (a 1x corpus:
documents and tests listed in the navigation, practices past its limit and charts not; the
search index included)."""

from __future__ import annotations

import sys

import pytest
from synthetic import synthetic_case, tree

from lexmap.site import late_pages, mkdocs_hook
from lexmap.site.build import build_site
from lexmap.site.progress_plugin import SiteProgress


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return synthetic_case(tmp_path_factory.mktemp("corpus1x"), seed=3)


def _watched(monkeypatch) -> dict:
    """What the hook had made and kept when every page was read (``on_env``, seen from lexmap's
    progress plugin; mkdocs loads the hook from its file, as a module of its own)."""
    seen: dict = {}
    on_env = SiteProgress.on_env

    def watching(self, env, config, files):
        state = sys.modules[mkdocs_hook.__file__]._state
        pages = [f.page for f in files.documentation_pages() if f.src_uri in state["generated"]]
        seen["late"] = [p for p in pages if isinstance(p, late_pages.LatePage)]
        seen["made"] = {p.file.src_uri for p in pages if p.markdown}
        seen["kept"] = set(state["raw"])
        seen["pages"] = pages
        return on_env(self, env, config, files)

    monkeypatch.setattr(SiteProgress, "on_env", watching)
    return seen


def test_pages_outside_the_navigation_wait_until_written(corpus, tmp_path, monkeypatch):
    seen = _watched(monkeypatch)
    build_site(corpus, tmp_path / "late", strict=True)
    late = {p.file.src_uri for p in seen["late"]}
    assert any(p.startswith("practices/p") for p in late) and any(p.endswith("/chart.md") for p in late)
    assert "documents/index.md" not in late and any(p.startswith("documents/") for p in seen["made"])  # listed: read first
    assert late.isdisjoint(seen["made"]) and late.isdisjoint(seen["kept"])
    assert all(not p.waiting and p.title and p.content is None for p in seen["late"])  # written, then released

    monkeypatch.setattr(late_pages.LatePage, "waiting", False)  # every page read before any is written
    seen = _watched(monkeypatch)
    build_site(corpus, tmp_path / "first", strict=True)
    assert {p.file.src_uri for p in seen["pages"]} == seen["made"]
    made, first = tree(tmp_path / "late"), tree(tmp_path / "first")
    made.pop(".lexmap-output"), first.pop(".lexmap-output")  # hashes of the same files, signed
    assert made.keys() == first.keys() and "search/search_index.json" in made
    assert [path for path in made if made[path] != first[path]] == []


def test_listed_names_every_page_of_a_navigation():
    nav = [{"Home": "index.md"}, {"Tests": ["tests/index.md", "tests/a.md"]}, {"Guide": [{"Intro": "guide/intro.md"}]}]
    assert late_pages.listed(nav) == {"index.md", "tests/index.md", "tests/a.md", "guide/intro.md"}
