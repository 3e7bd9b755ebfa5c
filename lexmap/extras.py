"""Optional extras: the one check that a library of an optional extra is installed.

Every optional import goes through :func:`require`, so that a missing library gives the same
one-line error everywhere (the API's ImportError, the CLI's ``lexmap: error:`` line), naming the
``pip install 'lexmap[...]'`` that brings it. :data:`EXTRAS` is the one table of which extra
installs which module (pyproject.toml's ``[project.optional-dependencies]``: a test checks them).
"""

from __future__ import annotations

import importlib
from types import ModuleType

# The top-level module imported -> (the extra that installs it, the distribution's name on PyPI).
EXTRAS: dict[str, tuple[str, str]] = {
    "pandas": ("pandas", "pandas"),
    "openpyxl": ("xlsx", "openpyxl"),
    "mkdocs": ("site", "mkdocs"),
    "material": ("site", "mkdocs-material"),
    "rdflib": ("rdf", "rdflib"),
    "pyoxigraph": ("rdf", "pyoxigraph"),
    "citeproc": ("chart", "citeproc-py"),
    "docx": ("docx", "python-docx"),
    "pyarrow": ("parquet", "pyarrow"),
    "pypdf": ("pdf", "pypdf"),
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
