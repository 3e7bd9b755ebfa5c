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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem
from .readonce import Folder, Source, read_source

Path_ = tuple["str | int | _Label", ...]
Positions = dict[Path_, tuple[int, int]]

MAX_DEPTH = 64
MAX_FILE_BYTES = 20 * 1024 * 1024
"""The largest YAML file read: a person writes files far smaller (split a bigger one)."""
MAX_JSON_BYTES = 1024 * 1024 * 1024
"""The largest ``.json`` file read: ``lexmap export json`` writes the whole corpus as one file
(10 MB for 20,000 claims; 1 GiB is about two million), which must read back; JSON holds no
aliases or tags, so its cost is linear in its size. A load reads at most
:data:`lexmap.case_size.MAX_CASE_BYTES` of data files in all, a single file too."""

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CoreSchemaLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader with YAML 1.2 core-schema implicit types, narrowed: no timestamps, no yes/no
    booleans, and only plain decimal digits make an integer (``0x7e3``, ``03743``, ``33:20`` and
    ``2_019`` are text, not years in disguise)."""


_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BOOL, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_INT_RE = re.compile(r"[-+]?[0-9]+", re.ASCII)
_FLOAT_RE = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)", re.ASCII
)
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = ("", "~", "null", "Null", "NULL")
MAX_DIGITS = 4300  # Python's own default limit for int(str); enforced whatever the interpreter allows

_CoreSchemaLoader.yaml_implicit_resolvers = {}
_CoreSchemaLoader.add_implicit_resolver(_BOOL, re.compile(rf"^(?:{'|'.join(_BOOLS)})$"), list("tTfF"))
_CoreSchemaLoader.add_implicit_resolver(_INT, re.compile(rf"^{_INT_RE.pattern}$", re.ASCII), list("-+0123456789"))
_CoreSchemaLoader.add_implicit_resolver(_FLOAT, re.compile(rf"^(?:{_FLOAT_RE.pattern})$", re.ASCII), list("-+.0123456789"))
_CoreSchemaLoader.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL}
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_PLAIN_TAG = "remove the tag; lexmap reads plain YAML only"


class YamlInt(int):
    """An integer that remembers how it was written (``2019``, ``+2019`` and ``02019`` are one
    number but only the first is a year)."""

    text: str

    def __new__(cls, text: str) -> YamlInt:
        number = super().__new__(cls, text)
        number.text = text
        return number

    def __repr__(self) -> str:
        return int.__repr__(self)


class _Label:
    """The key under which a value that is not kept (a duplicate, a non-text key, a second
    document) is recorded: an object, so no key the user writes can ever equal it."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"<{self.text}>"


def construct(tag: str, value: str) -> Any:
    """The Python value of scalar ``value`` with ``tag``; ValueError (a message for the user)
    when the text does not fit the tag."""
    if tag == _STR:
        return value
    if tag == _NULL and value in _NULLS:
        return None
    if tag == _BOOL and value in _BOOLS:
        return _BOOLS[value]
    if tag in (_INT, _FLOAT) and _INT_RE.fullmatch(value):
        if len(value.lstrip("+-")) > MAX_DIGITS:
            raise ValueError(f"number with more than {MAX_DIGITS} digits ({value[:20]}...)")
        return YamlInt(value) if tag == _INT else float(value)
    if tag == _FLOAT and _FLOAT_RE.fullmatch(value):
        if len(value) > MAX_DIGITS:
            raise ValueError(f"number with more than {MAX_DIGITS} digits ({value[:20]}...)")
        lowered = value.lower()
        return float(lowered.replace(".inf", "inf").replace(".nan", "nan"))
    kind = {_NULL: "null", _BOOL: "true or false", _INT: "an integer", _FLOAT: "a number"}[tag]
    raise ValueError(f"{value[:60]!r} is not {kind} (tag {tag.replace('tag:yaml.org,2002:', '!!')})")


class _TooDeep(Exception):
    def __init__(self, at: tuple[int, int]):
        self.at = at


def _position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    assert mark is not None, "the parser marks every event"
    return mark.line + 1, mark.column + 1


def _check_depth(depth: int, event: yaml.Event) -> None:
    """Stop reading past MAX_DEPTH, in kept and skipped subtrees alike: the parser slows down
    quadratically on pathological nesting."""
    if depth > MAX_DEPTH:
        raise _TooDeep(_position(event))


class _Frame:
    """A mapping or list being built, with where it sits and (for mappings) the key awaiting its value."""

    __slots__ = ("value", "path", "key")

    def __init__(self, value: dict | list, path: Path_):
        self.value = value
        self.path = path
        self.key: str | _Label | None = None


class _Builder:
    def __init__(self, file: str, resolver: yaml.resolver.BaseResolver):
        self.file = file
        self.resolver = resolver
        self.positions: Positions = {}
        self.problems: dict[Path_, Problem] = {}

    def problem(self, at: tuple[int, int], path: Path_, message: str, hint: str) -> None:
        self.problems.setdefault(path, Problem(self.file, at[0], at[1], None, message, hint))

    def tag(self, event: yaml.ScalarEvent) -> str:
        """The scalar's tag: its own, or the one its plain text implies (``!`` alone means text)."""
        if event.tag is None:
            return self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        return _STR if event.tag == "!" else event.tag

    def scalar(self, event: yaml.ScalarEvent, path: Path_) -> Any:
        tag = self.tag(event)
        if tag not in _SCALAR_TAGS:
            self.problem(_position(event), path, f"unsupported YAML tag {tag!r}", _PLAIN_TAG)
            return None
        try:
            return construct(tag, event.value)
        except ValueError as error:
            hint = (
                "quote the value if it is text" if event.tag is None else "remove the tag, or write the value as the tag requires"
            )
            self.problem(_position(event), path, str(error), hint)
            return None

    def build(self, events: Iterator[yaml.Event]) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        skipping = 0  # depth inside a subtree that is being skipped (it counts towards MAX_DEPTH)
        skipped_key = False
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.problem(
                        _position(event),
                        (_Label("document 2"),),
                        "more than one YAML document in the file",
                        "keep one document: remove '---' separators",
                    )
                    return root
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if skipping:
                if isinstance(event, yaml.CollectionStartEvent):
                    skipping += 1
                    _check_depth(len(stack) + skipping, event)
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
                merge = isinstance(event, yaml.ScalarEvent) and event.tag is None and event.implicit[0] and event.value == "<<"
                if isinstance(event, yaml.ScalarEvent) and self.tag(event) == _STR and not merge:
                    key = event.value
                    first = self.positions.get(parent.path + (key,))  # every key read so far has one
                    if first is not None:
                        parent.key = _Label(f"duplicate {key} at line {_position(event)[0]}")
                        self.problem(
                            _position(event),
                            parent.path + (parent.key,),
                            f"duplicate key {key!r} (first at line {first[0]})",
                            "YAML would keep only the last value; keep one and delete or rename the other",
                        )
                    else:
                        self.positions[parent.path + (key,)] = _position(event)
                        parent.key = key
                    continue
                at = _position(event)
                label = _Label(f"key at line {at[0]}")
                self.problem(
                    at,
                    parent.path + (label,),
                    "a mapping key must be plain text",
                    "merge keys (<<) are not supported" if merge else "keys are field names",
                )
                if isinstance(event, yaml.CollectionStartEvent):
                    skipping, skipped_key = 1, True
                    _check_depth(len(stack) + skipping, event)
                parent.key = label
                continue
            if not ended:
                path: Path_ = ()
                if parent is not None and isinstance(parent.value, dict):
                    assert parent.key is not None, "a value in a mapping comes after its key"
                    path = (*parent.path, parent.key)
                elif parent is not None:
                    path = (*parent.path, len(parent.value))
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
                        _check_depth(len(stack) + skipping, event)
                        continue
                    _check_depth(len(stack) + 1, event)
                    stack.append(_Frame([] if expected == _SEQ else {}, path))
                    continue
            # attach the finished value to its parent
            if parent is None:
                root = value
            elif isinstance(parent.value, list):
                parent.value.append(value)
            else:
                if not isinstance(parent.key, _Label):
                    parent.value[parent.key] = value
                parent.key = None
        return root


def limit_of(path: Path) -> int:
    """The most bytes read of the data file ``path``."""
    return MAX_JSON_BYTES if path.suffix == ".json" else MAX_FILE_BYTES


def read_data(path: Path, within: Folder | None = None) -> Source:
    """The bytes of the data file ``path`` (of the data folder ``within``), read once
    (:mod:`lexmap.readonce`): never a FIFO, nor a link swapped in since it was listed."""
    return read_source(path, limit_of(path), within)


def read_yaml(
    path: Path, file: str, source: Source | None = None, within: Folder | None = None
) -> tuple[Any, Positions, dict[Path_, Problem]]:
    """Read ``path`` (reported as ``file``): its data, the position of each value, and its problems.
    With ``source``, parse those bytes (the ones the cache hashed) and read nothing.

    Problems inside the YAML are keyed by the path of the value they spoil, so
    that the caller can name the record and skip follow-on errors there. A
    ``.json`` file is read the same way (JSON is YAML), after :func:`_json_as_yaml`.
    """
    line: int | None  # where a problem of the whole file is, when known
    limit = limit_of(path)
    fix = "load the corpus from its folder instead" if path.suffix == ".json" else "split it into several files"
    source = source or read_data(path, within)  # the size before the read: a huge (or sparse) file is never read
    raw = source.raw
    if source.nul is not None:  # no text holds one
        where = raw.count(b"\n") + 1
        problem = Problem(
            file, where, None, None, f"a NUL byte at byte {source.nul}: not a text file", "save the file as UTF-8 text"
        )
        return None, {}, {(): problem}
    if not source.whole:
        return None, {}, {(): Problem(file, None, None, None, f"file is larger than {limit // 2**20:,} MiB", fix)}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return (
            None,
            {},
            {(): Problem(file, line, None, None, f"not valid UTF-8 (byte 0x{raw[error.start]:02x})", "save the file as UTF-8")},
        )
    if path.suffix == ".json":
        try:
            text = _json_as_yaml(text)
        except json.JSONDecodeError as error:
            return (
                None,
                {},
                {(): Problem(file, error.lineno, error.colno, None, f"JSON syntax error: {error.msg}", "fix the JSON syntax")},
            )
        except RecursionError:  # the json module recurses once per level: deep input is refused as YAML's is
            return None, {}, {(): _too_deep(file, 1, None)}
    loader = _CoreSchemaLoader(text)
    builder = _Builder(file, loader)
    try:
        data = builder.build(_events(loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        if "maximum nesting depth" in (error.problem or ""):  # libyaml's own bound (PyYAML 6.0.3+): lexmap's message
            return None, {}, {(): _too_deep(file, line, column)}
        message = " ".join(part for part in (error.context, error.problem) if part)
        return None, {}, {(): Problem(file, line, column, None, f"YAML syntax error: {message}", "fix the YAML syntax")}
    except _TooDeep as error:
        return None, {}, {(): _too_deep(file, *error.at)}
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        return (
            None,
            {},
            {
                (): Problem(
                    file,
                    line,
                    None,
                    None,
                    f"character U+{error.character:04X} is not allowed in YAML"
                    if isinstance(error.character, int)
                    else f"character {error.character!r} is not allowed in YAML",
                    "remove control characters from the file",
                )
            },
        )
    except yaml.YAMLError as error:
        return None, {}, {(): Problem(file, None, None, None, f"YAML error: {error}", "fix the YAML syntax")}
    finally:
        loader.dispose()
    return data, builder.positions, builder.problems


def _too_deep(file: str, line: int | None, column: int | None) -> Problem:
    return Problem(
        file,
        line,
        column,
        None,
        f"nesting deeper than {MAX_DEPTH} levels; the rest of the file was not read",
        "flatten the structure",
    )


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
    # Numbers are not converted here (parse_int=len): the YAML pass refuses one past MAX_DIGITS
    # with its line, where int() of 100,000 digits raised a ValueError that was no JSON problem.
    json.loads(text, object_pairs_hook=lambda pairs: None, parse_int=len, parse_float=len)
    text = _SURROGATE_PAIR.sub(lambda m: m.group(1) + json.loads(f'"{m.group(2)}"'), text)
    return text.translate(_YAML_UNSAFE)


def _events(loader: _CoreSchemaLoader) -> Iterator[yaml.Event]:
    while loader.check_event():
        yield loader.get_event()
