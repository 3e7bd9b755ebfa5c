"""One error style for every ``lexmap`` command: ``lexmap: error: ...``, maybe a ``hint: ...``.

A person who mistypes an option, names a missing folder or lacks an optional extra gets one line
saying what is wrong and one saying what to do, never a traceback: exit status 2 for such usage
mistakes, 1 for problems in the corpus (listed by ``common.load_corpus``).
"""

from __future__ import annotations

import difflib
import io
import os
import re
import sys
from collections.abc import Iterable

import click

from ..extras import MissingProgram
from ..extras import missing_extra as _missing_extra
from ..filekind import NotACorpusError
from ..outputs import OutputError

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class UserError(click.ClickException):
    """A mistake the person running lexmap can fix: one line, a hint, exit status 2."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


def did_you_mean(kind: str, given: str, known: Iterable[str]) -> UserError:
    """The error for an unknown id or name, with the closest known ones from ``known``."""
    known = sorted(known)
    close = difflib.get_close_matches(given, known, n=3, cutoff=0.5)
    close += [k for k in known if given and given in k and k not in close]  # 'ilo' -> 'ilo-fl'
    if close:
        hint = "did you mean " + " or ".join(repr(k) for k in close[:3]) + "?"
    elif known:
        hint = f"known: {', '.join(known[:20])}{', ...' if len(known) > 20 else ''}"
    else:
        hint = f"this corpus has no {kind}"
    return UserError(f"unknown {kind} {given!r}", hint)


def missing_extra(error: ImportError) -> UserError | None:
    """The error for a missing optional extra (:mod:`lexmap.extras` walks the chain of causes), or None."""
    missing = _missing_extra(error)
    if missing is None:
        return None
    return UserError(f"this needs the optional extra '{missing.extra}' ({missing.module} is not installed)", missing.install)


def _one_line(text: str) -> str:
    """Newlines folded, and control characters (ESC sequences from hostile input) made visible."""
    text = " ".join(str(text).split())
    return _CONTROLS.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def report(message: str, hint: str | None, code: int) -> None:
    """Print the error in lexmap's style and exit with ``code``."""
    click.echo(f"lexmap: error: {_one_line(message)}", err=True)
    if hint:
        click.echo(f"hint: {_one_line(hint)}", err=True)
    sys.exit(code)


class StdoutError(Exception):
    """Standard output cannot take what a command writes: closed, full, or a pipe whose reader left."""


class _Stdout(io.RawIOBase):
    """File descriptor 1, where a failed write raises :class:`StdoutError`; with ``fd`` None
    (standard output was closed when lexmap started) every write does, and nothing ever goes to
    descriptor 1, which a file lexmap opens may have been given."""

    def __init__(self, fd: int | None):
        super().__init__()
        self.fd = fd

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if self.fd is None:
            raise StdoutError("standard output is closed: the output was not written")
        try:
            return os.write(self.fd, data)
        except OSError as error:
            raise StdoutError(f"could not write to standard output ({error.strerror}): the output is incomplete") from None


def guard_stdout() -> None:
    """Make a failed write to standard output an error (one line, exit 1): click silently skips
    a closed one, and a full disk ended in a traceback."""
    stream = sys.stdout
    if stream is not None and getattr(stream, "fileno", None) is not None:
        try:
            if stream.fileno() != 1:
                return
        except (OSError, ValueError, io.UnsupportedOperation):
            return
    tty = stream is not None and stream.isatty()
    encoding = getattr(stream, "encoding", None) or "utf-8"
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_Stdout(None if stream is None else 1)),
        encoding=encoding,
        errors=getattr(stream, "errors", None) or "strict",
        line_buffering=tty,
    )


def _drop_stdout() -> None:
    """What is left in standard output's buffer is dropped, so that the exit does not write it."""
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(os.devnull, "w")), encoding="utf-8")


class LexmapGroup(click.Group):
    """The ``lexmap`` group: click's own errors (unknown option, bad choice...) and ours end in
    :func:`report`."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
            if sys.stdout is not None:
                sys.stdout.flush()
        except StdoutError as error:
            _drop_stdout()
            report(str(error), "write to a file with -o FILE, or check the disk", 1)
        except UserError as error:
            report(error.format_message(), error.hint, error.exit_code)
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx else "lexmap"
            report(error.format_message(), f"see '{command} --help'", 2)
        except click.ClickException as error:  # mkdocs' errors are ClickExceptions too
            report(error.format_message(), None, error.exit_code)
        except click.Abort:
            report("interrupted", None, 1)
        except OutputError as error:
            report(error.message, error.hint, 2)
        except MissingProgram as error:  # LibreOffice for a PDF: one line and how to install it
            report(error.what, error.install, 2)
        except NotACorpusError as error:  # a FIFO or /dev/zero as PATH: reading it would wait for ever
            report(str(error), "give a case folder, or a YAML or JSON data file", 2)
        except ImportError as error:
            extra_error = missing_extra(error)
            if extra_error is None:
                raise
            report(extra_error.format_message(), extra_error.hint, 2)
        sys.exit(code if isinstance(code, int) else 0)
