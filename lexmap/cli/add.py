"""``lexmap add document FILE [CASE]``: a draft document record and a copy of its text, in new
files of the case (docs/interchange.md#adding-a-document); nothing is ever overwritten."""

from __future__ import annotations

from pathlib import Path

import click

from ..discover import MANIFEST, find_case
from ..drafts import DraftRefused, add_document, slug
from ..model import DocumentKind
from .errors import LexmapGroup, UserError

KIND_CHOICES = DocumentKind.__args__  # type: ignore[attr-defined]


def case_folder(case: Path | None) -> Path:
    """The case to write into: CASE, else the nearest case upwards; a folder with a manifest."""
    found = case if case is not None else find_case(say=lambda line: click.echo(line, err=True))
    if found is None or not (found / MANIFEST).is_file():
        raise UserError(
            f"no case to add to{f' in {str(case)!r}' if case else ' here'} (a folder with a {MANIFEST})",
            "give the case folder, or make one with lexmap init my-case",
        )
    return found


def _refuse_taken(root: Path, wanted: str) -> None:
    """An id the case already uses is refused before anything is written (when the case loads)."""
    import lexmap

    try:
        corpus = lexmap.load(root)
    except lexmap.CorpusError:
        return  # validate will say what is wrong with the case, and name a duplicate id too
    if wanted in corpus.documents or any(wanted in getattr(corpus, name) for name in ("actors", "practices", "claims")):
        free = next(f"{wanted}-{n}" for n in range(2, 10**6) if f"{wanted}-{n}" not in corpus.documents)
        raise UserError(f"the case already has a record {wanted!r}", f"give another id, e.g. --id {free}")


@click.group(cls=LexmapGroup)
def add() -> None:
    """Add a draft record to a case, in a new file."""


@add.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("case", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--id", "document_id", help="The document's id (default: from the file name).")
@click.option("--kind", type=click.Choice(KIND_CHOICES), help="The document's kind (default: other, to complete).")
def document(file, case, document_id, kind):
    """Draft a record for the document FILE (a text, PDF, HTML page or DOCX) in a new YAML file of
    CASE (default: the case of the current folder), with its title, authors and date from the
    file's metadata where present, its SHA-256 and today as `retrieved`, and copy FILE into the
    case's texts/. Refuses, changing nothing, when either target exists.

    \b
    Example:
      lexmap add document ~/Downloads/report.pdf my-case --kind report
    """
    root = case_folder(case)
    _refuse_taken(root, document_id or slug(file.stem))
    try:
        draft = add_document(file, root, document_id=document_id, kind=kind)
    except DraftRefused as error:
        raise UserError(error.message, error.hint) from error
    except FileExistsError as error:
        raise UserError(f"{error.filename or 'a target'} appeared meanwhile; nothing was overwritten", "run it again") from error
    except OSError as error:
        raise UserError(
            f"could not write into {str(root)!r}: {error.strerror or error}", "check the folder's permissions"
        ) from error
    click.echo(f"wrote {draft.record} (document {draft.id})")
    click.echo(f"{'copied the text to' if draft.text_copied else 'the same text is already at'} {draft.text}")
    click.echo("to complete: " + "; ".join(draft.to_complete))
    click.echo(f"then: lexmap validate {root}")
