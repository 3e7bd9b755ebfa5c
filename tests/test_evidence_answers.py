"""Making the rules of evidence fast changed no answer: every coverage (over the corpus and for
every practice), explanation, gap, support and matrix cell, under both independence modes, on
the generated 1x corpus and on the fixture corpora, is what the code before the speed-up gave
(stored in tests/golden/evidence-answers.json.gz by tests/evidence_answers.py, run on that code:
e8f0e54, and again at ce0a80f once the full fixture gained the new fields of issues 25, 27 and 30;
the other corpora's answers were the same at both; the hostile fixture's gained one unchecked quote, its
reading's, when readings came; an element's label and a practice's place of 3,000 x's became 2,000 when record texts were bounded,
and only they changed in its answers)."""

import gzip
import json
from pathlib import Path

import pytest
from evidence_answers import FIXTURES, answers, generated_answers_in

STORED = Path(__file__).parent / "golden" / "evidence-answers.json.gz"
CORPORA = Path(__file__).parent / "corpora"


@pytest.fixture(scope="module")
def stored():
    with gzip.open(STORED, "rt", encoding="utf-8") as file:
        return json.load(file)


def first_difference(old, new, path: str = "") -> str | None:
    """Where ``new`` first differs from ``old``, and how (None when they are equal)."""
    if type(old) is not type(new):
        return f"{path}: {old!r:.200} became {new!r:.200}"
    if isinstance(old, dict):
        if old.keys() != new.keys():
            return f"{path}: keys {sorted(set(old) ^ set(new))[:5]} differ"
        return next((d for k in old if (d := first_difference(old[k], new[k], f"{path}/{k}"))), None)
    if isinstance(old, list):
        if len(old) != len(new):
            return f"{path}: {len(old)} items became {len(new)}"
        return next(
            (d for i, (a, b) in enumerate(zip(old, new, strict=True)) if (d := first_difference(a, b, f"{path}[{i}]"))), None
        )
    return None if old == new else f"{path}: {old!r:.200} became {new!r:.200}"


def test_the_generated_corpus_gives_the_answers_it_gave_before(stored, tmp_path):
    found = generated_answers_in(tmp_path)
    assert found.keys() == stored["generated"].keys()
    assert first_difference(stored["generated"], found) is None


@pytest.mark.parametrize("name", FIXTURES)
def test_each_fixture_corpus_gives_the_answers_it_gave_before(stored, name):
    assert first_difference(stored[name], answers(CORPORA / name)) is None


def test_the_comparison_sees_a_changed_answer(stored):
    """The check is not vacuous: one label changed anywhere is found, with where it is."""
    changed = json.loads(json.dumps(stored["evidence"]))
    test = next(iter(changed["coverage/speaker"]))
    row = changed["coverage/speaker"][test]["rows"][0]
    row[2] = "argued" if row[2] == "corroborated" else "corroborated"
    assert first_difference(stored["evidence"], changed).startswith(f"/coverage/speaker/{test}/rows[0][2]: ")


def test_a_row_tuple_holds_the_fields_of_a_row_record_in_their_order():
    """The per-practice pass makes ``Row`` tuples and turns them into records positionally."""
    import attrs

    from lexmap.coverage import ElementCoverage, Row

    assert Row._fields == tuple(f.name for f in attrs.fields(ElementCoverage))
