"""The matrix as JSON: rows, columns and every cell with everything behind it."""

from __future__ import annotations

import json

import attrs

from ..matrix import Matrix


def matrix_json(
    matrix: Matrix, *, title: str | None = None, date: str | None = None, value: str = "count", measure: str | None = None
) -> str:
    data = {
        "title": title,
        "date": date,
        "value": value,
        "measure": measure,
        "rows": {"kind": matrix.row_kind, "headers": [attrs.asdict(h) for h in matrix.rows]},
        "cols": {"kind": matrix.col_kind, "headers": [attrs.asdict(h) for h in matrix.cols]},
        "cells": [
            {**attrs.asdict(cell), "contested": cell.contested}
            for r in matrix.rows
            for c in matrix.cols
            for cell in (matrix.cell(r.id, c.id),)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
