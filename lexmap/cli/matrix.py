"""``lexmap matrix``: the indicator-by-instrument matrix (or another ROWS x COLS) as a file."""

from __future__ import annotations

import click

from ..exports import MATRIX_EXTENSIONS, MATRIX_FORMATS, matrix_format_for, render_matrix
from ..matrix import VALUES, build_matrix
from .common import check_id, check_output, corpus_options, load_corpus, output_option, to_stdout, write_output
from .errors import UserError


@click.command()
@corpus_options
@click.option("--rows", type=click.Choice(["indicators", "practices"]), default="indicators", show_default=True)
@click.option("--cols", type=click.Choice(["instruments", "tests", "provisions", "elements"]), default="instruments", show_default=True)
@click.option("--framework", help="Indicator framework of the rows (default: the corpus's first).")
@click.option("--value", type=click.Choice(VALUES), default="count", show_default=True,
              help="What a cell shows: count of practices, independent documents, practice ids, or level.")
@click.option("--format", "fmt", type=click.Choice(MATRIX_FORMATS),
              help=f"Output format (default: from the file's extension, {', '.join(MATRIX_EXTENSIONS)}; else csv).")
@output_option
@click.option("--base-url", help="Base URL of the reference site, to link cells to practice pages (XLSX, HTML).")
def matrix(path, texts, require_texts, rows, cols, framework, value, fmt, output, base_url):
    """Export the ROWS x COLS matrix of the corpus at PATH (default: indicators x instruments).

    \b
    Example:
      lexmap matrix --value level -o matrix.xlsx
    """
    check_output(output, path, texts)
    if fmt is None and not to_stdout(output):
        try:
            fmt = matrix_format_for(output)
        except ValueError as error:
            raise UserError(str(error), "give a file with a known extension, or --format") from error
    fmt = fmt or "csv"
    if fmt == "xlsx" and to_stdout(output):
        raise UserError("XLSX is binary: it cannot go to standard output", "give a file with -o, such as -o matrix.xlsx")
    corpus = load_corpus(path, texts, require_texts)
    check_id(corpus, "indicator_frameworks", "indicator framework", framework)
    try:
        table = build_matrix(corpus, rows, cols, framework=framework)
    except (KeyError, ValueError) as error:
        raise UserError(str(error).strip("'\""), "see 'lexmap matrix --help'") from error
    data = render_matrix(table, corpus, fmt, value, base_url)
    write_output(output, data, path, texts)
    if not to_stdout(output):
        click.echo(f"wrote {output} ({len(table.rows)} rows x {len(table.cols)} columns, {fmt})", err=True)
