"""The answers read from the levels (lexmap.levels: the whole corpus's coverage, the matrix, the
gaps) are the answers the rows give (lexmap.assessment): the rows stay the path for tests with
definitions, so the two must not drift apart. Compared on the generated corpus (practices with
parts, claims from unattributed sources) and every fixture corpus, under both independence modes."""

import sys
from pathlib import Path

import pytest
from evidence_answers import FIXTURES, _coverage, _matrix, attrs_tuple

import lexmap
from lexmap.assessment import Assessor
from lexmap.levels import Levels, key, level

CORPORA = Path(__file__).parent / "corpora"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from generate import generate

    folder = tmp_path_factory.mktemp("generated")
    generate(folder, scale=1, seed=3)
    return folder


def _roots(generated):
    return [generated, *(CORPORA / name for name in FIXTURES)]


def _rows_only(monkeypatch):
    """Every answer from the rows: no test is read from its levels."""
    monkeypatch.setattr(Assessor, "levels", lambda self, test, wanted=None: None)


@pytest.mark.parametrize("mode", ["speaker", "publisher"])
def test_the_whole_corpus_coverage_from_levels_is_the_one_from_rows(generated, mode):
    read = 0
    for root in _roots(generated):
        assessor = lexmap.load(root, texts=[], cache=False).assessor(mode)
        for test in assessor.corpus.tests:
            levels = assessor.levels(test)
            if levels is not None:
                read += 1
                assert _coverage(assessor._best_of_levels(test, levels)) == _coverage(assessor._best_of(test)), (root, test)
    assert read >= 10  # the comparison is not empty


def test_the_matrix_from_levels_is_the_one_from_rows(generated, monkeypatch):
    for root in _roots(generated):
        corpus = lexmap.load(root, texts=[], cache=False)
        kinds = ("indicators", "practices") if corpus.indicator_frameworks else ("practices",)
        found = {(r, c): _matrix(corpus.matrix(r, c)) for r in kinds for c in ("instruments", "tests", "provisions")}
        with monkeypatch.context() as patch:
            _rows_only(patch)
            corpus = lexmap.load(root, texts=[], cache=False)
            for (r, c), answer in found.items():
                assert _matrix(corpus.matrix(r, c)) == answer, (root, r, c)


def test_the_gaps_from_levels_are_the_ones_from_rows(generated, monkeypatch):
    for root in _roots(generated):
        found = [attrs_tuple(g) for g in lexmap.load(root, texts=[], cache=False).gaps()]
        with monkeypatch.context() as patch:
            _rows_only(patch)
            assert [attrs_tuple(g) for g in lexmap.load(root, texts=[], cache=False).gaps()] == found, root


def test_a_key_orders_levels_as_rank_then_sources():
    """One integer per level compares as (rank, independent sources) does, and reads back."""
    pairs = [(rank, sources) for rank in range(3) for sources in (0, 1, 2, 7, 2**31)]
    assert sorted(pairs, key=lambda p: key(*p)) == sorted(pairs)
    assert [level(key(*p)) for p in pairs] == [(lexmap.coverage.LEVELS[r], s) for r, s in pairs]


def test_a_test_with_a_definition_is_not_read_from_levels():
    corpus = lexmap.load(CORPORA / "full", texts=[], cache=False)
    assessor = corpus.assessor()
    defined = [t for t, root in corpus.tests.items() if any(e.defined_by in corpus.tests for e in root.walk())]
    assert defined, "the fixture has a definition between tests"
    assert all(assessor.levels(t) is None for t in defined)
    assert all(isinstance(assessor.levels(t), Levels) for t in corpus.tests if t not in defined)
