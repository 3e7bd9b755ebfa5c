"""``lexmap site serve`` on a corpus an edit breaks (issue 28 item 3): the browser shows the
problem (file, line, fix) once the site is rebuilt, the site comes back once it is fixed, and
stopping the server leaves nothing in the temporary folder. Each change is waited for (up to a
generous time, for a loaded machine), never timed: no timings in unit tests."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import CORPORA

ROOT = Path(__file__).parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8", "replace")


def _wait_for(url: str, predicate, seconds: float) -> str:
    """Fetch ``url`` until ``predicate(text)``, waiting up to ``seconds`` (a wait, generous for a
    loaded machine, not a measure of speed); return the text."""
    started = time.monotonic()
    text = ""
    while time.monotonic() - started < seconds:
        try:
            text = _get(url)
            if predicate(text):
                return text
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer as expected within {seconds} s; last answer: {text[:300]!r}")


def _served_url(server: subprocess.Popen, seconds: float) -> str:
    """The address ``lexmap site serve`` prints ("serving on http://.../PATH/ : ...")."""
    import re
    import select

    started = time.monotonic()
    while time.monotonic() - started < seconds:
        ready, _, _ = select.select([server.stdout], [], [], 1)
        if ready:
            line = server.stdout.readline()
            if found := re.search(r"serving on (http://\S+/)", line):
                return found.group(1)
    raise AssertionError("lexmap site serve printed no address")


@pytest.mark.slow
def test_serve_shows_a_broken_corpus_in_the_browser_and_cleans_up(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPORA / "small", corpus)
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = _free_port()
    env = dict(os.environ, TMPDIR=str(temp), PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "lexmap", "site", "serve", str(corpus), "-a", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = _served_url(server, 120)  # under its secret path, printed on its first line (issue 26)
        _wait_for(url + "index.html", lambda t: "Test Protocol" in t or "lx-page" in t, 120)
        practice = url + "practices/passports.html"
        assert "The corpus has problems" not in _get(practice)

        claims = corpus / "mappings" / "claims.yaml"
        good = claims.read_text(encoding="utf-8")
        claims.write_text(good.replace("practice: passports\n", "practice: passportz\n", 1), encoding="utf-8")
        shown = _wait_for(practice, lambda t: "The corpus has problems" in t, 120)  # a wait, not a bound on speed
        assert "mappings/claims.yaml" in shown and "passportz" in shown  # the file and what is wrong
        line = good.splitlines().index("    practice: passports") + 1
        assert f"<td>{line}</td>" in shown  # the line of the broken reference
        assert "did you mean" in shown  # and the fix

        claims.write_text(good, encoding="utf-8")
        _wait_for(practice, lambda t: "The corpus has problems" not in t and "lx-statement" in t, 120)
    finally:
        server.send_signal(signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert server.returncode is not None
    assert "Traceback" not in output, output
    assert list(temp.iterdir()) == [], output  # mkdocs' site folder and lexmap's configuration are gone
