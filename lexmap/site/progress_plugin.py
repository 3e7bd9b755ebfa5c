"""Progress of a site build (:mod:`lexmap.progress`): pages read (Markdown) and pages written
(HTML), each a bar, from mkdocs' own events.

A plugin added by :func:`lexmap.site.build.build_site` after the configuration is loaded, so it
runs after lexmap's hook has generated the pages (its ``on_files``) and sees all of them. It
only counts: what the build writes is the same with it or without it.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

from mkdocs.plugins import BasePlugin

from .. import progress


class SiteProgress(BasePlugin):
    """Counts the pages mkdocs reads, then those it writes."""

    def __init__(self) -> None:
        super().__init__()
        self._bars = ExitStack()
        self._pages = 0
        self._bar: Any = None
        self._stage = ""

    def _start(self, stage: str, description: str) -> None:
        self._bars.close()
        self._stage = stage
        self._bar = self._bars.enter_context(progress.bar(description, self._pages, unit="page"))

    def on_files(self, files, config):
        self._pages = sum(1 for _ in files.documentation_pages())
        self._start("read", "lexmap: reading the site's pages")
        return files

    def on_page_markdown(self, markdown, page, config, files):
        if self._stage == "read":
            self._bar.update(1)
        return markdown

    def on_env(self, env, config, files):
        self._start("write", "lexmap: writing the site's pages")
        return env

    def on_post_page(self, output, page, config):
        if self._stage == "write":
            self._bar.update(1)
        return output

    def on_post_build(self, config) -> None:
        self._close()

    def on_build_error(self, error) -> None:
        self._close()

    def _close(self) -> None:
        self._bars.close()
        self._stage = ""
