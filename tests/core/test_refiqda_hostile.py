"""Malformed or hostile .qdpx files: a clear message naming the file, and nothing created."""

from __future__ import annotations

import random
import string
import zipfile
from pathlib import Path

import pytest

from cablereader.core.exchange import ExchangeError, import_qdpx
from tests.core.refiqda_files import make_qdpx, qde

G = [f"{n:08x}-0000-4000-8000-000000000000" for n in range(1, 10)]
CODED = f"""<CodeBook><Codes><Code guid="{G[1]}" name="c" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="{G[2]}" name="t.txt" plainTextPath="internal://{{path}}">
<PlainTextSelection guid="{G[3]}" startPosition="{{start}}" endPosition="{{end}}">
<Coding guid="{G[4]}"><CodeRef targetGUID="{G[1]}"/></Coding></PlainTextSelection>
</TextSource></Sources>"""
TEXT = {f"sources/{G[2]}.txt": b"Some text of twenty."}


def coded(path: str = f"{G[2]}.txt", start: int = 0, end: int = 4) -> str:
    return qde(CODED.format(path=path, start=start, end=end))


def refused(tmp_path: Path, qdpx: Path, reason: str) -> None:
    target = tmp_path / "out" / "p.crproj"
    target.parent.mkdir(exist_ok=True)
    with pytest.raises(ExchangeError, match=reason) as caught:
        import_qdpx(qdpx, target)
    assert str(qdpx) in str(caught.value)
    assert list(target.parent.iterdir()) == []  # nothing created, no temporary left


def test_the_valid_file_these_are_made_from_imports(tmp_path: Path) -> None:
    summary = import_qdpx(make_qdpx(tmp_path / "ok.qdpx", coded(), TEXT), tmp_path / "p.crproj")
    assert summary.annotations == 1


def test_not_a_zip(tmp_path: Path) -> None:
    (tmp_path / "x.qdpx").write_text("hello")
    refused(tmp_path, tmp_path / "x.qdpx", "not a zip")


def test_missing_file(tmp_path: Path) -> None:
    refused(tmp_path, tmp_path / "none.qdpx", "no such file")


def test_no_project_qde(tmp_path: Path) -> None:
    refused(tmp_path, make_qdpx(tmp_path / "x.qdpx", "x", entry="other.xml"), "no project.qde")


def test_wrong_root(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "x.qdpx", '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>')
    refused(tmp_path, qdpx, "not a REFI-QDA 1.0 project")


def test_malformed_xml(tmp_path: Path) -> None:
    refused(tmp_path, make_qdpx(tmp_path / "x.qdpx", "<Project"), "not well-formed XML")


def test_entity_expansion(tmp_path: Path) -> None:
    lol = (
        '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
        + "".join(
            f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
            for p, c in zip("abcdefg", "bcdefgh", strict=True)
        )
        + ']><Project xmlns="urn:QDA-XML:project:1.0" name="&h;"/>'
    )
    refused(tmp_path, make_qdpx(tmp_path / "x.qdpx", lol), "DTD or entities")


def test_external_entity(tmp_path: Path) -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>'
    )
    refused(tmp_path, make_qdpx(tmp_path / "x.qdpx", xxe), "DTD or entities")


def test_path_traversal_in_an_entry_name(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "x.qdpx", coded(), {**TEXT, "sources/../../evil.txt": b"x"})
    refused(tmp_path, qdpx, "path traversal")
    assert not (tmp_path.parent / "evil.txt").exists()


def test_path_traversal_in_a_source_path(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "x.qdpx", coded(path="../project.qde"), TEXT)
    refused(tmp_path, qdpx, "path traversal")


def test_absolute_entry_name(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "x.qdpx", coded(), {**TEXT, "/etc/evil": b"x"})
    refused(tmp_path, qdpx, "path traversal")


def test_zip_bomb(tmp_path: Path) -> None:
    bomb = {f"sources/{G[2]}.txt": b"\0" * (8 * 1024 * 1024)}
    refused(tmp_path, make_qdpx(tmp_path / "x.qdpx", coded(), bomb), "zip bomb")


def test_entry_larger_than_the_limit_is_cut_off_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Reading stops at the limit, whatever size the entry's header claims.
    words = random.Random(1).choices(string.ascii_lowercase + " ", k=5000)
    qdpx = make_qdpx(tmp_path / "x.qdpx", coded(), {f"sources/{G[2]}.txt": "".join(words).encode()})
    monkeypatch.setattr("cablereader.core.exchange.reader.MAX_SOURCE_BYTES", 1000)
    refused(tmp_path, qdpx, "larger than 1000 bytes")


def test_missing_source(tmp_path: Path) -> None:
    refused(
        tmp_path, make_qdpx(tmp_path / "x.qdpx", coded(), {}), "missing from the sources folder"
    )


@pytest.mark.parametrize(("start", "end"), [(0, 21), (30, 40), (5, 2), (-1, 3)])
def test_offsets_past_the_text(tmp_path: Path, start: int, end: int) -> None:
    qdpx = make_qdpx(tmp_path / "x.qdpx", coded(start=start, end=end), TEXT)
    refused(tmp_path, qdpx, "past its text of 20 characters")


def test_offsets_not_numbers(tmp_path: Path) -> None:
    qdpx = make_qdpx(
        tmp_path / "x.qdpx", coded().replace('startPosition="0"', 'startPosition="x"'), TEXT
    )
    refused(tmp_path, qdpx, "no whole-number start and end")


def test_binary_source(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "x.qdpx", coded(), {f"sources/{G[2]}.txt": b"\0\1\2\3" * 100})
    refused(tmp_path, qdpx, "not a text file")


def test_duplicate_code_guids(tmp_path: Path) -> None:
    twice = coded().replace(
        "</Codes>", f'<Code guid="{G[1]}" name="again" isCodable="true"/></Codes>'
    )
    refused(tmp_path, make_qdpx(tmp_path / "x.qdpx", twice, TEXT), "no valid, unique guid")


def test_encrypted_entry_is_refused(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "x.qdpx", coded(), TEXT)
    data = bytearray(qdpx.read_bytes())
    with zipfile.ZipFile(qdpx) as archive:
        info = archive.getinfo("project.qde")
    # Set the "encrypted" flag in both the local and the central header.
    central = data.find(b"PK\x01\x02")
    data[info.header_offset + 6] |= 1
    data[central + 8] |= 1
    qdpx.write_bytes(bytes(data))
    refused(tmp_path, qdpx, "encrypted")


def test_no_text_source(tmp_path: Path) -> None:
    refused(tmp_path, make_qdpx(tmp_path / "x.qdpx", qde("")), "no text source")


def test_too_many_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cablereader.core.exchange.archive.MAX_ENTRIES", 3)
    extra = {f"sources/{n}.txt": b"x" for n in range(5)}
    refused(tmp_path, make_qdpx(tmp_path / "x.qdpx", coded(), {**TEXT, **extra}), "entries")


def test_a_code_name_too_long_for_a_tag_is_shortened_and_said(tmp_path: Path) -> None:
    long = coded().replace('name="c"', f'name="{"x" * 300}"')
    summary = import_qdpx(make_qdpx(tmp_path / "x.qdpx", long, TEXT), tmp_path / "p.crproj")
    assert "is shortened to" in summary.message() and summary.annotations == 1
