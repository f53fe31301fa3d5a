"""The command line's evidence-report and REFI-QDA commands.

``report`` (its parser and its run), ``export --format qdpx|qdc`` and ``new PROJECT
FILE.qdpx``, kept here so that :mod:`cablereader.cli` stays one screenful of commands.
It imports nothing from :mod:`cablereader.cli` (no import cycle): problems with the
user's files are :class:`CommandError`, which the command line reports as its input
errors, and ``cli`` passes in how it resolves ``--source``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cablereader.core.analysis import analyse_corpus
from cablereader.core.documents import Document, load_paths
from cablereader.core.evidence import (
    EvidenceReport,
    UnknownArticle,
    build_report,
    report_from_project,
    report_html,
    write_report_html,
)
from cablereader.core.exchange import (
    QDPX_SUFFIX,
    ExchangeError,
    export_qdc,
    export_qdpx,
    import_qdpx,
)
from cablereader.core.project import PROJECT_SUFFIX, Project, ProjectError

EXIT_OK, EXIT_INPUT = 0, 1  # as cablereader.cli: success, input error
SourcePicker = Callable[[list[Document], list[str] | None], tuple[list[Document], list[str] | None]]


class CommandError(Exception):
    """A problem with the user's files; the message is shown as it is (exit code 1)."""


def _warn(message: str) -> None:
    print(f"cablereader: {message}", file=sys.stderr)


def add_report_parser(commands: Any) -> None:
    """Add ``report`` to the ``cablereader`` subcommands."""
    report = commands.add_parser(
        "report",
        help="evidence report (HTML or PDF): every quotation beside its source passage",
        description="Write an evidence report: per article its title, what is known of "
        "it, coverage and verdict counts, every quotation in article order beside the "
        "source passage with the changed words struck and inserted, and the annotations "
        "with their tags and notes (from a project).  One self-contained HTML file (no "
        "scripts, no external resources), or a PDF when OUT ends in .pdf.",
    )
    report.add_argument(
        "paths", nargs="+", metavar="PATH", help="a project file, or documents and folders"
    )
    report.add_argument(
        "--source",
        metavar="DOC",
        action="append",
        help="a source, when PATHs are documents: a path, or the file name of one of "
        "them; once per source, the primary first (default: detected)",
    )
    report.add_argument(
        "--article",
        action="append",
        metavar="NAME",
        help="report on this article only (its file name); repeat for several "
        "(default: every article)",
    )
    report.add_argument(
        "-o", "--output", metavar="OUT", help="OUT.html or OUT.pdf (default: HTML to stdout)"
    )
    report.add_argument(
        "--page-size",
        choices=("a4", "letter"),
        default="a4",
        help="paper size of a PDF report (default: a4)",
    )


def is_qdpx(paths: Sequence[str]) -> bool:
    return len(paths) == 1 and paths[0].lower().endswith(QDPX_SUFFIX)


def run_new_from_qdpx(args: argparse.Namespace) -> int:
    if args.source is not None:
        raise CommandError(f"{args.paths[0]}: --source cannot be used with a .qdpx file")
    try:
        summary = import_qdpx(args.paths[0], args.project, overwrite=args.force)
    except ExchangeError as error:
        hint = " (use --force to replace it)" if error.reason == "already exists" else ""
        raise CommandError(f"{error}{hint}") from error
    except ProjectError as error:
        raise CommandError(str(error)) from error
    print(summary.message())
    return EXIT_OK


def run_export_refi(args: argparse.Namespace) -> int:
    if args.output is None:
        raise CommandError(f"{args.project}: --format {args.format} needs -o OUT.{args.format}")
    try:
        with Project.open(args.project, read_only=True) as project:
            if args.format == "qdc":
                summary = export_qdc(project, args.output)
            else:
                summary = export_qdpx(project, args.output)
    except (ProjectError, ExchangeError) as error:
        raise CommandError(str(error)) from error
    print(
        f"Wrote {summary.path}: {summary.sources} sources, {summary.codes} codes, "
        f"{summary.selections} selections, {summary.notes} notes, {summary.links} links."
        if args.format == "qdpx"
        else f"Wrote {summary.path}: {summary.codes} codes."
    )
    for skipped in summary.skipped:
        _warn(f"not exported: {skipped}")
    return EXIT_OK


def _report_of(args: argparse.Namespace, pick_source: SourcePicker) -> tuple[EvidenceReport, int]:
    """The evidence report the arguments ask for, and the exit code of loading."""
    articles = [Path(name).name for name in args.article or []] or None
    if len(args.paths) == 1 and args.paths[0].lower().endswith(PROJECT_SUFFIX):
        if args.source is not None:
            raise CommandError(f"{args.paths[0]}: --source cannot be used with a project file")
        try:
            with Project.open(args.paths[0], read_only=True) as project:
                return report_from_project(project, articles=articles), EXIT_OK
        except ProjectError as error:
            raise CommandError(str(error)) from error
        except UnknownArticle as error:
            raise CommandError(f"{args.paths[0]}: {error}") from error
    loaded = load_paths(args.paths)
    for problem in loaded.errors:
        _warn(f"skipped {problem}")
    documents = list(loaded.documents)
    documents, source_names = pick_source(documents, args.source)
    if len(documents) < 2:
        raise CommandError(
            "need a source and at least one article, but only "
            f"{len(documents)} document{'s' if len(documents) != 1 else ''} could be loaded"
        )
    analysis = analyse_corpus(documents, source_names, workers=min(4, os.cpu_count() or 1))
    try:
        report = build_report(analysis, documents, articles=articles)
    except UnknownArticle as error:
        raise CommandError(str(error)) from error
    return report, EXIT_INPUT if loaded.errors else EXIT_OK


def _count(report: EvidenceReport) -> str:
    count = len(report.articles)
    return f"{count} article{'s' if count != 1 else ''}"


def run_report(args: argparse.Namespace, pick_source: SourcePicker) -> int:
    """``report``; ``pick_source`` resolves ``--source`` among the documents loaded."""
    report, code = _report_of(args, pick_source)
    html = report_html(report)
    if args.output is None:
        sys.stdout.write(html)
        return code
    try:
        if args.output.lower().endswith(".pdf"):
            # Qt only here: the PDF is laid out by Qt's rich-text engine (offscreen).
            from cablereader.pdfreport import write_report_pdf

            pages = write_report_pdf(
                html, args.output, page_size=args.page_size, title=report.title
            )
            print(f"Wrote {args.output}: {_count(report)}, {pages} pages.")
        else:
            write_report_html(report, args.output)
            print(f"Wrote {args.output}: {_count(report)}.")
    except OSError as error:
        raise CommandError(f"{args.output}: cannot write ({error.strerror or error})") from error
    return code
