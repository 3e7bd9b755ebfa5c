"""The citation rule of independence walks each document below the statements a few times in all
(issue 26): K statements in K documents relying on the head of a chain of N citing documents
walked the chain once a statement (K x N), and a chain whose every document cites a recorded one
(a ladder) made K x N links, each path walked step by step (1,000 x 1,000: 86 s). The answers are
the rules', checked pair by pair against generated corpora with chains, cycles and diamonds."""

from __future__ import annotations

import itertools
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lexmap.citation_paths import PATH_WORDS, Steps
from lexmap.independence import Sources
from lexmap.model import Actor, Citation, Claim, Document


def _claim(id_: str, document: str, relies_on=(), speaker=None) -> Claim:
    relies = tuple(Citation(*r) if isinstance(r, tuple) else Citation(r) for r in relies_on)
    return Claim(id_, document, "p", "e", "supports", "p. 1", "q", speaker=speaker, relies_on=relies)


# -- the rules, pair by pair -------------------------------------------------------------------


def _reach(cites: dict, start: str) -> set[str]:
    seen, stack = set(), [start]
    while stack:
        for cited, _ in cites.get(stack.pop(), ()):
            if cited not in seen:
                seen.add(cited)
                stack.append(cited)
    return seen


def _rules(documents, actors, statements, mode: str) -> tuple[list[frozenset[str]], int, dict]:
    """The groups (as sets of ids) and the count of docs/evidence.md's rules, each pair of
    statements tested on its own; and, for each reason, the pairs it names directly."""
    sources = Sources(documents, actors, statements, mode)  # its citation index, voices and chains only
    cites = sources.cites
    recorded = {s.document for s in statements}
    reach = {d: _reach(cites, d) for d in set(cites) | recorded}
    rests = {s.id: set().union(*({r.document} | reach.get(r.document, set()) for r in s.relies_on)) for s in statements}

    def organisations(statement) -> set[str]:
        actors_ = set(sources.voices(statement))
        for document in rests[statement.id]:
            actors_ |= set(sources.document_voices(document))
        return {o for a in actors_ for o in sources.chain(a)}

    voices = {s.id: organisations(s) for s in statements}
    direct: dict[str, set[frozenset[str]]] = {
        r: set() for r in ("same-document", "citation", "same-source", "same-speaker", "same-publisher")
    }
    for a, b in itertools.combinations(statements, 2):
        pair = frozenset((a.id, b.id))
        if a.document == b.document:
            direct["same-document"].add(pair)
        if b.document in reach[a.document] or a.document in reach[b.document]:
            direct["citation"].add(pair)
        if rests[a.id] & rests[b.id]:
            direct["same-source"].add(pair)
        if voices[a.id] & voices[b.id]:
            direct["same-speaker"].add(pair)
        publishers = [getattr(documents.get(s.document), "published_by", None) for s in (a, b)]
        if mode == "publisher" and all(publishers) and sources.chain(publishers[0])[-1] == sources.chain(publishers[1])[-1]:
            direct["same-publisher"].add(pair)
    parent = {s.id: s.id for s in statements}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for pair in set().union(*direct.values()):
        a, b = sorted(pair)
        parent[find(a)] = find(b)
    groups: dict[str, set[str]] = {}
    for s in statements:
        groups.setdefault(find(s.id), set()).add(s.id)
    by_id = {s.id: s for s in statements}
    count = sum(1 for g in groups.values() if any(sources.voices(by_id[i]) for i in g))
    return sorted(map(frozenset, groups.values()), key=sorted), count, direct


def _corpus(seed: int):
    """Documents in chains, cycles and diamonds and at random; statements in some of them,
    relying on others; authors, publishers part of others, speakers."""
    rng = random.Random(seed)
    n = rng.randint(2, 60)
    names = [f"d{i}" for i in range(n)]
    cites: dict[str, list[tuple[str, str | None]]] = {d: [] for d in names}
    order = names[:]
    rng.shuffle(order)
    at = 0
    while at < n - 1:
        shape, size = rng.choice(["chain", "cycle", "diamond", "random"]), rng.randint(2, 12)
        part = order[at : at + size]
        at += size
        if shape == "chain" or shape == "cycle":
            for a, b in itertools.pairwise(part):
                cites[a].append((b, f"fn. {rng.randint(1, 9)}"))
            if shape == "cycle" and len(part) > 2:
                cites[part[-1]].append((part[0], None))
        elif shape == "diamond" and len(part) >= 4:
            top, left, right, bottom = part[:4]
            cites[top] += [(left, None), (right, "p. 2")]
            cites[left].append((bottom, None))
            cites[right].append((bottom, "n. 4"))
        for _ in range(rng.randint(0, 3)):  # and some citations between the shapes
            a, b = rng.sample(names, 2)
            cites[a].append((b, rng.choice([None, "fn. 1"])))
    actors = {
        "org": Actor("org", "Org", "organisation"),
        "unit": Actor("unit", "Unit", "organisation", part_of=rng.choice([None, "org"])),
        "speaker": Actor("speaker", "Speaker", "person", part_of=rng.choice([None, "unit"])),
    }
    documents = {
        d: Document(
            d,
            d.upper(),
            "report",
            authors=tuple(rng.sample("ABCDEFGH", rng.choice([0, 1, 1, 2]))),
            authored_by=rng.choice([(), (), (), ("speaker",)]),
            published_by=rng.choice([None, None, "org", "unit"]),
            cites=tuple(Citation(c, p) for c, p in cites[d] if c != d),
        )
        for d in names
    }
    statements = []
    for i in range(rng.randint(1, 30)):
        document = rng.choice(names)
        relies = [(r, rng.choice([None, "fn. 7"])) for r in rng.sample(names, rng.choice([0, 0, 1, 1, 2])) if r != document]
        statements.append(_claim(f"s{i}", document, relies, speaker=rng.choice([None, None, None, "speaker", "unit"])))
    return documents, actors, statements


@pytest.mark.parametrize("mode", ["speaker", "publisher"])
def test_groups_and_counts_are_the_rules_on_generated_corpora(mode):
    for seed in range(300):
        documents, actors, statements = _corpus(seed)
        expected, count, direct = _rules(documents, actors, statements, mode)
        sources = Sources(documents, actors, statements, mode)
        groups = sources.groups(statements)
        assert sorted((frozenset(g.statements) for g in groups), key=sorted) == expected, seed
        assert sources.count(statements) == count == sum(g.attributed for g in groups), seed
        recorded = {s.document for s in statements}
        by_id = {s.id: s for s in statements}
        for (
            group
        ) in groups:  # the links tie each group's statements, one link fewer than statements, each a pair its reason names
            assert len(group.links) == len(group.statements) - 1, seed
            for link in group.links:
                assert frozenset((link.a, link.b)) in direct[link.reason], (seed, link)
                if link.reason == "citation":
                    _check_path(link.because, by_id[link.a].document, by_id[link.b].document, sources.cites, recorded)


def _check_path(words: str, start: str, end: str, cites: dict, recorded: set[str]) -> None:
    """A citation link's reason is a path of real citations from one statement's document to the other's."""
    steps = words.split("; ")
    short = len(steps) == 5 and re.fullmatch(r"\d+ more citations", steps[2]) is not None
    if short:  # the first two and the last two steps
        steps = steps[:2] + steps[3:]
    current = start
    for index, step in enumerate(steps):
        citing, cited, pinpoint = re.fullmatch(r"(\S+) cites (\S+)(?: at (.+))?", step).groups()  # type: ignore[union-attr]
        assert citing == current or (short and index == 2), words
        assert (cited, pinpoint) in cites[citing], words
        assert cited not in recorded or index == len(steps) - 1, words  # no statement's document inside a path
        current = cited
    assert current == end, words


def test_a_long_path_in_words_is_the_first_two_and_last_two_steps():
    for length in range(0, 20):
        steps = [(f"d{i}", f"d{i + 1}", f"fn. {i}" if i % 2 else None) for i in range(length)]
        for cut in range(length + 1):  # however the path was joined
            path = Steps(0, (), ())
            for part in (steps[:cut], steps[cut:]):
                piece = Steps(0, (), ())
                for step in part:
                    piece = piece.then(Steps.one(*step))
                path = path.then(piece)
            said = [f"{a} cites {b}" + (f" at {p}" if p else "") for a, b, p in steps]
            if length > PATH_WORDS:
                said = [*said[:2], f"{length - 4} more citations", *said[-2:]]
            assert path.words() == "; ".join(said) and path.count == length


# -- the work: documents' citations read, counted ----------------------------------------------


class _CountingCites(dict):
    """A document's citations, counting how often any is looked up (the work of every walk)."""

    lookups = 0

    def get(self, key, default=None):  # type: ignore[override]
        type(self).lookups += 1
        return super().get(key, default)


def _shape(name: str, k: int, n: int):
    """k statements in k documents relying on the head c0 of a chain of n citing documents."""
    documents, statements = {}, []
    for i in range(n):
        cites = [Citation(f"c{i + 1}", f"fn. {i}")] if i + 1 < n else []
        if name == "ladder":  # every document of the chain cites one that records a statement
            cites.append(Citation(f"r{i}"))
            documents[f"r{i}"] = Document(f"r{i}", f"R{i}", "report", authors=(f"R{i}",))
            statements.append(_claim(f"t{i}", f"r{i}"))
        if name == "far" and i + 1 == n:  # only the chain's last document cites one that does
            cites.append(Citation("r"))
            documents["r"] = Document("r", "R", "report", authors=("R",))
            statements.append(_claim("t", "r"))
        documents[f"c{i}"] = Document(f"c{i}", f"C{i}", "report", authors=(f"A{i}",), cites=tuple(cites))
    for j in range(k):
        documents[f"x{j}"] = Document(f"x{j}", f"X{j}", "report", authors=(f"X{j}",))
        head = f"c{j % n}" if name == "spread" else "c0"
        statements.append(_claim(f"s{j}", f"x{j}", [head]))
    return documents, statements


@pytest.mark.parametrize("shape", ["head", "spread", "ladder", "far"])
def test_statements_relying_on_a_long_chain_walk_it_a_few_times_not_once_each(shape):
    """K = 2,000 statements, N = 2,000 documents: the citations read stay a few per document and
    statement (they were about K x N = 4,000,000), for the groups and for the count."""
    k = n = 2000
    documents, statements = _shape(shape, k, n)
    for ask in ("groups", "count"):
        sources = Sources(documents, {}, statements)
        sources.cites = _CountingCites(sources.cites)
        _CountingCites.lookups = 0
        answer = getattr(sources, ask)(statements)
        assert (len(answer) if ask == "groups" else answer) == 1
        assert _CountingCites.lookups < 8 * (k + n + len(statements)), f"{shape}, {ask}: {_CountingCites.lookups} lookups"
    (group,) = Sources(documents, {}, statements).groups(statements)
    assert len(group.links) == len(statements) - 1
    assert sum(len(link.because) for link in group.links) < 400 * len(statements)  # each reason in short


def test_the_reasons_are_the_same_in_every_run():
    """The citation rule met the documents a statement's document reaches in the order of a set of
    strings, which changes from one run to the next (PYTHONHASHSEED): which pair a link named, and
    its path, changed between two builds of the same site."""
    script = (
        "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
        "from test_citation_walks import _corpus\nfrom lexmap.independence import Sources\n"
        "for seed in range(60):\n"
        "    documents, actors, statements = _corpus(seed)\n"
        "    print([(k.a, k.b, k.reason, k.because) for g in Sources(documents, actors, statements).groups(statements) for k in g.links])\n"
    )
    here = Path(__file__).parent
    runs = {
        subprocess.run(
            [sys.executable, "-c", script, str(here.parent), str(here)],
            env={"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(runs) == 1
