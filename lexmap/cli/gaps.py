"""``lexmap gaps``: what an analyst should work on next (docs/api.md#gaps)."""

from __future__ import annotations

import click

from ..gaps import KINDS
from ..independence import MODES
from .common import corpus_options, load_corpus, profile_option


@click.command()
@corpus_options
@click.option("--kind", "kinds", multiple=True, type=click.Choice(list(KINDS)), help="Only gaps of this kind (repeatable).")
@click.option(
    "--independence", type=click.Choice(MODES), default="speaker", show_default=True, help="What makes two sources dependent."
)
@profile_option
def gaps(path, texts, require_texts, kinds, independence, profile):
    """List the gaps of the corpus at PATH, one per line (tab-separated: kind, what it concerns,
    the facts, what would close it).

    \b
    Example:
      lexmap gaps --kind single-source
    """
    corpus = load_corpus(path, texts, require_texts, profile)
    found = [g for g in corpus.gaps(independence=independence) if not kinds or g.kind in kinds]
    for gap in found:
        concerns = " -> ".join(x for x in (gap.practice, gap.element, gap.document) if x)
        click.echo(f"{gap.kind}\t{concerns}\t{gap.detail}\t{gap.next_step}")
    click.echo(f"{len(found)} gap(s)", err=True)
