"""Each input file of a load read once: the bytes the cache hashes are the bytes parsed.

The corpus cache trusts an entry on the content hash of every file the load read. When the hash
came from one read and the parse from another, a user who can write the case folder could swap a
file between the two, and the entry kept, under the hash of file A, the records (or the verdict
on the quotes) of file B (issue 26). A :class:`Source` is one bounded read of a file; its hash
and its parse both come from that buffer."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from functools import cached_property
from pathlib import Path

import attrs

_CHUNK = 1 << 20


class Source:
    """The bytes of one file, read once: ``raw`` (the whole file, unless it is past ``limit`` or
    holds a NUL byte), ``size`` (taken from the open file before the read) and ``nul`` (the offset
    of the first NUL byte in a file over 1 MiB, where the read stopped)."""

    def __init__(self, path: Path, raw: bytes, size: int, nul: int | None, limit: int):
        self.path, self.raw, self.size, self.nul, self.limit = path, raw, size, nul, limit

    @property
    def whole(self) -> bool:
        """Whether ``raw`` is the whole file, within the bound."""
        return self.nul is None and self.size <= self.limit and len(self.raw) <= self.limit

    @cached_property
    def sha256(self) -> str:
        """The SHA-256 of the bytes read; for a file not read whole (refused, so never cached),
        a mark no hash equals."""
        return hashlib.sha256(self.raw).hexdigest() if self.whole else f"not-read {self.size}"


class Swapped(OSError):
    """A folder or file of the case became a link, or was replaced, while lexmap read it."""

    hint = "someone changed the case while lexmap read it: check what is there now, then run lexmap again"


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FOLDER = (
    getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW
)  # O_PATH: a folder one may cross, not list


@attrs.frozen
class Folder:
    """A folder a load reads, pinned when it was chosen: ``path`` as named, ``real`` where it
    led then (every link resolved) and ``identity``, the (device, inode) of the folder found
    there. A file of it is opened from ``real``, crossing no link, so a folder (or a folder above
    or below it) swapped for a link to someone else's afterwards is never read (issue 26)."""

    path: Path
    real: Path
    identity: tuple[int, int]


def pin(path: Path) -> Folder:
    """The :class:`Folder` at ``path`` now; one nothing is read from when it cannot be reached
    (or changed while it was resolved: a link that is not one when it is read, EINVAL)."""
    try:
        real = Path(os.path.realpath(path))
    except OSError:
        return Folder(Path(path), Path(os.path.abspath(path)), (-1, -1))
    try:
        handle = _root(real)
    except OSError:
        return Folder(Path(path), real, (-1, -1))  # gone already: no folder is this one
    info = os.fstat(handle)
    os.close(handle)
    return Folder(Path(path), real, (info.st_dev, info.st_ino))


def _cross(start: Path, names: tuple[str, ...], handle: int) -> int:
    """The folder ``start``/``names`` from ``handle``, the open folder ``start`` (closed on the
    way), each folder opened without following a link."""
    crossed = start
    try:
        for name in names:
            crossed = crossed / name
            inner = os.open(name, _FOLDER, dir_fd=handle)
            os.close(handle)
            handle = inner
    except OSError as error:
        os.close(handle)
        if error.errno in (errno.ELOOP, errno.ENOTDIR):
            raise OSError(
                error.errno, f"the folder {crossed} became a link, or was replaced, while lexmap read it", str(crossed)
            ) from None
        raise
    return handle


def _root(real: Path) -> int:
    """The folder ``real`` (no link in it), opened from the root down, crossing no link."""
    return _cross(Path(real.anchor), real.parts[1:], os.open(real.anchor, _FOLDER))


def open_pinned(within: Folder) -> int:
    """A descriptor of the pinned folder, to list it (:class:`Swapped` when another folder is
    there now): its files' names are read from the folder that was pinned, never from one
    swapped in since."""
    folder = _root(within.real)
    try:
        handle = os.open(".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0), dir_fd=folder)
    finally:
        os.close(folder)
    info = os.fstat(handle)
    if (info.st_dev, info.st_ino) != within.identity:
        os.close(handle)
        raise Swapped(
            errno.ESTALE, f"the folder {within.path} became a link, or was replaced, while lexmap read it", str(within.path)
        )
    return handle


def _open_in(path: Path, within: Folder) -> int:
    """A descriptor of the file ``path`` of ``within``, opened from the pinned folder down."""
    if os.path.islink(path):  # a link listed as a file of the folder: followed only inside it
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(within.real):
            raise OSError(errno.EXDEV, "a link to a file outside the case", str(path))
        relative = target.relative_to(within.real)
    elif path.is_relative_to(within.path):
        relative = path.relative_to(within.path)
    else:
        raise OSError(errno.EXDEV, f"not a file of {within.path}", str(path))
    if ".." in relative.parts or not relative.parts:
        raise OSError(errno.EXDEV, f"not a file of {within.path}", str(path))
    folder = _root(within.real)
    info = os.fstat(folder)
    if (info.st_dev, info.st_ino) != within.identity:
        os.close(folder)
        raise Swapped(errno.ESTALE, f"the folder {within.path} became a link, or was replaced, while lexmap read it", str(path))
    *above, name = relative.parts
    folder = _cross(within.path, tuple(above), folder)
    try:
        return os.open(name, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW, dir_fd=folder)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Swapped(errno.ELOOP, "it became a link while lexmap read it", str(path)) from None
        raise
    finally:
        os.close(folder)


def open_regular(path: Path, within: Folder | None = None) -> int:
    """A descriptor of the regular file at ``path``, checked on the descriptor itself: the path may
    have been swapped since it was listed (a case others can write). Never blocks on a FIFO; with
    ``within``, the folder it was listed in, never crosses a link swapped in (a link is followed
    only when it was one already and leads to a file inside that folder). OSError saying why."""
    handle = _open_in(path, within) if within is not None else os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return handle


def read_source(path: Path, limit: int, within: Folder | None = None) -> Source:
    """Read ``path`` once, at most ``limit`` bytes (OSError when it cannot be read, or is not a
    regular file of ``within``: :func:`open_regular`). The size is taken before the read, so a
    huge (or sparse) file is never read; in a file over 1 MiB the read stops at the first NUL byte
    (a big sparse file's holes read as them)."""
    with open(open_regular(path, within), "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        chunks: list[bytes] = []
        read, nul = 0, None
        while size <= limit and read <= limit and (chunk := handle.read(_CHUNK)):
            at = chunk.find(b"\0") if size > _CHUNK else -1
            if at >= 0:
                chunks.append(chunk[:at])
                nul = read + at
                break
            chunks.append(chunk)
            read += len(chunk)
    return Source(path, b"".join(chunks), size, nul, limit)
