"""The gaps an analyst works from: what is missing, thin or disputed in the corpus, and what
would close each gap."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .results import Records, _RecordHtml

if TYPE_CHECKING:
    from .corpus import Corpus

KINDS = {
    "unargued-element": "an element of a partly argued test that nobody argues",
    "single-source": "a (practice, element) pair resting on one independent source",
    "contested": "a (practice, element) pair that someone contests",
    "attested-not-argued": "a practice reported as fact but never mapped to the law",
    "argued-not-attested": "a practice mapped to the law that no document reports as fact",
    "unchecked-quotes": "a document whose quotes could not be checked against its text",
}


@attrs.frozen
class Gap(_RecordHtml):
    """One gap: its ``kind`` (a key of :data:`KINDS`), what it concerns (``practice``,
    ``element``, ``document``), the facts, and what would close it."""

    kind: str
    detail: str
    next_step: str
    practice: str | None = None
    element: str | None = None
    document: str | None = None
    about: str = ""
    """What the gap concerns, in labels: "practice label -> element label", or a document title."""


def find_gaps(corpus: Corpus, independence: str = "speaker") -> Records:
    """Every gap of ``corpus``, by kind in the order of :data:`KINDS`."""
    gaps: list[Gap] = []
    for test in corpus.tests.values():
        coverage = corpus.coverage(test.id, independence=independence)
        if not coverage.elements[0].subtree_supporting:
            continue  # a test nobody argues at all is not a gap of the argument
        levels = {row.element.id: row.level for row in coverage}
        for row in coverage:
            parent = corpus.parent(row.element.id)
            if row.level == "unargued" and (row.depth == 0 or levels.get(parent) == "unargued"):
                gaps.append(Gap("unargued-element", f"{row.element.label} ({test.label}) is argued by nobody",
                                "find a source that argues a practice meets it, or record why none does",
                                element=row.element.id))
    for support in corpus.supports(independence=independence):
        if support.independent_sources == 1:
            gaps.append(Gap("single-source", f"{len(support.claims)} claim(s), all from one source ({', '.join(support.documents)})",
                            "find an independent source (another author, not citing or relying on these)",
                            practice=support.practice, element=support.element))
    contested = dict.fromkeys((c.practice, c.element) for c in corpus.claims.values() if c.stance == "contests")
    for practice, element in contested:
        who = corpus.explain(practice, element, independence=independence)
        gaps.append(Gap("contested", f"contested by {', '.join(s.claim for s in who.contesting)}; {who.independent_sources} independent source(s) support it",
                        "weigh the contesting statements; record the answer to them where a source gives one",
                        practice=practice, element=element))
    argued = {c.practice for c in corpus.claims.values()}
    attested = {a.practice for a in corpus.attestations.values()}
    for practice in corpus.practices:
        if practice in attested and practice not in argued:
            gaps.append(Gap("attested-not-argued", "reported as fact, never mapped to an element of the law",
                            "find a source that characterises it legally, or record that none does", practice=practice))
        elif practice in argued and practice not in attested:
            gaps.append(Gap("argued-not-attested", "mapped to the law, but no document reports that it happens",
                            "record an attestation from a source that reports the facts", practice=practice))
    for document, status in corpus.texts.items():
        if status.unchecked:
            gaps.append(Gap("unchecked-quotes", f"{status.unchecked} quote(s) not checked: {status.reason}",
                            "give the document's text (its text_file) with --texts", document=document))
    order = list(KINDS)
    return Records(attrs.evolve(g, about=_about(corpus, g)) for g in sorted(gaps, key=lambda g: order.index(g.kind)))


def _about(corpus: Corpus, gap: Gap) -> str:
    if gap.document:
        return corpus.documents[gap.document].title
    names = [corpus.practices[gap.practice].label if gap.practice else None,
             corpus.elements[gap.element].label if gap.element else None]
    return " -> ".join(n for n in names if n)
