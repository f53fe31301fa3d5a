"""Tests for cablereader.core.documents: decoding, normalisation, titles, errors, folders."""

from __future__ import annotations

import codecs
import hashlib
import os
import pickle
from pathlib import Path

import pytest

from cablereader.core import documents
from cablereader.core.documents import (
    Document,
    DocumentError,
    decode_bytes,
    load_document,
    load_paths,
)

CORPUS = Path(__file__).resolve().parents[2] / "resources" / "corpus"

SAMPLE = "The cable said “we will forgive Pakistan” — café, naïve.\nSecond line.\n"
CP1252_BYTES = (
    b"\x93Secret\x94 was stamped on the cable, and the ambassador met the assistant "
    b"secretary at a caf\xe9 near the embassy \x96 officials said it\x92s routine.\r\n"
    b"Nobody expected the \x93threat\x94 to be read out in parliament.\r\n"
)
CP1252_TEXT = (
    "“Secret” was stamped on the cable, and the ambassador met the assistant "
    "secretary at a café near the embassy – officials said it’s routine.\n"
    "Nobody expected the “threat” to be read out in parliament.\n"
)
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- decoding -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + SAMPLE.encode("utf-32-be"), "utf-32-be"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_unicode_encodings_are_decoded_and_recorded(
    tmp_path: Path, data: bytes, encoding: str
) -> None:
    doc = load_document(write(tmp_path / "doc.txt", data))
    assert doc.text == SAMPLE
    assert doc.encoding == encoding
    assert not doc.text.startswith("\ufeff")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_ascii_utf16_without_bom(tmp_path: Path, encoding: str) -> None:
    text = "Plain ASCII text.\nNothing else.\n"
    doc = load_document(write(tmp_path / "doc.txt", text.encode(encoding)))
    assert (doc.text, doc.encoding) == (text, encoding)


def test_utf8_with_nul_bytes_is_binary() -> None:
    with pytest.raises(ValueError, match="binary data"):
        decode_bytes(b"some text\x00\x01\x02 and more text" * 10)


def test_cp1252_is_detected(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path / "legacy.txt", CP1252_BYTES))
    assert doc.encoding == "cp1252"
    assert doc.text == CP1252_TEXT


def test_decode_bytes_returns_text_and_encoding() -> None:
    assert decode_bytes(b"plain") == ("plain", "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + b"x") == ("x", "utf-8-sig")
    # The newline normalisation is the loader's job, not the decoder's.
    assert decode_bytes(b"a\r\nb") == ("a\r\nb", "utf-8")


def test_decode_bytes_rejects_binary() -> None:
    with pytest.raises(ValueError, match="binary data"):
        decode_bytes(PNG_BYTES)


def test_decode_bytes_rejects_control_garbage() -> None:
    garbage = bytes(range(1, 32)) * 20 + b"\xe9"  # not UTF-8, no NULs, all controls
    with pytest.raises(ValueError, match="cannot determine its encoding"):
        decode_bytes(garbage)


# --- normalisation, hashing, titles -----------------------------------------------------


def test_line_endings_are_normalised(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path / "mixed.txt", b"one\r\ntwo\rthree\n\r\nfour\r"))
    assert doc.text == "one\ntwo\nthree\n\nfour\n"


def test_only_line_endings_change(tmp_path: Path) -> None:
    raw = "  Tabs\tand  spaces \u00a0stay,\f form feed too \n"
    assert load_document(write(tmp_path / "a.txt", raw.encode())).text == raw


def test_from_text_normalises_and_hashes() -> None:
    doc = Document.from_text("x.txt", "\ufeffHello\r\nworld\r")
    assert doc.text == "Hello\nworld\n"
    assert doc.encoding == "utf-8"
    assert doc.path == ""
    assert doc.name == "x.txt"
    assert doc.title == "Hello"
    assert doc.sha256 == hashlib.sha256(b"Hello\nworld\n").hexdigest()


def test_sha256_is_independent_of_encoding(tmp_path: Path) -> None:
    utf8 = load_document(write(tmp_path / "a.txt", CP1252_TEXT.encode("utf-8")))
    legacy = load_document(write(tmp_path / "b.txt", CP1252_BYTES))
    utf16 = load_document(
        write(tmp_path / "c.txt", codecs.BOM_UTF16_LE + CP1252_TEXT.encode("utf-16-le"))
    )
    assert utf8.encoding != legacy.encoding != utf16.encoding
    assert utf8.sha256 == legacy.sha256 == utf16.sha256
    assert utf8.sha256 == hashlib.sha256(CP1252_TEXT.encode()).hexdigest()


def test_title_is_first_non_empty_line() -> None:
    assert Document.from_text("n.txt", "\n  \n   The Title  \nbody").title == "The Title"


def test_long_title_is_cut_at_word_boundary() -> None:
    line = "word " * 30
    title = Document.from_text("n.txt", line).title
    assert title.endswith("…")
    assert len(title) <= 80
    assert title == ("word " * 16).strip() + "…"
    assert line.startswith(title[:-1])


def test_long_title_without_spaces_is_cut_hard() -> None:
    title = Document.from_text("n.txt", "x" * 200).title
    assert title == "x" * 79 + "…"


def test_title_of_exactly_80_chars_is_kept() -> None:
    line = "abcd " * 15 + "abcde"
    assert len(line) == 80
    assert Document.from_text("n.txt", line + "\n").title == line
    assert Document.from_text("n.txt", line + "f").title == "abcd " * 14 + "abcd…"


def test_long_title_cut_just_before_a_space() -> None:
    # The 79-character prefix ends inside "abcd": that word is dropped.
    assert Document.from_text("n.txt", "x" * 75 + " abcd ef").title == "x" * 75 + "…"
    # The 79-character prefix ends exactly after "abc": it is kept.
    assert Document.from_text("n.txt", "x" * 75 + " abc def").title == "x" * 75 + " abc…"


def test_title_falls_back_to_name() -> None:
    assert Document.from_text("blank.txt", "\n \n\t\n").title == "blank.txt"


def test_document_path_is_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "rel.txt", b"text")
    monkeypatch.chdir(tmp_path)
    doc = load_document("rel.txt")
    assert doc.path == str(tmp_path / "rel.txt")
    assert os.path.isabs(doc.path)
    assert doc.name == "rel.txt"


# --- errors -------------------------------------------------------------------------------


def assert_error(path: Path | str, reason: str) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        load_document(path)
    error = info.value
    assert os.path.basename(os.fspath(path)) in str(error)
    assert reason in str(error)
    assert reason in error.reason
    assert error.path == os.fspath(path)
    return error


def test_missing_file(tmp_path: Path) -> None:
    assert_error(tmp_path / "nope.txt", "no such file or folder")


def test_empty_file(tmp_path: Path) -> None:
    error = assert_error(write(tmp_path / "empty.txt", b""), "file is empty")
    assert str(error) == "empty.txt: file is empty"


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert_error(write(tmp_path / "blank.txt", b" \r\n\t\n  \n"), "file is empty")


def test_bom_only_file(tmp_path: Path) -> None:
    assert_error(write(tmp_path / "bom.txt", codecs.BOM_UTF8), "file is empty")


def test_binary_file(tmp_path: Path) -> None:
    error = assert_error(write(tmp_path / "report.bin", PNG_BYTES * 10), "binary data")
    assert str(error) == "report.bin: not a text file (it contains binary data)"


def test_too_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 100)
    write(tmp_path / "ok.txt", b"x" * 100)
    assert load_document(tmp_path / "ok.txt").text == "x" * 100
    error = assert_error(write(tmp_path / "big.txt", b"x" * 101), "file is too large")
    assert "101 bytes" in str(error)
    assert "the limit is 100 bytes" in str(error)


def test_too_large_message_in_megabytes() -> None:
    size = int(25.3 * 1024 * 1024)
    assert documents._too_large_reason(size) == "file is too large (25.3 MB; the limit is 20 MB)"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", b"text")
    path.chmod(0)
    try:
        assert_error(path, "cannot be read (permission denied)")
    finally:
        path.chmod(0o644)


def test_permission_error_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs even as root: simulate the failure that chmod 000 causes for ordinary users.
    path = write(tmp_path / "locked.txt", b"text")

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(documents, "open_regular_file", deny)
    error = assert_error(path, "cannot be read (permission denied)")
    assert str(error) == "locked.txt: cannot be read (permission denied)"


def test_too_large_message_rounding() -> None:
    reason = documents._too_large_reason(documents.MAX_DOCUMENT_BYTES + 1)
    assert reason == "file is too large (over 20 MB; the limit is 20 MB)"


def test_folder_given_to_load_document(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    assert_error(tmp_path / "folder", "is a folder")


def test_document_error_pickles() -> None:
    error = DocumentError("/x/y.txt", "file is empty", label="corpus/y.txt")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.reason, str(copy)) == (error.path, error.reason, str(error))


# --- load_paths ---------------------------------------------------------------------------


def names(result: documents.LoadResult) -> list[str]:
    return [doc.name for doc in result.documents]


def test_folder_with_good_and_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write(folder / "a.txt", b"alpha")
    write(folder / "b.txt", b"")
    write(folder / "c.md", b"# gamma")
    write(folder / "d.txt", PNG_BYTES)
    write(folder / "e.png", b"ignored: wrong suffix")
    result = load_paths([folder])
    assert names(result) == ["a.txt", "c.md"]
    messages = sorted(str(e) for e in result.errors)
    assert messages == [
        "corpus/b.txt: file is empty",
        "corpus/d.txt: not a text file (it contains binary data)",
    ]


def test_nested_folders_are_sorted_and_hidden_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "root"
    for rel in ["z.txt", "b/2.txt", "b/1.TXT", "a/x.md", "a.txt", ".hidden.txt", ".git/h.txt"]:
        write(folder / rel, f"text of {rel}".encode())
    result = load_paths([folder])
    assert [Path(d.path).relative_to(folder).as_posix() for d in result.documents] == [
        "a/x.md",
        "a.txt",
        "b/1.TXT",
        "b/2.txt",
        "z.txt",
    ]
    assert result.errors == ()


def test_explicit_files_load_whatever_their_suffix(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.text", b"notes")
    result = load_paths([path])
    assert names(result) == ["notes.text"]


def test_order_follows_arguments(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    write(folder / "2.txt", b"two")
    write(folder / "1.txt", b"one")
    single = write(tmp_path / "0.txt", b"zero")
    assert names(load_paths([folder, single])) == ["1.txt", "2.txt", "0.txt"]
    assert names(load_paths([single, folder])) == ["0.txt", "1.txt", "2.txt"]


def test_missing_path_in_load_paths(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", b"good")
    result = load_paths([tmp_path / "missing", good])
    assert names(result) == ["good.txt"]
    assert [e.reason for e in result.errors] == ["no such file or folder"]


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    folder = tmp_path / "loop"
    write(folder / "doc.txt", b"doc")
    try:
        (folder / "again").symlink_to(folder, target_is_directory=True)
        (folder / "self.txt").symlink_to(folder / "self.txt")
    except OSError:
        pytest.skip("symlinks not supported here")
    result = load_paths([folder])
    assert names(result) == ["doc.txt"]
    assert [e.path for e in result.errors] == [str(folder / "self.txt")]


def test_folder_without_documents(tmp_path: Path) -> None:
    folder = tmp_path / "pictures"
    write(folder / "image.png", PNG_BYTES)
    write(folder / ".hidden.txt", b"hidden")
    result = load_paths([folder])
    assert result.documents == ()
    assert [str(e) for e in result.errors] == [
        "pictures: folder contains no documents CableReader reads"
    ]


def test_folder_where_every_document_fails(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    write(folder / "a.txt", b"")
    write(folder / "b.txt", b"  ")
    result = load_paths([folder])
    assert result.documents == ()
    assert [e.path for e in result.errors] == [
        str(folder / "a.txt"),
        str(folder / "b.txt"),
        str(folder),
    ]
    assert result.errors[-1].reason == "no document in this folder could be loaded"


def test_duplicates_load_once(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    doc = write(folder / "a.txt", b"a")
    result = load_paths([doc, folder, str(folder) + "/", folder / ".." / "f" / "a.txt"])
    assert names(result) == ["a.txt"]
    assert result.errors == ()


def test_duplicate_basenames_are_made_unique(tmp_path: Path) -> None:
    write(tmp_path / "one" / "notes.txt", b"first")
    write(tmp_path / "two" / "sub" / "notes.txt", b"second")
    write(tmp_path / "three" / "sub" / "notes.txt", b"third")
    result = load_paths([tmp_path / "one", tmp_path / "two", tmp_path / "three"])
    assert names(result) == ["notes.txt", "sub/notes.txt", "three/sub/notes.txt"]
    assert [d.text for d in result.documents] == ["first", "second", "third"]
    assert len(set(names(result))) == 3


def test_sample_corpus_loads() -> None:
    result = load_paths([CORPUS])
    assert result.errors == ()
    txt_names = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert len(txt_names) == 7  # five published, two invented (sample-corpus.md)
    assert set(txt_names) <= set(names(result))
    by_name = {d.name: d for d in result.documents}
    cable = by_name["003_5dca466439790169.txt"]
    assert cable.title == "March 7, 2022 Pakistani Diplomatic Cypher (Transcription)"
    assert cable.text.startswith("\n\n")
    assert all(d.encoding == "utf-8" for d in result.documents)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_swapped_in_after_the_check_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stat sees a regular file; by the time it is opened a FIFO stands there, which
    # a blocking open would wait on for ever.
    path = write(tmp_path / "article.txt", b"text")
    regular = os.stat(path)
    real_stat = os.stat

    def stale_stat(target: object, *args: object, **kwargs: object) -> os.stat_result:
        if os.fspath(target) == str(path):  # type: ignore[call-overload]
            path.unlink(missing_ok=True)
            os.mkfifo(path)
            return regular
        return real_stat(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(documents.os, "stat", stale_stat)
    assert_error(path, "is a named pipe (FIFO), not a file")
