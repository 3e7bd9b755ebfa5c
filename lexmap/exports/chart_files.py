"""Which file formats the evidence chart is written in, and the bytes of each."""

from __future__ import annotations

from pathlib import Path

CHART_FORMATS = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}
"""File extensions the chart is written as, and the format each names."""


def chart_format(path: str | Path) -> str:
    """The format a file name asks for; ValueError naming the known extensions otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in CHART_FORMATS:
        known = ", ".join(CHART_FORMATS)
        raise ValueError(
            f"cannot tell the format of {Path(path).name!r} from its extension {suffix or '(none)'!r}; use one of {known}"
        )
    return CHART_FORMATS[suffix]


def render_chart(chart, fmt: str) -> bytes:
    """The bytes of ``chart`` (:class:`lexmap.chart.Chart`) as docx, html or md."""
    if fmt == "docx":
        from .chart_docx import chart_docx, require_docx

        require_docx()
        return chart_docx(chart)
    if fmt == "html":
        from .chart_html import chart_page

        return chart_page(chart).encode("utf-8")
    if fmt == "md":
        from .chart_md import chart_markdown

        return chart_markdown(chart).encode("utf-8")
    raise ValueError(f"unknown chart format {fmt!r}; use docx, html or md")
