"""Corpus analysis: source detection, coverage, the second witness, progress and cancel."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablereader.core.analysis import (
    AnalysisCancelled,
    Analyzer,
    CorpusAnalysis,
    analyse_corpus,
    coverage,
)
from cablereader.core.documents import Document
from cablereader.core.sources import detect_source
from tests.conftest import MEMO, MSNBC, REPRINT, SOURCE, UNRELATED


def test_sample_source_is_detected(sample_analysis: CorpusAnalysis) -> None:
    assert sample_analysis.source.name == SOURCE
    assert [a.name for a in sample_analysis.articles] == [MSNBC, REPRINT, MEMO, UNRELATED]


def test_source_detection_ignores_order(sample_documents: dict[str, Document]) -> None:
    documents = sorted(sample_documents.values(), key=lambda d: d.name, reverse=True)
    assert detect_source(documents).name == SOURCE


def test_source_detection_on_a_small_corpus() -> None:
    source = Document.from_text(
        "cable.txt",
        "The minister told the visiting envoy that the decision on the new trade agreement "
        "would be taken by parliament alone and not by any foreign government. He said the "
        "talks on the border crossings would resume in the spring after the elections.",
    )
    first = Document.from_text(
        "a.txt",
        "According to the cable, the minister said the decision on the new trade agreement "
        "would be taken by parliament alone. Analysts were unconvinced.",
    )
    second = Document.from_text(
        "b.txt",
        "Sources said the talks on the border crossings would resume in the spring, while "
        "the opposition called for calm in the capital.",
    )
    assert detect_source([first, second, source]).name == "cable.txt"


def test_coverage_figures(sample_analysis: CorpusAnalysis) -> None:
    figures = {a.name: a.coverage for a in sample_analysis.articles}
    assert figures[UNRELATED] == 0.0
    assert figures[REPRINT] > 0.6
    assert 0.05 < figures[MSNBC] < 0.3
    assert 0.05 < figures[MEMO] < 0.3


def test_coverage_counts_non_space_characters_once() -> None:
    from cablereader.core.alignment import VERBATIM, Passage

    text = "ab  cd ef"
    passages = [Passage(0, 2, 0, 5, VERBATIM, 1.0), Passage(0, 2, 3, 6, VERBATIM, 1.0)]
    assert coverage(text, passages) == round(4 / 6, 4)
    assert coverage("   ", passages) == 0.0


def test_reprint_is_recognised_as_a_second_witness(sample_analysis, sample_documents) -> None:
    reprint = sample_analysis.article(REPRINT)
    assert reprint.witness is not None
    text = sample_documents[REPRINT].text
    assert text[reprint.witness.b_start :].startswith("March 7, 2022 Pakistani Diplomatic")
    variants = [d.b_text.strip() for d in reprint.witness.textual_differences]
    assert "as published by The Intercept" in variants
    assert "Source: The Intercept/ mmnews.tv" in variants
    for name in (MSNBC, MEMO, UNRELATED):
        assert sample_analysis.article(name).witness is None


def test_short_verified_quotes_become_passages(sample_analysis, sample_documents) -> None:
    memo = sample_analysis.article(MEMO)
    text = sample_documents[MEMO].text
    start = text.index("I think it will be tough going ahead")
    passage = memo.alignment.passage_at_b(start)
    assert passage is not None and passage.kind == "verbatim"


def test_altered_quote_is_one_passage_with_its_changes(sample_analysis, sample_documents) -> None:
    text = sample_documents[REPRINT].text
    start = text.index("I cannot predict how Europe will react")
    passage = sample_analysis.article(REPRINT).alignment.passage_at_b(start)
    assert passage is not None and passage.kind == "altered"
    assert passage.b_start == start
    assert ("tell", "predict") in [(d.a_text, d.b_text) for d in passage.differences]


def test_verdict_counts(sample_analysis: CorpusAnalysis) -> None:
    counts = sample_analysis.article(UNRELATED).verdict_counts()
    assert counts == {"verbatim": 0, "altered": 0, "fragment": 0, "not_in_source": 6}
    reprint = sample_analysis.article(REPRINT).verdict_counts()
    assert reprint["altered"] == 1
    assert reprint["verbatim"] >= 10


def test_progress_and_explicit_source(sample_documents) -> None:
    seen: list[tuple[int, int, str]] = []
    analysis = analyse_corpus(
        list(sample_documents.values()), REPRINT, progress=lambda d, t, n: seen.append((d, t, n))
    )
    assert analysis.source.name == REPRINT
    assert [s[:2] for s in seen] == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_cancel_stops_the_analysis(sample_documents) -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(AnalysisCancelled):
        analyse_corpus(list(sample_documents.values()), cancelled=cancelled)
    assert len(calls) == 3


def test_worker_processes_give_the_same_results(sample_documents) -> None:
    from cablereader.core.analysis import PARALLEL_MIN_ARTICLES

    articles = [d for name, d in sample_documents.items() if name != SOURCE]
    many = [sample_documents[SOURCE]] + [
        Document.from_text(f"{i:03}_{a.name}", a.text)
        for i in range(PARALLEL_MIN_ARTICLES // len(articles) + 1)
        for a in articles
    ]
    seen: list[int] = []
    parallel = analyse_corpus(many, SOURCE, workers=2, progress=lambda d, t, n: seen.append(d))
    serial = analyse_corpus(many, SOURCE)
    assert parallel == serial
    assert seen == list(range(1, len(many)))


def test_bad_arguments(sample_documents) -> None:
    with pytest.raises(ValueError):
        analyse_corpus([])
    with pytest.raises(KeyError):
        analyse_corpus(list(sample_documents.values()), "missing.txt")


def test_core_imports_without_qt() -> None:
    """The core must work where PySide6 cannot be imported at all."""
    script = textwrap.dedent(
        """
        import importlib.abc, sys

        class BlockQt(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError("Qt is blocked in this test")
                return None

        sys.meta_path.insert(0, BlockQt())
        import pkgutil, importlib
        import cablereader.core as core
        for module in pkgutil.walk_packages(core.__path__, "cablereader.core."):
            importlib.import_module(module.name)
        import cablereader.cli
        from cablereader.core.analysis import analyse_corpus
        from cablereader.core.sample import load_sample_corpus
        analyse_corpus(load_sample_corpus())
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


_PIECES = st.sampled_from(
    [
        "I think it will be tough going ahead",
        "Otherwise,",
        " he said, ",
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        "…",
        "...",
        "[Khan]",
        "\n\n",
        " ",
        "Pakistan’s",
        "the Prime Minister",
        "all will be forgiven in Washington",
        "«",
        "»",
        "é",
        "🙂",
        "e\u0301",
        "שלום",
        "\u00a0",
        "—",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40))
def test_any_article_analyses_with_consistent_offsets(sample_documents, pieces) -> None:
    source = sample_documents[SOURCE]
    text = "".join(pieces)
    article = Document.from_text("fuzz.txt", text)
    result = _ANALYZERS.setdefault(SOURCE, Analyzer(source)).analyse(article)
    previous_end = 0
    for passage in result.passages:
        assert 0 <= passage.b_start < passage.b_end <= len(article.text)
        assert 0 <= passage.a_start <= passage.a_end <= len(source.text)
        assert passage.b_start >= previous_end
        previous_end = passage.b_end
        for difference in passage.differences:
            assert source.text[difference.a_start : difference.a_end] == difference.a_text
            assert article.text[difference.b_start : difference.b_end] == difference.b_text
    for check in result.quotes:
        assert article.text[check.start : check.end] == check.text
        assert check.verdict in {"verbatim", "altered", "fragment", "not_in_source"}
        assert 0.0 <= check.similarity <= 1.0
        if check.source_start is not None:
            assert check.source_end is not None
            assert 0 <= check.source_start <= check.source_end <= len(source.text)
    assert 0.0 <= result.coverage <= 1.0


_ANALYZERS: dict[str, Analyzer] = {}
