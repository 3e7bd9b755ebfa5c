"""Material's search index written as the pages are written, not held until the build ends.

Material keeps every entry of its search index (a dict per section: 400,000 at 100x) to the end
of the build, then writes it as one JSON string, encodes it, and its offline plugin reads the
file back and writes it again inside a script: at 100x the entries held 300 MB and the writing
added 430 MB on top, the build's peak. Here each page's entries leave Material's index once the
page is written (the hook's ``on_post_page``), serialized as Material serializes them, into a
temporary file; at the end, after both plugins wrote their (now empty) index, the two files are
written again from it in pieces, with the same bytes around the entries as Material's
(:func:`lexmap.site.mkdocs_api.index_frame`). ``lexmap site serve``, which renders pages
again and replaces their entries in Material's index, keeps Material's way.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from typing import IO, Any

from mkdocs.config.defaults import MkDocsConfig

from .mkdocs_api import index_files, index_frame, take_search_entries

_CHUNK = 1 << 20


class Stream:
    """The entries of a build's search index, in the order Material added them."""

    def __init__(self, index: Any):
        self.index = index
        self.file: IO[str] = tempfile.TemporaryFile("w+", encoding="ascii")  # json.dumps escapes to ASCII
        self.entries = 0

    def take(self) -> None:
        """Move the entries Material added since the last call into the file."""
        entries = take_search_entries(self.index)
        if entries:
            if self.entries:
                self.file.write(",")
            self.file.write(json.dumps(entries, separators=(",", ":"), default=str)[1:-1])  # as Material's dumps
            self.entries += len(entries)

    def write(self, config: MkDocsConfig) -> None:
        """Write the search index files Material's plugins wrote, each again, with every entry."""
        self.take()
        head, tail = index_frame(config)
        for path, before in index_files(config):
            if not path.is_file():  # that plugin is off
                continue
            self.file.seek(0)
            with path.open("w", encoding="ascii", newline="") as out:
                out.write(before + head)
                shutil.copyfileobj(self.file, out, _CHUNK)
                out.write(tail)
        self.close()

    def close(self) -> None:
        self.file.close()
