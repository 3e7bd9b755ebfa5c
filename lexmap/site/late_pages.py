"""Generated pages made when mkdocs writes them, not when it reads every page first.

mkdocs reads (and renders) every page before it writes any, so the Markdown, set-aside HTML
and table of contents of the whole site wait in memory together (issue 29: 2.4 GB at 100x).
Yet a page the navigation does not list (every practice, document and chart of a large site)
is read by no other page: the theme renders only the navigation's pages' titles, the sitemap
only URLs, and anchors are checked once every page is written. Such a page is a
:class:`LatePage`: when mkdocs reads it, it is an empty page (no plugin event sees its
content), and :func:`populate` reads and renders it for real, with every plugin's events, as
the first thing its writing does (the hook's ``on_page_context``). Memory then holds the pages
of the navigation and the one being written. ``lexmap site serve``, which renders pages again
after an edit, reads every page first as mkdocs does.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .headings import GeneratedPage
from .mkdocs_api import populate_page, set_rendered


class LatePage(GeneratedPage):
    """A generated page read and rendered when it is written (:func:`populate`)."""

    waiting = True

    def read_source(self, config: MkDocsConfig) -> None:
        if self.waiting:  # mkdocs reading every page first: nothing yet
            self.markdown, self.meta = "", {}
            return
        super().read_source(config)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.waiting:
            set_rendered(self, "", [], None, set())
            return
        super().render(config, files)


def listed(nav: list) -> set[str]:
    """The pages a navigation (``config.nav``, as the hook writes it) names."""
    found: set[str] = set()
    stack: list[Any] = list(nav)
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def populate(page: Any, config: MkDocsConfig, files: Files) -> bool:
    """Read and render ``page`` now, if it is a :class:`LatePage` still waiting; whether it was."""
    if not isinstance(page, LatePage) or not page.waiting:
        return False
    page.waiting = False
    populate_page(page, config, files)
    return True
