"""Documents that are not what a reader expects, through ``load_paths`` and into a project.

Each input has one clear outcome: it is imported with exactly the text it holds (offsets
in code points, nothing normalised but line endings), or it is refused with a reason
that names the file.  What is imported then survives a project file and the analysis.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from cablereader.core.analysis import analyse_corpus
from cablereader.core.documents import MAX_DOCUMENT_BYTES, load_paths
from cablereader.core.project import Project
from cablereader.core.reports.annotations import write_annotations_csv

CABLE = (
    "I had a luncheon meeting today with Assistant Secretary of State Donald Lu. He said "
    "that people here and in Europe are quite concerned about why Pakistan is taking such "
    "an aggressively neutral position on the crisis, if such a position is even possible.\n"
)
QUOTE = "people here and in Europe are quite concerned about why Pakistan is taking such"
RTL = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u200f\u0645\u0631\u062d\u0628\u0627 "
COMBINING = "Cafe\u0301 e\u0301le\u0300ve 👩\u200d👩\u200d👧 🇵🇰 𝕏 😀 "


@dataclass(frozen=True)
class Case:
    """A file to write, and either the text it must load as or the reason it is refused."""

    name: str
    data: bytes
    text: str | None = None  # None: refused
    reason: str = ""
    encoding: str = ""


def _utf8_with_a_broken_byte() -> Case:
    good = f"He said “{QUOTE}” — café, naïve.\n" * 30
    middle = len(good.encode()) // 2
    middle = good.encode().index(b" ", middle)  # a boundary between characters
    data = good.encode()[:middle] + b"\xff" + good.encode()[middle:]
    text = good.encode()[:middle].decode() + "\ufffd" + good.encode()[middle:].decode()
    return Case(
        "broken-utf8.txt", data, text, encoding="utf-8 (1 invalid byte sequence replaced by �)"
    )


# An article as news sites write them: plain ASCII but for its curly quotes and an
# ellipsis, so multi-byte characters are few.  One bad byte must not make it a legacy
# code page (a stray 0xFF read as mac-iceland, a UTF-8-encoded surrogate as cp1125,
# turning “People into ÄúPeople and hiding every quotation).
ARTICLE = (
    "The ambassador was blunt. " * 40
    + f"“People…” he began, and then said that {QUOTE}. "
    + "The ministry declined to comment. " * 40
)


def _article_with(bad: bytes, replaced: str, count: int) -> Case:
    head, tail = ARTICLE[: len(ARTICLE) // 2], ARTICLE[len(ARTICLE) // 2 :]
    plural = "s" if count > 1 else ""
    return Case(
        f"article-with-{bad.hex()}.txt",
        head.encode() + bad + tail.encode(),
        head + replaced + tail,
        encoding=f"utf-8 ({count} invalid byte sequence{plural} replaced by \ufffd)",
    )


CASES: list[Case] = [
    _article_with(b"\xff", "\ufffd", 1),
    _article_with(b"\xed\xa0\x80", "\ufffd" * 3, 3),
    _article_with(b"\x93", "\ufffd", 1),
    Case(
        "cp1252-curly-quotes.txt",
        ("He said \x93" + QUOTE + "\x94 and left. " + "Plain words. " * 40).encode("latin-1"),
        "He said “" + QUOTE + "” and left. " + "Plain words. " * 40,
        encoding="cp1252",
    ),
    Case(
        "nul-in-text.txt",
        b"A line of text.\x00 More text. " * 40,
        reason="not a text file (it contains NUL bytes; remove them to import it)",
    ),
    Case(
        "binary.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        reason="not a text file (it contains binary data)",
    ),
    _utf8_with_a_broken_byte(),
    Case(
        "lone-surrogate.txt",
        f"{QUOTE} “ok” é ü ß — ".encode() * 10 + b"\xed\xa0\x80 end",
        (f"{QUOTE} “ok” é ü ß — " * 10) + "\ufffd\ufffd\ufffd end",
        encoding="utf-8 (3 invalid byte sequences replaced by �)",
    ),
    Case(
        "latin1-byte-in-ascii.txt",
        b"plain text " * 30 + b"caf\xe9 " + b"and more " * 30,
        ("plain text " * 30) + "café " + ("and more " * 30),
        encoding="cp1252",
    ),
    Case(
        "utf16le-no-bom.txt",
        ("Plain English, " + QUOTE + ".\n").encode("utf-16-le") * 5,
        ("Plain English, " + QUOTE + ".\n") * 5,
        encoding="utf-16-le",
    ),
    Case(
        "utf16be-no-bom.txt",
        ("Plain English, " + QUOTE + ".\n").encode("utf-16-be") * 5,
        ("Plain English, " + QUOTE + ".\n") * 5,
        encoding="utf-16-be",
    ),
    Case(
        "utf16le-no-bom-arabic.txt",
        ("مرحبا بالعالم، هذا نص عربي.\n" * 30).encode("utf-16-le"),
        "مرحبا بالعالم، هذا نص عربي.\n" * 30,
        encoding="utf-16-le",
    ),
    Case(
        "utf16be-no-bom-russian.txt",
        ("Привет, мир. Это текст.\n" * 30).encode("utf-16-be"),
        "Привет, мир. Это текст.\n" * 30,
        encoding="utf-16-be",
    ),
    Case(
        "utf16le-no-bom-emoji.txt",
        ("Emoji 😀 in text 🇵🇰.\n" * 30).encode("utf-16-le"),
        "Emoji 😀 in text 🇵🇰.\n" * 30,
        encoding="utf-16-le",
    ),
    Case(
        "utf16-bom-odd-length.txt",
        codecs.BOM_UTF16_LE + b"a\x00b",
        reason="not a text file (it has a byte-order mark but is not valid Unicode)",
    ),
    Case(
        "mixed-line-endings.txt",
        b"one\r\ntwo\rthree\nfour\r\n\r\nfive\n\rsix",
        "one\ntwo\nthree\nfour\n\nfive\n\nsix",
        encoding="utf-8",
    ),
    Case(
        "one-line.txt",
        (("word " * 210_000) + f"“{QUOTE}”").encode(),  # over 1 MB, no newline
        ("word " * 210_000) + f"“{QUOTE}”",
        encoding="utf-8",
    ),
    Case(
        "short-lines.txt",
        "".join(f"{i}\n" for i in range(10_000)).encode(),
        "".join(f"{i}\n" for i in range(10_000)),
        encoding="utf-8",
    ),
    Case(
        "rtl.txt",
        (RTL + "He said “" + QUOTE + "”.\n").encode() * 10,
        (RTL + "He said “" + QUOTE + "”.\n") * 10,
        encoding="utf-8",
    ),
    Case(
        "combining-and-emoji.txt",
        (COMBINING + "“" + QUOTE + "”\n").encode() * 10,
        (COMBINING + "“" + QUOTE + "”\n") * 10,
        encoding="utf-8",
    ),
    Case(
        "bidi-controls.txt",
        "\u202eevil\u202c \u2066isolated\u2069 text\n".encode() * 5,
        "\u202eevil\u202c \u2066isolated\u2069 text\n" * 5,
        encoding="utf-8",
    ),
    Case("bom-then-nothing.txt", codecs.BOM_UTF8 + b"\r\n \t", reason="file is empty"),
    Case("zero-bytes.txt", b"", reason="file is empty"),
    Case(
        "controls.txt", bytes(range(1, 9)) * 50, reason="not a text file (it contains binary data)"
    ),
]


def write_case(folder: Path, case: Case) -> Path:
    path = folder / case.name
    path.write_bytes(case.data)
    return path


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_hostile_document_is_imported_exactly_or_refused_with_a_reason(
    tmp_path: Path, case: Case
) -> None:
    path = write_case(tmp_path, case)
    result = load_paths([path])
    if case.text is None:
        assert result.documents == ()
        [error] = result.errors
        assert str(error) == f"{case.name}: {case.reason}" or case.reason in str(error)
        assert str(error).startswith(f"{case.name}: ")
        return
    assert result.errors == ()
    [document] = result.documents
    assert document.text == case.text
    assert document.encoding == case.encoding
    assert document.name == case.name
    assert len(document.title) <= 80


def _touch_sparse(path: Path, size: int) -> None:
    with open(path, "wb") as handle:
        handle.truncate(size)


def test_a_fifty_megabyte_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    _touch_sparse(huge, 50 * 1024 * 1024)
    started = time.perf_counter()
    result = load_paths([huge])
    took = time.perf_counter() - started
    assert [str(e) for e in result.errors] == [
        "huge.txt: file is too large (50 MB; the limit is 20 MB)"
    ]
    assert took < 1.0  # the size is read from the file system, not by reading the file
    just_over = tmp_path / "just-over.txt"
    _touch_sparse(just_over, MAX_DOCUMENT_BYTES + 1)
    assert "over 20 MB" in str(load_paths([just_over]).errors[0])


def test_symlink_loops_in_an_imported_folder_end(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "article.txt").write_text(CABLE, encoding="utf-8")
    try:
        (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)
        (folder / "sub" / "self").symlink_to(folder / "sub", target_is_directory=True)
        (folder / "ping.txt").symlink_to(folder / "pong.txt")
        (folder / "pong.txt").symlink_to(folder / "ping.txt")
        (folder / "me.txt").symlink_to(folder / "me.txt")
        (folder / "zz-alias.txt").symlink_to(folder / "article.txt")
    except OSError:
        pytest.skip("symlinks are not supported here")
    result = load_paths([folder, folder / "sub" / "up"])  # the folder twice, once by a loop
    assert [d.name for d in result.documents] == ["article.txt"]  # zz-alias.txt: the same file
    reasons = {Path(e.path).name: e.reason for e in result.errors}
    assert set(reasons) == {"me.txt", "ping.txt", "pong.txt"}
    assert all("symbolic links" in reason for reason in reasons.values())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_and_a_device_are_refused_without_blocking(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")  # opening it to read would wait for a writer forever
    (folder / "article.txt").write_text(CABLE, encoding="utf-8")
    result = load_paths([folder, "/dev/zero"])
    assert [d.name for d in result.documents] == ["article.txt"]
    assert sorted(str(e) for e in result.errors) == [
        "corpus/pipe.txt: is not a regular file",
        "zero: is not a regular file",
    ]
    assert stat.S_ISFIFO(os.stat(folder / "pipe.txt").st_mode)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs non-UTF-8 file names")
def test_a_file_name_that_is_not_utf8_is_shown_with_a_replacement_character(
    tmp_path: Path,
) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(CABLE.encode())
    result = load_paths([os.fsdecode(raw)])
    [document] = result.documents
    assert document.name == "caf\ufffd.txt"
    document.name.encode("utf-8")  # storable, showable, writable to CSV
    document.path.encode("utf-8")
    with Project.create(tmp_path / "names.crproj", [document]) as project:
        project.add_annotation(document.name, 0, 5)
        assert write_annotations_csv(project, tmp_path / "names.csv") == 1
    broken = os.fsencode(tmp_path) + b"/bro\xffken.txt"
    with open(broken, "wb") as handle:
        handle.write(b"\x00\x01binary")
    [error] = load_paths([os.fsdecode(broken)]).errors
    assert str(error).startswith("bro\ufffdken.txt: not a text file")


def test_what_is_imported_survives_the_project_and_the_analysis(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for case in CASES:
        write_case(folder, case)
    (folder / "000-cable.txt").write_text(CABLE, encoding="utf-8")
    result = load_paths([folder])
    imported = {d.name: d for d in result.documents}
    expected = {c.name: c.text for c in CASES if c.text is not None}
    assert {name: imported[name].text for name in expected} == expected
    assert {Path(e.path).name for e in result.errors} == {c.name for c in CASES if c.text is None}
    print(
        f"\nhostile documents: {len(CASES)} files in one folder, {len(expected)} imported, "
        f"{len(result.errors)} refused with a reason"
    )
    # Into a project file and back: the same texts, to the code point.
    path = tmp_path / "hostile.crproj"
    with Project.create(path, list(result.documents), source="000-cable.txt") as project:
        for document in result.documents:
            project.add_annotation(document.name, 0, min(3, len(document.text)))
    with Project.open(path) as project:
        assert {d.name: d.text for d in project.documents()} == {
            d.name: d.text for d in result.documents
        }
        assert all(
            a.exact == imported[a.document].text[a.start : a.end] for a in project.annotations()
        )
        assert write_annotations_csv(project, tmp_path / "hostile.csv") == len(imported)
    # The analysis runs over all of them, and what it reports is at code-point offsets.
    analysis = analyse_corpus(list(result.documents), "000-cable.txt")
    for article in analysis.articles:
        text = imported[article.name].text
        for check in article.quotes:
            assert text[check.start : check.end] == check.text
        for passage in article.passages:
            assert 0 <= passage.b_start < passage.b_end <= len(text)
    for name in ("rtl.txt", "combining-and-emoji.txt", "one-line.txt", "broken-utf8.txt"):
        quotes = analysis.article(name).quotes
        assert any(QUOTE in q.text and q.verdict == "verbatim" for q in quotes), name
    # Copied without quote marks, from a UTF-16 file without a byte-order mark.
    [passage] = analysis.article("utf16be-no-bom.txt").passages[:1]
    assert QUOTE in imported["utf16be-no-bom.txt"].text[passage.b_start : passage.b_end]
