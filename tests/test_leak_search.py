"""The leak check's search of the withheld strings in an output (attack round 12, G6): what it
finds is what a search of each string in the whole text finds, and the whole text is searched
only for the strings whose words the text holds."""

from __future__ import annotations

import random

from lexmap import leaks
from lexmap.leaks import _Search, find_leaks, normalised


class Searched(str):
    """A text counting the strings looked for in it whole (``in``)."""

    searched = 0

    def __contains__(self, part: object) -> bool:
        type(self).searched += 1
        return str.__contains__(self, part)  # type: ignore[operator]


def test_the_search_finds_what_a_search_of_the_whole_text_finds():
    """Strings starting, ending or made inside a word of the text, words across punctuation, no
    word at all: the words' check never leaves out a string the text holds."""
    chance = random.Random(12)
    alphabet = ["ab", "a", "b", "ba", " ", "-", ".", ":", "é", "1", "ab-ba", "::"]
    for _ in range(3000):
        text = normalised("".join(chance.choice(alphabet) for _ in range(chance.randint(0, 30))))
        strings = {normalised("".join(chance.choice(alphabet) for _ in range(chance.randint(1, 6)))) for _ in range(8)}
        strings |= {text[i : i + n] for i, n in ((chance.randrange(len(text) + 1), chance.randint(1, 9)) for _ in range(4))}
        sought = sorted(s for s in strings if s)
        assert _Search(sought).held(text) == [s for s in sought if s in text], (text, strings)


def test_the_whole_text_is_searched_only_for_the_strings_whose_words_it_holds():
    """1,000 public and 1,000 confidential statements: each withheld string (id, quote) was
    searched in every output whole, 449 s; now only those whose words the output holds."""
    public = "\n".join(f"pub-{i}: public words number {i} of the report" for i in range(1000))
    withheld = [f"conf-{i}" for i in range(1000)] + [f"secret words number {i} withheld from the edition" for i in range(1000)]
    withheld.append("public words number 7 of the report")  # one that is there
    Searched.searched = 0
    found = _Search([normalised(s) for s in withheld]).held(Searched(normalised(public)))
    assert found == ["public words number 7 of the report"]
    assert Searched.searched <= 10, Searched.searched


def test_find_leaks_reports_each_string_held_once_a_part(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("The Quartermaine depot; kova-interview-tirana.\n", encoding="utf-8")
    monkeypatch.setattr(leaks, "readings", lambda text: iter([text]))
    found = find_leaks([tmp_path / "a.txt"], ["quartermaine", "KOVA-interview", "depots", "tirana."], tmp_path)
    assert [(leak.string, leak.member) for leak in found] == [("kova-interview", ""), ("quartermaine", ""), ("tirana.", "")]
