"""``lexmap validate`` and ``lexmap info``: check a corpus and say what it holds."""

from __future__ import annotations

import click

from ..case_line import shown_path
from ..provenance import text_provenance
from .common import corpus_options, load_corpus, profile_option


@click.command()
@corpus_options
@profile_option
def validate(path, texts, require_texts, profile):
    """Check the corpus at PATH (default: the case of the current folder, else the bundled one):
    list every problem and exit 1 if any; else say, per document, how many quotes were checked
    against its text and how many could not be, and why (under --profile, the edition's ids)."""
    corpus = load_corpus(path, texts, require_texts, profile)
    statuses = [t for t in corpus.texts.values() if t.checked or t.unchecked]
    checked = sum(t.checked for t in statuses)
    unchecked = [t for t in statuses if t.unchecked]
    for status in statuses:
        click.echo(
            f"  {status.document}: {status.checked} quote(s) checked, {status.unchecked} not"
            + (f" ({status.reason})" if status.unchecked else "")
        )
    verdict = "valid, every quote checked" if not unchecked else "valid, but NOT every quote was checked"
    click.echo(
        f"{corpus.root}: {verdict}: {checked} quote(s) checked against the texts of "
        f"{sum(1 for t in statuses if t.checked)} document(s); "
        f"{sum(t.unchecked for t in unchecked)} quote(s) in {len(unchecked)} document(s) unchecked."
    )
    click.echo(text_provenance(corpus.instruments.values()).summary())
    if unchecked:
        click.echo("hint: give the documents' texts with --texts FOLDER; --require-texts makes unchecked quotes a problem")


@click.command()
@corpus_options
@profile_option
def info(path, texts, require_texts, profile):
    """Print how many records of each kind the corpus at PATH holds."""
    corpus = load_corpus(path, texts, require_texts, profile)
    click.echo(f"corpus: {shown_path(corpus.root)}" + (f" ({corpus.case.title})" if corpus.case else ""))
    counts = corpus.counts()
    width = max(map(len, counts))
    for kind, count in counts.items():
        click.echo(f"  {kind:<{width}}  {count:>6}")
