"""The ``lexmap`` command: a thin layer over the library."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .exports import MATRIX_FORMATS, format_of, render_matrix
from .exports.atomic import write_atomic
from .loader import load
from .matrix import VALUES, build_matrix
from .problems import CorpusError

corpus_path = click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
texts_option = click.option(
    "--texts", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of plain-text copies of documents, to check quotes against (repeatable).",
)


def _load(path, texts):
    try:
        return load(path, texts=list(texts) or None)
    except CorpusError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        count = len(error.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
        sys.exit(1)


@click.group()
@click.version_option(package_name="lexmap")
def main() -> None:
    """Map legal instruments to alleged practices, and the documents that argue each link."""


@main.command()
@corpus_path
@texts_option
def validate(path, texts):
    """Check the corpus at PATH (default: the bundled corpus); list every problem, exit 1 if any."""
    corpus = _load(path, texts)
    checked = len(corpus.texts_checked)
    click.echo(f"OK: {corpus.root} is valid ({checked} document text{'s' if checked != 1 else ''} used to check quotes).")


@main.command()
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
    corpus = _load(path, ())
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


@main.command()
@corpus_path
@texts_option
def info(path, texts):
    """Print how many records of each kind the corpus at PATH holds."""
    corpus = _load(path, texts)
    click.echo(f"corpus: {corpus.root}")
    counts = corpus.counts()
    width = max(map(len, counts))
    for kind, count in counts.items():
        click.echo(f"  {kind:<{width}}  {count:>6}")


# Commands of their own modules, which import the helpers above.
from .exports.cli import export  # noqa: E402
from .site.cli import site  # noqa: E402

main.add_command(export)
main.add_command(site)
