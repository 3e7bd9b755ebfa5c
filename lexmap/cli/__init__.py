"""The ``lexmap`` command: a thin layer over the library."""

from __future__ import annotations

import click

from .corpus import info, validate
from .export import export
from .matrix import matrix
from .site import site


@click.group()
@click.version_option(package_name="lexmap")
def main() -> None:
    """Map legal instruments to alleged practices, and the documents that argue each link."""


for command in (validate, info, matrix, export, site):
    main.add_command(command)

from .sparql import sparql  # noqa: E402  (issue 18)
main.add_command(sparql)
