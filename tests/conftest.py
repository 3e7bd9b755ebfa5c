import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The suite's corpus cache (lexmap/cache.py) in a folder of its own, never the user's.
os.environ["LEXMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="lexmap-test-cache-")
atexit.register(shutil.rmtree, os.environ["LEXMAP_CACHE_DIR"], True)

import lexmap  # noqa: E402 - imported once the cache folder is set

TESTS = Path(__file__).parent
CORPORA = TESTS / "corpora"
SEEDS = Path(os.environ.get("LEXMAP_SEEDS", TESTS.parent.parent / "shared" / "seeds"))
SEEDS_MISSING = (
    f"the seed documents are not at {SEEDS}: put them in ../shared/seeds beside the checkout, or set LEXMAP_SEEDS to their folder"
)


SLOW_MODULES = {
    "test_site.py",
    "test_site_headings.py",
    "test_site_search.py",
    "test_site_layout.py",
    "test_site_serve.py",
    "test_notebook.py",
    "test_packaging.py",
    "test_databases.py",
    "test_engine.py",
}
"""Modules that build sites, drive a browser, start servers, execute notebooks or build wheels."""


def pytest_collection_modifyitems(items):
    """The ``slow`` marker (``-m "not slow"`` is the fast subset for daily work; CI runs all):
    every test of SLOW_MODULES, and every test that drives a system tool through :func:`need`."""
    import inspect

    for item in items:
        function = getattr(item, "function", None)
        drives_a_tool = function is not None and "need(" in inspect.getsource(function)
        if item.path.name in SLOW_MODULES or drives_a_tool:
            item.add_marker(pytest.mark.slow)


def pytest_sessionstart(session):
    """CI has the seeds: there a missing folder is an error, never a quiet skip."""
    if os.environ.get("CI") and not SEEDS.is_dir():
        raise pytest.UsageError(f"CI run without seeds: {SEEDS_MISSING}")


def pytest_terminal_summary(terminalreporter):
    """List the documentation examples that are not run, with why (tests/test_docs.py)."""
    ran = {getattr(report, "nodeid", "") for reports in terminalreporter.stats.values() for report in reports}
    if not any(nodeid.startswith("tests/test_docs.py") for nodeid in ran):
        return
    from test_docs import not_run_blocks

    listed = not_run_blocks()
    terminalreporter.write_sep("-", f"{len(listed)} documentation examples not run")
    for entry in listed:
        terminalreporter.write_line(entry)


SYSTEM_TOOLS = {  # program -> the Debian package that scripts/test.sh installs for it
    "chromium": "chromium",
    "soffice": "libreoffice-calc-nogui libreoffice-writer-nogui",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "pdftoppm": "poppler-utils",
}


def need(*programs: str) -> None:
    """Skip with the exact install line when a system tool the test drives is missing; in CI
    (``CI`` set), where scripts/test.sh installs them all, fail instead: a skip there would hide it."""
    for program in programs:
        if shutil.which(program) is None:
            message = (
                f"{program} is not installed: apt-get install -y {SYSTEM_TOOLS[program]} "
                "(bash scripts/test.sh does it when run as root)"
            )
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)


@pytest.fixture(scope="session")
def seeds():
    """The folder of seed documents, or a skip that says where they are expected."""
    if not SEEDS.is_dir():
        pytest.skip(SEEDS_MISSING)
    return SEEDS


@pytest.fixture(scope="session")
def small():
    """The hand-made fixture corpus whose answers are worked out in the tests."""
    return lexmap.load(CORPORA / "small")


@pytest.fixture(scope="session")
def bundled():
    return lexmap.load()


def error_lines(stderr: str) -> list[str]:
    """The lines of a command's stderr after the one saying which corpus it read."""
    lines = stderr.strip().splitlines()
    return lines[1:] if lines and lines[0].startswith("corpus: ") else lines
