"""Attack round 9, F7 (issue 26): every text of a record is bounded (a 4 MiB practice label
validated and made a 492 MB site), and so is the size of a case's data files together (three
notes of 19 MiB in a 58 kB tarball took 8 s and 220 MB to validate)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import lexmap
from lexmap.cli import main
from lexmap.fields import MAX_ADDRESS, MAX_LONG, MAX_SHORT

from conftest import CORPORA

# Each: a data file, the text of length N at its line, the id and the field named in the problem.
CASES = {
    "practice label": (
        "mappings/extra.yaml",
        "practices:\n  - id: p-long\n    label: {text}\n",
        3,
        "p-long",
        "label",
        MAX_SHORT,
    ),
    "document title": (
        "mappings/extra.yaml",
        "documents:\n  - id: d-long\n    kind: report\n    title: {text}\n",
        4,
        "d-long",
        "title",
        MAX_SHORT,
    ),
    "document url": (
        "mappings/extra.yaml",
        "documents:\n  - id: d-long\n    kind: report\n    title: T\n    url: https://example.org/{text}\n",
        5,
        "d-long",
        "url",
        MAX_ADDRESS - len("https://example.org/"),
    ),
    "claim note": (
        "mappings/extra.yaml",
        "claims:\n  - id: c-long\n    document: d1\n    practice: passports\n    element: tp/means-force\n"
        "    stance: supports\n    pinpoint: p. 1\n    quote: taking their passports is force\n    note: {text}\n",
        9,
        "c-long",
        "note",
        MAX_LONG,
    ),
    "citation note, nested": (
        "mappings/extra.yaml",
        "claims:\n  - id: c-long\n    document: d1\n    practice: passports\n    element: tp/means-force\n"
        "    stance: supports\n    pinpoint: p. 1\n    quote: taking their passports is force\n"
        "    relies_on:\n      - document: d2\n        note: {text}\n",
        11,
        "c-long",
        "note",
        MAX_LONG,
    ),
    "provision text, two levels down": (
        "instruments/extra.yaml",
        "instruments:\n  - id: xi\n    title: X\n    short_name: X\n    kind: declaration\n    binding: false\n"
        "    provisions:\n      - id: art-1\n        label: Art. 1\n        provisions:\n"
        "          - id: art-1-a\n            label: Art. 1(a)\n            text: {text}\n",
        13,
        "xi/art-1-a",
        "text",
        MAX_LONG,
    ),
}


def case_with(tmp_path: Path, file: str, content: str) -> Path:
    root = tmp_path / "case"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(CORPORA / "small", root)
    (root / file).write_text(content, encoding="utf-8")
    return root


def problems_of(root: Path) -> list:
    try:
        lexmap.load(root, cache=False)
    except lexmap.CorpusError as error:
        return error.problems
    return []


@pytest.mark.parametrize("name", CASES)
def test_every_record_text_is_bounded_and_refused_at_its_file_line_and_id(tmp_path, name):
    file, template, line, id_, field, limit = CASES[name]
    at_limit = case_with(tmp_path, file, template.format(text="a" * limit))
    assert [p for p in problems_of(at_limit) if "the limit is" in p.message] == []
    past = case_with(tmp_path, file, template.format(text="a" * (limit + 1)))
    (problem,) = [p for p in problems_of(past) if "the limit is" in p.message]
    assert (problem.file, problem.line, problem.id) == (file, line, id_), problem
    full = limit + 1 + (len("https://example.org/") if field == "url" else 0)
    assert problem.message == f"{field} is {full:,} characters long; the limit is {full - 1:,}"
    assert problem.hint.startswith(f"shorten it to at most {full - 1:,} characters")


def test_a_four_mib_label_is_refused_in_a_short_line_with_every_other_long_text(tmp_path):
    """The attack's label, and two more texts past their bounds in the same file: all three are
    reported at once, and the text is never echoed."""
    huge = "x" * (4 << 20)
    root = case_with(
        tmp_path,
        "mappings/extra.yaml",
        f"practices:\n  - id: p-long\n    label: {huge}\n    description: {'d' * (MAX_LONG + 5)}\n"
        f"actors:\n  - id: a-long\n    kind: person\n    name: {'n' * (MAX_SHORT + 1)}\n",
    )
    found = [(p.line, p.id, p.message) for p in problems_of(root)]
    assert found == [
        (3, "p-long", "label is 4,194,304 characters long; the limit is 2,000"),
        (4, "p-long", "description is 100,005 characters long; the limit is 100,000"),
        (8, "a-long", "name is 2,001 characters long; the limit is 2,000"),
    ]
    result = CliRunner().invoke(main, ["validate", str(root), "--no-cache"])
    assert result.exit_code != 0 and len(result.output) < 3000 and "xxxxxxxxxx" not in result.output


def test_the_shipped_schema_bounds_every_text_of_every_record():
    from lexmap.schema import SHIPPED, corpus_file_schema

    schema = corpus_file_schema()
    unbounded = []

    def walk(node, where):
        if isinstance(node, dict):
            if node.get("type") == "string" and "maxLength" not in node and "enum" not in node:
                unbounded.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(schema["$defs"], "$defs")
    assert unbounded == []
    practice = schema["$defs"]["Practice"]["properties"]
    assert practice["label"]["maxLength"] == MAX_SHORT and practice["description"]["anyOf"][0]["maxLength"] == MAX_LONG
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == schema


def test_the_bundled_case_and_law_stay_far_below_the_bounds():
    """The bounds are far above any real value: the longest of the bundled case and law library
    is under a tenth of its bound (a note of 1,534 characters; a title of 199)."""
    import typing

    import attrs

    from lexmap.fields import text_limit

    corpus = lexmap.load(cache=False)
    longest: dict[str, float] = {}

    def walk(record):
        hints = typing.get_type_hints(type(record))
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            limit = text_limit(field, hints[field.name])
            for item in value if isinstance(value, tuple) else (value,):
                if attrs.has(type(item)):
                    walk(item)
                elif isinstance(item, str) and limit:
                    key = f"{type(record).__name__}.{field.name}"
                    longest[key] = max(longest.get(key, 0), len(item) / limit)

    for collection in ("documents", "practices", "claims", "attestations", "exhibits", "readings", "actors", "instruments"):
        for record in getattr(corpus, collection).values():
            walk(record)
    assert longest and max(longest.values()) < 0.2, max(longest.items(), key=lambda kv: kv[1])


def test_data_files_past_the_total_bound_are_refused_from_their_sizes_before_any_is_read(tmp_path, monkeypatch):
    import lexmap.loader
    from lexmap.case_size import MAX_CASE_BYTES

    root = case_with(tmp_path, "mappings/notes.yaml", "practices: []\n")
    for part in range(7):  # 7 x 19 MiB, each under the 20 MiB of a file, sparse: nothing on disk
        with open(root / "mappings" / f"notes-{part}.yaml", "wb") as handle:
            handle.truncate(19 << 20)

    def never(*args):
        raise AssertionError(f"read {args}")

    monkeypatch.setattr(lexmap.loader, "read_yaml", never)
    (problem,) = problems_of(root)
    assert problem.file == "mappings/notes-6.yaml"  # where the running total passed the bound
    total = 7 * 19 + sum(f.stat().st_size for f in root.rglob("*.y*ml") if "notes-" not in f.name) / 2**20
    assert problem.message == (
        f"the data files hold {total:,.1f} MiB in all, past the {MAX_CASE_BYTES >> 20} MiB a load reads; none was read"
    )
    monkeypatch.undo()
    result = CliRunner().invoke(main, ["validate", str(root)])  # the cache's look at the files reads none either
    assert result.exit_code != 0 and "MiB a load reads; none was read" in result.output
    assert len([line for line in result.output.splitlines() if "MiB" in line]) == 1


def test_a_single_json_corpus_past_the_total_bound_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import lexmap.loader

    corpus = tmp_path / "corpus.json"
    with open(corpus, "wb") as handle:
        handle.write(b'{"documents": [')
        handle.truncate(200 << 20)  # under the 1 GiB of one .json file, past the bound of a load

    monkeypatch.setattr(lexmap.loader, "read_yaml", lambda *a: pytest.fail("read"))
    (problem,) = problems_of(corpus)
    assert problem.file == "corpus.json" and "the data files hold 200.0 MiB in all" in problem.message
