"""What changed between two versions of a case, at the level of the argument: statements added,
removed and changed; the (practice, element) pairs whose level, contested mark or count of
independent sources moved, with the statements that moved them; matrix cells; gaps opened and
closed; changes of law and ratification that touch the case.

Every level, cell and gap is read from the answers each corpus already gives
(:mod:`lexmap.assessment`, :mod:`lexmap.matrix`, :mod:`lexmap.gaps`): the diff compares them, it
never computes a level of its own. Everything is sorted, so the same two versions give the same
diff byte for byte."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .gaps import KINDS
from .model import STATEMENTS as MODEL_STATEMENTS

if TYPE_CHECKING:
    from .corpus import Corpus

STATEMENTS = tuple((name, name[:-1]) for name in MODEL_STATEMENTS)  # (collection, kind): ("claims", "claim")...
RECORDS = (("documents", "document"), ("practices", "practice"), ("actors", "actor"), ("states", "state"))
MATRICES = (("indicators", "instruments"), ("practices", "instruments"))
CELL_FIELDS = ("level", "independent_sources", "practices", "documents", "contesting")


@attrs.frozen
class FieldChange:
    """One field of a record or a cell: its value before and after, as text (JSON for lists)."""

    field: str
    old: str
    new: str


@attrs.frozen
class RecordChange:
    """A record ``added``, ``removed`` or ``changed`` (with the fields that changed)."""

    kind: str
    id: str
    change: str
    fields: tuple[FieldChange, ...] = ()
    about: str = ""
    """What a statement says, in ids: "document: practice -> element, stance"."""


@attrs.frozen
class Standing:
    """What the corpus answers for a (practice, element): level, contested, independent sources."""

    level: str = "unargued"
    contested: bool = False
    independent_sources: int = 0

    @property
    def text(self) -> str:
        plural = "s" if self.independent_sources != 1 else ""
        return f"{self.level} ({self.independent_sources} independent source{plural}" + (
            ", contested)" if self.contested else ")"
        )


@attrs.frozen
class LevelChange:
    """(``practice``, ``element``) moved from ``old`` to ``new``; ``because``: the statements
    among its evidence (before or after) that were added, removed or changed, as ``+ claim x``,
    then the changed documents recording them, as ``~ document d``."""

    practice: str
    element: str
    old: Standing
    new: Standing
    because: tuple[str, ...] = ()


@attrs.frozen
class CellChange:
    """A cell of the ``matrix`` (``rows x cols``) whose value changed."""

    matrix: str
    row: str
    col: str
    fields: tuple[FieldChange, ...]


@attrs.frozen
class GapChange:
    """A gap ``opened`` (in the new version only) or ``closed`` (in the old one only)."""

    change: str
    kind: str
    concerns: str
    detail: str


@attrs.frozen
class Diff:
    """The semantic difference from ``old`` to ``new`` (labels: folders or revisions)."""

    old: str
    new: str
    statements: tuple[RecordChange, ...] = ()
    records: tuple[RecordChange, ...] = ()
    """Documents, practices, actors and states of the case."""
    levels: tuple[LevelChange, ...] = ()
    cells: tuple[CellChange, ...] = ()
    gaps: tuple[GapChange, ...] = ()
    law: tuple[RecordChange, ...] = ()
    """Instruments, provisions, elements, indicators and ratifications that touch the case."""

    @property
    def changed(self) -> bool:
        return any((self.statements, self.records, self.levels, self.cells, self.gaps, self.law))


def shown(value: Any) -> str:
    """A field's value as one line of text: a string as JSON (quoted, newlines escaped), absent
    as ``(none)``, anything else as compact JSON with sorted keys."""
    if value is None or value == () or value == []:
        return "(none)"
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def _fields(record: Any, skip: Iterable[str] = ()) -> dict[str, Any]:
    skipped = set(skip)
    return {f.name: _plain(getattr(record, f.name)) for f in attrs.fields(type(record)) if f.name not in skipped}


def _plain(value: Any) -> Any:
    """A field's value as plain JSON data (records as dicts without their absent fields)."""
    if attrs.has(type(value)):
        return {k: _plain(v) for k, v in attrs.asdict(value, recurse=False).items() if v not in (None, ())}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def about(record: Any) -> str:
    """A statement in ids: "document: practice -> element (or indicator), stance", a reading
    "document: about instrument, provision..."; else ""."""
    target = getattr(record, "element", None) or getattr(record, "indicator", None)
    if hasattr(record, "document") and hasattr(record, "about"):
        return f"{record.document}: about {', '.join(record.about)}"
    if not hasattr(record, "document") or not hasattr(record, "practice"):
        return ""
    stance = getattr(record, "stance", None)
    return f"{record.document}: {record.practice}" + (f" -> {target}" if target else "") + (f", {stance}" if stance else "")


def compare(
    kind: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    skip: Iterable[str] = (),
    withheld: Collection[str] = (),
    crossed: Mapping[str, str] | None = None,
) -> list[RecordChange]:
    """The records of one collection added, removed and changed, by id; none of the ids
    ``crossed`` (pseudonyms, with the id each has on the other side), which a field reads as that
    id (``cites: "article" -> "withheld-source-1"`` would say that the article is withheld now);
    of a record ``withheld`` (its id a pseudonym of an edition), not the ``visibility``."""
    crossed = crossed or {}
    found = []
    for id_ in sorted((old.keys() | new.keys()) - set(crossed)):
        if id_ not in new:
            found.append(RecordChange(kind, id_, "removed", about=about(old[id_])))
        elif id_ not in old:
            found.append(RecordChange(kind, id_, "added", about=about(new[id_])))
        else:
            skipped = (*skip, "visibility") if id_ in withheld else skip
            before, after = _fields(old[id_], skipped), _fields(new[id_], skipped)
            fields = tuple(
                FieldChange(f, shown(before[f]), shown(after[f]))
                for f in before
                if before[f] != after.get(f) and _as_one(shown(before[f]), crossed) != _as_one(shown(after[f]), crossed)
            )
            if fields:
                found.append(RecordChange(kind, id_, "changed", fields, about(new[id_])))
    return found


def _as_one(text: str, crossed: Mapping[str, str]) -> str:
    """A field's text with each ``crossed`` pseudonym (a JSON string) read as its other id."""
    for pseudonym, original in crossed.items():
        text = text.replace(json.dumps(pseudonym), json.dumps(original))
    return text


def _standings(corpus: Corpus, independence: str) -> dict[tuple[str, str], tuple[Standing, set[str]]]:
    """Every (practice, element) row the corpus assesses: its standing and its evidence (ids of
    the statements behind it: supporting and contesting, on it and below it)."""
    assessor = corpus.assessor(independence)
    rows: dict[tuple[str, str], tuple[Standing, set[str]]] = {}
    for test in corpus.tests:
        for practice in assessor.practices_on(test):
            for row in assessor.coverage(test, practice):
                evidence = {c.id for c in (*row.supporting, *row.subtree_supporting, *row.contested_by, *row.subtree_contesting)}
                rows[practice, row.element.id] = (Standing(row.level, row.contested, row.independent_sources), evidence)
    return rows


def _levels(
    old: Corpus, new: Corpus, statements: list[RecordChange], documents: list[RecordChange], independence: str
) -> list[LevelChange]:
    """The rows whose standing moved, each with the changed statements among its evidence, then
    the changed documents that record them (a document's authors decide its voices)."""
    before, after = _standings(old, independence), _standings(new, independence)
    moved = {s.id: f"{'+' if s.change == 'added' else '-' if s.change == 'removed' else '~'} {s.kind} {s.id}" for s in statements}
    recorded_in = {s.id: s.document for corpus in (old, new) for c in STATEMENTS for s in getattr(corpus, c[0]).values()}
    changed_documents = {d.id for d in documents if d.kind == "document" and d.change == "changed"}
    nothing: tuple[Standing, set[str]] = (Standing(), set())
    found = []
    for key in sorted(before.keys() | after.keys()):
        (was, was_evidence), (now, now_evidence) = before.get(key, nothing), after.get(key, nothing)
        if was != now:
            evidence = was_evidence | now_evidence
            because = tuple(moved[i] for i in sorted(evidence) if i in moved)
            because += tuple(f"~ document {d}" for d in sorted({recorded_in[i] for i in evidence} & changed_documents))
            found.append(LevelChange(key[0], key[1], was, now, because))
    return found


def _cells(old: Corpus, new: Corpus, crossed: Mapping[str, str]) -> list[CellChange]:
    found = []
    for rows, cols in MATRICES:
        if rows == "indicators" and not (old.indicator_frameworks and new.indicator_frameworks):
            continue
        before, after = old.matrix(rows, cols), new.matrix(rows, cols)  # type: ignore[arg-type]
        name = f"{rows} x {cols}"
        for row, col in sorted(before.cells.keys() | after.cells.keys()):
            was, now = _cell(before, row, col), _cell(after, row, col)
            same = _cell(before, row, col, crossed), _cell(after, row, col, crossed)  # a crossed record as one
            fields = tuple(FieldChange(f, shown(was[f]), shown(now[f])) for f in CELL_FIELDS if same[0][f] != same[1][f])
            if fields:
                found.append(CellChange(name, row, col, fields))
    return found


def _cell(matrix: Any, row: str, col: str, crossed: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A cell's values; a ``crossed`` pseudonym read as the id it has on the other side."""
    crossed = crossed or {}
    try:
        cell = matrix.cell(row, col)
    except KeyError:  # the row or column is not in this version's law
        return {"level": "(absent)", "independent_sources": 0, "practices": [], "documents": [], "contesting": []}
    return {
        "level": cell.value("level"),
        "independent_sources": cell.independent_sources,
        "practices": sorted(cell.practices),  # sorted: the order of the files is no change
        "documents": sorted(crossed.get(d, d) for d in cell.documents),
        "contesting": sorted(crossed.get(c, c) for c in cell.contesting),
    }


def _gaps(old: Corpus, new: Corpus, independence: str, crossed: Mapping[str, str]) -> list[GapChange]:
    def keyed(corpus: Corpus) -> dict[tuple[str, str], str]:  # a crossed pseudonym as its id on the other side
        return {
            (g.kind, " -> ".join(x for x in (g.practice, g.element, crossed.get(g.document or "", g.document)) if x)): g.detail
            for g in corpus.gaps(independence=independence)
        }

    before, after = keyed(old), keyed(new)
    order = {kind: i for i, kind in enumerate(KINDS)}
    found = [GapChange("closed", k[0], k[1], before[k]) for k in before.keys() - after.keys()]
    found += [GapChange("opened", k[0], k[1], after[k]) for k in after.keys() - before.keys()]
    return sorted(found, key=lambda g: (g.change == "opened", order.get(g.kind, 0), g.kind, g.concerns))


def _law(old: Corpus, new: Corpus) -> list[RecordChange]:
    """The law that touches the case: instruments (and their provisions and elements) with an
    element some statement argues or that a reading is about, in either version; frameworks of exhibited indicators; the
    ratification histories of the states of the case's practices."""
    used = set()
    states = set()
    frameworks = set()
    for corpus in (old, new):
        used |= {corpus.owner(c.element) for c in corpus.claims.values() if c.element in corpus.elements}
        used |= {corpus.owner(a) for r in corpus.readings.values() for a in r.about if a in corpus}
        states |= {p.state for p in corpus.practices.values() if p.state}
        frameworks |= {corpus.owner(e.indicator) for e in corpus.exhibits.values() if e.indicator in corpus.indicators}

    def owned(corpus: Corpus, collection: Mapping[str, Any], owners: set[str]) -> dict[str, Any]:
        return {i: r for i, r in collection.items() if corpus.owner(i) in owners}

    def elements(corpus: Corpus) -> dict[str, Any]:
        return {
            i: attrs.evolve(e, all_of=tuple(p.id for p in e.all_of), any_of=tuple(p.id for p in e.any_of))
            for i, e in owned(corpus, corpus.elements, used).items()
        }

    def provisions(corpus: Corpus) -> dict[str, Any]:
        return {
            i: attrs.evolve(p, provisions=tuple(c.id for c in p.provisions))
            for i, p in owned(corpus, corpus.provisions, used).items()
        }

    def ratifications(corpus: Corpus) -> dict[str, Any]:
        return {i: r for i, r in corpus.ratifications.items() if r.state in states and r.instrument in used}

    found = compare("instrument", owned(old, old.instruments, used), owned(new, new.instruments, used), ("provisions", "tests"))
    found += compare("provision", provisions(old), provisions(new))
    found += compare("element", elements(old), elements(new))
    found += compare(
        "indicator-framework",
        owned(old, old.indicator_frameworks, frameworks),
        owned(new, new.indicator_frameworks, frameworks),
        ("indicators",),
    )
    found += compare("indicator", owned(old, old.indicators, frameworks), owned(new, new.indicators, frameworks))
    found += compare("ratification", ratifications(old), ratifications(new))
    return found


def diff(
    old: Corpus,
    new: Corpus,
    *,
    old_label: str = "old",
    new_label: str = "new",
    independence: str = "speaker",
    withheld: Collection[str] = (),
    crossed: Mapping[str, str] | None = None,
) -> Diff:
    """The semantic difference from ``old`` to ``new`` (see the module's docstring). Two editions
    (:func:`lexmap.profiles.apply_profiles`) give the ids of records they withhold (``withheld``:
    their visibility is not shown) and of those withheld on one side only and shown on the other
    (``crossed``, with the id each has on the other side: left out, so that a claim made
    confidential reads as one removed; in cells and gaps read as that id)."""
    crossed = crossed or {}

    def changes(collections: Iterable[tuple[str, str]]) -> list[RecordChange]:
        return [
            c
            for collection, kind in collections
            for c in compare(kind, getattr(old, collection), getattr(new, collection), (), withheld, crossed)
        ]

    statements, records = changes(STATEMENTS), changes(RECORDS)
    return Diff(
        old=old_label,
        new=new_label,
        statements=tuple(statements),
        records=tuple(records),
        levels=tuple(_levels(old, new, statements, records, independence)),
        cells=tuple(_cells(old, new, crossed)),
        gaps=tuple(_gaps(old, new, independence, crossed)),
        law=tuple(_law(old, new)),
    )
