"""Records as JSON rows, for the corpus cache (lexmap/cache.py): fast to read back, unable to carry code.

Each record is a list of its field values in declaration order, nested records likewise. The
functions that convert them are generated from the model's own field types (never from the
cache): building 250,000 records this way takes a third of a second, where structuring them
again with cattrs' checks would take seconds.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any

import attrs
import cattrs

from .model import COLLECTIONS, Case
from .structure import structure

_CODE: dict[str, Any] = {}


def _field_kind(type_: Any) -> tuple[str, Any]:
    origin, args = typing.get_origin(type_), typing.get_args(type_)
    if origin is tuple:
        return ("many", args[0]) if attrs.has(args[0]) else ("tuple", None)
    if attrs.has(type_):
        return "one", type_
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1 and attrs.has(inner[0]):
            return "optional", inner[0]
    return "plain", None


def _generate(cls: type) -> None:
    name = cls.__name__
    if f"decode_{name}" in _CODE:
        return
    _CODE[f"decode_{name}"] = _CODE[f"encode_{name}"] = None  # recursion guard
    _CODE[name] = cls
    hints = typing.get_type_hints(cls)
    decoded, encoded = [], []
    fields = attrs.fields(cls)
    for index, field in enumerate(fields):
        kind, item = _field_kind(hints[field.name])
        value, attribute = f"v{index}", f"o.{field.name}"
        if item is not None:
            _generate(item)
            inner = item.__name__
        if kind == "plain":
            decoded.append(value)
            encoded.append(attribute)
        elif kind == "tuple":
            decoded.append(f"(tuple({value}) if {value} else ())")
            encoded.append(attribute)
        elif kind == "many":
            decoded.append(f"(tuple([decode_{inner}(x) for x in {value}]) if {value} else ())")
            encoded.append(f"[encode_{inner}(x) for x in {attribute}]")
        else:
            decoded.append(f"(None if {value} is None else decode_{inner}({value}))")
            encoded.append(f"(None if {attribute} is None else encode_{inner}({attribute}))")
    names = "".join(f"v{i}, " for i in range(len(fields)))
    source = (
        f"def decode_{name}(row):\n    {names}= row\n    return {name}({', '.join(decoded)})\n"
        f"def encode_{name}(o):\n    return [{', '.join(encoded)}]\n"
    )
    exec(compile(source, f"<lexmap.cache_rows {name}>", "exec"), _CODE)  # noqa: S102 - source built from the model only


for _cls in COLLECTIONS.values():
    _generate(_cls)
DECODE = {collection: _CODE[f"decode_{cls.__name__}"] for collection, cls in COLLECTIONS.items()}
ENCODE = {collection: _CODE[f"encode_{cls.__name__}"] for collection, cls in COLLECTIONS.items()}
UNSTRUCTURE = cattrs.Converter()


def encode_file(records: dict[str, list[Any]], case: Case | None) -> bytes:
    """One data file's records (and, for a single-file corpus, its manifest) as one JSON line."""
    rows = {collection: [ENCODE[collection](r) for r in items] for collection, items in records.items()}
    return json.dumps(
        [rows, None if case is None else UNSTRUCTURE.unstructure(case)], ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def decode_file(line: bytes) -> tuple[dict[str, list[Any]], Case | None]:
    rows, raw_case = json.loads(line)
    records = {collection: [DECODE[collection](r) for r in items] for collection, items in rows.items()}
    return records, case_from_json(raw_case)


def case_from_json(raw: Any) -> Case | None:
    """A cached manifest, through the same strict checks as the YAML's (it is small)."""
    if raw is None:
        return None
    case, problems = structure(raw, Case)
    if problems or case is None:
        raise ValueError("the cached case manifest does not validate")
    return case
