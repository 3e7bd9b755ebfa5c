"""One quotation style in the chart's notes, and no doubled end punctuation (issue 28).

A note is put together from a CSL style, a document's title and a pinpoint, each with quote marks
of its own: citeproc-py's curly ones around a title, a title's straight ones, a pinpoint's
straight or single ones. :func:`tidy` prints them in one style, curly, double outside and single
inside, alternating with depth (“a ‘b “c” b’ a”), a straight apostrophe as ’; and it mends what
the joins make of end punctuation: ``Trafficking."”,`` becomes ``Trafficking,’”`` (a comma
inside the marks), ``problematic?".`` becomes ``problematic?”``. Only marks change: no word of a
title or pinpoint. :func:`problems` is the check the tests run on every note.
"""

from __future__ import annotations

import re

OPEN = ("\u201c", "\u2018")  # “ ‘ at even and odd depths
CLOSE = ("\u201d", "\u2019")  # ” ’
APOSTROPHE = "\u2019"
_OPENERS = " \t\n([{/\u2014\u2013-"
_QUOTE_MARK = re.compile("[\"\u201c\u201d'\u2018\u2019]")


def tidy(text: str) -> str:
    """``text`` with its quotes in one alternating curly style and its end punctuation mended."""
    return _end_punctuation(_quotes(text))


def tidy_segments(segments):
    """:func:`tidy` over a note's (text, italic) segments: the quotes as one text (a quote may open
    in one segment and close in another), the end punctuation within each segment."""
    joined = _quotes("".join(text for text, _ in segments))
    out, start = [], 0
    for index, (text, italic) in enumerate(segments):
        end = len(joined) if index == len(segments) - 1 else start + len(text)
        out.append((_end_punctuation(joined[start:end]), italic))
        start = end
    return tuple(out)


def _quotes(text: str) -> str:
    """``text`` with its quote marks in the alternating curly style: one mark for each mark
    (a quote left open is closed at the end)."""
    out: list[str] = []
    stack: list[str] = []  # the kind of each open quote: '"' or "'"
    last = 0
    for found in _QUOTE_MARK.finditer(text):  # every other character is copied as it is
        i, char = found.start(), found.group()
        out.append(text[last:i])
        last = i + 1
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if char in '"\u201c\u201d':
            opening = char == "\u201c" or (char == '"' and (before in _OPENERS or before in OPEN + ('"', "'")))
            if char == '"' and stack and stack[-1] == '"' and before not in _OPENERS:
                opening = False
            if opening:
                out.append(OPEN[len(stack) % 2])
                stack.append('"')
            elif stack:
                while stack and stack[-1] != '"':  # a single quote left open closes with it
                    out.append(CLOSE[(len(stack) - 1) % 2])
                    stack.pop()
                stack.pop() if stack else None
                out.append(CLOSE[len(stack) % 2])
            else:
                out.append(CLOSE[0])
        elif char in "'\u2018\u2019":
            if before.isalnum() and after.isalnum():  # Cuba's, Let's
                out.append(APOSTROPHE)
            elif (char == "\u2018" or char == "'") and (before in _OPENERS or before in OPEN) and not after.isspace():
                out.append(OPEN[len(stack) % 2])
                stack.append("'")
            elif stack and stack[-1] == "'" and not after.isalnum():
                stack.pop()
                out.append(CLOSE[len(stack) % 2])
            else:
                out.append(APOSTROPHE)  # Archive' work: a plural's possessive
    out.append(text[last:])
    while stack:  # an unbalanced quote: closed at the end rather than left open
        stack.pop()
        out.append(CLOSE[len(stack) % 2])
    return "".join(out)


_MARKS = "\u201d\u2019"
_MARKED_END = re.compile(rf"([.?!])([{_MARKS}]+)([.,;:])")
_DOUBLED_END = re.compile(r"([?!])[.,]")
_TWO_DOTS = re.compile(r"(?<!\.)\.\.(?!\.)")
_ENDS = re.compile(rf"[.?!][{_MARKS}.,;:]")
"""Where any of the three may apply: an end mark followed by a closing mark or punctuation."""


def _end_punctuation(text: str) -> str:
    # Trafficking.”, -> Trafficking,”   Trafficking.”. -> Trafficking.”   problematic?”. -> problematic?”
    def closing(match: re.Match) -> str:
        inner, marks, outer = match.groups()
        if inner == "." and outer == ",":
            return f",{marks}"
        if inner == "." and outer in ";:":
            return f"{marks}{outer}"
        return f"{inner}{marks}"

    if not _ENDS.search(text):  # no end punctuation beside a mark or another: nothing to mend
        return text
    text = _MARKED_END.sub(closing, text)
    text = _DOUBLED_END.sub(r"\1", text)
    return _TWO_DOTS.sub(".", text)


def problems(text: str) -> list[str]:
    """What breaks the notes' punctuation rules in ``text``, in words (none: an empty list)."""
    found = []
    if re.search("[\"']", text):
        found.append("a straight quote mark")
    depth = 0
    for i, char in enumerate(text):
        after = text[i + 1] if i + 1 < len(text) else " "
        if char in OPEN:
            if char != OPEN[depth % 2]:
                found.append(f"{char} at depth {depth}: nested quotes must alternate")
            depth += 1
        elif char in CLOSE and not (char == APOSTROPHE and (after.isalnum() or depth == 0 or OPEN[(depth - 1) % 2] != OPEN[1])):
            depth -= 1
            if depth < 0:
                found.append("a closing quote without its opening one")
                depth = 0
    if depth:
        found.append("a quote left open")
    if re.search(rf"[.?!][{_MARKS}]+[.,;:]|[?!][.,;:]|(?<!\.)\.\.(?!\.)", text):
        found.append("doubled end punctuation")
    return found
