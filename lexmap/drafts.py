"""Draft records written into a case: ``lexmap add document FILE`` (issue 27, item 3).

A draft is a NEW YAML file of the case that an analyst completes: lexmap never writes into a file
it did not create, and never replaces one (:func:`write_new` refuses an existing target, even one
made a moment before the rename). What a file's own metadata says (a PDF's /Title, an HTML page's
``<title>`` and ``citation_*`` tags, a DOCX's core properties) is taken as a suggestion and named
in the list of what to check; the SHA-256 and the retrieval day are facts lexmap records itself.
"""

from __future__ import annotations

import datetime
import hashlib
import html.parser
import json
import os
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import attrs

from .model import MAX_ID_LENGTH, SLUG, is_iso_date
from .outputs import file_mode
from .quotes import INVISIBLE
from .structure import _FORBIDDEN
from .texts import MAX_TEXT_BYTES, TextRefused, read_regular
from .urls import is_web_address

KINDS = "report | statute | regulation | news-article | blog-post | fact-sheet | un-communication | court-ruling | government-statement | social-media-post | other"


class DraftRefused(Exception):
    """A draft lexmap will not write (a target exists, the file cannot be read), with the fix."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def write_new(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and only if ``path`` does not exist: a temporary file
    in the same folder, linked to its name (``link`` fails on an existing name, where the rename
    of :func:`lexmap.outputs.write_file` would replace it), then removed. FileExistsError if taken."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".lexmap-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), file_mode())
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.link(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


@attrs.frozen
class Metadata:
    """What a file says about itself, and where each value came from (shown to the analyst)."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    language: str | None = None
    url: str | None = None
    sources: tuple[str, ...] = ()


def slug(text: str) -> str:
    """An id from a file name: ASCII letters and digits, single hyphens (``Informe_2022.pdf`` ->
    ``informe-2022``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:MAX_ID_LENGTH].strip("-") or "document"


def _date(text: str | None) -> str | None:
    """An ISO date from metadata (``2022-08-15T10:00``, PDF's ``D:20220815...``), or None."""
    if not text:
        return None
    text = text.strip().removeprefix("D:")
    match = re.match(r"(\d{4})(?:[-/]?(\d{2}))?(?:[-/]?(\d{2}))?", text)
    if not match:
        return None
    date = "-".join(part for part in match.groups() if part)
    return date if is_iso_date(date) else None


class _Head(html.parser.HTMLParser):
    """An HTML page's ``<title>``, ``<html lang>`` and the meta tags that name authors and dates."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_title, self.title, self.meta, self.lang = False, "", [], None

    def handle_starttag(self, tag, attributes):
        values = {k.lower(): v or "" for k, v in attributes}
        if tag == "html" and values.get("lang"):
            self.lang = values["lang"]
        elif tag == "title":
            self.in_title = True
        elif tag == "meta" and (values.get("name") or values.get("property")):
            self.meta.append(((values.get("name") or values.get("property") or "").lower(), values.get("content", "")))

    def handle_endtag(self, tag):
        self.in_title = self.in_title and tag != "title"

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def _first(meta: list[tuple[str, str]], *names: str) -> str | None:
    return next((v.strip() for name in names for k, v in meta if k == name and v.strip()), None)


def html_metadata(data: bytes) -> Metadata:
    head = _Head()
    head.feed(data.decode("utf-8", "replace"))
    meta = head.meta
    title = _first(meta, "citation_title", "dc.title", "og:title") or " ".join(head.title.split()) or None
    authors = tuple(v.strip() for k, v in meta if k in ("citation_author", "dc.creator", "author") and v.strip())
    date = _date(_first(meta, "citation_publication_date", "citation_date", "dc.date", "article:published_time", "date"))
    url = _first(meta, "og:url", "citation_public_url")
    return Metadata(title, authors, date, head.lang or _first(meta, "dc.language"), url, ("the page's <title> and meta tags",))


MAX_CORE_BYTES = 1 << 20
"""The most of a DOCX's core properties read (a real one is a few hundred bytes)."""


_CORE = {
    "http://purl.org/dc/elements/1.1/ title": "title",
    "http://purl.org/dc/elements/1.1/ creator": "creator",
    "http://purl.org/dc/terms/ created": "created",
    "http://purl.org/dc/elements/1.1/ language": "language",
}


def _core_properties(data: bytes) -> dict[str, str]:
    """The first title, creator, created and language of a DOCX's ``docProps/core.xml``. A
    document type or an entity declaration is refused (ValueError): no OOXML part has one, and
    expat expands internal entities (1.3 kB gave a title of 9 million characters)."""
    from xml.parsers import expat

    def refuse(*_args) -> None:
        raise ValueError("docProps/core.xml declares a document type or entities")

    found: dict[str, str] = {}
    inside: list[str | None] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(name: str, _attributes) -> None:
        key = _CORE.get(name) if len(inside) == 1 else None  # a child of the root, as findtext reads
        if key is not None and key in found:
            key = None  # the first one only
        if key is not None:
            found[key] = ""
        inside.append(key)

    def text(chunk: str) -> None:
        if inside and inside[-1] is not None:
            found[inside[-1]] += chunk

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _name: inside.pop()
    parser.CharacterDataHandler = text
    parser.Parse(data, True)
    return found


def docx_metadata(path: Path) -> Metadata:
    with zipfile.ZipFile(path) as archive:
        if archive.getinfo("docProps/core.xml").file_size > MAX_CORE_BYTES:  # a zip bomb: 1 GB from 1 MB
            raise ValueError(f"docProps/core.xml unpacks to more than {MAX_CORE_BYTES >> 20} MiB")
        core = _core_properties(archive.read("docProps/core.xml"))
    text = lambda name: (core.get(name) or "").strip() or None  # noqa: E731
    creator = text("creator")
    return Metadata(
        text("title"),
        (creator,) if creator else (),
        _date(text("created")),
        text("language"),
        None,
        ("the DOCX's core properties (dcterms:created is when the file was made)",),
    )


def pdf_metadata(path: Path) -> Metadata:
    try:
        import pypdf
    except ImportError:
        return Metadata(sources=("nothing: pypdf, which reads a PDF's metadata, is not installed (pip install pypdf)",))
    info: dict = dict(pypdf.PdfReader(path).metadata or {})
    author = str(info.get("/Author") or "").strip()
    return Metadata(
        str(info.get("/Title") or "").strip() or None,
        (author,) if author else (),
        _date(str(info.get("/CreationDate") or "")),
        None,
        None,
        ("the PDF's /Title, /Author and /CreationDate (when the file was made)",),
    )


def _clean(text: str | None) -> str | None:
    """A metadata value without the characters validate refuses in a text (DEL, C0/C1 controls,
    noncharacters, bidirectional controls): a file's hostile title does not make the draft invalid."""
    if text is None:
        return None
    return " ".join(INVISIBLE.sub("", _FORBIDDEN.sub("", text)).split()) or None


def file_metadata(path: Path, data: bytes) -> Metadata:
    """What the file says about itself, cleaned of what validate refuses."""
    meta = _file_metadata(path, data)
    authors = tuple(a for a in map(_clean, meta.authors) if a)
    url = _clean(meta.url)  # a page's og:url of javascript:... would make the draft invalid: kept only if a web address
    return attrs.evolve(
        meta, title=_clean(meta.title), authors=authors, language=_clean(meta.language), url=url if is_web_address(url) else None
    )


def _file_metadata(path: Path, data: bytes) -> Metadata:
    suffix = path.suffix.lower()
    try:
        if suffix in (".html", ".htm", ".xhtml"):
            return html_metadata(data)
        if suffix == ".docx":
            return docx_metadata(path)
        if suffix == ".pdf":
            return pdf_metadata(path)
    except Exception as error:  # noqa: BLE001 - a damaged file's metadata is only a suggestion
        return Metadata(sources=(f"nothing: its metadata could not be read ({type(error).__name__})",))
    return Metadata(sources=("nothing: a plain text has no metadata",))


@attrs.frozen
class Draft:
    """A document drafted from a file: the YAML written, where, the text copied, what to complete."""

    id: str
    record: Path
    text: Path
    text_copied: bool
    to_complete: tuple[str, ...]


_ESCAPED = {c: f"\\u{c:04x}" for c in [*range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF]}
"""Characters a YAML reader would take for a line break or a byte-order mark inside a
double-quoted scalar (and fold), or refuses raw (DEL, C1, U+FFFE/F), written escaped so the
value reads back as it was (as yamlread's ``_YAML_UNSAFE``)."""


def yaml_comment(text: str) -> str:
    """``text`` for a ``#`` comment: every non-printable character (\\r, U+0085, U+2028/9, C0
    and C1 controls: what would end the comment and start a line of YAML) written as its escape."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def yaml_value(value) -> str:
    """Any JSON value as YAML (a JSON string is a YAML double-quoted scalar, a JSON list or object
    a flow collection), the characters YAML would fold escaped."""
    return json.dumps(value, ensure_ascii=False).translate(_ESCAPED)


_scalar = yaml_value


def draft_yaml(document_id: str, text_name: str, sha256: str, retrieved: str, meta: Metadata, kind: str | None) -> str:
    """The draft record, every value quoted and every suggestion commented."""
    lines = [
        "# A draft written by `lexmap add document`: complete it, then run lexmap validate.",
        f"# Suggested from {yaml_comment('; '.join(meta.sources))}.",
        "documents:",
        f"  - id: {document_id}",
        f"    title: {_scalar(meta.title or Path(text_name).stem)}"
        + ("" if meta.title else "   # from the file name: write the document's title"),
        f"    kind: {kind or 'other'}" + ("" if kind else f"   # one of: {KINDS}"),
    ]
    if meta.authors:
        lines.append(f"    authors: [{', '.join(_scalar(a) for a in meta.authors)}]")
    if meta.date:
        lines.append(f"    date: {_scalar(meta.date)}   # from the file's metadata: check it is the publication date")
    if meta.url:
        lines.append(f"    url: {_scalar(meta.url)}")
    if meta.language:
        lines.append(f"    language: {_scalar(meta.language)}")
    lines += [
        f"    text_file: {_scalar(text_name)}",
        f"    sha256: {sha256}",
        f"    retrieved: {_scalar(retrieved)}",
        "    # authored_by: [actor-id]   # who wrote it: the default speaker of its statements",
        "    # published_by: actor-id",
        "    # url: https://...          # where it was read; archived_url: its archived copy",
    ]
    return "\n".join(lines) + "\n"


def _refuse_odd_folder(case: Path, name: str) -> None:
    """``case/name``, where lexmap plants new files, must be absent or a folder inside the case:
    a received case does not decide that they land elsewhere (a link out), and a dangling link or
    a file is named for what it is."""
    path = case / name
    if path.is_symlink():
        if not path.exists():
            raise DraftRefused(
                f"{path} is a link to {os.readlink(path)!r}, which does not exist", f"remove the link, or make {name}/ a folder"
            )
        if not path.resolve().is_relative_to(case.resolve()):
            raise DraftRefused(
                f"{path} is a link leading out of the case (to {str(path.resolve())!r}); lexmap writes only inside the case",
                f"make {name}/ a folder of the case",
            )
    if path.exists() and not path.is_dir():
        raise DraftRefused(f"{path} is a file, not a folder", f"rename it, or make {name}/ a folder")


def add_document(
    file: str | os.PathLike,
    case: Path,
    *,
    document_id: str | None = None,
    kind: str | None = None,
    today: datetime.date | None = None,
) -> Draft:
    """Draft a document record for ``file`` in a new file of ``case`` and copy the file into the
    case's ``texts/``. Nothing is replaced: a target that exists is refused (an identical copy of
    the text already there is kept and used)."""
    source = Path(file)
    try:
        data = read_regular(source, MAX_TEXT_BYTES, "lexmap reads as a text")
    except TextRefused as error:
        raise DraftRefused(str(error), error.hint) from None
    except OSError as error:
        raise DraftRefused(
            f"cannot read {str(source)!r}: {error.strerror or error}", "give the path of a readable file"
        ) from error
    document_id = document_id or slug(source.stem)
    if not SLUG.fullmatch(document_id) or len(document_id) > MAX_ID_LENGTH:
        raise DraftRefused(f"{document_id!r} is not an id", "use lowercase letters, digits and single hyphens: --id hrf-2022")
    for name in ("documents", "texts"):
        _refuse_odd_folder(case, name)
    folder = case / "documents" if (case / "documents").is_dir() else case
    record, texts = folder / f"{document_id}.yaml", case / "texts"
    text = texts / source.name
    if record.exists() or record.is_symlink():
        raise DraftRefused(f"{record} exists; lexmap never overwrites it", "give another id with --id, or edit that file")
    copied = True
    if text.exists() or text.is_symlink():
        if not text.is_file() or text.is_symlink() or text.stat().st_size != len(data) or text.read_bytes() != data:
            raise DraftRefused(
                f"{text} exists and is not this file; lexmap never overwrites it", "rename the file, or remove the old text"
            )
        copied = False  # the same bytes are already there
    meta = file_metadata(source, data)
    sha256 = hashlib.sha256(data).hexdigest()
    retrieved = (today or datetime.date.today()).isoformat()
    texts.mkdir(exist_ok=True)
    if copied:
        write_new(text, data)
    try:
        write_new(record, draft_yaml(document_id, source.name, sha256, retrieved, meta, kind).encode("utf-8"))
    except BaseException:
        if copied:
            text.unlink(missing_ok=True)  # lexmap's own copy of a moment ago: nothing half added
        raise
    to_complete = [
        "title: taken from the file name" if not meta.title else "title: from the file's metadata, check it",
        *([] if kind else ["kind: 'other' for now"]),
        *(["date: none found"] if not meta.date else []),
        "authored_by / published_by: who wrote and who published it",
        "url: where it was read (archived_url: its archived copy)",
    ]
    return Draft(document_id, record, text, copied, tuple(to_complete))
