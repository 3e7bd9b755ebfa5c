"""The evidence chart as Markdown with footnotes (``[^1]``, as Pandoc, GitHub and
Python-Markdown read them), to paste into a brief or convert with Pandoc. Every text from
the data is escaped, so it renders as itself and never as markup."""

from __future__ import annotations

import re

from ..chart import Chart, ChartElement, ChartStatement
from ..chart_chronology import CHRONOLOGY_HEADS, by_practice, chronology_lead
from ..chart_lines import IDENTIFIERS_LEAD, checked_line, identifier_rows
from ..palette import CONTESTED_MARK
from .chart_citations import STYLE_NAME, Segments, chart_citations, linked

_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")


def escape_md(text: str, *, strip: bool = True) -> str:
    """Inline text that renders as itself: inline Markdown punctuation backslash-escaped, ``&``
    and ``<`` as entities, runs of white space (line breaks too) folded into one space, and
    what would open a heading, a list or a quote at the start of a line defused."""
    text = re.sub(r"\s+", " ", str(text))
    text = _INLINE.sub(r"\\\1", text.strip() if strip else text)
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    if not strip:
        return text
    return _LINE_START.sub(lambda m: "\\" + m[1] if m[1] else f"{m[2]}\\{m[3]}", text)


def segments_md(segments: Segments) -> str:
    """A note's segments as Markdown, each address in them an autolink (``<https://...>``)."""
    return "".join(f"*{_linked(t)}*" if italic and t.strip() else _linked(t) for t, italic in segments)


def _linked(text: str) -> str:
    return "".join(escape_md(piece, strip=False) if address is None else _autolink(address) for piece, address in linked(text))


def _autolink(address: str) -> str:
    """``<address>``, with what would end an autolink or open markup percent-encoded."""
    return "<" + "".join(f"%{ord(c):02X}" if c in "<> `\\|*_[]" else c for c in address) + ">"


def _cite(title: str, link: str | None) -> str:
    """A document's title in italics, a link to where its source opens at the quote when there is one."""
    return f"*[{escape_md(title)}]({_autolink(link)})*" if link else f"*{escape_md(title)}*"


def chart_markdown(chart: Chart, citations: dict[int, Segments] | None = None) -> str:
    notes = citations if citations is not None else chart_citations(chart)
    source = chart.instrument + (f", {chart.provision}" if chart.provision else "")
    out = [
        f"# Evidence chart: {escape_md(chart.test_label)}",
        "",
        f"{escape_md(chart.title)}  ",
        f"{escape_md(source)}; {escape_md(chart.scope)}; {escape_md(chart.date)}  ",
        f"Status of the test: **{escape_md(chart.status)}**",
        "",
        *(f"Status of the state: {escape_md(line)}  " for line in chart.party_statuses),
        f"Quotes: {escape_md(checked_line(chart.quote_checks))}",
        "",
        "## Elements",
        "",
        "| Element | Status | Own for / against | With its parts for / against | Independent sources behind the level |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for e in chart.elements:
        indent = "&emsp;" * e.depth
        gate = f" *({e.gate})*" if e.gate else ""
        marker = f" {CONTESTED_MARK}" if e.contested else ""
        out.append(
            f"| {indent}{escape_md(e.label)}{gate} | {escape_md(e.status)}{marker} | "
            f"{e.own_supporting} / {e.own_contesting} | {e.subtree_supporting} / {e.subtree_contesting} | "
            f"{e.independent_sources} |"
        )
    out += [
        "",
        f'{CONTESTED_MARK} contested. "all of": every part must be met; "any of": one part suffices.',
        "",
        "## Evidence by element",
        "",
    ]
    for e in chart.elements:
        out += _element(e)
    out += _chronology(chart)
    out += ["## Figures that disagree", ""]
    if chart.figures:
        out += [
            "A figure is compared only with figures of the same unit and base (what it is a share of, and whose "
            "share); none of them is the fact.",
            "",
        ]
        out += [_figure(f) for f in chart.figures]
    else:
        out.append("No two figures of the practices shown disagree.")
    out += [""] if chart.gaps_left_out else ["", "## Gaps", ""]
    if chart.gaps_left_out:
        pass
    elif chart.gaps:
        out += [
            f"- **{escape_md(g.kind)}**: {escape_md(g.about)}. {escape_md(g.detail)}. *Next step:* {escape_md(g.next_step)}."
            for g in chart.gaps
        ]
    else:
        out.append("No gap recorded for this test.")
    out += ["", "## Identifiers", "", escape_md(IDENTIFIERS_LEAD), "", "| Record | In the chart | Id |", "| --- | --- | --- |"]
    out += [f"| {escape_md(kind)} | {escape_md(shown)} | `{key}` |" for kind, shown, key in identifier_rows(chart)]
    out.append("")
    if chart.notes:
        out += [f"Citations in the style of the {escape_md(STYLE_NAME)}.", ""]
        out += [f"[^{n.number}]: {segments_md(notes[n.number])}" for n in chart.notes]
        out.append("")
    return "\n".join(out)


def _element(e: ChartElement) -> list[str]:
    gate = f" ({e.gate} its parts)" if e.gate else ""
    out = [
        f"### {escape_md(e.label + gate)}",
        "",
        f"{escape_md(e.status)}; own statements: {e.own_supporting} for, {e.own_contesting} against; "
        f"with its parts: {e.subtree_supporting} for, {e.subtree_contesting} against",
        "",
    ]
    if e.words:
        out += [f"Words of the provision: “{escape_md(e.words)}”", ""]
    if not e.practices:
        out += [f"*{escape_md(e.empty)}*", ""]
    for p in e.practices:
        out += [f"#### Practice: {escape_md(p.label)}", ""]
        for title, statements in (("Supporting", p.supporting), ("Contesting", p.contesting)):
            if statements:
                out += [f"**{title}**", ""]
                for number, s in enumerate(statements, 1):
                    out += _statement(number, s)
        out += [escape_md(p.independence), ""]
    return out


def _figure(f) -> str:
    period = f" ({escape_md(f.period)})" if f.period else ""
    compared = (
        (
            f"disagrees with: {escape_md('; '.join(f.disagrees_with) or 'none')}; "
            f"agrees with: {escape_md('; '.join(f.agrees_with) or 'none')}"
        )
        if f.compared
        else "not compared: no other figure on this base"
    )
    return (
        f"- **{escape_md(f.shown)}**{period}, {escape_md(f.base)} ({escape_md(f.practice_label)}): "
        f"“{escape_md(f.words)}”, {escape_md(f.speaker)}, in *{escape_md(f.document_title)}*[^{f.note}]; {compared}"
    )


def _statement(number: int, s: ChartStatement) -> list[str]:
    return [
        f"{number}. > {escape_md(s.quote)}[^{s.note}]",
        "",
        *([f"   {escape_md(s.translation)}", ""] if s.translation else []),  # issue 27
        f"   — {escape_md(s.speaker)}, as recorded in {_cite(s.document_title, s.link)}"
        + (f", {escape_md(s.pages)}" if s.pages else ""),
        "",
    ]


def _chronology(chart: Chart) -> list[str]:
    """The dated statements of the chart's practices, a table per practice (issue 30)."""
    out = ["## Chronology", "", escape_md(chronology_lead(chart)), ""]
    for label, events in by_practice(chart.chronology):
        out += [f"### Practice: {escape_md(label)}", "", "| " + " | ".join(CHRONOLOGY_HEADS) + " |", "| --- | --- | --- |"]
        out += [
            f"| **{escape_md(e.when)}** ({escape_md(e.certainty)}) | “{escape_md(e.quote)}”[^{e.note}] — {escape_md(e.speaker)}, "
            f"in {_cite(e.document_title, e.link)} ({escape_md(e.document_date or 'undated document')}) | {escape_md(e.shown)} |"
            for e in events
        ]
        out.append("")
    return out
