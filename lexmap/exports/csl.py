"""The corpus's documents as CSL-JSON, the bibliography format Zotero, Pandoc and citeproc import.

Each document becomes one item whose ``id`` is the document's id (so a Pandoc
``[@hrf-2022]`` cites it). Authors that look like a person's name ("Maria C.
Werlau") are split into given and family names; names of organisations
("Office to Monitor and Combat Trafficking in Persons") and anything in doubt
are kept whole as ``literal`` names, which CSL prints as written.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..languages import title_language

CSL_TYPES = {
    "report": "report",
    "statute": "legislation",
    "regulation": "regulation",
    "news-article": "article-newspaper",
    "blog-post": "post-weblog",
    "fact-sheet": "document",
    "un-communication": "personal_communication",
    "court-ruling": "legal_case",
    "government-statement": "document",
    "social-media-post": "post",
    "other": "document",
}
"""lexmap document kinds and the CSL 1.0.2 item types that fit them."""

_ORGANISATION_WORDS = {
    "agency",
    "alliance",
    "archive",
    "association",
    "board",
    "bureau",
    "center",
    "centre",
    "coalition",
    "commission",
    "committee",
    "council",
    "court",
    "department",
    "editorial",
    "embassy",
    "foundation",
    "government",
    "group",
    "initiative",
    "institute",
    "league",
    "ministry",
    "mission",
    "network",
    "office",
    "organisation",
    "organization",
    "parliament",
    "press",
    "programme",
    "project",
    "rights",
    "secretariat",
    "service",
    "staff",
    "team",
    "tribunal",
    "union",
    "university",
    "watch",
}
_NAME_WORD = re.compile(r"[A-ZÀ-Þ][\w'’.-]*\.?")
_PARTICLES = {"da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "la", "le", "van", "von"}


def csl_name(name: str) -> dict[str, str]:
    """A CSL name: given and family parts for a person's name, else the whole name as ``literal``."""
    words = name.split()
    is_person = (
        2 <= len(words) <= 4
        and all(_NAME_WORD.fullmatch(w) or (0 < i < len(words) - 1 and w in _PARTICLES) for i, w in enumerate(words))
        and not any(w.lower().strip(".") in _ORGANISATION_WORDS for w in words)
        and not words[-1].endswith(".")
    )
    if not is_person:
        return {"literal": name}
    first_particle = next((i for i, w in enumerate(words) if w in _PARTICLES), len(words) - 1)
    return {"family": " ".join(words[first_particle:]), "given": " ".join(words[:first_particle])}


def csl_item(document) -> dict[str, Any]:
    item: dict[str, Any] = {"id": document.id, "type": CSL_TYPES[document.kind], "title": document.title}
    if document.original_title:
        item["original-title"] = document.original_title
    if document.authors:
        item["author"] = [csl_name(a) for a in document.authors]
    if document.date:
        item["issued"] = {"date-parts": [[int(part) for part in document.date.split("-")]]}
    for key, value in (
        ("publisher", document.publisher),
        ("URL", document.url),
        ("language", title_language(document)),  # CSL re-cases an English title only: say the title's
        ("note", document.notes),
    ):
        if value:
            item[key] = value
    return item


def corpus_csl(corpus) -> str:
    """Every document of the corpus as a CSL-JSON array, in corpus order."""
    items = [csl_item(d) for d in corpus.documents.values()]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
