"""The command line: reports, exit codes and messages."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cablereader import __version__
from cablereader.cli import main
from cablereader.core.reports import QUOTE_COLUMNS
from tests.conftest import INVENTED, MSNBC, REPRINT, SOURCE, STATEMENT, UNRELATED


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"cablereader {__version__}"


def test_quotes_csv_on_the_sample_corpus(capsys, corpus_dir: Path) -> None:
    code, out, err = run(capsys, "quotes", str(corpus_dir))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0].keys()) == QUOTE_COLUMNS
    assert {r["document"] for r in rows} == {
        MSNBC, REPRINT, UNRELATED, "002_013a7a5bcb27939a.txt", INVENTED
    }  # fmt: skip
    altered = [r for r in rows if r["verdict"] == "altered" and r["document"] != INVENTED]
    assert len(altered) == 1
    assert altered[0]["quote"].startswith("I cannot predict how Europe will react")
    assert "{+predict+}" in altered[0]["diff"]
    assert altered[0]["source_document"] == SOURCE
    assert {r["verdict"] for r in rows if r["document"] == UNRELATED} == {"not_in_source"}
    for row in rows:
        assert row["verdict"] in {"verbatim", "altered", "fragment", "not_in_source"}
        assert 0.0 <= float(row["similarity"]) <= 1.0
        if row["verdict"] == "not_in_source":
            assert row["source_start"] == row["source_passage"] == ""


def test_quotes_offsets_point_into_the_documents(capsys, corpus_dir: Path) -> None:
    _, out, _ = run(capsys, "quotes", str(corpus_dir))
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus_dir.glob("*.txt")}
    for row in csv.DictReader(io.StringIO(out)):
        text = texts[row["document"]]
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
        if row["source_start"]:
            source = texts[row["source_document"]]
            passage = source[int(row["source_start"]) : int(row["source_end"])]
            assert passage == row["source_passage"]


def test_quotes_json_and_output_file(capsys, corpus_dir: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "report.json"
    code, out, _ = run(capsys, "quotes", str(corpus_dir), "--format", "json", "-o", str(out_file))
    assert code == 0 and out == ""
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["source"] == SOURCE
    reprint = next(d for d in data["documents"] if d["document"] == REPRINT)
    assert reprint["witness"] is not None
    assert reprint["coverage"] > 0.6
    assert set(reprint["quotes"][0]) >= set(QUOTE_COLUMNS)


def test_quotes_csv_file_has_a_bom(capsys, corpus_dir: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "report.csv"
    assert run(capsys, "quotes", str(corpus_dir), "-o", str(out_file))[0] == 0
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(out_file, encoding="utf-8-sig", newline="") as stream:
        assert tuple(next(csv.reader(stream))) == QUOTE_COLUMNS


def test_quotes_with_source_by_name_and_by_path(capsys, corpus_dir: Path) -> None:
    by_name = run(capsys, "quotes", str(corpus_dir), "--source", SOURCE, "--source", STATEMENT)
    by_path = run(
        capsys, "quotes", str(corpus_dir), "--source", str(corpus_dir / SOURCE),
        "--source", str(corpus_dir / STATEMENT),
    )  # fmt: skip
    detected = run(capsys, "quotes", str(corpus_dir))
    assert by_name[0] == by_path[0] == 0
    assert by_name[1] == by_path[1] == detected[1]


def test_one_source_given_makes_the_others_articles(capsys, corpus_dir: Path) -> None:
    code, out, _ = run(capsys, "quotes", str(corpus_dir), "--source", SOURCE)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert {r["source_document"] for r in rows} == {SOURCE, ""}
    invented = {r["quote"][:20]: r["verdict"] for r in rows if r["document"] == INVENTED}
    assert invented["circulated to a smal"] == "not_in_source"  # the statement's words
    assert invented["people here and in E"] == "verbatim"


def test_quotes_name_the_source_they_come_from(capsys, corpus_dir: Path) -> None:
    code, out, _ = run(capsys, "quotes", str(corpus_dir), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [s["name"] for s in data["sources"]] == [SOURCE, STATEMENT]
    invented = next(d for d in data["documents"] if d["document"] == INVENTED)
    found = [(q["verdict"], q["source_document"]) for q in invented["quotes"]]
    assert found == [
        ("verbatim", STATEMENT), ("verbatim", STATEMENT), ("verbatim", SOURCE),
        ("altered", STATEMENT), ("verbatim", STATEMENT), ("not_in_source", ""),
    ]  # fmt: skip
    assert set(invented["coverage_by_source"]) == {SOURCE, STATEMENT}
    assert invented["coverage"] == pytest.approx(sum(invented["coverage_by_source"].values()))


def test_quotes_with_a_source_outside_the_given_documents(capsys, corpus_dir: Path) -> None:
    code, out, _ = run(
        capsys, "quotes", str(corpus_dir / MSNBC), "--source", str(corpus_dir / SOURCE)
    )
    assert code == 0
    assert {r["document"] for r in csv.DictReader(io.StringIO(out))} == {MSNBC}


def test_quotes_unknown_source_is_an_input_error(capsys, corpus_dir: Path) -> None:
    code, out, err = run(capsys, "quotes", str(corpus_dir), "--source", "nope.txt")
    assert code == 1 and out == ""
    assert "nope.txt" in err and "no document of that name" in err


def test_quotes_with_a_bad_file_reports_it_and_still_reports_the_rest(
    capsys, corpus_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, out, err = run(capsys, "quotes", str(corpus_dir), str(bad))
    assert code == 1
    assert "broken.txt" in err and "binary" in err
    assert len(list(csv.DictReader(io.StringIO(out)))) > 10


def test_quotes_needs_two_documents(capsys, corpus_dir: Path) -> None:
    code, out, err = run(capsys, "quotes", str(corpus_dir / SOURCE))
    assert code == 1 and out == ""
    assert "at least one article" in err


def test_quotes_missing_path(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "quotes", str(tmp_path / "missing"), str(tmp_path / "gone.txt"))
    assert code == 1
    assert "missing" in err and "no such file or folder" in err


def test_compare_json_shape(capsys, corpus_dir: Path) -> None:
    code, out, _ = run(
        capsys, "compare", str(corpus_dir / SOURCE), str(corpus_dir / REPRINT), "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert (data["a"], data["b"]) == (SOURCE, REPRINT)
    passage = data["passages"][0]
    assert set(passage) == {
        "a_start",
        "a_end",
        "b_start",
        "b_end",
        "kind",
        "similarity",
        "differences",
    }
    big = max(data["passages"], key=lambda p: p["b_end"] - p["b_start"])
    assert set(big["differences"][0]) == {
        "a_start",
        "a_end",
        "b_start",
        "b_end",
        "a_text",
        "b_text",
    }
    source = (corpus_dir / SOURCE).read_text(encoding="utf-8")
    reprint = (corpus_dir / REPRINT).read_text(encoding="utf-8")
    for difference in big["differences"]:
        assert source[difference["a_start"] : difference["a_end"]] == difference["a_text"]
        assert reprint[difference["b_start"] : difference["b_end"]] == difference["b_text"]


def test_compare_ignore_typography(capsys, corpus_dir: Path) -> None:
    paths = (str(corpus_dir / SOURCE), str(corpus_dir / REPRINT))
    full = json.loads(run(capsys, "compare", *paths, "--format", "json")[1])
    plain = json.loads(run(capsys, "compare", *paths, "--format", "json", "--ignore-typography")[1])

    def count(data) -> int:
        return sum(len(p["differences"]) for p in data["passages"])

    assert count(plain) < count(full)
    big = max(plain["passages"], key=lambda p: p["b_end"] - p["b_start"])
    assert [d["b_text"].strip() for d in big["differences"]] == [
        "as published by The Intercept",
        "",
        ":",
        "Source: The Intercept/ mmnews.tv",
    ]


def test_compare_text(capsys, corpus_dir: Path) -> None:
    code, out, _ = run(capsys, "compare", str(corpus_dir / SOURCE), str(corpus_dir / MSNBC))
    assert code == 0
    assert out.startswith(f"A: {SOURCE}\nB: {MSNBC}\n")
    assert "verbatim" in out


def test_compare_missing_file(capsys, corpus_dir: Path) -> None:
    code, out, err = run(capsys, "compare", str(corpus_dir / SOURCE), "nope.txt")
    assert code == 1 and out == ""
    assert err.strip() == "cablereader: nope.txt: no such file or folder"


@pytest.mark.parametrize(
    "args",
    [
        ["quotes"],
        ["compare", "only-one.txt"],
        ["quotes", "x", "--format", "xml"],
        ["compare", "a", "b", "--bogus"],
        ["--bogus"],
    ],
)
def test_usage_errors_exit_2(capsys, args: list[str]) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "usage:" in err


def test_module_entry_point_runs_headless(corpus_dir: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": ""}
    result = subprocess.run(
        [sys.executable, "-m", "cablereader", "quotes", str(corpus_dir), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == SOURCE
