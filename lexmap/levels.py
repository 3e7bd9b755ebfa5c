"""Every practice's level on every element of a test, as (rank, independent sources) in one integer, for
the answers that compare practices: the whole corpus's coverage (each element's best practice)
and the matrix (each practice's best element of a column).

Comparing practices needs only their levels, which the rules of :mod:`lexmap.coverage` give from
the parts' levels (:func:`~lexmap.coverage.leaf_rank`, :func:`~lexmap.coverage.roll_up`):
worked out as integers, and only above unargued, they cost a fraction of the rows
:class:`lexmap.assessment.Assessor` builds (at 10x, 27,000 levels against 54,000 rows, each with
its claims, contests and counts), which these answers read only for the best practice. The
claims an answer lists over several practices are listed from the test's claims, in the orders
the rows give them, made for the answer and dropped with it.

Only for a test none of whose elements is ``defined_by`` a test: a definition joins the claims
and contests of two trees, and such tests are answered from the rows.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING

from .coverage import LEVELS, Row, leaf_rank, roll_up, row_from_levels

if TYPE_CHECKING:
    from .independence import Sources
    from .model import Claim, Element

Key = int
"""A level as one integer, ``rank << 32 | sources`` (rank in coverage.LEVELS, independent
sources): compared as (rank, sources) is, and, unlike a tuple, no object the collector walks."""


def key(rank: int, sources: int) -> Key:
    return rank << 32 | sources


def level(found: Key) -> tuple[str, int]:
    """The level of a key in words, and its count of independent sources."""
    return LEVELS[found >> 32], found & 0xFFFFFFFF


def plain(test: Element, tests: Mapping[str, Element]) -> bool:
    """Whether no element of ``test`` is defined by a test (then :class:`Levels` answers it)."""
    return not any(e.defined_by in tests for e in test.walk() if e.defined_by)


class Levels:
    """The levels of one test (see the module docstring) for every practice with a claim in it.

    ``claims`` holds the claims by element id (every practice, corpus order); ``wholes`` each
    practice with the practices it is part of (a claim counts for all of them: their evidence
    takes in their parts'); ``first`` the corpus position of the first of those (the first
    practice whose rows hold the claim); ``wanted``: the practices whose levels are worked out
    (by default every one; :meth:`best` compares only those)."""

    def __init__(
        self,
        test: Element,
        claims: Mapping[str, Sequence[Claim]],
        wholes: Mapping[str, Sequence[str]],
        first: Mapping[str, int],
        sources: Sources,
        wanted: Container[str] | None = None,
    ):
        self.elements = elements = list(test.walk())  # tree order: an element, then each part's subtree
        self._position = position = {e.id: i for i, e in enumerate(elements)}
        self.above: list[tuple[int, ...]] = [(0,)] * len(elements)
        """Each element's position with those of the elements above it, up to the test."""
        for i, element in enumerate(elements):
            for child in element.children:
                self.above[position[child.id]] = (position[child.id], *self.above[i])
        self._on = [claims.get(e.id, ()) for e in elements]
        self._wholes = wholes
        self.keys: list[dict[str, Key]] = [{} for _ in elements]
        """Each element's levels by practice, only those above unargued."""
        attributed = sources.attributed
        for i in range(len(elements) - 1, -1, -1):  # the parts before the element they make up
            element = elements[i]
            keys = self.keys[i]
            if element.children:
                parts = [self.keys[position[c.id]] for c in element.children]
                combine = roll_up(element)
                if element.combinator == "all":  # above unargued only where every part is
                    common = set(parts[0])
                    for part in parts[1:]:
                        common &= part.keys()
                    for practice in common:
                        keys[practice] = combine([part[practice] for part in parts])
                else:  # where any part is: the others are unargued, below it
                    keys.update(parts[0])
                    for part in parts[1:]:
                        for practice, part_key in part.items():
                            found = keys.get(practice)
                            keys[practice] = part_key if found is None else combine(found, part_key)
                continue
            groups: dict[str, list[Claim]] = {}
            for claim in self._on[i]:
                if claim.stance == "supports":
                    for practice in wholes[claim.practice]:
                        if wanted is not None and practice not in wanted:
                            continue
                        group = groups.get(practice)
                        if group is None:
                            groups[practice] = [claim]
                        else:
                            group.append(claim)
            for practice, group in groups.items():
                count = (1 if attributed(group[0]) else 0) if len(group) == 1 else sources.count(group)
                keys[practice] = key(leaf_rank(True, count), count)
        self._first = first

    def row(self, i: int, practice: str, sources: Sources, own: Sequence[Claim] | None = None) -> Row:
        """The ``i``-th element's row for ``practice`` without what it lists from below it (see
        :func:`~lexmap.coverage.row_from_levels`); ``own``: the practice's claims on the element
        (with its parts'), when the caller has them."""
        element, wholes = self.elements[i], self._wholes
        if own is None:
            own = [c for c in self._on[i] if practice in wholes[c.practice]]
        parts = [divmod(self.keys[self._position[c.id]].get(practice, 0), 1 << 32) for c in element.children]
        return row_from_levels(element, len(self.above[i]) - 1, parts, own, sources, practice)

    def position(self, element: str) -> int:
        """Where ``element`` is in the test's tree order."""
        return self._position[element]

    def best(self, i: int, order: Mapping[str, int]) -> str | None:
        """The practice with the strongest level on the ``i``-th element (the first of them in
        corpus order), or None when no practice argues it."""
        keys = self.keys[i]
        if not keys:
            return None
        top = max(keys.values())
        return min([p for p, k in keys.items() if k == top], key=order.__getitem__)

    def argued(self, wanted: Container[str] | None = None) -> dict[str, list[tuple[int, Key]]]:
        """The elements each practice (of ``wanted``, else every one) argues, above unargued, as
        (position, level) in tree order; made afresh at each call (a caller keeps what it needs)."""
        out: dict[str, list[tuple[int, Key]]] = {}
        for i, keys in enumerate(self.keys):
            for p, found in keys.items():
                if wanted is None or p in wanted:
                    pairs = out.get(p)
                    if pairs is None:
                        out[p] = [(i, found)]
                    else:
                        pairs.append((i, found))
        return out

    def whole(self) -> tuple[int | None, list[tuple[list[Claim], list[Claim], list[Claim], list[Claim]]]]:
        """The corpus position of the first practice with a claim in the test (or a part with
        one; None when none has), and each element's claims over every practice, in the order the
        whole corpus's rows list them (by the first practice, in corpus order, whose rows hold
        the claim, then tree order, then corpus order): supporting on it, contesting on it,
        supporting on it or below, contesting on it or below. Made afresh at each call."""
        first = self._first
        pairs = [(first[c.practice], at, c) for at, on in enumerate(self._on) for c in on]
        pairs.sort(key=itemgetter(0))  # stable: tree order, then corpus order, within each
        under: list[tuple[list[Claim], list[Claim], list[Claim], list[Claim]]] = [([], [], [], []) for _ in self.elements]
        above = self.above
        for _, at, claim in pairs:
            contests = claim.stance != "supports"
            under[at][contests].append(claim)
            for i in above[at]:
                under[i][2 + contests].append(claim)
        return (pairs[0][0] if pairs else None), under

    def claims_of(self, wanted: Container[str] | None = None) -> dict[str, tuple[list[Claim], list[Claim]]]:
        """The supporting and the contesting claims of each practice with a claim in the test (or
        a part with one; of ``wanted``, else every one), in tree order, then corpus order: what
        its rows list, row after row (for a test without definitions, the contesting ones are
        what contests its root). Made afresh at each call."""
        out: dict[str, tuple[list[Claim], list[Claim]]] = {}
        for on in self._on:
            for claim in on:
                for p in self._wholes[claim.practice]:
                    if wanted is None or p in wanted:
                        lists = out.get(p)
                        if lists is None:
                            lists = out[p] = ([], [])
                        lists[claim.stance != "supports"].append(claim)
        return out
