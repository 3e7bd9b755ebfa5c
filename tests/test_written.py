"""Where a quote found in the normal form is written (lexmap.written): the blocks' normal form is
the text's, the spans read back as the quote, and the work is linear (attack round 12, G5)."""

from __future__ import annotations

import random
import re
import sys
import unicodedata

import pytest

from lexmap import quotes, written
from lexmap.annotations import AFFIX, affixes
from lexmap.written import WrittenText

PIECES = [
    "traf-\nficking", "state-run", "a-\n\u00adb", "x-\u00ad\ny", "end-\n  next", "co\u2010op", "\u00ad", "\u00a0",
    "\ufb01ne", "e\u0301", "\u0301", "\u0316\u0301", "\u1100\u1161", "\u11a8", "\uac00", "\u202e", "\u201cq\u201d",
    "-", " ", "\n", "\t", "  \n ", "word", "42", "\u00e9t\u00e9", "_", ".", "\u0338", "\u0915\u093c",
]  # fmt: skip


def _texts(count: int, seed: int = 12):
    chance = random.Random(seed)
    for _ in range(count):
        yield "".join(chance.choice(PIECES) for _ in range(chance.randint(1, 40)))


@pytest.mark.parametrize("block", [1, 2, 3, 7])
def test_the_blocks_normal_form_is_the_texts(monkeypatch, block):
    """Cut at every place the cut allows (blocks of one character and more), the text's normal form
    is what normalising it whole gives, across hyphenated line ends, soft hyphens, marks and jamo."""
    monkeypatch.setattr(written, "BLOCK", block)
    for text in _texts(3000):
        assert WrittenText(text).normalised == quotes.normalise(text), repr(text)


def test_no_canonical_composition_joins_across_a_cut():
    """The letter or digit a block starts with is never the second of a canonical composition
    (the Hangul jamo that are are left out of the cut's class)."""
    starts = re.compile(written._CUT.pattern.rsplit("(?=", 1)[1][:-1])
    for point in range(sys.maxunicode + 1):
        decomposition = unicodedata.decomposition(chr(point)).split()
        if len(decomposition) == 2 and not decomposition[0].startswith("<"):
            second = chr(int(decomposition[1], 16))
            assert not starts.fullmatch(second), f"U+{point:04X}"


def test_a_span_is_written_as_the_quote(monkeypatch):
    """Each quote (a run of the text's words) is found where it is written: the written span reads,
    normalised, as the quote (and the marks after its last character), and the affixes are the
    written text around it. (A quote starting with a mark is left out: marks reorder.)"""
    monkeypatch.setattr(written, "BLOCK", 5)
    chance = random.Random(26)
    for text in _texts(1500, seed=26):
        words = quotes.normalise(text).split(" ")
        first = chance.randrange(len(words))
        quote = " ".join(words[first : first + chance.randint(1, 6)])
        found = WrittenText(text)
        if not quote or unicodedata.combining(quote[0]) or found.find(quote) is None:
            continue
        span = found.span(quote)
        assert span is not None, ascii((text, quote))
        start, end = span
        shown = quotes.normalise(text[start:end])
        while shown and shown != quote and unicodedata.combining(shown[-1]):
            shown = shown[:-1]
        assert shown == quote, ascii((text, quote, span))
        assert affixes(quote, found) == (text[max(0, start - AFFIX) : start], text[end : end + AFFIX])


def test_a_quote_the_check_forgives_a_soft_hyphen_in_gets_its_affixes_in_linear_work(monkeypatch):
    """Attack round 12, G5: a text of one word repeated ending in a soft hyphen, a quote of that
    word repeated: a regex of the quote's words over the text failed at every position (text x
    quote, 41 s for 320 kB) and gave no affix. Now the quote is found where the quote check finds
    it, and the characters normalised are about the text's once, plus a halving in one block."""
    text, quote = "a " * 40_000 + "\u00adb\n", "a " * 4_000 + "b"
    normalised: list[int] = []
    original = written.normalise
    monkeypatch.setattr(written, "normalise", lambda part: normalised.append(len(part)) or original(part))
    prefix, suffix = affixes(quote, WrittenText(text))
    assert prefix == "a " * (AFFIX // 2) and suffix == "\n"
    assert sum(normalised) <= len(text) + 2 * 20 * (written.BLOCK + 2), sum(normalised)


def test_a_quote_not_verbatim_or_in_a_block_too_long_has_no_affix(monkeypatch):
    assert affixes("not there", WrittenText("some other words")) == (None, None)
    assert affixes("some", None) == (None, None)
    monkeypatch.setattr(written, "LONG", 10)
    assert affixes(". . .", WrittenText("x " + ". " * 40)) == (None, None)  # no cut after "x ": one long block
