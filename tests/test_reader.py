"""Attacks on the reader and the structuring of values (issue 13): each is refused with file:line,
never a traceback, a hang or a silently dropped value."""

import csv
import io
import random
import re
from pathlib import Path

import pytest

import lexmap
from lexmap.exports import render_matrix
from lexmap.exports.spreadsheet import FORMULA_STARTS, neutralise
from lexmap.matrix import build_matrix
from lexmap.problems import Problem
from lexmap.yamlread import MAX_DEPTH

DOC = b"documents:\n  - id: d\n    title: T\n    kind: report\n"
TREATY = b"instruments:\n  - id: t\n    title: T\n    short_name: T\n    kind: treaty\n    binding: true\n"


def load_file(tmp: Path, data: bytes):
    target = tmp / "mappings" / "x.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return lexmap.load(tmp)


def problems_of(tmp: Path, data: bytes) -> list[Problem]:
    with pytest.raises(lexmap.CorpusError) as raised:
        load_file(tmp, data)
    problems = list(raised.value.problems)
    assert all(p.file == "mappings/x.yaml" and p.line and p.hint for p in problems), problems
    return problems


def only_problem(tmp: Path, data: bytes) -> Problem:
    problems = problems_of(tmp, data)
    assert len(problems) == 1, problems
    return problems[0]


# -- hang: deep nesting where the reader skips a subtree ---------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"documents: !x " + b"[" * 160_000 + b"]" * 160_000,
        b"documents:\n  - ? " + b"[" * 160_000 + b"]" * 160_000 + b"\n    : v\n",
        b"documents:\n  - !!python/object " + b"{a: " * 60_000 + b"1" + b"}" * 60_000 + b"\n",
    ],
    ids=["under a tag", "in a complex key", "mapping under a tag"],
)
def test_deep_nesting_in_a_skipped_subtree_is_refused_quickly(tmp_path, monkeypatch, data):
    from counting import yaml_events

    pulled = yaml_events(monkeypatch, 4 * MAX_DEPTH)  # was 116 s: every event of the subtree was read
    problem = only_problem(tmp_path, data)
    assert 0 < pulled[0] <= 4 * MAX_DEPTH
    assert f"nesting deeper than {MAX_DEPTH} levels" in problem.message


def test_skipped_nesting_within_the_limit_is_read_on(tmp_path):
    problems = problems_of(tmp_path, DOC + b"    notes: !x " + b"[" * 30 + b"]" * 30 + b"\n")
    assert [(p.line, "unsupported YAML tag '!x'" in p.message) for p in problems] == [(5, True)]


# -- silent loss: keys the reader used as internal labels --------------------------------------


@pytest.mark.parametrize(
    "data, line, words",
    [
        (DOC + b"    <notes: x\n", 5, "unknown field '<notes'"),
        (DOC + b"'<claims>': [1]\n", 5, "unknown collection '<claims>'"),
        (DOC + b"    '<key at line 5>': x\n", 5, "unknown field '<key at line 5>'"),
        (DOC + b"    '<duplicate title at line 5>': x\n", 5, "unknown field '<duplicate title at line 5>'"),
    ],
    ids=["<notes", "<claims>", "a key label", "a duplicate label"],
)
def test_keys_starting_with_angle_bracket_are_reported_not_dropped(tmp_path, data, line, words):
    problem = only_problem(tmp_path, data)
    assert (problem.line, words in problem.message) == (line, True), problem


# -- tracebacks: scalars the YAML constructor cannot build -----------------------------------


@pytest.mark.parametrize(
    "value, words",
    [
        (b"!!int abc", "'abc' is not an integer"),
        (b"!!float abc", "'abc' is not a number"),
        (b"!!bool maybe", "'maybe' is not true or false"),
        (b"!!null x", "'x' is not null"),
        (b"!!int 0x1f", "'0x1f' is not an integer"),
        (b"1" * 4301, "number with more than 4300 digits"),
        (b"!!float " + b"1" * 4301, "number with more than 4300 digits"),
        (b"-" + b"1" * 4301, "number with more than 4300 digits"),
    ],
    ids=["int abc", "float abc", "bool maybe", "null x", "int hex", "4301 digits", "float 4301 digits", "negative 4301 digits"],
)
def test_scalars_that_do_not_fit_their_tag_are_located_problems(tmp_path, value, words):
    problem = only_problem(tmp_path, b"documents:\n  - id: d\n    title: " + value + b"\n    kind: report\n")
    assert (problem.line, problem.id) == (3, "d")
    assert words in problem.message


# -- implicit types: YAML 1.2 core schema, narrowed ------------------------------------------


@pytest.mark.parametrize("written", ["0x7e3", "03743", "33:20", "2_019", "0o3743", "+2019", "02019"])
def test_numbers_in_disguise_are_not_years(tmp_path, written):
    problem = only_problem(tmp_path, DOC + f"    date: {written}\n".encode())
    assert problem.line == 5
    assert "expected an ISO date" in problem.message and written in problem.message


@pytest.mark.parametrize(
    "written, value",
    [
        ("0x7e3", "0x7e3"),
        ("2_019", "2_019"),
        ("33:20", "33:20"),
        ("1_000.5", "1_000.5"),
        ("! 12", "12"),
        ("yes", "yes"),
    ],
)
def test_non_core_forms_stay_text(tmp_path, written, value):
    corpus = load_file(tmp_path, DOC + f"    notes: {written}\n".encode())
    assert corpus.documents["d"].notes == value


@pytest.mark.parametrize(
    "written, words",
    [
        ("12", "the int 12"),
        ("-3", "the int -3"),
        ("1.5", "the float 1.5"),
        (".inf", "the float inf"),
        ("1e3", "the float 1000.0"),
        ("true", "the boolean true"),
    ],
)
def test_core_schema_numbers_and_booleans_are_still_refused_as_text(tmp_path, written, words):
    problem = only_problem(tmp_path, DOC + f"    notes: {written}\n".encode())
    assert f"expected text, found {words}" in problem.message


# -- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, words",
    [
        ("2023-02-30", "'2023-02-30' is not a date of the calendar"),
        ("2023-04-31", "'2023-04-31' is not a date of the calendar"),
        ("'0000'", "'0000' is not a date of the calendar"),
        ("0000", "'0000' is not a date of the calendar"),
        ("0000-01", "'0000-01' is not a date of the calendar"),
        ("２０１９", "expected an ISO date"),
        ("'２０１９-01'", "expected an ISO date"),
        ("'٢٠١٩'", "expected an ISO date"),
        ("999", "expected an ISO date"),
    ],
    ids=[
        "feb 30",
        "apr 31",
        "year 0000 text",
        "year 0000 number",
        "year 0000 month",
        "full-width digits",
        "full-width month",
        "arabic-indic digits",
        "three digits",
    ],
)
def test_dates_must_exist_and_be_written_in_ascii_digits(tmp_path, written, words):
    problem = only_problem(tmp_path, DOC + f"    date: {written}\n".encode())
    assert (problem.line, words in problem.message) == (5, True), problem


@pytest.mark.parametrize(
    "written, value", [("2019", "2019"), ("0999", "0999"), ("2024-02-29", "2024-02-29"), ("'2019-08'", "2019-08")]
)
def test_real_dates_are_kept_as_written(tmp_path, written, value):
    assert load_file(tmp_path, DOC + f"    date: {written}\n".encode()).documents["d"].date == value


# -- control characters ---------------------------------------------------------------------

HOSTILE_ESCAPES = [
    r"\0",
    r"\x01",
    r"\e",
    r"\x7f",
    r"\x85",
    r"\x9b",
    r"\uFFFE",
    r"\uFFFF",
    r"\U0001FFFE",
    r"\uFDD0",
    r"\r",
    r"\b",
    r"\v",
    r"\f",
]


@pytest.mark.parametrize("escape", HOSTILE_ESCAPES)
def test_control_characters_written_as_yaml_escapes_are_refused(tmp_path, escape):
    problem = only_problem(tmp_path, DOC + f'    notes: "before{escape}after"\n'.encode())
    assert (problem.line, problem.id) == (5, "d")
    assert "control character U+" in problem.message and "at character 7" in problem.message


@pytest.mark.parametrize("field", [b"title", b"authors"])
def test_control_characters_are_refused_in_every_text_value(tmp_path, field):
    value = b'["a\\eb"]' if field == b"authors" else b'"a\\eb"'
    problem = only_problem(
        tmp_path,
        b"documents:\n  - id: d\n    kind: report\n    title: T\n".replace(
            b"    title: T", b"    " + field + b": " + value + (b"\n    title: T" if field != b"title" else b"")
        ),
    )
    assert "control character U+001B" in problem.message


def test_lone_surrogates_from_json_are_refused(tmp_path):
    target = tmp_path / "x.json"
    target.write_text('{"documents": [{"id": "d", "title": "T", "kind": "report", "notes": "a\\ud800b"}]}')
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(target)
    (problem,) = raised.value.problems
    assert problem.file == "x.json" and problem.line == 1  # libyaml refuses the escape; the text check otherwise
    assert "U+D800" in problem.message or "invalid Unicode character escape" in problem.message


def test_lone_surrogates_are_refused_by_the_text_check():
    from lexmap.model import Document
    from lexmap.structure import structure

    _record, problems = structure({"id": "d", "title": "T", "kind": "report", "notes": "a\ud800b"}, Document)
    assert [(path, "U+D800" in message) for path, message, _hint in problems] == [(("notes",), True)]


def test_tabs_line_breaks_and_printable_unicode_are_kept(tmp_path):
    text = "a\tb\nc \u00a0é \u2028 \U0001f600"  # bidirectional controls are refused: tests/test_bounds.py
    corpus = load_file(tmp_path, DOC + b'    notes: "a\\tb\\nc \\u00a0\xc3\xa9 \\u2028 \\U0001F600"\n')
    assert corpus.documents["d"].notes == text


def test_problem_messages_never_carry_terminal_escapes():
    problem = Problem("f.yaml", 3, 5, "a\x1b]0;pwned\x07b", "unknown id '\x1b[2J'\u202e", "hint \x9b")
    text = str(problem)
    assert text.isprintable()
    assert r"[a\x1b]0;pwned\x07b]" in text and r"\u202e" in text and r"\x9b" in text


def test_a_raw_id_with_escape_sequences_is_printed_escaped(tmp_path):
    problem = only_problem(tmp_path, b'practices:\n  - id: "x\\e]0;title\\a"\n    label: P\n')
    assert "\x1b" not in str(problem) and r"\x1b]0;title\x07" in str(problem)


# -- ids ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "collection, record",
    [
        (b"documents", b"    title: T\n    kind: report\n"),
        (b"practices", b"    label: P\n"),
        (b"instruments", b"    title: T\n    short_name: T\n    kind: treaty\n    binding: true\n"),
    ],
)
def test_a_top_level_id_is_a_plain_slug(tmp_path, collection, record):
    problem = only_problem(tmp_path, collection + b":\n  - id: a/b\n" + record)
    assert problem.line == 2 and "'a/b' is not a valid id for a top-level record" in problem.message


@pytest.mark.parametrize(
    "collection, record",
    [
        (b"documents", b"    title: T\n    kind: report\n"),
        (b"practices", b"    label: P\n"),
        (b"instruments", b"    title: T\n    short_name: T\n    kind: treaty\n    binding: true\n"),
        (b"indicator_frameworks", b"    title: T\n"),
    ],
)
def test_ids_the_site_needs_are_reserved(tmp_path, collection, record):
    problem = only_problem(tmp_path, collection + b":\n  - id: index\n" + record)
    assert problem.line == 2 and "the id 'index' is reserved" in problem.message


def test_nested_ids_and_qualified_references_are_still_accepted(small):
    assert "tp/art-1-a" in small.provisions and small.elements["tp/means"].children[0].provision == "tp/art-1-a"


# -- CSV injection through line breaks -------------------------------------------------------


def _physical_lines(text: str) -> list[str]:
    """The lines a reader that ignores CSV quoting sees (CR, LF and CRLF all end a line)."""
    return re.split(r"\r\n|\r|\n", text)


def _hostile_corpus(label: str) -> lexmap.Corpus:
    return lexmap.Corpus(
        instruments=[
            lexmap.Instrument(
                id="t", title="T", short_name="T", kind="treaty", binding=True, tests=(lexmap.Element(id="t/x", label="X"),)
            )
        ],
        indicator_frameworks=[
            lexmap.IndicatorFramework(id="f", title="F", indicators=(lexmap.Indicator(id="f/a", label=label),))
        ],
    )


@pytest.mark.parametrize(
    "label",
    [
        "Retention\r=cmd|' /C calc'!A0",
        "Retention\n=cmd|' /C calc'!A0",
        "Retention\r\n=cmd|' /C calc'!A0",
        "Retention\r\r+cmd",
        "a\n@SUM(1)\n-2+3",
    ],
)
def test_csv_quotes_line_breaks_and_neutralises_formulas_on_every_line(label):
    text = render_matrix(build_matrix(_hostile_corpus(label)), None, "csv").decode()
    assert not any(line.lstrip('"').startswith(FORMULA_STARTS) for line in _physical_lines(text)), text
    rows = list(csv.reader(io.StringIO(text.partition("\r\n")[2], newline="")))  # after the caption line
    assert len(rows) == 2 and rows[1][1] == re.sub(r"(?:^|(?<=[\r\n]))(?=[=+@\t\r-])", "'", label)  # one field


def test_csv_rows_end_in_crlf_and_plain_fields_stay_unquoted():
    text = render_matrix(build_matrix(_hostile_corpus("Plain label")), None, "csv").decode()
    caption = "# lexmap matrix: indicators (rows) by instruments (columns); each cell: the number of practices in the cell."
    assert text == caption + "\r\nid,label,t\r\nf/a,Plain label,0\r\n"


def test_xlsx_cells_keep_text_after_a_line_break_verbatim():
    assert neutralise("line\n-item") == "line\n-item" and neutralise("=x") == "'=x"


def test_a_bare_carriage_return_in_a_label_is_refused_at_load(tmp_path):
    data = (
        b"indicator_frameworks:\n  - id: f\n    title: F\n    indicators:\n"
        b"      - id: a\n        label: \"Retention\\r=cmd|' /C calc'!A0\"\n"
    )
    problem = only_problem(tmp_path, data)
    assert (problem.line, problem.id) == (6, "f/a") and "control character U+000D" in problem.message


def test_a_line_break_before_a_formula_is_neutralised_through_the_loader(tmp_path):
    corpus = load_file(
        tmp_path,
        TREATY + b"indicator_frameworks:\n  - id: f\n    title: F\n    indicators:\n"
        b"      - id: a\n        label: |-\n          Retention\n          =cmd|' /C calc'!A0\n",
    )
    text = render_matrix(build_matrix(corpus), corpus, "csv").decode()
    assert "\"Retention\n'=cmd|' /C calc'!A0\"" in text


# -- quote checking cost ---------------------------------------------------------------------


def test_many_quotes_in_a_long_text_are_checked_in_linear_time(monkeypatch):
    from lexmap import quotes
    from lexmap.quotes import Text, find_quote

    from counting import Scanned

    rng = random.Random(13)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    text = "\n".join(" ".join(rng.choice(words) for _ in range(12)) for _ in range(80_000))[:5_000_000]
    starts = [rng.randrange(0, len(text) - 200) for _ in range(2000)]
    quoted = [" ".join(text[s : s + 120].split()[1:-1]).replace("'", "\u2019") for s in starts]
    quoted[::10] = [q + " not in the text" for q in quoted[::10]]
    # was about 300 s (the text normalised for each quote): the text is normalised once, and each
    # quote costs a search, a few more when it fails (to say where it leaves the text)
    normalise, bound, normalised = quotes.normalise, len(text) + 2 * sum(map(len, quoted)), [0]

    def counted(given):
        normalised[0] += len(given)
        assert normalised[0] <= bound, f"{normalised[0]:,} characters normalised"  # fails, not minutes
        return normalise(given)

    monkeypatch.setattr(quotes, "normalise", counted)
    document = Text(text)
    document.normalised = scanned = Scanned(document.normalised)  # counts the searches of the text
    found = [document.find(q) for q in quoted]
    monkeypatch.undo()
    assert scanned.finds <= 2000 + 200 * 12, f"{scanned.finds:,} searches of the text for 2,000 quotes"
    assert sum(f is None for f in found) == 200 and all(f is not None for f in found[1::10])
    assert found[1] == find_quote(quoted[1], text)


def test_text_finds_quotes_with_omissions_whitespace_and_typographic_quotes():
    from lexmap.quotes import Text

    document = Text("He said:\n  \u201cNo one shall be held\tin slavery.\u201d  Then [...] more.")
    assert document.find('"No one shall [...] in slavery."') == 9
    assert document.find("in slavery [...] No one") is None
    assert document.find(" [...] ") is None


# -- site anchors ----------------------------------------------------------------------------

TWO_FRAMEWORKS = (
    TREATY
    + b"""    provisions:
      - id: art-1
        label: Art. 1
    tests:
      - id: forced
        label: Forced labour
        provision: art-1
indicator_frameworks:
  - id: one
    title: One
    indicators:
      - id: a
        label: A of one
  - id: two
    title: Two
    indicators:
      - id: a
        label: A of two
documents:
  - id: d
    title: D
    kind: report
practices:
  - id: p
    label: P
claims:
  - {id: c, document: d, practice: p, element: t/forced, stance: supports, pinpoint: p. 1, quote: q}
exhibits:
  - {id: e1, document: d, practice: p, indicator: one/a, pinpoint: p. 1, quote: q}
  - {id: e2, document: d, practice: p, indicator: two/a, pinpoint: p. 1, quote: q}
"""
)


def test_site_anchors_are_unique_when_frameworks_share_a_local_indicator_id(tmp_path):
    from lexmap.site import build_pages

    pages = build_pages(load_file(tmp_path, TWO_FRAMEWORKS))
    for path, page in pages.items():
        anchors = re.findall(r'\bid="([^"]+)"', page) + re.findall(r"\{ #([^ }]+) \}", page)
        assert len(anchors) == len(set(anchors)), (path, sorted(a for a in anchors if anchors.count(a) > 1))
    matrix = pages["matrix.md"]
    assert 'id="row-one--a"' in matrix and 'id="row-two--a"' in matrix and 'id="cell-two--a--t"' in matrix
    assert "matrix.html#row-two--a" in pages["indicators/two/a.md"]


# -- control characters reaching XML exports from a corpus built in Python ---------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("char", ["\x01", "\x1b", "\r", "\ufffe", "\ud800"])
def test_xml_exports_refuse_text_xml_cannot_hold(fmt, char):
    from lexmap.exports.graphml import corpus_gexf, corpus_graphml

    corpus = lexmap.Corpus(documents=[lexmap.Document(id="d", title=f"a{char}b", kind="report")])
    with pytest.raises(ValueError, match=f"d: label holds U\\+{ord(char):04X}"):
        (corpus_graphml if fmt == "graphml" else corpus_gexf)(corpus)


def test_xml_exports_of_clean_text_parse_back():
    import xml.etree.ElementTree as ET

    from lexmap.exports.graphml import corpus_graphml

    corpus = lexmap.Corpus(documents=[lexmap.Document(id="d", title="a\tb\nc \u00e9 \U0001f600", kind="report")])
    assert "a\tb\nc \u00e9 \U0001f600" in ET.fromstring(corpus_graphml(corpus)).itertext()
