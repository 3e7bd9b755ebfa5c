"""Read one YAML file into plain Python values plus the position of every value.

PyYAML's own loaders lose positions, keep the last of duplicate keys, turn
``2000-11-15`` into a date and ``no`` into ``False``. lexmap composes the node
tree instead (with libyaml when available) and builds the values itself, so
that every key and item keeps its line and column and every surprise becomes a
:class:`~lexmap.problems.Problem`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]

MAX_DEPTH = 64
MAX_FILE_BYTES = 20 * 1024 * 1024

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader whose implicit types are YAML 1.2-like: no timestamps, no yes/no booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "yYnNoO":
    _Loader.yaml_implicit_resolvers[_first] = [
        (tag, rx)
        for tag, rx in _Loader.yaml_implicit_resolvers.get(_first, [])
        if tag != "tag:yaml.org,2002:bool"
    ]
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_constructor = yaml.constructor.SafeConstructor()


class _Reader:
    def __init__(self, file: str):
        self.file = file
        self.positions: Positions = {}
        self.bad_paths: dict[Path_, Problem] = {}
        self._seen: set[int] = set()

    def problem(self, node: yaml.Node, path: Path_, message: str, hint: str | None = None, at: tuple[int, int] | None = None) -> None:
        line, column = at or _position(node)
        problem = Problem(self.file, line, column, None, message, hint)
        self.bad_paths[path] = problem

    def value(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self._seen:
            at = self.positions.get(path)
            self.problem(node, path, "YAML aliases (*name) are not supported", "write the value out in full", at)
            return None
        self._seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self.problem(node, path, f"nesting deeper than {MAX_DEPTH} levels", "flatten the structure")
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                self.problem(node, path, f"unsupported YAML tag {node.tag!r}", "remove the tag; lexmap reads plain YAML only")
                return None
            return _constructor.construct_object(node, deep=True)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.problem(node, path, f"unsupported YAML tag {node.tag!r}", "remove the tag; lexmap reads plain YAML only")
                return None
            items = []
            for index, item in enumerate(node.value):
                self.positions[path + (index,)] = _position(item)
                items.append(self.value(item, path + (index,)))
            return items
        if node.tag != "tag:yaml.org,2002:map":
            self.problem(node, path, f"unsupported YAML tag {node.tag!r}", "remove the tag; lexmap reads plain YAML only")
            return None
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                hint = "merge keys (<<) are not supported" if key_node.tag == "tag:yaml.org,2002:merge" else "keys are field names"
                self.problem(key_node, path + (f"<key at line {_position(key_node)[0]}>",), "a mapping key must be plain text", hint)
                continue
            key = key_node.value
            if key in mapping:
                first = self.positions[path + (key,)]
                self.problem(
                    key_node,
                    path + (f"<duplicate {key} at line {_position(key_node)[0]}>",),
                    f"duplicate key {key!r} (first at line {first[0]})",
                    "YAML would keep only the last value; keep one and delete or rename the other",
                )
                continue
            self.positions[path + (key,)] = _position(key_node)
            mapping[key] = self.value(value_node, path + (key,))
        return mapping


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_yaml(path: Path, file: str) -> tuple[Any, Positions, dict[Path_, Problem]]:
    """Read ``path`` (reported as ``file``): its data, the position of each value, and its problems.

    Problems inside the YAML are keyed by the path of the value they spoil, so
    that the caller can name the record and skip follow-on errors there.
    """
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return None, {}, {(): Problem(file, None, None, None, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB", "split it into several files")}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, {}, {(): Problem(file, line, None, None, f"not valid UTF-8 (byte 0x{raw[error.start]:02x})", "save the file as UTF-8")}
    reader = _Reader(file)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        message = " ".join(part for part in (error.context, error.problem) if part)
        return None, {}, {(): Problem(file, line, column, None, f"YAML syntax error: {message}", "fix the YAML syntax")}
    except yaml.YAMLError as error:
        return None, {}, {(): Problem(file, None, None, None, f"YAML error: {error}", "fix the YAML syntax")}
    except RecursionError:
        return None, {}, {(): Problem(file, None, None, None, "YAML nested too deeply to read", "flatten the structure")}
    if root is None:
        return None, {}, {}
    reader.positions[()] = _position(root)
    data = reader.value(root, ())
    return data, reader.positions, reader.bad_paths
