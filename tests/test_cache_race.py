"""The cache records what was parsed, under the hash of those very bytes (issue 26, F2).

A validated-corpus entry is keyed by the content hash of each input file. When the hash came
from one read and the parse from another, a user who can write the case folder could swap a file
between the two: the entry then kept, under the hash of file A, the records (or the verdict on
the quotes) of file B, believed at every later load of A. Each input file is now read once per
load, hashed, and parsed from that same buffer."""

from __future__ import annotations

import builtins
import io
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

import lexmap

CORPORA = Path(__file__).parent / "corpora"


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("LEXMAP_CACHE_DIR", str(folder))
    monkeypatch.delenv("LEXMAP_NO_CACHE", raising=False)
    monkeypatch.delenv("LEXMAP_TEXTS", raising=False)
    return folder


@pytest.fixture
def case(tmp_path):
    target = tmp_path / "case"
    shutil.copytree(CORPORA / "full", target)
    return target


class Opens:
    """Every opening of a file under ``root`` (by ``open`` or ``os.open``), and a hook run before it."""

    def __init__(self, monkeypatch, root: Path):
        self.root, self.count, self.before = root.resolve(), Counter(), {}
        real_open, real_os_open = builtins.open, os.open

        def seen(target) -> None:
            if isinstance(target, (str, os.PathLike)):
                path = Path(os.path.abspath(target))
                if path.is_relative_to(self.root):
                    self.count[path] += 1
                    if (hook := self.before.get(path)) is not None:
                        hook(self.count[path])

        def spy_open(file, *args, **kwargs):
            seen(file)
            return real_open(file, *args, **kwargs)

        def spy_os_open(path, flags, *args, dir_fd=None, **kwargs):
            target = path if dir_fd is None else Path(os.readlink(f"/proc/self/fd/{dir_fd}")) / path
            if not flags & os.O_DIRECTORY and not os.path.isdir(target):  # a file, not a folder crossed or listed
                seen(target)
            return real_os_open(path, flags, *args, dir_fd=dir_fd, **kwargs)

        monkeypatch.setattr(builtins, "open", spy_open)
        monkeypatch.setattr(io, "open", spy_open)
        monkeypatch.setattr(os, "open", spy_os_open)

    def swap(self, path: Path, other: bytes) -> None:
        """From the second opening of ``path`` on, it holds ``other``; from the third, its own
        bytes again: what a user who can write the case does between two reads of lexmap's."""
        with io.FileIO(path, "rb") as handle:  # not through the spies
            own = handle.readall()

        def hook(count: int) -> None:
            if count in (2, 3):
                _write(path, other if count == 2 else own)

        self.before[path.resolve()] = hook


def _write(path: Path, data: bytes) -> None:
    with io.FileIO(path, "wb") as out:  # not through the spies
        out.write(data)


def _outcome(case: Path, **options) -> object:
    try:
        corpus = lexmap.load(case, **options)
    except lexmap.CorpusError as error:
        return sorted((p.file, p.id, p.message) for p in error.problems)
    return (corpus.title, {c.id: (c.quote, c.note) for c in corpus.claims.values()}, dict(corpus.texts))


def _inputs(case: Path) -> set[Path]:
    return {p.resolve() for p in case.rglob("*") if p.is_file()}


def test_each_input_file_is_read_once_per_load(case, monkeypatch):
    opens = Opens(monkeypatch, case)
    for change in (None, None, "statements"):
        if change:
            statements = case / "mappings" / "statements.yaml"
            _write(statements, statements.read_bytes().replace(b"the core argument", b"the main argument"))
        opens.count.clear()
        lexmap.load(case)
        assert set(opens.count) == _inputs(case)
        assert set(opens.count.values()) == {1}, {p.name: n for p, n in opens.count.items() if n != 1}


@pytest.mark.parametrize(
    "name, forged",
    [
        ("mappings/statements.yaml", (b"note: the core argument", b"note: a note no one wrote")),
        ("lexmap.yaml", (b"title: The full fixture", b"title: A title no one gave")),
    ],
    ids=["data file", "manifest"],
)
def test_a_file_swapped_between_two_reads_is_never_cached_under_the_other_hash(case, monkeypatch, name, forged):
    path = case / name
    other = path.read_bytes().replace(*forged)
    opens = Opens(monkeypatch, case)
    opens.swap(path, other)
    first = _outcome(case)
    opens.before.clear()
    assert _outcome(case) == _outcome(case, cache=False)  # was: the other file's records, believed
    assert first == _outcome(case, cache=False)  # the bytes read once are those parsed and hashed


def test_a_text_swapped_between_two_reads_never_validates_a_quote_it_lacks(case, monkeypatch):
    text = case / "texts" / "report.txt"
    real = text.read_bytes()
    documents = case / "mappings" / "documents.yaml"
    recorded = b"\n".join(line for line in documents.read_bytes().split(b"\n") if b"sha256:" not in line)
    _write(documents, recorded)  # no recorded hash of the text: only the quote check can tell
    _write(text, real.replace(b"taking their passports is force", b"taking passports is force"))
    opens = Opens(monkeypatch, case)
    opens.swap(text, real)  # the quote check would read the text that has the quote
    with pytest.raises(lexmap.CorpusError, match="quote not found verbatim"):
        lexmap.load(case)
    opens.before.clear()
    assert _outcome(case) == _outcome(case, cache=False)  # was: "valid", from an entry of the other text


def test_the_saved_entry_keys_each_file_by_the_hash_of_what_was_parsed(case, monkeypatch, cache_folder):
    import hashlib
    import json

    statements = case / "mappings" / "statements.yaml"
    parsed = statements.read_bytes()
    opens = Opens(monkeypatch, case)
    opens.swap(statements, parsed.replace(b"the core argument", b"a note no one wrote"))
    corpus = lexmap.load(case)
    assert corpus.claims["report-passports-force"].note == "the core argument"
    [entry] = cache_folder.glob("corpus-*")
    meta = json.loads(entry.read_bytes().split(b"\n")[2])
    hashes = dict(meta["files"])
    assert hashes[str(statements)] == hashlib.sha256(parsed).hexdigest()
