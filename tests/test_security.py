"""Safe when shared (issue 26): a case from someone else, a cache on a shared machine, a
published site. Nothing a manifest says runs as HTML, nothing cached is believed unless this
user wrote it, nothing outside the case is read, nothing lexmap did not write is destroyed.
"""

from __future__ import annotations

import html.parser
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from synthetic import tree
from test_site import UNSAFE, _Server, browser, page  # noqa: F401 - the browser harness's fixtures

from conftest import CORPORA

HOSTILE = CORPORA / "hostile"
XSS = {  # every text field of the manifest, each with its own payload
    "title": "T<img src=x onerror=alert('title')>",
    "description": "D<img src=x onerror=alert('description')> **bold** [l](javascript:alert(1))",
    "licence": "L<img src=x onerror=alert('licence')><script>alert('licence')</script>",
    "notes": "N<img src=x onerror=alert('notes')>",
}
LAW_NAME = "law<img src=x onerror=alert('law')>"


def hostile_case(root: Path) -> Path:
    """The hostile corpus as a case whose manifest is hostile in every field it has."""
    import yaml

    case = root / "case"
    shutil.copytree(HOSTILE / "mappings", case)
    shutil.copytree(HOSTILE / "instruments", case / LAW_NAME)
    manifest = {**XSS, "date": "2024-01-01", "law": [LAW_NAME], "texts_not_included": ["evil-doc"]}
    (case / "lexmap.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return case


@pytest.fixture(scope="module")
def hostile_manifest_site(tmp_path_factory):
    from lexmap.site.build import build_site

    root = tmp_path_factory.mktemp("manifest")
    site = root / "site"
    build_site(hostile_case(root), site, strict=True)
    return site


class _Elements(html.parser.HTMLParser):
    """The elements a page's HTML makes that no lexmap template makes: an image, an event handler."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        handlers = [name for name, _value in attrs if name.startswith("on")]
        if tag == "img" or handlers:
            self.found.append(f"<{tag} {' '.join(handlers)}>")
        self.in_script = tag == "script"

    def handle_data(self, data):
        if self.in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag):
        self.in_script = False


def _injected(text: str) -> list[str]:
    parser = _Elements()
    parser.feed(text)
    return parser.found


# -- 1. everything a page shows is escaped ----------------------------------------------------


@pytest.mark.slow  # builds a site
def test_the_manifest_reaches_no_page_as_html(hostile_manifest_site):
    pages = sorted(hostile_manifest_site.rglob("*.html"))
    assert len(pages) > 10
    for html_page in pages:
        text = html_page.read_text(encoding="utf-8")
        assert not UNSAFE.search(text), html_page
        assert _injected(text) == [], html_page
    index = (hostile_manifest_site / "index.html").read_text(encoding="utf-8")
    assert "T&lt;img src=x onerror=alert(&#39;title&#39;)&gt;" in index  # shown, as text
    assert "&amp;lt;" not in index  # and escaped once, not twice


@pytest.mark.slow  # builds a site
def test_the_manifest_runs_no_script_in_a_browser(page, hostile_manifest_site):  # noqa: F811
    server = _Server(hostile_manifest_site)
    try:
        for html_page in sorted(hostile_manifest_site.rglob("*.html")):
            page.goto(server.url + html_page.relative_to(hostile_manifest_site).as_posix())
            assert (
                page.locator("img[src='x'], script:not([src])").evaluate_all(
                    "nodes => nodes.filter(n => n.tagName == 'IMG' || /alert/.test(n.textContent)).length"
                )
                == 0
            ), html_page
        page.goto(server.url + "index.html")
        assert XSS["title"] in page.locator(".md-header__topic").first.inner_text()
        assert XSS["licence"] in page.locator(".md-copyright").inner_text()
        assert page.locator("meta[name=description]").get_attribute("content").startswith("D<img")
        assert page.title().endswith(XSS["title"])
        assert page.dialogs == []
    finally:
        server.httpd.shutdown()


# -- 2. caches that are yours and cannot lie ---------------------------------------------------


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("LEXMAP_CACHE_DIR", str(folder))
    monkeypatch.delenv("LEXMAP_NO_CACHE", raising=False)
    monkeypatch.delenv("LEXMAP_TEXTS", raising=False)
    from lexmap.exports import chart_citations, note_cache

    monkeypatch.setattr(note_cache, "_open", {})  # as a new process: no notes read yet
    chart_citations._note_of.cache_clear()
    yield folder
    chart_citations._note_of.cache_clear()


@pytest.fixture
def case(tmp_path):
    target = tmp_path / "case"
    shutil.copytree(CORPORA / "full", target)
    return target


def _run(*args, env=None):
    from click.testing import CliRunner

    from lexmap.cli import main

    return CliRunner().invoke(main, list(args), env=env)


def _forge(entry: Path, edits: dict[bytes, bytes]) -> None:
    """What anyone who can write the entry can do without the key: edit its records, make its
    file hashes match the files as they are now, and redo its unkeyed SHA-256 line."""
    import hashlib
    import json

    first, _, body = entry.read_bytes().partition(b"\n")
    for old, new in edits.items():
        assert old in body
        body = body.replace(old, new)
    lines = body.split(b"\n")
    meta = json.loads(lines[1])
    meta["files"] = [[name, hashlib.sha256(Path(name).read_bytes()).hexdigest()] for name, _sha in meta["files"]]
    lines[1] = json.dumps(meta, ensure_ascii=False).encode("utf-8")
    body = b"\n".join(lines)
    magic, version, _mac = first.split(b" ")
    entry.write_bytes(b" ".join([magic, version, hashlib.sha256(body).hexdigest().encode()]) + b"\n" + body)


FORGERY = {
    b'"report-passports-force","report",': b'"report-passports-force","no-such-document",',
    b'"taking their passports is force"': b'"a quote no document holds"',
}


def test_a_forged_cache_entry_is_never_believed(case, cache_folder):
    assert _run("validate", str(case)).exit_code == 0  # cached
    statements = case / "mappings" / "statements.yaml"
    text = statements.read_text(encoding="utf-8")
    statements.write_text(
        text.replace("document: report\n", "document: no-such-document\n", 1).replace(
            "taking their passports is force", "a quote no document holds"
        ),
        encoding="utf-8",
    )
    (entry,) = cache_folder.glob("corpus-*.lexmap-cache")
    _forge(entry, FORGERY)  # the entry now matches the edited files and says they are valid
    result = _run("validate", str(case))
    assert result.exit_code == 1 and "valid" not in result.stdout
    assert "unknown document 'no-such-document'" in result.stderr


def test_a_forged_entry_for_unchanged_files_is_a_miss(case, cache_folder):
    import lexmap

    truth = lexmap.load(case, cache=False)
    lexmap.load(case)
    (entry,) = cache_folder.glob("corpus-*.lexmap-cache")
    _forge(entry, FORGERY)
    loaded = lexmap.load(case)
    assert loaded.claims["report-passports-force"] == truth.claims["report-passports-force"]
    shown = _run("show", "report-passports-force", str(case))
    assert "a quote no document holds" not in shown.output and "taking their passports is force" in shown.output


def test_cache_files_are_private_whatever_the_umask(case, cache_folder, bundled):
    import os

    from lexmap.exports import chart_citations

    old = os.umask(0)
    try:
        assert _run("validate", str(case)).exit_code == 0
        chart_citations.citation(next(iter(bundled.documents.values())), "p. 9")
    finally:
        os.umask(old)
    assert cache_folder.stat().st_mode & 0o777 == 0o700
    files = list(cache_folder.iterdir())
    assert {p.name.split("-")[0] for p in files} == {"corpus", "key.lexmap", "notes"}
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in files), [(p.name, oct(p.stat().st_mode)) for p in files]


@pytest.mark.parametrize("mode", [0o775, 0o757, 0o777])
def test_a_cache_folder_others_can_write_is_refused_with_one_line(case, cache_folder, mode):
    import os
    import subprocess
    import sys

    cache_folder.mkdir()
    cache_folder.chmod(mode)
    result = subprocess.run(
        [sys.executable, "-m", "lexmap", "validate", str(case)],
        capture_output=True,
        text=True,
        env=dict(os.environ, LEXMAP_CACHE_DIR=str(cache_folder)),
    )
    assert result.returncode == 0  # a cache refused costs time, nothing else
    said = [line for line in result.stderr.splitlines() if "cache folder" in line]
    assert len(said) == 1 and "others can write in it" in said[0] and f"{mode:04o}" in said[0]
    assert list(cache_folder.iterdir()) == []
    info = _run("cache", "info")
    assert info.exit_code == 2 and "others can write in it" in info.output and "Traceback" not in info.output


def test_notes_are_never_appended_through_a_planted_link(cache_folder, tmp_path, bundled, monkeypatch):
    from lexmap.exports import chart_citations, note_cache

    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n", encoding="utf-8")
    cache_folder.mkdir(mode=0o700)
    path = chart_citations._notes().path  # the notes file this run appends to
    monkeypatch.setattr(note_cache, "_open", {})
    path.symlink_to(victim)  # planted by someone who could write there
    chart_citations.citation(next(iter(bundled.documents.values())), "p. 4")
    assert victim.read_text(encoding="utf-8") == "mine\n"


def test_forged_footnotes_are_ignored(cache_folder, bundled, monkeypatch):
    import json

    from lexmap.exports import chart_citations, note_cache

    document = next(iter(bundled.documents.values()))
    real = chart_citations.plain(chart_citations.citation(document, "p. 5"))
    (notes,) = cache_folder.glob("notes-*.jsonl")
    entry = json.loads(notes.read_text().splitlines()[0])
    import hashlib

    forged = [["A forged footnote", False]]
    entry.update(note=forged, check=hashlib.sha256((entry["key"] + json.dumps(forged)).encode()).hexdigest()[:16])
    notes.write_text(json.dumps(entry) + "\n")
    monkeypatch.setattr(note_cache, "_open", {})
    chart_citations._note_of.cache_clear()
    assert chart_citations.plain(chart_citations.citation(document, "p. 5")) == real


def test_cache_clear_removes_only_lexmaps_own_entries(case, tmp_path, monkeypatch):
    documents = tmp_path / "Documents"
    documents.mkdir()
    mine = {
        "corpus-report.lexmap-cache": b"my report",
        "notes-2024.jsonl": b'{"key": "x"}\n',
        ".corpus-x.lexmap-cache.1.tmp": b"draft",
        "key.txt": b"k",
    }
    for name, data in mine.items():
        (documents / name).write_bytes(data)
        (documents / name).chmod(0o600)
    monkeypatch.setenv("LEXMAP_CACHE_DIR", str(documents))
    assert _run("validate", str(case)).exit_code == 0  # lexmap writes its entry there
    cleared = _run("cache", "clear")
    assert cleared.exit_code == 0 and "removed 1 cache file" in cleared.stdout
    assert "kept 3 files named like lexmap's" in cleared.stderr
    assert {p.name: p.read_bytes() for p in documents.iterdir() if p.name in mine} == mine


# -- two users on one machine ----------------------------------------------------------------------


def _need_root() -> None:
    import os

    if os.geteuid() != 0:
        message = "creating a second user (useradd) needs root: run the suite as root, as CI does"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def two_users():
    """Two new accounts (uid, gid), removed afterwards."""
    import os
    import pwd
    import secrets
    import subprocess

    _need_root()
    names = [f"lxtest{secrets.token_hex(3)}{which}" for which in "ab"]
    made = []
    try:
        for name in names:
            subprocess.run(["useradd", "-M", "-r", "-s", "/usr/sbin/nologin", name], check=True, capture_output=True)
            made.append(name)
        yield [(pwd.getpwnam(n).pw_uid, pwd.getpwnam(n).pw_gid) for n in names]
    finally:
        for name in made:
            subprocess.run(["userdel", name], capture_output=True)
    assert os.geteuid() == 0


def _as_user(user, env: dict, action):
    """``action()`` run in a child process that is ``user`` (uid, gid) with ``env`` set: its
    result, or the name of the exception it raised. (A fork, not an exec: the interpreter lives
    under /root, which another user cannot enter; everything needed is imported before.)"""
    import os
    import pickle

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(user[1])
            os.setuid(user[0])
            for name in ("LEXMAP_CACHE_DIR", "XDG_CACHE_HOME", "LEXMAP_NO_CACHE", "LEXMAP_TEXTS"):
                os.environ.pop(name, None)
            os.environ.update(env)
            try:
                result = action()
            except Exception as error:  # noqa: BLE001 - reported to the parent
                result = f"raised {type(error).__name__}: {error}"
            os.write(write, pickle.dumps(result))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as stream:
        data = stream.read()
    os.waitpid(pid, 0)
    return pickle.loads(data)


def test_a_second_user_can_neither_read_nor_forge_the_first_users_cache(two_users, case, monkeypatch):
    import json
    import os
    import tempfile

    import lexmap
    import lexmap.cli  # noqa: F401 - imported before the fork
    from lexmap import cache as corpus_cache

    alice, bob = two_users
    truth = lexmap.load(case, cache=False)
    shared = Path(tempfile.mkdtemp(prefix="lexmap-two-users-"))
    try:
        shared.chmod(0o755)
        shutil.copytree(case, shared / "case")
        for path in (shared / "case", *(shared / "case").rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        homes = {}
        for name, user in (("alice", alice), ("bob", bob)):
            homes[name] = shared / name
            homes[name].mkdir(mode=0o755)
            os.chown(homes[name], *user)
        team = shared / "team-cache"
        team.mkdir()
        os.chown(team, *bob)
        team.chmod(0o700)
        where = shared / "case"

        def alice_loads():
            os.umask(0o022)
            corpus = lexmap.load(where)
            folder = corpus_cache.cache_dir()
            return [
                str(folder),
                oct(folder.stat().st_mode & 0o777),
                sorted((p.name, oct(p.stat().st_mode & 0o777)) for p in folder.iterdir()),
                corpus.claims["report-passports-force"].quote,
            ]

        folder, mode, files, quote = _as_user(alice, {"HOME": str(homes["alice"])}, alice_loads)
        assert (
            folder.startswith(str(homes["alice"])) and mode == "0o700" and quote == truth.claims["report-passports-force"].quote
        )
        assert [m for _n, m in files] == ["0o600"] * len(files) and len(files) == 2

        def bob_tries():
            found = []
            for attempt in (
                lambda: os.listdir(folder),
                lambda: (Path(folder) / files[0][0]).read_bytes(),
                lambda: (Path(folder) / "corpus-planted.lexmap-cache").write_bytes(b"x"),
            ):
                try:
                    attempt()
                    found.append("allowed")
                except PermissionError:
                    found.append("refused")
            # bob's own team cache: a valid entry of his, forged and signed again with his own key
            os.environ["LEXMAP_CACHE_DIR"] = str(team)
            lexmap.load(where)
            (entry,) = team.glob("corpus-*.lexmap-cache")
            first, _, body = entry.read_bytes().partition(b"\n")
            body = body.replace(b'"taking their passports is force"', b'"a quote no document holds"')
            key = (team / "key.lexmap-secret").read_bytes()
            from lexmap.cache_folder import sign

            entry.write_bytes(b" ".join(first.split(b" ")[:2] + [sign(key, body).encode()]) + b"\n" + body)
            for path in team.iterdir():
                path.chmod(0o644)  # and lets everyone use it
            team.chmod(0o755)
            return found

        assert _as_user(bob, {"HOME": str(homes["bob"])}, bob_tries) == ["refused"] * 3

        def alice_uses_the_team_cache():
            corpus = lexmap.load(where)
            return [corpus.claims["report-passports-force"].quote, json.dumps(sorted(p.name for p in team.iterdir()))]

        quote, _listing = _as_user(alice, {"HOME": str(homes["alice"]), "LEXMAP_CACHE_DIR": str(team)}, alice_uses_the_team_cache)
        assert quote == truth.claims["report-passports-force"].quote  # bob's forgery is not believed
    finally:
        shutil.rmtree(shared, ignore_errors=True)


# -- 4. outputs that know what they wrote --------------------------------------------------------

SMALL = CORPORA / "small"


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("built") / "site"
    result = _run("site", "build", str(SMALL), "-o", str(site))
    assert result.exit_code == 0, result.output
    return site


@pytest.mark.slow  # builds a site
def test_the_marker_lists_every_file_lexmap_wrote_and_its_kind(built_site):
    import hashlib
    import json

    from lexmap.outputs import OWNED_FOLDER_MARKER

    marker = json.loads((built_site / OWNED_FOLDER_MARKER).read_text())
    files = {name: hashlib.sha256(data).hexdigest() for name, data in tree(built_site).items() if name != OWNED_FOLDER_MARKER}
    assert marker["kind"] == "site" and marker["files"] == files and len(files) > 20


@pytest.mark.slow  # builds a site
def test_a_site_copied_into_a_web_root_is_never_rebuilt_over_the_other_files(built_site, tmp_path):
    webroot = tmp_path / "webroot"
    webroot.mkdir()
    (webroot / "index.php").write_text("<?php // the organisation's own page")
    (webroot / "reports").mkdir()
    (webroot / "reports" / "annual.pdf").write_bytes(b"%PDF years of work")
    shutil.copytree(built_site, webroot, dirs_exist_ok=True)  # cp -a site/. webroot/
    before = tree(webroot)
    result = _run("site", "build", str(SMALL), "-o", str(webroot))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "which lexmap did not write there" in result.stderr and ("index.php" in result.stderr or "annual.pdf" in result.stderr)
    assert "hint: move what is yours out of the folder" in result.stderr
    assert tree(webroot) == before


@pytest.mark.slow  # builds a site
def test_a_page_changed_after_the_build_is_not_replaced(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / "index.html").write_text("my own edits")
    result = _run("site", "build", str(SMALL), "-o", str(site))
    assert result.exit_code == 2 and "'index.html'" in result.stderr and "changed since lexmap wrote it" in result.stderr
    assert (site / "index.html").read_text() == "my own edits"


@pytest.mark.slow  # builds a site
@pytest.mark.parametrize("change", ["same size, times set back", "a file added", "a file replaced by a copy"])
def test_a_folder_found_lexmaps_once_is_read_again_after_any_change(built_site, tmp_path, change):
    """A build checks its output up to three times and reads its files once (the folder's status
    is kept, lexmap.owned_folders._VERIFIED): any change after the first check is still seen."""
    from lexmap.outputs import is_owned

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    assert is_owned(site, "site")  # read and kept
    home = site / "index.html"
    if change == "same size, times set back":
        before = home.stat()
        data = home.read_bytes()
        home.write_bytes(data[:-1] + (b"X" if data[-1:] != b"X" else b"Y"))
        os.utime(home, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif change == "a file added":
        (site / "notes.txt").write_text("mine")
    else:
        copy = tmp_path / "copy.html"
        copy.write_bytes(home.read_bytes().replace(b"<html", b"<HTML", 1))
        os.replace(copy, home)
    assert not is_owned(site, "site")
    assert not is_owned(site)


@pytest.mark.slow  # builds a site
def test_a_rebuild_reads_the_old_site_once(built_site, tmp_path, monkeypatch):
    """The command's check, the build's and the swap's: the old site's files hashed once, the
    new site's once (for its marker)."""
    import json

    from lexmap import owned_folders
    from lexmap.outputs import OWNED_FOLDER_MARKER

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    files = len(json.loads((site / OWNED_FOLDER_MARKER).read_text())["files"])
    hashed = []
    real = owned_folders.file_sha256
    monkeypatch.setattr(owned_folders, "file_sha256", lambda *a, **k: hashed.append(a) or real(*a, **k))
    assert _run("site", "build", str(SMALL), "-o", str(site)).exit_code == 0
    assert len(hashed) == 2 * files


@pytest.mark.parametrize(
    "marker",
    [
        "",
        '{"written_by": "lexmap"}',
        '{"written_by": "lexmap", "kind": "site", "files": {}}',
        '{"written_by": "lexmap", "kind": "site", "files": {"thesis.docx": "0"}}',
    ],
    ids=["empty", "old form", "no files", "wrong hash"],
)
def test_an_empty_or_forged_marker_is_not_ownership(tmp_path, marker):
    from lexmap.outputs import OWNED_FOLDER_MARKER

    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "thesis.docx").write_text("years of work")
    (documents / OWNED_FOLDER_MARKER).write_text(marker)
    before = tree(documents)
    for command in (
        ["site", "build", str(SMALL), "-o", str(documents)],
        ["export", "parquet", str(SMALL), "-o", str(documents)],
        ["sparql", "ASK {}", str(SMALL), "--store", str(documents)],
    ):
        result = _run(*command)
        assert result.exit_code == 2 and "Traceback" not in result.output, (command, result.output)
        assert tree(documents) == before


@pytest.mark.slow  # builds a site
def test_one_kind_of_output_never_replaces_another(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    before = tree(site)
    parquet = _run("export", "parquet", str(SMALL), "-o", str(site))
    assert parquet.exit_code == 2 and "holds a lexmap site, not a Parquet export" in parquet.stderr
    store = _run("sparql", "ASK {}", str(SMALL), "--store", str(site))
    assert store.exit_code == 2 and "holds a lexmap site, not a SPARQL store" in store.stderr
    assert tree(site) == before
    tables = tmp_path / "tables"
    assert _run("export", "parquet", str(SMALL), "-o", str(tables)).exit_code == 0
    again = _run("site", "build", str(SMALL), "-o", str(tables))
    assert again.exit_code == 2 and "holds a lexmap Parquet export, not a site" in again.stderr
    assert _run("export", "parquet", str(SMALL), "-o", str(tables)).exit_code == 0  # its own kind: replaced


def test_one_folder_ownership_mechanism():
    import inspect

    import lexmap.exports.parquet
    import lexmap.sparql

    for module in (lexmap.exports.parquet, lexmap.sparql):
        source = inspect.getsource(module)
        assert "replaced_folder" in source and "rmtree" not in source and "mkdtemp" not in source, module.__name__


# -- 3. a case is a closed world -------------------------------------------------------------------


def _manifest(case: Path, law: str) -> None:
    text = (case / "lexmap.yaml").read_text(encoding="utf-8")
    (case / "lexmap.yaml").write_text(text.replace("law: [instruments]", f"law: {law}"), encoding="utf-8")


@pytest.mark.parametrize(
    "law",
    ["['/etc']", "['../outside']", "[instruments, '../outside/../outside']", "[linked]"],
    ids=["absolute", "dot-dot", "dot-dot twice", "a link leading out"],
)
def test_law_folders_outside_the_case_are_refused(case, tmp_path, law):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "stray.yaml").write_text("instruments:\n  - id: stray\n    title: A stray SECRET-VALUE instrument\n")
    (case / "linked").symlink_to(outside)
    _manifest(case, law)
    result = _run("validate", str(case), "--no-cache")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "outside the case" in result.stderr or "a link leading out of the case" in result.stderr
    assert "SECRET-VALUE" not in result.output and "stray" not in result.output.replace("stray.yaml", "")


def test_a_manifest_linked_out_of_the_case_is_not_read(tmp_path):
    token = tmp_path / "token"
    token.write_text("ghp_SECRETTOKEN1234567890abcdefghijklmnop\n")
    case = tmp_path / "case"
    case.mkdir()
    (case / "lexmap.yaml").symlink_to(token)
    result = _run("validate", str(case), "--no-cache")
    assert result.exit_code == 1 and "a link leading out of the case" in result.stderr
    assert "SECRETTOKEN" not in result.output


def test_a_manifest_of_the_wrong_shape_echoes_nothing(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    (case / "lexmap.yaml").write_text("ghp_SECRETTOKEN1234567890abcdefghijklmnop\n")
    result = _run("validate", str(case), "--no-cache")
    assert result.exit_code == 1 and "the manifest must be a mapping of fields" in result.stderr
    assert "SECRETTOKEN" not in result.output


SECRET_TEXT = "the launch code is 0000 and the vault opens on Tuesdays"


def _oracle_case(case: Path, tmp_path: Path) -> Path:
    """The case's report quotes a secret held outside the case."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET_TEXT)
    statements = case / "mappings" / "statements.yaml"
    statements.write_text(statements.read_text().replace("taking their passports is force", "the launch code is 0000"))
    documents = case / "mappings" / "documents.yaml"  # the report's text is changed below: its recorded hash goes
    documents.write_text(re.sub(r"\n    sha256: [0-9a-f]+", "", documents.read_text()))
    return secret


def test_the_quote_check_reads_no_text_outside_the_case_through_a_linked_folder(case, tmp_path):
    secret = _oracle_case(case, tmp_path)
    outside = tmp_path / "outside-texts"
    outside.mkdir()
    shutil.copy(case / "texts" / "report.txt", outside / "report.txt")
    with (outside / "report.txt").open("a") as stream:
        stream.write(secret.read_text())
    shutil.rmtree(case / "texts")
    (case / "texts").symlink_to(outside)
    result = _run("validate", str(case), "--no-cache")
    assert result.exit_code == 1 and "texts/ folder is a link leading out of the case" in result.stderr
    assert "quote(s) checked" not in result.output
    named = _run("validate", str(case), "--no-cache", "--texts", str(outside))  # named: trusted
    assert named.exit_code == 0 and "texts/ folder is a link" not in named.stderr
    assert re.search(r"report: [1-9]\d* quote\(s\) checked, 0 not", named.stdout)


def test_the_quote_check_refuses_a_hard_link_in_the_case_texts(case, tmp_path):
    import os

    secret = _oracle_case(case, tmp_path)
    report = case / "texts" / "report.txt"
    combined = tmp_path / "combined.txt"
    combined.write_text(report.read_text() + secret.read_text())
    report.unlink()
    os.link(combined, report)  # the case's text is another name of a file outside it
    result = _run("validate", str(case), "--no-cache")
    assert result.exit_code == 1 and "other hard link(s)" in result.stderr and "cp, not ln" in result.stderr
    named = _run("validate", str(case), "--no-cache", "--texts", str(case / "texts"))
    assert named.exit_code == 0 and re.search(r"report: [1-9]\d* quote\(s\) checked, 0 not", named.stdout)


def test_discovery_stops_at_a_folder_of_another_user(two_users, tmp_path, monkeypatch):
    import os
    import tempfile

    from lexmap.discover import find_case

    _alice, bob = two_users
    top = Path(tempfile.mkdtemp(prefix="lexmap-discovery-"))  # like /tmp: a folder above everyone's work
    try:
        (top / "lexmap.yaml").write_text("title: planted\nlaw: [bundled]\n")
        os.chown(top / "lexmap.yaml", *bob)  # planted by another user
        work = top / "work" / "deep"
        work.mkdir(parents=True)
        said: list[str] = []
        assert find_case(work, say=said.append) is None
        assert len(said) == 1 and "belongs to another user" in said[0]
        monkeypatch.chdir(work)
        result = _run("validate")
        assert "planted" not in result.output and "belongs to another user" in result.stderr
        os.chown(top / "lexmap.yaml", 0, 0)
        os.chown(top, *bob)  # the folder is someone else's: not looked at, nor anything above
        said.clear()
        assert find_case(work, say=said.append) is None
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_discovery_skips_an_unreadable_manifest_with_a_line(two_users, tmp_path):
    import os
    import tempfile

    from lexmap.discover import find_case

    alice, _bob = two_users
    top = Path(tempfile.mkdtemp(prefix="lexmap-discovery-"))
    try:
        os.chown(top, *alice)
        locked = top / "locked"
        locked.mkdir()
        (locked / "lexmap.yaml").write_text("title: locked\n")
        os.chown(locked, *alice)
        os.chown(locked / "lexmap.yaml", *alice)
        (locked / "lexmap.yaml").chmod(0o000)
        work = locked / "work"
        work.mkdir()
        os.chown(work, *alice)

        def look():
            said: list[str] = []
            return find_case(work, say=said.append), said

        found, said = _as_user(alice, {"HOME": str(top)}, look)
        assert found is None and len(said) == 1 and "skipping" in said[0] and "permission denied" in said[0]
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_the_first_line_names_the_case_and_its_law_and_warns_of_law_beside_it(case, tmp_path):
    from lexmap.discover import bundled_law

    good = _run("info", str(case), "--no-cache")
    assert good.stderr.splitlines()[0] == f"corpus: {case}: The full fixture; law: {case / 'instruments'}"
    checkout = tmp_path / "checkout"  # a checkout's case in mappings/, the law it edits beside it
    shutil.copytree(case / "instruments", checkout / "instruments")
    (checkout / "mappings").mkdir()
    (checkout / "mappings" / "lexmap.yaml").write_text("title: Edited\nlaw: [bundled]\n")
    result = _run("info", str(checkout / "mappings"), "--no-cache")
    first, second = result.stderr.splitlines()[:2]
    assert first == f"corpus: {checkout / 'mappings'}: Edited; law: bundled ({bundled_law()})"
    assert second.startswith(f"warning: {checkout / 'instruments'}, beside the case, is not read (the case's law: bundled)")
    shutil.rmtree(checkout / "instruments")  # the same law as the bundled one, byte for byte: nothing to warn of
    shutil.copytree(bundled_law(), checkout / "instruments")
    assert "beside the case" not in _run("info", str(checkout / "mappings"), "--no-cache").stderr


def test_an_older_notes_file_is_not_believed_and_is_cleaned_once(cache_folder, bundled, monkeypatch, caplog):
    import json
    import logging

    from lexmap.exports import chart_citations, note_cache

    document = next(iter(bundled.documents.values()))
    real = chart_citations.plain(chart_citations.citation(document, "p. 6"))
    path = chart_citations._notes().path
    entry = json.loads(path.read_text().splitlines()[0])
    path.unlink()
    path.write_text(json.dumps({**entry, "note": [["An old forged note", False]], "check": "0" * 16}) + "\n")
    path.chmod(0o644)  # as lexmap before 0.2 wrote it
    for _ in range(3):
        monkeypatch.setattr(note_cache, "_open", {})
        chart_citations._note_of.cache_clear()
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="lexmap.cache"):
            assert chart_citations.plain(chart_citations.citation(document, "p. 6")) == real
    assert caplog.text == ""  # cleaned: the last runs say nothing
    assert path.stat().st_mode & 0o777 == 0o600 and "An old forged note" not in path.read_text()


def test_the_cache_folders_parents_are_made_private_whatever_the_umask(tmp_path):
    from lexmap.cache_folder import check_folder

    old = os.umask(0)
    try:
        folder = check_folder(tmp_path / "home" / ".cache" / "lexmap")
    finally:
        os.umask(old)
    for made in (folder, folder.parent, folder.parent.parent):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700, made


def test_a_cache_folder_that_is_another_users_link_is_refused(tmp_path):
    from lexmap.cache_folder import CacheFolderError, check_folder

    if os.geteuid() != 0:  # giving a link to another uid needs root; CI runs as root
        (pytest.fail if os.environ.get("CI") else pytest.skip)("run as root to give a link to another uid")

    www = tmp_path / "www"
    www.mkdir(mode=0o755)
    planted = tmp_path / "lexmap"
    planted.symlink_to(www)
    os.lchown(planted, 54321, 54321)  # the link is another user's
    with pytest.raises(CacheFolderError, match="a link another user made"):
        check_folder(planted)
    assert stat.S_IMODE(www.stat().st_mode) == 0o755 and list(www.iterdir()) == []


def test_an_element_renamed_under_its_claims_is_a_corpus_error_not_a_traceback(tmp_path):
    import lexmap

    shutil.copytree(CORPORA / "small", tmp_path / "case")
    law = tmp_path / "case" / "instruments" / "test-protocol.yaml"
    law.write_text(law.read_text().replace("- id: means-force", "- id: means-forcX"))
    with pytest.raises(lexmap.CorpusError) as raised:  # it was KeyError: 'tp' from the ratification checks
        lexmap.load(tmp_path / "case", cache=False)
    assert any("unknown element 'tp/means-force'" in p.message for p in raised.value.problems)


def test_a_json_file_nested_past_pythons_recursion_is_refused_with_lexmaps_message(tmp_path):
    from lexmap.yamlread import MAX_DEPTH, read_yaml

    deep = tmp_path / "deep.json"
    deep.write_text('{"documents": ' + "[" * 200_000 + "]" * 200_000 + "}")
    data, _positions, problems = read_yaml(deep, "mappings/deep.json")
    assert data is None and f"nesting deeper than {MAX_DEPTH} levels" in problems[()].message


def test_site_build_docs_publishes_only_its_own_folder(tmp_path):
    from lexmap.outputs import OutputError
    from lexmap.site.build import build_site

    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.md").write_text("# Notes\n\nsee [leak](leak.txt)\n")
    for plant in (
        lambda: (docs / "leak.txt").symlink_to(secret),  # out of the folder: published its target
        lambda: (docs / "self").symlink_to(docs),  # a loop: mkdocs crashed, or walked forever
        lambda: os.link(secret, docs / "leak.txt"),  # a hard link: a file from anywhere
    ):
        plant()
        with pytest.raises(OutputError, match="lexmap publishes only the folder's own files"):
            build_site(CORPORA / "small", tmp_path / "site", docs=docs)
        assert not (tmp_path / "site").exists()
        for planted in (docs / "leak.txt", docs / "self"):
            if planted.is_symlink() or planted.exists():
                planted.unlink()
    build_site(CORPORA / "small", tmp_path / "site", docs=docs, strict=False)
    assert (tmp_path / "site" / "notes" / "index.html").exists() or any((tmp_path / "site").rglob("notes*"))
    assert not any("TOPSECRET" in p.read_text(errors="replace") for p in (tmp_path / "site").rglob("*") if p.is_file())


def test_a_hard_linked_data_file_is_refused_without_echoing_it(tmp_path):
    import lexmap

    token = tmp_path / "token.yaml"
    token.write_text("AWS_SECRET_KEY: abcdefSECRET123\n")
    shutil.copytree(CORPORA / "small", tmp_path / "case")
    os.link(token, tmp_path / "case" / "mappings" / "stolen.yaml")
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(tmp_path / "case", cache=False)
    assert any("other hard link" in p.message for p in raised.value.problems)
    assert "SECRET" not in str(raised.value) and "AWS_SECRET_KEY" not in str(raised.value)


def test_a_hard_linked_manifest_is_not_read(tmp_path):
    shutil.copytree(CORPORA / "evidence", tmp_path / "case")
    token = tmp_path / "token.yaml"
    token.write_text("title: TOKEN-abcdefSECRET123\n")
    (tmp_path / "case" / "lexmap.yaml").unlink()
    os.link(token, tmp_path / "case" / "lexmap.yaml")
    result = _run("validate", str(tmp_path / "case"), "--no-cache")
    assert result.exit_code != 0 and "other hard links" in result.output
    assert "SECRET" not in result.output


def test_a_part_of_cycle_of_thousands_is_reported_once(tmp_path):
    import lexmap

    shutil.copytree(CORPORA / "small", tmp_path / "case")
    n = 5000  # walked once per member, this took minutes at 15,000
    actors = "".join(f"  - {{id: a{i}, name: A{i}, kind: organisation, part_of: a{(i + 1) % n}}}\n" for i in range(n))
    (tmp_path / "case" / "mappings" / "actors.yaml").write_text("actors:\n" + actors)
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(tmp_path / "case", cache=False)
    assert [p.message for p in raised.value.problems if "cycle" in p.message] == ["part_of forms a cycle"]


def test_a_sparse_json_file_is_refused_at_its_first_hole_not_read_whole(tmp_path):
    from lexmap.yamlread import read_yaml

    sparse = tmp_path / "corpus.json"
    with open(sparse, "wb") as handle:
        handle.write(b'{"documents": [' + b" " * (2 << 20))  # two MiB of text, then nothing on disk
        handle.truncate(1000 << 20)  # a 1000 MiB file, within the JSON limit: it was read whole (2 GB)
    data, _positions, problems = read_yaml(sparse, "corpus.json")
    assert data is None and "a NUL byte at byte 2097167" in problems[()].message


def test_a_cache_folder_linked_to_a_folder_others_can_read_is_refused_not_changed(tmp_path):
    from lexmap.cache_folder import CacheFolderError, check_folder

    www = tmp_path / "www"
    www.mkdir()
    os.chmod(www, 0o755)
    (tmp_path / "lexmap").symlink_to(www)  # the user's own link, to a folder a web server reads
    with pytest.raises(CacheFolderError, match="links to a folder others can read"):
        check_folder(tmp_path / "lexmap")
    assert stat.S_IMODE(www.stat().st_mode) == 0o755 and list(www.iterdir()) == []


# -- attack round 3 (issue 26): findings 1, 5, 9, 11 ---------------------------------------------


def _forged_marker(folder: Path, kind: str, mac: str | None = None) -> None:
    """What anyone who can write the folder can do without the user's key: a marker of lexmap's
    form listing every file the folder holds with its true SHA-256 (and, with ``mac``, an HMAC
    taken from a genuine marker)."""
    import hashlib
    import json

    from lexmap.outputs import OWNED_FOLDER_MARKER

    files = {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }
    marker = {"written_by": "lexmap", "kind": kind, "note": "forged", "files": files, **({"mac": mac} if mac else {})}
    (folder / OWNED_FOLDER_MARKER).write_text(json.dumps(marker))


@pytest.mark.parametrize("copied_mac", [False, True], ids=["no mac", "a genuine marker's mac"])
def test_a_marker_with_the_right_hashes_but_not_your_key_is_not_ownership(tmp_path, copied_mac):
    import json

    from lexmap.outputs import OWNED_FOLDER_MARKER

    mac = None
    if copied_mac:
        genuine = tmp_path / "genuine"
        assert _run("export", "parquet", str(SMALL), "-o", str(genuine)).exit_code == 0
        mac = json.loads((genuine / OWNED_FOLDER_MARKER).read_text())["mac"]
    for command, kind in (
        (["site", "build", str(SMALL), "-o"], "site"),
        (["export", "parquet", str(SMALL), "-o"], "parquet"),
        (["sparql", "ASK {}", str(SMALL), "--store"], "sparql-store"),
    ):
        documents = tmp_path / f"documents-{kind}"
        (documents / "notes").mkdir(parents=True)
        (documents / "thesis.txt").write_text("three years of work")
        (documents / "notes" / "n.md").write_text("notes")
        _forged_marker(documents, kind, mac)
        before = tree(documents)
        result = _run(*command, str(documents))
        assert result.exit_code == 2 and "Traceback" not in result.output, (command, result.output)
        assert "that lexmap did not write for you: it does not verify with your key" in result.stderr, result.stderr
        lines = result.stderr.splitlines()
        assert lines[-2].startswith("lexmap: error: ") and lines[-1].startswith("hint: ")  # one line and its hint
        assert tree(documents) == before


def test_a_genuine_marker_edited_to_list_more_files_is_not_ownership(tmp_path):
    import hashlib
    import json

    from lexmap.outputs import OWNED_FOLDER_MARKER

    tables = tmp_path / "tables"
    assert _run("export", "parquet", str(SMALL), "-o", str(tables)).exit_code == 0
    assert _run("export", "parquet", str(SMALL), "-o", str(tables)).exit_code == 0  # its own output, signed: replaced
    (tables / "mine.csv").write_text("my data")
    marker = json.loads((tables / OWNED_FOLDER_MARKER).read_text())
    marker["files"]["mine.csv"] = hashlib.sha256(b"my data").hexdigest()
    (tables / OWNED_FOLDER_MARKER).write_text(json.dumps(marker))
    result = _run("export", "parquet", str(SMALL), "-o", str(tables))
    assert result.exit_code == 2 and "does not verify with your key" in result.stderr
    assert (tables / "mine.csv").read_text() == "my data"


def test_a_marker_signed_with_another_users_key_is_not_ownership(tmp_path):
    tables = tmp_path / "tables"
    other = {"LEXMAP_CACHE_DIR": str(tmp_path / "other-cache")}  # another user's key, in their cache folder
    assert _run("export", "parquet", str(SMALL), "-o", str(tables), env=other).exit_code == 0
    result = _run("export", "parquet", str(SMALL), "-o", str(tables))
    assert result.exit_code == 2 and "does not verify with your key" in result.stderr
    assert _run("export", "parquet", str(SMALL), "-o", str(tables), env=other).exit_code == 0  # its owner rebuilds it


def _plant_special(kind: str, path: Path) -> None:
    import socket

    if kind == "FIFO":
        os.mkfifo(path)  # mkdocs waited on it for ever
    elif kind == "socket":
        with socket.socket(socket.AF_UNIX) as server:  # mkdocs stopped with an OSError traceback
            server.bind(str(path))
    else:
        os.mknod(path, 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # a /dev/zero: mkdocs wrote 1.3 GB in 8 s


@pytest.mark.parametrize("kind", ["FIFO", "socket", *(["device"] if os.geteuid() == 0 else [])])  # mknod needs root
def test_docs_holding_a_fifo_socket_or_device_are_refused_in_one_line(tmp_path, kind):
    from lexmap.outputs import OutputError
    from lexmap.site.build import check_docs_folder

    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.md").write_text("# A\n")
    _plant_special(kind, docs / "sub" / "b.md")
    with pytest.raises(OutputError, match=f"holds 'sub/b.md', a {kind}, not a regular file"):
        check_docs_folder(docs)  # before mkdocs copies anything
    for command in (
        ["site", "build", str(SMALL), "--docs", str(docs), "-o", str(tmp_path / "site")],
        ["site", "serve", str(SMALL), "--docs", str(docs)],
    ):
        result = _run(*command)
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert f"a {kind}, not a regular file" in result.stderr and "hint: remove it from the docs folder" in result.stderr
    assert not (tmp_path / "site").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


# -- attack round 3 (issue 26), branch sec2 -------------------------------------------


@pytest.mark.slow  # builds and serves a site
def test_site_serve_answers_only_under_a_random_path_and_warns_for_a_private_case(tmp_path):
    import contextlib
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    case = tmp_path / "case"
    shutil.copytree(CORPORA / "small", case)
    os.chmod(case, 0o700)  # private: other users cannot read the folder
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "lexmap", "site", "serve", str(case), "-a", f"127.0.0.1:{port}"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
    )

    def get(path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    try:
        said = [server.stderr.readline() for _ in range(3)]
        (line,) = [line for line in said if line.startswith("serving on ")]
        mount = re.search(rf"http://127\.0\.0\.1:{port}/([A-Za-z0-9_-]{{20,}})/", line)[1]
        assert "every user of this machine" in line
        assert any(line.startswith("warning: the case") and "private" in line for line in said)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if get(f"/{mount}/")[0] == 200:
                    break
            time.sleep(0.5)
        status, body = get(f"/{mount}/practices/index.html")
        assert status == 200 and "Retention of passports" in body
        assert f'"/{mount}/livereload/"' in body and '"/livereload/"' not in body  # F12: the poll under the key
        status, body = get(f"/{mount}/livereload/0/0")
        assert status == 200 and body.isdigit()
        for path in ("/", "/practices/index.html", "/404.html", "/nothing", f"/{mount[:-1]}/", "/livereload/0/0"):
            status, body = get(path)  # "/" redirected to the site, a 404 showed its navigation
            assert status == 404 and mount not in body and "passports" not in body.lower(), path
    finally:
        server.terminate()
        server.wait(timeout=30)


# -- attack round 4 (issue 26): findings E and F, a revision read for diff / site build --since -----


def _case_repository(tmp_path: Path) -> Path:
    """A repository holding a case (with its law folder) and a folder beside it, committed once."""
    from diff_case import LAW, OLD_CASE, write_case

    repo = tmp_path / "repo"
    write_case(repo / "case", OLD_CASE, LAW)
    (repo / "other").mkdir()
    _git_commit(repo, "init", "-q")
    return repo


def _git_commit(repo: Path, *first: str) -> None:
    import subprocess

    def git(*args):
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-C", str(repo), *args],
            check=True,
            capture_output=True,
        )

    if first:
        git(*first)
    git("add", "-A", ".")
    git("commit", "-qm", "edition")


@pytest.mark.parametrize(
    ("link", "target"),
    [("case/texts/abs.txt", "/etc/passwd"), ("case/up.yaml", "../../../../../../etc/hostname"), ("case/texts", "../../../etc")],
)
def test_a_revision_holding_a_link_out_is_refused_in_one_line(tmp_path, monkeypatch, link, target):
    repo = _case_repository(tmp_path)
    (repo / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, repo / link)
    _git_commit(repo)
    (repo / link).unlink()  # the link is in the revision only: the case as it is now loads
    _git_commit(repo)
    monkeypatch.chdir(repo / "case")
    for args in (("diff", "HEAD~1", "HEAD"), ("site", "build", "--since", "HEAD~1", "-o", str(tmp_path / "site"))):
        result = _run(*args)
        assert result.exit_code == 2, result.output
        assert f"the case at 'HEAD~1' holds '{link}', a link to '{target}'" in result.output, result.output
        assert "Traceback" not in result.output and "hint:" in result.output
        assert not (tmp_path / "site").exists()


def test_a_link_out_beside_the_case_is_not_read(tmp_path, monkeypatch):
    repo = _case_repository(tmp_path)
    os.symlink("/etc/passwd", repo / "other" / "abs")
    _git_commit(repo)
    monkeypatch.chdir(repo / "case")
    result = _run("diff", "HEAD~1", "HEAD")
    assert result.exit_code == 0 and "No change." in result.output, result.output


def test_a_revision_s_link_that_climbs_through_another_link_is_refused(tmp_path, monkeypatch):
    """Attack round 11, F3: a link's target was checked as text, but the kernel takes ``..`` after
    following the links on the way: with ``sub/up -> ..``, ``../sub/up/sub/up/../../../../etc/passwd``
    read as inside the case and led to /etc/passwd. A link inside the case, through no link, is kept."""
    from lexmap import revisions

    repo = _case_repository(tmp_path)
    (repo / "case" / "sub").mkdir()
    (repo / "case" / "texts").mkdir(exist_ok=True)
    os.symlink("..", repo / "case" / "sub" / "up")
    os.symlink("../lexmap.yaml", repo / "case" / "texts" / "manifest.txt")
    _git_commit(repo)
    with revisions.checkout(repo, "HEAD", Path("case")) as tree:
        assert (tree / "case" / "texts" / "manifest.txt").read_bytes() == (repo / "case" / "lexmap.yaml").read_bytes()
    target = "../sub/up/sub/up/../../../../etc/passwd"
    os.symlink(target, repo / "case" / "texts" / "pw.txt")
    _git_commit(repo)
    with pytest.raises(revisions.RevisionError) as refused, revisions.checkout(repo, "HEAD", Path("case")):
        pass
    assert refused.value.message.startswith(f"the case at 'HEAD' holds 'case/texts/pw.txt', a link to {target!r}")


# -- attack round 9 (issue 26), branch fix-a9-files -------------------------------------------


def test_a_revision_is_read_without_running_the_repositorys_filters(tmp_path, monkeypatch):
    """F8: a case handed over with its history carries its .git/config; git archive ran its smudge
    filter. The revision's files are the blobs as committed, and nothing it names runs."""
    import subprocess

    repo = _case_repository(tmp_path)
    (repo / "case" / ".gitattributes").write_text("* filter=x diff=x\n", encoding="utf-8")
    _git_commit(repo)
    marker = tmp_path / "pwned"
    for key, value in (
        ("filter.x.smudge", f"sh -c 'id > {marker}; cat'"),
        ("filter.x.process", f"sh -c 'id > {marker}'"),
        ("filter.x.required", "true"),
        ("diff.x.textconv", f"sh -c 'id > {marker}; cat'"),
        ("core.fsmonitor", f"sh -c 'id > {marker}'"),
        ("core.pager", f"sh -c 'id > {marker}'"),
    ):
        subprocess.run(["git", "-C", str(repo), "config", key, value], check=True)
    monkeypatch.chdir(repo / "case")
    from lexmap import revisions

    with revisions.checkout(repo, "HEAD", Path("case")) as tree:
        copied = tree / "case" / "lexmap.yaml"
        assert copied.read_bytes() == (repo / "case" / "lexmap.yaml").read_bytes()
    for args in (("diff", "HEAD~1", "HEAD"), ("site", "build", "--since", "HEAD~1", "-o", str(tmp_path / "site"))):
        result = _run(*args)
        assert result.exit_code in (0, 1), result.output
        assert not marker.exists(), (args, marker.read_text())


def test_an_output_in_a_folder_others_can_write_is_refused_in_one_line(tmp_path, cache_folder):
    """F2: in a web root others can write, the staging folder was swapped during the build and
    mkdocs wrote through planted links; the leftover cleanup deleted a site renamed to a
    leftover's name. Such a parent is refused (a sticky one, as /tmp, is not)."""
    from lexmap.outputs import OutputError, check_folder_output, replaced_folder

    www = tmp_path / "www"
    www.mkdir()
    result = _run("site", "build", str(CORPORA / "small"), "-o", str(www / "other"))
    assert result.exit_code == 0, result.output
    www.chmod(0o777)  # now anyone may rename in it: the other site is moved to a leftover's name
    leftover = www / ".site.lexmap-old-999999-abcdef01"
    (www / "other").rename(leftover)
    result = _run("site", "build", str(CORPORA / "small"), "-o", str(www / "site"))
    assert result.exit_code == 2, result.output
    assert f"not building '{www / 'site'}': '{www}', a folder holding it, can be written by every user" in result.output
    assert "Traceback" not in result.output and "hint:" in result.output
    assert leftover.is_dir() and not (www / "site").exists()  # nothing deleted, nothing built
    for mode in (0o1777, 0o755):
        www.chmod(mode)
        assert check_folder_output(www / "site") == www / "site"
    with replaced_folder(www / "store", kind="parquet") as staging:
        assert stat.S_IMODE(staging.stat().st_mode) == 0o700  # nobody else enters it while it is built
    assert stat.S_IMODE((www / "store").stat().st_mode) == 0o777 & ~os.umask(os.umask(0o022))
    www.chmod(0o777)
    with pytest.raises(OutputError, match="can be written by every user"):
        check_folder_output(www / "store", force=True)  # not even with --force


def _set_acl(folder, *entries: tuple[int, int, int], name: str = "system.posix_acl_access") -> None:
    """``setfacl`` without the acl package: the ``system.posix_acl_access`` xattr, as
    (tag, permissions, id) entries besides the owner's, its group's and others' from the mode."""
    import struct

    mode = folder.stat().st_mode
    pack = lambda tag, perm, id_=0xFFFFFFFF: struct.pack("<HHI", tag, perm, id_)  # noqa: E731
    blob = struct.pack("<I", 2) + pack(0x01, (mode >> 6) & 7) + b"".join(pack(*e) for e in entries if e[0] == 0x02)
    blob += pack(0x04, (mode >> 3) & 7) + b"".join(pack(*e) for e in entries if e[0] != 0x02) + pack(0x20, mode & 7)
    try:
        os.setxattr(folder, name, blob)
    except OSError as error:  # a file system without POSIX ACLs: nothing to bypass there
        pytest.skip(f"no POSIX ACLs on {folder}: {error}")


def test_a_sparql_store_reused_in_a_folder_an_acl_lets_others_write_is_refused(tmp_path, cache_folder):
    """Attack round 12, G2 (fixed by round 11's check of a store reused as one built): a store
    built, then its folder's parent given to another user (``setfacl -m u:mallory:rwx``), who could
    swap in her own store between the check and the open: refused, not queried."""
    pytest.importorskip("pyoxigraph")
    project = tmp_path / "project"
    project.mkdir()
    project.chmod(0o755)
    store = project / "store"
    ask = ["sparql", "ASK { ?s ?p ?o }", str(CORPORA / "small"), "--store", str(store)]
    assert _run(*ask).exit_code == 0
    _set_acl(project, (0x02, 7, 65534), (0x10, 7, 0xFFFFFFFF))  # u:nobody:rwx, mask rwx
    result = _run(*ask)
    assert result.exit_code == 2 and "can be written by another user uid 65534 through its ACL" in result.output, result.output
    assert "(1 row)" not in result.output  # not queried


def test_an_output_in_a_folder_an_acl_lets_others_write_is_refused_in_one_line(tmp_path, cache_folder):
    """A10-F2/F2b: ``setfacl -m u:mallory:rwx ~/www`` shows as mode 0775 of one's own group, so
    the mode-bit check let the build (staging swapped, writes through planted links) and the
    leftover cleanup (a site renamed to a leftover's name, deleted) go ahead. The ACL is read."""
    from lexmap.outputs import OutputError, check_folder_output

    www = tmp_path / "www"
    www.mkdir()
    www.chmod(0o755)
    result = _run("site", "build", str(CORPORA / "small"), "-o", str(www / "other"))
    assert result.exit_code == 0, result.output
    other_uid, other_gid = 65534, 65534
    _set_acl(www, (0x02, 7, other_uid), (0x10, 7, 0xFFFFFFFF))  # u:nobody:rwx, mask rwx
    leftover = www / ".site.lexmap-old-999999-abcdef01"
    (www / "other").rename(leftover)  # as the other user could, now
    result = _run("site", "build", str(CORPORA / "small"), "-o", str(www / "site"))
    assert result.exit_code == 2, result.output
    assert f"can be written by another user uid {other_uid} through its ACL" in result.output
    assert "Traceback" not in result.output and "hint:" in result.output
    assert leftover.is_dir() and not (www / "site").exists()  # nothing deleted, nothing built
    _set_acl(www, (0x08, 7, other_gid), (0x10, 7, 0xFFFFFFFF))  # a named group
    with pytest.raises(OutputError, match=f"another group gid {other_gid} through its ACL"):
        check_folder_output(www / "site", force=True)
    for harmless in ((0x02, 7, other_uid), (0x10, 5, 0xFFFFFFFF)), ((0x02, 7, os.getuid()), (0x10, 7, 0xFFFFFFFF)):
        _set_acl(www, *harmless)  # write masked off; or the named user is this user
        assert check_folder_output(www / "site") == www / "site"
    www.chmod(0o1777)
    _set_acl(www, (0x02, 7, other_uid), (0x10, 7, 0xFFFFFFFF))
    assert check_folder_output(www / "site") == www / "site"  # sticky: nobody else may rename what is mine
    # a default ACL (setfacl -d -m u:nobody:rwx): what lexmap makes there is the other's to write, sticky or not
    _set_acl(www, (0x02, 7, other_uid), (0x10, 7, 0xFFFFFFFF), name="system.posix_acl_default")
    with pytest.raises(OutputError, match=f"another user uid {other_uid} write access to what is made in it"):
        check_folder_output(www / "site")


def test_a_folder_of_another_user_or_one_anyone_can_write_is_neither_a_new_case_nor_an_output(two_users, tmp_path):
    """F10: an empty folder another user made, mode 0777, took a new case (which she could then
    rewrite by renames) and a site build (a PermissionError traceback at the swap)."""
    from lexmap.outputs import OutputError, check_folder_output
    from lexmap.scaffold import NotPrivate, new_case

    _alice, bob = two_users
    theirs, everyones = tmp_path / "theirs", tmp_path / "everyones"
    for folder in (theirs, everyones):
        folder.mkdir()
        folder.chmod(0o777)
    os.chown(theirs, *bob)
    for folder, why in ((theirs, f"belongs to another user (uid {bob[0]})"), (everyones, "can be written by every user")):
        with pytest.raises(NotPrivate, match=re.escape(why)):
            new_case(folder)
        assert list(folder.iterdir()) == []
        with pytest.raises(OutputError, match=re.escape(why)):
            check_folder_output(folder)
        result = _run("init", str(folder))
        assert result.exit_code == 2 and why in result.output and "Traceback" not in result.output, result.output
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chown(shared, 0, bob[1])
    shared.chmod(0o2775)  # a team's web root: bob's group may write it
    with pytest.raises(OutputError, match="can be written by other members of its group"):
        check_folder_output(shared / "site")
    os.chown(shared, *bob)
    shared.chmod(0o755)
    with pytest.raises(OutputError, match="a folder holding it, belongs to another user"):
        check_folder_output(shared / "site")
    new_case(tmp_path / "mine")  # a new folder: made by lexmap, so the user's


@pytest.mark.parametrize("swap", ["fifo", "link out"])
def test_a_data_file_swapped_after_it_was_listed_is_refused_not_read(tmp_path, monkeypatch, swap):
    """F5: in a case others can write, a data file swapped for a FIFO (validate hung for ever)
    or for a link to a private file outside the case (read as the case's own) between the
    listing and the open. The file is opened once, never blocking, never through a new link."""
    import signal

    import lexmap
    from lexmap import loader

    case = tmp_path / "case"
    shutil.copytree(CORPORA / "small", case)
    victim = case / "mappings" / "practices.yaml"
    (secret := tmp_path / "private.yaml").write_text(victim.read_text().replace("label: ", "label: SECRET ", 1))
    read = loader.read_yaml

    def swapped_then_read(path, *args):
        if path == victim:  # listed and checked as a regular file; now swapped, just before the open
            victim.unlink()
            os.mkfifo(victim) if swap == "fifo" else victim.symlink_to(secret)
        return read(path, *args)

    monkeypatch.setattr(loader, "read_yaml", swapped_then_read)
    signal.alarm(60)  # a safety net: before the fix the FIFO blocked the open for ever
    try:
        with pytest.raises(lexmap.CorpusError) as refused:
            lexmap.load(case, cache=False)
    finally:
        signal.alarm(0)
    assert "SECRET" not in str(refused.value)
    said = [p.message for p in refused.value.problems if p.file and p.file.endswith("practices.yaml")]
    why = "not a regular file" if swap == "fifo" else "a link to a file outside the case"
    assert said and said[0] == f"cannot read this file ({why})", said


@pytest.mark.parametrize("name", ["report.txt", "report.pdf", "report.docx"])
def test_a_text_swapped_for_a_fifo_is_refused_not_waited_on(tmp_path, name):
    """F5: the text read after its checks (the path's) may be a FIFO by then: never waited on."""
    import signal

    from lexmap.extract import read_pages

    os.mkfifo(tmp_path / name)
    signal.alarm(60)  # a safety net: a blocking open waited for a writer for ever
    try:
        with pytest.raises(OSError, match="not a regular file"):
            read_pages(tmp_path / name, cache=False)
    finally:
        signal.alarm(0)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://alice:S3cret@[::1/store", "http://[::1/store"),  # was a ValueError traceback
        ("http:alice:S3cret@127.0.0.1:1/s", "http:127.0.0.1:1/s"),  # no '//': was printed whole
        ("https:/alice:S3cret@127.0.0.1:1/s", "https:/127.0.0.1:1/s"),
        ("http://alice:S3/cret@127.0.0.1:1/s", "http://127.0.0.1:1/s"),  # an unencoded '/' in the password
    ],
)
def test_a_push_url_that_does_not_parse_is_refused_without_its_password(url, shown, monkeypatch, tmp_path):
    """F3: --push URLs that urlsplit cannot parse, or parses without an authority."""
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    result = _run("export", "turtle", str(CORPORA / "small"), "--push", url)
    assert result.exit_code == 2, result.output
    assert f"cannot push to {shown!r}" in result.output and "S3" not in result.output, result.output
    assert "Traceback" not in result.output


def test_a_docx_whose_core_properties_declare_entities_gives_no_title(tmp_path):
    """F4: expat expanded the entities a DOCX's docProps/core.xml declares: 1.6 kB gave a 1 MB
    title in a draft written into the case. A document type is refused, the draft has no title."""
    import zipfile

    import docx

    from lexmap.drafts import add_document, docx_metadata

    made = docx.Document()
    made.add_paragraph("Passports were retained")
    made.core_properties.title = "TITLE"
    plain, path = tmp_path / "plain.docx", tmp_path / "laughs.docx"
    made.save(str(plain))
    entities = '<!DOCTYPE cp [<!ENTITY a "lol lol lol lol ">' + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcd", "bcde", strict=True)
    )
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/core.xml":
                head, _, body = data.partition(b"?>")
                data = head + b"?>" + entities.encode() + b"]>" + body.replace(b">TITLE<", b">&e;<")
            target.writestr(item.filename, data)
    with pytest.raises(ValueError, match="declares a document type or entities"):
        docx_metadata(path)
    case = tmp_path / "case"
    shutil.copytree(CORPORA / "small", case)
    draft = add_document(path, case, document_id="laughs")
    record = draft.record.read_text(encoding="utf-8")
    assert "lol" not in record and len(record) < 10_000
