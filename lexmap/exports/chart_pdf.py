"""The evidence chart as PDF: the DOCX chart converted by LibreOffice headless.

The DOCX is the laid-out chart (A4 or Letter, footnotes, rows that never split, headings kept
with what follows); LibreOffice prints it as Word would, so the PDF is the same document and
there is one layout to keep, not two. Each conversion runs in a private temporary folder with a
LibreOffice profile of its own (two charts converted at once, or a LibreOffice the user has
open, do not collide), under a timeout, and the folder is removed whatever happens; the bytes
are handed back to be written atomically like every other output.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..extras import require_program
from ..outputs import OutputError

PROGRAM = "soffice"
PURPOSE = "a PDF chart"
TIMEOUT = 300.0
"""Seconds LibreOffice may take to convert one chart (the bundled case's 31 pages take about 5 s)."""


def ready() -> str:
    """The LibreOffice program, or :class:`lexmap.extras.MissingProgram` (how to install it)."""
    return require_program(PROGRAM, PURPOSE)


def docx_to_pdf(docx: bytes, timeout: float = TIMEOUT) -> bytes:
    """The PDF LibreOffice prints from the DOCX bytes ``docx``; :class:`OutputError` if it fails
    or takes longer than ``timeout`` seconds (its processes are then stopped)."""
    program = ready()
    folder = Path(tempfile.mkdtemp(prefix="lexmap-pdf-"))
    try:
        source = folder / "chart.docx"
        source.write_bytes(docx)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        # a session of its own, so that a timeout stops LibreOffice's child process too
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True
        )
        try:
            _out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise OutputError(
                f"LibreOffice took more than {timeout:g} s to convert the chart to PDF; nothing was written",
                "write the chart as .docx and convert it yourself, or try again",
            ) from None
        pdf = folder / "chart.pdf"
        if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            said = " ".join(err.decode("utf-8", "replace").split())[:200]
            raise OutputError(
                f"LibreOffice did not convert the chart to PDF (exit status {process.returncode}"
                f"{': ' + said if said else ''}); nothing was written",
                "write the chart as .docx and open it in LibreOffice or Word to see why",
            )
        return pdf.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _stop(process: subprocess.Popen) -> None:
    """Stop the LibreOffice session ``process`` leads, and wait for it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()
