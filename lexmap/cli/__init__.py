"""The ``lexmap`` command: a thin layer over the library, one module per command."""

from __future__ import annotations

import gc

import click

from .cache import cache
from .case import init
from .chart import chart
from .corpus import info, validate
from .diff import diff
from .errors import LexmapGroup, guard_stdout
from .export import export
from .gaps import gaps
from .lookup import list_, show
from .matrix import matrix
from .site import site


@click.group(cls=LexmapGroup)
@click.version_option(package_name="lexmap")
def main() -> None:
    """Map legal instruments to alleged practices, and the documents that argue each link."""


for command in (init, validate, info, list_, show, gaps, matrix, chart, export, site, cache, diff):
    main.add_command(command)

from .sparql import sparql  # noqa: E402  (issue 18)

main.add_command(sparql)

from .add import add  # noqa: E402  (issue 27: lexmap add document, lexmap import)
from .imports import import_  # noqa: E402

main.add_command(add)
main.add_command(import_)

from .find import find  # noqa: E402  (issue 27)

main.add_command(find)

from .leaks import leak_check_command  # noqa: E402  (issue 30)

main.add_command(leak_check_command)


def run() -> None:
    """The ``lexmap`` console script: :func:`main`, then exit without Python's last garbage
    collection, which would walk the whole heap (a quarter of a second after a 10x site) to
    free what the exit frees anyway."""
    guard_stdout()
    try:
        main()
    finally:
        gc.freeze()  # frozen objects are left out of every collection, the last one too
