"""Statements as W3C Web Annotations, and the tag convention shared with annotation tools (issue 27, item 5).

The W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) gives the quote a
``TextQuoteSelector`` (``exact``, with the ``prefix`` and ``suffix`` around it in the document's
text, where the text is at hand) and the page a ``PageSelector`` (``label``: the printed page),
the selector Hypothesis's client writes for PDFs (https://h.readthedocs.io/en/latest/api-reference/).
What the statement says of the corpus is in tags (``TextualBody`` bodies with purpose
``tagging``), one convention for every import: ``practice:ID``, ``element:ID``,
``indicator:ID``, ``stance:supports``, ``speaker:ACTOR``, ``document:ID``, ``id:ID``, and for a
reading (a statement about the law, tied to no practice) ``about:ID``, one tag per id it reads. What
neither has a place for (the free-text pinpoint, reliance, figures, a translation) goes in
``lexmap:`` properties (``urn:lexmap:vocab#``), so that importing the export gives back every
statement, field for field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .model import STATEMENTS, Attestation, Claim, Exhibit, Reading
from .profiles import WITHHELD_QUOTE
from .written import WrittenText

if TYPE_CHECKING:
    from .discover import Layout

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCAB = "urn:lexmap:vocab#"
KINDS = {Claim: "claim", Attestation: "attestation", Exhibit: "exhibit", Reading: "reading"}
COLLECTION_OF = {"claim": "claims", "attestation": "attestations", "exhibit": "exhibits", "reading": "readings"}
TAGS = ("id", "document", "practice", "element", "indicator", "stance", "speaker", "about")
"""The tag prefixes of the convention (``practice:passport-retention``), in the order written."""
AFFIX = 32
"""Characters of prefix and suffix around the quote (Hypothesis's client keeps 32)."""
_PAGE = re.compile(r"(?:^|[\s,(])pp?\.\s*([0-9ivxlcdm]+)\b", re.I)


def page_label(pinpoint: str) -> str | None:
    """The printed page a pinpoint names first ("V. Forced labor, p. 20" -> "20"), or None."""
    match = _PAGE.search(pinpoint)
    return match[1] if match else None


def tags_of(statement) -> list[str]:
    """The convention's tags for ``statement``."""
    values = {
        "id": statement.id,
        "document": statement.document,
        "practice": getattr(statement, "practice", None),  # a reading has none
        "element": getattr(statement, "element", None),
        "indicator": getattr(statement, "indicator", None),
        "stance": getattr(statement, "stance", None),
        "speaker": statement.speaker,
    }
    tags = [f"{key}:{values[key]}" for key in TAGS if values.get(key)]
    return tags + [f"about:{about}" for about in getattr(statement, "about", ())]


def parse_tags(tags: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """The convention's values in ``tags`` (the last of a repeated prefix wins, but ``about``:
    each of its values, in order, separated by spaces), and the other tags."""
    found: dict[str, str] = {}
    others: list[str] = []
    for tag in tags:
        key, colon, value = tag.strip().partition(":")
        key, value = key.strip().lower(), value.strip()
        if colon and key == "about" and value and " " not in value:
            found["about"] = f"{found['about']} {value}" if "about" in found else value
        elif colon and key in TAGS and value:
            found[key] = value
        elif tag.strip():
            others.append(tag.strip())
    return found, others


# -- the document's text around a quote ---------------------------------------------


def affixes(quote: str, text: WrittenText | None) -> tuple[str | None, str | None]:
    """The ``AFFIX`` characters of the written ``text`` before the quote and after it, where the
    quote check finds it (:class:`lexmap.written.WrittenText`), or (None, None) when not found."""
    if text is None or (span := text.span(quote)) is None:
        return None, None
    start, end = span
    return text.written[max(0, start - AFFIX) : start], text.written[end : end + AFFIX]


# -- export ---------------------------------------------------------------------------


def _jsonable(value):
    if attrs.has(type(value)):
        return {
            f.name: _jsonable(getattr(value, f.name))
            for f in attrs.fields(type(value))
            if getattr(value, f.name) not in (None, ())
        }
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value


def annotation(statement, document, text: WrittenText | None) -> dict:
    """One statement as a W3C Web Annotation."""
    kind = KINDS[type(statement)]
    selector: dict = {"type": "TextQuoteSelector", "exact": statement.quote}
    prefix, suffix = affixes(statement.quote, text)
    if prefix is not None:
        selector["prefix"] = prefix
    if suffix is not None:
        selector["suffix"] = suffix
    selectors = [selector]
    if label := page_label(statement.pinpoint):
        selectors.append({"type": "PageSelector", "label": label})
    body = [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in tags_of(statement)]
    if statement.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": statement.note})
    out: dict = {
        "id": f"urn:lexmap:{kind}:{statement.id}",
        "type": "Annotation",
        "motivation": {"attestation": "describing", "reading": "commenting"}.get(kind, "classifying"),
        "body": body,
        "target": {"source": document.url or f"urn:lexmap:document:{document.id}", "selector": selectors},
        "lexmap:pinpoint": statement.pinpoint,
    }
    if document.language:
        out["target"]["language"] = document.language
    if statement.translation:
        body.append({"type": "TextualBody", "purpose": "describing", "value": statement.translation, "language": "en"})
        out["lexmap:translation"] = {"value": statement.translation, "by": statement.translation_by}
    if statement.relies_on:
        out["lexmap:relies_on"] = _jsonable(statement.relies_on)
    if getattr(statement, "figures", ()):
        out["lexmap:figures"] = _jsonable(statement.figures)
    for name in CARRIED:
        if (value := getattr(statement, name, None)) is not None:
            out[f"lexmap:{name}"] = value
    return out


CARRIED = ("page", "when", "hedge")
"""Plain fields of a statement that neither annotation format has a place for, carried as ``lexmap:NAME``."""


def statements(corpus) -> Iterator:
    for name in STATEMENTS:
        yield from getattr(corpus, name).values()


def withheld_from(corpus) -> set[str]:
    """The documents an edition withholds a statement of: their text around a quote may hold
    words of the withheld quote (its place is not in the edition), so their quotes get no affix."""
    if corpus.case is None or corpus.case.profile is None:
        return set()
    return {s.document for s in statements(corpus) if s.quote == WITHHELD_QUOTE}


def corpus_annotations(corpus, texts: dict[str, str]) -> str:
    """Every statement of ``corpus`` as one W3C ``AnnotationCollection`` (JSON-LD), ``texts``
    the documents' texts by id (for prefixes and suffixes; none in a document the edition
    withholds a statement of: :func:`withheld_from`)."""
    hidden = withheld_from(corpus)
    written = {d: WrittenText(t) for d, t in texts.items() if d not in hidden}  # normalised once a text
    items = [annotation(s, corpus.documents[s.document], written.get(s.document)) for s in statements(corpus)]
    collection = {
        # PageSelector is Hypothesis's, not the W3C context's: named in lexmap's vocabulary
        "@context": [CONTEXT, {"lexmap": VOCAB, "PageSelector": "lexmap:PageSelector"}],
        "id": "urn:lexmap:annotations",
        "type": "AnnotationCollection",
        "label": corpus.title,
        "lexmap:caseDate": corpus.case.date if corpus.case else None,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"


def document_texts(corpus, layout: Layout) -> dict[str, str]:
    """The texts at hand, by document id: each document's ``text_file`` in the first text folder
    of ``layout`` that holds it, read from the folder as pinned (a text lexmap refuses to read
    is left out, as validate says)."""
    from .texts import TextRefused, read_text

    found: dict[str, str] = {}
    for document in corpus.documents.values():
        if not document.text_file or Path(document.text_file).is_absolute() or ".." in Path(document.text_file).parts:
            continue
        for folder in layout.texts:
            path = folder / document.text_file
            try:
                if path.is_file() and path.resolve().is_relative_to(folder.resolve()):
                    found[document.id] = read_text(path, folder=layout.pinned(folder))
                    break
            except (TextRefused, OSError):  # (OSError: a link there changed while it was resolved)
                break
    return found


def annotations_bytes(corpus, path=None, texts: Sequence[Path] = ()) -> bytes:
    """``lexmap export annotations``: the texts are looked for where validate looks (the case's
    ``texts/``, ``LEXMAP_TEXTS``, ``texts``); a quote whose text is not at hand has no prefix or suffix."""
    from .discover import layout_for

    layout, _case = layout_for(path if path is not None else corpus.root, list(texts), [])
    return corpus_annotations(corpus, document_texts(corpus, layout)).encode("utf-8")
