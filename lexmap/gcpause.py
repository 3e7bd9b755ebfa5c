"""Pausing Python's cyclic garbage collector during allocation-heavy phases.

Loading a corpus or computing a matrix creates hundreds of thousands of objects
that all stay alive; the collector would walk the whole growing heap again and
again to free nothing (over half of the matrix time at 100x, see
docs/performance.md). Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
