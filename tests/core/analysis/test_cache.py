"""The analysis cache: hits give the same results without analysing, misses analyse."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cablereader.core.analysis import Analyzer, analyse_corpus, fingerprint
from cablereader.core.analysis import cache as analysiscache
from cablereader.core.analysis.cache import AnalysisCache
from cablereader.core.documents import Document
from tests.conftest import MEMO, SOURCE


@pytest.fixture
def documents(sample_documents: dict[str, Document]) -> list[Document]:
    return [sample_documents[name] for name in sorted(sample_documents)]


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the articles actually analysed (not taken from the cache)."""
    names: list[str] = []
    original = Analyzer.analyse

    def counting(self: Analyzer, article: Document):  # type: ignore[no-untyped-def]
        names.append(article.name)
        return original(self, article)

    monkeypatch.setattr(Analyzer, "analyse", counting)
    return names


def test_a_miss_analyses_and_a_hit_does_not(
    tmp_path: Path, documents: list[Document], analysed: list[str]
) -> None:
    cache = AnalysisCache(tmp_path)
    first = analyse_corpus(documents, SOURCE, cache=cache)
    assert len(analysed) == 4
    assert list(tmp_path.glob(f"*{analysiscache.SUFFIX}"))
    analysed.clear()
    progress: list[tuple[int, int]] = []
    again = analyse_corpus(
        documents,
        SOURCE,
        cache=AnalysisCache(tmp_path),
        progress=lambda d, t, _: progress.append((d, t)),
    )
    assert analysed == []
    assert again == first
    assert progress == [(4, 4)]  # the cached articles, reported done at once


def test_only_a_changed_article_is_analysed_again(
    tmp_path: Path, documents: list[Document], analysed: list[str]
) -> None:
    cache = AnalysisCache(tmp_path)
    analyse_corpus(documents, SOURCE, cache=cache)
    analysed.clear()
    edited = [
        Document.from_text(d.name, d.text + "\nA corrected line.") if d.name == MEMO else d
        for d in documents
    ]
    progress: list[int] = []
    result = analyse_corpus(
        edited, SOURCE, cache=cache, progress=lambda d, _t, _n: progress.append(d)
    )
    assert analysed == [MEMO]
    assert result == analyse_corpus(edited, SOURCE)  # the same as without a cache
    assert progress == [3, 4]


def test_another_source_text_or_name_misses(
    tmp_path: Path, documents: list[Document], analysed: list[str]
) -> None:
    cache = AnalysisCache(tmp_path)
    analyse_corpus(documents, SOURCE, cache=cache)
    analysed.clear()
    source = next(d for d in documents if d.name == SOURCE)
    renamed = [replace(d, name="cable.txt") if d is source else d for d in documents]
    analyse_corpus(renamed, "cable.txt", cache=cache)
    assert len(analysed) == 4
    analysed.clear()
    changed = [
        Document.from_text(SOURCE, d.text + "\nEnd.") if d is source else d for d in documents
    ]
    analyse_corpus(changed, SOURCE, cache=cache)
    assert len(analysed) == 4


def test_new_analysis_code_misses(
    tmp_path: Path,
    documents: list[Document],
    analysed: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    analyse_corpus(documents, SOURCE, cache=AnalysisCache(tmp_path))
    analysed.clear()
    monkeypatch.setattr(analysiscache, "code_fingerprint", lambda: "another version")
    analyse_corpus(documents, SOURCE, cache=AnalysisCache(tmp_path))
    assert len(analysed) == 4


def test_a_damaged_file_is_a_miss_and_is_replaced(
    tmp_path: Path, documents: list[Document], analysed: list[str]
) -> None:
    cache = AnalysisCache(tmp_path)
    expected = analyse_corpus(documents, SOURCE, cache=cache)
    source = next(d for d in documents if d.name == SOURCE)
    cache.file_for(source).write_bytes(b"not a pickle at all")
    analysed.clear()
    assert analyse_corpus(documents, SOURCE, cache=cache) == expected
    assert len(analysed) == 4
    analysed.clear()
    assert analyse_corpus(documents, SOURCE, cache=cache) == expected
    assert analysed == []


def test_an_unwritable_folder_only_costs_the_cache(
    tmp_path: Path, documents: list[Document]
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    cache = AnalysisCache(blocked / "analyses")
    assert analyse_corpus(documents, SOURCE, cache=cache) == analyse_corpus(documents, SOURCE)


def test_old_sources_are_dropped(
    tmp_path: Path, documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analysiscache, "MAX_SOURCES", 2)
    cache = AnalysisCache(tmp_path)
    for name in ("a.txt", "b.txt", "c.txt"):
        renamed = [replace(d, name=name) if d.name == SOURCE else d for d in documents]
        analyse_corpus(renamed, name, cache=cache)
    assert len(list(tmp_path.glob(f"*{analysiscache.SUFFIX}"))) == 2


def test_the_fingerprint_follows_the_analysis_code() -> None:
    fingerprint = analysiscache.code_fingerprint()
    assert len(fingerprint) == 64 and fingerprint == analysiscache.code_fingerprint()


def test_the_code_fingerprint_covers_exactly_the_analysis_modules() -> None:
    covered = set(fingerprint.analysis_modules())
    assert covered == {
        "cablereader.core.alignment",
        "cablereader.core.alignment.align",
        "cablereader.core.alignment.diffing",
        "cablereader.core.alignment.model",
        "cablereader.core.alignment.runs",
        "cablereader.core.analysis.analyzer",
        "cablereader.core.analysis.results",
        "cablereader.core.analysis.sourceset",
        "cablereader.core.analysis.witness",
        "cablereader.core.equivalences",
        "cablereader.core.quotation",
        "cablereader.core.quotematch",
        "cablereader.core.quotes",
        "cablereader.core.text",
        "cablereader.core.verdicts",
        "cablereader.core.verify",
    }
    # Modules that do not change a result (the search, CSV, project store, reports,
    # how documents are read) leave every user's cache in place when they change.
    for module in ("search", "csvfile", "documents", "project.store", "reports.annotations"):
        assert f"cablereader.core.{module}" not in covered
