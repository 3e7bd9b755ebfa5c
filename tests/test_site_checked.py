"""The site says what it has not checked (issue 28 item 3): a document page, a statement card
and an evidence chart whose quotes were not compared with a text are marked so, with the count
and how to check them; checked ones are not."""

from __future__ import annotations

import re

from lexmap.chart import build_chart
from lexmap.site import build_pages
from lexmap.site.links import target


def test_unchecked_documents_cards_and_charts_are_marked(bundled):
    pages = build_pages(bundled)
    statements = [*bundled.claims.values(), *bundled.attestations.values(), *bundled.exhibits.values()]
    statements += bundled.readings.values()  # a document's page shows its readings too
    marked_docs = 0
    for document, status in bundled.texts.items():
        page = pages[target(bundled, document)]
        cards = page.count('<div class="lx-statement ')
        marks = page.count('<span class="lx-unchecked"')
        if status.unchecked:
            marked_docs += 1
            note = re.search(r'id="not-checked".*?</div>', page, re.S)
            assert note, document
            assert f"{status.unchecked} " in note.group(0) and "--texts FOLDER" in note.group(0), document
            assert marks == cards == sum(s.document == document for s in statements), document
        else:
            assert 'id="not-checked"' not in page, document
            if status.status == "checked":
                assert marks == 0 and cards > 0, document
    assert marked_docs  # the bundled case ships texts it may not share: some are unchecked
    charted = 0
    for test in bundled.tests:
        chart = pages[target(bundled, test).removesuffix(".md") + "/chart.md"]
        shown = [s for e in build_chart(bundled, test).elements for s in e.statements]
        unchecked = sum(bundled.texts[s.document].status != "checked" for s in shown)
        note = re.search(r'id="not-checked".*?</div>', chart, re.S)
        assert bool(note) == bool(unchecked), test
        if unchecked:
            charted += 1
            assert f"{unchecked} quote" in note.group(0) and "--texts FOLDER" in note.group(0), test
    assert charted


def test_no_editorial_note_says_a_recorded_url_is_not_recorded(bundled):
    """The Palermo page showed its official-text URL above a note saying none was recorded (the
    URL came later, from the HRF report's footnotes, and the note was never mended)."""
    for record in [*bundled.instruments.values(), *bundled.documents.values()]:
        if getattr(record, "url", None) and record.notes:
            assert "url not recorded" not in " ".join(record.notes.lower().split()), record.id
