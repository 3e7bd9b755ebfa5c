"""``lexmap export FORMAT [PATH] -o FILE``: the corpus in the interchange formats (docs/interchange.md)."""

from __future__ import annotations

from pathlib import Path

import click

from ..exports import EXPORT_FORMATS, export_bytes
from ..exports.atomic import write_atomic
from ..exports.rdf import DEFAULT_BASE
from .common import cache_option, load_corpus


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: standard output).")
@cache_option
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the resources (turtle, jsonld).")
def export(fmt, path, output, base):
    """Export the corpus at PATH (default: the bundled corpus) as FORMAT.

    \b
    json      the whole corpus; lexmap.load("corpus.json") reads it back
    graphml   the corpus graph, for yEd, Cytoscape, Gephi
    gexf      the corpus graph, for Gephi
    turtle    RDF (needs lexmap[rdf]); vocabulary in docs/rdf.md
    jsonld    RDF as JSON-LD (needs lexmap[rdf])
    csl-json  the documents, for Zotero and Pandoc
    schema    the JSON Schema of YAML data files (PATH is not read)

    \b
    Example:
      lexmap export turtle -o corpus.ttl
    """
    corpus = None if fmt == "schema" else load_corpus(path, ())
    try:
        data = export_bytes(corpus, fmt, base)
    except ImportError as error:
        raise click.ClickException(str(error)) from error
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data)
        click.echo(f"wrote {output} ({fmt}, {len(data)} bytes)", err=True)
