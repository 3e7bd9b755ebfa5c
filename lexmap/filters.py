"""Sub-corpora: the same law with only the statements that pass a filter, so that every question
can be asked of a subset (one document's arguments, one period, the claims about states bound by
the instrument at the time). Every argument is checked: a filter that cannot be applied raises,
it never answers "none" or "all" without a word."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .dates import parse_date
from .problems import UnknownId
from .ratification import VALUES as STATUSES

if TYPE_CHECKING:
    from .corpus import Corpus

STANCES = ("supports", "contests")


class UndecidedStatus(UserWarning):
    """Some claims' party status could not be decided (unknown state, date or record)."""


def filter_statements(
    corpus: Corpus,
    *,
    documents: Iterable[str] | None = None,
    stance: str | None = None,
    since: str | None = None,
    until: str | None = None,
    party_status: str | None = None,
    keep_undecided: bool = False,
) -> Corpus:
    """The statements of ``corpus`` that pass every filter given, with the same law.

    ``documents``: made by these documents. ``stance``: supports or contests.
    ``since`` / ``until``: made by a document dated in that range (dates as
    :func:`lexmap.dates.parse_date` reads them, either end inclusive; a document whose date
    overlaps the range is kept; undated documents are left out when a range is given).
    ``party_status``: claims whose practice's state had this status towards the claimed
    element's instrument at the practice's ``start`` date (today's when it has none); claims
    whose status cannot be decided are left out with a warning saying how many
    (``keep_undecided=True`` keeps them); attestations, exhibits and readings are kept. Unknown values
    raise ``ValueError`` (or ``UnknownId``) naming the allowed ones.
    """
    wanted = None
    if documents is not None:
        wanted = set([documents] if isinstance(documents, str) else documents)
        for document in sorted(wanted):
            corpus._known(document, corpus.documents, "document")
    if stance is not None and stance not in STANCES:
        raise ValueError(f"unknown stance {stance!r}; use one of {', '.join(STANCES)}")
    if party_status is not None and party_status not in STATUSES:
        raise ValueError(f"unknown party status {party_status!r}; use one of {', '.join(STATUSES)}")
    start = parse_date(since) if since is not None else None
    end = parse_date(until) if until is not None else None

    def keep(statement) -> bool:
        if wanted is not None and statement.document not in wanted:
            return False
        if stance is not None and getattr(statement, "stance", "supports") != stance:
            return False
        if start or end:
            date = corpus.documents[statement.document].date
            if not date:
                return False  # undated: cannot be placed in the range
            span = parse_date(date)
            if (start and span.upper < start.lower) or (end and span.lower > end.upper):
                return False
        return True

    undecided: list[str] = []

    def keep_claim(claim) -> bool:
        if not keep(claim):
            return False
        if party_status is None:
            return True
        practice = corpus.practices[claim.practice]
        status = "not-recorded"
        if practice.state is not None:
            try:
                status = corpus.party_status(corpus.owner(claim.element), practice.state, practice.start).value
            except (UnknownId, ValueError):
                status = "not-recorded"
        if status in ("uncertain", "not-recorded") and party_status not in ("uncertain", "not-recorded"):
            undecided.append(claim.id)
            return keep_undecided
        return status == party_status

    claims = [c for c in corpus.claims.values() if keep_claim(c)]
    if undecided:
        warnings.warn(
            f"{len(undecided)} claim(s) whose party status could not be decided (no state, no record, or "
            f"an uncertain date) were {'kept' if keep_undecided else 'left out'}: {', '.join(undecided[:5])}"
            f"{'...' if len(undecided) > 5 else ''}; keep_undecided=True keeps them",
            UndecidedStatus,
            stacklevel=3,
        )
    return corpus._with(
        claims=claims,
        attestations=filter(keep, corpus.attestations.values()),
        exhibits=filter(keep, corpus.exhibits.values()),
        readings=filter(keep, corpus.readings.values()),
    )
