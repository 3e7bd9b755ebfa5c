"""The raw HTML of generated pages, kept out of mkdocs' way until the page is written.

A generated page is Markdown headings around raw HTML blocks. Python-Markdown would only
parse the blocks (md_in_html, html.parser) to pass them through, Material's search plugin
would scan them with a regular expression, and the theme would copy them into the page: on
a large site that is much of the build. So each block is replaced by a placeholder paragraph
before Markdown (:func:`set_aside`), and put back in the written page (:func:`put_back`),
spaced as Markdown spaces raw HTML: the site is byte-identical to one built without this.
The placeholders carry a token drawn for each process, which no data can guess.
"""

from __future__ import annotations

import re
import secrets

_TOKEN = secrets.token_hex(8)
_HEADING = re.compile(r"\n(#{1,6} [^\n]*)")
"""A heading line, after its line break: a pattern that opens with a literal is searched fast."""
_PLACEHOLDER = re.compile(rf"<p>LXRAW{_TOKEN}N(\d+)X</p>")
PLACEHOLDER_TOKEN = re.compile(rf"LXRAW{_TOKEN}N\d+X")
"""A placeholder in the Markdown of a page."""


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each raw HTML block between its headings replaced by a placeholder
    paragraph, and the blocks."""
    blocks: list[str] = []
    out: list[str] = []
    markdown = "\n" + markdown
    position = 1
    for heading in [*_HEADING.finditer(markdown), None]:
        end = heading.start(1) if heading else len(markdown)
        chunk = markdown[position:end]
        if chunk.strip().startswith("<"):
            out.append(f"\n\nLXRAW{_TOKEN}N{len(blocks)}X\n\n")
            blocks.append(chunk.strip())
        else:
            out.append(chunk)
        if heading:
            out.append(heading.group(1))
            position = heading.end()
    return "".join(out), blocks


def spaced(html: str) -> str:
    """Markdown's HTML of a set-aside page with the line break Markdown puts after a raw HTML
    block added after each placeholder (all but one that ends the page)."""
    return _PLACEHOLDER.sub(lambda m: m.group(0) + ("\n" if m.end() < len(html) else ""), html)


H1_ASIDE = "<!--<h1> set aside by lexmap-->"
"""Added to a page whose set-aside HTML holds its ``<h1>`` until the page is written: Material's
template adds a title ``<h1>`` to content that has none."""


def put_back(html: str, blocks: list[str]) -> str:
    """``html`` (a :func:`spaced` page, or the whole written page) with its blocks in place of
    their placeholders (and without :data:`H1_ASIDE`)."""
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], html.replace(H1_ASIDE, "", 1))
