"""The synthetic corpora of the benchmarks are valid, of the announced size, and reproducible."""

import shutil
import sys
from pathlib import Path

import lexmap

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from generate import counts, generate  # noqa: E402
from run import direct_graph, parse_floor, same_graph, yaml_files  # noqa: E402


def test_generated_corpus_loads_with_the_announced_counts(tmp_path):
    written = generate(tmp_path, scale=1, seed=3)
    corpus = lexmap.load(tmp_path, texts=[])
    found = corpus.counts()
    for kind, n in written.items():
        assert found[kind] == n, kind
    assert found["claims"] == counts(1)["claims"] == 2000
    assert found["documents"] == 100 and found["practices"] == 200 and found["instruments"] == 2
    assert 40 <= found["elements"] <= 60
    assert found["citations"] >= found["documents"] * 0.8 - 20  # chains of five
    assert counts(100)["claims"] == 200_000 and counts(100)["instruments"] == 200


def test_generation_is_deterministic_from_the_seed(tmp_path):
    generate(tmp_path / "a", scale=0.1, seed=7)
    generate(tmp_path / "b", scale=0.1, seed=7)
    generate(tmp_path / "c", scale=0.1, seed=8)
    read = lambda root: {p.relative_to(root): p.read_bytes() for p in yaml_files(root)}  # noqa: E731
    assert read(tmp_path / "a") == read(tmp_path / "b")
    assert read(tmp_path / "a") != read(tmp_path / "c")


def test_the_floor_graph_is_the_graph_of_the_corpus(tmp_path):
    generate(tmp_path, scale=0.1, seed=1)
    corpus = lexmap.load(tmp_path, texts=[])
    assert same_graph(corpus.to_networkx(), direct_graph(parse_floor(yaml_files(tmp_path))))


def test_the_pdf_benchmark_corpus_checks_the_same_quotes_as_its_plain_text_twin(tmp_path):
    import texts as text_benchmark

    generate(tmp_path / "base", scale=0.05, seed=1)
    checked = {}
    for kind in ("txt", "pdf"):
        root = tmp_path / kind
        shutil.copytree(tmp_path / "base", root)
        assert text_benchmark.add_texts(root, kind) == 5
        corpus = lexmap.load(root, cache=False)
        checked[kind] = {d: (t.status, t.checked, t.unchecked) for d, t in corpus.texts.items()}
    assert checked["pdf"] == checked["txt"] and all(s == "checked" and n > 0 for s, n, _ in checked["txt"].values())
