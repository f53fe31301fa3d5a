"""REFI-QDA export from plain data read at once: a worker thread writes the same file."""

from __future__ import annotations

import threading
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from cablereader.core.analysis import CorpusAnalysis
from cablereader.core.documents import Document
from cablereader.core.exchange import ExportContent, export_qdpx
from cablereader.core.project import Project
from tests.conftest import REPRINT
from tests.core.refiqda_files import validate_qdpx


@pytest.fixture
def project(tmp_path: Path, sample_documents: dict[str, Document]) -> Project:
    with Project.create(tmp_path / "study.crproj", list(sample_documents.values())) as opened:
        yield opened


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_content_read_here_exports_in_another_thread_as_the_project_does(
    project: Project, tmp_path: Path, sample_analysis: CorpusAnalysis
) -> None:
    words = "I cannot predict how Europe will react"
    start = project.document(REPRINT).text.index(words)
    project.add_annotation(REPRINT, start, start + len(words), [2], note="why", author="Ana")
    content = ExportContent.of(project)
    results: list[object] = []

    def work() -> None:
        # The project's SQLite connection refuses other threads: only the content is used.
        results.append(export_qdpx(content, tmp_path / "thread.qdpx", analysis=sample_analysis))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    direct = export_qdpx(project, tmp_path / "direct.qdpx", analysis=sample_analysis)
    [summary] = results
    assert summary == replace(direct, path=tmp_path / "thread.qdpx")
    assert _entries(tmp_path / "thread.qdpx") == _entries(tmp_path / "direct.qdpx")
    validate_qdpx(tmp_path / "thread.qdpx")
    assert content.name == project.name and content.created == project.setting("created")
