"""Bounded work and clear answers (issue 26, items 5 and 6): texts of any size or encoding,
quotes under Unicode normalisation, omissions, invisible characters, matrices, spreadsheets,
pushes and outputs that fail with one clear line."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import lexmap

CLAIMS = """documents:
  - id: report-a
    title: A report
    kind: report
    text_file: report-a.txt
practices:
  - id: passport-retention
    label: Retention of passports
attestations:
  - id: report-a-retained
    document: report-a
    practice: passport-retention
    pinpoint: para. 1
    quote: {quote}
"""


def case_with_text(tmp: Path, text: bytes | None, quote: str = "Passports were retained") -> Path:
    """A one-document case whose text is ``text`` (written as bytes, or left to the caller)."""
    (tmp / "mappings").mkdir(parents=True)
    (tmp / "texts").mkdir()
    (tmp / "mappings" / "claims.yaml").write_text(CLAIMS.format(quote=quote), encoding="utf-8")
    if text is not None:
        (tmp / "texts" / "report-a.txt").write_bytes(text)
    return tmp


def problems(folder: Path, **options) -> list:
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(folder, **options)
    return raised.value.problems


def only_problem(folder: Path, **options):
    (problem,) = problems(folder, **options)
    return problem


# -- texts: size and encoding ------------------------------------------------------------------

def test_a_sparse_huge_text_is_refused_at_once_with_its_size(tmp_path):
    case = case_with_text(tmp_path, None)
    with open(case / "texts" / "report-a.txt", "wb") as handle:
        handle.write(b"Passports were retained ")
        handle.truncate(1 << 30)  # 1 GiB, a few kB on disk
    started = time.perf_counter()
    problem = only_problem(case)
    assert time.perf_counter() - started < 5  # was 25 s and 4.2 GB
    assert problem.id == "report-a" and problem.line == 5
    assert "1 GiB" in problem.message and "64 MiB" in problem.message and problem.hint


def test_a_text_in_latin_1_is_refused_with_the_byte_offset(tmp_path):
    case = case_with_text(tmp_path, "Line one\nPassports were retained by the caf\u00e9.\n".encode("latin-1"))
    problem = only_problem(case)
    assert "not UTF-8" in problem.message and "byte offset 43" in problem.message and "line 2" in problem.message
    assert "0xE9" in problem.message and "iconv" in problem.hint


def test_a_text_in_utf_16_is_named_as_such_with_how_to_convert(tmp_path):
    case = case_with_text(tmp_path, "Passports were retained".encode("utf-16"))
    problem = only_problem(case)
    assert "UTF-16" in problem.message and "iconv -f UTF-16" in problem.hint

