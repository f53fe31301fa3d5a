"""Panels that follow the open project: one protocol, and the ordered list of them.

The workspace owns one :class:`ProjectFollowers`; the window registers each panel once,
in the order they must hear of a change, and from then on the workspace tells them of
every project opened (or closed: ``None``) and every committed change, in that order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from cablereader.core.project import Change, Project


class ProjectFollower(Protocol):
    """What a panel following the open project implements."""

    def set_project(self, project: Project | None) -> None:
        """Another project is open (``None``: none); forget everything of the last one."""

    def on_change(self, change: Change) -> None:
        """A change was committed to the open project (an edit, undo or redo)."""


class ProjectFollowers:
    """Followers in registration order; each is registered once."""

    def __init__(self) -> None:
        self._followers: list[ProjectFollower] = []

    def add(self, *followers: ProjectFollower) -> None:
        for follower in followers:
            if any(follower is known for known in self._followers):
                raise ValueError(f"{follower!r} already follows the project")
            self._followers.append(follower)

    def __iter__(self) -> Iterator[ProjectFollower]:
        return iter(list(self._followers))

    def opened(self, project: Project | None) -> None:
        for follower in list(self._followers):
            follower.set_project(project)

    def changed(self, change: Change) -> None:
        for follower in list(self._followers):
            follower.on_change(change)
