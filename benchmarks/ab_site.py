"""Alternating A/B of ``lexmap site build`` between checkouts, beside the plain mkdocs floor of
each round: on a shared machine the load drifts, and only builds run in turn, in the same
rounds, give figures that compare.

    git worktree add --detach /tmp/lexmap-main main
    python benchmarks/generate.py /tmp/corpus10 --scale 10 --seed 0
    python benchmarks/ab_site.py /tmp/corpus10 main=/tmp/lexmap-main new=. --rounds 3 --cold

Each build is ``lexmap site build CORPUS -o OUT`` in a new process (``run.py --child``, as a
user runs it), with the lexmap of its checkout (``PYTHONPATH``) and a cache folder of its own;
each checkout first builds once, untimed, so that its caches are written (the warm build is the
usual one) and its compiled modules kept (``PYTHONPYCACHEPREFIX``, outside the checkouts). Each
round builds the floor (mkdocs on as many plain pages in the same navigation, ``run.py
--plain-site``), then every checkout warm, then (``--cold``) every checkout with
``LEXMAP_NO_CACHE=1``; the order of the checkouts rotates from round to round. CPU is user +
system seconds (``wait4``), peak MB the build's own VmHWM. The table gives each build's median
(min-max) over the rounds, and the median (min-max) of its same-round ratios to the floor; the
load average (1 minute) at the start of each round is printed with it; the table is printed
after every round, and ``--json`` keeps every run. ``--no-first`` skips the untimed builds
(a ``--workdir`` whose caches an earlier run wrote). With ``--compare``, the sites the checkouts built are compared file by file
(``.lexmap-output`` aside: its signature is each cache folder's key).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import in_new_process  # noqa: E402


def _env(code: Path, cache: Path, cold: bool) -> dict[str, str]:
    env = dict(
        os.environ,
        PYTHONPATH=f"{code}{os.pathsep}{HERE}",
        LEXMAP_CACHE_DIR=str(cache),
        PYTHONPYCACHEPREFIX=os.environ.get("PYTHONPYCACHEPREFIX", "/tmp/lexmap-ab-pycache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if cold:
        env["LEXMAP_NO_CACHE"] = "1"
    else:
        env.pop("LEXMAP_NO_CACHE", None)
    return env


def _pages(code: Path, root: Path) -> list[str]:
    """The site's pages (their paths), as the first checkout makes them: the floor's pages."""
    import subprocess

    listed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys, lexmap\nfrom lexmap.site.pages import page_makers\n"
            "print(json.dumps(list(page_makers(lexmap.load(sys.argv[1])))))",
            str(root),
        ],
        env=_env(code, Path(tempfile.gettempdir()) / "lexmap-ab-pages-cache", False),
        cwd="/",
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(listed.stdout)


def _differing(a: Path, b: Path) -> list[str]:
    """The files that differ between two built sites (or are in one only)."""
    out: list[str] = []

    def walk(compared: filecmp.dircmp, prefix: str) -> None:
        out.extend(prefix + name for name in compared.left_only + compared.right_only + compared.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
        out.extend(prefix + name for name in mismatch + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(a, b, ignore=[".lexmap-output"]), "")
    return sorted(out)


def spread(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("checkouts", nargs="+", help="NAME=PATH of a lexmap checkout")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="also time builds without the caches")
    parser.add_argument("--compare", action="store_true", help="compare the checkouts' sites file by file")
    parser.add_argument("--workdir", type=Path, help="where the sites and caches go (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="write every run here (after each round)")
    parser.add_argument(
        "--no-first", action="store_true", help="skip the untimed first builds (a --workdir whose caches they wrote)"
    )
    args = parser.parse_args()
    checkouts = {name: Path(path).resolve() for name, _, path in (c.partition("=") for c in args.checkouts)}
    work = args.workdir or Path(tempfile.mkdtemp(prefix="lexmap-ab-site-"))
    work.mkdir(parents=True, exist_ok=True)
    listing = work / "pages.json"
    listing.write_text(json.dumps(_pages(next(iter(checkouts.values())), args.corpus)), encoding="utf-8")
    floor_env = _env(next(iter(checkouts.values())), work / "cache-floor", False)

    def build(name: str, cold: bool) -> dict:
        command = ["site", "build", str(args.corpus), "-o", str(work / f"site-{name}")]
        return in_new_process(command, _env(checkouts[name], work / f"cache-{name}", cold))

    for name in [] if args.no_first else checkouts:  # untimed: each checkout's caches written, its modules compiled
        build(name, False)
        print(f"{name}: first build done", file=sys.stderr)
    if args.compare:
        first, *others = checkouts
        for name in others:
            differ = _differing(work / f"site-{first}", work / f"site-{name}")
            print(f"sites of {first} and {name}: {'the same' if not differ else f'{len(differ)} files differ: {differ[:5]}'}")
    runs: dict[str, list[dict]] = {"floor": []}
    kinds = ["warm", "cold"] if args.cold else ["warm"]
    names = list(checkouts)
    for n in range(args.rounds):
        load = os.getloadavg()[0]
        runs["floor"].append({**in_new_process(["--plain-site", str(listing)], floor_env), "load": load})
        order = names[n % len(names) :] + names[: n % len(names)]
        for kind in kinds:
            for name in order:
                measured = build(name, kind == "cold")
                runs.setdefault(f"{name}, {kind}", []).append({**measured, "load": load})
        print(f"round {n + 1}: load {load:.1f}, floor {runs['floor'][-1]['s']:.1f} s", file=sys.stderr)
        report(runs)  # after each round: a long run interrupted still tells what it measured
        if args.json:
            args.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")


def report(runs: dict[str, list[dict]]) -> None:
    """The table of :func:`main` for the rounds run so far."""
    floors = [r["s"] for r in runs["floor"]]
    loads = [r["load"] for r in runs["floor"]]
    print(f"\n{len(floors)} rounds, load average (1 min) at each round's start: {', '.join(f'{x:.1f}' for x in loads)}\n")
    print("| site build | CPU s | ratio to the floor | user ratio | peak MB |")
    print("|---|---|---|---|---|")
    print(f"| floor: mkdocs, plain pages | {spread(floors, 1)} | | | {statistics.median(r['mb'] for r in runs['floor']):.0f} |")
    for step, measured in runs.items():
        if step == "floor":
            continue
        ratios = [m["s"] / f["s"] for m, f in zip(measured, runs["floor"], strict=False)]
        users = [m["user"] / f["user"] for m, f in zip(measured, runs["floor"], strict=False)]
        cpu = [m["s"] for m in measured]
        peak = statistics.median(m["mb"] for m in measured)
        print(f"| {step} | {spread(cpu, 1)} | {spread(ratios)} | {spread(users)} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
