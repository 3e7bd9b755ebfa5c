"""A state's status towards an instrument on a given date, from its dated treaty events.

Consent to be bound (ratification, acceptance, approval, accession, succession)
makes a state a party from the date the record gives; where the record also
gives the date the instrument entered into force for that state, it is a party
from then. A signature alone makes a signatory. A denunciation ends it.
Dates compare at the precision both have: on ``2013`` a state that acceded on
``2013-06-20`` counts as a party (the year holds the accession).
"""

from __future__ import annotations

import datetime

from .model import CONSENT_EVENTS, Instrument, Ratification, date_before

UNRATIFIABLE = frozenset({"statute", "declaration", "regulation"})
"""Kinds of instrument that states do not ratify."""


def party_status(instrument: Instrument, record: Ratification | None, on: str | None = None) -> str | None:
    """party, signatory, not-party, not-applicable, or None when nothing is recorded."""
    if instrument.kind in UNRATIFIABLE:
        return "not-applicable"
    if record is None:
        return None
    on = on or datetime.date.today().isoformat()
    status = "not-party"
    in_force = next((e.date for e in record.events if e.event == "entry-into-force"), None)
    for event in record.events:
        if date_before(on, event.date):
            continue  # not yet happened on that date
        if event.event in CONSENT_EVENTS:
            status = "party" if in_force is None or not date_before(on, in_force) else "signatory"
        elif event.event == "signature" and status == "not-party":
            status = "signatory"
        elif event.event in ("denunciation", "denunciation-effective"):
            status = "not-party"
    return status
