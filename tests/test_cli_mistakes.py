"""Every ``lexmap`` command, given each class of user mistake, ends in one line and a hint.

The property: exit status 2 for a usage mistake (1 for corpus problems), ``lexmap: error: ...``
as the first line on stderr and at most one ``hint: ...`` line after it, no traceback, and
nothing written.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lexmap.cli import main

from conftest import CORPORA, error_lines

SMALL = str(CORPORA / "small")
COMMANDS = {
    "validate": ["validate"],
    "info": ["info"],
    "matrix": ["matrix"],
    "export": ["export", "json"],
    "site build": ["site", "build"],
    "site serve": ["site", "serve"],
}
FILE_COMMANDS = {"matrix": ["matrix", SMALL], "export": ["export", "json", SMALL]}
OUTPUT_COMMANDS = {**FILE_COMMANDS, "site build": ["site", "build", SMALL]}


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(tmp_path_factory, monkeypatch):
    """Run in a scratch folder: on code that destroys its output (``-o ''`` once meant the
    current folder), only the scratch folder is lost."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def run(args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="lexmap", **kwargs)


def assert_one_error(result, code=2, *fragments):
    everything = result.output + result.stderr
    assert "Traceback" not in everything
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == code, everything
    lines = error_lines(result.stderr)  # after "corpus: ...", when the corpus was read
    assert 1 <= len(lines) <= 2, lines
    assert lines[0].startswith("lexmap: error: "), lines
    assert len(lines) == 1 or lines[1].startswith("hint: "), lines
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option(command):
    assert_one_error(run([*COMMANDS[command], "--bogus"]), 2, "--bogus", f"lexmap {command.split()[0]}")


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_corpus_folder(command, tmp_path):
    assert_one_error(run([*COMMANDS[command], tmp_path / "nope"]), 2, "does not exist")


@pytest.mark.parametrize(
    "args",
    [
        ["matrix", "--rows", "x"],
        ["matrix", "--cols", "x"],
        ["matrix", "--value", "x"],
        ["matrix", "--format", "ods"],
        ["export", "ods"],
        ["export"],
        ["bogus"],
        ["site", "bogus"],
        ["site", "build", "--strict", "--docs", "/nope"],
    ],
    ids=" ".join,
)
def test_click_usage_errors(args):
    assert_one_error(run(args), 2)


@pytest.mark.parametrize("name", ["m.ods", "m.tsv", "m.txt", "matrix"])
def test_unknown_matrix_extension_is_refused_not_written_as_csv(name, tmp_path):
    result = run(["matrix", SMALL, "-o", tmp_path / name])
    assert_one_error(result, 2, ".csv, .xlsx", "--format")
    assert list(tmp_path.iterdir()) == []


def test_a_known_format_may_name_any_file(tmp_path):
    result = run(["matrix", SMALL, "--format", "csv", "-o", tmp_path / "m.txt"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m.txt").read_text().splitlines()[1].startswith("id,label,")  # after the caption line


def _hide(monkeypatch, *modules):
    for name in list(sys.modules):
        if name.split(".")[0] in modules:
            monkeypatch.setitem(sys.modules, name, None)
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.parametrize(
    ("args", "modules", "extra"),
    [
        (["matrix", SMALL, "-o", "m.xlsx"], ["xlsxwriter"], "xlsx"),  # the matrix XLSX is written by XlsxWriter
        (["export", "jsonld", SMALL], ["rdflib"], "rdf"),
        (["site", "build", SMALL, "-o", "site"], ["mkdocs", "material"], "site"),
        (["site", "serve", SMALL], ["mkdocs", "material"], "site"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_missing_extra_names_the_pip_install(args, modules, extra, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    _hide(monkeypatch, *modules)
    assert_one_error(run(args), 2, f"pip install 'lexmap[{extra}]'")
    assert list(tmp_path.iterdir()) == []


def test_turtle_needs_no_rdflib(monkeypatch):
    _hide(monkeypatch, "rdflib")
    result = run(["export", "turtle", SMALL])
    assert result.exit_code == 0, result.stderr
    assert "@prefix lm: <urn:lexmap:vocab#> ." in result.stdout


def _unwritable_folder(tmp_path) -> Path:
    if os.geteuid() == 0:
        return Path("/sys")  # root writes anywhere a mode allows; sysfs refuses new files
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o555)
    return folder


def _bad_outputs(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "elsewhere.csv")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    # Stand-ins for /dev/stdout and /dev/null: code that replaces them must only hit copies
    # (as root, lexmap 0.1 replaced the real ones with regular files).
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    if os.geteuid() == 0:
        device = tmp_path / "null"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    else:
        device = Path("/dev/null")  # not replaceable without root
    return {
        "empty name": ("", "empty"),
        "missing folder": (tmp_path / "nodir" / "m.csv", "does not exist"),
        "unwritable folder": (_unwritable_folder(tmp_path) / "m.csv", "cannot write"),
        "fifo": (fifo, "FIFO"),
        "symlink": (link, "symbolic link"),
        "folder": (folder, "folder"),
        "/dev/stdout": (stdout, "symbolic link"),
        "device": (device, "device"),
    }


@pytest.mark.parametrize("command", FILE_COMMANDS)
@pytest.mark.parametrize(
    "case", ["empty name", "missing folder", "unwritable folder", "fifo", "symlink", "folder", "/dev/stdout", "device"]
)
def test_bad_file_output_is_refused_and_left_alone(command, case, tmp_path):
    target, fragment = _bad_outputs(tmp_path)[case]
    before = {p.name: p.lstat().st_mode for p in tmp_path.iterdir()}
    assert_one_error(run([*FILE_COMMANDS[command], "-o", target]), 2, fragment)
    assert {p.name: p.lstat().st_mode for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("case", ["empty name", "missing folder", "fifo", "symlink"])
def test_bad_site_output_is_refused(case, tmp_path):
    target, _ = _bad_outputs(tmp_path)[case]
    before = {p.name: p.lstat().st_mode for p in tmp_path.iterdir()}
    assert_one_error(run([*OUTPUT_COMMANDS["site build"], "-o", target]), 2)
    assert {p.name: p.lstat().st_mode for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_output_inside_the_corpus_is_refused(command, tmp_path):
    import shutil

    corpus = tmp_path / "c"
    shutil.copytree(SMALL, corpus)
    before = sorted(p.relative_to(corpus) for p in corpus.rglob("*"))
    args = [*OUTPUT_COMMANDS[command][:-1], corpus, "-o", corpus / "mappings" / "out.json"]
    assert_one_error(run(args), 2, "inside the input")
    assert sorted(p.relative_to(corpus) for p in corpus.rglob("*")) == before


DATABASE_OUTPUTS = {
    "sqlite over a data file": (["export", "sqlite"], "mappings/claims.yaml"),
    "sqlite, its metadata over a data file": (["export", "sqlite", "-m", "{corpus}/mappings/claims.yaml"], "../out.db"),
    "parquet in the corpus": (["export", "parquet"], "mappings/tables"),
    "turtle pushed, and written over a data file": (
        ["export", "turtle", "--push", "http://127.0.0.1:9/store"],
        "mappings/claims.yaml",
    ),
}


@pytest.mark.parametrize("case", DATABASE_OUTPUTS)
def test_database_exports_never_write_into_the_corpus(case, tmp_path):
    """The database formats take their own route through ``lexmap export``: it refuses the
    corpus as an output as the others do, before writing anything (or pushing)."""
    import shutil

    corpus = tmp_path / "c"
    shutil.copytree(SMALL, corpus)
    before = {p.relative_to(corpus): p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    command, output = DATABASE_OUTPUTS[case]
    args = [a.format(corpus=corpus) for a in command] + [corpus, "-o", corpus / output]
    assert_one_error(run(args), 2, "the input")
    assert {p.relative_to(corpus): p.read_bytes() for p in corpus.rglob("*") if p.is_file()} == before
    assert not (tmp_path / "out.db").exists()


def test_unknown_framework_suggests_the_corpus_ids():
    assert_one_error(run(["matrix", "--framework", "ilo"]), 2, "unknown indicator framework 'ilo'", "did you mean 'ilo-fl'?")
    assert_one_error(run(["matrix", SMALL, "--framework", "zzz"]), 2, "known: fl")


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
@pytest.mark.parametrize("base", ["http://a b/", "no-scheme/", "http://x/<y>/", "http://x/\x1b[31m/"])
def test_bad_base_iri_is_refused(fmt, base):
    result = run(["export", fmt, SMALL, "--base", base])
    assert_one_error(result, 2, "not an absolute IRI")
    assert "\x1b" not in result.stderr


def test_xlsx_to_standard_output_is_refused():
    assert_one_error(run(["matrix", SMALL, "--format", "xlsx"]), 2, "-o")


def test_corpus_problems_exit_1_with_the_problem_list_and_no_traceback():
    result = run(["validate", CORPORA / "bad" / "self-citation"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines()[-1].endswith("found.")


def test_the_installed_command_prints_no_traceback(tmp_path):
    """The real entry point, outside CliRunner."""
    result = subprocess.run(
        [sys.executable, "-m", "lexmap", "matrix", SMALL, "-o", "m.ods"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = error_lines(result.stderr)
    assert lines[0].startswith("lexmap: error: ") and lines[1].startswith("hint: ")
