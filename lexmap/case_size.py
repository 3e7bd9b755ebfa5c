"""The bound on the bytes of data files one load reads, all together, checked from their sizes
before any is read: each file has its own bound (:func:`lexmap.yamlread.limit_of`), but not
their number (three notes of 19 MiB in a 58 kB tarball took 8 s and 220 MB to validate)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path

from .problems import Problem
from .yamlread import limit_of

MAX_CASE_BYTES = 128 * 2**20
"""The most bytes of data files one load reads: 20,000 claims are 10 MB, the bundled case and
law 1 MB, the scale-100 benchmark (200,000 claims) 80 MiB; a load takes about 1.4 s and
36 MB of memory a megabyte of small records (200,000 actors, 11 MB: 15 s, 400 MB)."""


def problem(files: list[Path], label: Callable[[Path], str]) -> Problem | None:
    """The problem of ``files`` passing :data:`MAX_CASE_BYTES` together, at the file where the
    running total passes it (named by ``label``), or None."""
    totals = list(itertools.accumulate(_size(file) for file in files))
    if not totals or totals[-1] <= MAX_CASE_BYTES:
        return None
    at = next(file for file, total in zip(files, totals, strict=True) if total > MAX_CASE_BYTES)
    return Problem(
        label(at),
        None,
        None,
        None,
        f"the data files hold {totals[-1] / 2**20:,.1f} MiB in all, past the {MAX_CASE_BYTES >> 20} MiB a load reads; none was read",
        "move what is not the case's data out of its folders (20,000 claims are 10 MB)",
    )


def _size(path: Path) -> int:
    """The bytes of ``path`` a load would read: none of a file over its own bound (refused from
    its size, unread) or one that cannot be looked at (reading it says why)."""
    try:
        size = os.stat(path).st_size
    except OSError:
        return 0
    return size if size <= limit_of(path) else 0
