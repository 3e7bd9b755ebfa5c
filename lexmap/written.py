"""Where a span of a text's normal form is in the text as written: an annotation's prefix and suffix.

The quote check finds a quote in the text's normal form (:class:`lexmap.quotes.Text`); an
annotation's ``prefix`` and ``suffix`` are the text as written around it. A regex of the quote's
words over the written text, which never forgives what the normal form does (a soft hyphen),
failed at every position in time text x quote (attack round 12, G5: 41 s for a 320 kB text).
Here the text is normalised in blocks of about :data:`BLOCK` characters, cut only where nothing
the normal form does crosses the cut (before a letter or digit that follows a letter, a digit, or
white space no hyphen before it joins across), so that the blocks' normal forms joined are the
text's; the quote is found in it as the quote check finds it, and each end of it in its block by
halving (each try normalises a start of the block): linear in the text, BLOCK x log(BLOCK) a quote.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from .quotes import Text, normalise

BLOCK = 1024
"""Characters of the written text normalised at a time (a block ends at the first cut after them)."""
LONG = 16 * BLOCK
"""The longest block a quote's end is looked for in: a text with no cut for that long (a run of
punctuation) gives the quotes ending in it no prefix or suffix, rather than a long halving."""
_CUT = re.compile(
    r"(?:[^\W_]|(?<![-\u2010\u2011\s\u00ad])[\s\u00ad]*+(?<=\s)|(?<![\s\u00ad])(?:(?!\n)[\s\u00ad])*+(?<=\s))"
    r"(?=[^\W_\u1100-\u11ff])"
)
"""What ends a block: a letter or digit, or a whole run of white space and soft hyphens ending in
white space (one holding a line break only when no hyphen is before it: ``traf-\\nficking`` is
one word), before a
letter or digit that composes with nothing before it (the Hangul jamo U+1100-U+11FF do:
tests/test_written.py checks every canonical composition)."""


class WrittenText(Text):
    """A text as written, with its normal form made in blocks; quotes are found in it as in
    :class:`lexmap.quotes.Text`, and :meth:`span` says where one is written."""

    __slots__ = ("written", "_begins", "_starts")

    def __init__(self, written: str):
        self.written = written
        self._begins: list[int] = []  # where each block (with words) begins in the written text
        self._starts: list[int] = []  # ... and in the normal form
        pieces: list[str] = []
        size = begin = 0
        while begin < len(written):
            cut = _CUT.search(written, begin + BLOCK) if begin + BLOCK < len(written) else None
            end = cut.end() if cut is not None else len(written)
            if piece := normalise(written[begin:end]):  # only the first block can be empty
                if pieces and written[begin - 1].isspace():
                    pieces.append(" ")
                    size += 1
                self._begins.append(begin)
                self._starts.append(size)
                pieces.append(piece)
                size += len(piece)
            begin = end
        self.normalised = "".join(pieces)

    def span(self, quote: str) -> tuple[int, int] | None:
        """(start, end) of ``quote`` in the written text, or None when it is not verbatim there
        (or an end is in a block longer than :data:`LONG`)."""
        start, end, _why = self.locate(quote)
        if start is None or end is None:
            return None
        first, last = self._written(start, False), self._written(end, True)
        return None if first is None or last is None else (first, last)

    def _written(self, offset: int, end: bool) -> int | None:
        """Where the character at ``offset`` of the normal form is written, or (``end``) where the
        written text of a span ending at ``offset`` ends (with the marks after it)."""
        index = bisect.bisect_right(self._starts, offset - end) - 1
        begin = self._begins[index]
        stop = self._begins[index + 1] if index + 1 < len(self._begins) else len(self.written)
        if stop - begin > LONG:
            return None
        block, before = self.written[begin:stop], self.normalised[self._starts[index] : offset]
        low, high = 0, len(block)
        if end:  # the shortest start of the block whose normal form begins with all before `offset`
            while low < high:
                middle = (low + high) // 2
                low, high = (low, middle) if normalise(block[:middle]).startswith(before) else (middle + 1, high)
            while low < len(block) and unicodedata.combining(block[low]):
                low += 1
        else:  # the longest whose normal form is no longer than what is before it
            while low < high:
                middle = (low + high + 1) // 2
                low, high = (middle, high) if len(normalise(block[:middle])) <= len(before) else (low, middle - 1)
        return begin + low
