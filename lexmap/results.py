"""Answers in notebook-friendly form: record lists that become DataFrames and render as HTML."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs

from .display import flat_record, record_html
from .extras import require

if TYPE_CHECKING:
    from .matrix import Matrix


def require_pandas() -> ModuleType:
    """pandas, an optional extra (:func:`lexmap.extras.require`)."""
    return require("pandas", "DataFrames")


class Records(tuple[Any, ...]):
    """A tuple of model records (claims, practices, ...) with ``to_frame()`` and an HTML table.

    ``derived`` adds columns computed from each record (a statement's resolved ``speakers``),
    placed after the column ``after`` names (one for all, or one per derived column; default:
    at the end).
    """

    derived: dict[str, Callable[[Any], Any]]
    after: str | Mapping[str, str] | None

    def __new__(
        cls,
        items: Iterable[Any] = (),
        derived: Mapping[str, Callable[[Any], Any]] | None = None,
        after: str | Mapping[str, str] | None = None,
    ) -> Records:
        self = super().__new__(cls, items)
        self.derived = dict(derived or {})
        self.after = after
        return self

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per record: its fields, then the derived columns."""
        out = []
        for record in self:
            row = flat_record(record)
            if self.derived:
                extra = {name: compute(record) for name, compute in self.derived.items()}
                places: Mapping[str, str | None] = (
                    self.after if isinstance(self.after, Mapping) else dict.fromkeys(extra, self.after)
                )
                items = list(row.items())
                for name in reversed(list(extra)):  # each after its column, in the order given
                    keys = [k for k, _ in items]
                    anchor = places.get(name)
                    if anchor is not None and anchor in keys:
                        items.insert(keys.index(anchor) + 1, (name, extra[name]))
                    elif not isinstance(self.after, Mapping):
                        items.append((name, extra[name]))  # per-column places: a column whose anchor is absent is left out
                row = dict(items)
            out.append(row)
        return out

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame, one row each, one column per field."""
        pd = require_pandas()
        return pd.DataFrame(self.rows())

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self]

    def _repr_html_(self) -> str:
        if not self:
            return "<p><em>no records</em></p>"
        rows = self.rows()
        columns = [c for c in rows[0] if any(row[c] not in (None, "") for row in rows)]
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        body = "".join(
            "<tr>"
            + "".join(f"<td style='text-align:left'>{html.escape('' if row[c] is None else str(row[c]))}</td>" for c in columns)
            + "</tr>"
            for row in rows
        )
        return f"<table><tr>{head}</tr>{body}</table>"


class _RecordHtml:
    __slots__ = ()

    def _repr_html_(self) -> str:
        return record_html(self)


@attrs.frozen
class Support(_RecordHtml):
    """What supports "``practice`` satisfies ``element``": the claims, their documents, and how
    many of those documents are independent of one another."""

    practice: str
    element: str
    claims: tuple
    documents: tuple[str, ...]
    independent_sources: int
    level: str = "argued"
    """The pair's level (lexmap.coverage's rules): argued or corroborated."""

    @property
    def independent_documents(self) -> int:
        """Former name of :attr:`independent_sources`."""
        return self.independent_sources


def kind_heading(kind: str) -> str:
    """The heading of a row or column kind: ``indicators`` -> ``Indicator``."""
    return kind.removesuffix("s").capitalize()


def matrix_table_html(matrix: Matrix, value: str = "count", link: Callable[[str], str] | None = None) -> str:
    """The matrix as a plain, escaped HTML table: each cell classed by its level (and
    ``contested``, also marked in text) with a tooltip of its practices and documents; ``link``
    (practice id -> URL) adds links to the cell's practices."""
    from .palette import CONTESTED, CONTESTED_MARK, EMPTY_MARK

    esc = html.escape
    head = "".join(f'<th scope="col" title="{esc(c.id)}">{esc(c.label)}</th>' for c in matrix.cols)
    rows = []
    for row in matrix.rows:
        cells = []
        for col in matrix.cols:
            cell = matrix.cell(row.id, col.id)
            title = f"practices: {', '.join(cell.practices) or 'none'}; documents: {', '.join(cell.documents) or 'none'}"
            raw = cell.value(value)
            shown = EMPTY_MARK if raw in (0, "") else esc(str(raw))  # the site's mark for an empty cell, not 0
            if cell.contested and value != "level":
                shown += f' <span class="marker" title="{CONTESTED.name}">{CONTESTED_MARK}</span>'
            if link and cell.practices:
                shown += "<br>" + ", ".join(f'<a href="{esc(link(p))}">{esc(p)}</a>' for p in cell.practices)
            classes = cell.level + (" contested" if cell.contested else "")
            cells.append(f'<td class="{classes}" title="{esc(title)}">{shown}</td>')
        rows.append(f'<tr><th scope="row" title="{esc(row.id)}">{esc(row.label)}</th>{"".join(cells)}</tr>')
    return (
        '<table class="lexmap-matrix">'
        f'<thead><tr><th scope="col">{esc(kind_heading(matrix.row_kind))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def statement_records(statements: Iterable[Any], voices: Callable[[Any], tuple[str, ...]], records: Mapping[str, Any]) -> Records:
    """Statements as Records whose tables show who speaks each beside its document, and a label
    beside every id (a DataFrame a reader can read without looking ids up); ``records`` maps ids
    to records, ``voices`` gives a statement's voices (lexmap.independence)."""

    def label(id_: str | None) -> str | None:
        record = records.get(id_) if id_ else None
        return getattr(record, "label", None) or getattr(record, "title", None) or getattr(record, "name", None)

    return Records(
        statements,
        derived={
            "speakers": lambda s: "; ".join(voices(s)),
            "speaker_names": lambda s: "; ".join(label(v) or v for v in voices(s)),
            "document_title": lambda s: label(s.document),
            "practice_label": lambda s: label(s.practice),
            "element_label": lambda s: label(getattr(s, "element", None)),
            "indicator_label": lambda s: label(getattr(s, "indicator", None)),
        },
        after={
            "speakers": "document",
            "speaker_names": "document",
            "document_title": "document",
            "practice_label": "practice",
            "element_label": "element",
            "indicator_label": "indicator",
        },
    )
