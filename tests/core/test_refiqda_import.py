"""REFI-QDA import: round trip, files other tools write, and what cannot be represented."""

from __future__ import annotations

import tempfile
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablereader.core.documents import Document
from cablereader.core.exchange import export_qdpx, import_qdpx
from cablereader.core.project import Project
from tests.conftest import MEMO, MSNBC, REPRINT, SOURCE
from tests.core.refiqda_files import make_qdpx, qde, validate_qdpx

NOTE = 'Commas, "quotes" & <brackets>,\nnew lines, ✓ 中文 😀'
G = [f"{n:08x}-0000-4000-8000-000000000000" for n in range(1, 40)]


def _annotations(project: Project) -> list[tuple[object, ...]]:
    names = {t.id: t.name for t in project.tags()}
    return [
        (
            a.uuid,
            a.document,
            a.start,
            a.end,
            a.exact,
            a.prefix,
            a.suffix,
            a.note,
            a.author,
            a.created,
            a.modified,
            tuple(names[t] for t in a.tag_ids),
        )
        for a in project.annotations()
    ]


def test_round_trip_gives_the_same_documents_tags_and_annotations(
    tmp_path: Path, sample_documents: dict[str, Document]
) -> None:
    with Project.create(tmp_path / "a.crproj", list(sample_documents.values())) as project:
        project.add_tag("Sourcing/Attribution", "#123abc", "Who said it")  # a slash, kept
        text = project.document(REPRINT).text
        start = text.index("I cannot predict how Europe will react")
        project.add_annotation(REPRINT, start, start + 38, [2, 5], note=NOTE, author="Ana")
        project.add_annotation(SOURCE, 10, 40, [1])
        project.add_annotation(MSNBC, 0, 1, [])  # one character, untagged, no note
        emoji = "😀 after an astral character"
        project.add_annotation(MEMO, 3, 12, [3], note=emoji)
        export_qdpx(project, tmp_path / "out.qdpx")
        documents = [
            (r.name, r.title, r.text, r.sha256, r.role) for r in project.document_records()
        ]
        tags = [(t.uuid, t.name, t.colour, t.description) for t in project.tags()]
        annotations = _annotations(project)
    summary = import_qdpx(tmp_path / "out.qdpx", tmp_path / "b.crproj")
    assert summary.not_imported == ()
    assert (summary.documents, summary.tags, summary.annotations) == (5, 5, 4)
    with Project.open(tmp_path / "b.crproj") as back:
        assert [
            (r.name, r.title, r.text, r.sha256, r.role) for r in back.document_records()
        ] == documents
        assert [(t.uuid, t.name, t.colour, t.description) for t in back.tags()] == tags
        assert _annotations(back) == annotations
        # And again: the second export is the same file content as the first.
        export_qdpx(back, tmp_path / "again.qdpx")
    # The same identifiers again: sources, codes, selections, codings, notes, links.
    assert _identities(tmp_path / "out.qdpx") == _identities(tmp_path / "again.qdpx")


def _identities(path: Path) -> list[tuple[str, str | None, str | None, str | None]]:
    root = SafeET.fromstring(validate_qdpx(path))
    return sorted(
        (e.tag, e.get("guid"), e.get("startPosition"), e.get("endPosition"))
        for e in root.iter()
        if e.get("guid") is not None
    )


FOREIGN = qde(
    f"""
<Users><User guid="{G[0]}" name="colin"/></Users>
<CodeBook><Codes>
  <Code guid="{G[1]}" name="Actors" isCodable="false" color="#F00">
    <Description>People</Description>
    <Code guid="{G[2]}" name="Diplomats" isCodable="true" color="#00aa00"/>
  </Code>
  <Code guid="{G[3]}" name="actors" isCodable="true"/>
</Codes></CodeBook>
<Cases><Case guid="{G[4]}" name="case one"/></Cases>
<Sources>
  <TextSource guid="{G[5]}" name="interview.txt" plainTextPath="internal://{G[5]}.txt">
    <Description>An interview</Description>
    <PlainTextSelection guid="{G[6]}" startPosition="4" endPosition="9" creatingUser="{G[0]}"
        creationDateTime="2021-01-15T23:37:54Z">
      <Description>memo on coding</Description>
      <Coding guid="{G[7]}"><CodeRef targetGUID="{G[2]}"/></Coding>
      <Coding guid="{G[8]}"><CodeRef targetGUID="{G[4]}"/></Coding>
    </PlainTextSelection>
    <PlainTextSelection guid="{G[9]}" startPosition="10" endPosition="14"/>
    <NoteRef targetGUID="{G[10]}"/>
  </TextSource>
  <TextSource guid="{G[11]}" name="inline.txt">
    <PlainTextContent>Inline text 😀 here</PlainTextContent>
    <PlainTextSelection guid="{G[12]}" startPosition="14" endPosition="18">
      <Coding guid="{G[13]}"><CodeRef targetGUID="{G[3]}"/></Coding>
    </PlainTextSelection>
  </TextSource>
  <PictureSource guid="{G[14]}" name="photo.png" path="internal://{G[14]}.png"/>
  <TextSource guid="{G[15]}" name="far.txt" plainTextPath="absolute:///home/x/far.txt"/>
</Sources>
<Notes>
  <Note guid="{G[10]}" modifyingUser="{G[0]}" modifiedDateTime="2021-01-15T23:37:54Z">
    <PlainTextContent>an annotation, QualCoder style</PlainTextContent>
    <PlainTextSelection guid="{G[16]}" startPosition="0" endPosition="3"/>
  </Note>
  <Note guid="{G[17]}" name="Journal"><PlainTextContent>a memo</PlainTextContent></Note>
</Notes>
<Links><Link guid="{G[18]}" originGUID="{G[6]}" targetGUID="{G[12]}"/></Links>
"""
)


def test_a_foreign_project_imports_and_says_what_it_left_out(tmp_path: Path) -> None:
    qdpx = make_qdpx(
        tmp_path / "foreign.qdpx",
        FOREIGN,
        {f"sources/{G[5]}.txt": "\ufeffThe quick brown fox.".encode()},
    )
    summary = import_qdpx(qdpx, tmp_path / "p.crproj")
    message = summary.message()
    for left_out in (
        "1 picture source",
        "1 case",
        "far.txt",
        "1 link",
        "1 note not attached",
        "description of interview.txt",
        "code is not in the codebook",
    ):
        assert left_out in message
    assert "“actors” is named “actors (2)”" in message
    with Project.open(tmp_path / "p.crproj") as project:
        tags = {t.name: t for t in project.tags()}
        assert list(tags) == ["Actors", "Actors/Diplomats", "actors (2)"]
        assert (tags["Actors"].colour, tags["Actors"].description) == ("#ff0000", "People")
        assert tags["Actors/Diplomats"].uuid == G[2]
        by_text = {(a.document, a.exact): a for a in project.annotations()}
        # The BOM QualCoder writes is not part of the text, and not counted.
        coded = by_text[("interview.txt", "quick")]
        assert coded.note == "memo on coding" and coded.author == "colin"
        assert [project.tag(t).name for t in coded.tag_ids] == ["Actors/Diplomats"]
        assert coded.created == "2021-01-15T23:37:54+00:00"
        assert by_text[("interview.txt", "The")].note == "an annotation, QualCoder style"
        assert by_text[("interview.txt", "brow")].tag_ids == ()
        # Offsets count code points: the emoji is one.
        assert by_text[("inline.txt", "here")].tag_ids == (tags["actors (2)"].id,)
        assert [r.name for r in project.document_records()] == ["interview.txt", "inline.txt"]


@pytest.mark.parametrize(
    ("origin", "expected"), [("ATLAS.ti 23", "ox."), ("MAXQDA 2022", "ox."), ("NVivo 14", "fox")]
)
def test_windows_line_endings_follow_the_exporting_tool(
    tmp_path: Path, origin: str, expected: str
) -> None:
    # "line one\r\nThe fox.": "fox" is 13-16 counting CRLF as one character, 14-17 as two.
    body = f"""<CodeBook><Codes><Code guid="{G[1]}" name="c" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="{G[5]}" name="t.txt" plainTextPath="internal://{G[5]}.txt">
<PlainTextSelection guid="{G[6]}" startPosition="14" endPosition="17">
<Coding guid="{G[7]}"><CodeRef targetGUID="{G[1]}"/></Coding></PlainTextSelection>
</TextSource></Sources>"""
    qdpx = make_qdpx(
        tmp_path / "crlf.qdpx", qde(body, origin), {f"sources/{G[5]}.txt": b"line one\r\nThe fox."}
    )
    summary = import_qdpx(qdpx, tmp_path / "p.crproj")
    assert "Windows line endings" in summary.message()
    with Project.open(tmp_path / "p.crproj") as project:
        assert project.document("t.txt").text == "line one\nThe fox."
        (annotation,) = project.annotations()
        assert annotation.exact == expected


def test_an_existing_project_is_not_replaced(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "f.qdpx", FOREIGN, {f"sources/{G[5]}.txt": b"The quick brown fox."})
    (tmp_path / "p.crproj").write_bytes(b"mine")
    from cablereader.core.exchange import ExchangeError

    with pytest.raises(ExchangeError, match="already exists"):
        import_qdpx(qdpx, tmp_path / "p.crproj")
    assert (tmp_path / "p.crproj").read_bytes() == b"mine"
    import_qdpx(qdpx, tmp_path / "p.crproj", overwrite=True)
    with Project.open(tmp_path / "p.crproj") as project:
        assert len(project.document_records()) == 2


ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(
    ["\n", "😀", "𝔘", "é", "\u0301", "\u200d", "中"]
)


@settings(max_examples=25, deadline=None)
@given(
    text=st.text(ALPHABET, min_size=1, max_size=80),
    spans=st.lists(st.tuples(st.integers(0, 80), st.integers(1, 80)), min_size=1, max_size=5),
)
def test_any_unicode_text_and_spans_survive_the_round_trip(
    text: str, spans: list[tuple[int, int]]
) -> None:
    document = Document.from_text("doc.txt", text)
    spans = [(a, a + b) for a, b in spans if a + b <= len(document.text)]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        documents = [document, Document.from_text("other.txt", "Another text.")]
        with Project.create(root / "a.crproj", documents, source="other.txt") as project:
            for start, end in spans:
                project.add_annotation("doc.txt", start, end, [1], note=text[:10])
            export_qdpx(project, root / "x.qdpx")
            before = _annotations(project)
        import_qdpx(root / "x.qdpx", root / "b.crproj")
        with Project.open(root / "b.crproj") as back:
            assert back.document("doc.txt").text == document.text
            assert _annotations(back) == before
