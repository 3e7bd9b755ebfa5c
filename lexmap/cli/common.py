"""What every ``lexmap`` command shares: the corpus argument, loading it, reporting problems,
writing outputs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from ..case_line import describe
from ..discover import find_case
from ..exports.formats import DEFAULT_PAPER, PAPERS, Destination, Format, OutputCase, names, unknown
from ..loading import load
from ..model import STATEMENTS
from ..outputs import check_file_output, corpus_inputs, write_file
from ..problems import CorpusError
from ..profiles import ProfileError
from .cache import cache_option
from .errors import UserError, did_you_mean


def _discover(_ctx, _param, value: Path | None) -> Path | None:
    """PATH given: that. Else the nearest folder upwards holding a case manifest. Else None:
    the bundled case."""
    return value if value is not None else find_case(say=lambda line: click.echo(line, err=True))


_path_argument = click.argument("path", required=False, type=click.Path(exists=True, path_type=Path), callback=_discover)


class KnownChoice(click.Choice):
    """A choice whose refusal says "did you mean" and lists the known values, in one line."""

    def __init__(self, choices, kind: str):
        super().__init__(tuple(choices))
        self.kind = kind

    def convert(self, value, param, ctx):
        if value in self.choices:
            return value
        self.fail(unknown(self.kind, str(value), [str(c) for c in self.choices]), param, ctx)


def format_choice(family: str) -> KnownChoice:
    """The names of the registry's ``family`` formats (:mod:`lexmap.exports.formats`)."""
    return KnownChoice(names(family), f"{family} format")


def corpus_path(command):
    """PATH, and --no-cache (lexmap/cli/cache.py)."""
    return cache_option(_path_argument(command))


texts_option = click.option(
    "--texts",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of plain-text copies of documents, to check quotes against (repeatable; added to "
    "the case's texts/ and LEXMAP_TEXTS).",
)
require_texts_option = click.option(
    "--require-texts",
    is_flag=True,
    help="Make every quote that cannot be checked against a text a problem.",
)


profile_option = click.option(
    "--profile",
    type=KnownChoice(("full", "internal", "public"), "profile"),
    default="full",
    show_default=True,
    help="What the output may show: 'public' withholds restricted and confidential documents, statements and "
    "actors (placeholders, still counted), 'internal' confidential ones only, 'full' nothing (docs/data-format.md).",
)


def paper_option(printed: str):
    """--paper, for a command whose printed formats are ``printed`` ("XLSX, DOCX")."""
    return click.option(
        "--paper",
        type=click.Choice(list(PAPERS)),
        default=DEFAULT_PAPER,
        show_default=True,
        help=f"The paper a printed format ({printed}) is laid out for.",
    )


def corpus_options(command):
    """PATH (found upwards from the current folder when not given), --texts, --require-texts."""
    return corpus_path(texts_option(require_texts_option(command)))


output_option = click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Output file, written atomically (default, or '-': standard output).",
)


def load_corpus(path, texts=(), require_texts: bool = False, profile: str = "full"):
    """Load the corpus for a command, saying first on stderr which one and which law folders
    (:func:`lexmap.case_line.describe`); on problems, list them all on stderr and exit 1.
    ``profile``: the edition the outputs show (:mod:`lexmap.profiles`), said on stderr too."""
    try:
        corpus = load(path, texts=list(texts) or None, require_texts=require_texts, profile=profile)
    except ProfileError as error:
        raise UserError(str(error), "give the case's folder, not an export of an edition") from error
    except CorpusError as error:
        for line in describe(path, list(texts)):  # first: which case and which law folders
            click.echo(line, err=True)
        exit_with(error)
    for line in describe(path, list(texts), corpus):  # before the command's output
        click.echo(line, err=True)
    if corpus.case is not None and corpus.case.profile is not None and profile != "full":
        click.echo(f"profile {profile}: {corpus.case.withheld} statement(s) withheld, shown as placeholders", err=True)
    elif profile == "full" and (marked := _not_public(corpus)):
        click.echo(
            f"profile full: {marked} restricted or confidential record(s) shown in full (--profile public withholds them)",
            err=True,
        )
    return corpus


def exit_with(error: CorpusError) -> NoReturn:
    """Every problem of ``error`` on stderr, then their number; exit 1."""
    for problem in error.problems:
        click.echo(str(problem), err=True)
    count = len(error.problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
    sys.exit(1)


def _not_public(corpus) -> int:
    """How many documents, statements and actors are not public (what ``--profile`` would withhold)."""
    kinds = (corpus.documents, corpus.actors, *(getattr(corpus, name) for name in STATEMENTS))
    return sum(1 for records in kinds for record in records.values() if record.visibility != "public")


def to_stdout(output: str | None) -> bool:
    return output is None or output == "-"


def check_output(output: str | None, path, texts=()) -> None:
    """Refuse a bad ``-o`` before the (slow) work: see :func:`lexmap.outputs.check_file_output`."""
    if output is not None and not to_stdout(output):
        check_file_output(output, [*corpus_inputs(path), *texts])


def write_output(output: str | None, data: bytes, path, texts=()) -> None:
    """``data`` to standard output, or atomically to the file ``output`` (never inside the corpus
    at ``path`` or its texts)."""
    if output is None or to_stdout(output):
        click.echo(data.decode("utf-8"), nl=False)
        return
    try:
        write_file(output, data, [*corpus_inputs(path), *texts])
    except OSError as error:
        raise UserError(
            f"could not write {output!r}: {error.strerror or error}", "check the disk and the folder's permissions"
        ) from error


def check_id(corpus, collection: str, kind: str, given: str | None) -> None:
    """Refuse an id given on the command line that the corpus lacks, suggesting close ones."""
    if given is not None and given not in getattr(corpus, collection):
        raise did_you_mean(kind, given, getattr(corpus, collection))


def write_format(fmt: Format, result, output: str | None, path, texts, case: OutputCase, **more) -> None:
    """``result`` written by the registry's writer of ``fmt`` (:mod:`lexmap.exports.formats`)
    to standard output, or to the file or folder ``output`` (never inside the corpus at ``path``
    or its texts); ``more``: the destination's other fields (sqlite's metadata file)."""
    if to_stdout(output):
        if fmt.binary:
            raise UserError(
                f"{fmt.name.upper()} is binary: it cannot go to standard output",
                f"give a file with -o, such as -o {fmt.family}{fmt.extensions[0] if fmt.extensions else ''}",
            )
        destination = Destination(sink=lambda data: click.echo(data.decode("utf-8"), nl=False))
    else:
        assert output is not None
        destination = Destination.file(output, [*corpus_inputs(path), *texts], **more)
    try:
        fmt.write(result, destination, case)
    except OSError as error:
        raise UserError(
            f"could not write {output!r}: {error.strerror or error}", "check the disk and the folder's permissions"
        ) from error
