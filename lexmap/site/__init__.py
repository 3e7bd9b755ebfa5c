"""The static reference site: reference pages generated from a corpus, built by mkdocs.

:func:`build_pages` is the pure part (a Corpus in, ``{path: markdown}`` out);
:mod:`lexmap.site.mkdocs_hook` hands those pages to mkdocs; :mod:`lexmap.site.build`
runs mkdocs for the ``lexmap site`` command.
"""

from .pages import build_pages

__all__ = ["build_pages"]
