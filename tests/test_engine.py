"""The site's engine: each use lexmap makes of mkdocs', Material's and Markdown's undocumented
attributes (all in lexmap.site.mkdocs_api) pinned against the installed versions, and the hedge:
ProperDocs, the maintained fork of MkDocs 1.x, builds the bundled site as MkDocs does."""

from __future__ import annotations

import gzip
import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser, SearchIndex
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from lexmap.site import mkdocs_api
from lexmap.site.build import site_config

ROOT = Path(__file__).parent.parent
SITE = ROOT / "lexmap" / "site"


@pytest.fixture(scope="module")
def config():
    with site_config(None) as path:
        yield load_config(str(path))


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def _page(config, markdown: str) -> Page:
    page = Page(None, File("page.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=False), config)
    page.markdown = markdown
    return page


# -- each private use, pinned -----------------------------------------------------------------


def test_set_rendered_sets_what_page_render_sets(config):
    """mkdocs' Page.render sets exactly the attributes set_rendered sets: a new one (or a renamed
    one) would be missing from pages lexmap renders itself."""
    page = _page(config, "# Title\n\n## Part { #part }\n")
    before = dict(vars(page))
    page.render(config, Files([]))
    changed = {name for name, value in vars(page).items() if name not in before or before[name] is not value}
    mine = _page(config, "# Title\n")
    untouched = dict(vars(mine))
    mkdocs_api.set_rendered(mine, "<h1>Title</h1>", [], "Title", {"title"})
    set_by_lexmap = {name for name, value in vars(mine).items() if name not in untouched or untouched[name] is not value}
    assert changed == set_by_lexmap == {"content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors"}


def test_the_title_from_render_is_the_pages_title(config):
    page = _page(config, "")
    mkdocs_api.set_rendered(page, "<h1>From the page</h1>", [], "From the page", set())
    assert page.title == "From the page"


def test_generated_page_overrides_keep_mkdocs_signatures():
    """lexmap.site.headings.GeneratedPage overrides these and calls them through super()."""
    assert _parameters(Page.__init__) == ["self", "title", "file", "config"]
    assert _parameters(Page.render) == ["self", "config", "files"]
    assert _parameters(Page.read_source) == ["self", "config"]


def test_a_released_source_has_been_read_first(config):
    file = File("page.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=False)
    file.content_string = "# Kept\n"  # as File.generated(..., content=...) gives it
    page = Page(None, file, config)
    page.read_source(config)  # mkdocs reads the source from File.content_string
    mkdocs_api.release_source(file)
    assert page.markdown == "# Kept\n" and file.content_string == ""


def test_a_theme_dir_added_first_wins(config, tmp_path):
    (tmp_path / "main.html").write_text("lexmap's own main", encoding="utf-8")
    dirs = list(config.theme.dirs)
    try:
        mkdocs_api.add_theme_dir(config, str(tmp_path))
        assert config.theme.get_env().get_template("main.html").render() == "lexmap's own main"
    finally:
        config.theme.dirs[:] = dirs


def test_materials_search_index_is_reachable(config):
    plugin = mkdocs_api.material_search(config)
    assert plugin is not None, "Material's search plugin is no longer 'material/search' in config.plugins"
    plugin.on_config(config)  # where Material makes its index
    index = mkdocs_api.material_index(config)
    assert isinstance(index, SearchIndex)
    assert _parameters(SearchIndex.create_entry_for_section) == ["self", "section", "toc", "url", "page"]


def test_materials_search_index_is_written_around_its_entries(config, tmp_path):
    """lexmap.site.search_stream writes the entries between what index_frame gives, into the
    files index_files names, search_index.js as Material's offline plugin writes it."""
    from material.plugins.offline.plugin import OfflinePlugin

    mkdocs_api.material_search(config).on_config(config)
    index = mkdocs_api.material_index(config)
    entries = [{"location": "a.html#x", "title": "T\u00e9", "text": "<p>x</p>"}, {"location": "b.html", "title": "", "text": ""}]
    head, tail = mkdocs_api.index_frame(config)
    index.entries = list(entries)
    whole = index.generate_search_index(None)
    assert head + json.dumps(entries, separators=(",", ":"))[1:-1] + tail == whole
    assert mkdocs_api.take_search_entries(index) == entries and index.entries == []
    built = load_config(str(config.config_file_path), site_dir=str(tmp_path))
    (json_file, none), (js_file, prefix) = mkdocs_api.index_files(built)
    json_file.parent.mkdir()
    json_file.write_text(whole, encoding="utf-8")
    offline = OfflinePlugin()
    offline.load_config({})
    offline.on_post_build(config=built)
    assert none == "" and js_file.read_text(encoding="utf-8") == prefix + whole


def test_materials_sections_are_what_lexmap_builds():
    """lexmap.site.search builds Material's Section and Element objects and fills them as
    Material's Parser does: the constructors and attributes it uses."""
    assert _parameters(mkdocs_api.Section.__init__) == ["self", "el", "depth"]
    assert _parameters(mkdocs_api.Element.__init__) == ["self", "tag", "attrs"]
    parser = Parser()
    parser.feed('<h1 id="a">A</h1><p>text</p><h2 id="b" data-search-exclude>B</h2>')
    parser.close()
    first, second = parser.data
    assert (first.el.tag, first.depth, first.title, first.text) == ("h1", 1, ["A"], ["<p>", "text", "</p>"])
    assert second.id == "b" and not first.is_excluded() and second.is_excluded()


def test_the_toc_helpers_slug_and_nest_as_lexmap_expects():
    assert mkdocs_api.slugify("Art. 3(a) Means", "-") == "art-3a-means"
    used = {"means"}
    assert mkdocs_api.unique("means", used, {}) == "means_1" and "means_1" in used
    nested = mkdocs_api.nest_toc_tokens(
        [
            {"level": 1, "id": "a", "name": "A", "html": "A", "data-toc-label": ""},
            {"level": 2, "id": "b", "name": "B", "html": "B", "data-toc-label": ""},
        ]
    )
    assert [(t["id"], [c["id"] for c in t["children"]]) for t in nested] == [("a", ["b"])]


def test_the_live_reload_script_is_what_private_server_moves_under_the_mount():
    """lexmap.site.mkdocs_api.private_server rewrites the poll URL mkdocs injects into each page
    (its ``_inject_js_into_html``, from ``_SCRIPT_TEMPLATE``) to lie under the random path."""
    from mkdocs import livereload

    assert _parameters(livereload.LiveReloadServer._inject_js_into_html) == ["self", "content", "epoch"]
    assert livereload._SCRIPT_TEMPLATE_STR.count('"/livereload/"') == 1


_PRIVATE = re.compile(
    r"\b(?:page|file|files|config|plugin|plugins|theme|nav|index|section|toc|env)\._\w+|content_string|\.theme\.dirs|"
    r"search_index|create_entry_for_section|root_render_func|is_excluded\(|present_anchor_ids|links_to_anchors|"
    r"material\.plugins|markdown\.extensions\.toc|mkdocs\.structure\.pages|mkdocs\.structure\.toc"
)


def test_a_memoized_template_is_rendered_once_per_key_through_include():
    """Jinja runs a template's ``root_render_func`` for each ``{% include %}`` of it (what
    mkdocs_api.memoize_template wraps): the partial is rendered once per key, None renders anew."""
    import jinja2

    counted = []
    env = jinja2.Environment(
        loader=jinja2.DictLoader(
            {"part.html": "{{ n }}{{ counted.append(n) or '' }}", "page.html": '[{% include "part.html" %}]'}
        )
    )
    assert mkdocs_api.memoize_template(env, "part.html", lambda context: context["n"] % 2 or None)
    page = env.get_template("page.html")
    written = [page.render(n=n, counted=counted) for n in (1, 3, 2, 4)]
    assert written == ["[1]", "[1]", "[2]", "[4]"]  # odd n: one key, the first rendering kept
    assert counted == [1, 2, 4]
    assert not mkdocs_api.memoize_template(env, "missing.html", lambda context: None)


def test_private_uses_are_in_one_module_only():
    """Outside lexmap.site.mkdocs_api, no module of lexmap touches what this file pins (private
    attributes of the engine's objects; Material's and Markdown's internals)."""
    found = []
    for path in sorted((ROOT / "lexmap").rglob("*.py")):
        if path == SITE / "mkdocs_api.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if _PRIVATE.search(code):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


# -- the engine hedge --------------------------------------------------------------------------

_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(engine: str, out: Path, env: dict[str, str]) -> dict[str, bytes]:
    done = subprocess.run(
        [sys.executable, "-m", engine, "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{engine} build failed:\n{done.stderr[-3000:]}"
    files = {}
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(out).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return files


@pytest.mark.slow
def test_properdocs_builds_the_bundled_site_as_mkdocs_does(tmp_path):
    env = {**os.environ, "LEXMAP_CACHE_DIR": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    by_mkdocs = _build("mkdocs", tmp_path / "mkdocs", env)
    by_properdocs = _build("properdocs", tmp_path / "properdocs", env)
    assert sorted(by_properdocs) == sorted(by_mkdocs)  # the same pages and assets
    assert len([p for p in by_mkdocs if p.endswith(".html")]) > 100  # the reference pages are there
    index = "search/search_index.json"
    assert json.loads(by_properdocs[index]) == json.loads(by_mkdocs[index])
    tags = [_GENERATOR.search(files["index.html"]) for files in (by_mkdocs, by_properdocs)]
    assert tags[0] and tags[1] and tags[0].group() != tags[1].group()  # each engine names itself...
    differing = [p for p in by_mkdocs if _GENERATOR.sub(b"", by_mkdocs[p]) != _GENERATOR.sub(b"", by_properdocs[p])]
    assert differing == []  # ...and that is the only difference
