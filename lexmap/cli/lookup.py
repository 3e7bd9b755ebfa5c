"""``lexmap list KIND`` and ``lexmap show ID``: find the ids a case needs without Python."""

from __future__ import annotations

import click

from ..lookup import KINDS, describe, find, suggest
from .common import corpus_options, load_corpus, profile_option
from .errors import UserError


@click.command(name="list")
@click.argument("kind", type=click.Choice(KINDS))
@corpus_options
@click.option("--match", metavar="TEXT", help="Only records whose id or name holds TEXT (any letter case).")
@profile_option
def list_(kind, path, texts, require_texts, match, profile):
    """List the ids and names of one KIND of record of the corpus at PATH.

    \b
    Example:
      lexmap list elements --match coercion
    """
    corpus = load_corpus(path, texts, require_texts, profile)
    found = find(corpus, kind, match)
    for record in found:
        name = getattr(record, "label", None) or getattr(record, "title", None) or getattr(record, "name", None) or ""
        click.echo(f"{record.id}\t{' '.join(str(name).split())}")
    click.echo(f"{len(found)} {kind}" + (f" matching {match!r}" if match else ""), err=True)


@click.command()
@click.argument("id_", metavar="ID")
@corpus_options
@click.option("--on", metavar="DATE", help="For a state: its status towards each instrument on DATE (default today).")
@profile_option
def show(id_, path, texts, require_texts, on, profile):
    """Show the record ID of the corpus at PATH, and what refers to it (an actor: every statement
    it makes; a state: its status towards each instrument).

    \b
    Examples:
      lexmap show palermo/means
      lexmap show cu --on 2014
    """
    if on is not None:
        from ..dates import parse_date

        try:
            parse_date(on)
        except ValueError as error:
            raise UserError(f"--on: {error}", "for example --on 2014 or --on 2013-06-20") from None
    corpus = load_corpus(path, texts, require_texts, profile)
    if id_ not in corpus:
        close = suggest(corpus, id_)
        raise UserError(
            f"no record has the id {id_!r}",
            f"did you mean {' or '.join(map(repr, close))}?" if close else "find ids with 'lexmap list KIND --match WORD'",
        )
    click.echo(describe(corpus, id_, on=on))
