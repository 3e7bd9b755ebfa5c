"""Alternating A/B timing of the evidence answers (coverage of every test, the matrix, the gaps)
between checkouts of lexmap, each run a new process: on a shared machine the load drifts, and
running the versions in turn, many times, is what makes their figures comparable.

    git worktree add --detach /tmp/lexmap-old e8f0e54
    python benchmarks/generate.py /tmp/corpus10 --scale 10
    python benchmarks/evidence_ab.py /tmp/corpus10 old=/tmp/lexmap-old new=. --runs 5

Each run loads the corpus (not timed; ``cache=False``), builds its independence index
(``corpus.sources()``, not timed, as in benchmarks/run.py), and times one step, alone, in CPU
seconds (``time.process_time``); the analysis modules a step uses are imported before the
clock starts (:data:`IMPORTED`). Python's compiled modules are kept (under
``PYTHONPYCACHEPREFIX``, outside the checkouts) and each version runs each step once untimed
first: a module the step imports is then read as an installed one is, not compiled in the
timed step (a shell with ``PYTHONDONTWRITEBYTECODE`` would compile it at every run). The table
gives each version's median (min-max) and, for each later version, the median (min-max) of
its same-round ratios to the first version (each round's time over the first version's in
that round: the load drifts less within a round than across them).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

STEPS = {
    "coverage": "[corpus.coverage(test) for test in corpus.tests]",
    "matrix": "corpus.matrix()",
    "gaps": "corpus.gaps()",
}
IMPORTED = ("coverage", "independence", "assessment", "levels", "matrix", "gaps", "explain", "conflicts", "results")
"""The analysis modules a step may import, imported before the clock starts in every checkout
(those it has): importing is paid once a session, and at 1x it would be a third of a step."""
LABELS = {
    "coverage": "coverage of every test",
    "matrix": "matrix, alone (computes the assessments it needs)",
    "gaps": "gaps, alone",
}
RUN = """
import gc, importlib, json, sys, time
import lexmap
corpus = lexmap.load(sys.argv[1], texts=[], cache=False)
corpus.sources()
for name in {modules!r}:  # imported once a session, not at each answer: not timed (see IMPORTED)
    try:
        importlib.import_module("lexmap." + name)
    except ImportError:  # a module an older checkout does not have
        pass
gc.collect()
started = time.process_time()
{step}
print(json.dumps({{"s": time.process_time() - started, "lexmap": lexmap.__file__}}))
"""


def one(code: Path, root: Path, step: str) -> float:
    """The CPU seconds of ``step`` with the lexmap of ``code``, in a new process."""
    env = dict(
        os.environ,
        PYTHONPATH=str(code.resolve()),
        LEXMAP_CACHE_DIR=os.environ.get("LEXMAP_CACHE_DIR", "/tmp/lexmap-ab-cache"),
        PYTHONPYCACHEPREFIX=os.environ.get("PYTHONPYCACHEPREFIX", "/tmp/lexmap-ab-pycache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [sys.executable, "-c", RUN.format(step=STEPS[step], modules=IMPORTED), str(root)],
        env=env,
        cwd="/",  # so that no lexmap in the working folder shadows the one asked for
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if not Path(found["lexmap"]).is_relative_to(code.resolve()):
        raise SystemExit(f"{code} ran the lexmap of {found['lexmap']}")
    return found["s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("versions", nargs="+", help="NAME=CHECKOUT, the first one the baseline")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--steps", nargs="+", default=list(STEPS), choices=list(STEPS))
    parser.add_argument("--json", type=Path, help="also write every time here")
    args = parser.parse_args()
    versions = [tuple(v.split("=", 1)) for v in args.versions]
    times: dict[str, dict[str, list[float]]] = {s: {name: [] for name, _ in versions} for s in args.steps}
    for step in args.steps:  # untimed: each version's modules compiled once, as an installed lexmap's are
        for _, code in versions:
            one(Path(code), args.corpus, step)
    for run in range(args.runs):
        for step in args.steps:
            turn = versions[run % len(versions) :] + versions[: run % len(versions)]  # who goes first alternates
            for name, code in turn:
                times[step][name].append(one(Path(code), args.corpus, step))
        print(f"run {run + 1} of {args.runs} done", file=sys.stderr)
    names = [name for name, _ in versions]
    print("| step | " + " | ".join(names) + " | " + " | ".join(f"{n} / {names[0]}, same round" for n in names[1:]) + " |")
    print("|---" * (1 + 2 * len(names) - 1) + "|")
    for step in args.steps:
        cells = [f"{statistics.median(times[step][n]):.3f} ({min(times[step][n]):.3f}-{max(times[step][n]):.3f})" for n in names]
        for n in names[1:]:
            ratios = [a / b for a, b in zip(times[step][n], times[step][names[0]], strict=True)]
            cells.append(f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})")
        print(f"| {LABELS[step]} | " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps(times, indent=1))


if __name__ == "__main__":
    main()
