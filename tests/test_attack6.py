"""Attack round six (issue 26): unbounded work left in what a hostile case can make lexmap do.
Each test fails on main before its fix (the finding is in /work/notes/attack6-findings.md)."""

from __future__ import annotations

import tracemalloc
from types import SimpleNamespace

from lexmap.independence import Sources


def _document(i: int, n: int) -> SimpleNamespace:
    cites = [SimpleNamespace(document=f"d{i + 1}", pinpoint=f"fn. {i}")] if i + 1 < n else []
    return SimpleNamespace(id=f"d{i}", cites=cites, authored_by=(), published_by=None, authors=(f"A{i}",), publisher=None)


def test_why_sources_prose_on_a_long_citation_chain_is_not_quadratic() -> None:
    """Two statements relying on the head of a chain of 3,000 citing documents: the chart's "why N
    sources" prose was built for every document of the chain, each with its whole path back
    (3,000**2 / 2 steps: 1.4 GB at 6,400 documents); only the links that join groups need words."""
    n = 3000
    documents = {d.id: d for d in (_document(i, n) for i in range(n))}
    documents["x"] = SimpleNamespace(id="x", cites=[], authored_by=(), published_by=None, authors=("X",), publisher=None)
    documents["y"] = SimpleNamespace(id="y", cites=[], authored_by=(), published_by=None, authors=("Y",), publisher=None)
    relies = [SimpleNamespace(document="d0", pinpoint=None)]
    statements = [SimpleNamespace(id=f"c{k}", document=d, speaker=None, relies_on=relies) for k, d in enumerate("xy")]
    sources = Sources(documents, {}, statements)
    tracemalloc.start()
    try:
        groups = sources.groups(statements)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(groups) == 1 and groups[0].statements == ("c0", "c1")
    (link,) = groups[0].links
    assert link.reason == "same-source" and "both rest on d0" in link.because
    assert peak < 30 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB for the groups of two statements"
