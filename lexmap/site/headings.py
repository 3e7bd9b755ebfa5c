"""Generated pages rendered without Python-Markdown, when Markdown would only make headings.

Once its raw HTML is set aside (:mod:`lexmap.site.raw_html`), a generated page is ATX headings
(text escaped by :func:`lexmap.site.markup.heading_text`, an optional ``{ #id }``) and
placeholder paragraphs. Markdown's whole work on that is to give each heading its id (the
``toc`` extension's slug, made unique) and its permalink; yet building a Markdown parser and
running it cost mkdocs as much, per page, as all the rest of its work on a plain page.
:func:`render` does that work directly, with the ``toc`` extension's own ``slugify``,
``unique`` and ``nest_toc_tokens``, and :class:`GeneratedPage` uses it. Anything else in the
page, or Markdown settings other than lexmap's own (:func:`supported`), and the page goes
through Markdown as usual. ``tests/test_site_headings.py`` checks every generated page of
three corpora and a list of awkward headings against mkdocs' own rendering.
"""

from __future__ import annotations

import html
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from . import raw_html
from .markup import MARKDOWN_SPECIAL
from .mkdocs_api import Page, nest_toc_tokens, release_source, set_rendered, slugify, unique

_BLANK_LINES = re.compile(r"(?:\A|\n)(?:[ \t]*(?:\n|\Z))+|\n\Z")
_EXTENSIONS = {"toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition"}
"""The Markdown extensions of lexmap's sites (mkdocs-base.yml, with mkdocs' own)."""
_SETTINGS = {"toc": {"permalink": True}}

_SPECIAL = re.escape("".join(sorted(MARKDOWN_SPECIAL)))
_WORD = rf"(?:[^\s\x00-\x1f\x7f{_SPECIAL}]|&#[0-9]{{2,3}};)+"
_HEADING = re.compile(rf"(#{{1,6}}) ({_WORD}(?: {_WORD})*)(?: \{{ #([A-Za-z][A-Za-z0-9_-]*) \}})?")
"""A heading Markdown would leave as it is: words of characters no inline pattern reads, or
numeric entities, single spaces between them; an id of plain characters."""


def supported(config: MkDocsConfig) -> bool:
    """Whether the site renders Markdown as lexmap's own settings do (else: Markdown it is)."""
    extensions = config.markdown_extensions
    return all(isinstance(e, str) for e in extensions) and set(extensions) == _EXTENSIONS and config.mdx_configs == _SETTINGS


def render(markdown: str) -> tuple[str, list[Any], str | None, set[str]] | None:
    """The HTML, table-of-contents tokens, title (the text of a first ``<h1>``) and anchor ids
    Markdown would give ``markdown``, when it is only headings and placeholders of set-aside
    HTML, each placeholder a paragraph of its own; else None."""
    blocks: list[tuple[int | None, str, str | None]] = []  # (level, text, id or None); (None, line, None) for a placeholder
    for chunk in _BLANK_LINES.split(markdown):
        if not chunk:
            continue
        lines = chunk.split("\n")
        if len(lines) == 1 and raw_html.PLACEHOLDER_TOKEN.fullmatch(lines[0]):
            blocks.append((None, lines[0], None))
            continue
        for line in lines:
            found = _HEADING.fullmatch(line)
            if found is None:
                return None
            blocks.append((len(found.group(1)), found.group(2), found.group(3)))

    used = {id_ for level, _, id_ in blocks if id_ is not None}
    counters: dict[str, int] = {}
    out: list[str] = []
    tokens: list[Any] = []  # the toc extension's flat tokens
    for level, text, id_ in blocks:
        if level is None:
            out.append(f"<p>{text}</p>")
            continue
        if id_ is None:
            id_ = unique(slugify(html.unescape(text), "-"), used, counters)
        out.append(f'<h{level} id="{id_}">{text}<a class="headerlink" href="#{id_}" title="Permanent link">&para;</a></h{level}>')
        tokens.append({"level": level, "id": id_, "name": text, "html": text, "data-toc-label": ""})
    title = blocks[0][1] if blocks and blocks[0][0] == 1 else None
    ids = {token["id"] for token in tokens}
    return "\n".join(out), nest_toc_tokens(tokens), title, ids


class GeneratedPage(Page):
    """A page of lexmap's, rendered by :func:`render` when it can be, else by mkdocs."""

    def read_source(self, config: MkDocsConfig) -> None:
        """As mkdocs reads it, then the file lets go of its copy: mkdocs reads a page's source
        once, and a 100x site's pages hold a gigabyte of Markdown until the build ends."""
        super().read_source(config)
        release_source(self.file)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        done = render(self.markdown) if self.markdown is not None and supported(config) else None
        if done is None:
            return super().render(config, files)
        set_rendered(self, *done)
