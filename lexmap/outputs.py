"""Outputs lexmap owns: never replace what lexmap did not write, never half write, honour the umask.

Analysts publish these files, so a destroyed notes folder or a corpus emptied by a build is worse
than a crash. Every folder lexmap builds carries a marker file (``OWNED_FOLDER_MARKER``) saying
what kind of output it is (a site, a Parquet export, a SPARQL store) and listing every file lexmap
wrote there with its SHA-256, signed with this user's key (:mod:`lexmap.owned_folders`). Only an
empty folder, or one whose marker is valid and verifies, of the same kind,
and accounts for every file the folder holds (unchanged), is ever replaced: a site copied into a
web root beside other files, a marker copied or forged into a documents folder, a folder of
another kind, are refused with the file that is not lexmap's and the fix (lexmap refuses rather
than keeps them: a rebuilt folder holds exactly what the build made). Nothing is written at,
inside or around what a build reads. Files are written through a temporary file and an atomic rename; folders are built beside
their target under unique names and swapped in, so interrupted or concurrent builds leave a whole
output behind.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import secrets
import shutil
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from .filekind import kind_of_file
from .owned_folders import (  # noqa: F401 - re-exported
    KINDS,
    OWNED_FOLDER_MARKER,
    changeable_by_others,
    folder_contents,
    is_owned,
    owned_marker,
    ownership,
    sign_marker,
)

_STAGING, _OLD = "lexmap-staging", "lexmap-old"
_STAGING_SENTINEL = ".lexmap-staging"
"""Put in every staging folder when it is made, removed before the output is marked: a folder
holding it is a build's leftover, not a user's folder that happens to be named like one."""
_UMASK_LOCK = threading.Lock()


class OutputError(Exception):
    """An output that lexmap refuses to write (or cannot), with what to do about it."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


# -- permissions ------------------------------------------------------------------


def umask() -> int:
    """The process's umask (read by setting it and restoring it at once)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode the umask gives a new file (0644 under umask 022)."""
    return 0o666 & ~umask()


def folder_mode() -> int:
    """The mode the umask gives a new folder (0755 under umask 022)."""
    return 0o777 & ~umask()


# -- what a build reads -------------------------------------------------------------


def corpus_inputs(corpus: str | os.PathLike | None) -> list[Path]:
    """The paths a load of ``corpus`` reads (default: the bundled case): a data file, or the
    data folders (a case folder and its law library, or ``instruments/`` and ``mappings/``),
    the manifest and the text folders. Nothing may be written inside them, and a folder holding
    any of them is refused as an output folder; a file beside them is not."""
    from .discover import layout_for

    try:
        layout, _case = layout_for(corpus, None, [])
    except FileNotFoundError:
        return [Path(corpus).resolve()] if corpus is not None else []
    if layout.single_file is not None:
        return [layout.single_file.resolve()]
    paths = [*layout.data, *([layout.manifest] if layout.manifest else []), *layout.texts]
    return [path.resolve() for path in paths]


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _absolute(path: str | os.PathLike, *, follow: bool) -> Path:
    """``path`` made absolute with its folder's symbolic links resolved; the last part is
    resolved too when ``follow`` (folders) and left as it is otherwise (files are never links)."""
    text = os.fspath(path)
    if text == "":
        raise OutputError("the output name is empty", "give a file or folder name after -o")
    absolute = Path(text).absolute()
    if follow or absolute.name in ("", ".."):
        return absolute.resolve()
    return absolute.parent.resolve() / absolute.name


def _refuse_inputs(target: Path, shown: str, inputs: Iterable[str | os.PathLike], *, folder: bool) -> None:
    """Refuse an output at or inside anything being read, or (a folder) around it."""
    for item in inputs:
        source = Path(item).resolve()
        if _inside(target, source):
            raise OutputError(
                f"{shown!r} is {'' if target == source else 'inside '}the input {str(source)!r} that this command reads",
                "write the output outside the corpus and its texts",
            )
        if folder and _inside(source, target):
            raise OutputError(
                f"{shown!r} holds the input {str(source)!r} that this command reads",
                "give a new folder beside the corpus, such as 'site'",
            )


def _refuse_special_folders(target: Path, shown: str) -> None:
    for name, special in (
        ("the current folder", Path.cwd().resolve()),
        ("your home folder", Path.home().resolve()),
        ("the root folder", Path("/").resolve()),
    ):
        if _inside(special, target):
            what = name if target == special else f"a folder holding {name}"
            raise OutputError(f"{shown!r} is {what}; lexmap never replaces it", "give a new folder, such as 'site'")


# -- folders ---------------------------------------------------------------------------


def _check_replaceable(target: Path, shown: str, force: bool, kind: str | None = None, *, settled: bool = False) -> None:
    """Refuse a target that exists and is not a folder lexmap may replace. The folder is opened
    once and checked through that handle: another build swapping the path cannot mislead it.
    A file vanishing during the check means another build is removing the folder: fine before
    the build (the swap checks again), a refusal once ``settled`` (moved aside under our name)."""
    try:
        handle = os.open(target, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return  # nothing there (another build may just have moved it aside)
    except OSError as error:
        if error.errno in (errno.ENOTDIR, errno.ELOOP):
            raise OutputError(f"{shown!r} exists and is not a folder", "give a new folder name") from error
        raise _write_error(shown, target.parent, error) from error
    try:
        if force or not os.listdir(handle):
            return
        try:
            why = ownership(handle, kind)
        except FileNotFoundError:
            if not settled:
                return
            why = ("changed while lexmap checked it", "run one build at a time")
    finally:
        os.close(handle)
    if why is not None:
        raise OutputError(f"{shown!r} {why[0]}", why[1])


def check_folder_output(
    path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = (), *, force: bool = False, kind: str | None = None
) -> Path:
    """The absolute folder ``path`` names, if lexmap may build into it; else :class:`OutputError`.

    Never (not even with ``force``): an input or anything inside one, a folder holding an input,
    the current, home or root folder, a folder another user can change (:func:`changeable_by_others`). Without ``force``: a non-empty folder that is not lexmap's
    output of ``kind`` holding only what lexmap wrote (see :func:`is_owned`).
    """
    shown = os.fspath(path)
    if shown and os.path.islink(shown):
        raise OutputError(
            f"{shown!r} is a symbolic link; lexmap does not build through links",
            f"give the folder itself: {os.path.realpath(shown)!r}",
        )
    target = _absolute(path, follow=True)
    _refuse_special_folders(target, shown)
    _refuse_inputs(target, shown, inputs, folder=True)
    if not target.parent.is_dir():
        raise OutputError(
            f"the folder {str(Path(shown).parent)!r} that should hold {shown!r} does not exist",
            "create it first, or give another output folder",
        )
    if why := changeable_by_others(target if target.is_dir() else target.parent, itself=target.is_dir()):
        hint = "build into a folder only you can write, then copy the output into place"  # else: swapped staging, planted links
        raise OutputError(f"not building {shown!r}: {why}, so another user could swap lexmap's files during the build", hint)
    _check_replaceable(target, shown, force, kind)
    return target


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another build in this process (a thread) may still use it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _clean_stale(target: Path) -> None:
    """Remove staging and old folders of ``target`` left by killed builds: named as lexmap names
    them, their process gone, owned by this user, and either holding the sentinel lexmap puts in
    every staging folder, or empty, or lexmap's output with every file it lists unchanged (a name
    alone proves nothing: anyone can name a folder so). Leave everything else alone."""
    pattern = re.compile(re.escape(f".{target.name}.") + f"(?:{_STAGING}|{_OLD})-([0-9]+)-[0-9a-f]+")
    with contextlib.suppress(OSError):
        for entry in target.parent.iterdir():
            match = pattern.fullmatch(entry.name)
            if not match or entry.is_symlink() or not entry.is_dir() or _alive(int(match[1])):
                continue
            ours = (entry / _STAGING_SENTINEL).is_file() or not any(entry.iterdir()) or is_owned(entry)
            if entry.lstat().st_uid == os.getuid() and ours:
                shutil.rmtree(entry, ignore_errors=True)


def _aside(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}")


def write_marker(folder: Path, kind: str, extra: dict | None = None) -> None:
    """Mark ``folder`` as lexmap's output of ``kind``, listing every file in it with its SHA-256
    (the same bytes for the same files: builds stay reproducible)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of output {kind!r}")
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        files, others = folder_contents(handle)
    finally:
        os.close(handle)
    if others:
        raise OutputError(f"the build put {others[0]!r}, not a regular file, in {str(folder)!r}", "report this as a bug")
    note = {
        "written_by": "lexmap",
        "kind": kind,
        **(extra or {}),
        "note": "lexmap replaces this folder when it builds it again, if it holds only the files listed here",
        "files": files,
    }
    note = sign_marker(note)  # the HMAC is what makes it proof: anyone can compute the hashes
    write_file(Path(folder) / OWNED_FOLDER_MARKER, (json.dumps(note, indent=2, sort_keys=True) + "\n").encode("utf-8"))


def _swap(staging: Path, target: Path, shown: str, force: bool, kind: str) -> None:
    """Put ``staging`` in ``target``'s place; the previous output is removed only once replaced.
    Concurrent builds each put their whole output in place: the last one wins."""
    olds = []
    try:
        for _ in range(1000):
            try:
                os.rename(staging, target)  # atomic; fails while target is a non-empty folder
                return
            except OSError as error:
                if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise
            old = _aside(target, _OLD)
            try:
                os.rename(target, old)  # first moved aside, then checked: its name is stable there
            except FileNotFoundError:
                continue  # another build moved it aside first
            try:
                _check_replaceable(old, shown, force, kind, settled=True)
            except OutputError:  # someone put a folder of theirs there during the build
                _put_back(old, target)
                raise
            olds.append(old)
        raise OutputError(f"could not put the new {shown!r} in place: other builds keep replacing it", "run one build at a time")
    finally:
        for old in olds:
            shutil.rmtree(old, ignore_errors=True)


def _put_back(old: Path, target: Path) -> None:
    """Return a folder that is not ours to its place, or at least to a name no cleanup touches."""
    try:
        os.rename(old, target)
    except OSError:
        os.rename(old, target.with_name(f".{target.name}.kept-{secrets.token_hex(4)}"))


@contextlib.contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """Hold an advisory lock on ``folder`` itself (no lock file is left behind): lexmap's builds
    into one folder check and swap their outputs one at a time."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield  # the folder is missing or unreadable: the checks that follow say so
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def replaced_folder(
    path: str | os.PathLike,
    inputs: Iterable[str | os.PathLike] = (),
    *,
    force: bool = False,
    kind: str = "site",
    marker: dict | None = None,
    private: bool = False,
) -> Iterator[Path]:
    """Yield an empty staging folder beside the folder ``path``; when the block succeeds, the
    staging folder (marked as lexmap's output of ``kind``, with ``marker``'s fields) replaces
    ``path``, with the umask's mode (``private``, a cache: 0700 whatever the umask). On any
    failure ``path`` is left as it was and the staging folder is removed. Refused as
    :func:`check_folder_output` says."""
    inputs = list(inputs)
    shown = os.fspath(path)
    with _exclusive(Path(os.path.abspath(path)).parent):  # never check a folder another build is swapping
        target = check_folder_output(path, inputs, force=force, kind=kind)
        _clean_stale(target)
    staging = _aside(target, _STAGING)  # unique, and recognisable as ours after a kill
    try:
        os.mkdir(staging, 0o700)
    except OSError as error:
        raise _write_error(shown, target.parent, error) from error
    try:
        os.close(os.open(staging / _STAGING_SENTINEL, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        yield staging  # 0700 until it is whole: nobody else enters it while it is built
        os.unlink(staging / _STAGING_SENTINEL)
        os.chmod(staging, 0o700 if private else folder_mode())
        write_marker(staging, kind, marker)
        with _exclusive(target.parent):
            _swap(staging, target, shown, force, kind)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


# -- files ---------------------------------------------------------------------------------


def check_file_output(path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = ()) -> Path:
    """The absolute file ``path`` names, if lexmap may write it; else :class:`OutputError`.

    Refused: a path that is not a regular file (link, folder, FIFO, device), a path inside an
    input, a missing folder."""
    shown = os.fspath(path)
    target = _absolute(path, follow=False)
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise _write_error(shown, target.parent, error) from error
    if mode is not None and not stat.S_ISREG(mode):
        what = kind_of_file(mode)
        raise OutputError(
            f"{shown!r} is {what}; lexmap only replaces regular files",
            "give a new file name (leave out -o to write to standard output)",
        )
    _refuse_inputs(target, shown, inputs, folder=False)
    if not target.parent.is_dir():
        raise OutputError(
            f"the folder {str(Path(shown).parent)!r} does not exist", "create it first, or give a file in an existing folder"
        )
    return target


def _write_error(shown: str, folder: Path, error: OSError) -> OutputError:
    reason = {
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENOSPC: "no space left on the device",
    }
    because = (reason.get(error.errno) if error.errno is not None else None) or error.strerror or str(error)
    return OutputError(f"cannot write {shown!r} in {str(folder)!r}: {because}", "give an output in a folder you can write to")


def write_file(path: str | os.PathLike, data: bytes, inputs: Iterable[str | os.PathLike] = ()) -> Path:
    """Write ``data`` to the regular file ``path`` atomically: through a temporary file in the same
    folder renamed over ``path``, so readers see the old file or the whole new one. The file gets
    the mode the umask gives a new file. Refused as :func:`check_file_output` says."""
    shown = os.fspath(path)
    target = check_file_output(path, inputs)
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".lexmap-tmp")
    except OSError as error:
        raise _write_error(shown, target.parent, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), file_mode())
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
