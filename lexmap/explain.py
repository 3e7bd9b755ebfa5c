"""The explanation behind one (practice, element) pair: who argues it, who contests it, and why
the supporting statements count as so many independent sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .independence import Group

if TYPE_CHECKING:
    from .corpus import Corpus


@attrs.frozen
class Statement:
    """One claim in an explanation, with who speaks it apart from where it is recorded."""

    claim: str
    speakers: tuple[str, ...]
    document: str
    pinpoint: str
    quote: str
    stance: str
    relies_on: tuple[str, ...]


@attrs.frozen(repr=False)
class Explanation:
    """``supporting`` and ``contesting`` statements, and the supporting ones in ``groups`` of
    mutually dependent sources: their number is the count of independent sources."""

    practice: str
    element: str
    level: str
    supporting: tuple[Statement, ...]
    contesting: tuple[Statement, ...]
    groups: tuple[Group, ...]
    independence: str

    @property
    def independent_sources(self) -> int:
        return len(self.groups)

    @property
    def text(self) -> str:
        """The explanation in words, as it can be quoted in a report."""
        n = len(self.supporting)
        lines = [f"{self.practice} -> {self.element}: {self.level}"
                 + (", contested" if self.contesting else "") + "."]
        if not n:
            lines.append("No statement supports it.")
        else:
            lines.append(f"{n} supporting statement{'s' if n != 1 else ''} from "
                         f"{len(self.groups)} independent source{'s' if len(self.groups) != 1 else ''}"
                         f" (independence by {self.independence}):")
            by_id = {s.claim: s for s in self.supporting}
            for number, group in enumerate(self.groups, 1):
                members = ", ".join(f"{c} ({_who(by_id[c])})" for c in group.statements)
                lines.append(f"  {number}. {members}")
                lines += [f"     - {link.a} and {link.b}: {link.because}" for link in group.links]
        if self.contesting:
            lines.append(f"Contested by {len(self.contesting)} statement{'s' if len(self.contesting) != 1 else ''}:")
            lines += [f"  - {s.claim} ({_who(s)})" for s in self.contesting]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Explanation {self.practice} -> {self.element}: {self.level}, {self.independent_sources} independent sources>"

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        import html

        return f"<pre>{html.escape(self.text)}</pre>"


def _who(statement: Statement) -> str:
    speakers = " and ".join(statement.speakers) or "speaker not recorded"
    return f"{speakers}, in {statement.document} at {statement.pinpoint}"


def explain(corpus: Corpus, practice: str, element: str, independence: str = "speaker") -> Explanation:
    corpus.practices[practice], corpus.elements[element]  # KeyError for unknown ids
    sources = corpus.sources(independence)
    claims = [c for c in corpus.claims_for(element, direct=True) if c.practice == practice]
    supporting = [c for c in claims if c.stance == "supports"]
    contesting = [c for c in claims if c.stance == "contests"]
    groups = sources.groups(supporting) if supporting else ()
    level = "unargued" if not supporting else "corroborated" if len(groups) >= 2 else "argued"

    def statement(claim) -> Statement:
        return Statement(claim.id, sources.speakers(claim), claim.document, claim.pinpoint, claim.quote,
                         claim.stance, tuple(r.document for r in claim.relies_on))

    return Explanation(practice, element, level, tuple(map(statement, supporting)),
                       tuple(map(statement, contesting)), groups, independence)
