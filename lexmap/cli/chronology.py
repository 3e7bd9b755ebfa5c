"""What ``lexmap export chronology`` says once the file is written (the registry writes it)."""

from __future__ import annotations

from ..chronology import UNDATED, chronology


def chronology_summary(corpus) -> str:
    events = chronology(corpus)
    undated = sum(1 for e in events if e.certainty == UNDATED)
    return f"{len(events)} statements, {len(events) - undated} with an event date in order, {undated} undated (listed last)"
