"""What the title bar and the menus say about what is open.

The title names the article by its title (its file name is in the pane header's
tooltip) and the project by its name, saying where an untitled project is kept: a
project the user has not named lives in CableReader's data folder until Save As.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMenu

from cablereader.core.documents import Document
from cablereader.core.project import Project
from cablereader.ui.app.actions import Actions
from cablereader.ui.app.session import SessionState
from cablereader.ui.app.workspace import Workspace
from cablereader.ui.reader.comparison import ARTICLE_MODE, COMPARE_MODE, ComparisonView

APP_NAME = "CableReader"


def _home_relative(path: Path) -> str:
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def project_label(project: Project, workspace: Workspace) -> str:
    """The project's name, and where it is kept when the user has not chosen a file."""
    name = workspace.label or project.name
    if project.read_only:
        return f"{name} (read-only)"
    if workspace.untitled:
        if project.path is None:
            return f"{name} (not saved until your first edit)"
        return f"{name} (kept in {_home_relative(project.path.parent)})"
    return name


def window_title(project: Project | None, workspace: Workspace, view: ComparisonView) -> str:
    parts = [APP_NAME]
    if project is not None:
        parts.insert(0, project_label(project, workspace))
    shown = _shown_title(view)
    if shown:
        parts.insert(0, shown)
    return " — ".join(parts)


def _shown_title(view: ComparisonView) -> str:
    left, right = view.left_document, view.right_document
    if view.mode == COMPARE_MODE and left is not None and right is not None:
        return f"{_title(left)} ↔ {_title(right)}"
    return _title(right) if right is not None else ""


def _title(document: Document, limit: int = 70) -> str:
    title = document.title.strip() or document.name
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def update_actions(a: Actions, workspace: Workspace, view: ComparisonView) -> None:
    """Enable what makes sense for the open project and what the panes show."""
    project = workspace.project
    has_pair = view.displayed is not None and len(view.passages()) > 0
    a.next_passage.setEnabled(has_pair)
    a.previous_passage.setEnabled(has_pair)
    current = view.right_document
    source_name = workspace.source_name
    a.compare_with_source.setEnabled(
        view.mode == ARTICLE_MODE
        and current is not None
        and source_name is not None
        and current.name != source_name
    )
    a.close_comparison.setEnabled(view.mode == COMPARE_MODE and view.right_document is not None)
    editable = project is not None and not project.read_only
    a.use_as_source.setEnabled(editable and len(workspace.documents) > 1)
    several = len(workspace.source_names) > 1
    a.use_as_article.setEnabled(editable and several)
    a.make_primary.setEnabled(editable and several)
    a.remove_document.setEnabled(editable and len(workspace.documents) > 0)
    a.analyse.setEnabled(len(workspace.documents) > 1)
    a.save_as.setEnabled(project is not None)
    a.close_project.setEnabled(project is not None)
    a.export_csv.setEnabled(project is not None)
    a.print_view.setEnabled(view.right_document is not None)
    a.export_pdf.setEnabled(view.right_document is not None)
    a.import_documents.setEnabled(project is None or not project.read_only)
    a.import_folder.setEnabled(project is None or not project.read_only)


def fill_recent_menu(
    menu: QMenu, session: SessionState, open_project: Callable[[str], object]
) -> None:
    """File ▸ Open Recent, filled when it opens."""
    menu.clear()
    recent = session.recent()
    for path in recent:
        action = menu.addAction(path)
        action.triggered.connect(lambda _=False, p=path: open_project(p))
    if not recent:
        menu.addAction("No recent projects").setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction("Clear Menu").triggered.connect(session.clear_recent)
