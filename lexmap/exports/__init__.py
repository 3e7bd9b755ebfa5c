"""Writers of lexmap's outputs, one module per format; every file is written atomically."""

from __future__ import annotations

from pathlib import Path

MATRIX_FORMATS = ("csv", "xlsx", "md", "html", "json")


def render_matrix(matrix, corpus, fmt: str, value: str = "count", base_url: str | None = None) -> bytes:
    """The bytes of ``matrix`` in format ``fmt`` (csv, xlsx, md, html or json)."""
    from .csvfile import matrix_csv
    from .htmlfile import matrix_page
    from .jsonfile import matrix_json
    from .markdownfile import matrix_markdown
    from .xlsxfile import matrix_xlsx

    if fmt == "csv":
        return matrix_csv(matrix, value).encode("utf-8")
    if fmt == "xlsx":
        return matrix_xlsx(matrix, corpus, value, base_url)
    if fmt == "md":
        return matrix_markdown(matrix, value).encode("utf-8")
    if fmt == "html":
        return matrix_page(matrix, value, base_url, corpus).encode("utf-8")
    if fmt == "json":
        return matrix_json(matrix).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(MATRIX_FORMATS)}")


def format_of(path: str | Path) -> str | None:
    """The matrix format a file name asks for (``.markdown`` and ``.htm`` included)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"markdown": "md", "htm": "html"}.get(suffix, suffix if suffix in MATRIX_FORMATS else None)
