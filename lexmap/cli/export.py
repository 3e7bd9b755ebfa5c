"""``lexmap export FORMAT [PATH] -o FILE``: the corpus in the interchange formats (docs/interchange.md)."""

from __future__ import annotations

from pathlib import Path

import click

from ..exports import DATABASE_FORMATS, EXPORT_FORMATS, check_base_iri, export_bytes
from ..exports.rdf import DEFAULT_BASE
from .chronology import FORMAT as CHRONOLOGY
from .chronology import export_chronology
from .common import check_output, corpus_options, load_corpus, output_option, to_stdout, write_output
from .errors import UserError


def _base_iri(_ctx, _param, value: str) -> str:
    try:
        return check_base_iri(value)
    except ValueError as error:
        raise UserError(str(error), "for example --base https://example.org/lexmap/") from error


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS + DATABASE_FORMATS + (CHRONOLOGY,)))
@corpus_options
@output_option
@click.option(
    "--base", default=DEFAULT_BASE, show_default=True, callback=_base_iri, help="Base IRI of the resources (turtle, jsonld)."
)
@click.option(
    "-m",
    "--metadata",
    type=click.Path(dir_okay=False, path_type=Path),
    help="sqlite: Datasette metadata file (default: NAME.metadata.json beside the database).",
)
@click.option(
    "--push", metavar="URL", help="turtle: replace the graph at URL of a SPARQL 1.1 server (Graph Store HTTP Protocol)."
)
def export(fmt, path, texts, require_texts, output, base, metadata, push):
    """Export the corpus at PATH (default: the case of the current folder, else the bundled one)
    as FORMAT.

    \b
    json      the whole corpus; lexmap.load("corpus.json") reads it back
    graphml   the corpus graph, for yEd, Cytoscape, Gephi
    gexf      the corpus graph, for Gephi
    turtle    RDF; vocabulary in docs/rdf.md
    jsonld    RDF as JSON-LD (needs lexmap[rdf])
    csl-json  the documents, for Zotero and Pandoc
    schema    the JSON Schema of YAML data files (PATH is not read)
    sqlite    a database for Datasette, with its metadata file
    parquet   a folder of Parquet files (needs lexmap[parquet])
    chronology  statements by the date of the conduct (.csv, or .xlsx)

    \b
    Example:
      lexmap export turtle -o corpus.ttl
      lexmap export sqlite -o corpus.db && datasette corpus.db -m corpus.metadata.json
      lexmap export turtle --push http://localhost:7878/store
    """
    if fmt == CHRONOLOGY:
        return export_chronology(path, texts, require_texts, output)
    if fmt in DATABASE_FORMATS or push or metadata:
        from .databases import export_database

        return export_database(path, texts, require_texts, fmt, Path(output) if output else None, metadata, push, base)
    check_output(output, path, texts)
    corpus = None if fmt == "schema" else load_corpus(path, texts, require_texts)
    data = export_bytes(corpus, fmt, base)
    write_output(output, data, path, texts)
    if not to_stdout(output):
        click.echo(f"wrote {output} ({fmt}, {len(data)} bytes)", err=True)
