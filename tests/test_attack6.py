"""Attack round six (issue 26): unbounded work left in what a hostile case can make lexmap do.
Each test fails on main before its fix (the finding is in /work/notes/attack6-findings.md)."""

from __future__ import annotations

import tracemalloc
from types import SimpleNamespace

from lexmap.independence import Sources

from counting import counted_ids


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


class _CountingCites(dict):
    """A document's citations, counting how often any is looked up (the work of every walk)."""

    lookups = 0

    def get(self, key, default=None):  # type: ignore[override]
        type(self).lookups += 1
        return super().get(key, default)


def test_statements_relying_on_a_long_chain_walk_it_once_not_once_each() -> None:
    """200 statements, each in a document of a chain of 2,000 citing documents and relying on the next:
    each walked the rest of the chain for its sources and again for their authors (200 x 2,000 walks;
    a chart of 400 statements on a 3,200-document chain took 19.5 s). A source an earlier walk went
    through is not walked again: what lies beyond it is joined already."""
    n, k = 2000, 200
    documents = {d.id: d for d in (_document(i, n) for i in range(n))}
    statements = [
        SimpleNamespace(
            id=f"c{j}", document=f"d{j}", speaker=None, relies_on=[SimpleNamespace(document=f"d{j + 1}", pinpoint=None)]
        )
        for j in range(k)
    ]
    sources = Sources(documents, {}, statements)
    sources.cites = _CountingCites(sources.cites)
    _CountingCites.lookups = 0
    groups = sources.groups(statements)
    assert [len(g.statements) for g in groups] == [k]  # each cites the next: one source
    assert sources.count(statements) == 1
    assert _CountingCites.lookups < 10 * (n + k), f"{_CountingCites.lookups} lookups of citations for {n} documents"


def test_a_reason_gives_a_long_citation_path_in_short() -> None:
    """300 statements, statement j in its own document relying on document j of a chain of 1,000: each
    is joined to the first through a path of j citations, and every step was put in words (a chart of
    400 such claims: 3.8 MB, one paragraph of 3.6 MB, quadratic). A long path keeps its first two and
    last two citations and says how many are between."""
    n, k = 1000, 300
    documents = {d.id: d for d in (_document(i, n) for i in range(n))}
    for j in range(k):
        documents[f"x{j}"] = SimpleNamespace(
            id=f"x{j}", cites=[], authored_by=(), published_by=None, authors=(f"X{j}",), publisher=None
        )
    statements = [
        SimpleNamespace(id=f"c{j}", document=f"x{j}", speaker=None, relies_on=[SimpleNamespace(document=f"d{j}", pinpoint=None)])
        for j in range(k)
    ]
    (group,) = Sources(documents, {}, statements).groups(statements)
    assert len(group.statements) == k and len(group.links) == k - 1
    last = group.links[-1].because
    assert last.startswith(f"both rest on d{k - 1}: c0 relies on d0; d0 cites d1 at fn. 0; d1 cites d2 at fn. 1; ")
    assert (
        f"; {k - 1 - 4} more citations; d{k - 3} cites d{k - 2} at fn. {k - 3}; d{k - 2} cites d{k - 1} at fn. {k - 2}; " in last
    )
    assert last.endswith(f"c{k - 1} relies on d{k - 1}")
    assert sum(len(link.because) for link in group.links) < 300 * k


def test_a_deep_part_of_chain_is_indexed_in_quadratic_time_not_cubic(tmp_path) -> None:
    """Practices each part of the one before: every practice's chain of wholes was built with a
    test of membership in the list itself (cubic: a 4,000-deep chain ran past 100 s in `matrix`).
    Measured by the comparisons of ids made (n**3 / 6 with a test of the list, a few n**2 now)."""
    import lexmap

    n = 300  # counted, not timed: a short chain shows the cube (4.5 million comparisons at 300)
    (tmp_path / "mappings").mkdir()
    (tmp_path / "lexmap.yaml").write_text("title: Deep\nlaw: [bundled]\n", encoding="utf-8")
    practices = "practices:\n  - id: p0\n    label: P0\n" + "".join(
        f"  - id: p{i}\n    label: P{i}\n    part_of: p{i - 1}\n" for i in range(1, n)
    )
    documents = "documents:\n  - id: x\n    title: X\n    kind: report\n    authors: [X]\n"
    claims = f"claims:\n  - id: c\n    document: x\n    practice: p{n - 1}\n    element: palermo/act-recruitment\n    stance: supports\n    pinpoint: p. 1\n    quote: q\n"
    (tmp_path / "mappings" / "case.yaml").write_text(practices + documents + claims, encoding="utf-8")
    corpus = lexmap.load(tmp_path, cache=False)
    Id = counted_ids()
    for practice in corpus.practices.values():  # ids that count the comparisons made with them
        if practice.part_of:
            object.__setattr__(practice, "part_of", Id(practice.part_of))
    rows = corpus.coverage("palermo/trafficking").elements
    recruitment = next(r for r in rows if r.element.id == "palermo/act-recruitment")
    assert recruitment.practice == "p0" and [c.id for c in recruitment.subtree_supporting] == [
        "c"
    ]  # the deepest part reaches the top
    assert Id.compared < 4 * n * n, f"{Id.compared:,} comparisons of ids for the coverage of a {n}-deep chain"


def test_a_deep_part_of_chain_of_actors_is_followed_in_linear_time() -> None:
    """An actor 3,000 organisations deep: its chain was built with a test of membership in the list
    itself, quadratic for each speaker (100 speakers of a 2,000-deep chain: chart 14.1 s).
    Measured by the comparisons of ids made (n**2 / 2 a chain with a test of the list)."""
    n = 1000
    Id = counted_ids()
    actors = {f"a{i}": SimpleNamespace(id=f"a{i}", name=f"A{i}", part_of=Id(f"a{i - 1}") if i else None) for i in range(n)}
    sources = Sources({}, actors, [])
    chains = [sources.chain(Id(f"a{n - 1 - j}")) for j in range(20)]
    assert chains[0][0] == f"a{n - 1}" and chains[0][-1] == "a0" and len(chains[0]) == n and len(chains[-1]) == n - 19
    assert Id.compared < 4 * 20 * n, f"{Id.compared:,} comparisons of ids for 20 chains of a {n}-deep organisation"


def test_the_site_follows_a_deep_part_of_chain_of_practices_in_linear_time() -> None:
    """The site's time lines give a part's events to every whole it is part of, once an event:
    each practice's wholes were gathered with a test of membership in the list itself.
    Measured by the comparisons of ids made (n**2 / 2 a chain with a test of the list)."""
    from lexmap.site.pages import _wholes

    n = 1000
    Id = counted_ids()
    practices = {f"p{i}": SimpleNamespace(id=f"p{i}", part_of=Id(f"p{i - 1}") if i else None) for i in range(n)}
    corpus = SimpleNamespace(practices=practices)
    chains = [_wholes(corpus, Id(f"p{n - 1 - j}")) for j in range(20)]  # type: ignore[arg-type]
    assert chains[0] == [f"p{i}" for i in reversed(range(n))] and len(chains[-1]) == n - 19
    assert Id.compared < 4 * 20 * n, f"{Id.compared:,} comparisons of ids for 20 chains of a {n}-deep practice"
