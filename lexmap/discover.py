"""Where a corpus comes from: which folders, which data files, which text folders.

A *case* is a folder with a manifest (``lexmap.yaml``) naming the law it uses:
the law library bundled with lexmap (``bundled``) and/or folders of its own.
An older *corpus folder* holds ``instruments/`` and ``mappings/`` side by side
and has no manifest. Finding files is strict: a folder that cannot be read, a
link leading out of the corpus or something that is not a regular file is a
problem, never silently skipped.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import attrs

from .problems import Problem

MANIFEST = "lexmap.yaml"
TEXTS = "texts"
BUNDLED_LAW = "bundled"
DATA_SUFFIXES = (".yaml", ".yml")


def bundled_root() -> Path:
    """The folder holding the bundled law library (``instruments/``) and case (``mappings/``):
    inside the installed package, or the source checkout's root."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_corpus", here.parent):
        if (candidate / "instruments").is_dir() and (candidate / "mappings").is_dir():
            return candidate
    raise FileNotFoundError("the bundled corpus is missing from this installation of lexmap")


def bundled_case() -> Path:
    return bundled_root() / "mappings"


def bundled_law() -> Path:
    return bundled_root() / "instruments"


def find_case(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: the current folder) holding a case
    manifest, or a ``mappings/`` case (a checkout of lexmap or of a corpus laid out like it)."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder, folder / "mappings"):
            if (candidate / MANIFEST).is_file():
                return candidate
    return None


@attrs.frozen
class Layout:
    """The folders one load reads: data folders (each shown relative to its parent in
    problems), the manifest if any, and the folders of document texts."""

    data: tuple[Path, ...]
    manifest: Path | None
    texts: tuple[Path, ...]
    single_file: Path | None = None

    @property
    def root(self) -> Path:
        """The folder the corpus is named by: the case folder, or the corpus folder."""
        if self.manifest is not None:
            return self.manifest.parent
        if self.single_file is not None:
            return self.single_file.parent
        return self.data[0].parent


def data_files(folder: Path, skip: tuple[Path, ...], problems: list[Problem]) -> list[Path]:
    """Every YAML file under ``folder`` (any letter case of .yaml/.yml), sorted; ``skip`` folders
    and files are left out. Unreadable folders, dangling links, links leading outside ``folder``
    and special files are reported."""
    found: list[Path] = []
    base = folder.resolve()
    shown = folder.parent

    def complain(path: Path, message: str, hint: str) -> None:
        problems.append(Problem(_shown(path, shown), None, None, None, message, hint))

    def walk_error(error: OSError) -> None:
        complain(Path(error.filename), f"cannot read this folder ({error.strerror})", "make it readable, or move it out of the corpus")

    for dirpath, dirnames, filenames in os.walk(folder, onerror=walk_error, followlinks=False):
        current = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if current / d not in skip)
        for name in list(dirnames):
            if (current / name).is_symlink():
                dirnames.remove(name)
                complain(current / name, "a linked folder inside the corpus", "copy the folder into the corpus instead of linking it")
        for name in sorted(filenames):
            path = current / name
            if path in skip or not name.lower().endswith(DATA_SUFFIXES):
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError:
                complain(path, "a link to nothing", "remove the link or restore its target")
                continue
            if not stat.S_ISREG(mode):
                complain(path, "not a regular file", "data files must be plain files")
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(base):
                complain(path, "a link to a file outside the corpus", "copy the file into the corpus")
                continue
            found.append(path)
    return sorted(found)


def corpus_files(layout: Layout, problems: list[Problem]) -> list[Path]:
    """Every data file one load of ``layout`` reads, in reading order (problems appended)."""
    if layout.single_file is not None:
        return [layout.single_file]
    skip = tuple(p for p in (layout.manifest, *(f / TEXTS for f in layout.data)) if p is not None)
    return [f for folder in layout.data for f in data_files(folder, skip, problems)]


def file_label(path: Path, layout: Layout) -> str:
    """How a data file is named in problems (and in the cache)."""
    return shown_name(path, layout) if layout.single_file is None else path.name


def _shown(path: Path, shown: Path) -> str:
    try:
        return path.relative_to(shown).as_posix()
    except ValueError:
        return str(path)


def shown_name(path: Path, layout: Layout) -> str:
    """How a file is named in problems: relative to the parent of the data folder holding it."""
    for folder in layout.data:  # a manifest lies in its case folder, the first of them
        if path.is_relative_to(folder):
            return _shown(path, folder.parent)
    return _shown(path, layout.root)


TEXTS_ENV = "LEXMAP_TEXTS"


def layout_for(path: str | os.PathLike | None, texts, problems: list[Problem], cached_case=None):
    """The :class:`Layout` of the corpus at ``path`` (default: the bundled case) and its
    manifest (a :class:`~lexmap.model.Case`, or None); problems found on the way are appended.
    ``cached_case(manifest)`` may give the manifest's Case without reading it (see lexmap.cache)."""
    from .model import Case
    from .structure import structure
    from .yamlread import read_yaml

    root = Path(path) if path is not None else bundled_case()
    if root.is_dir() and not (root / MANIFEST).is_file() and (root / "mappings" / MANIFEST).is_file():
        root = root / "mappings"  # a checkout laid out like lexmap's: its case is mappings/
    case = None
    manifest = None
    if root.is_file():
        data: tuple[Path, ...] = ()
        single = root
        root = root.parent
    elif (root / MANIFEST).is_file():
        single = None
        manifest = root / MANIFEST
        shown = _shown(manifest, root.parent)
        case = cached_case(manifest) if cached_case else None
        raw, positions, yaml_problems = (None, {}, {}) if case else read_yaml(manifest, shown)
        problems.extend(yaml_problems.values())
        if raw is not None:
            case, found = structure(raw, Case)
            for sub_path, message, hint in found:
                at = sub_path
                while at and at not in positions:
                    at = at[:-1]
                line, column = positions.get(at, (None, None))
                problems.append(Problem(shown, line, column, None, message, hint))
        folders = [root]
        for name in case.law if case else ():
            law = bundled_law() if name == BUNDLED_LAW else (root / name)
            if not law.is_dir():
                problems.append(Problem(shown, None, None, None, f"law library {name!r} not found",
                                        f"name '{BUNDLED_LAW}' or a folder relative to the case"))
            elif not any(law.resolve().is_relative_to(f.resolve()) for f in folders):
                folders.append(law)  # a law folder inside the case is read with the case
        data = tuple(folders)
    elif root.is_dir():
        single = None
        data = tuple(root / name for name in ("instruments", "mappings") if (root / name).is_dir())
        if not data:
            problems.append(Problem(str(root), None, None, None, f"no {MANIFEST}, instruments/ or mappings/ found",
                                    "give the folder of a case (run 'lexmap init' to start one)"))
    else:
        raise FileNotFoundError(f"no such corpus folder or file: {root}")
    own = root / TEXTS
    folders = [own] if own.is_dir() else []
    folders += [Path(t) for t in os.environ.get(TEXTS_ENV, "").split(os.pathsep) if t]
    folders += [Path(t) for t in texts or ()]
    texts = list(dict.fromkeys(folders))
    layout = Layout(data=data, manifest=manifest, texts=tuple(Path(t) for t in texts), single_file=single)
    return layout, case
