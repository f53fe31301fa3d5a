"""Shared fixtures: the sample corpus, and Qt kept offscreen for every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# GUI tests never need a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cablereader.core.analysis import CorpusAnalysis, analyse_corpus
from cablereader.core.documents import Document
from cablereader.core.sample import load_sample_corpus, sample_corpus_dir

SOURCE = "003_5dca466439790169.txt"
MSNBC = "000_1b0248060f5a200d.txt"
REPRINT = "001_f20ffc1191894066.txt"
MEMO = "002_013a7a5bcb27939a.txt"
UNRELATED = "004_2eefb837c73124b7.txt"
# Invented for the sample (resources/sample-corpus.md): a second source, and an
# article quoting it and the cable.
STATEMENT = "005_invented_statement.txt"
INVENTED = "006_invented_article.txt"
# The five published documents: most tests are about them alone.
PUBLISHED = (MSNBC, REPRINT, MEMO, SOURCE, UNRELATED)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return sample_corpus_dir()


def published_documents() -> list[Document]:
    """The sample's five published documents, in file-name order."""
    return [d for d in load_sample_corpus() if d.name in PUBLISHED]


@pytest.fixture(scope="session")
def sample_documents() -> dict[str, Document]:
    """The five published documents of the sample (one source, the cable)."""
    return {d.name: d for d in published_documents()}


@pytest.fixture(scope="session")
def sample_analysis() -> CorpusAnalysis:
    return analyse_corpus(published_documents())


@pytest.fixture(scope="session")
def full_sample_analysis() -> CorpusAnalysis:
    """The whole built-in sample: two sources (the cable and the invented statement)."""
    return analyse_corpus(load_sample_corpus())
