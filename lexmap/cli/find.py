"""``lexmap find DOCUMENT WORDS``: the passages of a document's text that hold the words (or read
most like them), verbatim, with their page and the pinpoint, page and quote to paste."""

from __future__ import annotations

import json
import os

import click

from ..discover import layout_for
from ..extract import read_pages
from ..passages import document_text, find_passages
from ..problems import printable
from ..texts import TextRefused
from .common import corpus_options, load_corpus, profile_option
from .errors import UserError, did_you_mean


@click.command()
@click.argument("document")
@click.argument("words")
@corpus_options
@click.option("--limit", default=3, show_default=True, type=click.IntRange(1, 100), help="At most this many passages.")
@profile_option
def find(document, words, path, texts, require_texts, limit, profile):
    """Print the passages of DOCUMENT's text (its text_file) that hold WORDS, else the closest
    ones, as the text writes them: each with its page (a PDF's printed page and its place in the
    file) and a pinpoint, page and quote ready to paste into a statement. Exit 1 when no passage
    reads like WORDS.

    \b
    Example:
      lexmap find ilo-ceacr-dr-2014-c29-cu "bilateral cooperation agreements"
    """
    corpus = load_corpus(path, texts, require_texts, profile)
    if document not in corpus.documents:
        raise did_you_mean("document", document, corpus.documents)
    record = corpus.documents[document]
    if not record.text_file:
        raise UserError(f"document {document!r} has no text_file", "record the name of its text in text_file, under texts/")
    if not " ".join(words.split()):
        raise UserError("WORDS is empty", 'give the words to find, in quotes: lexmap find DOCUMENT "menace of penalty"')
    layout, _case = layout_for(path, list(texts) or None, [])
    folders = [folder for folder in layout.texts if folder.is_dir()]
    found_in = document_text(folders, record.text_file)
    if found_in is None:
        raise UserError(
            f"the text {record.text_file!r} of {document!r} is not in the text folders ({', '.join(map(str, folders)) or 'none'})",
            "put it in the case's texts/ folder, or name its folder with --texts",
        )
    folder, file = found_in
    try:
        text = read_pages(file, cache=not os.environ.get("LEXMAP_NO_CACHE"), folder=layout.pinned(folder))
    except TextRefused as error:
        raise UserError(str(error), error.hint) from None
    except OSError as error:
        raise UserError(f"cannot read {file} ({error.strerror})", "make the file readable") from None
    found = find_passages(text, words, limit)
    if not found:
        click.echo(printable(f"{document}: no passage of {file.name} holds these words or reads like them"), err=True)
        raise SystemExit(1)
    exact = found[0].exact
    click.echo(
        f"{document}: {len(found)} passage{'s' if len(found) != 1 else ''} "
        + ("holding the words exactly" if exact else "reading most like the words (none holds them exactly)")
    )
    for number, passage in enumerate(found, 1):
        where = f"{passage.pinpoint()} ({passage.place.physical()})" if passage.place is not None else "no pages in this text"
        score = "exact" if passage.exact else f"close: {passage.score:.0%} alike"
        click.echo("\n" + printable(f"{number}. {where}, {score}"))  # a PDF's page label is the file's: no terminal escapes
        if passage.pinpoint() is not None:
            click.echo(printable(f"    pinpoint: {json.dumps(passage.pinpoint(), ensure_ascii=False)}"))
            click.echo(printable(f"    page: {json.dumps(passage.page(), ensure_ascii=False)}"))
        click.echo(printable(f"    quote: {json.dumps(passage.words, ensure_ascii=False)}"))
