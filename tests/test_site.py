"""The static reference site: generated pages, a real mkdocs --strict build, and real Chromium.

The bundled corpus is built exactly as CI and users do (``mkdocs build --strict`` at the
repository root); the small fixture corpus through ``lexmap site build``; the hostile corpus
(script tags, Markdown syntax, very long strings everywhere) must come out as text.
"""

from __future__ import annotations

import functools
import html
import html.parser
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import MkDocsException

import lexmap
from lexmap.cli import main
from lexmap.site import build_pages
from lexmap.site.build import build_site
from lexmap.site.links import target
from lexmap.site.pages import heading_text

from conftest import CORPORA, need

ROOT = Path(__file__).parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
HOSTILE = CORPORA / "hostile"
UNSAFE = re.compile(r"<script>alert|<img src=x|<iframe|href=\"javascript:", re.I)


# -- the pure part --------------------------------------------------------------


def test_pages_cover_every_record(small):
    pages = build_pages(small)
    assert {
        "index.md",
        "matrix.md",
        "instruments/tp.md",
        "tests/tp/exploitation.md",
        "practices/passports.md",
        "documents/d1.md",
        "indicators/fl/documents-retained.md",
    } <= set(pages)
    for id_ in [*small.instruments, *small.tests, *small.practices, *small.documents, *small.indicators]:
        assert target(small, id_).split("#")[0] in pages
    for collection in (small.provisions, small.elements, small.claims, small.attestations, small.exhibits):
        for id_ in collection:
            page, _, anchor = target(small, id_).partition("#")
            assert not anchor or f'id="{anchor}"' in pages[page] or f"#{anchor} }}" in pages[page], id_


def test_headings_neutralise_markdown_and_html():
    text = heading_text("<b>x</b> **y** [z](javascript:1) # {#id}")
    assert "<" not in text and "*" not in text and "[" not in text and "{" not in text
    assert html.unescape(str(text)) == "<b>x</b> **y** [z](javascript:1) # {#id}"


# -- building ---------------------------------------------------------------------


def _mkdocs_build(site_dir: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory, bundled):
    """The repository's whole site: hand-written docs and the bundled corpus's reference."""
    site = tmp_path_factory.mktemp("bundled") / "site"
    _mkdocs_build(site)
    return site


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("small") / "site"
    result = CliRunner().invoke(main, ["site", "build", str(CORPORA / "small"), "-o", str(site)])
    assert result.exit_code == 0, result.output
    assert "site built" in result.output and "pages generated" in result.output
    return site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("hostile") / "site"
    build_site(HOSTILE, site, strict=True)
    return site


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.handlers = [], set(), []

    def handle_starttag(self, tag, attrs):
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _check_links(site: Path) -> int:
    """Every relative link of every page reaches an existing file, and its anchor exists."""
    parsed = {p: _parse(p) for p in site.rglob("*.html")}
    checked = 0
    for page, links in parsed.items():
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("/"):  # external, or the 404 page's absolute links
                continue
            dest = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert dest.exists(), f"{page.relative_to(site)} links to missing {href}"
            if parts.fragment and dest.suffix == ".html" and parts.fragment not in ("__skip",):
                assert parts.fragment in parsed[dest].ids, f"{page.relative_to(site)}: no #{parts.fragment} in {href}"
            checked += 1
    return checked


def test_bundled_site_builds_and_links_resolve(bundled_site, bundled):
    assert (bundled_site / "index.html").exists()
    assert (bundled_site / "data-format.html").exists()  # hand-written docs are in the site
    for practice in bundled.practices:
        assert (bundled_site / "practices" / f"{practice}.html").exists()
    assert _check_links(bundled_site) > 1000


def test_small_site_links_both_ways(small_site):
    assert _check_links(small_site) > 100
    practice = (small_site / "practices/passports.html").read_text()
    document = (small_site / "documents/d1.html").read_text()
    assert "../documents/d1.html" in practice and "../practices/passports.html" in document
    assert 'href="d2.html"' in document  # cites
    assert 'href="d1.html"' in (small_site / "documents/d2.html").read_text()  # cited by


def test_site_needs_no_network(bundled_site):
    for page in [bundled_site / "index.html", *bundled_site.glob("practices/*.html")]:
        text = page.read_text()
        assert "fonts.googleapis" not in text and "cdn.jsdelivr" not in text and "unpkg.com" not in text


def test_hostile_text_is_escaped(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        assert not UNSAFE.search(page.read_text(encoding="utf-8")), page
    practice = (hostile_site / "practices/evil-practice.html").read_text()
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in practice
    # the hostile but valid addresses (a ' ends a single-quoted attribute) stay inside their attributes
    assert not [p for p in pages if _parse(p).handlers], "an on... attribute in a page"
    document = (hostile_site / "documents/evil-doc.html").read_text()
    assert (
        'href="https://example.org/&#39;onmouseover=&#39;alert(1)&#39;/](javascript:alert(1))**b**&amp;amp;x=1#&#39;"' in document
    )
    assert "<strong>bold</strong>" not in practice and "<em>em</em>" not in practice
    instrument = (hostile_site / "instruments/evil.html").read_text()  # its readings, on the instrument's page
    assert 'id="read-evil-reading"' in instrument
    assert "&lt;/div&gt;&lt;/section&gt;&lt;script&gt;alert(&#39;reading&#39;)&lt;/script&gt;" in instrument


# -- in a real browser ----------------------------------------------------------------


class _Server:
    """A site served over http on 127.0.0.1 from a thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    need("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def served(bundled_site):
    server = _Server(bundled_site)
    yield server.url
    server.httpd.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _argued_practice(corpus):
    """The practice with the most claims: the richest page."""
    return max(corpus.practices, key=lambda p: len(corpus.claims_of(p)))


def test_practice_page_shows_claims_and_quotes(page, served, bundled, screenshots):
    practice = _argued_practice(bundled)
    claims = bundled.claims_of(practice)
    page.goto(f"{served}practices/{practice}.html")
    assert _squash(page.locator("h1").inner_text()).startswith(_squash(bundled.practices[practice].label))
    for claim in claims:
        card = page.locator(f"#claim-{claim.id}")
        assert card.is_visible()
        assert _squash(card.locator("blockquote .lx-quote-text").inner_text()) == _squash(claim.quote)
        assert _squash(claim.pinpoint) in _squash(card.inner_text())
        assert claim.stance in card.inner_text()
    page.goto(f"{served}practices/{practice}.html#claim-{claims[0].id}")
    page.screenshot(path=screenshots / "practice.png")


def test_matrix_cell_links_to_its_practice(page, served, bundled, screenshots):
    page.goto(f"{served}matrix.html")
    page.screenshot(path=screenshots / "matrix.png")
    link = page.locator("td.lx-cell ul.lx-cell-practices a").first
    href = link.get_attribute("href")
    practice = re.search(r"practices/([a-z0-9-]+)\.html", href).group(1)
    link.click()
    page.wait_for_url(f"**/practices/{practice}.html")
    assert _squash(page.locator("h1").inner_text()).startswith(_squash(bundled.practices[practice].label))
    # and the cell's documents are listed below the table, each linked
    page.go_back()
    detail = page.locator("td.lx-cell a.lx-cell-docs").first
    detail.click()
    assert page.locator(".lx-cell-detail:target a[href*='documents/']").count() >= 1


def _rare_word(corpus, practice):
    """A word of one of the practice's quotes that few statements use, for the search."""
    texts = [s.quote.lower() for s in (*corpus.claims.values(), *corpus.attestations.values(), *corpus.exhibits.values())]
    texts += [f"{r.title} {getattr(r, 'notes', '')}".lower() for r in (*corpus.instruments.values(), *corpus.documents.values())]
    texts += [f"{r.label} {r.text or ''}".lower() for r in corpus.provisions.values()]
    texts += [r.label.lower() for r in (*corpus.elements.values(), *corpus.practices.values())]
    words = {w for c in corpus.claims_of(practice) for w in re.findall(r"[a-z]{7,}", c.quote.lower())}
    return min(sorted(words), key=lambda w: sum(w in t for t in texts))


def _search(page, query: str, result: str):
    """Type ``query`` in the search box until ``result`` shows (the index loads in a worker:
    a query typed before it is ready is answered by nothing)."""
    box = page.locator("input.md-search__input")
    for _ in range(10):
        box.click()
        box.fill("")
        box.press_sequentially(query)  # keystrokes: Material's search reacts to key events
        try:
            page.locator(result).first.wait_for(timeout=3000)
            return page.locator(result).first
        except Exception:  # playwright's TimeoutError: try again once the index is ready
            continue
    raise AssertionError(f"search for {query!r} never showed {result}")


def test_search_finds_a_practice_by_a_word_of_its_quote(page, served, bundled):
    practice = _argued_practice(bundled)
    word = _rare_word(bundled, practice)
    page.goto(served + "index.html")
    result = _search(page, word, f".md-search-result a[href*='practices/{practice}.html']")
    assert result.is_visible(), word


def test_hostile_pages_run_no_script(page, hostile_site):
    server = _Server(hostile_site)
    try:
        for html_page in sorted(hostile_site.rglob("*.html")):
            page.goto(server.url + html_page.relative_to(hostile_site).as_posix())
        fresh = page.context.new_page()
        fresh.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        fresh.goto(server.url + "practices/evil-practice.html")
        assert "<script>alert('xss')</script>" in fresh.locator("#claim-evil-claim blockquote .lx-quote-text").inner_text()
        fresh.goto(server.url + "instruments/evil.html")  # a reading's card: its quote, speaker and note are text
        card = fresh.locator("#read-evil-reading")
        assert "<script>alert('reading')</script>" in card.locator("blockquote .lx-quote-text").inner_text()
        assert "<script>alert('actor')</script>" in card.locator(".lx-speaker").inner_text()
        assert "<img src=x onerror=alert(1)>" in card.locator(".lx-editorial").inner_text()
        _search(fresh, "practice", ".md-search-result__item")  # results show hostile titles
        assert page.dialogs == []
    finally:
        server.httpd.shutdown()


def test_an_id_that_is_not_a_slug_never_names_a_page():
    from lexmap.site.links import target

    corpus = lexmap.Corpus(practices=[lexmap.Practice(id="../../etc/passwd", label="x")])
    with pytest.raises(ValueError, match="cannot name a page"):
        target(corpus, "../../etc/passwd")


def test_two_builds_of_the_same_corpus_are_byte_identical(small_site, tmp_path):
    again = tmp_path / "again"
    build_site(CORPORA / "small", again, strict=True)
    first = {p.relative_to(small_site): p.read_bytes() for p in small_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    differing = sorted(str(p) for p in first if first[p] != second[p])
    assert differing == []


def test_links_from_exports_reach_site_pages(small_site, small):
    from lexmap.site.links import page_url

    for id_ in ("passports", "d1", "tp/means-force", "c1"):
        path, _, anchor = page_url(str(small_site), small, id_).partition("#")
        assert Path(path).is_file(), id_
        if anchor:
            assert f'id="{anchor}"' in Path(path).read_text()


def test_a_failed_site_build_leaves_the_old_site(small_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(small_site, site)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    with pytest.raises(MkDocsException):  # the hook's PluginError, as mkdocs aborts the build
        build_site(CORPORA / "bad" / "self-citation", site, strict=True)
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


# -- the case names its site; the home page shows where things stand ---------------------


def _text_of(tag: str, page: str) -> str:
    inner = re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", page, re.S).group(1)
    return _squash(html.unescape(re.sub(r"<[^>]+>", "", inner))).rstrip("¶").strip()


def test_the_case_names_its_site(bundled_site, bundled, small_site):
    home = (bundled_site / "index.html").read_text()
    assert _text_of("title", home) == bundled.case.title
    assert _text_of("h1", home) == bundled.case.title
    assert _squash(bundled.case.description) in _squash(html.unescape(home))
    assert "Licence: MIT" in home
    practice = (bundled_site / "practices" / f"{_argued_practice(bundled)}.html").read_text()
    assert _text_of("title", practice).endswith(f" - {bundled.case.title}")
    # a corpus without a manifest keeps the name lexmap
    small_home = (small_site / "index.html").read_text()
    assert _text_of("title", small_home) == "lexmap" and _text_of("h1", small_home) == "Reference of the corpus"


def test_a_site_that_names_itself_keeps_its_name():
    from types import SimpleNamespace

    from lexmap.model import Case
    from lexmap.site.mkdocs_hook import name_site

    case = Case(title="Case  title", description="What it is.", licence="CC-BY-4.0")
    mine = SimpleNamespace(site_name="My own site", site_description=None, copyright=None)
    name_site(mine, case)
    assert (mine.site_name, mine.site_description, mine.copyright) == ("My own site", None, None)
    default = SimpleNamespace(site_name="lexmap", site_description=None, copyright=None)
    name_site(default, case)
    assert (default.site_name, default.site_description, default.copyright) == ("Case title", "What it is.", "Licence: CC-BY-4.0")


def test_home_page_has_a_picture_per_test_with_its_text(page, served, bundled):
    page.goto(served + "index.html")
    assert _squash(page.locator("h1").inner_text()).rstrip("¶ ") == _squash(bundled.case.title)
    pictures = page.locator("svg.lx-icicle[role='img']")
    assert pictures.count() == len(bundled.tests)
    for test_id in ("palermo/trafficking", "ilo-c29/forced-labour"):
        cov = bundled.coverage(test_id)
        card = page.locator("li.lx-test-card", has=page.locator(f"a[href$='tests/{test_id}.html']"))
        svg = card.locator("svg.lx-icicle")
        label = svg.get_attribute("aria-label")
        assert label.startswith(cov.test.label) and cov.elements[0].status in label
        assert svg.locator("rect[class^='lx-svg-']").count() == len(cov.elements)
        # contested elements are hatched and marked, not told by colour alone
        assert svg.locator("path.lx-svg-marker").count() == sum(row.contested for row in cov)
        hidden = card.locator(".lx-sr li")
        assert hidden.count() == len(cov.elements)
        assert not hidden.first.is_visible() and _squash(hidden.first.inner_text()) == _squash(
            f"{cov.test.label}: {cov.elements[0].status}"
        )
    # the heat map: one row per indicator, one coloured cell per argued pair, linked to its detail
    heat = page.locator("table.lx-heat").first
    framework = next(iter(bundled.indicator_frameworks.values()))
    assert heat.locator("tbody tr").count() == len(framework.indicators)
    argued = heat.locator("td.lx-argued a, td.lx-corroborated a")
    assert argued.count() > 0 and "matrix.html#cell-" in argued.first.get_attribute("href")
    # the gaps, a few per kind, each kind linked to the Gaps page; the counts come last
    kinds = {g.kind for g in bundled.gaps()}
    assert page.locator("a[href^='gaps.html#gap-']").count() == len(kinds)
    headings = page.locator("h2").all_inner_texts()
    assert headings[-1].startswith("The corpus in numbers"), headings


def test_navigation_tabs_by_section(page, served):
    page.goto(served + "index.html")
    tabs = [_squash(t) for t in page.locator(".md-tabs__link").all_inner_texts()]
    assert tabs[:8] == ["Home", "Instruments", "Tests", "Practices", "Documents", "Indicators", "Matrix", "Gaps"]


def test_element_tree_fits_a_400_px_screen(browser, served):
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    try:
        page.goto(served + "tests/palermo/trafficking.html")
        sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert sizes[0] <= sizes[1], sizes
        tree = page.locator(".lx-tree")
        assert tree.evaluate("t => t.scrollWidth <= t.clientWidth")
        boxes = page.locator(".lx-tree a.lx-box")
        root = boxes.first.bounding_box()
        assert root["x"] >= 0 and root["x"] + root["width"] <= 400
        for i in range(boxes.count()):  # every element readable without scrolling sideways
            box = boxes.nth(i).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 400, i
    finally:
        context.close()


def test_editorial_notes_render_as_notes(page, served, bundled):
    page.goto(served + "instruments/palermo.html")
    note = page.locator(".admonition.note.lx-editorial")
    assert _squash(bundled.instruments["palermo"].notes) in _squash(note.first.inner_text())
    assert "not recorded" not in page.locator("table.lx-fields").inner_text()
    # the page shows the official-text URL, so no note on it may say that none is recorded (issue 28)
    assert bundled.instruments["palermo"].url in page.locator("table.lx-fields").inner_text()
    assert "url not recorded" not in _squash(note.first.inner_text()).lower()


def test_a_provision_shows_where_its_text_comes_from(page, served, bundled):
    page.goto(served + "instruments/iccpr.html")
    provenance = _squash(page.locator("#prov-art-8 .lx-provenance").first.inner_text())
    copies = len(bundled.provisions["iccpr/art-8"].source.checked_against)
    assert "(state-party)" in provenance and f"Checked against {copies} independent copies" in provenance
    assert "the life of well-being" in provenance  # the Dutch misprint, shown as a variant reading
    assert "life of well-being" not in page.locator("#prov-art-8-3-c-iii .lx-provision-text").inner_text()
    page.goto(served + "instruments/ilo-p029.html")
    assert "Rests on a single copy" in page.locator("#prov-art-4 .lx-provenance").first.inner_text()


def test_search_finds_each_claim_as_its_own_entry(page, served, bundled):
    practice = _argued_practice(bundled)
    word = _rare_word(bundled, practice)
    claim = next(c for c in bundled.claims_of(practice) if word in c.quote.lower())
    page.goto(served + "index.html")
    result = _search(page, word, f".md-search-result a[href$='#s-claim-{claim.id}']")
    title = _squash(result.locator("h1, h2").first.inner_text())
    assert _squash(bundled.practices[practice].label) in title and title.startswith("Claim"), title


def test_a_quote_links_to_its_web_page_at_the_quote(page, served, bundled):
    from lexmap.site.links import is_web_page

    web = next(c for c in bundled.claims.values() if is_web_page(bundled.documents[c.document]))
    page.goto(f"{served}practices/{web.practice}.html")
    link = page.locator(f"#claim-{web.id} blockquote a.lx-at-source")
    href = link.get_attribute("href")
    assert href.startswith(bundled.documents[web.document].url.split("#")[0]) and "#:~:text=" in href
    pdf = next(c for c in bundled.claims.values() if (bundled.documents[c.document].url or "").endswith(".pdf"))
    page.goto(f"{served}practices/{pdf.practice}.html")
    assert page.locator(f"#claim-{pdf.id} a.lx-at-source").count() == 0


def test_text_fragments_follow_the_spec():
    from lexmap.model import Document
    from lexmap.site.links import quote_link, text_fragment

    assert text_fragment("a co-worker, paid & fed") == "text=a%20co%2Dworker%2C%20paid%20%26%20fed"
    long = "“One two three four five six [...] seven eight nine ten eleven twelve thirteen.”"
    assert text_fragment(long) == "text=One%20two%20three%20four%20five,nine%20ten%20eleven%20twelve%20thirteen"
    page = Document(id="d", title="t", kind="news-article", url="https://example.org/a#:~:text=old")
    assert quote_link(page, "short words") == "https://example.org/a#:~:text=short%20words"
    anchored = Document(id="d", title="t", kind="blog-post", url="https://example.org/a#part")
    assert quote_link(anchored, "short words") == "https://example.org/a#part:~:text=short%20words"
    for url, kind in [
        ("https://example.org/r.pdf", "report"),
        ("ftp://example.org/a", "news-article"),
        ("https://example.org/law", "statute"),
        ("https://drive.google.com/file/d/x/view", "report"),
    ]:
        assert quote_link(Document(id="d", title="t", kind=kind, url=url), "words") is None, url


def test_print_hides_the_navigation_and_writes_links_out(page, served, bundled):
    page.goto(served + "instruments/slavery-convention-1926.html")
    official = page.locator("table.lx-fields a[href^='http']").first
    after = "a => getComputedStyle(a, '::after').content"
    assert page.locator(".md-header").is_visible() and official.evaluate(after) == "none"
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".lx-permalink, .headerlink"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert bundled.instruments["slavery-convention-1926"].url in official.evaluate(after)
    page.goto(served + "index.html")
    cell = page.locator("table.lx-heat td.lx-corroborated").first
    assert cell.evaluate("c => getComputedStyle(c).printColorAdjust") == "exact"  # fills print


def test_evidence_chart_page(page, served, bundled):
    """The site embeds the chart lexmap chart writes (lexmap.chart): every element, every quote, a note per citation."""
    from lexmap.chart import build_chart

    chart = build_chart(bundled, "palermo/trafficking")
    page.goto(served + "tests/palermo/trafficking.html")
    page.locator(".lx-chart-link a").click()
    page.wait_for_url("**/tests/palermo/trafficking/chart.html")
    assert page.locator(".lexmap-chart table.lx-tree tbody tr").count() == len(chart.elements)
    quotes = [_squash(q) for q in page.locator(".lexmap-chart blockquote").all_inner_texts()]
    statements = [s for e in chart.elements for p in e.practices for s in (*p.supporting, *p.contesting)]
    assert len(quotes) == len(statements) > 0
    for statement in statements:
        assert any(q.startswith(_squash(statement.quote)) for q in quotes), statement.claim
    assert page.locator(".lexmap-chart .lx-notes li").count() == len(chart.notes)
    href = page.locator(".lexmap-chart blockquote sup a").first.get_attribute("href")
    assert page.locator(href).count() == 1  # the note the mark points to exists


def _web_document(corpus):
    """The web-page document with the most claims (its quotes link to the source)."""
    from lexmap.site.links import is_web_page

    web = [d for d in corpus.documents.values() if is_web_page(d)]
    return max(web, key=lambda d: sum(c.document == d.id for c in corpus.claims.values())).id


SHOTS = {  # name: (page, where to scroll at 1400 px, at 400 px; "element:a+b" captures elements a and b)
    "home": (lambda c: "index.html", None, "#standing"),
    "test": (lambda c: "tests/palermo/trafficking.html", "element:h1+.lx-page", ".lx-tree"),
    "practice": (lambda c: f"practices/{_argued_practice(c)}.html", ".lx-statement", ".lx-statement"),
    "document": (lambda c: f"documents/{_web_document(c)}.html", None, ".lx-statement"),
    "matrix": (lambda c: "matrix.html", None, ".lx-scroll-hint"),
    "chart": (lambda c: "tests/palermo/trafficking/chart.html", None, "#lx-el-palermo-act"),
    "gaps": (lambda c: "gaps.html", None, None),
}


@pytest.mark.parametrize("width", [1400, 400])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(browser, served, bundled, screenshots, width, scheme):
    """The pages of docs/site.md at desktop and phone width, in both schemes: written to
    LEXMAP_SCREENSHOTS (docs/screenshots/ when refreshing the docs) or a temporary folder."""
    out = Path(os.environ.get("LEXMAP_SCREENSHOTS") or screenshots)
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 800}, color_scheme=scheme)
    page = context.new_page()
    try:
        for name, (path, wide, narrow) in SHOTS.items():
            page.goto(served + path(bundled))
            expected = "slate" if scheme == "dark" else "default"
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected
            sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert name == "matrix" or sizes[0] <= sizes[1], (name, sizes)  # only the matrix scrolls sideways
            where = wide if width > 500 else narrow
            target = out / f"{name}-{width}-{scheme}.png"
            if where and where.startswith("element:"):
                boxes = [page.locator(sel).first.bounding_box() for sel in where.removeprefix("element:").split("+")]
                x, y = min(b["x"] for b in boxes) - 16, min(b["y"] for b in boxes) - 16  # at the top: page coordinates
                right, bottom = max(b["x"] + b["width"] for b in boxes) + 16, max(b["y"] + b["height"] for b in boxes) + 16
                clip = {"x": x, "y": y, "width": right - x, "height": bottom - y}
                page.screenshot(path=target, full_page=True, clip=clip)
                continue
            if where:
                page.evaluate(
                    "w => window.scrollTo(0, document.querySelector(w).getBoundingClientRect().top + window.scrollY - 70)", where
                )
                page.wait_for_timeout(400)  # the header's title slides in on scroll
            page.screenshot(path=target)
    finally:
        context.close()


def test_html_set_aside_renders_as_markdown_would(bundled):
    """The hook hands generated HTML past Markdown (lexmap.site.raw_html): every page must come
    out exactly as Python-Markdown, with the site's extensions, renders it."""
    import markdown

    from lexmap.site.raw_html import put_back, set_aside, spaced

    extensions = ["toc", "attr_list", "md_in_html", "admonition", "tables"]
    pages = build_pages(bundled)
    for path, text in pages.items():
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter, as mkdocs strips it
        direct = markdown.Markdown(extensions=extensions).convert(body)
        aside, blocks = set_aside(body)
        rendered = markdown.Markdown(extensions=extensions).convert(aside)
        assert put_back(spaced(rendered), blocks) == direct, path
    assert any(set_aside(t)[1] for t in pages.values())


def test_a_page_whose_html_has_its_h1_gets_no_second_one(small_site):
    """Material adds the page title as an <h1> unless the content has one: the evidence chart's
    <h1> is in raw HTML the hook sets aside, and must still be seen."""
    charts = list(small_site.rglob("chart.html"))
    assert charts
    for chart in charts:
        assert chart.read_text(encoding="utf-8").count("<h1") == 1, chart
