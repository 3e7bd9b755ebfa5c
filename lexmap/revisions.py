"""A case as it was at a git revision: the repository's tree at that commit, written by ``git
archive`` into a private temporary folder (mode 0700) that is removed afterwards, so that the
case, its texts and the law folders it names beside it read as they were."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path


class RevisionError(Exception):
    """A revision that cannot be read: what is wrong and what to do."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def _git(folder: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    if shutil.which("git") is None:
        raise RevisionError("git is not installed: revisions cannot be read", "install git, or give two case folders")
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=not binary, check=False)


def repository(case: Path) -> tuple[Path, Path]:
    """The top folder of the git repository holding ``case``, and ``case`` relative to it."""
    folder = case if case.is_dir() else case.parent
    found = _git(folder, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise RevisionError(
            f"{case} is not in a git repository: a revision cannot be read",
            "run lexmap diff inside the case's repository, or give two case folders",
        )
    top = Path(found.stdout.strip()).resolve()
    return top, case.resolve().relative_to(top)


def commit_of(top: Path, revision: str) -> str:
    """The full commit id ``revision`` names in the repository at ``top``."""
    if revision.startswith("-"):
        raise RevisionError(f"{revision!r} is not a revision", "give a commit, a tag or a branch, such as HEAD~1")
    found = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise RevisionError(
            f"{revision!r} is neither a folder nor a revision of the repository {top}",
            "give two case folders, or two revisions (git log --oneline lists them)",
        )
    return found.stdout.strip()


@contextlib.contextmanager
def checkout(top: Path, revision: str) -> Iterator[Path]:
    """The tree of ``revision`` in a private temporary folder, removed on leaving."""
    commit = commit_of(top, revision)
    archive = _git(top, "archive", "--format=tar", commit, binary=True)
    if archive.returncode != 0:
        raise RevisionError(
            f"git archive could not read {revision!r}: {archive.stderr.decode('utf-8', 'replace').strip()}",
            "check the revision with git show",
        )
    with tempfile.TemporaryDirectory(prefix="lexmap-rev-") as tmp:
        os.chmod(tmp, 0o700)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")  # no path out of the folder, no device, no set-uid bit
        yield Path(tmp)
