"""The navigation rendered once per folder for the pages it does not list
(:mod:`lexmap.site.theme_cache`): the built site is byte for byte the one Material renders page
by page, for listed pages (instruments, tests, documents at 1x) and unlisted ones (practices
past the navigation's limit, evidence charts). Each page lets go of its HTML once written
(``mkdocs_api.release_rendered``), in both builds."""

from __future__ import annotations

import pytest
from synthetic import synthetic_case, tree

from lexmap.site import mkdocs_api, theme_cache
from lexmap.site.build import build_site


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return synthetic_case(tmp_path_factory.mktemp("corpus1x"), seed=2)


def test_the_site_is_the_same_with_the_navigation_kept(corpus, tmp_path, monkeypatch):
    keys: list = []
    call = theme_cache.UnlistedPageKey.__call__

    def counted(self, context):
        keys.append(call(self, context))
        return keys[-1]

    monkeypatch.setattr(theme_cache.UnlistedPageKey, "__call__", counted)
    released = []
    release = mkdocs_api.release_rendered
    monkeypatch.setattr(mkdocs_api, "release_rendered", lambda page: released.append(page) or release(page))
    pages = build_site(corpus, tmp_path / "kept", strict=True)
    assert len(released) == pages - 1 and all(page.content is None for page in released)  # 404.html: the theme's
    reused = [k for k in keys if k is not None]
    assert reused and len(reused) < len(keys)  # some pages listed, some not: both paths ran
    assert len(set(reused)) < len(reused) / 10  # rendered once per folder, not once per page

    monkeypatch.setattr(theme_cache, "install", lambda env: None)
    build_site(corpus, tmp_path / "plain", strict=True)
    kept, plain = tree(tmp_path / "kept"), tree(tmp_path / "plain")
    kept.pop(".lexmap-output"), plain.pop(".lexmap-output")  # hashes of the same files, signed
    assert kept.keys() == plain.keys()
    assert [path for path in kept if kept[path] != plain[path]] == []


def test_a_page_the_navigation_lists_is_rendered_as_usual():
    class Item:
        def __init__(self, url, children=(), parent=None):
            self.url, self.children, self.parent, self.active = url, list(children), parent, False

    class Nav:
        def __init__(self, items, pages):
            self.items, self.pages = items, pages

    listed = Item("tests/index.html")
    section = Item(None, [listed])
    listed.parent = section
    nav = Nav([section], [listed])
    unlisted = Item("practices/p1.html")
    key = theme_cache.UnlistedPageKey()
    assert key({"nav": nav, "page": listed, "base_url": ".."}) is None
    assert key({"nav": nav, "page": unlisted, "base_url": ".."}) is not None
    assert key({"nav": nav, "page": Item("practices/p2.html"), "base_url": ".."}) == key(
        {"nav": nav, "page": unlisted, "base_url": ".."}
    )
    assert key({"nav": nav, "page": Item("documents/d1.html"), "base_url": ".."}) != key(
        {"nav": nav, "page": unlisted, "base_url": ".."}
    )
    section.active = True  # an item of the navigation active: never reused
    assert key({"nav": nav, "page": unlisted, "base_url": ".."}) is None
