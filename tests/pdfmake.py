"""A tiny PDF writer for the tests and the benchmark: real PDF files, with lines of text on
pages and printed page labels (/PageLabels), so that lexmap reads them as it reads any PDF.

Each page is a list of lines set in Helvetica (WinAnsi: Latin-1 letters); ``labels`` are the
/PageLabels ranges: (first physical index from 0, style "r" | "R" | "D" | "a" | "A", start).
"""

from __future__ import annotations

from pathlib import Path


def _string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_bytes(pages: list[list[str]], labels: list[tuple[int, str, int]] | None = None) -> bytes:
    """A PDF of ``pages`` (each a list of lines) with the page label ranges ``labels``."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in last
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        stream = b"BT /F1 11 Tf 14 TL 72 760 Td " + b" T* ".join(_string(line) + b" Tj" for line in lines) + b" ET"
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (tree, font, content)
            )
        )
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    numbering = b""
    if labels:
        ranges = b" ".join(b"%d << /S /%s /St %d >>" % (start, style.encode(), first) for start, style, first in labels)
        numbering = b" /PageLabels << /Nums [" + ranges + b"] >>"
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (tree, numbering)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def write_pdf(path: Path, pages: list[list[str]], labels: list[tuple[int, str, int]] | None = None) -> Path:
    path.write_bytes(pdf_bytes(pages, labels))
    return path
