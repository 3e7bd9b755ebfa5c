"""Load a corpus folder: read every YAML file, structure every record, check every reference.

Nothing stops at the first problem: each file, record and reference is checked
and every problem is collected, then raised together as one
:class:`~lexmap.problems.CorpusError`.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from . import quotes
from .corpus import Corpus
from .gcpause import gc_paused
from .model import COLLECTIONS, ID, SLUG, Instrument, Provision, date_before
from .problems import CorpusError, Problem
from .structure import Path_, structure
from .yamlread import Positions, read_yaml

FOLDERS = ("instruments", "mappings")
KINDS = {
    "states": "state", "instruments": "instrument", "indicator_frameworks": "indicator framework",
    "documents": "document", "practices": "practice", "claims": "claim",
    "attestations": "attestation", "exhibits": "exhibit",
}
TEXTS_ENV = "LEXMAP_TEXTS"


def bundled_corpus_path() -> Path:
    """The corpus shipped with lexmap: inside the installed package, or the source checkout's root."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_corpus", here.parent):
        if (candidate / "instruments").is_dir():
            return candidate
    raise FileNotFoundError("the bundled corpus is missing from this installation of lexmap")


def load(path: str | os.PathLike | None = None, *, texts: Iterable[str | os.PathLike] | None = None) -> Corpus:
    """Load and validate the corpus at ``path`` (the bundled corpus by default).

    ``path`` is a corpus folder, or a single data file holding every collection
    (such as a corpus exported with ``lexmap export json``: JSON is YAML, so it
    goes through the same reader and checks).

    ``texts`` are folders holding plain-text copies of documents (their
    ``text_file``); where a document's text is found, every quote attributed to
    it is checked to be verbatim. By default: the corpus's ``texts/`` folder and
    the folders in the ``LEXMAP_TEXTS`` environment variable.

    Raises :class:`CorpusError` listing every problem found.
    """
    root = Path(path) if path is not None else bundled_corpus_path()
    files = [root] if root.is_file() else None
    if files:
        root = root.parent
    if texts is None:
        texts = [root / "texts", *filter(None, os.environ.get(TEXTS_ENV, "").split(os.pathsep))]
    with gc_paused():
        return _Loader(root, [Path(t) for t in texts], files).run()


class _Loader:
    def __init__(self, root: Path, text_dirs: list[Path], files: list[Path] | None = None):
        self.root = root
        self.files = files
        self.text_dirs = text_dirs
        self.problems: list[Problem] = []
        self.records: dict[str, list[Any]] = defaultdict(list)
        self.origins: dict[str, tuple[str, Path_]] = {}
        self.positions: dict[str, Positions] = {}
        self.kinds: dict[str, str] = {}

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

    def run(self) -> Corpus:
        for file_path in self.files or self.corpus_files():
            self.read_file(file_path)
        self.check_references()
        if self.problems:
            raise CorpusError(self.problems)
        return Corpus(**{name: tuple(records) for name, records in self.records.items()}, root=self.root, texts_checked=tuple(sorted(self.texts_checked)))

    def corpus_files(self) -> list[Path]:
        if not self.root.is_dir():
            raise CorpusError([Problem(str(self.root), None, None, None, "no such folder", "give the path of a corpus folder")])
        folders = [self.root / name for name in FOLDERS if (self.root / name).is_dir()]
        if not folders:
            raise CorpusError([Problem(str(self.root), None, None, None, "neither instruments/ nor mappings/ found", "a corpus folder holds instruments/ and mappings/")])
        return sorted(p for folder in folders for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())

    def read_file(self, file_path: Path) -> None:
        file = file_path.relative_to(self.root).as_posix()
        data, positions, yaml_problems = read_yaml(file_path, file)
        self.positions[file] = positions
        self.spoiled = set(yaml_problems)
        for bad_path, problem in yaml_problems.items():
            self.problems.append(attrs.evolve(problem, id=self.id_at(data, bad_path)))
        if data is None:
            return
        if not isinstance(data, dict):
            self.report(file, (), None, "the file must be a mapping of collections", f"start with one of: {', '.join(COLLECTIONS)}")
            return
        for name, items in data.items():
            if name not in COLLECTIONS:
                self.report(file, (name,), None, f"unknown collection {name!r}", f"known collections: {', '.join(COLLECTIONS)}")
                continue
            if not isinstance(items, list):
                self.report(file, (name,), None, f"collection {name!r} must be a list of records", "write each record as a '- ' item")
                continue
            for index, raw in enumerate(items):
                self.read_record(file, name, (name, index), raw)

    def read_record(self, file: str, collection: str, path: Path_, raw: Any) -> None:
        own_id = raw.get("id") if isinstance(raw, dict) else None
        own_id = own_id if isinstance(own_id, str) else None
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
        if own_id and ID.fullmatch(own_id):
            self.register(own_id, KINDS[collection], file, path)
            for id_, nested_path in nested:
                self.register(id_, _nested_kind(nested_path), file, nested_path)
        if record is not None:
            self.records[collection].append(record)

    def qualify_tree(self, file: str, owner: str, raw: dict, path: Path_, key: str, nested: list, parent_provision: str | None) -> None:
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
                    self.report(file, child_path + ("id",), local, f"{local[:120]!r} is not a valid local id", "use lowercase letters, digits and single hyphens, no '/'")
                    continue
                child["id"] = f"{owner}/{local}"
                nested.append((child["id"], child_path))
            if key in ("tests", "all_of", "any_of"):
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
    def id_at(raw: Any, sub_path: Path_) -> str | None:
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
            self.report(file, path, id_, f"duplicate id {id_!r} (first defined at {first_file}:{line})", "ids must be unique across the corpus: rename one")
            return
        self.origins[id_] = (file, path)
        self.kinds[id_] = kind

    # -- checking references -------------------------------------------------

    def expect(self, owner: str, field: Path_, ref: str | None, kind: str) -> bool:
        """Check that ``ref`` names a record of ``kind``; report it otherwise."""
        if ref is None:
            return False
        found = self.kinds.get(ref)
        if found == kind:
            return True
        if found is None:
            self.report_at(owner, field, f"unknown {kind} {ref!r}", f"define {_a(kind)} with this id or correct the reference")
        else:
            self.report_at(owner, field, f"{ref!r} is {_a(found)}, not {_a(kind)}", f"refer to {_a(kind)}")
        return False

    def check_references(self) -> None:
        provisions: dict[str, Provision] = {}
        for instrument in self.records["instruments"]:
            provisions.update((p.id, p) for top in instrument.provisions for p in top.walk())
        for instrument in self.records["instruments"]:
            self.check_instrument(instrument, provisions)
        for document in self.records["documents"]:
            for index, citation in enumerate(document.cites):
                self.expect(document.id, ("cites", index, "document"), citation.document, "document")
                if citation.document == document.id:
                    self.report_at(document.id, ("cites", index, "document"), "a document cannot cite itself", "remove this citation")
        practices = {p.id: p for p in self.records["practices"]}
        for practice in practices.values():
            self.expect(practice.id, ("state",), practice.state, "state")
            if self.expect(practice.id, ("part_of",), practice.part_of, "practice"):
                self.check_part_of_cycle(practice, practices)
            if practice.legal_basis:
                self.expect(practice.id, ("legal_basis", "document"), practice.legal_basis.document, "document")
        texts = self.read_texts()
        for collection, target_field, target_kind in (("claims", "element", "element"), ("attestations", None, None), ("exhibits", "indicator", "indicator")):
            for statement in self.records[collection]:
                self.expect(statement.id, ("document",), statement.document, "document")
                self.expect(statement.id, ("practice",), statement.practice, "practice")
                if target_field:
                    self.expect(statement.id, (target_field,), getattr(statement, target_field), target_kind)
                text = texts.get(statement.document)
                if text is not None and quotes.find_quote(statement.quote, text) is None:
                    self.report_at(statement.id, ("quote",), f"quote not found verbatim in the text of {statement.document!r}", "copy the words exactly from the document; mark omissions with [...]")

    def check_instrument(self, instrument: Instrument, provisions: dict[str, Provision]) -> None:
        iid = instrument.id
        seen_states: set[str] = set()
        for index, party in enumerate(instrument.parties):
            self.expect(iid, ("parties", index, "state"), party.state, "state")
            if party.state in seen_states:
                self.report_at(iid, ("parties", index, "state"), f"state {party.state!r} listed twice", "keep one entry per state")
            seen_states.add(party.state)
        if instrument.adopted and instrument.in_force and date_before(instrument.in_force, instrument.adopted):
            self.report_at(iid, ("in_force",), f"entry into force ({instrument.in_force}) is before adoption ({instrument.adopted})", "check both dates")
        for test in instrument.tests:
            for element in test.walk():
                if element.id not in self.origins:
                    continue
                if element.all_of and element.any_of:
                    self.report_at(element.id, ("any_of",), "an element has all_of or any_of, not both", "nest one group inside the other")
                if element.provision is None:
                    self.report_at(element.id, ("id",), "a test must name the provision that sets it out", "add 'provision: <local id>'")
                    continue
                if element.provision.split("/")[0] != iid or element.provision not in provisions:
                    self.report_at(element.id, ("provision",), f"unknown provision {element.provision!r} of {iid!r}", "use the local id of one of this instrument's provisions")
                    continue
                if element.words:
                    text = " ".join(p.text for p in provisions[element.provision].walk() if p.text)
                    if quotes.find_quote(element.words, text) is None:
                        self.report_at(element.id, ("words",), f"words not found verbatim in the text of {element.provision!r}", "copy the words exactly from the provision's text")

    def check_part_of_cycle(self, practice, practices) -> None:
        seen, current = {practice.id}, practice.part_of
        while current in practices:
            if current in seen:
                self.report_at(practice.id, ("part_of",), "part_of forms a cycle", "a practice cannot be part of itself, directly or through others")
                return
            seen.add(current)
            current = practices[current].part_of

    def read_texts(self) -> dict[str, str]:
        """The text of every document whose ``text_file`` is found in a text folder."""
        self.texts_checked: set[str] = set()
        texts = {}
        for document in self.records["documents"]:
            if not document.text_file:
                continue
            name = Path(document.text_file)
            if name.is_absolute() or ".." in name.parts:
                self.report_at(document.id, ("text_file",), "text_file must be a plain file name", "give the file name relative to a text folder")
                continue
            for folder in self.text_dirs:
                candidate = folder / name
                if candidate.is_file():
                    texts[document.id] = candidate.read_text(encoding="utf-8", errors="replace")
                    self.texts_checked.add(document.id)
                    break
        return texts


def _nested_kind(path: Path_) -> str:
    key = next(step for step in reversed(path) if isinstance(step, str))
    return {"provisions": "provision", "indicators": "indicator"}.get(key, "element")


def _a(kind: str) -> str:
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
