"""``lexmap site build`` and ``lexmap site serve``: the reference site from the command line."""

from __future__ import annotations

import logging
import secrets
import stat
import sys
import time
from pathlib import Path

import click

from ..outputs import check_folder_output, corpus_inputs
from .common import corpus_options, load_corpus, profile_option
from .diff import changes_since, since_option


class _Progress(logging.StreamHandler):
    """The handler that prints mkdocs' progress: one at a time, replaced on each command."""


def _show_mkdocs_progress() -> None:
    """mkdocs (and the lexmap hook) report progress through logging: print it."""
    logger = logging.getLogger("mkdocs")
    logger.handlers = [h for h in logger.handlers if not isinstance(h, _Progress)]
    handler = _Progress(sys.stderr)  # looked up now: the stream CliRunner captures
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


@click.group()
def site() -> None:
    """The static reference site (mkdocs-material) of a corpus."""


@site.command()
@corpus_options
@click.option(
    "-o",
    "--output",
    "output",
    default="site",
    show_default=True,
    metavar="FOLDER",
    help="Folder to write the site to: a new or empty folder, or a site lexmap built before.",
)
@click.option(
    "--docs",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of hand-written Markdown pages to add under 'Guide'.",
)
@click.option("--strict/--no-strict", default=True, show_default=True, help="Fail on any mkdocs warning.")
@since_option
@click.option(
    "--force",
    is_flag=True,
    help="Replace the output folder even if lexmap did not write it (never the corpus, the current, home or root folder).",
)
@profile_option
def build(path, texts, require_texts, output, docs, strict, since, force, profile):
    """Build the site of the corpus at PATH (default: the bundled corpus) into a folder.

    The folder is replaced only if it is new, empty or a site lexmap built (it holds a
    .lexmap-output file); the new site is built beside it and swapped in at the end.
    """
    from ..site.build import build_site

    check_folder_output(output, corpus_inputs(path) + list(texts) + ([docs] if docs else []), force=force)
    corpus = load_corpus(path, texts, require_texts, profile)
    changes = changes_since(path, since, corpus, texts, require_texts)
    counts = corpus.counts()
    click.echo(
        f"corpus {corpus.root}: {counts['instruments']} instruments, {counts['practices']} practices, "
        f"{counts['documents']} documents, {counts['claims']} claims"
    )
    _show_mkdocs_progress()
    started = time.monotonic()
    pages = build_site(
        path,
        output,
        docs=docs,
        strict=strict,
        force=force,
        texts=texts,
        require_texts=require_texts,
        loaded=corpus,
        changes=changes,
        profile=profile,
    )
    click.echo(
        f"site built: {pages} HTML pages in {output} ({time.monotonic() - started:.1f}s); open {Path(output) / 'index.html'}"
    )


@site.command()
@corpus_options
@click.option(
    "--docs",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of hand-written Markdown pages to add under 'Guide'.",
)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@profile_option
def serve(path, texts, require_texts, docs, dev_addr, profile):
    """Serve the site of the corpus at PATH on a local address, rebuilt whenever a corpus file,
    a text or a hand-written page changes."""
    from ..extras import require
    from ..site.build import serve_site

    for module in ("mkdocs", "material"):  # a missing extra is said before the address
        require(module, "the site")

    corpus = load_corpus(path, texts, require_texts, profile)
    _show_mkdocs_progress()
    mount = secrets.token_urlsafe(16)
    host = dev_addr.rpartition(":")[0]
    reach = "every user of this machine" if host in ("127.0.0.1", "localhost", "[::1]") else "anyone who can reach it"
    click.echo(
        f"serving on http://{dev_addr}/{mount}/ : the port is open to {reach}; the random path is the only key, "
        "share it only with people who may read the case",
        err=True,
    )
    root = corpus.root
    if root is not None and root.exists() and not root.stat().st_mode & stat.S_IROTH:
        click.echo(
            f"warning: the case {root} is private (other users cannot read the folder), but its site is open to any "
            "user of this machine who learns the address above: stop the server when you are done",
            err=True,
        )
    serve_site(path, docs=docs, dev_addr=dev_addr, texts=texts, mount=mount, profile=profile)
