"""Coverage of a legal test: which of its elements are argued, corroborated, contested, unargued.

An element's own claims give it a level: *unargued* (no supporting claim),
*argued* (at least one), *corroborated* (supporting documents of which at least
two are independent). A composite element is also met through its children:
``all_of`` takes the weakest child, ``any_of`` the strongest, and the element
keeps the better of that and its own claims. An element is *contested* when a
contesting claim targets it or anything below it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator

import attrs

from .independence import CitationIndex
from .model import Claim, Element

LEVELS = ("unargued", "argued", "corroborated")


def level_of(supporting: Iterable[Claim], citations: CitationIndex) -> str:
    documents = {claim.document for claim in supporting}
    if not documents:
        return "unargued"
    return "corroborated" if citations.independent_count(documents) >= 2 else "argued"


@attrs.frozen
class ElementCoverage:
    """The coverage of one element of a test: its level, whether contested, and the claims behind it."""

    element: Element
    depth: int
    level: str
    contested: bool
    supporting: tuple[Claim, ...]
    contesting: tuple[Claim, ...]
    independent_documents: int

    @property
    def status(self) -> str:
        """``level`` with ", contested" appended when a contesting claim exists."""
        return self.level + (", contested" if self.contested else "")


@attrs.frozen(repr=False)
class Coverage:
    """Coverage of every element of one test, in tree order (the test itself first)."""

    test: Element
    elements: tuple[ElementCoverage, ...]

    def __repr__(self) -> str:
        return (f"<Coverage of {self.test.id}: {self.elements[0].status}; "
                f"{len(self.unargued)} of {len(self.elements)} elements unargued>")

    def __getitem__(self, element_id: str) -> ElementCoverage:
        return next(e for e in self.elements if e.element.id == element_id)

    def __iter__(self) -> Iterator[ElementCoverage]:
        return iter(self.elements)

    @property
    def level(self) -> str:
        """The level of the whole test."""
        return self.elements[0].level

    @property
    def contested(self) -> bool:
        return self.elements[0].contested

    @property
    def unargued(self) -> tuple[Element, ...]:
        """The elements that are neither argued themselves nor met through their children."""
        return tuple(e.element for e in self.elements if e.level == "unargued")

    def to_frame(self):
        from .results import require_pandas

        pd = require_pandas()
        return pd.DataFrame(
            [
                {
                    "element": e.element.id, "label": e.element.label, "depth": e.depth,
                    "combinator": e.element.combinator, "level": e.level, "contested": e.contested,
                    "supporting_claims": len(e.supporting), "contesting_claims": len(e.contesting),
                    "independent_documents": e.independent_documents,
                }
                for e in self.elements
            ]
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td style='padding-left:{1 + 1.5 * e.depth}em;text-align:left'>{html.escape(e.element.label)}"
            f" <code>{html.escape(e.element.id)}</code>{' (' + e.element.combinator + ' of)' if e.element.combinator else ''}</td>"
            f"<td>{html.escape(e.status)}</td><td>{len(e.supporting)}</td><td>{len(e.contesting)}</td>"
            f"<td>{e.independent_documents}</td></tr>"
            for e in self.elements
        )
        return (
            f"<table><caption>Coverage of {html.escape(self.test.label)}: {html.escape(self.elements[0].status)}</caption>"
            "<tr><th>element</th><th>status</th><th>supporting</th><th>contesting</th><th>independent documents</th></tr>"
            f"{rows}</table>"
        )


def coverage(test: Element, claims: Iterable[Claim], citations: CitationIndex) -> Coverage:
    """Evaluate the element tree of ``test`` against ``claims``."""
    by_element: dict[str, list[Claim]] = {}
    for claim in claims:
        by_element.setdefault(claim.element, []).append(claim)
    rows: list[ElementCoverage] = []

    def visit(element: Element, depth: int) -> ElementCoverage:
        position = len(rows)
        rows.append(None)  # type: ignore[arg-type]  # keeps tree order; filled below
        children = [visit(child, depth + 1) for child in element.children]
        own = by_element.get(element.id, [])
        supporting = tuple(c for c in own if c.stance == "supports")
        contesting = tuple(c for c in own if c.stance == "contests")
        level = level_of(supporting, citations)
        if children:
            pick = min if element.combinator == "all" else max
            through_children = pick((child.level for child in children), key=LEVELS.index)
            level = max(level, through_children, key=LEVELS.index)
        row = ElementCoverage(
            element=element,
            depth=depth,
            level=level,
            contested=bool(contesting) or any(child.contested for child in children),
            supporting=supporting,
            contesting=contesting,
            independent_documents=citations.independent_count({c.document for c in supporting}),
        )
        rows[position] = row
        return row

    visit(test, 0)
    return Coverage(test=test, elements=tuple(rows))
