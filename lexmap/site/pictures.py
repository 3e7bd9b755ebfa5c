"""Pictures of where the argument stands, drawn at build time as inline SVG (no script).

A legal test is drawn as an icicle: the test spans the full width on top, each
element's parts share its width on the row below, so the shape of the tree and
the level of every element show at a glance. Colours come from
:mod:`lexmap.palette` (the site's CSS classes take over in the dark scheme);
contested elements are also hatched and marked, so the picture reads without
colour. Every picture carries its text: an ``aria-label`` and a visually hidden
list that screen readers read instead.
"""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup, escape

from .. import palette
from ..coverage import Coverage, ElementCoverage

WIDTH = 240
ROW = 14


def _leaves(element) -> int:
    return sum(_leaves(c) for c in element.children) if element.children else 1


def summary(cov: Coverage) -> str:
    """One sentence: the test's level and how many of its elements are at each level."""
    counts = Counter(row.level for row in cov)
    contested = sum(row.contested for row in cov)
    parts = [f"{counts[level]} {level}" for level in ("corroborated", "argued", "unargued") if counts[level]]
    n = len(cov.elements)
    text = f"{cov.test.label}: {cov.elements[0].status}. {n} element{'s' if n != 1 else ''}: {', '.join(parts)}"
    return text + (f"; {contested} contested." if contested else ".")


def _rect(row: ElementCoverage, x: float, y: float, w: float, hatch: str) -> str:
    level = row.level
    swatch = palette.BY_NAME[level]
    label = escape(f"{row.element.label}: {row.status}")
    dash = ' stroke-dasharray="3 2"' if level == "unargued" else ""
    out = (
        f'<g><title>{label}</title><rect class="lx-svg-{level}" x="{x + 0.5:.1f}" y="{y + 0.5:.1f}" '
        f'width="{max(w - 1, 1):.1f}" height="{ROW - 1}" fill="{swatch.fill}" stroke="{swatch.colour}"{dash}/>'
    )
    if row.contested:
        out += (
            f'<rect x="{x + 0.5:.1f}" y="{y + 0.5:.1f}" width="{max(w - 1, 1):.1f}" height="{ROW - 1}" '
            f'fill="url(#{hatch})" stroke="none"/>'
            f'<path class="lx-svg-marker" d="M{x + w - 8:.1f} {y + 1} h7 v7 z" fill="{palette.CONTESTED.colour}"/>'
        )
    return out + "</g>"


def test_picture(cov: Coverage, key: str) -> Markup:
    """The icicle of ``cov`` as an ``<figure>`` holding an SVG and its text equivalent.

    ``key`` makes the SVG's pattern id unique on the page (several pictures share one page).
    """
    rows = {row.element.id: row for row in cov}
    depth = max(row.depth for row in cov) + 1
    height = depth * ROW
    hatch = f"lx-hatch-{key}"
    shapes: list[str] = []

    def draw(element, x: float, w: float, level: int) -> None:
        shapes.append(_rect(rows[element.id], x, level * ROW, w, hatch))
        total = _leaves(element)
        for child in element.children:
            cw = w * _leaves(child) / total
            draw(child, x, cw, level + 1)
            x += cw

    draw(cov.test, 0, WIDTH, 0)
    text = summary(cov)
    items = "".join(f"<li>{escape(row.element.label)}: {escape(row.status)}</li>" for row in cov)
    svg = (
        f'<svg class="lx-icicle" role="img" aria-label="{escape(text)}" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(text)}</title>"
        f'<defs><pattern id="{hatch}" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<line x1="0" y1="0" x2="0" y2="7" stroke="{palette.CONTESTED.colour}" stroke-width="1.5"/></pattern></defs>'
        + "".join(shapes)
        + "</svg>"
    )
    return Markup(f'<span class="lx-picture">{svg}<span class="lx-sr"><ul>{items}</ul></span></span>')
