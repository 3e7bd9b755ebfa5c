"""``lexmap import hypothesis|w3c|csv FILE [CASE]``: draft statements from annotations, in a
new file of the case (docs/interchange.md#statements-from-annotations)."""

from __future__ import annotations

from pathlib import Path

import click

from ..annotation_import import ImportRefused, import_annotations
from ..drafts import write_new
from ..problems import CorpusError
from .add import case_folder
from .errors import UserError


@click.command(name="import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["hypothesis", "w3c", "csv"]))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("case", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The new YAML file (default: CASE/imported-FILE.yaml).",
)
def import_(fmt, file, case, output):
    """Draft statements from the annotations in FILE (FORMAT: hypothesis, the Hypothesis API's
    search JSON; w3c, W3C Web Annotations, as lexmap export annotations writes them; csv) into a
    NEW YAML file of CASE (default: the case of the current folder). Tags name the records:
    practice:ID, element:ID, indicator:ID, stance:supports, speaker:ID, document:ID.

    \b
    Example:
      lexmap import hypothesis annotations.json my-case
    """
    import lexmap

    root = case_folder(case)
    target = output or root / f"imported-{file.stem}.yaml"
    if target.exists() or target.is_symlink():
        raise UserError(f"{target} exists; lexmap never overwrites it", "give a new file with -o")
    try:
        corpus = lexmap.load(root)
    except CorpusError:
        corpus = None  # documents are then not found by their address: the drafts say so
        click.echo(f"lexmap: {root} does not validate; documents are matched by their document: tag only", err=True)
    try:
        text, count = import_annotations(fmt, file, corpus)
    except ImportRefused as error:
        raise UserError(f"{file}: {error.message}", error.hint) from error
    try:
        write_new(target, text.encode("utf-8"))
    except FileExistsError as error:
        raise UserError(f"{target} exists; lexmap never overwrites it", "give a new file with -o") from error
    except OSError as error:
        raise UserError(
            f"could not write {str(target)!r}: {error.strerror or error}", "check the folder's permissions"
        ) from error
    todo = text.count("# TODO")
    click.echo(f"wrote {count} draft statement(s) to {target}" + (f"; {todo} TODO line(s) to complete" if todo else ""))
    click.echo(f"then: lexmap validate {root}")
