"""A case as it was at a git revision: the case folder's tree at that commit (its law folders and
texts lie inside it), read object by object (``git ls-tree`` and ``git cat-file --batch``) into a
private temporary folder (mode 0700) that is removed afterwards. The blobs are written as they are
stored: no filter, attribute or command the repository's own config names ever runs (a case
handed over with its history carries its ``.git/config``), and git is told to read no system or
global config, to run no hook or fsmonitor and to fetch nothing. The rest of the repository is
never read; the files written are bounded in total (MAX_REVISION_BYTES), and a link that would
lead out of the folder, or a name git would never check out, refuses the revision in one line."""

from __future__ import annotations

import contextlib
import os
import posixpath
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

MAX_REVISION_BYTES = 1024**3  # the case's files at one revision, in total; written to disk, never held in memory
MAX_REVISION_ENTRIES = 100_000
"""Files and folders of the case at one revision: a tree listing one subtree ten times, five
deep, is 100,000 files from a few kB of objects (a tree bomb), each written to disk."""
_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "protocol.allow=never")
"""Overrides of the repository's own config, for every git command lexmap runs."""
_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_NO_LAZY_FETCH": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",
}


class RevisionError(Exception):
    """A revision that cannot be read: what is wrong and what to do."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def _command(folder: Path, *args: str) -> list[str]:
    if shutil.which("git") is None:
        raise RevisionError("git is not installed: revisions cannot be read", "install git, or give two case folders")
    return ["git", *_SAFE, "-C", str(folder), *args]


def _environment() -> dict[str, str]:
    return {**os.environ, **_ENV}


def _git(folder: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(_command(folder, *args), capture_output=True, text=not binary, check=False, env=_environment())


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


def _entries(top: Path, commit: str, path: str, revision: str) -> list[tuple[str, str, int, str]]:
    """(mode, object id, size, path relative to the case folder) of every file of the folder
    ``path`` at ``commit``: the tree named by path, never a pattern."""
    tree = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{commit}:{path if path != '.' else ''}")
    kind = _git(top, "cat-file", "-t", tree.stdout.strip()) if tree.returncode == 0 else None
    if kind is None or kind.stdout.strip() != "tree":
        raise RevisionError(
            f"the case folder {path!r} does not exist at {revision!r}", "give a later revision (git log --oneline -- CASE)"
        )
    listing = subprocess.Popen(
        _command(top, "ls-tree", "-r", "-t", "-z", "-l", "--full-tree", tree.stdout.strip()),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
    )
    try:
        lines = _listed(listing, revision)
    finally:
        listing.kill()
        listing.communicate()
    entries = []
    for line in lines:
        head, _tab, name = line.partition(b"\t")
        mode, _type, oid, size = head.decode("ascii").split()
        if mode != "040000":  # a folder: made as the files in it are written
            entries.append((mode, oid, 0 if size == "-" else int(size), name.decode("utf-8", "surrogateescape")))
    return entries


def _listed(listing: subprocess.Popen, revision: str) -> list[bytes]:
    """The lines ``git ls-tree -r -t -z`` prints, read as they come: stopped past
    MAX_REVISION_ENTRIES, before anything is held whole or written."""
    assert listing.stdout is not None and listing.stderr is not None
    lines: list[bytes] = []
    rest = b""
    while chunk := listing.stdout.read(1 << 16):
        *done, rest = (rest + chunk).split(b"\0")
        lines.extend(done)
        if len(lines) > MAX_REVISION_ENTRIES:
            raise RevisionError(
                f"the case at {revision!r} holds more than {MAX_REVISION_ENTRIES:,} files and folders; not read",
                "check the revision out yourself (git worktree add) and give two case folders",
            )
    if listing.wait() != 0:
        said = listing.stderr.read(2000).decode("utf-8", "replace").strip()
        raise RevisionError(f"git could not read {revision!r}: {said}", "check the revision with git show")
    return [line for line in [*lines, rest] if line]


def _refuse(revision: str, name: str, what: str) -> RevisionError:
    return RevisionError(
        f"the case at {revision!r} holds {name!r}, {what}; the revision is not read",
        "remove it in a new commit, or check the revision out yourself and give two case folders",
    )


def _open_parent(root: int, parts: list[str], shown: str, revision: str) -> int:
    """The folder holding the last of ``parts`` under the open folder ``root``, made as needed,
    every step opened without following a link (a link in the tree is never written through)."""
    fd = os.dup(root)
    try:
        for part in parts[:-1]:
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, 0o700, dir_fd=fd)
            try:
                step = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            except OSError:
                raise _refuse(revision, shown, "a path through a link or a file") from None
            os.close(fd)
            fd = step
    except BaseException:
        os.close(fd)
        raise
    return fd


def _copy(stream, size: int, handle: int) -> None:
    left = size
    while left:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            raise RevisionError("git stopped while lexmap read a revision", "check the repository with git fsck")
        os.write(handle, chunk)
        left -= len(chunk)


def _stays_inside(name: str, target: str, links: set[str]) -> bool:
    """Whether the link at ``name`` (in the case folder) to ``target`` leads to a place inside the
    folder. Its steps are taken as text, so none may pass through a link of the tree (``..`` after
    a link is the parent of where the link leads, which text cannot know: ``sub/up -> ..`` made
    ``sub/up/sub/up/../../../../etc/passwd`` look inside); a link to a link is refused so."""
    if target.startswith("/"):
        return False
    here = [part for part in posixpath.dirname(name).split("/") if part]  # real folders: _open_parent
    for part in target.split("/"):
        if part == ".." and not here:
            return False
        if part == "..":
            here.pop()
        elif part not in ("", "."):
            here.append(part)
            if "/".join(here) in links:
                return False
    return True


def _write(tmp: Path, entries: list, prefix: list[str], top: Path, revision: str) -> None:
    """Write every entry under ``tmp``/``prefix``, the blobs read raw from ``git cat-file --batch``."""
    total = 0
    for mode, _oid, size, name in entries:
        shown = "/".join([*prefix, name])
        total += size
        if total > MAX_REVISION_BYTES:
            raise RevisionError(
                f"the case at {revision!r} holds more than {MAX_REVISION_BYTES:,} bytes (at {shown!r}, {size:,} bytes); not read",
                "check the revision out yourself (git worktree add) and give two case folders",
            )
        if any(part in ("", ".", "..") for part in name.split("/")):
            raise _refuse(revision, shown, "a name git never checks out")
        if mode not in ("100644", "100755", "120000", "160000"):
            raise _refuse(revision, shown, "an entry lexmap does not write")
    links = {name for mode, _oid, _size, name in entries if mode == "120000"}
    command = _command(top, "cat-file", "--batch")
    root = os.open(tmp, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_environment()
        ) as git:
            assert git.stdin is not None and git.stdout is not None
            try:
                for mode, oid, size, name in entries:
                    parts, shown = [*prefix, *name.split("/")], "/".join([*prefix, name])
                    folder = _open_parent(root, parts, shown, revision)
                    try:
                        if mode == "160000":  # a submodule: an empty folder, as git archive writes it
                            os.mkdir(parts[-1], 0o700, dir_fd=folder)
                            continue
                        git.stdin.write(oid.encode("ascii") + b"\n")
                        git.stdin.flush()
                        header = git.stdout.readline().split()
                        if len(header) != 3 or header[1] != b"blob" or int(header[2]) != size:
                            raise RevisionError(
                                f"git could not read {shown!r} at {revision!r}", "check the repository with git fsck"
                            )
                        if mode == "120000":
                            target = git.stdout.read(size).decode("utf-8", "surrogateescape")
                            if not _stays_inside(name, target, links):
                                raise _refuse(
                                    revision, shown, f"a link to {target!r} that is absolute, leads out or through a link"
                                )
                            os.symlink(target, parts[-1], dir_fd=folder)
                        else:
                            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                            handle = os.open(parts[-1], flags, 0o600, dir_fd=folder)
                            try:
                                _copy(git.stdout, size, handle)
                            finally:
                                os.close(handle)
                        git.stdout.read(1)  # the newline after each object
                    except FileExistsError:
                        raise _refuse(revision, shown, "a path written twice") from None
                    finally:
                        os.close(folder)
            finally:
                git.kill()
    finally:
        os.close(root)


@contextlib.contextmanager
def checkout(top: Path, revision: str, inside: Path = Path("."), shown: str | None = None) -> Iterator[Path]:
    """The tree of the folder ``inside`` (relative to ``top``) at ``revision`` (named ``shown``
    in messages) in a private temporary folder, removed on leaving."""
    commit = commit_of(top, revision)
    revision = shown or revision
    path = PurePosixPath(inside.as_posix()).as_posix()
    entries = _entries(top, commit, path, revision)
    prefix = [] if path == "." else path.split("/")
    with tempfile.TemporaryDirectory(prefix="lexmap-rev-") as tmp:
        os.chmod(tmp, 0o700)
        if prefix:
            os.makedirs(Path(tmp, *prefix), 0o700, exist_ok=True)
        _write(Path(tmp), entries, prefix, top, revision)
        yield Path(tmp)
