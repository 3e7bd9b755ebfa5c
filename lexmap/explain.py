"""The explanation behind one (practice, element) pair, in words: who argues it, who contests
it, and why the supporting statements count as so many independent sources. It reads the same
assessment as :meth:`lexmap.Corpus.coverage` (:mod:`lexmap.assessment`): the two cannot disagree."""

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
    practice: str = ""
    """The practice the claim is about: the one explained, or a part of it."""
    element: str = ""


@attrs.frozen
class Part:
    """A part of a composite element, as the roll-up sees it."""

    element: str
    label: str
    level: str
    independent_sources: int


@attrs.frozen(repr=False)
class Explanation:
    """``supporting`` and ``contesting`` statements; for a leaf element, the supporting ones in
    ``groups`` of mutually dependent sources; for a composite one, the ``parts`` that set its level
    and the statements that assert it as a whole (``supporting``, grouped in ``groups``)."""

    practice: str
    element: str
    level: str
    supporting: tuple[Statement, ...]
    contesting: tuple[Statement, ...]
    groups: tuple[Group, ...]
    independence: str
    independent_sources: int = 0
    """The independent sources behind the level (for a composite: through its limiting part)."""
    contested: bool = False
    met_through: str | None = None
    combinator: str | None = None
    parts: tuple[Part, ...] = ()
    limiting: str | None = None
    asserted_by: int = 0

    @property
    def unattributed(self) -> tuple[Statement, ...]:
        """Supporting statements with no known voice: shown, never counted as a source."""
        return tuple(s for s in self.supporting if not s.speakers)

    @property
    def text(self) -> str:
        """The explanation in words, as it can be quoted in a report."""
        status = self.level + (f" (through its {self.met_through})" if self.met_through and self.level != "unargued" else "")
        lines = [f"{self.practice} -> {self.element}: {status}" + (", contested" if self.contested else "") + "."]
        by_id = {s.claim: s for s in self.supporting}
        if self.met_through:
            lines += self._roll_up()
            if self.supporting:
                lines.append(
                    f"Asserted as a whole, naming no part (not counted for the level), by {_n(len(self.supporting), 'statement')}"
                    f" from {_n(self.asserted_by, 'independent source')}:"
                )
        elif not self.supporting:
            lines.append("No statement supports it.")
        else:
            lines.append(
                f"{_n(len(self.supporting), 'supporting statement')} from "
                f"{_n(self.independent_sources, 'independent source')} (independence by {self.independence}):"
            )
        number = 0
        for group in self.groups:
            members = ", ".join(f"{c} ({_who(by_id[c], self.practice)})" for c in group.statements)
            if not group.attributed:
                lines.append(f"  - unattributed, no source of its own: {members}")
                continue
            number += 1
            lines.append(f"  {number}. {members}")
            lines += [f"     - {link.a} and {link.b}: {link.because}" for link in group.links]
        if self.contesting:
            lines.append(f"Contested by {_n(len(self.contesting), 'statement')}:")
            lines += [
                f"  - {s.claim} ({_who(s, self.practice)})" + (f", on {s.element}" if s.element != self.element else "")
                for s in self.contesting
            ]
        return "\n".join(lines)

    def _roll_up(self) -> list[str]:
        if self.met_through == "definition":
            return [
                f"Met through its definition, {self.limiting}: {self.level}, {_n(self.independent_sources, 'independent source')}."
            ]
        rule = (
            "every part is required; the weakest sets the level"
            if self.combinator == "all"
            else "one part suffices; the best sets the level"
        )
        lines = [f"Met through its parts ({self.combinator} of: {rule}):"]
        lines += [
            f"  - {p.element} ({p.label}): {p.level}, {_n(p.independent_sources, 'independent source')}"
            + (" <- sets the level" if p.element == self.limiting else "")
            for p in self.parts
        ]
        return lines

    def __repr__(self) -> str:
        return f"<Explanation {self.practice} -> {self.element}: {self.level}, {self.independent_sources} independent sources>"

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        import html

        return f"<pre>{html.escape(self.text)}</pre>"


def _n(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _who(statement: Statement, practice: str) -> str:
    speakers = " and ".join(statement.speakers) or "speaker not recorded"
    about = f", about {statement.practice} (part of {practice})" if statement.practice and statement.practice != practice else ""
    return f"{speakers}, in {statement.document} at {statement.pinpoint}{about}"


def explain(corpus: Corpus, practice: str, element: str, independence: str = "speaker") -> Explanation:
    assessor = corpus.assessor(independence)
    row = assessor.assess(practice, element)
    sources = assessor.sources

    def statement(claim) -> Statement:
        return Statement(
            claim.id,
            sources.voices(claim),
            claim.document,
            claim.pinpoint,
            claim.quote,
            claim.stance,
            tuple(r.document for r in claim.relies_on),
            claim.practice,
            claim.element,
        )

    node = corpus.elements[element]
    parts: tuple[Part, ...] = ()
    if row.met_through == "parts":
        parts = tuple(
            Part(c.id, c.label, (r := assessor.assess(practice, c.id)).level, r.independent_sources) for c in node.children
        )
    groups = sources.groups(row.supporting) if row.supporting else ()
    return Explanation(
        practice,
        element,
        row.level,
        tuple(map(statement, row.supporting)),
        tuple(map(statement, row.contested_by)),
        groups,
        independence,
        independent_sources=row.independent_sources,
        contested=row.contested,
        met_through=row.met_through,
        combinator=node.combinator,
        parts=parts,
        limiting=row.limiting,
        asserted_by=row.asserted_by,
    )
