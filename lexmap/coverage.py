"""Coverage of a legal test: which of its elements are argued, corroborated, contested, unargued.

An element's own claims give it a level: *unargued* (no supporting claim),
*argued* (at least one), *corroborated* (supporting claims from at least two
independent sources, see :mod:`lexmap.independence`). A composite element is
also met through its children: ``all_of`` takes the weakest child, ``any_of``
the strongest, and the element keeps the better of that and its own claims.
An element ``defined_by`` another test is also met through that test. An
element is *contested* when a contesting claim targets it or anything below it.

Each row counts the element's *own* claims and, separately, the claims of its
whole *subtree*, so that a root met only through its parts says so.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Mapping

import attrs

from .independence import Sources
from .model import Claim, Element

LEVELS = ("unargued", "argued", "corroborated")


@attrs.frozen
class ElementCoverage:
    """The coverage of one element of a test: its level, whether contested, and the claims behind it."""

    element: Element
    depth: int
    level: str
    contested: bool
    supporting: tuple[Claim, ...]
    """The element's own supporting claims (not its parts')."""
    contesting: tuple[Claim, ...]
    independent_sources: int
    """Independent sources among the own supporting claims."""
    subtree_supporting: tuple[Claim, ...] = ()
    """Supporting claims on this element and every element below it."""
    subtree_contesting: tuple[Claim, ...] = ()
    met_through: str | None = None
    """How a level above the own claims' level is reached: "parts", "definition", or None."""

    @property
    def independent_documents(self) -> int:
        """Former name of :attr:`independent_sources`."""
        return self.independent_sources

    @property
    def status(self) -> str:
        """``level`` with ", contested" appended when a contesting claim exists, and how it is
        met when not by its own claims."""
        met = f" (through its {self.met_through})" if self.met_through else ""
        return self.level + met + (", contested" if self.contested else "")


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
                    "met_through": e.met_through,
                    "own_supporting": len(e.supporting), "own_contesting": len(e.contesting),
                    "own_independent_sources": e.independent_sources,
                    "subtree_supporting": len(e.subtree_supporting), "subtree_contesting": len(e.subtree_contesting),
                }
                for e in self.elements
            ]
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td style='padding-left:{1 + 1.5 * e.depth}em;text-align:left'>{html.escape(e.element.label)}"
            f" <code>{html.escape(e.element.id)}</code>{' (' + e.element.combinator + ' of)' if e.element.combinator else ''}</td>"
            f"<td>{html.escape(e.status)}</td><td>{len(e.supporting)}</td><td>{len(e.contesting)}</td>"
            f"<td>{e.independent_sources}</td><td>{len(e.subtree_supporting)}</td><td>{len(e.subtree_contesting)}</td></tr>"
            for e in self.elements
        )
        return (
            f"<table><caption>Coverage of {html.escape(self.test.label)}: {html.escape(self.elements[0].status)}</caption>"
            "<tr><th>element</th><th>status</th><th>own supporting</th><th>own contesting</th><th>own independent sources</th>"
            "<th>subtree supporting</th><th>subtree contesting</th></tr>"
            f"{rows}</table>"
        )


def coverage(
    test: Element,
    claims_on: Callable[[str], list[Claim]],
    sources: Sources,
    definitions: Mapping[str, Element] | None = None,
) -> Coverage:
    """Evaluate the element tree of ``test``: ``claims_on(element_id)`` gives the claims that
    count for an element; ``definitions`` maps test ids to tests, for ``defined_by``."""
    definitions = definitions or {}
    rows: list[ElementCoverage] = []
    defining_levels: dict[str, str] = {}

    def definition_level(test_id: str, seen: frozenset) -> str:
        if test_id not in defining_levels:
            defining_levels[test_id] = "unargued"  # a circle counts for nothing
            defining_levels[test_id] = visit(definitions[test_id], 0, None, seen | {test_id}).level
        return defining_levels[test_id]

    def visit(element: Element, depth: int, out: list | None, seen: frozenset) -> ElementCoverage:
        position = None
        if out is not None:
            position = len(out)
            out.append(None)  # keeps tree order; filled below
        children = [visit(child, depth + 1, out, seen) for child in element.children]
        own = claims_on(element.id)
        supporting = tuple(c for c in own if c.stance == "supports")
        contesting = tuple(c for c in own if c.stance == "contests")
        independent = sources.count(supporting)
        level = "unargued" if not supporting else "corroborated" if independent >= 2 else "argued"
        met_through = None
        if children:
            pick = min if element.combinator == "all" else max
            through_children = pick((child.level for child in children), key=LEVELS.index)
            if LEVELS.index(through_children) > LEVELS.index(level):
                level, met_through = through_children, "parts"
        if element.defined_by in definitions and element.defined_by not in seen:
            through_definition = definition_level(element.defined_by, seen)
            if LEVELS.index(through_definition) > LEVELS.index(level):
                level, met_through = through_definition, "definition"
        row = ElementCoverage(
            element=element,
            depth=depth,
            level=level,
            contested=bool(contesting) or any(child.contested for child in children),
            supporting=supporting,
            contesting=contesting,
            independent_sources=independent,
            subtree_supporting=supporting + tuple(c for child in children for c in child.subtree_supporting),
            subtree_contesting=contesting + tuple(c for child in children for c in child.subtree_contesting),
            met_through=met_through,
        )
        if out is not None:
            out[position] = row
        return row

    visit(test, 0, rows, frozenset({test.id}))
    return Coverage(test=test, elements=tuple(rows))
