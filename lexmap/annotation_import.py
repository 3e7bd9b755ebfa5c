"""Draft statements from annotations: Hypothesis's search JSON, W3C Web Annotations, CSV rows.

Each annotation becomes one draft claim (tagged ``element:``), exhibit (``indicator:``), reading
(``about:``, a statement about the law) or attestation (none of them), written into a NEW YAML file of the case: the quote is the annotation's
exact text, the pinpoint its page label ("p. 21"), the ids come from the tag convention of
:mod:`lexmap.annotations`. What an annotation does not say is left out with a ``# TODO`` line
beside the record, so that ``lexmap validate`` names the missing field and the comment says how
to fill it. Formats: https://h.readthedocs.io/en/latest/api-reference/ (search: ``rows`` of
annotations with ``uri``, ``user``, ``tags``, ``text``, ``target[].selector[]``) and
https://www.w3.org/TR/annotation-model/ (``body``, ``target.selector``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from .annotations import CARRIED, COLLECTION_OF, parse_tags
from .drafts import yaml_comment, yaml_value
from .model import SLUG, STATEMENTS
from .texts import TextRefused, read_regular
from .yamlread import MAX_DEPTH, MAX_DIGITS


class ImportRefused(ValueError):
    """A file that is not what the import reads, with what it expected."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


@attrs.define
class Note:
    """One annotation, read: what it says in lexmap's terms, before it is a record."""

    quote: str | None
    tags: dict[str, str]
    other_tags: list[str]
    page: str | None = None
    """The page as a pinpoint: "p. 21" (the printed label), "PDF page 23" (the physical page)."""
    uri: str | None = None
    comment: str | None = None
    user: str | None = None
    pinpoint: str | None = None
    extra: dict = attrs.Factory(dict)
    annotation_id: str | None = None


# -- readers ----------------------------------------------------------------------------


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _selectors(target) -> list[dict]:
    targets = target if isinstance(target, list) else [target]
    out: list[dict] = []
    for item in targets:
        if isinstance(item, dict):
            chosen = item.get("selector") or []
            out += [s for s in (chosen if isinstance(chosen, list) else [chosen]) if isinstance(s, dict)]
    return out


def _quote_and_page(target) -> tuple[str | None, str | None]:
    """The exact text and the page as a pinpoint: "p. LABEL" from the printed label of a
    PageSelector (Hypothesis writes ``index``, 0-based, and ``label``:
    https://github.com/hypothesis/client/pull/5987), else "PDF page N" from its index or from a
    W3C FragmentSelector ``page=N`` (RFC 3778: the physical page, not the printed one)."""
    selectors = _selectors(target)
    quote = next((s.get("exact") for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    quote = quote if isinstance(quote, str) else None
    page = next((s for s in selectors if s.get("type") == "PageSelector"), {})
    if page.get("label") not in (None, ""):
        return quote, f"p. {page['label']}"
    if isinstance(page.get("index"), int) and page["index"] >= 0:
        return quote, f"PDF page {page['index'] + 1}"
    fragment = next((s.get("value", "") for s in selectors if s.get("type") == "FragmentSelector"), "")
    if match := re.search(r"(?:^|&)page=(\d+)", fragment or ""):
        return quote, f"PDF page {match[1]}"
    return quote, None


def _source(target) -> str | None:
    first = target[0] if isinstance(target, list) and target else target
    if isinstance(first, dict):
        source = first.get("source")
        return source.get("id") if isinstance(source, dict) else source
    return first if isinstance(first, str) else None


def read_hypothesis(data) -> list[Note]:
    """The rows of a Hypothesis API search response (or a list of its annotations)."""
    rows = data.get("rows") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ImportRefused(
            "not a Hypothesis search response: no 'rows' list", "save the JSON of https://api.hypothes.is/api/search?..."
        )
    notes = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        quote, page = _quote_and_page(row.get("target") or [])
        tags, others = parse_tags(t for t in _list(row.get("tags")) if isinstance(t, str))
        notes.append(
            Note(
                quote,
                tags,
                others,
                page,
                _text(row.get("uri")) or _text(_source(row.get("target"))),
                _text(row.get("text")),
                _text(row.get("user")),
            )
        )
    return notes


def read_w3c(data) -> list[Note]:
    """A W3C Annotation, a list of them, an AnnotationPage or an AnnotationCollection."""
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        first = data.get("first")
        items = first.get("items") if isinstance(first, dict) else None
    elif isinstance(data, dict) and data.get("type") == "AnnotationPage":
        items = data.get("items")
    elif isinstance(data, dict) and data.get("type") == "Annotation":
        items = [data]
    else:
        items = data
    if not isinstance(items, list):
        raise ImportRefused(
            "not W3C Web Annotations: expected an Annotation, a list, an AnnotationPage or an AnnotationCollection",
            "see https://www.w3.org/TR/annotation-model/",
        )
    notes = []
    for item in items:
        if not isinstance(item, dict):
            continue
        bodies = item.get("body") or []
        bodies = bodies if isinstance(bodies, list) else [bodies]
        tagged = [b.get("value", "") for b in bodies if isinstance(b, dict) and b.get("purpose") == "tagging"]
        comment = next((_text(b.get("value")) for b in bodies if isinstance(b, dict) and b.get("purpose") == "commenting"), None)
        quote, page = _quote_and_page(item.get("target") or {})
        tags, others = parse_tags(t for t in tagged if isinstance(t, str))
        extra = {k.removeprefix("lexmap:"): v for k, v in item.items() if k.startswith("lexmap:")}
        creator = item.get("creator")
        notes.append(
            Note(
                quote,
                tags,
                others,
                page,
                _text(_source(item.get("target"))),
                comment,
                creator if isinstance(creator, str) else None,
                extra.pop("pinpoint", None),
                extra,
                _text(item.get("id")),
            )
        )
    return notes


CSV_COLUMNS = (
    "id",
    "document",
    "practice",
    "element",
    "indicator",
    "stance",
    "speaker",
    "about",
    "pinpoint",
    "page",
    "quote",
    "note",
    "tags",
    "uri",
    "translation",
    "translation_by",
)


def read_csv(text: str) -> list[Note]:
    """Rows with a header of :data:`CSV_COLUMNS` (``quote`` required; ``tags``: the convention's
    tags separated by spaces or semicolons; ``about``: the ids a reading reads, separated so)."""
    import difflib

    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown or "quote" not in header:
        close = difflib.get_close_matches(unknown[0], CSV_COLUMNS, n=1) if unknown else []
        raise ImportRefused(
            f"unknown CSV column {unknown[0]!r}" + (f"; did you mean {close[0]!r}?" if close else "")
            if unknown
            else "the CSV has no 'quote' column",
            f"the columns are: {', '.join(CSV_COLUMNS)}",
        )
    notes = []
    for raw in reader:
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        tags, others = parse_tags(re.split(r"[;\s]+", row.get("tags", "")))
        tags.update(
            (k, row[k]) for k in ("id", "document", "practice", "element", "indicator", "stance", "speaker") if row.get(k)
        )
        if about := [a for a in re.split(r"[;\s]+", row.get("about", "")) if a]:  # a reading: the ids it reads
            tags["about"] = " ".join(about)
        extra = (
            {"translation": {"value": row["translation"], "by": row.get("translation_by") or None}}
            if row.get("translation")
            else {}
        )
        notes.append(
            Note(
                row.get("quote") or None,
                tags,
                others,
                f"p. {row['page']}" if row.get("page") else None,  # the printed page, as a spreadsheet gives it
                row.get("uri") or None,
                row.get("note") or None,
                None,
                row.get("pinpoint") or None,
                extra,
            )
        )
    return notes


READERS = {"hypothesis": read_hypothesis, "w3c": read_w3c}


class _TooLong(ValueError):
    pass


def _json_int(text: str) -> int:
    """An integer of the JSON, refused past MAX_DIGITS as the corpus's are (int() of 100,000
    digits raised a ValueError traceback)."""
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _TooLong(f"a number with more than {MAX_DIGITS} digits ({text[:20]}...)")
    return int(text)


def read_notes(fmt: str, data: bytes) -> list[Note]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"not UTF-8 (byte {error.start})", "save the file as UTF-8") from error
    if fmt == "csv":
        try:
            return read_csv(text)
        except csv.Error as error:
            raise ImportRefused(f"not a readable CSV: {error}", "save the sheet as CSV (UTF-8)") from error
    try:
        parsed = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as error:
        raise ImportRefused(f"not JSON: {error.msg} at line {error.lineno}", f"give the {fmt} export as a .json file") from error
    except _TooLong as error:
        raise ImportRefused(str(error), f"give the {fmt} export as the tool wrote it") from None
    except RecursionError:  # the json module recurses once per level: deep input is refused as the corpus's is
        raise ImportRefused(f"nesting deeper than {MAX_DEPTH} levels; nothing was read", "flatten the structure") from None
    return READERS[fmt](parsed)


# -- drafts -------------------------------------------------------------------------------


def _document_for(note: Note, corpus, by_address: dict[str, list[str]]) -> str | None:
    if note.tags.get("document"):
        return note.tags["document"]
    if corpus is None or not note.uri:
        return None
    if match := re.fullmatch(r"urn:lexmap:document:(.+)", note.uri):
        return match[1]
    found = by_address.get(note.uri.rstrip("/"), [])
    return found[0] if len(found) == 1 else None


def _addresses(corpus) -> dict[str, list[str]]:
    """The documents at each address (their URL and archived copy), made once for every note."""
    found: dict[str, list[str]] = {}
    for d in getattr(corpus, "documents", {}).values():
        for address in dict.fromkeys(a.rstrip("/") for a in (d.url, getattr(d, "archived_url", None)) if a):
            found.setdefault(address, []).append(d.id)
    return found


def draft_records(notes: Iterable[Note], corpus=None) -> list[tuple[str, dict, list[str]]]:
    """``(collection, record, comment lines)`` for each note, in order (a line saying what to
    complete starts with TODO); made-up ids unique in the corpus and among the drafts."""
    taken = {i for name in (*STATEMENTS, "documents", "practices", "actors") for i in getattr(corpus, name, {})}
    given: set[str] = set()
    following: dict[str, int] = {}  # base -> the first number after the last id made up on it
    by_address = _addresses(corpus)
    out = []
    for number, note in enumerate(notes, 1):
        tags, todo = note.tags, []
        kind = next(
            (k for key, k in (("element", "claim"), ("indicator", "exhibit"), ("about", "reading")) if tags.get(key)),
            "attestation",
        )
        record: dict = {}
        document = _document_for(note, corpus, by_address)
        wanted = tags.get("id") or (m[1] if (m := re.fullmatch(r"urn:lexmap:\w+:(.+)", note.annotation_id or "")) else None)
        # an id the annotation gives is kept (validate names it if the case has it already: an
        # annotation imported twice); one made up avoids every id in use
        if not wanted or not SLUG.fullmatch(wanted) or wanted in given:
            base = "-".join(p for p in (document, tags.get("practice")) if p) or "imported"
            # numbers below following[base] are all in use already: each is tried once (linear)
            n = max(number, following.get(base, 0))
            while f"{base}-{n}" in taken or f"{base}-{n}" in given:
                n += 1
            following[base], wanted = n + 1, f"{base}-{n}"
        given.add(wanted)
        record["id"] = wanted
        if document:
            record["document"] = document
        else:
            todo.append(
                f"TODO document: the id of the document annotated at {note.uri or 'an unknown address'} (or tag it document:ID)"
            )
        if kind == "reading":  # about the law: what it reads, and no practice
            record["about"] = tags["about"].split()
            if tags.get("practice"):
                todo.append(f"a reading is tied to no practice: practice:{tags['practice']} not read")
        elif tags.get("practice"):
            record["practice"] = tags["practice"]
        else:
            todo.append("TODO practice: the practice's id (tag the annotation practice:ID)")
        for key in ("element", "indicator"):
            if tags.get(key):
                record[key] = tags[key]
        if kind in ("claim", "exhibit"):
            if tags.get("stance"):
                record["stance"] = tags["stance"]
            elif kind == "claim":
                todo.append("TODO stance: supports or contests (tag stance:supports)")
        pinpoint = note.pinpoint or note.page
        if pinpoint:
            record["pinpoint"] = pinpoint
        else:
            todo.append("TODO pinpoint: where in the document (section, page, paragraph)")
        if note.quote and note.quote.strip():
            record["quote"] = note.quote
        else:
            todo.append("TODO quote: the annotation has no exact text; copy the words from the document")
        if tags.get("speaker"):
            record["speaker"] = tags["speaker"]
        if note.extra.get("relies_on"):
            record["relies_on"] = note.extra["relies_on"]
        if note.comment:
            record["note"] = note.comment
        translation = note.extra.get("translation")
        if isinstance(translation, Mapping) and translation.get("value"):
            record["translation"] = translation["value"]
            if translation.get("by"):
                record["translation_by"] = translation["by"]
        if note.extra.get("figures") and kind == "attestation":
            record["figures"] = note.extra["figures"]
        for name in CARRIED:
            if note.extra.get(name) is not None:
                record[name] = note.extra[name]
        if note.other_tags:
            todo.append(f"other tags, not read: {', '.join(note.other_tags)}")
        if note.user:
            todo.append(f"annotated by {note.user}")
        out.append((COLLECTION_OF[kind], record, todo))
    return out


def drafts_yaml(drafts: list[tuple[str, dict, list[str]]], source: str) -> str:
    """The drafts as a YAML data file: each value a JSON scalar or flow collection (JSON is YAML)."""
    lines = [f"# Statements drafted by `lexmap import` from {yaml_comment(source)}: complete each TODO, then lexmap validate."]
    for collection in STATEMENTS:
        chosen = [(r, t) for c, r, t in drafts if c == collection]
        if not chosen:
            continue
        lines.append(f"{collection}:")
        for record, todo in chosen:
            lines += [f"  # {yaml_comment(line)}" for line in todo]
            for index, (key, value) in enumerate(record.items()):
                lead = "  - " if index == 0 else "    "
                lines.append(f"{lead}{key}: {yaml_value(value)}")
    return "\n".join(lines) + "\n"


MAX_BYTES = 64 * 2**20


def import_annotations(fmt: str, file: Path, corpus=None) -> tuple[str, int]:
    """The YAML of the drafts read from ``file`` in format ``fmt`` (hypothesis, w3c, csv), and their number."""
    try:
        data = read_regular(file, MAX_BYTES, "an import reads")
    except TextRefused as error:
        raise ImportRefused(str(error).removeprefix(f"{file} is "), "give the export file itself; split one that large") from None
    notes = read_notes(fmt, data)
    drafts = draft_records(notes, corpus)
    return drafts_yaml(drafts, file.name), len(drafts)
