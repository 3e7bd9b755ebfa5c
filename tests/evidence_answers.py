"""Every answer the evidence rules give on a corpus, as plain JSON values: the coverage of every
test (over the corpus and for every practice), the explanation of every (practice, element),
the gaps, the supports and every matrix pairing, under both independence modes.

tests/test_evidence_answers.py compares these with what the code before the speed-up (e8f0e54; ce0a80f for today's fixtures) (before the rules
were made fast) gave. To write the stored answers again (only on purpose, when a rule changes):

    python tests/evidence_answers.py tests/golden/evidence-answers.json.gz
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from pathlib import Path

import attrs

import lexmap
from lexmap.model import _Record as Record

SCALE, SEED = 1, 0
"""The generated corpus the stored answers are about (benchmarks/generate.py)."""


def _ids(claims) -> list[str]:
    return [c.id for c in claims]


def _row(row) -> list:
    return [
        row.element.id,
        row.depth,
        row.level,
        row.contested,
        _ids(row.supporting),
        _ids(row.contesting),
        row.independent_sources,
        _ids(row.subtree_supporting),
        _ids(row.subtree_contesting),
        row.met_through,
        row.practice,
        row.asserted_by,
        _ids(row.contested_by),
        row.limiting,
        row.status,
    ]


def _coverage(coverage) -> dict:
    return {
        "practice": coverage.practice,
        "repr": repr(coverage),
        "unargued": [e.id for e in coverage.unargued],
        "rows": [_row(r) for r in coverage],
    }


def _explanation(x) -> list:
    return [
        x.level,
        x.independent_sources,
        x.contested,
        x.met_through,
        x.combinator,
        [list(attrs_tuple(p)) for p in x.parts],
        x.limiting,
        x.asserted_by,
        [list(attrs_tuple(s)) for s in x.supporting],
        [list(attrs_tuple(s)) for s in x.contesting],
        [[list(g.statements), list(g.documents), g.attributed, [list(attrs_tuple(k)) for k in g.links]] for g in x.groups],
        x.text,
        repr(x),
    ]


def attrs_tuple(record) -> tuple:
    """The fields of an answer record, each record of the corpus in it by its id."""
    return tuple(_plain(getattr(record, f.name)) for f in attrs.fields(type(record)))


def _plain(value):
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, Record):
        return value.id
    if attrs.has(type(value)):
        return list(attrs_tuple(value))
    return value


def _matrix(m) -> dict:
    return {
        "rows": [[h.id, h.label] for h in m.rows],
        "cols": [[h.id, h.label] for h in m.cols],
        "repr": repr(m),
        "cells": sorted([list(k), list(attrs_tuple(c))] for k, c in m.cells.items()),  # a dict in no set order
        "values": {form: m.values(form) for form in ("count", "independent", "ids", "level")},
    }


def answers(root, every_practice: bool = True) -> dict:
    """Every answer about the evidence of the corpus at ``root``, each section from a corpus
    loaded afresh (so that no answer leans on another having been asked first)."""
    fresh = lambda: lexmap.load(root, texts=[], cache=False) if root else lexmap.load(cache=False)  # noqa: E731
    out: dict = {}
    for mode in ("speaker", "publisher"):
        corpus = fresh()
        out[f"coverage/{mode}"] = {t: _coverage(corpus.coverage(t, independence=mode)) for t in corpus.tests}
        corpus = fresh()
        out[f"gaps/{mode}"] = [list(attrs_tuple(g)) for g in corpus.gaps(independence=mode)]
        corpus = fresh()
        practices = list(corpus.practices)[:: 1 if every_practice else 23]
        out[f"practice-coverage/{mode}"] = {
            f"{p} {t}": _coverage(corpus.coverage(t, practice=p, independence=mode)) for p in practices for t in corpus.tests
        }
        out[f"supports/{mode}"] = [list(attrs_tuple(s)) for s in corpus.supports(independence=mode)]
    corpus = fresh()
    asked = {(c.practice, c.element): None for c in corpus.claims.values()}  # every pair with a claim of its own
    asked.update(((p, e), None) for p in list(corpus.practices)[::7] for e in corpus.elements)  # and some without
    out["explain"] = {f"{p} {e}": _explanation(corpus.explain(p, e)) for p, e in asked}
    for rows in ("indicators", "practices") if corpus.indicator_frameworks else ("practices",):
        for cols in ("instruments", "tests", "provisions", "elements"):
            out[f"matrix/{rows}/{cols}"] = _matrix(fresh().matrix(rows, cols))
    return json.loads(json.dumps(out))  # tuples as lists, as read back


FIXTURES = ("evidence", "full", "small", "hostile")
"""The test corpora (tests/corpora/) whose answers are stored beside the generated corpus's."""


def generated_answers_in(folder) -> dict:
    """The answers on the corpus benchmarks/generate.py writes into ``folder`` (SCALE, SEED)."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from generate import generate

    generate(folder, scale=SCALE, seed=SEED)
    return answers(folder)


def stored_answers() -> dict:
    """The answers on the generated corpus and on each fixture corpus, by corpus."""
    with tempfile.TemporaryDirectory() as folder:
        out = {"generated": generated_answers_in(folder)}
    corpora = Path(__file__).parent / "corpora"
    out.update((name, answers(corpora / name)) for name in FIXTURES)
    return out


if __name__ == "__main__":
    if sys.argv[2:] == ["--bundled"]:
        found = answers(None)
    elif sys.argv[2:]:  # a corpus folder (of any size): most practices' own coverage left out
        found = answers(sys.argv[2], every_practice=False)
    else:
        found = stored_answers()
    with gzip.open(sys.argv[1], "wt", encoding="utf-8") as file:
        json.dump(found, file, sort_keys=True, separators=(",", ":"))
