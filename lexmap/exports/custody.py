"""The chain of custody of a case's sources: ``lexmap export custody -o manifest.json``.

For every document: where it was found (``url``, ``archived_url``), when (``retrieved``), the
SHA-256 of the text its quotes were checked against (the one recorded, and the one of the file
read by this load, which validate has compared), the original's hash, and the statements that
rest on it: those it records and those of other documents that rely on it. What the Berkeley
Protocol on open-source investigations asks an investigator to keep, in one file that does not
change unless the evidence does (no time of writing in it).
"""

from __future__ import annotations

import json

from ..model import STATEMENTS


def custody(corpus) -> dict:
    """The custody manifest of ``corpus`` as a JSON-ready dict."""
    recorded: dict[str, list[str]] = {}
    relying: dict[str, list[str]] = {}
    for collection in (getattr(corpus, name) for name in STATEMENTS):
        for statement in collection.values():
            recorded.setdefault(statement.document, []).append(statement.id)
            for reliance in statement.relies_on:
                relying.setdefault(reliance.document, []).append(statement.id)
    documents = []
    for document in sorted(corpus.documents.values(), key=lambda d: d.id):
        status = corpus.texts.get(document.id)
        documents.append(
            {
                "id": document.id,
                "title": document.title,
                "url": document.url,
                "archived_url": document.archived_url,
                "retrieved": document.retrieved,
                "text_file": document.text_file,
                "sha256": document.sha256,
                "sha256_read": status.sha256 if status is not None else None,
                "original_sha256": document.original_sha256,
                "text": status.status if status is not None else None,
                "quotes_checked": status.checked if status is not None else 0,
                "statements": sorted(recorded.get(document.id, [])),
                "relied_on_by": sorted(set(relying.get(document.id, []))),
            }
        )
    return {
        "case": corpus.title,
        "date": corpus.case.date if corpus.case else None,
        "documents": documents,
    }


def custody_json(corpus) -> str:
    return json.dumps(custody(corpus), ensure_ascii=False, indent=2) + "\n"
