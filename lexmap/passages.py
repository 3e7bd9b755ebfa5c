"""Finding words in a document's text: the passages that hold them, verbatim, with their pages.

``lexmap find`` and a quote that is not verbatim both need the passage of the text an analyst
meant: exactly the words when the text holds them (found as quotes are, in the normal form of
:mod:`lexmap.quotes`), else the closest passages of about as many words (difflib's ratio over
their words, in windows around the rarest words they share with what was asked). A passage is shown as the text writes it (its
own quotation marks, accents and hyphens; runs of white space as one space), so that it can be
pasted as a quote and be found verbatim.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path

import attrs

from .pages import PagedText, Place
from .quotes import LIGATURES, nfc, normalise, visible

RAREST, MAX_PLACES = 3, 200
"""Windows are tried around the places of the 3 rarest words the text shares with what is
sought, at most 200 places each: enough for a passage that shares most of its words."""
HINT_WINDOWS = 3000
"""The windows the closest-passage hints of one load compare in all, each at most one difflib
ratio of HINT_WORDS words (2.6 ms at worst): the places of a quote's rarest words, recurring
through a text of one repeated word, made 71,489 ratios, 3 minutes a hint (attack round 12, G1).
The hint is advice: past the budget it names the closest passage of those compared, or none, and
says the text was not searched fully."""
_EDGE = ".,;:!?()\"'"
CUTOFF = 0.6
"""The least difflib ratio of a close passage: below it a passage shares words, not wording."""
_LIGATURES = str.maketrans({**LIGATURES, "\u00a0": " "})
_ALTERNATIVES = {"'": "['\u2018\u2019\u201a]", '"': '["\u201c\u201d\u201e]', "-": "[-\u2010\u2011]"}
_BETWEEN_LETTERS = r"\u00ad*(?:[-\u2010\u2011](?:[^\S\n]*\n\s*)?\u00ad*)?"
"""Soft hyphens, or a hyphen (and the line break after it) that the normal form drops between two
letters; between other characters only soft hyphens (:data:`_SOFT`). A hyphen allowed between
any two characters made the pattern ambiguous where the text has hyphens: 2**k ways to match k
of them, tried one by one when the words are not found back (40 hyphens hung validate)."""
_SOFT = "\u00ad*"
_LETTER = re.compile(r"[^\W\d_]")
MAX_VERBATIM = 4000
"""The longest passage (characters of the normal form) looked for again as the text writes it;
a longer one is shown in the normal form."""
_LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[^\S\n]*\n\s*(?=[^\W\d_])")


@attrs.frozen
class Passage:
    """A passage of a text: ``words`` as the text writes them, where they are (``place``: None
    for a text without pages), and ``score`` (1.0: exactly the words asked for)."""

    words: str
    place: Place | None
    score: float

    @property
    def exact(self) -> bool:
        return self.score == 1.0

    def pinpoint(self) -> str | None:
        """The printed page(s) as a pinpoint cites them (``p. 21``), or None without pages."""
        return self.place.cite() if self.place is not None else None

    def page(self) -> str | None:
        """The printed page the passage starts on: a statement's ``page``."""
        return self.place.first.label if self.place is not None else None


def find_passages(text: PagedText, words: str, limit: int = 3) -> list[Passage]:
    """The passages of ``text`` holding ``words`` exactly (every one, up to ``limit``); when
    there is none, the ``limit`` closest passages of as many words (ratio at least :data:`CUTOFF`)."""
    wanted = normalise(words)
    if not wanted:
        return []
    found: list[Passage] = []
    start = 0
    while len(found) < limit and (at := text.normalised.find(wanted, start)) >= 0:
        found.append(_passage(text, at, at + len(wanted), 1.0))
        start = at + 1
    return found or closest(text, wanted, limit)[0]


class Windows:
    """How many more windows the closest-passage searches of one load may compare (:data:`HINT_WINDOWS`)."""

    __slots__ = ("left",)

    def __init__(self, left: int = HINT_WINDOWS):
        self.left = left


def closest(text: PagedText, wanted: str, limit: int = 1, windows: Windows | None = None) -> tuple[list[Passage], bool]:
    """The passages of as many words as ``wanted`` (normalised) that read most like it (of a longer
    one, as the HINT_WORDS words around where it leaves the text), and whether every window was
    compared: with ``windows``, those the most of the rarest words place are compared first, and
    the search stops when none is left."""
    wanted = _around_parting(text, wanted)
    haystack = text.normalised
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", haystack)]
    size = len(wanted.split())
    if not spans or size == 0:
        return [], True
    keys = {w.lower().strip(_EDGE) for w in wanted.split() if len(w) > 3} or {w.lower() for w in wanted.split()}
    where: dict[str, list[int]] = {}
    for index, (begin, end) in enumerate(spans):
        word = haystack[begin:end].lower().strip(_EDGE)
        if word in keys:
            where.setdefault(word, []).append(index)
    # windows around the rarest words the text shares with the quote: a common word would make
    # every page a candidate (a thousand failing quotes in a long report took minutes)
    at_in_quote: dict[str, list[int]] = {}
    for position, word in enumerate(wanted.lower().split()):
        at_in_quote.setdefault(word.strip(_EDGE), []).append(position)
    votes: Counter[int] = Counter()  # starts, by how well the rare words placed there agree
    for word in sorted(where, key=lambda w: len(where[w]))[:RAREST]:
        for index in where[word][:MAX_PLACES]:
            for position in at_in_quote[word]:  # the window that puts the word where the quote has it
                for shift in range(-2, 3):
                    if index - position + shift >= 0:
                        votes[index - position + shift] += 3 - abs(shift)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted.lower().split())
    lowered = [haystack[begin:end].lower() for begin, end in spans]
    scored = []
    starts = sorted(votes, key=lambda start: (-votes[start], start))
    tried = len(starts) if windows is None else min(len(starts), windows.left // 3)  # 3 windows a start
    if windows is not None:
        windows.left -= 3 * tried
    for first in starts[:tried]:
        for words in (size - 1, size, size + 1):  # a word left out, or one added
            last = min(first + max(words, 1), len(spans)) - 1
            matcher.set_seq1(lowered[first : last + 1])  # words, not characters: 40 times faster on a long quote
            if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
                continue
            if (ratio := matcher.ratio()) >= CUTOFF:
                scored.append((ratio, spans[first][0], spans[last][1]))
    chosen: list[tuple[float, int, int]] = []
    for ratio, begin, end in sorted(scored, key=lambda s: (-s[0], s[1])):
        if all(end <= b or begin >= e for _r, b, e in chosen):  # overlapping windows are one passage
            chosen.append((ratio, begin, end))
        if len(chosen) == limit:
            break
    return [_passage(text, begin, end, round(ratio, 3)) for ratio, begin, end in chosen], tried == len(starts)


def parting(quote: str, passage: str) -> tuple[str, str] | None:
    """The first word where ``quote`` and ``passage`` part (the quote's, the passage's), compared
    in the normal form; None when they do not."""
    ours, theirs = normalise(quote).split(), normalise(passage).split()
    for mine, other in zip(ours, theirs, strict=False):
        if mine != other:
            return mine, other
    if len(ours) != len(theirs):
        longer = ours if len(ours) > len(theirs) else theirs
        index = min(len(ours), len(theirs))
        return (longer[index], "") if longer is ours else ("", longer[index])
    return None


def _passage(text: PagedText, begin: int, end: int, score: float) -> Passage:
    place = Place(text.page_at(begin), text.page_at(max(end - 1, begin))) if text.paged else None
    return Passage(_verbatim(text, begin, end), place, score)


def _verbatim(text: PagedText, begin: int, end: int) -> str:
    """The words of the normalised span as the text writes them (the normal form itself when
    they cannot be found back, as with a text's bidirectional controls)."""
    wanted = text.normalised[begin:end]
    if len(wanted) > MAX_VERBATIM:
        return wanted
    original = "\n".join(visible(nfc(page.text).translate(_LIGATURES)) for page in text.spanned(begin, end))
    pattern = r"\s+".join(_token_pattern(token) for token in wanted.split(" "))
    try:
        match = re.search(pattern, original)
    except re.error:
        match = None
    if match is None:
        return wanted
    return re.sub(r"\s+", " ", _LINE_HYPHEN.sub("-", match[0])).strip()


def _token_pattern(token: str) -> str:
    """A word of the normal form as a pattern of the ways the text may write it: each character
    unambiguous, so that a failed search costs time linear in the word."""
    parts = [_ALTERNATIVES.get(token[0], re.escape(token[0]))] if token else []
    for before, char in zip(token, token[1:], strict=False):
        letters = _LETTER.match(before) and _LETTER.match(char)
        parts.append((_BETWEEN_LETTERS if letters else _SOFT) + _ALTERNATIVES.get(char, re.escape(char)))
    return "".join(parts)


def document_text(folders: list[Path], text_file: str) -> tuple[Path, Path] | None:
    """The first of ``folders`` holding the file ``text_file`` names (a plain file inside its
    folder, as validate reads it) and that file, or None."""
    name = Path(text_file)
    if name.is_absolute() or ".." in name.parts:
        return None
    for folder in folders:
        candidate = folder / name
        try:
            if candidate.is_file() and candidate.resolve().is_relative_to(folder.resolve()):
                return folder, candidate
        except OSError:  # a link there changed while it was resolved (EINVAL): not read
            return None
    return None


HINT_WORDS = 60
"""The most words of a quote compared for its hint: difflib's ratio is quadratic in them (a quote
of 1,000 repeated words against a text of the same word took 98 s)."""


def _around_parting(text: PagedText, missing: str) -> str:
    """``missing``, or of a longer one the HINT_WORDS words around where it leaves the text (the
    longest of its beginnings the text holds, found by halving: each a search of the text)."""
    words = missing.split()
    if len(words) <= HINT_WORDS:
        return missing
    held, lacking = 0, len(words)  # the text holds the first `held` words, not the first `lacking`
    while lacking - held > 1:
        middle = (held + lacking) // 2
        held, lacking = (middle, lacking) if " ".join(words[:middle]) in text.normalised else (held, middle)
    begin = max(0, min(held - HINT_WORDS // 2, len(words) - HINT_WORDS))
    return " ".join(words[begin : begin + HINT_WORDS])


def closest_hint(text: PagedText, quote: str, windows: Windows | None = None) -> str | None:
    """For a quote not verbatim in ``text``: the closest passage to its first part the text lacks,
    and the first word where they part; None when no passage is close (and every window of the
    text was compared: else it says so)."""
    from .quotes import quote_parts

    missing = next((part for part in quote_parts(quote) if part not in text.normalised), None)
    if missing is None:
        return None
    found, complete = closest(text, missing, windows=windows)
    partly = "" if complete else f" (the hints of one load compare {HINT_WINDOWS:,} passages: the text was not searched fully)"
    if not found:
        return None if complete else f"no close passage found{partly}"
    passage = found[0]
    where = f" ({passage.pinpoint()})" if passage.pinpoint() else ""
    words = passage.words if len(passage.words) <= 300 else passage.words[:300] + "..."
    hint = f"the closest passage{where}{' of those compared' if partly else ''} reads {words!r}"
    part = parting(missing, passage.words)
    if part is not None:
        mine, theirs = part
        hint += f"; they part at the quote's {mine!r}" if mine else "; the quote ends first"
        hint += f", where the text has {theirs!r}" if theirs else ", where the passage ends"
    return hint + partly
