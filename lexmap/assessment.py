"""Every answer about the evidence, computed once per corpus: the coverage of each (practice,
test), over the whole corpus, and the assessment of each (practice, element) that explain(),
gaps(), the matrix, the chart and the site read (so that none of them can disagree).

The rules are in :mod:`lexmap.coverage` and :mod:`lexmap.independence`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .coverage import Coverage, ElementCoverage, best_of, definition_order, evaluate

if TYPE_CHECKING:
    from .corpus import Corpus
    from .model import Claim


class Assessor:
    """The coverage answers of one corpus under one independence mode, each computed once."""

    def __init__(self, corpus: Corpus, independence: str = "speaker"):
        self.corpus = corpus
        self.sources = corpus.sources(independence)
        self._children: dict[str, list[str]] = {}
        for practice in corpus.practices.values():
            if practice.part_of:
                self._children.setdefault(practice.part_of, []).append(practice.id)
        self._family: dict[str, frozenset[str]] = {}
        self._by_practice: dict[tuple[str, str], Coverage] = {}
        self._whole: dict[str, Coverage] = {}
        self._test_practices: dict[str, list[str]] | None = None
        self._claims_of: dict[str, list[tuple[int, Claim]]] | None = None
        self._reaches: dict[str, frozenset[str]] = {}
        self._blanks: dict[str, tuple[ElementCoverage, ...]] = {}
        self._orders: dict[str, list[str]] = {}
        self._family_claims_of: dict[str, dict[str, list[Claim]]] = {}

    def family(self, practice: str) -> frozenset[str]:
        """``practice`` and the practices that are part of it, through any chain."""
        if practice not in self._family:
            found, stack = {practice}, list(self._children.get(practice, ()))
            while stack:
                current = stack.pop()
                if current not in found:
                    found.add(current)
                    stack.extend(self._children.get(current, ()))
            self._family[practice] = frozenset(found)
        return self._family[practice]

    def parts(self, practice: str) -> list[str]:
        """The practices that are part of ``practice``, in corpus order."""
        family = self.family(practice)
        return [p for p in self.corpus.practices if p in family and p != practice]

    def coverage(self, test: str, practice: str | None = None) -> Coverage:
        """The coverage of ``test`` for ``practice`` (with its parts), or over the whole corpus."""
        if practice is not None:
            key = (practice, test)
            if key not in self._by_practice:
                claims = self._family_claims(practice)

                def blank(element: str) -> tuple[ElementCoverage, ...] | None:
                    return None if self._reach(element) & claims.keys() else self._blank(element)

                if test not in self._orders:
                    self._orders[test] = definition_order(self.corpus.tests[test], self.corpus.tests)
                self._by_practice[key] = evaluate(
                    self.corpus.tests[test],
                    lambda e: claims.get(e, []),
                    self.sources,
                    self.corpus.tests,
                    practice,
                    blank,
                    self._orders[test],
                )
            return self._by_practice[key]
        if test not in self._whole:
            nothing = evaluate(self.corpus.tests[test], lambda _: [], self.sources, self.corpus.tests)
            per_practice = [self.coverage(test, p) for p in self.practices_on(test)]
            self._whole[test] = best_of(self.corpus.tests[test], per_practice, nothing)
        return self._whole[test]

    def _reach(self, element: str) -> frozenset[str]:
        """The elements whose claims can move ``element``'s row: its subtree's, and those of the
        tests its subtree is defined by, through any chain."""
        if element not in self._reaches:
            found: set[str] = set()
            stack, seen = [element], set()
            while stack:
                current = stack.pop()
                if current in seen:
                    continue
                seen.add(current)
                for below in self.corpus.elements[current].walk():
                    found.add(below.id)
                    if below.defined_by in self.corpus.tests:
                        stack.append(below.defined_by)
            self._reaches[element] = frozenset(found)
        return self._reaches[element]

    def _blank(self, element: str) -> tuple[ElementCoverage, ...]:
        """The rows of ``element``'s subtree from no claims at all, in tree order."""
        if element not in self._blanks:
            test = self.corpus.test_of(element)
            rows = evaluate(test, lambda _: [], self.sources, self.corpus.tests).elements
            for start, row in enumerate(rows):
                size = sum(1 for _ in row.element.walk())
                self._blanks[row.element.id] = rows[start : start + size]
        return self._blanks[element]

    def _family_claims(self, practice: str) -> dict[str, list[Claim]]:
        """The claims about ``practice`` and its parts, by element, in corpus order."""
        if practice not in self._family_claims_of:
            if self._claims_of is None:
                self._claims_of = {}
                for order, claim in enumerate(self.corpus.claims.values()):
                    self._claims_of.setdefault(claim.practice, []).append((order, claim))
            found = sorted(
                (pair for member in self.family(practice) for pair in self._claims_of.get(member, ())), key=lambda pair: pair[0]
            )
            by_element: dict[str, list[Claim]] = {}
            for _, claim in found:
                by_element.setdefault(claim.element, []).append(claim)
            self._family_claims_of[practice] = by_element
        return self._family_claims_of[practice]

    def assess(self, practice: str, element: str) -> ElementCoverage:
        """The row of (``practice``, ``element``): its level, sources, contests, in its test."""
        return self.coverage(self.corpus.test_of(element).id, practice)[element]

    def practices_on(self, test: str) -> list[str]:
        """Practices with a claim somewhere in ``test`` (or a test defining part of it), and the
        practices they are part of, in corpus order."""
        if self._test_practices is None:
            self._test_practices = self._index_practices()
        return self._test_practices.get(test, [])

    def _index_practices(self) -> dict[str, list[str]]:
        corpus = self.corpus
        direct: dict[str, set[str]] = {}
        for claim in corpus.claims.values():
            direct.setdefault(corpus.test_of(claim.element).id, set()).add(claim.practice)
        users: dict[str, set[str]] = {}  # test -> tests whose trees use it as a definition
        for test in corpus.tests.values():
            for element in test.walk():
                if element.defined_by in corpus.tests:
                    users.setdefault(element.defined_by, set()).add(test.id)
        reach: dict[str, set[str]] = {}
        for test_id, practices in direct.items():  # a claim in a definition counts for the tests it defines
            stack, seen = [test_id], set()
            while stack:
                current = stack.pop()
                if current in seen:
                    continue
                seen.add(current)
                reach.setdefault(current, set()).update(practices)
                stack.extend(users.get(current, ()))
        order = {p: i for i, p in enumerate(corpus.practices)}
        out = {}
        for test_id, practices in reach.items():
            with_wholes = set(practices)
            for practice in practices:
                parent = corpus.practices[practice].part_of
                while parent and parent not in with_wholes:
                    with_wholes.add(parent)
                    parent = corpus.practices[parent].part_of
            out[test_id] = sorted(with_wholes, key=order.__getitem__)
        return out

    def pairs(self) -> Iterable[tuple[str, str]]:
        """Every (practice, element) with a claim on the element about the practice, corpus order."""
        return dict.fromkeys((c.practice, c.element) for c in self.corpus.claims.values())
