"""``lexmap export FORMAT [PATH] -o FILE``: the corpus in the interchange formats (docs/interchange.md)."""

from __future__ import annotations

from pathlib import Path

import click

from ..exports import DATABASE_FORMATS, check_base_iri
from ..exports.formats import Destination, FormatError, OutputCase, by_name
from ..exports.rdf import DEFAULT_BASE
from .chronology import chronology_summary
from .common import (
    check_output,
    corpus_options,
    format_choice,
    load_corpus,
    output_option,
    profile_option,
    to_stdout,
    write_format,
)
from .errors import UserError


def _base_iri(_ctx, _param, value: str) -> str:
    try:
        return check_base_iri(value)
    except ValueError as error:
        raise UserError(str(error), "for example --base https://example.org/lexmap/") from error


@click.command()
@click.argument("fmt", metavar="FORMAT", type=format_choice("corpus"))
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
@profile_option
def export(fmt, path, texts, require_texts, output, base, metadata, push, profile):
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
    annotations  every statement as a W3C Web Annotation (JSON-LD)
    custody   every document's hashes, retrieval date, URLs and the statements resting on it
    sqlite    a database for Datasette, with its metadata file
    parquet   a folder of Parquet files (needs lexmap[parquet])
    chronology  statements by the date of the conduct (.csv, or .xlsx)

    \b
    Example:
      lexmap export turtle -o corpus.ttl
      lexmap export sqlite -o corpus.db && datasette corpus.db -m corpus.metadata.json
      lexmap export turtle --push http://localhost:7878/store
    """
    if fmt in DATABASE_FORMATS or push or metadata:
        from .databases import export_database

        return export_database(path, texts, require_texts, fmt, Path(output) if output else None, metadata, push, base, profile)
    check_output(output, path, texts)
    chosen = by_name("corpus", fmt)
    chosen.ready()
    if output and not to_stdout(output):
        try:  # before the load: the file's kind, and a custody manifest never replaced
            chosen.check_destination(Destination.file(output))
        except FormatError as error:
            raise UserError(str(error), chosen.hint) from error
    corpus = load_corpus(path, texts, require_texts, profile) if chosen.reads_case else None
    write_format(chosen, corpus, output, path, texts, OutputCase.of(corpus, base=base, texts=tuple(Path(t) for t in texts)))
    if not to_stdout(output):
        click.echo(f"wrote {output} ({fmt}, {Path(output).stat().st_size} bytes)", err=True)
    if fmt == "chronology" and corpus is not None:
        click.echo(chronology_summary(corpus), err=True)
