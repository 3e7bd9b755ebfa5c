"""Optional extras: the one check that a library of an optional extra is installed.

Every optional import goes through :func:`require`, so that a missing library gives the same
one-line error everywhere (the API's ImportError, the CLI's ``lexmap: error:`` line), naming the
``pip install 'lexmap[...]'`` that brings it. :data:`EXTRAS` is the one table of which extra
installs which module (pyproject.toml's ``[project.optional-dependencies]``: a test checks them).
"""

from __future__ import annotations

import importlib
import shutil
from types import ModuleType

# The top-level module imported -> (the extra that installs it, the distribution's name on PyPI).
EXTRAS: dict[str, tuple[str, str]] = {
    "pandas": ("pandas", "pandas"),
    "openpyxl": ("xlsx", "openpyxl"),
    "xlsxwriter": ("xlsx", "XlsxWriter"),
    "mkdocs": ("site", "mkdocs"),
    "material": ("site", "mkdocs-material"),
    "rdflib": ("rdf", "rdflib"),
    "pyoxigraph": ("rdf", "pyoxigraph"),
    "citeproc": ("chart", "citeproc-py"),
    "docx": ("docx", "python-docx"),
    "pyarrow": ("parquet", "pyarrow"),
    "pypdf": ("pdf", "pypdf"),
    "tqdm": ("progress", "tqdm"),
}


class MissingExtra(ImportError):
    """A library of an optional extra is not installed: what needs it and what to install."""

    def __init__(self, module: str, purpose: str):
        top = module.split(".")[0]
        self.extra, self.distribution = EXTRAS[top]
        self.module = top
        self.install = f"pip install 'lexmap[{self.extra}]'"
        super().__init__(f"{purpose} needs {self.distribution}, an optional extra of lexmap: {self.install}", name=top)


def require(module: str, purpose: str) -> ModuleType:
    """``module`` imported, or :class:`MissingExtra` saying that ``purpose`` (``"XLSX export"``)
    needs it and which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtra(module, purpose) from error


PROGRAMS: dict[str, tuple[str, str]] = {
    "soffice": (
        "LibreOffice",
        "install LibreOffice: apt-get install libreoffice-writer-nogui (Debian, Ubuntu), "
        "brew install --cask libreoffice (macOS), or https://www.libreoffice.org/download/",
    ),
}
"""Programs outside Python that a format drives -> (what it is, how to install it)."""


class MissingProgram(OSError):
    """A program an output needs is not on the PATH: what needs it and how to install it."""

    def __init__(self, program: str, purpose: str):
        self.program = program
        self.name, self.install = PROGRAMS[program]
        self.what = f"{purpose} needs {self.name} ({program} is not on the PATH)"
        super().__init__(f"{self.what}: {self.install}")


def require_program(program: str, purpose: str) -> str:
    """The path of ``program`` on the PATH, or :class:`MissingProgram` saying that ``purpose``
    (``"a PDF chart"``) needs it and how to install it."""
    found = shutil.which(program)
    if found is None:
        raise MissingProgram(program, purpose)
    return found


def missing_extra(error: BaseException) -> MissingExtra | None:
    """The missing extra behind ``error`` (an ImportError, maybe raised from another), or None
    when the library missing belongs to no extra."""
    seen: BaseException | None = error
    while isinstance(seen, ImportError):
        if isinstance(seen, MissingExtra):
            return seen
        module = (seen.name or "").split(".")[0]
        if module in EXTRAS:
            return MissingExtra(module, "this")
        seen = seen.__cause__
    return None
