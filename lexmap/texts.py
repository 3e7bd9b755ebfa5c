"""Whether the quotes of each document were checked against its text, and if not, why."""

from __future__ import annotations

import attrs

REASONS = {
    "checked": "every quote checked verbatim against the document's text",
    "not-included": "text not included with the case (give it with --texts)",
    "no-text-file": "no text_file recorded for the document",
    "no-text-folder": "no text folder in use (give one with --texts or LEXMAP_TEXTS)",
    "missing": "text file not found",
    "unreadable": "text file could not be read",
}


@attrs.frozen
class TextStatus:
    """For one document: ``status`` (a key of :data:`REASONS`) and how many of its quotes were
    checked and left unchecked."""

    document: str
    status: str
    checked: int
    unchecked: int

    @property
    def reason(self) -> str:
        return REASONS[self.status]
