"""The search index written as pages are written (:mod:`lexmap.site.search_stream`): Material's
index never holds more than the page being written, and the site, both index files included, is
byte for byte the one Material writes from its whole index (a 1x corpus with hand-written pages,
which Material indexes itself, between the generated ones)."""

from __future__ import annotations

import pytest
from synthetic import synthetic_case, tree

from lexmap.site import search_stream
from lexmap.site.build import build_site


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return synthetic_case(tmp_path_factory.mktemp("corpus1x"), seed=4)


def test_the_index_leaves_material_page_by_page_and_is_written_the_same(corpus, tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "guide" / "about.md").write_text("# About the case\n\nWho wrote it, and why. \u00c9t\u00e9.\n\n## Sources\n\nMany.\n")
    (docs / "notes.md").write_text("# Notes\n\nA page of notes.\n")
    held: list[int] = []
    take = search_stream.Stream.take

    def taking(self):
        held.append(len(self.index.entries))
        take(self)

    monkeypatch.setattr(search_stream.Stream, "take", taking)
    build_site(corpus, tmp_path / "streamed", docs=docs, strict=True)
    assert sum(held) > 1000 and max(held) < sum(held) / 20  # one page's entries at a time

    monkeypatch.setattr(search_stream, "Stream", lambda index: None)  # Material's index, whole
    build_site(corpus, tmp_path / "whole", docs=docs, strict=True)
    streamed, whole = tree(tmp_path / "streamed"), tree(tmp_path / "whole")
    streamed.pop(".lexmap-output"), whole.pop(".lexmap-output")  # hashes of the same files, signed
    assert b"About the case" in whole["search/search_index.json"] and whole["search/search_index.js"]
    assert streamed.keys() == whole.keys()
    assert [path for path in streamed if streamed[path] != whole[path]] == []
