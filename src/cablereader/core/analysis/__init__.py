"""The analysis of a corpus: every article against the source.  Pure Python, no Qt.

``results`` (plain frozen data) <- ``witness`` <- ``analyzer`` (one article) <-
``parallel`` (worker processes), ``records`` (results as JSON data) <- ``cache``
(results on disk) <- ``corpus`` (the whole corpus).  Each module imports only those to
its left, so there is no cycle.
"""

from cablereader.core.analysis.analyzer import Analyzer, coverage
from cablereader.core.analysis.cache import AnalysisCache
from cablereader.core.analysis.corpus import PARALLEL_MIN_ARTICLES, analyse_corpus
from cablereader.core.analysis.results import (
    AnalysisCancelled,
    ArticleAnalysis,
    CorpusAnalysis,
    ProgressCallback,
)
from cablereader.core.analysis.witness import witness_passage

__all__ = [
    "PARALLEL_MIN_ARTICLES",
    "AnalysisCache",
    "AnalysisCancelled",
    "Analyzer",
    "ArticleAnalysis",
    "CorpusAnalysis",
    "ProgressCallback",
    "analyse_corpus",
    "coverage",
    "witness_passage",
]
