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


def open_regular(path: Path, within: Path | None = None) -> int:
    """A descriptor of the regular file at ``path``, checked on the descriptor itself: the path may
    have been swapped since it was listed (a case others can write). Never blocks on a FIFO, never
    opens a link swapped in (a link is followed only when it was one already and, with ``within``,
    leads to a file inside that folder). OSError saying why."""
    target = path
    if within is not None and os.path.islink(path):
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(os.path.realpath(within)):
            raise OSError(errno.EXDEV, "a link to a file outside the case", str(path))
    try:
        handle = os.open(target, os.O_RDONLY | os.O_NONBLOCK | (getattr(os, "O_NOFOLLOW", 0) if within is not None else 0))
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, "it became a link while lexmap read it", str(path)) from None
        raise
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return handle


def read_source(path: Path, limit: int, within: Path | None = None) -> Source:
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
