"""Which file formats the evidence chart is written in, and the bytes of each (the registry:
:mod:`lexmap.exports.formats`, family ``chart``)."""

from __future__ import annotations

from pathlib import Path

from .formats import OutputCase, by_path, family, render

CHART_FORMATS = {extension: f.name for f in family("chart") for extension in f.extensions}
"""File extensions the chart is written as, and the format each names."""


def chart_format(path: str | Path) -> str:
    """The format a file name asks for; ValueError (did you mean, the known extensions) otherwise."""
    return by_path("chart", path).name


def render_chart(chart, fmt: str, corpus=None, profile: str = "full", *, paper: str = "a4") -> bytes:
    """The bytes of ``chart`` (:class:`lexmap.chart.Chart`) as docx, pdf, html or md; ``paper``
    ("a4" or "letter") is the page a DOCX (and its PDF) is laid out on; with ``profile`` (:mod:`lexmap.profiles`), the
    chart is made again from that edition of ``corpus``."""
    if profile != "full":
        from ..chart import build_chart
        from ..loading import edition_of

        if corpus is None:
            raise ValueError("a chart under a profile is made again from its corpus: give corpus=")
        corpus = edition_of(corpus, profile)
        chart = build_chart(
            corpus, chart.test, chart.practice, parts=chart.parts, independence=chart.independence, date=chart.date
        )
    return render("chart", fmt, chart, OutputCase.of(corpus, paper=paper))
