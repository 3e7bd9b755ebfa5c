"""Search entries of the generated pages without mkdocs-material's HTML parser.

Material's search plugin divides every rendered page into sections with ``html.parser``
and a parser whose every callback scans sets of elements: on a large site that is the
largest part of the build. The pages lexmap generates are HTML that lexmap wrote itself
(Jinja with autoescape, Python-Markdown's headings), in which every ``<`` opens a tag and
every ``>`` inside a tag is escaped, so a regular expression splits them into tags and
text exactly. :func:`sections` reads them that way and follows Material's rules one by one
(sections at headings with an id; text kept, tags kept or dropped; ``script``, ``style``,
``object`` and ``data-search-exclude`` skipped, an excluded element in one pass; permalinks
left out of titles), and gives Material's own ``Section`` objects, which Material's index
turns into entries. ``tests/test_site_search.py`` checks that the search index of whole sites
is byte-identical to the one Material's parser gives. The hook uses it only when it can reach
Material's index; otherwise Material indexes every page itself.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from .mkdocs_api import Element, Page, Section, add_search_entries, material_index, material_search

__all__ = ["REPEATED", "attributes", "index_page", "material_index", "material_search", "sections"]

_TOKEN = re.compile(r"<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)([^>]*)>|<!--.*?-->|<![^>]*>|<\?[^>]*>", re.S)
"""A start or end tag; or a comment, declaration or processing instruction (no text)."""
_RAW = ("script", "style")
"""Elements whose content html.parser reads as text up to their end tag."""
_RAW_CONTENT = re.compile(r"(<(script|style)\b[^>]*>).*?(</\2\s*>)", re.S | re.I)
_ATTRIBUTE = re.compile(r"""([^\s/>"'=][^\s/>=]*)(?:\s*=+\s*("[^"]*"|'[^']*'|(?!['"])[^>\s]*))?""")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
_ALWAYS_SKIPPED = ("object", "script", "style")


def _may_matter(raw: str) -> bool:
    """Whether a tag's attributes may hold what Material looks at (besides headings' ids)."""
    low = raw.lower()
    return "data-search-exclude" in low or "linenodiv" in low or "headerlink" in low


def _has_id(raw: str) -> bool:
    return "id" in raw.lower() and "id" in attributes(raw)


REPEATED = '<section class="lx-statements" data-search-exclude>'
"""How a list of statement cards shown away from their own page opens (the ``statements``
macro of the templates). It is left out of the index, and its cards close every element they
open, so Material skips it whole: its content is dropped before reading, unread."""


def _without_repeated(html: str) -> str:
    start = html.find(REPEATED)
    if start < 0:
        return html
    kept, position = [], 0
    while start >= 0:
        kept.append(html[position : start + len(REPEATED)])
        position = html.index("</section>", start)
        start = html.find(REPEATED, position)
    kept.append(html[position:])
    return "".join(kept)


def index_page(index: Any, page: Page, content: str) -> None:
    """Add the entries of ``page``, whose HTML is ``content``, to Material's ``index``, as
    Material's own ``add_entry_from_context`` would."""
    add_search_entries(index, sections(_without_repeated(content)), page)


def attributes(raw: str) -> dict[str, str | None]:
    """A tag's attributes as html.parser gives them to Material (names in lower case, values
    unquoted and unescaped, None for a bare name; the last of a repeated name wins)."""
    found: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(raw):
        value = match.group(2)
        if value is not None:
            value = unescape(value[1:-1] if value[:1] in ("'", '"') else value)
        found[match.group(1).lower()] = value
    return found


class _Reader:
    """Material's ``Parser``, callback for callback. Material compares elements by tag name
    alone, so its set of skipped elements is a set of tag names, and "inside the section's
    heading" means "inside an element with the heading's tag": the state is kept in those
    terms (lists and sets of strings, which is what makes it fast)."""

    def __init__(self) -> None:
        self.tags: list[str] = []  # the open elements
        self.permalinks: list[bool] = []  # whether each is an <a class="headerlink">
        self.skip = set(_ALWAYS_SKIPPED)
        self.section: Section | None = None
        self.data: list[Section] = []

    def _open_section(self, element: Element, depth: int = 0) -> Section:
        self.section = Section(element, depth)
        self.data.append(self.section)
        return self.section

    def start(self, tag: str, raw: str) -> None:
        if tag in _VOID:
            return
        attrs = attributes(raw) if _may_matter(raw) or tag in _HEADINGS else {}
        tags = self.tags
        tags.append(tag)
        self.permalinks.append(tag == "a" and attrs.get("class") == "headerlink")
        if tag in _HEADINGS and "id" in attrs:
            depth = len(tags)
            if tag != "h1" and not self.data:
                self._open_section(Element("hx"), depth)
            had_sections = bool(self.data)
            opened = self._open_section(Element(tag, attrs), depth)
            if had_sections:
                opened.id = attrs["id"]
        section = self.section if self.section is not None else self._open_section(Element("hx"))
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            self.skip.add(tag)
            return
        if tag in _KEEP and self.skip.isdisjoint(tags):
            (section.title if section.el.tag in tags else section.text).append(f"<{tag}>")

    def end(self, tag: str) -> None:
        tags = self.tags
        if not tags or tags[-1] != tag:
            return
        current = self.section
        assert current is not None, "every open element opened a section"
        if current.depth > len(tags):
            for section in reversed(self.data):
                if section.depth <= len(tags):
                    current.depth = float("inf")
                    self.section = current = section
                    break
        tags.pop()
        self.permalinks.pop()
        if tag in self.skip:
            if tag not in _ALWAYS_SKIPPED:
                self.skip.remove(tag)
            return
        if tag in _KEEP and self.skip.isdisjoint(tags):
            data = current.title if current.el.tag in tags else current.text
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):  # an element with no text is dropped
                if not data[i].isspace():
                    data.append(f"</{tag}>")
                    return
            del data[index:]

    def text(self, data: str) -> None:
        tags = self.tags
        if not self.skip.isdisjoint(tags):
            return
        if "&" in data:
            data = unescape(data)
        if "pre" not in tags:
            data = " " if data.isspace() else data.replace("\n", " ")
        section = self.section if self.section is not None else self._open_section(Element("hx"))
        if section.el.tag in tags:
            if not any(self.permalinks):
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            text = section.text
            if not text or not text[-1].isspace() or "pre" in tags:
                text.append(data)
        else:
            section.text.append(escape(data, quote=False))

    def skipped(self, parts: list[str | None], i: int, tag: str) -> int:
        """Where the content of the skipped element ``tag`` opened before ``parts[i]`` ends (the
        index of the text before its end tag), when Material would only open and close
        elements in it: every element inside closed in order; no heading with an id; no script
        or style; no element of a tag already skipped (an element excluded inside is then
        skipped and closed, leaving the set as it was). Reading it could add nothing. Else
        ``i``, and the content is read tag by tag."""
        stack = [tag]
        for j in range(i, len(parts) - 3, 4):
            closing, name, raw = parts[j + 1], parts[j + 2], parts[j + 3] or ""  # raw: a str where name is one
            if name is None:
                continue
            name = name.lower()
            if closing:
                if stack.pop() != name:
                    return i
                if not stack:
                    return j
            elif name in _RAW or name in self.skip or (name in _HEADINGS and _has_id(raw)):
                return i
            elif name not in _VOID and not raw.endswith("/"):
                stack.append(name)
        return i


def sections(html: str) -> list[Section]:
    """The sections of a page's HTML, with their titles and texts, as Material divides it."""
    lower = html.lower()
    if "<script" in lower or "<style" in lower:
        html = _RAW_CONTENT.sub(r"\1\3", html)  # read as text by html.parser, and always skipped
    parts = _TOKEN.split(html)  # text, then (closing slash, tag, attributes, text) for each tag
    reader = _Reader()
    start, end, text, skip = reader.start, reader.end, reader.text, reader.skip
    i, last = 0, len(parts) - 1
    while True:
        if parts[i]:
            text(parts[i])
        if i == last:
            return reader.data
        closing, tag, raw = parts[i + 1], parts[i + 2], parts[i + 3]
        i += 4
        if tag is None:  # a comment, declaration or processing instruction
            continue
        tag = tag.lower()
        if closing:
            end(tag)
            continue
        start(tag, raw)
        if raw.endswith("/"):
            end(tag)
        elif tag in skip and tag not in _ALWAYS_SKIPPED and tag not in _VOID:
            i = reader.skipped(parts, i, tag)
