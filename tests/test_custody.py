"""Proof of what was read (issue 27, item 4): documents record ``retrieved``, ``archived_url``,
``sha256`` and ``original_sha256``; validate names a document whose text changed and the
statements resting on it; ``lexmap export custody`` lists it all."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from click.testing import CliRunner

import lexmap
from lexmap.cli import main
from lexmap.discover import bundled_root

from conftest import CORPORA

DOCUMENT = "ilo-ceacr-dr-2014-c29-cu"


@pytest.fixture
def case(tmp_path):
    """A copy of the bundled case, whose shipped texts record their SHA-256."""
    for name in ("instruments", "mappings"):
        shutil.copytree(bundled_root() / name, tmp_path / name)
    return tmp_path


def _statements_of(corpus, document: str) -> list[str]:
    return [
        s.id
        for c in (corpus.claims, corpus.attestations, corpus.exhibits, corpus.readings)
        for s in c.values()
        if s.document == document
    ]


@pytest.mark.parametrize("cached", [False, True], ids=["full load", "after a cached load"])
def test_editing_one_byte_of_a_text_names_its_document_and_its_statements(case, cached):
    before = lexmap.load(case, cache=cached)
    text = case / "mappings" / "texts" / f"{DOCUMENT}.txt"
    assert before.documents[DOCUMENT].sha256 == hashlib.sha256(text.read_bytes()).hexdigest()
    raw = bytearray(text.read_bytes())
    raw[100] = ord("X") if raw[100] != ord("X") else ord("Y")  # one byte, away from every quote
    text.write_bytes(bytes(raw))
    with pytest.raises(lexmap.CorpusError) as caught:
        lexmap.load(case, cache=cached)
    (problem,) = caught.value.problems
    ids = _statements_of(before, DOCUMENT)
    relying = [
        s.id
        for c in (before.claims, before.attestations, before.exhibits, before.readings)
        for s in c.values()
        if any(r.document == DOCUMENT for r in s.relies_on)
    ]
    assert problem.id == DOCUMENT and problem.file == "mappings/documents/ilo-ceacr.yaml"
    assert problem.message.startswith(f"the text '{DOCUMENT}.txt' changed since it was recorded")
    assert f"its {len(ids)} statement(s): {', '.join(ids)}" in problem.message
    assert relying and f"{len(relying)} statement(s) of other documents rely on it: {', '.join(relying)}" in problem.message
    assert f"record sha256: {hashlib.sha256(bytes(raw)).hexdigest()}" in problem.hint


def test_the_record_of_reading_is_checked(tmp_path):
    shutil.copytree(CORPORA / "full", tmp_path / "case")
    documents = tmp_path / "case" / "mappings" / "documents.yaml"
    text = documents.read_text(encoding="utf-8")
    text = text.replace('retrieved: "2022-09-01"', 'retrieved: "2022-07-01"')  # before the report's date (2022-08)
    text = text.replace("original_sha256: ", "original_sha256: ABC  # ", 1)
    documents.write_text(text, encoding="utf-8")
    with pytest.raises(lexmap.CorpusError) as caught:
        lexmap.load(tmp_path / "case", cache=False)
    assert sorted(p.message for p in caught.value.problems) == [
        "original_sha256 'ABC' is not a SHA-256 digest",
        "retrieved (2022-07-01) is before the document's date (2022-08)",
    ]


def test_export_custody_lists_every_document_with_its_hashes_dates_and_statements(case, tmp_path):
    corpus = lexmap.load(case, cache=False)
    out = tmp_path / "manifest.json"
    result = CliRunner().invoke(main, ["export", "custody", str(case), "-o", str(out), "--no-cache"], prog_name="lexmap")
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.read_text(encoding="utf-8"))
    rows = {d["id"]: d for d in manifest["documents"]}
    assert sorted(rows) == sorted(corpus.documents)
    ilo = rows[DOCUMENT]
    text = case / "mappings" / "texts" / f"{DOCUMENT}.txt"
    assert ilo["sha256"] == ilo["sha256_read"] == hashlib.sha256(text.read_bytes()).hexdigest()
    assert ilo["text"] == "checked" and ilo["statements"] == sorted(_statements_of(corpus, DOCUMENT))
    assert ilo["url"] == corpus.documents[DOCUMENT].url
    assert rows["untc-palermo-signatories"]["retrieved"] == "2022-06-27"
    relying = sorted(
        {
            s.id
            for c in (corpus.claims, corpus.attestations, corpus.exhibits, corpus.readings)
            for s in c.values()
            for r in s.relies_on
            if r.document == "tip-2021"
        }
    )
    assert relying and rows["tip-2021"]["relied_on_by"] == relying
    hrf = rows["hrf-2022"]  # its text is not shipped: the hash recorded, none read
    assert hrf["sha256"] and hrf["sha256_read"] is None and hrf["text"] == "not-included"


def test_export_custody_never_replaces_a_manifest(case, tmp_path):
    out = tmp_path / "manifest.json"
    out.write_text("the manifest of last year\n")
    result = CliRunner().invoke(main, ["export", "custody", str(case), "-o", str(out), "--no-cache"], prog_name="lexmap")
    assert result.exit_code == 2 and "lexmap never replaces a custody manifest" in result.output
    assert out.read_text() == "the manifest of last year\n"
