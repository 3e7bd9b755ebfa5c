"""Problems found in a corpus, and the one error type that carries them all."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs


@attrs.frozen(order=True)
class Problem:
    """One thing wrong with a corpus, located precisely enough to fix it.

    ``file`` is relative to the corpus folder; ``line`` and ``column`` are
    1-based (``None`` when the problem is about a whole file).
    """

    file: str
    line: int | None
    column: int | None
    id: str | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.id:
            text += f"[{self.id}] "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return printable(text)


def printable(text: str) -> str:
    """``text`` with every non-printable character written as its Python escape (``\\x1b``),
    so that values echoed from the data cannot drive a terminal (ESC and OSC sequences)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class CorpusError(Exception):
    """A corpus could not be loaded; ``problems`` lists every reason, sorted by place; ``marks``:
    the visibility of each record read (:attr:`lexmap.loader._CorpusReader.marks`), so that a
    profile can keep withheld records out of the problems (:func:`lexmap.profiles.withhold_problems`)."""

    def __init__(self, problems: Iterable[Problem], marks: Sequence[tuple[str, str, str | None, str | None, str | None]] = ()):
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=_sort_key))
        self.marks = tuple(marks)
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the corpus:"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


def _sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.column or 0, problem.message)


class UnknownId(KeyError):
    """An id the corpus does not hold, asked for through the API: says what kind of record was
    expected and the closest ids it does hold (a typo is not an empty answer)."""

    def __init__(self, value: object, kind: str, known: Iterable[str]):
        import difflib

        self.value, self.kind = value, kind
        ids = list(known)
        names = {}  # a record's name or label, lowercased -> its id: "cuba" finds "cu"
        if isinstance(known, Mapping):
            for id_, record in known.items():
                name = getattr(record, "name", None) or getattr(record, "label", None)
                if isinstance(name, str):
                    names[name.lower()] = id_
        by_name = [names[n] for n in difflib.get_close_matches(str(value).lower(), list(names), n=2, cutoff=0.75)]
        close = list(dict.fromkeys(by_name + difflib.get_close_matches(str(value), ids, n=3, cutoff=0.6)))[:3]
        self.hint = f"did you mean {' or '.join(map(repr, close))}?" if close else None
        super().__init__(value)

    def __str__(self) -> str:
        return f"unknown {self.kind} {self.value!r}" + (f"; {self.hint}" if self.hint else "")


class Suggestions:
    """The "did you mean" of many unknown references in one load, in bounded work.

    Each suggestion is a difflib pass over candidate ids: done for every problem over every id,
    2,000 unknown practices among 2,000 took 375 s (problems x ids x id length squared). Here the
    ids of a kind are grouped by length once (a close match differs by a few letters, so only ids
    within :data:`SPREAD` of the reference's length are compared, at most :data:`CANDIDATES` of
    them), and only the first :data:`FIRST` problems of a kind get a suggestion."""

    FIRST = 20
    CANDIDATES = 1000
    SPREAD = 3

    def __init__(self) -> None:
        self._by_length: dict[str, dict[int, list[str]]] = {}
        self._given: dict[str, int] = {}

    def close(self, ref: str, kind: str, ids: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str] | None:
        """The ids (of ``kind``, from ``ids`` the first time ``kind`` is asked) closest to ``ref``;
        None once FIRST suggestions of ``kind`` were given (the caller says so instead)."""
        import difflib

        given = self._given.get(kind, 0)
        if given >= self.FIRST:
            return None
        self._given[kind] = given + 1
        if (by_length := self._by_length.get(kind)) is None:
            by_length = self._by_length[kind] = {}
            for id_ in ids:
                by_length.setdefault(len(id_), []).append(id_)
        near: list[str] = []
        for spread in range(self.SPREAD + 1):
            for length in {len(ref) - spread, len(ref) + spread}:
                near += by_length.get(length, ())[: self.CANDIDATES - len(near)]
        return difflib.get_close_matches(ref, near, n=n, cutoff=cutoff)
