"""Writers of lexmap's outputs, one module per format; every file is written atomically."""

from __future__ import annotations

import re
from pathlib import Path

MATRIX_FORMATS = ("csv", "xlsx", "md", "html", "json")


MEASURES = {
    "count": "the number of practices in the cell",
    "independent": "the independent sources behind the cell's best practice",
    "ids": "the practices in the cell",
    "level": "the level of the cell's best practice (never pooled across practices)",
}
"""What a cell shows under each ``--value``, in the words every format's caption uses."""


def render_matrix(matrix, corpus, fmt: str, value: str = "count", base_url: str | None = None) -> bytes:
    """The bytes of ``matrix`` in format ``fmt`` (csv, xlsx, md, html or json), each (but CSV,
    which has no place for it) headed by the case's title and date and naming the measure."""
    from .csvfile import matrix_csv
    from .htmlfile import matrix_page
    from .jsonfile import matrix_json
    from .markdownfile import matrix_markdown
    from .xlsxfile import matrix_xlsx

    title = corpus.title if corpus is not None else None
    date = corpus.case.date if corpus is not None and corpus.case else None
    if fmt == "csv":
        return matrix_csv(matrix, value).encode("utf-8")
    if fmt == "xlsx":
        return matrix_xlsx(matrix, corpus, value, base_url, title=title, date=date)
    if fmt == "md":
        return matrix_markdown(matrix, value, title=title, date=date, measure=MEASURES.get(value)).encode("utf-8")
    if fmt == "html":
        return matrix_page(matrix, value, base_url, corpus, title=title, date=date).encode("utf-8")
    if fmt == "json":
        return matrix_json(matrix, title=title, date=date, value=value, measure=MEASURES.get(value)).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(MATRIX_FORMATS)}")


MATRIX_EXTENSIONS = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


def format_of(path: str | Path) -> str | None:
    """The matrix format a file name asks for (``.markdown`` and ``.htm`` included), or None."""
    return MATRIX_EXTENSIONS.get(Path(path).suffix.lower())


def matrix_format_for(path: str | Path) -> str:
    """The matrix format of the file name ``path``; ValueError for an unknown extension (an
    ``.ods`` or ``.tsv`` file must not silently hold CSV)."""
    fmt = format_of(path)
    if fmt is None:
        suffix = Path(path).suffix
        what = f"the extension {suffix!r}" if suffix else "a file name without extension"
        raise ValueError(
            f"cannot tell a matrix format from {what} ({str(path)!r}); known extensions: {', '.join(MATRIX_EXTENSIONS)}"
        )
    return fmt


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


EXPORT_FORMATS = ("json", "graphml", "gexf", "turtle", "jsonld", "csl-json", "schema", "custody")
DATABASE_FORMATS = ("sqlite", "parquet")
"""Formats written to a path by their own writer (lexmap.exports.sqlite, .parquet), not as bytes."""


def export_bytes(corpus, fmt: str, base: str | None = None) -> bytes:
    """The bytes of ``corpus`` in interchange format ``fmt`` (one of EXPORT_FORMATS)."""
    if fmt == "json":
        from .corpus_json import corpus_json

        return corpus_json(corpus).encode("utf-8")
    if fmt in ("graphml", "gexf"):
        from .graphml import corpus_gexf, corpus_graphml

        return corpus_graphml(corpus) if fmt == "graphml" else corpus_gexf(corpus)
    if fmt in ("turtle", "jsonld"):
        from .rdf import DEFAULT_BASE, corpus_jsonld, corpus_turtle

        base = check_base_iri(base or DEFAULT_BASE)
        return corpus_turtle(corpus, base) if fmt == "turtle" else corpus_jsonld(corpus, base)
    if fmt == "csl-json":
        from .csl import corpus_csl

        return corpus_csl(corpus).encode("utf-8")
    if fmt == "schema":
        from ..schema import schema_json

        return schema_json().encode("utf-8")
    if fmt == "custody":
        from .custody import custody_json

        return custody_json(corpus).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
