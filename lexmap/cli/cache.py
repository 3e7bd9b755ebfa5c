"""``lexmap cache info`` and ``lexmap cache clear``, and ``--no-cache`` for commands that load.

The cache of validated corpora (lexmap/cache.py) lives in the user's cache folder; these
commands show it and empty it, without loading any corpus.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import click

from .. import cache as corpus_cache
from ..cache_folder import CacheFolderError
from .errors import UserError


@contextmanager
def _no_cache():
    """LEXMAP_NO_CACHE for one command: every load in it (the site's too) bypasses the cache."""
    before = os.environ.get("LEXMAP_NO_CACHE")
    os.environ["LEXMAP_NO_CACHE"] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("LEXMAP_NO_CACHE", None)
        else:
            os.environ["LEXMAP_NO_CACHE"] = before


cache_option = click.option(
    "--no-cache",
    is_flag=True,
    expose_value=False,
    callback=lambda ctx, _param, value: ctx.with_resource(_no_cache()) if value else None,
    help="Read every file of the corpus: neither use nor write the cache of validated corpora.",
)


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count / 2**10:.0f} kB"


@click.group()
def cache() -> None:
    """The cache of validated corpora (folder: $LEXMAP_CACHE_DIR, else the user's cache folder)."""


def _checked(action):
    """``action(folder)``, or the one line saying why the cache folder is refused (exit 2)."""
    folder = corpus_cache.cache_dir()
    try:
        return folder, action(folder)
    except CacheFolderError as error:
        raise UserError(str(error), f"set {corpus_cache.CACHE_ENV} to a folder of your own") from error


def _kept(others) -> None:
    if others:
        click.echo(
            f"kept {len(others)} file{'s' if len(others) != 1 else ''} named like lexmap's that this user's "
            f"lexmap did not write (such as {others[0].name})",
            err=True,
        )


@cache.command()
def info():
    """Show where the cache is and which corpora it holds."""
    folder, (found, others) = _checked(corpus_cache.entries)
    corpora = [e for e in found if e["kind"] == "corpus" and "corpus" in e]
    notes = [e for e in found if e["kind"] == "notes"]
    total = sum(e["bytes"] for e in corpora)
    click.echo(f"cache folder: {folder}")
    click.echo(f"{len(corpora)} cached {'corpus' if len(corpora) == 1 else 'corpora'}, {_size(total)}")
    for entry in corpora:
        click.echo(
            f"  {entry.get('corpus', '?')}: {entry.get('files', '?')} files, lexmap {entry.get('lexmap', '?')}, "
            f"written {entry.get('written', '?')}, {_size(entry['bytes'])}"
        )
    if notes:
        click.echo(
            f"citation notes of evidence charts: {len(notes)} file{'s' if len(notes) != 1 else ''}, "
            f"{_size(sum(e['bytes'] for e in notes))}"
        )
    _kept(others)


@cache.command()
def clear():
    """Remove every cached corpus (the next load of each reads its YAML) and the kept citation
    notes: only the files this user's lexmap wrote, never another file of the folder."""
    folder, (count, size, others) = _checked(corpus_cache.clear)
    click.echo(f"removed {count} cache file{'s' if count != 1 else ''} ({_size(size)}) from {folder}")
    _kept(others)
