"""The example notebook in docs/ is regenerated in the test run (scripts/notebook.py) and what it
shows is what the corpus says today (issue 28 item 5): the figures match the corpus, tables show
labels and whole quotes, and the file in docs/ is the one a run gives, so it never goes stale."""

import html
import importlib.util
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).parent.parent
NOTEBOOK = ROOT / "docs" / "notebook.ipynb"


def _script():
    spec = importlib.util.spec_from_file_location("notebook_script", ROOT / "scripts" / "notebook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def regenerated():
    return _script().executed(NOTEBOOK)


def _outputs(notebook, code: str) -> str:
    """The text (plain and HTML) of the outputs of the first code cell containing ``code``."""
    cell = next(c for c in notebook.cells if c.cell_type == "code" and code in c.source)
    return "".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) + str(o.get("data", {}).get("text/html", ""))
        for o in cell.outputs
    )


def test_the_notebook_executes_and_its_figures_match_the_corpus(regenerated, bundled):
    outputs = [o for cell in regenerated.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    counts = _outputs(regenerated, "corpus.counts()")
    for name, value in bundled.counts().items():
        assert any(line.split() == [name, str(value)] for line in counts.splitlines()), (name, value)
    single, pairs = len(bundled.single_source()), len(bundled.supports())
    assert f"{single} of {pairs} argued (practice, element) pairs" in _outputs(regenerated, "len(single)")
    hrf = _outputs(regenerated, 'corpus.documents["hrf-2022"]')
    assert f"{len(bundled.argued_by('hrf-2022'))} claims, {len(bundled.attested_by('hrf-2022'))} attestations" in hrf
    assert str(bundled.coverage("palermo/trafficking").level) in _outputs(regenerated, 'corpus.coverage("palermo/trafficking")')


def test_the_notebooks_tables_show_labels_and_whole_quotes(regenerated, bundled):
    table = html.unescape(_outputs(regenerated, 'corpus.claims_for("palermo/means")'))
    claims = bundled.claims_for("palermo/means")
    for claim in claims:
        assert " ".join(claim.quote.split()) in " ".join(table.split()), claim.id  # whole, not cut at 50 characters
        assert bundled.practices[claim.practice].label in table and bundled.documents[claim.document].title in table
    assert "medical-missions-labour-export" not in _outputs(regenerated, "single.assign(")  # labels, not ids


def test_the_notebook_text_describes_independence_as_the_rules_do():
    text = " ".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "markdown")
    text = " ".join(text.split())
    for rule in ("rest on the same document", "share a voice", "cites or relies on", "two or more independent sources"):
        assert rule in text, rule
    assert "supporting documents of which at least two are independent" not in text


def test_the_notebook_in_docs_is_the_one_a_run_gives(regenerated):
    """A corpus edit that changes a figure makes this fail until `python scripts/notebook.py` is run."""
    committed = nbformat.read(NOTEBOOK, as_version=4)
    ran = [(c.source, [dict(o) for o in c.get("outputs", [])]) for c in regenerated.cells]
    kept = [(c.source, [dict(o) for o in c.get("outputs", [])]) for c in committed.cells]
    stale = [source.splitlines()[0] for (source, out), (_, old) in zip(ran, kept, strict=True) if out != old]
    assert not stale, f"docs/notebook.ipynb is stale in the cells starting {stale}: run python scripts/notebook.py"
