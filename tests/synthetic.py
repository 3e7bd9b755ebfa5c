"""The synthetic corpora of benchmarks/generate.py, for tests, and built folders read back whole so
that two builds can be compared byte for byte."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from generate import generate  # noqa: E402


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by its path relative to it, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def synthetic_case(folder: Path, seed: int, scale: float = 1) -> Path:
    """A generated case at ``scale`` in ``folder``."""
    generate(folder, scale=scale, seed=seed)
    return folder
