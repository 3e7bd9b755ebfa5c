"""The evidence chart as HTML: a standalone page to read, print or file, and the fragment the
reference site embeds in a test's page. Every text from the data is escaped; the fragment
holds no literal line break, so a Markdown page can carry it as one raw HTML block."""

from __future__ import annotations

from html import escape

from ..chart import Chart, ChartElement, ChartStatement, PracticeEvidence
from ..chart_chronology import CHRONOLOGY_HEADS, by_practice, chronology_lead
from ..chart_lines import IDENTIFIERS_LEAD, checked_line, identifier_rows
from ..palette import BY_NAME, CONTESTED, CONTESTED_MARK, TEXT
from .chart_citations import STYLE_NAME, Segments, chart_citations, linked

CSS = (
    ".lexmap-chart{color:" + TEXT + ";background:#fff;line-height:1.45;max-width:60em}"
    ".lexmap-chart .lx-meta{color:#333;margin:.2em 0}"
    ".lexmap-chart table.lx-tree{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em;display:block;max-width:100%;overflow-x:auto}"
    ".lexmap-chart{overflow-wrap:anywhere;padding:.5em 1em}"
    # a page around the chart (the site, in dark mode) must not recolour its text
    ".lexmap-chart :is(h1,h2,h3,h4,h5,h6,blockquote,p,li,em,cite,small){color:inherit}"
    ".lexmap-chart code{color:#222;background:#f2f2f2}"
    ".lexmap-chart .lx-tree th,.lexmap-chart .lx-tree td{border:1px solid #999;padding:.25em .5em;vertical-align:top;text-align:left}"
    ".lexmap-chart .lx-tree thead th{background:#eee}"
    ".lexmap-chart table.lx-figures{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}"
    ".lexmap-chart .lx-figures th,.lexmap-chart .lx-figures td{border:1px solid #999;padding:.25em .5em;vertical-align:top;text-align:left}"
    ".lexmap-chart .lx-figures thead th{background:#eee}"
    ".lexmap-chart .lx-tree td.lx-n{text-align:right}"
    ".lexmap-chart .lx-level{print-color-adjust:exact;-webkit-print-color-adjust:exact}"
    + "".join(f".lexmap-chart .lx-level.{name}{{background:{s.fill}}}" for name, s in BY_NAME.items() if name != "contested")
    + ".lexmap-chart td.lx-level.contested{outline:2px dashed "
    + CONTESTED.colour
    + ";outline-offset:-3px}"
    ".lexmap-chart span.lx-level{padding:0 .3em;border:1px solid #999}"
    ".lexmap-chart span.lx-level.contested{border:2px dashed " + CONTESTED.colour + "}"
    ".lexmap-chart .lx-gate{font-style:italic;color:#333}"
    ".lexmap-chart blockquote{margin:.3em 0 .2em;padding:.1em .8em;border-left:3px solid #999}"
    ".lexmap-chart .lx-contesting blockquote{border-left-color:" + CONTESTED.colour + "}"
    ".lexmap-chart .lx-who{margin:0 0 .6em;font-size:.92em}"
    ".lexmap-chart .lx-empty{font-style:italic}"
    ".lexmap-chart .lx-independence{font-size:.92em;color:#333}"
    ".lexmap-chart .lx-notes{font-size:.88em}"
    ".lexmap-chart sup a{text-decoration:none}"
    "@media print{.lexmap-chart{max-width:none}.lexmap-chart a{color:inherit}.lexmap-chart table.lx-tree{display:table}"
    ".lexmap-chart .lx-tree thead{display:table-header-group}.lexmap-chart .lx-tree tr,.lexmap-chart li{break-inside:avoid}"
    ".lexmap-chart h2,.lexmap-chart h3,.lexmap-chart h4{break-after:avoid}}"
)
"""The chart's stylesheet, scoped to ``.lexmap-chart`` (the site can include it as is)."""

_PAGE_CSS = "body{font-family:Georgia,'Times New Roman',serif;margin:1.5em auto;padding:0 1em}@page{margin:18mm}"


def fragment(chart: Chart, *, top: int = 1, citations: dict[int, Segments] | None = None) -> str:
    """The chart as one ``<article class="lexmap-chart">``: the case and test, the element
    tree, the evidence for each element, the gaps and the notes. ``top`` is the level of its
    first heading (2 under a page's own title). Styled by :data:`CSS`."""
    notes = citations if citations is not None else chart_citations(chart)
    h = lambda n: f"h{min(top + n, 6)}"  # noqa: E731
    parts = [
        '<article class="lexmap-chart">',
        f'<header><p class="lx-meta">{escape(chart.title)}</p>',
        f"<{h(0)}>Evidence chart: {escape(chart.test_label)}</{h(0)}>",
        f'<p class="lx-meta">{escape(_source(chart))} · {escape(chart.scope)} · {escape(chart.date)}</p>',
        f'<p class="lx-meta">Status of the test: <span class="lx-level {_classes(chart.level, "contested" in chart.status)}">'
        f"{escape(chart.status)}</span></p>",
        *(f'<p class="lx-meta lx-party">Status of the state: {escape(line)}</p>' for line in chart.party_statuses),
        f'<p class="lx-meta">Quotes: {escape(checked_line(chart.quote_checks))}</p></header>',
        f"<section><{h(1)}>Elements</{h(1)}>{_tree(chart)}</section>",
        f"<section><{h(1)}>Evidence by element</{h(1)}>",
    ]
    parts += [_element(chart, element, h) for element in chart.elements]
    parts.append(f"</section>{_chronology(chart, h)}<section><{h(1)}>Figures that disagree</{h(1)}>{_figures(chart)}")
    parts.append("</section>" if chart.gaps_left_out else f"</section><section><{h(1)}>Gaps</{h(1)}>{_gaps(chart)}</section>")
    parts.append(f'<section class="lx-notes"><{h(1)}>Notes</{h(1)}>')
    if chart.notes:
        parts.append(f'<p class="lx-meta">Citations in the style of the {escape(STYLE_NAME)}.</p><ol>')
        parts += [f'<li id="lx-note-{n.number}">{segments_html(notes[n.number])}</li>' for n in chart.notes]
        parts.append("</ol>")
    else:
        parts.append("<p>No document is cited.</p>")
    parts.append(f"</section>{_identifiers(chart, h)}</article>")
    return "".join(parts)


def chart_page(chart: Chart) -> str:
    """A standalone HTML page of the chart, readable on screen and printed."""
    title = f"Evidence chart: {chart.test_label} ({chart.title})"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}{_PAGE_CSS}</style></head>\n<body>"
        f"{fragment(chart)}</body></html>\n"
    )


def segments_html(segments: Segments) -> str:
    """A note's segments as HTML, each address in them a live link (issue 27: a PDF at the quote's page)."""
    return "".join(f"<i>{_linked(t)}</i>" if italic else _linked(t) for t, italic in segments)


def _linked(text: str) -> str:
    return "".join(
        escape(piece) if address is None else f'<a href="{escape(address)}">{escape(piece)}</a>'
        for piece, address in linked(text)
    )


def _cite(title: str, link: str | None) -> str:
    """A document's title, a link to where its source opens at the quote when there is one."""
    shown = escape(title)
    return f'<cite><a href="{escape(link)}" rel="noopener">{shown}</a></cite>' if link else f"<cite>{shown}</cite>"


def _source(chart: Chart) -> str:
    return chart.instrument + (f", {chart.provision}" if chart.provision else "")


def _classes(level: str, contested: bool) -> str:
    return level + (" contested" if contested else "")


def _anchor(element_id: str) -> str:
    return "lx-el-" + escape("".join(c if c.isalnum() or c in "-_" else "-" for c in element_id))


def _tree(chart: Chart) -> str:
    rows = []
    for e in chart.elements:
        gate = f' <span class="lx-gate">({e.gate})</span>' if e.gate else ""
        marker = f" {CONTESTED_MARK}" if e.contested else ""
        rows.append(
            f'<tr><th scope="row" style="padding-left:{0.5 + 1.5 * e.depth}em">'
            f'<a href="#{_anchor(e.id)}">{escape(e.label)}</a>{gate}</th>'
            f'<td class="lx-level {_classes(e.level, e.contested)}">{escape(e.status)}{marker}</td>'
            f'<td class="lx-n">{e.own_supporting} / {e.own_contesting}</td>'
            f'<td class="lx-n">{e.subtree_supporting} / {e.subtree_contesting}</td>'
            f'<td class="lx-n">{e.independent_sources}</td></tr>'
        )
    return (
        '<table class="lx-tree"><thead><tr><th scope="col">Element</th><th scope="col">Status</th>'
        '<th scope="col">Own statements for / against</th><th scope="col">With its parts for / against</th>'
        '<th scope="col">Independent sources behind the level</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<p class="lx-meta">{CONTESTED_MARK} contested. "all of": every part must be met; "any of": one part suffices.</p>'
    )


def _element(chart: Chart, e: ChartElement, h) -> str:
    gate = f' <span class="lx-gate">({e.gate} its parts)</span>' if e.gate else ""
    out = [
        f'<section id="{_anchor(e.id)}"><{h(2)}>{escape(e.label)}{gate}</{h(2)}>',
        f'<p class="lx-meta"><span class="lx-level {_classes(e.level, e.contested)}">'
        f"{escape(e.status)}</span> · own statements: {e.own_supporting} for, {e.own_contesting} against;"
        f" with its parts: {e.subtree_supporting} for, {e.subtree_contesting} against</p>",
    ]
    if e.words:
        out.append(f'<p class="lx-meta">Words of the provision: “{escape(e.words)}”</p>')
    if not e.practices:
        out.append(f'<p class="lx-empty">{escape(e.empty)}</p>')
    for evidence in e.practices:
        out.append(_practice(evidence, h))
    out.append("</section>")
    return "".join(out)


def _practice(p: PracticeEvidence, h) -> str:
    out = [f"<{h(3)}>Practice: {escape(p.label)}</{h(3)}>"]
    for title, statements, css in (("Supporting", p.supporting, "lx-supporting"), ("Contesting", p.contesting, "lx-contesting")):
        if statements:
            out.append(f'<div class="{css}"><p><strong>{title}</strong></p><ol>')
            out += [_statement(s) for s in statements]
            out.append("</ol></div>")
    out.append(f'<p class="lx-independence">{escape(p.independence)}</p>')
    return "".join(out)


def _lines(text: str) -> str:
    """``text`` escaped, its line breaks as ``<br>``: the fragment holds no literal line break."""
    return escape(text.strip()).replace("\r\n", "\n").replace("\n", "<br>")


def _statement(s: ChartStatement) -> str:
    quote = _lines(s.quote)
    # issue 27: the translation, under the verbatim quote
    translation = f'<p class="lx-translation" lang="en">{escape(s.translation)}</p>' if s.translation else ""
    return (
        f'<li><blockquote>{quote}<sup><a href="#lx-note-{s.note}" aria-label="note {s.note}">{s.note}</a></sup></blockquote>'
        f"{translation}"
        f'<p class="lx-who">— {escape(s.speaker)}, as recorded in {_cite(s.document_title, s.link)}'
        f"{', ' + escape(s.pages) if s.pages else ''}</p></li>"
    )


def _chronology(chart: Chart, h) -> str:
    """The dated statements of the chart's practices, a table per practice (issue 30)."""
    out = [f'<section class="lx-chronology"><{h(1)}>Chronology</{h(1)}><p class="lx-meta">{escape(chronology_lead(chart))}</p>']
    heads = "".join(f'<th scope="col">{escape(head)}</th>' for head in CHRONOLOGY_HEADS)
    for label, events in by_practice(chart.chronology):
        rows = "".join(
            f"<tr><td><strong>{escape(e.when)}</strong><br><small>{escape(e.certainty)}</small></td>"
            f'<td>“{_lines(e.quote)}”<sup><a href="#lx-note-{e.note}" aria-label="note {e.note}">{e.note}</a></sup>'
            f"<br>— {escape(e.speaker)}, in {_cite(e.document_title, e.link)} ({escape(e.document_date or 'undated document')})</td>"
            f"<td>{escape(e.shown)}</td></tr>"
            for e in events
        )
        out.append(
            f"<{h(2)}>Practice: {escape(label)}</{h(2)}>"
            f'<table class="lx-figures"><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>'
        )
    out.append("</section>")
    return "".join(out)


def _figures(chart: Chart) -> str:
    if not chart.figures:
        return "<p>No two figures of the practices shown disagree.</p>"
    rows = "".join(
        f"<tr><td>{escape(f.practice_label)}</td><td><strong>{escape(f.shown)}</strong>"
        + (f" ({escape(f.period)})" if f.period else "")
        + f"<br>“{escape(f.words)}”</td><td>{escape(f.base)}</td>"
        f'<td>{escape(f.speaker)}, in <cite>{escape(f.document_title)}</cite><sup><a href="#lx-note-{f.note}" aria-label="note {f.note}">{f.note}</a></sup></td>'
        f"<td>{escape('; '.join(f.disagrees_with) or ('none' if f.compared else 'not compared: no other figure on this base'))}</td>"
        f"<td>{escape('; '.join(f.agrees_with) or ('none' if f.compared else 'not compared'))}</td></tr>"
        for f in chart.figures
    )
    return (
        '<p class="lx-meta">A figure is compared only with figures of the same unit and base (what it is a share of, '
        "and whose share); none of them is the fact.</p>"
        '<table class="lx-figures"><thead><tr><th scope="col">Practice</th><th scope="col">Figure</th><th scope="col">Base</th>'
        '<th scope="col">Given by</th><th scope="col">Disagrees with</th><th scope="col">Agrees with</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _identifiers(chart: Chart, h) -> str:
    """The ids the body leaves out (issue 28: a reader sees names; whoever checks the chart
    against the corpus finds each record's id here), the chart's last section."""
    rows = "".join(
        f"<tr><td>{escape(kind)}</td><td>{escape(shown)}</td><td><code>{escape(key)}</code></td></tr>"
        for kind, shown, key in identifier_rows(chart)
    )
    return (
        f'<section class="lx-identifiers"><{h(1)}>Identifiers</{h(1)}><p class="lx-meta">{escape(IDENTIFIERS_LEAD)}</p>'
        '<table class="lx-figures"><thead><tr><th scope="col">Record</th><th scope="col">In the chart</th>'
        f'<th scope="col">Id</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _gaps(chart: Chart) -> str:
    if not chart.gaps:
        return "<p>No gap recorded for this test.</p>"
    items = "".join(
        f"<li><strong>{escape(g.kind)}</strong>: {escape(g.about)}. {escape(g.detail)}. "
        f"<em>Next step:</em> {escape(g.next_step)}.</li>"
        for g in chart.gaps
    )
    return f"<ul>{items}</ul>"
