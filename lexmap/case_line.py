"""The first lines a command prints: which case (or corpus) it reads, every law folder, and a
warning when an ``instruments/`` folder beside the case is not read (issue 26: nothing says
which law was read otherwise)."""

from __future__ import annotations

import os
from pathlib import Path

from .discover import BUNDLED_LAW, MANIFEST, bundled_case, law_folder, layout_for


def describe(path: str | os.PathLike | None, texts=(), corpus=None) -> list[str]:
    """The lines a command prints first: which case (or corpus) it reads and every law folder,
    and a warning when an ``instruments/`` folder beside the case is not among them (edited
    law that nothing reads: the bundled library is read instead). From the loaded ``corpus``
    when given (nothing read again), else from the manifest."""
    where = shown_path(path) if path is not None else f"{bundled_case()} (the case bundled with lexmap)"
    if corpus is not None:
        case, root = corpus.case, corpus.root
        manifest = root / MANIFEST if case is not None and root is not None and (root / MANIFEST).is_file() else None
        data = [root] if root is not None else []
        if case is not None and (manifest is None or Path(path or bundled_case()).is_file()):
            return [f"corpus: {where}: {' '.join(case.title.split())}"]  # one file holding its manifest
    else:
        try:
            layout, case = layout_for(path, texts, [])
        except (FileNotFoundError, OSError):
            return [f"corpus: {where}"]
        if not layout.data and layout.manifest is None and layout.single_file is None:
            return [f"corpus: {where}"]  # nothing to read (a manifest that is not a file, an empty folder)
        root, manifest, data = layout.root, layout.manifest, list(layout.data)
        if layout.single_file is not None:
            return [f"corpus: {where}"]
    if root is None or (case is not None and manifest is None):
        return [f"corpus: {where}" + (f": {' '.join(case.title.split())}" if case else "")]
    law = [str(folder) for folder in data[1:]] if case is None else []
    read = list(data)
    for name in case.law if case else ():
        found, _refused = law_folder(name, root)
        if found is not None:
            folder = found.path
            law.append(f"{name} ({folder})" if name == BUNDLED_LAW else str(folder))
            read.append(folder)
    lines = [
        f"corpus: {where}" + (f": {' '.join(case.title.split())}" if case else "") + (f"; law: {', '.join(law)}" if law else "")
    ]
    beside = root.parent / "instruments"
    if manifest is not None and beside.is_dir() and not any(_same(beside, f) or _same_files(beside, f) for f in read):
        lines.append(
            f"warning: {beside}, beside the case, is not read (the case's law: {', '.join(case.law) if case else '?'}); "
            f"add it to 'law:' in {manifest} to use it"
        )
    return lines


def shown_path(path: str | os.PathLike) -> str:
    """``path`` as typed and, when a link made it lead elsewhere, where it leads (``mycase ->
    /home/bob/case``): a case that is a link to someone else's is read there (issue 26)."""
    real = os.path.realpath(path)
    return str(path) if real == os.path.abspath(path) else f"{path} -> {real}"


def _same_files(a: Path, b: Path) -> bool:
    """Whether folders ``a`` and ``b`` hold the same YAML files, byte for byte (an installed copy
    of the law beside which a checkout sits: reading either reads the same law)."""
    try:
        files = sorted(p.relative_to(a) for p in a.rglob("*.yaml"))
        if files != sorted(p.relative_to(b) for p in b.rglob("*.yaml")):
            return False
        return all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    except OSError:
        return False


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b) or a.resolve().is_relative_to(b.resolve())
    except OSError:
        return False
