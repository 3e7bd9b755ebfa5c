"""Where a corpus comes from: which folders, which data files, which text folders.

A *case* is a folder with a manifest (``lexmap.yaml``) naming the law it uses:
the law library bundled with lexmap (``bundled``) and/or folders of its own.
An older *corpus folder* holds ``instruments/`` and ``mappings/`` side by side
and has no manifest. Finding files is strict: a folder that cannot be read, a
link leading out of the corpus or something that is not a regular file is a
problem, never silently skipped.

A case is a closed world: its manifest, its law folders and its own ``texts/``
lie inside the case folder (the bundled library and the folders named on the
command line or in ``LEXMAP_TEXTS`` aside); an absolute or ``../`` law entry,
or a link leading out, is a problem. Finding a case upwards stops, as git's
``safe.directory`` does, at a folder or manifest that belongs to another user.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path, PurePath

import attrs

from . import case_size
from .filekind import NotACorpusError, not_a_corpus, not_regular
from .listing import data_files, relative_name
from .problems import Problem
from .readonce import Folder, pin

MANIFEST = "lexmap.yaml"
TEXTS = "texts"
BUNDLED_LAW = "bundled"


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


log = logging.getLogger("lexmap")


def find_case(start: str | os.PathLike | None = None, say: Callable[[str], None] | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: the current folder) holding a case
    manifest, or a ``mappings/`` case (a checkout of lexmap or of a corpus laid out like it).

    The search stops at a folder, or a manifest, that belongs to another user (one planted in
    ``/tmp`` must not take over every command run below it), and passes over a manifest that
    cannot be read; each time with a line given to ``say`` (default: a warning)."""
    say = say or log.warning
    uid = os.geteuid()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        try:
            owner = os.stat(folder).st_uid
        except OSError as error:
            say(f"lexmap: not looking for a case in {folder} or above ({error.strerror})")
            return None
        for candidate in (folder, folder / "mappings"):
            manifest = candidate / MANIFEST
            try:
                info = os.stat(manifest)
            except (FileNotFoundError, NotADirectoryError):
                if owner == uid and os.path.islink(manifest):
                    return candidate  # a link to nothing: the command refuses it, saying so
                continue
            except OSError as error:
                say(f"lexmap: skipping {manifest} ({error.strerror})")
                continue
            if not stat.S_ISREG(info.st_mode) and owner == uid:
                return candidate  # the command refuses it, saying what it is (layout_for)
            if owner != uid or info.st_uid != uid:
                whose = folder if owner != uid else manifest
                say(
                    f"lexmap: not using {manifest}: {whose} belongs to another user (uid "
                    f"{owner if owner != uid else info.st_uid}); give its folder as PATH to use it"
                )
                return None
            if not os.access(manifest, os.R_OK):
                say(f"lexmap: skipping {manifest} (permission denied)")
                continue
            return candidate
        if owner != uid:
            return None  # nothing above a folder of someone else's is looked at
    return None


def _leaves(path: Path, root: Path) -> bool:
    """Whether ``path`` (a link, or through a linked folder) leads out of the folder ``root``."""
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return True


def _is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder; False, not a traceback, for a name the system refuses (too long)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _inside(path: Path, home: Folder) -> Folder | None:
    """``path`` pinned, or None when the pin leads out of the case pinned as ``home``: the pin's
    own resolution is the one checked, so a folder swapped for a link between a check and a pin
    is never read (attack round 12, G4)."""
    found = pin(path)
    return found if found.real.is_relative_to(home.real) else None


def law_folder(name: str, root: Path, home: Folder | None = None) -> tuple[Folder | None, str | None]:
    """The folder a manifest's ``law:`` entry names, pinned (inside the case pinned as ``home``,
    by default ``root`` now), or why it is refused (outside the case)."""
    if name == BUNDLED_LAW:
        return pin(bundled_law()), None
    entry = PurePath(name)
    if entry.is_absolute() or ".." in entry.parts:
        return None, f"law folder {name!r} is outside the case"
    if (found := _inside(root / name, home or pin(root))) is None:
        return None, f"law folder {name!r} is a link leading out of the case"
    return found, None


@attrs.frozen
class Layout:
    """The folders one load reads: data folders (each shown relative to its parent in
    problems), the manifest if any, and the folders of document texts."""

    data: tuple[Path, ...]
    manifest: Path | None
    texts: tuple[Path, ...]
    single_file: Path | None = None
    case_texts: tuple[Path, ...] = ()
    """The text folders that came with the case (its own ``texts/``), not named by the person
    running lexmap: a text there must be the case's own file (see :func:`foreign_text`)."""
    pins: tuple[Folder, ...] = attrs.field(
        kw_only=True, eq=False, repr=False, default=attrs.Factory(lambda self: tuple(map(pin, {*self.data, *self.texts})), True)
    )
    """Every data and text folder, pinned as the layout is made (or as :func:`layout_for` checked
    them): their files are read from where the folders were then, never through a link swapped
    in since (:mod:`lexmap.readonce`)."""

    @property
    def root(self) -> Path:
        """The folder the corpus is named by: the case folder, or the corpus folder."""
        if self.manifest is not None:
            return self.manifest.parent
        if self.single_file is not None:
            return self.single_file.parent
        return self.data[0].parent

    def folder_of(self, file: Path) -> Folder | None:
        """The data folder ``file`` was listed in, pinned: a link there is followed only inside it."""
        return next((self.pinned(folder) for folder in self.data if folder in file.parents), None)

    def pinned(self, folder: Path) -> Folder:
        """The data or text folder ``folder``, as pinned when the layout was made."""
        return next(found for found in self.pins if found.path == folder)


def corpus_files(layout: Layout, problems: list[Problem]) -> list[Path]:
    """Every data file one load of ``layout`` reads, in reading order (problems appended); none
    when they pass :data:`~lexmap.case_size.MAX_CASE_BYTES` together, from their sizes before any is read."""
    if layout.single_file is not None:
        files = [layout.single_file]
    else:
        skip = tuple(p for p in (layout.manifest, *(f / TEXTS for f in layout.data)) if p is not None)
        files = [f for folder in layout.data for f in data_files(layout.pinned(folder), skip, problems)]
    too_large = case_size.problem(files, lambda file: file_label(file, layout))
    if too_large:
        problems.append(too_large)
        return []
    return files


def file_label(path: Path, layout: Layout) -> str:
    """How a data file is named in problems (and in the cache)."""
    return shown_name(path, layout) if layout.single_file is None else path.name


def shown_name(path: Path, layout: Layout) -> str:
    """How a file is named in problems: relative to the parent of the data folder holding it."""
    for folder in layout.data:  # a manifest lies in its case folder, the first of them
        if path.is_relative_to(folder):
            return relative_name(path, folder.parent)
    return relative_name(path, layout.root)


TEXTS_ENV = "LEXMAP_TEXTS"


def layout_for(path: str | os.PathLike | None, texts, problems: list[Problem], cached_case=None):
    """The :class:`Layout` of the corpus at ``path`` (default: the bundled case) and its
    manifest (a :class:`~lexmap.model.Case`, or None); problems found on the way are appended.
    ``cached_case(manifest, source)`` may give the manifest's Case without parsing the bytes read
    (see lexmap.cache): the manifest is read once, and what is hashed is what is parsed."""
    from .model import Case
    from .structure import structure
    from .yamlread import read_data, read_yaml

    root = Path(path) if path is not None else bundled_case()
    refused = not_a_corpus(root)
    if refused:
        raise NotACorpusError(refused)
    if root.is_dir() and not os.path.lexists(root / MANIFEST) and (root / "mappings" / MANIFEST).is_file():
        root = root / "mappings"  # a checkout laid out like lexmap's: its case is mappings/
    case = None
    manifest = None
    data: tuple[Path, ...] = ()
    home = pin(root)  # the case folder: its own law and texts must lead inside it, as pinned
    pinned: dict[Path, Folder] = {}
    odd = not_regular(root / MANIFEST)  # a FIFO, a folder, a link to /dev/null: refused, never passed over
    if odd:
        single = None
        problems.append(
            Problem(
                relative_name(root / MANIFEST, root.parent),
                None,
                None,
                None,
                f"the manifest is {odd}, not a regular file; not read (nor the case it describes)",
                f"make {MANIFEST} a plain YAML file, or remove it",
            )
        )
    elif root.is_file():
        single = root
        root = root.parent
        home = pin(root)
    elif (root / MANIFEST).is_file():
        single = None
        manifest = root / MANIFEST
        shown = relative_name(manifest, root.parent)
        not_read = (
            ("the manifest is a link leading out of the case; not read", "put the manifest itself in the case folder")
            if _leaves(manifest, root)
            else ("the manifest has other hard links; not read", "copy it: the manifest must be its own file")
            if not manifest.is_symlink() and manifest.stat().st_nlink > 1  # its other names may be outside the case
            else None
        )
        outside = not_read is not None
        if not_read:
            problems.append(Problem(shown, None, None, None, *not_read))
        try:
            source = None if outside else read_data(manifest, home)  # read once: the bytes hashed are the bytes parsed
        except OSError as error:  # swapped since it was checked, or unreadable
            problems.append(Problem(shown, None, None, None, f"cannot read the manifest ({error.strerror})", "make it readable"))
            source = None
        case = cached_case(manifest, source) if cached_case and source is not None else None
        raw, positions, yaml_problems = (None, {}, {}) if case or source is None else read_yaml(manifest, shown, source)
        problems.extend(yaml_problems.values())
        if raw is not None and not isinstance(raw, dict):
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    None,
                    "the manifest must be a mapping of fields",
                    "write it as 'title: ...' and 'law: [...]' lines (see docs/data-format.md)",
                )
            )
            raw = None  # its content is not shown: it may be anything, a token file through a link
        if raw is not None:
            case, found = structure(raw, Case)
            for sub_path, message, hint in found:
                at = sub_path
                while at and at not in positions:
                    at = at[:-1]
                line, column = positions.get(at, (None, None))
                problems.append(Problem(shown, line, column, None, message, hint))
        folders, pinned[root] = [root], home
        for name in case.law if case else ():
            law, refused = law_folder(name, root, home)
            if law is None:
                problems.append(
                    Problem(
                        shown,
                        None,
                        None,
                        None,
                        f"{refused}; not read",
                        f"copy the law into a folder inside the case and name it relative to the case, or '{BUNDLED_LAW}'",
                    )
                )
            elif not _is_dir(law.path):
                problems.append(
                    Problem(
                        shown,
                        None,
                        None,
                        None,
                        f"law library {name!r} not found",
                        f"name '{BUNDLED_LAW}' or a folder relative to the case",
                    )
                )
            elif not any(law.real.is_relative_to(pinned[f].real) for f in folders):
                folders.append(law.path)  # a law folder inside the case is read with the case
                pinned[law.path] = law
        data = tuple(folders)
    elif root.is_dir():
        single = None
        data = tuple(root / name for name in ("instruments", "mappings") if (root / name).is_dir())
        if not data:
            problems.append(
                Problem(
                    str(root),
                    None,
                    None,
                    None,
                    f"no {MANIFEST}, instruments/ or mappings/ found",
                    "give the folder of a case (run 'lexmap init' to start one)",
                )
            )
    else:
        raise FileNotFoundError(f"no such corpus folder or file: {root}")  # (not_a_corpus said what exists)
    own = root / TEXTS
    named = [Path(t) for t in [*os.environ.get(TEXTS_ENV, "").split(os.pathsep), *(texts or ())] if t]
    folders = [own] if own.is_dir() else []
    trusted = any(n.is_dir() and os.path.samefile(own, n) for n in named) if folders else False
    if folders and not trusted and (own_pin := _inside(own, home)) is not None:
        pinned[own] = own_pin
    elif folders and not trusted:
        problems.append(
            Problem(
                relative_name(own, root.parent),
                None,
                None,
                None,
                "the case's texts/ folder is a link leading out of the case; not read",
                "copy the texts into the case, or name the folder with --texts",
            )
        )
        folders = []
    folders += named
    texts = list(dict.fromkeys(folders))
    case_texts = (own,) if folders[:1] == [own] and not trusted else ()
    kept = tuple(Path(t) for t in texts)
    pins = tuple(pinned.get(folder) or pin(folder) for folder in dict.fromkeys([*data, *kept]))
    layout = Layout(data=data, manifest=manifest, texts=kept, single_file=single, case_texts=case_texts, pins=pins)
    return layout, case


def foreign_text(candidate: Path, folder: Path, layout: Layout) -> str | None:
    """Why the text ``candidate`` found in ``folder`` may not be read, or None. In the case's own
    ``texts/``, a hard link (a file with other names, perhaps outside the case) is refused: the
    quote check must not be an oracle on a file outside the case. Named folders are trusted."""
    if folder not in layout.case_texts:
        return None
    try:
        links = os.stat(candidate).st_nlink
    except OSError:
        return None  # reading it says why
    if links > 1:
        return f"{candidate} has {links - 1} other hard link(s): a text of the case must be its own file"
    return None
