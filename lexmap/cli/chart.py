"""``lexmap chart TEST [PATH] -o FILE``: the evidence chart of one legal test (docs/chart.md)."""

from __future__ import annotations

import click

from ..exports.formats import FormatError, OutputCase, by_path, extensions
from ..independence import MODES
from .common import check_id, check_output, corpus_options, load_corpus, profile_option, write_format
from .errors import UserError


@click.command()
@click.argument("test")
@corpus_options
@click.option("--practice", help="Only the statements on this practice (default: every practice, grouped by practice).")
@click.option("--parts", is_flag=True, help="With --practice: also the practices that are part of it.")
@click.option(
    "--independence",
    type=click.Choice(MODES),
    default="speaker",
    show_default=True,
    help="What makes two sources dependent (docs/api.md).",
)
@click.option("-o", "--output", required=True, metavar="FILE", help="Output file: .docx (needs lexmap[docx]), .html or .md.")
@profile_option
def chart(test, path, texts, require_texts, practice, parts, independence, output, profile):
    """Write the evidence chart of legal test TEST of the corpus at PATH (default: the case of
    the current folder, else the bundled one): every element with its status, the statements
    for and against it with speaker, quote and a footnote citing document and pinpoint, and the gaps.

    \b
    Example:
      lexmap chart palermo/trafficking -o chart.docx
    """
    from ..chart import build_chart

    try:
        fmt = by_path("chart", output)
    except FormatError as error:
        raise UserError(str(error), f"name the file {', '.join(extensions('chart'))}") from error
    if parts and practice is None:
        raise UserError("--parts needs --practice", "name the practice whose parts to include")
    check_output(output, path, texts)
    fmt.ready()
    corpus = load_corpus(path, texts, require_texts, profile)
    check_id(corpus, "tests", "legal test", test)
    check_id(corpus, "practices", "practice", practice)
    built = build_chart(corpus, test, practice, parts=parts, independence=independence)
    write_format(fmt, built, output, path, texts, OutputCase.of(corpus))
    click.echo(
        f"wrote {output} ({fmt.name}: {len(built.elements)} elements, {len(built.statements)} statements, "
        f"{len(built.notes)} notes, {len(built.gaps)} gaps)",
        err=True,
    )
