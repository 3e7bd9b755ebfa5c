"""Read a case: every YAML file, every record structured, every reference checked.

Nothing stops at the first problem: each file, record and reference is checked
and every problem is collected, then raised together as one
:class:`~lexmap.problems.CorpusError`. Reading produces the records (:class:`CaseRecords`)
and builds nothing over them: :func:`lexmap.load` indexes them as a Corpus.
"""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from . import progress
from .checks import References
from .discover import Layout, bundled_case, corpus_files, file_label, layout_for
from .gcpause import gc_paused
from .model import COLLECTIONS, ID, SLUG, STATEMENTS, Case
from .problems import CorpusError, Problem
from .readonce import Source, Swapped
from .structure import Path_, structure
from .texts import TextStatus
from .yamlread import Path_ as YamlPath
from .yamlread import Positions, read_yaml

KINDS = {
    "states": "state",
    "ratifications": "ratification",
    "actors": "actor",
    "instruments": "instrument",
    "indicator_frameworks": "indicator framework",
    "documents": "document",
    "practices": "practice",
    "claims": "claim",
    "attestations": "attestation",
    "exhibits": "exhibit",
    "readings": "reading",
}


def bundled_corpus_path() -> Path:
    """The bundled case (Cuba's overseas medical missions), which uses the bundled law library."""
    return bundled_case()


@attrs.frozen
class CaseRecords:
    """What reading a case produces: the records of each collection (in the order of the
    files), the folder they came from, the manifest, and for each document whether its quotes
    were checked against its text. Records only: no index, no analysis."""

    records: Mapping[str, tuple[Any, ...]]
    root: Path | None = None
    case: Case | None = None
    texts: Mapping[str, TextStatus] = attrs.field(factory=dict)

    def __len__(self) -> int:
        return sum(len(items) for items in self.records.values())


def read_case(
    path: str | os.PathLike | None = None,
    *,
    texts: Iterable[str | os.PathLike] | None = None,
    require_texts: bool = False,
    cache: bool = True,
) -> CaseRecords:
    """The records of the case at ``path``, read and checked (see :func:`lexmap.load`, which
    indexes them); from the cache (:mod:`lexmap.cache`) when ``cache`` and no file changed.

    Raises :class:`CorpusError` listing every problem found.
    """
    problems: list[Problem] = []
    texts = None if texts is None else list(texts)
    store = None
    if cache and not os.environ.get("LEXMAP_NO_CACHE"):
        from .cache import CorpusCache

        store = CorpusCache.open(path, texts, require_texts)
    layout, case = layout_for(path, texts, problems, store.cached_case if store else None)
    if store is not None and (problems or not store.usable(layout)):
        store = None
    with gc_paused():
        if store is not None:
            found = store.unchanged(layout, case)
            if found is not None:
                return found
        found_so_far = list(problems)
        loader = _CorpusReader(layout, case, problems, require_texts)
        loader.text_cache = cache and not os.environ.get("LEXMAP_NO_CACHE")
        try:
            found = loader.run(store)
        except CorpusError:
            if not loader.reused:
                raise
            # files taken from the cache carry no positions: the full load places every problem
            again = _CorpusReader(layout, case, found_so_far, require_texts)
            again.text_cache = loader.text_cache
            return again.run()
        if store is not None:
            store.save(loader, found)
        return found


class _CorpusReader:
    """One load of a case: reads its files into records (with each one's file and position),
    collects every problem, then checks the references."""

    def __init__(self, layout: Layout, case: Case | None, problems: list[Problem], require_texts: bool):
        self.layout = layout
        self.case = case
        self.require_texts = require_texts
        self.problems = problems
        self.records: dict[str, list[Any]] = defaultdict(list)
        self.origins: dict[str, tuple[str, Path_]] = {}
        self.copies: dict[int, tuple[str, Path_]] = {}  # id() of a duplicate record -> its own place
        self.positions: dict[str, Positions] = {}
        self.kinds: dict[str, str] = {}
        self.reused = 0  # files whose records came from the cache
        self.text_cache = True  # keep extracted texts (PDF, HTML, DOCX) in the cache folder
        self.added: dict[Path, dict[str, list[Any]]] = {}  # per file read, its records (when caching)
        self.marks: list[tuple[str, str, str | None, str | None, str | None]] = []
        """(collection, id, visibility, document, speaker) of each document, actor and statement
        as written, even when it has problems: what a profile withholds of them (CorpusError.marks)."""

    # -- locating problems -------------------------------------------------

    def report(self, file: str, path: Path_, id_: str | None, message: str, hint: str | None = None) -> None:
        positions = self.positions.get(file, {})
        while path and path not in positions:
            path = path[:-1]
        line, column = positions.get(path, (None, None))
        self.problems.append(Problem(file, line, column, id_, message, hint))

    def report_at(self, id_: str, field: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        file, path = self.origins[id_]
        self.report(file, path + field, id_, message, hint)

    # -- reading -----------------------------------------------------------

    def run(self, store=None) -> CaseRecords:
        """Read every file (or, with a :class:`~lexmap.cache.CorpusCache`, take unchanged files'
        records from it), then run every cross-record check."""
        listed = store.listed if store is not None else None  # the cache listed them already
        files = corpus_files(self.layout, self.problems) if listed is None else listed
        for file_path in progress.each(files, "lexmap: reading the corpus"):
            if store is None:
                self.read_file(file_path)
            elif store.reuse(self, file_path):
                self.reused += 1
            else:
                before = {name: len(records) for name, records in self.records.items()}
                self.read_file(file_path, store.take(file_path, self.layout.folder_of(file_path)))
                self.added[file_path] = {
                    name: records[before.get(name, 0) :]
                    for name, records in self.records.items()
                    if len(records) > before.get(name, 0)
                }
        texts = References(self).check()
        if self.problems:
            raise CorpusError(self.problems, self.marks)
        return CaseRecords(
            {name: tuple(records) for name, records in self.records.items()},
            root=self.layout.root,
            case=self.case,
            texts=texts,
        )

    def add_cached(self, file: str, records: dict[str, list[Any]]) -> None:
        """Take the records of a file from the cache: they were read without problems from a
        file with the same content. Their ids are registered as reading the file would."""
        self.positions[file] = {}  # unknown: any problem sends the load back to the YAML
        origin, origins, kinds = (file, ()), self.origins, self.kinds
        for collection, items in records.items():
            self.records[collection].extend(items)
            if collection in ("instruments", "indicator_frameworks"):
                pairs = [pair for record in items for pair in registrations(collection, record)]
            else:
                pairs = [(record.id, KINDS[collection]) for record in items]
            for id_, kind in pairs:
                if id_ in origins:
                    self.register(id_, kind, file, ())  # reports the duplicate
                else:
                    origins[id_], kinds[id_] = origin, kind

    def read_file(self, file_path: Path, source: Source | None = None) -> None:
        """Read one data file (from ``source``, the bytes the cache hashed, when given)."""
        file = file_label(file_path, self.layout)
        try:
            data, positions, yaml_problems = read_yaml(file_path, file, source, self.layout.folder_of(file_path))
        except OSError as error:
            self.problems.append(
                Problem(
                    file,
                    None,
                    None,
                    None,
                    f"cannot read this file ({error.strerror})",
                    Swapped.hint if isinstance(error, Swapped) else "make it readable, or move it out of the corpus",
                )
            )
            return
        self.positions[file] = positions
        self.spoiled = set(yaml_problems)
        for bad_path, problem in yaml_problems.items():
            self.problems.append(attrs.evolve(problem, id=self.id_at(data, bad_path)))
        if data is None:
            return
        if not isinstance(data, dict):
            self.report(
                file, (), None, "the file must be a mapping of collections", f"start with one of: {', '.join(COLLECTIONS)}"
            )
            return
        for name, items in data.items():
            if name == "case" and self.layout.single_file is not None and self.case is None:
                self.read_manifest(file, items)  # a corpus exported as one file keeps its manifest
                continue
            if name not in COLLECTIONS:
                close = difflib.get_close_matches(name, COLLECTIONS, n=1)
                self.report(
                    file,
                    (name,),
                    None,
                    f"unknown collection {name!r}",
                    f"did you mean {close[0]!r}?" if close else f"known collections: {', '.join(COLLECTIONS)}",
                )
                continue
            if not isinstance(items, list):
                self.report(
                    file, (name,), None, f"collection {name!r} must be a list of records", "write each record as a '- ' item"
                )
                continue
            for index, raw in enumerate(items):
                self.read_record(file, name, (name, index), raw)

    def read_manifest(self, file: str, raw: Any) -> None:
        case, problems = structure(raw, Case)
        for sub_path, message, hint in problems:
            self.report(file, ("case", *sub_path), None, message, hint)
        self.case = case

    def read_record(self, file: str, collection: str, path: Path_, raw: Any) -> None:
        own_id = raw.get("id") if isinstance(raw, dict) else None
        own_id = own_id if isinstance(own_id, str) else None
        if own_id and collection in MARKED:
            said = (raw.get(key) for key in ("visibility", "document", "speaker"))
            self.marks.append((collection, own_id, *(None if v is None else str(v) for v in said)))  # type: ignore[arg-type]
        nested: list[tuple[str, Path_]] = []
        if own_id and SLUG.fullmatch(own_id):
            if collection == "instruments":
                self.qualify_tree(file, own_id, raw, path, "provisions", nested, parent_provision=None)
                self.qualify_tree(file, own_id, raw, path, "tests", nested, parent_provision=None)
            elif collection == "indicator_frameworks":
                self.qualify_tree(file, own_id, raw, path, "indicators", nested, parent_provision=None)
        record, problems = structure(raw, COLLECTIONS[collection])
        for sub_path, message, hint in problems:
            if any(path + sub_path[:n] in self.spoiled for n in range(len(sub_path) + 1)):
                continue  # already reported by the YAML reader
            self.report(file, path + sub_path, self.id_at(raw, sub_path) or own_id, message, hint)
        # A record with problems still claims its ids, so that references to it do not
        # add "unknown id" noise to the problems already reported.
        if collection == "ratifications" and isinstance(raw, dict):
            own_id = f"{raw.get('instrument')}@{raw.get('state')}"  # one record per pair
        duplicate = own_id in self.origins
        if own_id and (ID.fullmatch(own_id) or collection == "ratifications"):
            self.register(own_id, KINDS[collection], file, path)
            for id_, nested_path in nested:
                self.register(id_, _nested_kind(nested_path), file, nested_path)
        if record is not None:
            self.records[collection].append(record)
            if duplicate:  # its own problems are reported at this copy, not the first (checks.py)
                self.copies[id(record)] = (file, path)

    def qualify_tree(
        self, file: str, owner: str, raw: dict, path: Path_, key: str, nested: list, parent_provision: str | None
    ) -> None:
        """Rewrite the local ids under ``raw[key]`` as ``owner/local`` (and element provisions likewise)."""
        children = raw.get(key)
        if not isinstance(children, list):
            return
        for index, child in enumerate(children):
            child_path = path + (key, index)
            if not isinstance(child, dict):
                continue
            local = child.get("id")
            if isinstance(local, str):
                if not SLUG.fullmatch(local):
                    self.report(
                        file,
                        child_path + ("id",),
                        local,
                        f"{local[:120]!r} is not a valid local id",
                        "use lowercase letters, digits and single hyphens, no '/'",
                    )
                    continue
                child["id"] = f"{owner}/{local}"
                nested.append((child["id"], child_path))
            if key in ("tests", "all_of", "any_of"):
                defined_by = child.get("defined_by")
                if isinstance(defined_by, str) and "/" not in defined_by:
                    child["defined_by"] = f"{owner}/{defined_by}"
                provision = child.get("provision")
                if isinstance(provision, str):
                    child["provision"] = f"{owner}/{provision}"
                elif provision is None and parent_provision is not None:
                    child["provision"] = parent_provision
                for sub_key in ("all_of", "any_of"):
                    self.qualify_tree(file, owner, child, child_path, sub_key, nested, child.get("provision"))
            elif key == "provisions":
                self.qualify_tree(file, owner, child, child_path, "provisions", nested, None)

    @staticmethod
    def id_at(raw: Any, sub_path: YamlPath) -> str | None:
        """The id of the innermost record along ``sub_path`` (for messages)."""
        found, node = None, raw
        for step in sub_path:
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                found = node["id"]
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
        return found

    def register(self, id_: str, kind: str, file: str, path: Path_) -> None:
        if id_ in self.origins:
            first_file, first_path = self.origins[id_]
            line = self.positions[first_file].get(first_path, (None,))[0]
            if kind == "ratification":
                self.report(
                    file,
                    path,
                    None,
                    f"a second ratification record for {id_.replace('@', ' and ')} (first at {first_file}:{line})",
                    "keep one record per instrument and state, with all its events",
                )
            else:
                self.report(
                    file,
                    path,
                    id_,
                    f"duplicate id {id_!r} (first defined at {first_file}:{line})",
                    "ids must be unique across the corpus: rename one",
                )
            return
        self.origins[id_] = (file, path)
        self.kinds[id_] = kind


MARKED = frozenset({"documents", "actors", *STATEMENTS})


def registrations(collection: str, record: Any) -> Iterable[tuple[str, str]]:
    """The ids (and kinds) that reading a valid ``record`` of ``collection`` registers."""
    yield record.id, KINDS[collection]
    if collection == "instruments":
        for top in record.provisions:
            yield from ((p.id, "provision") for p in top.walk())
        for test in record.tests:
            yield from ((e.id, "element") for e in test.walk())
    elif collection == "indicator_frameworks":
        yield from ((i.id, "indicator") for i in record.indicators)


def _nested_kind(path: Path_) -> str:
    key = next(step for step in reversed(path) if isinstance(step, str))
    return {"provisions": "provision", "indicators": "indicator"}.get(key, "element")
