"""Does a real client read our REFI-QDA files?  QualCoder's own importer and exporter.

Not part of the test suite: it needs a QualCoder source tree and a Python with PyQt6
(QualCoder's toolkit; GPL, so never a dependency of ours and never committed here).
Nothing is fetched at run time.

    python benchmarks/qualcoder_roundtrip.py --qualcoder QUALCODER --python QC_PYTHON

QUALCODER is a QualCoder checkout, or a bare git repository of it (``src/qualcoder`` is
then taken from its HEAD with ``git archive`` into a temporary folder).  QC_PYTHON is an
interpreter with PyQt6, PyMuPDF and Pillow installed (QualCoder's ``refi`` module imports
them), e.g. a throwaway venv: ``python3 -m venv /tmp/qc && /tmp/qc/bin/pip install
PyQt6 pymupdf Pillow``; on Debian, PyQt6's QtMultimedia also needs ``libpulse0``.
Last run: QualCoder c3204641 with PyQt6 6.11.0, all checks passed.

1. A CableReader project (the sample corpus, plus a text with an astral character,
   annotated with several tags, overlaps, notes) is exported as ``.qdpx``.
2. QualCoder's ``RefiImport.import_project`` reads it into a fresh QualCoder database
   (the tables are created with the statements of QualCoder's own ``new_project``).
3. Every code and coded segment is checked: same code names and colours, each
   annotation x tag a coding of the same document at the same offsets, whose text
   (QualCoder's ``fulltext[pos0:pos1]`` and its stored ``seltext``) is ours.
4. QualCoder's ``RefiExport.export_project`` writes that database back as ``.qdpx``,
   which CableReader imports; its documents and codings must be QualCoder's.

Only QualCoder's dialogs are replaced (a file dialog answering with a folder, message
boxes that do not wait); its import and export code runs as it is.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, ClassVar

# --- the QualCoder side (runs under QC_PYTHON; imports nothing of CableReader) ----------


def _qualcoder_schema(source_root: Path) -> list[str]:
    """The CREATE TABLE statements of QualCoder's own ``new_project``."""
    tree = ast.parse((source_root / "qualcoder" / "__main__.py").read_text(encoding="utf-8"))
    statements: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "new_project":
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "execute"
                    and call.args
                ):
                    try:
                        value = ast.literal_eval(call.args[0])
                    except ValueError:
                        continue
                    if isinstance(value, str) and value.upper().startswith("CREATE TABLE"):
                        statements.append(value)
    if not statements:
        raise SystemExit("could not find QualCoder's CREATE TABLE statements in new_project")
    return statements


class _Log:
    """QualCoder reports into a text edit; we keep the lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def append(self, text: str) -> None:
        self.lines.append(str(text))


class _App:
    """The parts of QualCoder's App its REFI-QDA code uses."""

    version = "QualCoder (harness)"
    ai_models: ClassVar[list[Any]] = []

    def __init__(self, folder: Path, statements: list[str]) -> None:
        import sqlite3

        self.project_path = str(folder / "roundtrip.qda")
        self.project_name = "roundtrip.qda"
        for sub in ("", "documents", "images", "audio", "video"):
            (folder / "roundtrip.qda" / sub).mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(folder / "roundtrip.qda" / "data.qda"))
        for statement in statements:
            self.conn.execute(statement)
        self.conn.execute(
            "INSERT INTO project (databaseversion, date, memo, about, codername) "
            "VALUES ('v17', '2024-01-01 00:00:00', '', 'harness', 'default')"
        )
        self.conn.commit()
        self.settings = {
            "codername": "default",
            "directory": str(folder),
            "ai_enable": "False",
            "fontsize": 10,
            "font": "Noto Sans",
        }

    def write_config_ini(self, *_args: object) -> None:
        pass

    def get_annotations(self) -> list[dict[str, Any]]:
        keys = ("anid", "fid", "pos0", "pos1", "memo", "owner", "date")
        rows = self.conn.execute("select anid, fid, pos0, pos1, memo, owner, date from annotation")
        return [dict(zip(keys, row, strict=True)) for row in rows]


def _load_qualcoder(source_root: Path) -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(source_root))
    from PyQt6 import QtWidgets

    application = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["harness"])
    import qualcoder  # noqa: F401  (installs gettext's _)
    from qualcoder import refi

    class _Message:  # QualCoder's message box, answering at once
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def exec(self) -> int:
            return 0

    refi.Message = _Message
    refi._application = application  # kept alive with the module
    return refi


def _dump(app: _App) -> dict[str, Any]:
    conn = app.conn
    sources = {
        fid: {"name": name, "fulltext": text}
        for fid, name, text in conn.execute("select id, name, fulltext from source")
    }
    codes = {
        cid: {"name": name, "color": color}
        for cid, name, color in conn.execute("select cid, name, color from code_name")
    }
    codings = [
        {
            "code": codes[cid]["name"] if cid in codes else None,
            "source": sources[fid]["name"],
            "pos0": pos0,
            "pos1": pos1,
            "seltext": seltext,
            "memo": memo or "",
            "owner": owner,
            "text_at_offsets": (sources[fid]["fulltext"] or "")[pos0:pos1],
        }
        for cid, fid, seltext, pos0, pos1, memo, owner in conn.execute(
            "select cid, fid, seltext, pos0, pos1, memo, owner from code_text"
        )
    ]
    annotations = [
        {"source": sources[fid]["name"], "pos0": pos0, "pos1": pos1, "memo": memo}
        for fid, pos0, pos1, memo in conn.execute("select fid, pos0, pos1, memo from annotation")
    ]
    return {
        "sources": list(sources.values()),
        "codes": list(codes.values()),
        "codings": codings,
        "annotations": annotations,
    }


def qualcoder_side(source_root: Path, qdpx: Path, work: Path) -> None:
    """Import ``qdpx`` with QualCoder, dump what it holds, export it again; print JSON."""
    refi = _load_qualcoder(source_root)
    app = _App(work, _qualcoder_schema(source_root))
    log = _Log()
    importer = refi.RefiImport.__new__(refi.RefiImport)
    # What RefiImport.__init__ sets before it opens its file dialog.
    importer.__dict__.update(
        app=app, parent_textedit=log, import_type="qdpx", file_path=str(qdpx), folder_name="",
        sources_name="/Sources", file_vars=[], annotations=[], links=[], tree=None, codes=[],
        users=[], cases=[], sources=[], source_name_prefix=0, variables=[], xml=None,
        base_path="", software_name="", xmlns_version="1.0", pd=None, pd_value=0,
    )  # fmt: skip
    importer.import_project()
    imported = _dump(app)
    # QualCoder snaps every imported colour to the nearest of its own palette.
    import zipfile
    from xml.etree import ElementTree

    with zipfile.ZipFile(qdpx) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
    palette = {
        code.get("name"): refi.color_matcher(code.get("color")).lower()
        for code in root.iter("{urn:QDA-XML:project:1.0}Code")
    }
    export_folder = work / "qualcoder-export"
    export_folder.mkdir()

    class _LineEndings:  # the export's "line endings" question: keep \n
        def __init__(self, *_args: object) -> None:
            class _No:
                def isChecked(self) -> bool:
                    return False

            self.ui = type("Ui", (), {"radioButton_maxqda": _No()})()

        def exec(self) -> int:
            return 0

    refi.RefiLineEndings = _LineEndings
    refi.QtWidgets.QFileDialog.getExistingDirectory = staticmethod(
        lambda *_args, **_kwargs: str(export_folder)
    )
    home = work / "home"
    home.mkdir()
    os.environ["HOME"] = str(home)  # QualCoder prepares its export in ~/.qualcoder
    (home / ".qualcoder").mkdir()
    refi.RefiExport(app, log, "project")
    exported = sorted(str(p) for p in export_folder.glob("*.qdpx"))
    print(
        json.dumps(
            {"imported": imported, "palette": palette, "exported": exported, "log": log.lines}
        )
    )


# --- the CableReader side -----------------------------------------------------------------


def _project(folder: Path) -> tuple[Any, list[dict[str, Any]]]:
    from cablereader.core.documents import Document
    from cablereader.core.project import Project
    from cablereader.core.sample import load_sample_corpus

    documents = [
        *load_sample_corpus(),
        Document.from_text(
            "astral.txt",
            "Emoji 😀 before the coded words, and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 too.\n\nA second paragraph.",
        ),
    ]
    project = Project.create(
        folder / "roundtrip.crproj", documents, source="003_5dca466439790169.txt"
    )
    project.add_tag("Actors/Diplomats", "#7e57c2", "A nested-looking name")
    wanted = [
        ("001_f20ffc1191894066.txt", "I cannot predict how Europe will react", [2], "Changed word"),
        ("003_5dca466439790169.txt", "Assistant Secretary of State", [1, 5], ""),
        ("000_1b0248060f5a200d.txt", "“worldwide commitment”", [1], "Curly quotes ✓"),
        ("000_1b0248060f5a200d.txt", "worldwide", [3], ""),  # inside the one above
        ("astral.txt", "the coded words, and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", [4], "After an astral character"),
        ("astral.txt", "A second paragraph.", [], "Untagged, a note only"),
    ]
    for document, words, tags, note in wanted:
        start = project.document(document).text.index(words)
        project.add_annotation(document, start, start + len(words), tags, note, author="tester")
    tags = {t.id: t for t in project.tags()}
    expected = [
        {
            "code": tags[t].name,
            "color": tags[t].colour,
            "source": a.document,
            "pos0": a.start,
            "pos1": a.end,
            "text": a.exact,
            "memo": a.note,
        }
        for a in project.annotations()
        for t in a.tag_ids
    ]
    return project, expected


def _extract(qualcoder: Path, into: Path) -> tuple[Path, str]:
    if (qualcoder / "src" / "qualcoder").is_dir():
        commit = subprocess.run(
            ["git", "-C", str(qualcoder), "rev-parse", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        return qualcoder / "src", commit or "unknown"
    commit = subprocess.run(
        ["git", "--git-dir", str(qualcoder), "rev-parse", "HEAD"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    archive = subprocess.run(
        ["git", "--git-dir", str(qualcoder), "archive", "HEAD", "src/qualcoder"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src", commit


def _check(label: str, ok: bool, failures: list[str], detail: str = "") -> None:
    print(f"  [{'ok' if ok else 'FAIL'}] {label}{': ' + detail if detail else ''}")
    if not ok:
        failures.append(label)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--qualcoder", type=Path, required=True)
    parser.add_argument("--python", default=sys.executable, help="interpreter with PyQt6")
    parser.add_argument("--qualcoder-side", nargs=3, metavar=("SRC", "QDPX", "WORK"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args()
    if args.qualcoder_side:
        source_root, qdpx, work = (Path(p) for p in args.qualcoder_side)
        qualcoder_side(source_root, qdpx, work)
        return 0

    from cablereader.core.exchange import export_qdpx, import_qdpx
    from cablereader.core.project import Project

    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="qualcoder-roundtrip-") as scratch:
        work = Path(scratch)
        source_root, commit = _extract(args.qualcoder, work)
        print(f"QualCoder at commit {commit}")
        project, expected = _project(work)
        texts = {r.name: r.text for r in project.document_records()}
        summary = export_qdpx(project, work / "ours.qdpx")
        project.close()
        print(
            f"Exported {summary.sources} sources, {summary.codes} codes, "
            f"{summary.selections} selections ({summary.links} linked source passages)"
        )
        (work / "qc").mkdir()
        done = subprocess.run(
            [args.python, __file__, "--qualcoder", str(args.qualcoder), "--qualcoder-side",
             str(source_root), str(work / "ours.qdpx"), str(work / "qc")],
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            print(done.stdout[-3000:], done.stderr[-6000:], sep="\n")
            print("QualCoder could not run (see above).")
            return 2
        result = json.loads(done.stdout.strip().splitlines()[-1])
        imported = result["imported"]
        print("QualCoder's import of our .qdpx:")
        by_name = {s["name"]: s["fulltext"] for s in imported["sources"]}
        _check("every document, with the same text", by_name == texts, failures,
               f"{len(by_name)} sources")  # fmt: skip
        colours = {c["name"]: c["color"].lower() for c in imported["codes"]}
        wanted_codes = {e["code"]: e["color"] for e in expected}
        _check("every code, with its colour (as QualCoder maps it to its palette)",
               set(colours) == set(wanted_codes) and colours == result["palette"], failures,
               f"{len(colours)} codes: {sorted(colours)}")  # fmt: skip
        got = sorted(
            (c["code"], c["source"], c["pos0"], c["pos1"], c["seltext"], c["memo"])
            for c in imported["codings"]
        )
        want = sorted(
            (e["code"], e["source"], e["pos0"], e["pos1"], e["text"], e["memo"]) for e in expected
        )
        _check("every coded segment at the same offsets, with our text and note",
               got == want, failures, f"{len(got)} codings, {len(want)} expected")  # fmt: skip
        _check("the text at QualCoder's offsets is the coded text",
               all(c["text_at_offsets"] == c["seltext"] for c in imported["codings"]),
               failures)  # fmt: skip
        notes = sorted(a["memo"] for a in imported["annotations"])
        _check("the untagged note became a QualCoder annotation",
               "Untagged, a note only" in notes, failures,
               f"{len(notes)} annotations (the others: linked source passages)")  # fmt: skip
        if colours != result["palette"]:
            print("    ours:", wanted_codes, "\n    QualCoder's:", colours)
        if got != want:
            print("    missing:", sorted(set(want) - set(got))[:5])
            print("    unexpected:", sorted(set(got) - set(want))[:5])

        print("CableReader's import of QualCoder's own export of it:")
        exported = result["exported"]
        _check("QualCoder wrote a .qdpx", len(exported) == 1, failures, ", ".join(exported))
        if exported:
            back = import_qdpx(exported[0], work / "back.crproj")
            print("    " + back.message().replace("\n", "\n    "))
            with Project.open(work / "back.crproj") as again:
                back_texts = {r.name: r.text for r in again.document_records()}
                _check("every document, with QualCoder's text", back_texts == by_name, failures)
                tag_names = {t.id: t.name for t in again.tags()}
                back_codings = sorted(
                    (tag_names[t], a.document, a.start, a.end, a.exact)
                    for a in again.annotations()
                    for t in a.tag_ids
                )
                qc_codings = sorted(
                    (c["code"], c["source"], c["pos0"], c["pos1"], c["seltext"])
                    for c in imported["codings"]
                )
                _check("every QualCoder coding is an annotation with that tag and text",
                       back_codings == qc_codings, failures,
                       f"{len(back_codings)} of {len(qc_codings)}")  # fmt: skip
                if back_codings != qc_codings:
                    print("    missing:", sorted(set(qc_codings) - set(back_codings))[:5])
                    print("    unexpected:", sorted(set(back_codings) - set(qc_codings))[:5])
    print("RESULT:", "all checks passed" if not failures else f"FAILED: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
