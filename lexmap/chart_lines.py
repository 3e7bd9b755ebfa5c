"""The evidence chart's sentences that name things for a reader (issue 28): which quotes were
checked against which texts, the state's status towards the instrument, the words of lexmap's
independence reasons with every id given as the title or name it stands for, and the notes
with the printed page and the link into the source (issue 27). Each reads an answer lexmap
computed elsewhere (lexmap.texts, lexmap.ratification, lexmap.independence,
lexmap.source_links) and only words it."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import attrs

from .chart_chronology import conduct_statuses
from .source_links import cited_pages, page_link, quote_link, with_pages
from .texts import REASONS

if TYPE_CHECKING:
    from .corpus import Corpus
    from .explain import Explanation


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@attrs.frozen
class QuoteCheck:
    """How the chart's quotes from one document were checked (lexmap.texts' status of the document,
    read, not recomputed): ``checked`` True where they were compared verbatim with its text."""

    document: str
    title: str
    text_file: str | None
    quotes: int
    checked: bool
    reason: str


@attrs.frozen
class Note:
    """One note of the chart: a document at a pinpoint, cited by one or more statements; with
    the printed ``pages`` the quotes are on where known (``p. 21``) and the ``link`` that opens
    the document's PDF at the physical page (``...pdf#page=23``) where its text gives it."""

    number: int
    document: str
    pinpoint: str
    pages: str | None = None
    link: str | None = None

    @property
    def cited(self) -> str:
        """The pinpoint as the note prints it: the free text, then the printed pages it lacks."""
        return with_pages(self.pinpoint, self.pages)


class Notes:
    """The chart's notes in reading order: one per document, pinpoint, printed pages and PDF page,
    so that two quotes on different pages of one pinpoint are two notes."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.by_key: dict[tuple, Note] = {}

    def cite(self, statement) -> tuple[Note, str | None]:
        """The note citing ``statement`` (a claim, attestation or exhibit), and the link that opens
        its source at the quote (a web page's text fragment, else the PDF's page), as the site's cards link it."""
        document = self.corpus.documents[statement.document]
        status = self.corpus.texts.get(statement.document)
        place = status.pages.get(statement.id) if status is not None else None
        pages, at_page = cited_pages(place, getattr(statement, "page", None)), page_link(document, place)
        key = (statement.document, statement.pinpoint, pages, at_page)
        if key not in self.by_key:
            self.by_key[key] = Note(len(self.by_key) + 1, *key)
        return self.by_key[key], quote_link(document, statement.quote) or at_page

    def all(self) -> tuple[Note, ...]:
        return tuple(self.by_key.values())


TEXTS_NOT_GIVEN = ("not-included", "no-text-folder")
"""The statuses that mean the user did not give the texts (``--texts`` would check them)."""


def checked_line(checks: tuple[QuoteCheck, ...]) -> str:
    """The title page's line on which quotes were checked against which texts."""
    total = sum(c.quotes for c in checks)
    if not total:
        return "No quote in this chart."
    done = [c for c in checks if c.checked]
    left = [c for c in checks if not c.checked]
    count = lambda n: f"{n} quote{'' if n == 1 else 's'}"  # noqa: E731
    parts = []
    if done:
        against = "; ".join(f"{c.title} ({c.text_file})" if c.text_file else c.title for c in done)
        parts.append(f"{count(sum(c.quotes for c in done))} checked verbatim against the texts of: {against}.")
    if left:
        unchecked = sum(c.quotes for c in left)
        if all(c.reason in TEXTS_NOT_GIVEN for c in left):
            parts.append(f"{count(unchecked)} not checked: texts not given; use --texts FOLDER.")
        else:
            why = "; ".join(f"{c.title}: {REASONS.get(c.reason, c.reason)}" for c in left)
            parts.append(f"{count(unchecked)} not checked ({why}).")
    return " ".join(parts)


def party_statuses(corpus: Corpus, instrument, practices: set[str], on: str, events=()) -> tuple[str, ...]:
    """ "Cuba towards Palermo Protocol on 2024-05-01: party (bound); ...", per state of
    ``practices``, on the earliest date their conduct began where the data gives one, and on the
    dates of the conduct in the chart's chronology (``events``, :mod:`lexmap.chart_chronology`)."""
    states: dict[str, list[str]] = {}
    for practice_id in practices:
        practice = corpus.practices[practice_id]
        if practice.state:
            states.setdefault(practice.state, []).extend([str(practice.start)] if practice.start else [])
    lines = []
    for state, starts in sorted(states.items(), key=lambda item: getattr(corpus.states.get(item[0]), "name", item[0])):
        name = getattr(corpus.states.get(state), "name", state)
        try:
            status = corpus.party_status(instrument.id, state, on)
        except (LookupError, ValueError) as error:
            lines.append(f"{name} towards {instrument.short_name or instrument.title} on {on}: not known ({error}).")
            continue
        line = f"{name} towards {instrument.short_name or instrument.title} on {on}: {_sentence(status.summary)}"
        if starts:
            began = min(starts)
            try:
                then = corpus.party_status(instrument.id, state, began)
                line += f" When the conduct began ({began}): {_sentence(then.summary)}"
            except ValueError:
                pass
        if conduct := conduct_statuses(events, state):
            line += f" {conduct}"
        lines.append(line)
    return tuple(lines)


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


def quote_checks(corpus: Corpus, elements) -> tuple[QuoteCheck, ...]:
    counts: dict[str, int] = {}
    for element in elements:
        for statement in element.statements:
            counts[statement.document] = counts.get(statement.document, 0) + 1
    out = []
    for document_id, quotes in counts.items():
        status = corpus.texts.get(document_id)
        document = corpus.documents[document_id]
        checked = status is not None and status.status == "checked"
        reason = status.status if status is not None else "no-text-folder"
        out.append(QuoteCheck(document_id, document.title, getattr(document, "text_file", None), quotes, checked, reason))
    return tuple(out)


class Words:
    """Statements, documents and actors as a reader knows them: by who and where, by title, by name."""

    def __init__(self, corpus: Corpus, sources):
        self.corpus, self.sources = corpus, sources
        self.names: dict[str, str] = {}
        self._pattern: re.Pattern[str] | None = None
        self._statements: re.Pattern[str] | None = None
        self._ready = False

    def speakers(self, statement) -> str:
        names = [getattr(self.corpus.actors.get(a), "name", a) for a in self.sources.speakers(statement)]
        return _and(list(dict.fromkeys(names))) if names else "an unnamed speaker"

    def title(self, document: str) -> str:
        found = self.corpus.documents.get(document)
        return f"\u201c{found.title}\u201d" if found is not None else document

    def statement(self, statement_id: str) -> str:
        statement = self.corpus[statement_id]
        return f"the statement of {self.speakers(statement)} in {self.title(statement.document)}"

    def group(self, statement_ids) -> str:
        """ "the statements of A in "T1" and of B in "T2"": by document, in the group's order."""
        by_document: dict[str, list] = {}
        for statement_id in statement_ids:
            statement = self.corpus[statement_id]
            by_document.setdefault(statement.document, []).append(statement)
        parts = []
        for document, statements in by_document.items():
            names = list(dict.fromkeys(self.speakers(s) for s in statements))
            parts.append(f"{_and(names)} in {self.title(document)}")
        noun = "the statement of" if len(statement_ids) == 1 else "the statements of"
        return f"{noun} {_and(parts)}"

    def of(self, text: str) -> str:
        """``text`` (a reason of lexmap.independence) with each statement, document or actor id
        in it replaced by what it stands for."""
        if not self._ready:
            self._ready = True
            self.names, self._statements, self._pattern = _id_patterns(self.corpus)
        if self._statements is not None:
            text = self._statements.sub(lambda m: self.statement(m.group(0)), text)
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: self.names[m.group(0)], text)
        return text


def _id_patterns(corpus: Corpus) -> tuple[dict[str, str], re.Pattern[str] | None, re.Pattern[str] | None]:
    """The names of the corpus's actors, documents and elements by id, and the patterns that find
    statement ids and those ids in a text: made once per corpus (kept with its other answers), not
    once per explanation (a pattern of 22,000 ids at 10x takes most of a second to compile)."""
    key = ("chart words",)
    if key not in corpus._asked:
        names: dict[str, str] = {}
        for actor in corpus.actors.values():
            names[actor.id] = actor.name
        for document in corpus.documents.values():
            names[document.id] = f"\u201c{document.title}\u201d"
        for element in corpus.elements.values():
            names[element.id] = element.label
        statements = _any_of(tuple(sorted((*corpus.claims, *corpus.attestations), key=len, reverse=True)))
        corpus._asked[key] = (names, statements, _any_of(tuple(sorted(names, key=len, reverse=True))))
    return corpus._asked[key]


@functools.lru_cache(maxsize=4)
def _any_of(ids: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern finding any of ``ids`` (longest first) as a whole word; kept for the same ids
    (``lexmap site serve`` loads the corpus again after each save, most often with the same ids)."""
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(i) for i in ids)})(?![\w-])") if ids else None


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


IDENTIFIERS_LEAD = "The records of the chart by their ids in the corpus (lexmap explain, lexmap show)."


def identifier_rows(chart) -> list[tuple[str, str, str]]:
    """(record, how the chart names it, its id) for the test, each element, each statement (by
    its note, speaker and document) and each document: the ids the chart's body leaves out, in
    the last part of every chart format, for whoever checks the chart against the corpus."""
    rows = [("Test", chart.test_label, chart.test)]
    rows += [("Element", e.label, e.id) for e in chart.elements]
    seen = set()
    for s in chart.statements:
        if s.claim not in seen:
            seen.add(s.claim)
            rows.append(("Statement", f"note {s.note}: {s.speaker}, in {s.document_title}", s.claim))
    for event in chart.chronology:  # the chronology's attestations and exhibits are statements too
        if event.statement not in seen:
            seen.add(event.statement)
            rows.append(("Statement", f"note {event.note}: {event.speaker}, in {event.document_title}", event.statement))
    rows += [("Document", document.title, key) for key, document in chart.documents.items()]
    return rows


def independence_prose(explanation: Explanation, corpus: Corpus, sources=None) -> str:
    """Why the supporting statements count as so many independent sources, in sentences a reader
    follows without the corpus: who says each statement and where, and the reasons of lexmap's
    independence answer (:meth:`lexmap.independence.Sources.groups`, read, not recomputed) with
    every id in them given as the name or title it stands for."""
    n = len(explanation.supporting)
    if not n:
        return "No statement supports it."
    sources = sources if sources is not None else corpus.sources(explanation.independence)
    words = Words(corpus, sources)
    groups = explanation.groups
    counted = sum(g.attributed for g in groups)
    if explanation.met_through:
        sentences = [
            f"{_count(n, 'statement')} assert{'s' if n == 1 else ''} it as a whole, naming no part, from "
            f"{_count(counted, 'independent source')}; not counted for its level, which its "
            f"{explanation.met_through} set ({words.of(explanation.limiting or '')})."
        ]
    else:
        sentences = [
            f"{_count(n, 'supporting statement')} from {_count(counted, 'independent source')}"
            f" (independence by {explanation.independence})."
        ]
    for group in groups:
        who = words.group(group.statements)
        if not group.attributed:
            sentences.append(
                f"{capital(who)}: no speaker, author or publisher is recorded, so "
                f"{'it argues but is' if len(group.statements) == 1 else 'they argue but are'} no source of its own."
            )
        elif len(group.statements) > 1:
            reasons = "; ".join(dict.fromkeys(words.of(link.because) for link in group.links))
            sentences.append(f"{capital(who)} count as one source: {reasons}.")
    if explanation.contesting:
        sentences.append(f"Contested by {_count(len(explanation.contesting), 'statement')}.")
    return " ".join(sentences)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
