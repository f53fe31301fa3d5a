"""The project's records and its change records: plain frozen data, no database.

Every edit of a :class:`~cablereader.core.project.store.Project` returns a
:class:`Change`: an ordered list of steps, each the state of one row before and after
the edit (``None`` when the row did not exist).  That is all undo needs:
``project.revert(change)`` writes every ``before`` back, in reverse order, with the same
ids, and returns the change that re-does it.  The same record goes to the project's
observers, which read from it what to refresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cablereader.core.documents import Document

SOURCE_ROLE = "source"
ARTICLE_ROLE = "article"
ROLES = (SOURCE_ROLE, ARTICLE_ROLE)
# The project setting naming the primary source, when there are several (else the
# first source in import order is the primary).
PRIMARY_SOURCE_SETTING = "primary_source"
SHORTCUT_KEYS = tuple("123456789")
# W3C TextQuoteSelector context, as the Hypothesis client stores it.
CONTEXT_CHARS = 32
# A new project's tags, on keys 1-4: (name, colour, description).  Light colours, so
# black text stays readable on them, and distinct from each other.
STARTER_TAGS = (
    ("Key passage", "#ffd54f", "A passage that matters for the story."),
    ("Misquote", "#ef9a9a", "Quoted words that differ from the source."),
    ("Missing context", "#90caf9", "Taken from the source without what qualifies it."),
    ("Needs checking", "#a5d6a7", "To verify against the source or another record."),
)


@dataclass(frozen=True)
class DocumentRecord:
    """A document as the project keeps it: its text, where it came from, its role."""

    id: int
    name: str
    title: str
    text: str = field(repr=False)
    sha256: str
    encoding: str
    role: str
    original_path: str
    position: int
    imported: str

    @property
    def document(self) -> Document:
        return Document(
            self.name, self.original_path, self.text, self.encoding, self.sha256, self.title
        )


@dataclass(frozen=True)
class Tag:
    """A tag (a "code" in REFI-QDA terms); ``uuid`` is its stable GUID for exchange."""

    id: int
    uuid: str
    name: str
    colour: str
    description: str = ""
    key: str | None = None
    position: int = 0


@dataclass(frozen=True)
class Annotation:
    """A tagged passage: a W3C TextPosition (start, end) plus TextQuote (exact, context).

    ``start``/``end`` are code-point offsets into the document's current text, and
    ``exact`` is the text there.  An orphan (``orphaned``) could not be placed in a
    re-imported text: it keeps the old offsets and the old text in ``exact``, and is
    never dropped.  ``tag_ids`` are sorted.
    """

    id: int
    uuid: str
    document: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    note: str
    author: str
    created: str
    modified: str
    tag_ids: tuple[int, ...] = ()
    orphaned: bool = False


@dataclass(frozen=True)
class DocumentStep:
    before: DocumentRecord | None
    after: DocumentRecord | None


@dataclass(frozen=True)
class TagStep:
    before: Tag | None
    after: Tag | None


@dataclass(frozen=True)
class AnnotationStep:
    before: Annotation | None
    after: Annotation | None


@dataclass(frozen=True)
class SettingStep:
    key: str
    before: str | None
    after: str | None


Step = DocumentStep | TagStep | AnnotationStep | SettingStep

# Change kinds, for undo texts and for views that care which edit it was.
DOCUMENTS_IMPORTED = "documents_imported"
SOURCE_CHANGED = "source_changed"
DOCUMENT_REMOVED = "document_removed"
TAG_ADDED = "tag_added"
TAG_UPDATED = "tag_updated"
TAG_DELETED = "tag_deleted"
TAGS_MERGED = "tags_merged"
ANNOTATION_ADDED = "annotation_added"
ANNOTATION_DELETED = "annotation_deleted"
NOTE_CHANGED = "note_changed"
ANNOTATION_TAGS_CHANGED = "annotation_tags_changed"
SETTING_CHANGED = "setting_changed"


def step_entity(step: Step) -> tuple[str, object]:
    """Which row a step is about: (kind of row, id or setting key)."""
    if isinstance(step, SettingStep):
        return ("setting", step.key)
    row = step.before if step.before is not None else step.after
    assert row is not None
    return (type(step).__name__, row.id)


@dataclass(frozen=True)
class Change:
    """One committed edit: what each touched row was before and is after.

    ``undone`` is set on the change :meth:`Project.revert` returns, so a view can tell
    an undo from a fresh edit; the steps say everything else.
    """

    kind: str
    steps: tuple[Step, ...]
    undone: bool = False

    def inverse(self) -> Change:
        """The change that puts every row back: steps swapped, in reverse order."""
        return Change(self.kind, tuple(_swapped(s) for s in reversed(self.steps)), not self.undone)

    def merged(self, later: Change) -> Change:
        """This change followed by ``later`` as one undo step (e.g. typing in a note).

        Two changes of the same single row collapse into one step; anything else is the
        two step lists one after the other, which reverts just as well.
        """
        if (
            len(self.steps) == len(later.steps) == 1
            and type(self.steps[0]) is type(later.steps[0])
            and step_entity(self.steps[0]) == step_entity(later.steps[0])
        ):
            return Change(self.kind, (_joined(self.steps[0], later.steps[0]),), self.undone)
        return Change(self.kind, self.steps + later.steps, self.undone)

    @property
    def annotation(self) -> Annotation:
        """The annotation this change is about: its new state, or the deleted one."""
        for step in self.steps:
            if isinstance(step, AnnotationStep):
                found = step.after if step.after is not None else step.before
                assert found is not None
                return found
        raise LookupError(f"a {self.kind} change concerns no annotation")

    @property
    def tag(self) -> Tag:
        """The tag this change is about: its new state, or the deleted one."""
        for step in self.steps:
            if isinstance(step, TagStep):
                found = step.after if step.after is not None else step.before
                assert found is not None
                return found
        raise LookupError(f"a {self.kind} change concerns no tag")

    @property
    def added_tag(self) -> Tag:
        """The tag this change created (a change may also take a key from another)."""
        for step in self.steps:
            if isinstance(step, TagStep) and step.before is None and step.after is not None:
                return step.after
        raise LookupError(f"a {self.kind} change created no tag")

    @property
    def annotation_ids(self) -> frozenset[int]:
        return frozenset(_ids(self.steps, AnnotationStep))

    @property
    def tag_ids(self) -> frozenset[int]:
        return frozenset(_ids(self.steps, TagStep))

    @property
    def document_names(self) -> frozenset[str]:
        """Documents whose record changed, and documents of the annotations touched."""
        names: set[str] = set()
        for step in self.steps:
            if isinstance(step, (DocumentStep, AnnotationStep)):
                names.update(
                    r.document if isinstance(r, Annotation) else r.name
                    for r in (step.before, step.after)
                    if r is not None
                )
        return frozenset(names)

    @property
    def removed_annotations(self) -> tuple[Annotation, ...]:
        return tuple(
            s.before
            for s in self.steps
            if isinstance(s, AnnotationStep) and s.after is None and s.before is not None
        )

    @property
    def current_annotations(self) -> tuple[Annotation, ...]:
        """Annotations added or changed by this change, in their new state."""
        return tuple(s.after for s in self.steps if isinstance(s, AnnotationStep) and s.after)


def _ids(steps: tuple[Step, ...], kind: type[TagStep] | type[AnnotationStep]) -> set[int]:
    ids: set[int] = set()
    for step in steps:
        if isinstance(step, kind):
            ids.update(r.id for r in (step.before, step.after) if r is not None)
    return ids


def _swapped(step: Step) -> Step:
    if isinstance(step, SettingStep):
        return SettingStep(step.key, step.after, step.before)
    if isinstance(step, DocumentStep):
        return DocumentStep(step.after, step.before)
    if isinstance(step, TagStep):
        return TagStep(step.after, step.before)
    return AnnotationStep(step.after, step.before)


def _joined(first: Step, second: Step) -> Step:
    if isinstance(first, SettingStep) and isinstance(second, SettingStep):
        return SettingStep(first.key, first.before, second.after)
    if isinstance(first, DocumentStep) and isinstance(second, DocumentStep):
        return DocumentStep(first.before, second.after)
    if isinstance(first, TagStep) and isinstance(second, TagStep):
        return TagStep(first.before, second.after)
    assert isinstance(first, AnnotationStep) and isinstance(second, AnnotationStep)
    return AnnotationStep(first.before, second.after)


@dataclass(frozen=True)
class ImportReport:
    """What :meth:`Project.import_documents` did, by document name.

    ``updated`` documents got a new text; their annotations were re-anchored:
    ``reanchored`` are those placed in the new text (moved or not), ``orphaned`` those
    that could not be placed (kept, with their old text).  ``change`` is ``None`` when
    nothing changed.
    """

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    reanchored: tuple[Annotation, ...] = ()
    orphaned: tuple[Annotation, ...] = ()
    change: Change | None = None
