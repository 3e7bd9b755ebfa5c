"""Regenerate docs/notebook.ipynb by executing it on the bundled corpus (issue 28 item 5).

    python scripts/notebook.py            # rewrite docs/notebook.ipynb
    python scripts/notebook.py -o OUT     # write the executed notebook elsewhere

The notebook's cells are its source: their outputs are cleared, every cell is run top to bottom
in a fresh kernel (nbclient), and the result is written atomically (lexmap.outputs.write_file)
with nothing that changes from run to run (execution times), so that a run on an unchanged
corpus gives the same file and a diff shows only what the corpus changed.
tests/test_notebook.py runs the same function and fails when the file in docs/ is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "notebook.ipynb"


def executed(source: Path = NOTEBOOK, timeout: int = 300):
    """The notebook at ``source``, its outputs cleared and every cell run again in order."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)  # wall-clock times: they would change every run
    return notebook


def regenerate(source: Path = NOTEBOOK, target: Path | None = None) -> Path:
    """Execute ``source`` and write it to ``target`` (default: over ``source``); the path written."""
    import nbformat

    from lexmap.outputs import write_file

    notebook = executed(source)
    text = nbformat.writes(notebook) + "\n"
    return write_file(target or source, text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-o", "--output", type=Path, help="where to write the executed notebook (default: over docs/notebook.ipynb)"
    )
    args = parser.parse_args(argv)
    written = regenerate(NOTEBOOK, args.output)
    print(f"notebook regenerated: {written}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # the worktree's lexmap, not an installed one
    sys.exit(main())
