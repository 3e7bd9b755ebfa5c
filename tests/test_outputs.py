"""lexmap replaces only what it wrote: owned site folders, refused inputs, umask modes, and
builds that survive kills and each other (lexmap/outputs.py)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from lexmap.cli import main
from lexmap.outputs import OWNED_FOLDER_MARKER, OutputError, is_owned, replaced_folder, write_file, write_marker

from conftest import CORPORA

SMALL = CORPORA / "small"


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(tmp_path_factory, monkeypatch):
    """Run in a scratch folder: on code that destroys its output (``-o ''`` once meant the
    current folder), only the scratch folder is lost."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="lexmap")


def tree(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


@pytest.fixture
def corpus_copy(tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(SMALL, corpus)
    (corpus / "README.md").write_text("my notes")
    return corpus


# -- the site folder --------------------------------------------------------------


def test_site_build_refuses_a_folder_holding_user_files(tmp_path):
    report = tmp_path / "myreport"
    (report / "figures").mkdir(parents=True)
    (report / "notes.docx").write_bytes(b"weeks of work")
    before = tree(report)
    result = run("site", "build", SMALL, "-o", report)
    assert result.exit_code == 2
    assert "not written by lexmap" in result.stderr and "hint: " in result.stderr
    assert tree(report) == before


def test_site_build_rebuilds_its_own_output_and_an_empty_folder(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    assert run("site", "build", SMALL, "-o", site).exit_code == 0
    assert is_owned(site) and json.loads((site / OWNED_FOLDER_MARKER).read_text())["written_by"] == "lexmap"
    (site / "index.html").unlink()  # a file lexmap wrote, gone: still its folder
    result = run("site", "build", SMALL, "-o", site)
    assert result.exit_code == 0, result.output
    assert (site / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_force_replaces_an_ordinary_folder(tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "old.txt").write_text("x")
    result = run("site", "build", SMALL, "-o", other, "--force")
    assert result.exit_code == 0, result.output
    assert not (other / "old.txt").exists() and is_owned(other)


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
@pytest.mark.parametrize("where", [".", "c", "c/mappings", "c/instruments/sub", "docs", ".."])
def test_site_build_never_replaces_the_corpus_its_docs_or_the_current_folder(where, force, corpus_copy, monkeypatch):
    docs = corpus_copy.parent / "docs"
    docs.mkdir()
    (docs / "guide.md").write_text("# Guide")
    (corpus_copy / OWNED_FOLDER_MARKER).write_text(json.dumps({"written_by": "lexmap"}))  # not even if it looks ours
    monkeypatch.chdir(corpus_copy)
    before = tree(corpus_copy.parent)
    target = {".": ".", "..": "..", "docs": docs}.get(where, corpus_copy.parent / where)
    result = run("site", "build", corpus_copy, "--docs", docs, "-o", target, *force)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("lexmap: error: ") and "Traceback" not in result.output
    assert tree(corpus_copy.parent) == before


def test_site_build_refuses_the_home_and_root_folders(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    for target in (tmp_path, "/"):
        result = run("site", "build", SMALL, "-o", target, "--force")
        assert result.exit_code == 2 and "lexmap never replaces it" in result.stderr


def test_a_site_beside_the_corpus_data_is_allowed(corpus_copy):
    result = run("site", "build", corpus_copy, "-o", corpus_copy / "site")
    assert result.exit_code == 0, result.output
    assert run("validate", corpus_copy).exit_code == 0


def test_library_build_refuses_too(corpus_copy):
    from lexmap.site.build import build_site

    with pytest.raises(OutputError, match="holds the input"):
        build_site(corpus_copy, corpus_copy, force=True)


# -- killed and concurrent builds ---------------------------------------------------------


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_leftovers_of_killed_builds_do_not_break_later_builds(tmp_path):
    site = tmp_path / "site"
    legacy = tmp_path / ".site.old"  # what lexmap before 0.2 left; not provably ours: kept
    (legacy / "x").mkdir(parents=True)
    dead = _dead_pid()
    stale = [tmp_path / f".site.lexmap-staging-{dead}-0badc0de", tmp_path / f".site.lexmap-old-{dead}-0badc0de"]
    live = tmp_path / f".site.lexmap-staging-{os.getppid()}-0badc0de"  # a build still running
    named_alike = tmp_path / f".site.lexmap-old-{dead}-0000abcd"  # a user's folder with a leftover's name
    for folder in (*stale, live, named_alike):
        (folder / "assets").mkdir(parents=True)
    for folder in (stale[0], live):
        (folder / ".lexmap-staging").write_text("")  # what every staging folder holds until it is marked
    (stale[1] / "assets" / "a.css").write_text("old")
    write_marker(stale[1], "site")  # an old output moved aside: marked, every file listed
    (named_alike / "assets" / "mine.txt").write_text("not lexmap's")
    with replaced_folder(site) as staging:
        (staging / "index.html").write_text("new")
    assert (site / "index.html").read_text() == "new"
    assert not (site / ".lexmap-staging").exists()
    assert not any(p.exists() for p in stale)
    assert legacy.exists() and live.exists()
    assert (named_alike / "assets" / "mine.txt").read_text() == "not lexmap's"  # a name alone proves nothing


def test_a_failed_build_leaves_no_staging_folder(tmp_path):
    with pytest.raises(RuntimeError), replaced_folder(tmp_path / "site") as staging:
        (staging / "half.html").write_text("half")
        raise RuntimeError("mkdocs failed")
    assert list(tmp_path.iterdir()) == []


def test_concurrent_builds_all_succeed_and_the_last_one_wins(tmp_path):
    site = tmp_path / "site"
    errors = []

    def build(worker):
        try:
            for round_ in range(15):
                with replaced_folder(site) as staging:
                    for page in range(5):
                        (staging / f"{page}.html").write_text(f"{worker}-{round_}")
        except BaseException as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=build, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    contents = {p.read_text() for p in site.glob("*.html")}
    assert len(contents) == 1 and len(list(site.glob("*.html"))) == 5  # one whole build
    assert is_owned(site)


def test_two_concurrent_cli_builds_succeed(tmp_path):
    command = [sys.executable, "-m", "lexmap", "site", "build", str(SMALL), "-o", "site"]
    processes = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (tmp_path / "site" / "index.html").is_file()


# -- modes -------------------------------------------------------------------------------


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_outputs_get_the_modes_the_umask_gives(tmp_path, umask_022):
    assert run("matrix", SMALL, "-o", tmp_path / "m.csv").exit_code == 0
    assert run("matrix", SMALL, "-o", tmp_path / "m.xlsx").exit_code == 0
    assert run("export", "json", SMALL, "-o", tmp_path / "c.json").exit_code == 0
    assert run("site", "build", SMALL, "-o", tmp_path / "site").exit_code == 0
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    folders = [tmp_path / "site", *(p for p in (tmp_path / "site").rglob("*") if p.is_dir())]
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {"0o644"}
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in folders} == {"0o755"}


def test_write_file_follows_a_stricter_umask(tmp_path):
    old = os.umask(0o077)
    try:
        write_file(tmp_path / "private.csv", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "private.csv").stat().st_mode) == 0o600


def test_write_file_replaces_a_regular_file_atomically(tmp_path):
    target = tmp_path / "m.csv"
    target.write_text("old")
    write_file(target, b"new")
    assert target.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["m.csv"]


@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder"])
def test_write_file_never_replaces_what_is_not_a_regular_file(kind, tmp_path):
    target = tmp_path / "out"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        (tmp_path / "real").write_text("keep")
        target.symlink_to(tmp_path / "real")
    else:
        target.mkdir()
    mode = target.lstat().st_mode
    with pytest.raises(OutputError, match="only replaces regular files"):
        write_file(target, b"x")
    assert target.lstat().st_mode == mode
