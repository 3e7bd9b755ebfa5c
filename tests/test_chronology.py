"""``when:`` on statements and ``lexmap export chronology``: the event date kept apart from the
document's date, rows in order of the event, undated ones last and said so, and whether the
state was bound when the conduct happened; read back with pandas (CSV) and openpyxl (XLSX)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import lexmap
from lexmap.chronology import UNDATED, chronology
from lexmap.cli import main

LAW = {
    "instruments": [
        {
            "id": "law",
            "title": "Convention on Work (Test)",
            "short_name": "Test Convention",
            "kind": "convention",
            "binding": True,
            "adopted": "2000-06-01",
            "in_force": "2001-01-01",
            "provisions": [
                {"id": "art-1", "label": "Art. 1", "text": "Forced labour means work exacted under menace of penalty."}
            ],
            "tests": [
                {
                    "id": "forced-labour",
                    "label": "Forced labour",
                    "kind": "definition",
                    "provision": "art-1",
                    "all_of": [
                        {"id": "work", "label": "Work exacted", "words": "work exacted"},
                        {"id": "menace", "label": "Menace of penalty", "words": "menace of penalty"},
                    ],
                }
            ],
        }
    ],
    "states": [{"id": "aa", "name": "Atlantis"}],
    "ratifications": [
        {
            "instrument": "law",
            "state": "aa",
            "source": "https://example.org/law",
            "events": [
                {"event": "ratification", "date": "2005-03-01"},
                {"event": "entry-into-force", "date": "2006-03-01"},
            ],
        }
    ],
}


def _claim(id_, element, when=None, **extra):
    record = {
        "id": id_,
        "document": "report",
        "practice": "passports",
        "element": element,
        "stance": "supports",
        "pinpoint": "p. 1",
        "quote": f"words of {id_}",
    }
    return {**record, **({"when": when} if when is not None else {}), **extra}


CASE = {
    "actors": [{"id": "ngo", "name": "NGO A", "kind": "organisation"}],
    "documents": [{"id": "report", "title": "Report of 2022", "kind": "report", "date": "2022-08", "authored_by": ["ngo"]}],
    "practices": [
        {"id": "scheme", "label": "The scheme", "state": "aa"},
        {"id": "passports", "label": "Passport retention", "part_of": "scheme"},
    ],
    "claims": [
        _claim("undated", "law/work"),
        _claim("in-2010", "law/menace", 2010),
        _claim("before-binding", "law/work", "2004-05-01"),
        _claim("the-year-it-came-into-force", "law/work", "2006"),
        _claim("about-2012", "law/menace", "2012-06~"),
    ],
    "attestations": [
        {
            "id": "seen",
            "document": "report",
            "practice": "passports",
            "pinpoint": "p. 2",
            "quote": "= passports are kept",
            "when": "2008/2009",
        }
    ],
}


@pytest.fixture
def case(tmp_path) -> Path:
    (tmp_path / "case" / "law").mkdir(parents=True)
    (tmp_path / "case" / "lexmap.yaml").write_text(yaml.safe_dump({"title": "Chronology fixture", "law": ["law"]}))
    (tmp_path / "case" / "case.yaml").write_text(yaml.safe_dump(CASE, sort_keys=False))
    (tmp_path / "case" / "law" / "law.yaml").write_text(yaml.safe_dump(LAW, sort_keys=False))
    return tmp_path / "case"


# (statement, event date, from, to, certainty, state bound then), in the order the export gives
EXPECTED = [
    ("before-binding", "2004-05-01", "2004-05-01", "2004-05-01", "to the day", "law: not-party (not bound)"),
    ("the-year-it-came-into-force", "2006", "2006-01-01", "2006-12-31", "to the year", "law: uncertain (binding not known)"),
    ("seen", "2008/2009", "2008-01-01", "2009-12-31", "interval, 2008-01-01 to 2009-12-31", "law: party (bound)"),
    ("in-2010", "2010", "2010-01-01", "2010-12-31", "to the year", "law: party (bound)"),
]


def test_statements_carry_when_apart_from_their_document_date(case):
    corpus = lexmap.load(case)
    assert corpus.claims["in-2010"].when == "2010" and corpus.documents["report"].date == "2022-08"
    assert corpus.claims["undated"].when is None


def test_chronology_orders_by_event_date_with_the_undated_last(case):
    events = chronology(lexmap.load(case))
    got = [(e.statement, e.when, e.lower, e.upper, e.certainty, e.bound) for e in events]
    assert got[:4] == EXPECTED
    about = got[4]  # 2012-06~: an approximate month, whose range lexmap.dates widens
    assert about[0] == "about-2012" and about[4] == "approximate, to the month" and about[5] == "law: party (bound)"
    assert about[2] < "2012-06-01" and about[3] > "2012-06-30"
    assert got[5] == ("undated", None, None, None, UNDATED, "not known: no event date")
    seen = next(e for e in events if e.statement == "seen")
    assert (seen.kind, seen.stance, seen.elements, seen.state) == ("attestation", "reports", (), "aa")  # the state of the whole
    assert (seen.document_date, seen.speaker) == ("2022-08", "NGO A")


def test_export_chronology_csv_reads_back_in_pandas(case, tmp_path):
    import pandas as pd

    out = tmp_path / "c.csv"
    result = CliRunner().invoke(main, ["export", "chronology", str(case), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "6 statements, 5 with an event date in order, 1 undated (listed last)" in result.output
    frame = pd.read_csv(out, dtype=str, keep_default_na=False, skiprows=1)
    assert list(frame.columns)[:4] == ["Event date", "From", "To", "Certainty"]
    rows = list(
        zip(
            frame["Statement"],
            frame["Event date"],
            frame["From"],
            frame["To"],
            frame["Certainty"],
            frame["State bound then"],
            strict=True,
        )
    )
    assert rows[:4] == EXPECTED
    assert rows[-1] == ("undated", "", "", "", UNDATED, "not known: no event date")
    seen = frame[frame["Statement"] == "seen"].iloc[0]
    assert seen["Quote"] == "'= passports are kept"  # a formula start neutralised
    assert (seen["Document date"], seen["Speaker"], seen["Practice"], seen["Kind"]) == (
        "2022-08",
        "NGO A",
        "Passport retention",
        "attestation",
    )
    assert frame[frame["Statement"] == "in-2010"].iloc[0]["Elements"] == "law/menace"


def test_export_chronology_xlsx_reads_back_in_openpyxl(case, tmp_path):
    import openpyxl

    out = tmp_path / "c.xlsx"
    result = CliRunner().invoke(main, ["export", "chronology", str(case), "-o", str(out)])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["chronology", "about"]
    sheet = workbook["chronology"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value or "" for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    got = [(r["Statement"], r["Event date"], r["From"], r["To"], r["Certainty"], r["State bound then"]) for r in rows]
    assert got[:4] == EXPECTED and got[-1][0] == "undated" and got[-1][4] == UNDATED
    about = [c.value for c in workbook["about"]["A"]]
    assert "6 statements; 5 dated, in order of event date; 1 undated, listed last." in about
    again = tmp_path / "again.xlsx"
    CliRunner().invoke(main, ["export", "chronology", str(case), "-o", str(again)])
    assert again.read_bytes() == out.read_bytes()  # the same corpus, the same bytes


def test_an_unreadable_when_is_refused_with_file_line_and_id(case):
    data = yaml.safe_load((case / "case.yaml").read_text())
    data["claims"][1]["when"] = "2010-13"
    (case / "case.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(lexmap.CorpusError) as caught:
        lexmap.load(case)
    (problem,) = caught.value.problems
    assert "case.yaml" in str(problem) and "[in-2010]" in str(problem) and "'2010-13' is not a date that exists" in str(problem)


def test_a_chronology_file_of_another_kind_is_refused(case, tmp_path):
    result = CliRunner().invoke(main, ["export", "chronology", str(case), "-o", str(tmp_path / "c.ods")])
    assert result.exit_code == 2 and "cannot tell the chronology's format" in result.output
    assert "hint: name a .csv or .xlsx file" in result.output and not (tmp_path / "c.ods").exists()


def test_each_practice_page_draws_its_time_line_with_a_table_of_the_same_events(case):
    from lexmap.site import links
    from lexmap.site.pages import build_pages

    corpus = lexmap.load(case)
    pages = build_pages(corpus)
    whole, part = pages[links.target(corpus, "scheme")], pages[links.target(corpus, "passports")]
    for page in (whole, part):  # a part's events are the whole's too
        assert "## Timeline { #timeline }" in page
        figure = page[page.index('<figure class="lx-timeline-figure">') :]
        assert 'role="img" aria-label="Time line of ' in figure
        assert "5 dated statements, from 2004-05-01 to 2012-06~." in figure
        cells = [row.split("</td>")[0].split(">", 1)[1] for row in figure.split("<tr><td")[1:]]
        assert cells == [e[1] for e in EXPECTED] + ["2012-06~"]  # in order; the undated one is not drawn
        assert figure.count("<rect ") == 5
    data = yaml.safe_load((case / "case.yaml").read_text())
    for statement in (*data["claims"], *data["attestations"]):
        statement.pop("when", None)
    (case / "case.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    assert "Timeline" not in build_pages(lexmap.load(case))[links.target(corpus, "passports")]


def test_a_site_computes_the_chronology_once_for_every_page_and_chart(case, monkeypatch):
    """Every evidence chart and practice page reads the one chronology kept with the corpus (it
    was computed again for each chart: most of a 10x site build), and shows the same events."""
    import lexmap.chronology as module
    from lexmap.site import links
    from lexmap.site.pages import build_pages

    corpus = lexmap.load(case)
    expected = build_pages(lexmap.load(case))
    calls = []
    original = module.chronology
    monkeypatch.setattr(module, "chronology", lambda c: calls.append(c) or original(c))
    pages = build_pages(corpus)
    assert len(calls) == 1 and any(links.chart(corpus, t) in pages for t in corpus.tests)
    assert pages == expected


def test_the_xlsx_opens_in_libreoffice_with_the_csv_rows(case, tmp_path):
    import csv
    import shutil
    import subprocess

    from conftest import need

    need("soffice")
    for name in ("c.csv", "c.xlsx"):
        result = CliRunner().invoke(main, ["export", "chronology", str(case), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    out = tmp_path / "lo"
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",  # the first sheet, comma-separated, UTF-8
            "--outdir",
            str(out),
            str(tmp_path / "c.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    with (
        open(out / "c.csv", encoding="utf-8", newline="") as read,
        open(tmp_path / "c.csv", encoding="utf-8", newline="") as ours,
    ):
        ours.readline()  # our caption line (the case's title and date); the sheet holds the table
        assert list(csv.reader(read)) == list(csv.reader(ours))


def test_the_case_timeline_page_draws_every_practices_dated_statements_once(case):
    """The case's time line (issue 30 item 2): the dated statements of all practices, each once
    (a part's statement is not drawn again for its whole), in the chronology's order, with a
    table of the same rows; linked from the home page and the navigation."""
    from lexmap.site.mkdocs_hook import navigation
    from lexmap.site.pages import TIMELINE, build_pages

    data = yaml.safe_load((case / "case.yaml").read_text())
    data["attestations"].append(
        {
            "id": "whole-seen",
            "document": "report",
            "practice": "scheme",
            "pinpoint": "p. 3",
            "quote": "the scheme ran",
            "when": "2007",
        }
    )
    (case / "case.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    corpus = lexmap.load(case)
    pages = build_pages(corpus)
    page = pages[TIMELINE]
    dated = [e for e in chronology(corpus) if e.lower]
    assert [e.statement for e in dated][:3] == ["before-binding", "the-year-it-came-into-force", "whole-seen"]
    figure = page[page.index('<figure class="lx-timeline-figure">') :]
    assert 'aria-label="Time line of Chronology fixture: 6 dated statements, from 2004-05-01 to 2012-06~."' in figure
    assert figure.count("<rect ") == 6 and figure.count("<tr><td") == 6  # each statement once, the undated one not drawn
    cells = [row.split("</td>") for row in figure.split("<tr><td")[1:]]
    assert [c[0].split(">", 1)[1] for c in cells] == [e.when for e in dated]
    keys = {"passports": "P1", "scheme": "P2"}  # the practice with the most dated statements first
    assert [c[3].removeprefix("<td>") for c in cells] == [f"{keys[e.practice]} {e.practice_label}" for e in dated]
    bars = re.findall(r'text-anchor="end" fill="currentColor">([^<]+)</text>', figure)
    assert bars == [f"{keys[e.practice]} {e.when}" for e in dated]  # the picture tells the practices apart
    assert "6 of 7 statements" in page and "The 1 without an event date are not drawn" in page
    assert "<strong>P1</strong>" in page and "Passport retention</a>: 5 dated statements" in page
    assert "The scheme</a>: 1 dated statement<" in page
    home = pages["index.md"]
    assert '<a href="timeline.html">Timeline of the case</a>: the 6 statements' in home
    assert {"Timeline": TIMELINE} in navigation(pages, [])
    for statement in (*data["claims"], *data["attestations"]):
        statement.pop("when", None)
    (case / "case.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    undated = build_pages(lexmap.load(case))
    assert TIMELINE not in undated and "timeline.html" not in undated["index.md"]
    assert {"Timeline": TIMELINE} not in navigation(undated, [])


# (statement, when, first day, last day) of every dated claim and attestation, as the databases hold them
BOUNDS = [(s, w, lo, hi) for s, w, lo, hi, *_ in EXPECTED]


def test_the_rdf_carries_the_event_date_as_edtf_with_its_bounds(case, tmp_path):
    """Turtle read back with rdflib, and queried with Oxigraph: lm:eventDate (an EDTF literal,
    the LoC datatype), lm:eventEarliest and lm:eventLatest (xsd:date); no date on an undated statement."""
    import rdflib

    from lexmap.exports import export_bytes
    from lexmap.sparql import query

    corpus = lexmap.load(case)
    graph = rdflib.Graph().parse(data=export_bytes(corpus, "turtle").decode("utf-8"), format="turtle")
    lm = rdflib.Namespace("urn:lexmap:vocab#")
    edtf = rdflib.URIRef("http://id.loc.gov/datatypes/edtf/EDTF")
    for statement, when, first, last in BOUNDS:
        subject = rdflib.URIRef(f"urn:lexmap:{statement}")
        (date,) = graph.objects(subject, lm.eventDate)
        assert (str(date), date.datatype) == (when, edtf)
        (earliest,) = graph.objects(subject, lm.eventEarliest)
        (latest,) = graph.objects(subject, lm.eventLatest)
        assert (str(earliest), str(latest)) == (first, last)
        assert earliest.datatype == rdflib.XSD.date
    assert list(graph.objects(rdflib.URIRef("urn:lexmap:undated"), lm.eventDate)) == []
    before = query(
        corpus,
        """PREFIX lm: <urn:lexmap:vocab#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        SELECT ?s WHERE { ?s lm:eventLatest ?latest FILTER (?latest < "2006-03-01"^^xsd:date) }""",
        engine="oxigraph",
    )
    assert [row[0] for row in before.rows] == ["urn:lexmap:before-binding"]  # conduct before the entry into force


def test_sqlite_and_parquet_hold_when_and_its_bounds(case, tmp_path):
    import sqlite3

    import pyarrow.parquet as pq

    db, folder = tmp_path / "c.db", tmp_path / "parquet"
    for args in (["sqlite", "-o", str(db)], ["parquet", "-o", str(folder)]):
        result = CliRunner().invoke(main, ["export", args[0], str(case), *args[1:]])
        assert result.exit_code == 0, result.output
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            'SELECT id, "when", when_from, when_to FROM claims UNION ALL SELECT id, "when", when_from, when_to FROM attestations'
        ).fetchall()
        viewed = connection.execute('SELECT id, "when", when_from, when_to, document_date FROM claims_view').fetchall()
        early = connection.execute("SELECT id FROM claims WHERE when_to < '2006-03-01' ORDER BY id").fetchall()
    finally:
        connection.close()
    assert set(BOUNDS) <= set(rows) and ("undated", None, None, None) in rows
    assert ("in-2010", "2010", "2010-01-01", "2010-12-31", "2022-08") in viewed  # beside the document's date
    assert early == [("before-binding",)]
    parquet = pq.read_table(folder / "claims.parquet").to_pylist() + pq.read_table(folder / "attestations.parquet").to_pylist()
    got = {(r["id"], r["when"], r["when_from"], r["when_to"]) for r in parquet}
    assert set(BOUNDS) <= got and ("undated", None, None, None) in got


def test_the_json_export_keeps_when_and_reads_back(case, tmp_path):
    import json

    out = tmp_path / "c.json"
    result = CliRunner().invoke(main, ["export", "json", str(case), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    written = {s["id"]: s.get("when") for s in (*data["claims"], *data["attestations"])}
    assert {s: written[s] for s, *_ in BOUNDS} == {s: w for s, w, *_ in BOUNDS} and written["undated"] is None
    again = lexmap.load(out)
    assert [(e.statement, e.when, e.lower, e.upper) for e in chronology(again)] == [
        (e.statement, e.when, e.lower, e.upper) for e in chronology(lexmap.load(case))
    ]
