"""The checks of quotes against their documents' texts, of each document's record of reading
(addresses, hashes, retrieval date, custody) and of the law records' addresses: the half of
lexmap/checks.py that reads files or what was read from them, kept apart so that each module
holds one concern. ``References`` (checks.py) inherits these."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from . import quotes
from .discover import foreign_text, shown_name
from .extract import read_pages
from .extras import MissingExtra
from .model import STATEMENTS, date_before
from .pages import PagedText, Place
from .passages import Windows, closest_hint
from .problems import Problem
from .readonce import Swapped
from .texts import TextRefused, TextStatus
from .urls import address_problem, looks_like_address

if TYPE_CHECKING:
    from .loader import _CorpusReader

SHA256 = re.compile(r"[0-9a-f]{64}")

CLOSEST_HINTS, CLOSEST_TEXT = 20, 8 << 20
"""The closest passage to a quote not verbatim is searched for the first 20 such quotes of a load,
in texts of up to 8 Mi characters: each search reads every word of the text in Python (about 8 s
in a 6 MB text), so a case of many bad quotes in a large text took minutes a quote. What the
searches compare is bounded too, across the load (:data:`lexmap.passages.HINT_WINDOWS`)."""


class TextChecks:
    """The quote and text checks of one load, and where they report."""

    def __init__(self, loader: _CorpusReader):
        self.loader = loader
        self.records = loader.records
        self.kinds = loader.kinds
        self.hints = 0  # closest passages searched so far (CLOSEST_HINTS)
        self.windows = Windows()  # what those searches may still compare (passages.HINT_WINDOWS)

    def report_at(self, owner, field: tuple, message: str, hint: str | None = None) -> None:
        """Report at ``owner``'s place: an id, or a record, so that a problem of a duplicate
        record is reported at its own copy (file and line), not at the first one."""
        if not isinstance(owner, str):
            place = getattr(self.loader, "copies", {}).get(id(owner))
            if place is not None:
                self.loader.report(place[0], place[1] + field, owner.id, message, hint)
                return
            owner = owner.id
        self.loader.report_at(owner, field, message, hint)

    def check_quotes(self) -> dict[str, TextStatus]:
        """Check every quote against its document's text; say, per document, what was checked."""
        layout, case = self.loader.layout, self.loader.case
        not_included = set(case.texts_not_included) if case else set()
        for doc_id in sorted(not_included - set(self.kinds)):
            assert layout.manifest is not None, "a case is read from its manifest"
            self.loader.problems.append(
                Problem(
                    shown_name(layout.manifest, layout),
                    None,
                    None,
                    doc_id,
                    f"texts_not_included names an unknown document {doc_id!r}",
                    "list document ids",
                )
            )
        in_use = [folder for folder in layout.texts if folder.is_dir()]
        for folder in layout.texts:
            if not folder.is_dir():
                self.loader.problems.append(
                    Problem(
                        str(folder),
                        None,
                        None,
                        None,
                        "text folder not found",
                        "give an existing folder with --texts or LEXMAP_TEXTS",
                    )
                )
        statements: dict[str, list] = {}
        for collection in STATEMENTS:
            for statement in self.records[collection]:
                statements.setdefault(statement.document, []).append(statement)
        relying: dict[str, list[str]] = {}  # document -> statements of other documents resting on it
        for collection in STATEMENTS:
            for statement in self.records[collection]:
                for reliance in statement.relies_on:
                    relying.setdefault(reliance.document, []).append(statement.id)
        status: dict[str, TextStatus] = {}
        for document in self.records["documents"]:
            self.check_record_of_reading(document)
            said = statements.get(document.id, [])
            text, reason, digest = self.read_text(document, in_use)
            if text is None:
                if reason == "missing" and document.id in not_included:
                    reason = "not-included"
                elif reason == "missing":
                    self.report_at(
                        document,
                        ("text_file",),
                        f"text file {document.text_file!r} not found in the text folders ({', '.join(str(f) for f in in_use)})",
                        "put the text there, correct text_file, or list the document under texts_not_included in the case manifest",
                    )
                if said and self.loader.require_texts and reason not in ("missing", "unreadable"):
                    self.report_at(
                        document,
                        ("id",),
                        f"{len(said)} quote(s) not checked: {reason.replace('-', ' ')}",
                        "give the document's text (--texts) or drop --require-texts",
                    )
                status[document.id] = TextStatus(document.id, reason, 0, len(said))
                continue
            self.check_custody(document, digest, said, relying.get(document.id, []))
            status[document.id] = TextStatus(document.id, "checked", len(said), 0, self.check_said(text, said), digest)
        return status

    def check_said(self, text: PagedText, said: list) -> dict[str, tuple[int, str, int, str]]:
        """Check each quote of ``said`` in ``text``, and its ``page`` against the pages it is on;
        return where each quote is, for a text with printed page labels."""
        places: dict[str, tuple[int, str, int, str]] = {}
        for statement in said:
            if (refused := quotes.too_many_omissions(statement.quote)) is not None:
                self.report_at(statement, ("quote",), f"{refused}; not looked up in the text", quotes.SEPARATE)
                continue
            start, end, why = text.locate(statement.quote)
            if why is not None or start is None or end is None:
                near = None
                if self.hints < CLOSEST_HINTS and len(text.normalised) <= CLOSEST_TEXT:
                    self.hints += 1
                    near = closest_hint(text, statement.quote, self.windows)
                self.report_at(
                    statement,
                    ("quote",),
                    f"quote not found verbatim in the text of {statement.document!r}",
                    f"{why}; {near + '; ' if near else ''}copy the words exactly from the document, marking omissions with [...]",
                )
                continue
            if not text.paged:
                continue
            place = Place(text.page_at(start), text.page_at(max(end - 1, start)))
            places[statement.id] = (place.first.index, place.first.label or "", place.last.index, place.last.label or "")
            page = getattr(statement, "page", None)
            spanned = [p.label for p in text.spanned(start, end)]
            if page is not None and page not in spanned:
                where = text.physical_of(page)
                self.report_at(
                    statement,
                    ("page",),
                    f"quote found on {place.cite()} ({place.physical()}); the pinpoint says p. {page}"
                    + (f" (PDF page {', '.join(map(str, where))})" if where else " (no page of the text is printed so)"),
                    f"correct page to {repr(place.first.label)}, or check that the quote is from this document",
                )
        return places

    def check_address(self, owner, field: tuple, url: str | None, hint: str) -> None:
        """Report ``url`` at ``owner``'s ``field`` unless it is an http or https address
        (:func:`lexmap.urls.address_problem`, the check ``--base-url`` gets too)."""
        if url is not None and (problem := address_problem(url)) is not None:
            shown = url if len(url) <= 80 else url[:77] + "..."
            self.report_at(owner, field, f"{field[-1]} {shown!r} is not an http or https address: {problem}", hint)

    def check_addresses(self) -> None:
        """Every address of the law records is http or https: an instrument's and a framework's
        ``url``, a ratification record's ``source`` and its events' when they are addresses (they
        may be words: "Netherlands treaty database, via inview.nl"). Documents: at their record of
        reading; a provision's source and copies: :func:`lexmap.provenance.check_sources`."""
        for instrument in self.records["instruments"]:
            self.check_address(instrument, ("url",), instrument.url, "give the address of the official text")
        for framework in self.records["indicator_frameworks"]:
            self.check_address(framework, ("url",), framework.url, "give the address of the framework's publication")
        words = "give the address of the official record, or say in words where it is read"
        for ratification in self.records["ratifications"]:
            if ratification.id not in self.loader.origins:
                continue
            for field, source in [(("source",), ratification.source)] + [
                (("events", index, "source"), event.source) for index, event in enumerate(ratification.events)
            ]:
                if source is not None and looks_like_address(source):
                    self.check_address(ratification, field, source, words)

    def check_record_of_reading(self, document) -> None:
        """The addresses are http or https; the hashes are SHA-256 hex digests; the retrieval date
        is not in the future nor before the document's date."""
        self.check_address(
            document, ("url",), document.url, "give the address the document was read at, e.g. https://example.org/report"
        )
        self.check_address(
            document,
            ("archived_url",),
            document.archived_url,
            "give the address of the archived copy, e.g. https://web.archive.org/web/...",
        )
        for field in ("sha256", "original_sha256"):
            value = getattr(document, field)
            if value is not None and not SHA256.fullmatch(value):
                self.report_at(
                    document,
                    (field,),
                    f"{field} {value!r} is not a SHA-256 digest",
                    "write the 64 hexadecimal digits sha256sum prints for the file",
                )
        retrieved = document.retrieved
        if retrieved is not None and date_before(datetime.date.today().isoformat(), retrieved):
            self.report_at(
                document, ("retrieved",), f"retrieved ({retrieved}) is in the future", "give the date the copy was read"
            )
        elif retrieved is not None and document.date and date_before(retrieved, document.date):
            self.report_at(
                document,
                ("retrieved",),
                f"retrieved ({retrieved}) is before the document's date ({document.date})",
                "check both dates: a document is retrieved after it is published",
            )

    def check_custody(self, document, digest: str | None, said: list, relying: list[str]) -> None:
        """One problem when the text file is not the one whose hash the document records: the text
        changed since its quotes were checked, and every statement resting on it is named."""
        if document.sha256 is None or digest is None or not SHA256.fullmatch(document.sha256) or digest == document.sha256:
            return
        own = [s.id for s in said]
        others = list(dict.fromkeys(i for i in relying if i not in own))
        resting = f"its {len(own)} statement(s): {', '.join(own)}" if own else "it records no statement"
        if others:
            resting += f"; {len(others)} statement(s) of other documents rely on it: {', '.join(others)}"
        self.report_at(
            document,
            ("sha256",),
            f"the text {document.text_file!r} changed since it was recorded (sha256 {document.sha256[:12]}..., now "
            f"{digest[:12]}...); {resting}",
            f"check those statements against the new text, then record sha256: {digest} (or put back the text that was read)",
        )

    def read_text(self, document, folders: list[Path]) -> tuple[PagedText | None, str, str | None]:
        """The document's text, or None and why not."""
        if not document.text_file:
            return None, "no-text-file", None
        name = Path(document.text_file)
        if name.is_absolute() or ".." in name.parts:
            self.report_at(
                document, ("text_file",), "text_file must be a plain file name", "give the file name relative to a text folder"
            )
            return None, "unreadable", None
        if not folders:
            return None, "no-text-folder", None
        for folder in folders:
            candidate = folder / name
            if not os.path.lexists(candidate):
                continue
            try:
                outside = not candidate.resolve().is_relative_to(folder.resolve()) or not candidate.is_file()
            except OSError:  # a link there became something else while it was resolved (EINVAL)
                self.report_at(
                    document, ("text_file",), f"cannot read {candidate} (it changed while lexmap read it)", Swapped.hint
                )
                return None, "unreadable", None
            if outside:
                self.report_at(
                    document,
                    ("text_file",),
                    f"{candidate} is not a plain file inside its text folder",
                    "copy the text into the folder instead of linking to it",
                )
                return None, "unreadable", None
            if (foreign := foreign_text(candidate, folder, self.loader.layout)) is not None:
                self.report_at(
                    document, ("text_file",), foreign, "copy the file into texts/ (cp, not ln), or name its folder with --texts"
                )
                return None, "unreadable", None
            try:
                text = read_pages(candidate, cache=self.loader.text_cache, folder=self.loader.layout.pinned(folder))
                return text, "checked", text.sha256  # of the bytes the quotes were checked in
            except MissingExtra as error:
                self.report_at(document, ("text_file",), str(error), "install it, or give a plain-text copy in text_file")
                return None, "unreadable", None
            except TextRefused as error:
                self.report_at(document, ("text_file",), str(error), error.hint)
                return None, "unreadable", None
            except OSError as error:
                hint = Swapped.hint if isinstance(error, Swapped) else "make the file readable"
                self.report_at(document, ("text_file",), f"cannot read {candidate} ({error.strerror})", hint)
                return None, "unreadable", None
        return None, "missing", None
