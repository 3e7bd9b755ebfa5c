"""A cache of validated corpora: an unchanged corpus loads without reading its YAML.

Parsing YAML with positions is most of a load (13 s of CPU for 200,000 claims).
After a load without problems, the records of each data file are kept as JSON
in the user's cache folder, with the content hash of every file the load read.
An unchanged corpus then loads from the cache alone; after a change, only the
changed files are read again and every cross-record check runs again.

Safe by construction: JSON cannot carry code; the cache folder is this user's alone
and every entry carries an HMAC keyed by this user's secret (:mod:`lexmap.cache_folder`),
checked before use, so an entry edited or planted by anyone else is never believed;
anything doubtful (a bad HMAC, an unreadable file, another lexmap version or source, a
problem in a partial load) falls back to the full load. Nothing is written for a load
with problems.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path
from typing import Literal, overload

import attrs

from . import extract
from .cache_folder import (
    KEY_NAME,
    CacheFolderError,
    append_private,
    check_folder,
    read_private,
    secret,
    verify,
    write_private,
)
from .cache_folder import sign as _sign
from .cache_keys import _layout_json, code_fingerprint, lexmap_version, texts_fingerprint
from .cache_rows import UNSTRUCTURE, case_from_json, decode_file, encode_file
from .discover import Layout, bundled_case, corpus_files
from .loader import CaseRecords
from .model import STATEMENTS, Case
from .readonce import Folder, Source
from .texts import TextStatus
from .yamlread import read_data

log = logging.getLogger("lexmap.cache")

CACHE_ENV = "LEXMAP_CACHE_DIR"
MAGIC = b"lexmap-corpus-cache"
FORMAT = b"2"
"""Format 2: the first line carries an HMAC of the rest (format 1 carried a plain SHA-256)."""
PREFIX, SUFFIX = "corpus-", ".lexmap-cache"
NOTES_PREFIX, NOTES_SUFFIX = "notes-", ".jsonl"
"""Rendered citation notes (:mod:`lexmap.exports.note_cache`), beside the corpora."""


def cache_dir() -> Path:
    """Where cached corpora live: ``$LEXMAP_CACHE_DIR``, else the user's cache folder."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("lexmap"))


def private_dir(create: bool) -> Path:
    """:func:`cache_dir`, checked to be this user's alone (created 0700 with ``create``);
    :class:`~lexmap.cache_folder.CacheFolderError` (one line saying why) when it is not."""
    return check_folder(cache_dir(), create=create)


@overload
def folder_key(folder: Path, create: Literal[True]) -> bytes: ...
@overload
def folder_key(folder: Path, create: bool) -> bytes | None: ...
def folder_key(folder: Path, create: bool) -> bytes | None:
    """The secret of the checked cache folder ``folder``; None when it has none yet (and not ``create``)."""
    if not create and not os.path.lexists(folder / KEY_NAME):
        return None
    return secret(folder)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- the cache of one corpus ---------------------------------------------------------------------


class CorpusCache:
    """The cache entry of one corpus (one path, text folders and ``require_texts``), and the
    hooks :func:`lexmap.loader.read_case` calls. No method raises: a doubt is a cache miss."""

    def __init__(self, path: Path, key: dict):
        self.path = path
        self.key = key
        self.meta: dict | None = None
        self.lines: list[bytes] = []
        self.by_sha: dict[str, int] = {}
        self.manifest_sha: str | None = None
        self.manifest_same = False
        self.hashes: dict[Path, str] = {}  # content hash of each data file, when read
        self.sources: dict[Path, Source] = {}  # the bytes hashed and not parsed yet
        self.order: list[Path] = []  # the data files of this load, in reading order
        self.listed: list[Path] | None = None  # the data files, when listing them found no problem
        self.kept: dict[Path, bytes] = {}  # files whose records came from the cache
        self.secret: bytes | None = None

    @classmethod
    def open(cls, path, texts, require_texts: bool) -> CorpusCache | None:
        """The cache entry for these arguments of :func:`lexmap.load` (None: no cache can be used)."""
        try:
            target = Path(path).resolve() if path is not None else bundled_case().resolve()
            key = {
                "path": str(target),
                "texts": [str(Path(t).resolve()) for t in texts or ()],
                "env": [str(Path(t).resolve()) for t in os.environ.get("LEXMAP_TEXTS", "").split(os.pathsep) if t],
                "require_texts": require_texts,
            }
            name = _sha(json.dumps(key, sort_keys=True).encode())[:32]
            folder = cache_dir()
            store = cls(folder / f"{PREFIX}{name}{SUFFIX}", key)
            if os.path.lexists(folder):
                store.secret = folder_key(private_dir(create=False), create=False)
        except CacheFolderError as error:
            log.warning("lexmap: %s; loading from the YAML", error)
            return None
        except Exception as error:
            log.warning("lexmap: no cache folder (%s); loading from the YAML", error)
            return None
        try:
            store._read()
        except Exception as error:  # any doubt: the full load
            _doubt(store.path, str(error) or type(error).__name__)
            store.meta, store.lines, store.by_sha = None, [], {}
        return store

    def _read(self) -> None:
        try:
            raw = read_private(self.path) if self.secret is not None else None
        except FileNotFoundError:
            raw = None
        if raw is None:
            log.info("lexmap: no cache yet for %s", self.key["path"])
            return
        if not authentic(raw, self.secret):
            raise ValueError("not written by this user's lexmap: its authentication fails (truncated, altered or planted)")
        lines = raw.split(b"\n")[1:]
        del raw
        header, meta = json.loads(lines[0]), json.loads(lines[1])
        if header.get("lexmap") != lexmap_version() or header.get("code") != code_fingerprint():
            log.info("lexmap: the cache of %s was written by another lexmap; loading from the YAML", self.key["path"])
            return
        if meta["key"] != self.key or len(meta["files"]) != len(lines) - 3 or lines[-1] != b"":
            raise ValueError("its entries do not match")
        self.meta, self.lines = meta, lines[2:-1]
        self.by_sha = {sha: index for index, (_file, sha) in enumerate(meta["files"])}

    # -- hooks of the load -----------------------------------------------------------------

    def usable(self, layout: Layout) -> bool:
        """Whether this cache may be used for ``layout``: never a cache folder inside the corpus."""
        try:
            folder = self.path.parent.resolve()
            inside = [f for f in (*layout.data, *layout.texts) if folder.is_relative_to(Path(f).resolve())]
        except (OSError, RuntimeError) as error:
            log.warning("lexmap: not caching (%s)", error)
            return False
        if inside:
            log.warning("lexmap: not caching: the cache folder %s is inside the corpus (set %s elsewhere)", folder, CACHE_ENV)
        return not inside

    def cached_case(self, manifest: Path, source: Source) -> Case | None:
        """The manifest's Case, from the cache when the bytes read of the manifest are unchanged
        (else None: the loader parses those bytes)."""
        try:
            self.manifest_sha = source.sha256
            if self.meta is not None and self.meta["manifest"] == self.manifest_sha:
                case = case_from_json(self.meta["case"])
                self.manifest_same = case is not None
                return case
        except Exception as error:
            _doubt(self.path, f"manifest: {error}")
        return None

    def unchanged(self, layout: Layout, case: Case | None) -> CaseRecords | None:
        """The records from the cache alone, when no file the load read has changed; else None."""
        try:
            listed = []
            scratch: list = []
            files = corpus_files(layout, scratch)
            for file in files:
                self._read_once(file, layout.folder_of(file))
                listed.append([str(file), self.hashes[file]])
            self.listed = None if scratch else files
            meta = self.meta
            if (
                scratch
                or meta is None
                or meta["layout"] != _layout_json(layout)
                or listed != meta["files"]
                or (layout.manifest is not None and not self.manifest_same)
                or texts_fingerprint([f[0] for f in meta["texts"]["files"]], layout) != meta["texts"]
            ):
                return None
            records: dict[str, list] = {}
            for line in self.lines:
                in_file, file_case = decode_file(line)
                case = file_case or case
                for collection, items in in_file.items():
                    records.setdefault(collection, []).extend(items)
            statuses = {row[0]: TextStatus(*row) for row in meta["status"]}
            read = CaseRecords({n: tuple(r) for n, r in records.items()}, root=layout.root, case=case, texts=statuses)
        except OSError:
            return None  # a file cannot be read: the full load says which
        except Exception as error:
            _doubt(self.path, str(error) or type(error).__name__)
            return None
        log.info("lexmap: %s loaded from the cache", layout.root)
        return read

    def _read_once(self, file: Path, within: Folder | None) -> None:
        """Read ``file``: its hash, and its bytes kept for the parse unless the cache has its records."""
        source = read_data(file, within)
        self.hashes[file] = source.sha256
        if source.sha256 not in self.by_sha:
            self.sources[file] = source

    def take(self, file: Path, within: Folder | None) -> Source | None:
        """The bytes of ``file`` to parse: those hashed, else read (and hashed) again, so that the
        hash recorded is always that of the bytes parsed (None: the file cannot be read)."""
        if (source := self.sources.pop(file, None)) is None:
            try:
                source = read_data(file, within)
            except OSError:
                return None  # reading it again reports the problem
            self.hashes[file] = source.sha256
        return source

    def reuse(self, loader, file: Path) -> bool:
        """Give ``loader`` the cached records of ``file`` if its content is unchanged."""
        self.order.append(file)
        try:
            if file not in self.hashes:
                self._read_once(file, loader.layout.folder_of(file))
            index = self.by_sha.get(self.hashes[file])
            if index is None:
                return False  # the loader parses the bytes hashed (take)
            records, case = decode_file(self.lines[index])
        except OSError:
            return False  # reading it again reports the problem
        except Exception as error:
            _doubt(self.path, str(error) or type(error).__name__)
            self.by_sha = {}
            return False
        if case is not None and loader.layout.single_file is not None:
            loader.case = case
        loader.add_cached(str(file), records)  # its name only shows in problems, which the full load gives
        self.kept[file] = self.lines[index]
        return True

    def save(self, loader, found: CaseRecords) -> None:
        """Write the cache of a load that found no problem. Each file is recorded under the hash of
        the bytes it was parsed (or its quotes checked) from: a file changed since is a miss next
        time, and a file swapped between two reads cannot be, as nothing is read twice."""
        try:
            layout = loader.layout
            read: dict[str, str] = {}
            for document in found.records.get("documents", ()):
                status = found.texts.get(document.id)
                if document.text_file and status is not None and status.sha256 is not None:
                    if read.setdefault(document.text_file, status.sha256) != status.sha256:
                        log.info("lexmap: not caching %s: the text %s changed while it loaded", layout.root, document.text_file)
                        return
            texts = texts_fingerprint([d.text_file for d in found.records.get("documents", ()) if d.text_file], layout, read)
            single_case = found.case if layout.single_file is not None else None
            lines = [self.kept[f] if f in self.kept else encode_file(loader.added[f], single_case) for f in self.order]
            meta = {
                "key": self.key,
                "layout": _layout_json(layout),
                "manifest": self.manifest_sha if layout.manifest is not None else None,
                "case": UNSTRUCTURE.unstructure(found.case) if layout.manifest is not None and found.case else None,
                "files": [[str(f), self.hashes[f]] for f in self.order],
                "texts": texts,
                "status": [attrs.astuple(s) for s in found.texts.values()],
            }
            header = {
                "lexmap": lexmap_version(),
                "code": code_fingerprint(),
                "corpus": str(layout.root),
                "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "files": len(lines),
                "records": sum(len(found.records.get(k, ())) for k in (*STATEMENTS, "practices", "documents")),
            }
            body = b"\n".join([json.dumps(header).encode(), json.dumps(meta, ensure_ascii=False).encode("utf-8"), *lines, b""])
            folder = private_dir(create=True)
            key = folder_key(folder, create=True)
            write_private(self.path, b" ".join([MAGIC, FORMAT, _sign(key, body).encode()]) + b"\n" + body)
        except Exception as error:  # a cache that cannot be written costs time, nothing else
            log.warning("lexmap: could not write the cache %s (%s)", self.path, error)


def _doubt(path: Path, reason: str) -> None:
    log.warning("lexmap: ignoring the cache file %s (%s); loading from the YAML", path, reason)


def authentic(raw: bytes, key: bytes | None) -> bool:
    """Whether ``raw`` is a whole cache entry of this format that this user's lexmap wrote (its
    first line's HMAC matches the rest). No fsync on writing: a file cut short fails here."""
    first, newline, body = raw.partition(b"\n")
    parts = first.split(b" ")
    return (
        key is not None
        and bool(newline)
        and len(parts) == 3
        and parts[0] == MAGIC
        and parts[1] == FORMAT
        and verify(key, body, parts[2])
    )


def append_note(path: Path, line: bytes) -> None:
    """Append one line to a notes file of the (checked, created) cache folder."""
    private_dir(create=True)
    append_private(path, line)


# -- for ``lexmap cache info`` and ``lexmap cache clear`` ------------------------------------------


def note_mac(key: bytes, note_key: str, note: list) -> str:
    """The HMAC of one line of a notes file (:mod:`lexmap.exports.note_cache`)."""
    return _sign(key, (note_key + json.dumps(note, ensure_ascii=False)).encode("utf-8"))


def _notes_authentic(raw: bytes, key: bytes | None) -> bool:
    """Whether this user's lexmap wrote at least one line of the notes file ``raw`` (no one else can)."""
    if key is None:
        return False
    for line in raw.splitlines():
        try:
            entry = json.loads(line)
            if verify(key, (entry["key"] + json.dumps(entry["note"], ensure_ascii=False)).encode("utf-8"), entry["check"]):
                return True
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    return False


def _own_files(folder: Path) -> tuple[list[tuple[Path, bytes, str]], list[Path]]:
    """The files of ``folder`` named as lexmap names its entries, split into those this user's
    lexmap wrote (path, content, kind) and the others (named alike, but not authenticated)."""
    key = folder_key(folder, create=False)
    own, others = [], []
    for kind, pattern in (
        ("corpus", f"{PREFIX}*{SUFFIX}"),
        ("corpus", f".{PREFIX}*{SUFFIX}.*.tmp"),
        ("notes", f"{NOTES_PREFIX}*{NOTES_SUFFIX}"),
        ("text", f"{extract.PREFIX}*{extract.SUFFIX}"),  # extracted texts (PDF, HTML, DOCX)
    ):
        for path in sorted(folder.glob(pattern)):
            try:
                raw = read_private(path)
            except (OSError, CacheFolderError):
                others.append(path)
                continue
            ok = {"corpus": authentic, "notes": _notes_authentic, "text": extract.authentic}[kind](raw, key)
            (own.append((path, raw, kind)) if ok else others.append(path))
    return own, others


def entries(folder: Path | None = None) -> tuple[list[dict], list[Path]]:
    """The cached corpora and notes files in the cache folder (checked: CacheFolderError), each
    with file, size, kind and header; and the files named alike that lexmap did not write."""
    try:
        folder = private_dir(create=False) if folder is None else check_folder(folder, create=False)
    except FileNotFoundError:
        return [], []
    own, others = _own_files(folder)
    found = []
    for path, raw, kind in own:
        info: dict = {"file": path, "bytes": len(raw), "kind": kind}
        if kind == "corpus" and not path.name.startswith("."):
            info.update(json.loads(raw.split(b"\n", 2)[1]))
        found.append(info)
    return found, others


def clear(folder: Path | None = None) -> tuple[int, int, list[Path]]:
    """Remove the cached corpora and kept citation notes this user's lexmap wrote (named as it
    names them AND authenticated by its key): never another file, whatever the folder. How many
    files and bytes were removed, and which files named alike were kept."""
    try:
        folder = private_dir(create=False) if folder is None else check_folder(folder, create=False)
    except FileNotFoundError:
        return 0, 0, []
    own, others = _own_files(folder)
    for path, _raw, _kind in own:
        path.unlink()
    return len(own), sum(len(raw) for _path, raw, _kind in own), others
