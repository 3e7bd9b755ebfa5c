"""mkdocs hook: add the reference pages of a corpus to the site being built.

Use it in ``mkdocs.yml`` with ``hooks: [lexmap/site/mkdocs_hook.py]``. The
corpus is the bundled one, or the folder named by ``extra: {lexmap: {corpus:
PATH}}`` (relative to ``mkdocs.yml``). The hand-written pages of ``docs_dir``
stay as they are and go in the navigation under "Guide", after the generated
sections (Instruments, Tests, Practices, Documents, Indicators, Matrix).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import lexmap
from lexmap.problems import CorpusError
from lexmap.site.pages import build_pages

log = logging.getLogger("mkdocs.plugins.lexmap")

HERE = Path(__file__).parent
CSS = "assets/lexmap.css"
SHIM = "assets/iframe-worker-shim.js"
"""Material's offline plugin loads this shim from a CDN for search from file://; we ship it."""
SECTIONS = [("Instruments", "instruments/"), ("Tests", "tests/"), ("Practices", "practices/"),
            ("Documents", "documents/"), ("Indicators", "indicators/")]
NAV_LIMIT = 400
"""A section with more pages lists only its index in the navigation (every page renders the
whole navigation, so a huge one would make the build quadratic)."""

_state: dict = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Pages link to each other in raw HTML with relative file URLs (see lexmap.site.links).
    config.use_directory_urls = False
    config.theme.dirs.insert(0, str(HERE / "overrides"))
    if CSS not in config.extra_css:
        config.extra_css.append(CSS)
    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = [*polyfills, SHIM]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    settings = config.extra.get("lexmap") or {}
    path = settings.get("corpus")
    if path is not None:
        path = Path(config.config_file_path or ".").parent / path
    started = time.monotonic()
    try:
        corpus = lexmap.load(path)
    except CorpusError as error:
        raise PluginError(f"lexmap: the corpus at {path or 'the bundled path'} is invalid:\n{error}") from error

    def progress(done: int, total: int) -> None:
        if total >= 1000 and (done % 500 == 0 or done == total):
            log.info("lexmap: %d/%d pages generated", done, total)

    pages = build_pages(corpus, progress=progress)
    handwritten = sorted(f.src_uri for f in files.documentation_pages())
    clashes = sorted(set(pages) & set(handwritten))
    if clashes:
        raise PluginError(f"lexmap: these pages of {config.docs_dir} clash with generated ones: {', '.join(clashes)}")
    for src_uri, content in pages.items():
        files.append(File.generated(config, src_uri, content=content))
    for asset in (CSS, SHIM):
        files.append(File.generated(config, asset, abs_src_path=str(HERE / asset)))
    config.nav = navigation(pages, handwritten)
    _state.update(total=len(pages), rendered=0)
    log.info("lexmap: %d reference pages generated from %s in %.1fs", len(pages), corpus.root, time.monotonic() - started)
    return files


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """Report progress on large sites, where rendering is the slow part."""
    _state["rendered"] = _state.get("rendered", 0) + 1
    if _state.get("total", 0) >= 1000 and _state["rendered"] % 500 == 0:
        log.info("lexmap: %d pages rendered", _state["rendered"])
    return markdown


def navigation(pages: dict[str, str], handwritten: list[str]) -> list:
    """The navigation: home, one section per concept, the matrix, then the hand-written guide."""
    nav: list = [{"Home": "index.md"}]
    for title, prefix in SECTIONS:
        section = [p for p in pages if p.startswith(prefix)]
        index = prefix + "index.md"
        rest = [p for p in section if p != index]
        nav.append({title: [index] + (rest if len(section) <= NAV_LIMIT else [])})
    nav.append({"Matrix": "matrix.md"})
    nav.append({"Gaps": "gaps.md"})
    guide = [p for p in handwritten if not Path(p).name.startswith("_")]
    if guide:
        nav.append({"Guide": guide})
    return nav
