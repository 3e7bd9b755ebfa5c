"""A folder swapped for a link after lexmap chose it is never read through (issue 26, F1).

A user who can write a case folder could, between the listing of a data (or text) folder and
the reading of its files, replace the folder, a folder inside it or the case folder itself by a
link to a folder of the person running lexmap (``~/private``): lexmap read that user's files as
the case's and showed them in problems, the site or the quote check. The folders are pinned when
the layout is made and each file is opened from there, crossing no link."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import lexmap
from lexmap import discover

CORPORA = Path(__file__).parent / "corpora"
SWAPPED = "became a link, or was replaced, while lexmap read it"


@pytest.fixture(autouse=True)
def no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LEXMAP_CACHE_DIR", str(tmp_path / "user-cache"))
    monkeypatch.delenv("LEXMAP_TEXTS", raising=False)


@pytest.fixture
def case(tmp_path):
    target = tmp_path / "case"
    shutil.copytree(CORPORA / "small", target)
    return target


def _private(folder: Path, tmp_path: Path) -> Path:
    """A copy of ``folder`` outside the case, every label and text marked SECRET: the victim's."""
    private = tmp_path / "private" / folder.name
    shutil.copytree(folder, private)
    for file in private.rglob("*"):
        if file.suffix == ".yaml":
            file.write_text(file.read_text().replace("label: ", "label: SECRET "))
        elif file.suffix == ".txt":
            file.write_text(file.read_text() + "\nSECRET\n")
    return private


def _swap_after_listing(monkeypatch, folder: Path, private: Path) -> None:
    """Once the first data folder is listed (the layout made, its folders chosen), ``folder``
    becomes a link to ``private``."""
    listed = discover.data_files

    def listed_then_swapped(*args):
        found = listed(*args)
        if not folder.is_symlink():
            folder.rename(folder.with_name(folder.name + ".away"))
            folder.symlink_to(private, target_is_directory=True)
        return found

    monkeypatch.setattr(discover, "data_files", listed_then_swapped)


def _refused(case: Path, **options) -> lexmap.CorpusError:
    with pytest.raises(lexmap.CorpusError) as refused:
        lexmap.load(case, cache=False, **options)
    assert "SECRET" not in str(refused.value)
    assert all("SECRET" not in str(problem) for problem in refused.value.problems)
    return refused.value


@pytest.mark.parametrize("swapped", ["instruments/indicators", "mappings", "."])
def test_a_data_folder_swapped_for_a_link_is_not_read(case, tmp_path, monkeypatch, swapped):
    """A subfolder of a data folder, a data folder, the case folder: each read the victim's
    YAML (its labels in the corpus) before; now every file of it is refused, and a folder not
    listed yet is not listed (its file names are the victim's too), saying why."""
    folder = (case / swapped).resolve()
    _swap_after_listing(monkeypatch, folder, _private(folder, tmp_path))
    error = _refused(case)
    said = [p.message for p in error.problems if SWAPPED in p.message]
    assert said, [p.message for p in error.problems]
    # a folder listed already: its files are refused; one not listed yet (the second data
    # folder, mappings, or the case above it): it is not listed, from the pin
    kind = "file" if swapped == "instruments/indicators" else "folder"
    assert said[0] == f"cannot read this {kind} (the folder {folder} {SWAPPED})", said[0]


@pytest.mark.parametrize("named", [False, True])
def test_a_text_folder_swapped_for_a_link_is_not_read(case, tmp_path, monkeypatch, named):
    """The case's texts/, or a folder named with --texts: the quote check was an oracle on the
    victim's texts before (its quotes checked against them)."""
    texts = case / "texts"
    if named:
        texts = texts.rename(tmp_path / "named-texts")
    _swap_after_listing(monkeypatch, texts, _private(texts, tmp_path))
    error = _refused(case, texts=[texts] if named else None)
    said = [p.message for p in error.problems if SWAPPED in p.message]
    assert said == [f"cannot read {texts / 'd1.txt'} (the folder {texts} {SWAPPED})"], [p.message for p in error.problems]


def test_a_manifest_swapped_for_a_link_after_its_check_is_not_read(tmp_path, monkeypatch):
    """Checked as the case's own file, then a link to a private manifest: its title was shown."""
    case = tmp_path / "case"
    shutil.copytree(CORPORA / "full", case)
    manifest = case / "lexmap.yaml"
    (secret := tmp_path / "private.yaml").write_text("title: SECRET\nlaw: [instruments]\n")
    leaves = discover._leaves

    def checked_then_swapped(path, root):
        outside = leaves(path, root)
        if path == manifest and not manifest.is_symlink():
            manifest.unlink()
            manifest.symlink_to(secret)
        return outside

    monkeypatch.setattr(discover, "_leaves", checked_then_swapped)
    error = _refused(case)
    said = [(p.file, p.message) for p in error.problems if p.file == "case/lexmap.yaml"]
    assert said == [("case/lexmap.yaml", "cannot read the manifest (a link to a file outside the case)")], said


def test_links_there_when_the_folders_were_chosen_are_still_followed(case, tmp_path):
    """A case reached through a link, and a data file that is a link inside its folder, read as
    before; the first line and ``info`` say where the case really is (F1c)."""
    from click.testing import CliRunner

    from lexmap.cli import main

    practices = case / "mappings" / "practices.yaml"
    (case / "mappings" / "kept").mkdir()
    practices.rename(case / "mappings" / "kept" / "practices.txt")
    practices.symlink_to(Path("kept") / "practices.txt")
    (typed := tmp_path / "mycase").symlink_to(case, target_is_directory=True)
    assert "passports" in lexmap.load(typed, cache=False).practices
    result = CliRunner().invoke(main, ["info", str(typed), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0].startswith(f"corpus: {typed} -> {case}")
    assert result.stdout.splitlines()[0] == f"corpus: {typed} -> {case}"
    plain = CliRunner().invoke(main, ["info", str(case), "--no-cache"])
    assert plain.stdout.splitlines()[0] == f"corpus: {case}" and " -> " not in plain.stderr


def _swap_once_resolved(monkeypatch, folder: Path, private: Path) -> None:
    """The first time ``folder`` is resolved (to check that it stays inside the case), it becomes
    a link to ``private`` just after: the window between a check and a pin (attack round 12, G4)."""
    import os

    realpath = os.path.realpath

    def resolved_then_swapped(path, *args, **kwargs):
        found = realpath(path, *args, **kwargs)
        if os.fspath(path) == str(folder) and not folder.is_symlink():
            folder.rename(folder.with_name(folder.name + ".away"))
            folder.symlink_to(private, target_is_directory=True)
        return found

    monkeypatch.setattr(os.path, "realpath", resolved_then_swapped)


@pytest.mark.parametrize("swapped", ["texts", "instruments"])
def test_a_folder_swapped_between_its_check_and_its_pin_is_not_read(tmp_path, monkeypatch, swapped):
    """The case's texts/ (or a law folder) was checked for leading out of the case with one
    resolution and pinned with another: swapped between the two, the victim's folder was pinned
    and read (its text's words in problems and prefixes). The pin is now what is checked; a law
    folder, read with the case folder, is refused as a link inside it, as before."""
    case = tmp_path / "case"
    shutil.copytree(CORPORA / "full", case)
    folder = case / swapped
    _swap_once_resolved(monkeypatch, folder, _private(folder, tmp_path))
    error = _refused(case)
    refusals = (SWAPPED, "a linked folder inside the corpus")  # a law folder is read with the case folder
    assert any(any(words in p.message for words in refusals) for p in error.problems), [p.message for p in error.problems]


def test_a_text_link_that_changes_while_it_is_resolved_is_a_problem_not_a_traceback(case, monkeypatch):
    """Python's realpath reads a link it found (EINVAL when it is no longer one): that race ended
    a load in an ``OSError: [Errno 22]`` traceback; it is now a problem at the document."""
    import errno
    import pathlib

    text, resolve = case / "texts" / "d1.txt", pathlib.Path.resolve

    def racing(path, *args, **kwargs):
        if path == text:
            raise OSError(errno.EINVAL, "Invalid argument", str(path))
        return resolve(path, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "resolve", racing)
    error = _refused(case)
    said = [p.message for p in error.problems]
    assert f"cannot read {text} (it changed while lexmap read it)" in said, said
