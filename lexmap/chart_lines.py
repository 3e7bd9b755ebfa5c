"""The evidence chart's sentences that name things for a reader (issue 28): which quotes were
checked against which texts, the state's status towards the instrument, and the words of
lexmap's independence reasons with every id given as the title or name it stands for. Each
reads an answer lexmap computed elsewhere (lexmap.texts, lexmap.ratification,
lexmap.independence) and only words it."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import attrs

from .texts import REASONS

if TYPE_CHECKING:
    from .corpus import Corpus


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


def party_statuses(corpus: Corpus, instrument, practices: set[str], on: str) -> tuple[str, ...]:
    """ "Cuba towards Palermo Protocol on 2024-05-01: party (bound); ...", per state of
    ``practices``, and on the earliest date their conduct began where the data gives one."""
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
    rows += [("Document", document.title, key) for key, document in chart.documents.items()]
    return rows
