"""The corpus graph (:mod:`lexmap.graph`) as GraphML and GEXF, for Gephi, yEd and Cytoscape.

Both formats hold only typed scalar attributes, so the graph is made plain
first: an attribute whose value is None is left out (GraphML and GEXF have no
null; a reader sees the attribute as absent), a list or tuple becomes its items
joined by "; ", and every edge gets a unique string id: the statement's id for
claims, attestations and exhibits (a reading's first edge; its others ``id#2``...),
``kind:source->target`` otherwise (with
``#2``, ``#3``... for parallel edges of one kind). Text that XML 1.0 cannot hold
(control characters, which the loader refuses but a corpus built in Python may
carry) raises ValueError: networkx would write a file no XML parser reads.
"""

from __future__ import annotations

import io
import re
from xml.etree import ElementTree

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from ..graph import build_graph


def plain_graph(corpus) -> nx.MultiDiGraph[str]:
    """The corpus graph with scalar attributes only and unique string edge keys."""
    source = build_graph(corpus)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.graph.update(_plain({"title": corpus.title, "date": corpus.case.date if corpus.case else None}, "graph"))
    for node, data in source.nodes(data=True):
        graph.add_node(node, **_plain(data, node))
    for u, v, key, data in source.edges(keys=True, data=True):
        if not isinstance(key, str):
            key = base = f"{data['kind']}:{u}->{v}"
            n = 1
            while graph.has_edge(u, v, key):
                n += 1
                key = f"{base}#{n}"
        graph.add_edge(u, v, key=key, **_plain(data, key))
    return graph


# Not XML 1.0 characters, and CR (which XML parsers read back as LF)
_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _plain(data: dict, where: str = "") -> dict:
    plain = {
        name: "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else value
        for name, value in data.items()
        if value is not None
    }
    for name, value in plain.items():
        bad = _NOT_XML.search(value) if isinstance(value, str) else None
        if bad:
            raise ValueError(f"{where}: {name} holds U+{ord(bad.group()):04X}, which XML cannot hold; remove it from the data")
    return plain


def corpus_graphml(corpus) -> bytes:
    stream = io.BytesIO()
    nx.write_graphml(plain_graph(corpus), stream, encoding="utf-8")
    return stream.getvalue()


def corpus_gexf(corpus) -> bytes:
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)  # same corpus, same bytes
    description = ElementTree.SubElement(meta, "description")  # the case's title and date, as GEXF keeps them
    description.text = corpus.title + (f" ({corpus.case.date})" if corpus.case and corpus.case.date else "")
    graph = plain_graph(corpus)
    for _u, _v, key, data in graph.edges(keys=True, data=True):
        data["id"] = key  # GEXF edge ids: the statement's id in Gephi's data table
    writer.add_graph(graph)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()
