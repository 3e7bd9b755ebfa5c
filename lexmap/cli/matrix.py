"""``lexmap matrix``: the indicator-by-instrument matrix (or another ROWS x COLS) as a file."""

from __future__ import annotations

import click

from ..exports.formats import DEFAULT_VALUE, FormatError, OutputCase, by_name, by_path, extensions
from ..exports.htmlfile import check_base_url
from ..matrix import VALUES, build_matrix
from .common import (
    KnownChoice,
    check_id,
    check_output,
    corpus_options,
    format_choice,
    load_corpus,
    output_option,
    paper_option,
    profile_option,
    to_stdout,
    write_format,
)
from .errors import UserError

MAX_CELLS = 2_000_000
"""The most cells ``lexmap matrix`` computes and writes without ``--max-cells``: a practices x
elements matrix of a million claims (2.5 billion cells) ran 10 minutes to 9.6 GB, silently."""
PROGRESS_CELLS = 100_000  # past this, say on stderr what is being computed


def _base_url(_ctx, _param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return check_base_url(value)
    except ValueError as error:
        raise UserError(
            str(error), "give the address of the published site, e.g. --base-url https://example.org/lexmap/"
        ) from error


def estimate(corpus, rows: str, cols: str, framework: str | None) -> tuple[int, int]:
    """The number of rows and columns of the matrix, counted without computing it (as
    :func:`lexmap.matrix.build_matrix` lays them out)."""
    if rows == "practices":
        row_count = len(corpus.practices)
    else:
        frameworks = corpus.indicator_frameworks
        chosen = frameworks.get(framework) if framework else next(iter(frameworks.values()), None)
        row_count = len(chosen.indicators) if chosen is not None else 0
    if cols == "instruments":
        col_count = sum(1 for i in corpus.instruments.values() if i.tests)
    elif cols == "tests":
        col_count = len(corpus.tests)
    elif cols == "provisions":
        col_count = len({e.provision for e in corpus.elements.values() if e.provision})
    else:
        col_count = len(corpus.elements)
    return row_count, col_count


@click.command()
@corpus_options
@click.option("--rows", type=click.Choice(["indicators", "practices"]), default="indicators", show_default=True)
@click.option(
    "--cols", type=click.Choice(["instruments", "tests", "provisions", "elements"]), default="instruments", show_default=True
)
@click.option("--framework", help="Indicator framework of the rows (default: the corpus's first).")
@click.option(
    "--value",
    type=KnownChoice(VALUES, "matrix value"),
    default=DEFAULT_VALUE,
    show_default=True,
    help="What a cell shows: count of practices, independent documents, practice ids, or level.",
)
@click.option(
    "--format",
    "fmt",
    type=format_choice("matrix"),
    help=f"Output format (default: from the file's extension, {', '.join(extensions('matrix'))}; else csv).",
)
@output_option
@click.option(
    "--base-url",
    callback=_base_url,
    help="Base URL (http or https) of the reference site, to link cells to practice pages (XLSX, HTML).",
)
@paper_option("XLSX, DOCX")
@click.option(
    "--max-cells",
    type=click.IntRange(min=1),
    default=MAX_CELLS,
    show_default=True,
    help="Refuse a larger matrix (rows x columns) before computing it.",
)
@profile_option
def matrix(path, texts, require_texts, rows, cols, framework, value, fmt, output, base_url, paper, max_cells, profile):
    """Export the ROWS x COLS matrix of the corpus at PATH (default: indicators x instruments).

    \b
    Example:
      lexmap matrix --value level -o matrix.xlsx
    """
    check_output(output, path, texts)
    try:
        chosen = by_name("matrix", fmt or "csv") if fmt or to_stdout(output) else by_path("matrix", output)
    except FormatError as error:
        raise UserError(str(error), "give a file with a known extension, or --format") from error
    if chosen.binary and to_stdout(output):
        raise UserError("XLSX is binary: it cannot go to standard output", "give a file with -o, such as -o matrix.xlsx")
    chosen.ready()
    corpus = load_corpus(path, texts, require_texts, profile)
    check_id(corpus, "indicator_frameworks", "indicator framework", framework)
    row_count, col_count = estimate(corpus, rows, cols, framework)
    cells = row_count * col_count
    shape = f"{row_count:,} {rows} x {col_count:,} {cols} = {cells:,} cells"
    if cells > max_cells:
        raise UserError(
            f"the matrix would have {shape}, more than --max-cells {max_cells:,}",
            "choose coarser columns (--cols tests or instruments) or --rows indicators, "
            "or raise --max-cells to compute it anyway",
        )
    if chosen.name == "xlsx":
        from ..exports.xlsxfile import SheetTooLarge, check_sheet_limits

        try:
            check_sheet_limits(row_count, col_count)
        except SheetTooLarge as error:
            raise UserError(
                str(error), "choose coarser columns (--cols tests or instruments), or write CSV (-o matrix.csv)"
            ) from error
    if cells > PROGRESS_CELLS:
        click.echo(f"computing the matrix: {shape}, from {len(corpus.claims):,} claims", err=True)
    try:
        table = build_matrix(corpus, rows, cols, framework=framework)
    except (KeyError, ValueError) as error:
        raise UserError(str(error).strip("'\""), "see 'lexmap matrix --help'") from error
    try:
        write_format(chosen, table, output, path, texts, OutputCase.of(corpus, value=value, base_url=base_url, paper=paper))
    except ValueError as error:  # a spreadsheet past its limits
        raise UserError(str(error), "write CSV (-o matrix.csv), or choose coarser columns") from error
    if not to_stdout(output):
        click.echo(f"wrote {output} ({len(table.rows)} rows x {len(table.cols)} columns, {chosen.name})", err=True)
