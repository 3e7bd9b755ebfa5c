"""What a rendered PDF prints, read back for the tests of printed outputs (XLSX and DOCX through
LibreOffice): the page size (pdfinfo), each text run's size in points whatever its rotation
(pypdf: the font size times the text and transformation matrices' scale), and the text of a page
(pdftotext)."""

from __future__ import annotations

import math
import re
import subprocess
import uuid
from pathlib import Path


def to_pdf(source: Path, folder: Path) -> Path:
    """``source`` converted by LibreOffice (a profile of its own, so runs do not collide)."""
    profile = folder / f"lo-{uuid.uuid4().hex}"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = folder / (source.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice wrote no {pdf.name}"
    return pdf


def page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()
    return float(width), float(height)


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_text(pdf: Path, page: int, layout: bool = False) -> str:
    return subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def text_sizes(pdf: Path) -> list[tuple[int, float, str]]:
    """(page, printed size in pt, text) of every non-blank text run of ``pdf``."""
    import pypdf

    out: list[tuple[int, float, str]] = []
    for number, page in enumerate(pypdf.PdfReader(pdf).pages, start=1):

        def visit(text, cm, tm, _font, size, number=number):
            if text.strip() and size:
                a, b, c, d = (tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3], 0, 0)
                del c, d
                out.append((number, round(size * math.hypot(a, b), 2), text.strip()))

        page.extract_text(visitor_text=visit)
    return out
