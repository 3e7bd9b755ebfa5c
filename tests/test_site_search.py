"""The site's search index: generated pages are indexed by lexmap.site.search, not by
mkdocs-material's HTML parser, and must give the very index Material would."""

from __future__ import annotations

import pytest
from material.plugins.search.plugin import Parser

from lexmap.site import search
from lexmap.site.build import build_site

from conftest import CORPORA


def material_sections(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.id, s.depth, s.title, s.text, s.is_excluded()) for s in parser.data]


def our_sections(html: str) -> list[tuple]:
    return [(s.el.tag, s.id, s.depth, s.title, s.text, s.is_excluded()) for s in search.sections(html)]


TRICKY = {
    "preface before any heading": "<p>before</p><h2 id='a'>A</h2><p>after</p>",
    "first heading not h1": "<h3 id='x'>X</h3>text<h3 id='y'>Y</h3>more",
    "heading without id": "<h1 id='t'>T</h1><h2>no id</h2><p>body</p>",
    "permalink left out of titles": '<h2 id="s">Sec<a class="headerlink" href="#s" title="Permanent link">&para;</a></h2><p>x</p>',
    "entities": "<h1 id='t'>A &amp; B &lt;c&gt;</h1><p>&quot;q&quot; &#39;s&#39; &eacute; &#8599; &amp;amp;</p>",
    "whitespace": "<p>a\n b</p>  \n  <p>   </p><ul>\n<li>one</li>\n<li> </li>\n</ul><pre>  x\n\n  y </pre>",
    "excluded table": '<h2 id="a">A</h2><table data-search-exclude><tr><td><p>hidden</p></td></tr></table><p>shown</p>',
    "excluded, nested same tag": (
        '<h2 id="a">A</h2><div data-search-exclude><div>in</div><p>still hidden?</p></div><p>after</p>'
    ),
    "excluded, heading inside": '<div data-search-exclude><h2 id="in">In</h2><p>x</p></div><p>y</p>',
    "excluded, heading without id inside": '<h2 id="a">A</h2><div data-search-exclude><h3 class="x">In</h3><p>x</p></div><p>y</p>',
    "excluded, unbalanced inside": '<h2 id="a">A</h2><div data-search-exclude><span><p>x</div><p>y</p></span>z',
    "excluded, closed out of order": "<div data-search-exclude><span></div></span></div><p>y</p>",
    "excluded, excluded inside": (
        '<h2 id="a">A</h2><section data-search-exclude><p>x <a data-search-exclude>#</a></p>'
        "<div data-search-exclude><p>in</p></div></section><p>y <a>z</a></p><div>w</div>"
    ),
    "excluded inline": '<p>text <a class="lx-permalink" href="#x" data-search-exclude>#</a> more</p>',
    "style and script": "<style>a > b { x: '<p>' }</style><p>s</p><script>if (a < b) {}</script><p>t</p>",
    "upper case": "<H2 ID='u'>U</H2><P>Para</P><TABLE DATA-SEARCH-EXCLUDE><TR><TD>no</TD></TR></TABLE>",
    "void and self-closing": "<p>a<br>b<br/>c<img src='x'/><hr>d</p><svg><rect/></svg>",
    "comments and declarations": "<!-- <p>not text</p> --><!DOCTYPE html><p>a</p><?pi x?>",
    "kept tags in titles": "<h2 id='k'>Title <code>x</code> <sub>2</sub></h2><ol><li><p>deep</p></li></ol>",
    "section exited by its parent": '<div><h3 id="n">Nested</h3><p>in</p></div><p>back in the parent section</p>',
    "linenodiv": '<h2 id="c">Code</h2><div class="linenodiv"><pre>1\n2</pre></div><pre>code</pre>',
    "stray end tags": "<p>a</span></p></div><p>b</p>",
}


@pytest.mark.parametrize("html", TRICKY.values(), ids=TRICKY.keys())
def test_sections_are_materials_on_tricky_html(html):
    assert our_sections(html) == material_sections(html)


def _index(site) -> bytes:
    return (site / "search" / "search_index.json").read_bytes()


@pytest.mark.parametrize("corpus", [None, CORPORA / "hostile", CORPORA / "small"], ids=["bundled", "hostile", "small"])
def test_search_index_is_the_one_material_builds(corpus, tmp_path, monkeypatch):
    """The whole index, byte for byte, against a build where Material indexes every page."""
    read = []
    real = search.sections
    monkeypatch.setattr(search, "sections", lambda html: read.append(1) or real(html))
    build_site(corpus, tmp_path / "ours")
    assert read, "the generated pages were not indexed by lexmap.site.search"
    monkeypatch.setattr(search, "material_index", lambda config: None)  # Material's own parser
    read.clear()
    build_site(corpus, tmp_path / "material")
    assert not read
    assert _index(tmp_path / "ours") == _index(tmp_path / "material")


def test_pages_that_exclude_themselves_stay_out_of_the_index(tmp_path):
    """Evidence charts say ``search: exclude: true`` in their front matter."""
    build_site(CORPORA / "small", tmp_path / "site")
    index = _index(tmp_path / "site").decode()
    assert "tests/tp/exploitation.html" in index and "chart.html" not in index


def test_each_statement_is_one_entry_on_its_practice_page(tmp_path, bundled):
    """A statement shows on three pages (practice, document, element or indicator) but is found
    once: at its card on its practice's page."""
    import json

    build_site(None, tmp_path / "site")
    locations = [entry["location"] for entry in json.loads(_index(tmp_path / "site"))["docs"]]
    for kind, prefix, records in (
        ("claim", "claim-", bundled.claims),
        ("attestation", "att-", bundled.attestations),
        ("exhibit", "exh-", bundled.exhibits),
    ):
        for id_, statement in records.items():
            found = [place for place in locations if place.endswith(f"#s-{prefix}{id_}")]
            assert found == [f"practices/{statement.practice}.html#s-{prefix}{id_}"], (kind, id_, found)


def test_each_entry_finds_its_heading_without_walking_the_page_s_table_of_contents():
    """Material walks a page's whole table of contents for each section (quadratic in a page's
    headings: a page of 100,000 statements took minutes); lexmap hands it the one item its walk
    finds first, looked up once per page: the same entries, in steps linear in the page."""
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.structure.toc import get_toc

    from lexmap.site.mkdocs_api import add_search_entries

    n = 300
    html = '<h1 id="top">Top</h1>' + "".join(f'<h3 id="s{i}">S {i}</h3><p>text {i}</p>' for i in range(n))
    html += '<h3 id="s0">Again</h3><p>a repeated id: the first item wins</p><h2 id="none">Not listed</h2>'
    tokens = [{"level": 1, "id": "top", "name": "Top", "html": "Top", "data-toc-label": "", "children": []}]
    tokens[0]["children"] = [
        {"level": 3, "id": f"s{i}", "name": f"S {i}", "html": f"S {i}", "data-toc-label": "", "children": []} for i in range(n)
    ]

    class Page:
        url, meta, title = "p.html", {}, "Top"
        toc = get_toc(tokens)

    ours, theirs = SearchIndex(), SearchIndex()
    steps = []
    walk = ours._find_toc_by_id
    ours._find_toc_by_id = lambda toc, id_: steps.append(1) or walk(toc, id_)  # type: ignore[method-assign]
    add_search_entries(ours, search.sections(html), Page())
    for section in search.sections(html):
        if not section.is_excluded():
            theirs.create_entry_for_section(section, Page.toc, Page.url, Page())
    assert ours.entries == theirs.entries and len(ours.entries) == n + 3
    assert len(steps) <= 2 * len(ours.entries)  # Material's walk over the whole table: about n * n / 2
