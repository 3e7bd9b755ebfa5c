"""``lexmap diff OLD NEW``: what changed between two versions of a case, at the level of the
argument (docs/cli.md#diff); and the "Changes since REV" page of ``lexmap site build --since``."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ..corpus import Corpus
from ..diff import diff as semantic_diff
from ..diff_report import FORMATS, format_of, render, to_markdown
from ..discover import bundled_case, find_case
from ..independence import MODES
from ..loading import load
from ..outputs import check_file_output, corpus_inputs, write_file
from ..problems import CorpusError
from ..profiles import ProfileError
from ..revisions import RevisionError, checkout, commit_of, repository
from .common import output_option, profile_option, to_stdout
from .errors import UserError

NO_CHANGE, CHANGED, TROUBLE = 0, 1, 2


def _case_in_repository(given: str, case: Path | None) -> Path:
    found = case or find_case(say=lambda line: click.echo(line, err=True))
    if found is None:
        raise UserError(
            f"{given!r} is not a folder, and no case was found in the current folder or above to read it as a git revision of",
            "give two case folders, or run lexmap diff inside the case's repository (or name the case with --case FOLDER)",
        )
    return found


@contextlib.contextmanager
def version(
    given: str, case: Path | None, *, cache: bool = True, revision: bool = False, profile: str = "full"
) -> Iterator[tuple[Corpus, str]]:
    """The corpus ``given`` names (a case folder or data file, else, or with ``revision``, a git
    revision of the repository holding the case) and its label, the edition ``profile`` shows; a
    revision's tree is removed on leaving."""
    if not revision and Path(given).exists():
        yield _load(Path(given), given, cache=cache, profile=profile), given
        return
    try:
        top, inside = repository(_case_in_repository(given, case))
        commit = commit_of(top, given)
        with checkout(top, commit, inside, shown=given) as tree:
            label = f"{given} ({commit[:12]})"
            yield _load(tree / inside, label, cache=False, profile=profile), label
    except RevisionError as error:
        raise UserError(error.message, error.hint) from error


def _load(path: Path, label: str, *, cache: bool, profile: str = "full"):
    try:
        return load(path, cache=cache, profile=profile)
    except ProfileError as error:
        raise UserError(f"{label}: {error}", "give the case's folder, not an export of an edition") from error
    except CorpusError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        count = len(error.problems)
        click.echo(
            f"lexmap: error: {label}: {count} problem{'s' if count != 1 else ''} found; the versions were not compared", err=True
        )
        sys.exit(TROUBLE)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    help="text, markdown, html or json (default: from -o's extension, else text).",
)
@output_option
@click.option(
    "--case",
    type=click.Path(exists=True, path_type=Path),
    help="With revisions: the case folder inside the repository (default: found from the current folder).",
)
@click.option(
    "--independence", type=click.Choice(MODES), default="speaker", show_default=True, help="What makes two sources dependent."
)
@profile_option
def diff(old, new, fmt, output, case, independence, profile):
    """What changed from OLD to NEW: two case folders, or two git revisions of the repository
    holding the case (read into a private temporary folder, removed afterwards).

    Statements added, removed and changed (with their fields, old -> new); every (practice,
    element) whose level, contested mark or count of independent sources changed, with the
    statements that caused it; matrix cells; gaps opened and closed; law and ratification
    changes that touch the case. Exit status: 0 no change, 1 changes, 2 trouble (like diff).

    \b
    Example:
      lexmap diff old-case/ new-case/
      lexmap diff v1.0 HEAD -o changes.html
    """
    fmt = format_of(output, fmt)
    if fmt is None:
        raise UserError(f"cannot tell the format of {output!r} from its extension", "give --format text, markdown, html or json")
    inputs = [*(corpus_inputs(Path(p)) for p in (old, new) if Path(p).exists())]
    protected = [p for group in inputs for p in group]
    if not to_stdout(output):
        check_file_output(output, protected)
    with (
        version(old, case, profile=profile) as (before, old_label),
        version(new, case, profile=profile) as (after, new_label),
    ):
        found = semantic_diff(before, after, old_label=old_label, new_label=new_label, independence=independence)
    data = render(found, fmt)
    if to_stdout(output):
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_file(output, data, protected)
        click.echo(f"wrote {output} ({fmt}, {len(data)} bytes)", err=True)
    sys.exit(CHANGED if found.changed else NO_CHANGE)


since_option = click.option(
    "--since",
    metavar="REV",
    help="Add a 'Changes since REV' page (linked from the home page): the diff from the case at git revision REV.",
)


def changes_since(path: Path | None, revision: str | None, corpus: Corpus) -> tuple[str, str] | None:
    """``--since``'s page: the label of ``revision`` and the Markdown of "Changes since REV", the
    case at ``path`` (the loaded ``corpus``) against itself at ``revision`` of its repository, read
    under the edition's profile: the page shows no more than the edition does."""
    if revision is None:
        return None
    profile = corpus.case.profile if corpus.case is not None and corpus.case.profile else "full"
    with version(revision, path or find_case() or bundled_case(), revision=True, profile=profile) as (before, label):
        found = semantic_diff(before, corpus, old_label=label, new_label="this edition")
    return revision, to_markdown(found, title=f"Changes since {revision}")
