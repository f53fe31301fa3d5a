"""The project store: one SQLite file (``*.crproj``) per project.  Pure Python, no Qt.

``Project.create(path, documents)`` / ``Project.open(path, read_only=False)`` give a
:class:`Project`; every edit on it is committed before it returns and returns a
:class:`Change` that ``project.revert(change)`` undoes.  Errors are
:class:`ProjectError` subclasses whose message names the file.
"""

from cablereader.core.project.anchoring import Anchor, anchor
from cablereader.core.project.errors import (
    InvalidEdit,
    NotAProject,
    ProjectClosed,
    ProjectCorrupt,
    ProjectError,
    ProjectExists,
    ProjectLocked,
    ProjectNotFound,
    ProjectReadOnly,
    ProjectTooNew,
    ProjectWriteError,
)
from cablereader.core.project.model import (
    ARTICLE_ROLE,
    SOURCE_ROLE,
    STARTER_TAGS,
    Annotation,
    AnnotationStep,
    Change,
    DocumentRecord,
    DocumentStep,
    ImportReport,
    SettingStep,
    Step,
    Tag,
    TagStep,
)
from cablereader.core.project.schema import APPLICATION_ID, SCHEMA_VERSION
from cablereader.core.project.store import KEEP, PROJECT_SUFFIX, Project

__all__ = [
    "APPLICATION_ID",
    "ARTICLE_ROLE",
    "KEEP",
    "PROJECT_SUFFIX",
    "SCHEMA_VERSION",
    "SOURCE_ROLE",
    "STARTER_TAGS",
    "Anchor",
    "Annotation",
    "AnnotationStep",
    "Change",
    "DocumentRecord",
    "DocumentStep",
    "ImportReport",
    "InvalidEdit",
    "NotAProject",
    "Project",
    "ProjectClosed",
    "ProjectCorrupt",
    "ProjectError",
    "ProjectExists",
    "ProjectLocked",
    "ProjectNotFound",
    "ProjectReadOnly",
    "ProjectTooNew",
    "ProjectWriteError",
    "SettingStep",
    "Step",
    "Tag",
    "TagStep",
    "anchor",
]
