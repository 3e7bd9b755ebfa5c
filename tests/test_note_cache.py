"""Citation notes kept between runs (lexmap.exports.note_cache): a kept note is the note
citeproc renders; a damaged line is rendered again; --no-cache keeps nothing on disk."""

from __future__ import annotations

import json
import logging
import os

import pytest
from click.testing import CliRunner

from lexmap import cache as corpus_cache
from lexmap.cli import main
from lexmap.exports import chart_citations, note_cache


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("LEXMAP_CACHE_DIR", str(folder))
    monkeypatch.delenv("LEXMAP_NO_CACHE", raising=False)
    monkeypatch.setattr(note_cache, "_open", {})  # as a new process: nothing read yet
    chart_citations._note_of.cache_clear()
    yield folder
    chart_citations._note_of.cache_clear()


@pytest.fixture
def rendered(monkeypatch):
    """How many notes citeproc rendered from now on."""
    count = []
    real = note_cache.NoteCache.note

    def spy(self, item, render):
        return real(self, item, lambda: count.append(item["id"]) or render())

    monkeypatch.setattr(note_cache.NoteCache, "note", spy)
    return count


def _fresh_process(monkeypatch):
    monkeypatch.setattr(note_cache, "_open", {})
    chart_citations._note_of.cache_clear()


def _notes_file(folder):
    files = list(folder.glob("notes-*.jsonl"))
    assert len(files) == 1
    return files[0]


def test_a_kept_note_is_the_note_citeproc_renders(bundled, cache_folder, rendered, monkeypatch):
    documents = list(bundled.documents.values())[:5]
    first = [chart_citations.citation(d, "p. 1") for d in documents]
    assert len(rendered) == 5
    assert len(_notes_file(cache_folder).read_text().splitlines()) == 5
    _fresh_process(monkeypatch)
    rendered.clear()
    assert [chart_citations.citation(d, "p. 1") for d in documents] == first
    assert rendered == []  # every note came from the file
    monkeypatch.setenv("LEXMAP_NO_CACHE", "1")
    _fresh_process(monkeypatch)
    assert [chart_citations.citation(d, "p. 1") for d in documents] == first  # rendered again, the same
    assert len(rendered) == 5


def test_a_changed_document_is_rendered_again(bundled, cache_folder, rendered, monkeypatch):
    import attrs

    document = next(iter(bundled.documents.values()))
    chart_citations.citation(document, "p. 1")
    _fresh_process(monkeypatch)
    rendered.clear()
    retitled = attrs.evolve(document, title="Another title altogether")
    assert "Another Title Altogether" in chart_citations.plain(chart_citations.citation(retitled, "p. 1"))
    assert rendered == [document.id]


def test_a_damaged_line_is_ignored_with_a_warning(bundled, cache_folder, rendered, monkeypatch, caplog):
    documents = list(bundled.documents.values())[:3]
    first = [chart_citations.citation(d, "p. 2") for d in documents]
    path = _notes_file(cache_folder)
    lines = path.read_text().splitlines()
    forged = json.loads(lines[0])
    forged["note"] = [["A forged citation", False]]  # its check no longer matches
    path.write_text("\n".join([json.dumps(forged), lines[1][: len(lines[1]) // 2], lines[2]]) + "\n")
    _fresh_process(monkeypatch)
    rendered.clear()
    with caplog.at_level(logging.WARNING, logger="lexmap.cache"):
        again = [chart_citations.citation(d, "p. 2") for d in documents]
    assert again == first
    assert rendered == [documents[0].id, documents[1].id]
    assert "ignoring 2 damaged lines" in caplog.text


def test_no_cache_writes_nothing_and_clear_removes_notes(bundled, cache_folder, monkeypatch):
    monkeypatch.setenv("LEXMAP_NO_CACHE", "1")
    chart_citations.citation(next(iter(bundled.documents.values())), "p. 3")
    assert not cache_folder.exists() or not list(cache_folder.glob("notes-*"))
    monkeypatch.delenv("LEXMAP_NO_CACHE")
    _fresh_process(monkeypatch)
    chart_citations.citation(next(iter(bundled.documents.values())), "p. 3")
    path = _notes_file(cache_folder)
    assert path.stat().st_mode & 0o777 == 0o600  # private, whatever the umask (was 0o666 & ~umask)
    info = CliRunner().invoke(main, ["cache", "info"])
    assert "citation notes of evidence charts: 1 file" in info.output
    count, _, _ = corpus_cache.clear(cache_folder)
    assert count == 1 and not path.exists()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
