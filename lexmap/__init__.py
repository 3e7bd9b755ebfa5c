"""lexmap: legal instruments, alleged practices and the documents that connect them, as a graph.

>>> import lexmap
>>> corpus = lexmap.load()            # the bundled corpus
>>> corpus.instruments["palermo"].short_name
'Palermo Protocol'
"""

from .corpus import Corpus
from .discover import find_case
from .loader import bundled_corpus_path
from .loading import load
from .model import (
    Actor,
    Attestation,
    Case,
    Citation,
    Claim,
    Document,
    Element,
    Exhibit,
    Indicator,
    IndicatorFramework,
    Instrument,
    LegalBasis,
    Practice,
    Provision,
    Ratification,
    Reading,
    State,
    TreatyAction,
)
from .problems import CorpusError, Problem
from .results import Records

__all__ = [
    "Actor",
    "Attestation",
    "Case",
    "Citation",
    "Claim",
    "Corpus",
    "CorpusError",
    "Document",
    "Element",
    "Exhibit",
    "Indicator",
    "IndicatorFramework",
    "Instrument",
    "LegalBasis",
    "Practice",
    "Problem",
    "Provision",
    "Ratification",
    "Reading",
    "Records",
    "State",
    "TreatyAction",
    "bundled_corpus_path",
    "find_case",
    "load",
]
