"""The one registry of output formats: name, family, extensions, optional extra, writer.

Every writer has one signature, ``writer(result, destination, case)``: the result (a matrix, a
chart, a corpus), the :class:`Destination` (a file written atomically, a folder, or bytes handed
to standard output or to memory) and the :class:`OutputCase`, which carries the manifest's title
and date, taken from the case once, and the options every format of a family shares (``--value``,
the base URL, the base IRI). The CLI's ``export``, ``matrix`` and ``chart`` and the API
(:func:`render`, :func:`write`) pick a writer here by name or by file extension; a new format is
one writer and one line of :data:`FORMATS` (in :mod:`lexmap.exports.writers`; the types are in
:mod:`lexmap.exports.options`).
"""

from __future__ import annotations

import os
from pathlib import Path

from .options import (  # noqa: F401  (named from here by the CLI, the API and the writers' users)
    DEFAULT_GAPS,
    DEFAULT_PAPER,
    DEFAULT_VALUE,
    GAPS,
    PAPERS,
    Destination,
    Format,
    FormatError,
    OutputCase,
    check_gaps,
    check_paper,
    suggest,
    unknown,
)
from .writers import FORMATS


def family(name: str) -> tuple[Format, ...]:
    """The formats of the family ``name``, in the registry's order."""
    return tuple(f for f in FORMATS if f.family == name)


def names(family_name: str) -> tuple[str, ...]:
    return tuple(f.name for f in family(family_name))


def extensions(family_name: str) -> tuple[str, ...]:
    return tuple(e for f in family(family_name) for e in f.extensions)


def by_name(family_name: str, name: str) -> Format:
    """The format ``name`` of the family; :class:`FormatError` (did you mean, and the list) otherwise."""
    for found in family(family_name):
        if found.name == name:
            return found
    known = names(family_name)
    raise FormatError(unknown(f"{family_name} format", name, known))


def by_path(family_name: str, path: str | os.PathLike) -> Format:
    """The format of the family that the file name ``path`` asks for by its extension
    (``.markdown`` and ``.htm`` included; any case); :class:`FormatError` otherwise: an ``.ods``
    or ``.tsv`` file must not silently hold CSV."""
    suffix = Path(path).suffix
    for found in family(family_name):
        if suffix.lower() in found.extensions:
            return found
    known = extensions(family_name)
    what = f"the extension {suffix!r}" if suffix else "a file name without extension"
    raise FormatError(
        f"cannot tell a {family_name} format from {what} ({str(path)!r}); "
        f"{suggest(suffix.lower(), known) if suffix else ''}known extensions: {', '.join(known)}"
    )


def render(family_name: str, name: str, result, case: OutputCase) -> bytes:
    """The bytes of ``result`` in the format ``name`` of the family (not for folder formats)."""
    out: list[bytes] = []
    by_name(family_name, name).write(result, Destination(sink=out.append), case)
    return b"".join(out)


def write(family_name: str, result, destination: Destination, case: OutputCase, name: str | None = None) -> Format:
    """Write ``result`` to ``destination`` in the format ``name``, else the one its path's
    extension names; returns the format used."""
    if name is None:
        if destination.path is None:
            raise FormatError(
                f"name a {family_name} format for an output without a file name: one of {', '.join(names(family_name))}"
            )
        chosen = by_path(family_name, destination.path)
    else:
        chosen = by_name(family_name, name)
    chosen.write(result, destination, case)
    return chosen
