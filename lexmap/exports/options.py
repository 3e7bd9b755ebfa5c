"""What every output format is and shares: :class:`Format` (name, family, extensions, optional
extra, writer), :class:`OutputCase` (the case's title and date, taken once, with ``--value``,
``--paper``, ``--gaps``, the base URL and IRI), :class:`Destination` (a file written
atomically, a folder, or bytes handed to a sink), and the one line an unknown name gets."""

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


def unknown(kind: str, given: str, known: Iterable[str]) -> str:
    """One line for an unknown name: the closest known ones, then the list."""
    known = list(known)
    return f"unknown {kind} {given!r}; {suggest(given.lower(), known)}known: {', '.join(known)}"


def suggest(given: str, known: Iterable[str]) -> str:
    """``"did you mean 'x'? "`` for the known names closest to ``given``, else ``""``."""
    close = difflib.get_close_matches(given, list(known), n=2, cutoff=0.65)
    return f"did you mean {' or '.join(repr(k) for k in close)}? " if close else ""
