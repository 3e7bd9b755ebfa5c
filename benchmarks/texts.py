"""Validating a corpus whose texts are PDFs against the same corpus with plain-text texts.

    python benchmarks/texts.py                    # scale 10 (20,000 claims, 1,000 texts)
    python benchmarks/texts.py --scale 1 --json figures.json

The synthetic corpus of ``generate.py`` is given a text per document holding its quotes between
sentences of filler, once as ``.txt`` files and once as PDFs of 45 lines a page (front matter
numbered i, ii: printed labels that differ from the physical pages). Each corpus is loaded cold
(no cache: every PDF extracted), then validated after an edit of one document file (``lexmap
validate`` after a change: the YAML of the other files comes from the corpus cache, every quote
is checked again, and a PDF's pages come from the extraction cache, keyed by the file's
SHA-256). Times are CPU seconds of this process, the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import yaml  # noqa: E402
from generate import WORDS, generate  # noqa: E402

from pdfmake import pdf_bytes  # noqa: E402

LINES_PER_PAGE = 45


def add_texts(root: Path, kind: str, seed: int = 0) -> int:
    """Give every document of the corpus at ``root`` a text of ``kind`` ("txt" or "pdf") holding
    its quotes; return how many texts were written."""
    rng = random.Random(seed)
    texts = root / "texts"  # the text folder of a corpus laid out as instruments/ and mappings/
    texts.mkdir(exist_ok=True)
    count = 0
    for file in sorted((root / "mappings" / "documents").glob("*.yaml")):
        source = file.read_text(encoding="utf-8")
        data = yaml.load(source, Loader=yaml.CSafeLoader)
        (document,) = data["documents"]
        quotes = [s["quote"] for name in ("claims", "attestations", "exhibits") for s in data.get(name) or ()]
        paragraphs = []
        for quote in quotes:
            paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) + ".")
            paragraphs.append(quote)
        lines = [line for p in paragraphs for line in textwrap.wrap(p, 90)]
        name = f"{document['id']}.{kind}"
        if kind == "txt":
            (texts / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[""]]
            (texts / name).write_bytes(pdf_bytes([["Title page"], ["Contents"], *pages], [(0, "r", 1), (2, "D", 1)]))
        file.write_text(source.replace("    language: en\n", f"    language: en\n    text_file: {name}\n", 1), encoding="utf-8")
        count += 1
    return count


def cpu(step) -> float:
    start = time.process_time()
    step()
    return time.process_time() - start


def measure(root: Path, repeat: int) -> dict:
    import lexmap

    checked = lexmap.load(root, cache=False).texts
    quotes = sum(t.checked for t in checked.values())
    assert quotes and all(t.unchecked == 0 for t in checked.values()), "every quote is checked against its text"
    cold = min(cpu(lambda: lexmap.load(root, cache=False)) for _ in range(max(1, repeat // 2)))
    lexmap.load(root)  # writes the corpus cache and the extraction cache
    edited = sorted((root / "mappings" / "documents").glob("*.yaml"))[0]
    warm = []
    for round_ in range(repeat):
        with open(edited, "a", encoding="utf-8") as out:
            out.write(f"# edit {round_}\n")
        warm.append(cpu(lambda: lexmap.load(root)))
    return {"quotes": quotes, "texts": len(checked), "cold_s": round(cold, 3), "warm_s": round(min(warm), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lexmap-texts-bench-") as work:
        os.environ["LEXMAP_CACHE_DIR"] = str(Path(work) / "cache")
        base = Path(work) / "base"
        generate(base, args.scale, seed=1)
        figures: dict = {"scale": args.scale}
        for kind in ("txt", "pdf"):
            root = Path(work) / kind
            shutil.copytree(base, root)
            add_texts(root, kind)
            figures[kind] = measure(root, args.repeat)
    figures["warm_ratio"] = round(figures["pdf"]["warm_s"] / figures["txt"]["warm_s"], 2)
    figures["cold_ratio"] = round(figures["pdf"]["cold_s"] / figures["txt"]["cold_s"], 2)
    for kind in ("txt", "pdf"):
        f = figures[kind]
        print(f"{kind}: {f['texts']} texts, {f['quotes']} quotes; cold {f['cold_s']:.2f} s, after an edit {f['warm_s']:.2f} s")
    print(f"PDF / plain text: after an edit (extraction cache warm) {figures['warm_ratio']}x; cold {figures['cold_ratio']}x")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
