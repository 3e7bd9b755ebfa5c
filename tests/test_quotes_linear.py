"""Quotes, quote links and headings from a hostile case cost linear work (issue 26, F3-F5).

No clock here: a search is bounded by counting its steps (the text's ``find`` calls), a pattern by
its shape (:func:`quadratic_risks`), and each hostile input of 100,000 characters or more is run
once to show it gives the right answer."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from re import _constants as _c  # type: ignore[attr-defined]  # the parser's own names (Python 3.11+)
from re import _parser as _p  # type: ignore[attr-defined]

import pytest

import lexmap
from lexmap import quotes, source_links
from lexmap.site import markup

CORPORA = Path(__file__).parent / "corpora"

# -- a pattern's shape --------------------------------------------------------------------------


_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None))


def _firsts(items) -> set | None:
    """The characters an item list can start with (None: any, or not known)."""
    for op, av in items:
        if op is _c.LITERAL:
            return {chr(av)}
        if op is _c.IN and all(sub_op is _c.LITERAL for sub_op, _ in av):
            return {chr(value) for _, value in av}
        if op is _c.BRANCH:
            found: set = set()
            for branch in av[1]:
                first = _firsts(list(branch))
                if first is None:
                    return None
                found |= first
            return found
        if op is _c.SUBPATTERN:
            return _firsts(list(av[-1]))
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero-width: the next item says
        return None
    return None


def _accepts(item, char: str) -> bool:
    """Whether the single-character item ``item`` (a repeat's body) matches ``char``."""
    return re.fullmatch(_source(item), char, re.S) is not None


def _source(item) -> str:
    op, av = item
    if op is _c.LITERAL:
        return re.escape(chr(av))
    if op is _c.NOT_LITERAL:
        return f"[^{re.escape(chr(av))}]"
    if op is _c.ANY:
        return "."
    if op is _c.CATEGORY:
        return {_c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w"}.get(av, r"[\s\S]")
    if op is _c.IN:
        negate = av and av[0][0] is _c.NEGATE
        parts = []
        for sub_op, sub_av in av[1:] if negate else av:
            if sub_op is _c.LITERAL:
                parts.append(re.escape(chr(sub_av)))
            elif sub_op is _c.RANGE:
                parts.append(f"{re.escape(chr(sub_av[0]))}-{re.escape(chr(sub_av[1]))}")
            elif sub_op is _c.CATEGORY:
                parts.append(_source((_c.CATEGORY, sub_av)))
        return f"[{'^' if negate else ''}{''.join(parts)}]"
    return r"[\s\S]"  # anything else: assume the worst


def quadratic_risks(pattern: re.Pattern[str]) -> list[str]:
    """Why ``pattern`` may cost time quadratic in its input under search, split or sub: a match
    tried at every position re-reads what the try at the position before read. Two shapes do
    that: an unbounded repeat that starts the pattern and is followed by something that can
    fail (``\\s*\\[``: each space of a run starts a try that reads the whole run), and an unbounded
    repeat that accepts the character its branch starts with (``\\[[^\\]]*\\]``: each ``[`` of a run
    of them reads to the end)."""
    risks: list[str] = []

    def walk(items, firsts: set | None, top: bool) -> None:
        for index, (op, av) in enumerate(items):
            if op in _REPEATS and av[1] is _c.MAXREPEAT:
                body = list(av[2])
                if top and index == 0 and len(items) > 1:
                    risks.append(f"starts with an unbounded repeat followed by more: {pattern.pattern!r}")
                elif index > 0 and firsts and len(body) == 1 and any(_accepts(body[0], c) for c in firsts):
                    risks.append(f"an unbounded repeat accepts {sorted(firsts)} its branch starts with: {pattern.pattern!r}")
                walk(body, firsts, False)
            elif op is _c.BRANCH:
                for branch in av[1]:
                    branch = list(branch)
                    walk(branch, _firsts(branch) if top or index == 0 else firsts, top and index == 0 and len(items) == 1)
                    if top and index == 0 and len(items) > 1 and branch and branch[0][0] in _REPEATS:
                        risks.append(f"a branch starts with an unbounded repeat and more follows: {pattern.pattern!r}")
            elif op is _c.SUBPATTERN:
                walk(list(av[-1]), firsts, top and index == 0 and len(items) == 1)

    items = list(_p.parse(pattern.pattern, pattern.flags))
    walk(items, _firsts(items), True)
    return risks


def _patterns(module) -> dict[str, re.Pattern[str]]:
    return {name: value for name, value in vars(module).items() if isinstance(value, re.Pattern)}


def test_the_shape_check_finds_the_patterns_that_were_quadratic():
    # the patterns of attack round 8 (F4, F5): each took minutes on 100,000-300,000 characters
    for old in (
        r"\s*\[(?:\.\.\.|…)\]\s*",
        r"\s*(?:\.\.\.|\u2026|\[[^\]]*\])\s*",
        r"\s*\(((?:official text|text|official-text url|url) not recorded\b.*)\)\s*$",
        r"\[[^\]]*\]",
    ):
        assert quadratic_risks(re.compile(old, re.I | re.S)), old
    for fine in (r"\s+", r"\[(?:\.\.\.|…)\]", r"\[[^\[\]]*\]", r"[a-z]{31,}", r"(?<=[^\W\d_])-(?:[^\S\n]*\n\s*)?(?=[^\W\d_])"):
        assert not quadratic_risks(re.compile(fine)), fine


@pytest.mark.parametrize("module", [quotes, source_links, markup], ids=lambda m: m.__name__)
def test_no_pattern_of_the_quote_and_heading_modules_is_quadratic(module):
    found = {name: risks for name, pattern in _patterns(module).items() if (risks := quadratic_risks(pattern))}
    assert found == {}


def test_the_combining_mark_patterns_are_linear():
    assert [quadratic_risks(pattern) for pattern in quotes._marks()] == [[], []]


# -- F4: runs of spaces and of brackets in a quote ------------------------------------------------

RUN = 100_000


@pytest.mark.parametrize("run", [" ", "[", "]", ".", "\u2026", "[.", " [", "[ ..."], ids=repr)
def test_a_quote_of_a_long_run_is_split_at_once(run):
    quote = "Passports were kept " + run * (RUN // len(run)) + " x"
    parts = quotes.quote_parts(quote)
    assert parts[0].startswith("Passports were kept") and parts[-1].endswith("x")
    assert source_links.text_fragment(quote) is not None


def test_omission_marks_split_as_before():
    assert quotes.quote_parts("a  [...]  b[…]c [...]") == ["a", "b", "c"]
    assert quotes.quote_parts("a [ ... ] b [..] c") == ["a [ ... ] b [..] c"]  # not omission marks
    assert quotes.quote_parts(" [...] ") == []


OLD_CUT = re.compile(r"\s*(?:\.\.\.|\u2026|\[[^\]]*\])\s*")


def test_quote_links_cut_what_they_cut_before():
    import random

    chance = random.Random(26)
    for _ in range(3000):
        quote = "".join(chance.choice(["a", "b ", " ", "...", "\u2026", "[x]", "[", "]", "[sic] ", "."]) for _ in range(12))
        if re.search(r"\[[^\]]*\[", quote):  # a bracket opened inside another: cut at the inner pair now
            continue
        old = [" ".join(p.split()).strip(source_links._EDGE) for p in OLD_CUT.split(quote)]
        new = [" ".join(p.split()).strip(source_links._EDGE) for p in source_links._CUT.split(quote)]
        assert [p for p in old if p] == [p for p in new if p], quote


def test_a_long_run_of_spaces_or_brackets_in_a_checked_quote_is_answered(tmp_path):
    text = quotes.Text("Passports were kept by the employer.")
    assert text.mismatch("Passports were kept" + " " * RUN + "by the employer.") is None
    assert "nowhere in the text" in text.mismatch("[" * RUN)
    assert "[...]" not in (text.mismatch("Passports" + " [...]" * 3 + " " * RUN + " employer.") or "")


# -- F3: many omissions ----------------------------------------------------------------------------


class Counted(str):
    """A normalised text that counts the searches made in it, and stops the test past ``limit``."""

    limit = 10**9

    def __new__(cls, text: str, limit: int):
        made = super().__new__(cls, text)
        made.limit, made.calls = limit, 0
        return made

    def find(self, *args):  # type: ignore[override]
        self.calls += 1
        if self.calls > self.limit:
            raise AssertionError(f"more than {self.limit} searches: not linear in the quote's parts")
        return super().find(*args)


def _counted(text: str, limit: int) -> quotes.Text:
    checked = quotes.Text("")
    checked.normalised = Counted(quotes.normalise(text), limit)
    return checked


def test_a_quote_past_the_omission_limit_is_refused_without_a_search():
    text = _counted("a b " * 200_000, limit=0)
    start, end, why = text.locate(" [...] ".join(["a b"] * (quotes.MAX_OMISSIONS + 2)))
    assert (start, end) == (None, None)
    assert f"{quotes.MAX_OMISSIONS + 1} omission marks [...]" in why and f"more than the {quotes.MAX_OMISSIONS}" in why
    assert "separate statements" in why


def test_a_quote_at_the_omission_limit_takes_searches_linear_in_its_parts():
    # every part but the last is everywhere; the last only at the end, 800 kB away: before, each of
    # the 100,000 occurrences of the first part near the end was tried again (150 s at 1,000 parts)
    parts = ["a b"] * quotes.MAX_OMISSIONS + ["z"]
    text = _counted("a b " * 200_000 + "z", limit=20 * quotes.MAX_OMISSIONS)
    start, end, why = text.locate(" [...] ".join(parts))
    assert why is None and end == len(text.normalised)
    assert text.normalised[start:end].startswith("a b")


def test_a_quote_at_the_omission_limit_that_fails_takes_searches_linear_in_its_parts():
    parts = ["a b", "c"] * (quotes.MAX_OMISSIONS // 2) + ["z"]
    text = _counted(("a b " * 3000 + "c ") * 20 + "z", limit=40 * quotes.MAX_OMISSIONS)
    _start, _end, why = text.locate(" [...] ".join(parts))
    assert "leaves out" in why and "more than the 8,000" in why


def test_a_quote_past_the_omission_limit_is_a_problem_at_its_statement(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(CORPORA / "full", case)
    statements = case / "mappings" / "statements.yaml"
    source = statements.read_text(encoding="utf-8")
    quote = re.search(r"quote: (.+)", source)
    assert quote is not None
    many = " [...] ".join(["force"] * 61)
    statements.write_text(source.replace(quote[0], f"quote: {many!r}", 1), encoding="utf-8")
    with pytest.raises(lexmap.CorpusError) as caught:
        lexmap.load(case, cache=False)
    [problem] = [p for p in caught.value.problems if "omission marks" in p.message]
    assert problem.file.endswith("statements.yaml") and problem.line == source[: quote.start()].count("\n") + 1
    assert problem.id and "60 omission marks [...]" in problem.message and "not found verbatim" not in problem.message
    assert "separate statements" in problem.hint


# -- F5: a provision heading ---------------------------------------------------------------------

OLD_EDITORIAL = re.compile(r"\s*\(((?:official text|text|official-text url|url) not recorded\b.*)\)\s*$", re.I | re.S)


def _old_split(heading: str) -> tuple[str, str | None]:
    found = OLD_EDITORIAL.search(heading)
    if not found:
        return heading, None
    return heading[: found.start()].rstrip(), found.group(1)[0].upper() + found.group(1)[1:] + "."


@pytest.mark.parametrize("heading", [" " * 300_000, "(text not recorded " * 20_000, "Definitions" + " " * 300_000 + "x"])
def test_a_heading_of_a_long_run_is_split_at_once(heading):
    assert markup.editorial_split(heading) == (heading, None)


def test_a_heading_of_spaces_before_its_remark_is_split_at_once():
    heading = "Definitions" + " " * 300_000 + "(official text not recorded (see the Gazette))  \n"
    assert markup.editorial_split(heading) == ("Definitions", "Official text not recorded (see the Gazette).")


def test_headings_split_as_they_did():
    import random

    chance = random.Random(26)
    words = [
        "Definitions",
        " ",
        "(",
        ")",
        "text not recorded",
        "URL not recorded",
        "official-text url not recorded",
        "x",
        "\n",
        "recordedx",
    ]
    for _ in range(5000):
        heading = "".join(chance.choice(words) for _ in range(chance.randrange(0, 9)))
        assert markup.editorial_split(heading) == _old_split(heading), heading
