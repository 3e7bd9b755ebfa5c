"""Deterministic measures of work for the tests that guard against a hang or a quadratic blow-up.

The project's rule is "no timings in unit tests": a wall-clock bound fails on a loaded machine
and passes a regression on a fast one. These count the operation that was done too often, or
the memory a read took, so that a bound holds on any machine."""

from __future__ import annotations

import threading
import tracemalloc
from collections.abc import Callable
from typing import Any


def counted_ids() -> type[str]:
    """A fresh ``str`` subclass whose equality tests are counted in its ``compared`` attribute.

    A test of membership in a list compares the item with every element (a set or dict lookup
    compares only on a hash match), so ids of this type count the work a chain walk does."""

    class Id(str):
        compared = 0

        def __eq__(self, other: object) -> bool:
            type(self).compared += 1
            return str.__eq__(self, other)

        def __ne__(self, other: object) -> bool:
            type(self).compared += 1
            return str.__ne__(self, other)

        __hash__ = str.__hash__

    return Id


def peak_bytes(call: Callable[[], Any]) -> tuple[Any, int]:
    """What ``call()`` returns (or the exception it raised, returned) and the peak of the memory
    Python allocated meanwhile, in bytes (tracemalloc)."""
    tracemalloc.start()
    try:
        try:
            result: Any = call()
        except Exception as error:  # the caller asserts on it
            result = error
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def counting(monkeypatch, owner: Any, name: str) -> list:
    """Wrap ``owner.name`` so that each call's arguments are appended to the list returned."""
    original = getattr(owner, name)
    seen: list = []

    def counted(*args, **kwargs):
        seen.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return seen


def returns_at_all(call: Callable[[], Any], seconds: float = 60) -> Any:
    """``call()`` run in a thread: its result (or its exception, raised again). Only for a test of
    a network deadline, where a regression waits on a socket for ever: a *generous* sanity bound
    that turns a hang into a failure, never a measure of speed."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = call()
        except BaseException as error:  # raised again in the test's thread
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still waiting after {seconds} s: the deadline never fired"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def lines_run(call: Callable[[], Any], module: Any) -> tuple[Any, int]:
    """What ``call()`` returns and how many lines of ``module``'s code ran meanwhile (a trace
    function on that file's frames only; for a package, on the files in its folder): the work a
    loop in it did, on any machine."""
    import os
    import sys

    path, count = module.__file__, 0
    if os.path.basename(path) == "__init__.py":
        path = os.path.dirname(path) + os.sep

    def local(frame, event, _arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, _event, _arg):
        return local if frame.f_code.co_filename.startswith(path) else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = call()
    finally:
        sys.settrace(previous)
    return result, count


def longest_marks(text: str) -> int:
    """The longest run of combining marks (characters of a combining class other than 0) in
    ``text``: what NFC's reordering costs time quadratic in."""
    import unicodedata

    longest = run = 0
    for char in text:
        run = run + 1 if unicodedata.combining(char) else 0
        longest = max(longest, run)
    return longest


def nfc_runs(monkeypatch) -> list[int]:
    """Wrap ``unicodedata.normalize``: the longest run of marks of each text it is given."""
    import unicodedata

    original, runs = unicodedata.normalize, []

    def normalize(form: str, text: str) -> str:
        runs.append(longest_marks(text))
        return original(form, text)

    monkeypatch.setattr(unicodedata, "normalize", normalize)
    return runs


class Scanned(str):
    """A text whose ``find`` counts its calls (``finds``) and the characters each one read
    (``read``: up to the end of the match, or of the text when there is none)."""

    finds = read = 0

    def find(self, sub, start=0, *args):  # type: ignore[override]
        at = str.find(self, sub, start, *args)
        self.finds += 1
        self.read += (at + len(sub) if at >= 0 else len(self)) - max(start or 0, 0)
        return at


def yaml_events(monkeypatch, bound: int) -> list[int]:
    """Count the YAML events lexmap pulls from the parser (``[count]``), failing at once past
    ``bound``: a file nested too deep is refused after a few of them, not parsed to its end."""
    from lexmap import yamlread

    events, pulled = yamlread._events, [0]

    def counted(loader):
        for event in events(loader):
            pulled[0] += 1
            assert pulled[0] <= bound, f"{pulled[0]:,} YAML events read"
            yield event

    monkeypatch.setattr(yamlread, "_events", counted)
    return pulled
