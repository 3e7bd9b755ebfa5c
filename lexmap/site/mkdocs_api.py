"""Everything lexmap uses of mkdocs, Material and Python-Markdown beyond their documented APIs.

The site's speed comes from doing some of mkdocs' work itself (:mod:`lexmap.site.headings`
renders headings-only pages, :mod:`lexmap.site.search` indexes pages for Material's search), and
that reaches into attributes and helpers those projects may rename in any release. Every such
use is here and nowhere else, and ``tests/test_engine.py`` pins each one against the installed
versions, so that a change in mkdocs, Material or Markdown fails that test by name rather than
quietly changing the site. (The documented plugin API: events, ``File.generated``, ``Files``,
``PluginError``, ``event_priority``, is used where it is needed.)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from material.plugins.search.plugin import Element, Section
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

__all__ = [
    "Element",
    "Page",
    "Section",
    "add_search_entries",
    "add_theme_dir",
    "generated_file",
    "material_index",
    "material_search",
    "memoize_template",
    "private_server",
    "rebuild_wanted",
    "refresh_search",
    "render_page",
    "index_files",
    "index_frame",
    "nest_toc_tokens",
    "populate_page",
    "release_rendered",
    "release_source",
    "set_rendered",
    "show_site",
    "site_changing",
    "slugify",
    "take_search_entries",
    "unique",
]


def set_rendered(page: Page, content: str, toc_tokens: list[Any], title: str | None, anchor_ids: set[str]) -> None:
    """Give ``page`` what :meth:`Page.render` would: its HTML, its table of contents (from the
    ``toc`` extension's tokens), the title of its first ``<h1>`` (mkdocs' private
    ``_title_from_render``, read by ``Page.title``), the anchors it has and the anchors it links
    to (none: a generated page's links are in set-aside HTML)."""
    page.content = content
    page.toc = get_toc(toc_tokens)
    page._title_from_render = title
    page.present_anchor_ids = anchor_ids
    page.links_to_anchors = {}


class _MadeWhenRead(File):
    """A generated file whose content is made when mkdocs first reads it (``File.generated``
    wants the content at once; mkdocs reads pages one by one)."""

    _make: Any = None

    @property
    def content_string(self) -> str:
        if self._make is not None:
            self._content, self._make = self._make(), None
        return File.content_string.fget(self)  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._make = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode("utf-8")

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._make = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]


def generated_file(config: MkDocsConfig, src_uri: str, make: Any) -> File:
    """A generated page whose Markdown is ``make()``, called when mkdocs reads the page."""
    file = _MadeWhenRead.generated(config, src_uri, content="")
    assert isinstance(file, _MadeWhenRead)
    file._make = make
    return file


def populate_page(page: Page, config: MkDocsConfig, files: Any) -> None:
    """Read and render ``page`` as mkdocs does each page before it writes any (its private
    ``_populate_page``: the page's ``pre_page``, ``page_markdown`` and ``page_content`` events)."""
    from mkdocs.commands.build import _populate_page

    _populate_page(page, config, files)


def release_source(file: File) -> None:
    """Let ``file`` drop its copy of the page's Markdown once mkdocs has read it (mkdocs keeps
    a generated file's content until the build ends)."""
    file.content_string = ""


def release_rendered(page: Page) -> None:
    """Let ``page`` drop its HTML and table of contents once it is written: mkdocs keeps every
    page's until the build ends, though after a page is written only its title, URL and anchors
    are read again (the theme's static templates are written before the pages)."""
    page.content = None
    page.toc = get_toc([])


def add_theme_dir(config: MkDocsConfig, folder: str) -> None:
    """Put ``folder``'s templates before the theme's own (mkdocs' ``Theme.dirs``, searched in order)."""
    config.theme.dirs.insert(0, folder)


def material_search(config: MkDocsConfig) -> Any | None:
    """Material's search plugin, when it is on (else None)."""
    plugin = config.plugins.get("material/search")
    return plugin if plugin is not None and plugin.config.enabled else None


def material_index(config: MkDocsConfig) -> Any | None:
    """Material's search index (the plugin's ``search_index``), when its search plugin is on and
    keeps one (else None, and Material indexes every page itself)."""
    return getattr(material_search(config), "search_index", None)


def add_search_entries(index: Any, sections: list[Section], page: Page) -> None:
    """Add ``sections`` of ``page`` to Material's ``index`` as its ``add_entry_from_context``
    would: each section not excluded becomes an entry, through ``create_entry_for_section``.

    Material finds each section's table-of-contents item by walking the whole table (its
    ``_find_toc_by_id``): quadratic in a page's headings (a page of 100,000 statements took
    minutes). Each section is given instead a table of the one item that walk would find first
    (or none), looked up in a dict made once per page: the same item, the same entry."""
    first: dict[Any, Any] = {}
    stack = list(reversed(list(page.toc)))
    while stack:  # depth first, in order, as Material's walk: the first item of each id wins
        item = stack.pop()
        first.setdefault(item.id, item)
        stack.extend(reversed(item.children))
    for section in sections:
        if not section.is_excluded():
            found = first.get(section.id)
            index.create_entry_for_section(section, [] if found is None else [found], page.url, page)


def take_search_entries(index: Any) -> list[dict]:
    """The entries Material's ``index`` holds (its ``entries``), taken out of it."""
    entries, index.entries = index.entries, []
    return entries


def index_frame(config: MkDocsConfig) -> tuple[str, str]:
    """What Material's search plugin writes before and after the entries of its index (its
    ``generate_search_index``, on no entries: ``{"config":{...},"docs":[]}``, the entries last)."""
    index = material_index(config)
    if index is None:
        raise ValueError("Material's search plugin keeps no index")
    held, index.entries = index.entries, []
    try:
        data = index.generate_search_index(None)
    finally:
        index.entries = held
    head, found, tail = data.rpartition('"docs":[]')
    if not found:
        raise ValueError("Material's search index no longer ends with its entries")
    return head + '"docs":[', "]" + tail


OFFLINE_INDEX_PREFIX = "var __index = "
"""What Material's offline plugin writes before the search index in ``search_index.js``."""


def index_files(config: MkDocsConfig) -> list[tuple[Path, str]]:
    """The files Material's search and offline plugins write the search index to, each with
    what comes before the index in it."""
    folder = Path(config.site_dir) / "search"
    return [(folder / "search_index.json", ""), (folder / "search_index.js", OFFLINE_INDEX_PREFIX)]


def render_page(page: Page, markdown: str, config: MkDocsConfig, files: Any, nav: Any, env: Any) -> None:
    """Render ``page`` again from ``markdown`` and write it, as a build does each page (mkdocs'
    private ``_populate_page`` and ``_build_page``: every plugin event of a page, the theme),
    replacing its entries in the search index first (:func:`refresh_search` writes the index)."""
    from mkdocs.commands.build import _build_page

    index = material_index(config)
    entries: list = index.entries if index is not None else []
    at = [i for i, e in enumerate(entries) if e["location"].partition("#")[0] == page.url]
    if at:  # the page's entries are contiguous (one page indexed at a time): replaced in place
        del entries[at[0] : at[-1] + 1]
    page.file.content_string = markdown
    populate_page(page, config, files)
    length = len(entries)
    _build_page(page, config, files.documentation_pages(), nav, env)
    if at:
        added = entries[length:]
        del entries[length:]
        entries[at[0] : at[0]] = added


def memoize_template(env: jinja2.Environment, name: str, key: Callable[[Any], Hashable | None]) -> bool:
    """Render the theme's template ``name`` once per ``key(context)`` and give every later page
    with that key the same output (a key of None: rendered as usual). Wraps the template's
    compiled ``root_render_func``, which each ``{% include %}`` of it runs; False if the theme
    has no such template. A template Jinja loads again (a changed file) is simply not wrapped."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        return False
    render = template.root_render_func
    kept: dict[Hashable, str] = {}

    def root(context: Any) -> Iterator[str]:
        found = key(context)
        if found is None:
            yield from render(context)
            return
        if found not in kept:
            kept[found] = "".join(render(context))
        yield kept[found]

    template.root_render_func = root
    return True


def refresh_search(config: MkDocsConfig) -> None:
    """Write the search index again (Material's search and offline plugins do it after a build)."""
    for name in ("material/search", "material/offline"):
        plugin = config.plugins.get(name)
        if plugin is not None and plugin.config.enabled:
            plugin.on_post_build(config=config)


def show_site(server: Any) -> None:
    """Let ``server`` (mkdocs' LiveReloadServer, in its builder) serve the pages written so far and
    tell the browsers to reload, before the builder returns (its ``_visible_epoch``)."""
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def site_changing(server: Any) -> None:
    """Hold requests until the builder returns: pages are being written again (a new ``_wanted_epoch``)."""
    from mkdocs.livereload import _timestamp

    with server._epoch_cond:
        server._wanted_epoch = max(_timestamp(), server._visible_epoch + 1)  # milliseconds: never the same


def rebuild_wanted(server: Any) -> bool:
    """Whether a file changed since ``server``'s builder started (its ``_want_rebuild``)."""
    return bool(server._want_rebuild)


def private_server(builder: Any, dev_addr: str, root: str, mount: str) -> Any:
    """mkdocs' development server (LiveReloadServer), serving the site only under the path
    ``mount``: a request outside it (``/`` included, which mkdocs redirects to the mount path,
    and its 404 page, which carries the site's navigation) gets a bare 404, so the path is not
    given away; so does its live-reload poll (which tells when the case is saved) but under the
    mount. Its 404 for a missing page under the mount is the site's own, as mkdocs serve's."""
    from mkdocs.livereload import LiveReloadServer

    class Private(LiveReloadServer):
        def serve_request(self, environ, start_response):
            path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
            if path.startswith(self.mount_path + "livereload/"):  # the reload poll, under the key too
                environ = {**environ, "PATH_INFO": path[len(self.mount_path) - 1 :]}
            elif not (path + "/").startswith(self.mount_path) or path.startswith("/livereload/"):
                start_response("404 Not Found", [("Content-Type", "text/plain")])
                return [b"404 Not Found"]
            return super().serve_request(environ, start_response)

        def _inject_js_into_html(self, content, epoch):  # mkdocs' script polls /livereload/ at the root
            page = super()._inject_js_into_html(content, epoch)
            return page.replace(b'"/livereload/"', f'"{self.mount_path}livereload/"'.encode(), 1)

    host, _, port = dev_addr.rpartition(":")
    server = Private(
        builder=builder, host=host.strip("[]"), port=int(port), root=root, mount_path=f"/{mount}/", polling_interval=0.2
    )  # the files are looked at every 0.2 s (mkdocs: 0.5): a save is seen sooner

    def error_page(code: int) -> bytes | None:
        page = Path(root) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    return server
