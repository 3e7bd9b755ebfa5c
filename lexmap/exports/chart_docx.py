"""The evidence chart as a Word document (python-docx, ``lexmap[docx]``) a lawyer can edit
and file: Word's own styles (Title, Heading 1-3, Quote, List Bullet, Table Grid), a table
of the element tree, and real footnotes.

python-docx writes no footnotes, so this module adds the footnotes part through the OOXML
package API: ``word/footnotes.xml`` with its two separators and one ``w:footnote`` per note,
related to the document, and the "footnote text" / "footnote reference" styles. A note is
one document at one pinpoint: the first statement citing it carries the footnote, later
ones a NOTEREF cross-reference field to it (Word's own way to cite a note again).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from ..chart import Chart, ChartElement, ChartStatement
from ..chart_lines import IDENTIFIERS_LEAD, checked_line, identifier_rows
from ..extras import require
from ..palette import BY_NAME, CONTESTED_MARK
from .chart_citations import STYLE_NAME, Segments, chart_citations
from .formats import DEFAULT_GAPS, DEFAULT_PAPER, PAPERS, check_gaps, check_paper

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


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
    "letter"); ``gaps`` (:data:`lexmap.exports.formats.GAPS`): the gaps in an appendix after the
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
        self.notes = notes
        self.footnotes: dict[int, str] = {}
        self.bookmark = 0
        styles = document.styles
        styles["Normal"].font.size = Pt(10.5)
        _footnote_styles(document)

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
        self.add_footnotes_part()

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
        widths = (Cm(6.0), Cm(3.4), Cm(2.0), Cm(2.4), Cm(2.7))
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
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
        who.add_run(s.document_title).italic = True

    # -- footnotes ---------------------------------------------------------------

    def reference(self, paragraph, number: int) -> None:
        """A footnote reference to note ``number``: the footnote itself the first time, a
        NOTEREF field to it after that."""
        from docx.oxml import parse_xml

        p = paragraph._p
        name = f"_RefLexmapNote{number}"
        if number not in self.footnotes:
            self.footnotes[number] = name
            self.bookmark += 1
            p.append(parse_xml(f'<w:bookmarkStart xmlns:w="{_W}" w:id="{self.bookmark}" w:name="{name}"/>'))
            p.append(
                parse_xml(
                    f'<w:r xmlns:w="{_W}"><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                    f'<w:footnoteReference w:id="{number}"/></w:r>'
                )
            )
            p.append(parse_xml(f'<w:bookmarkEnd xmlns:w="{_W}" w:id="{self.bookmark}"/>'))
            return
        for xml in (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r><w:instrText xml:space="preserve"> NOTEREF {name} \\f \\h </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>{number}</w:t></w:r>',
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        ):
            p.append(parse_xml(xml.replace("<w:r>", f'<w:r xmlns:w="{_W}">', 1)))

    def add_footnotes_part(self) -> None:
        from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        body = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "<w:r><w:separator/></w:r></w:p></w:footnote>",
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>",
        ]
        for number in sorted(self.footnotes):
            runs = "".join(
                f'<w:r>{"<w:rPr><w:i/></w:rPr>" if italic else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
                for text, italic in self.notes[number]
            )
            body.append(
                f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{runs}</w:p></w:footnote>'
            )
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{_W}">{"".join(body)}</w:footnotes>'
        )
        part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, xml.encode("utf-8"), self.document.part.package)
        self.document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


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
            if properties.find(f"{{{_W}}}cantSplit") is None:
                properties.insert(0, parse_xml(f'<w:cantSplit xmlns:w="{_W}"/>'))
    paragraphs = document.paragraphs
    for paragraph, following in zip(paragraphs, paragraphs[1:], strict=False):
        name = paragraph.style.name
        lead_in = paragraph.runs and all(r.bold for r in paragraph.runs) and len(paragraph.text) < 40
        if name.startswith(("Heading", "Title", "Subtitle")) or name == "Quote" or lead_in:
            paragraph.paragraph_format.keep_with_next = True
        del following


def _footnote_styles(document) -> None:
    """Word's built-in "footnote text" and "footnote reference" styles (not in python-docx's
    template), under their built-in names so Word treats them as its own."""
    from docx.oxml import parse_xml

    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{_W}" w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
            '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
            '<w:pPr><w:spacing w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{_W}" w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
            # a superscript prints at 58 % of its size (LibreOffice; Word about 65 %): 14 pt, so that the
            # note's number prints at 8 pt or more, the least a printed text may be
            '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="28"/></w:rPr></w:style>'
        )
    )


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
        footer._p.append(parse_xml(xml.replace("<w:r>", f'<w:r xmlns:w="{_W}">', 1)))


def _shade(cell, colour: str) -> None:
    from docx.oxml import parse_xml

    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd xmlns:w="{_W}" w:val="clear" w:color="auto" w:fill="{colour.lstrip("#").upper()}"/>')
    )


def _repeat_header(row) -> None:
    from docx.oxml import parse_xml

    row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{_W}"/>'))
