"""lexmap: legal instruments, alleged practices and the documents that connect them, as a graph.

>>> import lexmap
>>> corpus = lexmap.load()            # the bundled corpus
>>> corpus.instruments["palermo"].short_name
'Palermo Protocol'
"""

from .corpus import Corpus
from .loader import bundled_corpus_path, load
from .model import (
    Attestation, Citation, Claim, Document, Element, Exhibit, Indicator, IndicatorFramework,
    Instrument, LegalBasis, Party, Practice, Provision, State,
)
from .problems import CorpusError, Problem
from .results import Records

__all__ = [
    "Attestation", "Citation", "Claim", "Corpus", "CorpusError", "Document", "Element", "Exhibit",
    "Indicator", "IndicatorFramework", "Instrument", "LegalBasis", "Party", "Practice", "Problem",
    "Provision", "Records", "State", "bundled_corpus_path", "load",
]
