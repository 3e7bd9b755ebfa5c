"""Sub-corpora: the same law with only the statements that pass a filter, so that every question
can be asked of a subset (one document's arguments, one period, the claims about states bound by
the instrument at the time)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .model import date_before

if TYPE_CHECKING:
    from .corpus import Corpus


def filter_statements(
    corpus: Corpus,
    *,
    documents: Iterable[str] | None = None,
    stance: str | None = None,
    since: str | None = None,
    until: str | None = None,
    party_status: str | None = None,
) -> Corpus:
    """See :meth:`lexmap.Corpus.filter`."""
    wanted = set(documents) if documents is not None else None
    if wanted is not None and wanted - set(corpus.documents):
        raise KeyError(f"unknown documents: {sorted(wanted - set(corpus.documents))}")

    def keep(statement) -> bool:
        if wanted is not None and statement.document not in wanted:
            return False
        if stance is not None and getattr(statement, "stance", "supports") != stance:
            return False
        if since or until:
            date = corpus.documents[statement.document].date
            if not date or (since and date_before(date, since)) or (until and date_before(until, date)):
                return False
        return True

    def keep_claim(claim) -> bool:
        if not keep(claim):
            return False
        if party_status is None:
            return True
        practice = corpus.practices[claim.practice]
        if practice.state is None:
            return False
        return corpus.party_status(corpus.owner(claim.element), practice.state, practice.start) == party_status

    return corpus._with(
        claims=filter(keep_claim, corpus.claims.values()),
        attestations=filter(keep, corpus.attestations.values()),
        exhibits=filter(keep, corpus.exhibits.values()),
    )

