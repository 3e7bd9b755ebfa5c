"""The theme's navigation rendered once per folder for the pages the navigation does not list.

Material renders its whole navigation (the sidebar, ``partials/nav.html``, and the tabs,
``partials/tabs.html``) on every page: about a third of a build's time at 10x. A generated page
the navigation does not list (a practice, a document, a chart: sections over
:data:`lexmap.site.mkdocs_hook.NAV_LIMIT` pages list only their index) marks no item of it
as active or current, so what those partials write for it depends only on the folder its URL
is in (links are relative to it) and on the build's settings: it is rendered for the first such
page of each folder and reused (:func:`lexmap.site.mkdocs_api.memoize_template`). A page the
navigation lists, or any page while an item of the navigation is active, is rendered as usual.
``tests/test_site_theme_cache.py`` checks the written pages against a build without it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

from . import mkdocs_api

PARTIALS = ("partials/nav.html", "partials/tabs.html")


def _items(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or [])


class UnlistedPageKey:
    """The key of a page's navigation: its folder and base URL, or None when the page is listed
    in the navigation or an item of it is active (then the navigation is rendered as usual)."""

    def __init__(self) -> None:
        self._nav: Any = None
        self._listed: set[int] = set()
        self._items: list[Any] = []

    def __call__(self, context: Any) -> Hashable | None:
        nav, page = context.get("nav"), context.get("page")
        if nav is None or page is None or getattr(page, "url", None) is None:
            return None
        if nav is not self._nav:  # one navigation a build: read once
            self._nav = nav
            self._items = list(_items(list(nav.items)))
            self._listed = {id(item) for item in self._items} | {id(p) for p in nav.pages}
        if id(page) in self._listed or page.parent is not None or any(getattr(i, "active", False) for i in self._items):
            return None
        features = context.get("features")
        return (id(nav), page.url.rpartition("/")[0], context.get("base_url"), tuple(features or ()))


def install(env: Any) -> None:
    """Render the navigation partials of ``env`` (the theme's Jinja environment) once per folder
    for the pages the navigation does not list."""
    key = UnlistedPageKey()
    for name in PARTIALS:
        mkdocs_api.memoize_template(env, name, key)
