"""Citation notes kept between runs: CSL rendering costs a few milliseconds a note, which is
most of an evidence chart's time and seconds on a large site (1,000 documents: 2.4 s).

A note is stored under the SHA-256 of the CSL-JSON item it was rendered from, in a file of
JSON lines in the user's cache folder (:func:`lexmap.cache.cache_dir`) whose name carries the
versions of lexmap and citeproc-py and the hash of the style: any change renders again. Each
line carries an HMAC of its content keyed by this user's cache secret (:mod:`lexmap.cache_folder`),
so a line cut short, damaged or forged (a footnote planted by someone else) is ignored (with one
warning) and its note rendered again. Lines are appended with one ``write`` each, so runs in
parallel do not mix them, to a private file (0600) and never through a link. ``LEXMAP_NO_CACHE`` (``--no-cache``) keeps notes in memory only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

from ..cache import NOTES_PREFIX, NOTES_SUFFIX, append_note, cache_dir, folder_key, lexmap_version, note_mac, private_dir
from ..cache_folder import CacheFolderError, read_private, write_private

log = logging.getLogger("lexmap.cache")

Segments = tuple[tuple[str, bool], ...]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class NoteCache:
    """Notes by CSL item, kept in ``path`` (None: in memory only); read at first use."""

    def __init__(self, path: Path | None):
        self.path = path
        self.notes: dict[str, Segments] | None = None
        self.secret: bytes | None = None

    def note(self, item: dict, render: Callable[[], Segments]) -> Segments:
        """The note of ``item``: from memory, from the cache file, or ``render()`` (and kept)."""
        if self.notes is None:
            self._read()
        notes = self.notes
        assert notes is not None, "_read sets the notes first"
        key = _sha(json.dumps(item, sort_keys=True, ensure_ascii=False))
        if key not in notes:
            notes[key] = render()
            self._append(key, notes[key])
        return notes[key]

    def _read(self) -> None:
        self.notes = {}
        if self.path is None:
            return
        try:
            self.secret = folder_key(private_dir(create=False), create=False)
            if self.secret is None:
                return  # no key yet: nothing in the folder can be this user's
            lines = read_private(self.path).splitlines()
        except FileNotFoundError:
            return
        except (
            CacheFolderError
        ) as error:  # an older lexmap's file (0644): made private by the next append, cleaned by the next read
            log.warning("lexmap: not reading the notes cache %s (%s)", self.path, error)
            return
        except OSError as error:
            log.warning("lexmap: not using the notes cache %s (%s)", self.path, error.strerror or error)
            self.path = None
            return
        damaged, kept = 0, []
        for line in lines:
            try:
                entry = json.loads(line)
                note = tuple((str(text), bool(italic)) for text, italic in entry["note"])
                if not isinstance(entry["check"], str) or entry["check"] != note_mac(self.secret, entry["key"], entry["note"]):
                    raise ValueError("authentication")
            except (ValueError, KeyError, TypeError, AttributeError):
                damaged += 1
                continue
            self.notes[entry["key"]] = note
            kept.append(line + b"\n")
        if damaged:
            log.warning(
                "lexmap: ignoring %d damaged line%s of the notes cache %s (cut short, altered or forged)",
                damaged,
                "s" if damaged != 1 else "",
                self.path,
            )
            try:
                write_private(self.path, b"".join(kept))  # once: the next run reads a clean file
            except OSError:
                pass

    def _append(self, key: str, note: Segments) -> None:
        if self.path is None:
            return
        data = [list(pair) for pair in note]
        try:
            if self.secret is None:
                self.secret = folder_key(private_dir(create=True), create=True)
            line = json.dumps({"key": key, "note": data, "check": note_mac(self.secret, key, data)}, ensure_ascii=False) + "\n"
            append_note(self.path, line.encode("utf-8"))
        except (OSError, CacheFolderError) as error:  # a cache that cannot be written costs time, nothing else
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
