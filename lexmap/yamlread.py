"""Read one YAML file into plain Python values plus the position of every value.

PyYAML's own loaders lose positions, keep the last of duplicate keys, turn
``2000-11-15`` into a date and ``no`` into ``False``, and recurse once per level
of nesting (deep enough input crashes the interpreter). lexmap reads the event
stream instead (libyaml's parser when available) and builds the values with an
explicit stack, so that every key and item keeps its line and column, nesting
is bounded, and every surprise becomes a :class:`~lexmap.problems.Problem`.
"""

from __future__ import annotations

import json
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

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_constructor = yaml.constructor.SafeConstructor()
_PLAIN_TAG = "remove the tag; lexmap reads plain YAML only"


class _TooDeep(Exception):
    def __init__(self, at: tuple[int, int]):
        self.at = at


def _position(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Frame:
    """A mapping or list being built, with where it sits and (for mappings) the key awaiting its value."""

    __slots__ = ("value", "path", "key")

    def __init__(self, value: dict | list, path: Path_):
        self.value = value
        self.path = path
        self.key: str | None = None


class _Builder:
    def __init__(self, file: str, resolver: yaml.resolver.BaseResolver):
        self.file = file
        self.resolver = resolver
        self.positions: Positions = {}
        self.problems: dict[Path_, Problem] = {}

    def problem(self, at: tuple[int, int], path: Path_, message: str, hint: str) -> None:
        self.problems.setdefault(path, Problem(self.file, at[0], at[1], None, message, hint))

    def scalar(self, event: yaml.ScalarEvent, path: Path_) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag not in _SCALAR_TAGS:
            self.problem(_position(event), path, f"unsupported YAML tag {tag!r}", _PLAIN_TAG)
            return None
        if tag == _STR:
            return event.value
        return _constructor.construct_object(yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark))

    def build(self, events) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        skipping = 0  # depth inside a subtree that is being skipped
        skipped_key = False
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.problem(_position(event), ("<document 2>",), "more than one YAML document in the file", "keep one document: remove '---' separators")
                    return root
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if skipping:
                if isinstance(event, yaml.CollectionStartEvent):
                    skipping += 1
                elif isinstance(event, yaml.CollectionEndEvent):
                    skipping -= 1
                if skipping:
                    continue
                if skipped_key:  # the skipped subtree was a key: its value comes next
                    skipped_key = False
                    continue
                value, ended = None, True
            else:
                value, ended = None, False
            if not ended and isinstance(event, yaml.CollectionEndEvent):
                value, ended = stack.pop().value, True
            parent = stack[-1] if stack else None
            if not ended and parent is not None and isinstance(parent.value, dict) and parent.key is None:
                # this event is a mapping key
                if isinstance(event, yaml.ScalarEvent) and (event.tag is None or event.tag == "!") and self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit) == _STR:
                    key = event.value
                    first = self.positions.get(parent.path + (key,))  # every key read so far has one
                    if first is not None:
                        parent.key = f"<duplicate {key} at line {_position(event)[0]}>"
                        self.problem(_position(event), parent.path + (parent.key,),
                                     f"duplicate key {key!r} (first at line {first[0]})",
                                     "YAML would keep only the last value; keep one and delete or rename the other")
                    else:
                        self.positions[parent.path + (key,)] = _position(event)
                        parent.key = key
                    continue
                at = _position(event)
                label = f"<key at line {at[0]}>"
                merge = isinstance(event, yaml.ScalarEvent) and event.value == "<<"
                self.problem(at, parent.path + (label,), "a mapping key must be plain text",
                             "merge keys (<<) are not supported" if merge else "keys are field names")
                if isinstance(event, yaml.CollectionStartEvent):
                    skipping, skipped_key = 1, True
                parent.key = label
                continue
            if not ended:
                path = (parent.path + ((parent.key,) if isinstance(parent.value, dict) else (len(parent.value),))) if parent else ()
                if parent is None or isinstance(parent.value, list):  # keys' positions are taken above
                    self.positions[path] = _position(event)
                if isinstance(event, yaml.AliasEvent):
                    self.problem(_position(event), path, "YAML aliases (*name) are not supported", "write the value out in full")
                elif isinstance(event, yaml.ScalarEvent):
                    value = self.scalar(event, path)
                elif isinstance(event, yaml.CollectionStartEvent):
                    expected = _SEQ if isinstance(event, yaml.SequenceStartEvent) else _MAP
                    if event.tag not in (None, "!", expected):
                        self.problem(_position(event), path, f"unsupported YAML tag {event.tag!r}", _PLAIN_TAG)
                        skipping = 1
                        continue
                    if len(stack) >= MAX_DEPTH:
                        # stop reading: parsers slow down quadratically on pathological nesting
                        raise _TooDeep(_position(event))
                    stack.append(_Frame([] if expected == _SEQ else {}, path))
                    continue
            # attach the finished value to its parent
            if parent is None:
                root = value
            elif isinstance(parent.value, list):
                parent.value.append(value)
            else:
                if not parent.key.startswith("<"):
                    parent.value[parent.key] = value
                parent.key = None
        return root


def read_yaml(path: Path, file: str) -> tuple[Any, Positions, dict[Path_, Problem]]:
    """Read ``path`` (reported as ``file``): its data, the position of each value, and its problems.

    Problems inside the YAML are keyed by the path of the value they spoil, so
    that the caller can name the record and skip follow-on errors there. A
    ``.json`` file is read the same way (JSON is YAML), after :func:`_json_as_yaml`.
    """
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return None, {}, {(): Problem(file, None, None, None, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB", "split it into several files")}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, {}, {(): Problem(file, line, None, None, f"not valid UTF-8 (byte 0x{raw[error.start]:02x})", "save the file as UTF-8")}
    if path.suffix == ".json":
        try:
            text = _json_as_yaml(text)
        except json.JSONDecodeError as error:
            return None, {}, {(): Problem(file, error.lineno, error.colno, None, f"JSON syntax error: {error.msg}", "fix the JSON syntax")}
    loader = _Loader(text)
    builder = _Builder(file, loader)
    try:
        data = builder.build(_events(loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        message = " ".join(part for part in (error.context, error.problem) if part)
        return None, {}, {(): Problem(file, line, column, None, f"YAML syntax error: {message}", "fix the YAML syntax")}
    except _TooDeep as error:
        line, column = error.at
        return None, {}, {(): Problem(file, line, column, None, f"nesting deeper than {MAX_DEPTH} levels; the rest of the file was not read", "flatten the structure")}
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        return None, {}, {(): Problem(file, line, None, None, f"character U+{error.character:04X} is not allowed in YAML" if isinstance(error.character, int) else f"character {error.character!r} is not allowed in YAML", "remove control characters from the file")}
    except yaml.YAMLError as error:
        return None, {}, {(): Problem(file, None, None, None, f"YAML error: {error}", "fix the YAML syntax")}
    finally:
        loader.dispose()
    return data, builder.positions, builder.problems


_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)(\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})")
_YAML_UNSAFE = {c: f"\\u{c:04x}" for c in [*range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF]}


def _json_as_yaml(text: str) -> str:
    """JSON text that libyaml reads as the same values (keeping lines, for problem positions).

    libyaml rejects or alters what JSON writers may produce: escaped surrogate
    pairs (``json.dumps`` writes an emoji as ``\\ud83d\\ude00``), raw C1 control
    characters, raw line separators (YAML folds them). Pairs become the
    character; the raw characters become escapes.
    Invalid JSON raises :class:`json.JSONDecodeError`.
    """
    json.loads(text, object_pairs_hook=lambda pairs: None)
    text = _SURROGATE_PAIR.sub(lambda m: m.group(1) + json.loads(f'"{m.group(2)}"'), text)
    return text.translate(_YAML_UNSAFE)


def _events(loader):
    while loader.check_event():
        yield loader.get_event()
