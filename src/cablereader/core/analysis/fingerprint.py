"""Which code an analysis result depends on, and a hash of it (the cache's code key).

The modules are found by following the imports of the analyzer through the core, so an
edit to the search, the CSV writer or the project store keeps every user's cache, and a
new module the analysis comes to use is covered without a list to keep up to date.
"""

from __future__ import annotations

import ast
import hashlib
from functools import cache
from pathlib import Path

from cablereader import __version__

# The analysis of one article against one source is computed here; all it imports
# (alignment, quotation finding, verification, text) changes its results.
ROOT_MODULE = "cablereader.core.analysis.analyzer"
# Imported by the analysis only for the records it takes in: the cache is keyed by the
# documents' text, so how a document was read cannot change a cached result.
INPUT_MODULES = frozenset({"cablereader.core.documents"})
_CORE = "cablereader.core"
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding ``core``


def _path_of(module: str) -> Path | None:
    relative = Path(*module.split(".")[1:])
    for path in (
        _PACKAGE_ROOT / relative.with_suffix(".py"),
        _PACKAGE_ROOT / relative / "__init__.py",
    ):
        if path.is_file():
            return path
    return None


def _imports(module: str, path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {n for n in names if n.startswith(_CORE + ".") and _path_of(n) is not None}


def analysis_modules() -> dict[str, Path]:
    """The core modules whose code changes an analysis, by dotted name."""
    found: dict[str, Path] = {}
    todo = [ROOT_MODULE]
    while todo:
        module = todo.pop()
        path = _path_of(module)
        if module in found or module in INPUT_MODULES or path is None:
            continue
        found[module] = path
        todo.extend(_imports(module, path))
    return dict(sorted(found.items()))


@cache
def code_fingerprint(format_version: int) -> str:
    """A hash of CableReader's version and the source of :func:`analysis_modules`.

    Where the source files cannot be read (a frozen build), the version alone stands
    for them.
    """
    digest = hashlib.sha256(f"{format_version}\0{__version__}".encode())
    try:
        for module, path in analysis_modules().items():
            digest.update(module.encode())
            digest.update(path.read_bytes())
    except OSError:
        digest.update(b"frozen")
    return digest.hexdigest()
