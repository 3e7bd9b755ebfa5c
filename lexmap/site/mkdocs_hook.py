"""mkdocs hook: add the reference pages of a corpus to the site being built.

Use it in ``mkdocs.yml`` with ``hooks: [lexmap/site/mkdocs_hook.py]``. The
corpus is the bundled one, or the folder named by ``extra: {lexmap: {corpus:
PATH}}`` (relative to ``mkdocs.yml``). The hand-written pages of ``docs_dir``
stay as they are and go in the navigation under "Guide", after the generated
sections (Instruments, Tests, Practices, Documents, Indicators, Matrix).

The case names its site: when the corpus has a manifest (``lexmap.yaml``) and
``site_name`` is left at its default "lexmap", the case's title becomes the
site's name, its description the site's description and its licence the
footer's notice.

For speed on large sites, the raw HTML of generated pages bypasses Markdown, the theme and
Material's search plugin (:mod:`lexmap.site.raw_html`), the headings around it are rendered
without Markdown (:mod:`lexmap.site.headings`), and the hook indexes those pages for search
itself (:mod:`lexmap.site.search`); the site is the same either way. For memory, a page the
navigation does not list is made when it is written (:mod:`lexmap.site.late_pages`), and the
search index goes to a file as pages are written (:mod:`lexmap.site.search_stream`).
"""

from __future__ import annotations

import gc
import logging
import marshal
import time
import zlib
from functools import partial
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import lexmap
from lexmap.problems import CorpusError
from lexmap.site import incremental, late_pages, mkdocs_api, problem_page, raw_html, search, search_stream, theme_cache
from lexmap.site.headings import GeneratedPage
from lexmap.site.pages import page_makers as build_page_makers

log = logging.getLogger("mkdocs.plugins.lexmap")

HERE = Path(__file__).parent
CSS = "assets/lexmap.css"
SHIM = "assets/iframe-worker-shim.js"
"""Material's offline plugin loads this shim from a CDN for search from file://; we ship it."""
SECTIONS = [
    ("Instruments", "instruments/"),
    ("Tests", "tests/"),
    ("Practices", "practices/"),
    ("Documents", "documents/"),
    ("Indicators", "indicators/"),
]
CHART = "/chart.md"
"""Evidence charts are reached from their test's page, not listed in the navigation."""
NAV_LIMIT = 100
"""A section with more pages lists only its index in the navigation, which lists them all: every
page renders the whole navigation, so a navigation that grew with the corpus would make the
build grow as pages x pages (at most 5 x 100 entries per page, whatever the corpus)."""

DEFAULT_NAME = "lexmap"

_state: dict = {}


def _load(config: MkDocsConfig) -> lexmap.Corpus:
    settings = config.extra.get("lexmap") or {}
    if settings.get("loaded") is not None:  # lexmap.site.build.build_site's caller loaded it: once
        return settings.pop("loaded")
    path = settings.get("corpus")
    if path is not None:
        path = Path(config.config_file_path or ".").parent / path
    try:
        return lexmap.load(
            path,
            texts=settings.get("texts") or None,
            require_texts=bool(settings.get("require_texts")),
            profile=settings.get("profile") or "full",
        )
    except CorpusError as error:
        if settings.get("serve"):  # the browser shows the problems (lexmap.site.problem_page)
            log.error("lexmap: the corpus at %s is invalid:\n%s", path or "the bundled path", error)
            return error  # type: ignore[return-value]
        raise PluginError(f"lexmap: the corpus at {path or 'the bundled path'} is invalid:\n{error}") from error


def _as_text(value: str) -> Markup:
    """``value`` escaped once and marked safe: Material prints ``site_name``, ``site_description``
    and ``copyright`` raw in some places and through ``| e`` in others; a Markup shows as the same
    text in both, never as HTML (a manifest comes from whoever wrote the case)."""
    return Markup.escape(" ".join(value.split()))


def name_site(config: MkDocsConfig, case) -> None:
    """The case's title, description and licence as the site's, unless the site names itself."""
    if case is None or (config.site_name or DEFAULT_NAME) != DEFAULT_NAME:
        config.site_name = config.site_name or DEFAULT_NAME
        return
    config.site_name = _as_text(case.title)
    if case.description:
        config.site_description = _as_text(case.description)
    if case.licence and not config.copyright:
        config.copyright = Markup("Licence: ") + _as_text(case.licence)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    started = time.monotonic()
    corpus = _load(config)
    gc.freeze()  # the corpus lives to the end of the build: the collector need not walk it
    _state.update(corpus=corpus, loaded_in=time.monotonic() - started)
    if not isinstance(corpus, CorpusError):
        name_site(config, corpus.case)
    # Pages link to each other in raw HTML with relative file URLs (see lexmap.site.links).
    config.use_directory_urls = False
    mkdocs_api.add_theme_dir(config, str(HERE / "overrides"))
    if CSS not in config.extra_css:
        config.extra_css.append(CSS)
    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = [*polyfills, SHIM]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    corpus = _state.pop("corpus", None) or _load(config)
    started = time.monotonic() - _state.get("loaded_in", 0.0)

    if isinstance(corpus, CorpusError):
        problems = problem_page.problem_pages(corpus, str((config.extra.get("lexmap") or {}).get("corpus") or "the bundled path"))
        makers: dict = {path: partial(str, markdown) for path, markdown in problems.items()}
    else:
        makers = build_page_makers(corpus, changes=(config.extra.get("lexmap") or {}).get("changes"))
        if (config.extra.get("lexmap") or {}).get("serve"):
            problem_page.remember(makers)
    if incremental.SESSION is not None and (config.extra.get("lexmap") or {}).get("serve"):
        incremental.SESSION.built(corpus, config, files)  # what lexmap site serve updates
    handwritten = sorted(f.src_uri for f in files.documentation_pages())
    clashes = sorted(set(makers) & set(handwritten))
    if clashes:
        raise PluginError(f"lexmap: these pages of {config.docs_dir} clash with generated ones: {', '.join(clashes)}")
    invalid = isinstance(corpus, CorpusError)
    config.nav = [{"The corpus has problems": "index.md"}] if invalid else navigation(makers, handwritten)
    titles = {path: title for entry in config.nav for title, path in entry.items() if isinstance(path, str)}
    total = len(makers)

    def made(make, done=[0]):  # noqa: B006 -- the count of pages made, shared by every page's maker
        markdown = make()
        done[0] += 1
        if total >= 1000 and (done[0] % 500 == 0 or done[0] == total):
            log.info("lexmap: %d/%d pages generated", done[0], total)
        return markdown

    serve = bool((config.extra.get("lexmap") or {}).get("serve"))
    listed = late_pages.listed(config.nav)
    for src_uri, make in makers.items():  # each page's Markdown made when mkdocs reads the page
        file = mkdocs_api.generated_file(config, src_uri, partial(made, make))
        # mkdocs uses a page a plugin made (file.page); one outside the navigation is made as it is written
        (GeneratedPage if serve or src_uri in listed else late_pages.LatePage)(titles.get(src_uri), file, config)
        files.append(file)
    for asset in (CSS, SHIM):
        files.append(File.generated(config, asset, abs_src_path=str(HERE / asset)))
    index = search.material_index(config)  # None: Material indexes pages itself, or search is off
    _state.update(
        total=total,
        rendered=0,
        generated=set(makers),
        raw={},
        indexed=set(),
        index=index,
        files=files,
        stream=search_stream.Stream(index) if index is not None and not serve else None,
        late_html=index is not None or search.material_search(config) is None,
    )
    log.info(
        "lexmap: %d reference pages generated from %s in %.1fs (each made as mkdocs reads it)",
        total,
        getattr(corpus, "root", "an invalid corpus"),
        time.monotonic() - started,
    )
    return files


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """Set aside the HTML of generated pages (put back in :func:`on_post_page`); report
    progress on large sites, where rendering is the slow part."""
    if getattr(page, "waiting", False):  # a late_pages.LatePage, read for real when written
        return markdown
    _state["rendered"] = _state.get("rendered", 0) + 1
    if _state.get("total", 0) >= 1000 and _state["rendered"] % 500 == 0:
        log.info("lexmap: %d pages rendered", _state["rendered"])
    if page.file.src_uri in _state.get("generated", ()):
        if incremental.SESSION is not None and (config.extra.get("lexmap") or {}).get("serve"):
            incremental.SESSION.hashes[page.file.src_uri] = incremental.digest(markdown)
        markdown, blocks = raw_html.set_aside(markdown)
        _state["raw"][page.file.src_uri] = Kept(blocks, packed=not isinstance(page, late_pages.LatePage))
        wanted = page.meta.get("search") or {}
        if not wanted.get("exclude") and _state["index"] is not None:
            page.meta["search"] = {**wanted, "exclude": True}  # Material leaves it to on_page_context
            _state["indexed"].add(page.file.src_uri)
    return markdown


class Kept:
    """A page's set-aside HTML from the moment mkdocs reads the page until it writes it, compressed
    (``packed``) when mkdocs reads the page before it writes any, so that the HTML of the pages of
    the navigation waits in memory smaller (zlib's fastest level keeps about a sixth of it); a
    :class:`~lexmap.site.late_pages.LatePage` is written next, and keeps its blocks as they are."""

    __slots__ = ("_data", "has_h1")

    def __init__(self, blocks: list[str], packed: bool = True):
        self.has_h1 = any("<h1" in block for block in blocks)
        self._data: bytes | list[str] = zlib.compress(marshal.dumps(blocks), 1) if packed else blocks  # marshal: our own strings

    def blocks(self) -> list[str]:
        return marshal.loads(zlib.decompress(self._data)) if isinstance(self._data, bytes) else self._data


def on_nav(nav, config: MkDocsConfig, files: Files):
    if incremental.SESSION is not None and (config.extra.get("lexmap") or {}).get("serve"):
        incremental.SESSION.rendering(nav=nav)
    return nav


def on_env(env, config: MkDocsConfig, files: Files):
    if incremental.SESSION is not None and (config.extra.get("lexmap") or {}).get("serve"):
        incremental.SESSION.rendering(env=env)
    elif not (config.extra.get("lexmap") or {}).get("serve"):  # serve renders pages again, later, with this theme
        theme_cache.install(env)  # the navigation once per folder for the pages it does not list
    gc.freeze()  # and so are the pages read so far (those of the navigation; the others wait, late_pages)
    return env


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    raw = _state.get("raw", {})
    if page.file.src_uri not in raw:
        return html
    html = raw_html.spaced(html)
    if not _state["late_html"]:  # Material's search, indexing pages itself, would read the placeholders
        return raw_html.put_back(html, raw.pop(page.file.src_uri).blocks())
    if "<h1" not in html and raw[page.file.src_uri].has_h1:
        html += raw_html.H1_ASIDE  # Material's template looks for an <h1>
    return html


@event_priority(50)  # before Material's search plugin, which strips data-search attributes
def on_page_context(context, page, config: MkDocsConfig, nav):
    """Index a generated page in Material's search index without Material's HTML parser
    (:mod:`lexmap.site.search`): the same entries, in a fraction of the build time. A page outside
    the navigation is read and rendered first (:mod:`lexmap.site.late_pages`)."""
    late_pages.populate(page, config, _state["files"])
    if page.file.src_uri in _state.get("indexed", ()):
        kept = _state["raw"].get(page.file.src_uri)
        blocks = kept.blocks() if kept is not None else None
        _state["opened"] = (kept, blocks)  # the page is written next (on_post_page): opened once
        content = raw_html.put_back(page.content, blocks) if blocks else page.content
        search.index_page(_state["index"], page, content)
    return context


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """The page as written: its raw HTML back in place (:mod:`lexmap.site.raw_html`). Outside
    ``site serve`` (which renders pages again), the page then lets go of its HTML."""
    kept = _state.get("raw", {}).pop(page.file.src_uri, None)
    opened, blocks = _state.pop("opened", (None, None))
    if _state.get("stream") is not None:
        _state["stream"].take()  # the page's search entries, out of Material's index
    if not (config.extra.get("lexmap") or {}).get("serve"):
        mkdocs_api.release_rendered(page)  # memory holds the corpus and the pages being written, not the site
    if kept is None:
        return output
    return raw_html.put_back(output, blocks if opened is kept and blocks is not None else kept.blocks())


@event_priority(-110)  # after Material's search and offline plugins wrote the index (of no entries)
def on_post_build(config: MkDocsConfig) -> None:
    stream = _state.pop("stream", None)
    if stream is not None:
        stream.write(config)  # lexmap.site.search_stream: the index with every entry
    gc.unfreeze()  # frozen since on_config; mkdocs serve builds again in the same process


def on_build_error(error: Exception) -> None:
    stream = _state.pop("stream", None)
    if stream is not None:
        stream.close()
    gc.unfreeze()


def navigation(pages: dict[str, str], handwritten: list[str]) -> list:
    """The navigation: home, one section per concept, the matrix, then the hand-written guide."""
    nav: list = [{"Home": "index.md"}]
    for title, prefix in SECTIONS:
        section = [p for p in pages if p.startswith(prefix) and not p.endswith(CHART)]
        index = prefix + "index.md"
        rest = [p for p in section if p != index]
        nav.append({title: [index] + (rest if len(section) <= NAV_LIMIT else [])})
    nav.append({"Matrix": "matrix.md"})
    nav.append({"Gaps": "gaps.md"})
    if "timeline.md" in pages:  # the case's time line (lexmap.site.pages.TIMELINE), when a statement is dated
        nav.append({"Timeline": "timeline.md"})
    if "changes.md" in pages:
        nav.append({"Changes": "changes.md"})
    guide = [p for p in handwritten if not Path(p).name.startswith("_")]
    if guide:
        nav.append({"Guide": guide})
    return nav
