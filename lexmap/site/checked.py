"""What the site has not checked (issue 28 item 3): a quote that was not compared with its
document's text is marked on its document's page, on its card and on each evidence chart
that shows it, so that nobody reads an unchecked page as a checked one.

The counts come from :attr:`lexmap.corpus.Corpus.texts` (what the load checked); nothing here
checks anything again.
"""

from __future__ import annotations

from markupsafe import Markup, escape

HOW = "lexmap site build --texts FOLDER"
"""How to check them: the command line a reader can copy."""


def quote_checked(corpus, document: str) -> bool:
    """Whether the quotes of ``document`` were checked verbatim against its text."""
    status = corpus.texts.get(document)
    return status is not None and status.status == "checked" and not status.unchecked


def document_warning(corpus, document: str) -> Markup:
    """The warning box of a document page whose quotes were not all checked ("" when all were,
    or when it has none)."""
    status = corpus.texts.get(document)
    if status is None or not status.unchecked:
        return Markup("")
    total = status.checked + status.unchecked
    n = status.unchecked
    count = f"{n} of this document's {total} quotes" if status.checked else f"This document's {n} quote{'s' if n > 1 else ''}"
    return Markup(
        '<div class="admonition warning lx-unchecked-note" id="not-checked"><p class="admonition-title">Quotes not checked</p>'
        f"<p>{escape(count)} {'were' if n > 1 else 'was'} not checked against its text: "
        f"{escape(status.reason)}. To check them, build the site with the folder of the documents' texts: "
        f"<code>{escape(HOW)}</code>.</p></div>"
    )


def card_mark(corpus, document: str) -> str:
    """The mark on a statement card whose quote was not checked ("" when it was)."""
    if quote_checked(corpus, document):
        return ""
    status = corpus.texts.get(document)
    why = status.reason if status is not None else "no text in use"
    return (
        f'<span class="lx-unchecked" title="{escape(why)}; check it with {escape(HOW)}">'
        "quote not checked against the text</span> "
    )


def chart_warning(corpus, chart) -> Markup:
    """The warning at the top of an evidence chart showing quotes that were not checked."""
    unchecked = [s for e in chart.elements for s in e.statements if not quote_checked(corpus, s.document)]
    if not unchecked:
        return Markup("")
    documents = sorted({s.document_title for s in unchecked})
    n = len(unchecked)
    return Markup(
        '<div class="admonition warning lx-unchecked-note" id="not-checked"><p class="admonition-title">Quotes not checked</p>'
        f"<p>{n} quote{'s' if n > 1 else ''} on this chart {'were' if n > 1 else 'was'} not checked against the text of "
        f"{'its document' if len(documents) == 1 else 'their documents'} ({escape('; '.join(documents))}). "
        f"To check them, build with the folder of the documents' texts: <code>{escape(HOW)}</code>.</p></div>"
    )
