"""Checks across records, after every file is read: references, cycles, dates, and quotes.

Each check reports through the loader, so every problem carries the file, line
and id of the record at fault, and every problem of a corpus is found in one run.
"""

from __future__ import annotations

import datetime
import difflib
import re
from typing import TYPE_CHECKING

from . import languages, provenance, quotes
from .model import CONSENT_EVENTS, UNRATIFIABLE, Id, Instrument, Provision, date_before
from .problems import Suggestions
from .text_checks import TextChecks
from .texts import TextStatus

SCHEDULED = frozenset({"entry-into-force", "denunciation-effective"})
"""Events an official record lists ahead of their date (a treaty enters into force for a state,
a denunciation takes effect, months after the act): they may lie in the future."""

LAW = ("instrument", "provision", "element")
"""What a reading may be about: the law library's instruments, provisions and elements."""

if TYPE_CHECKING:
    from .loader import _CorpusReader


class References(TextChecks):
    """Every cross-record check of one load."""

    def __init__(self, loader: _CorpusReader):
        super().__init__(loader)
        self.suggestions = Suggestions()
        self._tail_index: dict[tuple[str, str], list[str]] | None = None

    def expect(self, owner, field: tuple, ref: str | None, kind: str | tuple[str, ...]) -> bool:
        """Check that ``ref`` names a record of ``kind`` (or of one of several kinds: a reading is
        about an instrument, a provision or an element); report it otherwise, with the closest ids."""
        if ref is None:
            return False
        found = self.kinds.get(ref)
        kinds = (kind,) if isinstance(kind, str) else kind
        if found in kinds:
            return True
        wanted = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} or {kinds[-1]}"
        if found is None:
            self.report_at(owner, field, f"unknown {wanted} {ref!r}", self.suggest(ref, kinds))
        else:
            self.report_at(owner, field, f"{ref!r} is {_a(found)}, not {_a(wanted)}", f"refer to {_a(wanted)}")
        return False

    def suggest(self, ref: str, kind: str | tuple[str, ...]) -> str:
        """ "did you mean ...?" for an unknown ``ref`` of ``kind`` (or kinds); past the first
        Suggestions.FIRST of a kind, what to do without a search (its cost is bounded)."""
        kinds = (kind,) if isinstance(kind, str) else kind
        kind = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} or {kinds[-1]}"
        tails = self._tails()
        if "/" not in ref and (qualified := [q for k in kinds for q in tails.get((k, ref), ())]):
            close: list[str] | None = qualified[:3]
        else:
            close = self.suggestions.close(ref, kind, (i for i, k in self.kinds.items() if k in kinds))
            if close is None:
                return (
                    f"define {_a(kind)} with this id or correct the reference (no suggestions past the first {Suggestions.FIRST})"
                )
        if not close:  # names, not ids: 'cuba' for 'cu'
            names = {getattr(r, "name", "").lower(): r.id for r in self.records.get(f"{kind}s", ()) if hasattr(r, "name")}
            close = [names[n] for n in difflib.get_close_matches(ref.lower(), names, n=1)]
        if close:
            return "did you mean " + " or ".join(repr(c) for c in close) + "?"
        return f"define {_a(kind)} with this id or correct the reference"

    def _tails(self) -> dict[tuple[str, str], list[str]]:
        """(kind, the part after the slash) -> the qualified ids: 'means-force' is 'tp/means-force'."""
        if self._tail_index is None:
            self._tail_index = {}
            for id_, kind in self.kinds.items():
                if "/" in id_:
                    self._tail_index.setdefault((kind, id_.split("/", 1)[1]), []).append(id_)
        return self._tail_index

    def check(self) -> dict[str, TextStatus]:
        provisions: dict[str, Provision] = {}
        for instrument in self.records["instruments"]:
            provisions.update((p.id, p) for top in instrument.provisions for p in top.walk())
        instruments = {i.id: i for i in self.records["instruments"]}
        for instrument in instruments.values():
            self.check_instrument(instrument, provisions)
            provenance.check_sources(instrument, self.report_at)
        self.check_definitions(instruments)
        for ratification in self.records["ratifications"]:
            self.check_ratification(ratification, instruments)
        self.check_addresses()
        actors = {a.id: a for a in self.records["actors"]}
        for actor in actors.values():
            if self.expect(actor, ("part_of",), actor.part_of, "actor"):
                self.check_chain(actor.id, actors, "part_of", "an actor cannot be part of itself, directly or through others")
        for document in self.records["documents"]:
            for index, citation in enumerate(document.cites):
                self.expect(document, ("cites", index, "document"), citation.document, "document")
                if citation.document == document.id:
                    self.report_at(
                        document, ("cites", index, "document"), "a document cannot cite itself", "remove this citation"
                    )
            for index, actor in enumerate(document.authored_by):
                self.expect(document, ("authored_by", index), actor, "actor")
            self.expect(document, ("published_by",), document.published_by, "actor")
            languages.check_document(document, self.report_at)  # issue 27: languages and titles
        practices = {p.id: p for p in self.records["practices"]}
        for practice in practices.values():
            self.expect(practice, ("state",), practice.state, "state")
            if self.expect(practice, ("part_of",), practice.part_of, "practice"):
                self.check_chain(
                    practice.id, practices, "part_of", "a practice cannot be part of itself, directly or through others"
                )
            if practice.legal_basis:
                self.expect(practice, ("legal_basis", "document"), practice.legal_basis.document, "document")
            if practice.start and practice.end and date_before(practice.end, practice.start):
                self.report_at(practice, ("end",), f"end ({practice.end}) is before start ({practice.start})", "check both dates")
        for collection, target_field, target_kind in (
            ("claims", "element", "element"),
            ("attestations", None, None),
            ("exhibits", "indicator", "indicator"),
            ("readings", None, None),  # about the law: no practice, see check_reading
        ):
            for statement in self.records[collection]:
                self.expect(statement, ("document",), statement.document, "document")
                if collection == "readings":
                    for index, ref in enumerate(statement.about):
                        self.expect(statement, ("about", index), ref, LAW)
                else:
                    self.expect(statement, ("practice",), statement.practice, "practice")
                self.expect(statement, ("speaker",), statement.speaker, "actor")
                languages.check_translation(statement, self.expect, self.report_at)  # issue 27
                if target_field and target_kind:
                    self.expect(statement, (target_field,), getattr(statement, target_field), target_kind)
                for index, reliance in enumerate(statement.relies_on):
                    self.expect(statement, ("relies_on", index, "document"), reliance.document, "document")
                    if reliance.document == statement.document:
                        self.report_at(
                            statement,
                            ("relies_on", index, "document"),
                            "a statement cannot rely on the document that records it",
                            "name the source the passage rests on",
                        )
                hedge = getattr(statement, "hedge", None)  # issue 25: the speaker's qualifying words
                if hedge is not None and " ".join(hedge.split()) not in " ".join(statement.quote.split()):
                    self.report_at(
                        statement,
                        ("hedge",),
                        f"the hedge {hedge!r} is not in the quote",
                        "copy the speaker's qualifying words from the quote, as the quote writes them",
                    )
                for index, figure in enumerate(getattr(statement, "figures", ())):
                    for field, message, hint in figure.problems():
                        self.report_at(statement, ("figures", index, *field), message, hint)
                    if " ".join(figure.words.split()) not in " ".join(statement.quote.split()):
                        self.report_at(
                            statement,
                            ("figures", index, "words"),
                            f"the figure's words {figure.words!r} are not in the quote",
                            "copy the figure's words from the quote, as the quote writes them",
                        )
        return self.check_quotes()

    def check_instrument(self, instrument: Instrument, provisions: dict[str, Provision]) -> None:
        iid = instrument.id
        if instrument.adopted and instrument.in_force and date_before(instrument.in_force, instrument.adopted):
            self.report_at(
                iid,
                ("in_force",),
                f"entry into force ({instrument.in_force}) is before adoption ({instrument.adopted})",
                "check both dates",
            )
        if instrument.in_force_after_consent and not re.fullmatch(r"P\d+[MD]", instrument.in_force_after_consent):
            self.report_at(
                iid,
                ("in_force_after_consent",),
                f"{instrument.in_force_after_consent!r} is not a period lexmap reads",
                "write an ISO 8601 duration of months or days: P12M, P30D",
            )
        for test in instrument.tests:
            for element in test.walk():
                if element.id not in self.loader.origins:
                    continue
                if element.all_of and element.any_of:
                    self.report_at(
                        element.id, ("any_of",), "an element has all_of or any_of, not both", "nest one group inside the other"
                    )
                if element.provision is None:
                    self.report_at(
                        element.id, ("id",), "a test must name the provision that sets it out", "add 'provision: <local id>'"
                    )
                    continue
                if element.provision.split("/")[0] != iid or element.provision not in provisions:
                    self.report_at(
                        element.id,
                        ("provision",),
                        f"unknown provision {element.provision!r} of {iid!r}",
                        "use the local id of one of this instrument's provisions",
                    )
                    continue
                if element.words:
                    text = " ".join(p.text for p in provisions[element.provision].walk() if p.text)
                    if (why := quotes.Text(text).mismatch(element.words)) is not None:
                        self.report_at(
                            element.id,
                            ("words",),
                            f"words not found verbatim in the text of {element.provision!r}",
                            f"{why}; copy the words exactly from the provision's text",
                        )

    def check_definitions(self, instruments: dict[str, Instrument]) -> None:
        """``defined_by`` names a test, and definitions do not go round in a circle."""
        tests = {t.id: t for i in instruments.values() for t in i.tests}
        defined: dict[Id, Id] = {}
        for instrument in instruments.values():
            for test in instrument.tests:
                for element in test.walk():
                    if element.defined_by is None:
                        continue
                    if element.defined_by not in tests:
                        close = self.suggestions.close(element.defined_by, "defined_by", tests, n=2) or []
                        hint = (
                            f"did you mean {' or '.join(map(repr, close))}?"
                            if close
                            else "name the test (the root element) that defines this element"
                        )
                        self.report_at(element.id, ("defined_by",), f"{element.defined_by!r} is not a legal test", hint)
                    else:
                        defined[element.id] = element.defined_by
        owners = {e.id: t.id for t in tests.values() for e in t.walk()}
        edges: dict[str, list[str]] = {}
        for element_id, target in defined.items():
            edges.setdefault(owners[element_id], []).append(target)
        component = _components(edges)
        for element_id, target in defined.items():
            owner = owners[element_id]
            if owner == target or component[owner] == component[target]:
                self.report_at(
                    element_id,
                    ("defined_by",),
                    "definitions go round in a circle",
                    "a test cannot be defined, directly or through others, by itself",
                )

    def check_ratification(self, ratification, instruments: dict[str, Instrument]) -> None:
        rid = ratification.id
        if rid not in self.loader.origins:
            return
        self.expect(rid, ("state",), ratification.state, "state")
        if not self.expect(rid, ("instrument",), ratification.instrument, "instrument"):
            return
        instrument = instruments.get(ratification.instrument)
        if instrument is None:  # its record is broken (reported where it is): nothing to check against
            return
        if instrument.kind in UNRATIFIABLE:
            self.report_at(
                rid, ("instrument",), f"{instrument.id!r} is {_a(instrument.kind)}: states do not ratify it", "remove this record"
            )
        consent = None
        first_consent = min((e.date for e in ratification.events if e.event in CONSENT_EVENTS), default=None)
        today = datetime.date.today().isoformat()
        for index, event in enumerate(ratification.events):
            if instrument.adopted and date_before(event.date, instrument.adopted):
                self.report_at(
                    rid,
                    ("events", index, "date"),
                    f"{event.event} ({event.date}) is before the instrument was adopted ({instrument.adopted})",
                    "check the date against the official record",
                )
            if event.event not in SCHEDULED and date_before(today, event.date):
                self.report_at(
                    rid,
                    ("events", index, "date"),
                    f"{event.event} ({event.date}) is in the future (today is {today})",
                    "check the date against the official record; a state's act is recorded once it is done",
                )
            elif ratification.as_of and event.event not in SCHEDULED and date_before(ratification.as_of, event.date):
                self.report_at(
                    rid,
                    ("events", index, "date"),
                    f"{event.event} ({event.date}) is after the record's as_of date ({ratification.as_of})",
                    "check the date, or move as_of to the date the official record was read",
                )
            if event.event == "entry-into-force" and first_consent and date_before(event.date, first_consent):
                self.report_at(
                    rid,
                    ("events", index, "date"),
                    f"entry into force ({event.date}) is before the state's consent to be bound ({first_consent})",
                    "a treaty enters into force for a state after its ratification, acceptance, approval, accession or succession: check both dates",
                )
            if event.event in CONSENT_EVENTS:
                consent = consent or event.date
            if event.event.startswith("denunciation") and (consent is None or date_before(event.date, consent)):
                self.report_at(
                    rid,
                    ("events", index, "event"),
                    "a denunciation before any ratification, accession or succession",
                    "list the events in the order of the official record",
                )

    def check_chain(self, start: str, records: dict, field: str, message: str) -> None:
        """Report ``start`` when its chain of ``field`` goes round; the records whose chain was
        walked are remembered (ended, or reported in a cycle), so that a chain or a cycle of
        thousands is walked once, not once a link, and each cycle is reported once."""
        ended = self.__dict__.setdefault("_ended", {}).setdefault(id(records), set())
        seen, current = {start}, getattr(records[start], field)
        while current in records and current not in ended:
            if current in seen:
                self.report_at(start, (field,), f"{field} forms a cycle", message)
                break
            seen.add(current)
            current = getattr(records[current], field)
        ended.update(seen)


def _components(edges: dict[str, list[str]]) -> dict[str, int]:
    """The strongly connected component of every node of ``edges`` (Tarjan's algorithm, without
    recursion: a chain of thousands of definitions is data like any other). Each definition's
    circle is found, whichever branch of a test it takes; linear in the definitions."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = 0  # components so far

    def enter(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)

    for root in edges:
        if root in index:
            continue
        enter(root)
        work = [(root, iter(edges.get(root, ())))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    enter(child)
                    work.append((child, iter(edges.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component[member] = found
                        if member == node:
                            break
                    found += 1
    return component


def _a(kind: str) -> str:
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
