"""``lexmap.load``: the records the read layer produces (:mod:`lexmap.loader`, from the cache
when nothing changed), indexed once as a :class:`~lexmap.corpus.Corpus`.

Reading builds no Corpus: it sits below the corpus in the import contract (pyproject.toml), so
the records, the cache and every check of the read layer know nothing of what is built on them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .corpus import Corpus
from .loader import CaseRecords, read_case
from .model import COLLECTIONS
from .problems import CorpusError
from .profiles import ProfileError, apply_profile, check_profile, withhold_problems


def load(
    path: str | os.PathLike | None = None,
    *,
    texts: Iterable[str | os.PathLike] | None = None,
    require_texts: bool = False,
    cache: bool = True,
    profile: str = "full",
) -> Corpus:
    """Load and validate the corpus at ``path`` (the bundled case by default).

    ``path`` is a case folder (holding a ``lexmap.yaml`` manifest that names the
    law it uses), an older corpus folder (``instruments/`` and ``mappings/``), or
    a single data file holding every collection (such as a corpus exported with
    ``lexmap export json``: JSON is YAML, so it goes through the same checks).

    ``texts`` are folders holding plain-text copies of documents (their
    ``text_file``), searched after the case's own ``texts/`` folder and the
    folders in the ``LEXMAP_TEXTS`` environment variable. Every quote of a document whose
    text is found is checked to be verbatim. When a text folder is in use, a
    ``text_file`` found in none of them is a problem, unless the manifest lists
    the document under ``texts_not_included``; ``require_texts`` makes every
    unchecked quote a problem.

    With ``cache`` (the default, unless the ``LEXMAP_NO_CACHE`` environment variable is set),
    a corpus that loaded without problems is kept in the user's cache folder
    (:mod:`lexmap.cache`): loading it again with every file unchanged reads no YAML, and
    after a change only the changed files are read again (every check still runs).

    ``profile`` (``full``, ``internal`` or ``public``: :mod:`lexmap.profiles`) withholds what
    that edition may not show, after every quote was checked on the full records; the corpus's
    ``case.withheld`` says how many statements it withholds.

    Raises :class:`CorpusError` listing every problem found.
    """
    check_profile(profile)
    try:
        read = read_case(path, texts=texts, require_texts=require_texts, cache=cache)
    except CorpusError as error:
        raise withhold_problems(error, profile) from None  # the full problems would print withheld words
    return corpus_of(read, profile)


def corpus_of(read: CaseRecords, profile: str = "full") -> Corpus:
    """The Corpus indexing the records of one read, as the edition under ``profile`` shows them."""
    read = apply_profile(read, profile).records
    return Corpus(**read.records, root=read.root, case=read.case, texts=read.texts)


def edition_of(corpus: Corpus, profile: str) -> Corpus:
    """``corpus`` (a full one) as the edition under ``profile`` shows it, for the API's writers;
    ``full`` (the default) is the corpus as it is, an edition included."""
    made = corpus.case.profile if corpus.case is not None else None
    if check_profile(profile) == "full" or profile == made:
        return corpus
    if made is not None:
        raise ProfileError(f"this corpus is already the {made} edition: load the case with profile={profile!r}")
    records = {name: tuple(getattr(corpus, name).values()) for name in COLLECTIONS}
    return corpus_of(CaseRecords(records, root=corpus.root, case=corpus.case, texts=corpus.texts), profile)
