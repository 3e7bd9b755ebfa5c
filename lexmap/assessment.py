"""Every answer about the evidence, computed once per corpus: the coverage of each (practice,
test), over the whole corpus, and the assessment of each (practice, element) that explain(),
gaps(), the matrix, the chart and the site read (so that none of them can disagree).

The rules are in :mod:`lexmap.coverage` and :mod:`lexmap.independence`."""

from __future__ import annotations

from collections.abc import Container, Iterable
from itertools import chain
from typing import TYPE_CHECKING

from .coverage import Coverage, ElementCoverage, Row, _better, definition_order, evaluate_rows, rows_of
from .gcpause import gc_paused
from .levels import Levels, plain

if TYPE_CHECKING:
    from .corpus import Corpus
    from .model import Claim, Element


class Assessor:
    """The coverage answers of one corpus under one independence mode, each computed once.

    For each (practice, test) only the rows some claim of the practice (or of its parts) can
    move are worked out (:meth:`rows`); every other row is the element's row from no claims,
    shared by every practice. Whole :class:`Coverage` objects are built only when asked for."""

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
        self._practice_order: dict[str, int] | None = None
        self._claims_of: dict[str, list[tuple[int, Claim]]] | None = None
        self._blanks: dict[str, Row] = {}
        self._blank_records: dict[str, ElementCoverage] = {}
        self._blank_tests: dict[str, tuple[ElementCoverage, ...]] = {}
        self._orders: dict[str, list[str]] = {}
        self._family_claims_of: dict[str, dict[str, list[Claim]]] = {}
        self._rows: dict[tuple[str, str], dict[str, Row]] = {}
        self._moved: dict[str, set[str]] = {}
        self._levels: dict[str, Levels | None] = {}
        self._wholes: dict[str, list[str]] | None = None
        self._first: dict[str, int] = {}
        self._on_element: dict[str, list[Claim]] | None = None
        self.test_of: dict[str, Element] = {e.id: test for test in corpus.tests.values() for e in test.walk()}
        """The legal test each element is part of."""
        # what a claim on an element can move: the elements above it in its tree (its chain,
        # up to the test), and the elements its test defines (each with its chain)
        self._chain: dict[str, tuple[str, ...]] = {}
        self._defines: dict[str, list[str]] = {}
        for test in corpus.tests.values():
            self._chain[test.id] = (test.id,)
            for element in test.walk():
                for child in element.children:
                    self._chain[child.id] = (child.id, *self._chain[element.id])
                if element.defined_by in corpus.tests:
                    self._defines.setdefault(element.defined_by, []).append(element.id)

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
        # sorted by corpus order: a pass over every practice made each call as long as the corpus
        # (a chart asks for each of its practices: quadratic in practices)
        return sorted((p for p in family if p != practice), key=self._order.__getitem__)

    def coverage(self, test: str, practice: str | None = None) -> Coverage:
        """The coverage of ``test`` for ``practice`` (with its parts), or over the whole corpus."""
        if practice is not None:
            key = (practice, test)
            if key not in self._by_practice:
                rows = self.rows(practice, test)
                self._by_practice[key] = Coverage(
                    test=self.corpus.tests[test],
                    elements=tuple(
                        empty if (row := rows.get(empty.element.id)) is None else ElementCoverage(*row)
                        for empty in self._blank_test(test)
                    ),
                    practice=practice,
                )
            return self._by_practice[key]
        if test not in self._whole:
            with gc_paused():  # many rows made, none freed: the collector would only walk the heap
                levels = self.levels(test)
                self._whole[test] = self._best_of(test) if levels is None else self._best_of_levels(test, levels)
        return self._whole[test]

    def levels(self, test: str, wanted: Container[str] | None = None) -> Levels | None:
        """Every practice's level on every element of ``test`` as integers (lexmap.levels), or
        None for a test with a definition in it (its answers come from :meth:`rows`). With
        ``wanted``, and no levels of every practice kept yet, only those practices' levels,
        worked out for the caller and not kept (the matrix of indicators needs no others)."""
        if wanted is not None and test not in self._levels:
            tests = self.corpus.tests
            if not plain(tests[test], tests):
                return None
            self._index_wholes()
            return Levels(tests[test], self._on_element or {}, self._wholes or {}, self._first, self.sources, wanted)
        if test not in self._levels:
            tests = self.corpus.tests
            if not plain(tests[test], tests):
                self._levels[test] = None
            else:
                self._index_wholes()
                assert self._wholes is not None and self._on_element is not None
                self._levels[test] = Levels(tests[test], self._on_element, self._wholes, self._first, self.sources)
        return self._levels[test]

    def _index_wholes(self) -> None:
        """Each practice with the practices it is part of, and the claims by element, once."""
        if self._wholes is not None and self._on_element is not None:
            return
        practices, order = self.corpus.practices, self._order
        self._wholes, self._first = {}, {}
        for practice in practices.values():  # a practice and the practices it is part of
            chain: list[str] = [practice.id]
            seen = {practice.id}  # a set beside the list: a test of the list made a deep chain cubic
            while (parent := practices[chain[-1]].part_of) and parent not in seen:
                chain.append(parent)
                seen.add(parent)
            self._wholes[practice.id] = chain
            self._first[practice.id] = min(order[p] for p in chain)
        self._on_element = {}
        for claim in self.corpus.claims.values():
            self._on_element.setdefault(claim.element, []).append(claim)

    @property
    def _order(self) -> dict[str, int]:
        if self._practice_order is None:
            self._practice_order = {p: i for i, p in enumerate(self.corpus.practices)}
        return self._practice_order

    def _best_of_levels(self, test: str, levels: Levels) -> Coverage:
        """:meth:`_best_of` from the levels: the best practice of each element found from
        integers, and its row alone worked out; the claims and contests of every practice's rows
        on the element, listed without them (see lexmap.levels)."""
        blank = self._blank_test(test)
        first_practice, claims = levels.whole()
        if first_practice is None:
            return Coverage(test=self.corpus.tests[test], elements=blank)
        first, order = list(self.corpus.practices)[first_practice], self._order
        elements = []
        for i, empty in enumerate(blank):
            supporting, contesting, subtree_supporting, contested_by = map(tuple, claims[i])
            if not contested_by and not subtree_supporting:  # no practice moves it: the row from no claims
                elements.append(empty)
                continue
            # the best practice's row; when nobody argues it, the row of the practice most
            # sources assert it for as a whole, else the first practice's (which is the row from
            # no claims where that practice has no claim on it or below)
            argued = levels.best(i, order)
            if argued is not None:
                best = levels.row(i, argued, self.sources)
            else:
                asserting = dict.fromkeys(p for c in supporting for p in self._wholes_of(c.practice))
                rows = [levels.row(i, p, self.sources) for p in sorted(asserting, key=order.__getitem__)]
                best = max(rows, key=lambda row: row.asserted_by, default=None) or levels.row(i, first, self.sources)
            elements.append(
                ElementCoverage(
                    best.element,
                    best.depth,
                    best.level,
                    bool(contested_by),
                    supporting,
                    contesting,
                    best.independent_sources,
                    subtree_supporting,
                    contested_by,  # without definitions, what contests an element is what contests its subtree
                    best.met_through,
                    best.practice if best.level != "unargued" or best.asserted_by else None,
                    best.asserted_by,
                    contested_by,
                    best.limiting,
                )
            )
        return Coverage(test=self.corpus.tests[test], elements=tuple(elements))

    def _wholes_of(self, practice: str) -> list[str]:
        """``practice`` and the practices it is part of (a claim about it counts for each)."""
        self._index_wholes()
        assert self._wholes is not None
        return self._wholes[practice]

    def _best_of(self, test: str) -> Coverage:
        """The whole corpus's coverage of ``test``: each element's row from the best single
        practice (the first of the strongest, in corpus order), contested when it is contested
        for any practice, with every claim on it listed. A practice's row that its claims do not
        move is its row from no claims: it adds no claim and is never better than another."""
        blank = self._blank_test(test)
        per_practice = [self.rows(p, test) for p in self.practices_on(test)]
        if not per_practice:
            return Coverage(test=self.corpus.tests[test], elements=blank)
        found: dict[str, list[Row]] = {}
        for practice_rows in per_practice:
            for element_id, row in practice_rows.items():
                found.setdefault(element_id, []).append(row)
        first, elements = per_practice[0], []
        for empty in blank:
            candidates = found.get(empty.element.id)
            if candidates is None:  # no practice moves it: the row from no claims
                elements.append(empty)
                continue
            best = first.get(empty.element.id) or self._blanks[empty.element.id]
            for row in candidates:
                if _better(row, best):
                    best = row
            if best.level == "unargued":  # nobody argues it: the practice most sources assert it for
                best = max(candidates, key=lambda row: row.asserted_by) if any(r.asserted_by for r in candidates) else best
            contested_by = _unique([row.contested_by for row in candidates])
            elements.append(
                ElementCoverage(
                    best.element,
                    best.depth,
                    best.level,
                    bool(contested_by),
                    _unique([row.supporting for row in candidates]),
                    _unique([row.contesting for row in candidates]),
                    best.independent_sources,
                    _unique([row.subtree_supporting for row in candidates]),
                    _unique([row.subtree_contesting for row in candidates]),
                    best.met_through,
                    best.practice if best.level != "unargued" or best.asserted_by else None,
                    best.asserted_by,
                    contested_by,
                    best.limiting,
                )
            )
        return Coverage(test=self.corpus.tests[test], elements=tuple(elements))

    def rows(self, practice: str, test: str) -> dict[str, Row]:
        """The rows of ``test`` that ``practice``'s claims (with its parts') move, by element id,
        as :class:`~lexmap.coverage.Row` tuples; any other element's row is :meth:`row`'s blank."""
        key = (practice, test)
        found = self._rows.get(key)
        if found is None:
            moved = self._moved_by(practice)
            found = {}
            if test in moved:
                claims, tests, blank = self._family_claims(practice), self.corpus.tests, self._blanks
                if test not in self._orders:
                    self._orders[test] = definition_order(tests[test], tests)
                    for test_id in (test, *self._orders[test]):
                        self._blank_test(test_id)  # the rows below that no claim moves
                defined: dict[str, Row] = {}
                for test_id in self._orders[test]:  # the defining tests, deepest first
                    worked = rows_of(tests[test_id], claims, self.sources, defined, practice, moved, blank)
                    defined[test_id] = worked[test_id] if test_id in worked else blank[test_id]
                found = rows_of(tests[test], claims, self.sources, defined, practice, moved, blank)
            self._rows[key] = found
        return found

    def row(self, practice: str, element: str) -> Row:
        """The row of (``practice``, ``element``) as a tuple (:meth:`assess` as a record)."""
        found = self.rows(practice, self.test_of[element].id).get(element)
        if found is None:
            self._blank_test(self.test_of[element].id)
            found = self._blanks[element]
        return found

    def own_row(self, practice: str, element: str) -> Row:
        """The row of (``practice``, ``element``) as far as its own fields go (level, sources,
        its own claims, how it is met, its limiting part, the assertion of the whole), without
        what it lists from below it (its parts' claims and contests: left empty): from the
        levels where its test has no definition (lexmap.levels), else :meth:`row`."""
        test = self.test_of[element].id
        levels = self.levels(test)
        if levels is None:
            return self.row(practice, element)
        return levels.row(levels.position(element), practice, self.sources, self._family_claims(practice).get(element, ()))

    def assess(self, practice: str, element: str) -> ElementCoverage:
        """The row of (``practice``, ``element``): its level, sources, contests, in its test."""
        found = self.rows(practice, self.test_of[element].id).get(element)
        if found is None:
            self._blank_test(self.test_of[element].id)
            return self._blank_records[element]
        return ElementCoverage(*found)

    def _blank_test(self, test: str) -> tuple[ElementCoverage, ...]:
        """The rows of ``test`` from no claims, in tree order (as tuples in ``_blanks`` too)."""
        if test not in self._blank_tests:
            rows = evaluate_rows(self.corpus.tests[test], {}, self.sources, self.corpus.tests)
            self._blanks.update(rows)
            records = tuple(ElementCoverage(*rows[e.id]) for e in self.corpus.tests[test].walk())
            self._blank_records.update((r.element.id, r) for r in records)
            self._blank_tests[test] = records
        return self._blank_tests[test]

    def _moved_by(self, practice: str) -> set[str]:
        """The elements whose rows the claims of ``practice`` (with its parts) can move: the
        claimed elements, every element above one, and every element defined by a test holding
        one, through any chain (each test once: a circle of definitions ends)."""
        if practice not in self._moved:
            found: set[str] = set()
            tests: list[str] = []
            chains, defines = self._chain, self._defines

            def add(element: str) -> None:
                chain = chains[element]
                if chain[-1] not in found and chain[-1] in defines:
                    tests.append(chain[-1])  # its test is new: what it defines moves too
                found.update(chain)

            for element in self._family_claims(practice):
                add(element)
            while tests:
                for element in defines[tests.pop()]:
                    if element not in found:
                        add(element)
            self._moved[practice] = found
        return self._moved[practice]

    def _family_claims(self, practice: str) -> dict[str, list[Claim]]:
        """The claims about ``practice`` and its parts, by element, in corpus order."""
        if practice not in self._family_claims_of:
            if self._claims_of is None:
                self._claims_of = {}
                for order, claim in enumerate(self.corpus.claims.values()):
                    self._claims_of.setdefault(claim.practice, []).append((order, claim))
            family = self.family(practice)
            if len(family) == 1:
                found = self._claims_of.get(practice, [])
            else:
                found = sorted((pair for member in family for pair in self._claims_of.get(member, ())), key=lambda pair: pair[0])
            by_element: dict[str, list[Claim]] = {}
            for _, claim in found:
                by_element.setdefault(claim.element, []).append(claim)
            self._family_claims_of[practice] = by_element
        return self._family_claims_of[practice]

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
            direct.setdefault(self.test_of[claim.element].id, set()).add(claim.practice)
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


def _unique(groups: list[tuple[Claim, ...]]) -> tuple[Claim, ...]:
    """The claims of ``groups`` without repeats, in order: by identity (the corpus holds one
    record per claim), so that no claim is hashed field by field."""
    claims = list(chain.from_iterable(groups))
    return tuple(dict(zip(map(id, claims), claims, strict=True)).values())
