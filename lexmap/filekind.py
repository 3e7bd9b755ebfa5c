"""What a file that is not a regular file is, named once for every message that refuses one
(an output path, a ``--docs`` entry, a corpus path, a manifest). Reading a FIFO waits for ever,
a device never ends, a socket cannot be opened: they are refused before anything is read."""

from __future__ import annotations

import os
import stat

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of_file(mode: int) -> str:
    """What a file is, from its ``stat`` or ``lstat`` mode, for a message ("a FIFO")."""
    if stat.S_ISREG(mode):
        return "a regular file"
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_regular(path: str | os.PathLike) -> str | None:
    """What ``path`` is when it is there but is not a regular file once links are followed (a
    FIFO, a folder, a link to /dev/null or to nothing), else None (a regular file, or nothing)."""
    try:
        link = os.lstat(path)
    except OSError:
        return None
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "a link to nothing" if stat.S_ISLNK(link.st_mode) else None
    if stat.S_ISREG(mode):
        return None
    return kind_of_file(mode) + (f" (a link to {os.readlink(os.fspath(path))!r})" if stat.S_ISLNK(link.st_mode) else "")


class NotACorpusError(ValueError):
    """A corpus path that is there but is neither a folder nor a regular file (a FIFO, /dev/zero)."""


def not_a_corpus(path: str | os.PathLike) -> str | None:
    """Why an existing ``path`` cannot be a corpus, in one line; None for a folder, a regular
    file or nothing there (missing is said where it is opened)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return f"{os.fspath(path)!r} is {kind_of_file(mode)}, not a corpus folder or file"
