"""``lexmap export FORMAT [PATH] -o FILE``: the corpus in the interchange formats (docs/interchange.md)."""

from __future__ import annotations

from pathlib import Path

import click

from .atomic import write_atomic
from .rdf import DEFAULT_BASE

EXPORT_FORMATS = ("json", "graphml", "gexf", "turtle", "jsonld", "csl-json", "schema")


def export_bytes(corpus, fmt: str, base: str = DEFAULT_BASE) -> bytes:
    """The bytes of ``corpus`` in interchange format ``fmt`` (one of EXPORT_FORMATS)."""
    if fmt == "json":
        from .corpus_json import corpus_json

        return corpus_json(corpus).encode("utf-8")
    if fmt in ("graphml", "gexf"):
        from .graphml import corpus_gexf, corpus_graphml

        return corpus_graphml(corpus) if fmt == "graphml" else corpus_gexf(corpus)
    if fmt in ("turtle", "jsonld"):
        from .rdf import corpus_jsonld, corpus_turtle

        return corpus_turtle(corpus, base) if fmt == "turtle" else corpus_jsonld(corpus, base)
    if fmt == "csl-json":
        from .csl import corpus_csl

        return corpus_csl(corpus).encode("utf-8")
    if fmt == "schema":
        from ..schema import schema_json

        return schema_json().encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: standard output).")
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
    from ..cli import _load  # here, not at the top: lexmap.cli imports this module

    corpus = None if fmt == "schema" else _load(path, ())
    try:
        data = export_bytes(corpus, fmt, base)
    except ImportError as error:
        raise click.ClickException(str(error)) from error
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data)
        click.echo(f"wrote {output} ({fmt}, {len(data)} bytes)", err=True)
