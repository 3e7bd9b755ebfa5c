"""A practice's time line, drawn at build time as inline SVG (no script), with its text beside it.

Each dated statement about the practice (or a part of it) is one row: a bar from the first to
the last day its ``when`` may mean (a dot for a single day), on an axis of years. The dates are
those of the conduct, never of the documents. The picture has an ``aria-label`` and the table
under it says everything the picture shows, so nothing is in the picture alone."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

from .. import palette
from ..chronology import Event

WIDTH, LEFT, RIGHT, ROW, AXIS = 480, 84, 18, 18, 22
KINDS = {"claim": "argued", "attestation": "corroborated", "exhibit": "argued"}
"""The palette swatch of each kind of statement (a fact reported, a legal argument)."""


def events_by_practice(events: Iterable[Event], wholes: Callable[[str], list[str]]) -> dict[str, list[Event]]:
    """The dated events of each practice, its parts' included (``wholes(p)``: p and every
    practice it is part of), in the chronology's order."""
    found: dict[str, list[Event]] = {}
    for event in events:
        if event.lower is None:
            continue
        for practice in wholes(event.practice):
            found.setdefault(practice, []).append(event)
    return found


def _day(text: str) -> float:
    day = datetime.date.fromisoformat(text)
    return day.year + (day.timetuple().tm_yday - 1) / 366


def timeline(events: list[Event], label: str, name: Callable[[str], str], key: Callable[[Event], str] | None = None) -> Markup:
    """The time line of ``events`` (dated, in order) as a ``<figure>``: the SVG and its table.
    ``name(id)`` gives a record's name for the table; ``key(event)``, a short mark written before
    each bar's date and in the table (the case's line: which practice), so the picture tells them apart."""
    if not events:
        return Markup("")
    marks = [f"{key(e)} " if key else "" for e in events]
    left = max(LEFT, 12 + 6.5 * max(len(m + (e.when or "")) for m, e in zip(marks, events, strict=True)))
    start = int(min(_day(e.lower) for e in events if e.lower))
    end = int(max(_day(e.upper) for e in events if e.upper)) + 1
    span = max(end - start, 1)
    scale = (WIDTH - left - RIGHT) / span
    height = AXIS + ROW * len(events) + 4
    first, last = events[0].when, events[-1].when
    summary = f"Time line of {label}: {len(events)} dated statement{'s' if len(events) != 1 else ''}, from {first} to {last}."
    parts = [
        f'<svg class="lx-timeline" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{escape(summary)}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    step = 1 if span <= 12 else 5 if span <= 60 else 10
    for year in range(start, end + 1):
        if (year - start) % step and year != end:
            continue
        x = left + (year - start) * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{AXIS - 4}" x2="{x:.1f}" y2="{height}" stroke="#999" stroke-width="0.5"/>'
            f'<text x="{x:.1f}" y="{AXIS - 8}" font-size="11" text-anchor="middle" fill="currentColor">{year}</text>'
        )
    for row, (mark, event) in enumerate(zip(marks, events, strict=True)):
        y = AXIS + row * ROW
        x1, x2 = left + (_day(event.lower or "") - start) * scale, left + (_day(event.upper or "") + 1 / 366 - start) * scale
        swatch = palette.BY_NAME[KINDS.get(event.kind, "argued")]
        tip = escape(
            f"{event.when} ({event.certainty}): {event.kind} {event.statement} on {event.practice_label}, {event.document_title}"
        )
        parts.append(
            f'<g><title>{tip}</title><text x="{left - 6:.1f}" y="{y + 12}" font-size="11" text-anchor="end" '
            f'fill="currentColor">{escape(mark + (event.when or ""))}</text>'
            f'<rect x="{x1:.1f}" y="{y + 3}" width="{max(x2 - x1, 3):.1f}" height="{ROW - 6}" rx="2" '
            f'fill="{swatch.fill}" stroke="{swatch.colour}"/></g>'
        )
    parts.append("</svg>")
    rows = "".join(
        f'<tr><td class="lx-nowrap">{escape(e.when or "")}</td><td>{escape(e.certainty)}</td>'
        f'<td class="lx-nowrap">{escape(e.kind)}</td><td>{escape(mark)}{escape(name(e.practice))}</td>'
        f"<td>{escape(name(e.document))}, {escape(e.pinpoint)}</td><td>{escape(e.bound)}</td></tr>"
        for mark, e in zip(marks, events, strict=True)
    )
    table = (
        '<div class="lx-matrix-wrap"><table class="lx-table"><caption>The same statements in order of the date of the conduct '
        "(not of the documents): event date, certainty, kind, practice, document and pinpoint, and "
        "whether the state was bound then by the instruments argued.</caption>"
        "<thead><tr><th>Event date</th><th>Certainty</th><th>Kind</th><th>Practice</th><th>Document</th>"
        f"<th>State bound then</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )
    return Markup(
        f'<figure class="lx-timeline-figure">{"".join(parts)}<figcaption>{escape(summary)}</figcaption></figure>{table}'
    )
