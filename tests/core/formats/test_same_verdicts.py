"""Every format version of the sample articles gives the same verdicts as the .txt,
and no quotation comes in from page furniture (menus, banners, headers, comments)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablereader.core.analysis import Analyzer
from cablereader.core.documents import Document, load_document
from cablereader.core.sample import sample_corpus_dir
from tests import format_fixtures

VERSIONS = sorted(format_fixtures.ARTICLE_VERSIONS)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(load_document(sample_corpus_dir() / f"{format_fixtures.SOURCE}.txt"))


def verdicts(analyzer: Analyzer, document: Document) -> list[tuple[str, str]]:
    return [(" ".join(q.text.split()), q.verdict) for q in analyzer.analyse(document).quotes]


@pytest.mark.parametrize("stem", format_fixtures.ARTICLES)
@pytest.mark.parametrize("version", VERSIONS)
def test_a_format_version_gets_the_verdicts_of_the_text(
    analyzer: Analyzer, format_dir: Path, stem: str, version: str
) -> None:
    suffix = format_fixtures.ARTICLE_VERSIONS[version][0]
    converted = load_document(format_dir / f"{stem}.{version}{suffix}")
    expected = verdicts(analyzer, load_document(sample_corpus_dir() / f"{stem}.txt"))
    assert expected  # every sample article quotes something
    assert verdicts(analyzer, converted) == expected


@pytest.mark.parametrize("version", VERSIONS)
def test_no_page_furniture_reaches_the_text(format_dir: Path, version: str) -> None:
    suffix = format_fixtures.ARTICLE_VERSIONS[version][0]
    for stem in format_fixtures.ARTICLES:
        text = load_document(format_dir / f"{stem}.{version}{suffix}").text
        for furniture in (*format_fixtures.FURNITURE_QUOTES, "Page 1 of", "cookies"):
            assert furniture not in text
        # The article's own words all arrive, in order.
        assert text.split() == " ".join(format_fixtures.article_paragraphs(stem)).split()
