"""``lexmap validate`` and ``lexmap info``: check a corpus and say what it holds."""

from __future__ import annotations

import click

from .common import corpus_path, load_corpus, texts_option


@click.command()
@corpus_path
@texts_option
def validate(path, texts):
    """Check the corpus at PATH (default: the bundled corpus); list every problem, exit 1 if any."""
    corpus = load_corpus(path, texts)
    checked = len(corpus.texts_checked)
    click.echo(f"OK: {corpus.root} is valid ({checked} document text{'s' if checked != 1 else ''} used to check quotes).")


@click.command()
@corpus_path
@texts_option
def info(path, texts):
    """Print how many records of each kind the corpus at PATH holds."""
    corpus = load_corpus(path, texts)
    click.echo(f"corpus: {corpus.root}")
    counts = corpus.counts()
    width = max(map(len, counts))
    for kind, count in counts.items():
        click.echo(f"  {kind:<{width}}  {count:>6}")
