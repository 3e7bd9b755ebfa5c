"""``lexmap sparql QUERY [PATH]``: SPARQL over the corpus with Oxigraph (docs/interchange.md)."""

from __future__ import annotations

from pathlib import Path

import click

from ..exports.rdf import DEFAULT_BASE
from .common import load_corpus, profile_option


@click.command()
@click.argument("text", metavar="QUERY")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    help="Folder of an on-disk Oxigraph store: built on first use, reused while the corpus is unchanged.",
)
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "tsv", "json")), default="table", show_default=True)
@click.option(
    "--engine",
    type=click.Choice(("auto", "oxigraph", "rdflib")),
    default="auto",
    show_default=True,
    help="auto: Oxigraph when pyoxigraph is installed, else rdflib (slow on large corpora).",
)
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the resources.")
@profile_option
def sparql(text, path, store, fmt, engine, base, profile):
    """Run the SPARQL query QUERY (its text, or a file holding it, or - for standard input) over
    the corpus at PATH (default: the bundled corpus); the vocabulary is in docs/rdf.md.

    \b
    Example:
      lexmap sparql 'PREFIX lm: <urn:lexmap:vocab#>
        SELECT ?claim WHERE { ?claim a lm:Claim }' --store .lexmap-store --format csv
    """
    from ..sparql import query, result_text

    if text == "-":
        text = click.get_text_stream("stdin").read()
    elif "\n" not in text and len(text) < 4096 and Path(text).is_file():
        text = Path(text).read_text(encoding="utf-8")
    corpus = load_corpus(path, (), profile=profile)  # a store holds the edition it was built from
    try:
        result = query(corpus, text, store=store, engine=engine, base=base)
    except (ImportError, ValueError, OSError) as error:  # StoreError is a ValueError; OSError: a locked store
        raise click.ClickException(str(error)) from error
    click.echo(result_text(result, fmt), nl=False)
