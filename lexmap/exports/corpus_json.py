"""The whole corpus as one JSON file that :func:`lexmap.load` reads back to an equal corpus.

The file has the shape of a YAML data file (docs/data-format.md): one key per
collection, records with the YAML field names, provisions, tests and
indicators nested under their owner with *local* ids. So it is itself a valid
data file: ``lexmap.load("corpus.json")`` reads it through the same reader,
structuring and reference checks as a corpus folder, and the JSON Schema of
data files validates it. Empty fields (None, empty lists) are left out, as a
person writing YAML would.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from ..model import COLLECTIONS, Element, Indicator, Provision


def corpus_data(corpus) -> dict[str, Any]:
    """The case manifest (under ``case``) and every collection of ``corpus`` as plain values, in
    corpus order (empty collections left out)."""
    data: dict = {"case": _plain(corpus.case)} if corpus.case else {}
    for name in COLLECTIONS:
        records = getattr(corpus, name).values()
        if records:
            data[name] = [_plain(record) for record in records]
    return data


def corpus_json(corpus) -> str:
    """The corpus as JSON text (see the module docstring)."""
    return json.dumps(corpus_data(corpus), ensure_ascii=False, indent=2) + "\n"


def _plain(record) -> dict[str, Any]:
    """A record as the dict a YAML file would hold: local ids for nested records."""
    out: dict[str, Any] = {}
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if value is None or value == ():
            continue
        if isinstance(value, tuple):
            value = [_plain(v) if attrs.has(type(v)) else v for v in value]
        elif attrs.has(type(value)):
            value = _plain(value)
        out[field.name] = value
    if isinstance(record, (Provision, Element, Indicator)):
        out["id"] = _local(record.id)
    if isinstance(record, Element) and record.provision:
        out["provision"] = _local(record.provision)
    return out


def _local(qualified: str) -> str:
    return qualified.split("/", 1)[1]
