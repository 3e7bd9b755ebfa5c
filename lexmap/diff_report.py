"""A :class:`lexmap.diff.Diff` as the files a reviewer reads: text (like ``diff``: one line per
change, ``+`` added or opened, ``-`` removed or closed, ``~`` changed), Markdown, HTML and JSON.

Every format says the same lines in the same order, from one list of sections
(:func:`sections`), so that none of them can show what another leaves out."""

from __future__ import annotations

import html
import json
import re

import attrs

from .diff import Diff

FORMATS = {"text": ".txt", "markdown": ".md", "html": ".html", "json": ".json"}
SIGNS = {"added": "+", "removed": "-", "changed": "~", "opened": "+", "closed": "-"}


@attrs.frozen
class Item:
    """One change: its ``change`` word (added, removed, changed, opened, closed), the headline,
    and the lines under it (changed fields, causes, details)."""

    change: str
    headline: str
    details: tuple[str, ...] = ()


@attrs.frozen
class Section:
    title: str
    summary: str
    items: tuple[Item, ...]


def _counted(items: list[Item]) -> str:
    counts = {change: sum(1 for item in items if item.change == change) for change in SIGNS}
    return ", ".join(f"{n} {change}" for change, n in counts.items() if n)


def _records(changes) -> list[Item]:
    return [
        Item(
            c.change,
            f"{c.kind} {c.id}" + (f" ({c.about})" if c.about else ""),
            tuple(f"{f.field}: {f.old} -> {f.new}" for f in c.fields),
        )
        for c in changes
    ]


def sections(found: Diff) -> list[Section]:
    """The changes of ``found``, in the order every format shows them (empty sections left out)."""
    parts: list[tuple[str, list[Item]]] = [
        ("Statements", _records(found.statements)),
        ("Documents, practices, actors and states", _records(found.records)),
        (
            "Levels of (practice, element)",
            [
                Item(
                    "changed",
                    f"{c.practice} -> {c.element}: {c.old.text} -> {c.new.text}",
                    ("its evidence changed: " + ", ".join(c.because),)
                    if c.because
                    else ("no statement or document of its evidence changed (see the law and the other changes)",),
                )
                for c in found.levels
            ],
        ),
        (
            "Matrix cells",
            [
                Item("changed", f"{c.matrix}: {c.row} x {c.col}", tuple(f"{f.field}: {f.old} -> {f.new}" for f in c.fields))
                for c in found.cells
            ],
        ),
        ("Gaps", [Item(g.change, f"{g.kind}: {g.concerns}", (g.detail,)) for g in found.gaps]),
        ("Law and ratification", _records(found.law)),
    ]
    return [Section(title, f"{len(items)}: {_counted(items)}", tuple(items)) for title, items in parts if items]


def _head(found: Diff) -> str:
    return f"Changes from {found.old} to {found.new}"


def to_text(found: Diff) -> str:
    lines = [_head(found)]
    for section in sections(found):
        lines.append(f"{section.title} ({section.summary})")
        for item in section.items:
            lines.append(f"  {SIGNS[item.change]} {item.headline}")
            lines += [f"      {detail}" for detail in item.details]
    if not found.changed:
        lines.append("No change.")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


def md(text: str) -> str:
    """``text`` as Markdown that shows it as written: emphasis, code, links and raw HTML escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))


def to_markdown(found: Diff, heading: str = "#", title: str | None = None) -> str:
    """The diff as Markdown; ``heading`` is the level of its title (sections one below); a
    ``title`` of its own puts the versions compared in a line under it."""
    lines = [f"{heading} {md(title or _head(found))}", ""] + ([f"{md(_head(found))}.", ""] if title else [])
    for section in sections(found):
        lines += [f"{heading}# {md(section.title)} ({md(section.summary)})", ""]
        for item in section.items:
            lines.append(f"- **{item.change}** {md(item.headline)}")
            lines += [f"    - {md(detail)}" for detail in item.details]
        lines.append("")
    if not found.changed:
        lines += ["No change.", ""]
    return "\n".join(lines)


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}"
    ".added,.opened{color:#1a5e1a}.removed,.closed{color:#8b1a1a}.changed{color:#5a4500}"
    "li ul{color:#333;font-family:ui-monospace,monospace;font-size:.9em}"
)


def to_html(found: Diff) -> str:
    e = html.escape
    body = [f"<h1>{e(_head(found))}</h1>"]
    for section in sections(found):
        body.append(f"<h2>{e(section.title)} ({e(section.summary)})</h2>\n<ul>")
        for item in section.items:
            details = "".join(f"<li>{e(d)}</li>" for d in item.details)
            body.append(
                f'<li><span class="{item.change}">{item.change}</span> {e(item.headline)}'
                + (f"<ul>{details}</ul>" if details else "")
                + "</li>"
            )
        body.append("</ul>")
    if not found.changed:
        body.append("<p>No change.</p>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        f"<title>{e(_head(found))}</title><style>{_CSS}</style></head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def to_json(found: Diff) -> str:
    data = {"old": found.old, "new": found.new, "changed": found.changed, **attrs.asdict(found)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


WRITERS = {"text": to_text, "markdown": to_markdown, "html": to_html, "json": to_json}


def render(found: Diff, fmt: str) -> bytes:
    """``found`` in ``fmt`` (a key of :data:`FORMATS`) as UTF-8 bytes."""
    return WRITERS[fmt](found).encode("utf-8")


def format_of(output: str | None, given: str | None) -> str | None:
    """The format ``given``, else the one of ``output``'s extension (None: unknown extension)."""
    if given:
        return given
    if output is None or output == "-":
        return "text"
    for fmt, extension in FORMATS.items():
        if output.lower().endswith(extension) or (fmt == "markdown" and output.lower().endswith(".markdown")):
            return fmt
    if output.lower().endswith(".htm"):
        return "html"
    return None
