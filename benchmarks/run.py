"""Benchmark lexmap on synthetic corpora at several scales, side by side with the floor of each step.

    python benchmarks/run.py                      # scales 1, 10, 100 (about 5 minutes on 2 cores)
    python benchmarks/run.py --scales 1 10 --json figures.json

Each scale's corpus is generated first, then measured in a fresh interpreter
(``--worker``): each step runs in a forked child of a process that already holds
what the step needs (the loaded corpus, or the parsed YAML), so that its peak
memory is the growth of the child's peak resident set over its size at the
fork, and steps don't disturb each other. Times are the CPU time of the
process (one run each; wall-clock times are in the ``--json`` output): on a
machine shared with other work, wall-clock ratios swing with the neighbours.

Steps, each against its floor where there is one:

- load: ``lexmap.load`` (read, structure, validate, check references) against
  parsing the same files with PyYAML's ``CSafeLoader`` alone;
- graph: ``corpus.to_networkx()`` against building the same MultiDiGraph
  directly from the parsed YAML;
- citations: the independence index (citations, reliance, speakers; cached on the corpus);
- independence on a long citation chain (issue 26): the groups and the count of claims/10
  statements, each in its own document, relying on the head of a chain of claims/10 citing
  documents, and the same chain as a ladder (every document of it cites one that records a
  statement): the walk was K x N on the first, cubic on the second (:func:`chain_steps`);
- coverage: ``corpus.coverage(test)`` of every test;
- matrix: ``corpus.matrix()`` (indicators x instruments);
- json: the corpus as JSON;
- site (at scale 10 only): ``lexmap site build`` in a new process, cold (``--no-cache``), first
  (writing the caches) and warm, against mkdocs building as many plain pages with the same
  settings and navigation, also in a new process; each three times, the fastest counts;
- site serve (at the site's scale): ``lexmap site serve`` in a new process, then three saves of
  one document file each, timed until the changed practice page is served and until every page
  was checked (wall-clock and the server's CPU; :func:`serve_steps`);
- the corpus cache (``LEXMAP_CACHE_DIR`` in the work folder): the first load, which
  writes it, against the full load; a reload of the unchanged corpus against the
  CSafeLoader floor; a reload after one document file changed against the full load.
- matrix, five more runs (issue 29): each a first call in its own child, per claim, to see
  whether it is linear;
- XLSX (``--xlsx-scale``, 20 by default: 4,000 practices x 1,032 elements): ``lexmap matrix -o
  m.csv`` and ``-o m.xlsx`` in new processes, in turn, three rounds, and the two writers alone;
- databases (unless ``--no-databases``): the SQLite and Parquet exports and reading
  them back, the RDF graph (rdflib), its N-Triples, the bulk load into an on-disk
  Oxigraph store and the reuse of that store, and one SPARQL query (claims per
  element) in Oxigraph and in rdflib against the same answer from the Python API.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

# -- measuring ------------------------------------------------------------------------------


def _rss() -> int:
    """Current resident set size, in bytes."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def measure(step) -> dict:
    """Run ``step()`` here: its CPU time (``s``, what the table shows: other processes on the
    machine barely change it), wall-clock time, and peak memory (growth of the peak resident set)."""
    gc.collect()
    before = _rss()
    started, cpu = time.perf_counter(), time.process_time()
    step()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before  # ru_maxrss: KiB on Linux
    return {"s": cpu, "wall": wall, "mb": max(0, peak) / 2**20}


def forked(work) -> dict:
    """Run ``work()`` (which returns a JSON-able dict) in a forked child. The child starts with
    this process's memory, and its peak resident set starts at its size at the fork (Linux)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            result = work()
        except BaseException as error:  # reported, not raised, in the parent
            result = {"error": f"{type(error).__name__}: {error}"}
        with os.fdopen(write, "w") as out:
            json.dump(result, out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        result = json.loads(pipe.read() or '{"error": "the child died"}')
    os.waitpid(pid, 0)
    return result


def isolated(step) -> dict:
    """:func:`measure` ``step`` in a forked child."""
    return forked(lambda: measure(step))


# -- the floors -------------------------------------------------------------------------------


def yaml_files(root: Path) -> list[Path]:
    return sorted(p for folder in ("instruments", "mappings") for p in (root / folder).rglob("*.yaml"))


def parse_floor(files: list[Path]) -> list:
    """Every file parsed by PyYAML's C loader: the least any loader of this format must do."""
    import yaml

    return [yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader) for path in files]


def direct_graph(parsed: list):
    """The graph of :mod:`lexmap.graph`, built straight from the parsed YAML (no validation)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    merged: dict[str, list] = {}
    for data in parsed:
        for name, items in data.items():
            merged.setdefault(name, []).extend(items)

    def label(d: dict) -> str:
        return d.get("short_name") or d.get("label") or d.get("title") or d.get("name") or d["id"]

    def node(kind: str, id_: str, d: dict, **attributes) -> None:
        graph.add_node(id_, kind=kind, label=label(d), **attributes)

    def provisions(owner: str, parent: str, items: list) -> None:
        for p in items:
            pid = f"{owner}/{p['id']}"
            node("provision", pid, p)
            graph.add_edge(parent, pid, kind="has_provision")
            provisions(owner, pid, p.get("provisions", []))

    def elements(owner: str, e: dict, inherited: str | None, root: bool) -> None:
        eid = f"{owner}/{e['id']}"
        provision = f"{owner}/{e['provision']}" if e.get("provision") else inherited
        node("element", eid, e, test=root)
        if provision:
            graph.add_edge(eid, provision, kind="set_out_in")
        combinator, children = ("all", e["all_of"]) if e.get("all_of") else ("any", e.get("any_of", []))
        for child in children:
            graph.add_edge(eid, f"{owner}/{child['id']}", kind="requires", combinator=combinator)
            elements(owner, child, provision, False)

    for s in merged.get("states", []):
        node("state", s["id"], s)
    for i in merged.get("instruments", []):
        node("instrument", i["id"], i, binding=i["binding"], title=i["title"])
        for party in i.get("parties", []):
            graph.add_edge(party["state"], i["id"], kind="party", status=party["status"], since=party.get("since"))
        for test in i.get("tests", []):
            graph.add_edge(i["id"], f"{i['id']}/{test['id']}", kind="has_test")
        provisions(i["id"], i["id"], i.get("provisions", []))
        for test in i.get("tests", []):
            elements(i["id"], test, None, True)
    for f in merged.get("indicator_frameworks", []):
        node("indicator framework", f["id"], f)
        for indicator in f.get("indicators", []):
            node("indicator", f"{f['id']}/{indicator['id']}", indicator)
            graph.add_edge(f["id"], f"{f['id']}/{indicator['id']}", kind="has_indicator")
    for d in merged.get("documents", []):
        node("document", d["id"], d, document_kind=d["kind"], date=d.get("date"))
    for d in merged.get("documents", []):
        for c in d.get("cites", []):
            graph.add_edge(d["id"], c["document"], kind="cites", pinpoint=c.get("pinpoint"))
    for p in merged.get("practices", []):
        node("practice", p["id"], p)
        if p.get("state"):
            graph.add_edge(p["id"], p["state"], kind="attributed_to")
        if p.get("part_of"):
            graph.add_edge(p["id"], p["part_of"], kind="part_of")
        if p.get("legal_basis"):
            graph.add_edge(p["id"], p["legal_basis"]["document"], kind="legal_basis", pinpoint=p["legal_basis"]["pinpoint"])
    for c in merged.get("claims", []):
        graph.add_edge(
            c["practice"],
            c["element"],
            key=c["id"],
            kind="claim",
            document=c["document"],
            pinpoint=c["pinpoint"],
            quote=c["quote"],
            stance=c["stance"],
        )
    for a in merged.get("attestations", []):
        graph.add_edge(a["document"], a["practice"], key=a["id"], kind="attests", pinpoint=a["pinpoint"], quote=a["quote"])
    for x in merged.get("exhibits", []):
        graph.add_edge(
            x["practice"],
            x["indicator"],
            key=x["id"],
            kind="exhibits",
            document=x["document"],
            pinpoint=x["pinpoint"],
            quote=x["quote"],
            stance=x.get("stance", "supports"),
        )
    return graph


def same_graph(a, b) -> bool:
    """Whether two multigraphs have the same nodes, edges, keys and attributes."""
    return dict(a.nodes(data=True)) == dict(b.nodes(data=True)) and sorted(map(repr, a.edges(keys=True, data=True))) == sorted(
        map(repr, b.edges(keys=True, data=True))
    )


def corpus_json(corpus) -> str:
    """The corpus as lexmap's JSON export (the round-trip format of ``lexmap export json``)."""
    from lexmap.exports.corpus_json import corpus_json as export

    return export(corpus)


# -- the site -------------------------------------------------------------------------------


def in_new_process(arguments: list[str], env: dict | None = None) -> dict:
    """Run ``run.py --child ARGUMENTS`` in a new interpreter, as a user runs a command: its CPU
    time (user and system, ``wait4``), wall-clock time, and peak resident set (the child's own
    VmHWM: ``wait4``'s would include this process's, which the child inherits through fork)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report, tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, __file__, "--child", report.name, *arguments], stdout=subprocess.DEVNULL, stderr=errors, env=env
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        if status != 0:
            errors.seek(0)
            raise RuntimeError(f"{arguments} failed: {errors.read().decode()[-2000:]}")
        peak = json.loads(Path(report.name).read_text())["peak"]
    return {
        "s": usage.ru_utime + usage.ru_stime,
        "user": usage.ru_utime,
        "system": usage.ru_stime,
        "wall": wall,
        "mb": peak / 2**20,
    }


def child(report: Path, arguments: list[str]) -> None:
    """The body of :func:`in_new_process`: a lexmap command, or the plain mkdocs site."""
    if arguments[0] == "--plain-site":
        build_plain_pages(json.loads(Path(arguments[1]).read_text(encoding="utf-8")))
    else:
        from lexmap.cli import run  # the console script, as a user runs it

        sys.argv = ["lexmap", *arguments]
        try:
            run()
        except SystemExit as done:
            if done.code:
                raise
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) * 1024
    report.write_text(json.dumps({"peak": peak}))


def site_steps(root: Path, pages: list[str], repeat: int = 3) -> dict:
    """``lexmap site build`` in a new process: cold (no cache of corpora or citation notes), and
    warm (both caches written by an earlier build, as after ``lexmap validate`` and a first
    build); mkdocs on as many plain pages in the same navigation, in a new process too. Each is
    run ``repeat`` times, in turn, and the fastest run counts (the others are in ``runs``): on a
    shared machine, one run of the same build varies by a quarter. ``round_ratio`` is the
    median of each run's ratio to the floor built just before it, in the same conditions."""
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "pages.json"
        listing.write_text(json.dumps(pages), encoding="utf-8")
        build = ["site", "build", str(root), "-o", str(Path(tmp) / "site")]
        cold = dict(os.environ, LEXMAP_NO_CACHE="1")
        runs: dict[str, list] = {"site_floor": [], "site": [], "site_first": [], "site_warm": []}
        for n in range(repeat):
            env = dict(os.environ, LEXMAP_CACHE_DIR=str(Path(tmp) / f"cache-{n}"))  # empty for each round
            runs["site_floor"].append(in_new_process(["--plain-site", str(listing)]))
            runs["site"].append(in_new_process(build, cold))
            runs["site_first"].append(in_new_process(build, env))
            runs["site_warm"].append(in_new_process(build, env))
    for step, measured in runs.items():
        ratios = sorted(m["s"] / floor["s"] for m, floor in zip(measured, runs["site_floor"], strict=True))
        results[step] = {**min(measured, key=lambda m: m["s"]), "runs": measured, "round_ratio": statistics.median(ratios)}
    return results


def build_plain_pages(page_paths: list[str]) -> None:
    """mkdocs with lexmap's site settings on as many plain pages, in the same navigation."""
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from lexmap.site.build import HERE as SITE
    from lexmap.site.mkdocs_hook import navigation

    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        for index, page in enumerate(page_paths):
            path = docs / page
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# Page {index}\n\nA plain page of a few words, number {index}.\n", encoding="utf-8")
        config_file = Path(tmp) / "mkdocs.yml"
        config_file.write_text(
            yaml.safe_dump(
                {
                    "INHERIT": str(SITE / "mkdocs-base.yml"),
                    "site_name": "plain",
                    "docs_dir": str(docs),
                    "nav": navigation(dict.fromkeys(page_paths), []),
                }
            )
        )
        config = load_config(str(config_file), site_dir=str(Path(tmp) / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()


def serve_steps(root: Path, edits: int = 3, timeout: float = 900) -> dict:
    """``lexmap site serve`` on the corpus: the first build, then ``edits`` saves of one document
    file each (a claim's pinpoint changed, each time in another file, put back after): the
    wall-clock seconds from the save to the changed practice page being served (``first``), and
    to the server's log saying that every page was checked (``all``), as lexmap.site.incremental
    works in those two steps: wall-clock time, as a reader waits it, and the server's CPU time
    over the same span (``first_cpu``, ``all_cpu``: what neighbours on a shared machine change
    least)."""
    import re
    import select
    import signal
    import socket
    import urllib.request

    import yaml

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    results: dict = {"first": [], "all": [], "first_cpu": [], "all_cpu": []}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, LEXMAP_CACHE_DIR=str(Path(tmp) / "cache"), PYTHONUNBUFFERED="1")
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "lexmap", "site", "serve", str(root), "-a", f"127.0.0.1:{port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: list[str] = []

        def read_until(pattern: str, seconds: float) -> str:
            deadline = time.perf_counter() + seconds
            while time.perf_counter() < deadline:
                ready, _, _ = select.select([server.stderr], [], [], 0.05)
                if ready:
                    line = server.stderr.readline()  # type: ignore[union-attr]
                    lines.append(line)
                    if re.search(pattern, line):
                        return line
            raise RuntimeError(f"site serve said no {pattern!r} in {seconds} s: {''.join(lines[-20:])}")

        def server_cpu() -> float:
            """The server's CPU seconds so far (user and system, /proc/PID/stat)."""
            fields = Path(f"/proc/{server.pid}/stat").read_text().rpartition(")")[2].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

        def get(url: str) -> str:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read().decode("utf-8")

        try:
            url = re.search(r"serving on (http://\S+/)", read_until("serving on", timeout)).group(1)  # type: ignore[union-attr]
            read_until("Serving on", timeout)  # mkdocs' server: the first build is done
            results["first_build_wall"] = time.perf_counter() - started
            files = sorted((root / "mappings" / "documents").glob("*.yaml"))
            for n in range(edits):
                path = files[(n + 1) * len(files) // (edits + 1)]
                text = path.read_text(encoding="utf-8")
                claim = yaml.safe_load(text)["claims"][0]
                marker = f"page {n} of the edit"
                edited = text.replace(f"pinpoint: {claim['pinpoint']}", f"pinpoint: {marker}", 1)
                page = url + f"practices/{claim['practice']}.html"
                assert marker not in get(page)
                try:
                    saved, cpu = time.perf_counter(), server_cpu()
                    path.write_text(edited, encoding="utf-8")
                    while marker not in get(page):
                        if time.perf_counter() - saved > timeout:
                            raise RuntimeError(f"{page} did not change in {timeout} s")
                        time.sleep(0.02)
                    results["first"].append(time.perf_counter() - saved)
                    results["first_cpu"].append(server_cpu() - cpu)
                    read_until("pages updated in all", timeout)
                    results["all"].append(time.perf_counter() - saved)
                    results["all_cpu"].append(server_cpu() - cpu)
                finally:
                    path.write_text(text, encoding="utf-8")
                read_until("pages updated in all", timeout)  # the file put back: the site back too
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    for key in ("first", "all", "first_cpu", "all_cpu"):
        values = results[key]
        results[key + "_median"] = statistics.median(values)
        results[key + "_spread"] = [min(values), max(values)]
    return results


# -- independence on a long citation chain (issue 26) -----------------------------------------


def chain_statements(k: int, n: int, ladder: bool) -> tuple[dict, list]:
    """``k`` statements in ``k`` documents relying on the head of a chain of ``n`` citing
    documents; with ``ladder``, every document of the chain also cites one that records a
    statement. The independence walk was K x N on the first and cubic on the second."""
    from lexmap.model import Citation, Claim, Document

    documents: dict = {}
    statements: list = []

    def claim(id_: str, document: str, relies: tuple = ()) -> Claim:
        return Claim(id_, document, "p", "e", "supports", "p. 1", "q", relies_on=relies)

    for i in range(n):
        cites = (Citation(f"c{i + 1}", f"fn. {i}"),) if i + 1 < n else ()
        if ladder:
            cites += (Citation(f"r{i}"),)
            documents[f"r{i}"] = Document(f"r{i}", f"R{i}", "report", authors=(f"R{i}",))
            statements.append(claim(f"t{i}", f"r{i}"))
        documents[f"c{i}"] = Document(f"c{i}", f"C{i}", "report", authors=(f"A{i}",), cites=cites)
    for j in range(k):
        documents[f"x{j}"] = Document(f"x{j}", f"X{j}", "report", authors=(f"X{j}",))
        statements.append(claim(f"s{j}", f"x{j}", (Citation("c0"),)))
    return documents, statements


def chain_steps(size: int) -> dict:
    """The groups (with their reasons in words) and the count of independent sources of ``size``
    statements relying on the head of a ``size``-document chain, plain and as a ladder."""
    from lexmap.independence import Sources

    results = {}
    for ladder in (False, True):
        documents, statements = chain_statements(size, size, ladder)
        name = "chain_ladder" if ladder else "chain"
        results[f"{name}_groups"] = isolated(lambda d=documents, s=statements: Sources(d, {}, s).groups(s))
        results[f"{name}_count"] = isolated(lambda d=documents, s=statements: Sources(d, {}, s).count(s))
    return results


# -- one scale, in its own interpreter ---------------------------------------------------------


def worker(root: Path, with_site: bool, with_databases: bool = True) -> dict:
    import logging

    import lexmap

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # its progress is noise here
    files = yaml_files(root)
    results: dict = {"files": len(files), "mb_of_yaml": sum(p.stat().st_size for p in files) / 2**20}

    def floor_side() -> dict:  # in its own child, so that this process stays clean for the load
        parsed: list = []
        return {
            "load_floor": measure(lambda: parsed.extend(parse_floor(files))),
            "graph_floor": isolated(lambda: direct_graph(parsed)),
        }

    results.update(forked(floor_side))
    holder: dict = {}
    results["load"] = measure(lambda: holder.setdefault("corpus", lexmap.load(root, texts=[], cache=False)))
    corpus = holder["corpus"]
    results["counts"] = corpus.counts()
    results["graph"] = isolated(corpus.to_networkx)
    results["citations"] = measure(lambda: corpus.sources())
    results.update(chain_steps(max(results["counts"]["claims"] // 10, 10)))
    results["coverage"] = isolated(lambda: [corpus.coverage(test) for test in corpus.tests])
    results["matrix"] = isolated(corpus.matrix)
    # issue 29: is the matrix linear in claims? five more runs, each a first call in its own child
    results["matrix_runs"] = [isolated(corpus.matrix) for _ in range(MATRIX_RUNS)]
    results["json"] = isolated(lambda: corpus_json(corpus))
    if with_databases:
        from databases import database_steps

        results.update(database_steps(corpus, measure, isolated, forked))
    if results["counts"]["claims"] <= 2000:  # small: check that the floor builds the same graph
        results["same_graph"] = same_graph(corpus.to_networkx(), direct_graph(parse_floor(files)))
    if with_site:
        from lexmap.site.pages import build_pages

        pages = forked(lambda: {"pages": list(build_pages(corpus))})["pages"]
        results["site_pages"] = len(pages)
        results.update(site_steps(root, pages))
        results["serve"] = serve_steps(root)
    results.update(cache_steps(root, corpus))
    return results


def cache_steps(root: Path, corpus) -> dict:
    """The corpus cache: first load (writes it), reload unchanged, reload after one document file
    changed; each step also says how many YAML files it read. The changed file is put back."""
    import lexmap
    import lexmap.loader
    import lexmap.yamlread

    os.environ["LEXMAP_CACHE_DIR"] = str(root.parent / f"cache-{root.name}")
    from lexmap.cache import clear, code_fingerprint

    clear()
    code_fingerprint()  # once, here: the forked children share it

    def counted() -> dict:
        read = lexmap.yamlread.read_yaml
        seen: list = []

        def counting(path, file):
            seen.append(path)
            return read(path, file)

        lexmap.yamlread.read_yaml = lexmap.loader.read_yaml = counting
        held: dict = {}
        result = measure(lambda: held.setdefault("corpus", lexmap.load(root, texts=[])))
        result["yaml_files_read"] = len(seen)
        if len(corpus.claims) <= 2000:  # small: check that the cached corpus is the one the YAML gives
            fresh = lexmap.load(root, texts=[], cache=False)
            result["same"] = dict(fresh.texts) == dict(held["corpus"].texts) and all(
                list(getattr(held["corpus"], n).items()) == list(getattr(fresh, n).items())
                for n in (
                    "states",
                    "ratifications",
                    "actors",
                    "instruments",
                    "indicator_frameworks",
                    "documents",
                    "practices",
                    "claims",
                    "attestations",
                    "exhibits",
                )
            )
        return result

    changed = sorted((root / "mappings" / "documents").glob("*.yaml"))[len(corpus.documents) // 2]
    text = changed.read_text(encoding="utf-8")
    results = {"cache_write": forked(counted), "reload": forked(counted)}
    for name, cache in (("fresh_load", False), ("fresh_reload", True)):  # as a new CLI call or notebook kernel
        command = [sys.executable, __file__, "--fresh", str(root)] + ([] if cache else ["--no-cache"])
        results[name] = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    changed.write_text(text.replace("pinpoint: p.", "pinpoint: page", 1), encoding="utf-8")
    try:
        results["reload_changed"] = forked(counted)
    finally:
        changed.write_text(text, encoding="utf-8")
    results["cache_mb"] = sum(p.stat().st_size for p in Path(os.environ["LEXMAP_CACHE_DIR"]).iterdir()) / 2**20
    return results


# -- a big XLSX against the same matrix as CSV (issue 29) ------------------------------------

MATRIX_RUNS = 5
XLSX_ROUNDS = 3


def xlsx_steps(root: Path, rounds: int = XLSX_ROUNDS) -> dict:
    """The practices x elements matrix of ``root`` (4,000 x 1,032 at scale 20) written by
    ``lexmap matrix`` as CSV and as XLSX, each in a new process as a user runs it, in turn for
    ``rounds`` rounds (the cache of validated corpora written first, as after ``lexmap
    validate``); then the two writers alone (the matrix computed once, each writer in a forked
    child), in turn too. ``ratio``: each round's XLSX time over the CSV time of the same round."""
    import lexmap
    from lexmap.exports.csvfile import matrix_csv
    from lexmap.exports.xlsxfile import matrix_xlsx

    results: dict = {"commands": [], "writers": []}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, LEXMAP_CACHE_DIR=str(Path(tmp) / "cache"))
        in_new_process(["validate", str(root)], env)
        matrix = ["matrix", str(root), "--rows", "practices", "--cols", "elements", "--max-cells", "10000000"]
        for _ in range(rounds):
            csv = in_new_process([*matrix, "-o", str(Path(tmp) / "m.csv")], env)
            xlsx = in_new_process([*matrix, "-o", str(Path(tmp) / "m.xlsx")], env)
            results["commands"].append({"csv": csv, "xlsx": xlsx, "ratio": xlsx["s"] / csv["s"]})
        results["xlsx_mb"] = (Path(tmp) / "m.xlsx").stat().st_size / 2**20
        os.environ["LEXMAP_CACHE_DIR"] = env["LEXMAP_CACHE_DIR"]
        corpus = lexmap.load(root, texts=[])
        built = corpus.matrix("practices", "elements")
        results["shape"] = [len(built.rows), len(built.cols)]
        for _ in range(rounds):
            csv = isolated(lambda: matrix_csv(built))
            xlsx = isolated(lambda: matrix_xlsx(built, corpus))
            results["writers"].append({"csv": csv, "xlsx": xlsx, "ratio": xlsx["s"] / csv["s"]})
    return results


def spread(values: list[float], digits: int = 2) -> str:
    """``median (min-max)``."""
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def xlsx_table(found: dict) -> str:
    rows, cols = found["shape"]
    lines = [
        f"XLSX against CSV, {rows:,} x {cols:,} practices x elements ({len(found['commands'])} rounds; median (min-max)):",
        "",
        "| step | CSV s | XLSX s | XLSX / CSV, same round | CSV peak MB | XLSX peak MB |",
        "|---|---|---|---|---|---|",
    ]
    for name, key in (
        ("`lexmap matrix -o` (new process: load from the cache, matrix, write)", "commands"),
        ("the writer alone", "writers"),
    ):
        runs = found[key]
        lines.append(
            f"| {name} | {spread([r['csv']['s'] for r in runs])} | {spread([r['xlsx']['s'] for r in runs])} | "
            f"{spread([r['ratio'] for r in runs])} | {spread([r['csv']['mb'] for r in runs], 0)} | "
            f"{spread([r['xlsx']['mb'] for r in runs], 0)} |"
        )
    lines.append(f"\nthe XLSX file: {found['xlsx_mb']:.1f} MB")
    return "\n".join(lines)


# -- the table ------------------------------------------------------------------------------

ROWS = [
    ("load + validate", "load", "load_floor", "PyYAML CSafeLoader"),
    ("graph (to_networkx)", "graph", "graph_floor", "networkx from dicts"),
    ("independence index", "citations", None, ""),
    ("independence groups, claims/10 statements relying on a chain of claims/10 documents", "chain_groups", None, ""),
    ("independence count, the same", "chain_count", None, ""),
    ("independence groups, the same chain as a ladder (each document cites a recorded one)", "chain_ladder_groups", None, ""),
    ("independence count, the ladder", "chain_ladder_count", None, ""),
    ("coverage of every test", "coverage", None, ""),
    ("matrix (indicators x instruments)", "matrix", None, ""),
    ("JSON export", "json", None, ""),
    ("site build, cold (`lexmap site build --no-cache`, new process)", "site", "site_floor", "mkdocs, plain pages"),
    ("site build, first with the caches (writes them)", "site_first", "site_floor", "mkdocs, plain pages"),
    ("site build, warm (corpus and notes cached)", "site_warm", "site_floor", "mkdocs, plain pages"),
    ("first load, writing the cache", "cache_write", "load", "load without cache"),
    ("reload, unchanged (cache)", "reload", "load_floor", "PyYAML CSafeLoader"),
    ("reload, one document file changed", "reload_changed", "load", "load without cache"),
    ("load without cache, new process", "fresh_load", "load_floor", "PyYAML CSafeLoader"),
    ("reload, unchanged, new process", "fresh_reload", "load_floor", "PyYAML CSafeLoader"),
    ("SQLite export (`write_sqlite`)", "sqlite", None, ""),
    ("SQLite read back (every row)", "sqlite_read", None, ""),
    ("Parquet export (`write_parquet`)", "parquet", None, ""),
    ("Parquet read back (pyarrow)", "parquet_read", None, ""),
    ("RDF graph (rdflib, `corpus_graph`)", "rdf_graph", None, ""),
    ("N-Triples (lexmap's writer, no rdflib)", "ntriples", None, ""),
    ("Turtle (lexmap's writer, no rdflib)", "turtle", None, ""),
    ("Oxigraph bulk load (on disk)", "oxigraph_load", None, ""),
    ("Oxigraph store, first build (`open_store`)", "oxigraph_build", None, ""),
    ("Oxigraph store reused (hash + open)", "oxigraph_reopen", None, ""),
    ("claims per element: SPARQL, Oxigraph, first query", "sparql_oxigraph", "sparql_api", "API (`claims_for`)"),
    ("claims per element: SPARQL, Oxigraph, again", "sparql_oxigraph_warm", "sparql_api", "API (`claims_for`)"),
    ("claims per element: SPARQL, rdflib", "sparql_rdflib", "sparql_api", "API (`claims_for`)"),
    ("claims per element: one pass over `corpus.claims`", "sparql_pass", "sparql_api", "API (`claims_for`)"),
]


def runs(f: dict, c: dict) -> str:
    """The matrix's extra runs, per claim: median (min-max)."""
    found = [r["s"] / c["claims"] * 1e6 for r in f.get("matrix_runs", []) if "s" in r]
    return spread(found, 1) if found else "-"


def table(figures: dict[str, dict]) -> str:
    scales = list(figures)
    head = ["step", "floor"] + [f"{s}x {part}" for s in scales for part in ("CPU s", "floor", "ratio", "peak MB")]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for title, key, floor_key, floor_name in ROWS:
        if not any(key in figures[s] for s in scales):
            continue
        cells = [title, floor_name]
        for s in scales:
            mine, floor = figures[s].get(key), figures[s].get(floor_key) if floor_key else None
            if mine is None or "error" in mine:
                cells += [mine["error"] if mine else "-", "", "", ""]
                continue
            cells += [
                f"{mine['s']:.3f}",
                f"{floor['s']:.3f}" if floor else "",
                f"{mine['s'] / floor['s']:.2f}" if floor else "",
                f"{mine['mb']:.0f}",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "| scale | files | MB of YAML | instruments | elements | documents | practices | claims | "
        f"load µs/claim | matrix µs/claim | matrix µs/claim, {MATRIX_RUNS} more runs | coverage µs/claim |"
    )
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in scales:
        f, c = figures[s], figures[s]["counts"]
        per = lambda k, f=f, c=c: f"{f[k]['s'] / c['claims'] * 1e6:.1f}" if "s" in f.get(k, {}) else "-"  # noqa: E731
        lines.append(
            f"| {s}x | {f['files']} | {f['mb_of_yaml']:.1f} | {c['instruments']} | {c['elements']} | "
            f"{c['documents']} | {c['practices']} | {c['claims']} | {per('load')} | {per('matrix')} | "
            f"{runs(f, c)} | {per('coverage')} |"
        )
    return "\n".join(lines)


def fresh(root: Path, cache: bool) -> dict:
    """One load in this new interpreter. Linux carries the peak resident set across fork and exec
    (from the worker holding a corpus): it is reset first (``clear_refs``) and read as VmHWM."""
    import lexmap

    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    before = _rss()
    result = measure(lambda: lexmap.load(root, texts=[], cache=cache))
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) * 1024
    result["mb"] = (peak - before) / 2**20
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark lexmap on synthetic corpora.")
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10, 100])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--site-scale", type=float, default=10, help="the scale whose site is built (0: none)")
    parser.add_argument("--workdir", type=Path, help="where corpora are written (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--with-site", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--fresh", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--no-cache", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-databases", action="store_true", help="skip the SQLite, Parquet, RDF and SPARQL steps")
    parser.add_argument(
        "--xlsx-scale",
        type=float,
        default=20,
        help="the scale whose practices x elements matrix is written as XLSX and CSV (0: none)",
    )
    parser.add_argument("--xlsx", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fresh:
        print(json.dumps(fresh(args.fresh, not args.no_cache)))
        return
    if args.child:
        child(Path(args.child[0]), args.child[1:])
        return
    if args.worker:
        print(json.dumps(worker(args.worker, args.with_site, not args.no_databases)))
        return
    if args.xlsx:
        print(json.dumps(xlsx_steps(args.xlsx)))
        return

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lexmap-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        figures: dict[str, dict] = {}
        for scale in args.scales:
            name = f"{scale:g}"
            root = workdir / f"scale-{name}"
            t = time.perf_counter()
            generate(root, scale, args.seed)
            print(f"scale {name}x: generated in {time.perf_counter() - t:.1f}s; measuring...", file=sys.stderr, flush=True)
            command = [sys.executable, __file__, "--worker", str(root)]
            if scale == args.site_scale:
                command.append("--with-site")
            if args.no_databases:
                command.append("--no-databases")
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            figures[name] = json.loads(done.stdout.splitlines()[-1])
            print(f"  done in {time.perf_counter() - t:.1f}s", file=sys.stderr, flush=True)
        big = None
        if args.xlsx_scale:
            root = workdir / f"scale-{args.xlsx_scale:g}"
            if not root.exists():
                generate(root, args.xlsx_scale, args.seed)
            print(f"scale {args.xlsx_scale:g}x: XLSX against CSV...", file=sys.stderr, flush=True)
            done = subprocess.run([sys.executable, __file__, "--xlsx", str(root)], check=True, capture_output=True, text=True)
            big = json.loads(done.stdout.splitlines()[-1])
    print(table(figures))
    if big:
        print("\n" + xlsx_table(big))
    for name, f in figures.items():
        if "site_warm" in f:
            print(
                f"\nat {name}x, the site against the floor built in the same round (median of "
                f"{len(f['site_warm']['runs'])}): cold {f['site']['round_ratio']:.2f}x, first "
                f"{f['site_first']['round_ratio']:.2f}x, warm {f['site_warm']['round_ratio']:.2f}x"
            )
    for name, f in figures.items():
        if "serve" in f:
            v = f["serve"]
            print(
                f"\nat {name}x, site serve after saving one document file (median of {len(v['first'])}, spread): the "
                f"changed page served in {v['first_median']:.1f} s ({v['first_spread'][0]:.1f}-{v['first_spread'][1]:.1f}; "
                f"server CPU {v['first_cpu_median']:.1f} s), every page checked in {v['all_median']:.1f} s "
                f"({v['all_spread'][0]:.1f}-{v['all_spread'][1]:.1f}; CPU {v['all_cpu_median']:.1f} s); first build "
                f"{v['first_build_wall']:.0f} s"
            )
    for name, f in figures.items():
        if "same_graph" in f:
            print(f"\nat {name}x, the floor's graph equals corpus.to_networkx(): {f['same_graph']}")
    for name, f in figures.items():
        reads = ", ".join(f"{k} {f[k].get('yaml_files_read')}" for k in ("cache_write", "reload", "reload_changed") if k in f)
        same = (
            f" (same corpus: {f['reload'].get('same')}, {f['reload_changed'].get('same')})"
            if "same" in f.get("reload", {})
            else ""
        )
        print(f"at {name}x, YAML files read: {reads}; cache file {f.get('cache_mb', 0):.1f} MB{same}")
        if "sparql_same" in f:
            print(
                f"at {name}x: {f['triples']:,} triples, {f['ntriples_mb']:.0f} MB of N-Triples, SQLite {f['sqlite_mb']:.1f} MB, "
                f"Parquet {f['parquet_mb']:.1f} MB; Oxigraph, rdflib and one pass answer as the API: {f['sparql_same'] and f['api_same']}; "
                f"wall s: Oxigraph load {f['oxigraph_load']['wall']:.2f}, query {f['sparql_oxigraph']['wall']:.3f}"
            )
    print(f"\ntotal: {time.perf_counter() - started:.0f}s")
    if args.json:
        args.json.write_text(json.dumps({**figures, **({"xlsx": big} if big else {})}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
