"""The evidence chart as a Word document (python-docx, ``lexmap[docx]``) a lawyer can edit
and file: Word's own styles (Title, Heading 1-3, Quote, List Bullet, Table Grid), a table
of the element tree, and real footnotes.

python-docx writes no footnotes: :mod:`.chart_footnotes` adds them. A document's title in the
body links to where its source opens at the quote (a web page's text fragment, a PDF's page).
"""

from __future__ import annotations

import io

from ..chart import Chart, ChartElement, ChartStatement
from ..chart_chronology import CHRONOLOGY_HEADS, by_practice, chronology_lead
from ..chart_lines import IDENTIFIERS_LEAD, checked_line, identifier_rows
from ..extras import require
from ..palette import BY_NAME, CONTESTED_MARK
from .chart_citations import STYLE_NAME, Segments, chart_citations
from .chart_footnotes import HYPERLINK, Footnotes, W, hyperlink
from .options import DEFAULT_GAPS, DEFAULT_PAPER, PAPERS, check_gaps, check_paper

PROPERTY_LIMIT = 255
"""python-docx refuses a core property (title, subject, keywords) past 255 characters with a
ValueError: a test label of 344 characters ended `chart -o x.docx` in a traceback."""


def _property(text: str) -> str:
    """``text`` cut to fit a core property, with an ellipsis where it was cut (the document
    itself shows the whole text)."""
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1].rstrip() + "\u2026"


def require_docx():
    return require("docx", "a DOCX chart")


def chart_docx(
    chart: Chart, citations: dict[int, Segments] | None = None, *, paper: str = DEFAULT_PAPER, gaps: str = DEFAULT_GAPS
) -> bytes:
    """The bytes of the chart as a .docx file laid out on ``paper`` ("a4", the default, or
    "letter"); ``gaps`` (:data:`lexmap.exports.options.GAPS`): the gaps in an appendix after the
    evidence, left out ("none", or "separate": the chart for a separate gaps document), or the
    gaps document itself ("only")."""
    docx = require_docx()
    check_paper(paper)
    check_gaps(gaps, only=True)
    notes = citations if citations is not None else chart_citations(chart)
    document = docx.Document()
    _page(document, paper)
    writer = _Writer(document, notes)
    if gaps == "only":
        writer.gaps_document(chart)
    else:
        writer.write(chart, gaps)
    _keep_for_print(document)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


class _Writer:
    def __init__(self, document, notes: dict[int, Segments]):
        from docx.shared import Pt

        self.document = document
        document.styles["Normal"].font.size = Pt(10.5)
        self.footnotes = Footnotes(document, notes)
        self.reference = self.footnotes.reference

    # -- the document ----------------------------------------------------------

    def write(self, chart: Chart, gaps: str = DEFAULT_GAPS) -> None:
        d = self.document
        properties = d.core_properties
        properties.title = _property(f"Evidence chart: {chart.test_label}")
        properties.subject = _property(chart.title)
        properties.author = "lexmap"
        properties.keywords = _property(chart.test)
        _header_footer(d, f"{chart.title} · Evidence chart: {chart.test_label} · {chart.date}")

        d.add_paragraph(f"Evidence chart: {chart.test_label}", style="Title")
        d.add_paragraph(chart.title, style="Subtitle")
        source = chart.instrument + (f", {chart.provision}" if chart.provision else "")
        meta = d.add_paragraph()
        meta.add_run(f"{source}. {chart.scope[:1].upper()}{chart.scope[1:]}; {chart.date}.")
        status = d.add_paragraph("Status of the test: ")
        status.add_run(chart.status).bold = True
        for line in chart.party_statuses:
            party = d.add_paragraph()
            party.add_run("Status of the state: ").bold = True
            party.add_run(line)
        d.add_paragraph().add_run("Quotes: ").bold = True
        d.paragraphs[-1].add_run(checked_line(chart.quote_checks))
        if chart.notes:
            d.add_paragraph(f"Citations in the footnotes follow the {STYLE_NAME}.").runs[0].italic = True

        d.add_heading("Elements", level=1)
        self.tree(chart)
        d.add_heading("Evidence by element", level=1)
        for element in chart.elements:
            self.element(element)
        self.chronology(chart)
        d.add_heading("Figures that disagree", level=1)
        if not chart.figures:
            d.add_paragraph("No two figures of the practices shown disagree.")
        else:
            d.add_paragraph(
                "A figure is compared only with figures of the same unit and base (what it is a share of, "
                "and whose share); none of them is the fact."
            )
        for f in chart.figures:
            p = d.add_paragraph(style="List Bullet")
            p.add_run(f.shown + (f" ({f.period})" if f.period else "")).bold = True
            p.add_run(f", {f.base} ({f.practice_label}): “{f.words}”, {f.speaker}, in ")
            p.add_run(f.document_title).italic = True
            self.reference(p, f.note)
            p.add_run(
                f"; disagrees with: {'; '.join(f.disagrees_with) or 'none'}; agrees with: {'; '.join(f.agrees_with) or 'none'}."
                if f.compared
                else "; not compared: no other figure on this base."
            )
        if gaps == "appendix":
            d.add_heading("Appendix A. Gaps", level=1).paragraph_format.page_break_before = True
            self.gaps(chart)
        heading = d.add_heading(f"Appendix {'B' if gaps == 'appendix' else 'A'}. Identifiers", level=1)
        heading.paragraph_format.page_break_before = True
        self.identifiers(chart)
        self.footnotes.add_part()

    def gaps(self, chart: Chart) -> None:
        d = self.document
        d.add_paragraph(
            "What an analyst should work on next for this test, as lexmap finds it (corpus.gaps()); "
            "the records are named by their ids, listed in the next appendix."
        )
        if not chart.gaps:
            d.add_paragraph("No gap recorded for this test.")
        for gap in chart.gaps:
            p = d.add_paragraph(style="List Bullet")
            p.add_run(gap.kind).bold = True
            p.add_run(f": {gap.about}. {gap.detail}. ")
            p.add_run("Next step: ").italic = True
            p.add_run(f"{gap.next_step}.")

    def gaps_document(self, chart: Chart) -> None:
        """The gaps of the chart as a document of their own (``--gaps separate``)."""
        d = self.document
        d.core_properties.title = f"Gaps: {chart.test_label}"
        d.core_properties.author = "lexmap"
        _header_footer(d, f"{chart.title} · Gaps: {chart.test_label} · {chart.date}")
        d.add_paragraph(f"Gaps: {chart.test_label}", style="Title")
        d.add_paragraph(chart.title, style="Subtitle")
        d.add_paragraph(f"For the evidence chart of {chart.test_label} ({chart.test}); {chart.scope}; {chart.date}.")
        self.gaps(chart)

    def identifiers(self, chart: Chart) -> None:
        """The ids the body leaves out, for whoever checks the chart against the corpus: the test,
        each element, and each statement by its note, speaker and document."""
        from docx.shared import Cm

        d = self.document
        d.add_paragraph(IDENTIFIERS_LEAD)
        table = d.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Record", "In the chart", "Id"), strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_header(table.rows[0])
        for row in identifier_rows(chart):
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
        widths = (Cm(2.6), Cm(8.4), Cm(5.0))
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width

    def tree(self, chart: Chart) -> None:
        from docx.shared import Cm

        heads = ("Element", "Status", "Own for / against", "With parts for / against", "Indep. sources")
        table = self.document.add_table(rows=1, cols=len(heads))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, heads, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_header(table.rows[0])
        for e in chart.elements:
            cells = table.add_row().cells
            label = cells[0].paragraphs[0]
            label.paragraph_format.left_indent = Cm(0.45 * e.depth)
            label.add_run(e.label)
            if e.gate:
                label.add_run(f" ({e.gate})").italic = True
            cells[1].paragraphs[0].add_run(e.status + (f" {CONTESTED_MARK}" if e.contested else ""))
            _shade(cells[1], BY_NAME[e.level].fill)
            cells[2].text = f"{e.own_supporting} / {e.own_contesting}"
            cells[3].text = f"{e.subtree_supporting} / {e.subtree_contesting}"
            cells[4].text = str(e.independent_sources)
        _widths(table, (Cm(6.0), Cm(3.4), Cm(2.0), Cm(2.4), Cm(2.7)))
        self.document.add_paragraph(
            f'{CONTESTED_MARK} contested. "all of": every part must be met; "any of": one part suffices. '
            "Indep. sources: the independent sources behind the level (a composite's: those of the part that sets it)."
        )

    def element(self, e: ChartElement) -> None:
        d = self.document
        d.add_heading(e.label + (f" ({e.gate} its parts)" if e.gate else ""), level=2)
        d.add_paragraph(
            f"{e.status[:1].upper()}{e.status[1:]} · own statements: {e.own_supporting} for, {e.own_contesting} against;"
            f" with its parts: {e.subtree_supporting} for, {e.subtree_contesting} against."
        )
        if e.words:
            d.add_paragraph(f"Words of the provision: “{e.words}”")
        if not e.practices:
            d.add_paragraph().add_run(e.empty).italic = True
        for p in e.practices:
            d.add_heading(f"Practice: {p.label}", level=3)
            for title, statements in (("Supporting", p.supporting), ("Contesting", p.contesting)):
                if statements:
                    d.add_paragraph().add_run(title).bold = True
                    for s in statements:
                        self.statement(s)
            d.add_paragraph(p.independence)

    def statement(self, s: ChartStatement) -> None:
        self.reference(self.document.add_paragraph(s.quote.strip(), style="Quote"), s.note)
        if s.translation:  # issue 27: the translation, under the verbatim quote
            self.document.add_paragraph(s.translation, style="Quote")
        who = self.document.add_paragraph(f"— {s.speaker}, as recorded in ")
        self.title(who, s.document_title, s.link)
        if s.pages:
            who.add_run(f", {s.pages}")

    def title(self, paragraph, title: str, link: str | None) -> None:
        """A document's title in italics, a live link to where its source opens at the quote (issue 27)."""
        if link is None:
            paragraph.add_run(title).italic = True
        else:
            hyperlink(paragraph._p, paragraph.part.relate_to(link, HYPERLINK, is_external=True), title, italic=True)

    def chronology(self, chart: Chart) -> None:
        """The dated statements of the chart's practices, a table per practice (issue 30)."""
        from docx.shared import Cm, Pt

        d = self.document
        d.add_heading("Chronology", level=1)
        d.add_paragraph(chronology_lead(chart))
        for label, events in by_practice(chart.chronology):
            d.add_heading(f"Practice: {label}", level=2)
            span = events[0].when if len(events) == 1 else f"{events[0].when} to {events[-1].when}"
            d.add_paragraph(f"{len(events)} dated statement{'' if len(events) == 1 else 's'}: {span}.")
            d.paragraphs[-1].paragraph_format.keep_with_next = True
            table = d.add_table(rows=1, cols=len(CHRONOLOGY_HEADS))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, CHRONOLOGY_HEADS, strict=True):
                cell.paragraphs[0].add_run(text).bold = True
            _repeat_header(table.rows[0])
            for event in events:
                when, what, bound = table.add_row().cells
                when.paragraphs[0].add_run(event.when).bold = True
                when.add_paragraph().add_run(event.certainty).font.size = Pt(9)
                quote = what.paragraphs[0]
                quote.add_run(f"\u201c{event.quote.strip()}\u201d")
                self.reference(quote, event.note)
                who = what.add_paragraph(f"— {event.speaker}, in ")
                self.title(who, event.document_title, event.link)
                who.add_run(f" ({event.document_date or 'undated document'})")
                bound.paragraphs[0].add_run(event.shown)
            _widths(table, (Cm(2.8), Cm(9.2), Cm(4.0)))


def _page(document, paper: str) -> None:
    """The section on ``paper``, portrait, with 2.5 cm margins (python-docx's template is US Letter)."""
    from docx.shared import Cm, Mm

    width, height, _ = PAPERS[paper]
    section = document.sections[0]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)


def _keep_for_print(document) -> None:
    """What print needs and Word does not do by itself: no table row split across pages
    (``w:cantSplit`` on every row; header rows repeat), and every heading, lead-in ("Supporting")
    and quote kept on the page of what follows it (``keep_with_next``)."""
    from docx.oxml import parse_xml

    for table in document.tables:
        for row in table.rows:
            properties = row._tr.get_or_add_trPr()
            if properties.find(f"{{{W}}}cantSplit") is None:
                properties.insert(0, parse_xml(f'<w:cantSplit xmlns:w="{W}"/>'))
    paragraphs = document.paragraphs
    for paragraph, following in zip(paragraphs, paragraphs[1:], strict=False):
        name = paragraph.style.name
        lead_in = paragraph.runs and all(r.bold for r in paragraph.runs) and len(paragraph.text) < 40
        if name.startswith(("Heading", "Title", "Subtitle")) or name == "Quote" or lead_in:
            paragraph.paragraph_format.keep_with_next = True
        del following


def _header_footer(document, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    section = document.sections[0]
    section.header.paragraphs[0].text = text
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    for xml in (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>1</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        footer._p.append(parse_xml(xml.replace("<w:r>", f'<w:r xmlns:w="{W}">', 1)))


def _widths(table, widths) -> None:
    """Fixed column widths (the grid LibreOffice reads, and every cell Word reads)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _shade(cell, colour: str) -> None:
    from docx.oxml import parse_xml

    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd xmlns:w="{W}" w:val="clear" w:color="auto" w:fill="{colour.lstrip("#").upper()}"/>')
    )


def _repeat_header(row) -> None:
    from docx.oxml import parse_xml

    row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{W}"/>'))
