"""``lexmap matrix``: the indicator-by-instrument matrix (or another ROWS x COLS) as a file."""

from __future__ import annotations

from pathlib import Path

import click

from ..exports import MATRIX_FORMATS, format_of, render_matrix
from ..exports.atomic import write_atomic
from ..matrix import VALUES, build_matrix
from .common import corpus_path, load_corpus


@click.command()
@corpus_path
@click.option("--rows", type=click.Choice(["indicators", "practices"]), default="indicators", show_default=True)
@click.option("--cols", type=click.Choice(["instruments", "tests", "provisions", "elements"]), default="instruments", show_default=True)
@click.option("--framework", help="Indicator framework of the rows (default: the corpus's first).")
@click.option("--value", type=click.Choice(VALUES), default="count", show_default=True,
              help="What a cell shows: count of practices, independent documents, practice ids, or level.")
@click.option("--format", "fmt", type=click.Choice(MATRIX_FORMATS), help="Output format (default: from the file name, else csv).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: standard output).")
@click.option("--base-url", help="Base URL of the reference site, to link cells to practice pages (XLSX, HTML).")
def matrix(path, rows, cols, framework, value, fmt, output, base_url):
    """Export the ROWS x COLS matrix of the corpus at PATH (default: indicators x instruments).

    \b
    Example:
      lexmap matrix --value level -o matrix.xlsx
    """
    corpus = load_corpus(path, ())
    fmt = fmt or (format_of(output) if output else None) or "csv"
    if fmt == "xlsx" and output is None:
        raise click.UsageError("XLSX is binary: give a file with -o")
    try:
        table = build_matrix(corpus, rows, cols, framework=framework)
    except (KeyError, ValueError) as error:
        raise click.UsageError(str(error)) from error
    data = render_matrix(table, corpus, fmt, value, base_url)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data)
        click.echo(f"wrote {output} ({len(table.rows)} rows x {len(table.cols)} columns, {fmt})", err=True)
