"""Publication profiles: what an edition of a case may show, applied once to the records.

A document, a statement (claim, attestation, exhibit, reading) or an actor may be ``restricted`` or
``confidential`` (default ``public``). ``--profile public`` withholds both, ``internal`` the
confidential ones only, ``full`` (the default) nothing. :func:`apply_profile` runs between
reading (every quote already checked on the full records) and indexing: each withheld string
is replaced by a stated placeholder ("confidential source 3", "withheld quote") and each
withheld id by a pseudonym, the same everywhere it occurs, so that independence groups and
levels are those of the full build. Every output then reads that corpus and needs to know
nothing; the manifest says how many statements the edition withholds.

A statement is withheld when it, its document or its speaker is. A withheld document's text
file is dropped (never read for publication), its URL, notes and citation pinpoints too; an
author or publisher name is replaced when no public document gives it (a name that is public
elsewhere stays, so that voices stay the same). docs/data-format.md states the rules.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, get_args

import attrs

from .loader import MARKED, CaseRecords
from .model import STATEMENTS as MODEL_STATEMENTS
from .model import Case, Citation, Document, LegalBasis, Practice, Visibility
from .problems import CorpusError
from .texts import TextStatus

PROFILES = ("full", "internal", "public")
"""The profiles, from the one that shows everything to the one that shows only public records."""
WITHHOLDS = {"full": frozenset(), "internal": frozenset({"confidential"}), "public": frozenset({"restricted", "confidential"})}
"""The visibilities each profile withholds."""
STATEMENTS = MODEL_STATEMENTS
WITHHELD_QUOTE = "withheld quote"
WITHHELD_PINPOINT = "withheld"


@attrs.frozen
class Edition:
    """The records an edition under ``profile`` shows; ``withheld``: the ids (as recorded) of the
    statements it withholds; ``strings``: every withheld string, for the leak check
    (:mod:`lexmap.leaks`)."""

    records: CaseRecords
    profile: str
    withheld: tuple[str, ...] = ()
    total: int = 0
    strings: tuple[str, ...] = ()
    pseudonyms: Mapping[str, str] = attrs.field(factory=dict)
    """The pseudonym of every record withheld, by its id as recorded (never shown: for
    :func:`crossed`)."""


class ProfileError(ValueError):
    """An unknown profile name: one line, with the known ones."""


def check_profile(profile: str) -> str:
    if profile not in PROFILES:
        import difflib

        close = difflib.get_close_matches(profile, PROFILES, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ProfileError(f"unknown profile {profile!r}; {hint}known: {', '.join(PROFILES)}")
    return profile


class _Pseudonyms:
    """Consistent replacements: the same original is always the same placeholder, in one edition
    and in every later version made with the same object (:func:`apply_profiles`); ``ids``: the
    documents and actors the edition at hand withholds (what :meth:`id` replaces)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.ids: dict[str, str] = {}
        self.numbers: dict[str, int] = {}
        self.given: dict[tuple[str, str], tuple[str, int]] = {}

    def begin(self, taken: Iterable[str]) -> None:
        """Start an edition whose records use the ids ``taken``."""
        self.taken.update(taken)
        self.ids = {}

    def of(self, prefix: str, original: str) -> tuple[str, int]:
        """The pseudonym of ``original`` and its number: the one it had, else the next free."""
        if (prefix, original) in self.given:
            return self.given[prefix, original]
        while True:
            number = self.numbers[prefix] = self.numbers.get(prefix, 0) + 1
            candidate = f"withheld-{prefix}-{number}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                self.given[prefix, original] = candidate, number
                return candidate, number

    def id(self, original: str | None) -> Any:
        return None if original is None else self.ids.get(original, original)


def apply_profile(read: CaseRecords, profile: str = "full") -> Edition:
    """The records of ``read`` as the edition under ``profile`` may show them (see the module)."""
    return _apply(read, profile, _Pseudonyms())


def apply_profiles(reads: Sequence[CaseRecords], profile: str) -> tuple[Edition, ...]:
    """The editions of versions of one case (``lexmap diff``), with one set of pseudonyms: the
    first is the edition :func:`apply_profile` makes of it; a record withheld in a later one
    keeps the pseudonym it had, one withheld there only gets the next number. Numbered apart, each
    version's ``withheld-claim-1`` would be another statement, and a diff would pair them."""
    names = _Pseudonyms()
    return tuple(_apply(read, profile, names) for read in reads)


def crossed(editions: Sequence[Edition]) -> dict[str, str]:
    """The pseudonyms (in :func:`apply_profiles`'s editions) of records withheld in one edition
    and shown in another, with the id they are shown under there: a diff leaves that side out, so
    that a statement made confidential reads as one removed, never as pointing at its withheld form."""
    shown = [{r.id for items in e.records.records.values() for r in items if hasattr(r, "id")} for e in editions]
    return {
        pseudonym: original
        for edition in editions
        for original, pseudonym in edition.pseudonyms.items()
        if any(original in ids for ids in shown)
    }


def _apply(read: CaseRecords, profile: str, names: _Pseudonyms) -> Edition:
    hidden = WITHHOLDS[check_profile(profile)]
    records = read.records
    total = sum(len(records.get(name, ())) for name in STATEMENTS)
    made = read.case.profile if read.case is not None else None
    if not hidden or (made is not None and hidden <= WITHHOLDS[made]):  # an edition withholds it already
        return Edition(read, made or profile, total=total)
    if made is not None:
        raise ProfileError(
            f"this corpus is the {made} edition of a case, which shows what the {profile} profile withholds: "
            f"make the {profile} edition from the full case"
        )
    names.begin(r.id for items in records.values() for r in items if hasattr(r, "id"))
    pseudonyms: dict[str, str] = {}
    strings: set[str] = set()

    def keep(*values: str | None) -> None:
        strings.update(v for v in values if v)

    actors = {a.id: a for a in records.get("actors", ())}
    documents = {d.id: d for d in records.get("documents", ())}
    marks = [
        (c, r.id, r.visibility, getattr(r, "document", None), getattr(r, "speaker", None))
        for c in MARKED
        for r in records.get(c, ())
    ]
    secret = secret_ids(marks, hidden)
    hidden_actors = {a for a in actors if a in secret}
    hidden_documents = {d for d in documents if d in secret}
    actor_names: dict[str, str] = {}
    for actor in actors.values():
        if actor.id in hidden_actors:
            new, number = names.of("speaker", actor.id)
            names.ids[actor.id] = pseudonyms[actor.id] = new
            actor_names[actor.id] = f"{actor.visibility} speaker {number}"
            keep(actor.id, actor.name, actor.notes)
    document_titles: dict[str, str] = {}
    for document in documents.values():
        if document.id in hidden_documents:
            new, number = names.of("source", document.id)
            names.ids[document.id] = pseudonyms[document.id] = new
            document_titles[document.id] = f"{document.visibility} source {number}"
            keep(document.id, document.title, document.url, document.text_file, document.notes)
            keep(document.original_title, document.archived_url, document.sha256, document.original_sha256)
            keep(*(c.note for c in document.cites))
    public_names = {n for d in documents.values() if d.id not in hidden_documents for n in (*d.authors, d.publisher) if n}
    public_names.update(a.name for a in actors.values() if a.id not in hidden_actors)
    person_names: dict[str, str] = {}
    for document in documents.values():
        if document.id in hidden_documents:
            for name in (*document.authors, document.publisher):
                if name and name not in public_names and name not in person_names:
                    person_names[name] = f"withheld author {names.of('author', name)[1]}"
                    keep(name)

    def citation(cite: Citation, secret: bool) -> Citation:
        withheld = secret or cite.document in hidden_documents
        if withheld:
            keep(cite.note)
        return Citation(names.id(cite.document), None if withheld else cite.pinpoint, None if withheld else cite.note)

    out: dict[str, tuple[Any, ...]] = dict(records)
    out["actors"] = tuple(
        attrs.evolve(a, id=names.id(a.id), name=actor_names[a.id], notes=None, part_of=names.id(a.part_of))
        if a.id in hidden_actors
        else attrs.evolve(a, part_of=names.id(a.part_of))
        if a.part_of in names.ids
        else a
        for a in actors.values()
    )
    out["documents"] = tuple(
        _document(d, d.id in hidden_documents, names, document_titles, person_names, citation) for d in documents.values()
    )
    out["practices"] = tuple(_practice(p, hidden_documents, names) for p in records.get("practices", ()))
    withheld: list[str] = []
    for collection in STATEMENTS:
        kind = collection[:-1]
        redone = []
        for statement in records.get(collection, ()):
            if statement.id not in secret:
                touches = any(c.document in hidden_documents for c in statement.relies_on)
                translator = statement.translation_by in hidden_actors  # an actor id, or a machine translation
                redone.append(
                    attrs.evolve(
                        statement,
                        relies_on=tuple(citation(c, False) for c in statement.relies_on),
                        translation_by=names.id(statement.translation_by),
                    )
                    if touches or translator
                    else statement  # most records: nothing withheld to replace (a public document keeps its id)
                )
                continue
            withheld.append(statement.id)
            new, _number = names.of(kind, statement.id)
            pseudonyms[statement.id] = new
            keep(statement.id, statement.note, *quote_pieces(statement.quote))
            keep(statement.translation, *quote_pieces(statement.translation or ""))
            more: dict[str, Any] = {"figures": ()} if collection == "attestations" else {}
            if collection == "claims":
                more["hedge"] = None  # the speaker's words, from the withheld quote
            redone.append(
                attrs.evolve(
                    statement,
                    id=new,
                    document=names.id(statement.document),
                    speaker=names.id(statement.speaker),
                    quote=WITHHELD_QUOTE,
                    pinpoint=WITHHELD_PINPOINT,
                    note=None,
                    translation=None,
                    translation_by=None,
                    page=None,
                    relies_on=tuple(citation(c, True) for c in statement.relies_on),
                    **more,
                )
            )
        out[collection] = tuple(redone)
    case = _case(read, profile, len(withheld), total, names)
    gone = set(withheld)
    texts = {names.id(d): _text_status(t, d in hidden_documents, names, gone) for d, t in read.texts.items()}
    strings.discard(WITHHELD_QUOTE)
    return Edition(
        CaseRecords(out, root=read.root, case=case, texts=texts),
        profile,
        tuple(withheld),
        total,
        tuple(sorted(strings)),
        pseudonyms,
    )


def secret_ids(marks: Iterable[tuple[str, str, str | None, str | None, str | None]], hidden: frozenset[str]) -> dict[str, str]:
    """The ids withheld where the visibilities ``hidden`` are, with the collection of each, from
    the (collection, id, visibility, document, speaker) of every document, actor and statement:
    a statement is withheld when it, its document or its speaker is. A visibility lexmap does not
    know (in a case with problems) counts as withheld."""
    if not hidden:
        return {}

    def withheld(visibility: str | None) -> bool:
        return visibility in hidden or (visibility is not None and visibility not in get_args(Visibility))

    marks = list(marks)
    out = {i: c for c, i, v, _d, _s in marks if c in ("documents", "actors") and withheld(v)}
    out.update((i, c) for c, i, v, d, s in marks if c in STATEMENTS and (withheld(v) or d in out or s in out))
    return out


def withhold_problems(error: CorpusError, profile: str) -> CorpusError:
    """``error`` as a build under ``profile`` may print it (its log may be as public as the
    edition): a problem at a withheld record, or naming one, keeps its file and line and says in
    general terms what is wrong, never the record's id, words or the text around its quote."""
    secret = secret_ids(error.marks, WITHHOLDS[check_profile(profile)])
    if not secret:
        return error
    hint = f"withheld under --profile {profile}: run lexmap validate without --profile to see this problem"
    shown = []
    for problem in error.problems:
        own = secret.get(problem.id or "")
        said = f"{problem.message} {problem.hint or ''}"
        if own is None and not any(word.strip(".") in secret for word in re.split(r"[^\w/@.-]+", said)):
            shown.append(problem)
            continue
        words = problem.message.split()
        general = list(itertools.takewhile(lambda w: re.fullmatch(r"[a-z][a-z0-9_]*", w) and w not in secret, words))
        what = " ".join(general + ["..."] if len(general) < len(words) else general)
        about = f"in a withheld {own.removesuffix('s')}" if own else "naming a withheld record"
        message = f"a problem {about}" + (f": {what}" if general else "")
        shown.append(attrs.evolve(problem, id=None if own else problem.id, message=message, hint=hint))
    return CorpusError(shown, error.marks)


def quote_pieces(quote: str, words: int = 5) -> tuple[str, ...]:
    """``quote``, the parts of it between omissions (``[...]``, ``...``) and the first and last
    ``words`` words of each: what an output may show of it (a text-fragment link holds only a
    quote's first and last words); a part of fewer than three words is no evidence of a leak."""
    parts = [" ".join(p.split()) for p in re.split(r"\s*(?:\.\.\.|\u2026|\[[^\]]*\])\s*", quote)]
    out = [quote, *(p for p in parts if len(p.split()) >= 3)]  # "the" alone would be found everywhere
    for part in parts:
        split = part.split()
        if len(split) > words:
            out += [" ".join(split[:words]), " ".join(split[-words:])]
    return tuple(out)


def _document(document: Document, secret: bool, names: _Pseudonyms, titles, persons, citation) -> Document:
    common = {
        "authored_by": tuple(names.id(a) for a in document.authored_by),
        "published_by": names.id(document.published_by),
        "cites": tuple(citation(c, secret) for c in document.cites),
    }
    if not secret:
        touches = document.published_by in names.ids or any(
            a in names.ids for a in (*document.authored_by, *(c.document for c in document.cites))
        )
        return attrs.evolve(document, **common) if touches else document
    return attrs.evolve(
        document,
        id=names.id(document.id),
        title=titles[document.id],
        authors=tuple(persons.get(a, a) for a in document.authors),
        publisher=persons.get(document.publisher, document.publisher) if document.publisher else None,
        url=None,
        text_file=None,
        notes=None,
        original_title=None,
        archived_url=None,
        sha256=None,
        original_sha256=None,
        retrieved=None,
        **common,
    )


def _text_status(status: TextStatus, secret: bool, names: _Pseudonyms, withheld: set[str]) -> TextStatus:
    """What the edition says of a text read: a withheld document's keeps no hash of its file (it
    identifies the file) and no pages; no document keeps the pages of a withheld statement."""
    if secret:
        return attrs.evolve(status, document=names.id(status.document), sha256=None, pages={})
    if withheld.isdisjoint(status.pages):
        return status
    return attrs.evolve(status, pages={k: v for k, v in status.pages.items() if k not in withheld})


def _practice(practice: Practice, hidden_documents: set[str], names: _Pseudonyms) -> Practice:
    basis = practice.legal_basis
    if basis is None or basis.document not in hidden_documents:
        return practice
    return attrs.evolve(practice, legal_basis=LegalBasis(names.id(basis.document), WITHHELD_PINPOINT, None))


def _case(read: CaseRecords, profile: str, withheld: int, total: int, names: _Pseudonyms) -> Case:
    """The manifest of the edition: its title says the profile and how many statements it
    withholds, so that every output naming the case says it too."""
    case = read.case or Case(title=read.root.name if read.root else "lexmap corpus")
    note = f"{profile} edition: {withheld} of {total} statement{'s' if total != 1 else ''} withheld"
    return attrs.evolve(
        case,
        title=f"{case.title} ({note})",
        profile=profile,  # type: ignore[arg-type]  # check_profile: public or internal here
        withheld=withheld,
        texts_not_included=tuple(names.id(d) for d in case.texts_not_included),
    )
