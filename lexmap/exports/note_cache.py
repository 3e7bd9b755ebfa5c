"""Citation notes kept between runs: CSL rendering costs a few milliseconds a note, which is
most of an evidence chart's time and seconds on a large site (1,000 documents: 2.4 s).

A note is stored under the SHA-256 of the CSL-JSON item it was rendered from, in a file of
JSON lines in the user's cache folder (:func:`lexmap.cache.cache_dir`) whose name carries the
versions of lexmap and citeproc-py and the hash of the style: any change renders again. Each
line carries a hash of its own content, so a line cut short or damaged is ignored (with one
warning) and its note rendered again. Lines are appended with one ``write`` each, so runs in
parallel do not mix them. ``LEXMAP_NO_CACHE`` (``--no-cache``) keeps notes in memory only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

from ..cache import NOTES_PREFIX, NOTES_SUFFIX, cache_dir, lexmap_version

log = logging.getLogger("lexmap.cache")

Segments = tuple[tuple[str, bool], ...]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check(key: str, note: list) -> str:
    return _sha(key + json.dumps(note, ensure_ascii=False))[:16]


class NoteCache:
    """Notes by CSL item, kept in ``path`` (None: in memory only); read at first use."""

    def __init__(self, path: Path | None):
        self.path = path
        self.notes: dict[str, Segments] | None = None

    def note(self, item: dict, render: Callable[[], Segments]) -> Segments:
        """The note of ``item``: from memory, from the cache file, or ``render()`` (and kept)."""
        if self.notes is None:
            self._read()
        key = _sha(json.dumps(item, sort_keys=True, ensure_ascii=False))
        if key not in self.notes:
            self.notes[key] = render()
            self._append(key, self.notes[key])
        return self.notes[key]

    def _read(self) -> None:
        self.notes = {}
        if self.path is None:
            return
        try:
            lines = self.path.read_bytes().splitlines()
        except FileNotFoundError:
            return
        except OSError as error:
            log.warning("lexmap: could not read the notes cache %s (%s)", self.path, error)
            return
        damaged = 0
        for line in lines:
            try:
                entry = json.loads(line)
                note = tuple((str(text), bool(italic)) for text, italic in entry["note"])
                if entry["check"] != _check(entry["key"], entry["note"]):
                    raise ValueError("hash")
            except (ValueError, KeyError, TypeError):
                damaged += 1
                continue
            self.notes[entry["key"]] = note
        if damaged:
            log.warning("lexmap: ignoring %d damaged line%s of the notes cache %s", damaged, "s" if damaged != 1 else "",
                        self.path)

    def _append(self, key: str, note: Segments) -> None:
        if self.path is None:
            return
        data = [list(pair) for pair in note]
        line = json.dumps({"key": key, "note": data, "check": _check(key, data)}, ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)  # the umask applies
            try:
                os.write(handle, line.encode("utf-8"))
            finally:
                os.close(handle)
        except OSError as error:  # a cache that cannot be written costs time, nothing else
            log.warning("lexmap: could not write the notes cache %s (%s)", self.path, error)
            self.path = None


_open: dict[Path | None, NoteCache] = {}


def notes_for(style_sha: str, engine_version: str) -> NoteCache:
    """The note cache of the style whose SHA-256 is ``style_sha``, rendered by citeproc-py
    ``engine_version``, in the cache folder of the moment (``LEXMAP_CACHE_DIR`` and
    ``LEXMAP_NO_CACHE`` are read each time)."""
    path = None
    if not os.environ.get("LEXMAP_NO_CACHE"):
        fingerprint = _sha(f"{lexmap_version()} {engine_version} {style_sha}")[:16]
        path = cache_dir() / f"{NOTES_PREFIX}{fingerprint}{NOTES_SUFFIX}"
    if path not in _open:
        _open[path] = NoteCache(path)
    return _open[path]
