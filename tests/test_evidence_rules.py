"""The rules of evidence (docs/evidence.md), each on a corpus built to break it, and the promise
that every output computes the same answer for every (practice, element)."""

from __future__ import annotations

import csv
import io
import json
import warnings

import pytest
from click.testing import CliRunner

import lexmap
from lexmap.cli import main
from lexmap.exports import render_matrix
from lexmap.filters import UndecidedStatus
from lexmap.model import Actor, Citation, Claim, Document, Element, Instrument, Practice, Ratification, State, TreatyAction

from conftest import CORPORA

LAW = Instrument(
    id="law",
    title="Test Convention",
    short_name="Test",
    kind="convention",
    binding=True,
    in_force="1932-05-01",
    in_force_after_consent="P12M",
    tests=(
        Element(
            id="law/offence",
            label="Offence",
            all_of=(
                Element(id="law/act", label="Act"),
                Element(
                    id="law/means",
                    label="Means",
                    any_of=(Element(id="law/force", label="Force"), Element(id="law/fraud", label="Fraud")),
                ),
            ),
        ),
    ),
)
ACTORS = [
    Actor("ngo", "NGO", "organisation"),
    Actor("author", "An Author", "person", part_of="ngo"),
    Actor("state-dept", "State Department", "government"),
    Actor("paper", "The Paper", "organisation"),
    Actor("other", "Other NGO", "organisation"),
]
PRACTICES = [
    Practice("scheme", "Scheme"),
    Practice("passports", "Passports", part_of="scheme"),
    Practice("wages", "Wages", part_of="scheme"),
    Practice("elsewhere", "Unrelated practice"),
]


def doc(id_, *, by=None, cites=(), **kw):
    return Document(
        id=id_, title=id_.title(), kind="report", authored_by=(by,) if by else (), cites=tuple(Citation(c) for c in cites), **kw
    )


def claim(id_, document, practice, element, stance="supports", speaker=None, relies_on=()):
    return Claim(
        id=id_,
        document=document,
        practice=practice,
        element=element,
        stance=stance,
        pinpoint="p. 1",
        quote="words",
        speaker=speaker,
        relies_on=tuple(Citation(r) for r in relies_on),
    )


def corpus(documents, claims):
    return lexmap.Corpus(instruments=[LAW], actors=ACTORS, practices=PRACTICES, documents=documents, claims=claims)


# -- voices and dependence ---------------------------------------------------------------------


def test_an_unattributed_statement_argues_but_never_corroborates():
    c = corpus(
        [doc("report", by="author"), doc("blog")],
        [claim("c1", "report", "passports", "law/force"), claim("c2", "blog", "passports", "law/force")],
    )
    row = c.coverage("law/offence", practice="passports")["law/force"]
    assert (row.level, row.independent_sources) == ("argued", 1)
    why = c.explain("passports", "law/force")
    assert [s.claim for s in why.unattributed] == ["c2"] and "unattributed, no source of its own: c2" in why.text
    only_blog = corpus([doc("blog")], [claim("c2", "blog", "passports", "law/force")])
    assert only_blog.coverage("law/offence", practice="passports")["law/force"].level == "argued"
    assert only_blog.single_source()[0].independent_sources == 0


def test_reports_of_one_author_relied_on_by_two_documents_are_one_source():
    c = corpus(
        [
            doc("tip-2020", by="state-dept"),
            doc("tip-2021", by="state-dept"),
            doc("ngo-report", by="author"),
            doc("article", by="paper"),
        ],
        [
            claim("c1", "ngo-report", "passports", "law/force", relies_on=["tip-2021"]),
            claim("c2", "article", "passports", "law/force", relies_on=["tip-2020"]),
        ],
    )
    why = c.explain("passports", "law/force")
    assert why.independent_sources == 1
    (link,) = why.groups[0].links
    assert (
        link.reason == "same-speaker"
        and "tip-2021, by State Department" in link.because
        and "tip-2020, by State Department" in link.because
    )


def test_a_speaker_and_a_document_that_speaker_wrote_are_one_source():
    c = corpus(
        [doc("tip-2021", by="state-dept"), doc("article", by="paper"), doc("ngo-report", by="author")],
        [
            claim("c1", "article", "passports", "law/force", speaker="state-dept"),
            claim("c2", "ngo-report", "passports", "law/force", relies_on=["tip-2021"]),
        ],
    )
    assert c.explain("passports", "law/force").independent_sources == 1


def test_independent_voices_in_independent_documents_corroborate():
    c = corpus(
        [doc("a", by="author"), doc("b", by="paper")],
        [claim("c1", "a", "passports", "law/force"), claim("c2", "b", "passports", "law/force")],
    )
    assert c.coverage("law/offence", practice="passports")["law/force"].level == "corroborated"


# -- levels, parts and the whole ----------------------------------------------------------------


def test_sources_are_never_pooled_across_unrelated_practices():
    c = corpus(
        [doc("a", by="author"), doc("b", by="paper")],
        [claim("c1", "a", "passports", "law/force"), claim("c2", "b", "elsewhere", "law/force")],
    )
    row = c.coverage("law/offence")["law/force"]
    assert (row.level, row.independent_sources) == ("argued", 1)  # one source each, about different practices
    assert row.practice == "scheme"  # the best single practice is named: scheme, through its part passports
    assert c.matrix("practices", "elements").cell("scheme", "law/force").level == "argued"


def test_a_practice_counts_its_parts_statements_and_says_so():
    c = corpus(
        [doc("a", by="author"), doc("b", by="paper")],
        [claim("c1", "a", "passports", "law/force"), claim("c2", "b", "wages", "law/force")],
    )
    assert c.coverage("law/offence", practice="scheme")["law/force"].level == "corroborated"
    assert "about wages (part of scheme)" in c.explain("scheme", "law/force").text
    with pytest.raises(ValueError, match="parts=False"):
        c.coverage("law/offence", practice="scheme", parts=False)


def test_a_practices_parts_come_in_corpus_order_through_any_chain():
    practices = [
        Practice("leaf", "Leaf", part_of="middle"),  # before the practice it is part of
        Practice("top", "Top"),
        Practice("other", "Other"),
        Practice("middle", "Middle", part_of="top"),
        Practice("second", "Second", part_of="top"),
    ]
    c = lexmap.Corpus(instruments=[LAW], practices=practices)
    assert c.parts_of("top").ids == ["leaf", "middle", "second"]
    assert c.parts_of("middle").ids == ["leaf"] and c.parts_of("other").ids == []


def test_all_of_is_met_only_when_every_part_is_and_an_assertion_of_the_whole_never_lifts_it():
    c = corpus(
        [doc("a", by="author"), doc("b", by="paper"), doc("d", by="other")],
        [
            claim("c1", "a", "passports", "law/act"),
            claim("c2", "a", "passports", "law/force"),
            claim("c3", "b", "passports", "law/force"),
            claim("w1", "b", "passports", "law/offence"),
            claim("w2", "d", "passports", "law/offence"),
        ],
    )
    coverage = c.coverage("law/offence", practice="passports")
    root = coverage["law/offence"]
    assert (root.level, root.independent_sources, root.limiting) == ("argued", 1, "law/act")
    assert root.asserted_by == 2 and [x.id for x in root.supporting] == ["w1", "w2"]
    assert root.status == "argued (through its parts); asserted as a whole by 2 independent sources"
    assert coverage["law/means"].level == "corroborated"  # any_of: its best part
    text = c.explain("passports", "law/offence").text
    assert "law/act (Act): argued, 1 independent source <- sets the level" in text
    assert "Asserted as a whole, naming no part (not counted for the level)" in text


@pytest.mark.parametrize("test_id", ["law/offence", "def/crime"])  # without definitions (levels), and with one
def test_an_element_nobody_argues_shows_the_practice_most_sources_assert_it_for(test_id):
    defining = Instrument(
        id="def",
        title="Defining Act",
        short_name="Def",
        kind="statute",
        binding=True,
        tests=(
            Element(
                id="def/crime",
                label="Crime",
                all_of=(Element(id="def/act", label="Act"), Element(id="def/offence", label="Offence", defined_by="law/offence")),
            ),
        ),
    )
    c = lexmap.Corpus(
        instruments=[LAW, defining],
        actors=ACTORS,
        practices=PRACTICES,
        documents=[doc("a", by="author"), doc("b", by="paper"), doc("d", by="other")],
        claims=[  # the first practice in corpus order (scheme, through passports) has one source, elsewhere two
            claim("w1", "a", "passports", test_id),
            claim("w2", "b", "elsewhere", test_id),
            claim("w3", "d", "elsewhere", test_id),
        ],
    )
    root = c.coverage(test_id)[test_id]
    assert (root.level, root.asserted_by, root.practice) == ("unargued", 2, "elsewhere")
    assert c.coverage(test_id, practice="elsewhere")[test_id].asserted_by == 2
    assert c.coverage(test_id, practice="scheme")[test_id].asserted_by == 1
    page = lexmap.site.pages.page_makers(c)[lexmap.site.links.target(c, test_id)]()
    assert "No practice reaches a level here." in page and "for <a" in page and "Unrelated practice" in page


def test_contested_when_a_part_is_contested_for_that_practice_only():
    c = corpus(
        [doc("a", by="author"), doc("gov", by="other")],
        [
            claim("c1", "a", "passports", "law/force"),
            claim("x1", "gov", "passports", "law/fraud", stance="contests"),
            claim("x2", "gov", "elsewhere", "law/act", stance="contests"),
        ],
    )
    coverage = c.coverage("law/offence", practice="passports")
    assert coverage["law/offence"].contested and [x.id for x in coverage["law/offence"].contested_by] == ["x1"]
    assert not coverage["law/act"].contested  # x2 is about another practice
    assert [s.claim for s in c.explain("passports", "law/offence").contesting] == ["x1"]


def test_a_long_definition_chain_is_not_a_recursion():
    chain = [
        Element(
            id=f"deep/t{i}",
            label=f"T{i}",
            defined_by=f"deep/t{i + 1}" if i < 999 else None,
            all_of=(Element(id=f"deep/t{i}-a", label="a"), Element(id=f"deep/t{i}-b", label="b")),
        )
        for i in range(1000)
    ]
    law = Instrument(id="deep", title="Deep", short_name="Deep", kind="convention", binding=True, tests=tuple(chain))
    c = lexmap.Corpus(
        instruments=[law],
        practices=PRACTICES,
        documents=[doc("a", by="author")],
        claims=[claim("c1", "a", "passports", "deep/t999-a"), claim("c2", "a", "passports", "deep/t999-b")],
    )
    assert c.coverage("deep/t0", practice="passports").level == "argued"


# -- one truth ---------------------------------------------------------------------------------


def _cases():
    yield "bundled", lexmap.load()
    for name in ("small", "evidence", "full"):
        yield name, lexmap.load(CORPORA / name)


@pytest.mark.parametrize("name, case", list(_cases()), ids=lambda v: v if isinstance(v, str) else "")
def test_the_sqlite_assessments_are_the_api_s(tmp_path, name, case):
    import json
    import sqlite3

    from lexmap.exports.sqlite import write_sqlite

    database, _metadata = write_sqlite(case, tmp_path / "corpus.db")
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT practice, element, level, independent_sources, contested, contested_by FROM assessments"
        ).fetchall()
    pairs = {(c.practice, c.element) for c in case.claims.values()}
    assert pairs <= {(p, e) for p, e, *_ in rows}
    for practice, element, level, sources, contested, contested_by in rows:
        row = case.coverage(case.test_of(element).id, practice=practice)[element]
        assert (level, sources, bool(contested)) == (row.level, row.independent_sources, row.contested)
        assert json.loads(contested_by) == [c.id for c in row.contested_by]


@pytest.mark.parametrize("name, case", list(_cases()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_answer_is_the_same_in_coverage_explain_gaps_and_every_matrix_format(name, case):
    matrix = case.matrix("practices", "elements")
    level_csv = list(csv.reader(io.StringIO(render_matrix(matrix, case, "csv", "level").decode())))[1:]  # after the caption
    independent_csv = list(csv.reader(io.StringIO(render_matrix(matrix, case, "csv", "independent").decode())))[1:]
    matrix_json = json.loads(render_matrix(matrix, case, "json"))
    json_cells = {(c["row"], c["col"]): c for c in matrix_json["cells"]}
    columns = level_csv[0]
    rows = {r[0]: r for r in level_csv[1:]}
    independent = {r[0]: r for r in independent_csv[1:]}
    gaps = case.gaps()
    single = {(g.practice, g.element) for g in gaps if g.kind == "single-source"}
    contested_gaps = {(g.practice, g.element) for g in gaps if g.kind == "contested"}
    checked = 0
    for practice in case.practices:
        for element in case.elements:
            row = case.coverage(case.test_of(element).id, practice=practice)[element]
            why = case.explain(practice, element)
            cell = matrix.cell(practice, element)
            assert (why.level, why.contested, why.independent_sources) == (row.level, row.contested, row.independent_sources)
            assert (cell.level, cell.contested, cell.independent_sources) == (row.level, row.contested, row.independent_sources)
            written = rows[_row_key(level_csv, practice, case)][columns.index(_col_key(columns, element, case))]
            shown = "asserted as a whole" if row.level == "unargued" and row.supporting else row.level
            assert written == shown + (", contested" if row.contested else ""), (practice, element)
            stored = json_cells[practice, element]
            assert (stored["level"], stored["contested"], stored["independent_sources"]) == (
                row.level,
                row.contested,
                row.independent_sources,
            )
            count = independent[_row_key(independent_csv, practice, case)][columns.index(_col_key(columns, element, case))]
            assert int(count or 0) == row.independent_sources
            direct = any(c.practice == practice and c.element == element for c in case.claims.values())
            if direct and any(
                c.practice == practice and c.element == element and c.stance == "supports" for c in case.claims.values()
            ):
                assert ((practice, element) in single) == (row.level == "argued"), (practice, element)
            if any(c.practice == practice and c.element == element and c.stance == "contests" for c in case.claims.values()):
                assert (practice, element) in contested_gaps
            checked += 1
    assert checked == len(case.practices) * len(case.elements)
    for test in case.tests:
        unargued = {e.id for e in case.coverage(test).unargued}
        argued_at_all = case.coverage(test).elements[0].subtree_supporting
        listed = {g.element for g in gaps if g.kind == "unargued-element" and case.test_of(g.element).id == test}
        assert listed == (unargued if argued_at_all else set()), test


def _row_key(table, practice, case):
    labels = {r[0] for r in table[1:]}
    return practice if practice in labels else case.practices[practice].label


def _col_key(columns, element, case):
    return element if element in columns else case.elements[element].label


# -- status on a date ----------------------------------------------------------------------------


def _status_case(*events, as_of=None):
    record = Ratification("law", "aa", events=tuple(TreatyAction(e, d) for e, d in events), as_of=as_of)
    return lexmap.Corpus(instruments=[LAW], states=[State("aa", "Atlantis")], ratifications=[record])


def test_a_year_only_ratification_leaves_that_year_uncertain_and_binding_follows_the_rule():
    c = _status_case(("ratification", "1953"))
    assert c.party_status("law", "aa", on="1952") == "not-party"
    assert c.party_status("law", "aa", on="1953-06-01") == "uncertain"
    assert c.party_status("law", "aa", on="1954-06-01") == "uncertain"  # bound twelve months after 1953: some day of 1954
    status = c.party_status("law", "aa", on="1955")
    assert (status.value, status.in_force, status.since) == ("party", True, "1953")


def test_consent_is_not_yet_being_bound():
    status = _status_case(("ratification", "2010-03-01")).party_status("law", "aa", on="2010-06-01")
    assert (status.value, status.in_force) == ("contracting", False)
    assert "in force for the state only from 2011-03-01" in status.text


def test_a_record_says_nothing_after_its_as_of_date():
    c = _status_case(as_of="2020-01-01")
    assert c.party_status("law", "aa", on="2019") == "not-party"
    assert c.party_status("law", "aa", on="2024") == "uncertain"


def test_impossible_questions_raise():
    c = _status_case(("ratification", "2010-03-01"))
    for bad in ("yesterday", "2014/01/01", "1950-13-01", 2014):
        with pytest.raises(ValueError, match="ISO date"):
            c.party_status("law", "aa", on=bad)
    with pytest.raises(LookupError, match="did you mean 'aa'"):
        c.party_status("law", "atlantis")
    with pytest.raises(LookupError, match="unknown instrument"):
        c.party_status("lwa", "aa")
    assert lexmap.load().party_status("ilo-c29", "xx" if False else "cu", on="1950") == "not-party"


def test_filters_refuse_what_they_cannot_answer(small):
    for kwargs, words in [
        ({"stance": "support"}, "unknown stance"),
        ({"since": "2021-13"}, "not a date"),
        ({"party_status": "member"}, "unknown party status"),
    ]:
        with pytest.raises(ValueError, match=words):
            small.filter(**kwargs)
    with pytest.raises(LookupError, match="did you mean 'd1'"):
        small.filter(documents=["d11"])
    with warnings.catch_warnings():
        warnings.simplefilter("error", UndecidedStatus)
        with pytest.raises(UndecidedStatus):
            small.filter(party_status="party")


def test_show_lists_an_actors_statements_and_a_states_status_on_a_date():
    runner = CliRunner()
    result = runner.invoke(main, ["show", "ngo-a", str(CORPORA / "evidence")])
    assert result.exit_code == 0 and "claim a1: passports -> law/menace (supports, report-a)" in result.stdout
    result = runner.invoke(main, ["show", "aa", str(CORPORA / "evidence"), "--on", "2010"])
    assert "status on 2010:" in result.stdout and "  law: party (binding not known); ratification on 2005-03-01" in result.stdout
    result = runner.invoke(main, ["show", "aa", str(CORPORA / "evidence"), "--on", "yesterday"])
    assert result.exit_code == 2 and "Traceback" not in result.output and "--on" in result.output


def test_an_entry_into_force_rule_lexmap_cannot_read_is_a_problem_at_its_line(tmp_path):
    import shutil

    shutil.copytree(CORPORA / "full", tmp_path / "case")
    charter = tmp_path / "case" / "instruments" / "charter.yaml"
    charter.write_text(charter.read_text().replace("in_force_after_consent: P30D", "in_force_after_consent: thirty days"))
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(tmp_path / "case")
    (problem,) = [p for p in raised.value.problems if "period" in p.message]
    assert (problem.file, problem.line, problem.id) == ("case/instruments/charter.yaml", 10, "charter")
    assert "P12M" in problem.hint


def test_every_matrix_format_carries_the_case_title_date_and_measure(tmp_path):
    import json
    import shutil

    import openpyxl

    shutil.copytree(CORPORA / "evidence", tmp_path / "case")
    manifest = tmp_path / "case" / "lexmap.yaml"
    manifest.write_text(manifest.read_text() + "date: 2024-05-01\n")
    case = lexmap.load(tmp_path / "case")
    matrix = case.matrix("practices", "instruments")
    md = render_matrix(matrix, case, "md").decode()
    assert md.startswith(
        "**Evidence fixture** (2024-05-01): practices (rows) by instruments (columns); each cell: the number of practices"
    )
    data = json.loads(render_matrix(matrix, case, "json"))
    assert (data["title"], data["date"], data["value"]) == ("Evidence fixture", "2024-05-01", "count")
    page = render_matrix(matrix, case, "html").decode()
    assert "<h1>Evidence fixture</h1>" in page and "2024-05-01" in page
    book = openpyxl.load_workbook(io.BytesIO(render_matrix(matrix, case, "xlsx")))
    assert book.properties.title == "Evidence fixture"
    assert "2024-05-01" in " ".join(str(c.value) for row in book["legend"].iter_rows() for c in row)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["small", "evidence"])
def test_the_site_shows_the_levels_the_api_computes(tmp_path, name):
    import re

    from lexmap.site.build import build_site
    from lexmap.site.links import target

    case = lexmap.load(CORPORA / name)
    build_site(CORPORA / name, tmp_path / "site", strict=True)
    for test in case.tests:
        page = (tmp_path / "site" / target(case, test).replace(".md", ".html")).read_text(encoding="utf-8")
        shown = re.findall(r'class="lx-assessment" data-level="(\w+)" data-contested="(\w+)" data-sources="(\d+)"', page)
        expected = [(r.level, "yes" if r.contested else "no", str(r.independent_sources)) for r in case.coverage(test)]
        assert shown == expected, test


@pytest.mark.parametrize("name", ["small", "evidence", "full"])
def test_the_xlsx_html_and_markdown_matrices_show_the_api_s_levels(name):
    import html as html_module
    import re

    import openpyxl

    case = lexmap.load(CORPORA / name)
    matrix = case.matrix("practices", "elements")
    expected = [[matrix.cell(r.id, c.id).value("level") for c in matrix.cols] for r in matrix.rows]
    from lexmap.exports.xlsxfile import HEADER_ROW

    sheet = openpyxl.load_workbook(io.BytesIO(render_matrix(matrix, case, "xlsx", "level")))["matrix"]
    table = sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=len(matrix.rows) + HEADER_ROW)
    assert [[c.value for c in row][1:] for row in table] == expected
    page = render_matrix(matrix, case, "html", "level").decode()
    body = page[page.index("<tbody>") :]
    cells = [html_module.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]
    assert cells == [v for row in expected for v in row]
    md = render_matrix(matrix, case, "md", "level").decode().splitlines()
    body_rows = [line for line in md if line.startswith("| ")][2:]  # after the header row and the rule
    assert [[c.strip() for c in line.strip("|").split(" | ")][1:] for line in body_rows] == expected
    assert any(v != "unargued" for row in expected for v in row)  # the fixture has levels to show


def test_the_interchange_exports_and_the_chart_carry_the_case_title_and_date(tmp_path):
    import shutil

    import networkx as nx

    from lexmap.chart import build_chart
    from lexmap.exports import export_bytes
    from lexmap.exports.chart_md import chart_markdown

    shutil.copytree(CORPORA / "evidence", tmp_path / "case")
    manifest = tmp_path / "case" / "lexmap.yaml"
    manifest.write_text(manifest.read_text() + "date: 2024-05-01\n")
    case = lexmap.load(tmp_path / "case")
    (tmp_path / "c.graphml").write_bytes(export_bytes(case, "graphml"))
    assert nx.read_graphml(tmp_path / "c.graphml").graph["title"] == "Evidence fixture"
    assert nx.read_graphml(tmp_path / "c.graphml").graph["date"] == "2024-05-01"
    assert "<description>Evidence fixture (2024-05-01)</description>" in export_bytes(case, "gexf").decode()
    turtle = export_bytes(case, "turtle").decode()
    assert '"Evidence fixture"' in turtle and '"2024-05-01"^^xsd:date' in turtle
    assert json.loads(export_bytes(case, "json"))["case"]["title"] == "Evidence fixture"
    chart = chart_markdown(build_chart(case, "law/forced-labour"))
    assert "Evidence fixture" in chart and "2024-05-01" in chart
