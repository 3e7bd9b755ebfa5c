"""What a cached corpus is keyed on besides its data files: lexmap's version and code (an edited
checkout must not trust what older code validated), the folders read, and which text file each
document's ``text_file`` resolves to, with its content hash."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import attrs

from .cache_folder import file_sha256
from .discover import Layout
from .texts import MAX_TEXT_BYTES


@lru_cache(maxsize=1)
def lexmap_version() -> str:
    return _version_of("lexmap")


def _version_of(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of lexmap's own modules and of what reads for them (Python, PyYAML, attrs, cattrs):
    a checkout edited without a new version number must not trust what older code validated."""
    import sys

    import yaml

    digest = hashlib.sha256(f"{sys.version}|{yaml.__version__}|{yaml.__with_libyaml__}|{attrs.__version__}".encode())
    digest.update(_version_of("cattrs").encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


# -- what the load read besides data files ------------------------------------------------------


def texts_fingerprint(text_files: list[str], layout: Layout, read: dict[str, str] | None = None) -> dict:
    """Which text file each ``text_file`` name resolves to (first text folder holding it, where
    it leads, its content hash) or that none holds it: a text appearing changes the result.
    ``read``: the hash of each text as the quote check read it, which is then the one recorded
    (the verdict is on those bytes; hashing the file again could hash another)."""
    in_use = [folder for folder in layout.texts if folder.is_dir()]
    found = []
    for name in sorted(set(text_files)):
        where: list = [name, None]
        for index, folder in enumerate(in_use):
            candidate = folder / name
            if os.path.lexists(candidate):
                try:
                    if read is not None and name in read:
                        where = [name, index, str(candidate.resolve()), read[name]]
                        break
                    size = candidate.stat().st_size if candidate.is_file() else None
                    content = (
                        "not-a-file" if size is None else f"too-large {size}" if size > MAX_TEXT_BYTES else file_sha256(candidate)
                    )  # a refused text is never read whole
                except OSError as error:
                    content = f"unreadable {error.errno}"
                where = [name, index, str(candidate.resolve()), content]
                break
        found.append(where)
    return {"folders": [str(f) for f in layout.texts], "in_use": [str(f) for f in in_use], "files": found}


def _layout_json(layout: Layout) -> dict:
    return {
        "data": [str(p) for p in layout.data],
        "texts": [str(p) for p in layout.texts],
        "manifest": None if layout.manifest is None else str(layout.manifest),
        "single": None if layout.single_file is None else str(layout.single_file),
    }
