"""The analysis cache trusts nothing it reads: no code runs, no stored hash is believed,
nobody else's folder is used, and what it keeps is bounded."""

from __future__ import annotations

import json
import os
import pickle
import stat
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from cablereader.core.analysis import Analyzer, analyse_corpus, records
from cablereader.core.analysis import cache as analysiscache
from cablereader.core.analysis.cache import AnalysisCache, usable_folder
from cablereader.core.documents import Document
from tests.conftest import MSNBC, REPRINT, SOURCE


@pytest.fixture
def documents(sample_documents: dict[str, Document]) -> list[Document]:
    return [sample_documents[name] for name in sorted(sample_documents)]


def _source(documents: list[Document]) -> Document:
    return next(d for d in documents if d.name == SOURCE)


class _Planted:
    """Unpickling this writes a marker file: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.marker, "code ran"))


def test_a_planted_pickle_never_runs(tmp_path: Path, documents: list[Document]) -> None:
    folder = tmp_path / "analyses"
    cache = AnalysisCache(folder)
    assert usable_folder(folder, create=True)
    marker = tmp_path / "marker"
    bomb = pickle.dumps({"format": 1, "entries": {}, "x": _Planted(marker)})
    target = cache.file_for(_source(documents))
    target.write_bytes(bomb)
    (folder / "0123456789.analyses").write_bytes(bomb)  # the old format's name, too
    expected = analyse_corpus(documents, SOURCE)
    assert analyse_corpus(documents, SOURCE, cache=cache) == expected
    assert analyse_corpus(documents, SOURCE, cache=AnalysisCache(folder)) == expected
    assert not marker.exists()
    assert not (folder / "0123456789.analyses").exists()  # old pickles are removed


def test_a_text_cut_under_its_old_hash_is_analysed_afresh(
    tmp_path: Path, documents: list[Document]
) -> None:
    cache = AnalysisCache(tmp_path)
    full = analyse_corpus(documents, SOURCE, cache=cache)
    # As a doctored project would give it: the text cut, the stored hash kept.
    cut = [replace(d, text=d.text[:200]) if d.name == REPRINT else d for d in documents]
    assert (
        next(d for d in cut if d.name == REPRINT).sha256
        == next(d for d in documents if d.name == REPRINT).sha256
    )
    shown = analyse_corpus(cut, SOURCE, cache=cache)
    assert shown.article(REPRINT) == analyse_corpus(cut, SOURCE).article(REPRINT)
    assert shown.article(REPRINT) != full.article(REPRINT)
    assert shown.article(REPRINT).alignment.b_length == 200


def test_a_source_cut_under_its_old_hash_misses(tmp_path: Path, documents: list[Document]) -> None:
    cache = AnalysisCache(tmp_path)
    analyse_corpus(documents, SOURCE, cache=cache)
    cut = [replace(d, text=d.text[:300]) if d.name == SOURCE else d for d in documents]
    assert analyse_corpus(cut, SOURCE, cache=cache) == analyse_corpus(cut, SOURCE)


def test_cached_results_equal_fresh_ones_in_every_field(
    tmp_path: Path, documents: list[Document]
) -> None:
    fresh = analyse_corpus(documents, SOURCE, cache=AnalysisCache(tmp_path))
    cached = analyse_corpus(documents, SOURCE, cache=AnalysisCache(tmp_path))
    assert cached == fresh
    for old, new in zip(fresh.articles, cached.articles, strict=True):
        assert new.passages == old.passages
        assert new.quotes == old.quotes
        assert new.witness == old.witness
        assert new.coverage == old.coverage
        assert new.verdict_counts() == old.verdict_counts()
        assert [d.typographic for d in new.alignment.differences] == [
            d.typographic for d in old.alignment.differences
        ]
    assert fresh.article(REPRINT).witness is not None  # the round trip covers a witness


def test_the_stored_format_is_compressed_json_with_its_key(
    tmp_path: Path, documents: list[Document]
) -> None:
    cache = AnalysisCache(tmp_path)
    analyse_corpus(documents, SOURCE, cache=cache)
    source = _source(documents)
    content = json.loads(zlib.decompress(cache.file_for(source).read_bytes()))
    assert content["format"] == analysiscache.FORMAT
    assert content["key"] == cache.file_key(source)
    assert len(content["entries"]) == 4


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_folders_are_0700_and_files_0600_even_under_umask_000(
    tmp_path: Path, documents: list[Document]
) -> None:
    folder = tmp_path / "cache" / "cablereader" / "analyses"
    old = os.umask(0)
    try:
        analyse_corpus(documents, SOURCE, cache=AnalysisCache(folder))
    finally:
        os.umask(old)
    for path in (folder, folder.parent, folder.parent.parent):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    files = list(folder.iterdir())
    assert files
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_is_closed_and_emptied(
    tmp_path: Path, documents: list[Document]
) -> None:
    folder = tmp_path / "analyses"
    cache = AnalysisCache(folder)
    analyse_corpus(documents, SOURCE, cache=cache)
    os.chmod(folder, 0o777)  # anyone could have planted entries meanwhile
    planted = cache.file_for(_source(documents))
    assert planted.exists()
    assert cache.lookup(_source(documents), documents) == {}
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not planted.exists()


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give a folder away"
)
def test_someone_elses_folder_is_never_read_or_written(
    tmp_path: Path, documents: list[Document]
) -> None:
    folder = tmp_path / "analyses"
    cache = AnalysisCache(folder)
    analyse_corpus(documents, SOURCE, cache=cache)
    files_before = sorted(p.name for p in folder.iterdir())
    os.chown(folder, 65534, 65534)  # nobody's, now
    os.chmod(folder, 0o755)
    assert cache.lookup(_source(documents), documents) == {}
    edited = [
        Document.from_text(d.name, d.text + " More.") if d.name == MSNBC else d for d in documents
    ]
    analyse_corpus(edited, SOURCE, cache=cache)
    assert sorted(p.name for p in folder.iterdir()) == files_before


def test_a_symlinked_cache_file_is_not_followed(tmp_path: Path, documents: list[Document]) -> None:
    folder = tmp_path / "analyses"
    cache = AnalysisCache(folder)
    analyse_corpus(documents, SOURCE, cache=cache)
    target = cache.file_for(_source(documents))
    elsewhere = tmp_path / "elsewhere"
    target.rename(elsewhere)
    target.symlink_to(elsewhere)
    assert cache.lookup(_source(documents), documents) == {}


def test_a_truncated_file_is_a_miss_and_is_removed(
    tmp_path: Path, documents: list[Document]
) -> None:
    cache = AnalysisCache(tmp_path)
    expected = analyse_corpus(documents, SOURCE, cache=cache)
    path = cache.file_for(_source(documents))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert cache.lookup(_source(documents), documents) == {}
    assert not path.exists()
    assert analyse_corpus(documents, SOURCE, cache=cache) == expected
    assert path.exists()


def test_a_damaged_entry_is_a_miss_and_is_dropped(
    tmp_path: Path, documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = AnalysisCache(tmp_path)
    expected = analyse_corpus(documents, SOURCE, cache=cache)
    path = cache.file_for(_source(documents))
    content = json.loads(zlib.decompress(path.read_bytes()))
    damaged_key = next(k for k in content["entries"] if k.startswith(MSNBC))
    record = json.loads(content["entries"][damaged_key])
    record[3] = "not a number"  # the coverage
    content["entries"][damaged_key] = json.dumps(record)
    path.write_bytes(zlib.compress(json.dumps(content).encode()))
    analysed: list[str] = []
    original = Analyzer.analyse

    def counting(self: Analyzer, article: Document):  # type: ignore[no-untyped-def]
        analysed.append(article.name)
        return original(self, article)

    monkeypatch.setattr(Analyzer, "analyse", counting)
    assert analyse_corpus(documents, SOURCE, cache=cache) == expected
    assert analysed == [MSNBC]


@pytest.mark.parametrize(
    "value",
    [
        "[]",
        "not json",
        '["a", ["s", "a", 10, 5, []], [], 2.5, null]',  # coverage over 1
        '["a", ["s", "a", 10, 5, [[0, 20, 0, 5, "verbatim", 1, [], 3]]], [], 0.5, null]',
        '["a", ["s", "a", 10, 5, [[0, 5, 0, 5, "forged", 1, [], 3]]], [], 0.5, null]',
        '["a", ["s", "a", 10, 5, []], [], true, null]',
        "[" * 100_000,
    ],
)
def test_records_that_describe_no_result_are_refused(value: str) -> None:
    with pytest.raises(records.RecordError):
        records.loads(value)


def test_the_least_recently_used_sources_go_when_the_folder_is_too_large(
    tmp_path: Path, documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = AnalysisCache(tmp_path)
    names = ("a.txt", "b.txt", "c.txt", "d.txt")
    paths = []
    for name in names:
        renamed = [replace(d, name=name) if d.name == SOURCE else d for d in documents]
        analyse_corpus(renamed, name, cache=cache)
        paths.append(cache.file_for(next(d for d in renamed if d.name == name)))
    sizes = [p.stat().st_size for p in paths]
    for age, path in enumerate(paths):  # a.txt oldest; then b.txt used again
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
    os.utime(paths[1], (2_000_000, 2_000_000))
    limit = sum(sizes) - sizes[0] // 2
    monkeypatch.setattr(analysiscache, "MAX_TOTAL_BYTES", limit)
    renamed = [replace(d, name="e.txt") if d.name == SOURCE else d for d in documents]
    analyse_corpus(renamed, "e.txt", cache=cache)
    left = {p.name for p in tmp_path.iterdir()}
    # a.txt and c.txt (the oldest) went; b.txt (used again), d.txt and e.txt stay.
    assert paths[0].name not in left and paths[2].name not in left
    assert {paths[1].name, paths[3].name} <= left
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) <= limit


def test_a_temporary_file_left_by_a_dead_writer_is_swept(
    tmp_path: Path, documents: list[Document]
) -> None:
    cache = AnalysisCache(tmp_path)
    analyse_corpus(documents, SOURCE, cache=cache)
    stale, fresh = tmp_path / ".abc.tmp", tmp_path / ".def.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"half a file")
    os.utime(stale, (1_000_000, 1_000_000))
    edited = [
        Document.from_text(d.name, d.text + " More.") if d.name == MSNBC else d for d in documents
    ]
    analyse_corpus(edited, SOURCE, cache=cache)
    assert not stale.exists()
    assert fresh.exists()  # perhaps another window writing right now
