"""``lexmap export chronology -o c.csv|c.xlsx``: every statement in order of the date of the
conduct it reports (its ``when``), undated ones last (lexmap.chronology)."""

from __future__ import annotations

from pathlib import Path

import click

from ..chronology import UNDATED, chronology
from ..exports.chronology import FORMATS, chronology_bytes
from .common import check_output, load_corpus, to_stdout, write_output
from .errors import UserError

FORMAT = "chronology"


def export_chronology(path, texts, require_texts, output: str | None) -> None:
    """CSV to standard output or a ``.csv`` file, XLSX to a ``.xlsx`` file."""
    fmt = "csv" if to_stdout(output) else FORMATS.get(Path(str(output)).suffix.lower())
    if fmt is None:
        raise UserError(
            f"cannot tell the chronology's format from {output!r}", "name a .csv or .xlsx file, e.g. -o chronology.xlsx"
        )
    check_output(output, path, texts)
    corpus = load_corpus(path, texts, require_texts)
    events = chronology(corpus)
    data = chronology_bytes(events, fmt, f"{corpus.title}: chronology")
    write_output(output, data, path, texts)
    undated = sum(1 for e in events if e.certainty == UNDATED)
    where = "standard output" if to_stdout(output) else output
    click.echo(
        f"wrote {where} ({fmt}): {len(events)} statements, {len(events) - undated} with an event date in order, "
        f"{undated} undated (listed last)",
        err=True,
    )
