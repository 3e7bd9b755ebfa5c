"""The leak check of publication profiles: build every output under a profile, read every file
back (unzipped, decoded, unescaped) and look for every withheld string.

Redactions fail in known ways: a name left in a search index, a quote in a text-fragment link,
an id in a footnote or a database column. :func:`leak_check` therefore builds each output the
commands write (the site with its search index, the chart in every format, the matrix in every
format, every corpus export) for a case, under ``profile``, and searches each file for the
strings :func:`lexmap.profiles.apply_profile` withheld: case-folded, NFKC-normalised, with HTML
entities, percent-encoding and JSON escapes undone; the annotations' text around each quote
for three words in a row of a withheld quote of the same document (:func:`affix_leaks`). It also compares the levels of the edition
with those of the full build (:func:`levels`): withholding must never change a count.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import sqlite3
import unicodedata
import urllib.parse
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from .loader import read_case
from .loading import corpus_of
from .model import STATEMENTS as MODEL_STATEMENTS
from .problems import CorpusError
from .profiles import apply_profile, withhold_problems


@attrs.frozen
class Leak:
    """``string`` (withheld) found in ``file`` (``member``: the part of a ZIP or the table)."""

    file: str
    string: str
    member: str = ""

    def __str__(self) -> str:
        return f"{self.file}{'!' + self.member if self.member else ''}: {self.string!r}"


@attrs.frozen
class LeakReport:
    """What :func:`leak_check` built, what it found, and whether the levels held."""

    files: tuple[str, ...]
    strings: tuple[str, ...]
    leaks: tuple[Leak, ...]
    level_changes: tuple[str, ...]
    withheld: int

    @property
    def passed(self) -> bool:
        return not self.leaks and not self.level_changes


def normalised(text: str) -> str:
    """``text`` as the search compares it: NFKC, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def readings(text: str) -> Iterator[str]:
    """``text`` and the texts it may hide: HTML entities, percent-encoding, JSON \\u escapes
    undone (a text-fragment link percent-encodes the quote it points at)."""
    yield text
    yield html.unescape(text)
    yield urllib.parse.unquote(text)
    yield urllib.parse.unquote_plus(html.unescape(text))
    yield _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    yield re.sub(r"<[^>]+>", "", html.unescape(text))  # words split by markup (<mark>, <em>)


def parts(path: Path) -> Iterator[tuple[str, str]]:
    """``(member, text)`` for every readable part of the file ``path``: each member of a ZIP
    (DOCX, XLSX), each row of each table of a SQLite database or Parquet file, gzip decoded."""
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                yield name, archive.read(name).decode("utf-8", "replace")
    elif data[:16] == b"SQLite format 3\x00":
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            yield "sql", "\n".join(connection.iterdump())
        finally:
            connection.close()
    elif data[:4] == b"PAR1":
        from .extras import require

        parquet = require("pyarrow.parquet", "reading Parquet files back")
        yield "rows", json.dumps(parquet.read_table(path).to_pylist(), ensure_ascii=False, default=str)
    elif data[:2] == b"\x1f\x8b":
        yield "gzip", gzip.decompress(data).decode("utf-8", "replace")
    yield "", data.decode("utf-8", "replace")  # and the raw bytes, whatever the container


_WORD = re.compile(r"\w+")


@attrs.frozen
class _Sought:
    """A withheld string and what a text holding it must hold: ``whole``, its words between two
    other characters, as words of the text; ``ends``, its first and last words as the end or the
    start of a word of the text (``word\\n`` and ``\\nword`` in the text's words, one a line):
    what every text holding it holds, so that a text lacking them need not be searched."""

    text: str
    whole: frozenset[str]
    ends: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> _Sought:
        whole, ends = set(), []
        for word in _WORD.finditer(text):
            starts, stops = word.start() == 0, word.end() == len(text)  # the text's word may go on there
            if not starts and not stops:
                whole.add(word[0])
            else:
                ends.append(("" if starts else "\n") + word[0] + ("" if stops else "\n"))
        return cls(text, frozenset(whole), tuple(ends))


class _Search:
    """The withheld strings, each looked for in an output's whole text only when the text's words
    (a set, and a string of its distinct words, far shorter) hold its words; a string with a word
    between two others is looked at only when the text holds that word (one set intersection per
    text). A search of every withheld string in every output whole was withheld strings x outputs
    (1,000 confidential statements: 449 s; attack round 12, G6)."""

    def __init__(self, strings: list[str]):
        self.sought = [_Sought.of(text) for text in strings]
        self.loose: list[int] = []  # strings with no whole word: looked at in every text
        self.by_word: dict[str, list[int]] = {}
        for at, one in enumerate(self.sought):
            if one.whole:
                self.by_word.setdefault(max(one.whole, key=len), []).append(at)  # the longest: the rarest, mostly
            else:
                self.loose.append(at)

    def held(self, seen: str) -> list[str]:
        """The strings ``seen`` holds, in their order."""
        words = set(_WORD.findall(seen))
        listed = "\n" + "\n".join(words) + "\n"
        candidates = [*self.loose, *(at for word in words & self.by_word.keys() for at in self.by_word[word])]
        found = []
        for at in sorted(candidates):
            one = self.sought[at]
            if one.whole <= words and all(end in listed for end in one.ends) and one.text in seen:
                found.append(one.text)
        return found


def find_leaks(files: Iterable[Path], strings: Iterable[str], root: Path | None = None) -> list[Leak]:
    """Every withheld string found in any part of any file."""
    wanted = _Search(sorted({normalised(s) for s in strings if s and s.strip()}))
    found: list[Leak] = []
    for path in files:
        shown = str(path.relative_to(root)) if root else str(path)
        name = "\n".join(normalised(reading) for reading in readings(shown))  # a page named by an id
        found.extend(Leak(shown, s, "(file name)") for s in wanted.held(name))
        for member, text in parts(path):
            seen = "\n".join(normalised(reading) for reading in readings(text))
            found.extend(Leak(shown, s, member) for s in wanted.held(seen))
    return found


RUN = 3
"""Words of a withheld quote in a row that :func:`affix_leaks` counts as a leak (fewer: no evidence)."""


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", normalised(text))


def affix_leaks(files: Iterable[Path], edition, read, root: Path | None = None) -> list[Leak]:
    """Attack round 9, F6: an annotation's ``prefix`` and ``suffix`` are its document's own text
    around a quote, where a withheld quote of the same document may lie beside it. Any ``RUN``
    words in a row of such a quote in an affix is a leak (the whole-string search needs five);
    another document's words are coincidence. ``edition`` made from ``read``."""
    withheld = set(edition.withheld)
    runs: dict[str, set[tuple[str, ...]]] = {}
    for name in MODEL_STATEMENTS:
        for statement in read.records.get(name, ()):
            if statement.id in withheld:
                for part in re.split(r"\.\.\.|\u2026|\[[^\]]*\]", statement.quote):  # no run across an omission
                    words = _words(part)
                    runs.setdefault(statement.document, set()).update(zip(*(words[i:] for i in range(RUN)), strict=False))
    found: list[Leak] = []
    for path in files:
        data = path.read_bytes()
        if b'"AnnotationCollection"' not in data:  # what the file is called does not matter
            continue
        try:
            collection = json.loads(data)
        except ValueError:
            continue
        if not isinstance(collection, dict) or collection.get("type") != "AnnotationCollection":
            continue
        shown = str(path.relative_to(root)) if root else str(path)
        for item in collection.get("first", {}).get("items", ()):
            tags = [b.get("value", "") for b in item.get("body", ()) if b.get("purpose") == "tagging"]
            document = next((t.partition(":")[2] for t in tags if t.startswith("document:")), None)
            quoted = runs.get(document or "", set())
            for selector in item.get("target", {}).get("selector", ()):
                for key in ("prefix", "suffix"):
                    found.extend(Leak(shown, run, key) for run in _runs(_words(selector.get(key) or ""), quoted))
    return found


def _runs(words: list[str], quoted: set[tuple[str, ...]]) -> list[str]:
    """The longest stretches of ``words`` made of ``RUN``-word runs in ``quoted``, as text."""
    spans: list[list[int]] = []
    for i in range(len(words) - RUN + 1):
        if tuple(words[i : i + RUN]) in quoted:
            if spans and i < spans[-1][1]:
                spans[-1][1] = i + RUN
            else:
                spans.append([i, i + RUN])
    return [" ".join(words[start:end]) for start, end in spans]


def levels(corpus) -> dict[str, object]:
    """What withholding must not change: for every test and practice (and the whole corpus),
    each element's level, contested mark and independent sources; the support of every
    (practice, element); under each independence mode; every cell of every matrix."""
    from .independence import MODES

    out: dict[str, object] = {}
    for mode in MODES:
        for test in corpus.tests:
            for practice in (None, *corpus.practices):
                for row in corpus.coverage(test, practice=practice, independence=mode).elements:
                    key = f"coverage {mode} {test} {practice or '*'} {row.element.id}"
                    out[key] = (row.level, row.contested, row.independent_sources, row.met_through, row.asserted_by)
        for practice in corpus.practices:
            for element in corpus.elements:
                support = corpus.support(practice, element, independence=mode)
                out[f"support {mode} {practice} {element}"] = (
                    support.level,
                    support.independent_sources,
                    len(support.claims),
                )
    matrices = [("practices", None), *(("indicators", f) for f in corpus.indicator_frameworks)]
    for rows, framework in matrices:
        for key, cell in sorted(corpus.matrix(rows, "instruments", framework=framework).cells.items()):
            out[f"matrix {rows} {framework or ''} {key}"] = (
                cell.practices,
                cell.level,
                cell.independent_sources,
                cell.contested,
                len(cell.claims),
                len(cell.exhibits),
                len(cell.documents),
            )
    return out


def build_outputs(
    corpus, folder: Path, case_path: Path | None = None, texts: Iterable[Path] = (), *, site: bool = True
) -> list[Path]:
    """Every output of every command for ``corpus`` (an edition) into ``folder``: the site (from
    ``case_path``, loaded as ``corpus`` was; unless not ``site``), every chart, matrix and corpus format."""
    from .chart import build_chart
    from .exports.formats import Destination, OutputCase, family
    from .outputs import check_folder_output, corpus_inputs
    from .site.build import build_site

    texts = list(texts)
    inputs = [*corpus_inputs(case_path), *texts]  # never written into: the case, its law, its texts
    check_folder_output(folder, inputs)
    folder.mkdir(parents=True, exist_ok=True)
    profile = corpus.case.profile if corpus.case and corpus.case.profile else "full"
    for fmt in family("corpus"):
        if not fmt.reads_case:
            continue
        target = folder / f"corpus-{fmt.name}{fmt.extensions[0] if fmt.extensions else ('' if fmt.folder else '.txt')}"
        fmt.write(corpus, Destination.file(target, inputs), OutputCase.of(corpus))
    for rows in ("indicators", "practices") if corpus.indicator_frameworks else ("practices",):
        matrix = corpus.matrix(rows, "instruments")
        for fmt in family("matrix"):
            fmt.write(matrix, Destination.file(folder / f"matrix-{rows}{fmt.extensions[0]}", inputs), OutputCase.of(corpus))
    for test in corpus.tests:
        chart = build_chart(corpus, test)
        for fmt in family("chart"):
            name = test.replace("/", "-")
            fmt.write(chart, Destination.file(folder / f"chart-{name}{fmt.extensions[0]}", inputs), OutputCase.of(corpus))
    if site:
        build_site(case_path, folder / "site", texts=list(texts), loaded=corpus, profile=profile, strict=False)
    return sorted(p for p in folder.rglob("*") if p.is_file())


def leak_check(path, folder: Path, *, profile: str = "public", texts: Iterable[Path] = (), site: bool = True) -> LeakReport:
    """Build every output of the case at ``path`` under ``profile`` into ``folder`` (the site
    unless not ``site``) and check them: no withheld string in any file, and the levels those of
    the full build."""
    texts = [Path(t) for t in texts]
    try:
        read = read_case(path, texts=texts or None, cache=False)
    except CorpusError as error:
        raise withhold_problems(error, profile) from None
    edition = apply_profile(read, profile)
    corpus = corpus_of(edition.records)
    full = corpus_of(read)
    files = build_outputs(corpus, Path(folder), Path(path) if path else None, texts, site=site)
    leaks = find_leaks(files, edition.strings, Path(folder)) + affix_leaks(files, edition, read, Path(folder))
    before, after = levels(full), levels(corpus)
    changes = tuple(
        f"{key}: {before.get(key)!r} in the full build, {after.get(key)!r} under {profile}"
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    )
    return LeakReport(
        tuple(str(f.relative_to(folder)) for f in files), edition.strings, tuple(leaks), changes, len(edition.withheld)
    )
