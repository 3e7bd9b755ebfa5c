"""The concepts of DOMAIN.md as immutable attrs classes: the case's records (actors, documents,
practices, the four kinds of statement, the case manifest); the law library's are in
:mod:`lexmap.law_records`, the field types in :mod:`lexmap.fields`, both importable from here.

The field names are the YAML field names (docs/data-format.md); the classes hold
no I/O and no cross-references beyond ids: the :class:`~lexmap.corpus.Corpus`
resolves ids.
"""

from __future__ import annotations

from typing import Literal

import attrs

from .fields import (  # noqa: F401  (the field types, importable from the model)
    ID,
    ISO_DATE,
    MAX_ID_LENGTH,
    MAX_LENGTH,
    MIN_ITEMS,
    RESERVED_IDS,
    SLUG,
    EventDate,
    Id,
    IsoDate,
    WebAddress,
    _Record,
    date_before,
    is_iso_date,
)
from .law_records import (  # noqa: F401  (the law library's records, importable from the model)
    CONSENT_EVENTS,
    UNRATIFIABLE,
    Element,
    Indicator,
    IndicatorFramework,
    Instrument,
    InstrumentKind,
    PartyStatus,
    Provision,
    PublisherClass,
    Ratification,
    State,
    TestKind,
    TextCopy,
    TextSource,
    TextVariant,
    TreatyAction,
    TreatyEvent,
    UnMembership,
)

Stance = Literal["supports", "contests"]
ActorKind = Literal["organisation", "government", "person"]
DocumentKind = Literal[
    "report",
    "statute",
    "regulation",
    "news-article",
    "blog-post",
    "fact-sheet",
    "un-communication",
    "court-ruling",
    "government-statement",
    "social-media-post",
    "other",
]
Visibility = Literal["public", "restricted", "confidential"]
"""Who may read a document, a statement or an actor: ``--profile`` withholds what it may not
show (:mod:`lexmap.profiles`); every record is ``public`` unless it says otherwise."""


@attrs.frozen
class Actor(_Record):
    """Who speaks: an organisation, a government or a person, maybe ``part_of`` a larger one."""

    id: Id
    name: str
    kind: ActorKind
    part_of: Id | None = None
    notes: str | None = None
    visibility: Visibility = "public"


@attrs.frozen
class Citation(_Record):
    """The citing document relies on ``document`` at ``pinpoint`` (e.g. a footnote)."""

    document: Id
    pinpoint: str | None = None
    note: str | None = None


@attrs.frozen
class Document(_Record):
    id: Id
    title: str
    kind: DocumentKind
    authors: tuple[str, ...] = ()
    original_title: str | None = None
    """The title in the document's own language, when ``title`` is a translation of it."""
    title_language: str | None = None
    """The language (BCP 47) of ``title`` when it is not ``language``: the ILO's French pages
    showing an English text. Citations never re-case a title that is not in English."""
    publisher: str | None = None
    date: IsoDate | None = None
    url: WebAddress | None = None
    language: str | None = None
    text_file: str | None = None
    notes: str | None = None
    authored_by: tuple[Id, ...] = ()
    published_by: Id | None = None
    cites: tuple[Citation, ...] = ()
    retrieved: IsoDate | None = None
    """When the copy at ``url`` was retrieved (by the analyst, or as the citing source says: "accessed ...")."""
    archived_url: WebAddress | None = None
    """An archived copy of ``url`` (the Wayback Machine's, perma.cc's)."""
    sha256: str | None = None
    """The SHA-256 of ``text_file`` when its quotes were checked: validate names a text that changed since."""
    original_sha256: str | None = None
    """The SHA-256 of the original file ``text_file`` was extracted from (the PDF of a .txt copy)."""
    visibility: Visibility = "public"


@attrs.frozen
class LegalBasis(_Record):
    """The rule a practice is carried out under: ``pinpoint`` of ``document``."""

    document: Id
    pinpoint: str
    text: str | None = None


@attrs.frozen
class Practice(_Record):
    id: Id
    label: str
    description: str | None = None
    actor: str | None = None
    programme: str | None = None
    state: Id | None = None
    places: tuple[str, ...] = ()
    period: str | None = None
    start: IsoDate | None = None
    end: IsoDate | None = None
    part_of: Id | None = None
    legal_basis: LegalBasis | None = None


@attrs.frozen
class Claim(_Record):
    """``document`` argues (or contests) that ``practice`` satisfies ``element``."""

    id: Id
    document: Id
    practice: Id
    element: Id
    stance: Stance
    pinpoint: str
    quote: str
    speaker: Id | None = None
    relies_on: tuple[Citation, ...] = ()
    note: str | None = None
    translation: str | None = None
    """The quote in English, when the document's ``language`` is another: the quote stays verbatim
    in the original and is checked there."""
    translation_by: str | None = None
    """Who translated: an actor id, or ``machine: NAME, DATE`` (``machine: DeepL, 2024-05-02``)."""
    page: str | None = None
    """The printed page label the quote is on (``"21"``, ``"xi"``), checked against a PDF text."""
    when: EventDate | None = None
    hedge: str | None = None
    """The speaker's own words qualifying the argument ("could amount to", "strong indications"),
    verbatim from the quote: a hedged argument is not a plain finding, and outputs say so."""
    visibility: Visibility = "public"


@attrs.frozen
class Range(_Record):
    """A range a source gives ("from five to 25 percent"); one end may stay open ("up to 85%"
    has only ``high``, "at least 75%" only ``low``)."""

    low: float | None = None
    high: float | None = None


@attrs.frozen
class Period(_Record):
    """When a figure holds, as precisely as the source says: either end may be unknown."""

    start: IsoDate | None = None
    end: IsoDate | None = None


@attrs.frozen
class Figure(_Record):
    """A number an attestation's quote gives: a ``value`` or a ``range``, in ``unit``, of ``base``.

    ``base`` says what the number measures, in words kept alike across sources: what it is a
    share of and whose share it is ("salary, share the worker receives" is not "salary, share
    handed over to the state"). Only figures of the same unit and base are compared
    (:mod:`lexmap.conflicts`)."""

    words: str
    """The figure as the quote writes it ("five to 25 percent"): checked to be in the quote."""
    unit: str
    base: str
    value: float | None = None
    range: Range | None = None
    period: Period | None = None
    note: str | None = None

    def problems(self) -> list[tuple[tuple[str, ...], str, str]]:
        """What makes the figure unreadable: ``(field path, message, hint)`` for each."""
        found: list[tuple[tuple[str, ...], str, str]] = []
        if (self.value is None) == (self.range is None):
            found.append(
                (
                    (),
                    "a figure has either a value or a range" + (", not both" if self.value is not None else ""),
                    "write value: 9.36, or range: {low: 5, high: 25}",
                )
            )
        if self.range is not None:
            low, high = self.range.low, self.range.high
            if low is None and high is None:
                found.append((("range",), "a range needs low, high or both", "write 'up to 85' as high: 85"))
            elif low is not None and high is not None and low > high:
                found.append((("range",), f"low ({low:g}) is above high ({high:g})", "swap them"))
        if self.period and self.period.start and self.period.end and date_before(self.period.end, self.period.start):
            found.append(
                (("period", "end"), f"end ({self.period.end}) is before start ({self.period.start})", "check both dates")
            )
        return found

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """``(low, high)``: a value is a range of one point; None is an open end."""
        if self.value is not None:
            return self.value, self.value
        return (self.range.low, self.range.high) if self.range else (None, None)

    @property
    def shown(self) -> str:
        """The figure in short: "9.36 percent", "5\u201325 percent", "up to 85 percent"."""
        low, high = self.bounds
        if low == high and low is not None:
            number = f"{low:g}"
        elif low is None:
            number = f"up to {high:g}"
        elif high is None:
            number = f"at least {low:g}"
        else:
            number = f"{low:g}\u2013{high:g}"
        return f"{number} {self.unit}"


@attrs.frozen
class Attestation(_Record):
    """``document`` reports that ``practice`` happens: a fact, not a legal argument; ``figures``
    are the numbers its quote gives."""

    id: Id
    document: Id
    practice: Id
    pinpoint: str
    quote: str
    speaker: Id | None = None
    relies_on: tuple[Citation, ...] = ()
    note: str | None = None
    figures: tuple[Figure, ...] = ()
    translation: str | None = None
    """The quote in English, when the document's ``language`` is another: the quote stays verbatim
    in the original and is checked there."""
    translation_by: str | None = None
    """Who translated: an actor id, or ``machine: NAME, DATE`` (``machine: DeepL, 2024-05-02``)."""
    page: str | None = None
    when: EventDate | None = None
    visibility: Visibility = "public"


@attrs.frozen
class Exhibit(_Record):
    """``document`` says that ``practice`` exhibits ``indicator`` (or contests it)."""

    id: Id
    document: Id
    practice: Id
    indicator: Id
    pinpoint: str
    quote: str
    stance: Stance = "supports"
    speaker: Id | None = None
    relies_on: tuple[Citation, ...] = ()
    note: str | None = None
    translation: str | None = None
    """The quote in English, when the document's ``language`` is another: the quote stays verbatim
    in the original and is checked there."""
    translation_by: str | None = None
    """Who translated: an actor id, or ``machine: NAME, DATE`` (``machine: DeepL, 2024-05-02``)."""
    page: str | None = None
    when: EventDate | None = None
    visibility: Visibility = "public"


@attrs.frozen
class Reading(_Record):
    """``document`` (through ``speaker``) states how the law reads, tied to no practice.

    What an instrument, provision or element means, its status, or how it relates to another: a
    statement about the law. ``about`` names the instruments, provisions or elements it reads (at
    least one); it counts towards no practice's evidence."""

    id: Id
    document: Id
    about: tuple[Id, ...] = attrs.field(metadata={MIN_ITEMS: 1})
    pinpoint: str
    quote: str
    speaker: Id | None = None
    relies_on: tuple[Citation, ...] = ()
    note: str | None = None
    translation: str | None = None
    """The quote in English, when the document's ``language`` is another: the quote stays verbatim
    in the original and is checked there."""
    translation_by: str | None = None
    """Who translated: an actor id, or ``machine: NAME, DATE`` (``machine: DeepL, 2024-05-02``)."""
    page: str | None = None
    when: EventDate | None = None
    visibility: Visibility = "public"


@attrs.frozen
class Case(_Record):
    """A case's manifest (``lexmap.yaml``): what the case is, which law it uses, which document
    texts it does not ship (their quotes can only be checked with ``--texts``)."""

    title: str = attrs.field(metadata={MAX_LENGTH: 200})
    description: str | None = attrs.field(default=None, metadata={MAX_LENGTH: 2000})
    licence: str | None = attrs.field(default=None, metadata={MAX_LENGTH: 300})
    date: IsoDate | None = None
    law: tuple[str, ...] = attrs.field(default=("bundled",), metadata={MAX_LENGTH: 500})
    texts_not_included: tuple[Id, ...] = ()
    notes: str | None = attrs.field(default=None, metadata={MAX_LENGTH: 10_000})
    profile: Literal["public", "internal"] | None = None
    """Set by lexmap in an edition made under ``--profile`` (:mod:`lexmap.profiles`), not by hand."""
    withheld: int | None = None
    """In such an edition: how many statements it withholds (counted, not shown)."""


COLLECTIONS: dict[str, type] = {
    "states": State,
    "ratifications": Ratification,
    "actors": Actor,
    "instruments": Instrument,
    "indicator_frameworks": IndicatorFramework,
    "documents": Document,
    "practices": Practice,
    "claims": Claim,
    "attestations": Attestation,
    "exhibits": Exhibit,
    "readings": Reading,
}
"""Top-level YAML keys and the record class of each."""

STATEMENTS = ("claims", "attestations", "exhibits", "readings")
"""The collections of statements: what a document says, with pinpoint and verbatim quote. Readings
are about the law and tied to no practice: they never count towards a practice's evidence."""
PRACTICE_STATEMENTS = ("claims", "attestations", "exhibits")
"""The statements about a practice: what coverage, levels and independence count."""
