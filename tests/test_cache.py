"""The cache of validated corpora: a hit reads no YAML and gives the very corpus the YAML gives;
any change, another lexmap, a damaged cache or a corpus with problems means reading the YAML."""

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import lexmap
import lexmap.loader
import lexmap.yamlread
from lexmap import cache as corpus_cache
from lexmap.cli import main
from lexmap.exports.corpus_json import corpus_json

CORPORA = Path(__file__).parent / "corpora"
ALL = [
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
    "provisions",
    "tests",
    "elements",
    "indicators",
]


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("LEXMAP_CACHE_DIR", str(folder))
    monkeypatch.delenv("LEXMAP_NO_CACHE", raising=False)
    monkeypatch.delenv("LEXMAP_TEXTS", raising=False)
    return folder


@pytest.fixture
def case(tmp_path):
    """A copy of the fixture case that has every field, a manifest, a law folder and a text."""
    target = tmp_path / "case"
    shutil.copytree(CORPORA / "full", target)
    return target


@pytest.fixture
def reads(monkeypatch):
    """The names of the YAML files read from now on (manifest and data files alike)."""
    seen: list[str] = []
    real = lexmap.yamlread.read_yaml

    def spy(path, file, *more):
        seen.append(Path(path).name)
        return real(path, file, *more)

    monkeypatch.setattr(lexmap.yamlread, "read_yaml", spy)
    monkeypatch.setattr(lexmap.loader, "read_yaml", spy)
    return seen


def assert_same(cached, fresh):
    for name in ALL:
        assert list(getattr(cached, name).items()) == list(getattr(fresh, name).items()), name
    assert dict(cached.texts) == dict(fresh.texts)
    assert (cached.case, cached.root, cached.title) == (fresh.case, fresh.root, fresh.title)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("name", ["full", "small", "hostile"])
def test_a_second_load_reads_no_yaml_and_gives_the_same_corpus(name, tmp_path, reads):
    shutil.copytree(CORPORA / name, tmp_path / name)
    first = lexmap.load(tmp_path / name)
    assert len(reads) > 1
    reads.clear()
    again = lexmap.load(tmp_path / name)
    assert reads == []
    assert_same(again, lexmap.load(tmp_path / name, cache=False))
    assert_same(again, first)


def test_reading_gives_records_only_and_the_cache_keeps_records(case, reads):
    """The read layer (the loader and the cache) produces records; lexmap.load indexes them."""
    from lexmap.corpus import Corpus
    from lexmap.loader import CaseRecords, read_case

    first = read_case(case)
    reads.clear()
    again = read_case(case)  # from the cache alone
    assert reads == []
    assert type(first) is type(again) is CaseRecords and not isinstance(again, Corpus)
    assert again.records == first.records and again.records["claims"]
    assert (again.case, again.root, dict(again.texts)) == (first.case, first.root, dict(first.texts))
    assert_same(lexmap.load(case), lexmap.load(case, cache=False))


def test_the_bundled_case_is_cached_too(reads):
    lexmap.load()
    reads.clear()
    again = lexmap.load()
    assert reads == []
    assert_same(again, lexmap.load(cache=False))
    assert again.texts_checked  # its texts' statuses come back


def test_a_corpus_exported_as_one_file_keeps_its_manifest(case, tmp_path, reads):
    exported = tmp_path / "corpus.json"
    exported.write_text(corpus_json(lexmap.load(case, cache=False)), encoding="utf-8")
    lexmap.load(exported)
    reads.clear()
    again = lexmap.load(exported)
    assert reads == [] and again.case.title == "The full fixture"
    assert_same(again, lexmap.load(exported, cache=False))


@pytest.mark.parametrize(
    "changed, old, new, check",
    [
        ("mappings/statements.yaml", "pinpoint: p. 5", "pinpoint: p. 6", lambda c: c.claims["report-wages"].pinpoint == "p. 6"),
        ("lexmap.yaml", "title: The full fixture", "title: The changed fixture", lambda c: c.title == "The changed fixture"),
        (
            "instruments/charter.yaml",
            "label: ",
            "label: Changed ",
            lambda c: any(getattr(r, "label", "").startswith("Changed") for r in [*c.provisions.values(), *c.elements.values()]),
        ),
    ],
)
def test_a_changed_file_is_the_only_one_read_again(case, reads, changed, old, new, check):
    lexmap.load(case)
    edit(case / changed, old, new)
    reads.clear()
    corpus = lexmap.load(case)
    assert reads == [Path(changed).name]
    assert check(corpus)
    assert_same(corpus, lexmap.load(case, cache=False))
    reads.clear()
    lexmap.load(case)
    assert reads == []  # the new state is cached in turn


def test_a_changed_text_is_checked_again(case, reads):
    lexmap.load(case)
    edit(case / "texts" / "report.txt", "taking their passports is force", "taking passports is force")
    reads.clear()
    with pytest.raises(lexmap.CorpusError) as caught:
        lexmap.load(case)
    assert "quote not found verbatim" in str(caught.value)
    with pytest.raises(lexmap.CorpusError) as uncached:
        lexmap.load(case, cache=False)
    assert caught.value.problems == uncached.value.problems


def test_a_text_file_appearing_changes_the_result(case, reads):
    edit(case / "mappings" / "documents.yaml", "kind: news-article", "kind: news-article\n    text_file: article.txt")
    assert lexmap.load(case).texts["article"].status == "not-included"
    said = "Para. 4. {} say the passports are kept safe. Para. 6. The wages are paid in full."
    (case / "texts" / "article.txt").write_text(said.format("Officials"), encoding="utf-8")
    reads.clear()
    with pytest.raises(lexmap.CorpusError, match="quote not found verbatim"):  # 'officials' is lowercase in the quote
        lexmap.load(case)
    (case / "texts" / "article.txt").write_text(said.format("officials"), encoding="utf-8")
    reads.clear()
    corpus = lexmap.load(case)
    assert corpus.texts["article"].status == "checked" and reads == []


def test_a_text_appearing_in_an_earlier_folder_is_the_one_used(case, tmp_path, monkeypatch):
    later = tmp_path / "later"
    later.mkdir()
    shutil.move(case / "texts" / "report.txt", later / "report.txt")
    monkeypatch.setenv("LEXMAP_TEXTS", str(later))
    assert lexmap.load(case).texts["report"].status == "checked"
    (case / "texts" / "report.txt").write_text("Nothing that the report says.", encoding="utf-8")
    with pytest.raises(lexmap.CorpusError, match="quote not found verbatim"):
        lexmap.load(case)


def test_files_added_and_removed(case, reads):
    lexmap.load(case)
    extra = case / "mappings" / "more.yaml"
    extra.write_text("practices:\n  - id: more\n    label: One more practice\n", encoding="utf-8")
    reads.clear()
    assert "more" in lexmap.load(case).practices
    assert reads == ["more.yaml"]
    extra.unlink()
    reads.clear()
    corpus = lexmap.load(case)
    assert "more" not in corpus.practices and reads == []
    assert_same(corpus, lexmap.load(case, cache=False))


def test_a_change_that_breaks_other_files_reports_every_problem_with_its_line(case):
    lexmap.load(case)
    (case / "mappings" / "actors.yaml").unlink()  # statements in other files name these actors
    with pytest.raises(lexmap.CorpusError) as caught:
        lexmap.load(case)
    with pytest.raises(lexmap.CorpusError) as uncached:
        lexmap.load(case, cache=False)
    assert caught.value.problems == uncached.value.problems
    assert all(p.line for p in caught.value.problems if p.file == "mappings/statements.yaml")


def test_another_lexmap_version_ignores_the_cache(case, reads, monkeypatch):
    lexmap.load(case)
    monkeypatch.setattr(corpus_cache, "lexmap_version", lambda: "99.0")
    reads.clear()
    lexmap.load(case)
    assert "statements.yaml" in reads
    reads.clear()
    lexmap.load(case)
    assert reads == []  # rewritten for this version


def test_edited_lexmap_code_ignores_the_cache(case, reads, monkeypatch):
    lexmap.load(case)
    monkeypatch.setattr(corpus_cache, "code_fingerprint", lambda: "edited")
    reads.clear()
    lexmap.load(case)
    assert "statements.yaml" in reads


def _entry(folder: Path) -> Path:
    (found,) = folder.glob("corpus-*.lexmap-cache")
    return found


def _rehash(body: bytes) -> bytes:
    return b"lexmap-corpus-cache 2 " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body  # no key: a forger's


DAMAGE = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "empty": lambda raw: b"",
    "one byte changed": lambda raw: raw[:-20] + bytes([raw[-20] ^ 1]) + raw[-19:],
    "not a cache": lambda raw: b"\x80\x04\x95 pickled? no\n",
    "bad JSON, hash redone": lambda raw: _rehash(raw.partition(b"\n")[2].replace(b"[", b"{", 5)),
    "rows of the wrong shape, hash redone": lambda raw: _rehash(raw.partition(b"\n")[2].replace(b'",', b'",0,', 3)),
    "a line removed, hash redone": lambda raw: _rehash(b"\n".join(raw.partition(b"\n")[2].split(b"\n")[:-2] + [b""])),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cache_falls_back_to_the_yaml_with_a_warning(case, cache_folder, reads, caplog, damage):
    lexmap.load(case)
    entry = _entry(cache_folder)
    entry.write_bytes(DAMAGE[damage](entry.read_bytes()))
    reads.clear()
    with caplog.at_level(logging.WARNING, logger="lexmap.cache"):
        corpus = lexmap.load(case)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "ignoring the cache file" in warnings[0] and "\n" not in warnings[0]
    assert "statements.yaml" in reads
    assert_same(corpus, lexmap.load(case, cache=False))
    reads.clear()
    lexmap.load(case)
    assert reads == []  # and the cache is whole again


def test_the_cache_holds_json_only(case, cache_folder):
    lexmap.load(case)
    lines = _entry(cache_folder).read_bytes().split(b"\n")
    assert lines[0].startswith(b"lexmap-corpus-cache 2 ")
    assert all(isinstance(json.loads(line), (dict, list)) for line in lines[1:-1]) and lines[-1] == b""


def test_a_corpus_with_problems_is_never_cached(case, cache_folder):
    edit(case / "mappings" / "statements.yaml", "element: charter/means-force", "element: charter/no-such-element")
    for _ in range(2):
        with pytest.raises(lexmap.CorpusError, match="unknown element"):
            lexmap.load(case)
    assert not cache_folder.exists() or not list(cache_folder.iterdir())


def test_a_corpus_broken_after_caching_is_reported_every_time(case):
    lexmap.load(case)
    edit(case / "mappings" / "statements.yaml", "element: charter/means-force", "element: charter/no-such-element")
    for _ in range(2):
        with pytest.raises(lexmap.CorpusError, match="unknown element"):
            lexmap.load(case)


def test_a_file_changed_while_loading_is_cached_as_it_was_read(case, reads, monkeypatch):
    real = lexmap.yamlread.read_yaml

    def reads_then_changes(path, file, *more):
        result = real(path, file, *more)
        if path.name == "statements.yaml":  # an editor saves just after lexmap read the file
            with open(path, "a", encoding="utf-8") as stream:
                stream.write("# saved again\n")
        return result

    monkeypatch.setattr(lexmap.loader, "read_yaml", reads_then_changes)
    lexmap.load(case)
    monkeypatch.setattr(lexmap.loader, "read_yaml", real)
    monkeypatch.setattr(lexmap.yamlread, "read_yaml", real)
    edit(case / "mappings" / "statements.yaml", "the core argument", "the main argument")
    reads.clear()
    again = lexmap.load(case)  # the entry holds the file as it was parsed: the changed one is read again
    assert reads == ["statements.yaml"] and again.claims["report-passports-force"].note == "the main argument"
    assert_same(again, lexmap.load(case, cache=False))


def test_the_cache_is_outside_the_corpus(case, cache_folder):
    before = sorted(p.relative_to(case) for p in case.rglob("*"))
    lexmap.load(case)
    assert sorted(p.relative_to(case) for p in case.rglob("*")) == before
    assert _entry(cache_folder).is_file()


def test_a_cache_folder_inside_the_corpus_is_not_used(case, monkeypatch, caplog, reads):
    monkeypatch.setenv("LEXMAP_CACHE_DIR", str(case / "mappings" / ".cache"))
    with caplog.at_level(logging.WARNING, logger="lexmap.cache"):
        lexmap.load(case)
    assert "inside the corpus" in caplog.text
    assert not (case / "mappings" / ".cache").exists()


def test_the_default_folder_is_the_users_cache_folder(monkeypatch):
    import platformdirs

    monkeypatch.delenv("LEXMAP_CACHE_DIR")
    assert corpus_cache.cache_dir() == Path(platformdirs.user_cache_dir("lexmap"))


def test_bypassing_the_cache(case, cache_folder, reads, monkeypatch):
    lexmap.load(case, cache=False)
    assert not cache_folder.exists()
    lexmap.load(case)
    reads.clear()
    lexmap.load(case, cache=False)
    assert "statements.yaml" in reads
    monkeypatch.setenv("LEXMAP_NO_CACHE", "1")
    reads.clear()
    lexmap.load(case)
    assert "statements.yaml" in reads


def test_the_cache_file_is_private_whatever_the_umask(case, cache_folder):
    old = os.umask(0o027)
    try:
        lexmap.load(case)
    finally:
        os.umask(old)
    assert _entry(cache_folder).stat().st_mode & 0o777 == 0o600 and cache_folder.stat().st_mode & 0o777 == 0o700
    assert not list(cache_folder.glob(".*.tmp"))


def test_cli_no_cache_info_and_clear(case, cache_folder, reads):
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(case)]).exit_code == 0
    (cache_folder / "notes.txt").write_text("not lexmap's", encoding="utf-8")
    shown = runner.invoke(main, ["cache", "info"])
    assert shown.exit_code == 0 and str(cache_folder) in shown.output and str(case) in shown.output
    assert "1 cached corpus," in shown.output
    for command in (["validate", "--no-cache", str(case)], ["export", "json", str(case), "--no-cache"]):
        reads.clear()
        assert runner.invoke(main, command).exit_code == 0
        assert "statements.yaml" in reads
    assert "LEXMAP_NO_CACHE" not in os.environ  # only for the command's duration
    reads.clear()
    assert runner.invoke(main, ["info", str(case)]).exit_code == 0 and reads == []
    cleared = runner.invoke(main, ["cache", "clear"])
    assert cleared.exit_code == 0 and "removed 1 cache file" in cleared.output
    assert sorted(p.name for p in cache_folder.iterdir()) == ["key.lexmap-secret", "notes.txt"]
    reads.clear()
    assert runner.invoke(main, ["info", str(case)]).exit_code == 0 and "statements.yaml" in reads


def test_a_cache_folder_that_cannot_be_written_costs_only_time(case, tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("LEXMAP_CACHE_DIR", str(blocker / "cache"))
    with caplog.at_level(logging.WARNING, logger="lexmap.cache"):
        corpus = lexmap.load(case)
    assert "could not write the cache" in caplog.text
    assert_same(corpus, lexmap.load(case, cache=False))
