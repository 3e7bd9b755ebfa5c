"""A data folder's files, listed from its pin (:mod:`lexmap.readonce`): the names of the
folder that was chosen, never of one swapped in since, with the reason each entry that is not a
data file of the case is refused."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import Problem
from .readonce import Folder, Swapped, open_pinned

DATA_SUFFIXES = (".yaml", ".yml")


def relative_name(path: Path, shown: Path) -> str:
    """``path`` relative to ``shown`` as problems name it (whole when it is not below it)."""
    try:
        return path.relative_to(shown).as_posix()
    except ValueError:
        return str(path)


def data_files(pinned: Folder, skip: tuple[Path, ...], problems: list[Problem]) -> list[Path]:
    """Every YAML file under the pinned data folder (any letter case of .yaml/.yml), sorted, named
    under its path; ``skip`` folders and files are left out. The folder is listed from its pin
    (:func:`~lexmap.readonce.open_pinned`), never through a link. Unreadable folders, dangling
    links, links leading outside the folder and special files are reported."""
    folder, found = pinned.path, []
    shown = folder.parent

    def complain(path: Path, message: str, hint: str) -> None:
        problems.append(Problem(relative_name(path, shown), None, None, None, message, hint))

    def walk_error(error: OSError) -> None:
        named = folder / (error.filename or "") if not isinstance(error, Swapped) else folder
        hint = error.hint if isinstance(error, Swapped) else "make it readable, or move it out of the corpus"
        complain(named, f"cannot read this folder ({error.strerror})", hint)

    try:
        handle = open_pinned(pinned)
    except OSError as error:
        walk_error(error)
        return []
    try:
        for dirpath, dirnames, filenames, at in os.fwalk(".", dir_fd=handle, onerror=walk_error):
            current = folder / dirpath  # "." and "./sub": pathlib drops the dot
            dirnames[:] = sorted(d for d in dirnames if current / d not in skip)
            for name in list(dirnames):
                if stat.S_ISLNK(os.stat(name, dir_fd=at, follow_symlinks=False).st_mode):
                    dirnames.remove(name)
                    complain(
                        current / name,
                        "a linked folder inside the corpus",
                        "copy the folder into the corpus instead of linking it",
                    )
            for name in sorted(filenames):
                path = current / name
                if path in skip or not name.lower().endswith(DATA_SUFFIXES):
                    continue
                if problem := _not_a_data_file(name, at, path, pinned.real):
                    complain(path, *problem)
                    continue
                found.append(path)
    finally:
        os.close(handle)
    return sorted(found)


def _not_a_data_file(name: str, at: int, path: Path, real: Path) -> tuple[str, str] | None:
    """Why the entry ``name`` of the open folder ``at`` is not read as a data file, if it is not."""
    try:
        info = os.stat(name, dir_fd=at)
    except OSError:
        return "a link to nothing", "remove the link or restore its target"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file", "data files must be plain files"
    linked = stat.S_ISLNK(os.stat(name, dir_fd=at, follow_symlinks=False).st_mode)
    if linked and not path.resolve().is_relative_to(real):
        return "a link to a file outside the corpus", "copy the file into the corpus"
    if not linked and info.st_nlink > 1:  # its other names may be outside the case
        return f"a file with {info.st_nlink - 1} other hard link(s)", "copy the file: a data file must be its own file"
    return None
