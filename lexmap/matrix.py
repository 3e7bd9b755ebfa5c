"""The indicator-by-instrument matrix (and the other pairings analysts ask for).

A cell of *indicator x instrument* holds the practices that exhibit the
indicator **and** are argued to satisfy an element of the instrument, the
statements and documents behind that, how many of those documents are
independent, and whether anything in it is contested. Every row and column
appears, empty or not: an empty cell is information.

Instrument columns run in order of adoption. Other pairings: rows ``practices`` (a practice is in its own row's cells when it
is argued to satisfy the column), columns ``instruments``, ``tests``,
``provisions`` or ``elements``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Literal, NamedTuple

import attrs

from .coverage import _RANK, _better
from .gcpause import gc_paused
from .levels import Levels, key, level

if TYPE_CHECKING:
    from .corpus import Corpus
    from .model import Claim, Element

RowKind = Literal["indicators", "practices"]
ColKind = Literal["instruments", "tests", "provisions", "elements"]
VALUES = ("count", "independent", "ids", "level")


@attrs.frozen
class Cell:
    """One cell: the practices in it, the statements behind them, and the cell's level, which is
    the best single practice's level for the column (never pooled across practices)."""

    row: str
    col: str
    practices: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    exhibits: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    independent_sources: int = 0
    """The independent sources behind the best practice's level (see lexmap.independence)."""
    level: str = "unargued"
    """unargued / argued / corroborated: the best practice's level for the column's elements."""
    contesting: tuple[str, ...] = ()
    """The statements that contest a practice of the row on the column (claims, or exhibits of the indicator)."""
    practice: str | None = None
    """The practice whose evidence gives the level."""
    element: str | None = None
    """The element of the column at which that practice reaches the level."""

    @property
    def contested(self) -> bool:
        return bool(self.contesting)

    @property
    def independent_documents(self) -> int:
        """Former name of :attr:`independent_sources`."""
        return self.independent_sources

    def value(self, form: str) -> str | int:
        """The cell as one value: ``count`` of practices, ``independent`` sources, practice
        ``ids`` (joined by ", "), or ``level`` (with ", contested"; "asserted as a whole" where the
        cell's practices only assert a composite element, naming none of its parts)."""
        if form == "count":
            return len(self.practices)
        if form == "independent":
            return self.independent_sources
        if form == "ids":
            return ", ".join(self.practices)
        if form == "level":
            level = "asserted as a whole" if self.practices and self.level == "unargued" else self.level
            return level + (", contested" if self.contested else "")
        raise ValueError(f"unknown value form {form!r}; use one of {', '.join(VALUES)}")


@attrs.frozen
class Header:
    id: str
    label: str


@attrs.frozen(repr=False)
class Matrix:
    row_kind: str
    col_kind: str
    rows: tuple[Header, ...]
    cols: tuple[Header, ...]
    cells: dict[tuple[str, str], Cell] = attrs.field(eq=False)
    """The cells with something in them; :meth:`cell` gives the empty ones too."""

    def __repr__(self) -> str:
        filled = sum(1 for cell in self.cells.values() if cell.practices)
        return f"<Matrix {self.row_kind} x {self.col_kind}: {len(self.rows)} x {len(self.cols)}, {filled} cells filled>"

    def cell(self, row: str, col: str) -> Cell:
        found = self.cells.get((row, col))
        if found is None:
            if row not in self._row_ids or col not in self._col_ids:
                raise KeyError(f"no row {row!r} or no column {col!r} in this matrix")
            return Cell(row=row, col=col)
        return found

    @cached_property
    def _row_ids(self) -> set[str]:
        return {r.id for r in self.rows}

    @cached_property
    def _col_ids(self) -> set[str]:
        return {c.id for c in self.cols}

    def values(self, form: str = "count") -> list[list[str | int]]:
        """The matrix body as lists of one value form (see :meth:`Cell.value`)."""
        empty = Cell(row="", col="").value(form)
        return [
            [self.cells[r.id, c.id].value(form) if (r.id, c.id) in self.cells else empty for c in self.cols] for r in self.rows
        ]

    def to_frame(self, value: str = "count"):
        """A DataFrame of one value form, indexed by row id, one column per column id."""
        from .results import require_pandas

        pd = require_pandas()
        return pd.DataFrame(self.values(value), index=[r.id for r in self.rows], columns=[c.id for c in self.cols])

    def _repr_html_(self) -> str:
        from .palette import table_css
        from .results import matrix_table_html

        return f"<style>{table_css()}</style>{matrix_table_html(self, 'count')}"


def _columns(corpus: Corpus, col_kind: str) -> tuple[list[Header], dict[str, tuple[str, ...]]]:
    """The column headers, and for each element id the columns a claim on it counts for."""
    of_element: dict[str, tuple[str, ...]] = {}
    if col_kind == "instruments":
        # instruments without legal tests cannot be argued: no column
        chronological = sorted((i for i in corpus.instruments.values() if i.tests), key=lambda i: (i.adopted or "9999", i.id))
        headers = [Header(i.id, i.short_name) for i in chronological]
        of_element = {e: (corpus.owner(e),) for e in corpus.elements}
    elif col_kind == "tests":
        headers = [Header(t.id, f"{corpus.instruments[corpus.owner(t.id)].short_name}: {t.label}") for t in corpus.tests.values()]
        of_element = {e: (corpus.test_of(e).id,) for e in corpus.elements}
    elif col_kind == "provisions":
        used = {e.provision for e in corpus.elements.values()}
        headers = [
            Header(p.id, f"{corpus.instruments[corpus.owner(p.id)].short_name} {p.label}")
            for p in corpus.provisions.values()
            if p.id in used
        ]
        of_element = {e.id: (e.provision,) for e in corpus.elements.values() if e.provision}
    elif col_kind == "elements":
        headers = [Header(e.id, e.label) for e in corpus.elements.values()]
        of_element = {e: (e,) for e in corpus.elements}
    else:
        raise ValueError(f"unknown columns {col_kind!r}; use instruments, tests, provisions or elements")
    return headers, of_element


class _Best(NamedTuple):
    """What a cell reads of a practice's best row for a column (a row itself on the rows path)."""

    element: Element
    level: str
    independent_sources: int
    practice: str


def _from_levels(
    columns: dict[str, list],
    practice: str,
    levels: Levels,
    cols: tuple[str, ...],
    supporting: list[Claim],
    contesting: list[Claim],
    argued: Sequence[tuple[int, int]],
) -> None:
    """Add a test to ``practice``'s columns as its rows would (every element of the test counting
    for ``cols``), from the levels: the best row is the first in tree order of the strongest,
    after the best of the columns' earlier tests; the claims are those the rows list, in order
    (what contests the test's root is what contests any of its rows)."""
    for col in cols:
        found = columns.get(col)
        if found is None:
            root = levels.keys[0].get(practice, 0)
            found = columns[col] = [_Best(levels.elements[0], *level(root), practice), list(supporting), list(contesting)]
            best = root
        else:
            found[1] += supporting
            found[2] += contesting
            best = key(_RANK[found[0].level], found[0].independent_sources)
        at = None
        for i, found_key in argued:
            if found_key > best:
                at, best = i, found_key
        if at is not None:
            found[0] = _Best(levels.elements[at], *level(best), practice)


def _from_rows(columns, practice, test, assessor, layout, position, col_of_element) -> None:
    """Add a test to ``practice``'s columns from its rows (the elements in tree order with their
    columns in ``layout``, or None when they all count for the test's own columns)."""
    moved = assessor.rows(practice, test)  # the rows its claims move
    walk = layout
    if walk is None:
        walk = [(e, col_of_element.get(e, ())) for e in sorted(moved, key=position.__getitem__)]
    for element_id, element_columns in walk:
        row = moved.get(element_id)
        if row is None:  # the row from no claims: it only opens a column, in tree order
            for col in element_columns:
                if col not in columns:
                    columns[col] = [assessor.row(practice, element_id), [], []]
            continue
        for col in element_columns:
            found = columns.get(col)
            if found is None:
                columns[col] = [row, list(row.supporting), list(row.contested_by)]
                continue
            if _better(row, found[0]):
                found[0] = row
            found[1] += row.supporting
            found[2] += row.contested_by  # on the element, a part of it or its definition


def build_matrix(
    corpus: Corpus, rows: RowKind = "indicators", cols: ColKind = "instruments", *, framework: str | None = None
) -> Matrix:
    """Compute the matrix of ``rows`` x ``cols`` over the corpus (in one pass over the statements).

    ``framework``: the indicator framework of the rows (default: the first one, ILO's).
    """
    with gc_paused():
        return _build_matrix(corpus, rows, cols, framework)


def _build_matrix(corpus: Corpus, rows: str, cols: str, framework: str | None) -> Matrix:
    col_headers, col_of_element = _columns(corpus, cols)
    if rows == "indicators":
        if framework is None:
            if not corpus.indicator_frameworks:
                raise ValueError("the corpus has no indicator framework for the rows")
            framework = next(iter(corpus.indicator_frameworks))
        indicators = corpus.indicator_frameworks[framework].indicators
        row_headers = [Header(i.id, i.label) for i in indicators]
        row_members: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))  # row -> practice -> exhibits
        for exhibit in corpus.exhibits.values():
            row_members[exhibit.indicator][exhibit.practice].append(exhibit)
    elif rows == "practices":
        row_headers = [Header(p.id, p.label) for p in corpus.practices.values()]
        row_members = {p: {p: []} for p in corpus.practices}
    else:
        raise ValueError(f"unknown rows {rows!r}; use indicators or practices")

    # practice -> column -> [best row, supporting claims, contesting claims], from the assessments
    # every other answer reads (lexmap.assessment), computed once for all rows, test after test
    assessor = corpus.assessor()
    by_practice: dict[str, dict[str, list]] = defaultdict(dict)
    needed = None  # with indicator rows, only the practices that exhibit an indicator are in a cell
    if rows == "indicators":
        needed = {p for members in row_members.values() for p, ex in members.items() if any(e.stance == "supports" for e in ex)}
    position: dict[str, int] = {}
    for test, root in corpus.tests.items():
        # the test's elements in tree order with their columns; when every element counts for
        # the test's own columns (instruments, tests), the rows no claim moves add nothing, for
        # the test itself, always moved, opened its columns first: then a test without
        # definitions is read from its levels (lexmap.levels)
        layout = [(e.id, col_of_element.get(e.id, ())) for e in root.walk()]
        position.update((element_id, i) for i, (element_id, _) in enumerate(layout))
        same = all(cols == layout[0][1] for _, cols in layout)
        levels = assessor.levels(test, needed) if same else None
        if levels is not None:
            argued = levels.argued(needed)
            for practice, (supporting, contesting) in levels.claims_of(needed).items():
                _from_levels(
                    by_practice[practice], practice, levels, layout[0][1], supporting, contesting, argued.get(practice, ())
                )
            continue
        for practice in assessor.practices_on(test):
            if needed is None or practice in needed:
                _from_rows(by_practice[practice], practice, test, assessor, None if same else layout, position, col_of_element)

    cells: dict[tuple[str, str], Cell] = {}
    for header in row_headers:
        # column -> [practices, claims, exhibits, contesting, best row], each practice of the row in order
        open_cells: dict[str, list] = {}
        for practice, row_statements in row_members.get(header.id, {}).items():
            of_practice = by_practice.get(practice)
            if not of_practice:
                continue
            supporting_exhibits = [e for e in row_statements if e.stance == "supports"]
            if rows == "indicators" and not supporting_exhibits:
                continue
            contesting_exhibits = [e.id for e in row_statements if e.stance == "contests"]
            for col_id, (row, supporting, contested) in of_practice.items():
                cell = open_cells.get(col_id)
                if cell is None:
                    cell = open_cells[col_id] = [[], [], [], [], None]
                cell[3] += [c.id for c in contested]
                if row.level == "unargued" and not supporting:
                    continue  # in the cell: argued, or asserting a composite element as a whole
                cell[3] += contesting_exhibits
                cell[0].append(practice)
                cell[1] += supporting
                cell[2] += supporting_exhibits
                if cell[4] is None or _better(row, cell[4]):
                    cell[4] = row
        for col_id, (members, claims, exhibits, contesting, best) in open_cells.items():
            if not members and not contesting:
                continue
            cells[header.id, col_id] = Cell(
                row=header.id,
                col=col_id,
                practices=tuple(members),
                claims=tuple(dict.fromkeys([c.id for c in claims])),
                exhibits=tuple(dict.fromkeys(e.id for e in exhibits)),
                documents=tuple(dict.fromkeys([s.document for s in claims] + [s.document for s in exhibits])),
                independent_sources=best.independent_sources if best else 0,
                level=best.level if best else "unargued",
                contesting=tuple(dict.fromkeys(contesting)),
                practice=best.practice if best else None,
                element=best.element.id if best else None,
            )
    return Matrix(rows, cols, tuple(row_headers), tuple(col_headers), cells)
