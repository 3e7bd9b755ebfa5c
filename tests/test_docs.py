"""Docs that run: every sh, console, python, yaml and json example in README.md and docs/*.md.

Each document's examples run in order in one scratch folder laid out like a checkout (the
bundled corpus's instruments/ and mappings/, plus my-corpus/, my-notes/, seeds/), sharing one
Python namespace, so an example may use what an earlier one made. ``lexmap`` lines run through
the real command (CliRunner); YAML snippets are added to a copy of the bundled corpus and must
load (restating a bundled record is allowed: its duplicate id is the only problem accepted).
A block preceded by ``<!-- not-run: reason -->`` is not run; the run lists such blocks.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import lexmap
from lexmap.cli import main
from lexmap.discover import bundled_root
from lexmap.model import Case
from lexmap.structure import structure
from lexmap.yamlread import read_yaml

from conftest import SEEDS

ROOT = Path(__file__).parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LANGUAGES = {"sh", "console", "python", "yaml", "json"}
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
NOT_RUN = re.compile(r"<!--\s*not-run:\s*(.*?)\s*-->\s*$")

# Shell commands that are not run, with why (the first words of the command).
COMMANDS_NOT_RUN = {
    "python -m pip install": "changes the Python environment",
    "pip install": "changes the Python environment",
    "bash scripts/test.sh": "runs this very test suite",
    "mkdocs build": "tests/test_site.py builds the repository's site this way",
    "mkdocs serve": "starts a server that runs until stopped",
    "lexmap site serve": "starts a server that runs until stopped",
    "python benchmarks/run.py": "takes minutes; tests/test_benchmarks.py runs the benchmarks small",
    "python benchmarks/generate.py": "tests/test_benchmarks.py generates corpora",
    "datasette ": "starts a server that runs until stopped; tests/test_databases.py starts one",
    "curl ": "asks a running Datasette; tests/test_databases.py does the same",
    "lexmap chart palermo/trafficking -o chart.pdf": "needs LibreOffice; tests/test_print.py writes this PDF and reads it",
    "lexmap export turtle --push": "needs a SPARQL server; tests/test_databases.py pushes to one it starts",
    "LEXMAP_FUZZ_EXAMPLES=20000 python -m pytest": "a fuzz campaign of hours; CI runs 300 examples",
    "LEXMAP_SCREENSHOTS=docs/screenshots python -m pytest": "refreshes the screenshots: this very test suite, one part of it",
}
# Blocks of documents owned elsewhere that cannot run as written (first line -> reason); the
# owners may move these to <!-- not-run: ... --> comments.
BLOCKS_NOT_RUN = {
    (
        "docs/rdf.md",
        "import lexmap\nfrom lexmap.exports.rdf import corpus_graph",
    ): "QUERY is one of the SPARQL queries shown below it",
    ("docs/interchange.md", "$ lexmap export FORMAT [PATH] -o FILE"): "a synopsis, not a command",
}

# Examples in documents owned elsewhere that are wrong today (first line -> what is wrong). They
# still run: the test fails once one works, so that it leaves this list.
KNOWN_BROKEN = {
    ("docs/api.md", "graph = corpus.to_networkx()"): "the edge key 'hrf-2022-passport-involuntariness' is no claim: the claim is "
    "'hrf-2022-passport-retention-involuntariness'",
}


def blocks(doc: Path):
    """(line, language, code, reason not run or None) of every fenced block of ``doc``."""
    text = doc.read_text(encoding="utf-8")
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marked = NOT_RUN.search(before)
        reason = marked[1] if marked else None
        rel = str(doc.relative_to(ROOT))
        for (file, start), why in BLOCKS_NOT_RUN.items():
            if file == rel and match[2].startswith(start):
                reason = why
        yield line, match[1], match[2], reason


def not_run_blocks() -> list[str]:
    """Every example not run, with its reason (listed at the end of the test run)."""
    listed = []
    for doc in DOCS:
        for line, language, code, reason in blocks(doc):
            if reason and language in LANGUAGES:
                listed.append(f"{doc.relative_to(ROOT)}:{line} ({language}): {reason}")
            elif language in ("sh", "console"):
                listed += [
                    f"{doc.relative_to(ROOT)}:{line} `{' '.join(command)}`: {why}"
                    for command, why in shell_commands(code, language)
                    if why
                ]
    return listed


@contextlib.contextmanager
def inside(folder: Path):
    old = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A folder laid out like a checkout with a corpus, plus the folders the examples name."""
    folder = tmp_path_factory.mktemp("docs")
    corpus = bundled_root()
    for name in ("instruments", "mappings"):
        shutil.copytree(corpus / name, folder / name)
        shutil.copytree(corpus / name, folder / "my-corpus" / name)
    (folder / "my-corpus-texts").mkdir()
    (folder / "my-notes").mkdir()
    (folder / "my-notes" / "guide.md").write_text("# Notes\n\nHand-written.\n")
    if SEEDS.is_dir():
        (folder / "seeds").symlink_to(SEEDS)
    else:
        (folder / "seeds").mkdir()
    return folder


def shell_commands(code: str, language: str):
    """(command line, why it is not run or None) for each command of a shell block."""
    for raw in code.splitlines():
        if language == "console":
            if not raw.startswith("$ "):
                continue  # output shown in the example
            raw = raw[2:]
        words = shlex.split(raw, comments=True)
        while words:
            end = words.index("&&") if "&&" in words else len(words)
            command, words = words[:end], words[end + 1 :]
            line = " ".join(command)
            yield command, next((w for start, w in COMMANDS_NOT_RUN.items() if line.startswith(start)), None)


def run_shell(code: str, language: str, where: Path) -> None:
    for command, why in shell_commands(code, language):
        if why:
            continue
        line = " ".join(command)
        assert command[0] == "lexmap", f"an example command this test cannot run: {line!r}"
        with inside(where):
            result = CliRunner().invoke(main, command[1:], prog_name="lexmap")
        assert result.exit_code == 0, f"{line!r} failed:\n{result.output}"


def check_yaml(code: str, tmp_path: Path) -> None:
    if code.lstrip().startswith("# ") and code.lstrip().splitlines()[0].endswith("lexmap.yaml"):
        data, _positions, problems = read_yaml_text(code, tmp_path)  # a case manifest
        record, wrong = structure(data, Case)
        assert not problems and not wrong, (problems, wrong)
        return
    corpus = bundled_root()
    for name in ("instruments", "mappings"):
        shutil.copytree(corpus / name, tmp_path / name)
    snippet = tmp_path / "mappings" / "zz-example.yaml"
    snippet.write_text(code, encoding="utf-8")
    try:
        lexmap.load(tmp_path, texts=[])  # the examples' quotes are placeholders
    except lexmap.CorpusError as error:
        # an example may show a record the corpus holds: its id is then defined twice
        wrong = [
            str(p)
            for p in error.problems
            if not ("zz-example.yaml" in str(p) and ("duplicate id" in p.message or "a second ratification" in p.message))
        ]
        assert wrong == [], "the example does not load:\n" + "\n".join(wrong)


def read_yaml_text(code: str, tmp_path: Path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "lexmap.yaml"
    path.write_text(code, encoding="utf-8")
    return read_yaml(path, "lexmap.yaml")


def _cases():
    for doc in DOCS:
        runnable = [b for b in blocks(doc) if b[1] in LANGUAGES]
        if runnable:
            yield pytest.param(doc, runnable, id=str(doc.relative_to(ROOT)))


@pytest.mark.parametrize(("doc", "examples"), list(_cases()))
def test_examples_run(doc, examples, scratch, tmp_path):
    namespace: dict = {"__name__": "__docs__"}
    failures, fixed = [], []
    for line, language, code, reason in examples:
        where = f"{doc.relative_to(ROOT)}:{line}"
        if reason:
            continue
        known = next(
            (why for (file, start), why in KNOWN_BROKEN.items() if file == str(doc.relative_to(ROOT)) and code.startswith(start)),
            None,
        )
        try:
            run_example(language, code, where, namespace, scratch, tmp_path / f"{language}-{line}")
        except Exception as error:  # noqa: BLE001 - every failing example is reported
            if not known:
                failures.append(f"{where} ({language}): {type(error).__name__}: {error}")
        else:
            if known:
                fixed.append(f"{where}: runs now; remove it from KNOWN_BROKEN")
    assert failures + fixed == [], "\n".join(failures + fixed)


def run_example(language, code, where, namespace, scratch, tmp_path):
    if language in ("sh", "console"):
        run_shell(code, language, scratch)
    elif language == "python":
        with inside(scratch):
            exec(compile(code, where, "exec"), namespace)  # noqa: S102 - our own docs
    elif language == "yaml":
        if "instruments:\n  - id: palermo\n    ...\n" in code:
            return  # a data file's first lines, showing the schema comment: checked below
        check_yaml(code, tmp_path)
    elif language == "json":
        json.loads(code)


def test_the_schema_comment_example_is_a_yaml_comment():
    import yaml

    text = (ROOT / "docs" / "interchange.md").read_text()
    assert "# yaml-language-server: $schema=../corpus-file.schema.json" in text
    assert yaml.safe_load("# yaml-language-server: $schema=x.json\nstates: []\n") == {"states": []}


def test_data_format_examples_name_ids_that_exist(bundled):
    text = (ROOT / "docs" / "data-format.md").read_text()
    assert "palermo/means-coercion " not in text and "fa-tip-2020" not in text
    assert "palermo/means-other-coercion" in bundled.elements and "tip-2020" in bundled.documents


def test_every_example_not_run_says_why():
    for entry in not_run_blocks():
        assert entry.rsplit(": ", 1)[1].strip(), entry
