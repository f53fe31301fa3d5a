"""The ``cablereader`` command line: every command, option and help text.

What the command accepts is declared here, apart from what each command does
(:mod:`cablereader.cli`), so the whole interface reads as one list.
"""

from __future__ import annotations

import argparse

from cablereader import __version__, exchangecli
from cablereader.core.formats import formats_help

PROG = "cablereader"
SUBCOMMANDS = ("new", "quotes", "compare", "export", "report", "install-desktop")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command and option (``cablereader --help``)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Check how a primary source was reported: align articles with the "
        "source and verify every quotation.",
        epilog="Without a command, the paths are opened in the CableReader window. "
        + formats_help(),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start the window offscreen on the built-in sample, check it and exit "
        "(0: it works); uses temporary settings, never your own",
    )
    parser.add_argument(
        "--self-test-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long --self-test waits for the analysis (default: 60)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    quotes = commands.add_parser(
        "quotes",
        help="quote verification report for every article",
        epilog=formats_help(),
        description="Find every quotation in every article and give it a verdict "
        "(verbatim, altered, fragment, not_in_source) against the source.",
    )
    quotes.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders")
    quotes.add_argument(
        "--source",
        metavar="DOC",
        action="append",
        help="a source: a path, or the file name of one of the documents; give it once "
        "per source, the primary first (default: detected, the document the others share "
        "most text with, and any other document they quote that quotes no source)",
    )
    quotes.add_argument("--format", choices=("csv", "json"), default="csv")
    quotes.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")

    compare = commands.add_parser(
        "compare",
        help="aligned passages of two documents, with their differences",
        epilog=formats_help(),
        description="Align document B with document A (passages in any order) and list "
        "the differences inside each passage.",
    )
    compare.add_argument("a", metavar="A")
    compare.add_argument("b", metavar="B")
    compare.add_argument(
        "--ignore-typography",
        action="store_true",
        help="drop differences that are only quote marks, apostrophes, dashes, case or whitespace",
    )
    compare.add_argument("--format", choices=("json", "text"), default="text")
    compare.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")

    new = commands.add_parser(
        "new",
        help="create a project file from documents or folders, or from a REFI-QDA .qdpx",
        epilog=formats_help(),
        description="Create a CableReader project file (.crproj) holding the documents, "
        "with the starter tags, without opening the window.  Given one .qdpx file (a "
        "REFI-QDA project from QualCoder, MAXQDA, ATLAS.ti, NVivo...), the project is "
        "made from its text sources, codes (as tags; Parent/Child for codes in codes) and "
        "coded passages, and what cannot be represented is listed.",
    )
    new.add_argument("project", metavar="PROJECT", help="the project file to create")
    new.add_argument(
        "paths", nargs="+", metavar="PATH", help="documents or folders, or one .qdpx file"
    )
    new.add_argument(
        "--source",
        metavar="DOC",
        action="append",
        help="a source: a path, or the file name of one of the documents; once per "
        "source, the primary first (default: detected)",
    )
    new.add_argument("--force", action="store_true", help="replace PROJECT if it exists")

    export = commands.add_parser(
        "export",
        help="annotations of a project to CSV, or the project to REFI-QDA",
        description="Write every annotation of a project as CSV, one row per annotation "
        "and tag, with the source passage each annotated passage corresponds to; or, with "
        "--format qdpx, the whole project as a REFI-QDA project (QualCoder, MAXQDA, "
        "ATLAS.ti, NVivo), or with --format qdc its tags as a REFI-QDA codebook.",
    )
    export.add_argument("project", metavar="PROJECT", help="the project file")
    export.add_argument(
        "-o", "--output", metavar="OUT", help="write here instead of stdout (needed for qdpx, qdc)"
    )
    export.add_argument(
        "--format",
        choices=("csv", "qdpx", "qdc"),
        default="csv",
        help="csv: annotations (default); qdpx: REFI-QDA project; qdc: REFI-QDA codebook",
    )
    export.add_argument(
        "--no-formula-guard",
        dest="formula_guard",
        action="store_false",
        help="keep cells that begin with = + - @ as they are (by default they get a "
        "leading ' so that spreadsheets never run them as formulas)",
    )

    exchangecli.add_report_parser(commands)

    desktop = commands.add_parser(
        "install-desktop",
        help="add CableReader to the applications menu (Linux, this user only)",
        description="Install a menu entry, the .crproj file type (opened by CableReader) "
        "and the icon into $XDG_DATA_HOME (default ~/.local/share), for the current user. "
        "What is written is recorded, and --uninstall removes exactly that.",
    )
    desktop.add_argument(
        "--uninstall", action="store_true", help="remove what install-desktop wrote"
    )
    desktop.add_argument(
        "--dry-run", action="store_true", help="list what would be written or removed, and stop"
    )
    return parser
