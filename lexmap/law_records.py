"""The law library's records: states, their treaty actions, instruments with their provisions
(and the sources of their texts), legal tests as trees of elements, indicator frameworks. They
serve every case (``instruments/``); a case's own records are in :mod:`lexmap.model`."""

from __future__ import annotations

from typing import Literal

import attrs

from .fields import Id, IsoDate, WebAddress, _Record

PartyStatus = Literal["party", "signatory", "not-party", "not-applicable"]
TreatyEvent = Literal[
    "signature",
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "succession",
    "entry-into-force",
    "denunciation",
    "denunciation-effective",
    "definitive-signature",
]
CONSENT_EVENTS = frozenset({"ratification", "acceptance", "approval", "accession", "succession", "definitive-signature"})
"""A definitive signature (a signature not subject to ratification) binds as ratification does."""
UNRATIFIABLE = frozenset({"statute", "declaration", "regulation"})
"""Kinds of instrument that states do not ratify."""
InstrumentKind = Literal["treaty", "convention", "protocol", "statute", "declaration", "regulation"]
TestKind = Literal["definition", "prohibition", "obligation", "exception", "rule"]
UnMembership = Literal["member", "observer", "non-member"]


@attrs.frozen
class State(_Record):
    """A state (an ISO 3166-1 entry: ``id`` its alpha-2 code, lowercase), with UN membership."""

    id: Id
    name: str
    un_membership: UnMembership | None = None
    independent: bool | None = None


@attrs.frozen
class TreatyAction(_Record):
    """One dated event of a state's relation to an instrument, as the official record gives it."""

    event: TreatyEvent
    date: IsoDate
    note: str | None = None
    source: str | None = None
    """Where this event is read, when not from the record's own ``source``."""


@attrs.frozen
class Ratification(_Record):
    """The history of one state towards one instrument, read from ``source`` (the official record)."""

    instrument: Id
    state: Id
    events: tuple[TreatyAction, ...] = ()
    source: str | None = None
    as_of: IsoDate | None = None
    """The date of the record's status: no event by then means the state had taken no action."""
    note: str | None = None

    @property
    def id(self) -> str:
        return f"{self.instrument}@{self.state}"


PublisherClass = Literal["official", "state-party", "republisher", "secondary"]
"""Who published a copy of a law text: the depositary or author (``official``), a state party's own
publication (``state-party``), a reliable republisher (``republisher``), anyone else (``secondary``)."""


@attrs.frozen
class TextCopy(_Record):
    """An independent copy a provision's text was compared with, and what the comparison found."""

    url: WebAddress
    publisher: PublisherClass
    note: str | None = None


@attrs.frozen
class TextVariant(_Record):
    """A reading of a copy that differs from the recorded text: ``reading`` where the text has
    ``instead_of``, in the copy at ``copy`` (a URL of the source or of a checked copy)."""

    reading: str
    instead_of: str
    copy: WebAddress
    note: str | None = None


@attrs.frozen
class TextSource(_Record):
    """Where a provision's text was copied from, what it was checked against, where copies differ.

    It covers the provision and every provision below it that has no source of its own."""

    url: WebAddress
    publisher: PublisherClass
    note: str | None = None
    checked_against: tuple[TextCopy, ...] = ()
    variants: tuple[TextVariant, ...] = ()

    @property
    def single_copy(self) -> bool:
        """Whether the text rests on its source alone (no independent copy checked)."""
        return not self.checked_against


@attrs.frozen
class Provision(_Record):
    """An article, paragraph or subparagraph; ``provisions`` nest as the instrument nests them."""

    id: Id
    label: str
    heading: str | None = None
    text: str | None = None
    source: TextSource | None = None
    provisions: tuple[Provision, ...] = ()

    def walk(self):
        """Yield this provision and every provision below it, in document order."""
        stack = [self]
        while stack:
            provision = stack.pop()
            yield provision
            stack.extend(reversed(provision.provisions))


@attrs.frozen
class Element(_Record):
    """A component of a legal test; the root of a tree is the test itself.

    Children combine by ``all_of`` (every one must be met) or ``any_of`` (one
    suffices); an element with neither is a leaf.
    """

    id: Id
    label: str
    provision: Id | None = None
    kind: TestKind | None = None
    description: str | None = None
    words: str | None = None
    defined_by: Id | None = None
    all_of: tuple[Element, ...] = ()
    any_of: tuple[Element, ...] = ()

    @property
    def combinator(self) -> Literal["all", "any"] | None:
        return "all" if self.all_of else "any" if self.any_of else None

    @property
    def children(self) -> tuple[Element, ...]:
        return self.all_of or self.any_of

    def walk(self):
        """Yield this element and every element below it, depth first."""
        stack = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed(element.children))


@attrs.frozen
class Instrument(_Record):
    id: Id
    title: str
    short_name: str
    kind: InstrumentKind
    binding: bool
    adopted_by: str | None = None
    adopted: IsoDate | None = None
    in_force: IsoDate | None = None
    url: WebAddress | None = None
    notes: str | None = None
    provisions: tuple[Provision, ...] = ()
    tests: tuple[Element, ...] = ()
    in_force_after_consent: str | None = None
    """When the instrument enters into force for a state after its consent (ratification,
    accession...), by the instrument's own rule, as an ISO 8601 duration: ``P12M``, ``P30D``."""


@attrs.frozen
class Indicator(_Record):
    id: Id
    label: str
    description: str | None = None


@attrs.frozen
class IndicatorFramework(_Record):
    id: Id
    title: str
    publisher: str | None = None
    date: IsoDate | None = None
    url: WebAddress | None = None
    indicators: tuple[Indicator, ...] = ()
