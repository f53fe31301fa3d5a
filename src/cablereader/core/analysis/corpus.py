"""A whole corpus analysed: the sources found, each article analysed (serially, or in
worker processes for a large corpus), with progress reports, cancellation and a cache."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from cablereader.core.analysis.analyzer import Analyzer
from cablereader.core.analysis.results import (
    AnalysisCancelled,
    ArticleAnalysis,
    CorpusAnalysis,
    ProgressCallback,
)
from cablereader.core.analysis.sourceset import find_witnesses
from cablereader.core.documents import Document
from cablereader.core.sources import detect_sources

if TYPE_CHECKING:  # only for the annotation: the cache is the caller's to give
    from cablereader.core.analysis.cache import AnalysisCache

# Below this many articles, starting worker processes costs more than it saves.
PARALLEL_MIN_ARTICLES = 64


def analyse_corpus(
    documents: Sequence[Document],
    source: str | Sequence[str] | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int = 1,
    background: bool = False,
    cache: AnalysisCache | None = None,
) -> CorpusAnalysis:
    """Analyse every document but the sources against the sources.

    ``source`` names the source document, or the sources (the primary first); without
    it the sources are detected.
    ``progress(done, total, name)`` is called after each article; ``cancelled()`` is
    polled before each one and stops the work with :class:`AnalysisCancelled`.
    With ``workers`` > 1 and a large corpus, articles are analysed in that many
    processes (the results are the same; only the time differs), at a lower CPU
    priority with ``background`` (an app keeping its window responsive).  With a
    ``cache``, articles already analysed against the same source text are taken from it
    (reported as done at once) and the new results are added to it.
    """
    if not documents:
        raise ValueError("no documents to analyse")
    sources = _sources(documents, source)
    names = {d.name for d in sources}
    articles = [d for d in documents if d.name not in names]
    witnesses = find_witnesses(sources) if len(sources) > 1 else ()
    source_doc = sources[0]
    known = cache.lookup(sources, articles) if cache is not None else {}
    todo = [article for index, article in enumerate(articles) if index not in known]
    if progress is not None and known:
        last = max(known)
        progress(len(known), len(articles), articles[last].name)
    fresh = _analyse(
        sources, witnesses, todo, len(known), len(articles), workers, background,
        progress, cancelled,
    )  # fmt: skip
    if cache is not None and fresh:
        cache.store(sources, zip(todo, fresh, strict=True))
    new = iter(fresh)
    results = [known[i] if i in known else next(new) for i in range(len(articles))]
    return CorpusAnalysis(source_doc, tuple(results), tuple(sources[1:]), witnesses)


def _sources(documents: Sequence[Document], source: str | Sequence[str] | None) -> list[Document]:
    if source is None:
        return detect_sources(documents)
    wanted = [source] if isinstance(source, str) else list(source)
    if not wanted:
        return detect_sources(documents)
    by_name = {d.name: d for d in reversed(documents)}
    missing = [name for name in wanted if name not in by_name]
    if missing:
        raise KeyError(missing[0])
    return [by_name[name] for name in dict.fromkeys(wanted)]


def _analyse(
    sources: list[Document],
    witnesses: tuple[tuple[str, str], ...],
    articles: list[Document],
    done_before: int,
    total: int,
    workers: int,
    background: bool,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
) -> list[ArticleAnalysis]:
    """Analyse ``articles``, reporting progress as the last of ``total`` to be done."""
    report = progress
    if progress is not None and done_before:

        def report(done: int, _total: int, name: str) -> None:
            progress(done_before + done, total, name)

    if workers > 1 and len(articles) >= PARALLEL_MIN_ARTICLES:
        from cablereader.core.analysis.parallel import analyse_in_processes

        return analyse_in_processes(
            sources, articles, workers, report, cancelled, background=background,
            witnesses=witnesses,
        )  # fmt: skip
    if not articles:
        return []
    analyzer = Analyzer(sources[0], sources[1:], dict(witnesses))
    results = []
    for done, article in enumerate(articles, start=1):
        if cancelled is not None and cancelled():
            raise AnalysisCancelled()
        results.append(analyzer.analyse(article))
        if report is not None:
            report(done, len(articles), article.name)
    return results
