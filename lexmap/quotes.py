"""Checking that a quote is verbatim in a text.

Both sides are compared in one normal form, so that what a PDF's text or a keyboard changes
without changing a word does not make a quote "not verbatim": Unicode NFC (é typed as e and an
accent), whitespace runs as one space, typographic quotes as ASCII ones, soft hyphens dropped,
ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ) spelt out, and a hyphen between two letters dropped, with the line break
after it (``traf-\\nficking`` is ``trafficking``; ``state-run`` is read as ``staterun`` on both
sides, so a compound broken at its hyphen is found too). Bidirectional controls and invisible
tag characters are shown as ``<U+202E>`` on both sides: a quote shows them, it is never
reordered or hidden by them.

``[...]`` (or ``[…]``) in a quote marks an omission: the parts must appear in order, each
omission standing for at most :data:`MAX_OMISSION` characters of the text, and a quote holding at
most :data:`MAX_OMISSIONS` of them. Every pattern here costs time linear in its input (no
repeat that a try at the next position reads again: tests/test_quotes_linear.py checks their shape).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

MAX_OMISSION = 8000
"""The most characters (of the normalised text) an omission mark may stand for: about two pages.
Without a bound, ``[...]`` joined words 260 kB apart and still read "checked verbatim". The bundled
case's longest omission is 7,448 characters (an article of Resolution 168 and the instrument it is
argued under, pages apart); 53 of its omissions cross a paragraph, so a paragraph is not the bound."""

MAX_OMISSIONS = 50
"""The most omission marks one quote may hold. The bundled case's quotes hold at most 4; a quote of
1,000 parts in an 800 kB text took 150 s to look up (issue 26). A quote with more is refused
without a search (:func:`too_many_omissions`): quote the passages as separate statements."""

MAX_MARKS = 30
"""The most combining marks (non-starters) lexmap normalises in a row: Unicode's Stream-Safe Text
Format (UAX #15, section 13, https://unicode.org/reports/tr15/#Stream_Safe_Text_Format) bounds a
run to 30. NFC reorders a run by insertion, in time quadratic in its length: a text of one letter
and 240,000 marks (577 bytes gzipped) took 114 s to normalise. A text holding a longer run is
refused (:func:`long_marks`); a quote is cut into runs of 30 as the format says, by a U+034F
COMBINING GRAPHEME JOINER after every 30 marks, so its normal form costs linear time."""

INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")
"""Bidirectional embeddings, overrides and isolates, and tag characters: they reorder or hide
what a reader sees."""

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
"""The Latin ligatures a PDF's text may hold, spelt out (NFC keeps them; NFKC would change more)."""

_TRANSLATE = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "\u00a0": " ",
        "\u00ad": None,
        "\u2010": "-",
        "\u2011": "-",
        **LIGATURES,
    }
)
_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?:[^\S\n]*+\n\s*+)?(?=[^\W\d_])")
_SPACE = re.compile(r"\s+")
OMISSION = re.compile(r"\[(?:\.\.\.|…)\]")
"""An omission mark. The spaces around it are the parts' to strip: ``\\s*\\[`` read a run of
spaces again from each of its spaces (100,000 spaces in a quote: 53 s)."""


def visible(text: str) -> str:
    """``text`` with bidirectional controls and tag characters written as ``<U+XXXX>``."""
    return INVISIBLE.sub(lambda m: f"<U+{ord(m[0]):04X}>", text)


@cache
def _marks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Runs of more than MAX_MARKS non-starters: characters of a combining class other than 0,
    and those whose canonical decomposition starts with one (U+0F73, U+0F75, U+0F81). Built on
    first use from the running Python's Unicode data (a scan of U+0300 to U+1EFFF: 40 ms).

    Two patterns: a quick one, whose class is the marks of the Basic Multilingual Plane and every
    character past it (a class with ranges past U+FFFF is read range by range, 0.6 us a
    character: 6 s for 8 MB), and the exact one, run only inside what the quick one found."""
    marks = [
        char
        for char in map(chr, range(0x300, 0x1F000))
        if unicodedata.combining(char) or unicodedata.combining(unicodedata.normalize("NFD", char)[0])
    ]

    def members(chars: list[str]) -> str:
        ranges: list[str] = []
        for char in chars:
            if ranges and ord(ranges[-1][-1]) + 1 == ord(char):
                ranges[-1] = ranges[-1][0] + char
            else:
                ranges.append(char)
        return "".join(re.escape(run[0]) + ("-" + re.escape(run[-1]) if len(run) > 1 else "") for run in ranges)

    run = f"{{{MAX_MARKS + 1},}}"
    quick = members([char for char in marks if char <= "\uffff"]) + "\U00010000-\U0010ffff"
    return re.compile(f"[{quick}]{run}"), re.compile(f"[{members(marks)}]{run}")


def long_marks(text: str) -> tuple[int, int] | None:
    """(offset, length) of the first run of more than MAX_MARKS combining marks in ``text``, or None."""
    quick, exact = _marks()
    for candidate in quick.finditer(text):
        if (found := exact.search(candidate[0])) is not None:
            return candidate.start() + found.start(), found.end() - found.start()
    return None


def nfc(text: str) -> str:
    """``text`` in NFC, in linear time: a run of more than MAX_MARKS marks is first cut by a U+034F
    after every MAX_MARKS of them (UAX #15's Stream-Safe Text Process)."""
    if long_marks(text) is not None:
        quick, exact = _marks()
        text = quick.sub(lambda candidate: exact.sub(_cut, candidate[0]), text)
    return unicodedata.normalize("NFC", text)


def _cut(run: re.Match[str]) -> str:
    return "\u034f".join(run[0][i : i + MAX_MARKS] for i in range(0, len(run[0]), MAX_MARKS))


def normalise(text: str) -> str:
    """``text`` in the form quotes are compared in (see the module's docstring)."""
    text = visible(nfc(text).translate(_TRANSLATE))
    return _SPACE.sub(" ", _HYPHEN.sub("", text)).strip()


def quote_parts(quote: str) -> list[str]:
    """The normalised pieces of ``quote`` between omission marks."""
    return [normalise(part) for part in OMISSION.split(quote) if part.strip()]


def too_many_omissions(quote: str) -> str | None:
    """Why ``quote`` is not looked up (more than MAX_OMISSIONS omission marks), or None."""
    marks = sum(1 for _ in OMISSION.finditer(quote))
    if marks <= MAX_OMISSIONS:
        return None
    return f"the quote has {marks:,} omission marks [...], more than the {MAX_OMISSIONS} lexmap looks up in one quote"


SEPARATE = "quote the passages as separate statements, or quote the words between them"


class Text:
    """A document's text, normalised once, in which many quotes are then looked up.

    Normalising costs a pass over the whole text: done per quote, 2,000 quotes in a 5 MB
    text took minutes; done once, each lookup is one linear search (a failing quote costs a
    few more, to say where it leaves the text).
    """

    __slots__ = ("normalised",)

    def __init__(self, text: str):
        self.normalised = normalise(text)

    def find(self, quote: str) -> int | None:
        """Offset in the normalised text where ``quote`` starts, or None when it is not verbatim there."""
        return self.match(quote)[0]

    def mismatch(self, quote: str) -> str | None:
        """None when ``quote`` is verbatim in the text; else what a person needs to find why:
        where the quote leaves the text, or which omission is too long."""
        return self.match(quote)[1]

    def match(self, quote: str) -> tuple[int | None, str | None]:
        """(offset of the quote in the normalised text, None), or (None, why not)."""
        start, _end, why = self.locate(quote)
        return start, why

    def locate(self, quote: str) -> tuple[int | None, int | None, str | None]:
        """(start, end) of the quote in the normalised text (from its first word to the end of
        its last part) and None; or (None, None, why not).

        The earliest placement of the parts, found with one position per part that only moves
        forward: a part found too far after the one before pushes that one on to where it could
        reach this one, and no placement of any part before its position can be valid. Each part's
        search so resumes where it stopped, and the text is read about once per part, however often
        the parts occur (the retry of every occurrence of the first part took 150 s: issue 26)."""
        if (refused := too_many_omissions(quote)) is not None:
            return None, None, f"{refused}: {SEPARATE}"
        parts = quote_parts(quote)
        if not parts:
            return None, None, "the quote has no words"
        text, last = self.normalised, len(parts) - 1
        low = [0] * len(parts)  # no valid placement puts part i before low[i]
        at: list[int] = [-1] * len(parts)  # where part i was found from low[i] (-1: not searched)
        too_far = None
        index = 0
        while True:
            if at[index] < low[index]:
                at[index] = text.find(parts[index], low[index])
                if at[index] < 0:
                    return None, None, self._why_not(parts, index, low[index], too_far)
            if index:
                end = at[index - 1] + len(parts[index - 1])
                omitted = max(at[index] - end - 2, 0)  # the spaces each side of the words left out are not words
                if omitted > MAX_OMISSION:
                    too_far = too_far or (parts[index - 1], omitted)
                    index -= 1  # the part before must move on to within reach of this one
                    low[index] = at[index + 1] - 2 - MAX_OMISSION - len(parts[index])
                    continue
            if index == last:
                return at[0], at[last] + len(parts[last]), None
            index += 1
            low[index] = max(low[index], at[index - 1] + len(parts[index - 1]))

    def _why_not(self, parts: list[str], index: int, start: int, too_far: tuple[str, int] | None) -> str:
        if too_far is None:
            return self._leaves(parts[index], start, index)
        before, omitted = too_far
        return (
            f"the omission [...] after {_tail(before)!r} leaves out {omitted:,} characters of the text, "
            f"more than the {MAX_OMISSION:,} an omission may stand for: {SEPARATE}"
        )

    def _leaves(self, part: str, start: int, index: int) -> str:
        """Where ``part`` (searched from ``start``) leaves the text: the longest start of it that
        the text holds (a binary search: a start the text holds has every shorter start in it too)."""
        text, low, high = self.normalised, 0, len(part)
        while low < high:
            middle = (low + high + 1) // 2
            if text.find(part[:middle], start) >= 0:
                low = middle
            else:
                high = middle - 1
        which = "" if index == 0 else f"after omission {index}, "
        if low == 0:
            return f"{which}its first character {_char(part[0])} is nowhere in the text"
        at = text.find(part[:low], start) + low
        there = text[at : at + 40]
        had = _char(text[at]) if at < len(text) else "the end of the text"
        return (
            f"{which}it matches the text up to {_tail(part[:low])!r} (character {low + 1} of the part); then the quote has "
            f"{_char(part[low])} where the text has {had} ({there!r}...)"
        )


def _tail(text: str, size: int = 40) -> str:
    return text if len(text) <= size else "..." + text[-size:]


def _char(char: str) -> str:
    return repr(char) if char.isascii() and char.isprintable() else f"{char!r} (U+{ord(char):04X})"


def find_quote(quote: str, text: str) -> int | None:
    """Offset in ``normalise(text)`` where ``quote`` starts, or None when it is not verbatim there
    (for one quote; use :class:`Text` for many quotes in one text)."""
    return Text(text).find(quote)
