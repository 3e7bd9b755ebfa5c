"""Progress on long work (issue 29): a load, a validation and a site build show it in a terminal
(a pseudo-terminal here, as a person's shell gives) and in a notebook (run with nbclient); a
pipe stays quiet unless LEXMAP_PROGRESS asks; progress never reaches stdout or a return value."""

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import nbformat
import pytest

import lexmap
from lexmap import progress

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

# the CLI, with the bar shown at once (progress.DELAY: a bar appears only for work still running after it)
CLI = "import sys, lexmap.progress as p; p.DELAY = 0; from lexmap.cli import run; sys.argv[0] = 'lexmap'; run()"


@pytest.fixture(scope="module")
def corpus3(tmp_path_factory):
    """A generated corpus of 309 files: past progress.MIN_ITEMS, so that its load shows progress."""
    root = tmp_path_factory.mktemp("c3") / "corpus"
    generate(root, scale=3, seed=0)
    return root


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k != progress.ENV}
    return {**env, "LEXMAP_NO_CACHE": "1", "PYTHONPATH": str(ROOT), **extra}


def _in_terminal(arguments, env, timeout=300) -> str:
    """What a terminal of 80 x 24 shows while ``python -c CLI arguments`` runs (stdout and stderr)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    child = subprocess.Popen([sys.executable, "-c", CLI, *arguments], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], timeout)
            if not ready:
                raise AssertionError(f"no output for {timeout}s: {seen[-500:]!r}")
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            seen += data
    finally:
        os.close(master)
        child.wait(timeout)
    assert child.returncode == 0, seen[-2000:]
    return seen.decode("utf-8", "replace")


def _advanced(shown: str, stage: str, total: int) -> bool:
    """Whether the bar of ``stage`` (``total`` items) was shown and moved: from 0 further on,
    never back (each redraw starts at a carriage return)."""
    drawn = [part for part in re.split(r"[\r\n]", shown) if part.startswith(stage)]
    counts = [int(m.group(1)) for part in drawn if (m := re.search(rf"(\d+)/{total} ", part))]
    return len(counts) >= 2 and counts[0] == 0 and counts[-1] > 0 and counts == sorted(counts)


def test_a_validation_in_a_terminal_shows_progress(corpus3):
    shown = _in_terminal(["validate", str(corpus3)], _env())
    assert _advanced(shown, "lexmap: reading the corpus", 309)  # 309 files, counted as they are read
    assert "valid" in shown  # and the command says what it always says


def test_a_pipe_stays_quiet_unless_asked_and_progress_never_reaches_stdout(corpus3):
    command = [sys.executable, "-c", CLI, "validate", str(corpus3)]
    quiet = subprocess.run(command, capture_output=True, text=True, env=_env(), check=True)
    assert "reading the corpus" not in quiet.stderr + quiet.stdout
    asked = subprocess.run(command, capture_output=True, text=True, env=_env(LEXMAP_PROGRESS="1"), check=True)
    assert _advanced(asked.stderr, "lexmap: reading the corpus", 309)
    assert "reading the corpus" not in asked.stdout and asked.stdout == quiet.stdout
    never = _in_terminal(["validate", str(corpus3)], _env(LEXMAP_PROGRESS="0"))
    assert "reading the corpus" not in never and "valid" in never


def test_small_work_shows_no_progress_even_in_a_terminal(tmp_path):
    generate(tmp_path / "c", scale=1, seed=0)  # 105 files: under progress.MIN_ITEMS
    shown = _in_terminal(["validate", str(tmp_path / "c")], _env())
    assert "reading the corpus" not in shown and "valid" in shown


def test_the_api_returns_the_same_corpus_with_progress_on(corpus3, monkeypatch):
    monkeypatch.setenv(progress.ENV, "1")
    shown = lexmap.load(corpus3, cache=False)
    monkeypatch.setenv(progress.ENV, "0")
    assert shown.counts() == lexmap.load(corpus3, cache=False).counts()


def _run_notebook(cells: list[str], tmp_path: Path):
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    env = {k: v for k, v in os.environ.items() if k != progress.ENV}
    old = os.environ.copy()
    os.environ.clear()
    os.environ.update({**env, "PYTHONPATH": str(ROOT), "LEXMAP_NO_CACHE": "1"})  # the kernel inherits them
    try:
        NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    return notebook


def _progress_shown(cell) -> str:
    """The progress a notebook cell shows: a tqdm widget's view, or the text bar on stderr."""
    widgets = [o for o in cell.outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    text = "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stderr")
    return "widget" if widgets else text


def test_a_load_in_a_notebook_shows_progress(corpus3, tmp_path):
    notebook = _run_notebook(
        [
            "import lexmap, lexmap.progress\nlexmap.progress.DELAY = 0",
            f"corpus = lexmap.load({str(corpus3)!r})\nprint(len(corpus.claims), 'claims')",
        ],
        tmp_path,
    )
    load = notebook.cells[1]
    shown = _progress_shown(load)
    assert shown == "widget" or (_advanced(shown, "lexmap: reading the corpus", 309)), load.outputs
    printed = "".join(o.get("text", "") for o in load.outputs if o.get("name") == "stdout")
    assert printed == "6000 claims\n"  # what the cell prints is untouched


@pytest.mark.slow
def test_a_site_build_shows_progress_in_a_terminal_and_a_notebook(tmp_path):
    case = tmp_path / "c1"
    generate(case, scale=1, seed=0)  # 329 pages
    shown = _in_terminal(["site", "build", str(case), "-o", str(tmp_path / "site")], _env())
    assert "lexmap: reading the site's pages" in shown  # quick: it may be gone before its first redraw
    assert _advanced(shown, "lexmap: writing the site's pages", 329)
    notebook = _run_notebook(
        [
            "import lexmap.progress\nlexmap.progress.DELAY = 0\nfrom pathlib import Path\nfrom lexmap.site.build import build_site",
            f"pages = build_site(Path({str(case)!r}), Path({str(tmp_path / 'site2')!r}))\nprint(pages, 'pages')",
        ],
        tmp_path,
    )
    build = notebook.cells[1]
    text = _progress_shown(build)
    assert text == "widget" or _advanced(text, "lexmap: writing the site's pages", 329), build.outputs
    assert "".join(o.get("text", "") for o in build.outputs if o.get("name") == "stdout") == "330 pages\n"
