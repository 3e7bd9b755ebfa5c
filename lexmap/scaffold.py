"""A new case folder that validates at once, with a commented example of every record.

``lexmap init PATH`` writes it. Nothing is overwritten: the folder must not exist
or be empty, and every file is created exclusively.
"""

from __future__ import annotations

import os
from pathlib import Path

from .discover import MANIFEST as MANIFEST_NAME

MANIFEST = """\
# The manifest of this case: what it is and which law it uses (docs/corpus.md).
title: {title}
description: >-
  One paragraph saying what this case is about: which programme or conduct, which state or
  company, which sources. It is shown on the site's home page and in exports.
licence: CC-BY-4.0
law: [bundled]          # lexmap's law library; add folders of your own, e.g. [bundled, instruments]
# texts_not_included:   # documents whose texts you may not share: their quotes stay unchecked
#   - some-document-id  # unless you give the texts with --texts
"""

ACTORS = """\
# Who speaks: organisations, governments, persons. A statement's speaker defaults to its
# document's authored_by (else published_by) actors.
actors: []
# - id: example-ngo
#   name: Example NGO
#   kind: organisation          # organisation | government | person
# - id: example-researcher
#   name: A. Researcher
#   kind: person
#   part_of: example-ngo
"""

DOCUMENTS = """\
# The sources. Put each document's plain text in texts/ under its text_file name: every quote
# attributed to the document is then checked to be verbatim.
documents: []
# - id: example-report
#   title: Forced Labour in the Example Programme
#   kind: report                # report, news-article, blog-post, statute, un-communication...
#   authored_by: [example-researcher]
#   published_by: example-ngo
#   date: 2024-03               # as precise as the source gives it
#   url: https://example.org/report
#   text_file: example-report.txt
#   cites:
#     - document: another-document-id
#       pinpoint: fn. 4
"""

PRACTICES = """\
# The alleged conduct, each as specific as the sources allow.
practices: []
# - id: passport-retention
#   label: Retention of workers' passports by supervisors
#   actor: Example Ministry
#   state: cu                   # a state id of the law library: lexmap list states --match NAME
#   start: 2019
#   part_of: another-practice-id
"""

STATEMENTS = """\
# What documents say: claims (a practice satisfies an element of a legal test), attestations
# (a practice happens), exhibits (a practice shows an indicator) and readings (what the law
# itself means, tied to no practice). Quotes are verbatim.
claims: []
# - id: example-report-passports-coercion
#   document: example-report
#   practice: passport-retention
#   element: palermo/means-other-coercion   # find ids: lexmap list elements --match coercion
#   stance: supports                  # or contests
#   pinpoint: p. 12
#   quote: the words of the document, copied exactly
#   speaker: example-ngo              # only when not the document's own authors
#   relies_on:
#     - document: another-document-id
#       pinpoint: fn. 7
attestations: []
# - id: example-report-passports-fact
#   document: example-report
#   practice: passport-retention
#   pinpoint: p. 4
#   quote: the words of the document, copied exactly
exhibits: []
# - id: example-report-passports-indicator
#   document: example-report
#   practice: passport-retention
#   indicator: ilo-fl/retention-of-identity-documents
#   pinpoint: p. 4
#   quote: the words of the document, copied exactly
readings: []
# - id: example-report-reads-palermo-consent
#   document: example-report
#   about: [palermo/art-3-b]          # instruments, provisions or elements: lexmap list provisions --match 3(b)
#   pinpoint: p. 2
#   quote: the words of the document, copied exactly
"""

README = """\
# {title}

A case for [lexmap](https://pypi.org/project/lexmap/). It validates as it is:

    lexmap validate {name}

Next steps:

1. Say what the case is in `lexmap.yaml` (title, description, licence).
2. Record the sources in `documents.yaml`, with their plain text in `texts/` (the file name
   given as `text_file`): every quote is then checked against it.
3. Record the practices in `practices.yaml`, and what the documents say about them in
   `statements.yaml`. Find the ids of legal elements and indicators with
   `lexmap list elements --match WORD` and `lexmap show ID`.
4. Check with `lexmap validate`, then `lexmap matrix -o matrix.xlsx`, `lexmap gaps`,
   `lexmap site build -o site`.

Every file holds commented examples; the data format is described in lexmap's
docs/data-format.md.
"""


class InsideACase(ValueError):
    """The folder of a new case lies inside another case, which would read its files as its own."""


class NotPrivate(ValueError):
    """The empty folder given for a new case is another user's, or anyone may write it: they could
    replace the case's files by a rename at any time."""


def enclosing_case(folder: Path) -> Path | None:
    """The case (a folder with a ``lexmap.yaml`` of this user's, or the ``instruments/`` or
    ``mappings/`` folder of a corpus) that ``folder`` lies inside, or None. A case reads every
    YAML file below it: a case made inside another becomes part of it."""
    here = folder.resolve()
    for above in here.parents:
        manifest = above / MANIFEST_NAME
        try:
            if manifest.is_file() and manifest.stat().st_uid == os.geteuid():
                return above
        except OSError:
            continue
        if (
            above.name in ("instruments", "mappings")
            and (above.parent / "mappings").is_dir()
            and (above.parent / "instruments").is_dir()
        ):
            return above.parent
    return None


def new_case(path: str | os.PathLike, title: str | None = None) -> Path:
    """Write a case skeleton into ``path`` (a new or empty folder) and return its path.

    Raises FileExistsError when ``path`` is a file or a folder that is not empty, InsideACase
    when it lies inside another case, NotPrivate when it is another user's or anyone may write it.
    """
    root = Path(path)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise FileExistsError(f"{root} exists and is not an empty folder")
    if root.is_dir():
        from .owned_folders import changeable_by_others

        why = changeable_by_others(root.resolve(), itself=True, parents=False)
        if why is not None:
            raise NotPrivate(f"not writing a case into {root}: {why}, so they could replace its files")
    outer = enclosing_case(root)
    if outer is not None:
        raise InsideACase(f"{root} is inside the case {outer}, which would read the new case's files as its own")
    title = title or root.resolve().name.replace("-", " ").replace("_", " ").capitalize() or "New case"
    (root / "texts").mkdir(parents=True, exist_ok=True)
    files = {
        "lexmap.yaml": MANIFEST.format(title=_yaml_text(title)),
        "actors.yaml": ACTORS,
        "documents.yaml": DOCUMENTS,
        "practices.yaml": PRACTICES,
        "statements.yaml": STATEMENTS,
        "README.md": README.format(title=title, name=root.as_posix()),
    }
    for name, text in files.items():
        with open(root / name, "x", encoding="utf-8") as stream:
            stream.write(text)
    return root


def _yaml_text(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
