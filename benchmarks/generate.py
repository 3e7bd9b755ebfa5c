"""Write a synthetic, valid lexmap corpus of a given scale factor.

At scale 1 the corpus holds 2 instruments (about 50 legal elements), 100
documents, 200 practices, 2,000 claims, 200 attestations and 100 exhibits; every
count grows linearly with the scale, so that scale 100 gives roughly 200
instruments, 5,000 elements, 10,000 documents, 20,000 practices and 200,000
claims. The layout follows the bundled corpus: one file per instrument, one
file per document holding everything it says, practices in a few files.

Documents come in families of five, each citing the one before it (citation
chains), and some cite the head of another family. Quotes are not checked
(no ``text_file``), but every element's ``words`` are verbatim in its provision.

    python benchmarks/generate.py OUT_DIR --scale 10 --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

WORDS = (
    "worker workers state mission missions contract salary wages passport document documents "
    "travel family families return penalty penalties menace coercion threat threats debt labour "
    "service services forced recruitment transfer harbouring receipt exploitation abuse power "
    "position vulnerability payment benefit consent control person persons freedom movement "
    "surveillance report reports government agreement programme health doctor doctors nurse "
    "country countries abroad host income retention withholding confiscation isolation "
    "deception fraud condition conditions hours overtime residence permit visa exit ban "
    "punishment sanction sanctions dismissal years eight law decree regulation article"
).split()
DOCUMENT_KINDS = ("report", "news-article", "blog-post", "fact-sheet", "un-communication", "court-ruling", "government-statement")
INSTRUMENT_KINDS = ("treaty", "convention", "protocol", "statute", "declaration", "regulation")
TEST_KINDS = ("definition", "prohibition", "obligation")
FAMILY = 5  # documents per citation chain


def q(text: str) -> str:
    """A YAML scalar for ``text`` (a JSON string is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def counts(scale: float) -> dict[str, int]:
    """How many records of each top-level kind a corpus of ``scale`` holds."""
    n = lambda base, least=1: max(least, round(base * scale))  # noqa: E731
    return {
        "states": n(2, 5),
        "instruments": n(2),
        "indicator_frameworks": n(0.1),
        "documents": n(100, FAMILY),
        "practices": n(200),
        "claims": n(2000),
        "attestations": n(200),
        "exhibits": n(100),
    }


def generate(out: str | Path, scale: float = 1, seed: int = 0) -> dict[str, int]:
    """Write a corpus of ``scale`` into ``out`` (replacing its instruments/ and mappings/).

    Returns the counts of what was written (top-level records, plus ``elements``
    and ``provisions``), to compare with :meth:`lexmap.Corpus.counts`.
    """
    rng = random.Random(seed)
    out = Path(out)
    for folder in ("instruments", "mappings"):
        shutil.rmtree(out / folder, ignore_errors=True)
    (out / "instruments" / "indicators").mkdir(parents=True)
    (out / "mappings" / "documents").mkdir(parents=True)
    (out / "mappings" / "practices").mkdir(parents=True)
    wanted = counts(scale)
    written = dict(wanted, elements=0, provisions=0, indicators=0, citations=0)

    def sentence(low: int = 12, high: int = 30) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."

    states = [f"s{i:03d}" for i in range(wanted["states"])]
    (out / "instruments" / "states.yaml").write_text(
        "states:\n" + "".join(f"  - id: {s}\n    name: State {s.upper()}\n" for s in states), encoding="utf-8"
    )

    # -- instruments: provisions (articles with paragraphs) and legal tests --------------
    elements: list[str] = []
    for i in range(wanted["instruments"]):
        iid = f"i{i:04d}"
        adopted = rng.randint(1900, 2015)
        kind = rng.choice(INSTRUMENT_KINDS)
        lines = [
            "instruments:",
            f"  - id: {iid}",
            f"    title: {q('Convention on ' + sentence(3, 8).lower().rstrip('.'))}",
            f"    short_name: Instrument {i}",
            f"    kind: {kind}",
            f'    adopted: "{adopted}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"',
            f'    in_force: "{adopted + rng.randint(1, 5)}"',
            f"    binding: {str(rng.random() < 0.8).lower()}",
        ]
        ratifications = ["ratifications:"]
        for state in rng.sample(states, min(len(states), 3)) if kind in ("treaty", "convention", "protocol") else ():
            event = rng.choice(("ratification", "accession", "signature"))
            ratifications += [
                f"  - instrument: {iid}",
                f"    state: {state}",
                "    events:",
                f'      - {{event: {event}, date: "{min(adopted + rng.randint(1, 30), 2025)}"}}',
            ]  # never in the future
        lines.append("    provisions:")
        paragraphs: dict[str, str] = {}
        for a in range(1, 6):
            lines += [f"      - id: art-{a}", f"        label: Art. {a}", "        provisions:"]
            for p in range(1, 4):
                text = sentence(20, 40)
                paragraphs[f"art-{a}-{p}"] = text
                lines += [f"          - id: art-{a}-{p}", f"            label: Art. {a}({p})", f"            text: {q(text)}"]
                written["provisions"] += 1
            written["provisions"] += 1
        lines.append("    tests:")
        for t in range(1, 3):
            provision = rng.choice(list(paragraphs))
            lines += [
                f"      - id: t{t}",
                f"        label: {q('Test ' + sentence(2, 4))}",
                f"        kind: {rng.choice(TEST_KINDS)}",
                f"        provision: {provision}",
                "        all_of:",
            ]
            elements.append(f"{iid}/t{t}")
            for c in range(1, rng.randint(2, 4) + 1):
                cid = f"t{t}-e{c}"
                lines += [f"          - id: {cid}", f"            label: {q(sentence(2, 5))}", "            any_of:"]
                elements.append(f"{iid}/{cid}")
                for leaf in range(1, rng.randint(2, 4) + 1):
                    words = paragraphs[provision].split()
                    start = rng.randrange(len(words) - 4)
                    lines += [
                        f"              - id: {cid}-{leaf}",
                        f"                label: {q(sentence(2, 5))}",
                        f"                words: {q(' '.join(words[start : start + 4]))}",
                    ]
                    elements.append(f"{iid}/{cid}-{leaf}")
        (out / "instruments" / f"{iid}.yaml").write_text(
            "\n".join(lines + (ratifications if len(ratifications) > 1 else [])) + "\n", encoding="utf-8"
        )
    written["elements"] = len(elements)

    # -- indicator frameworks -------------------------------------------------------------
    indicators: list[str] = []
    for f in range(wanted["indicator_frameworks"]):
        fid = f"framework-{f}"
        lines = [
            "indicator_frameworks:",
            f"  - id: {fid}",
            f"    title: Indicator framework {f}",
            "    date: 2012",
            "    indicators:",
        ]
        for n in range(11):
            lines += [f"      - id: ind-{n}", f"        label: {q(sentence(2, 5))}", f"        description: {q(sentence())}"]
            indicators.append(f"{fid}/ind-{n}")
        (out / "instruments" / "indicators" / f"{fid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    written["indicators"] = len(indicators)
    first_framework = indicators[:11]

    # -- practices ----------------------------------------------------------------------
    documents = [f"d{d:05d}" for d in range(wanted["documents"])]
    statutes = documents[:: FAMILY * 4]  # every fourth family head is a statute
    practices = [f"p{p:05d}" for p in range(wanted["practices"])]
    per_file = 1000
    for start in range(0, len(practices), per_file):
        lines = ["practices:"]
        for index in range(start, min(start + per_file, len(practices))):
            lines += [
                f"  - id: {practices[index]}",
                f"    label: {q(sentence(3, 8))}",
                f"    description: {q(sentence())}",
                "    actor: Government",
                f"    state: {rng.choice(states)}",
                f"    places: [Place {rng.randint(1, 50)}]",
                f'    start: "{rng.randint(1960, 2020)}"',
            ]
            if index and rng.random() < 0.1:
                lines.append(f"    part_of: {practices[rng.randrange(index)]}")  # an earlier one: no cycles
            if rng.random() < 0.05:
                lines += [
                    "    legal_basis:",
                    f"      document: {rng.choice(statutes)}",
                    f"      pinpoint: Art. {rng.randint(1, 30)}",
                ]
        (out / "mappings" / "practices" / f"practices-{start // per_file:03d}.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )

    # -- documents and everything each says -----------------------------------------------
    def share(total: int) -> list[int]:
        """Split ``total`` statements over the documents at random."""
        shares = [0] * len(documents)
        for _ in range(total):
            shares[rng.randrange(len(documents))] += 1
        return shares

    claims, attestations, exhibits = share(wanted["claims"]), share(wanted["attestations"]), share(wanted["exhibits"])
    for d, did in enumerate(documents):
        kind = "statute" if d % (FAMILY * 4) == 0 else rng.choice(DOCUMENT_KINDS)
        lines = [
            "documents:",
            f"  - id: {did}",
            f"    title: {q(sentence(4, 10))}",
            f"    kind: {kind}",
            f"    authors: [Author {rng.randint(1, 500)}]",
            f"    publisher: Publisher {rng.randint(1, 50)}",
            f'    date: "{rng.randint(2000, 2023)}-{rng.randint(1, 12):02d}"',
            "    language: en",
        ]
        cites = []
        if d % FAMILY:
            cites.append(documents[d - 1])  # the chain within the family
        if rng.random() < 0.3:
            head = documents[rng.randrange(len(documents) // FAMILY) * FAMILY]  # heads cite nothing
            if head != did and head not in cites:
                cites.append(head)
        if cites:
            lines.append("    cites:")
            for cited in cites:
                lines += [f"      - document: {cited}", f"        pinpoint: fn. {rng.randint(1, 150)}"]
            written["citations"] += len(cites)
        if claims[d]:
            lines.append("claims:")
            for c in range(claims[d]):
                lines += [
                    f"  - id: {did}-c{c}",
                    f"    document: {did}",
                    f"    practice: {rng.choice(practices)}",
                    f"    element: {rng.choice(elements)}",
                    f"    stance: {'contests' if rng.random() < 0.1 else 'supports'}",
                    f"    pinpoint: p. {rng.randint(1, 200)}",
                    f"    quote: {q(sentence())}",
                ]
        if attestations[d]:
            lines.append("attestations:")
            for a in range(attestations[d]):
                lines += [
                    f"  - id: {did}-a{a}",
                    f"    document: {did}",
                    f"    practice: {rng.choice(practices)}",
                    f"    pinpoint: p. {rng.randint(1, 200)}",
                    f"    quote: {q(sentence())}",
                ]
        if exhibits[d]:
            lines.append("exhibits:")
            for e in range(exhibits[d]):
                pool = first_framework if rng.random() < 0.8 else indicators
                lines += [
                    f"  - id: {did}-x{e}",
                    f"    document: {did}",
                    f"    practice: {rng.choice(practices)}",
                    f"    indicator: {rng.choice(pool)}",
                    f"    pinpoint: p. {rng.randint(1, 200)}",
                    f"    quote: {q(sentence())}",
                ]
                if rng.random() < 0.1:
                    lines.append("    stance: contests")
        (out / "mappings" / "documents" / f"{did}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (its instruments/ and mappings/ are replaced)")
    parser.add_argument("--scale", type=float, default=1.0, help="scale factor (1: 2,000 claims; 100: 200,000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    written = generate(args.out, args.scale, args.seed)
    print(f"wrote {args.out}: " + ", ".join(f"{n} {kind}" for kind, n in written.items()))


if __name__ == "__main__":
    main()
