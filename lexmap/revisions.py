"""A case as it was at a git revision: the case folder's tree at that commit (its law folders and
texts lie inside it), streamed from ``git archive COMMIT -- CASE`` into a private temporary folder
(mode 0700) that is removed afterwards. The rest of the repository is never read; the files
written are bounded in total (MAX_REVISION_BYTES), and a link that would lead out of the folder
refuses the revision in one line."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

MAX_REVISION_BYTES = 1024**3  # the case's files at one revision, in total; written to disk, never held in memory


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
def checkout(top: Path, revision: str, inside: Path = Path("."), shown: str | None = None) -> Iterator[Path]:
    """The tree of the folder ``inside`` (relative to ``top``) at ``revision`` (named ``shown``
    in messages) in a private temporary folder, removed on leaving."""
    commit = commit_of(top, revision)
    revision = shown or revision
    if shutil.which("git") is None:
        raise RevisionError("git is not installed: revisions cannot be read", "install git, or give two case folders")
    path = PurePosixPath(inside.as_posix()).as_posix()
    command = ["git", "-C", str(top), "archive", "--format=tar", commit, "--", f":(literal){path}" if path != "." else "."]
    with tempfile.TemporaryDirectory(prefix="lexmap-rev-") as tmp, tempfile.TemporaryFile() as errors:
        os.chmod(tmp, 0o700)
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors) as git:
            try:
                _extract(git.stdout, Path(tmp), revision)
            except tarfile.TarError as error:  # an empty or cut stream: git failed, and says why
                git.wait()
                errors.seek(0)
                said = errors.read(2000).decode("utf-8", "replace").strip() or str(error)
                if "did not match any files" in said:
                    raise RevisionError(
                        f"the case folder {path!r} does not exist at {revision!r}",
                        "give a later revision (git log --oneline -- CASE)",
                    ) from None
                raise RevisionError(
                    f"git archive could not read {revision!r}: {said}", "check the revision with git show"
                ) from None
            finally:
                git.kill()  # at once when refused midway; once the archive's end is read, nothing is lost
        yield Path(tmp)


def _extract(stream, tmp: Path, revision: str) -> None:
    """Write the tar ``stream`` into ``tmp`` member by member, counting bytes before writing."""
    total = 0
    try:
        with tarfile.open(fileobj=stream, mode="r|") as tar:
            for member in tar:
                total += member.size
                if total > MAX_REVISION_BYTES:
                    raise RevisionError(
                        f"the case at {revision!r} holds more than {MAX_REVISION_BYTES:,} bytes "
                        f"(at {member.name!r}, {member.size:,} bytes); not read",
                        "check the revision out yourself (git worktree add) and give two case folders",
                    )
                tar.extract(member, tmp, filter="data")  # no path out of the folder, no device, no set-uid bit
    except tarfile.FilterError as error:
        member = error.tarinfo
        what = (
            f"a link to {member.linkname!r} that is absolute or leads out"
            if member.linkname
            else "an entry lexmap does not write"
        )
        raise RevisionError(
            f"the case at {revision!r} holds {member.name!r}, {what}; the revision is not read",
            "remove the link in a new commit, or check the revision out yourself and give two case folders",
        ) from None
