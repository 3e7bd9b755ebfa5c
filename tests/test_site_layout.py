"""The site reads in order (issue 28 item 4), checked in headless Chromium: matrix headers fit
their columns without breaking inside a word at 1400 and 400 px, a test's tree has its root in
the first screen, tables keep to the screen with padding, and a long document page filters its
statements by practice, element and stance with or without JavaScript."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from lexmap.site.build import build_site

from conftest import need

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

SPLIT_WORDS = """sel => [...document.querySelectorAll(sel)].flatMap(th => {
  const found = [];
  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/\\S+/g)) {
      const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
      const shown = [...r.getClientRects()].filter(x => x.width > 0 && x.top < th.getBoundingClientRect().bottom);
      if (new Set(shown.map(x => Math.round(x.top))).size > 1) found.push(m[0]);  // a word on two lines
    }
  }
  const box = th.getBoundingClientRect(), inner = th.firstElementChild ? th.firstElementChild.getBoundingClientRect() : box;
  if (inner.right > box.right + 1 || inner.left < box.left - 1 || inner.top < box.top - 1) found.push('overflows: ' + th.innerText.trim());
  return found;
})"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, bundled):
    folder = tmp_path_factory.mktemp("layout") / "site"
    build_site(None, folder, loaded=bundled)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    need("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.mark.slow
@pytest.mark.parametrize("width", [1400, 400])
def test_matrix_headers_fit_their_columns_and_never_break_a_word(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for path, selector in (("matrix.html", ".lx-matrix thead th"), ("index.html", ".lx-heat thead th")):
            page.goto(site + path)
            assert page.locator(selector).count() > 2, path
            assert page.evaluate(SPLIT_WORDS, selector) == [], (path, width)
            for th in page.locator(f"{selector}.lx-col").all():  # the full name, for a shortened or turned header
                assert th.get_attribute("title"), path
    finally:
        context.close()


@pytest.mark.slow
@pytest.mark.parametrize("width,height", [(1400, 900), (400, 800)])
def test_a_tests_tree_has_its_root_in_the_first_screen(browser, site, bundled, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        tallest = max(bundled.tests, key=lambda t: sum(1 for _ in bundled.tests[t].walk()))
        for test in dict.fromkeys(["palermo/trafficking", tallest]):
            page.goto(site + f"tests/{test}.html")
            root = page.locator(".lx-tree a.lx-box").first.bounding_box()
            assert root["y"] >= 0 and root["y"] + root["height"] <= height, (test, root)
            assert page.evaluate(SPLIT_WORDS, ".lx-tree .lx-box-label") == [], test
    finally:
        context.close()


def _documents_by_size(corpus):
    sizes = {d: 0 for d in corpus.documents}
    for s in [*corpus.claims.values(), *corpus.attestations.values(), *corpus.exhibits.values()]:
        sizes[s.document] += 1
    return sorted(sizes, key=sizes.get, reverse=True)


@pytest.mark.slow
def test_tables_have_padding_and_keep_to_a_phone_screen(browser, site, bundled):
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    try:
        for path in ("instruments/palermo.html", f"documents/{_documents_by_size(bundled)[0]}.html"):
            page.goto(site + path)
            sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert sizes[0] <= sizes[1], (path, sizes)
            pad = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.lx-table td')).paddingLeft)")
            assert pad >= 4, (path, pad)
    finally:
        context.close()


@pytest.mark.slow
@pytest.mark.parametrize("javascript", [True, False])
def test_a_long_document_page_filters_by_practice_element_and_stance(browser, site, bundled, javascript):
    document = _documents_by_size(bundled)[0]
    mine = [
        s
        for s in [*bundled.claims.values(), *bundled.attestations.values(), *bundled.exhibits.values()]
        if s.document == document
    ]
    readings = sum(r.document == document for r in bundled.readings.values())  # cards with no practice
    context = browser.new_context(viewport={"width": 1400, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    shown = "[...document.querySelectorAll('.lx-statement')].filter(e => e.offsetParent !== null).map(e => e.id)"
    try:
        page.goto(site + f"documents/{document}.html")
        assert len(page.evaluate(shown)) == len(mine) + readings
        practice = max({s.practice for s in mine}, key=lambda p: sum(s.practice == p for s in mine))
        page.select_option("#lx-filter-practice", practice)
        expected = [s for s in mine if s.practice == practice]
        assert len(page.evaluate(shown)) == len(expected)
        claims = [s for s in expected if hasattr(s, "element")]
        element = claims[0].element
        page.select_option("#lx-filter-element", element)
        assert len(page.evaluate(shown)) == sum(s.element == element for s in claims)
        page.select_option("#lx-filter-element", "")
        page.select_option("#lx-filter-practice", "")
        page.select_option("#lx-filter-stance", "contests")
        assert len(page.evaluate(shown)) == sum(getattr(s, "stance", "") == "contests" for s in mine)
        page.locator("#lx-filter button[type=reset]").click()
        assert len(page.evaluate(shown)) == len(mine) + readings
    finally:
        context.close()


@pytest.mark.slow
@pytest.mark.parametrize("width,height", [(1400, 900), (400, 800)])
def test_the_case_timeline_page_shows_its_picture_and_table_in_the_first_screens(browser, site, bundled, width, height):
    """The case's time line (issue 30 item 2) from the home page's link: the picture in view and
    as wide as the text allows, one bar per dated statement, the table with the same rows, the
    page never wider than the screen. LEXMAP_SCREENSHOTS=docs/screenshots saves what docs/site.md shows."""
    import os
    from pathlib import Path

    from lexmap.chronology import chronology

    dated = [e for e in chronology(bundled) if e.lower]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(site + "index.html")
        page.locator(".lx-lead a", has_text="Timeline of the case").click()
        page.wait_for_url("**/timeline.html")
        assert page.locator('nav a[href$="timeline.html"]', has_text="Timeline").count() >= 1  # in the navigation
        svg = page.locator("svg.lx-timeline").bounding_box()
        assert svg["width"] >= min(width - 60, 600) * 0.5 and svg["y"] < height, svg
        assert page.locator("svg.lx-timeline rect").count() == len(dated)
        rows = page.locator(".lx-timeline-figure + .lx-matrix-wrap tbody tr").all_inner_texts()
        assert [r.split("\t")[0] for r in rows] == [e.when for e in dated]
        sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert sizes[0] <= sizes[1], sizes
        if os.environ.get("LEXMAP_SCREENSHOTS"):
            page.evaluate(
                "window.scrollTo(0, document.querySelector('.lx-timeline-practices').getBoundingClientRect().top + window.scrollY - 70)"
            )
            page.wait_for_timeout(400)
            page.screenshot(path=Path(os.environ["LEXMAP_SCREENSHOTS"]) / f"timeline-case-{width}-light.png")
    finally:
        context.close()


DROP_HAS = """() => {  // what a browser without :has() does: it drops every rule whose selector holds one
  let dropped = 0;
  for (const sheet of document.styleSheets) {
    for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
      if ((sheet.cssRules[i].selectorText || '').includes(':has(')) { sheet.deleteRule(i); dropped++; }
    }
  }
  return dropped;
}"""


@pytest.mark.slow
@pytest.mark.parametrize("javascript", [True, False])
def test_the_document_filter_without_css_has(browser, site, bundled, javascript):
    """Browsers before Chrome 105, Safari 15.4 and Firefox 121 lack :has(): there the page's
    script does the filtering (attributes on <body>); with no script either, every card stays
    shown and the boxes hide nothing."""
    document = _documents_by_size(bundled)[0]
    mine = [
        s
        for s in [*bundled.claims.values(), *bundled.attestations.values(), *bundled.exhibits.values()]
        if s.document == document
    ]
    readings = sum(r.document == document for r in bundled.readings.values())  # cards with no practice
    context = browser.new_context(viewport={"width": 400, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    shown = "[...document.querySelectorAll('.lx-statement')].filter(e => e.offsetParent !== null).length"
    try:
        page.goto(site + f"documents/{document}.html")
        assert page.evaluate(DROP_HAS) >= len({s.practice for s in mine})  # the filter's :has() rules, gone
        assert page.evaluate(shown) == len(mine) + readings
        practice = max({s.practice for s in mine}, key=lambda p: sum(s.practice == p for s in mine))
        page.select_option("#lx-filter-practice", practice)
        page.select_option("#lx-filter-stance", "supports")
        expected = sum(s.practice == practice and getattr(s, "stance", "") == "supports" for s in mine)
        assert 0 < expected < len(mine)
        assert page.evaluate(shown) == (expected if javascript else len(mine) + readings)
        page.locator("#lx-filter button[type=reset]").click()
        page.wait_for_timeout(50)
        assert page.evaluate(shown) == len(mine) + readings
    finally:
        context.close()


SCROLLER = """sel => {
  const table = document.querySelector(sel), wrap = table.closest('.lx-matrix-wrap');
  const box = wrap.getBoundingClientRect(), caption = table.querySelector('caption');
  const head = table.querySelector('tbody th');
  const before = head.getBoundingClientRect().left;
  wrap.scrollLeft = 120;
  const after = head.getBoundingClientRect().left;
  const cell = table.querySelector('tbody td').getBoundingClientRect().left;
  wrap.scrollLeft = 0;
  return {
    scrolls: wrap.scrollWidth > wrap.clientWidth, overflow: getComputedStyle(wrap).overflowX,
    shadow: getComputedStyle(wrap).backgroundImage, moved: wrap.scrollWidth > wrap.clientWidth ? before - after : null,
    caption: caption ? [caption.getBoundingClientRect().left >= box.left - 1, caption.getBoundingClientRect().right <= box.right + 1] : null,
    cellUnderHead: cell < after + head.getBoundingClientRect().width,
  };
}"""


@pytest.mark.slow
@pytest.mark.parametrize("path,selector", [("index.html", ".lx-heat"), ("matrix.html", ".lx-matrix")])
def test_a_table_wider_than_a_phone_scrolls_in_its_frame_and_shows_it(browser, site, path, selector):
    """At 400 px the heat map and the matrix scroll inside their frame (never the page), with a
    shadow at the frame's edge, the caption inside the visible frame, and the row headers kept
    in place (and whole words) while the columns move under them."""
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    try:
        page.goto(site + path)
        sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert sizes[0] <= sizes[1], sizes
        found = page.evaluate(SCROLLER, selector)
        assert found["scrolls"] and found["overflow"] == "auto", found
        assert found["shadow"].count("gradient(") == 2, found  # the cover and the shadow
        assert found["moved"] == 0 and found["cellUnderHead"], found  # the row header stays; cells pass under it
        assert found["caption"] in (None, [True, True]), found
        assert page.evaluate(SPLIT_WORDS, f"{selector} tbody th") == []
    finally:
        context.close()
