"""Turn plain YAML values into model objects with cattrs, and its errors into (path, message) pairs.

The converter is strict where cattrs is lenient by default: ``3`` is not a
string, ``"yes"`` is not a boolean, a string is not a list, an empty string is
not text. Every failure keeps the path to the bad value so that the loader can
put a file and line on it.
"""

from __future__ import annotations

import difflib
import functools
import re
import typing
import unicodedata
from collections.abc import Iterator
from typing import Any, Literal

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError, IterableValidationError, IterableValidationNote

from .dates import parse_date
from .fields import LONG_FIELDS, text_limit
from .model import (
    COLLECTIONS,
    ID,
    ISO_DATE,
    MAX_ID_LENGTH,
    MIN_ITEMS,
    RESERVED_IDS,
    SLUG,
    EventDate,
    Id,
    IsoDate,
    WebAddress,
    is_iso_date,
)
from .quotes import INVISIBLE, visible

Path_ = tuple[str | int, ...]


class ValueProblem(ValueError):
    """A value of the right shape but wrong content; ``hint`` says what to do."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value[:60]!r}"
    if isinstance(value, int):  # the reader's ints remember their text
        return f"the int {getattr(value, 'text', value)!s:.60}"
    return f"the {type(value).__name__} {value!r}"


# Characters no text value may hold: C0 controls but tab and line feed (a carriage return can only
# come from a "\r" escape: YAML reads every line break in a file as \n), DEL, C1 controls, lone
# surrogates and noncharacters. XML (GraphML, XLSX) cannot hold them and terminals obey them.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


HIDDEN = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
"""What a reader cannot see or that reorders what they see, refused in every text field but a
quote: Unicode's Default_Ignorable_Code_Point (zero-width characters, U+FEFF, soft hyphen, Hangul
fillers, variation selectors, tag characters; DerivedCoreProperties.txt,
https://www.unicode.org/Public/UCD/latest/ucd/DerivedCoreProperties.txt), Bidi_Control (U+061C,
U+200E, U+200F and the embeddings, overrides and isolates; PropList.txt,
https://www.unicode.org/Public/UCD/latest/ucd/PropList.txt) and the line and paragraph separators
U+2028 and U+2029. Two labels differing by a U+200B looked the same in every output. A zero-width
(non-)joiner between two letters of a script that needs it (Persian, Hindi) and a variation
selector after a character that is not ASCII are writing, and kept (see _hidden)."""
VERBATIM = ("quote", "text", "words", "reading", "instead_of")
"""The fields that hold words copied from a source, checked verbatim: HIDDEN is kept there."""
PROSE = ("notes", "description")
"""Fields of prose, where a line or paragraph separator is a line break."""
_SEPARATORS = re.compile("[\u2028\u2029]")
_JOINERS = "\u200c\u200d"
_SELECTORS = re.compile("[\ufe00-\ufe0f\u180b-\u180d\u180f]")


def _hidden(value: str) -> re.Match[str] | None:
    """The first character of HIDDEN in ``value`` that is not writing (see HIDDEN)."""
    for found in HIDDEN.finditer(value):
        char, at = found.group(), found.start()
        before, after = value[at - 1 : at], value[at + 1 : at + 2]
        if char in _JOINERS and _letter(before) and _letter(after):
            continue
        if _SELECTORS.fullmatch(char) and before and not before.isascii() and not HIDDEN.fullmatch(before):
            continue
        return found
    return None


def _letter(char: str) -> bool:
    """A letter or mark of a script other than Latin's ASCII (where a joiner means something)."""
    return bool(char) and not char.isascii() and unicodedata.category(char)[0] in "LM"


def _text(value: Any, _type: Any = str) -> str:
    if not isinstance(value, str):
        raise ValueProblem(f"expected text, found {describe(value)}", "quote the value")
    if not value.strip():
        raise ValueProblem("empty text", "write the text or remove the field")
    bad = _FORBIDDEN.search(value)
    if bad:
        char = bad.group()
        raise ValueProblem(
            f"control character U+{ord(char):04X} ({char!r}) at character {bad.start() + 1} of the text",
            "write line breaks as real line breaks, not \\r"
            if char == "\r"
            else "remove it: YAML escapes such as \\0, \\e, \\x01 or \\uFFFE write characters that XML, spreadsheets and terminals cannot take",
        )
    hidden = INVISIBLE.search(value) or _hidden(value)
    if hidden:
        char = hidden.group()
        kind = (
            "a bidirectional control: it reorders what a reader sees"
            if char in "\u061c\u200e\u200f" or INVISIBLE.fullmatch(char) and char < chr(0xE0000)
            else "a line or paragraph separator: outputs break the line there"
            if char in "\u2028\u2029"
            else "a reader cannot see it"
        )
        raise ValueProblem(
            f"invisible character U+{ord(char):04X} {unicodedata.name(char, '(unnamed)')} at character {hidden.start() + 1} "
            f"of the text ({kind})",
            "remove it (a quote may hold it: lexmap shows it there as <U+XXXX>)",
        )
    return value


def _id(value: Any, _type: Any = Id) -> str:
    _text(value)
    if len(value) > MAX_ID_LENGTH or not ID.fullmatch(value):
        raise ValueProblem(
            f"{value[:120]!r} is not a valid id",
            "use lowercase letters, digits and single hyphens (qualified ids: owner/local)",
        )
    return value


def _date(value: Any, _type: Any = IsoDate) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        text = getattr(value, "text", str(value))  # a year only when written as four plain digits
        value = text if len(text) == 4 and text.isascii() and text.isdigit() else value
    if isinstance(value, str) and ISO_DATE.fullmatch(value) and not is_iso_date(value):
        raise ValueProblem(f"{value!r} is not a date of the calendar", "check the year (0001-9999), month and day")
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueProblem(
            f"expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), found {describe(value)}",
            "write the date as precisely as the source gives it, e.g. 2022-08",
        )
    return value


def _event_date(value: Any, _type: Any = EventDate) -> str:
    """An EDTF date or interval (a year YAML read as a number is the year)."""
    if isinstance(value, int) and not isinstance(value, bool):
        text = getattr(value, "text", str(value))
        value = text if len(text) == 4 and text.isascii() and text.isdigit() else value
    if not isinstance(value, str):
        raise ValueProblem(f"expected a date or period, found {describe(value)}", "write it as EDTF: 2013, 2013-06~, 2010/2016")
    try:
        parse_date(value)
    except ValueError as error:
        raise ValueProblem(str(error), "write the period the source gives, as EDTF: 2013, 2013-06~, 2010/2016") from None
    return value


def _bool(value: Any, _type: Any = bool) -> bool:
    if not isinstance(value, bool):
        raise ValueProblem(f"expected true or false, found {describe(value)}", "write true or false")
    return value


def _number(value: Any, _type: Any = float) -> float:
    """A number as YAML writes one (``9.36``, ``25``): not text, not a boolean, not inf or nan."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value in (float("inf"), float("-inf")):
        raise ValueProblem(f"expected a number, found {describe(value)}", "write the number without quotes, e.g. 9.36")
    return float(value)


def _literal_hook(type_: Any):
    allowed = typing.get_args(type_)

    def hook(value: Any, _type: Any) -> str:
        if value not in allowed or not isinstance(value, str):
            raise ValueProblem(f"expected one of {', '.join(allowed)}; found {describe(value)}", "use one of the listed values")
        return value

    return hook


def _tuple_hook(type_: Any, converter: cattrs.Converter):
    (item_type, _ellipsis) = typing.get_args(type_)

    def hook(value: Any, _type: Any) -> tuple:
        if not isinstance(value, list):
            raise ValueProblem(f"expected a list, found {describe(value)}", "write the items as a YAML list")
        items, errors = [], []
        for index, item in enumerate(value):
            try:
                items.append(converter.structure(item, item_type))
            except Exception as error:  # collected, re-raised as a group below
                error.add_note(IterableValidationNote(f"@ index {index}", index, item_type))
                errors.append(error)
        if errors:
            raise IterableValidationError(f"While structuring {type_}", errors, type_)
        return tuple(items)

    return hook


def _attrs_hook(type_: Any, converter: cattrs.Converter):
    inner = cattrs.gen.make_dict_structure_fn(type_, converter, _cattrs_forbid_extra_keys=True)

    def hook(value: Any, _type: Any):
        if not isinstance(value, dict):
            raise ValueProblem(
                f"expected a mapping of fields, found {describe(value)}", "write the record as 'field: value' lines"
            )
        quote = value.get("quote")
        if isinstance(quote, str) and INVISIBLE.search(quote):  # shown, never obeyed (quotes.visible)
            value = {**value, "quote": visible(quote)}
        # Words copied from a source keep what the source holds (a soft hyphen, a U+200B of a web
        # page): HIDDEN is refused in what a person writes (labels, names, titles), not in these.
        # Prose (notes, a description) may break its lines with U+2028 and U+2029, as a JSON export writes them.
        kept = {key: value[key] for key in VERBATIM if isinstance(value.get(key), str) and _hidden(value[key])}
        kept |= {key: value[key] for key in PROSE if isinstance(value.get(key), str) and _SEPARATORS.search(value[key])}
        if not kept:
            return inner(value, _type)
        allowed = {key: HIDDEN if key in VERBATIM else _SEPARATORS for key in kept}
        record = inner({**value, **{key: allowed[key].sub(" ", text) for key, text in kept.items()}}, _type)
        return attrs.evolve(record, **kept)

    return hook


def make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(WebAddress, _text)  # checked as an address by lexmap.text_checks
    converter.register_structure_hook(bool, _bool)
    converter.register_structure_hook(float, _number)
    converter.register_structure_hook(Id, _id)
    converter.register_structure_hook(IsoDate, _date)
    converter.register_structure_hook(EventDate, _event_date)
    converter.register_structure_hook_factory(lambda t: typing.get_origin(t) is Literal, _literal_hook)
    converter.register_structure_hook_factory(lambda t: typing.get_origin(t) is tuple, lambda t: _tuple_hook(t, converter))
    converter.register_structure_hook_factory(attrs.has, lambda t: _attrs_hook(t, converter))
    return converter


CONVERTER = make_converter()


def errors(error: BaseException, path: Path_ = (), type_: Any = None) -> Iterator[tuple[Path_, str, str | None]]:
    """Flatten a cattrs exception (group) into ``(path, message, hint)`` triples."""
    if isinstance(error, BaseExceptionGroup):
        for sub in error.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", ()):
                if hasattr(note, "name"):
                    sub_path += (note.name,)
                elif isinstance(note, IterableValidationNote):
                    sub_path += (note.index,)
            yield from errors(sub, sub_path, getattr(error, "cl", None))
        return
    if isinstance(error, ForbiddenExtraKeysError):
        known = [f.name for f in attrs.fields(error.cl)]
        for name in sorted(error.extra_fields):
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known fields: {', '.join(known)}"
            yield path + (name,), f"unknown field {name!r}", hint
        return
    if isinstance(error, KeyError):
        *parent, missing = path
        yield tuple(parent), f"missing required field {missing!r}", "add it"
        return
    if isinstance(error, ValueProblem):
        yield path, str(error), error.hint
        return
    yield path, f"invalid value ({type(error).__name__}: {error})", "check the value against docs/data-format.md"


def _own_id_problems(value: Any, type_: type) -> list[tuple[Path_, str, str | None]]:
    """A top-level record's own id is a plain slug (only nested ids are ``owner/local``) and
    not one the site needs for itself."""
    own = value.get("id") if isinstance(value, dict) and type_ in COLLECTIONS.values() else None
    if not isinstance(own, str) or len(own) > MAX_ID_LENGTH or not ID.fullmatch(own):
        return []  # no id, or one the id hook refuses anyway
    if not SLUG.fullmatch(own):
        return [
            (
                ("id",),
                f"{own!r} is not a valid id for a top-level record",
                "a record's own id is a plain slug (no '/'); only references name nested records as owner/local",
            )
        ]
    if own in RESERVED_IDS:
        return [(("id",), f"the id {own!r} is reserved", "the site uses it for a list page: choose another id")]
    return []


def _length_problems(value: Any, type_: type) -> list[tuple[Path_, str, str | None]]:
    """Every text of a record (and of the records nested in it) longer than its
    :func:`~lexmap.fields.text_limit` (each item of a list), refused before anything copies it;
    every list shorter than its :data:`~lexmap.model.MIN_ITEMS`."""
    if not isinstance(value, dict) or not attrs.has(type_):
        return []
    problems: list[tuple[Path_, str, str | None]] = []
    for field, hint in _fields(type_):
        fewest = field.metadata.get(MIN_ITEMS)
        if fewest is not None and isinstance(value.get(field.name), list) and len(value[field.name]) < fewest:
            problems.append(
                (
                    (field.name,),
                    f"{field.name} needs at least {fewest} item{'s' if fewest != 1 else ''}",
                    "name an instrument, provision or element the reading is about"
                    if field.name == "about"
                    else "add the missing items",
                )
            )
        given = value.get(field.name)
        if given is None:
            continue
        items = [((field.name,), given)] if not isinstance(given, list) else [((field.name, i), t) for i, t in enumerate(given)]
        nested = _record_type(hint)
        if nested is not None:  # a citation, a figure, a provision's provisions: their texts too
            problems += [
                (path + sub, message, fix) for path, item in items for sub, message, fix in _length_problems(item, nested)
            ]
            continue
        limit = text_limit(field, hint)
        if limit is None:
            continue
        for path, text in items:
            if isinstance(text, str) and len(text) > limit:
                problems.append(
                    (
                        path,
                        f"{field.name} is {len(text):,} characters long; the limit is {limit:,}",
                        f"shorten it to at most {limit:,} characters; "
                        + (
                            "quote the passage that makes the point, and keep a longer text in the document's text_file"
                            if field.name in LONG_FIELDS
                            else "a longer text belongs in a description or notes"
                        ),
                    )
                )
    return problems


@functools.cache
def _fields(type_: type) -> tuple[tuple[attrs.Attribute, Any], ...]:
    """The fields of a record class with their type hints."""
    hints = typing.get_type_hints(type_)
    return tuple((field, hints[field.name]) for field in attrs.fields(type_))


def _record_type(hint: Any) -> type | None:
    """The record class a field holds (alone, in a list or optional), or None."""
    inner = next((a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis), hint)
    return inner if isinstance(inner, type) and attrs.has(inner) else None


def structure(value: Any, type_: type) -> tuple[Any, list[tuple[Path_, str, str | None]]]:
    """Structure ``value`` as ``type_``: the object (or None) and the list of problems."""
    problems = _own_id_problems(value, type_) + _length_problems(value, type_)
    try:
        record: Any = CONVERTER.structure(value, type_)
    except Exception as error:  # every failure is reported, none escapes
        return None, problems + list(errors(error))
    return (None if problems else record), problems
