"""The ``lexmap`` command: a thin layer over the library."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .loader import load
from .problems import CorpusError

corpus_path = click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
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
@texts_option
def info(path, texts):
    """Print how many records of each kind the corpus at PATH holds."""
    corpus = _load(path, texts)
    click.echo(f"corpus: {corpus.root}")
    counts = corpus.counts()
    width = max(map(len, counts))
    for kind, count in counts.items():
        click.echo(f"  {kind:<{width}}  {count:>6}")
