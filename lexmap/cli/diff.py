"""``lexmap diff OLD NEW``: what changed between two versions of a case, at the level of the
argument (docs/cli.md#diff); and the "Changes since REV" page of ``lexmap site build --since``."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ..corpus import Corpus
from ..diff import Diff
from ..diff import diff as semantic_diff
from ..diff_report import FORMATS, format_of, render, to_markdown
from ..discover import bundled_case, find_case
from ..independence import MODES
from ..loader import CaseRecords, read_case
from ..loading import corpus_of
from ..outputs import check_file_output, corpus_inputs, write_file
from ..problems import CorpusError
from ..profiles import WITHHOLDS, ProfileError, apply_profiles, crossed, withhold_problems
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
) -> Iterator[tuple[CaseRecords, str]]:
    """The records of the corpus ``given`` names (a case folder or data file, else, or with
    ``revision``, a git revision of the repository holding the case) and its label; a revision's
    tree is removed on leaving. Its problems are printed as under ``profile``."""
    if not revision and Path(given).exists():
        yield _read(Path(given), given, cache=cache, profile=profile), given
        return
    try:
        top, inside = repository(_case_in_repository(given, case))
        commit = commit_of(top, given)
        with checkout(top, commit, inside, shown=given) as tree:
            label = f"{given} ({commit[:12]})"
            yield _read(tree / inside, label, cache=False, profile=profile), label
    except RevisionError as error:
        raise UserError(error.message, error.hint) from error


def compared(old: tuple[CaseRecords, str], new: tuple[CaseRecords, str], profile: str, independence: str = "speaker") -> Diff:
    """The diff of two versions (records and label) as the editions under ``profile`` show them,
    made with one set of pseudonyms (:func:`lexmap.profiles.apply_profiles`): the new version's
    are those of its edition, and a withheld record is the same one on both sides. A record
    withheld on one side and shown on the other is left out on its withheld side."""
    (before, old_label), (after, new_label) = old, new
    if not WITHHOLDS[profile]:
        return semantic_diff(
            corpus_of(before), corpus_of(after), old_label=old_label, new_label=new_label, independence=independence
        )
    try:
        editions = apply_profiles([after, before], profile)
    except ProfileError as error:
        label = old_label if before.case is not None and before.case.profile is not None else new_label
        raise UserError(f"{label}: {error}", "give the case's folder, not an export of an edition") from error
    new_edition, old_edition = editions
    return semantic_diff(
        corpus_of(old_edition.records),
        corpus_of(new_edition.records),
        old_label=old_label,
        new_label=new_label,
        independence=independence,
        withheld=frozenset(p for e in editions for p in e.pseudonyms.values()),
        crossed=crossed(editions),
    )


def _read(path: Path, label: str, *, cache: bool, texts=None, require_texts: bool = False, profile: str = "full") -> CaseRecords:
    try:
        return read_case(path, cache=cache, texts=texts, require_texts=require_texts)
    except CorpusError as error:
        for problem in withhold_problems(error, profile).problems:
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
    with version(old, case, profile=profile) as before, version(new, case, profile=profile) as after:
        found = compared(before, after, profile, independence)
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


def changes_since(
    path: Path | None, revision: str | None, corpus: Corpus, texts=(), require_texts: bool = False
) -> tuple[str, str] | None:
    """``--since``'s page: the label of ``revision`` and the Markdown of "Changes since REV", the
    case at ``path`` (the loaded ``corpus``, read with ``texts``) against itself at ``revision`` of
    its repository, read under the edition's profile: the page shows no more than the edition
    does, and names a withheld record by its pseudonym on the edition's pages (:func:`compared`)."""
    if revision is None:
        return None
    profile = corpus.case.profile if corpus.case is not None and corpus.case.profile else "full"
    folder = path or find_case() or bundled_case()
    with version(revision, folder, revision=True, profile=profile) as before:
        if profile == "full":
            found = semantic_diff(corpus_of(before[0]), corpus, old_label=before[1], new_label="this edition")
        else:  # the case read again (from the cache), its records full: the edition made with the old one's
            now = _read(
                Path(folder), "this edition", cache=True, texts=list(texts) or None, require_texts=require_texts, profile=profile
            )
            found = compared(before, (now, "this edition"), profile)
    return revision, to_markdown(found, title=f"Changes since {revision}")
