"""The analysis of a corpus: every article against the source.  Pure Python, no Qt."""

from cablereader.core.analysis.analyzer import (
    PARALLEL_MIN_ARTICLES,
    AnalysisCancelled,
    Analyzer,
    ArticleAnalysis,
    CorpusAnalysis,
    ProgressCallback,
    analyse_corpus,
    coverage,
)

__all__ = [
    "PARALLEL_MIN_ARTICLES",
    "AnalysisCancelled",
    "Analyzer",
    "ArticleAnalysis",
    "CorpusAnalysis",
    "ProgressCallback",
    "analyse_corpus",
    "coverage",
]
