"""``lexmap init PATH``: a new case that validates at once (docs/corpus.md)."""

from __future__ import annotations

import click

from ..scaffold import InsideACase, NotPrivate, new_case
from .errors import UserError


@click.command()
@click.argument("path", type=click.Path(file_okay=False))
@click.option("--title", help="The case's title (default: from the folder's name).")
def init(path, title):
    """Write a new case into PATH (a new or empty folder): a manifest, commented examples of
    every record, a texts/ folder and a README with the next steps.

    \b
    Example:
      lexmap init my-case && lexmap validate my-case
    """
    try:
        root = new_case(path, title)
    except FileExistsError as error:
        raise UserError(str(error), "give a new folder name; lexmap never writes over your files") from error
    except InsideACase as error:
        raise UserError(str(error), "make the new case in a folder outside it") from error
    except NotPrivate as error:
        raise UserError(str(error), "give a new folder name: lexmap makes it yours") from error
    except OSError as error:
        raise UserError(f"could not create {path!r}: {error.strerror or error}", "check the folder's permissions") from error
    click.echo(f"wrote a new case in {root}; next: lexmap validate {root}  (see {root / 'README.md'})")
