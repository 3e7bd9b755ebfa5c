"""``lexmap leak-check [PATH] -o FOLDER``: build every output under a profile and search it for
what the profile withholds (lexmap/leaks.py, docs/data-format.md)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from ..outputs import check_folder_output, corpus_inputs
from ..problems import CorpusError
from .common import KnownChoice, corpus_path, exit_with, texts_option
from .errors import UserError


@click.command("leak-check")
@corpus_path
@texts_option
@click.option(
    "--profile",
    type=KnownChoice(("internal", "public"), "profile"),
    default="public",
    show_default=True,
    help="The edition to check.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FOLDER",
    help="A new or empty folder to keep the outputs built in (default: a temporary folder, deleted after).",
)
def leak_check_command(path, texts, profile, output):
    """Build every output of the corpus at PATH under --profile into FOLDER (the site and its
    search index, every chart, matrix and export), read each file back and search it for every
    withheld string; compare the levels with the full build's. Exit 1 on any leak or change.

    \b
    Example:
      lexmap leak-check --profile public
    """
    from ..leaks import leak_check

    try:
        if output is None:
            with tempfile.TemporaryDirectory(prefix="lexmap-leak-check-") as folder:
                report = leak_check(path, Path(folder), profile=profile, texts=texts)
        else:
            if output.exists() and (not output.is_dir() or any(output.iterdir())):
                raise UserError(f"the folder {str(output)!r} is not empty", "give a new or empty folder, or leave out -o")
            check_folder_output(output, corpus_inputs(path) + list(texts))
            report = leak_check(path, output, profile=profile, texts=texts)
    except CorpusError as error:  # as under the profile: a CI log of leak-check is public too
        exit_with(error)
    for leak in report.leaks:
        click.echo(f"leak: {leak}", err=True)
    for change in report.level_changes:
        click.echo(f"level changed: {change}", err=True)
    click.echo(
        f"{profile}: {report.withheld} statement(s) withheld; {len(report.strings)} withheld string(s) searched "
        f"in {len(report.files)} file(s): {len(report.leaks)} leak(s), {len(report.level_changes)} level change(s)"
    )
    sys.exit(0 if report.passed else 1)
