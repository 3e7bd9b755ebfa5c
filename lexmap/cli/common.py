"""What every ``lexmap`` command shares: the corpus argument, loading it, reporting problems."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..loader import load
from ..problems import CorpusError
from .cache import cache_option

_path_argument = click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))


def corpus_path(command):
    """The optional PATH of the corpus, and --no-cache."""
    return cache_option(_path_argument(command))


texts_option = click.option(
    "--texts", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of plain-text copies of documents, to check quotes against (repeatable).",
)


def load_corpus(path, texts=()):
    """Load the corpus for a command; on problems, list them all on stderr and exit 1."""
    try:
        return load(path, texts=list(texts) or None)
    except CorpusError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        count = len(error.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
        sys.exit(1)
