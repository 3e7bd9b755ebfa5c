"""``lexmap chart TEST [PATH] -o FILE``: the evidence chart of one legal test (docs/chart.md)."""

from __future__ import annotations

from pathlib import Path

import click

from ..exports.formats import DEFAULT_GAPS, GAPS, FormatError, OutputCase, by_path, extensions
from ..independence import MODES
from .common import check_id, check_output, corpus_options, load_corpus, paper_option, profile_option, write_format
from .errors import UserError

GAPS_WHERE = {"appendix": "", "none": " left out", "separate": " in their own file"}


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
@paper_option("XLSX, DOCX, PDF")
@click.option(
    "--gaps",
    type=click.Choice(GAPS),
    default=DEFAULT_GAPS,
    show_default=True,
    help="Where the gaps go: an appendix after the evidence, nowhere, or a separate FILE-gaps.docx (DOCX only).",
)
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="FILE",
    help="Output file: .docx (needs lexmap[docx]), .pdf (also LibreOffice), .html or .md.",
)
@profile_option
def chart(test, path, texts, require_texts, practice, parts, independence, paper, gaps, output, profile):
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
    if gaps == "separate" and fmt.name != "docx":
        raise UserError(
            f"--gaps separate writes a second Word document: it is for a .docx chart, not {fmt.name}",
            "use --gaps none or --gaps appendix, or write chart.docx",
        )
    gaps_file = str(Path(output).with_name(f"{Path(output).stem}-gaps{Path(output).suffix}")) if gaps == "separate" else None
    check_output(output, path, texts)
    if gaps_file:
        check_output(gaps_file, path, texts)
    fmt.ready()
    corpus = load_corpus(path, texts, require_texts, profile)
    check_id(corpus, "tests", "legal test", test)
    check_id(corpus, "practices", "practice", practice)
    built = build_chart(corpus, test, practice, parts=parts, independence=independence)
    write_format(fmt, built, output, path, texts, OutputCase.of(corpus, paper=paper, gaps=gaps))
    if gaps_file:
        write_format(fmt, built, gaps_file, path, texts, OutputCase.of(corpus, paper=paper, gaps="only"))
        click.echo(f"wrote {gaps_file} (the chart's {len(built.gaps)} gaps)", err=True)
    click.echo(
        f"wrote {output} ({fmt.name}: {len(built.elements)} elements, {len(built.statements)} statements, "
        f"{len(built.notes)} notes, {len(built.gaps)} gaps{GAPS_WHERE[gaps]})",
        err=True,
    )
