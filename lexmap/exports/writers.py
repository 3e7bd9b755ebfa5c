"""The registry's rows: one writer per output format and :data:`FORMATS`, the formats in the
order every list shows them. A writer imports its library only when it runs, so an optional
extra is needed only by its own format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from .options import Destination, Format, FormatError, OutputCase, Writer


def _text(render: Callable[[Any, OutputCase], str]) -> Writer:
    return lambda result, destination, case: destination.write(render(result, case).encode("utf-8"))


def _bytes(render: Callable[[Any, OutputCase], bytes]) -> Writer:
    return lambda result, destination, case: destination.write(render(result, case))


def _matrix_csv(matrix, case: OutputCase) -> str:
    from .csvfile import matrix_csv

    return matrix_csv(matrix, case.value, title=case.title, date=case.date, measure=case.measure)


def _matrix_xlsx(matrix, case: OutputCase) -> bytes:
    from .xlsxfile import matrix_xlsx

    return matrix_xlsx(matrix, case.corpus, case.value, case.base_url, title=case.title, date=case.date, paper=case.paper)


def _matrix_md(matrix, case: OutputCase) -> str:
    from .markdownfile import matrix_markdown

    return matrix_markdown(matrix, case.value, title=case.title, date=case.date, measure=case.measure)


def _matrix_html(matrix, case: OutputCase) -> str:
    from .htmlfile import matrix_page

    return matrix_page(matrix, case.value, case.base_url, case.corpus, title=case.title, date=case.date)


def _matrix_json(matrix, case: OutputCase) -> str:
    from .jsonfile import matrix_json

    return matrix_json(matrix, title=case.title, date=case.date, value=case.value, measure=case.measure)


def _chart_docx(chart, case: OutputCase) -> bytes:
    from .chart_docx import chart_docx

    return chart_docx(chart, paper=case.paper, gaps=case.gaps)


def _chart_pdf(chart, case: OutputCase) -> bytes:
    from .chart_pdf import docx_to_pdf

    return docx_to_pdf(_chart_docx(chart, case))


def _without_gaps(chart, case: OutputCase):
    """The chart without its gaps under ``--gaps none`` (HTML and Markdown keep them in place otherwise)."""
    if case.gaps == "separate":
        raise FormatError("--gaps separate writes a second document: it is for a .docx chart; use --gaps none or appendix")
    return attrs.evolve(chart, gaps=(), gaps_left_out=True) if case.gaps == "none" else chart


def _chart_html(chart, case: OutputCase) -> str:
    from .chart_html import chart_page

    return chart_page(_without_gaps(chart, case))


def _chart_md(chart, case: OutputCase) -> str:
    from .chart_md import chart_markdown

    return chart_markdown(_without_gaps(chart, case))


def _corpus_json(corpus, _case: OutputCase) -> str:
    from .corpus_json import corpus_json

    return corpus_json(corpus)


def _graphml(corpus, _case: OutputCase) -> bytes:
    from .graphml import corpus_graphml

    return corpus_graphml(corpus)


def _gexf(corpus, _case: OutputCase) -> bytes:
    from .graphml import corpus_gexf

    return corpus_gexf(corpus)


def _base_iri(case: OutputCase) -> str:
    from . import check_base_iri
    from .rdf import DEFAULT_BASE

    return check_base_iri(case.base or DEFAULT_BASE)


def _turtle(corpus, case: OutputCase) -> bytes:
    from .rdf import corpus_turtle

    return corpus_turtle(corpus, _base_iri(case))


def _jsonld(corpus, case: OutputCase) -> bytes:
    from .rdf import corpus_jsonld

    return corpus_jsonld(corpus, _base_iri(case))


def _csl(corpus, _case: OutputCase) -> str:
    from .csl import corpus_csl

    return corpus_csl(corpus)


def _schema(_corpus, _case: OutputCase) -> str:
    from ..schema import schema_json

    return schema_json()


def _annotations(corpus, case: OutputCase) -> bytes:
    from ..annotations import annotations_bytes

    return annotations_bytes(corpus, corpus.root, case.texts)


def _custody(corpus, _case: OutputCase) -> str:
    from .custody import custody_json

    return custody_json(corpus)


def _chronology(corpus, destination: Destination, case: OutputCase) -> None:
    from ..chronology import chronology
    from .chronology import chronology_bytes

    xlsx = destination.path is not None and destination.path.suffix.lower() == ".xlsx"
    destination.write(chronology_bytes(chronology(corpus), "xlsx" if xlsx else "csv", case.title, case.date))


def _sqlite(corpus, destination: Destination, _case: OutputCase) -> None:
    from .sqlite import corpus_sqlite, write_sqlite

    if destination.path is None:
        destination.write(corpus_sqlite(corpus))
    else:
        write_sqlite(corpus, destination.path, destination.metadata)


def _parquet(corpus, destination: Destination, _case: OutputCase) -> None:
    from .parquet import write_parquet

    if destination.path is None:
        raise FormatError("parquet is a folder of files: give it a folder (-o FOLDER)")
    write_parquet(corpus, destination.path, destination.inputs)


FORMATS: tuple[Format, ...] = (
    Format("matrix", "csv", (".csv",), _text(_matrix_csv), "a '#' line naming the case and the measure, then the table"),
    Format(
        "matrix", "xlsx", (".xlsx",), _bytes(_matrix_xlsx), "a spreadsheet with a legend", ("xlsxwriter", "XLSX export"), True
    ),
    Format("matrix", "md", (".md", ".markdown"), _text(_matrix_md), "a Markdown table under a caption"),
    Format("matrix", "html", (".html", ".htm"), _text(_matrix_html), "a web page"),
    Format("matrix", "json", (".json",), _text(_matrix_json), "the cells as JSON"),
    Format("chart", "docx", (".docx",), _bytes(_chart_docx), "a Word document", ("docx", "a DOCX chart"), True),
    Format(
        "chart",
        "pdf",
        (".pdf",),
        _bytes(_chart_pdf),
        "the Word document printed to PDF by LibreOffice",
        ("docx", "a PDF chart"),
        True,
        program=("soffice", "a PDF chart"),
    ),
    Format("chart", "html", (".html", ".htm"), _text(_chart_html), "a web page"),
    Format("chart", "md", (".md", ".markdown"), _text(_chart_md), "Markdown with footnotes"),
    Format("corpus", "json", (".json",), _text(_corpus_json), 'the whole corpus; lexmap.load("corpus.json") reads it back'),
    Format("corpus", "graphml", (".graphml",), _bytes(_graphml), "the corpus graph, for yEd, Cytoscape, Gephi"),
    Format("corpus", "gexf", (".gexf",), _bytes(_gexf), "the corpus graph, for Gephi"),
    Format("corpus", "turtle", (".ttl",), _bytes(_turtle), "RDF; vocabulary in docs/rdf.md"),
    Format("corpus", "jsonld", (".jsonld",), _bytes(_jsonld), "RDF as JSON-LD (needs lexmap[rdf])", ("rdflib", "RDF export")),
    Format(
        "corpus",
        "csl-json",
        (),
        _text(_csl),
        "the documents, for Zotero and Pandoc",
        untitled="CSL-JSON is a bare list of bibliography items: a title would be read as one more item",
    ),
    Format(
        "corpus",
        "annotations",
        (),
        _bytes(_annotations),
        "every statement as a W3C Web Annotation (JSON-LD)",
        keeps="an annotations export (annotation tools may hold edits made to it)",
        hint="give a new file name, such as annotations-YYYY-MM-DD.jsonld",
    ),
    Format(
        "corpus",
        "custody",
        (),
        _text(_custody),
        "every document's hashes, retrieval date, URLs and the statements resting on it",
        keeps="a custody manifest (the record of what was read then)",
        hint="such as manifest-YYYY-MM-DD.json",
    ),
    Format(
        "corpus",
        "chronology",
        (".csv", ".xlsx"),
        _chronology,
        "statements by the date of the conduct (.csv, or .xlsx)",
        by_extension=True,
        hint="name a .csv or .xlsx file, e.g. -o chronology.xlsx",
    ),
    Format("corpus", "schema", (), _text(_schema), "the JSON Schema of YAML data files (PATH is not read)", reads_case=False),
    Format("corpus", "sqlite", (".db", ".sqlite"), _sqlite, "a database for Datasette, with its metadata file", binary=True),
    Format(
        "corpus",
        "parquet",
        (),
        _parquet,
        "a folder of Parquet files (needs lexmap[parquet])",
        ("pyarrow", "Parquet export"),
        True,
        True,
    ),
)
