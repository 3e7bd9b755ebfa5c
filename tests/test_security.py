"""Safe when shared (issue 26): a case from someone else, a cache on a shared machine, a
published site. Nothing a manifest says runs as HTML, nothing cached is believed unless this
user wrote it, nothing outside the case is read, nothing lexmap did not write is destroyed.
"""

from __future__ import annotations

import html.parser
import shutil
from pathlib import Path

import pytest

from conftest import CORPORA
from test_site import UNSAFE, _Server, browser, page  # noqa: F401 - the browser harness's fixtures

HOSTILE = CORPORA / "hostile"
XSS = {  # every text field of the manifest, each with its own payload
    "title": "T<img src=x onerror=alert('title')>",
    "description": "D<img src=x onerror=alert('description')> **bold** [l](javascript:alert(1))",
    "licence": "L<img src=x onerror=alert('licence')><script>alert('licence')</script>",
    "notes": "N<img src=x onerror=alert('notes')>",
}
LAW_NAME = "law<img src=x onerror=alert('law')>"


def hostile_case(root: Path) -> Path:
    """The hostile corpus as a case whose manifest is hostile in every field it has."""
    import yaml

    case = root / "case"
    shutil.copytree(HOSTILE / "mappings", case)
    shutil.copytree(HOSTILE / "instruments", case / LAW_NAME)
    manifest = {**XSS, "date": "2024-01-01", "law": [LAW_NAME], "texts_not_included": ["evil-doc"]}
    (case / "lexmap.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return case


@pytest.fixture(scope="module")
def hostile_manifest_site(tmp_path_factory):
    from lexmap.site.build import build_site

    root = tmp_path_factory.mktemp("manifest")
    site = root / "site"
    build_site(hostile_case(root), site, strict=True)
    return site


class _Elements(html.parser.HTMLParser):
    """The elements a page's HTML makes that no lexmap template makes: an image, an event handler."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        handlers = [name for name, _value in attrs if name.startswith("on")]
        if tag == "img" or handlers:
            self.found.append(f"<{tag} {' '.join(handlers)}>")
        self.in_script = tag == "script"

    def handle_data(self, data):
        if self.in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag):
        self.in_script = False


def _injected(text: str) -> list[str]:
    parser = _Elements()
    parser.feed(text)
    return parser.found


# -- 1. everything a page shows is escaped ----------------------------------------------------


def test_the_manifest_reaches_no_page_as_html(hostile_manifest_site):
    pages = sorted(hostile_manifest_site.rglob("*.html"))
    assert len(pages) > 10
    for html_page in pages:
        text = html_page.read_text(encoding="utf-8")
        assert not UNSAFE.search(text), html_page
        assert _injected(text) == [], html_page
    index = (hostile_manifest_site / "index.html").read_text(encoding="utf-8")
    assert "T&lt;img src=x onerror=alert(&#39;title&#39;)&gt;" in index  # shown, as text
    assert "&amp;lt;" not in index  # and escaped once, not twice


def test_the_manifest_runs_no_script_in_a_browser(page, hostile_manifest_site):  # noqa: F811
    server = _Server(hostile_manifest_site)
    try:
        for html_page in sorted(hostile_manifest_site.rglob("*.html")):
            page.goto(server.url + html_page.relative_to(hostile_manifest_site).as_posix())
            assert page.locator("img[src='x'], script:not([src])").evaluate_all(
                "nodes => nodes.filter(n => n.tagName == 'IMG' || /alert/.test(n.textContent)).length") == 0, html_page
        page.goto(server.url + "index.html")
        assert XSS["title"] in page.locator(".md-header__topic").first.inner_text()
        assert XSS["licence"] in page.locator(".md-copyright").inner_text()
        assert page.locator("meta[name=description]").get_attribute("content").startswith("D<img")
        assert page.title().endswith(XSS["title"])
        assert page.dialogs == []
    finally:
        server.httpd.shutdown()
