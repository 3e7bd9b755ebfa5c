"""Documents' texts: reading one (bounded, UTF-8 only), and whether the quotes of each document
were checked against its text, and if not, why."""

from __future__ import annotations

import codecs
import errno
import os
from pathlib import Path

import attrs

from .readonce import Folder, open_regular, pin

MAX_TEXT_BYTES = 64 * 1024 * 1024
"""The largest text lexmap reads (64 MiB: a thousand-page report is a few MiB). A text is held in
memory twice while its quotes are checked; a 1 GiB text (4 kB on disk as a sparse file in a
tarball) took 25 s and 4.2 GB before this bound."""

REASONS = {
    "checked": "every quote checked verbatim against the document's text",
    "not-included": "text not included with the case (give it with --texts)",
    "no-text-file": "no text_file recorded for the document",
    "no-text-folder": "no text folder in use (give one with --texts or LEXMAP_TEXTS)",
    "missing": "text file not found",
    "unreadable": "text file could not be read",
}


class TextRefused(ValueError):
    """A text lexmap will not read (too large, not UTF-8): ``hint`` says what to do."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def read_text(path: Path, limit: int = MAX_TEXT_BYTES, folder: Folder | None = None) -> str:
    """The text of the file at ``path``, decoded as UTF-8 (a UTF-8 byte-order mark dropped).

    The size is taken from the open file before anything is read, so a huge (or sparse) file is
    refused at once; TextRefused names the size, or the byte offset of the first byte that is not
    UTF-8 (and says so when the file is UTF-16). OSError when the file cannot be read (or its
    pinned text ``folder`` was swapped: :func:`read_text_bytes`)."""
    return decode_utf8(read_text_bytes(path, limit, folder), path)


def read_text_bytes(path: Path, limit: int = MAX_TEXT_BYTES, folder: Folder | None = None) -> bytes:
    """The bytes of the text at ``path``, read once and bounded as :func:`read_text` says: the
    quote check hashes and decodes this one buffer (a second read could find another file); never
    a FIFO, nor a link swapped in (:func:`lexmap.readonce.open_regular`) since its text folder
    ``folder`` was pinned (by default, its own folder, now)."""
    with open(open_regular(path, folder or pin(path.parent)), "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise TextRefused(
                f"{path} is {_size(size)}, more than the {_size(limit)} lexmap reads as a text",
                "keep the part of the document that is quoted, or split it into several documents",
            )
        raw = handle.read(limit + 1)
    if len(raw) > limit:  # grew since the stat
        raise TextRefused(
            f"{path} is more than the {_size(limit)} lexmap reads as a text",
            "keep the part of the document that is quoted, or split it into several documents",
        )
    return raw


def read_regular(path: Path, limit: int, what: str) -> bytes:
    """The bytes of the regular file at ``path`` (a link followed), at most ``limit`` of them: a
    FIFO or a device is refused before it is read (``add document /dev/zero`` read 9 GB in 20 s; a
    FIFO hung), and so is a file over ``limit``. ``what`` names the reading in the message.
    TextRefused with a hint; OSError when it cannot be opened."""
    try:
        descriptor = open_regular(path)  # a FIFO opens without a writer, and is refused
    except OSError as error:
        if error.errno != errno.EINVAL:
            raise
        raise TextRefused(f"{path} is not a regular file (a device, a FIFO or a folder)", "give the path of a file") from None
    with open(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        raw = handle.read(limit + 1) if status.st_size <= limit else b""
    if status.st_size > limit or len(raw) > limit:
        raise TextRefused(f"{path} is more than the {_size(limit)} {what}", "split the file, or keep the part that is needed")
    return raw


def decode_utf8(raw: bytes, path: Path) -> str:
    """``raw`` decoded as UTF-8 (a byte-order mark dropped), or TextRefused naming the first byte
    that is not UTF-8 (and saying so when the file is UTF-16)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        order = "LE" if raw.startswith(codecs.BOM_UTF16_LE) else "BE"
        raise TextRefused(
            f"{path} is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8",
            f"convert it: iconv -f UTF-16{order} -t UTF-8 '{path}' > converted.txt, then replace the file",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start
        line = raw.count(b"\n", 0, offset) + 1
        byte = raw[offset]
        raise TextRefused(
            f"{path} is not UTF-8: byte 0x{byte:02X} at byte offset {offset} (line {line}) cannot be read",
            "convert the text to UTF-8 (from Latin-1: iconv -f LATIN1 -t UTF-8 FILE > converted.txt); "
            "lexmap does not guess encodings, as a wrong guess would change the quoted words",
        ) from None


def _size(count: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{count} bytes"


def _places(value) -> dict[str, tuple[int, str, int, str]]:
    return {key: tuple(place) for key, place in dict(value or {}).items()}


@attrs.frozen
class TextStatus:
    """For one document: ``status`` (a key of :data:`REASONS`) and how many of its quotes were
    checked and left unchecked; ``pages``, for a text with printed page labels (a PDF), where
    each statement's quote is: its id -> (first physical page, its label, last physical page,
    its label); ``sha256``, the hash of the text file read."""

    document: str
    status: str
    checked: int
    unchecked: int
    pages: dict[str, tuple[int, str, int, str]] = attrs.field(factory=dict, converter=_places, eq=False, hash=False)
    sha256: str | None = None
    """The SHA-256 of the text file as it was read (None when none was)."""

    @property
    def reason(self) -> str:
        return REASONS[self.status]
