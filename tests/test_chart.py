"""The evidence chart (``lexmap chart``, docs/chart.md): its content worked out by hand on the
small corpus, the DOCX read back with python-docx and converted by LibreOffice, hostile text
escaped in HTML and Markdown, and the command's answers to mistakes."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import uuid
import zipfile
from html.parser import HTMLParser

import attrs
import pytest
from click.testing import CliRunner
from lxml import etree

import lexmap
from lexmap.chart import EMPTY, build_chart
from lexmap.chronology import chronology
from lexmap.cli import main
from lexmap.exports.punctuation import problems, tidy

from conftest import CORPORA, error_lines, need

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEST = "palermo/trafficking"


def run(*args):
    return CliRunner().invoke(main, ["chart", *map(str, args)])


def claims_on_test(corpus, test):
    ids = {e.id for e in corpus.tests[test].walk()}
    return [c for c in corpus.claims.values() if c.element in ids]


def squeeze(text: str) -> str:
    return " ".join(text.split())


# -- content, worked out by hand on tests/corpora/small ------------------------------------


def test_practice_filter_small(small):
    chart = build_chart(small, "tp/exploitation", "passports", date="2024-01-31")
    assert [e.id for e in chart.elements] == [
        "tp/exploitation",
        "tp/act",
        "tp/means",
        "tp/means-force",
        "tp/means-fraud",
        "tp/purpose",
    ]
    assert [e.depth for e in chart.elements] == [0, 1, 1, 2, 2, 1]
    assert [e.gate for e in chart.elements] == ["all of", "", "any of", "", "", ""]
    by_id = {e.id: e for e in chart.elements}
    force = by_id["tp/means-force"]
    # c1 (d1) and c2 (d2) are one source, d1 cites d2; c3 (d4) names no author or publisher: no source
    assert (force.level, force.own_supporting, force.independent_sources) == ("argued", 3, 1)
    prose = force.practices[0].independence  # in words: who says it where, never a claim id
    assert "The statement of an unnamed speaker in “News article”: no speaker, author or publisher is recorded" in prose
    assert [p.practice for p in force.practices] == ["passports"]
    assert [s.claim for s in force.statements] == ["c1", "c2", "c3"]
    assert (
        "in “First report” and an unnamed speaker in “Second report” count as one source: “First report” cites “Second report” at fn. 1"
        in prose
    )
    assert not {"c1", "c2", "c3", "d1", "d2", "d4"} & set(re.findall(r"[\w-]+", prose))
    assert [(n.number, n.document, n.pinpoint) for n in chart.notes] == [
        (1, "d1", "p. 1"),
        (2, "d2", "p. 9"),
        (3, "d4", "para. 2"),
    ]
    # wages's claims on the purpose (c5 for, c6 against) are not about passports
    purpose = by_id["tp/purpose"]
    assert (purpose.practices, purpose.level, purpose.contested, purpose.empty) == ((), "unargued", False, EMPTY)
    assert by_id["tp/means"].met_through == "parts" and "met through its parts" in by_id["tp/means"].empty
    assert (chart.level, chart.elements[0].subtree_supporting) == ("unargued", 3)
    assert all(g.practice in (None, "passports") for g in chart.gaps)
    assert "argued-not-attested" in {g.kind for g in chart.gaps}  # passports: argued, never attested
    assert (chart.scope, chart.date, chart.title) == ("the practice Retention of passports", "2024-01-31", "small")


def test_practice_filter_contested_and_all_practices(small):
    wages = build_chart(small, "tp/exploitation", "wages")
    purpose = {e.id: e for e in wages.elements}["tp/purpose"]
    assert (purpose.level, purpose.contested) == ("argued", True)
    assert [s.claim for s in purpose.practices[0].supporting] == ["c5"]
    assert [s.claim for s in purpose.practices[0].contesting] == ["c6"]
    assert wages.elements[0].contested and "contested" in wages.status
    everything = build_chart(small, "tp/exploitation")
    grouped = {e.id: [p.practice for p in e.practices] for e in everything.elements}
    assert grouped == {
        "tp/exploitation": [],
        "tp/act": ["ban"],
        "tp/means": [],
        "tp/means-force": ["passports"],
        "tp/means-fraud": [],
        "tp/purpose": ["wages"],
    }
    assert len(everything.notes) == 6 and everything.scope == "all practices"


def test_speaker_is_not_the_document(bundled):
    chart = build_chart(bundled, TEST)
    quoted = [s for s in chart.statements if s.stance == "contests"]
    assert quoted, "the bundled corpus records contesting statements on the Palermo test"
    for s in quoted:
        claim = bundled.claims[s.claim]
        assert claim.speaker and s.speakers == (bundled.actors[claim.speaker].name,)
        assert s.document_title == bundled.documents[claim.document].title


# -- DOCX ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_chart(tmp_path_factory):
    out = tmp_path_factory.mktemp("chart") / "chart.docx"
    result = run(TEST, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def test_docx_elements_quotes_and_styles(docx_chart, bundled):
    import docx

    document = docx.Document(str(docx_chart))
    paragraphs = document.paragraphs
    styles = {p.style.name for p in paragraphs}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Quote"} <= styles
    assert document.tables[0].style.name == "Table Grid"
    rows = [row.cells[0].text for row in document.tables[0].rows[1:]]
    texts = [(p.style.name, p.text) for p in paragraphs]
    evidence = texts[texts.index(("Heading 1", "Evidence by element")) + 1 :]
    evidence = evidence[: [name for name, _ in evidence].index("Heading 1")]  # up to the chronology
    headings = [text for name, text in evidence if name == "Heading 2"]
    elements = list(bundled.tests[TEST].walk())
    assert len(rows) == len(headings) == len(elements)
    for element, row, heading in zip(elements, rows, headings, strict=True):
        assert row.startswith(element.label) and heading.startswith(element.label)
    quotes = [p.text for p in paragraphs if p.style.name == "Quote"]
    claims = claims_on_test(bundled, TEST)
    assert len(quotes) == len(claims)
    for claim in claims:  # the quote, then nothing but its note's number (a NOTEREF field's text)
        quote = claim.quote.strip()
        assert any(q.startswith(quote) and q[len(quote) :].isdigit() | (q == quote) for q in quotes), claim.id
    assert bundled.title in document.sections[0].header.paragraphs[0].text


def test_docx_one_footnote_per_document_and_pinpoint(docx_chart, bundled):
    with zipfile.ZipFile(docx_chart) as package:
        footnotes = etree.fromstring(package.read("word/footnotes.xml"))
        body = etree.fromstring(package.read("word/document.xml"))
        relations = package.read("word/_rels/document.xml.rels").decode()
        types = package.read("[Content_Types].xml").decode()
    assert "relationships/footnotes" in relations and "footnotes+xml" in types
    notes = [f for f in footnotes.iter(W + "footnote") if int(f.get(W + "id")) > 0]
    claims = claims_on_test(bundled, TEST)
    # the figures that disagree, of the practices the claims are about, cite their attestations too
    figures = [bundled.attestations[f.attestation] for f in bundled.conflicts() if f.practice in {c.practice for c in claims}]
    # and the chronology its dated statements, of those practices and their parts (issue 30)
    practices = {c.practice for c in claims}
    practices |= {p for practice in list(practices) for p in bundled.parts_of(practice).ids}
    records = {**bundled.claims, **bundled.attestations, **bundled.exhibits}
    dated = [records[e.statement] for e in chronology(bundled) if e.when and e.practice in practices]
    assert dated
    cited = [*claims, *dated, *figures]
    pairs = list(dict.fromkeys((s.document, s.pinpoint) for s in cited))
    assert len(notes) == len(pairs)
    references = body.findall(f".//{W}footnoteReference")
    assert sorted(int(r.get(W + "id")) for r in references) == list(range(1, len(pairs) + 1))
    again = [t.text for t in body.iter(W + "instrText") if "NOTEREF" in t.text]
    assert len(again) == len(cited) - len(pairs)
    texts = {int(f.get(W + "id")): "".join(t.text for t in f.iter(W + "t")) for f in notes}
    # the notes come in reading order; each names its document's title and its pinpoint, verbatim
    chart = build_chart(bundled, TEST)
    for note in chart.notes:
        assert tidy(note.pinpoint) in texts[note.number]  # verbatim but for its quote marks
        title = bundled.documents[note.document].title
        assert squeeze(title).lower()[:20] in texts[note.number].lower().replace("“", "").replace('"', "")


def test_docx_opens_in_libreoffice(docx_chart, bundled, tmp_path):
    need("soffice", "pdftotext", "pdftoppm")
    soffice = shutil.which("soffice")
    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx_chart),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "chart.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    text = squeeze(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    claim = next(c for c in claims_on_test(bundled, TEST) if 40 < len(c.quote) < 120 and "-" not in c.quote)
    assert squeeze(claim.quote) in text
    assert "Evidence chart: Trafficking in persons" in text
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page-*.png")
    assert png.stat().st_size > 5_000


# -- HTML and Markdown --------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags, self.attrs = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [v or "" for _, v in attrs]

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    return parser


def test_html_hostile_text_is_text(tmp_path):
    out = tmp_path / "chart.html"
    result = run("evil/evil-test", CORPORA / "hostile", "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    parsed = parse(page)
    assert {"script", "iframe", "img"}.isdisjoint(parsed.tags)
    assert not any(a.strip().lower().startswith("javascript:") for a in parsed.attrs)
    corpus = lexmap.load(CORPORA / "hostile")
    text = squeeze(" ".join(parsed.text))
    for claim in corpus.claims.values():
        assert html.escape(claim.quote.strip()).replace("\n", "<br>") in page
        assert squeeze(claim.quote) in text
    assert "Evidence chart: Test <script>alert('xss')</script>" in text


def test_html_every_quote_and_fragment(bundled):
    from lexmap.exports.chart_html import CSS, chart_page, fragment

    chart = build_chart(bundled, TEST)
    part = fragment(chart, top=2)
    assert part.startswith('<article class="lexmap-chart">') and "\n" not in part and "<h1" not in part
    page = chart_page(chart)
    assert CSS in page and "@media print" in CSS
    for claim in claims_on_test(bundled, TEST):
        assert html.escape(claim.quote.strip()).replace("\n", "<br>") in part
    assert part.count('<li id="lx-note-') == len(chart.notes)


def test_markdown_hostile_renders_as_text(tmp_path):
    import markdown

    out = tmp_path / "chart.md"
    assert run("evil/evil-test", CORPORA / "hostile", "-o", out).exit_code == 0
    source = out.read_text("utf-8")
    rendered = markdown.markdown(source, extensions=["footnotes", "tables"])
    parsed = parse(rendered)
    assert {"script", "iframe", "img"}.isdisjoint(parsed.tags)
    assert not any(a.strip().lower().startswith("javascript:") for a in parsed.attrs)
    text = squeeze(" ".join(parsed.text))
    corpus = lexmap.load(CORPORA / "hostile")
    for claim in corpus.claims.values():
        assert squeeze(claim.quote) in text, claim.id
    assert "[^1]:" in source and "[^2]:" in source


def test_markdown_every_quote_and_footnote(bundled):
    import markdown

    from lexmap.exports.chart_md import chart_markdown

    chart = build_chart(bundled, TEST)
    source = chart_markdown(chart)
    text = squeeze(" ".join(parse(markdown.markdown(source, extensions=["footnotes", "tables"])).text))
    for claim in claims_on_test(bundled, TEST):
        assert squeeze(claim.quote) in text, claim.id
    assert len(re.findall(r"^\[\^\d+\]: ", source, re.M)) == len(chart.notes)


def test_small_markdown_practice_filter_from_the_command(tmp_path, small):
    out = tmp_path / "chart.md"
    result = run("tp/exploitation", CORPORA / "small", "--practice", "passports", "-o", out)
    assert result.exit_code == 0, result.output
    source = out.read_text("utf-8")
    for claim in ("c1", "c2", "c3"):
        assert small.claims[claim].quote in source
    for claim in ("c5", "c6", "c7"):
        assert f"`{claim}`" not in source
    # exploitation, recruitment, fraud and purpose have no statement on passports; means is met through force
    assert source.count(f"*{EMPTY}*") == 4 and "met through its parts" in source
    assert "p. 9" in source.split("[^2]:")[1].splitlines()[0]


# -- the command's answers to mistakes ------------------------------------------------------


def test_unknown_test_suggests(tmp_path):
    result = run("palermo/trafficing", "-o", tmp_path / "c.docx")
    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 2 and lines[0] == "lexmap: error: unknown legal test 'palermo/trafficing'"
    assert lines[1].startswith("hint: did you mean 'palermo/trafficking'")
    assert not (tmp_path / "c.docx").exists()


def test_unknown_extension_lists_known(tmp_path):
    result = run(TEST, "-o", tmp_path / "chart.odt")
    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 2 and lines[0].startswith("lexmap: error:")
    assert all(ext in result.stderr for ext in (".docx", ".html", ".md"))


def test_unknown_practice_and_parts_without_practice(tmp_path):
    result = run(TEST, "--practice", "res-168-disciplinary-regim", "-o", tmp_path / "c.md")
    assert result.exit_code == 2 and "did you mean 'res-168-disciplinary-regime'" in result.stderr
    result = run(TEST, "--parts", "-o", tmp_path / "c.md")
    assert result.exit_code == 2 and "--parts needs --practice" in result.stderr


def test_missing_python_docx_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx raises ImportError
    result = run(TEST, "-o", tmp_path / "c.docx")
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        "lexmap: error: this needs the optional extra 'docx' (docx is not installed)",
        "hint: pip install 'lexmap[docx]'",
    ]
    assert not (tmp_path / "c.docx").exists()


# -- where the gaps go (--gaps), and the ids out of the body -----------------------------------


def _docx_text(data: bytes) -> list[tuple[str, str]]:
    import io

    import docx

    return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_docx_gaps_in_an_appendix_none_or_alone(small):
    from lexmap.exports.chart_docx import chart_docx

    chart = build_chart(small, "tp/exploitation", "passports")
    assert chart.gaps, "the fixture has gaps to place"
    gap = f"{chart.gaps[0].kind}: {chart.gaps[0].about}"
    default = _docx_text(chart_docx(chart))
    headings = [t for style, t in default if style == "Heading 1"]
    assert headings[-2:] == ["Appendix A. Gaps", "Appendix B. Identifiers"]
    assert [t for _, t in default].index(next(t for _, t in default if t.startswith(gap))) > [t for _, t in default].index(
        "Appendix A. Gaps"
    )
    none = _docx_text(chart_docx(chart, gaps="none"))
    assert not any(t.startswith(gap) or "Gaps" in t or "No gap recorded" in t for _, t in none)
    assert [t for style, t in none if style == "Heading 1"][-1] == "Appendix A. Identifiers"
    alone = _docx_text(chart_docx(chart, gaps="only"))
    assert alone[0] == ("Title", "Gaps: Exploitation") or alone[0][1].startswith("Gaps: ")
    assert any(t.startswith(gap) for _, t in alone) and not any(style == "Quote" for style, _ in alone)


def test_cli_gaps_separate_writes_a_second_docx_and_refuses_markdown(tmp_path, small):
    pytest.importorskip("docx")
    out = tmp_path / "chart.docx"
    result = run("tp/exploitation", CORPORA / "small", "--gaps", "separate", "-o", out)
    assert result.exit_code == 0, result.output
    main_text = [t for _, t in _docx_text(out.read_bytes())]
    gaps_text = [t for _, t in _docx_text((tmp_path / "chart-gaps.docx").read_bytes())]
    kind = build_chart(small, "tp/exploitation").gaps[0].kind
    assert not any(t.startswith(f"{kind}:") for t in main_text) and any(t.startswith(f"{kind}:") for t in gaps_text)
    result = run("tp/exploitation", CORPORA / "small", "--gaps", "separate", "-o", tmp_path / "chart.md")
    assert result.exit_code == 2 and "it is for a .docx chart" in result.output
    assert not (tmp_path / "chart.md").exists()


def test_markdown_and_html_without_gaps_say_nothing_of_them(tmp_path):
    for name in ("chart.md", "chart.html"):
        result = run("tp/exploitation", CORPORA / "small", "--gaps", "none", "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
        text = (tmp_path / name).read_text()
        assert "Gaps" not in text and "No gap recorded" not in text


def test_docx_body_names_no_claim_element_or_test_id(small):
    from lexmap.exports.chart_docx import chart_docx

    chart = build_chart(small, "tp/exploitation")
    paragraphs = _docx_text(chart_docx(chart, gaps="none"))
    body = " ".join(t for _, t in paragraphs[: [t for _, t in paragraphs].index("Appendix A. Identifiers")])
    ids = {*small.claims, *(e.id for e in chart.elements), chart.test}
    assert not ids & set(re.findall(r"[\w/-]+", body))


def test_html_and_markdown_bodies_name_no_id_and_list_them_last(small):
    """As in the DOCX, the reader sees names; the ids are in the last section, Identifiers (in
    the HTML an element's id is left only in the anchors its tree links to, which no reader sees)."""
    import lxml.html

    from lexmap.exports.chart_html import chart_page
    from lexmap.exports.chart_md import chart_markdown

    chart = build_chart(small, "tp/exploitation")
    ids = {*small.claims, *(e.id for e in chart.elements), chart.test}
    shown = {s.claim for s in chart.statements} | {e.id for e in chart.elements} | {chart.test}
    assert {s.claim for s in chart.statements} >= {"c1", "c5"}
    page = lxml.html.fromstring(chart_page(chart))
    sections = page.xpath("//article/section")
    headings = [section.xpath("string(./*[1])") for section in sections]
    assert headings[0] == "Elements" and headings[-1] == "Identifiers" and "Gaps" in headings
    body = " ".join(
        page.xpath("string(//article/header)").split() + [s.text_content() for s in sections[: headings.index("Gaps")]]
    )
    assert not ids & set(re.findall(r"[\w/-]+", body)), sorted(ids & set(re.findall(r"[\w/-]+", body)))
    listed = {cell.text_content() for cell in sections[-1].xpath(".//td[3]")}
    assert shown <= listed
    assert page.xpath("//table[@class='lx-tree']//a/@href")[0] == "#lx-el-tp-exploitation"

    source = chart_markdown(chart)
    body, rest = source.split("\n## Gaps\n", 1)
    assert not ids & set(re.findall(r"[\w/-]+", body)), sorted(ids & set(re.findall(r"[\w/-]+", body)))
    identifiers = rest.split("\n## Identifiers\n", 1)[1]
    assert shown <= set(re.findall(r"\| `([^`]+)` \|", identifiers))


# -- the notes' punctuation ----------------------------------------------------------------------


def test_every_note_of_every_test_passes_the_punctuation_check(bundled):
    from lexmap.exports.chart_citations import chart_citations, plain

    checked = 0
    for test in bundled.tests:
        for number, segments in chart_citations(build_chart(bundled, test)).items():
            assert not problems(plain(segments)), (test, number, plain(segments))
            checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("raw", "printed"),
    [
        # the footnote 1: a title's straight quotes inside citeproc's curly ones, and "."”,
        (
            '“The United States Warns: "Let\'s End Human Trafficking."”, n.d., para. 8.',
            "“The United States Warns: ‘Let’s End Human Trafficking,’” n.d., para. 8.",
        ),
        # a pinpoint that ends in a quoted question: no full stop after it
        (
            'n.d., FAQ, "Why does the United States consider Cuban medical missions?".',
            "n.d., FAQ, “Why does the United States consider Cuban medical missions?”",
        ),
        (
            "(Cuba Archive, n.d.), International law violations, 'ILO Convention No. 29'.",
            "(Cuba Archive, n.d.), International law violations, “ILO Convention No. 29”.",
        ),
        ("“A ‘b “c” b’ a”, p. 1.", "“A ‘b “c” b’ a”, p. 1."),  # already right: unchanged
        (
            "Human Trafficking in Cuba's Medical Missions, U.S. Dept., n.d., p. 2.",
            "Human Trafficking in Cuba’s Medical Missions, U.S. Dept., n.d., p. 2.",
        ),
    ],
)
def test_tidy_prints_one_quotation_style_and_single_end_punctuation(raw, printed):
    assert tidy(raw) == printed
    assert not problems(printed)
    assert problems(raw) or raw == printed


def test_problems_names_each_rule():
    assert problems('a "b" c') == ["a straight quote mark"]
    assert problems("“a “b” a”") == ["“ at depth 1: nested quotes must alternate"]
    assert problems("“Why?”.") == ["doubled end punctuation"]
    assert problems("“Trafficking.”, n.d.") == ["doubled end punctuation"]
    assert problems("U.S. Dept., n.d., p. 2.") == []


# -- the title page: the state's status and which quotes were checked ----------------------------


def test_title_page_says_which_quotes_were_checked_against_which_texts(small):
    from lexmap.exports.chart_docx import chart_docx

    chart = build_chart(small, "tp/exploitation")
    by_status: dict[bool, int] = {}
    for statement in chart.statements:
        checked = small.texts[statement.document].status == "checked"
        by_status[checked] = by_status.get(checked, 0) + 1
    assert by_status[True] and by_status[False], "the fixture has checked and unchecked quotes"
    checked_files = sorted(
        {small.documents[s.document].text_file for s in chart.statements if small.texts[s.document].status == "checked"}
    )
    line = next(t for _, t in _docx_text(chart_docx(chart)) if t.startswith("Quotes: "))
    assert line.startswith(
        f"Quotes: {by_status[True]} quote{'s' if by_status[True] > 1 else ''} checked verbatim against the texts of: "
    )
    assert all(f"({name})" in line for name in checked_files)
    assert f"{by_status[False]} quotes not checked (" in line and "no text_file recorded for the document" in line


def test_title_page_unchecked_quotes_point_to_texts(bundled):
    chart = build_chart(bundled, TEST)
    unchecked = sum(1 for s in chart.statements if bundled.texts[s.document].status != "checked")
    assert unchecked
    assert f"{unchecked} quotes not checked: texts not given; use --texts FOLDER." in chart_markdown_text(chart)


def chart_markdown_text(chart) -> str:
    from lexmap.exports.chart_md import chart_markdown

    return chart_markdown(chart).replace("\\", "")


def test_title_page_gives_the_states_status_towards_the_instrument(small, bundled):
    from lexmap.exports.chart_docx import chart_docx

    chart = build_chart(small, "tp/exploitation", date="2024-05-01")
    states = sorted({small.practices[s.practice].state for s in chart.statements} - {None})
    assert len(states) == 2, "the fixture has two states with practices on the test"
    lines = [t for _, t in _docx_text(chart_docx(chart)) if t.startswith("Status of the state: ")]
    assert len(lines) == len(states)
    for state in states:
        status = small.party_status("tp", state, "2024-05-01")
        name = small.states[state].name
        assert any(
            line.startswith(f"Status of the state: {name} towards Test Protocol on 2024-05-01: {status.summary}")
            for line in lines
        )
    palermo = build_chart(bundled, TEST, date="2024-05-01")
    began = min(str(bundled.practices[s.practice].start) for s in palermo.statements if bundled.practices[s.practice].start)
    (line,) = palermo.party_statuses
    assert line.startswith(
        f"Cuba towards Palermo Protocol on 2024-05-01: {bundled.party_status('palermo', 'cu', '2024-05-01').summary}"
    )
    assert f"When the conduct began ({began}): {bundled.party_status('palermo', 'cu', began).summary}" in line


# -- pages and links (issue 27) and the chronology (issue 30) on a case with a PDF text ------------

# Front matter numbered i-ii, then the body from 1: physical page 3 is printed "1", 4 is "2".
FIELD_PAGES = [
    ["Foreword", "This report was written in the field."],
    ["Contents", "Summary of the findings on passports."],
    ["1. Findings", "Supervisors take the workers' passports on arrival and hold them by force."],
    ["Wages are withheld for months.", "The agency keeps the contracts."],
]
FIELD_LABELS = [(0, "r", 1), (2, "D", 1)]
PDF_URL = "https://example.org/field-report.pdf"
WEB_QUOTE = "Officials took the passports of the nurses on arrival at the airport"


def paged_case(tmp_path):
    """The small corpus with a report whose text is a PDF (two quotes at one pinpoint, on printed
    pages 1 and 2), a web story (no text) and a printed book cited at a structured page; three of
    the claims date the conduct (Atlantis ratified the Test Protocol on 2010-05-01)."""
    import json

    from pdfmake import write_pdf

    case = tmp_path / "case"
    shutil.copytree(CORPORA / "small", case)
    documents = [
        {"id": "d5", "title": "Field report", "kind": "report", "date": "2023", "text_file": "d5.pdf", "url": PDF_URL},
        {"id": "d6", "title": "Web story", "kind": "news-article", "date": "2024-02", "url": "https://example.org/story.html"},
        {"id": "d7", "title": "Printed book", "kind": "report", "date": "2019"},
    ]
    on = {"practice": "passports", "element": "tp/means-force", "stance": "supports"}
    claims = [
        {**on, "id": "c-force", "document": "d5", "pinpoint": "Findings", "quote": "hold them by force", "when": "2009"},
        {
            **on,
            "id": "c-wages",
            "document": "d5",
            "pinpoint": "Findings",
            "quote": "Wages are withheld for months",
            "when": "2014-07",
        },
        {**on, "id": "c-web", "document": "d6", "pinpoint": "para. 3", "quote": WEB_QUOTE, "when": "2009/2011"},
        {**on, "id": "c-book", "document": "d7", "pinpoint": "ch. 2", "page": "21", "quote": "passports were kept"},
    ]
    (case / "mappings" / "field.yaml").write_text(json.dumps({"documents": documents, "claims": claims}), encoding="utf-8")
    write_pdf(case / "texts" / "d5.pdf", FIELD_PAGES, FIELD_LABELS)
    return case


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    case = paged_case(tmp_path_factory.mktemp("paged"))
    corpus = lexmap.load(case, cache=False)
    return case, corpus, build_chart(corpus, "tp/exploitation", date="2024-01-31")


FRAGMENT = "https://example.org/story.html#:~:text=Officials%20took%20the%20passports%20of,on%20arrival%20at%20the%20airport"


def test_notes_give_the_printed_page_and_open_the_pdf_at_the_physical_one(paged):
    _, corpus, chart = paged
    by_claim = {s.claim: s for s in chart.statements}
    force, wages, web, book = (by_claim[c] for c in ("c-force", "c-wages", "c-web", "c-book"))
    # one pinpoint ("Findings"), two printed pages: two notes, each at its page
    assert force.note != wages.note
    assert (chart.note(force.note).cited, chart.note(force.note).link) == ("Findings, p. 1", f"{PDF_URL}#page=3")
    assert (chart.note(wages.note).cited, chart.note(wages.note).link) == ("Findings, p. 2", f"{PDF_URL}#page=4")
    assert (force.pages, force.link, wages.link) == ("p. 1", f"{PDF_URL}#page=3", f"{PDF_URL}#page=4")
    # a web page opens at the quote (a text fragment), as the site links it; its note has no page
    assert (web.link, web.pages, chart.note(web.note).link) == (FRAGMENT, None, None)
    # no text: the structured page is cited, nothing is linked
    assert (chart.note(book.note).cited, book.pages, book.link) == ("ch. 2, p. 21", "p. 21", None)
    from lexmap.exports.chart_citations import chart_citations, plain

    notes = {n: plain(s) for n, s in chart_citations(chart).items()}
    assert notes[force.note] == f"*Field Report*, 2023, Findings, p. 1, {PDF_URL}#page=3.".replace("*", "")
    assert notes[wages.note].endswith(f"Findings, p. 2, {PDF_URL}#page=4.")
    assert notes[book.note] == "Printed Book, 2019, ch. 2, p. 21."


def test_every_format_cites_the_printed_page_and_links_the_pdf_page(paged, tmp_path):
    case, _, chart = paged
    for name in ("chart.md", "chart.html", "chart.docx"):
        result = run("tp/exploitation", case, "--no-cache", "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
    md = (tmp_path / "chart.md").read_text(encoding="utf-8")
    assert f"*Field Report*, 2023, Findings, p. 1, <{PDF_URL}#page=3>." in md
    assert f"as recorded in *[Field report](<{PDF_URL}#page=4>)*, p. 2" in md
    assert f"as recorded in *[Web story](<{FRAGMENT}>)*\n" in md
    assert "as recorded in *Printed book*, p. 21" in md and "*Printed Book*, 2019, ch. 2, p. 21." in md

    page = (tmp_path / "chart.html").read_text(encoding="utf-8")
    notes = re.findall(r'<li id="lx-note-\d+">(.*?)</li>', page)
    assert f'Findings, p. 1, <a href="{PDF_URL}#page=3">{PDF_URL}#page=3</a>.' in " ".join(notes)
    assert f'<cite><a href="{html.escape(FRAGMENT)}" rel="noopener">Web story</a></cite>' in page
    assert f'<cite><a href="{PDF_URL}#page=4" rel="noopener">Field report</a></cite>, p. 2' in page

    with zipfile.ZipFile(tmp_path / "chart.docx") as package:
        footnotes = package.read("word/footnotes.xml").decode()
        note_links = package.read("word/_rels/footnotes.xml.rels").decode()
        body_links = package.read("word/_rels/document.xml.rels").decode()
    assert "Findings, p. 1, " in footnotes and "Findings, p. 2, " in footnotes and "ch. 2, p. 21." in footnotes
    assert f'Target="{PDF_URL}#page=3" TargetMode="External"' in note_links
    assert f'Target="{PDF_URL}#page=4" TargetMode="External"' in note_links
    assert f'Target="{html.escape(FRAGMENT)}" TargetMode="External"' in body_links


def test_the_chart_pdf_cites_the_printed_page_and_links_the_pdf_page(paged, tmp_path):
    """Through LibreOffice: the note prints the page, and the PDF keeps the links live."""
    import pypdf

    need("soffice", "pdftotext")
    case, _, _ = paged
    result = run("tp/exploitation", case, "--no-cache", "-o", tmp_path / "chart.pdf")
    assert result.exit_code == 0, result.output
    text = squeeze(subprocess.run(["pdftotext", str(tmp_path / "chart.pdf"), "-"], capture_output=True, text=True).stdout)
    assert f"Field Report, 2023, Findings, p. 1, {PDF_URL}#page=3." in text
    assert "Printed Book, 2019, ch. 2, p. 21." in text
    links = {
        annotation.get_object()["/A"]["/URI"]
        for page in pypdf.PdfReader(tmp_path / "chart.pdf").pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    assert {f"{PDF_URL}#page=3", f"{PDF_URL}#page=4", FRAGMENT} <= links


# Atlantis ratified the Test Protocol on 2010-05-01 (tests/corpora/small/instruments): conduct of
# 2009 was before it, of July 2014 after it, and 2009-2011 holds the day (uncertain, never guessed).
CHRONOLOGY = [
    ("2009", "to the year", "Field report", "2023", "Atlantis: not-party (not bound)"),
    ("2009/2011", "interval, 2009-01-01 to 2011-12-31", "Web story", "2024-02", "Atlantis: uncertain (binding not known)"),
    ("2014-07", "to the month", "Field report", "2023", "Atlantis: party (binding not known)"),
]


def test_chronology_lists_the_dated_conduct_with_the_state_s_status_then(paged, tmp_path):
    case, corpus, chart = paged
    rows = [(e.when, e.certainty, e.document_title, e.document_date, e.shown) for e in chart.chronology]
    assert rows == CHRONOLOGY
    assert {e.practice_label for e in chart.chronology} == {"Retention of passports"}
    # the same rows as `lexmap export chronology` writes: one computation, read twice
    result = CliRunner().invoke(main, ["export", "chronology", str(case), "--no-cache", "-o", str(tmp_path / "c.csv")])
    assert result.exit_code == 0, result.output
    import csv

    exported = list(csv.DictReader((tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()[1:]))
    dated = [r for r in exported if r["Event date"] and r["Practice id"] == "passports"]
    assert [(r["Event date"], r["Certainty"], r["Document"], r["Document date"]) for r in dated] == [r[:4] for r in CHRONOLOGY]
    assert [r["State bound then"] for r in dated] == [f"tp: {r[4].split(': ', 1)[1]}" for r in CHRONOLOGY]
    shown = {s.practice for s in chart.statements} | {"ban-letter"}  # with the parts of those practices
    assert shown == {"passports", "wages", "ban", "ban-letter"}
    undated = [r for r in exported if not r["Event date"] and r["Practice id"] in shown]
    assert chart.undated == len(undated) > 0
    # on the title page, beside the status on the chart's date
    (line,) = [line for line in chart.party_statuses if line.startswith("Atlantis")]
    assert line.endswith(
        "On the dates of the conduct in the chronology: 2009: not-party (not bound); "
        "2009/2011: uncertain (binding not known); 2014-07: party (binding not known)."
    )


def test_chronology_in_every_format(paged, tmp_path):
    import docx

    case, _, chart = paged
    for name in ("chart.md", "chart.html", "chart.docx"):
        assert run("tp/exploitation", case, "--no-cache", "-o", tmp_path / name).exit_code == 0
    document = docx.Document(str(tmp_path / "chart.docx"))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    at = texts.index(("Heading 1", "Chronology"))
    assert texts[at + 2] == ("Heading 2", "Practice: Retention of passports")
    assert texts[at + 3][1] == "3 dated statements: 2009 to 2014-07."
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Event date"]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Event date", "What is reported", "Bound then"]
    for (when, certainty, title, date, bound), row in zip(CHRONOLOGY, cells[1:], strict=True):
        assert row[0] == f"{when}\n{certainty}" and row[2] == bound
        assert f"in {title} ({date})" in row[1]
    assert cells[1][1].startswith("“hold them by force”")
    md = (tmp_path / "chart.md").read_text(encoding="utf-8")
    assert "## Chronology" in md and "| **2009/2011** (interval, 2009-01-01 to 2011-12-31) |" in md
    assert "| Atlantis: uncertain (binding not known) |" in md
    page = parse((tmp_path / "chart.html").read_text(encoding="utf-8"))
    assert "Chronology" in page.text and "Atlantis: party (binding not known)" in page.text
    # a practice whose statements date nothing says so, in every format
    wages = build_chart(lexmap.load(case, cache=False), "tp/exploitation", "wages")
    assert wages.chronology == () and wages.undated == 4  # c4, c5, c6 and the exhibit e2: none has a when
    from lexmap.chart_chronology import EMPTY_CHRONOLOGY, chronology_lead

    assert (
        chronology_lead(wages) == f"{EMPTY_CHRONOLOGY} 4 statements of these practices record no event date and are not listed."
    )


def test_the_bundled_chart_s_chronology_reads_the_export_s_rows(bundled):
    """The palermo chart's chronology: the medical missions' conduct of 2000 and 2010, before
    Cuba's accession (2013-06-20), and of July 2014, after it; a part of the missions argued under
    no instrument says so, rather than being given the Protocol's status."""
    chart = build_chart(bundled, TEST)
    events = {e.statement: e for e in chronology(bundled)}
    assert chart.chronology and all(events[e.statement].when == e.when for e in chart.chronology)
    assert [(e.when, e.shown) for e in chart.chronology if e.under_instrument] == [
        ("2000", "Cuba: not-party (not bound)"),
        ("2010", "Cuba: not-party (not bound)"),
        ("2014-07", "Cuba: party (bound)"),
    ]
    others = [e for e in chart.chronology if not e.under_instrument]
    assert others and all(
        e.shown == "Not given for Palermo Protocol: no instrument: the practice is argued under none" for e in others
    )
    from lexmap.chart_lines import identifier_rows

    ids = {row[2] for row in identifier_rows(chart)}
    assert {e.statement for e in chart.chronology} <= ids


def test_html_fragment_of_the_chronology_is_one_line(paged, tmp_path):
    """A quote with line breaks in a chronology row: the fragment the site embeds stays one line."""
    from lexmap.exports.chart_html import fragment
    from lexmap.exports.chart_md import chart_markdown

    _, _, chart = paged
    event = chart.chronology[0]
    broken = attrs.evolve(chart, chronology=(attrs.evolve(event, quote="first line\nsecond <line>"), *chart.chronology[1:]))
    html_fragment = fragment(broken)
    assert "\n" not in html_fragment and "“first line<br>second &lt;line&gt;”" in html_fragment
    assert "| “first line second &lt;line>”[^" in chart_markdown(broken)  # one table row in Markdown
