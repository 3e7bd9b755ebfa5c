"""The corpus as Parquet files for DuckDB, pandas and Polars users; needs the ``parquet`` extra.

One ``<table>.parquet`` per table of :mod:`lexmap.exports.tables` (the tables
of the SQLite export), typed columns (lists stay lists), in a folder that is
written beside the target and swapped in whole: a reader sees the old folder
or the complete new one, through :func:`lexmap.outputs.replaced_folder` (the
folder's marker lists what lexmap wrote: a folder holding anything else, or
another kind of output, is refused).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..extras import require
from ..outputs import OutputError, check_folder_output, replaced_folder
from .table_rows import table_rows
from .tables import BOOLEAN, INTEGER, LIST, REAL, TABLES


def _pyarrow():
    require("pyarrow.parquet", "Parquet export")
    return require("pyarrow", "Parquet export")


def corpus_tables(corpus) -> dict:
    """Every table of the corpus as a :class:`pyarrow.Table`, by name."""
    pa = _pyarrow()
    types = {INTEGER: pa.int64(), BOOLEAN: pa.bool_(), LIST: pa.list_(pa.string()), REAL: pa.float64()}
    out = {}
    for table in TABLES:
        schema = pa.schema(
            [pa.field(c.name, types.get(c.type, pa.string()), nullable=not c.required) for c in table.columns],
            metadata={"description": table.description},
        )
        columns: list[list] = [[] for _ in table.columns]
        for row in table_rows(corpus, table.name):
            for values, value in zip(columns, row, strict=True):
                values.append(value)
        out[table.name] = pa.Table.from_arrays(
            [pa.array(v, type=f.type) for v, f in zip(columns, schema, strict=True)], schema=schema
        )
    return out


OutputFolderError = OutputError
"""What :func:`write_parquet` raises for a folder it may not replace (one mechanism for every
output folder: :mod:`lexmap.outputs`)."""


def write_parquet(corpus, folder: str | Path, inputs: Iterable[str | os.PathLike] = (), *, force: bool = False) -> list[Path]:
    """Write one ``.parquet`` file per table into ``folder``, built beside it and swapped in
    whole (replacing an earlier Parquet export there; refused as
    :func:`lexmap.outputs.check_folder_output` says: never a folder holding anything lexmap did
    not write, never another kind of output, never ``inputs``). Returns the files written."""
    pa = _pyarrow()
    check_folder_output(folder, inputs, force=force, kind="parquet")  # before the work
    tables = corpus_tables(corpus)
    with replaced_folder(folder, inputs, force=force, kind="parquet") as staging:
        for name, table in tables.items():
            pa.parquet.write_table(table, staging / f"{name}.parquet")
    return sorted(Path(folder).resolve().glob("*.parquet"))
