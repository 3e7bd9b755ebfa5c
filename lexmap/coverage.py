"""Coverage of a legal test: the level of every element, for one practice or the best practice.

The rules (docs/evidence.md gives each with a worked example):

- **A practice's evidence.** The level of (practice, element) comes from the
  statements about that practice and about the practices that are part of it
  (``part_of``, through any chain; each such statement says which part it is
  about). Statements about unrelated practices are never pooled.
- **A leaf element** is *unargued* (no supporting claim), *argued* (at least
  one) or *corroborated* (supporting claims from two or more independent
  sources, see :mod:`lexmap.independence`; unattributed claims argue, never
  corroborate).
- **A composite element** is met only through its parts: ``all_of`` at the
  level (and the count of independent sources) of its weakest required part,
  ``any_of`` at its best part's, an element ``defined_by`` a test with parts at
  that test's. An element defined by a test of one element names the same thing:
  the claims on either count for both. A claim on a composite element names no part: it *asserts the
  conclusion as a whole*, is shown apart (``asserted_by``) and never lifts the
  element above what its parts establish.
- **Contested**: a contesting claim targets the element, any part of it or its
  definition, for that practice; ``contested_by`` lists them.
- **Over the whole corpus**, an element's row is the best single practice's
  (``practice`` names it); it is contested when it is contested for any practice.
  Where no practice argues it, the row is that of the practice the most independent
  sources assert it for as a whole (``practice`` names it; none when nobody asserts it).
"""

from __future__ import annotations

import html
from collections.abc import Container, Iterator, Mapping, Sequence
from typing import NamedTuple

import attrs

from .independence import Sources
from .model import Claim, Element

LEVELS = ("unargued", "argued", "corroborated")
_RANK = {level: rank for rank, level in enumerate(LEVELS)}


class Row(NamedTuple):
    """The fields of an :class:`ElementCoverage` in its order, as a tuple: the per-practice pass
    makes one for every row a claim moves (a tuple costs a tenth of an attrs record), and an
    ElementCoverage only for the rows an answer hands out."""

    element: Element
    depth: int
    level: str
    contested: bool
    supporting: tuple[Claim, ...]
    contesting: tuple[Claim, ...]
    independent_sources: int
    subtree_supporting: tuple[Claim, ...]
    subtree_contesting: tuple[Claim, ...]
    met_through: str | None
    practice: str | None
    asserted_by: int
    contested_by: tuple[Claim, ...]
    limiting: str | None

    @property
    def composite(self) -> bool:
        return self.met_through is not None


_new_row = tuple.__new__  # Row's own constructor, without NamedTuple's keyword handling


@attrs.frozen
class ElementCoverage:
    """The coverage of one element of a test: its level, whether contested, and the claims behind it."""

    element: Element
    depth: int
    level: str
    contested: bool
    supporting: tuple[Claim, ...]
    """The element's own supporting claims (not its parts'); on a composite element, assertions of the whole."""
    contesting: tuple[Claim, ...]
    """The element's own contesting claims."""
    independent_sources: int
    """The independent sources behind the level: a leaf's own; a composite's through its weakest
    required part (all of), its best part (any of) or its definition."""
    subtree_supporting: tuple[Claim, ...] = ()
    """Supporting claims on this element and every element below it."""
    subtree_contesting: tuple[Claim, ...] = ()
    met_through: str | None = None
    """How a composite element is met: "parts" or "definition"; None for a leaf (its own claims)."""
    practice: str | None = None
    """The practice whose evidence gives this row (over the whole corpus: the best one; where no
    practice argues it, the one the most sources assert it for as a whole, if any)."""
    asserted_by: int = 0
    """Independent sources asserting a composite element as a whole (never counted for its level)."""
    contested_by: tuple[Claim, ...] = ()
    """Every contesting claim on the element, its parts or its definition, for the practice(s)."""
    limiting: str | None = None
    """The part that sets a composite's level: the weakest required part, the best alternative, or
    the defining test."""

    @property
    def composite(self) -> bool:
        return self.met_through is not None

    @property
    def independent_documents(self) -> int:
        """Former name of :attr:`independent_sources`."""
        return self.independent_sources

    @property
    def status(self) -> str:
        """The level in words: how it is met, whether contested, and any assertion of the whole."""
        met = f" (through its {self.met_through})" if self.met_through and self.level != "unargued" else ""
        whole = (
            f"; asserted as a whole by {self.asserted_by} independent source{'s' if self.asserted_by != 1 else ''}"
            if self.asserted_by
            else ""
        )
        return self.level + met + (", contested" if self.contested else "") + whole


@attrs.frozen(repr=False)
class Coverage:
    """Coverage of every element of one test, in tree order (the test itself first)."""

    test: Element
    elements: tuple[ElementCoverage, ...]
    practice: str | None = None
    """The practice asked about, or None over the whole corpus."""

    def __repr__(self) -> str:
        return (
            f"<Coverage of {self.test.id}: {self.elements[0].status}; "
            f"{len(self.unargued)} of {len(self.elements)} elements unargued>"
        )

    def __getitem__(self, element_id: str) -> ElementCoverage:
        for row in self.elements:
            if row.element.id == element_id:
                return row
        raise KeyError(f"{element_id!r} is not an element of {self.test.id}")

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
    def unargued(self):
        """The elements that are neither argued themselves nor met through their parts (Records)."""
        from .results import Records

        return Records(e.element for e in self.elements if e.level == "unargued")

    def to_frame(self):
        from .results import require_pandas

        pd = require_pandas()
        return pd.DataFrame(
            [
                {
                    "element": e.element.id,
                    "label": e.element.label,
                    "depth": e.depth,
                    "combinator": e.element.combinator,
                    "level": e.level,
                    "contested": e.contested,
                    "met_through": e.met_through,
                    "practice": e.practice,
                    "independent_sources": e.independent_sources,
                    "asserted_as_whole_by": e.asserted_by,
                    "own_supporting": len(e.supporting),
                    "own_contesting": len(e.contesting),
                    "contested_by": ", ".join(c.id for c in e.contested_by),
                    "subtree_supporting": len(e.subtree_supporting),
                    "subtree_contesting": len(e.subtree_contesting),
                }
                for e in self.elements
            ]
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td style='padding-left:{1 + 1.5 * e.depth}em;text-align:left'>{html.escape(e.element.label)}"
            f" <code>{html.escape(e.element.id)}</code>{' (' + e.element.combinator + ' of)' if e.element.combinator else ''}</td>"
            f"<td>{html.escape(e.status)}</td><td>{e.independent_sources}</td><td>{len(e.supporting)}</td>"
            f"<td>{len(e.contested_by)}</td><td>{html.escape(e.practice or '')}</td></tr>"
            for e in self.elements
        )
        return (
            f"<table><caption>Coverage of {html.escape(self.test.label)}: {html.escape(self.elements[0].status)}</caption>"
            "<tr><th>element</th><th>status</th><th>independent sources</th><th>own supporting</th>"
            "<th>contesting</th><th>practice</th></tr>"
            f"{rows}</table>"
        )


def _better(a: ElementCoverage | Row, b: ElementCoverage | Row) -> bool:
    """Whether row ``a`` is stronger evidence than ``b`` (level, then independent sources)."""
    return (_RANK[a.level], a.independent_sources) > (_RANK[b.level], b.independent_sources)


def evaluate(
    test: Element,
    claims: Mapping[str, Sequence[Claim]],
    sources: Sources,
    definitions: Mapping[str, Element],
    practice: str | None = None,
) -> Coverage:
    """The coverage of ``test`` from ``claims`` (by element id: one practice's evidence, with its
    parts'); ``definitions`` maps test ids to tests, for ``defined_by``. Every element is worked
    out; :class:`lexmap.assessment.Assessor` works out only those some claim can move."""
    rows = evaluate_rows(test, claims, sources, definitions, practice)
    return Coverage(test=test, elements=tuple(ElementCoverage(*rows[e.id]) for e in test.walk()), practice=practice)


def evaluate_rows(
    test: Element, claims: Mapping[str, Sequence[Claim]], sources: Sources, definitions: Mapping[str, Element], practice=None
) -> dict[str, Row]:
    """:func:`evaluate`'s rows, by element id."""
    results: dict[str, Row] = {}
    for test_id in definition_order(test, definitions):  # the tests a definition leads to, each before those it defines
        results[test_id] = rows_of(definitions[test_id], claims, sources, results, practice)[test_id]
    return rows_of(test, claims, sources, results, practice)


def definition_order(test: Element, definitions: Mapping[str, Element]) -> list[str]:
    """The tests reachable through ``defined_by`` from ``test``, deepest first (no recursion: a
    chain may be long; a circle is cut where it closes, so it counts for nothing)."""
    order: list[str] = []
    seen: set[str] = {test.id}
    stack: list[tuple[str, bool]] = [(d, False) for d in _definitions_in(test, definitions)]
    while stack:
        test_id, done = stack.pop()
        if done:
            order.append(test_id)
            continue
        if test_id in seen:
            continue
        seen.add(test_id)
        stack.append((test_id, True))
        stack.extend((d, False) for d in _definitions_in(definitions[test_id], definitions) if d not in seen)
    return order


def _definitions_in(test: Element, definitions: Mapping[str, Element]) -> list[str]:
    return [e.defined_by for e in test.walk() if e.defined_by is not None and e.defined_by in definitions]


def rows_of(
    test: Element,
    claims: Mapping[str, Sequence[Claim]],
    sources: Sources,
    defined: Mapping[str, Row],
    practice: str | None,
    moved: Container[str] | None = None,
    blank: Mapping[str, Row] | None = None,
) -> dict[str, Row]:
    """The rows of one tree by element id; ``defined`` holds the rows of the defining tests.
    With ``moved`` (the elements some claim can move), only those are worked out, and below them
    any other element's row is ``blank[id]``, its row from no claims; they are not in the answer."""
    out: dict[str, Row] = {}
    if moved is None or test.id in moved:
        _visit(test, 0, claims, sources, defined, practice, moved, blank, out)
    return out


def _visit(element: Element, depth: int, claims, sources, defined, practice, moved, blank, out: dict[str, Row]) -> Row:
    """:func:`rows_of` below ``element`` (a function of its own, not a closure: a closure that
    calls itself is a reference cycle, left for the collector, at every call)."""
    if moved is None:
        children = [_visit(c, depth + 1, claims, sources, defined, practice, moved, blank, out) for c in element.children]
    else:
        children = [
            _visit(c, depth + 1, claims, sources, defined, practice, moved, blank, out) if c.id in moved else blank[c.id]
            for c in element.children
        ]
    definition = defined.get(element.defined_by) if element.defined_by else None
    out[element.id] = row = make_row(element, depth, children, claims.get(element.id, ()), definition, sources, practice)
    return row


def leaf_rank(supported: bool, sources: int) -> int:
    """The level of a leaf (as its rank in :data:`LEVELS`): corroborated from two independent
    sources, argued from any supporting claim (an unattributed one too), else unargued."""
    return 2 if sources >= 2 else 1 if supported else 0


def roll_up(element: Element):
    """How a composite's level comes from its parts' (rank, independent sources): all of, the
    weakest part's (``min``); any of, the strongest part's (``max``)."""
    return min if element.combinator == "all" else max


def limiting_part(element: Element, keys: Sequence[tuple[int, int]]) -> int:
    """Which part sets a composite's level (:func:`roll_up`), from its parts' (rank, independent
    sources) in order: the first of the weakest (all of) or of the strongest (any of)."""
    return keys.index(roll_up(element)(keys))


def row_from_levels(
    element: Element, depth: int, parts: Sequence[tuple[int, int]], own: Sequence[Claim], sources: Sources, practice: str | None
) -> Row:
    """The row of ``element`` (in a tree without definitions) from its own claims and its parts'
    (rank, independent sources) alone, by :func:`make_row`: its level, sources, assertion of the
    whole and limiting part; what it lists below itself (its parts' claims and contests) is left
    empty, for a caller that lists those from elsewhere (lexmap.levels)."""
    children = [
        _new_row(Row, (child, depth + 1, LEVELS[rank], False, (), (), count, (), (), None, practice, 0, (), None))
        for child, (rank, count) in zip(element.children, parts, strict=True)
    ]
    return make_row(element, depth, children, own, None, sources, practice)


def make_row(
    element: Element,
    depth: int,
    children: list[Row],
    own: Sequence[Claim],
    definition: Row | None,
    sources: Sources,
    practice: str | None,
) -> Row:
    """The row of ``element`` from its own claims, its parts' rows and its definition's row: the
    rules of the module docstring, in the one place they are coded (with loops, not generators:
    it runs for every row some claim moves)."""
    if own:
        supporting = tuple([c for c in own if c.stance == "supports"])
        contesting = tuple([c for c in own if c.stance == "contests"])
    else:
        supporting = contesting = ()
    contested_by = contesting
    parts_supporting: tuple[Claim, ...] = ()
    parts_contesting: tuple[Claim, ...] = ()
    for child in children:
        if child.contested_by:
            contested_by += child.contested_by
        if child.subtree_supporting:
            parts_supporting += child.subtree_supporting
        if child.subtree_contesting:
            parts_contesting += child.subtree_contesting
    if definition is not None:
        contested_by += tuple(c for c in definition.contested_by if c not in contested_by)
        if not definition.composite and not children:
            # defined by a test of one element: the two name one thing, and their claims count together
            supporting += tuple(c for c in definition.supporting if c not in supporting)
            definition = None
    own_sources = sources.count(supporting) if supporting else 0
    level = LEVELS[leaf_rank(bool(supporting), own_sources)]
    count, met_through, limiting, asserted = own_sources, None, None, 0
    if children or definition is not None:
        asserted = own_sources
        best: Row | None = None
        if children:
            best = children[limiting_part(element, [(_RANK[c.level], c.independent_sources) for c in children])]
            met_through = "parts"
        if definition is not None and (
            best is None
            or (_RANK[definition.level], definition.independent_sources) > (_RANK[best.level], best.independent_sources)
        ):
            best, met_through = definition, "definition"
        assert best is not None
        level, count, limiting = best.level, best.independent_sources, best.element.id
    return _new_row(
        Row,
        (
            element,
            depth,
            level,
            bool(contested_by),
            supporting,
            contesting,
            count,
            supporting + parts_supporting,
            contesting + parts_contesting,
            met_through,
            practice,
            asserted,
            contested_by,
            limiting,
        ),
    )
