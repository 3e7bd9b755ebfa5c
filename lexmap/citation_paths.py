"""The citation rule of source independence (:mod:`lexmap.independence`), in time linear in the
citations below the statements' documents, and the paths of citations a reason gives.

The rule: two statements are dependent when one's document cites the other's, directly or
through documents that record no statement of the group (a *recorded* document ends a path: what
lies beyond it is its own statements' business). Walking every recorded document's citations
apart was K x N: K statements in K documents relying on the head of a chain of N citing
documents walked the chain K times, and K documents relying on the head of a chain whose every
document cites a recorded one (a ladder) made K x N links, each with its path in words.

Here the region below the recorded documents is walked three times in all, each document once:

1. down from the recorded documents, noting who cites each document in the region;
2. up from the recorded documents: which documents of the region lead to one (*alive*), each
   with the nearest one and the path to it (the others lead nowhere and are never walked again);
3. down again, from all recorded documents at once: each alive document is *labelled* by the
   first recorded document that reaches it, and links are made from a document's label to what
   it cites that is recorded, and to the nearest recorded document of what another label reached.

Every link made is a pair the rule names (a path joins them, with no recorded document inside),
and every pair the rule names ends up joined: the label of a document is joined to the nearest
recorded document below it (by induction on the distance to it), hence to every recorded document
below it (by induction on the distance to that one), and so is every document citing it. Cycles
need nothing apart: a document is labelled, and its nearest target found, once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping, Sequence

PATH_WORDS = 6
"""The longest path of citations a reason gives in full."""

Step = tuple[str, str, "str | None"]  # (citing document, cited document, pinpoint)


class Steps:
    """A path of citations as a reason gives it: every step of a path of up to :data:`PATH_WORDS`
    steps, else the first two, how many between and the last two. Joining two paths takes the
    same few steps whatever their lengths (a reason's path was walked step by step, once a link)."""

    __slots__ = ("count", "head", "tail")

    def __init__(self, count: int, head: tuple[Step, ...], tail: tuple[Step, ...]):
        self.count, self.head, self.tail = count, head, tail

    @classmethod
    def one(cls, citing: str, cited: str, pinpoint: str | None) -> Steps:
        step = ((citing, cited, pinpoint),)
        return cls(1, step, step)

    def then(self, other: Steps) -> Steps:
        """This path followed by ``other``."""
        head = self.head if self.count >= PATH_WORDS else (self.head + other.head)[:PATH_WORDS]
        tail = other.tail if other.count >= 2 else (self.tail + other.tail)[-2:]
        return Steps(self.count + other.count, head, tail)

    def words(self) -> str:
        """``A cites B at fn. 3; B cites C``; of a path of more than :data:`PATH_WORDS`
        citations only the first two and the last two, with how many are between."""
        if self.count <= PATH_WORDS:
            shown: Sequence[Step | None] = self.head
        else:
            shown = [*self.head[:2], None, *self.tail]
        return "; ".join(
            f"{self.count - 4} more citations"
            if step is None
            else f"{step[0]} cites {step[1]}" + (f" at {step[2]}" if step[2] else "")
            for step in shown
        )


EMPTY = Steps(0, (), ())


def citation_links(
    cites: Callable[[str], Sequence[tuple[str, str | None]]],
    recorded: Mapping[str, int],
    link: Callable[[str, str, Callable[[], str]], None],
    reasons: bool = True,
) -> int:
    """Join the recorded documents the citation rule joins: ``link(citing, cited, words)`` for
    pairs enough to join them all (``words()`` puts the path in words). ``cites(document)`` are
    its citations (what its statements rely on included), ``recorded`` the documents holding a
    statement. Without ``reasons`` no path is kept. Returns how many documents' citations were
    read (each once), the measure of the work."""
    one = Steps.one if reasons else _nothing
    out: dict[str, Sequence[tuple[str, str | None]]] = {}
    below: list[str] = []  # the documents under the recorded ones that record nothing, as found
    citers: dict[str, list[tuple[str, str | None]]] = {}  # who cites each, among those
    # 1. down: the documents below the recorded ones (through documents that record nothing)
    for document in recorded:
        out[document] = cites(document)
    for document in recorded:
        for cited, _ in out[document]:
            if cited not in out:  # neither recorded nor found already
                out[cited] = ()
                below.append(cited)
    for document in below:  # grows as it is read
        out[document] = cites(document)
        for cited, pinpoint in out[document]:
            citers.setdefault(cited, []).append((document, pinpoint))
            if cited not in recorded and cited not in out:
                out[cited] = ()
                below.append(cited)
    # 2. up: the documents that lead to a recorded one, each with the nearest and the path to it
    nearest: dict[str, tuple[str, Steps | None]] = {}
    distance: dict[str, int] = {}
    queue: deque[str] = deque()
    for target in recorded:
        for citing, pinpoint in citers.get(target, ()):
            if citing not in nearest:
                nearest[citing], distance[citing] = (target, one(citing, target, pinpoint)), 1
                queue.append(citing)
    while queue:
        document = queue.popleft()
        target, path = nearest[document]
        for citing, pinpoint in citers.get(document, ()):
            if citing not in nearest:
                nearest[citing], distance[citing] = (target, _then(one(citing, document, pinpoint), path)), distance[document] + 1
                queue.append(citing)
    # 3. down again from every recorded document at once, through the documents that lead somewhere
    label: dict[str, tuple[str, Steps | None]] = {}
    for document in recorded:  # what it cites that is recorded, then the nearest below what it cites, nearest first
        leading = []
        for cited, pinpoint in out[document]:
            if cited in recorded:
                if cited != document:
                    link(document, cited, _words(one(document, cited, pinpoint)))
            elif cited in nearest:
                leading.append((distance[cited], cited, pinpoint))
        for _, cited, pinpoint in sorted(leading, key=lambda lead: lead[0]):
            step = one(document, cited, pinpoint)
            if cited not in label:
                label[cited] = (document, step)
                queue.append(cited)
            target, path = nearest[cited]
            if target != document:
                link(document, target, _words(_then(step, path)))
    while queue:
        document = queue.popleft()
        source, path = label[document]
        for cited, pinpoint in out[document]:
            if cited in recorded:
                if cited != source:
                    link(source, cited, _words(_then(path, one(document, cited, pinpoint))))
            elif cited in nearest:
                if cited not in label:
                    label[cited] = (source, _then(path, one(document, cited, pinpoint)))
                    queue.append(cited)
                elif label[cited][0] != source and (target := nearest[cited][0]) != source:
                    step = _then(path, one(document, cited, pinpoint))
                    link(source, target, _words(_then(step, nearest[cited][1])))
    return len(recorded) + len(below)


def _nothing(*_args) -> None:
    return None


def _then(first: Steps | None, second: Steps | None) -> Steps | None:
    return None if first is None or second is None else first.then(second)


def _no_words() -> str:
    return ""


def _words(path: Steps | None) -> Callable[[], str]:
    return _no_words if path is None else path.words
