"""Texts as analysts have them: PDF, HTML and DOCX files read into pages, once.

A document's ``text_file`` may be a plain text (``.txt`` or any other name), a PDF (each page's
text with its printed label, from the PDF's /PageLabels; needs the ``pdf`` extra), a web page
saved as ``.html``/``.htm`` (its visible text, one page) or a Word file (``.docx``, one page:
Word's pages depend on the printer; needs the ``docx`` extra). Extracting a PDF costs far more
than checking its quotes, so the pages are kept in the cache folder keyed by the file's SHA-256
(private, every entry authenticated by the folder's HMAC key, as the corpus cache is): a text
extracted once is never extracted again while its bytes stay the same.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import zipfile
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from . import quotes
from .docx_text import document_lines
from .extras import require
from .pages import Page, PagedText
from .readonce import Folder
from .texts import MAX_TEXT_BYTES, TextRefused, decode_utf8, read_text_bytes

log = logging.getLogger("lexmap.cache")

EXTRACTED = {".pdf": "PDF", ".html": "HTML", ".htm": "HTML", ".docx": "DOCX"}
"""The file name endings read as a PDF, a web page or a Word file; any other is plain text."""
MAGIC, FORMAT = b"lexmap-text-cache", b"1"
PREFIX, SUFFIX = "text-", ".lexmap-cache"


def kind_of(name: str) -> str | None:
    """ "PDF", "HTML" or "DOCX" for a file that is extracted, None for a plain text."""
    return EXTRACTED.get(Path(name).suffix.lower())


def read_pages(path: Path, *, cache: bool = True, folder: Folder | None = None) -> PagedText:
    """The text of the file at ``path`` (of the pinned text ``folder``) as pages (TextRefused with
    a hint when lexmap will not read it; OSError when it cannot be read; MissingExtra when the
    library is not installed)."""
    kind = kind_of(path.name)
    if kind is None:
        raw = read_text_bytes(path, folder=folder)
        plain = decode_utf8(raw, path)
        _refuse_long_marks(path, [plain])
        return PagedText.plain(plain, hashlib.sha256(raw).hexdigest())  # the hash of the bytes checked
    raw = read_text_bytes(path, folder=folder)  # bounded, never a FIFO or a link swapped in
    digest = hashlib.sha256(raw).hexdigest()
    if kind == "PDF":
        require("pypdf", "reading a PDF text")
    elif kind == "DOCX":
        require("docx", "reading a DOCX text")
    stamp = _extractor(kind)
    if cache and (kept := _cached(digest, stamp)) is not None:
        return kept
    pages = {"PDF": _pdf, "HTML": _html, "DOCX": _docx}[kind](path, raw)
    if not any(page.text.strip() for page in pages):
        raise TextRefused(
            f"{path} has no text lexmap can read ({kind}: a scan without a text layer?)",
            "give a text copy instead (OCR the scan, or save the text as .txt) and name it in text_file",
        )
    _refuse_long_marks(path, [page.text for page in pages])
    text = PagedText(pages, digest)
    if cache:
        _store(digest, stamp, text)
    return text


def _refuse_long_marks(path: Path, pages: list[str]) -> None:
    """TextRefused when a page holds a run of more combining marks than NFC is given
    (quotes.MAX_MARKS): no writing system needs one, and normalising it costs quadratic time."""
    for number, page in enumerate(pages, 1):
        if (run := quotes.long_marks(page)) is not None:
            offset, length = run
            where = f"page {number}, " if len(pages) > 1 else ""
            line = page.count("\n", 0, offset) + 1
            raise TextRefused(
                f"{path} has {length:,} combining marks in a row ({where}line {line}, after {page[max(offset - 20, 0) : offset]!r}), "
                f"more than the {quotes.MAX_MARKS} Unicode's Stream-Safe Text Format allows",
                "remove the run of marks (it is not text a reader can read); lexmap normalises texts to NFC, "
                "which costs time quadratic in such a run",
            )


MAX_UNZIPPED = 4 * MAX_TEXT_BYTES
"""The most a DOCX may hold unpacked, all its parts together (each part at most MAX_TEXT_BYTES):
python-docx unpacks every part, and a 1.5 MB file whose document.xml inflated to 510 MB took
10.6 GB and five minutes before this bound."""


def refuse_zip_bomb(path: Path, archive: zipfile.ZipFile) -> None:
    """TextRefused when a part of ``archive`` unpacks to more than MAX_TEXT_BYTES, or all of them
    to more than MAX_UNZIPPED (the sizes its directory records; zipfile reads no further)."""
    total = 0
    for member in archive.infolist():
        total += member.file_size
        if member.file_size > MAX_TEXT_BYTES or total > MAX_UNZIPPED:
            raise TextRefused(
                f"{path} unpacks to more than lexmap reads ({member.filename!r}: {member.file_size:,} bytes; "
                f"at most {MAX_TEXT_BYTES >> 20} MiB a part, {MAX_UNZIPPED >> 20} MiB in all)",
                "save the document again from Word (a real document is far smaller), or give a text copy in text_file",
            )


# -- the extractors ------------------------------------------------------------------------------


def _pdf(path: Path, raw: bytes) -> list[Page]:
    pypdf = require("pypdf", "reading a PDF text")
    quiet, level = logging.getLogger("pypdf"), logging.getLogger("pypdf").level
    quiet.setLevel(logging.CRITICAL)  # its warnings quote the file: a 1 MB PDF wrote 200 MB to stderr
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise TextRefused(f"{path} is an encrypted PDF", "save a copy without a password and name it in text_file")
        labels = reader.page_labels
        budget = _PdfBudget(path)
        return [
            Page(n + 1, labels[n] if n < len(labels) else str(n + 1), budget.text(n + 1, page))
            for n, page in enumerate(reader.pages)
        ]
    except TextRefused:
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged file
        raise TextRefused(
            f"{path} cannot be read as a PDF ({type(error).__name__}: {str(error)[:200]})",
            "check that the file is a whole PDF (download it again), or give a text copy in text_file",
        ) from None
    finally:
        quiet.setLevel(level)


MAX_PAGE_CHARACTERS = 100_000
"""The most text lexmap extracts from one PDF page (a dense page holds about 5,000 characters):
pypdf's extraction is quadratic in a page's text (480,000 characters: 1.2 s, 1.2 million: 9 s)."""
MAX_PDF_CHARACTERS = 8_000_000  # in all: about 1,600 dense pages, 20 s on a busy machine
MAX_PDF_OPERATIONS = 10_000_000
"""The most content operators lexmap lets pypdf interpret in one PDF, forms included."""


class _PdfBudget:
    """The work a PDF may cost, counted as pages are extracted: its pages' content (decompressed:
    a 36 kB PDF of 200 pages sharing one stream of 1.4 MB ran for minutes) up to MAX_TEXT_BYTES
    in all, MAX_PAGE_CHARACTERS of text a page and MAX_PDF_CHARACTERS in all, MAX_PDF_OPERATIONS."""

    def __init__(self, path: Path):
        self.path, self.content, self.characters, self.operations, self.on_page = path, 0, 0, 0, 0

    def _refuse(self, what: str, page: int) -> TextRefused:
        return TextRefused(
            f"{self.path} holds more than lexmap extracts from a PDF ({what}, at PDF page {page})",
            "give a text copy of the document in text_file (pdftotext FILE.pdf), or the pages that are quoted",
        )

    def text(self, number: int, page) -> str:
        contents = page.get_contents()
        self.content += len(contents.get_data()) if contents is not None else 0
        if self.content > MAX_TEXT_BYTES:
            raise self._refuse(f"content streams of more than {MAX_TEXT_BYTES >> 20} MiB in all", number)
        self.on_page = 0

        def count_operation(_operator, _operands, _cm, _tm) -> None:
            self.operations += 1
            if self.operations > MAX_PDF_OPERATIONS:
                raise self._refuse(f"more than {MAX_PDF_OPERATIONS:,} operations", number)

        def count_text(text, _cm, _tm, _font, _size) -> None:
            self.on_page += len(text)
            self.characters += len(text)
            if self.on_page > MAX_PAGE_CHARACTERS:
                raise self._refuse(f"more than {MAX_PAGE_CHARACTERS:,} characters on a page", number)
            if self.characters > MAX_PDF_CHARACTERS:
                raise self._refuse(f"more than {MAX_PDF_CHARACTERS:,} characters in all", number)

        return page.extract_text(visitor_operand_before=count_operation, visitor_text=count_text) or ""


_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "button", "select"})
_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


class _Visible(HTMLParser):
    """The text a browser shows: no scripts, styles or head; a line break at each block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in _SKIP:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.parts.append(data)


_COMMENT_END = re.compile(r"--\s*>")


def _defused(text: str) -> str:
    """``text`` with every ``<`` that begins no complete construct written ``&lt;``, as the parser
    would show it, and ``<![...]>`` (no visible text) left out: html.parser searches to the end of
    the page for the close of each construct that has none (a page of 1 MiB of ``<!`` took 114 s,
    quadratic). Here each close is sought once, from where the last search ended."""
    found: dict[str, int] = {}

    def close(token: str, start: int) -> int:
        at = found.get(token, -2)
        if at != -1 and at < start:
            match = _COMMENT_END.search(text, start) if token == "--" else None
            at = (match.start() if match else -1) if token == "--" else text.find(token, start)
            found[token] = at
        return at

    out: list[str] = []
    i = 0
    while (j := text.find("<", i)) >= 0:
        out.append(text[i:j])
        i = j + 1
        after = text[j + 1 : j + 2]
        if text.startswith("<!--", j):
            if (end := close("--", j + 4)) < 0:
                out.append("&lt;")
            else:
                i = _COMMENT_END.match(text, end).end()  # type: ignore[union-attr]
                out.append(text[j:i])
        elif text.startswith("<![", j):
            if (end := close(">", j + 3)) < 0:
                out.append("&lt;")
            else:
                i = end + 1
        elif after and ((after.isascii() and after.isalpha()) or after in "/!?") and close(">", j + 1) >= 0:
            out.append("<")
        else:
            out.append("&lt;")
    out.append(text[i:])
    return "".join(out)


def _html(path: Path, raw: bytes) -> list[Page]:
    declared = _CHARSET.search(raw[:4096])
    charset = declared[1].decode("ascii").lower() if declared else "utf-8"
    if charset in ("utf-8", "utf8"):
        text = decode_utf8(raw, path)
    else:
        try:
            text = raw.decode(charset)
        except (LookupError, UnicodeDecodeError) as error:
            raise TextRefused(
                f"{path} declares the charset {charset!r} but cannot be read in it ({error})",
                "save the page again as UTF-8, or correct its <meta charset>",
            ) from None
    parser = _Visible()
    try:
        parser.feed(_defused(text))
        parser.close()
    except Exception as error:  # html.parser's own AssertionError on a marked section ("<![>")
        raise TextRefused(
            f"{path} cannot be read as HTML ({type(error).__name__}: {str(error)[:200]})",
            "save the page again from a browser, or give a text copy in text_file",
        ) from None
    return [Page(1, None, "".join(parser.parts))]


def _docx(path: Path, raw: bytes) -> list[Page]:
    docx = require("docx", "reading a DOCX text")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            refuse_zip_bomb(path, archive)
        lines = document_lines(path, docx.Document(io.BytesIO(raw)))  # each table cell once, in one pass
    except TextRefused:
        raise
    except Exception as error:
        raise TextRefused(
            f"{path} cannot be read as a DOCX file ({type(error).__name__}: {str(error)[:200]})",
            "check that the file is a Word document (.docx, not .doc), or give a text copy in text_file",
        ) from None
    return [Page(1, None, "\n".join(lines))]


# -- the extraction cache ------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _extractor(kind: str) -> str:
    """What the pages depend on besides the file: lexmap's code, and the library that extracts."""
    from .cache_keys import _version_of, code_fingerprint

    library = {"PDF": "pypdf", "DOCX": "python-docx"}.get(kind, "html.parser")
    return f"{code_fingerprint()}|{library} {_version_of(library)}"


def _entry(digest: str) -> Path:
    from .cache import cache_dir

    return cache_dir() / f"{PREFIX}{digest}{SUFFIX}"


def authentic(raw: bytes, key: bytes | None) -> bool:
    """Whether ``raw`` is a whole extraction-cache entry that this user's lexmap wrote."""
    from .cache_folder import verify

    first, newline, body = raw.partition(b"\n")
    parts = first.split(b" ")
    return key is not None and bool(newline) and len(parts) == 3 and parts[:2] == [MAGIC, FORMAT] and verify(key, body, parts[2])


_KEYS: dict[str, bytes | None] = {}


def _key(folder: str, folder_key) -> bytes | None:
    """The cache folder's key, read once per process and folder (a thousand PDFs, one read)."""
    from .cache import private_dir

    if _KEYS.get(folder) is None:
        _KEYS[folder] = folder_key(private_dir(create=False), create=False)
    return _KEYS[folder]


def _cached(digest: str, stamp: str) -> PagedText | None:
    """The text kept for the file of SHA-256 ``digest``; None when none is, or any doubt."""
    from .cache import folder_key
    from .cache_folder import read_private

    path = _entry(digest)
    try:
        if not os.path.lexists(path):
            return None
        key = _key(str(path.parent), folder_key)
        raw = read_private(path)
        if not authentic(raw, key):
            log.warning("lexmap: ignoring the text cache file %s (its authentication fails)", path)
            return None
        body = json.loads(raw.partition(b"\n")[2])
        if body["sha256"] != digest or body["extractor"] != stamp:
            return None
        pages = [Page(int(index), label, text) for index, label, text in body["pages"]]
        return PagedText.kept(pages, body["normalised"], body["starts"], digest)
    except Exception as error:  # a doubt is a miss: the text is extracted again
        log.warning("lexmap: ignoring the text cache file %s (%s)", path, error)
        return None


def _store(digest: str, stamp: str, text: PagedText) -> None:
    from .cache import folder_key, private_dir
    from .cache_folder import sign, write_private

    try:
        folder = private_dir(create=True)
        key = folder_key(folder, create=True)
        body = json.dumps(
            {
                "sha256": digest,
                "extractor": stamp,
                "pages": [[p.index, p.label, p.text] for p in text.pages],
                "normalised": text.normalised,
                "starts": text.starts,
            },
            ensure_ascii=False,
        ).encode("utf-8")
        write_private(_entry(digest), b" ".join([MAGIC, FORMAT, sign(key, body).encode()]) + b"\n" + body)
    except Exception as error:  # a cache that cannot be written costs time, nothing else
        log.warning("lexmap: could not keep the extracted text of %s (%s)", digest[:12], error)
