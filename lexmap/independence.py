"""Source independence: which statements stand on their own, and why the others do not.

A statement's *voices* are its ``speaker``, else its document's authors
(``authored_by`` actors, else the ``authors`` names), else its publisher
(``published_by``, else the ``publisher`` name), each actor with the
organisations it is ``part_of`` (followed to the top). A statement with no
voice is *unattributed*: shown, counted as argued, never a source of its own.

Two statements (claims, attestations, exhibits) are *dependent* when

1. they are recorded in the same document, or one's document cites the other's
   (``cites``, or a statement's ``relies_on``), directly or through a chain;
2. they rest on the same source: the documents each ``relies_on`` (and what
   those cite, through any chain) meet. A statement without ``relies_on`` rests
   on its own document alone;
3. they share a voice: a speaker, or an organisation a speaker is part of, or
   the author or publisher of a document one of them rests on (statements
   resting on the 2020 and the 2021 TIP reports share the State Department);
4. with ``mode="publisher"``, also: their documents have the same publisher
   (followed to the top through ``part_of``).

Dependence links statements into *groups* (connected components); the number
of independent sources is the number of groups that hold an attributed
statement. This is conservative: two statements linked only through a third
count once. Every link keeps its reason in words, so every count can be
explained. docs/evidence.md states these rules with worked examples.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from .citation_paths import EMPTY, PATH_WORDS, Steps, citation_links

MODES = ("speaker", "publisher")
__all__ = ["MODES", "PATH_WORDS", "Group", "Link", "Sources"]


@attrs.frozen
class Link:
    """Why statement ``a`` and statement ``b`` are not independent, in words."""

    a: str
    b: str
    reason: str
    """same-document, citation, same-source, same-speaker or same-publisher."""
    because: str


@attrs.frozen
class Group:
    """Statements that depend on one another (one independent source), and the links that tie them."""

    statements: tuple[str, ...]
    documents: tuple[str, ...]
    links: tuple[Link, ...]
    attributed: bool = True
    """False when no statement of the group has a known voice: then it is no source at all."""


class Sources:
    """What each document cites and who speaks each statement, for one corpus."""

    def __init__(self, documents: Mapping, actors: Mapping, statements: Iterable, mode: str = "speaker"):
        if mode not in MODES:
            raise ValueError(f"unknown independence mode {mode!r}; use one of {', '.join(MODES)}")
        self.mode = mode
        self.documents = documents
        self.actors = actors
        # document -> [(cited document, pinpoint)]: its citations and what its statements rely on
        self.cites: dict[str, list[tuple[str, str | None]]] = {}
        for document in documents.values():
            self.cites[document.id] = [(c.document, c.pinpoint) for c in document.cites]
        for statement in statements:
            for reliance in statement.relies_on:
                self.cites.setdefault(statement.document, []).append((reliance.document, reliance.pinpoint))
        self._voiced: dict[str, bool] = {}

    # -- who speaks --------------------------------------------------------

    def speakers(self, statement) -> tuple[str, ...]:
        """The actors (ids) who make ``statement``: its speaker, else its document's recorded
        authors, else its recorded publisher."""
        if statement.speaker:
            return (statement.speaker,)
        document = self.documents.get(statement.document)
        if document is None:
            return ()
        return document.authored_by or ((document.published_by,) if document.published_by else ())

    def voices(self, statement) -> tuple[str, ...]:
        """The voices of ``statement`` (see the module docstring): its speakers, else the authors'
        or publisher's names its document gives without an actor record. Empty: unattributed."""
        return (statement.speaker,) if statement.speaker else self.document_voices(statement.document)

    def document_voices(self, document_id: str) -> tuple[str, ...]:
        """Who speaks in a document of its own: its authors, else its publisher (actor ids where
        recorded, else the names the document gives)."""
        document = self.documents.get(document_id)
        if document is None:
            return ()
        if document.authored_by or document.published_by:
            return document.authored_by or (document.published_by,)
        return document.authors or ((document.publisher,) if document.publisher else ())

    def chain(self, actor: str) -> list[str]:
        """``actor`` and the organisations it is part of, innermost first."""
        out, seen = [actor], {actor}  # a set beside the list: a test of the list made a deep chain cubic
        while (parent := getattr(self.actors.get(out[-1]), "part_of", None)) and parent not in seen:
            out.append(parent)
            seen.add(parent)
        return out

    def _name(self, actor: str) -> str:
        return getattr(self.actors.get(actor), "name", actor)

    @staticmethod
    def _relies(statement, reliance, path: Steps) -> str:
        """How ``statement`` rests on a source through ``reliance`` and ``path`` (the citations
        from the document it relies on to the source), in words."""
        said = f"{statement.id} relies on {reliance.document}" + (f" at {reliance.pinpoint}" if reliance.pinpoint else "")
        return f"{said}; {path.words()}" if path.count else said

    def _both_rest_on(self, source: str, first: tuple, second: tuple) -> str:
        """Why two statements rest on ``source``: each (statement, reliance, path), in words."""
        return f"both rest on {source}: {self._relies(*first)}; {self._relies(*second)}"

    # -- groups ----------------------------------------------------------------

    def groups(self, statements: Sequence) -> tuple[Group, ...]:
        """The statements grouped into independent sources, largest group first."""
        root, links = self._join(statements, reasons=True)
        members: dict[int, list[int]] = {}
        for i in range(len(statements)):
            members.setdefault(root[i], []).append(i)
        groups = []
        for indices in members.values():
            group_root = root[indices[0]]
            groups.append(
                Group(
                    statements=tuple(statements[i].id for i in indices),
                    documents=tuple(dict.fromkeys(statements[i].document for i in indices)),
                    links=tuple(lk for i, j, lk in links if root[i] == group_root),
                    attributed=any(self.voices(statements[i]) for i in indices),
                )
            )
        return tuple(sorted(groups, key=lambda g: (not g.attributed, -len(g.statements))))

    def _join(self, statements: Sequence, reasons: bool) -> tuple[list[int], list[tuple[int, int, Link]]]:
        """The rules of dependence (the module docstring) applied to ``statements``: each one's
        group (a representative's index) and, with ``reasons``, the links that joined them with
        their reasons in words (without, for a count, no reason is put in words)."""
        parent = list(range(len(statements)))
        links: list[tuple[int, int, Link]] = []

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def link(i: int, j: int, reason: str, because: str | Callable[[], str]) -> None:
            """Join ``i`` and ``j``; the reason is put in words (``because()``) only for a link
            that joins two groups."""
            root_i, root_j = find(i), find(j)
            if root_i != root_j:
                parent[root_i] = root_j
                if reasons:
                    words = because if isinstance(because, str) else because()
                    links.append((i, j, Link(statements[i].id, statements[j].id, reason, words)))

        by_document: dict[str, int] = {}
        for i, statement in enumerate(statements):
            first = by_document.setdefault(statement.document, i)
            if first != i:
                link(first, i, "same-document", f"both are recorded in {statement.document}" if reasons else "")
        # the citation rule: each document below the statements' documents is walked a few
        # times in all, not once for each document above it (lexmap.citation_paths)
        citation_links(
            lambda document: self.cites.get(document, ()),
            by_document,
            lambda citing, cited, words: link(by_document[citing], by_document[cited], "citation", words),
            reasons,
        )
        # the same-source rule: each statement walks what it rests on, and stops at a source an
        # earlier walk went through (what lies beyond is that walk's, joined to it already): every
        # source is walked from once, however many statements rest on a long citation chain; each
        # source's path keeps its few steps in words (Steps), put together only for a link that
        # joins two groups
        claimed: dict[str, tuple[int, Any, Steps]] = {}  # source -> (statement, reliance, the path to it)
        owned: list[list[str]] = [[] for _ in statements]  # the sources each statement's walks went through
        for i, statement in enumerate(statements):
            for reliance in statement.relies_on:
                walk: dict[str, Steps] = {reliance.document: EMPTY}  # source -> the path from reliance.document
                queue = deque([reliance.document])
                while queue:
                    source = queue.popleft()
                    if source in claimed:
                        j, reliance_j, path_j = claimed[source]
                        because = (source, (statements[j], reliance_j, path_j), (statement, reliance, walk[source]))
                        link(j, i, "same-source", functools.partial(self._both_rest_on, *because) if reasons else "")
                        continue
                    claimed[source] = (i, reliance, walk[source])
                    owned[i].append(source)
                    for cited, pinpoint in self.cites.get(source, ()):
                        if cited not in walk:
                            walk[cited] = walk[source].then(Steps.one(source, cited, pinpoint)) if reasons else EMPTY
                            queue.append(cited)
        speaking: dict[str, tuple[int, str]] = {}
        for i, statement in enumerate(statements):
            for actor, how in self._voices_with_reasons(statement, owned[i], reasons):
                for depth, organisation in enumerate(self.chain(actor)):
                    said = how + ("" if depth == 0 else f" (part of {self._name(organisation)})") if reasons else ""
                    if organisation in speaking:
                        j, other_how = speaking[organisation]
                        link(j, i, "same-speaker", f"{other_how}, and {said}" if reasons else "")
                    else:
                        speaking[organisation] = (i, said)
        if self.mode == "publisher":
            publishing: dict[str, int] = {}
            for i, statement in enumerate(statements):
                publisher = getattr(self.documents.get(statement.document), "published_by", None)
                if publisher:
                    top = self.chain(publisher)[-1]
                    if top in publishing:
                        link(
                            publishing[top],
                            i,
                            "same-publisher",
                            f"{statements[publishing[top]].document} and {statement.document} are published by {self._name(top)}"
                            if reasons
                            else "",
                        )
                    else:
                        publishing[top] = i
        return [find(i) for i in range(len(statements))], links

    def count(self, statements: Sequence) -> int:
        """How many independent sources ``statements`` rest on: groups with a known voice."""
        if len(statements) < 2:  # none, or one: the commonest case, kept cheapest
            return int(bool(statements) and bool(statements[0].speaker or self._document_voiced(statements[0].document)))
        first = statements[0].document
        if len(statements) == 1 or all(s.document == first for s in statements):
            # one document: one group (the common case, kept cheap)
            return int(any(s.speaker or self._document_voiced(s.document) for s in statements))
        root, _ = self._join(statements, reasons=False)
        return len({root[i] for i, s in enumerate(statements) if s.speaker or self._document_voiced(s.document)})

    def attributed(self, statement) -> bool:
        """Whether ``statement`` has a voice (:meth:`voices`): whether it counts as a source."""
        return bool(statement.speaker) or self._document_voiced(statement.document)

    def _document_voiced(self, document: str) -> bool:
        """Whether ``document`` has a voice of its own (:meth:`document_voices`), asked once."""
        found = self._voiced.get(document)
        if found is None:
            found = self._voiced[document] = bool(self.document_voices(document))
        return found

    def _voices_with_reasons(self, statement, rests_on: Sequence[str], reasons: bool = True) -> list[tuple[str, str]]:
        """Each voice ``statement`` carries, with how it carries it in words (with ``reasons``):
        its own voices, and the authors (else publisher) of every document in ``rests_on`` (what
        it rests on, through any chain, less what another statement's walk went through first)."""
        out = [(actor, f"{statement.id} is spoken by {self._name(actor)}" if reasons else "") for actor in self.voices(statement)]
        for document in rests_on:
            out += [
                (actor, f"{statement.id} rests on {document}, by {self._name(actor)}" if reasons else "")
                for actor in self.document_voices(document)
            ]
        return out
