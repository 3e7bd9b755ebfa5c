"""Every URL of the data is an http or https address (issue 26): a document's ``url: "javascript:
alert(1)"`` validated and reached CSL-JSON and every output printing a document's address. One
check (lexmap.urls.address_problem) for every URL field and for ``--base-url``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import lexmap
from lexmap.urls import address_problem, looks_like_address

CASE = """\
states:
  - {{id: aa, name: Aland}}
instruments:
  - id: statute
    title: A convention
    short_name: Convention
    kind: convention
    binding: true
    url: {instrument}
    provisions:
      - id: s1
        label: Section 1
        text: No one shall be held in servitude.
        source:
          url: {source}
          publisher: official
          checked_against:
            - url: {copy}
              publisher: secondary
indicator_frameworks:
  - id: fw
    title: Indicators
    url: {framework}
    indicators:
      - {{id: i1, label: One}}
ratifications:
  - instrument: statute
    state: aa
    source: {ratification}
    events:
      - {{event: signature, date: 2001-01-01, source: {event}}}
documents:
  - id: doc
    title: A report
    kind: report
    url: {url}
    archived_url: {archived_url}
"""

GOOD = {
    "instrument": "https://example.org/statute",
    "source": "https://example.org/statute/text",
    "copy": "https://elsewhere.example/statute",
    "framework": "https://example.org/indicators",
    "ratification": "Netherlands treaty database party list, via inview.nl (address not recorded)",
    "event": "https://treaties.example/status?id=1&lang=en",
    "url": "https://www.state.gov/what-is-trafficking-in-persons/#:~:text=The%20United%20States'%20Trafficking",
    "archived_url": "https://web.archive.org/web/2024/https://example.org/report",
}
FIELDS = {  # the field of the template -> (the record's id, the YAML path the problem is at, its line)
    "instrument": ("statute", "url", 9),
    "source": ("statute/s1", "url", 15),
    "copy": ("statute/s1", "url", 18),
    "framework": ("fw", "url", 23),
    "ratification": ("statute@aa", "source", 29),
    "event": ("statute@aa", "source", 31),
    "url": ("doc", "url", 36),
    "archived_url": ("doc", "archived_url", 37),
}
BAD = [
    ("javascript:alert(1)", "its scheme is 'javascript:'"),
    ("JavaScript:alert(document.domain)//", "its scheme is 'javascript:'"),
    ("data:text/html,<script>alert(1)</script>", "it holds '<'"),
    ("ftp://example.org/report.pdf", "its scheme is 'ftp:'"),
    ("vbscript:msgbox(1)", "its scheme is 'vbscript:'"),
    ('https://example.org/"onmouseover="alert(1)', "it holds '\"': write it percent-encoded, %22"),
    ("https://example.org/a report.pdf", "it holds U+0020 SPACE"),
    ("https:///no-host", "it has no host"),
    ("https://www.state.gov@evil.example/", "a user name or password"),
]


def _write(tmp_path, **values) -> object:
    fields = {k: json.dumps(v) for k, v in (GOOD | values).items()}  # JSON strings are YAML strings
    path = tmp_path / "case.yaml"
    path.write_text(CASE.format(**fields), encoding="utf-8")
    return path


def test_the_good_addresses_of_every_field_validate(tmp_path):
    corpus = lexmap.load(_write(tmp_path), cache=False)
    assert corpus.documents["doc"].url == GOOD["url"]  # a ' is allowed: RFC 3986 allows it, and real addresses hold one


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize(("value", "why"), BAD, ids=[b[0][:24] for b in BAD])
def test_a_url_that_is_not_http_is_refused_with_file_line_id_and_hint(tmp_path, field, value, why):
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(_write(tmp_path, **{field: value}), cache=False)
    (problem,) = raised.value.problems
    record, name, line = FIELDS[field]
    assert (problem.file.endswith("case.yaml"), problem.line, problem.id) == (True, line, record)
    assert problem.message.startswith(f"{name} {value[:80]!r} is not an http or https address: ") or (
        problem.message.startswith(f"{value[:80]!r} is not an http or https address: ")  # a law text's source: at the provision
    ), problem.message
    assert why in problem.message and problem.hint and "give the" in problem.hint
    assert "\n" not in problem.message


def test_the_javascript_url_of_the_hostile_corpus_is_refused_at_its_place(tmp_path):
    """The hostile corpus's documents held ``javascript:alert(1)`` as a *valid* url until issue 26."""
    case = tmp_path / "hostile"
    shutil.copytree(Path(__file__).parent / "corpora" / "hostile", case)
    documents = case / "mappings" / "evil.yaml"
    text = documents.read_text(encoding="utf-8")
    url = next(line for line in text.splitlines() if line.strip().startswith("url:"))
    documents.write_text(text.replace(url, '    url: "javascript:alert(1)"'), encoding="utf-8")
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(case, cache=False)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line, problem.id) == ("mappings/evil.yaml", 7, "evil-doc")
    assert (
        problem.message
        == "url 'javascript:alert(1)' is not an http or https address: its scheme is 'javascript:', not http: or https:"
    )
    assert problem.hint == "give the address the document was read at, e.g. https://example.org/report"


def test_a_ratification_source_in_words_is_not_an_address():
    assert not looks_like_address("Netherlands treaty database (verdragenbank.overheid.nl), via inview.nl")
    assert not looks_like_address("UNTC: depositary notification C.N.123")
    assert looks_like_address("javascript:alert(1)") and looks_like_address("https://treaties.un.org/")


def test_the_base_url_and_the_data_share_one_check():
    from lexmap.exports.htmlfile import check_base_url

    bidi = ("https://example.org/\u202egnp.exe", "it holds U+202E RIGHT-TO-LEFT OVERRIDE: remove it")  # data: refused as any text
    for value, why in [*BAD, bidi]:
        with pytest.raises(ValueError, match="not an http or https address"):
            check_base_url(value)
        assert why in (address_problem(value) or "")
    assert check_base_url(GOOD["url"]) == GOOD["url"]
