"""The one registry of output formats: name, family, extensions, optional extra, writer.

Every writer has one signature, ``writer(result, destination, case)``: the result (a matrix, a
chart, a corpus), the :class:`Destination` (a file written atomically, a folder, or bytes handed
to standard output or to memory) and the :class:`OutputCase`, which carries the manifest's title
and date, taken from the case once, and the options every format of a family shares (``--value``,
the base URL, the base IRI). The CLI's ``export``, ``matrix`` and ``chart`` and the API
(:func:`render`, :func:`write`) pick a writer here by name or by file extension; a new format is
one writer and one line of :data:`FORMATS`.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs

from ..extras import require, require_program
from ..outputs import write_file
from . import MEASURES

DEFAULT_VALUE = "count"
"""The matrix measure every format shows unless ``value`` says otherwise (``--value``)."""

PAPERS = {"a4": (210.0, 297.0, 9), "letter": (215.9, 279.4, 1)}
"""The paper sizes printed outputs are laid out for: width and height in mm (portrait) and the
code of the size in a spreadsheet's page setup (ECMA-376 ``paperSize``). A4 unless ``paper``
says otherwise (``--paper letter``): UN bodies and most NGOs outside the US print A4."""
DEFAULT_PAPER = "a4"
GAPS = ("appendix", "none", "separate")
"""Where the evidence chart puts its gaps (``--gaps``): an appendix after the evidence (the
default: the body is what a lawyer signs), nowhere, or a separate document (DOCX)."""
DEFAULT_GAPS = "appendix"


class FormatError(ValueError):
    """An unknown format name or file extension: one line, with the closest known ones."""


def check_gaps(gaps: str, only: bool = False) -> str:
    """``gaps`` if it is one of :data:`GAPS` (or "only", the separate gaps document, where ``only``)."""
    if gaps not in GAPS and not (only and gaps == "only"):
        raise FormatError(unknown("--gaps value", gaps, GAPS))
    return gaps


def check_paper(paper: str) -> str:
    """``paper`` if it is a known paper size; else :class:`FormatError` (did you mean)."""
    if paper not in PAPERS:
        raise FormatError(unknown("paper size", paper, PAPERS))
    return paper


@attrs.frozen
class OutputCase:
    """What every output of one case names, read from the case once: its title and date (None
    without a manifest), the corpus (for writers that label or link), and the shared options."""

    corpus: Any = None
    title: str | None = None
    date: str | None = None
    value: str = DEFAULT_VALUE
    """The matrix measure (``--value``): one of :data:`lexmap.exports.MEASURES`."""
    base_url: str | None = None
    """The published site's address, to link matrix cells to practice pages (XLSX, HTML)."""
    base: str | None = None
    """The base IRI of RDF resources (turtle, jsonld)."""
    texts: tuple = ()
    """Folders of document texts given on the command line (annotations: each quote's prefix and suffix)."""
    paper: str = attrs.field(default=DEFAULT_PAPER)
    """The paper printed formats (XLSX, DOCX) are laid out for (``--paper``): a key of :data:`PAPERS`."""

    gaps: str = attrs.field(default=DEFAULT_GAPS)
    """Where the chart's gaps go (``--gaps``): one of :data:`GAPS`, or "only" (the gaps document)."""

    @paper.validator
    def _known_paper(self, _attribute, value: str) -> None:
        check_paper(value)

    @gaps.validator
    def _known_gaps(self, _attribute, value: str) -> None:
        check_gaps(value, only=True)

    @classmethod
    def of(cls, corpus, **options) -> OutputCase:
        """The title and date of ``corpus``'s manifest (its folder's name without one), and ``options``."""
        if corpus is None:
            return cls(**options)
        return cls(corpus, corpus.title, corpus.case.date if corpus.case else None, **options)

    @property
    def measure(self) -> str:
        """The matrix measure in words, as every caption and header names it."""
        return MEASURES.get(self.value, self.value)


@attrs.frozen
class Destination:
    """Where an output goes: the file or folder ``path`` (never inside ``inputs``, what the load
    read), or, without a path, ``sink``, which takes the bytes (standard output, or memory)."""

    path: Path | None = None
    inputs: tuple[Path, ...] = ()
    sink: Callable[[bytes], None] | None = None
    metadata: Path | None = None
    """sqlite: where Datasette's metadata goes (default: beside the database)."""

    @classmethod
    def file(cls, path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = (), **more) -> Destination:
        return cls(Path(path), tuple(Path(p) for p in inputs), **more)

    def write(self, data: bytes) -> None:
        """``data`` to the sink, or atomically to the file (:func:`lexmap.outputs.write_file`)."""
        if self.path is None:
            assert self.sink is not None, "a destination is a path or a sink"
            self.sink(data)
        else:
            write_file(self.path, data, self.inputs)


Writer = Callable[[Any, Destination, OutputCase], None]


@attrs.frozen
class Format:
    """One output format of one family (``matrix``, ``chart``, ``corpus``)."""

    family: str
    name: str
    extensions: tuple[str, ...]
    writer: Writer
    summary: str
    extra: tuple[str, str] | None = None
    """The optional library it needs and what for, checked by :func:`lexmap.extras.require`."""
    binary: bool = False
    """Bytes that cannot go to standard output."""
    folder: bool = False
    """Written as a folder of files (``-o FOLDER``), not one file."""
    reads_case: bool = True
    """False for the one format that is not of a case (``schema``: the JSON Schema of data files)."""
    untitled: str | None = None
    """Why this format cannot carry the case's title and date (every other one does: a test reads them back)."""
    keeps: str | None = None
    """What an existing file of this format is (custody: the record of what was read then): never replaced."""
    by_extension: bool = False
    """The file's extension picks the variant (chronology: .csv or .xlsx); any other is refused."""
    hint: str = "give another file name"
    """What to do when :meth:`check_destination` refuses a file."""
    program: tuple[str, str] | None = None
    """The program outside Python it drives and what for (LibreOffice for the PDF chart)."""

    def ready(self) -> None:
        """Raise :class:`~lexmap.extras.MissingExtra` (or :class:`~lexmap.extras.MissingProgram`)
        now if the optional library (or program) is missing: before a slow load, not after it."""
        if self.extra is not None:
            require(*self.extra)
        if self.program is not None:
            require_program(*self.program)

    def check_destination(self, destination: Destination) -> None:
        """:class:`FormatError` if ``destination`` is a file of another kind (for a format whose
        extension picks its variant), or exists and this format never replaces a file."""
        path = destination.path
        if self.by_extension and path is not None and path.suffix.lower() not in self.extensions:
            raise FormatError(
                f"cannot tell the {self.name}'s format from {str(path)!r}: name a {' or '.join(self.extensions)} file"
            )
        if self.keeps and destination.path is not None and os.path.lexists(destination.path):
            raise FormatError(f"{str(destination.path)!r} exists; lexmap never replaces {self.keeps}: give a new file name")

    def write(self, result, destination: Destination, case: OutputCase) -> None:
        self.ready()
        self.check_destination(destination)
        self.writer(result, destination, case)


# -- the writers -------------------------------------------------------------------------------


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


def family(name: str) -> tuple[Format, ...]:
    """The formats of the family ``name``, in the registry's order."""
    return tuple(f for f in FORMATS if f.family == name)


def names(family_name: str) -> tuple[str, ...]:
    return tuple(f.name for f in family(family_name))


def extensions(family_name: str) -> tuple[str, ...]:
    return tuple(e for f in family(family_name) for e in f.extensions)


def by_name(family_name: str, name: str) -> Format:
    """The format ``name`` of the family; :class:`FormatError` (did you mean, and the list) otherwise."""
    for found in family(family_name):
        if found.name == name:
            return found
    known = names(family_name)
    raise FormatError(unknown(f"{family_name} format", name, known))


def by_path(family_name: str, path: str | os.PathLike) -> Format:
    """The format of the family that the file name ``path`` asks for by its extension
    (``.markdown`` and ``.htm`` included; any case); :class:`FormatError` otherwise: an ``.ods``
    or ``.tsv`` file must not silently hold CSV."""
    suffix = Path(path).suffix
    for found in family(family_name):
        if suffix.lower() in found.extensions:
            return found
    known = extensions(family_name)
    what = f"the extension {suffix!r}" if suffix else "a file name without extension"
    raise FormatError(
        f"cannot tell a {family_name} format from {what} ({str(path)!r}); "
        f"{suggest(suffix.lower(), known) if suffix else ''}known extensions: {', '.join(known)}"
    )


def unknown(kind: str, given: str, known: Iterable[str]) -> str:
    """One line for an unknown name: the closest known ones, then the list."""
    known = list(known)
    return f"unknown {kind} {given!r}; {suggest(given.lower(), known)}known: {', '.join(known)}"


def suggest(given: str, known: Iterable[str]) -> str:
    """``"did you mean 'x'? "`` for the known names closest to ``given``, else ``""``."""
    close = difflib.get_close_matches(given, list(known), n=2, cutoff=0.65)
    return f"did you mean {' or '.join(repr(k) for k in close)}? " if close else ""


def render(family_name: str, name: str, result, case: OutputCase) -> bytes:
    """The bytes of ``result`` in the format ``name`` of the family (not for folder formats)."""
    out: list[bytes] = []
    by_name(family_name, name).write(result, Destination(sink=out.append), case)
    return b"".join(out)


def write(family_name: str, result, destination: Destination, case: OutputCase, name: str | None = None) -> Format:
    """Write ``result`` to ``destination`` in the format ``name``, else the one its path's
    extension names; returns the format used."""
    if name is None:
        if destination.path is None:
            raise FormatError(
                f"name a {family_name} format for an output without a file name: one of {', '.join(names(family_name))}"
            )
        chosen = by_path(family_name, destination.path)
    else:
        chosen = by_name(family_name, name)
    chosen.write(result, destination, case)
    return chosen
