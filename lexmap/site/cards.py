"""A statement (claim, attestation, exhibit or reading) as a card: who says what, where, in which words.

Written in Python rather than as a Jinja macro: the site shows every statement on three pages
(its practice's, its document's, and its element's or indicator's), and at 20,000 claims the
macro's call overhead was a fifth of the pages' generation. Every text from the data goes
through ``markupsafe.escape``, as it would through Jinja's autoescape.

The card's heading names the statement in full: the parts the page is about are there for
screen readers and the search index only (``lx-sr``). On the statement's own page (its
practice's) the heading has an id, so that the search finds the statement as an entry of its
own; elsewhere it has none (and its list is left out of the index), so that the search finds
each statement once and not on three pages.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from markupsafe import Markup, escape

from ..conflicts import period_text
from ..languages import translation_line
from ..source_links import with_pages
from .checked import card_mark
from .filter import card_attributes
from .links import page_link, printed_pages, quote_link
from .markup import multiline

ANCHORS = {"claim": "claim-", "attestation": "att-", "exhibit": "exh-", "reading": "read-"}
PARTS = {"claim": ("element", "satisfies"), "exhibit": ("indicator", "exhibits")}
"""What a claim or an exhibit links its practice to, and the verb that says so."""


def _lang(document) -> str:
    """The quote's language as an HTML attribute (issue 27): screen readers read it in it."""
    return f' lang="{escape(document.language)}"' if document.language else ""


def _hidden(text: str) -> str:
    return f'<span class="lx-sr">{escape(text)}</span>'


def statement_card(
    s,
    kind: str,
    show: Collection[str],
    h: int,
    *,
    home: bool,
    corpus,
    speakers: Callable,
    link: Callable[..., str],
    name: Callable[..., str],
) -> Markup:
    """The card of statement ``s`` of ``kind`` under a heading of level ``h``; ``show`` names
    the parts to link (of practice, element, indicator, document, and a reading's about: the
    page is about the others); ``home``: on the statement's own page; ``link(id, qualified=False)`` links a
    record from the page being written."""
    anchor = escape(ANCHORS[kind] + s.id)
    document = corpus.documents[s.document]
    stance = escape(getattr(s, "stance", "reads" if kind == "reading" else "attests"))
    heading_id = f' id="s-{anchor}"' if home else ""
    out = [
        f'<div class="lx-statement lx-{stance}" id="{anchor}"{card_attributes(s)}>\n<h{h} class="lx-says"{heading_id}>\n',
        _hidden(f"{kind.capitalize()} ("),
        f'<span class="lx-badge lx-{stance}">{stance}</span>',
        f' <span class="lx-hedge">hedged: &ldquo;{escape(s.hedge)}&rdquo;</span>' if getattr(s, "hedge", None) else "",
        _hidden("):"),
        "\n",
    ]
    if kind == "reading":  # about the law, tied to no practice: what it reads
        if "about" in show:
            out.append(" " + ", ".join(link(i, qualified=True) for i in s.about))
        else:
            out.append(_hidden(" " + ", ".join(name(i, qualified=True) for i in s.about)))
    else:
        out.append(f" {link(s.practice)}" if "practice" in show else _hidden(" " + name(s.practice)))
    if kind in PARTS:
        part, verb = PARTS[kind]
        qualified = part == "element"
        if part in show:
            out.append(f" {'&rarr;' if 'practice' in show else verb} {link(getattr(s, part), qualified=qualified)}")
        else:
            out.append(_hidden(f" {verb} {name(getattr(s, part), qualified=qualified)}"))
    out.append(f"</h{h}>\n")

    status = corpus.texts.get(s.document)
    place = status.pages.get(s.id) if status is not None else None
    at_source = quote_link(document, s.quote) or page_link(document, place)
    if at_source:
        out.append(
            f'<blockquote class="lx-quote" cite="{escape(at_source)}"><span class="lx-quote-text"{_lang(document)}>{multiline(s.quote)}</span>'
            f' <a class="lx-at-source" href="{escape(at_source)}" rel="noopener" title="Open {escape(document.title)} at this quote">'
            "at the source&nbsp;&#8599;</a></blockquote>\n"
        )
    else:
        out.append(
            f'<blockquote class="lx-quote"><span class="lx-quote-text"{_lang(document)}>{multiline(s.quote)}</span></blockquote>\n'
        )
    if translated := translation_line(s, corpus.actors):  # issue 27: the translation, under the verbatim quote
        out.append(f'<p class="lx-translation" lang="en">{multiline(translated)}</p>\n')

    out.append(f'<p class="lx-pinpoint">{card_mark(corpus, s.document)}')
    who = speakers(s)
    if who:
        names = escape(", ".join(name(actor) for actor in who))
        out.append(
            f'<span class="lx-speaker">{"Said by" if s.speaker else "By"} {names}</span>{", recorded in" if s.speaker else ","} '
        )
    out.append(f"{link(s.document)}, " if "document" in show or s.speaker else _hidden(f"{document.title}, "))
    printed = printed_pages(place)
    pinpoint = with_pages(s.pinpoint, printed)  # the chart's rule: "p. 2" is not given by "p. 21"
    out.append(
        f'{escape(pinpoint)} <a class="lx-permalink" href="#{anchor}" title="{escape(kind)} {escape(s.id)}" data-search-exclude>#</a></p>\n'
    )
    for figure in getattr(s, "figures", ()):
        period = f", {period_text(figure.period)}" if period_text(figure.period) else ""
        out.append(
            f'<p class="lx-figure">Figure: <strong>{escape(figure.shown)}</strong>, {escape(figure.base)}{escape(period)}</p>\n'
        )
    if s.relies_on:
        sources = "; ".join(f"{link(r.document)}" + (f" ({escape(r.pinpoint)})" if r.pinpoint else "") for r in s.relies_on)
        out.append(f'<p class="lx-relies">Rests on: {sources}</p>')
    if s.note:
        out.append(
            '<div class="admonition note lx-editorial"><p class="admonition-title">Editorial note</p>'
            f"<p>{multiline(s.note)}</p></div>"
        )
    out.append("</div>")
    return Markup("".join(out))
