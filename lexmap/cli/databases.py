"""The parts of ``lexmap export`` that write databases rather than bytes: ``sqlite`` (with
Datasette's metadata), ``parquet`` (a folder) and ``--push`` (to a SPARQL server)."""

from __future__ import annotations

import click


def export_database(corpus, fmt: str, output, metadata, push: str | None, base: str) -> None:
    if push and fmt != "turtle":
        raise click.UsageError(f"--push sends RDF: use it with FORMAT turtle, not {fmt}")
    if metadata and fmt != "sqlite":
        raise click.UsageError(f"-m/--metadata is for the sqlite format, not {fmt}")
    if fmt == "sqlite":
        from ..exports.sqlite import write_sqlite

        if output is None:
            raise click.UsageError("sqlite needs a file name: -o corpus.db")
        if output.is_dir():
            raise click.BadParameter(f"{output} is a folder: give a file name such as corpus.db", param_hint="'-o'")
        database, meta = write_sqlite(corpus, output, metadata)
        click.echo(f"wrote {database} and {meta}; browse them with: datasette {database} -m {meta}", err=True)
        return
    if fmt == "parquet":
        from ..exports.parquet import OutputFolderError, write_parquet

        if output is None:
            raise click.UsageError("parquet needs a folder: -o FOLDER")
        try:
            files = write_parquet(corpus, output)
        except (ImportError, OutputFolderError) as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"wrote {len(files)} Parquet files to {output}", err=True)
        return
    _push(corpus, output, push, base)


def _push(corpus, output, url: str, base: str) -> None:
    from ..exports import export_bytes
    from ..exports.atomic import write_atomic
    from ..sparql import PushError, ntriples, push

    try:
        if output is not None:
            data = export_bytes(corpus, "turtle", base)
            write_atomic(output, data)
            click.echo(f"wrote {output} (turtle, {len(data)} bytes)", err=True)
        else:
            data = ntriples(corpus, base)  # N-Triples is Turtle, and much faster to write
        status = push(data, url)
    except (ImportError, PushError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"pushed {len(data)} bytes of Turtle to {url} (HTTP {status})", err=True)
