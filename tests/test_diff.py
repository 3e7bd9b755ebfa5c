"""``lexmap diff``: two versions of a case that differ by every kind of change (tests/diff_case.py),
every line of the diff checked in each format; two git revisions read from inside the repository;
the exit status scripts use (0 no change, 1 changes, 2 trouble)."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from diff_case import LAW, OLD_CASE, new_case, new_law, write_case

import lexmap
from lexmap.cli import main
from lexmap.diff import Standing, diff

# What the change from OLD_CASE to new_case() is, worked out by hand from tests/diff_case.py:
# (section title, summary, [(change, headline, [details])]).
EXPECTED = [
    (
        "Statements",
        "6: 3 added, 2 removed, 1 changed",
        [
            ("changed", "claim a-menace (report-a: passports -> law/menace, supports)", ['pinpoint: "p. 1" -> "p. 1, para. 2"']),
            ("removed", "claim a-wages (report-a: wages -> law/menace, supports)", []),
            ("added", "claim b-menace (report-b: passports -> law/menace, supports)", []),
            ("added", "claim gov-denial (reply: passports -> law/work, contests)", []),
            ("removed", "attestation a-paid (report-a: wages)", []),
            ("added", "exhibit b-threats (report-b: passports -> ind/threats, supports)", []),
        ],
    ),
    (
        "Documents, practices, actors and states",
        "1: 1 changed",
        [("changed", "document report-b", ['title: "Report B" -> "Report B (revised)"'])],
    ),
    (
        "Levels of (practice, element)",
        "4: 4 changed",
        [
            # work was corroborated, menace argued: the weakest part set the test at argued
            (
                "changed",
                "passports -> law/forced-labour: argued (1 independent source) -> corroborated (2 independent sources, contested)",
                ["its evidence changed: ~ claim a-menace, + claim b-menace, + claim gov-denial, ~ document report-b"],
            ),
            (
                "changed",
                "passports -> law/menace: argued (1 independent source) -> corroborated (2 independent sources)",
                ["its evidence changed: ~ claim a-menace, + claim b-menace, ~ document report-b"],
            ),
            (
                "changed",
                "passports -> law/work: corroborated (2 independent sources) -> corroborated (2 independent sources, contested)",
                ["its evidence changed: + claim gov-denial, ~ document report-b"],
            ),
            (
                "changed",
                "wages -> law/menace: argued (1 independent source) -> unargued (0 independent sources)",
                ["its evidence changed: - claim a-wages"],
            ),
        ],
    ),
    (
        "Matrix cells",
        "4: 4 changed",
        [
            (
                "changed",
                "indicators x instruments: ind/pay x law",
                [
                    'level: "argued" -> "unargued"',
                    "independent_sources: 1 -> 0",
                    'practices: ["wages"] -> (none)',
                    'documents: ["report-a"] -> (none)',
                ],
            ),
            (
                "changed",
                "indicators x instruments: ind/threats x law",
                ['level: "corroborated" -> "corroborated, contested"', 'contesting: (none) -> ["gov-denial"]'],
            ),
            (
                "changed",
                "practices x instruments: passports x law",
                ['level: "corroborated" -> "corroborated, contested"', 'contesting: (none) -> ["gov-denial"]'],
            ),
            (
                "changed",
                "practices x instruments: wages x law",
                [
                    'level: "argued" -> "unargued"',
                    "independent_sources: 1 -> 0",
                    'practices: ["wages"] -> (none)',
                    'documents: ["report-a"] -> (none)',
                ],
            ),
        ],
    ),
    (
        "Gaps",
        "4: 2 opened, 2 closed",
        [
            ("closed", "single-source: passports -> law/menace", ["1 claim(s), all from one independent source (report-a)"]),
            ("closed", "single-source: wages -> law/menace", ["1 claim(s), all from one independent source (report-a)"]),
            (
                "opened",
                "contested: passports -> law/work",
                ["contested by gov-denial; 2 independent source(s) behind its level (corroborated)"],
            ),
            ("opened", "unchecked-quotes: reply", ["1 quote(s) not checked: no text_file recorded for the document"]),
        ],
    ),
    (
        "Law and ratification",
        "3: 3 changed",
        [
            (
                "changed",
                "provision law/art-1",
                [
                    'text: "Forced labour means work exacted under menace of penalty." -> '
                    '"Forced labour means work exacted under menace of any penalty."'
                ],
            ),
            ("changed", "element law/menace", ['words: "menace of penalty" -> "menace of any penalty"']),
            (
                "changed",
                "ratification law@aa",
                [
                    'events: [{"date": "2005-03-01", "event": "ratification"}] -> '
                    '[{"date": "2005-03-01", "event": "ratification"}, {"date": "2015-06-01", "event": "denunciation"}]'
                ],
            ),
        ],
    ),
]
SIGN = {"added": "+", "removed": "-", "changed": "~", "opened": "+", "closed": "-"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="lexmap")


@pytest.fixture
def versions(tmp_path):
    old = write_case(tmp_path / "old", OLD_CASE, LAW)
    new = write_case(tmp_path / "new", new_case(), new_law())
    return old, new


def test_text_gives_every_change_one_line_each_and_exit_status_1(versions):
    old, new = versions
    result = run("diff", old, new)
    assert result.exit_code == 1, result.output
    lines = [f"Changes from {old} to {new}"]
    for title, summary, items in EXPECTED:
        lines.append(f"{title} ({summary})")
        for change, headline, details in items:
            lines.append(f"  {SIGN[change]} {headline}")
            lines += [f"      {d}" for d in details]
    assert result.stdout.splitlines() == lines


def test_markdown_gives_the_same_lines(versions):
    old, new = versions
    result = run("diff", old, new, "--format", "markdown")
    assert result.exit_code == 1, result.output

    def md(text: str) -> str:  # the Markdown escapes: _ [ ] (none of the lines has *, ` or \\)
        return text.replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")

    lines = [f"# {md(f'Changes from {old} to {new}')}", ""]
    for title, summary, items in EXPECTED:
        lines += [f"## {title} ({summary})", ""]
        for change, headline, details in items:
            lines.append(f"- **{change}** {md(headline)}")
            lines += [f"    - {md(d)}" for d in details]
        lines.append("")
    assert result.stdout == "\n".join(lines)


class _Lines(HTMLParser):
    """The text of each heading and list item of an HTML page, a nested list's items apart."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "li"):
            self.found.append("")
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "li"):
            self.open.pop()

    def handle_data(self, data):
        if self.open:
            self.found[-1] += data


def test_html_by_extension_gives_the_same_lines(versions, tmp_path):
    old, new = versions
    out = tmp_path / "changes.html"
    result = run("diff", old, new, "-o", out)
    assert result.exit_code == 1, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    parser = _Lines()
    parser.feed(page)
    expected = [f"Changes from {old} to {new}"]
    for title, summary, items in EXPECTED:
        expected.append(f"{title} ({summary})")
        for change, headline, details in items:
            expected.append(f"{change} {headline}")
            expected += details
    assert [line.strip() for line in parser.found] == expected


def test_json_holds_every_change_as_data(versions, tmp_path):
    old, new = versions
    out = tmp_path / "changes.json"
    assert run("diff", old, new, "-o", out).exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["changed"] is True and (data["old"], data["new"]) == (str(old), str(new))
    sections = {"Statements": "statements", "Documents, practices, actors and states": "records", "Law and ratification": "law"}
    for title, _, items in EXPECTED:
        if title in sections:
            got = [
                (
                    r["change"],
                    f"{r['kind']} {r['id']}" + (f" ({r['about']})" if r["about"] else ""),
                    [f"{f['field']}: {f['old']} -> {f['new']}" for f in r["fields"]],
                )
                for r in data[sections[title]]
            ]
            assert got == [(c, h, d) for c, h, d in items]
    levels = [(x["practice"], x["element"], x["old"], x["new"], x["because"]) for x in data["levels"]]
    assert levels[1] == (
        "passports",
        "law/menace",
        {"level": "argued", "contested": False, "independent_sources": 1},
        {"level": "corroborated", "contested": False, "independent_sources": 2},
        ["~ claim a-menace", "+ claim b-menace", "~ document report-b"],
    )
    assert [(x["practice"], x["element"]) for x in data["levels"]] == [
        ("passports", "law/forced-labour"),
        ("passports", "law/menace"),
        ("passports", "law/work"),
        ("wages", "law/menace"),
    ]
    assert [(c["matrix"], c["row"], c["col"]) for c in data["cells"]] == [
        ("indicators x instruments", "ind/pay", "law"),
        ("indicators x instruments", "ind/threats", "law"),
        ("practices x instruments", "passports", "law"),
        ("practices x instruments", "wages", "law"),
    ]
    assert [(g["change"], g["kind"], g["concerns"]) for g in data["gaps"]] == [
        ("closed", "single-source", "passports -> law/menace"),
        ("closed", "single-source", "wages -> law/menace"),
        ("opened", "contested", "passports -> law/work"),
        ("opened", "unchecked-quotes", "reply"),
    ]


def test_the_levels_are_the_corpus_own_answers(versions):
    """The diff reads each version's assessment: its old and new standings are what explain() says."""
    old, new = (lexmap.load(p) for p in versions)
    changes = diff(old, new).levels
    assert len(changes) == 4
    for change in changes:
        for corpus, standing in ((old, change.old), (new, change.new)):
            assessor = corpus.assessor()
            if change.practice in assessor.practices_on(corpus.test_of(change.element).id):
                row = assessor.assess(change.practice, change.element)
                assert (row.level, row.contested, row.independent_sources) == (
                    standing.level,
                    standing.contested,
                    standing.independent_sources,
                )
            else:  # no statement on the test about the practice: nothing argued
                assert standing == Standing()


def test_the_same_versions_give_no_change_and_exit_status_0(versions, tmp_path):
    old, _ = versions
    for fmt, last in (("text", "No change."), ("markdown", "No change."), ("html", "</html>")):
        result = run("diff", old, old, "--format", fmt)
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[-1] == last and "No change." in result.stdout
    result = run("diff", old, old, "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["changed"] is False
    assert all(data[k] == [] for k in ("statements", "records", "levels", "cells", "gaps", "law"))


def test_the_diff_does_not_depend_on_the_order_of_the_files(versions, tmp_path):
    old, new = versions
    shuffled = new_case()
    for collection in ("claims", "attestations", "exhibits", "documents", "practices", "actors"):
        shuffled[collection].reverse()
    other = write_case(tmp_path / "shuffled", shuffled, new_law())
    first, second = run("diff", old, new), run("diff", old, other)
    assert first.stdout.splitlines()[1:] == second.stdout.splitlines()[1:]
    assert first.stdout == run("diff", old, new).stdout


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(folder), *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def test_two_git_revisions_from_inside_the_case_repository(tmp_path, monkeypatch):
    repo = _repository_of_two_editions(tmp_path)
    _git(repo, "tag", "v1", "HEAD~1")
    first, second = _git(repo, "rev-parse", "HEAD~1")[:12], _git(repo, "rev-parse", "HEAD")[:12]
    monkeypatch.chdir(repo / "case")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    result = run("diff", "v1", "HEAD")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Changes from v1 ({first}) to HEAD ({second})"
    folders = run("diff", write_case(tmp_path / "old", OLD_CASE, LAW), write_case(tmp_path / "new", new_case(), new_law()))
    assert lines[1:] == folders.stdout.splitlines()[1:]
    assert list((tmp_path / "tmp").iterdir()) == []  # the revisions' trees were removed
    assert run("diff", "v1", "v1").exit_code == 0
    # a revision against the working folder
    assert run("diff", "HEAD", ".").exit_code == 0


def test_mistakes_exit_2_with_one_line_and_a_hint(versions, tmp_path, monkeypatch):
    old, new = versions
    result = run("diff", old, new, "-o", tmp_path / "changes.ods")
    assert result.exit_code == 2 and "cannot tell the format of" in result.output and "hint: give --format" in result.output
    assert not (tmp_path / "changes.ods").exists()
    monkeypatch.chdir(tmp_path)
    result = run("diff", old, "no-such-thing")
    assert result.exit_code == 2
    assert "'no-such-thing' is not a folder, and no case was found" in result.output and "hint:" in result.output
    bad = new_case()
    bad["claims"][0]["element"] = "law/menacee"
    broken = write_case(tmp_path / "broken", bad, new_law())
    result = run("diff", old, broken)
    assert result.exit_code == 2 and "problem found; the versions were not compared" in result.output
    assert "case.yaml" in result.output and "law/menacee" in result.output
    result = run("diff", old, new, "-o", old / "case.yaml")  # never over the case it reads
    assert result.exit_code == 2 and yaml.safe_load((old / "case.yaml").read_text()) == OLD_CASE


def test_a_bad_revision_exits_2_naming_it(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    write_case(repo / "case", OLD_CASE, LAW)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "first")
    monkeypatch.chdir(repo / "case")
    result = run("diff", "HEAD~3", "HEAD")
    assert result.exit_code == 2 and "'HEAD~3' is neither a folder nor a revision" in result.output
    result = run("diff", "--", "--upload-pack=x", "HEAD")
    assert result.exit_code == 2 and "is not a revision" in result.output


def _repository_of_two_editions(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    write_case(repo / "case", OLD_CASE, LAW)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "first edition")
    shutil.rmtree(repo / "case")
    write_case(repo / "case", new_case(), new_law())
    _git(repo, "add", "-A", ".")
    _git(repo, "commit", "-qm", "second edition")
    return repo


@pytest.mark.slow
def test_site_build_since_adds_the_changes_page_linked_from_home(tmp_path, monkeypatch):
    repo = _repository_of_two_editions(tmp_path)
    monkeypatch.chdir(repo / "case")
    result = run("site", "build", "--since", "HEAD~1", "-o", tmp_path / "site")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "changes.html").read_text(encoding="utf-8")
    parser = _Lines()
    parser.feed(page[page.index('<article class="md-content__inner') :])
    found = [line.strip() for line in parser.found]
    assert found[0].startswith("Changes since HEAD~1")
    expected = []
    for title, summary, items in EXPECTED:
        expected.append(f"{title} ({summary})")
        for change, headline, details in items:
            expected.append(f"{change} {headline}")
            expected += details
    assert [line.rstrip("¶").strip() for line in found[1 : 1 + len(expected)]] == expected
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a href="changes.html">Changes since HEAD~1</a>' in home
    result = run("site", "build", "-o", tmp_path / "plain")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "plain" / "changes.html").exists()
    assert "changes.html" not in (tmp_path / "plain" / "index.html").read_text(encoding="utf-8")


def test_a_level_moved_by_a_document_alone_names_the_document(tmp_path):
    """Report B comes to be by NGO A: its claim on work is no longer a source of its own."""
    old = write_case(tmp_path / "old", OLD_CASE, LAW)
    case = yaml.safe_load(yaml.safe_dump(OLD_CASE))  # a deep copy
    case["documents"][1]["authored_by"] = ["ngo-a"]
    new = write_case(tmp_path / "new", case, LAW)
    found = diff(lexmap.load(old), lexmap.load(new))
    assert found.statements == ()
    work = next(c for c in found.levels if (c.practice, c.element) == ("passports", "law/work"))
    assert (work.old, work.new) == (Standing("corroborated", False, 2), Standing("argued", False, 1))
    assert work.because == ("~ document report-b",)
