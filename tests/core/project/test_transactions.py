"""Edits that touch several rows at once are single transactions: one change, all or
nothing, one undo step (deleting several annotations, moving a shortcut key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablereader.core.documents import Document
from cablereader.core.project import InvalidEdit, Project
from cablereader.core.project.validation import key_owner, tag_name_problem
from tests.conftest import MSNBC, SOURCE


@pytest.fixture
def project(tmp_path: Path, sample_documents: dict[str, Document]) -> Project:
    documents = [sample_documents[name] for name in sorted(sample_documents)]
    return Project.create(tmp_path / "edits.crproj", documents, source=SOURCE)


def test_several_annotations_go_in_one_change(project: Project) -> None:
    ids = [project.add_annotation(MSNBC, i * 10, i * 10 + 5).annotation.id for i in range(3)]
    seen = []
    project.subscribe(seen.append)
    change = project.delete_annotations(ids)
    assert len(seen) == 1 and change.annotation_ids == frozenset(ids)
    assert project.annotations() == []
    project.revert(change)
    assert sorted(a.id for a in project.annotations()) == sorted(ids)


def test_an_unknown_annotation_refuses_the_whole_delete(project: Project) -> None:
    kept = project.add_annotation(MSNBC, 0, 5).annotation
    with pytest.raises(InvalidEdit):
        project.delete_annotations([kept.id, 999_999])
    assert project.annotations() == [kept]


def test_a_taken_key_moves_in_the_same_change(project: Project) -> None:
    first, second = project.tags()[:2]
    assert first.key == "1"
    with pytest.raises(InvalidEdit, match="already the shortcut"):
        project.update_tag(second.id, key="1")
    change = project.update_tag(second.id, key="1", take_key=True)
    assert project.tag(second.id).key == "1" and project.tag(first.id).key is None
    assert change.tag_ids == {first.id, second.id}
    project.revert(change)
    assert project.tag(first.id).key == "1" and project.tag(second.id).key == second.key


def test_a_new_tag_can_take_a_key(project: Project) -> None:
    owner = key_owner("2", project.tags())
    assert owner is not None
    change = project.add_tag("Fresh", "#123456", key="2", take_key=True)
    assert change.added_tag.name == "Fresh" and change.added_tag.key == "2"
    assert project.tag(owner.id).key is None
    project.revert(change)
    assert project.tag(owner.id).key == "2"
    assert "Fresh" not in {t.name for t in project.tags()}


def test_a_refused_name_takes_no_key(project: Project) -> None:
    owner = key_owner("1", project.tags())
    assert owner is not None
    with pytest.raises(InvalidEdit):
        project.add_tag(owner.name.upper(), "#123456", key="1", take_key=True)
    assert project.tag(owner.id).key == "1"


def test_a_form_gets_the_store_s_own_message(project: Project) -> None:
    tags = project.tags()
    assert tag_name_problem("  ", tags) == "A tag needs a name."
    assert tag_name_problem(tags[0].name.upper(), tags) == (
        f"There is already a tag named “{tags[0].name}”."
    )
    assert tag_name_problem(tags[0].name, tags, except_id=tags[0].id) is None
    assert "at most 200" in (tag_name_problem("x" * 201, tags) or "")


def test_removing_a_document_takes_its_annotations_and_undo_brings_both_back(
    project: Project,
) -> None:
    tag = project.tags()[0]
    tagged = project.add_annotation(MSNBC, 0, 5, tag_ids=[tag.id], note="kept").annotation
    other = project.add_annotation(SOURCE, 0, 5).annotation
    seen = []
    project.subscribe(seen.append)
    change = project.remove_document(MSNBC)
    assert len(seen) == 1 and change.kind == "document_removed"
    assert MSNBC not in {d.name for d in project.documents()}
    assert project.annotations() == [other]
    project.revert(change)
    assert MSNBC in {d.name for d in project.documents()}
    assert project.annotation(tagged.id) == tagged


def test_removing_an_unknown_document_changes_nothing(project: Project) -> None:
    before = project.documents()
    with pytest.raises(InvalidEdit, match="no document named"):
        project.remove_document("nope.txt")
    assert project.documents() == before


def test_new_annotations_carry_the_author_of_the_session(project: Project) -> None:
    assert project.add_annotation(MSNBC, 0, 5).annotation.author == ""
    project.author = "R. Reporter"
    assert project.add_annotation(MSNBC, 5, 9).annotation.author == "R. Reporter"
    assert project.add_annotation(MSNBC, 9, 12, author="Other").annotation.author == "Other"
