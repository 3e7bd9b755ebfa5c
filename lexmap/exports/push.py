"""Sending the corpus to a SPARQL 1.1 server (Graph Store HTTP Protocol, HTTP PUT): bounded in
time, with progress, authenticated, and never showing a password.

urllib waited up to its timeout on every socket operation (600 s each, silently, with a server
that stalls) and printed the URL as given, password included. Here the connection has a short
timeout of its own, the whole push an overall deadline, the body goes out in chunks with a
progress callback (also called while a stalled server makes lexmap wait), credentials come from
``$LEXMAP_PUSH_PASSWORD`` (and ``$LEXMAP_PUSH_USER``) or a netrc file (``$NETRC``, else
``~/.netrc``) as HTTP Basic auth, and every message names the URL without them (:func:`shown_url`).
Never from the URL: lexmap's arguments are shown to every local user (``ps``) for the whole push;
and never over plain ``http://`` to another machine, where anyone on the way reads them.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import ipaddress
import netrc
import os
import re
import select
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

CONNECT_TIMEOUT = 10.0
"""Seconds to reach the server (and agree TLS) before giving up."""
CHUNK = 1 << 20
TICK = 1.0  # seconds between looks at the deadline (and calls of ``progress``) while waiting

Progress = Callable[[int, int, float], None]
"""``progress(bytes_sent, bytes_total, seconds_elapsed)``."""


class PushError(RuntimeError):
    """The server refused the corpus, or could not be reached in time: one line, without credentials."""


def deadline_for(size: int) -> float:
    """The default overall deadline of a push of ``size`` bytes: two minutes, and a second per MiB."""
    return 120.0 + size / (1 << 20)


def shown_url(url: str) -> str:
    """``url`` as it may be printed: without the user name and password of its userinfo. Total:
    a URL that does not parse, or has no authority (``http:u:p@host/``), is cut as text."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:  # an unbalanced '[' in the host
        return _without_userinfo(url)
    if not parts.netloc:
        return _without_userinfo(url)
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _without_userinfo(url: str) -> str:
    """``url`` without all that lies between its scheme (and slashes) and its last ``@`` before
    any ``?`` or ``#``: what a URL lexmap cannot parse may hold as a password."""
    found = re.match(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?/*", url)
    head = found[0] if found else ""
    rest = url[len(head) :]
    at = rest.rfind("@", 0, min([rest.find(c) for c in "?#" if c in rest], default=len(rest)))
    return url if at < 0 else head + rest[at + 1 :]


def check_push_url(url: str) -> urllib.parse.SplitResult:
    """The parts of a graph store URL (http or https, with a host); PushError otherwise."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (a port that is not a number raises ValueError)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or any(c in url for c in " \t\r\n"):
        shown = shown_url(url) if parts is not None else _without_userinfo(url)  # a port 'pa/ss@...' too
        raise PushError(f"cannot push to {shown!r}: give the server's graph store URL, e.g. http://localhost:7878/store")
    return parts


PASSWORD_VARIABLE, USER_VARIABLE = "LEXMAP_PUSH_PASSWORD", "LEXMAP_PUSH_USER"
_WHERE = f"${PASSWORD_VARIABLE} (and ${USER_VARIABLE}) or a netrc entry for the host (machine HOST login USER password PW)"
"""Where a push's credentials may come from, for hints."""


def credentials(parts: urllib.parse.SplitResult, netrc_file: str | os.PathLike | None = None) -> tuple[str, str] | None:
    """(user, password) from ``$LEXMAP_PUSH_PASSWORD`` (the user from ``$LEXMAP_PUSH_USER``, else
    the URL's), else from the netrc file's entry for the host (``netrc_file``, else ``$NETRC``,
    else ``~/.netrc``), else None. A password in the URL is refused: it is in ``ps`` already."""
    if parts.password is not None:
        raise PushError(
            f"cannot push to {shown_url(parts.geturl())}: a password in the URL is visible to every user of this "
            f"machine (ps) while lexmap runs; change it, and give it in {_WHERE}"
        )
    if (password := os.environ.get(PASSWORD_VARIABLE)) is not None:
        user = os.environ.get(USER_VARIABLE) or urllib.parse.unquote(parts.username or "")
        return user, password
    path = Path(netrc_file or os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(parts.hostname or "")
    except netrc.NetrcParseError as error:  # its message may quote a token of the file: not shown
        raise PushError(
            f"cannot read the netrc file {path} (line {error.lineno}): check its syntax and that only you can read it"
        ) from None
    except OSError as error:
        raise PushError(f"cannot read the netrc file {path} ({error.strerror})") from None
    if entry is None:
        return None
    login, _account, password = entry
    return login or "", password or ""


def _this_machine(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def push(
    data: bytes,
    url: str,
    content_type: str = "text/turtle",
    *,
    connect_timeout: float = CONNECT_TIMEOUT,
    deadline: float | None = None,
    progress: Progress | None = None,
    netrc_file: str | os.PathLike | None = None,
) -> int:
    """Replace a graph of a SPARQL 1.1 server with ``data`` (HTTP PUT). ``url`` is the server's
    graph store endpoint (Oxigraph ``/store``, Fuseki ``/DATASET/data``, GraphDB
    ``/repositories/ID/rdf-graphs/service``), with ``?graph=IRI`` for a named graph; without a
    query, the default graph (``?default``). ``deadline``: seconds for the whole push (default
    :func:`deadline_for`). Returns the HTTP status; raises PushError with one line."""
    parts = check_push_url(url)
    shown = shown_url(url)
    if not parts.query:
        parts = parts._replace(query="default")
        shown = shown_url(urllib.parse.urlunsplit(parts))
    auth = credentials(parts, netrc_file)
    if auth is not None and parts.scheme == "http" and not _this_machine(parts.hostname or ""):
        raise PushError(
            f"cannot push to {shown}: lexmap sends no password over plain http:// to another machine "
            "(anyone on the way reads it); push to the server's https:// URL"
        )
    started = time.monotonic()
    limit = started + (deadline if deadline is not None else deadline_for(len(data)))
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    assert parts.hostname is not None, "check_push_url refuses a URL without a host"
    connection = connection_class(parts.hostname, parts.port, timeout=connect_timeout)
    expired = threading.Event()
    try:
        try:
            connection.connect()
        except (OSError, http.client.HTTPException) as error:
            raise PushError(f"push to {shown} failed: cannot connect in {connect_timeout:g} s ({_reason(error)})") from None
        try:
            connection.sock.settimeout(max(0.1, limit - time.monotonic()))
            connection.putrequest(
                "PUT", urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, "")), skip_accept_encoding=True
            )
            connection.putheader("Content-Type", f"{content_type}; charset=utf-8")
            connection.putheader("Content-Length", str(len(data)))
            if auth is not None:
                token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
                connection.putheader("Authorization", f"Basic {token}")
            connection.endheaders()
            _send(connection.sock, data, started, limit, progress)
            _wait_for_answer(connection.sock, len(data), started, limit, progress)
            connection.sock.settimeout(max(0.1, limit - time.monotonic()))
            with _deadline(connection.sock, limit, expired):  # a per-read timeout never stops a trickle
                response = connection.getresponse()
                body = response.read(2000)
            if expired.is_set():  # cut short: what was read is no answer, whatever its status line said
                raise OSError("the deadline passed while the answer was read")
        except TimeoutError:
            raise PushError(f"push to {shown} failed: no answer within the deadline of {limit - started:.0f} s") from None
        except (OSError, http.client.HTTPException) as error:
            if expired.is_set():
                raise PushError(
                    f"push to {shown} failed: the answer did not arrive within the deadline of {limit - started:.0f} s"
                ) from None
            raise PushError(f"push to {shown} failed: {_reason(error)}") from None
    finally:
        connection.close()
    if 300 <= response.status < 400:  # not followed: the credentials would go to wherever it points
        location = shown_url(response.getheader("Location") or "")[:300] or "nowhere (no Location header)"
        raise PushError(
            f"push to {shown} failed: HTTP {response.status} {response.reason}, a redirect to {location}; "
            "nothing was stored (lexmap does not follow a redirect with your credentials: push to that URL if it is the store)"
        )
    if not 200 <= response.status < 300:
        lines = body.decode("utf-8", "replace").strip().splitlines()
        detail = f": {lines[0][:200]}" if lines else ""
        hint = f" (give the credentials in {_WHERE})" if response.status == 401 and auth is None else ""
        raise PushError(f"push to {shown} failed: HTTP {response.status} {response.reason}{detail}{hint}")
    return response.status


@contextlib.contextmanager
def _deadline(sock: socket.socket, limit: float, expired: threading.Event) -> Iterator[None]:
    """Shut ``sock`` down at the monotonic time ``limit``, whatever is reading it; ``expired``
    says whether that happened."""

    def expire() -> None:
        expired.set()
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(0.0, limit - time.monotonic()), expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _send(sock: socket.socket, data: bytes, started: float, limit: float, progress: Progress | None) -> None:
    """Send ``data`` in chunks, looking at the deadline every :data:`TICK` seconds even while the
    server takes nothing (a send that times out has sent nothing: it is tried again)."""
    view, sent = memoryview(data), 0
    while sent < len(data):
        now = time.monotonic()
        if now >= limit:
            raise TimeoutError
        sock.settimeout(min(TICK, limit - now))
        try:
            sent += sock.send(view[sent : sent + CHUNK])
        except TimeoutError:
            pass
        if progress is not None:
            progress(sent, len(data), time.monotonic() - started)


def _wait_for_answer(sock: socket.socket, size: int, started: float, limit: float, progress: Progress | None) -> None:
    """Wait until the server answers (or the deadline passes), calling ``progress`` meanwhile."""
    pending = getattr(sock, "pending", lambda: 0)
    while not pending():
        now = time.monotonic()
        if now >= limit:
            raise TimeoutError
        readable, _, _ = select.select([sock], [], [], min(TICK, limit - now))
        if readable:
            return
        if progress is not None:
            progress(size, size, time.monotonic() - started)


def _reason(error: BaseException) -> str:
    reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or str(error) or type(error).__name__
    return str(reason)
