"""``lexmap chart TEST [PATH] -o FILE``: the evidence chart of one legal test (docs/chart.md)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from ..exports.atomic import write_atomic
from ..independence import MODES
from .common import corpus_path, load_corpus


def _fail(message: str, code: int = 2):
    click.echo(f"lexmap: error: {message}", err=True)
    sys.exit(code)


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.5)
    return f"; did you mean {' or '.join(close)}?" if close else ""


@click.command()
@click.argument("test")
@corpus_path
@click.option("--practice", help="Only the statements on this practice (default: every practice, grouped by practice).")
@click.option("--parts", is_flag=True, help="With --practice: also the practices that are part of it.")
@click.option("--independence", type=click.Choice(MODES), default="speaker", show_default=True,
              help="What makes two sources dependent (docs/api.md).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output file: .docx (needs lexmap[docx]), .html or .md.")
def chart(test, path, practice, parts, independence, output):
    """Write the evidence chart of legal test TEST of the corpus at PATH (default: the bundled
    corpus): every element with its status, the statements for and against it with speaker,
    quote and a footnote citing document and pinpoint, and the gaps.

    \b
    Example:
      lexmap chart palermo/trafficking -o chart.docx
    """
    from ..chart import build_chart
    from ..exports.chart_files import chart_format, render_chart

    try:
        fmt = chart_format(output)
    except ValueError as error:
        _fail(str(error))
    if parts and practice is None:
        _fail("--parts needs --practice (the practice whose parts to include)")
    if not output.parent.is_dir():
        _fail(f"cannot write {output}: folder {output.parent} does not exist")
    corpus = load_corpus(path, ())
    if test not in corpus.tests:
        _fail(f"unknown test {test!r}{_did_you_mean(test, corpus.tests)} (lexmap info lists the corpus; "
              f"tests are ids like palermo/trafficking)")
    if practice is not None and practice not in corpus.practices:
        _fail(f"unknown practice {practice!r}{_did_you_mean(practice, corpus.practices)}")
    built = build_chart(corpus, test, practice, parts=parts, independence=independence)
    try:
        data = render_chart(built, fmt)
    except ImportError as error:
        _fail(str(error), 1)
    write_atomic(output, data)
    click.echo(f"wrote {output} ({fmt}: {len(built.elements)} elements, {len(built.statements)} statements, "
               f"{len(built.notes)} notes, {len(built.gaps)} gaps)", err=True)
