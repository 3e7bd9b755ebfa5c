"""Generated pages rendered without Python-Markdown (lexmap.site.headings) must come out as
mkdocs renders them: content, table of contents, title and anchors."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

import lexmap
from lexmap.site import build_pages, headings, raw_html
from lexmap.site.build import build_site, site_config

from conftest import CORPORA


@pytest.fixture(scope="module")
def config():
    with site_config(None) as path:
        yield load_config(str(path))


def _toc(items) -> list:
    return [(i.title, i.id, i.level, _toc(i.children)) for i in items]


def by_mkdocs(markdown: str, config) -> tuple:
    page = Page(None, File("page.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=False), config)
    page.markdown = markdown
    page.render(config, Files([]))
    return page.content, _toc(page.toc), page._title_from_render, page.present_anchor_ids


def by_lexmap(markdown: str, config) -> tuple | None:
    if headings.render(markdown) is None:
        return None
    page = headings.GeneratedPage(None, File("page.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=False), config)
    page.markdown = markdown
    page.render(config, Files([]))
    return page.content, _toc(page.toc), page._title_from_render, page.present_anchor_ids


def test_lexmaps_markdown_settings_are_recognised(config):
    assert headings.supported(config)
    config.mdx_configs["toc"]["permalink"] = "#"
    try:
        assert not headings.supported(config)
    finally:
        config.mdx_configs["toc"]["permalink"] = True


P = "\n\nLXRAW{}N0X\n\n"

AWKWARD = {
    "slug taken by a later explicit id": "# Claims\n\n## Claims { #claims }\n\n## Other { #claims_1 }",
    "same title twice": "# A b\n\n## A b\n\n### A b",
    "accents": "# Žluťoučký kůň úpěl ďábelské ódy",
    "other scripts": "# 中文 العربية Ελληνικά",
    "entities": "# Art&#46; 3&#40;a&#41; &#38; &#34;quoted&#34;",
    "only punctuation": "# &#46;&#46;&#46;\n\n## &#45;",
    "digits": "# 2010\n\n## 168 { #r168 }",
    "commas and question marks": "# Who, where? Why",
    "first block not a heading": P + "# Late title",
    "headings on adjacent lines": "# One\n## Two { #two }\n### Three",
    "deep levels": "## Two\n\n###### Six\n\n# One",
    "placeholders between": "# T" + P + "## S { #s }" + P,
    "blank lines with spaces": "# T\n   \n\t\n## U",
    "empty": "",
}


@pytest.mark.parametrize("markdown", AWKWARD.values(), ids=AWKWARD.keys())
def test_awkward_headings_render_as_mkdocs_renders_them(markdown, config):
    markdown = markdown.replace("LXRAW{}", "LXRAW" + raw_html._TOKEN)
    assert by_lexmap(markdown, config) == by_mkdocs(markdown, config)


NOT_HEADINGS = {
    "emphasis": "# a *b*",
    "a paragraph": "# T\n\nSome text.",
    "two spaces": "# a  b",
    "raw HTML": "# T\n\n<div>x</div>",
    "two placeholders in one paragraph": "LXRAW{}N0X\nLXRAW{}N1X",
    "indented heading": " # T",
    "trailing space": "# T ",
    "a control character": "# a\x02b",
    "an id Markdown would read otherwise": "# T { #a.b }",
    "an unescaped colon": "# A: b",
}


@pytest.mark.parametrize("markdown", NOT_HEADINGS.values(), ids=NOT_HEADINGS.keys())
def test_anything_else_is_left_to_markdown(markdown):
    assert headings.render(markdown.replace("LXRAW{}", "LXRAW" + raw_html._TOKEN)) is None


@pytest.mark.parametrize("corpus", [None, CORPORA / "hostile", CORPORA / "small"], ids=["bundled", "hostile", "small"])
def test_every_generated_page_renders_as_mkdocs_renders_it(corpus, config):
    rendered = 0
    for path, text in build_pages(lexmap.load(corpus)).items():
        markdown, _ = meta.get_data(text)
        aside, _ = raw_html.set_aside(markdown)
        ours = by_lexmap(aside, config)
        if ours is not None:
            rendered += 1
            assert ours == by_mkdocs(aside, config), path
        elif path.startswith(("practices/", "documents/")):
            pytest.fail(f"{path} went through Markdown:\n{aside}")
    assert rendered


def test_the_site_is_the_same_built_through_markdown(tmp_path, monkeypatch):
    """Byte for byte, every file of the site."""
    build_site(CORPORA / "hostile", tmp_path / "direct")
    monkeypatch.setattr(headings, "supported", lambda config: False)
    build_site(CORPORA / "hostile", tmp_path / "markdown")
    files = sorted(p.relative_to(tmp_path / "direct") for p in (tmp_path / "direct").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "markdown") for p in (tmp_path / "markdown").rglob("*") if p.is_file())
    for name in files:
        if name.name != "sitemap.xml.gz":  # carries the time of the build
            assert (tmp_path / "direct" / name).read_bytes() == (tmp_path / "markdown" / name).read_bytes(), name
