"""The parts of ``lexmap export`` that write databases rather than bytes: ``sqlite`` (with
Datasette's metadata), ``parquet`` (a folder) and ``--push`` (to a SPARQL server)."""

from __future__ import annotations

import click

from ..exports.formats import OutputCase, by_name, render
from ..outputs import check_folder_output, corpus_inputs
from .common import check_output, load_corpus, write_format, write_output


def export_database(
    path, texts, require_texts: bool, fmt: str, output, metadata, push: str | None, base: str, profile: str = "full"
) -> None:
    """Refuse what cannot be written (outputs inside the corpus or its texts among them) before
    loading the corpus, then write."""
    if push and fmt != "turtle":
        raise click.UsageError(f"--push sends RDF: use it with FORMAT turtle, not {fmt}")
    if metadata and fmt != "sqlite":
        raise click.UsageError(f"-m/--metadata is for the sqlite format, not {fmt}")
    if push:
        from ..exports.push import PushError, check_push_url

        try:
            check_push_url(push)  # before the (slow) load
        except PushError as error:
            raise click.UsageError(str(error)) from error
    if fmt == "sqlite":
        from ..exports.sqlite import metadata_path

        if output is None:
            raise click.UsageError("sqlite needs a file name: -o corpus.db")
        if output.is_dir():
            raise click.BadParameter(f"{output} is a folder: give a file name such as corpus.db", param_hint="'-o'")
        for target in (output, metadata or metadata_path(output)):
            check_output(str(target), path, texts)
        corpus = load_corpus(path, texts, require_texts, profile)
        write_format(by_name("corpus", "sqlite"), corpus, str(output), path, texts, OutputCase.of(corpus), metadata=metadata)
        meta = metadata or metadata_path(output)
        click.echo(f"wrote {output} and {meta}; browse them with: datasette {output} -m {meta}", err=True)
        return
    if fmt == "parquet":
        if output is None:
            raise click.UsageError("parquet needs a folder: -o FOLDER")
        inputs = [*corpus_inputs(path), *texts]
        check_folder_output(output, inputs, kind="parquet")  # before the load: never the corpus, never others' files
        parquet = by_name("corpus", "parquet")
        try:
            parquet.ready()
            corpus = load_corpus(path, texts, require_texts, profile)
            write_format(parquet, corpus, str(output), path, texts, OutputCase.of(corpus))
        except ImportError as error:
            raise click.ClickException(str(error)) from error
        files = sorted(output.resolve().glob("*.parquet"))
        click.echo(f"wrote {len(files)} Parquet files to {output}", err=True)
        return
    assert push is not None, "export_database is called for sqlite, parquet and --push alone"
    if output is not None:
        check_output(str(output), path, texts)
    _push(load_corpus(path, texts, require_texts, profile), output, push, base, path, texts)


def _push(corpus, output, url: str, base: str, path, texts) -> None:
    from ..exports.push import PushError, push, shown_url
    from ..sparql import ntriples

    try:
        if output is not None:
            data = render("corpus", "turtle", corpus, OutputCase.of(corpus, base=base))
            write_output(str(output), data, path, texts)
            click.echo(f"wrote {output} (turtle, {len(data)} bytes)", err=True)
        else:
            data = ntriples(corpus, base)  # N-Triples is Turtle, and much faster to write
        status = push(data, url, progress=_progress(shown_url(url)))
    except (ImportError, PushError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"pushed {len(data)} bytes of Turtle to {shown_url(url)} (HTTP {status})", err=True)


def _progress(shown: str, first: float = 2.0, every: float = 5.0):
    """A progress callback that says on stderr how the push is going, once it takes more than
    ``first`` seconds, then every ``every`` seconds (a quick push prints nothing more)."""
    state = {"next": first}

    def report(sent: int, total: int, elapsed: float) -> None:
        if elapsed < state["next"]:
            return
        state["next"] = elapsed + every
        what = (
            f"{sent:,} of {total:,} bytes sent" if sent < total else f"all {total:,} bytes sent, waiting for the server's answer"
        )
        click.echo(f"push to {shown}: {what} ({elapsed:.0f} s)", err=True)

    return report
