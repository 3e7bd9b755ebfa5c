"""``lexmap export FORMAT [PATH] -o FILE``: the corpus in the interchange formats (docs/interchange.md)."""

from __future__ import annotations

from pathlib import Path

import click

from ..exports import EXPORT_FORMATS, check_base_iri, export_bytes
from ..exports.rdf import DEFAULT_BASE
from .common import check_output, load_corpus, output_option, to_stdout, write_output
from .errors import UserError


def _base_iri(_ctx, _param, value: str) -> str:
    try:
        return check_base_iri(value)
    except ValueError as error:
        raise UserError(str(error), "for example --base https://example.org/lexmap/") from error


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@output_option
@click.option("--base", default=DEFAULT_BASE, show_default=True, callback=_base_iri,
              help="Base IRI of the resources (turtle, jsonld).")
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
    check_output(output, path)
    corpus = None if fmt == "schema" else load_corpus(path, ())
    data = export_bytes(corpus, fmt, base)
    write_output(output, data, path)
    if not to_stdout(output):
        click.echo(f"wrote {output} ({fmt}, {len(data)} bytes)", err=True)
