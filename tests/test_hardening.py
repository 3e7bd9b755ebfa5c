"""Hostile and broken input: every file gives a corpus or a CorpusError with a position, never
a crash, a hang or a silently dropped value."""

import contextlib
import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lexmap
from lexmap.yamlread import MAX_DEPTH

from conftest import CORPORA

FUZZ_EXAMPLES = int(os.environ.get("LEXMAP_FUZZ_EXAMPLES", "300"))
VALID = (CORPORA / "small" / "mappings" / "claims.yaml").read_bytes()


def load_file(tmp: Path, data: bytes, name: str = "mappings/x.yaml"):
    target = tmp / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return lexmap.load(tmp)


def problems_of(tmp: Path, data: bytes) -> list[lexmap.Problem]:
    with pytest.raises(lexmap.CorpusError) as raised:
        load_file(tmp, data)
    return list(raised.value.problems)


# (name, file content, line, words of the message)
CATALOGUE = [
    ("not UTF-8", b"documents:\n  - id: x\n    title: caf\xe9\n    kind: report\n", 3, "not valid UTF-8 (byte 0xe9)"),
    ("control character", b"documents:\n  - id: x\n    title: a\x00b\n", 3, "character U+0000 is not allowed"),
    ("tab indentation", b"documents:\n\t- id: x\n", 2, "YAML syntax error"),
    ("two YAML documents", b"documents: []\n---\nclaims: []\n", 2, "more than one YAML document"),
    ("alias", b"documents:\n  - &a {id: x, title: t, kind: report}\n  - *a\n", 3, "aliases (*name) are not supported"),
    ("merge key", b"documents:\n  - <<: {id: x}\n    title: t\n", 2, "merge keys (<<) are not supported"),
    ("complex key", b"documents:\n  - ? [a, b]\n    : value\n", 2, "a mapping key must be plain text"),
    (
        "binary tag",
        b"documents:\n  - id: x\n    title: !!binary aGVsbG8=\n    kind: report\n",
        3,
        "unsupported YAML tag 'tag:yaml.org,2002:binary'",
    ),
    ("custom tag", b"documents:\n  - id: x\n    title: !secret t\n    kind: report\n", 3, "unsupported YAML tag '!secret'"),
    ("top-level list", b"- id: x\n", 1, "the file must be a mapping of collections"),
    ("unknown collection", b"document:\n  - id: x\n", 1, "unknown collection 'document'"),
    ("collection not a list", b"documents:\n  id: x\n", 1, "collection 'documents' must be a list"),
    ("empty required text", b"documents:\n  - id: x\n    title: '  '\n    kind: report\n", 3, "empty text"),
    ("null required text", b"documents:\n  - id: x\n    title:\n    kind: report\n", 3, "expected text, found nothing"),
    ("number as text", b"documents:\n  - id: x\n    title: 1984\n    kind: report\n", 3, "expected text, found the int 1984"),
    ("bad date", b"documents:\n  - id: x\n    title: t\n    kind: report\n    date: 2022-13\n", 5, "expected an ISO date"),
    ("record not a mapping", b"documents:\n  - just text\n", 2, "expected a mapping of fields"),
    ("id with a path separator", b"practices:\n  - id: a/b/c\n    label: x\n", 2, "is not a valid id"),
    ("id with dot-dot", b"practices:\n  - id: ..\n    label: x\n", 2, "is not a valid id"),
    (
        "text_file outside the text folder",
        b"documents:\n  - id: x\n    title: t\n    kind: report\n    text_file: ../../etc/passwd\n",
        5,
        "text_file must be a plain file name",
    ),
    (
        "part_of cycle",
        b"practices:\n  - id: a\n    label: A\n    part_of: b\n  - id: b\n    label: B\n    part_of: a\n",
        4,
        "part_of forms a cycle",
    ),
    ("too deep", b"documents: " + b"[" * 10_000 + b"]" * 10_000, 1, f"nesting deeper than {MAX_DEPTH} levels"),
]


@pytest.mark.parametrize("name, data, line, words", CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_bad_input_catalogue(tmp_path, name, data, line, words):
    problems = problems_of(tmp_path, data)
    assert any(p.line == line and words in str(p) and p.file == "mappings/x.yaml" for p in problems), problems
    assert all(p.hint for p in problems)


TREATY = (
    b"instruments:\n  - id: t\n    title: T\n    short_name: T\n    kind: treaty\n    binding: true\n"
    b"    provisions:\n      - id: art-1\n        label: Art. 1\n"
)


def test_element_tree_with_both_all_of_and_any_of_is_refused(tmp_path):
    data = TREATY + (
        b"    tests:\n      - id: test\n        label: Test\n"
        b"        provision: art-1\n        all_of: [{id: a, label: A}]\n        any_of: [{id: b, label: B}]\n"
    )
    problems = problems_of(tmp_path, data)
    assert [(p.line, p.id) for p in problems] == [(15, "t/test")]
    assert "all_of or any_of, not both" in problems[0].message


@pytest.mark.parametrize(
    "tail, line, words",
    [
        (b"    tests:\n      - id: test\n        label: Test\n", 11, "a test must name the provision that sets it out"),
        (
            b"    tests:\n      - id: test\n        label: Test\n        provision: art-9\n",
            13,
            "unknown provision 't/art-9' of 't'",
        ),
        (
            b"ratifications:\n  - {instrument: t, state: cu, events: [{event: ratification, date: 2001}]}\n"
            b"  - {instrument: t, state: cu, events: [{event: signature, date: 2000}]}\n"
            b"states:\n  - id: cu\n    name: Cuba\n",
            12,
            "a second ratification record for t and cu",
        ),
        (
            b"ratifications:\n  - {instrument: t, state: cuba, events: [{event: ratification, date: 2001}]}\n"
            b"states:\n  - id: cu\n    name: Cuba\n",
            11,
            "unknown state 'cuba' (did you mean 'cu'?)",
        ),
    ],
    ids=["test without provision", "unknown provision", "state listed twice", "unknown state named"],
)
def test_instrument_structure_problems(tmp_path, tail, line, words):
    problems = problems_of(tmp_path, TREATY + tail)
    assert [(p.line, words in str(p)) for p in problems] == [(line, True)], problems


def test_element_words_must_be_in_the_provision_text(tmp_path):
    data = TREATY + (
        b"        text: No one shall be held in slavery.\n"
        b"    tests:\n      - id: slavery\n        label: Slavery\n        provision: art-1\n        words: held in servitude\n"
    )
    problems = problems_of(tmp_path, data)
    assert [(p.line, p.id) for p in problems] == [(15, "t/slavery")]


def test_a_deeply_nested_file_is_refused_quickly(tmp_path, monkeypatch):
    from counting import yaml_events

    pulled = yaml_events(monkeypatch, 4 * MAX_DEPTH)  # refused after a few events, not 100,000 (a quadratic hang)
    (problem,) = problems_of(tmp_path, b"documents: " + b"{a: " * 50_000 + b"1" + b"}" * 50_000)
    assert 0 < pulled[0] <= 4 * MAX_DEPTH and f"nesting deeper than {MAX_DEPTH} levels" in problem.message


def test_a_huge_file_is_refused_without_reading_it_as_yaml(tmp_path):
    data = b"documents: []\n" + b"#" * (21 * 2**20)
    problems = problems_of(tmp_path, data)
    assert "larger than 20 MiB" in problems[0].message


def _check_outcome(tmp_path: Path, data: bytes) -> None:
    try:
        load_file(tmp_path, data)
    except lexmap.CorpusError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == "mappings/x.yaml"
            assert problem.line is not None or "larger than" in problem.message, problem
            assert problem.hint


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_fuzz_any_bytes_give_a_corpus_or_a_located_corpus_error(tmp_path, data):
    _check_outcome(tmp_path, data)


@st.composite
def mutated_yaml(draw):
    """A valid data file with a few characters replaced, inserted or deleted."""
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = draw(st.sampled_from(b":-[]{}&*!|>'\"#%@`,?\n\t \x00\xff0aZ"))
        if action == "insert" or position == len(data):
            data.insert(position, byte)
        elif action == "replace":
            data[position] = byte
        else:
            del data[position]
    return bytes(data)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated_yaml())
def test_fuzz_mutated_data_files_give_a_corpus_or_a_located_corpus_error(tmp_path, data):
    _check_outcome(tmp_path, data)


# -- attack round 3 (issue 26): findings 9 and 11, special files as the corpus or its manifest -----


def _special(kind: str, path: Path) -> str:
    """Put a ``kind`` of special file at ``path``; the path to give lexmap."""
    import socket

    if kind == "FIFO":
        os.mkfifo(path)
    elif kind == "socket":
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
    else:
        return "/dev/zero"  # a device (mknod needs root: the system's own is the same thing)
    return str(path)


@pytest.mark.parametrize("kind", ["FIFO", "socket", "device"])
def test_a_fifo_socket_or_device_as_the_corpus_path_is_one_line(tmp_path, monkeypatch, kind):
    import builtins
    import io

    from click.testing import CliRunner

    from lexmap.cli import main
    from lexmap.filekind import NotACorpusError

    given = _special(kind, tmp_path / "corpus.yaml")

    def never(opener):  # nothing is read (a FIFO waits for ever, /dev/zero never ends): fails, not hangs
        def opened(file, *args, **kwargs):
            assert not (isinstance(file, (str, os.PathLike)) and os.fspath(file) == given), f"{given} was opened"
            return opener(file, *args, **kwargs)

        return opened

    for module, name in ((builtins, "open"), (io, "open"), (os, "open")):
        monkeypatch.setattr(module, name, never(getattr(module, name)))
    result = CliRunner().invoke(main, ["validate", given, "--no-cache"])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert result.stderr.splitlines() == [
        f"lexmap: error: {given!r} is a {kind}, not a corpus folder or file",
        "hint: give a case folder, or a YAML or JSON data file",
    ]
    with pytest.raises(NotACorpusError, match=f"is a {kind}, not a corpus folder or file"):  # the library says the same
        lexmap.load(given, cache=False)


def _flat_case(folder: Path) -> Path:
    """tests/corpora/small as a case folder: a manifest, its data files at the top, its law inside."""
    import shutil

    shutil.copytree(CORPORA / "small" / "instruments", folder / "instruments")
    for data in (CORPORA / "small" / "mappings").glob("*.yaml"):
        shutil.copy(data, folder / data.name)
    (folder / "lexmap.yaml").write_text("title: Flat case\nlaw: [instruments]\n")
    return folder


@pytest.mark.parametrize("kind", ["FIFO", "folder", "link to /dev/null", "link to nothing"])
def test_a_manifest_that_is_not_a_regular_file_is_refused_with_what_it_is(tmp_path, monkeypatch, kind):
    from click.testing import CliRunner

    from lexmap.cli import main

    case = _flat_case(tmp_path / "case")
    assert lexmap.load(case, cache=False).case.title == "Flat case"
    manifest = case / "lexmap.yaml"
    manifest.unlink()
    {
        "FIFO": lambda: os.mkfifo(manifest),
        "folder": lambda: manifest.mkdir(),
        "link to /dev/null": lambda: manifest.symlink_to("/dev/null"),
        "link to nothing": lambda: manifest.symlink_to("nowhere.yaml"),
    }[kind]()
    what = {"FIFO": "a FIFO", "folder": "a folder", "link to /dev/null": "a device (a link to '/dev/null')"}.get(
        kind, "a link to nothing"
    )
    with pytest.raises(lexmap.CorpusError) as raised:  # it was read as a folder without a manifest: "valid", 0 claims
        lexmap.load(case, cache=False)
    (problem,) = raised.value.problems
    assert (problem.file, problem.message) == (
        "case/lexmap.yaml",
        f"the manifest is {what}, not a regular file; not read (nor the case it describes)",
    )
    result = CliRunner().invoke(main, ["validate", str(case), "--no-cache"])
    assert (
        result.exit_code == 1
        and "valid" not in result.output.replace("invalid", "")
        and f"the manifest is {what}" in result.output
    )
    monkeypatch.chdir(case)  # found from inside the folder: refused too, not the bundled case instead
    result = CliRunner().invoke(main, ["info", "--no-cache"])
    assert result.exit_code == 1 and f"the manifest is {what}" in result.output, result.output


# -- attack round 3 (issue 26), branch sec2 -------------------------------------------


def test_a_docx_chart_of_a_test_with_a_long_label_is_written_with_its_title_cut(tmp_path):
    import shutil
    import zipfile

    from click.testing import CliRunner

    from lexmap.cli import main

    case = tmp_path / "case"
    shutil.copytree(CORPORA / "small", case)
    protocol = case / "instruments" / "test-protocol.yaml"
    label = "Exploitation " + "of persons " * 30  # 343 characters: python-docx keeps 255 in a title
    assert "        label: Exploitation\n" in protocol.read_text()
    protocol.write_text(protocol.read_text().replace("        label: Exploitation\n", f"        label: {label}\n", 1))
    result = CliRunner().invoke(main, ["chart", "tp/exploitation", str(case), "-o", str(tmp_path / "chart.docx")])
    assert result.exit_code == 0, result.output  # was a ValueError traceback
    with zipfile.ZipFile(tmp_path / "chart.docx") as docx:
        core, body = docx.read("docProps/core.xml").decode(), docx.read("word/document.xml").decode()
    title = core.split("<dc:title>")[1].split("</dc:title>")[0]
    assert len(title) == 255 and title.endswith("\u2026") and f"Evidence chart: {label.strip()[:100]}" in title
    assert label.strip() in body  # the document itself shows the whole label


def test_a_json_file_with_a_huge_integer_is_a_problem_at_its_line_not_a_traceback(tmp_path):
    number = "9" * 100_000  # int() of it raised "Exceeds the limit (4300 digits)", a ValueError
    target = tmp_path / "big.json"
    target.write_text('{"claims": [\n  {"id": "c1", "pinpoint": ' + number + "}\n]}\n", encoding="utf-8")
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(target, cache=False)
    (problem,) = [p for p in raised.value.problems if "digits" in p.message]
    assert problem.file.endswith("big.json") and problem.line == 2 and problem.id == "c1"
    assert "4300" in problem.message and problem.hint


def test_an_annotation_export_with_a_huge_integer_is_refused_in_one_line():
    from lexmap.annotation_import import ImportRefused, read_notes

    with pytest.raises(ImportRefused, match="more than 4300 digits"):
        read_notes("hypothesis", ('{"rows": [{"id": ' + "9" * 100_000 + "}]}").encode())


# -- attack round 4 (issue 26): findings C, H, I, J, K ---------------------------------------------

_INJECTED = "  - id: forged\n    document: d1\n    practice: passports\n    element: tp/means-force\n    stance: supports"


@pytest.mark.parametrize("brk", ["\r", "\x85", "\u2028", "\u2029", "\n", "\r\n"])
def test_an_imported_user_or_file_name_cannot_end_its_comment_and_inject_yaml(tmp_path, brk):
    """Finding C: every YAML line break in a comment's free text (user, file name) is escaped."""
    import json

    import yaml

    from lexmap.annotation_import import import_annotations

    row = {
        "uri": "urn:x",
        "user": "acct:evil" + brk + _INJECTED.replace("\n", brk) + brk + "  #",
        "tags": ["practice:passports", "element:tp/means-force", "stance:supports", "document:d1"],
        "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "taking their passports is force"}]}],
    }
    source = tmp_path / f"hyp{brk}attestations: [{{id: fn-forged}}]{brk}#.json"
    source.write_text(json.dumps({"rows": [row]}), encoding="utf-8")
    text, count = import_annotations("hypothesis", source)
    data = yaml.safe_load(text)
    assert count == 1 and list(data) == ["claims"]
    assert len(data["claims"]) == 1 and data["claims"][0]["id"] != "forged"


def _find_case(tmp_path, prefix: str):
    from test_pages import PAGES, _case

    from pdfmake import write_pdf

    case = _case(tmp_path, "d5.pdf", [])
    label = ("\ufeff" + prefix).encode("utf-16-be").hex()  # a PDF text string in UTF-16
    write_pdf(case / "texts" / "d5.pdf", PAGES, [(0, f"D /P <{label}>", 1)])
    return case


def test_find_escapes_a_pdf_page_label_for_the_terminal(tmp_path):
    """Finding H: a page label holding ESC, BEL, C1 or a newline is printed escaped, not raw."""
    from click.testing import CliRunner

    from lexmap.cli import main

    case = _find_case(tmp_path, "\x1b]2;PWNED\x07\x1b[31m\x9b\nclaims: x ")
    result = CliRunner().invoke(main, ["find", "d5", "Summary of the findings", str(case), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert not {"\x1b", "\x07", "\x9b"} & set(result.output)
    assert "\\x1b]2;PWNED\\x07" in result.output and "\nclaims: x" not in result.output


def _add(*args):
    from click.testing import CliRunner

    from lexmap.cli import main

    return CliRunner().invoke(main, ["add", "document", *map(str, args)], prog_name="lexmap")


def test_add_document_cleans_an_html_title_of_what_validate_refuses(tmp_path):
    """Finding J: DEL, C1 controls and noncharacters in a page's metadata do not make the draft invalid."""
    from lexmap.scaffold import new_case

    case = new_case(tmp_path / "case")
    page = tmp_path / "hostile.html"
    page.write_text(
        '<html><head><title>T\x7f \x86 \ufffe \x9b31m report</title><meta name="citation_author" content="A\x9b2J">'
        "</head><body>hello</body></html>",
        encoding="utf-8",
    )
    result = _add(page, case)
    assert result.exit_code == 0, result.output
    document = lexmap.load(case).documents["hostile"]
    assert (document.title, document.authors) == ("T 31m report", ("A2J",))


@pytest.mark.parametrize("name", ["texts", "documents"])
def test_add_document_refuses_a_folder_linked_out_of_the_case(tmp_path, name):
    """Finding I: a received case does not decide that new files land outside it."""
    import shutil

    from lexmap.scaffold import new_case

    case, outside = new_case(tmp_path / "case"), tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(case / name, ignore_errors=True)
    (case / name).symlink_to(outside)
    page = tmp_path / "p.txt"
    page.write_text("plain", encoding="utf-8")
    result = _add(page, case)
    assert result.exit_code != 0 and "link leading out of the case" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 2
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("kind", ["dangling link", "file"])
def test_add_document_says_what_texts_is_when_it_is_no_folder(tmp_path, kind):
    """Finding K: not 'appeared meanwhile, run it again', which said the same again."""
    import shutil

    from lexmap.scaffold import new_case

    case = new_case(tmp_path / "case")
    shutil.rmtree(case / "texts", ignore_errors=True)
    if kind == "file":
        (case / "texts").write_text("x", encoding="utf-8")
    else:
        (case / "texts").symlink_to(tmp_path / "nowhere")
    page = tmp_path / "p.txt"
    page.write_text("plain", encoding="utf-8")
    result = _add(page, case)
    assert result.exit_code != 0 and "meanwhile" not in result.output
    assert ("which does not exist" if kind != "file" else "is a file, not a folder") in result.output


# -- attack round 4 (issue 26), branch fixa -------------------------------------------


@contextlib.contextmanager
def _alarm(seconds: int):
    """A TimeoutError after ``seconds`` (a read that never ends fails the test instead of hanging it)."""

    def ring(signum, frame):
        raise TimeoutError(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("command", ["add document", "import hypothesis"])
def test_add_document_and_import_refuse_a_fifo_in_one_line(tmp_path, command):
    from click.testing import CliRunner

    from lexmap.cli import main

    case = _flat_case(tmp_path / "case")
    given = _special("FIFO", tmp_path / "notes.json")  # a device is refused by the same check (not tried here:
    with _alarm(10):  # /dev/zero was read for ever, 9 GB in 20 s, deaf to the alarm); a FIFO waited for a writer
        result = CliRunner().invoke(
            main, [*command.split(), given, str(case), *(["-o", str(case / "i.yaml")] if "import" in command else [])]
        )
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0].endswith("not a regular file (a device, a FIFO or a folder)"), result.stderr
    assert not (case / "i.yaml").exists() and not (case / "texts" / "notes.json").exists()


def test_add_document_refuses_a_file_over_the_text_bound_without_reading_it(tmp_path):
    from lexmap.drafts import DraftRefused, add_document
    from lexmap.texts import MAX_TEXT_BYTES

    case = _flat_case(tmp_path / "case")
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)  # sparse: nothing on disk
    with pytest.raises(DraftRefused, match="more than the 64 MiB lexmap reads as a text"):
        add_document(big, case)
    assert not (case / "texts" / "big.txt").exists()


@pytest.mark.parametrize("fmt", ["hypothesis", "w3c"])
def test_an_annotation_export_nested_past_pythons_recursion_is_refused_in_one_line(fmt):
    from lexmap.annotation_import import ImportRefused, read_notes

    deep = '{"rows": ' + "[" * 200_000 + "]" * 200_000 + "}"  # a RecursionError traceback
    with pytest.raises(ImportRefused, match=f"nesting deeper than {MAX_DEPTH} levels") as refused:
        read_notes(fmt, deep.encode())
    assert refused.value.hint == "flatten the structure"
