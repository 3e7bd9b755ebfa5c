"""Writers of lexmap's outputs, one module per format; every file is written atomically.

Which writer writes which format is said once, in the registry (:mod:`lexmap.exports.formats`);
the functions here are the API's short names for it."""

from __future__ import annotations

import re
from pathlib import Path

MEASURES = {
    "count": "the number of practices in the cell",
    "independent": "the independent sources behind the cell's best practice",
    "ids": "the practices in the cell",
    "level": "the level of the cell's best practice (never pooled across practices)",
}
"""What a cell shows under each ``--value``, in the words every format's caption uses."""


def render_matrix(
    matrix, corpus, fmt: str, value: str = "count", base_url: str | None = None, profile: str = "full", *, paper: str = "a4"
) -> bytes:
    """The bytes of ``matrix`` in format ``fmt`` (csv, xlsx, md, html or json), each headed by
    the case's title and date and naming the measure (:mod:`lexmap.exports.formats`); ``paper``
    ("a4" or "letter") is the page an XLSX prints on. With ``profile`` (:mod:`lexmap.profiles`),
    the matrix is made again from that edition of ``corpus``."""
    from .formats import OutputCase, render

    edition = _edition(corpus, profile)
    if edition is not corpus:
        framework = corpus.owner(matrix.rows[0].id) if matrix.row_kind == "indicators" and matrix.rows else None
        matrix = edition.matrix(matrix.row_kind, matrix.col_kind, framework=framework)
    return render("matrix", fmt, matrix, OutputCase.of(edition, value=value, base_url=base_url, paper=paper))


def _edition(corpus, profile: str):
    from ..loading import edition_of

    return corpus if corpus is None else edition_of(corpus, profile)


def format_of(path: str | Path) -> str | None:
    """The matrix format a file name asks for (``.markdown`` and ``.htm`` included), or None."""
    from .formats import FormatError, by_path

    try:
        return by_path("matrix", path).name
    except FormatError:
        return None


def matrix_format_for(path: str | Path) -> str:
    """The matrix format of the file name ``path``; ValueError for an unknown extension (an
    ``.ods`` or ``.tsv`` file must not silently hold CSV)."""
    from .formats import by_path

    return by_path("matrix", path).name


# An absolute IRI (RFC 3987) with no character that IRIs exclude: spaces, controls, <>"{}|\\^`.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f]+")


def check_base_iri(base: str) -> str:
    """``base`` if it is an absolute IRI that resources can be appended to; else ValueError."""
    if not _IRI.fullmatch(base) or base.count("#") > 1:
        raise ValueError(
            f"the base {base!r} is not an absolute IRI such as 'https://example.org/lexmap/' "
            "(no spaces, controls or <>\"{}|\\^` characters, at most one '#')"
        )
    return base


def export_bytes(corpus, fmt: str, base: str | None = None, profile: str = "full") -> bytes:
    """The bytes of ``corpus`` in interchange format ``fmt`` (one of EXPORT_FORMATS), as the
    edition under ``profile`` shows it (:mod:`lexmap.profiles`)."""
    from .formats import OutputCase, render

    edition = _edition(corpus, profile)
    return render("corpus", fmt, edition, OutputCase.of(edition, base=base))


from .formats import family, names  # noqa: E402  (the registry uses MEASURES above)

MATRIX_FORMATS = names("matrix")
MATRIX_EXTENSIONS = {extension: f.name for f in family("matrix") for extension in f.extensions}
DATABASE_FORMATS = tuple(f.name for f in family("corpus") if f.binary or f.folder)
"""Formats written to a path (a database and its metadata, a folder of files), not to standard output."""
EXPORT_FORMATS = tuple(name for name in names("corpus") if name not in DATABASE_FORMATS)
