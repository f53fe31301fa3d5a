"""The ``cablereader`` command: headless reports, and the entry to the app.

Exit codes: 0 success, 1 input error (a message on stderr names the file and the
problem), 2 usage error.  Headless commands never need a display and never import Qt
(but a PDF report, which Qt lays out, offscreen where there is no display).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cablereader import exchangecli
from cablereader.cliparser import PROG, SUBCOMMANDS, build_parser
from cablereader.core.alignment import align_texts
from cablereader.core.analysis import analyse_corpus
from cablereader.core.csvfile import write_csv_file, write_rows
from cablereader.core.documents import Document, DocumentError, load_document, load_paths
from cablereader.core.project import Project, ProjectError, ProjectExists
from cablereader.core.reports import (
    QUOTE_COLUMNS,
    compare_json,
    compare_text,
    quote_rows,
    quote_summary,
    quotes_json,
)
from cablereader.core.reports.annotations import write_annotations, write_annotations_csv

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class InputError(Exception):
    """A problem with the user's files; the message is shown as it is."""


def _error(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _load_one(path: str) -> Document:
    try:
        return load_document(path)
    except DocumentError as error:
        raise InputError(_document_problem(error)) from error


def _pick_sources(
    documents: list[Document], wanted: list[str] | None
) -> tuple[list[Document], list[str] | None]:
    """Resolve every ``--source`` given (``None``: none given, the sources are detected)."""
    if not wanted:
        return documents, None
    names: list[str] = []
    for one in wanted:
        documents, name = _pick_source(documents, one)
        if name not in names:
            names.append(name)
    return documents, names


def _pick_source(documents: list[Document], wanted: str) -> tuple[list[Document], str]:
    """Resolve ``--source``: a path (loaded if it is not among the documents) or a name."""
    candidate = Path(wanted)
    if candidate.is_file():
        resolved = str(candidate.resolve())
        for document in documents:
            if document.path and str(Path(document.path).resolve()) == resolved:
                return documents, document.name
        source = _load_one(wanted)
        if any(d.name == source.name for d in documents):
            raise InputError(f"{wanted}: another document is already named {source.name}")
        return [source, *documents], source.name
    for document in documents:
        if document.name == wanted or document.name == candidate.name:
            return documents, document.name
    names = ", ".join(d.name for d in documents)
    raise InputError(f"{wanted}: no such file, and no document of that name (have: {names})")


def _write(output: str | None, text: str) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{output}: cannot write ({error.strerror or error})") from error


def run_quotes(args: argparse.Namespace) -> int:
    loaded = load_paths(args.paths)
    for problem in loaded.errors:
        _error(f"skipped {_document_problem(problem)}")
    documents = list(loaded.documents)
    documents, source_names = _pick_sources(documents, args.source)
    if len(documents) < 2:
        raise InputError(
            "need a source and at least one article, but only "
            f"{len(documents)} document{'s' if len(documents) != 1 else ''} could be loaded"
        )
    analysis = analyse_corpus(documents, source_names, workers=min(4, os.cpu_count() or 1))
    if len(documents) - len(analysis.sources) < 1:
        raise InputError("every document given is a source: there is no article to check")
    metadata = {d.name: d.metadata for d in documents}
    if args.format == "json":
        report = quotes_json(analysis, metadata)
        _write(args.output, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    elif args.output is None:
        buffer = io.StringIO()
        write_rows(buffer, QUOTE_COLUMNS, quote_rows(analysis, metadata))
        sys.stdout.write(buffer.getvalue())
    else:
        try:
            write_csv_file(args.output, QUOTE_COLUMNS, quote_rows(analysis, metadata))
        except OSError as error:
            raise InputError(f"{args.output}: cannot write ({error.strerror or error})") from error
    for line in quote_summary(analysis):  # on stderr: stdout holds the report
        print(line, file=sys.stderr)
    return EXIT_INPUT if loaded.errors else EXIT_OK


def run_compare(args: argparse.Namespace) -> int:
    a = _load_one(args.a)
    b = _load_one(args.b)
    b_name = b.name if b.name != a.name else f"{b.name} (B)"
    alignment = align_texts(a.name, a.text, b_name, b.text)
    if args.ignore_typography:
        alignment = alignment.ignoring_typography()
    if args.format == "json":
        data: dict[str, Any] = compare_json(alignment)
        _write(args.output, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        _write(args.output, compare_text(alignment, a.text, b.text))
    return EXIT_OK


def _sources_said(names: list[str]) -> str:
    if len(names) <= 1:
        return f"source: {names[0] if names else None}"
    return f"sources: {', '.join(names)}; primary: {names[0]}"


def run_new(args: argparse.Namespace) -> int:
    if exchangecli.is_qdpx(args.paths):
        return exchangecli.run_new_from_qdpx(args)
    loaded = load_paths(args.paths)
    for problem in loaded.errors:
        _error(f"skipped {_document_problem(problem)}")
    documents = list(loaded.documents)
    documents, source_names = _pick_sources(documents, args.source)
    if not documents:
        raise InputError(f"{args.project}: not created, since no document could be loaded")
    try:
        project = Project.create(args.project, documents, source=source_names, overwrite=args.force)
    except ProjectExists as error:
        problem = _project_problem(error, args.project)
        raise InputError(f"{problem} (use --force to replace it)") from error
    except ProjectError as error:
        raise InputError(_project_problem(error, args.project)) from error
    with project:
        count = len(documents)
        print(
            f"Created {project.path} with {count} document{'s' if count != 1 else ''} "
            f"({_sources_said(project.source_names)})."
        )
    return EXIT_INPUT if loaded.errors else EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    if args.format != "csv":
        return exchangecli.run_export_refi(args)
    try:
        # Read-only: exporting works while the project is open in the window, and a
        # project of an older version is exported without being upgraded.
        with Project.open(args.project, read_only=True) as project:
            if args.output is None:
                write_annotations(project, sys.stdout, guard_formulas=args.formula_guard)
            else:
                write_annotations_csv(project, args.output, guard_formulas=args.formula_guard)
    except ProjectError as error:
        raise InputError(_project_problem(error, args.project)) from error
    except OSError as error:
        raise InputError(f"{args.output}: cannot write ({error.strerror or error})") from error
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    return exchangecli.run_report(args, _pick_sources)


def run_install_desktop(args: argparse.Namespace) -> int:
    from cablereader import desktop

    try:
        if args.uninstall:
            outcome = desktop.uninstall(dry_run=args.dry_run)
        else:
            outcome = desktop.install(dry_run=args.dry_run)
    except OSError as error:
        name = error.filename or desktop.data_home()
        raise InputError(f"{name}: cannot write ({error.strerror or error})") from error
    would = "Would " if args.dry_run else ""
    if args.uninstall and not outcome.removed and not outcome.kept:
        print(f"Nothing to remove: no desktop integration is recorded in {desktop.data_home()}.")
    for path in outcome.removed:
        print(f"{would}remove {path}" if would else f"Removed {path}")
    for path, why in outcome.kept:
        print(f"Kept {path} ({why})")
    for path in outcome.written:
        print(f"{would}write {path}" if would else f"Wrote {path}")
    if not args.uninstall:
        command = " ".join(desktop.launcher_command())
        print(f"{'The menu entry would run' if would else 'The menu entry runs'}: {command}")
    for tool in outcome.tools:
        print(f"Ran {tool}")
    return EXIT_OK


def run_self_test(timeout: float) -> int:
    from cablereader.app import self_test

    return self_test(timeout)


def run_app(paths: Sequence[str]) -> int:
    """Open the window (Qt is imported only here, so headless commands never need it)."""
    from cablereader.app import main as app_main

    return app_main(list(paths))


def _open_paths(parser: argparse.ArgumentParser, paths: list[str]) -> int:
    """Open ``paths`` in the window, once each is known to exist; else say why, headless.

    A first argument that is no command, no existing path, and does not look like one
    (no folder separator, no suffix) is a mistyped command: a usage error.  A path
    that does not exist is an input error, named as it was given.
    """
    first = paths[0]
    if not os.path.lexists(first) and not _looks_like_a_path(first):
        parser.print_usage(sys.stderr)
        _error(f"“{first}” is not a command (choose from {', '.join(SUBCOMMANDS)}), nor a file")
        return EXIT_USAGE
    missing = [path for path in paths if not path.startswith("-") and not os.path.exists(path)]
    if missing:
        for path in missing:
            _error(f"{_shown(path)}: no such file or folder")
        return EXIT_INPUT
    return run_app(paths)


def _looks_like_a_path(argument: str) -> bool:
    separators = [os.sep] + ([os.altsep] if os.altsep else [])
    return any(sep in argument for sep in separators) or bool(Path(argument).suffix)


def _shown(path: str) -> str:
    """A path as given, printable (a name that is not UTF-8 gets U+FFFD)."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _document_problem(error: DocumentError) -> str:
    """``path as given: reason`` (the error's own text names the base name only)."""
    return f"{_shown(error.path)}: {error.reason}"


def _project_problem(error: ProjectError, given: str) -> str:
    return f"{_shown(given)}: {error.reason}"


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list:
        return run_app([])
    if args_list[0] not in SUBCOMMANDS and not args_list[0].startswith("-"):
        return _open_paths(parser, args_list)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:
        return int(exit_.code) if isinstance(exit_.code, int) else EXIT_USAGE
    if args.self_test:
        if args.command is not None:
            parser.print_usage(sys.stderr)
            _error("--self-test takes no command")
            return EXIT_USAGE
        return run_self_test(args.self_test_timeout)
    if args.command is None:
        return run_app([])
    commands = {
        "new": run_new,
        "quotes": run_quotes,
        "compare": run_compare,
        "export": run_export,
        "report": run_report,
        "install-desktop": run_install_desktop,
    }
    try:
        return commands[args.command](args)
    except (InputError, exchangecli.CommandError) as error:
        _error(str(error))
        return EXIT_INPUT
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
