"""The evidence chart's footnotes in a Word document: python-docx writes none, so they are added
through the OOXML package API: ``word/footnotes.xml`` with its two separators and one
``w:footnote`` per note, related to the document, and Word's built-in "footnote text" and
"footnote reference" styles. A note is cited by its footnote the first time and by a NOTEREF
cross-reference field to it after that (Word's own way to cite a note again). An address in a
note (a PDF's at the quote's page: issue 27) is a live link, as links in the body are."""

from __future__ import annotations

from xml.sax.saxutils import escape

from .chart_citations import Segments, linked

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_LINK = '<w:rStyle w:val="Hyperlink"/>'
"""A link's run style: Word's built-in "Hyperlink" (added by :func:`footnote_styles`, python-docx's
template has none). LibreOffice prints a link without it as text only, with no link in the PDF."""
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


class Footnotes:
    """The footnotes of one document: ``notes`` are the citations by number."""

    def __init__(self, document, notes: dict[int, Segments]):
        self.document = document
        self.notes = notes
        self.footnotes: dict[int, str] = {}
        self.bookmark = 0
        footnote_styles(document)

    def reference(self, paragraph, number: int) -> None:
        """A footnote reference to note ``number``: the footnote itself the first time, a
        NOTEREF field to it after that."""
        from docx.oxml import parse_xml

        p = paragraph._p
        name = f"_RefLexmapNote{number}"
        if number not in self.footnotes:
            self.footnotes[number] = name
            self.bookmark += 1
            p.append(parse_xml(f'<w:bookmarkStart xmlns:w="{W}" w:id="{self.bookmark}" w:name="{name}"/>'))
            p.append(
                parse_xml(
                    f'<w:r xmlns:w="{W}"><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                    f'<w:footnoteReference w:id="{number}"/></w:r>'
                )
            )
            p.append(parse_xml(f'<w:bookmarkEnd xmlns:w="{W}" w:id="{self.bookmark}"/>'))
            return
        for xml in (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r><w:instrText xml:space="preserve"> NOTEREF {name} \\f \\h </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>{number}</w:t></w:r>',
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        ):
            p.append(parse_xml(xml.replace("<w:r>", f'<w:r xmlns:w="{W}">', 1)))

    def add_part(self) -> None:
        """The footnotes part, related to the document (python-docx has no footnote API)."""
        from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        body = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "<w:r><w:separator/></w:r></w:p></w:footnote>",
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>",
        ]
        part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, b"", self.document.part.package)
        for number in sorted(self.footnotes):
            runs = ""
            for text, italic in self.notes[number]:
                for piece, address in linked(text):
                    if address is None:
                        runs += f'<w:r>{"<w:rPr><w:i/></w:rPr>" if italic else ""}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>'
                    else:  # an address in the note (a PDF's at the quote's page: issue 27) is a live link
                        runs += _hyperlink_xml(
                            part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True), piece, italic
                        )
            body.append(
                f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{runs}</w:p></w:footnote>'
            )
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}" xmlns:r="{_R}">'
            f"{''.join(body)}</w:footnotes>"
        )
        part._blob = xml.encode("utf-8")  # written once its links' relationships are known
        self.document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def _hyperlink_xml(relationship: str, text: str, italic: bool = False) -> str:
    return (
        f'<w:hyperlink r:id="{relationship}" w:history="1"><w:r><w:rPr>{_LINK}{"<w:i/>" if italic else ""}</w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:hyperlink>'
    )


def hyperlink(p, relationship: str, text: str, *, italic: bool = False) -> None:
    """Append to the paragraph element ``p`` a link (relationship id ``relationship``) reading ``text``."""
    from docx.oxml import parse_xml

    xml = _hyperlink_xml(relationship, text, italic).replace("<w:hyperlink ", f'<w:hyperlink xmlns:w="{W}" xmlns:r="{_R}" ', 1)
    p.append(parse_xml(xml))


def footnote_styles(document) -> None:
    """Word's built-in "footnote text" and "footnote reference" styles (not in python-docx's
    template), under their built-in names so Word treats them as its own."""
    from docx.oxml import parse_xml

    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
            '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
            '<w:pPr><w:spacing w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{W}" w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
            # a superscript prints at 58 % of its size (LibreOffice; Word about 65 %): 14 pt, so that the
            # note's number prints at 8 pt or more, the least a printed text may be
            '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="28"/></w:rPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{W}" w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
            '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="1F4E9A"/><w:u w:val="single"/></w:rPr></w:style>'
        )
    )
