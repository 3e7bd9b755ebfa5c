"""The corpus as Parquet files for DuckDB, pandas and Polars users; needs the ``parquet`` extra.

One ``<table>.parquet`` per table of :mod:`lexmap.exports.tables` (the tables
of the SQLite export), typed columns (lists stay lists), in a folder that is
written beside the target and swapped in whole: a reader sees the old folder
or the complete new one. The folder carries a marker file, and lexmap replaces
only a folder that is empty or carries it, never a folder of someone else's
files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..extras import require
from .tables import BOOLEAN, INTEGER, LIST, TABLES, table_rows

MARKER = ".lexmap-output"


def _pyarrow():
    require("pyarrow.parquet", "Parquet export")
    return require("pyarrow", "Parquet export")


def corpus_tables(corpus) -> dict:
    """Every table of the corpus as a :class:`pyarrow.Table`, by name."""
    pa = _pyarrow()
    types = {INTEGER: pa.int64(), BOOLEAN: pa.bool_(), LIST: pa.list_(pa.string())}
    out = {}
    for table in TABLES:
        schema = pa.schema([pa.field(c.name, types.get(c.type, pa.string()), nullable=not c.required) for c in table.columns],
                           metadata={"description": table.description})
        columns: list[list] = [[] for _ in table.columns]
        for row in table_rows(corpus, table.name):
            for values, value in zip(columns, row):
                values.append(value)
        out[table.name] = pa.Table.from_arrays([pa.array(v, type=f.type) for v, f in zip(columns, schema)], schema=schema)
    return out


class OutputFolderError(ValueError):
    """The target folder holds files lexmap did not write."""


def check_output_folder(target: Path) -> None:
    """Refuse a target that is a file, or a non-empty folder without lexmap's marker."""
    if target.exists() and not target.is_dir():
        raise OutputFolderError(f"{target} is a file, not a folder: choose a folder for the Parquet files")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise OutputFolderError(f"{target} is not empty and was not written by lexmap (no {MARKER} file): "
                                "choose a new or empty folder")


def write_parquet(corpus, folder: str | Path) -> list[Path]:
    """Write one ``.parquet`` file per table into ``folder`` (replacing an earlier export there).
    Returns the files written."""
    pa = _pyarrow()
    target = Path(folder).resolve()
    check_output_folder(target)
    tables = corpus_tables(corpus)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    old = None
    try:
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp's folder is private; an export folder is not
        for name, table in tables.items():
            pa.parquet.write_table(table, staging / f"{name}.parquet")
        (staging / MARKER).write_text("Written by lexmap export parquet; lexmap replaces this folder on the next export.\n",
                                      encoding="utf-8")
        if target.exists():
            check_output_folder(target)  # again: it may have changed while we wrote
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            target.rename(old / "previous")
        staging.rename(target)
    except BaseException:
        if old is not None and (old / "previous").exists() and not target.exists():
            (old / "previous").rename(target)  # put the previous export back
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return sorted(target.glob("*.parquet"))
