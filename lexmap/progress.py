"""Progress on long work (reading a corpus, validating it, building its site): a bar on stderr
in a terminal, a widget (or the same text) in a notebook, nothing anywhere else.

One mechanism for every command and the API alike, placed below every layer so the reader can
use it. tqdm draws it (lexmap's ``progress`` extra; MIT/MPL-2.0); without tqdm nothing is
shown. Output that is neither a terminal nor a notebook (a pipe, a log file, CI) stays quiet
unless asked: ``LEXMAP_PROGRESS=1`` shows progress everywhere, at once; ``LEXMAP_PROGRESS=0``
never. Short work shows nothing: a bar appears only for at least :data:`MIN_ITEMS` items still
running after :data:`DELAY` seconds. Progress goes to stderr or the notebook's widget only: it is
never part of what a function returns or what a command prints on stdout.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from .extras import MissingExtra

ENV = "LEXMAP_PROGRESS"
DELAY = 1.0
"""Seconds before a bar appears (0 when ``LEXMAP_PROGRESS=1``): work done sooner shows none."""
MIN_ITEMS = 200
"""Fewer items than this show no bar, however long (unless ``LEXMAP_PROGRESS=1``): a small case
prints the same output, a notebook of it the same cells, every time."""

T = TypeVar("T")


def setting() -> str | None:
    """``"always"``, ``"never"`` or None (decide by the output) from ``LEXMAP_PROGRESS``."""
    value = os.environ.get(ENV, "").strip().lower()
    if value in ("1", "yes", "true", "on", "always"):
        return "always"
    if value in ("0", "no", "false", "off", "never"):
        return "never"
    return None


def in_notebook() -> bool:
    """Whether this runs in a Jupyter kernel (IPython's ZMQ shell), where stderr is no terminal
    but a person watches."""
    ipython = sys.modules.get("IPython")
    shell = getattr(ipython, "get_ipython", lambda: None)() if ipython is not None else None
    return type(shell).__name__ == "ZMQInteractiveShell"


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):  # closed or replaced by an object without isatty
        return False


def wanted(total: int | None = None) -> bool:
    """Whether work of ``total`` items shows progress here."""
    mode = setting()
    if mode is not None:
        return mode == "always"
    if total is not None and total < MIN_ITEMS:
        return False
    return in_notebook() or _stderr_is_terminal()


def _tqdm_class():
    """tqdm's notebook widget in a notebook with ipywidgets, else its text bar; None without tqdm."""
    try:
        from tqdm import std
    except ImportError:
        return None
    if in_notebook():
        try:
            import ipywidgets  # noqa: F401
            from tqdm.notebook import tqdm as widget

            return widget
        except ImportError:
            pass  # the text bar: a notebook shows stderr too
    return std.tqdm


class _Quiet:
    """What :func:`bar` yields when nothing is shown: the same calls, doing nothing."""

    def update(self, n: int = 1) -> None:
        pass

    def set_description(self, text: str) -> None:
        pass


_said: set[str] = set()


def _say_once(line: str) -> None:
    if line not in _said:
        _said.add(line)
        print(line, file=sys.stderr)


@contextmanager
def bar(description: str, total: int | None = None, unit: str = "file") -> Iterator:
    """A progress bar for ``total`` items (``update(n)`` after each), or a quiet stand-in."""
    made = _tqdm_class() if wanted(total) else None
    if made is None:
        if setting() == "always" and _tqdm_class() is None:
            _say_once(f"lexmap: {MissingExtra('tqdm', 'progress (LEXMAP_PROGRESS)')}")
        yield _Quiet()
        return
    now = setting() == "always"
    size = shutil.get_terminal_size((80, 24))  # a terminal of unknown size (0 x 0): 80 x 24, where tqdm would draw nothing
    shown = made(
        total=total,
        desc=description,
        unit=unit,
        delay=0 if now else DELAY,
        leave=in_notebook(),
        file=sys.stderr,
        ncols=size.columns,
        nrows=size.lines,
        mininterval=0.2,
    )
    try:
        yield shown
    finally:
        shown.close()


def each(items: Iterable[T], description: str, unit: str = "file") -> Iterator[T]:
    """``items`` one by one, with a progress bar (see :func:`bar`) while they last."""
    listed = items if isinstance(items, list | tuple) else list(items)
    with bar(description, len(listed), unit) as shown:
        for item in listed:
            yield item
            shown.update(1)
