"""The import graph of ``src/cablereader``: no cycles, and the UI's rooms keep to themselves.

Every import counts, including those inside functions and under ``TYPE_CHECKING``: a
cycle hidden behind a lazy import is still a cycle a reader has to untangle.  The rooms
and what each may import are described in ``src/cablereader/ui/README.md``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
UI = "cablereader.ui"
# UI packages that are features: each may import only itself, the shared parts and the
# reader.  ``app`` wires the features together and may import any of them.
FEATURES = ("annotations", "documents", "exchange", "quotes", "search", "tags")
SHARED = ("common", "reader")


def _modules() -> dict[str, Path]:
    modules = {}
    for path in sorted((SRC / "cablereader").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _resolve(name: str) -> str | None:
    """The module ``name`` stands for, or the closest enclosing one of ours."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str) -> list[tuple[str, bool]]:
    """The modules of ours that ``module`` imports, each with whether it names a package
    only to take something defined in (or re-exported by) the package's ``__init__``."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if _is_package(module) else module.rpartition(".")[0]
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _resolve(alias.name)
                if target is not None:
                    found.append((target, False))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in MODULES:
                    found.append((submodule, False))
                else:
                    target = _resolve(base)
                    if target is not None:
                        found.append((target, target == base and _is_package(base)))
    return found


def _graph() -> dict[str, set[str]]:
    return {m: {t for t, _ in imports_of(m) if t != m} for m in MODULES}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) >= 3 and parts[:2] == UI.split(".") else None


def test_the_finder_sees_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_inside_cablereader() -> None:
    assert import_cycles(_graph()) == []


def test_submodules_import_each_other_not_their_package() -> None:
    """A package's ``__init__`` re-exports for clients; its own modules import directly."""
    offenders = []
    for module in MODULES:
        if _is_package(module):
            continue
        for target, from_package in imports_of(module):
            # The root package holds only the version number.
            if from_package and target != "cablereader" and module.startswith(target + "."):
                offenders.append(f"{module} imports from its package {target}")
    assert offenders == []


@pytest.mark.parametrize("room", [*FEATURES, *SHARED])
def test_ui_rooms_import_only_what_they_may(room: str) -> None:
    allowed = {room, "common"} | ({"reader"} if room in FEATURES else set())
    offenders = []
    for module in MODULES:
        if _room(module) != room:
            continue
        for target, _ in imports_of(module):
            if target.startswith(UI + ".") and _room(target) not in allowed:
                offenders.append(f"{module} imports {target}")
    assert offenders == []


def test_every_ui_module_is_in_a_room() -> None:
    rooms = {"app", *FEATURES, *SHARED}
    loose = [m for m in MODULES if m.startswith(UI + ".") and _room(m) not in rooms]
    assert loose == []
