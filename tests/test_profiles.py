"""Publication profiles (issue 30 item 3): restricted and confidential records are counted but not
shown, under --profile, in every output; the leak check finds none of the withheld strings and
the levels equal those of the full build."""

import json
import shutil
import unicodedata
import urllib.parse

import pytest
from click.testing import CliRunner

import lexmap
from lexmap.cli import main
from lexmap.exports import export_bytes
from lexmap.leaks import build_outputs, find_leaks, leak_check
from lexmap.loader import read_case
from lexmap.profiles import apply_profile

from conftest import CORPORA

CASE = CORPORA / "profiles"
QUOTE = "The coordinator locked every passport in his safe"
WITHHELD = (
    QUOTE,  # a quote of the confidential document
    "Mirela Kovačević",  # the confidential speaker's name
    "mirela-kovacevic",  # and id
    "Interview with a returned nurse, Tirana",  # the confidential document's title
    "https://example.org/private/kova-interview-tirana.pdf",  # its URL
    "kova-interview-tirana",  # its id
    "Zoltan Quillfeather",  # its author, named nowhere else
    "the payroll ledger of the Quartermaine depot shows no wages",  # the restricted statement
    "report-restricted-wages",
    "salaries would go to the embassy account",  # a public document's statement, by the confidential speaker
)


@pytest.fixture(scope="module")
def public_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("public")


@pytest.fixture(scope="module")
def public_check(public_folder):
    return leak_check(CASE, public_folder, profile="public")


def test_every_export_chart_and_matrix_under_public_passes_the_leak_check(tmp_path):
    """The fast part of the check: every file but the site's."""
    report = leak_check(CASE, tmp_path, profile="public", site=False)
    assert {"corpus-sqlite.db", "corpus-turtle.ttl", "matrix-practices.xlsx", "chart-charter-force.docx"} <= set(report.files)
    assert report.leaks == () and report.level_changes == () and report.withheld == 4


@pytest.mark.slow  # builds the site
def test_every_output_under_public_passes_the_leak_check(public_check):
    assert public_check.withheld == 4
    assert set(WITHHELD) <= set(public_check.strings)
    files = public_check.files
    for wanted in (
        "site/index.html",
        "site/search/search_index.json",
        "corpus-sqlite.db",
        "corpus-graphml.graphml",
        "corpus-turtle.ttl",
        "corpus-json.json",
        "matrix-practices.xlsx",
        "matrix-practices.csv",
        "chart-charter-force.docx",
        "chart-charter-force.md",
    ):
        assert wanted in files
    assert any(f.startswith("corpus-parquet/") for f in files)
    assert public_check.leaks == ()
    assert public_check.level_changes == ()
    assert public_check.passed
    assert "The coordinator locked every passport" in public_check.strings  # a text fragment's start


@pytest.mark.slow  # builds the site
def test_no_text_fragment_link_points_at_a_placeholder(public_check, public_folder):
    pages = [p.read_text(encoding="utf-8") for p in (public_folder / "site").rglob("*.html")]
    links = [page for page in pages if "officials-deny-forced-labour#:~:text=" in page]
    assert links  # the public statements of the web page link to their words
    assert not any(":~:text=withheld" in page for page in pages)


def test_the_outputs_say_how_many_statements_they_withhold():
    corpus = lexmap.load(CASE, profile="public", cache=False)
    assert corpus.case.withheld == 4 and corpus.case.profile == "public"
    note = "public edition: 4 of 11 statements withheld"
    assert note in corpus.title
    data = json.loads(export_bytes(corpus, "json"))
    assert data["case"]["withheld"] == 4
    result = CliRunner().invoke(main, ["matrix", str(CASE), "--rows", "practices", "--profile", "public"])
    assert result.exit_code == 0, result.output
    assert note in result.output.splitlines()[0]


def test_the_leak_check_finds_what_an_unprofiled_build_shows(tmp_path):
    """The check is not vacuous: the full build's outputs hold every withheld string."""
    read = read_case(CASE, cache=False)
    strings = apply_profile(read, "public").strings
    files = build_outputs(lexmap.load(CASE, cache=False), tmp_path, site=False)
    leaks = find_leaks(files, strings, tmp_path)
    found = {leak.string for leak in leaks}
    assert {s.casefold() for s in (QUOTE, "Mirela Kovačević", "kova-interview-tirana")} <= found
    assert any(leak.file.endswith(".docx") for leak in leaks)
    assert any(leak.file.endswith(".db") for leak in leaks)


def test_the_leak_search_sees_case_normalisation_and_encoding_variants(tmp_path):
    decomposed = unicodedata.normalize("NFD", "MIRELA KOVAČEVIĆ")
    (tmp_path / "a.html").write_text(f"<p>{decomposed}</p>", encoding="utf-8")
    (tmp_path / "b.html").write_text(f'<a href="x#:~:text={urllib.parse.quote(QUOTE)}">', encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"q": "Zoltan Quillfeather\u00e9"}), encoding="utf-8")
    leaks = find_leaks(sorted(tmp_path.iterdir()), ["Mirela Kovačević", QUOTE, "Zoltan Quillfeatheré"], tmp_path)
    assert {leak.file for leak in leaks} == {"a.html", "b.html", "c.json"}


def test_placeholders_are_consistent_and_keep_independence():
    full = lexmap.load(CASE, cache=False)
    public = lexmap.load(CASE, profile="public", cache=False)
    speakers = {s.speaker for s in public.claims.values() if s.quote == "withheld quote" and s.speaker}
    assert len(speakers) == 1  # the confidential speaker, one pseudonym wherever she speaks
    (speaker,) = speakers
    assert public.actors[speaker].name == "confidential speaker 1"
    assert "mirela-kovacevic" not in public.actors and "mirela-kovacevic" in full.actors
    titles = {d.title for d in public.documents.values()}
    assert "confidential source 1" in titles
    for test in full.tests:
        assert [(r.element.id, r.level, r.independent_sources) for r in full.coverage(test).elements] == [
            (r.element.id, r.level, r.independent_sources) for r in public.coverage(test).elements
        ]


def test_internal_withholds_confidential_only():
    internal = lexmap.load(CASE, profile="internal", cache=False)
    assert internal.case.withheld == 3
    assert "report-restricted-wages" in internal.claims
    assert all(QUOTE != c.quote for c in internal.claims.values())
    full = lexmap.load(CASE, cache=False)
    assert full.case.withheld is None and "withheld" not in full.title


def test_a_withheld_text_file_is_never_read_for_publication():
    public = lexmap.load(CASE, profile="public", cache=False)
    assert all(d.text_file is None for d in public.documents.values() if d.visibility == "confidential")
    assert public.texts_checked.count("withheld-source-1") == 1  # checked on the full records


def test_a_bad_visibility_is_refused_with_file_line_and_id(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(CASE, case)
    statements = case / "mappings" / "statements.yaml"
    statements.write_text(
        statements.read_text(encoding="utf-8").replace("visibility: restricted", "visibility: secret"), encoding="utf-8"
    )
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(case, cache=False)
    (problem,) = raised.value.problems
    assert "statements.yaml" in str(problem) and "[report-restricted-wages]" in str(problem)
    assert "public, restricted, confidential" in str(problem)


def test_an_unknown_profile_is_one_line_with_did_you_mean():
    result = CliRunner().invoke(main, ["export", "json", str(CASE), "--profile", "publik"])
    assert result.exit_code == 2
    assert "did you mean 'public'" in result.output and "Traceback" not in result.output


def test_the_api_writes_an_edition_with_profile():
    full = lexmap.load(CASE, cache=False)
    text = export_bytes(full, "turtle", profile="public").decode("utf-8")
    assert QUOTE not in text and "withheld quote" in text
    assert QUOTE in export_bytes(full, "turtle").decode("utf-8")


def test_an_edition_is_not_made_again_under_another_profile():
    from lexmap.profiles import ProfileError

    internal = lexmap.load(CASE, profile="internal", cache=False)
    with pytest.raises(ProfileError, match="already the internal edition"):
        export_bytes(internal, "json", profile="public")
    assert json.loads(export_bytes(internal, "json"))["case"]["profile"] == "internal"


@pytest.mark.slow  # builds the site twice
def test_the_leak_check_command_names_a_leak_the_data_makes(tmp_path):
    """A withheld name written in a public record (a practice's description) is no placeholder's
    business: the check finds it in the outputs and exits 1."""
    case = tmp_path / "case"
    shutil.copytree(CASE, case)
    practices = case / "mappings" / "practices.yaml"
    practices.write_text(
        practices.read_text(encoding="utf-8").replace(
            "Supervisors keep the workers' passports.", "Supervisors keep the passports, says MIRELA KOVAČEVIĆ."
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["leak-check", str(case), "--no-cache", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    leaks = [line for line in result.output.splitlines() if line.startswith("leak: ")]
    assert leaks and all("'mirela kovačević'" in line for line in leaks)
    assert any("corpus-json.json" in line for line in leaks) and any(line.startswith("leak: site/") for line in leaks)
    assert "0 level change(s)" in result.output
    clean = CliRunner().invoke(main, ["leak-check", str(CASE), "--no-cache"])
    assert clean.exit_code == 0, clean.output
    assert "public: 4 statement(s) withheld" in clean.output and " 0 leak(s)" in clean.output


def test_a_full_build_says_what_a_profile_would_withhold():
    result = CliRunner().invoke(main, ["export", "json", str(CASE), "--no-cache"])
    assert result.exit_code == 0
    assert "profile full: 3 restricted or confidential record(s) shown in full" in result.output


def test_the_leak_check_refuses_a_folder_that_holds_files(tmp_path):
    (tmp_path / "mine.txt").write_text("not lexmap's", encoding="utf-8")
    result = CliRunner().invoke(main, ["leak-check", str(CASE), "-o", str(tmp_path)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert f"the folder {str(tmp_path)!r} is not empty" in result.output and "hint: give a new or empty folder" in result.output
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "not lexmap's"


def test_deleting_what_is_withheld_would_change_the_levels():
    """The fixture's withheld statements carry weight: deleting them (what analysts did before
    profiles) changes levels that the public edition keeps."""
    from lexmap.leaks import levels
    from lexmap.loader import CaseRecords
    from lexmap.loading import corpus_of

    read = read_case(CASE, cache=False)
    edition = apply_profile(read, "public")
    kept = {
        name: tuple(r for r in records if getattr(r, "id", None) not in edition.withheld)
        for name, records in read.records.items()
    }
    deleted = corpus_of(CaseRecords(kept, root=read.root, case=read.case, texts=read.texts))
    full, public = levels(corpus_of(read)), levels(corpus_of(edition.records))
    assert public == full
    gone = levels(deleted)
    key = "coverage speaker charter/exploitation passports charter/means-force"
    assert full[key][0] == "corroborated" and gone[key][0] == "argued"  # the interview is the second source


def test_an_exported_edition_read_back_is_not_made_again(tmp_path):
    internal = tmp_path / "internal.json"
    public = tmp_path / "public.json"
    for profile, target in (("internal", internal), ("public", public)):
        result = CliRunner().invoke(main, ["export", "json", str(CASE), "--profile", profile, "-o", str(target)])
        assert result.exit_code == 0, result.output
    again = lexmap.load(public, profile="public", cache=False)  # already withheld: as it is
    assert again.case.withheld == 4 and again.title.count("withheld") == 1
    assert lexmap.load(internal, profile="internal", cache=False).case.withheld == 3
    result = CliRunner().invoke(main, ["export", "json", str(internal), "--profile", "public"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "the internal edition of a case" in result.output and "from the full case" in result.output


@pytest.mark.slow  # builds the site
def test_build_site_takes_a_profile(tmp_path):
    """The API's build_site loads the case itself under ``profile`` (no corpus handed to it)."""
    from lexmap.site.build import build_site

    build_site(CASE, tmp_path / "site", profile="public", strict=False)
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "public edition: 4 of 11 statements withheld" in home
    files = sorted(p for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert find_leaks(files, WITHHELD, tmp_path) == []


def test_the_leak_check_never_writes_into_the_case(tmp_path):
    from lexmap.outputs import OutputError

    case = tmp_path / "case"
    shutil.copytree(CASE, case)
    before = sorted(p.relative_to(case) for p in case.rglob("*"))
    with pytest.raises(OutputError):
        leak_check(case, case / "mappings" / "out", site=False)
    assert sorted(p.relative_to(case) for p in case.rglob("*")) == before


def test_render_matrix_and_render_chart_take_a_profile():
    from lexmap.chart import build_chart
    from lexmap.exports import render_matrix
    from lexmap.exports.chart_files import render_chart

    full = lexmap.load(CASE, cache=False)
    public = lexmap.load(CASE, profile="public", cache=False)
    matrix = full.matrix("practices", "instruments")
    assert render_matrix(matrix, full, "csv", profile="public") == render_matrix(
        public.matrix("practices", "instruments"), public, "csv"
    )
    chart = build_chart(full, "charter/exploitation")
    assert QUOTE in render_chart(chart, "md", full).decode("utf-8")
    shown = render_chart(chart, "md", full, profile="public").decode("utf-8")
    assert QUOTE not in shown and "public edition: 4 of 11 statements withheld" in shown


# Every command of the CLI that reads a case, and what it writes: (name, arguments after the
# command, files it writes into OUT). {case} is the case, {out} the output folder, {changed} a
# copy of the case whose confidential statement has a new pinpoint and note (for diff).
COMMANDS = [
    ("validate", ["validate", "{case}"], []),
    ("info", ["info", "{case}"], []),
    *((f"list {kind}", ["list", kind, "{case}"], []) for kind in ("documents", "actors", "claims", "attestations")),
    ("show practice", ["show", "passports", "{case}"], []),
    ("show document", ["show", "report", "{case}"], []),
    ("show state", ["show", "aa", "{case}", "--on", "2020"], []),
    ("show speaker", ["show", "{speaker}", "{case}"], []),  # the confidential speaker: under public, her pseudonym
    ("gaps", ["gaps", "{case}"], []),
    *(
        (f"matrix {ext}", ["matrix", "{case}", "--rows", "practices", "-o", f"{{out}}/matrix.{ext}"], [f"matrix.{ext}"])
        for ext in ("csv", "xlsx", "md", "html", "json")
    ),
    ("matrix text", ["matrix", "{case}", "--rows", "practices"], []),
    *(
        (f"chart {ext}", ["chart", "charter/exploitation", "{case}", "-o", f"{{out}}/chart.{ext}"], [f"chart.{ext}"])
        for ext in ("docx", "html", "md")
    ),
    *(
        (f"export {fmt}", ["export", fmt, "{case}", "-o", f"{{out}}/{name}"], [name])
        for fmt, name in (
            ("json", "corpus.json"),
            ("graphml", "corpus.graphml"),
            ("gexf", "corpus.gexf"),
            ("turtle", "corpus.ttl"),
            ("jsonld", "corpus.jsonld"),
            ("csl-json", "csl.json"),
            ("annotations", "annotations.jsonld"),
            ("custody", "custody.json"),
            ("chronology", "chronology.csv"),
            ("chronology", "chronology.xlsx"),
            ("sqlite", "corpus.db"),
            ("parquet", "parquet"),
        )
    ),
    ("export json to stdout", ["export", "json", "{case}"], []),
    ("sparql", ["sparql", "SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }}", "{case}", "--format", "tsv"], []),
    ("sparql --store", ["sparql", "SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }}", "{case}", "--store", "{out}/store"], ["store"]),
    ("find", ["find", "report", "passports", "{case}"], []),
    ("diff", ["diff", "{case}", "{changed}", "--format", "json", "-o", "{out}/diff.json"], ["diff.json"]),
    ("diff text", ["diff", "{case}", "{changed}"], []),
]
NOT_PROFILED = {
    "init": "writes a new case's skeleton, no statement",
    "add document": "writes a record into the case, not an output",
    "import": "reads annotations into the case's YAML, not an output",
    "cache info": "says how large the cache is",
    "cache clear": "empties the cache",
    "leak-check": "its own --profile (internal or public), which it checks",
}


def _commands(group, prefix=""):
    import click

    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def test_every_command_that_reads_a_case_takes_the_profile_option():
    """A command added later without --profile fails here, not in a court filing."""
    from lexmap.cli.common import profile_option

    expected = next(p for p in profile_option(lambda: None).__click_params__ if p.name == "profile")
    missing = []
    for name, command in _commands(main):
        if name in NOT_PROFILED:
            continue
        option = next((p for p in command.params if p.name == "profile"), None)
        if option is None or (option.default, list(option.type.choices)) != (expected.default, list(expected.type.choices)):
            missing.append(name)
    assert missing == []
    assert set(NOT_PROFILED) <= {name for name, _ in _commands(main)}  # no stale exception
    run = {args[0] if args[0] not in ("site", "cache") else " ".join(args[:2]) for _, args, _ in COMMANDS}
    assert {name for name, _ in _commands(main)} - set(NOT_PROFILED) - run <= {"site build", "site serve"}  # slow tests below


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The case with its confidential statement's pinpoint and note changed (what diff reports)."""
    case = tmp_path_factory.mktemp("changed") / "case"
    shutil.copytree(CASE, case)
    statements = case / "mappings" / "statements.yaml"
    text = statements.read_text(encoding="utf-8")
    assert "pinpoint: answer 1\n" in text and "note: the witness's own words" in text
    text = text.replace("pinpoint: answer 1\n", "pinpoint: answer 1, second part\n").replace(
        "note: the witness's own words", "note: the witness repeated it twice"
    )
    statements.write_text(text, encoding="utf-8")
    return case


def _run(args, out, changed, profile):
    speaker = "withheld-speaker-1" if profile == "public" else "mirela-kovacevic"  # the pseudonym, in the edition
    filled = [a.format(case=CASE, out=out, changed=changed, speaker=speaker) for a in args]
    cache = [] if filled[0] in ("diff", "sparql") else ["--no-cache"]  # the two that take no --no-cache
    return CliRunner().invoke(main, [*filled, "--profile", profile, *cache])


def _shown(tmp_path, result, out, files):
    """The files to search: what the command printed (stdout and stderr) and every file it wrote."""
    (tmp_path / f"printed-{out.name}.txt").write_text(result.output, encoding="utf-8")
    written = [p for f in files for p in ([out / f] if (out / f).is_file() else sorted((out / f).rglob("*")))]
    assert all(p.exists() for p in written) and (written or not files)
    return [tmp_path / f"printed-{out.name}.txt", *(p for p in written if p.is_file())]


SHOWS_NOTHING_WITHHELD = {"info", "show state", "gaps", "matrix text", "matrix csv", "matrix md", "find"}
"""Commands whose full output holds none of the withheld strings either (counts, levels, a public text)."""


@pytest.mark.parametrize("name,args,files", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_under_public_shows_no_withheld_string(tmp_path, changed, name, args, files):
    """What each command prints and writes, searched for every string the profile withholds (the
    witness's note in both versions of the case too); the same command under the full profile
    shows them (the search can fail), but for the few that show none of them anyway."""
    strings = {*apply_profile(read_case(CASE, cache=False), "public").strings, *WITHHELD, "the witness repeated it twice"}
    assert "the witness's own words" in strings
    ok = (0, 1) if args[0] == "diff" else (0,)  # diff: 1 when the versions differ
    found = {}
    for profile in ("public", "full"):
        out = tmp_path / profile
        out.mkdir()
        result = _run(args, out, changed, profile)
        assert result.exit_code in ok and "Traceback" not in result.output, result.output
        found[profile] = find_leaks(_shown(tmp_path, result, out, files), strings, tmp_path)
    assert found["public"] == [], name
    assert (found["full"] == []) == (name in SHOWS_NOTHING_WITHHELD), (name, found["full"][:3])


def test_the_commands_give_the_same_levels_under_public_as_the_full_build(tmp_path):
    """Withholding never changes a count: the gaps, the matrix, the chart's element table and the
    database's assessments read the same under --profile public as in the full build (only the
    title line, which says the edition, differs)."""
    import sqlite3

    def run(profile, *args):
        result = CliRunner().invoke(main, [*args, str(CASE), "--no-cache", "--profile", profile])
        assert result.exit_code == 0, result.output
        return result.stdout

    for profile in ("full", "public"):
        for fmt in ("csv", "md"):
            run(profile, "matrix", "--rows", "practices", "-o", str(tmp_path / f"{profile}.{fmt}"))
        run(profile, "chart", "charter/exploitation", "-o", str(tmp_path / f"{profile}-chart.md"))
        run(profile, "export", "sqlite", "-o", str(tmp_path / f"{profile}.db"))
    assert run("full", "gaps") == run("public", "gaps") and run("full", "gaps").count("\n") >= 5
    for fmt in ("csv", "md"):
        full, public = ((tmp_path / f"{p}.{fmt}").read_text(encoding="utf-8").splitlines() for p in ("full", "public"))
        assert "public edition: 4 of 11 statements withheld" in public[0] and "withheld" not in full[0]
        assert full[1:] == public[1:] and len(full) > 3

    def elements(profile):  # the chart's table of elements: each element's status and counts
        lines = (tmp_path / f"{profile}-chart.md").read_text(encoding="utf-8").splitlines()
        start = next(n for n, line in enumerate(lines) if line.startswith("| Element"))
        return lines[start : lines.index("", start)]

    table = [elements("full"), elements("public")]
    assert table[0] == table[1] and any("corroborated, contested" in line for line in table[0])
    rows = []
    for profile in ("full", "public"):
        with sqlite3.connect(tmp_path / f"{profile}.db") as db:
            rows.append(db.execute("SELECT * FROM assessments ORDER BY practice, element").fetchall())
    assert rows[0] == rows[1]
    assert ("passports", "charter/means-force", "corroborated", 2) in [r[:4] for r in rows[0]]  # the interview counts


def _git(folder, *args):
    import subprocess

    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(folder), *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repository(tmp_path, changed):
    """A git repository of the case in two editions: the second changes the confidential claim."""
    return _history(tmp_path, lambda case: shutil.copytree(changed, case))


def _history(tmp_path, second):
    """The case committed as it is, then as ``second(folder)`` writes it anew: its folder."""
    repo = tmp_path / "repo"
    shutil.copytree(CASE, repo / "case")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "first")
    shutil.rmtree(repo / "case")
    second(repo / "case")
    _git(repo, "add", "-A", ".")
    _git(repo, "commit", "-qm", "second")
    return repo / "case"


def test_the_changes_since_page_reads_the_old_edition_under_the_same_profile(repository):
    """``site build --profile public --since REV``: the earlier edition is read under the profile
    too, so its Changes page neither shows the old withheld words nor reports every withheld
    statement as changed (the full old case against the public new one would)."""
    from lexmap.cli.diff import changes_since

    strings = {*apply_profile(read_case(repository, cache=False), "public").strings, "the witness's own words"}
    public = lexmap.load(repository, profile="public", cache=False)
    full = lexmap.load(repository, cache=False)
    _label, page = changes_since(repository, "HEAD~1", public)
    shown = repository.parent.parent / "changes.md"
    shown.write_text(page, encoding="utf-8")
    assert find_leaks([shown], strings) == []
    assert "withheld-claim-1" not in page  # its pinpoint and note are withheld in both editions: no change shown
    _label, whole = changes_since(repository, "HEAD~1", full)
    assert "kova-passports-safe" in whole and "the witness repeated it twice" in whole  # the full edition shows it


def test_site_serve_serves_the_edition_of_its_profile(monkeypatch, tmp_path):
    """``site serve --profile public``: the first build's configuration names the profile, which
    the hook loads the case under (lexmap/site/mkdocs_hook.py), and every reload after an edit
    (lexmap/site/incremental.py) reads the same edition: no withheld string reaches a page served
    after a save."""
    from pathlib import Path

    import yaml

    from lexmap.site import incremental, mkdocs_api

    seen: dict = {}

    class Server:  # stands for mkdocs' server: serving is one reload, as after a save
        def __init__(self, builder, dev_addr, root, mount):
            self.root = root

        def watch(self, path):
            if path.endswith(".yml"):
                seen.update(yaml.safe_load(open(path, encoding="utf-8"))["extra"]["lexmap"])

        def serve(self):
            assert incremental.SESSION is not None
            seen["reloaded"] = incremental.SESSION.load()
            seen["pages"] = "".join(p.read_text(encoding="utf-8") for p in Path(self.root).rglob("*.html"))

        def shutdown(self):
            pass

    monkeypatch.setattr(mkdocs_api, "private_server", Server)
    result = CliRunner().invoke(main, ["site", "serve", str(CASE), "--no-cache", "--profile", "public"])
    assert result.exit_code == 0, result.output
    assert seen["profile"] == "public" and seen["serve"] is True
    assert "profile public: 4 statement(s) withheld" in result.output
    reloaded = seen["reloaded"]
    assert reloaded.case.profile == "public"
    quotes = " ".join(s.quote for s in (*reloaded.claims.values(), *reloaded.attestations.values()))
    assert seen["pages"] and not [w for w in WITHHELD if w in quotes or w in seen["pages"]]


@pytest.mark.slow  # builds the site
def test_site_build_under_public_with_since_shows_no_withheld_string(repository, tmp_path):
    """The whole site of the second edition, its Changes page and timeline included."""
    site = tmp_path / "site"
    result = CliRunner().invoke(
        main, ["site", "build", str(repository), "--no-cache", "--profile", "public", "--since", "HEAD~1", "-o", str(site)]
    )
    assert result.exit_code == 0, result.output
    assert (site / "changes.html").is_file() and (site / "timeline.html").is_file()
    timeline = (site / "timeline.html").read_text(encoding="utf-8")
    assert "2019-03" in timeline and "confidential source 1" in timeline  # the withheld claim is dated, under its placeholder
    strings = {*apply_profile(read_case(repository, cache=False), "public").strings, *WITHHELD, "the witness's own words"}
    files = sorted(p for p in site.rglob("*") if p.is_file())
    assert find_leaks(files, strings, tmp_path) == []


def test_diff_of_an_edition_under_a_profile_that_withholds_more_is_one_line(tmp_path):
    internal = tmp_path / "internal.json"
    result = CliRunner().invoke(main, ["export", "json", str(CASE), "--profile", "internal", "-o", str(internal)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["diff", str(internal), str(CASE), "--profile", "public"])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert f"{internal}: this corpus is the internal edition of a case" in result.output
    assert "hint: give the case's folder, not an export of an edition" in result.output


def test_the_custody_manifest_under_public_names_no_hash_date_or_page_of_what_it_withholds(tmp_path):
    """Attack round 8, F6: the custody manifest of the public edition gave the confidential
    document's SHA-256 (of the file read, which identifies it) and its retrieval date, and the
    pages of withheld statements."""
    secret = "193af1121fe65ac2c691898b960ac0706490c55109b4347f0a96f618cb3a684d"
    assert read_case(CASE, cache=False).texts["kova-interview-tirana"].sha256 == secret  # the file was read
    shown = {}
    for profile in ("full", "public"):
        out = tmp_path / f"{profile}.json"
        result = CliRunner().invoke(main, ["export", "custody", str(CASE), "-o", str(out), "--profile", profile, "--no-cache"])
        assert result.exit_code == 0, result.output
        shown[profile] = {d["title"]: d for d in json.loads(out.read_text(encoding="utf-8"))["documents"]}
    full = shown["full"]["Interview with a returned nurse, Tirana"]
    assert (full["sha256"], full["sha256_read"], full["retrieved"]) == (secret, secret, "2023-06-14")
    (withheld,) = [d for title, d in shown["public"].items() if title.startswith("confidential source")]
    assert (withheld["sha256"], withheld["sha256_read"], withheld["retrieved"], withheld["url"]) == (None,) * 4
    assert withheld["quotes_checked"] == full["quotes_checked"]  # counted, not shown
    assert secret not in (tmp_path / "public.json").read_text(encoding="utf-8")


def test_a_public_documents_pages_keep_no_withheld_statement():
    """A PDF's text status maps statement ids to pages: the restricted statement of a public
    document must not stay there under its own id."""
    import attrs

    read = read_case(CASE, cache=False)
    pages = {"report-restricted-wages": (3, "3", 3, "3"), "report-passports-force": (1, "1", 1, "1")}
    read.texts["report"] = attrs.evolve(read.texts["report"], pages=pages)
    edition = apply_profile(read, "public").records
    assert set(edition.texts["report"].pages) == {"report-passports-force"}
    assert all(not t.pages for d, t in edition.texts.items() if d.startswith("withheld-"))


def _case_with(tmp_path, collection, yaml_text):
    """A copy of the profiles fixture with ``yaml_text`` appended to ``mappings/{collection}``."""
    case = tmp_path / "case"
    shutil.copytree(CASE, case)
    with (case / "mappings" / collection).open("a", encoding="utf-8") as out:
        out.write(yaml_text)
    return case


def test_a_public_statement_translated_by_a_confidential_actor_names_her_pseudonym(tmp_path):
    """Attack round 9, F1: ``translation_by`` of a public reading (and claim) named the confidential
    witness by her id, her name as a slug, in every output under --profile public."""
    case = _case_with(
        tmp_path,
        "statements.yaml",
        "readings:\n  - id: article-reads-force\n    document: article\n    about: [charter/art-3]\n"
        "    pinpoint: para. 4\n    quote: officials say the passports are kept safe\n"
        "    translation: the officials say the passports are safe\n    translation_by: mirela-kovacevic\n",
    )
    text = (case / "mappings" / "statements.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    pinpoint: para. 6\n    quote: wages are paid in full\n",
        "    pinpoint: para. 6\n    quote: wages are paid in full\n    translation: wages are paid in full\n"
        "    translation_by: mirela-kovacevic\n",
    )
    (case / "mappings" / "statements.yaml").write_text(text, encoding="utf-8")
    public = lexmap.load(case, profile="public", cache=False)
    reading, exhibit = public.readings["article-reads-force"], public.exhibits["article-wages-indicator"]
    assert reading.translation_by == exhibit.translation_by == "withheld-speaker-1"
    from lexmap.languages import translation_line

    assert translation_line(reading, public.actors) == (
        "Translation (confidential speaker 1): the officials say the passports are safe"
    )
    assert lexmap.load(case, cache=False).readings["article-reads-force"].translation_by == "mirela-kovacevic"
    report = leak_check(case, tmp_path / "out", profile="public", site=False)
    assert report.leaks == (), report.leaks[:3]


def _affixes(case, profile):
    result = CliRunner().invoke(main, ["export", "annotations", str(case), "--profile", profile, "--no-cache"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)["first"]["items"]
    document = {i["id"]: next(b["value"] for b in i["body"] if b["value"].startswith("document:")) for i in items}
    return {
        (document[i["id"]], s[key]) for i in items for s in i["target"]["selector"] for key in ("prefix", "suffix") if key in s
    }


def test_the_public_annotations_keep_no_text_around_a_quote_where_a_withheld_one_may_lie(tmp_path):
    """Attack round 9, F6: a public quote's prefix and suffix (32 characters of the document's
    text) held pieces of the restricted quote beside it ("ne depot shows no wages.\\n\\np. 6. ").
    A document from which the edition withholds a statement gives no affix; leak-check finds any
    three words of a withheld quote in an affix of its document."""
    full = _affixes(CASE, "full")
    assert any("depot shows no wages" in a for _d, a in full)  # the full export keeps them: the test can fail
    public = _affixes(CASE, "public")
    assert not any(d == "document:report" for d, _a in public), public
    annotations = tmp_path / "full.jsonld"
    result = CliRunner().invoke(main, ["export", "annotations", str(CASE), "-o", str(annotations), "--no-cache"])
    assert result.exit_code == 0, result.output
    read = read_case(CASE, cache=False)
    from lexmap.leaks import affix_leaks

    found = affix_leaks([annotations], apply_profile(read, "public"), read, tmp_path)
    assert any("depot shows no wages" in leak.string for leak in found), found
    assert {leak.member for leak in found} <= {"prefix", "suffix"}


def test_the_leak_check_finds_a_withheld_quotes_words_in_an_annotation_affix(tmp_path, monkeypatch):
    """The leak check reads the annotations export's affixes: with the affixes kept as before
    the fix, it reports the restricted quote's words."""
    import lexmap.annotations

    monkeypatch.setattr(lexmap.annotations, "withheld_from", lambda corpus: set())
    report = leak_check(CASE, tmp_path / "out", profile="public", site=False)
    assert any("depot shows no wages" in leak.string and leak.file.startswith("corpus-annotations") for leak in report.leaks)


def _made_confidential(folder, when="2019-04"):
    """The profiles case with its public claim ``report-passports-force`` made confidential (it
    comes first: every later withheld claim's number moves) and the withheld claim's ``when`` changed."""
    shutil.copytree(CASE, folder)
    statements = folder / "mappings" / "statements.yaml"
    text = statements.read_text(encoding="utf-8")
    assert text.count("    quote: taking their passports is force\n") == 1 and text.count("when: 2019-03\n") == 1
    text = text.replace(
        "    quote: taking their passports is force\n",
        "    quote: taking their passports is force\n    visibility: confidential\n",
    )
    statements.write_text(text.replace("when: 2019-03\n", f"when: {when}\n"), encoding="utf-8")
    return folder


def _statement_changes(old, new):
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--profile", "public", "--format", "json"])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    found = json.loads(result.stdout)
    shown = json.dumps({k: v for k, v in found.items() if k not in ("old", "new")})  # not the folders' names
    assert "visibility" not in shown and "confidential" not in shown, shown
    return {(s["change"], s["id"]): [f["field"] for f in s["fields"]] for s in found["statements"]}, found


def _pseudonym(case, when):
    public = lexmap.load(case, profile="public", cache=False)
    (claim,) = [c.id for c in public.claims.values() if c.when == when]
    return claim


def test_a_claim_made_confidential_reads_as_one_removed_statement_in_the_profiled_diff(tmp_path):
    """Attack round 9, F11: the diff under --profile public paired pseudonyms numbered afresh in
    each version: one claim made confidential read as "1 added, 1 removed, 3 changed" (three
    statements that had not changed), and pointed at the withdrawn claim's withheld form with its
    visibility. Both versions are made with one set of pseudonyms (the new version's are its
    edition's): the claim reads as one removed, the withheld claim that changed as itself."""
    new = _made_confidential(tmp_path / "new")
    changes, found = _statement_changes(CASE, new)
    kept = _pseudonym(new, "2019-04")  # the witness's claim, withheld in both
    assert changes == {("removed", "report-passports-force"): [], ("changed", kept): ["when"]}, changes
    assert found["cells"] == [] and found["gaps"] == [] and found["levels"] == []
    back, _found = _statement_changes(new, CASE)  # made public again: one added
    assert back == {("added", "report-passports-force"): [], ("changed", _pseudonym(CASE, "2019-03")): ["when"]}, back


def test_the_changes_since_page_pairs_no_pseudonyms_of_different_statements(tmp_path):
    """The "Changes since" page of ``site build --since REV --profile public``: the same rule, and
    a withheld statement is named by its pseudonym on this edition's pages."""
    from lexmap.cli.diff import changes_since

    case = _history(tmp_path, _made_confidential)
    public = lexmap.load(case, profile="public", cache=False)
    _label, page = changes_since(case, "HEAD~1", public)
    kept = _pseudonym(case, "2019-04")
    assert "Statements (2: 1 removed, 1 changed)" in page, page
    assert "report-passports-force" in page and f"claim {kept}" in page and "visibility" not in page
    others = {c for c in public.claims if c.startswith("withheld-") and c != kept}
    assert others and not any(other in page for other in others), page


def test_a_document_made_confidential_reads_as_removed_with_nothing_pointing_at_its_pseudonym(tmp_path):
    """A public document made confidential: the document and its public statements read as
    removed; neither the report that cites it nor the statement withheld in both versions (the
    witness's, in the article) says that its document is a withheld source now."""
    new = tmp_path / "new"
    shutil.copytree(CASE, new)
    documents = new / "mappings" / "documents.yaml"
    url = "    url: https://example.org/news/officials-deny-forced-labour\n"
    documents.write_text(
        documents.read_text(encoding="utf-8").replace(url, url + "    visibility: confidential\n"), encoding="utf-8"
    )
    changes, found = _statement_changes(CASE, new)
    assert changes == {("removed", "article-passports-force"): [], ("removed", "article-wages-indicator"): []}, changes
    assert [(r["change"], r["kind"], r["id"]) for r in found["records"]] == [("removed", "document", "article")], found["records"]
    assert "withheld-source" not in json.dumps(found), found


def _broken(tmp_path, old: str, new: str, file: str = "statements.yaml"):
    case = tmp_path / "case"
    shutil.copytree(CASE, case)
    path = case / "mappings" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return case


PROBLEMS = {  # a problem in a withheld record, or one naming it: (old, new, file, the line printed)
    "withheld quote": (f"quote: {QUOTE}", f"quote: {QUOTE.replace('his', 'his big')}", "statements.yaml", "statements.yaml:35:5"),
    "withheld document's hash": ("sha256: 193af1", "sha256: 093af1", "documents.yaml", "documents.yaml:"),
    "public claim naming a withheld id": ("practice: wages\n    element: charter/wages-paid\n    stance: supports\n    pinpoint: p. 5",
                                          "practice: kova-interview-tirana\n    element: charter/wages-paid\n    stance: supports\n    pinpoint: p. 5",
                                          "statements.yaml", "[report-wages]"),
}  # fmt: skip


@pytest.mark.parametrize("name", PROBLEMS)
def test_a_problem_under_a_profile_prints_no_withheld_words(tmp_path, name):
    """Attack round 11, F2: validate, site build (every command) printed a problem in a withheld
    record with its id, its document's id, its quote and the confidential text around it: a CI
    log of the public edition held what the edition withholds. Now: where it is, what in general
    terms, and to run without the profile; without one, the problem in full."""
    old, new, file, where = PROBLEMS[name]
    case = _broken(tmp_path, old, new, file)
    leaked = (*WITHHELD, "We were to", "Coordinatorul")
    for command in (["validate"], ["leak-check"], ["site", "build", "-o", str(tmp_path / "site")]):
        result = CliRunner().invoke(main, [*command, str(case), "--no-cache", "--profile", "public"])
        assert result.exit_code == 1, result.output
        assert where in result.stderr and "run lexmap validate without --profile to see this problem" in result.stderr
        assert not [s for s in leaked if s in result.output], (command, result.output)
    result = CliRunner().invoke(main, ["diff", str(case), str(CASE), "--profile", "public"])
    assert "withheld under --profile public" in result.stderr and not [s for s in leaked if s in result.output]
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(case, cache=False, profile="internal")
    assert not [s for s in leaked[:7] if s in str(raised.value)]  # internal shows the restricted ones
    full = CliRunner().invoke(main, ["validate", str(case), "--no-cache"])
    assert "kova-interview-tirana" in full.stderr  # without a profile: all of it
