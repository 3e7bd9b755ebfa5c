"""Records shown to a reader in a notebook: flat columns and escaped HTML tables, for every
record class (the model's records render themselves with these; nothing here knows the corpus)."""

from __future__ import annotations

import html
from typing import Any

import attrs


def _reference(record: Any) -> str:
    """How a nested record is named in a flat column: its id, else its document, else its state,
    else its short form (a figure: "5–25 percent")."""
    return str(
        getattr(record, "id", None)
        or getattr(record, "document", None)
        or getattr(record, "state", None)
        or getattr(record, "shown", "")
    )


def flat_record(record: Any) -> dict[str, Any]:
    """A record's fields as plain columns: nested records and tuples become text or ids."""
    row = {}
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if isinstance(value, tuple):
            if value and attrs.has(type(value[0])):
                value = "; ".join(_reference(v) for v in value)
            else:
                value = "; ".join(map(str, value))
        elif attrs.has(type(value)):
            value = "; ".join(f"{k}: {v}" for k, v in attrs.asdict(value).items() if v is not None)
        row[field.name] = value
    return row


def record_html(record: Any) -> str:
    """An escaped HTML table of one record's fields (for notebooks)."""
    rows = "".join(
        f"<tr><th style='text-align:left'>{html.escape(k)}</th><td style='text-align:left'>{html.escape(str(v))}</td></tr>"
        for k, v in flat_record(record).items()
        if v not in (None, "")
    )
    return f"<table><caption>{html.escape(type(record).__name__)}</caption>{rows}</table>"
