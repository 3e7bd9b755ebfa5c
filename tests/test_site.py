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

import lexmap
from lexmap.cli import main
from lexmap.site import build_pages
from lexmap.site.build import build_site
from lexmap.site.links import target
from lexmap.site.pages import heading_text

from conftest import CORPORA

ROOT = Path(__file__).parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
HOSTILE = CORPORA / "hostile"
UNSAFE = re.compile(r"<script>alert|<img src=x|<iframe|href=\"javascript:", re.I)


# -- the pure part --------------------------------------------------------------


def test_pages_cover_every_record(small):
    pages = build_pages(small)
    assert {"index.md", "matrix.md", "instruments/tp.md", "tests/tp/exploitation.md", "practices/passports.md",
            "documents/d1.md", "indicators/fl/documents-retained.md"} <= set(pages)
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
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
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
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
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
    assert "<strong>bold</strong>" not in practice and "<em>em</em>" not in practice


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
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (scripts/test.sh does)")
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
    with pytest.raises(Exception):
        build_site(CORPORA / "bad" / "self-citation", site, strict=True)
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
