"""Run mkdocs on a corpus: what ``lexmap site build`` and ``lexmap site serve`` do.

A corpus folder has no ``mkdocs.yml``, so one is written to a temporary folder:
it inherits ``mkdocs-base.yml`` (the settings the repository's own site uses),
names the corpus for the hook, and uses an empty ``docs_dir`` unless hand-written
pages are given.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import yaml

from ..corpus import Corpus
from ..filekind import kind_of_file
from ..outputs import OutputError, corpus_inputs, replaced_folder
from ..problems import CorpusError

HERE = Path(__file__).parent


@contextlib.contextmanager
def site_config(
    corpus: Path | None,
    *,
    docs: Path | None = None,
    site_name: str = "lexmap",
    texts: Sequence[Path] = (),
    require_texts: bool = False,
    profile: str = "full",
    serve: bool = False,
) -> Iterator[Path]:
    """A temporary ``mkdocs.yml`` that builds the reference site of ``corpus`` (default: bundled),
    checking quotes against ``texts`` too; ``mkdocs serve`` watches every file the corpus reads."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # mkdocs-material's banner: noise here
    with tempfile.TemporaryDirectory(prefix="lexmap-site-") as tmp:
        docs_dir = Path(docs).resolve() if docs else Path(tmp) / "docs"
        docs_dir.mkdir(exist_ok=True)
        config = {
            "INHERIT": str(HERE / "mkdocs-base.yml"),
            "site_name": site_name,
            "docs_dir": str(docs_dir),
            "hooks": [str(HERE / "mkdocs_hook.py")],
            "extra": {
                "lexmap": {
                    "corpus": str(Path(corpus).resolve()) if corpus else None,
                    "texts": [str(Path(t).resolve()) for t in texts],
                    "require_texts": require_texts,
                    "profile": profile,
                    "serve": serve,
                }
            },
            "watch": [str(p) for p in corpus_inputs(corpus) if p.exists()],
        }
        path = Path(tmp) / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        yield path


def build_site(
    corpus: Path | None,
    site_dir: Path,
    *,
    docs: Path | None = None,
    strict: bool = True,
    force: bool = False,
    texts: Sequence[Path] = (),
    require_texts: bool = False,
    loaded: Corpus | None = None,
    changes: tuple[str, str] | None = None,
    profile: str = "full",
) -> int:
    """Build the site of ``corpus`` into ``site_dir`` with mkdocs and return its number of HTML
    pages (raises on any mkdocs error; with ``strict``, on any warning too).

    The site is built beside ``site_dir`` and swapped in at the end (an interrupted or failed build
    leaves the old site). ``site_dir`` must be new, empty or a previous lexmap output; ``force``
    replaces another folder, but never the corpus, the ``docs`` or a folder holding them
    (:func:`lexmap.outputs.check_folder_output` raises :class:`~lexmap.outputs.OutputError`).
    ``loaded`` is the corpus at ``corpus`` already loaded with these ``texts`` (the CLI's): the
    build uses it rather than load it again. ``changes``: the revision and the Markdown of a
    "Changes since" page (``lexmap site build --since``), linked from the home page.
    build uses it rather than load it again. ``profile`` (:mod:`lexmap.profiles`): the edition the
    site shows (with ``loaded``, the corpus loaded under it); its home page says how many
    statements it withholds.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .progress_plugin import SiteProgress

    if docs is not None:
        check_docs_folder(Path(docs))
    inputs = corpus_inputs(corpus) + [Path(t) for t in texts] + ([Path(docs)] if docs else [])
    with replaced_folder(site_dir, inputs, force=force, kind="site") as staging:
        with site_config(corpus, docs=docs, texts=texts, require_texts=require_texts, profile=profile) as config_file:
            config = load_config(str(config_file), site_dir=str(staging), strict=strict)
            if loaded is not None:
                config.extra["lexmap"]["loaded"] = loaded
            config.extra["lexmap"]["changes"] = changes
            config.plugins["lexmap-progress"] = SiteProgress()  # progress in a terminal or notebook (lexmap.progress)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        return sum(1 for _ in staging.rglob("*.html"))  # counted before the swap: ours alone


def check_docs_folder(docs: Path) -> None:
    """Refuse a ``--docs`` folder holding anything but folders and regular files of its own: mkdocs
    follows links (a link out publishes its target as pages and in the search index; links in a
    loop never end), a hard link may be a file from anywhere, and it copies a device without end
    (a /dev/zero made with mknod fills the disk), waits on a FIFO for ever and stops at a socket
    with a traceback. Every entry is looked at with ``lstat``, never followed."""
    root = docs.resolve()
    for folder, subfolders, files in os.walk(root):
        for name in (*subfolders, *files):
            path = Path(folder) / name
            shown = str(path.relative_to(root))
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                raise OutputError(
                    f"the docs folder {str(docs)!r} holds {shown!r}, a link (to {os.readlink(path)!r}): "
                    "lexmap publishes only the folder's own files",
                    "copy what the page needs into the docs folder, or remove the link",
                )
            if not stat.S_ISDIR(info.st_mode) and not stat.S_ISREG(info.st_mode):
                raise OutputError(
                    f"the docs folder {str(docs)!r} holds {shown!r}, {kind_of_file(info.st_mode)}, not a regular file: "
                    "lexmap publishes only folders and regular files",
                    "remove it from the docs folder",
                )
            if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
                raise OutputError(
                    f"the docs folder {str(docs)!r} holds {shown!r}, a file with other hard links: "
                    "lexmap publishes only the folder's own files",
                    "copy the file into the docs folder",
                )


def serve_site(
    corpus: Path | None,
    *,
    docs: Path | None = None,
    dev_addr: str = "127.0.0.1:8000",
    texts: Sequence[Path] = (),
    mount: str | None = None,
    profile: str = "full",
) -> None:
    """Serve the site of ``corpus`` with mkdocs' development server under the path ``mount``
    only (a random one when not given): a local port is open to every user of the machine, the
    path is the key. After a save of a corpus file, a text or a hand-written page, only the
    pages whose content changed are rendered again (:mod:`lexmap.site.incremental`); a corpus
    an edit broke is served as a page of its problems (:mod:`lexmap.site.problem_page`) until it
    is fixed. Stopped by Ctrl-C or SIGTERM, it removes its temporary folders (the site and
    lexmap's configuration)."""
    import shutil
    import signal

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from ..loading import load as load_corpus
    from . import incremental
    from .mkdocs_api import private_server

    if docs is not None:
        check_docs_folder(Path(docs))

    def stop(signum, frame):  # SIGTERM as Ctrl-C: the server shuts down, the folders are removed
        raise KeyboardInterrupt

    mount = mount or secrets.token_urlsafe(16)
    host, _, port = dev_addr.rpartition(":")
    previous = signal.signal(signal.SIGTERM, stop)
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    try:
        with site_config(corpus, docs=docs, texts=texts, profile=profile, serve=True) as config_file:

            def full_build(loaded=None) -> None:
                config = load_config(str(config_file), site_dir=site_dir)
                config.site_url = f"http://{host}:{port}/{mount}/"
                if loaded is not None:
                    config.extra["lexmap"]["loaded"] = loaded
                build(config, serve_url=config.site_url)

            def load() -> Corpus:
                # the edition being served: a reload under --profile public withholds what the first build did
                return load_corpus(corpus, texts=[Path(t).resolve() for t in texts] or None, profile=profile)

            session = incremental.Session(load, Path(docs).resolve() if docs else None)

            def builder() -> None:
                loaded = session.update(server)
                if loaded is not None:
                    full_build(None if isinstance(loaded, CorpusError) else loaded)

            server = private_server(builder, dev_addr, site_dir, mount)
            incremental.SESSION = session
            try:
                full_build()
                for path in [str(config_file), str(Path(config_file).parent / "docs"), *site_watch(corpus, docs, texts)]:
                    if Path(path).exists():
                        server.watch(path)
                try:
                    server.serve()
                finally:
                    server.shutdown()
            finally:
                incremental.SESSION = None
    except KeyboardInterrupt:
        pass  # the server has shut down; the folders are gone with the with-block and below
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
        signal.signal(signal.SIGTERM, previous)


def site_watch(corpus: Path | None, docs: Path | None, texts: Sequence[Path]) -> list[str]:
    """What ``site serve`` watches: every file the corpus reads, the texts and the hand-written pages."""
    return [str(p) for p in (*corpus_inputs(corpus), *texts, *([docs] if docs else [])) if Path(p).exists()]
