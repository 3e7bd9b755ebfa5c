"""Web addresses: the one check of every URL lexmap reads in the data (a document's ``url`` and
``archived_url``, an instrument's and a framework's ``url``, a law text's source and the copies
it was checked against, a ratification record's source when it is an address) or is given
(``--base-url``). An address is http or https with a host and nothing a browser, an HTML
attribute or a citation manager would read otherwise: a ``javascript:`` URL in the data reached
CSL-JSON and every output that prints a document's address."""

from __future__ import annotations

import re
import unicodedata
import urllib.parse

WEB_SCHEMES = ("http", "https")

NOT_IN_A_URL = frozenset('"<>\\^`{|}')
"""Characters RFC 3986 (section 2) never allows unencoded: a quote or ``<`` ends an HTML
attribute. ``'`` is allowed (a text fragment ``#:~:text=The%20United%20States'...`` holds one)."""

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S")


def address_problem(url: object) -> str | None:
    """Why ``url`` is not an http or https address with a host, in a few words; None if it is one."""
    if not isinstance(url, str) or not url:
        return "it is not a text" if not isinstance(url, str) else "it is empty"
    for char in url:
        if char in NOT_IN_A_URL or char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Cs"):
            return f"it holds {_shown(char)}: " + (
                f"write it percent-encoded, %{ord(char):02X}" if char.isascii() else "remove it"
            )
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
    except ValueError:  # an unclosed [ of an IPv6 host
        return "it cannot be read as an address"
    if parts.scheme.lower() not in WEB_SCHEMES:
        return (
            f"its scheme is {parts.scheme + ':'!r}, not http: or https:"
            if parts.scheme
            else "it has no scheme (http:// or https://)"
        )
    if not host:
        return "it has no host"
    if "@" in parts.netloc:
        return "it holds a user name or password before the host (@)"
    return None


def is_web_address(url: object) -> bool:
    """Whether ``url`` is an http or https address (:func:`address_problem`)."""
    return address_problem(url) is None


def looks_like_address(text: str) -> bool:
    """Whether a field that holds an address or words (a ratification record's ``source``)
    holds an address: it begins with a scheme (``https:``, ``javascript:``, ``data:``)."""
    return bool(_SCHEME.match(text))


def _shown(char: str) -> str:
    if char.isprintable() and not char.isspace():
        return repr(char)
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X} (a control character)"
