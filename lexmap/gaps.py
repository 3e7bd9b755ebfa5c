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
    "single-source": "a (practice, element) pair argued but not corroborated: one independent source, or none with a known voice",
    "contested": "a (practice, element) pair that someone contests",
    "conflicting-figures": "a practice whose sources give figures that disagree (same unit and base)",
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
    assessor = corpus.assessor(independence)
    for test in corpus.tests.values():
        coverage = assessor.coverage(test.id)
        if not coverage.elements[0].subtree_supporting:
            continue  # a test nobody argues at all is not a gap of the argument
        for row in coverage.unargued:  # the same elements as Coverage.unargued, every one of them
            whole = coverage[row.id].asserted_by
            detail = f"{row.label} ({test.label}) is argued by nobody" + (
                f"; {whole} independent source(s) assert it as a whole, naming no part" if whole else ""
            )
            gaps.append(
                _gap(
                    corpus,
                    "unargued-element",
                    detail,
                    "find a source that argues a practice meets it, or record why none does",
                    element=row.id,
                )
            )
    for practice, element in assessor.pairs():  # one look at each pair; the gaps are sorted by kind below
        row = assessor.own_row(practice, element)  # its own fields, as a tuple: all that a gap reads
        if row.contesting:  # contested here, by a claim on this element itself
            gaps.append(
                _gap(
                    corpus,
                    "contested",
                    f"contested by {', '.join(c.id for c in row.contesting)}; "
                    f"{row.independent_sources} independent source(s) behind its level ({row.level})",
                    "weigh the contesting statements; record the answer to them where a source gives one",
                    practice=practice,
                    element=element,
                )
            )
        if row.level != "argued":
            continue
        basis = row  # the leaf whose statements set the level: a composite's limiting part, down the tree
        while basis.composite and basis.limiting:
            basis = assessor.own_row(practice, basis.limiting)
        claims = basis.supporting
        documents = ", ".join(dict.fromkeys(c.document for c in claims))
        if row.independent_sources == 0:
            detail = f"{len(claims)} claim(s), none with a known speaker, author or publisher ({documents}): no source of its own"
        else:
            detail = f"{len(claims)} claim(s), all from one independent source ({documents})"
        if basis is not row:
            detail += f", on {basis.element.id}, the part that sets the level"
        gaps.append(
            _gap(
                corpus,
                "single-source",
                detail,
                "find an independent source (another author, not citing or relying on these)",
                practice=practice,
                element=element,
            )
        )
    argued = {c.practice for c in corpus.claims.values()}
    attested = {a.practice for a in corpus.attestations.values()}
    for practice in corpus.practices:
        if practice in attested and practice not in argued:
            gaps.append(
                _gap(
                    corpus,
                    "attested-not-argued",
                    "reported as fact, never mapped to an element of the law",
                    "find a source that characterises it legally, or record that none does",
                    practice=practice,
                )
            )
        elif practice in argued and practice not in attested:
            gaps.append(
                _gap(
                    corpus,
                    "argued-not-attested",
                    "mapped to the law, but no document reports that it happens",
                    "record an attestation from a source that reports the facts",
                    practice=practice,
                )
            )
    from .conflicts import disagreements  # the rule of which figures disagree lives there

    for practice, detail in disagreements(corpus):
        gaps.append(
            _gap(
                corpus,
                "conflicting-figures",
                detail,
                "set the figures side by side: record the period and base each "
                "source gives, or one source's answer to another; state none of them as the fact",
                practice=practice,
            )
        )
    for document, status in corpus.texts.items():
        if status.unchecked:
            gaps.append(
                _gap(
                    corpus,
                    "unchecked-quotes",
                    f"{status.unchecked} quote(s) not checked: {status.reason}",
                    "give the document's text (its text_file) with --texts",
                    document=document,
                )
            )
    rank = {kind: i for i, kind in enumerate(KINDS)}
    return Records(sorted(gaps, key=lambda g: rank[g.kind]))


def _gap(
    corpus: Corpus,
    kind: str,
    detail: str,
    next_step: str,
    practice: str | None = None,
    element: str | None = None,
    document: str | None = None,
) -> Gap:
    """A gap, with what it concerns in labels."""
    if document:
        about = corpus.documents[document].title
    else:
        names = [corpus.practices[practice].label if practice else None, corpus.elements[element].label if element else None]
        about = " -> ".join(n for n in names if n)
    return Gap(kind, detail, next_step, practice, element, document, about)
