"""Bounded work and clear answers (issue 26, items 5 and 6): texts of any size or encoding,
quotes under Unicode normalisation, omissions, invisible characters, matrices, spreadsheets,
pushes and outputs that fail with one clear line."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest

import lexmap

CLAIMS = """documents:
  - id: report-a
    title: A report
    kind: report
    text_file: report-a.txt
practices:
  - id: passport-retention
    label: Retention of passports
attestations:
  - id: report-a-retained
    document: report-a
    practice: passport-retention
    pinpoint: para. 1
    quote: {quote}
"""


def case_with_text(tmp: Path, text: bytes | None, quote: str = "Passports were retained") -> Path:
    """A one-document case whose text is ``text`` (written as bytes, or left to the caller)."""
    (tmp / "mappings").mkdir(parents=True)
    (tmp / "texts").mkdir()
    (tmp / "mappings" / "claims.yaml").write_text(CLAIMS.format(quote=quote), encoding="utf-8")
    if text is not None:
        (tmp / "texts" / "report-a.txt").write_bytes(text)
    return tmp


def problems(folder: Path, **options) -> list:
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(folder, **options)
    return raised.value.problems


def only_problem(folder: Path, **options):
    (problem,) = problems(folder, **options)
    return problem


# -- texts: size and encoding ------------------------------------------------------------------


def test_a_sparse_huge_text_is_refused_at_once_with_its_size(tmp_path):
    case = case_with_text(tmp_path, None)
    with open(case / "texts" / "report-a.txt", "wb") as handle:
        handle.write(b"Passports were retained ")
        handle.truncate(1 << 30)  # 1 GiB, a few kB on disk
    from counting import peak_bytes

    problem, peak = peak_bytes(lambda: only_problem(case))
    assert peak < 32 << 20, f"{peak:,} bytes at the peak"  # was 25 s and 4.2 GB: the whole file was read
    assert problem.id == "report-a" and problem.line == 5
    assert "1 GiB" in problem.message and "64 MiB" in problem.message and problem.hint


def test_a_text_in_latin_1_is_refused_with_the_byte_offset(tmp_path):
    case = case_with_text(tmp_path, "Line one\nPassports were retained by the caf\u00e9.\n".encode("latin-1"))
    problem = only_problem(case)
    assert "not UTF-8" in problem.message and "byte offset 43" in problem.message and "line 2" in problem.message
    assert "0xE9" in problem.message and "iconv" in problem.hint


def test_a_text_in_utf_16_is_named_as_such_with_how_to_convert(tmp_path):
    case = case_with_text(tmp_path, "Passports were retained".encode("utf-16"))
    problem = only_problem(case)
    assert "UTF-16" in problem.message and "iconv -f UTF-16" in problem.hint


# -- quotes: one normal form on both sides -----------------------------------------------------

SAME_WORDS = {
    "NFD accents": ("Les passeports e\u0301taient retenus", "Les passeports \u00e9taient retenus"),
    "NFD quote": ("Les passeports \u00e9taient retenus", "Les passeports e\u0301taient retenus"),
    "soft hyphens": ("the confis\u00adcation of pass\u00adports", "the confiscation of passports"),
    "ligatures": ("of\ufb01cials, \ufb02ights, sta\ufb00, o\ufb03ce, ba\ufb04e", "officials, flights, staff, office, baffle"),
    "line-end hyphenation": ("a form of traf-\n  ficking in persons", "a form of trafficking in persons"),
    "a compound broken at its hyphen": ("a huge state-\nrun enterprise", "a huge state-run enterprise"),
}


@pytest.mark.parametrize("label", sorted(SAME_WORDS))
def test_quotes_are_compared_under_one_normal_form(tmp_path, label):
    text, quote = SAME_WORDS[label]
    case = case_with_text(tmp_path, f"Before. {text}. After.\n".encode(), quote=quote)
    assert lexmap.load(case).texts["report-a"].status == "checked"


def test_not_verbatim_names_the_first_differing_character_and_the_text_there(tmp_path):
    case = case_with_text(
        tmp_path,
        b"Passports were retained by the mission's coordinators for the whole posting.\n",
        quote="Passports were retained by the mission's supervisors for the whole posting.",
    )
    problem = only_problem(case)
    assert problem.message == "quote not found verbatim in the text of 'report-a'" and problem.id == "report-a-retained"
    assert 'up to "...assports were retained by the mission\'s "' in problem.hint
    assert "the quote has 's' where the text has 'c'" in problem.hint and "coordinators" in problem.hint


def test_an_omission_is_bounded_and_its_length_shown(tmp_path):
    omitted = "Other words. " * 20_000
    far = "Passports were retained. " + omitted + "They were never returned."
    case = case_with_text(tmp_path, far.encode(), quote="Passports were retained. [...] They were never returned.")
    problem = only_problem(case)
    assert f"leaves out {len(omitted.strip()):,} characters" in problem.hint and "8,000" in problem.hint
    near = "Passports were retained. " + "Other words. " * 100 + "They were never returned."
    case = case_with_text(tmp_path / "near", near.encode(), quote="Passports were retained. [...] They were never returned.")
    assert lexmap.load(case).texts["report-a"].status == "checked"


def test_a_bounded_omission_is_found_past_a_first_occurrence_too_far_away():
    from lexmap.quotes import Text

    text = "He said no. " + "filler " * 3000 + "He said no. Then yes."
    assert Text(text).find("He said no. [...] yes.") == len(text) - len("He said no. Then yes.")


# -- invisible characters ----------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u202e", "\u2067", "\U000e0041"])
def test_bidirectional_and_tag_characters_are_refused_in_labels(tmp_path, char):
    case = case_with_text(tmp_path, b"Passports were retained")
    claims = case / "mappings" / "claims.yaml"
    claims.write_text(claims.read_text().replace("label: Retention of passports", f"label: Retention of {char}stropssap"))
    problem = only_problem(case)
    assert problem.id == "passport-retention" and problem.line == 8
    assert f"U+{ord(char):04X}" in problem.message and "invisible" in problem.message


def test_bidirectional_characters_in_a_quote_are_shown_not_obeyed(tmp_path):
    case = case_with_text(
        tmp_path, "The minister: \u202eno passports\u202c were kept.".encode(), quote="\u202eno passports\u202c were kept"
    )
    corpus = lexmap.load(case)
    assert corpus.texts["report-a"].status == "checked"
    assert corpus.attestations["report-a-retained"].quote == "<U+202E>no passports<U+202C> were kept"


# -- each problem at its own copy --------------------------------------------------------------


def test_a_duplicate_records_bad_reference_is_reported_at_its_own_copy(tmp_path):
    (tmp_path / "mappings").mkdir()
    (tmp_path / "mappings" / "one.yaml").write_text("practices:\n  - id: retention\n    label: Retention\n")
    (tmp_path / "mappings" / "two.yaml").write_text(
        "practices:\n  - id: other\n    label: Other\n  - id: retention\n    label: Kept\n    state: atlantis\n"
    )
    found = {(p.file, p.line, p.message.split(" (")[0]) for p in problems(tmp_path)}
    assert found == {("mappings/two.yaml", 4, "duplicate id 'retention'"), ("mappings/two.yaml", 6, "unknown state 'atlantis'")}


# -- impossible treaty histories ---------------------------------------------------------------


def ratified(tmp: Path, events: str, as_of: str = "") -> list:
    (tmp / "instruments").mkdir(parents=True)
    (tmp / "instruments" / "t.yaml").write_text(
        "states:\n  - id: cu\n    name: Cuba\n"
        "instruments:\n  - id: t\n    title: T\n    short_name: T\n    kind: treaty\n    binding: true\n    adopted: 2000-11-15\n"
        f"ratifications:\n  - instrument: t\n    state: cu\n{as_of}    events:\n{events}"
    )
    try:
        lexmap.load(tmp)
    except lexmap.CorpusError as error:
        return [(p.line, p.message) for p in error.problems]
    return []


def test_treaty_events_in_the_future_are_refused_but_a_scheduled_entry_into_force_may_lie_ahead(tmp_path):
    found = ratified(tmp_path / "future", "      - {event: ratification, date: 2999-01-01}\n")
    assert len(found) == 1 and found[0][0] == 15 and "ratification (2999-01-01) is in the future" in found[0][1]
    scheduled = "      - {event: ratification, date: 2001-01-01}\n      - {event: entry-into-force, date: 2999-01-01}\n"
    assert ratified(tmp_path / "scheduled", scheduled) == []


def test_entry_into_force_before_consent_is_refused(tmp_path):
    found = ratified(
        tmp_path, "      - {event: entry-into-force, date: 2003-12-25}\n      - {event: ratification, date: 2004-06-01}\n"
    )
    assert (
        len(found) == 1
        and found[0][0] == 15
        and "entry into force (2003-12-25) is before the state's consent to be bound (2004-06-01)" in found[0][1]
    )


def test_an_event_after_the_records_as_of_date_is_refused(tmp_path):
    found = ratified(tmp_path, "      - {event: accession, date: 2015-03-01}\n", as_of="    as_of: 2014-12-31\n")
    assert len(found) == 1 and "after the record's as_of date (2014-12-31)" in found[0][1]


# -- standard output that cannot take the output -----------------------------------------------

SMALL = str(Path(__file__).parent / "corpora" / "small")


@pytest.mark.parametrize("redirect", [">&-", ">/dev/full"], ids=["closed", "full"])
def test_output_to_a_standard_output_that_fails_is_an_error(tmp_path, redirect):
    import shlex
    import subprocess
    import sys

    command = f"{shlex.quote(sys.executable)} -m lexmap export json {shlex.quote(SMALL)} {redirect}"
    result = subprocess.run(["sh", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    lines = [line for line in result.stderr.splitlines() if not line.startswith("corpus: ")]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(lines) == 2 and lines[0].startswith("lexmap: error: ") and "standard output" in lines[0], result.stderr


# -- the matrix: bounded before it is computed, spreadsheets within their limits ----------------


def many_elements_case(tmp: Path, count: int) -> Path:
    """A case with one instrument whose test has ``count`` elements, and one practice."""
    (tmp / "instruments").mkdir(parents=True)
    elements = "".join(f"          - id: e{i}\n            label: E{i}\n" for i in range(count))
    (tmp / "instruments" / "t.yaml").write_text(
        "instruments:\n  - id: t\n    title: T\n    short_name: T\n    kind: treaty\n    binding: true\n"
        "    provisions:\n      - id: art-1\n        label: Art. 1\n"
        f"    tests:\n      - id: big\n        label: Big\n        kind: definition\n        provision: art-1\n        any_of:\n{elements}"
    )
    (tmp / "mappings").mkdir()
    (tmp / "mappings" / "p.yaml").write_text("practices:\n  - id: p\n    label: P\n  - id: q\n    label: Q\n")
    return tmp


def run_cli(*args):
    from click.testing import CliRunner

    from lexmap.cli import main

    return CliRunner().invoke(main, list(args))


def test_a_matrix_past_the_bound_is_refused_before_it_is_computed(tmp_path, monkeypatch):
    import importlib

    command = importlib.import_module("lexmap.cli.matrix")  # the package's 'matrix' is the click command

    def never(*_args, **_kwargs):
        raise AssertionError("the matrix was computed")

    monkeypatch.setattr(command, "build_matrix", never)
    result = run_cli(
        "matrix", SMALL, "--rows", "practices", "--cols", "elements", "--max-cells", "3", "-o", str(tmp_path / "m.csv")
    )
    assert result.exit_code == 2 and "cells, more than --max-cells 3" in result.stderr and "--cols tests" in result.stderr
    assert not (tmp_path / "m.csv").exists()


def test_an_xlsx_sheet_past_excels_columns_is_refused_before_the_matrix_is_computed(tmp_path, monkeypatch):
    import importlib

    command = importlib.import_module("lexmap.cli.matrix")  # the package's 'matrix' is the click command

    case = many_elements_case(tmp_path / "case", 16_383)  # and the test itself: 16,384 elements, 16,385 columns
    monkeypatch.setattr(command, "build_matrix", lambda *a, **k: pytest.fail("the matrix was computed"))
    result = run_cli("matrix", str(case), "--rows", "practices", "--cols", "elements", "-o", str(tmp_path / "m.xlsx"))
    assert result.exit_code == 2 and "16,385 columns" in result.stderr and "16,384" in result.stderr
    assert not (tmp_path / "m.xlsx").exists()


def test_the_xlsx_writer_refuses_a_sheet_excel_would_cut():
    from types import SimpleNamespace

    from lexmap.exports.xlsxfile import SheetTooLarge, matrix_xlsx

    wide = SimpleNamespace(rows=[object()], cols=[object()] * 17_121, row_kind="practices", col_kind="elements")
    with pytest.raises(SheetTooLarge, match="17,122 columns"):
        matrix_xlsx(wide, None)


def test_an_xlsx_label_that_looks_like_an_error_stays_text():
    import io

    import openpyxl

    from lexmap.exports import render_matrix
    from lexmap.matrix import build_matrix

    corpus = lexmap.Corpus(
        instruments=[
            lexmap.Instrument(
                id="t", title="T", short_name="#DIV/0!", kind="treaty", binding=True, tests=(lexmap.Element(id="t/x", label="X"),)
            )
        ],
        indicator_frameworks=[
            lexmap.IndicatorFramework(id="f", title="F", indicators=(lexmap.Indicator(id="f/a", label="#N/A"),))
        ],
    )
    from lexmap.exports.xlsxfile import HEADER_ROW

    sheet = openpyxl.load_workbook(io.BytesIO(render_matrix(build_matrix(corpus), corpus, "xlsx")))["matrix"]
    label, head = sheet.cell(row=HEADER_ROW + 1, column=1), sheet.cell(row=HEADER_ROW, column=2)
    assert (label.value, label.data_type) == ("#N/A", "s")
    assert (head.value, head.data_type) == ("#DIV/0!", "s")


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(document.domain)//", "data:text/html,<script>", 'https://x.org/"onmouseover=alert(1)', "ftp://x.org/"],
)
def test_a_base_url_that_is_not_http_is_refused(tmp_path, url):
    result = run_cli("matrix", SMALL, "--base-url", url, "-o", str(tmp_path / "m.html"))
    assert result.exit_code == 2 and "not an http or https address" in result.stderr
    assert not (tmp_path / "m.html").exists()
    from lexmap.exports.htmlfile import matrix_page

    with pytest.raises(ValueError, match="not an http or https address"):
        matrix_page(lexmap.load(SMALL).matrix(), base_url=url, corpus=lexmap.load(SMALL))


# -- --push: bounded in time, authenticated, no password shown ---------------------------------


class _Server:
    """A graph store on 127.0.0.1 that records each request's headers and answers ``status``;
    with ``stall``, it accepts connections and never reads or answers."""

    def __init__(self, status: int = 204, stall: bool = False, headers: dict[str, str] | None = None):
        import http.server
        import socket
        import threading

        self.requests: list[dict] = []
        if stall:
            self.socket = socket.socket()
            self.socket.bind(("127.0.0.1", 0))
            self.socket.listen(4)
            self.port = self.socket.getsockname()[1]
            self.close = self.socket.close
            return
        seen = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PUT(self):
                length = int(self.headers.get("Content-Length", 0))
                seen.append({"path": self.path, "headers": dict(self.headers), "size": len(self.rfile.read(length))})
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.close = lambda: (server.shutdown(), server.server_close())


def test_a_push_to_a_server_that_stalls_ends_at_its_deadline_with_progress(monkeypatch):
    import socket

    from lexmap.exports.push import PushError, push

    from counting import counting, returns_at_all

    timeouts = counting(monkeypatch, socket.socket, "settimeout")  # each wait on the socket
    server = _Server(stall=True)
    calls = []
    try:
        with pytest.raises(PushError, match="deadline of 1 s"):
            returns_at_all(  # a sanity bound only: a per-operation timeout would wait 600 s here
                lambda: push(
                    b"<a> <b> <c> .\n" * 1000,
                    f"http://127.0.0.1:{server.port}/store",
                    connect_timeout=1,
                    deadline=1,
                    progress=lambda sent, total, elapsed: calls.append((sent, total)),
                )
            )
        assert timeouts and max(t for _sock, t in timeouts) <= 1  # was 600 s per socket operation
        assert calls and calls[-1] == (14_000, 14_000)
    finally:
        server.close()


def test_push_authenticates_from_the_environment_and_never_prints_the_password(monkeypatch, tmp_path):
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.setenv("LEXMAP_PUSH_USER", "alice")
    monkeypatch.setenv("LEXMAP_PUSH_PASSWORD", "S3cret")
    server = _Server(status=204)
    try:
        result = run_cli("export", "turtle", SMALL, "--push", f"http://127.0.0.1:{server.port}/store")
    finally:
        server.close()
    assert result.exit_code == 0, result.output
    assert "S3cret" not in result.output and "alice" not in result.output
    assert f"to http://127.0.0.1:{server.port}/store (HTTP 204)" in result.stderr
    (request,) = server.requests
    assert request["headers"]["Authorization"] == "Basic YWxpY2U6UzNjcmV0"  # alice:S3cret
    assert request["path"] == "/store?default" and request["size"] > 0


def test_a_push_password_in_the_url_or_over_plain_http_to_another_machine_is_refused(monkeypatch, tmp_path):
    """A10-F4: ``--push http://user:pass@host/`` (which the 401 hint suggested) put the password
    in lexmap's arguments, shown by ``ps`` to every local user for the whole push; and Basic auth
    went over plain http:// to any host without a word. Neither connects now."""
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    server = _Server(status=204)
    try:
        in_url = run_cli("export", "turtle", SMALL, "--push", f"http://alice:S3cret@127.0.0.1:{server.port}/store")
    finally:
        server.close()
    assert in_url.exit_code != 0 and server.requests == [], in_url.output
    assert "a password in the URL is visible to every user of this machine (ps)" in in_url.output
    assert "$LEXMAP_PUSH_PASSWORD" in in_url.output and "S3cret" not in in_url.output
    monkeypatch.setenv("LEXMAP_PUSH_PASSWORD", "S3cret")
    remote = run_cli("export", "turtle", SMALL, "--push", "http://alice@192.0.2.1:9/store")  # TEST-NET: never reached
    assert remote.exit_code != 0 and "S3cret" not in remote.output and "Traceback" not in remote.output, remote.output
    assert "sends no password over plain http:// to another machine" in remote.output
    assert "cannot connect" not in remote.output  # refused before any connection
    from lexmap.exports.push import _this_machine

    assert all(map(_this_machine, ("localhost", "127.0.0.1", "127.0.1.1", "::1")))
    assert not any(map(_this_machine, ("192.0.2.1", "localhost.example.org", "::ffff:10.0.0.1")))


def test_push_failures_never_print_the_password(tmp_path, monkeypatch):
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    server = _Server(status=401)
    try:
        refused = run_cli("export", "turtle", SMALL, "--push", f"http://127.0.0.1:{server.port}/store")
    finally:
        server.close()
    gone = run_cli("export", "turtle", SMALL, "--push", f"http://alice:S3cret@127.0.0.1:{server.port}/store")
    bad = run_cli("export", "turtle", SMALL, "--push", "ftp://alice:S3cret@127.0.0.1/store")
    for result in (refused, gone, bad):
        assert result.exit_code != 0 and "S3cret" not in result.output and "Traceback" not in result.output, result.output
    assert "HTTP 401" in refused.stderr
    assert "give the credentials in $LEXMAP_PUSH_PASSWORD (and $LEXMAP_PUSH_USER) or a netrc entry" in refused.stderr
    assert "in the URL" not in refused.stderr


def test_push_takes_basic_auth_from_a_netrc_file(tmp_path, monkeypatch):
    netrc_file = tmp_path / "netrc"
    netrc_file.write_text("machine 127.0.0.1 login bob password pw\n")
    netrc_file.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc_file))
    server = _Server(status=201)
    try:
        result = run_cli("export", "turtle", SMALL, "--push", f"http://127.0.0.1:{server.port}/store?graph=urn:x")
    finally:
        server.close()
    assert result.exit_code == 0, result.output
    assert server.requests[0]["headers"]["Authorization"] == "Basic Ym9iOnB3"  # bob:pw


# -- lexmap's own JSON export reads back at any size -------------------------------------------


def test_an_export_json_over_20_mib_reads_back(tmp_path):
    case = tmp_path / "case"
    (case / "mappings").mkdir(parents=True)
    words = "retention of passports by the mission's coordinators " * 200  # about 11 kB a description
    for part in range(4):
        (case / "mappings" / f"practices-{part}.yaml").write_text(
            "practices:\n" + "".join(f"  - id: p-{part}-{i}\n    label: P {i}\n    description: {words}{i}\n" for i in range(500))
        )
    out = tmp_path / "corpus.json"
    result = run_cli("export", "json", str(case), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 20 * 2**20
    assert len(lexmap.load(out).practices) == 2000  # was "file is larger than 20 MiB", "split it into several files"


def test_a_sparse_huge_yaml_file_is_refused_without_being_read(tmp_path):
    (tmp_path / "mappings").mkdir()
    with open(tmp_path / "mappings" / "big.yaml", "wb") as handle:
        handle.write(b"documents: []\n")
        handle.truncate(8 << 30)  # 8 GiB, nothing on disk: read_bytes() would need 8 GB
    from counting import peak_bytes

    (problem,), peak = peak_bytes(lambda: problems(tmp_path))
    assert peak < 32 << 20 and "larger than 20 MiB" in problem.message, f"{peak:,} bytes at the peak"  # read whole: 8 GB


# -- lexmap init -------------------------------------------------------------------------------


@pytest.mark.parametrize("inner", ["sub", "texts/sub", "a/b/c"])
def test_init_refuses_a_folder_inside_an_existing_case(tmp_path, inner):
    outer = tmp_path / "outer"
    assert run_cli("init", str(outer)).exit_code == 0
    result = run_cli("init", str(outer / inner))
    assert result.exit_code == 2 and f"inside the case {outer}" in result.stderr
    assert not (outer / inner).exists()
    assert lexmap.load(outer).case.title == "Outer"  # the outer case still loads (a second manifest broke it)


# -- no recursion along a chain the data can hold ----------------------------------------------


def test_show_follows_a_long_defined_by_chain_without_recursion(tmp_path):
    links = 400  # about 330 crashed show, gaps, chart and site build with a RecursionError
    definitions_case(tmp_path, {f"test-{i}": [f"test-{i + 1}"] if i < links else [] for i in range(links + 1)})
    (tmp_path / "mappings").mkdir()
    (tmp_path / "mappings" / "m.yaml").write_text(
        "practices:\n  - id: p\n    label: P\ndocuments:\n  - id: d\n    title: D\n    kind: report\n"
        f"claims:\n  - id: c\n    document: d\n    practice: p\n    element: t/test-{links}\n    stance: supports\n"
        "    pinpoint: p. 1\n    quote: words\n"
    )
    result = run_cli("show", "t/test-0", str(tmp_path))
    assert result.exit_code == 0, result.output[-500:]
    assert "RecursionError" not in result.output and "coverage: argued" in result.stdout


def definitions_case(tmp: Path, tests: dict[str, list[str]]) -> Path:
    """A case of one instrument whose tests (name -> the tests its elements are defined by)."""
    lines = [
        "instruments:",
        "  - id: t",
        "    title: T",
        "    short_name: T",
        "    kind: treaty",
        "    binding: true",
        "    provisions:",
        "      - id: art-1",
        "        label: Art. 1",
        "    tests:",
    ]
    for name, targets in tests.items():
        lines += [f"      - id: {name}", f"        label: {name}", "        kind: definition", "        provision: art-1"]
        if targets:
            lines.append("        all_of:")
            for index, target in enumerate(targets):
                lines += [
                    f"          - id: {name}-{index}",
                    f"            label: {name} {index}",
                    f"            defined_by: {target}",
                ]
    (tmp / "instruments").mkdir(parents=True)
    (tmp / "instruments" / "t.yaml").write_text("\n".join(lines) + "\n")
    return tmp


def test_a_circle_of_definitions_through_a_second_branch_is_refused(tmp_path):
    # t1 -> x and t1 -> t2; t2 -> x and t2 -> t1: following each test's first definition missed it
    case = definitions_case(tmp_path, {"t1": ["x", "t2"], "t2": ["x", "t1"], "x": []})
    found = {(p.id, p.message) for p in problems(case)}
    assert found == {("t/t1-1", "definitions go round in a circle"), ("t/t2-1", "definitions go round in a circle")}


def test_a_long_chain_of_definitions_is_checked_in_linear_time(tmp_path):
    # each definition walked the chain to its end: 4 s for 2,000 links, 16 for 4,000 (25 s at first).
    # Counted, not timed: the lines of the checks run for a chain 4 times longer grow about 4 times.
    import lexmap.checks

    from counting import lines_run

    def checked(links):
        case = definitions_case(tmp_path / str(links), {f"d{i}": [f"d{i + 1}"] if i < links else [] for i in range(links + 1)})
        corpus, lines = lines_run(lambda: lexmap.load(case, cache=False), lexmap.checks)
        assert len(corpus.tests) == links + 1
        return lines

    short, long = checked(300), checked(1200)
    assert long < 5 * short, f"{short:,} lines of checks for 300 links, {long:,} for 1,200"


def test_a_long_part_of_chain_is_checked_in_linear_time(tmp_path):
    # each practice walked its chain to the end: quadratic (about 37 s for 16,000 links).
    # Counted, not timed: the lines of the checks run for a chain 4 times longer grow about 4 times.
    import lexmap.checks

    from counting import lines_run

    def checked(links):
        folder = tmp_path / str(links)
        (folder / "mappings").mkdir(parents=True)
        (folder / "mappings" / "p.yaml").write_text(
            "practices:\n"
            + "".join(
                f"  - id: p{i}\n    label: P{i}\n" + (f"    part_of: p{i + 1}\n" if i < links else "") for i in range(links + 1)
            )
        )
        corpus, lines = lines_run(lambda: lexmap.load(folder, cache=False), lexmap.checks)
        assert len(corpus.practices) == links + 1
        return lines

    short, long = checked(1000), checked(4000)
    assert long < 5 * short, f"{short:,} lines of checks for 1,000 links, {long:,} for 4,000"


@pytest.mark.parametrize("first", [b"", b"HTTP/1.1 200 OK\r\n"], ids=["status line trickles", "200, then headers trickle"])
def test_a_push_whose_answer_trickles_in_ends_at_its_deadline(first):
    import socket
    import threading

    from lexmap.exports.push import PushError, push

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    stop = threading.Event()
    answer = b"HTTP/1.1 200 OK\r\n"[len(first) :] + b"Content-Length: 20\r\n\r\n" + b"x" * 20

    def trickle():  # reads the request, then answers one byte each 0.3 s: a whole answer in 12 s or more
        connection, _ = listener.accept()
        connection.settimeout(1)
        with contextlib.suppress(OSError):
            connection.recv(1 << 20)
            connection.sendall(first)  # a quick start (a 200 status line) proves nothing
            for byte in answer:
                if stop.is_set():
                    break
                connection.sendall(bytes([byte]))
                time.sleep(0.3)
        connection.close()

    threading.Thread(target=trickle, daemon=True).start()
    try:  # a per-read timeout never fires on a trickle (it read on past 6 minutes): this one would end in a 200
        with pytest.raises(PushError, match="did not arrive within the deadline of 1 s"):
            push(b"<a> <b> <c> .\n", f"http://127.0.0.1:{listener.getsockname()[1]}/store", deadline=1)
    finally:
        stop.set()
        listener.close()


# -- attack round 3 (issue 26): finding 6, manifest fields bounded ---------------------------------


@pytest.mark.parametrize(
    ("field", "limit", "write"),
    [
        ("title", 200, lambda text: f'title: "{text}"\n'),
        ("description", 2000, lambda text: f'title: T\ndescription: "{text}"\n'),
        ("licence", 300, lambda text: f'title: T\nlicence: "{text}"\n'),
        ("notes", 10_000, lambda text: f'title: T\nnotes: "{text}"\n'),
        ("law", 500, lambda text: f'title: T\nlaw:\n  - bundled\n  - "{text}"\n'),
    ],
)
def test_every_manifest_text_is_bounded_and_refused_at_its_line_with_the_limit(tmp_path, field, limit, write):
    from click.testing import CliRunner

    from lexmap.cli import main

    case = tmp_path / "case"
    case.mkdir()
    (case / "lexmap.yaml").write_text("# a case\n" + write("A" * limit), encoding="utf-8")
    assert all("the limit is" not in p.message for p in problems_or_none(case))  # at the limit: accepted
    (case / "lexmap.yaml").write_text("# a case\n" + write("A" * 2_000_000), encoding="utf-8")  # a 2 MB title: a 395 MB site
    problem = next(p for p in problems(case) if "the limit is" in p.message)
    line = 1 + next(n for n, text in enumerate(write("A").splitlines(), 1) if "A" in text.replace("T", ""))
    assert (problem.file, problem.line) == ("case/lexmap.yaml", line), problem
    assert problem.message == f"{field} is 2,000,000 characters long; the limit is {limit:,}"
    result = CliRunner().invoke(main, ["validate", str(case), "--no-cache"])
    assert result.exit_code != 0 and len(result.output) < 2000 and "AAAAAAAAAA" not in result.output  # never echoed


def problems_or_none(folder: Path) -> list:
    try:
        lexmap.load(folder, cache=False)
    except lexmap.CorpusError as error:
        return error.problems
    return []


# -- attack round 3 (issue 26), branch sec2 -------------------------------------------


def test_a_text_with_a_long_run_of_combining_marks_is_refused_at_once(tmp_path, monkeypatch):
    from lexmap.quotes import MAX_MARKS

    from counting import nfc_runs

    marks = "\u0301\u0316" * 20_000  # alternating classes 230 and 220: NFC reorders them by insertion
    case = case_with_text(tmp_path, f"Passports were retained.\na{marks}\n".encode())
    runs = nfc_runs(monkeypatch)  # NFC is quadratic in a run of marks: none longer than the bound is given it
    problem = only_problem(case, cache=False)
    assert max(runs, default=0) <= MAX_MARKS  # was 4.4 s here, 114 s for 240,000 marks: NFC of the whole run
    assert problem.id == "report-a" and "40,000 combining marks in a row" in problem.message and "line 2" in problem.message
    assert "30" in problem.message and problem.hint


def test_a_quote_with_a_long_run_of_marks_is_normalised_in_linear_time_and_a_short_run_still_matches(tmp_path, monkeypatch):
    from lexmap.quotes import MAX_MARKS, normalise

    from counting import nfc_runs

    runs = nfc_runs(monkeypatch)  # NFC is quadratic in a run of marks: the run is cut before NFC sees it
    assert normalise("a" + "\u0301\u0316" * 50_000)[0] == "\u00e1"
    assert runs and max(runs) <= MAX_MARKS  # was minutes: the same sort, on a quote
    monkeypatch.undo()
    marks = "\u0316\u0301" * (MAX_MARKS // 2)  # a run the Stream-Safe Text Format allows, in another order
    case = case_with_text(tmp_path, f"Passports were retained a{marks} here.".encode(), quote=f"retained a{marks[::-1]} here")
    assert lexmap.load(case, cache=False).texts["report-a"].status == "checked"


def test_many_unknown_references_cost_bounded_suggestions(tmp_path, monkeypatch):
    import difflib

    from counting import counting

    count = 600
    practices = "".join(f"  - id: practice-number-{i}\n    label: P{i}\n" for i in range(count))
    claims = "".join(
        f"  - id: z{i}\n    document: report-a\n    practice: practise-numbr-{i}x\n    pinpoint: p. 1\n    quote: q\n"
        for i in range(count)
    )
    case = case_with_text(tmp_path, None)
    (case / "mappings" / "more.yaml").write_text(f"practices:\n{practices}attestations:\n{claims}", encoding="utf-8")
    compared = counting(monkeypatch, difflib.SequenceMatcher, "set_seq1")  # one a candidate id compared
    found = {p.id: p for p in problems(case, cache=False) if p.message.startswith("unknown practice")}
    monkeypatch.undo()
    # at most FIRST (20) problems x CANDIDATES (1,000) ids, twice; was 30 s here (a difflib pass
    # over every id per problem: 600 x 600), 375 s at 2,000
    assert len(compared) <= 40_000, f"{len(compared):,} ids compared"
    assert len(found) == count and "did you mean 'practice-number-0'" in found["z0"].hint
    assert "no suggestions past the first" in found[f"z{count - 1}"].hint


def test_omissions_are_matched_in_one_pass_over_the_text():
    from lexmap.quotes import Text

    from counting import Scanned

    text = Text("x x " * 1_000_000 + "y q")  # every "x x" but the last is an omission too far from "y q"
    text.normalised = scanned = Scanned(text.normalised)  # counts the characters each search reads
    for _ in range(20):
        assert text.mismatch("x x [...] y q") is None
    # was 50 passes over the text per quote: 4 s per quote at 60 MB
    assert scanned.read <= 20 * 2 * len(scanned), f"{scanned.read / len(scanned):.1f} passes over the text"


def test_a_close_omission_is_found_after_any_number_of_occurrences_too_far_away():
    from lexmap.quotes import Text

    far = "He said no. " + "filler " * 1200
    text = far * 80 + "He said no. Then yes."  # 80 occurrences of the first part too far from "yes."
    assert Text(text).find("He said no. [...] yes.") == len(text) - len("He said no. Then yes.")  # gave up after 50


def test_omission_matching_finds_the_first_placement_a_search_of_every_placement_finds(monkeypatch):
    import random

    from lexmap import quotes

    monkeypatch.setattr(quotes, "MAX_OMISSION", 4)

    def every_placement(text: str, parts: list[str]) -> tuple[int, int] | None:
        """The earliest placement of every part, each omission within the bound: every occurrence
        of each part tried (a part placed past its first occurrence may be the one that reaches the
        next part: a search trying only the first missed those)."""

        def rest(index: int, end: int) -> int | None:
            if index == len(parts):
                return end
            found = text.find(parts[index], end)
            while found >= 0 and max(found - end - 2, 0) <= quotes.MAX_OMISSION:
                if (last := rest(index + 1, found + len(parts[index]))) is not None:
                    return last
                found = text.find(parts[index], found + 1)
            return None

        for first in range(len(text)):
            if text.startswith(parts[0], first) and (end := rest(1, first + len(parts[0]))) is not None:
                return first, end
        return None

    chance = random.Random(26)
    for _ in range(3000):
        text = quotes.Text("".join(chance.choice("ab c") for _ in range(chance.randrange(1, 60))))
        parts = ["".join(chance.choice("abc") for _ in range(chance.randrange(1, 3))) for _ in range(chance.randrange(2, 4))]
        start, end, _why = text.locate(" [...] ".join(parts))
        expected = every_placement(text.normalised, quotes.quote_parts(" [...] ".join(parts)))
        assert (None if start is None else (start, end)) == expected, (text.normalised, parts)


@pytest.mark.parametrize("status", [307, 301, 302, 303, 308])
def test_a_push_answered_with_a_redirect_is_a_failure_naming_where_it_pointed(monkeypatch, tmp_path, status):
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.setenv("LEXMAP_PUSH_PASSWORD", "S3cret")
    elsewhere = _Server(status=204)
    server = _Server(status=status, headers={"Location": f"http://bob:Pw0rd@127.0.0.1:{elsewhere.port}/steal"})
    try:
        result = run_cli("export", "turtle", SMALL, "--push", f"http://alice@127.0.0.1:{server.port}/store")
    finally:
        server.close()
        elsewhere.close()
    assert result.exit_code != 0 and "pushed" not in result.output  # was "pushed 35517 bytes ... (HTTP 307)", exit 0
    assert f"HTTP {status}" in result.stderr and f"redirect to http://127.0.0.1:{elsewhere.port}/steal" in result.stderr
    assert "S3cret" not in result.output and "Pw0rd" not in result.output
    assert len(server.requests) == 1 and elsewhere.requests == []  # not followed: the credentials stay with the store


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u200e", "LEFT-TO-RIGHT MARK"),
        ("\u200f", "RIGHT-TO-LEFT MARK"),
        ("\u061c", "ARABIC LETTER MARK"),
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u200d", "ZERO WIDTH JOINER"),
        ("\u2060", "WORD JOINER"),
        ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
        ("\u3164", "HANGUL FILLER"),
        ("\u115f", "HANGUL CHOSEONG FILLER"),
        ("\u2028", "LINE SEPARATOR"),
        ("\u2029", "PARAGRAPH SEPARATOR"),
        ("\u00ad", "SOFT HYPHEN"),
        ("\u034f", "COMBINING GRAPHEME JOINER"),
    ],
)
def test_invisible_and_bidirectional_format_characters_are_refused_in_labels_by_name(tmp_path, char, name):
    case = case_with_text(tmp_path, b"Passports were retained")
    claims = case / "mappings" / "claims.yaml"
    escaped = f"\\u{ord(char):04x}"
    claims.write_text(claims.read_text().replace("label: Retention of passports", f'label: "Retention{escaped}of passports"'))
    problem = only_problem(case)
    assert problem.id == "passport-retention" and problem.line == 8
    assert f"U+{ord(char):04X} {name}" in problem.message and "invisible" in problem.message


def test_joiners_in_scripts_that_need_them_and_hidden_characters_in_quotes_are_kept(tmp_path):
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a zero-width non-joiner between two Persian letters
    text = "Passports were\u200b retained".encode()  # a web page's zero-width space, quoted as it is
    case = case_with_text(tmp_path, text, quote='"Passports were\\u200b retained"')
    claims = case / "mappings" / "claims.yaml"
    claims.write_text(claims.read_text().replace("label: Retention of passports", f"label: {persian}"), encoding="utf-8")
    corpus = lexmap.load(case, cache=False)
    assert corpus.practices["passport-retention"].label == persian
    assert corpus.attestations["report-a-retained"].quote == "Passports were\u200b retained"
    assert corpus.texts["report-a"].status == "checked"


def test_the_closest_passage_is_searched_for_a_bounded_number_of_bad_quotes(tmp_path):
    from lexmap.text_checks import CLOSEST_HINTS

    case = case_with_text(tmp_path, b"Passports were retained by the mission's coordinators for the whole posting.\n")
    bad = "".join(
        f"  - id: bad-{i:03d}\n    document: report-a\n    practice: passport-retention\n    pinpoint: para. 1\n"
        f"    quote: Passports were retained by the mission's supervisors {i}\n"
        for i in range(CLOSEST_HINTS + 10)
    )
    (case / "mappings" / "more.yaml").write_text(f"attestations:\n{bad}", encoding="utf-8")
    hints = [p.hint for p in sorted(problems(case, cache=False), key=lambda p: p.id or "") if (p.id or "").startswith("bad-")]
    assert len(hints) == CLOSEST_HINTS + 10
    assert sum("the closest passage" in hint for hint in hints) == CLOSEST_HINTS  # each a pass over every word of the text
    assert all("where the text has" in hint for hint in hints)  # every one still says where it leaves the text


# -- attack round 4 (issue 26): finding E, a revision's files bounded and the case's own alone read --


def _committed_case(tmp_path, big: str, size: int):
    import subprocess

    from diff_case import LAW, OLD_CASE, write_case

    repo = tmp_path / "repo"
    write_case(repo / "case", OLD_CASE, LAW)
    (repo / big).parent.mkdir(parents=True, exist_ok=True)
    (repo / big).write_bytes(b"\0" * size)
    for args in (("init", "-q"), ("add", "-A", "."), ("commit", "-qm", "one")):
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-C", str(repo), *args], check=True)
    return repo


def test_a_revision_reads_only_the_case_folder(tmp_path, monkeypatch):
    from lexmap import revisions

    repo = _committed_case(tmp_path, "other/big.bin", 4_000_000)
    monkeypatch.setattr(revisions, "MAX_REVISION_BYTES", 1_000_000, raising=False)  # the file beside the case is never extracted
    monkeypatch.chdir(repo / "case")
    result = run_cli("diff", "HEAD", ".")
    assert result.exit_code == 0 and "No change." in result.output, result.output
    with revisions.checkout(repo, "HEAD", Path("case")) as tree:
        assert sorted(p.name for p in tree.iterdir()) == ["case"]


def test_a_revision_larger_than_the_bound_is_refused_in_one_line(tmp_path, monkeypatch):
    from lexmap import revisions

    repo = _committed_case(tmp_path, "case/texts/big.bin", 4_000_000)
    monkeypatch.setattr(revisions, "MAX_REVISION_BYTES", 1_000_000)
    monkeypatch.chdir(repo / "case")
    result = run_cli("diff", "HEAD", ".")
    assert result.exit_code == 2, result.output
    assert "the case at 'HEAD' holds more than 1,000,000 bytes (at 'case/texts/big.bin', 4,000,000 bytes)" in result.output
    assert "hint:" in result.output and "Traceback" not in result.output


def test_a_tree_bomb_in_a_revision_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    """A10-F5: a tree listing one subtree ten times, a few levels deep, is thousands of files from
    a dozen objects; every one was written to a temporary folder (bounded in bytes only, and
    they are empty). The listing is stopped past MAX_REVISION_ENTRIES, before any is written."""
    import subprocess

    from lexmap import revisions

    repo = _committed_case(tmp_path, "other/small.bin", 10)

    def git(*args: str, given: str = "") -> str:
        command = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-C", str(repo), *args]
        return subprocess.run(command, input=given, capture_output=True, text=True, check=True).stdout.strip()

    entry = git("hash-object", "-w", "--stdin")  # the empty file
    kind = "100644 blob"
    for _level in range(3):  # 10 files, then 10 folders of them, twice more: 1,000 files and 111 folders
        entry = git("mktree", given="".join(f"{kind} {entry}\tx{i}\n" for i in range(10)))
        kind = "040000 tree"
    git("read-tree", "--prefix=case/texts/bomb/", entry)
    git("commit", "-qm", "bomb")
    written: list = []
    monkeypatch.setattr(revisions, "_write", lambda *args: written.append(args))
    monkeypatch.setattr(revisions, "MAX_REVISION_ENTRIES", 500)
    monkeypatch.chdir(repo / "case")
    result = run_cli("diff", "HEAD", ".")
    assert result.exit_code == 2, result.output
    assert "the case at 'HEAD' holds more than 500 files and folders; not read" in result.output
    assert "hint:" in result.output and "Traceback" not in result.output
    assert written == []  # nothing written before the count was known
    monkeypatch.setattr(revisions, "MAX_REVISION_ENTRIES", 2000)
    with revisions.checkout(repo, "HEAD", Path("case")):
        pass
    assert len(written) == 1 and len(written[0][1]) > 1000  # under the bound: every file listed once, no folder


def test_a_revision_without_the_case_folder_says_so_in_one_line(tmp_path, monkeypatch):
    import subprocess

    repo = _committed_case(tmp_path, "other/small.bin", 10)
    subprocess.run(["git", "-C", str(repo), "mv", "case", "moved"], check=True)
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-C", str(repo), "commit", "-qm", "two"], check=True
    )
    monkeypatch.chdir(repo / "moved")
    result = run_cli("diff", "HEAD~1", "HEAD")
    assert result.exit_code == 2 and "the case folder 'moved' does not exist at 'HEAD~1'" in result.output, result.output
    assert "hint:" in result.output and "Traceback" not in result.output


# -- attack round 4 (issue 26), branch fixa -------------------------------------------


def _padded_docx(path: Path, member: str, padding: int) -> Path:
    """A Word file whose ``member`` is followed by ``padding`` spaces (still valid XML): a small
    file on disk that unpacks to far more, as a zip bomb does."""
    import zipfile

    import docx

    made = docx.Document()
    made.add_paragraph("Passports were retained")
    made.core_properties.title = "A bomb"
    plain = path.with_suffix(".plain.docx")
    made.save(str(plain))
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item.filename, data + b" " * padding if item.filename == member else data)
    return path


def test_a_docx_text_that_unpacks_past_the_bound_is_refused_before_it_is_unpacked(tmp_path):
    from lexmap.extract import read_pages
    from lexmap.texts import MAX_TEXT_BYTES, TextRefused

    bomb = _padded_docx(tmp_path / "bomb.docx", "word/document.xml", MAX_TEXT_BYTES)
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(TextRefused, match=r"unpacks to more than lexmap reads \('word/document.xml'") as refused:
        read_pages(bomb, cache=False)
    assert "give a text copy" in refused.value.hint


def test_add_document_reads_no_more_than_a_megabyte_of_a_docx_core_properties(tmp_path):
    from lexmap.drafts import add_document

    case = tmp_path / "case"
    (case / "mappings").mkdir(parents=True)
    bomb = _padded_docx(tmp_path / "bomb.docx", "docProps/core.xml", 2 << 20)
    draft = add_document(bomb, case)
    text = draft.record.read_text(encoding="utf-8")
    assert "A bomb" not in text and "metadata could not be read" in text


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _table_docx(path: Path, table: str) -> Path:
    """A Word file of one paragraph, "A table.", and ``table`` (``<w:tr>`` elements): the parts a
    hostile file needs, no more (attack round 10, F3)."""
    import zipfile

    ns = "http://schemas.openxmlformats.org/package/2006"
    document = f"<w:document {_W}><w:body><w:p><w:r><w:t>A table.</w:t></w:r></w:p><w:tbl>{table}</w:tbl></w:body></w:document>"
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{ns}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{main}"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{ns}/relationships"><Relationship Id="rId1" Type="{office}" Target="word/document.xml"/></Relationships>',
        )
        package.writestr("word/document.xml", document)
    return path


def _cell(text: str = "", props: str = "") -> str:
    return (
        f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"
        if text
        else f"<w:tc><w:tcPr>{props}</w:tcPr><w:p/></w:tc>"
    )


@pytest.fixture
def paragraph_reads(monkeypatch):
    """The paragraphs whose text was read, one entry a read (python-docx's CT_P.text, counted)."""
    from docx.oxml.text.paragraph import CT_P

    seen: list = []
    original = CT_P.text

    def text(self):
        seen.append(self)
        return original.fget(self)

    monkeypatch.setattr(CT_P, "text", property(text))
    return seen


def test_a_docx_column_of_5000_vertically_merged_cells_reads_each_paragraph_once(tmp_path, paragraph_reads):
    from lexmap.extract import read_pages

    top, below = _cell("x", '<w:vMerge w:val="restart"/>'), _cell(props="<w:vMerge/>")
    rows = f"<w:tr>{top * 2}</w:tr>" + f"<w:tr>{below * 2}</w:tr>" * 4_999  # python-docx: RecursionError
    text = read_pages(_table_docx(tmp_path / "merged.docx", rows), cache=False)
    assert text.pages[0].text == "A table.\nx\nx"  # the merged cell once, not once a row
    assert len(paragraph_reads) == 3  # python-docx's row.cells: quadratic walks up the column


def test_a_docx_table_is_read_in_one_pass_and_as_python_docx_reads_an_unmerged_one(tmp_path, paragraph_reads):
    import docx

    from lexmap.extract import read_pages

    made = docx.Document()
    made.add_paragraph("Passports were retained")
    table = made.add_table(rows=40, cols=5)
    for number, cell in enumerate(table._cells):
        cell.text = f"cell {number}" + ("\nsecond line" if number % 7 == 0 else "")
    made.save(str(tmp_path / "t.docx"))
    text = read_pages(tmp_path / "t.docx", cache=False).pages[0].text
    assert len(paragraph_reads) == 1 + 40 * 5  # each paragraph read once
    python_docx = ["Passports were retained"] + [c.text for row in table.rows for c in row.cells]
    assert text == "\n".join(python_docx)  # the text of an unmerged table unchanged


@pytest.mark.parametrize("span", [64, 10**9])
def test_a_docx_cell_spanning_more_columns_than_word_allows_is_refused_in_one_line(tmp_path, span):
    from lexmap.extract import read_pages
    from lexmap.texts import TextRefused

    path = _table_docx(tmp_path / "span.docx", "<w:tr>" + _cell("span", f"<w:gridSpan w:val='{span}'/>") + "</w:tr>")
    with pytest.raises(TextRefused) as refused:
        read_pages(path, cache=False)  # python-docx's row.cells: the cell 10^6 times took 27.6 s
    assert (
        str(refused.value)
        == f"{path} has a table cell spanning {span:,} columns (row 1), more than the 63 columns a Word table can have"
    )
    assert "\n" not in str(refused.value) and "text_file" in refused.value.hint


def test_a_docx_cell_spanning_63_columns_is_read_once(tmp_path, paragraph_reads):
    from lexmap.extract import read_pages

    path = _table_docx(tmp_path / "span.docx", "<w:tr>" + _cell("span", "<w:gridSpan w:val='63'/>") + _cell("next") + "</w:tr>")
    assert read_pages(path, cache=False).pages[0].text == "A table.\nspan\nnext"
    assert len(paragraph_reads) == 3


def test_a_docx_past_the_characters_lexmap_extracts_is_refused(tmp_path, monkeypatch):
    from lexmap import docx_text
    from lexmap.extract import read_pages
    from lexmap.texts import TextRefused

    monkeypatch.setattr(docx_text, "MAX_DOCX_CHARACTERS", 1_000)
    path = _table_docx(tmp_path / "long.docx", f"<w:tr>{_cell('x' * 600)}{_cell('y' * 600)}</w:tr>")
    with pytest.raises(TextRefused, match=r"holds more than lexmap extracts from a DOCX \(more than 1,000 characters\)"):
        read_pages(path, cache=False)


def test_a_docx_of_more_paragraphs_and_cells_than_lexmap_reads_is_refused_before_it_reads_them(
    tmp_path, monkeypatch, paragraph_reads
):
    from lexmap import docx_text
    from lexmap.extract import read_pages
    from lexmap.texts import TextRefused

    monkeypatch.setattr(docx_text, "MAX_DOCX_BLOCKS", 100)  # 200,000: a 217 kB file of empty cells held 3.3 million
    path = _table_docx(tmp_path / "cells.docx", f"<w:tr>{_cell() * 60}</w:tr>" * 10)
    with pytest.raises(TextRefused, match=r"from a DOCX \(more than 100 paragraphs and table cells\)"):
        read_pages(path, cache=False)
    assert len(paragraph_reads) == 100  # the one paragraph and 99 cells; the 101st is not read


def test_the_closest_passage_to_a_long_failing_quote_is_found_in_bounded_time(tmp_path, monkeypatch):
    import difflib

    text = b"Passports were retained. " + b"force " * 50_000 + b"end\n"
    quote = "force " * 300 + "zzzz"  # difflib's ratio over 300 repeated words: 9.6 s (1,000 words: 98 s)
    case = case_with_text(tmp_path, text, quote=quote)
    ratio, work = difflib.SequenceMatcher.ratio, []

    def counted(matcher):  # difflib's ratio is quadratic: the product of the lengths compared
        work.append(len(matcher.a) * len(matcher.b))
        return ratio(matcher)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counted)
    problem = only_problem(case, cache=False)
    monkeypatch.undo()
    # windows of the HINT_WORDS (60) words around where the quote leaves the text, a word more or
    # less: 615 ratios, 2.2 million pairs of words; the whole quote was 300 x 300 pairs a ratio
    assert work and max(work) <= 61 * 61 and sum(work) < 5_000_000, f"{len(work)} ratios, {sum(work):,} pairs of words"
    assert problem.id == "report-a-retained" and "the closest passage reads 'force force" in problem.hint
    assert "(character 1801 of the part)" in problem.hint  # where the quote leaves the text, as before


def test_the_closest_passage_hints_of_a_load_compare_a_bounded_number_of_windows(tmp_path, monkeypatch):
    """Attack round 12, G1: a quote whose rarest words sit at many of its places, in a text where
    each recurs amid one filler word, made a window at every place of every rare word for every
    place of it in the quote (71,489 difflib ratios, 3 minutes a hint; 22 minutes a load). The
    hints of a load now compare HINT_WINDOWS windows in all, those the rare words agree on first,
    and a hint cut short says the text was not searched fully."""
    import difflib

    from lexmap.passages import HINT_WINDOWS

    rare, quote = ["alpha", "bravo", "charl"], ["zzzz"] * 20
    for i in range(8):
        quote[(i * 20) // 8] = rare[i % 3]
    text = " ".join(" ".join([rare[k % 3]] + ["zzzz"] * 20) for k in range(40))
    case = case_with_text(tmp_path, text.encode() + b"\n", quote=" ".join(quote) + " NOTINTEXT")
    more = "".join(
        f"  - id: bad-{i}\n    document: report-a\n    practice: passport-retention\n    pinpoint: para. 1\n"
        f"    quote: {' '.join(quote)} NOTINTEXT{i}\n"
        for i in range(3)
    )
    (case / "mappings" / "more.yaml").write_text(f"attestations:\n{more}", encoding="utf-8")
    compared, set_seq1 = [0], difflib.SequenceMatcher.set_seq1

    def counted(matcher, words):  # one window compared (and one for each matcher made)
        compared[0] += 1
        assert compared[0] <= HINT_WINDOWS + 10, "past the load's budget of windows"
        return set_seq1(matcher, words)

    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counted)
    hints = [p.hint for p in problems(case, cache=False)]
    monkeypatch.undo()
    assert len(hints) == 4 and compared[0] > HINT_WINDOWS // 2  # the budget was used, not skipped
    assert all("the text was not searched fully" in hint for hint in hints[1:]), hints
    assert all("where the text has" in hint for hint in hints)  # each still says where it leaves the text


# -- attack round 5 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "when, words",
    [
        ("Y1E999999999", "past 9999"),  # the edtf package computed 10**999999999: validate hung
        ("Y17E400", "past 9999"),
        ("[" + ",".join(["2001-01-01"] * 2000) + "]", "22001 characters"),  # 20 s in the parser
        ("{2001-01-01,2002-02-02}", "a set of dates"),
    ],
    ids=["exponent", "long year", "huge set", "set"],
)
def test_a_hostile_when_is_refused_at_once(tmp_path, monkeypatch, when, words):
    import edtf

    case = case_with_text(tmp_path, None)
    text = CLAIMS.replace("    text_file: report-a.txt\n", "")
    (case / "mappings" / "claims.yaml").write_text(text.format(quote="x") + f"    when: '{when}'\n", encoding="utf-8")
    parse, given = edtf.parse_edtf, []

    def parse_edtf(text, *args, **kwargs):  # refused before the parser, which hung or took 20 s on it
        if text == when:
            given.append(text)
            raise ValueError("the hostile when reached the edtf parser")
        return parse(text, *args, **kwargs)

    monkeypatch.setattr(edtf, "parse_edtf", parse_edtf)
    problem = only_problem(case, cache=False)
    assert given == []
    assert problem.id == "report-a-retained" and problem.line == 14 and words in problem.message


def test_an_open_edtf_end_prints_nothing_on_standard_output(capsys):
    from lexmap.dates import parse_date

    with pytest.raises(ValueError, match="not a date lexmap can read"):
        parse_date("/..")
    assert capsys.readouterr().out == ""  # the edtf package printed "trying to Level1Interval..."


def test_a_passage_of_many_hyphens_is_found_back_in_linear_time(tmp_path):
    import re

    from lexmap.passages import _token_pattern

    # Each hyphen could be matched two ways: 2**40 tries when not found back (validate hung).
    # Not timed: the pattern of a word of 3 hyphens matches a run of 3 hyphens only (one way to
    # match each), where the ambiguous one also matched 4 and 5 (and 2**k ways for k hyphens).
    # Checked first, so that the ambiguous pattern fails here rather than hang below.
    assert [n for n in range(1, 10) if re.fullmatch(_token_pattern("---"), "-" * n)] == [3]
    hyphens = "-" * 40
    text = f"Passports were retained {hyphens} \ufb05 after.\n".encode()
    case = case_with_text(tmp_path, text, quote=f"Passports were retained {hyphens} st afterwards")
    problem = only_problem(case, cache=False)
    assert f"the closest passage reads 'Passports were retained {hyphens} st'" in problem.hint

    from lexmap.pages import Page, PagedText
    from lexmap.passages import find_passages

    paged = PagedText([Page(index=0, label=None, text=f"Before. {hyphens} \u202e after-\nwards.")])
    (found,) = find_passages(paged, f"{hyphens} <U+202E> afterwards", 1)
    assert found.words == f"{hyphens} <U+202E> after-wards"


def _pdf_sharing_one_stream(path: Path, pages: int, lines: int) -> Path:
    """A PDF of ``pages`` pages that all show one compressed content stream of ``lines`` lines."""
    import zlib

    line = b"(Passports were retained by the employer in every case we saw.) Tj T* "
    stream = zlib.compress(b"BT /F1 11 Tf 14 TL 72 760 Td " + line * lines + b" ET", 9)
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ] + [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    ] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


@pytest.mark.parametrize(
    "pages, lines, words",
    [
        (40, 20_000, "more than 100,000 characters on a page, at PDF page 1"),
        (400, 1_500, "more than 8,000,000 characters in all"),
    ],
    ids=["a page of 1.2 million characters", "pages that add up"],
)
def test_a_pdf_bomb_is_refused_in_bounded_time(tmp_path, monkeypatch, pages, lines, words):
    pypdf = pytest.importorskip("pypdf")
    from lexmap.extract import MAX_PAGE_CHARACTERS, MAX_PDF_CHARACTERS, read_pages
    from lexmap.texts import TextRefused

    bomb = _pdf_sharing_one_stream(tmp_path / "bomb.pdf", pages, lines)
    assert bomb.stat().st_size < 100_000  # 200 such pages (36 kB) ran validate for minutes
    extract, extracted, bound = pypdf.PageObject.extract_text, [0], MAX_PDF_CHARACTERS + MAX_PAGE_CHARACTERS

    def counted(page, *args, visitor_text=None, **kwargs):  # the characters pypdf extracts (quadratic in a page's)
        def seen(text, *rest):
            extracted[0] += len(text)
            assert extracted[0] <= bound, f"{extracted[0]:,} characters extracted"  # fails, not minutes
            if visitor_text is not None:
                visitor_text(text, *rest)

        return extract(page, *args, visitor_text=seen, **kwargs)

    monkeypatch.setattr(pypdf.PageObject, "extract_text", counted)
    with pytest.raises(TextRefused, match="holds more than lexmap extracts from a PDF") as refused:
        read_pages(bomb, cache=False)
    assert words in str(refused.value) and "pdftotext" in refused.value.hint
    assert 0 < extracted[0] <= (MAX_PAGE_CHARACTERS + 100 if pages == 40 else bound)  # stopped at the bound


@pytest.mark.parametrize("junk", ["<!", "<![>", "<!--x>", "<"], ids=["bogus comments", "marked sections", "comments", "lone <"])
def test_an_html_text_of_unclosed_markup_is_read_in_linear_time(tmp_path, monkeypatch, junk):
    from lexmap.extract import read_pages

    page = tmp_path / "page.html"
    body = junk * (1_000_000 // len(junk))  # html.parser sought each one's close to the end: 2 MB of '<!' took 114 s
    page.write_text(f"<p>Passports were <b>retained</b>.</p><!-- hidden -->{body}<p>After.</p>", encoding="utf-8")
    from html.parser import HTMLParser

    scanned, bound = [0], 4 * len(body)  # characters html.parser read seeking the close of a construct

    def counting(parse):
        def counted(parser, i, *args):  # a parse_* method returns where its construct ends, or -1
            end = parse(parser, i, *args)
            scanned[0] += (end if end >= 0 else len(parser.rawdata)) - i
            assert scanned[0] <= bound, f"{scanned[0]:,} characters read seeking closes"  # fails, not minutes
            return end

        return counted

    for name in [name for name in dir(HTMLParser) if name.startswith("parse_")]:
        monkeypatch.setattr(HTMLParser, name, counting(getattr(HTMLParser, name)))
    text = read_pages(page, cache=False)
    monkeypatch.undo()
    assert "Passports were retained." in text.normalised and "hidden" not in text.normalised
    if junk == "<":
        assert text.pages[0].text.count("<") == len(body) and "After." in text.normalised  # text, as before


def test_an_html_text_with_a_broken_marked_section_is_read_not_a_traceback(tmp_path):
    case = case_with_text(tmp_path, None)
    (case / "mappings" / "claims.yaml").write_text(
        CLAIMS.replace("report-a.txt", "report-a.html").format(quote="Passports were retained")
    )
    (case / "texts" / "report-a.html").write_text("<p>Passports were retained</p><![>\n<![ x>", encoding="utf-8")
    corpus = lexmap.load(case, cache=False)  # html.parser raised AssertionError: expected name token at '<![>'
    assert corpus.texts["report-a"].status == "checked"


def test_a_pdf_whose_page_labels_are_too_long_writes_nothing_to_stderr(tmp_path):
    pytest.importorskip("pypdf")
    import subprocess
    import sys

    prefix = b"P" * 100_000  # pypdf warned once a page, quoting the label: 1 MB x 200 pages wrote 200 MB to stderr
    path = _pdf_sharing_one_stream(tmp_path / "labels.pdf", 50, 1)
    path.write_bytes(
        path.read_bytes().replace(
            b"/Pages 2 0 R >>", b"/Pages 2 0 R /PageLabels << /Nums [0 << /S /D /P (" + prefix + b") >>] >> >>", 1
        )
    )
    read = "import sys; from pathlib import Path; from lexmap.extract import read_pages; print(len(read_pages(Path(sys.argv[1]), cache=False).pages))"
    done = subprocess.run([sys.executable, "-c", read, str(path)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "50" and len(done.stderr) < 1000, done.stderr[:300]
