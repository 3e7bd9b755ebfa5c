"""``lexmap export FORMAT [PATH] -o FILE``: the corpus in the interchange formats (docs/interchange.md)."""

from __future__ import annotations

from pathlib import Path

import click

from ..exports import DATABASE_FORMATS, EXPORT_FORMATS, export_bytes
from ..exports.atomic import write_atomic
from ..exports.rdf import DEFAULT_BASE
from .common import load_corpus


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS + DATABASE_FORMATS))
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file (default: standard output); a folder for parquet.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the resources (turtle, jsonld).")
@click.option("-m", "--metadata", type=click.Path(dir_okay=False, path_type=Path), help="sqlite: Datasette metadata file (default: NAME.metadata.json beside the database).")
@click.option("--push", metavar="URL", help="turtle: replace the graph at URL of a SPARQL 1.1 server (Graph Store HTTP Protocol) instead of printing it.")
def export(fmt, path, output, base, metadata, push):
    """Export the corpus at PATH (default: the bundled corpus) as FORMAT.

    \b
    json      the whole corpus; lexmap.load("corpus.json") reads it back
    graphml   the corpus graph, for yEd, Cytoscape, Gephi
    gexf      the corpus graph, for Gephi
    turtle    RDF (needs lexmap[rdf]); vocabulary in docs/rdf.md
    jsonld    RDF as JSON-LD (needs lexmap[rdf])
    csl-json  the documents, for Zotero and Pandoc
    schema    the JSON Schema of YAML data files (PATH is not read)
    sqlite    a database for Datasette, with its metadata (-o needed)
    parquet   a folder of Parquet files, one per table (needs lexmap[parquet]; -o needed)

    \b
    Example:
      lexmap export turtle -o corpus.ttl
      lexmap export sqlite -o corpus.db && datasette corpus.db -m corpus.metadata.json
      lexmap export turtle --push http://localhost:7878/store
    """
    corpus = None if fmt == "schema" else load_corpus(path, ())
    if fmt in DATABASE_FORMATS or push or metadata:
        from .databases import export_database

        return export_database(corpus, fmt, output, metadata, push, base)
    if output is not None and output.is_dir():
        raise click.BadParameter(f"{output} is a folder: give a file name", param_hint="'-o'")
    try:
        data = export_bytes(corpus, fmt, base)
    except ImportError as error:
        raise click.ClickException(str(error)) from error
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data)
        click.echo(f"wrote {output} ({fmt}, {len(data)} bytes)", err=True)
