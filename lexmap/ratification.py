"""A state's status towards an instrument on a date, from its dated treaty events, as an answer
an analyst can cite: the value, whether the instrument bound the state then, since when, and the
events and source it rests on.

- Consent to be bound (ratification, acceptance, approval, accession, succession) makes a
  state *contracting*; it is a *party*, bound, once the instrument is in force for it: from
  the record's ``entry-into-force`` event, else by the instrument's own rule
  (``in_force_after_consent``: C29 twelve months after registration, the Palermo Protocol
  on the 30th day after deposit), never before the instrument's own entry into force.
  Where neither is known the state counts as a party from its consent, and ``in_force`` is
  None (not known).
- A signature alone makes a *signatory* (not bound). A denunciation ends it.
- Every date is a range of days (:mod:`lexmap.dates`): an event known to the year leaves the
  days of that year *uncertain*, and so does a date asked about that an event falls inside.
- A record's ``as_of`` bounds what it says: after that date the status is *uncertain*.
- Nothing recorded is *not-recorded*, never not-party; statutes and declarations are
  *not-applicable*.
"""

from __future__ import annotations

import datetime
import re

import attrs

from .dates import DateRange, parse_date, today
from .model import CONSENT_EVENTS, UNRATIFIABLE, Instrument, Ratification, TreatyAction

VALUES = ("party", "contracting", "signatory", "not-party", "not-applicable", "uncertain", "not-recorded")
_DURATION = re.compile(r"P(\d+)([MD])", re.ASCII)


@attrs.frozen(eq=False)
class PartyStatus:
    """``state``'s status towards ``instrument`` on ``on``; equal to its ``value`` as text, so
    ``status == "party"`` reads as it should."""

    instrument: str
    state: str
    on: str
    value: str
    """party, contracting, signatory, not-party, not-applicable, uncertain or not-recorded."""
    in_force: bool | None = None
    """Whether the instrument bound the state on that date (None: not known or not applicable)."""
    since: str | None = None
    """The date of the event the value follows from."""
    because: str = ""
    """The reason in words."""
    events: tuple[TreatyAction, ...] = ()
    source: str | None = None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return self.value == other
        if isinstance(other, PartyStatus):
            return attrs.astuple(self, recurse=False) == attrs.astuple(other, recurse=False)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.value)

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The answer in a sentence: who, towards what, on which date, and the summary."""
        return f"{self.state} towards {self.instrument} on {self.on}: {self.summary}"

    @property
    def summary(self) -> str:
        """The value, whether bound, why, and the source."""
        bound = {True: "bound", False: "not bound", None: "binding not known"}[self.in_force]
        head = self.value + (f" ({bound})" if self.value not in ("not-applicable", "not-recorded") else "")
        return head + (f"; {self.because}" if self.because else "") + (f". Source: {self.source}" if self.source else "")

    def __repr__(self) -> str:
        return f"<PartyStatus {self.text}>"

    def _repr_html_(self) -> str:
        import html

        return f"<p>{html.escape(self.text)}</p>"


def party_status(instrument: Instrument, state: str, record: Ratification | None, on: object = None) -> PartyStatus:
    """The status on ``on`` (an ISO date, a year, an EDTF date or interval; default today)."""
    when = today() if on is None else parse_date(on)
    answer = _Answer(instrument.id, state, when.text)
    if instrument.kind in UNRATIFIABLE:
        return answer("not-applicable", None, None, f"a {instrument.kind} is not ratified by states")
    if record is None:
        return answer("not-recorded", None, None, "the law library records no treaty action of this state")
    answer.events, answer.source = record.events, record.source
    if record.as_of and parse_date(record.as_of).upper < when.upper:
        then = _status(instrument, record.events, parse_date(record.as_of))[0]
        return answer(
            "uncertain",
            None,
            None,
            f"the record speaks to {record.as_of} only (then: {then}); later acts, if any, are not recorded",
        )
    return answer(*_status(instrument, record.events, when))


@attrs.define
class _Answer:
    instrument: str
    state: str
    on: str
    events: tuple = ()
    source: str | None = None

    def __call__(self, value, in_force, since, because) -> PartyStatus:
        return PartyStatus(self.instrument, self.state, self.on, value, in_force, since, because, self.events, self.source)


def _status(instrument: Instrument, events: tuple[TreatyAction, ...], when: DateRange) -> tuple:
    """(value, in force, since, why) on every day of ``when``, or uncertain when they differ."""
    ranges = [parse_date(e.date) for e in events]
    samples = {when.lower, when.upper} | {d for r in ranges for d in (r.lower, r.upper) if when.lower <= d <= when.upper}
    answers = [_on_day(instrument, events, ranges, day, late) for day in sorted(samples) for late in (False, True)]
    if len({(a[0], a[1]) for a in answers}) == 1:  # certain, though a date read early or late may move the reason
        value, in_force, since, _ = answers[0]
        return (
            value,
            in_force,
            since,
            " (or, the acts' dates read at their latest: ".join(dict.fromkeys(a[3] for a in answers))
            + (")" if len({a[3] for a in answers}) > 1 else ""),
        )
    values = list(dict.fromkeys(a[0] for a in answers))
    why = (
        f"within {when.text} the state may have been {', '.join(values[:-1])} or {values[-1]}"
        if len(values) > 1
        else f"within {when.text} the state was {values[0]}, but whether it was bound is not certain"
    )
    return "uncertain", None, None, why + "; the record dates an act less precisely than the question, or an act falls inside it"


def _on_day(instrument: Instrument, events, ranges: list[DateRange], day: datetime.date, late: bool) -> tuple:
    """The status on ``day`` with each event at the first (``late`` False) or last day it may mean."""
    value, since, consent, why = "not-party", None, None, "no act of the state by then"
    entry = next((r for e, r in zip(events, ranges, strict=True) if e.event == "entry-into-force"), None)
    for event, span in zip(events, ranges, strict=True):
        date = span.upper if late else span.lower
        if date > day:
            continue
        if event.event in CONSENT_EVENTS:
            value, since, consent, why = "contracting", event.date, date, f"{event.event} on {event.date}"
        elif event.event == "signature" and value == "not-party":
            value, since, why = "signatory", event.date, f"signature on {event.date}, not followed by consent"
        elif event.event in ("denunciation", "denunciation-effective"):
            value, since, consent, why = "not-party", event.date, None, f"{event.event} on {event.date}"
    if value != "contracting":
        return value, False if value in ("signatory", "not-party") else None, since, why
    binding = _binding_day(instrument, consent, entry, late)  # type: ignore[arg-type]
    if binding is None:
        return "party", None, since, why + "; when it entered into force for the state is not recorded"
    if day >= binding:
        return "party", True, since, why + f"; in force for the state from {binding.isoformat()}"
    return "contracting", False, since, why + f"; in force for the state only from {binding.isoformat()}"


def _binding_day(instrument: Instrument, consent: datetime.date, entry: DateRange | None, late: bool) -> datetime.date | None:
    if entry is not None:
        return entry.upper if late else entry.lower
    rule = instrument.in_force_after_consent
    if not rule:
        return None
    match = _DURATION.fullmatch(rule)
    if match is None:
        return None
    n, unit = int(match.group(1)), match.group(2)
    if unit == "D":
        binding = consent + datetime.timedelta(days=n)
    else:
        month = consent.month - 1 + n
        year, month = consent.year + month // 12, month % 12 + 1
        binding = consent.replace(
            year=year, month=month, day=min(consent.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
        )
    if instrument.in_force:
        own = parse_date(instrument.in_force)
        binding = max(binding, own.upper if late else own.lower)
    return binding
