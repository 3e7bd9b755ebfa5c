"""The cache folder: this user's alone, and nothing in it believed unless this user wrote it.

A cache holds a case's quotes and the verdict "validated", so it must be neither readable by
others (a private case copied into world-readable files) nor writable by them (a planted entry
believed). As ssh and pip do, a folder owned by someone else or writable by group or others is
refused with one line saying why. Every entry is authenticated with an HMAC keyed by a secret
file (32 random bytes, mode 0600) created once in the folder: an edited, planted or copied entry
fails its check and is a cache miss. Files are written 0600 whatever the umask, through a new
temporary name (``O_EXCL | O_NOFOLLOW``, so no planted link is followed) renamed into place.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

KEY_NAME = "key.lexmap-secret"
"""The secret keying the cache's HMACs, inside the cache folder."""
_KEY_BYTES = 32
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class CacheFolderError(Exception):
    """A cache folder lexmap refuses to use, with why (one line)."""


def _uid() -> int:
    return os.geteuid()


def check_folder(folder: Path, *, create: bool = True) -> Path:
    """``folder`` if it is this user's and writable by nobody else, created 0700 when missing
    (with ``create``); else :class:`CacheFolderError`. A folder lexmap made (it holds the key)
    that others may read is made private again."""
    if create and not os.path.lexists(folder):
        _make_parents(folder.parent)
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass  # made meanwhile: checked below like any other
        else:
            os.chmod(folder, 0o700)  # whatever the umask
    try:
        link = os.lstat(folder)
        info = os.stat(folder)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise CacheFolderError(f"cannot use the cache folder {folder} ({error.strerror})") from error
    if not stat.S_ISDIR(info.st_mode):
        raise CacheFolderError(f"the cache folder {folder} is not a folder")
    if stat.S_ISLNK(link.st_mode) and link.st_uid != _uid():
        raise CacheFolderError(f"not using the cache folder {folder}: it is a link another user made (uid {link.st_uid})")
    if info.st_uid != _uid():
        raise CacheFolderError(f"not using the cache folder {folder}: it belongs to another user (uid {info.st_uid})")
    if info.st_mode & 0o022:
        raise CacheFolderError(
            f"not using the cache folder {folder}: others can write in it (mode {stat.S_IMODE(info.st_mode):04o}; chmod 700 it)"
        )
    if info.st_mode & 0o077 and stat.S_ISLNK(link.st_mode):
        raise CacheFolderError(
            f"not using the cache folder {folder}: it links to a folder others can read (mode "
            f"{stat.S_IMODE(info.st_mode):04o}); link it to a private folder (chmod 700), or remove the link"
        )
    if info.st_mode & 0o077 and os.path.lexists(folder / KEY_NAME):
        os.chmod(folder, 0o700)  # lexmap's own folder, made before folders were private
    return folder


def _make_parents(folder: Path) -> None:
    """Create the missing folders above the cache as XDG asks for ~/.cache: 0700, whatever the
    umask (a world-writable ~/.cache lets another user plant the cache folder)."""
    missing = []
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        os.chmod(path, 0o700)


def secret(folder: Path) -> bytes:
    """The key of the cache folder ``folder`` (already checked), created at first use."""
    path = folder / KEY_NAME
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except FileExistsError:
        pass
    else:
        try:
            os.fchmod(handle, 0o600)
            os.write(handle, secrets.token_bytes(_KEY_BYTES))
        finally:
            os.close(handle)
    data = read_private(path, limit=_KEY_BYTES + 1)
    if len(data) != _KEY_BYTES:
        raise CacheFolderError(f"the cache key {path} is damaged (delete it: the cache is then rebuilt)")
    return data


def read_private(path: Path, limit: int | None = None) -> bytes:
    """The content of ``path`` if it is a regular file of this user's that only they can read or
    write (no link followed); else :class:`CacheFolderError` (FileNotFoundError when missing)."""
    handle = os.open(path, os.O_RDONLY | _NOFOLLOW)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != _uid() or info.st_mode & 0o077:
            raise CacheFolderError(
                f"{path} is not a private file of yours (mode {stat.S_IMODE(info.st_mode):04o}, uid {info.st_uid})"
            )
        chunks = []
        while chunk := os.read(handle, 1 << 20 if limit is None else limit):
            chunks.append(chunk)
            if limit is not None:
                break
        return b"".join(chunks)
    finally:
        os.close(handle)


def file_sha256(path: str | os.PathLike, *, dir_fd: int | None = None, follow: bool = True) -> str:
    """The SHA-256 of a file's content, read in 1 MiB chunks (os.read: a third faster than
    read_bytes on 10,000 files); ``follow=False`` refuses a link (OSError)."""
    digest = hashlib.sha256()
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | (0 if follow else _NOFOLLOW), dir_fd=dir_fd)
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):  # swapped for a FIFO since it was listed: never waited on
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        size = os.fstat(handle).st_size
        if size > 1 << 30:  # past every reader's bound (yamlread, texts): refused unread, so never hashed
            return f"too-large {size}"
        while chunk := os.read(handle, 1 << 20):
            digest.update(chunk)
    finally:
        os.close(handle)
    return digest.hexdigest()


def sign(key: bytes, data: bytes) -> str:
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def verify(key: bytes, data: bytes, mac: bytes | str) -> bool:
    expected = sign(key, data).encode()
    return hmac.compare_digest(expected, mac.encode() if isinstance(mac, str) else mac)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, mode 0600: a new temporary name opened with
    ``O_EXCL | O_NOFOLLOW`` (a link planted there is never followed), then renamed over ``path``
    (a link at ``path`` is replaced, not followed)."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def append_private(path: Path, data: bytes) -> None:
    """Append ``data`` to ``path`` in one ``write`` (runs in parallel do not mix lines), creating
    it 0600; never through a link, never to a file that is not this user's private file."""
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o600)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != _uid():
            raise CacheFolderError(f"{path} is not a file of yours")
        if info.st_mode & 0o077:
            os.fchmod(handle, 0o600)
        os.write(handle, data)
    finally:
        os.close(handle)
