"""Adding many annotations at once: one transaction, one change, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablereader.core.documents import Document
from cablereader.core.project import InvalidEdit, Project
from cablereader.core.project.editing import NewAnnotation
from tests.conftest import MSNBC, SOURCE


@pytest.fixture
def project(tmp_path: Path, sample_documents: dict[str, Document]) -> Project:
    documents = [sample_documents[name] for name in sorted(sample_documents)]
    return Project.create(tmp_path / "bulk.crproj", documents, source=SOURCE)


def test_many_annotations_in_one_change(project: Project, tmp_path: Path) -> None:
    tag = project.tags()[0].id
    items = [NewAnnotation(MSNBC, i * 10, i * 10 + 5, [tag], f"note {i}") for i in range(200)]
    items.append(NewAnnotation(SOURCE, 0, 12))
    seen = []
    project.subscribe(seen.append)
    change = project.add_annotations(items)
    assert len(seen) == 1 and len(change.steps) == 201
    stored = project.annotations(MSNBC)
    assert len(stored) == 200 and len(project.annotations()) == 201
    text = project.document(MSNBC).text
    for annotation, item in zip(stored, items, strict=False):
        assert (annotation.start, annotation.end, annotation.exact) == (
            item.start,
            item.end,
            text[item.start : item.end],
        )
        assert annotation.tag_ids == (tag,) and annotation.note == item.note
    # The same as one at a time: context is taken from the text.
    single = project.add_annotation(MSNBC, 0, 5, [tag], "note 0").annotation
    assert (single.prefix, single.suffix) == (stored[0].prefix, stored[0].suffix)
    project.close()
    with Project.open(tmp_path / "bulk.crproj", read_only=True) as again:
        assert len(again.annotations()) == 202


def test_one_undo_step_removes_them_all(project: Project) -> None:
    change = project.add_annotations([(MSNBC, 0, 5), (MSNBC, 10, 20)])
    project.revert(change)
    assert project.annotations() == []


def test_one_bad_item_refuses_the_batch(project: Project) -> None:
    before = project.annotations()
    with pytest.raises(InvalidEdit):
        project.add_annotations([NewAnnotation(MSNBC, 0, 5), NewAnnotation(MSNBC, 5, 10**9)])
    with pytest.raises(InvalidEdit):
        project.add_annotations([NewAnnotation(MSNBC, 0, 5, [999_999])])
    with pytest.raises(InvalidEdit):
        project.add_annotations([NewAnnotation("missing.txt", 0, 5)])
    assert project.annotations() == before
