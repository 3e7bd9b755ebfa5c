"""Figures as data (issue 25, item 6): an attestation's figures, checked on load, and the figures
of one practice that disagree (lexmap.conflicts): only figures of one unit and one base are
compared, a share kept is never set against a share handed over, and agreeing figures are no
conflict."""

from __future__ import annotations

import shutil

import pytest
import yaml

import lexmap
from lexmap.chart import build_chart
from lexmap.exports.chart_html import fragment
from lexmap.exports.chart_md import chart_markdown
from lexmap.exports.corpus_json import corpus_json
from lexmap.site.pages import build_pages

from conftest import CORPORA

KEPT = "salary, share the worker receives"
HANDED = "salary, share handed over to the state"


def attestation(id_, document, words, *, base=KEPT, unit="percent", practice="wages", period=None, **number):
    figure = {"words": words, "unit": unit, "base": base, **number}
    if period:
        figure["period"] = period
    return {
        "id": id_,
        "document": document,
        "practice": practice,
        "pinpoint": "p. 1",
        "quote": f"Workers receive {words} of their pay.",
        "figures": [figure],
    }


def load(tmp_path, *attestations):
    """The small fixture corpus with these attestations added."""
    shutil.copytree(CORPORA / "small", tmp_path / "case")
    (tmp_path / "case" / "mappings" / "attestations.yaml").write_text(
        yaml.safe_dump({"attestations": list(attestations)}, allow_unicode=True), encoding="utf-8"
    )
    return lexmap.load(tmp_path / "case", cache=False)


def by_ref(corpus):
    return {row.figure: row for row in corpus.conflicts()}


def bundled_speakers(corpus, attestation_id):
    return corpus.sources().speakers(corpus.attestations[attestation_id])


def kinds(corpus):
    return [g for g in corpus.gaps() if g.kind == "conflicting-figures"]


def test_two_agreeing_figures_are_no_conflict(tmp_path):
    corpus = load(
        tmp_path,
        attestation("f2", "d2", "9 to 25 percent", range={"low": 9, "high": 25}),
        attestation("f4", "d4", "between 9 and 25 percent", range={"low": 9, "high": 25}),
    )
    assert corpus.conflicts() == () and kinds(corpus) == []
    assert len(corpus.conflicts().to_frame()) == 0


def test_different_ranges_on_one_base_disagree_each_with_its_source_and_speaker(tmp_path):
    corpus = load(
        tmp_path,
        attestation("f2", "d2", "five to 25 percent", range={"low": 5, "high": 25}),
        attestation("f4", "d4", "9-25 percent", range={"low": 9, "high": 25}),
    )
    rows = by_ref(corpus)
    assert rows["f2"].disagrees_with == ("f4",) and rows["f4"].disagrees_with == ("f2",)
    assert rows["f2"].document == "d2" and rows["f2"].speakers == tuple(bundled_speakers(corpus, "f2"))
    frame = corpus.conflicts().to_frame()
    assert {"figure", "document", "speakers", "base", "disagrees_with"} <= set(frame.columns)
    (gap,) = kinds(corpus)
    assert gap.practice == "wages" and "5–25 percent (d2)" in gap.detail and "9–25 percent (d4)" in gap.detail


def test_a_share_handed_over_is_not_compared_with_a_share_kept(tmp_path):
    # 85 handed over and 5-25 kept differ as numbers, but measure different things: no conflict
    corpus = load(
        tmp_path,
        attestation("f2", "d2", "five to 25 percent", range={"low": 5, "high": 25}),
        attestation("f4", "d4", "up to 85 percent", base=HANDED, range={"high": 85}),
    )
    assert corpus.conflicts() == () and kinds(corpus) == []


def test_figures_on_another_base_are_listed_beside_a_conflict_but_not_compared(tmp_path):
    corpus = load(
        tmp_path,
        attestation("f2", "d2", "five to 25 percent", range={"low": 5, "high": 25}),
        attestation("f3", "d3", "9-25 percent", range={"low": 9, "high": 25}),
        attestation("f4", "d4", "up to 85 percent", base=HANDED, range={"high": 85}),
    )
    rows = by_ref(corpus)
    assert rows["f4"].disagrees_with == () and rows["f4"].agrees_with == () and set(rows["f4"].not_compared) == {"f2", "f3"}
    assert "f4" in rows["f2"].not_compared and "f4" not in rows["f2"].disagrees_with
    assert "1 more figure(s) of the same unit on other bases, not compared" in kinds(corpus)[0].detail


def test_figures_of_different_units_are_not_compared(tmp_path):
    corpus = load(
        tmp_path,
        attestation("f2", "d2", "400", unit="US dollars per month", value=400),
        attestation("f4", "d4", "9.36 percent", value=9.36),
    )
    assert corpus.conflicts() == ()


def test_base_and_unit_are_compared_case_and_spacing_aside(tmp_path):
    corpus = load(
        tmp_path,
        attestation("f2", "d2", "10 percent", value=10),
        attestation("f4", "d4", "12 percent", base="Salary,  share the WORKER receives", unit="Percent", value=12),
    )
    assert by_ref(corpus)["f2"].disagrees_with == ("f4",)


@pytest.mark.parametrize("value, agrees", [(9.36, True), (9, True), (25, True), (30, False), (5, False)])
def test_a_value_agrees_with_a_range_that_holds_it(tmp_path, value, agrees):
    corpus = load(
        tmp_path,
        attestation("f2", "d2", "9 to 25 percent", range={"low": 9, "high": 25}),
        attestation("f4", "d4", f"{value} percent", value=value),
    )
    assert (corpus.conflicts() == ()) is agrees


def test_an_open_end_matches_only_an_open_end(tmp_path):
    same = load(
        tmp_path / "same",
        attestation("f2", "d2", "up to 85 percent", range={"high": 85}),
        attestation("f4", "d4", "as much as 85 percent", range={"high": 85}),
    )
    assert same.conflicts() == ()
    closed = load(
        tmp_path / "closed",
        attestation("f2", "d2", "up to 85 percent", range={"high": 85}),
        attestation("f4", "d4", "0 to 85 percent", range={"low": 0, "high": 85}),
    )
    assert by_ref(closed)["f2"].disagrees_with == ("f4",)


def test_figures_of_periods_that_do_not_overlap_are_not_compared(tmp_path):
    apart = load(
        tmp_path / "apart",
        attestation("f2", "d2", "60 percent", value=60, period={"start": 1988, "end": 1990}),
        attestation("f4", "d4", "10 percent", value=10, period={"start": 2019, "end": 2020}),
    )
    assert apart.conflicts() == ()
    overlapping = load(
        tmp_path / "overlap",
        attestation("f2", "d2", "60 percent", value=60, period={"start": 1988, "end": 2019}),
        attestation("f4", "d4", "10 percent", value=10, period={"start": "2019-06"}),
    )
    assert by_ref(overlapping)["f2"].disagrees_with == ("f4",)
    assert by_ref(overlapping)["f2"].period == "1988 to 2019"


@pytest.mark.parametrize(
    "figure, words",
    [
        ({"words": "not in the quote", "unit": "percent", "base": KEPT, "value": 5}, "are not in the quote"),
        ({"words": "5 percent", "unit": "percent", "base": KEPT, "value": 5, "range": {"low": 1, "high": 9}}, "not both"),
        ({"words": "5 percent", "unit": "percent", "base": KEPT}, "either a value or a range"),
        ({"words": "5 percent", "unit": "percent", "base": KEPT, "range": {"low": 25, "high": 5}}, "low (25) is above high (5)"),
        ({"words": "5 percent", "unit": "percent", "base": KEPT, "range": {}}, "a range needs low, high or both"),
        ({"words": "5 percent", "unit": "percent", "base": KEPT, "value": "5"}, "expected a number, found the text '5'"),
        (
            {"words": "5 percent", "unit": "percent", "base": KEPT, "value": 5, "period": {"start": 2020, "end": 2019}},
            "end (2019) is before start (2020)",
        ),
    ],
)
def test_a_bad_figure_is_refused_with_file_line_and_id(tmp_path, figure, words):
    bad = {
        "id": "f2",
        "document": "d2",
        "practice": "wages",
        "pinpoint": "p. 1",
        "quote": "Workers keep 5 percent.",
        "figures": [figure],
    }
    with pytest.raises(lexmap.CorpusError) as raised:
        load(tmp_path, bad)
    (problem,) = [p for p in raised.value.problems if words in p.message]
    assert problem.file.endswith("attestations.yaml") and problem.line and problem.id == "f2"


def test_the_practice_page_and_the_chart_show_the_figures_that_disagree(tmp_path):
    corpus = load(
        tmp_path,
        attestation("f2", "d2", "five to 25 percent", range={"low": 5, "high": 25}),
        attestation("f4", "d4", "9-25 percent", range={"low": 9, "high": 25}),
    )
    page = build_pages(corpus)["practices/wages.md"]
    section = page[page.index("## Figures that disagree") :]
    assert 'href="#att-f2"' in section and 'href="#att-f4"' in section and "5–25 percent" in section
    test = next(t for t in corpus.tests if any(c.practice == "wages" for c in corpus.claims_for(t)))
    chart = build_chart(corpus, test, "wages")
    assert {f.figure for f in chart.figures} == {"f2", "f4"}
    assert {(n.document, n.pinpoint) for n in chart.notes} >= {("d2", "p. 1"), ("d4", "p. 1")}
    assert "Figures that disagree" in fragment(chart) and "5–25 percent" in chart_markdown(chart)
    assert "conflicting-figures" in {g.kind for g in chart.gaps}


def test_a_page_of_figures_that_agree_says_so(tmp_path):
    corpus = load(
        tmp_path,
        attestation("f2", "d2", "9 to 25 percent", range={"low": 9, "high": 25}),
        attestation("f4", "d4", "9.36 percent", value=9.36),
    )
    page = build_pages(corpus)["practices/wages.md"]
    assert "No two figures of this practice disagree" in page


def test_figures_survive_the_cache_and_the_json_export(tmp_path):
    corpus = load(
        tmp_path,
        attestation("f2", "d2", "five to 25 percent", range={"low": 5, "high": 25}, period={"start": 2019}),
        attestation("f4", "d4", "9.36 percent", value=9.36),
    )
    case = tmp_path / "case"
    lexmap.load(case)  # fills the cache
    cached = lexmap.load(case)
    assert cached.attestations == corpus.attestations and cached.conflicts() == corpus.conflicts()
    (tmp_path / "corpus.json").write_text(corpus_json(corpus), encoding="utf-8")
    back = lexmap.load(tmp_path / "corpus.json", texts=[])
    assert back.attestations["f2"].figures == corpus.attestations["f2"].figures
    assert back.attestations["f4"].figures[0].value == 9.36


def test_the_attestation_table_names_its_figures(tmp_path):
    corpus = load(tmp_path, attestation("f2", "d2", "five to 25 percent", range={"low": 5, "high": 25}))
    frame = corpus.frame("attestations")
    assert list(frame.loc[frame.id == "f2", "figures"]) == ["5–25 percent"]


# -- the bundled corpus ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled():
    return lexmap.load()


def test_bundled_wage_shares_are_listed_with_source_and_speaker(bundled):
    rows = bundled.conflicts("wage-withholding")
    documents = {r.document for r in rows}
    assert {"tip-2020-cuba-blog", "hrf-2022", "cibercuba-us-warns"} <= documents
    for row in rows:
        attestation = bundled.attestations[row.attestation]
        assert row.speakers and row.quote == attestation.quote and row.practice == "wage-withholding"
        assert " ".join(row.words.split()) in " ".join(attestation.quote.split())
    # Brazil's audit court speaks through the HRF report; the TIP figure is the State Department's
    speakers = {r.shown: r.speakers for r in rows}
    assert speakers["9.36 percent"] == ("br-tcu",) and speakers["5–25 percent"] == ("us-department-of-state",)
    kept = [r for r in rows if r.disagrees_with]
    assert {r.document for r in kept} == {"tip-2020-cuba-blog", "hrf-2022"}
    handed = [r for r in rows if "handed over" in r.base]
    assert handed and all(not r.disagrees_with and not r.agrees_with for r in handed)
    assert "conflicting-figures" in {g.kind for g in bundled.gaps() if g.practice == "wage-withholding"}


def test_no_practice_description_states_a_figure_the_sources_dispute(bundled):
    for row in bundled.conflicts():
        description = bundled.practices[row.practice].description or ""
        low, high = row.low, row.high
        for number in {low, high} - {None}:
            assert f"{number:g} per" not in description and f"{number:g}%" not in description, (row.practice, number)
