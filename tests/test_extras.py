"""The one optional-dependency check (lexmap.extras): every extra's message names the right install."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from lexmap import extras
from lexmap.cli.errors import missing_extra

ROOT = Path(__file__).parent.parent


def _extras_of_pyproject() -> dict[str, set[str]]:
    """Each extra of pyproject.toml -> the distributions it installs (nested lexmap[...] expanded)."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]

    def expand(extra: str) -> set[str]:
        names: set[str] = set()
        for requirement in declared[extra]:
            nested = re.fullmatch(r"lexmap\[([^\]]+)\]", requirement.strip())
            if nested:
                for inner in nested[1].split(","):
                    names |= expand(inner.strip())
            else:
                names.add(re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower())
        return names

    return {extra: expand(extra) for extra in declared}


def _hide(monkeypatch, module: str) -> None:
    """``import module`` (and its submodules) fails as if it were not installed."""
    top = module.split(".")[0]
    for name in list(sys.modules):
        if name == top or name.startswith(top + "."):
            monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, top, None)


@pytest.mark.parametrize("module", sorted(extras.EXTRAS))
def test_each_extra_installs_the_library_it_is_named_for(module):
    extra, distribution = extras.EXTRAS[module]
    assert distribution.lower() in _extras_of_pyproject()[extra], f"lexmap[{extra}] does not install {distribution}"


def _entry_points():
    from lexmap import results, sparql
    from lexmap.exports import chart_citations, chart_docx, parquet, rdf, xlsxfile

    return [
        ("pandas", "pandas", lambda: results.Records(()).to_frame()),
        ("xlsxwriter", "xlsx", xlsxfile._require_xlsxwriter),
        ("rdflib", "rdf", rdf._rdflib),
        ("pyoxigraph", "rdf", sparql._pyoxigraph),
        ("docx", "docx", chart_docx.require_docx),
        ("citeproc", "chart", chart_citations.require_citeproc),
        ("pyarrow", "parquet", parquet._pyarrow),
    ]


@pytest.mark.parametrize("index", range(len(_entry_points())))
def test_a_missing_library_names_its_pip_install(index, monkeypatch):
    module, extra, call = _entry_points()[index]
    _hide(monkeypatch, module)
    with pytest.raises(extras.MissingExtra) as caught:
        call()
    message = str(caught.value)
    assert message.endswith(f": pip install 'lexmap[{extra}]'") and "\n" not in message
    assert extras.EXTRAS[module][1] in message  # the distribution's own name
    user_error = missing_extra(caught.value)  # what the CLI prints
    assert user_error is not None and user_error.hint == f"pip install 'lexmap[{extra}]'"


def test_an_import_error_of_no_extra_is_not_labelled():
    assert missing_extra(ModuleNotFoundError("No module named 'nothing_of_lexmap'", name="nothing_of_lexmap")) is None


def test_a_raw_import_error_of_an_extras_library_is_recognised():
    """mkdocs imported directly (lexmap site build) fails with Python's own error: still named."""
    error = ModuleNotFoundError("No module named 'mkdocs.commands'", name="mkdocs.commands")
    found = missing_extra(error)
    assert found is not None and found.hint == "pip install 'lexmap[site]'"


def test_the_install_line_is_written_in_one_module_only():
    """No second copy of the check: only lexmap/extras.py spells out ``pip install 'lexmap[...]'``."""
    copies = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "lexmap").rglob("*.py")
        if "pip install 'lexmap[" in path.read_text(encoding="utf-8")
    ]
    assert copies == ["lexmap/extras.py"]
