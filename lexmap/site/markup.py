"""Text from the data made safe for the generated pages: as a Markdown heading, in a raw HTML
block, as a link."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..urls import is_web_address

# Characters Markdown (with the extensions mkdocs-material uses) may read as syntax.
MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|~^=:<>&\"'$%@/;")


def heading_text(text: object) -> Markup:
    """Text safe as the content of a Markdown heading: one line, HTML-escaped, and every
    character Markdown could read as syntax written as a numeric entity."""
    flat = " ".join(str(text).split())
    return Markup("".join(f"&#{ord(c)};" if c in MARKDOWN_SPECIAL else c for c in flat))


def multiline(text: object) -> Markup:
    """Escaped text for a raw HTML block, line breaks kept as ``&#10;`` so that no blank line
    ends the HTML block early (CSS ``white-space: pre-line`` shows them)."""
    return Markup(str(escape(str(text).strip())).replace("\n", "&#10;"))


_EDITORIAL = re.compile(r"\((?:official text|text|official-text url|url) not recorded\b", re.I)
"""Where the compiler's remark starts. Its end is the heading's last ``)``, found with str methods:
the pattern ``\\s*\\((...).*\\)\\s*$`` read a run of spaces again from each of its spaces (a
heading of 300,000 spaces: 230 s of site build)."""


def editorial_split(heading: str) -> tuple[str, str | None]:
    """A provision heading apart from the compiler's remark appended to it in parentheses
    ("Definitions (official text not recorded (...))" -> the heading, the remark)."""
    body = heading.rstrip()
    found = _EDITORIAL.search(body) if body.endswith(")") else None
    if not found or found.end() >= len(body):
        return heading, None
    remark = body[found.start() + 1 : -1]
    return heading[: found.start()].rstrip(), remark[0].upper() + remark[1:] + "."


def safe_url(value: str | None) -> str | None:
    """Only web addresses become links (:func:`lexmap.urls.is_web_address`, the check validation
    makes): a ``javascript:`` URL in the data stays text."""
    return value if is_web_address(value) else None
