"""Source independence: two documents are not independent when one cites the other, directly or
through a chain of citations.

The number of independent documents behind a set of documents is the size of
the largest subset in which no document cites another (a maximum antichain of
the citation order). By Dilworth's theorem it is the number of documents minus
a maximum matching of the "cites, possibly through others" relation, which
networkx computes exactly.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx


class CitationIndex:
    """Answers "do these documents depend on each other?" for one corpus's citations."""

    def __init__(self, citations: Iterable[tuple[str, str]], documents: Iterable[str]):
        graph = nx.DiGraph()
        graph.add_nodes_from(documents)
        graph.add_edges_from(citations)
        # Documents that cite each other in a circle depend on one another: collapse them.
        condensed = nx.condensation(graph)
        self._component = condensed.graph["mapping"]
        self._reach = {node: nx.descendants(condensed, node) for node in condensed}

    def depends(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are the same, or one cites the other through any chain."""
        ca, cb = self._component[a], self._component[b]
        return ca == cb or cb in self._reach[ca] or ca in self._reach[cb]

    def independent_count(self, documents: Iterable[str]) -> int:
        """How many of ``documents`` can be chosen so that none cites another."""
        components = {self._component[d] for d in documents}
        edges = [(("from", a), ("to", b)) for a in components for b in self._reach[a] & components]
        if not edges:  # the usual case: no document here cites another
            return len(components)
        order = nx.Graph(edges)
        left = [node for node in order if node[0] == "from"]
        matching = nx.bipartite.hopcroft_karp_matching(order, top_nodes=left)
        return len(components) - len(matching) // 2
