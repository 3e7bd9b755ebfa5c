"""``lexmap site serve`` on a corpus that an edit broke (issue 28 item 3): the problems in the
browser, in place of the site, until the corpus is valid again.

mkdocs' development server keeps the last site and only says "stuck" in the terminal when a
build fails; a reader at the browser waits. So under ``serve`` the hook builds this page instead:
each problem with its file, line, record id and the fix, at every address the last good build
had (the page a reader is on reloads into the problem, and back into the page once fixed).
"""

from __future__ import annotations

from markupsafe import escape

from ..problems import CorpusError

_last_paths: set[str] = set()
"""The pages of the last good build in this process (the hook module is loaded anew per build)."""


def remember(paths) -> None:
    _last_paths.clear()
    _last_paths.update(paths)


def problem_pages(error: CorpusError, corpus_path: str) -> dict[str, str]:
    """``{path: markdown}``: the problem page at ``index.md`` and at each page of the last build."""
    count = len(error.problems)
    rows = "\n".join(
        "<tr>"
        f"<td><code>{escape(p.file)}</code></td>"
        f"<td>{'' if p.line is None else p.line}</td>"
        f"<td>{escape(p.id or '')}</td>"
        f"<td>{escape(p.message)}</td>"
        f"<td>{escape(p.hint or '')}</td>"
        "</tr>"
        for p in error.problems
    )
    body = (
        "---\ntitle: The corpus has problems\nsearch:\n  exclude: true\n---\n\n"
        "# The corpus has problems\n\n"
        '<div class="lx-page lx-problems" id="lexmap-problems">\n'
        f"<p><strong>{count} problem{'s' if count != 1 else ''}</strong> in the corpus at <code>{escape(corpus_path)}</code> "
        "stop the site from being built. Fix them and save: this page reloads into the site.</p>\n"
        '<div class="lx-scroll"><table class="lx-table">\n'
        "<thead><tr><th>File</th><th>Line</th><th>Id</th><th>Problem</th><th>Fix</th></tr></thead>\n"
        f"<tbody>\n{rows}\n</tbody>\n</table></div>\n</div>\n"
    )
    return {path: body for path in {"index.md", *_last_paths}}
