"""REFI-QDA export: every file valid against the official schemas, and what goes where."""

from __future__ import annotations

import zipfile
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from cablereader.core.analysis import CorpusAnalysis
from cablereader.core.documents import Document
from cablereader.core.exchange import ExchangeError, export_qdc, export_qdpx
from cablereader.core.project import Project
from tests.conftest import MSNBC, REPRINT, SOURCE
from tests.core.refiqda_files import codebook_schema, validate_qdpx

NS = {"q": "urn:QDA-XML:project:1.0"}
NOTE = 'Commas, "quotes" & <angle brackets>,\nnew lines, ✓ 中文 😀'


@pytest.fixture
def project(tmp_path: Path, sample_documents: dict[str, Document]) -> Project:
    with Project.create(tmp_path / "study.crproj", list(sample_documents.values())) as opened:
        yield opened


def annotate(project: Project, document: str, words: str, tags: list[int], **kw: str) -> int:
    start = project.document(document).text.index(words)
    return project.add_annotation(document, start, start + len(words), tags, **kw).annotation.id


def read_qde(path: Path) -> object:
    return SafeET.fromstring(validate_qdpx(path))


def test_every_document_tag_and_annotation_is_exported(
    project: Project, tmp_path: Path, sample_analysis: CorpusAnalysis
) -> None:
    annotate(
        project, REPRINT, "I cannot predict how Europe will react", [2], note=NOTE, author="Ana"
    )
    annotate(project, SOURCE, "Assistant Secretary of State", [1, 3], author="Bo")
    annotate(project, MSNBC, "worldwide commitment", [])
    summary = export_qdpx(project, tmp_path / "out.qdpx", analysis=sample_analysis)
    root = read_qde(tmp_path / "out.qdpx")
    assert (summary.sources, summary.codes, summary.users, summary.notes) == (5, 4, 2, 1)
    codes = root.findall("q:CodeBook/q:Codes/q:Code", NS)
    assert [(c.get("guid"), c.get("name"), c.get("color").lower()) for c in codes] == [
        (t.uuid, t.name, t.colour) for t in project.tags()
    ]
    users = {u.get("guid"): u.get("name") for u in root.findall("q:Users/q:User", NS)}
    assert sorted(users.values()) == ["Ana", "Bo"]
    with zipfile.ZipFile(tmp_path / "out.qdpx") as archive:
        for source in root.findall("q:Sources/q:TextSource", NS):
            guid = source.get("guid")
            assert source.get("plainTextPath") == f"internal://{guid}.txt"
            text = archive.read(f"sources/{guid}.txt").decode("utf-8")
            assert not text.startswith("\ufeff") and "\r" not in text
            assert text == project.document(source.get("name")).text
            for selection in source.findall("q:PlainTextSelection", NS):
                if selection.find("q:Coding", NS) is None and selection.get("guid") not in {
                    a.uuid for a in project.annotations()
                }:
                    continue  # a linked source passage
                annotation = next(
                    a for a in project.annotations() if a.uuid == selection.get("guid")
                )
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                # Offsets are code points, end exclusive: the slice is the annotated text.
                assert text[start:end] == annotation.exact
                refs = [
                    c.find("q:CodeRef", NS).get("targetGUID")
                    for c in selection.findall("q:Coding", NS)
                ]
                tag_guids = {t.id: t.uuid for t in project.tags()}
                assert refs == [tag_guids[t] for t in annotation.tag_ids]
                if annotation.author:
                    assert users[selection.get("creatingUser")] == annotation.author


def test_note_is_description_and_note_and_source_passage_is_a_link(
    project: Project, tmp_path: Path, sample_analysis: CorpusAnalysis
) -> None:
    annotate(project, REPRINT, "I cannot predict how Europe will react", [2], note=NOTE)
    summary = export_qdpx(project, tmp_path / "out.qdpx", analysis=sample_analysis)
    root = read_qde(tmp_path / "out.qdpx")
    selection = root.find(".//q:PlainTextSelection[q:Coding]", NS)
    assert selection.find("q:Description", NS).text == NOTE
    note_guid = selection.find("q:NoteRef", NS).get("targetGUID")
    note = root.find(f"q:Notes/q:Note[@guid='{note_guid}']", NS)
    assert note.find("q:PlainTextContent", NS).text == NOTE
    (link,) = root.findall("q:Links/q:Link", NS)
    assert summary.links == 1 and link.get("name") == "Source passage (altered)"
    assert link.get("originGUID") == selection.get("guid")
    target = root.find(f".//q:PlainTextSelection[@guid='{link.get('targetGUID')}']", NS)
    (source_element,) = [
        s for s in root.iter("{urn:QDA-XML:project:1.0}TextSource") if target in list(s)
    ]
    assert source_element.get("name") == SOURCE
    source_text = project.document(SOURCE).text
    passage = source_text[int(target.get("startPosition")) : int(target.get("endPosition"))]
    assert " ".join(passage.split()) == "I cannot tell how this will be seen by Europe"


def test_guids_are_stable_between_exports(project: Project, tmp_path: Path) -> None:
    annotate(project, SOURCE, "Assistant Secretary of State", [1])
    export_qdpx(project, tmp_path / "a.qdpx")
    export_qdpx(project, tmp_path / "b.qdpx")
    assert validate_qdpx(tmp_path / "a.qdpx") == validate_qdpx(tmp_path / "b.qdpx")


def test_project_without_tags_or_annotations_is_valid(tmp_path: Path) -> None:
    documents = [Document.from_text("one.txt", "Only text."), Document.from_text("two.txt", "Two.")]
    with Project.create(tmp_path / "p.crproj", documents, starter_tags=False) as project:
        summary = export_qdpx(project, tmp_path / "out.qdpx")
        assert (summary.codes, summary.selections) == (0, 0)
        validate_qdpx(tmp_path / "out.qdpx")
        with pytest.raises(ExchangeError, match="no tags"):
            export_qdc(project, tmp_path / "out.qdc")
    assert not (tmp_path / "out.qdc").exists()


def test_codebook_is_valid_against_codebook_xsd(project: Project, tmp_path: Path) -> None:
    project.add_tag("Sourcing & <attribution>", "#123abc", "Who said it — “quoted”")
    export_qdc(project, tmp_path / "codes.qdc")
    xml = (tmp_path / "codes.qdc").read_text(encoding="utf-8")
    codebook_schema().validate(xml)
    root = SafeET.fromstring(xml.encode())
    names = [c.get("name") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")]
    assert names == [t.name for t in project.tags()]


def test_characters_xml_cannot_hold_are_replaced_not_fatal(
    project: Project, tmp_path: Path
) -> None:
    annotate(project, SOURCE, "Assistant Secretary of State", [1], note="bell\x07 here")
    export_qdpx(project, tmp_path / "out.qdpx")
    root = read_qde(tmp_path / "out.qdpx")
    assert root.find(".//q:PlainTextSelection/q:Description", NS).text == "bell\ufffd here"


def test_orphans_are_listed_not_written(project: Project, tmp_path: Path) -> None:
    annotate(project, MSNBC, "worldwide commitment", [1])
    changed = Document.from_text(MSNBC, "An entirely different text now.")
    report = project.import_documents([changed])
    assert report.orphaned
    summary = export_qdpx(project, tmp_path / "out.qdpx")
    assert len(summary.skipped) == 1 and "worldwide commitment" in summary.skipped[0]
    validate_qdpx(tmp_path / "out.qdpx")


def test_unwritable_target_is_a_clear_error(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "out.qdpx"
    with pytest.raises(ExchangeError, match=r"out\.qdpx: cannot write"):
        export_qdpx(project, target)


def test_progress_is_reported_per_document(project: Project, tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    export_qdpx(project, tmp_path / "out.qdpx", progress=lambda *step: seen.append(step))
    names = [r.name for r in project.document_records()]
    assert seen == [(i, len(names), name) for i, name in enumerate(names, start=1)]
    from cablereader.core.exchange import import_qdpx

    seen.clear()
    import_qdpx(tmp_path / "out.qdpx", tmp_path / "back.crproj", progress=lambda *s: seen.append(s))
    # Once reading each source, once annotating each document.
    assert [s[2] for s in seen] == names + names
