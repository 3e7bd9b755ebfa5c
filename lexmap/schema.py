"""A JSON Schema for corpus data files, generated from the model classes so it is never written twice.

Editors (through yaml-language-server) use it to complete field names and flag
mistakes while one types; see docs/interchange.md. The schema checks the shape
of one file (fields, types, enumerations, id and date syntax); references
between records and quotes are checked by :func:`lexmap.load` only. The shipped
copy, ``lexmap/schemas/corpus-file.schema.json``, is regenerated with
``lexmap export schema -o lexmap/schemas/corpus-file.schema.json`` and a test
checks it is current.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Literal

import attrs

from .fields import text_limit
from .model import (
    COLLECTIONS,
    ID,
    ISO_DATE,
    MAX_ID_LENGTH,
    MIN_ITEMS,
    SLUG,
    Case,
    Element,
    EventDate,
    Id,
    IsoDate,
    WebAddress,
)

SCHEMA_ID = "urn:lexmap:corpus-file.schema.json"
SHIPPED = Path(__file__).parent / "schemas" / "corpus-file.schema.json"

WEB_ADDRESS = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\"<>\\^`{|}@/?#]+([/?#][^\s\"<>\\^`{|}]*)?$"
"""An http(s) address with a host, no user name, nothing RFC 3986 forbids unencoded: the schema's
approximation of :func:`lexmap.urls.address_problem`, which validation applies in full."""
_SLUG = {"type": "string", "pattern": f"^{SLUG.pattern}$", "maxLength": MAX_ID_LENGTH}
_LOCAL = {(Element, "provision")}
"""Reference fields written with a local id in YAML (besides every ``id``)."""


def schema_path() -> Path:
    """The schema file shipped with lexmap (for editor settings)."""
    return SHIPPED


def corpus_file_schema() -> dict[str, Any]:
    """The JSON Schema of one YAML data file: a mapping of collections to lists of records."""
    defs: dict[str, Any] = {}
    properties = {
        "case": {
            **_type_schema(Case, defs),
            "description": "The case manifest, in a corpus exported as one file (lexmap.yaml otherwise).",
        }
    }
    properties.update((name, {"type": "array", "items": _type_schema(cls, defs)}) for name, cls in COLLECTIONS.items())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "lexmap corpus data file",
        "description": "A YAML data file of a lexmap corpus (docs/data-format.md): top-level keys name collections.",
        "type": ["object", "null"],
        "properties": properties,
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def schema_json() -> str:
    return json.dumps(corpus_file_schema(), ensure_ascii=False, indent=2) + "\n"


def _type_schema(type_: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of a field type: what the cattrs converter (lexmap.structure) accepts."""
    if attrs.has(type_):
        name = type_.__name__
        if name not in defs:
            defs[name] = {}  # placeholder: a class may contain itself (provisions in provisions)
            defs[name] = _class_schema(type_, defs)
        return {"$ref": f"#/$defs/{name}"}
    if type_ is Id:
        return {"type": "string", "pattern": f"^{ID.pattern}$", "maxLength": MAX_ID_LENGTH}
    if type_ is IsoDate:  # YAML reads an unquoted year as a number
        return {"type": ["string", "integer"], "pattern": f"^{ISO_DATE.pattern}$", "minimum": 1000, "maximum": 9999}
    if type_ is EventDate:  # EDTF, checked by lexmap.dates; an unquoted year is a number
        return {"type": ["string", "integer"], "minimum": 1000, "maximum": 9999}
    if type_ is WebAddress:
        return {"type": "string", "pattern": WEB_ADDRESS}
    if type_ is str:
        return {"type": "string", "pattern": r"\S"}
    if type_ is bool:
        return {"type": "boolean"}
    if type_ is float:
        return {"type": "number"}
    if type_ is int:
        return {"type": "integer", "minimum": 0}
    origin, args = typing.get_origin(type_), typing.get_args(type_)
    if origin is Literal:
        return {"enum": list(args)}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin in (UnionType, typing.Union) and NoneType in args:
        (inner,) = (a for a in args if a is not NoneType)
        return {"anyOf": [_type_schema(inner, defs), {"type": "null"}]}
    raise TypeError(f"no JSON Schema for {type_!r}")


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties = {}
    for field in attrs.fields(cls):
        schema = _type_schema(hints[field.name], defs)
        if field.name == "id" or (cls, field.name) in _LOCAL:
            schema = _nullable_like(schema, _SLUG)
        limit = text_limit(field, hints[field.name])
        if limit is not None:
            schema = _bounded(schema, limit)
        if MIN_ITEMS in field.metadata:
            schema = {**schema, "minItems": field.metadata[MIN_ITEMS]}
        properties[field.name] = schema
    required = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
        schema = {"description": cls.__doc__.strip().splitlines()[0], **schema}
    return {**schema, "required": required} if required else schema


def _bounded(schema: dict[str, Any], limit: int) -> dict[str, Any]:
    """``schema`` with ``maxLength`` on its text (each item's, for a list), as lexmap.structure checks."""
    if "anyOf" in schema:
        return {**schema, "anyOf": [_bounded(option, limit) for option in schema["anyOf"]]}
    if schema.get("type") == "array":
        return {**schema, "items": _bounded(schema["items"], limit)}
    return {**schema, "maxLength": limit} if schema.get("type") == "string" else schema


def _nullable_like(original: dict[str, Any], replacement: dict[str, Any]) -> dict[str, Any]:
    """``replacement``, still accepting null where ``original`` did."""
    if "anyOf" in original:
        return {"anyOf": [replacement, {"type": "null"}]}
    return replacement
