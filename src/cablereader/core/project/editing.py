"""Tags and annotations: reading them, and every edit, each one undoable.

Every edit returns the :class:`Change` it committed; ``project.revert(change)`` undoes
it and returns the change that redoes it.  ``restore_tag`` and ``restore_annotation``
put a deleted tag or annotation back with its old id (what reverting a deletion does).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import NamedTuple

import cablereader.core.project.limits as limits
import cablereader.core.project.rows as rows
import cablereader.core.project.validation as validation
from cablereader.core.project.creation import new_uuid, now
from cablereader.core.project.documentsandsettings import DocumentsAndSettings
from cablereader.core.project.errors import InvalidEdit
from cablereader.core.project.model import (
    ANNOTATION_ADDED,
    ANNOTATION_DELETED,
    ANNOTATION_TAGS_CHANGED,
    CONTEXT_CHARS,
    DOCUMENT_REMOVED,
    NOTE_CHANGED,
    TAG_ADDED,
    TAG_DELETED,
    TAG_UPDATED,
    TAGS_MERGED,
    Annotation,
    Change,
    Tag,
)


class _Keep(enum.Enum):
    KEEP = enum.auto()


KEEP = _Keep.KEEP
"""Default of :meth:`Editing.update_tag`'s arguments: leave that field as it is."""


class NewAnnotation(NamedTuple):
    """One passage to annotate with :meth:`Editing.add_annotations`."""

    document: str
    start: int
    end: int
    tag_ids: Iterable[int] = ()
    note: str = ""
    author: str = ""


class Editing(DocumentsAndSettings):
    """Reading and editing tags and annotations."""

    author: str = ""
    """Who is editing (the app's Preferences): new annotations without an author get it."""

    # --- tags ---------------------------------------------------------------------------

    def tags(self) -> list[Tag]:
        """Every tag, in list order."""
        return [
            rows.tag_from_row(row)
            for row in self._live().execute(
                f"SELECT {rows.TAG_COLUMNS} FROM tags ORDER BY position, id"
            )
        ]

    def tag(self, tag_id: int) -> Tag:
        found = rows.load_tag(self._live(), tag_id)
        if found is None:
            raise InvalidEdit(f"There is no tag with id {tag_id}.")
        return found

    def tag_for_key(self, key: str) -> Tag | None:
        """The tag whose shortcut is ``key`` ("1"–"9"), if any."""
        return next((tag for tag in self.tags() if tag.key == key), None)

    def tag_usage(self, tag_id: int) -> int:
        """How many annotations carry the tag (to show before deleting it)."""
        row = (
            self._live()
            .execute("SELECT count(*) FROM annotation_tags WHERE tag_id = ?", (tag_id,))
            .fetchone()
        )
        return int(row[0])

    def add_tag(
        self,
        name: str,
        colour: str,
        description: str = "",
        key: str | None = None,
        *,
        take_key: bool = False,
    ) -> Change:
        """A new tag at the end of the list; ``change.added_tag`` is it.

        With ``take_key``, a key another tag has moves to the new tag in the same
        transaction (all or nothing, one change); without it such a key is refused.
        """
        tags = self.tags()
        owner = validation.key_owner(key, tags) if take_key else None
        tag = Tag(
            0,
            new_uuid(),
            validation.tag_name(name, tags),
            validation.colour(colour),
            description,
            validation.shortcut_key(key, _without(tags, owner)),
            max((t.position for t in tags), default=-1) + 1,
        )

        def work(recorder: rows.Recorder) -> None:
            _free_key(recorder, owner)
            recorder.new_tag(tag)

        return self._commit(TAG_ADDED, work)

    def update_tag(
        self,
        tag_id: int,
        *,
        name: str | _Keep = KEEP,
        colour: str | _Keep = KEEP,
        description: str | _Keep = KEEP,
        key: str | _Keep | None = KEEP,
        take_key: bool = False,
    ) -> Change:
        """Rename, recolour, describe, or (re)assign the key of a tag (``None``: no key).

        With ``take_key``, a key another tag has moves to this one in the same
        transaction; without it such a key is refused.
        """
        before = self.tag(tag_id)
        tags = self.tags()
        owner = None
        if take_key and not isinstance(key, _Keep):
            owner = validation.key_owner(key, tags, except_id=tag_id)
        after = Tag(
            before.id,
            before.uuid,
            before.name if name is KEEP else validation.tag_name(name, tags, except_id=tag_id),
            before.colour if colour is KEEP else validation.colour(colour),
            before.description if description is KEEP else description,
            before.key
            if isinstance(key, _Keep)
            else validation.shortcut_key(key, _without(tags, owner), except_id=tag_id),
            before.position,
        )

        def work(recorder: rows.Recorder) -> None:
            _free_key(recorder, owner)
            if after != before:
                recorder.tag(before, after)

        return self._commit(TAG_UPDATED, work)

    def delete_tag(self, tag_id: int) -> Change:
        """Delete a tag; annotations that carried it keep their other tags and notes."""
        tag = self.tag(tag_id)

        def work(recorder: rows.Recorder) -> None:
            for annotation in self._annotations_with_tag(tag_id):
                remaining = tuple(t for t in annotation.tag_ids if t != tag_id)
                recorder.annotation(annotation, _with_tags(annotation, remaining))
            recorder.tag(tag, None)

        return self._commit(TAG_DELETED, work)

    def merge_tags(self, from_id: int, into_id: int) -> Change:
        """Give every annotation tagged ``from_id`` the tag ``into_id``; delete ``from_id``."""
        if from_id == into_id:
            raise InvalidEdit("A tag cannot be merged into itself.")
        self.tag(into_id)  # refuse an unknown target before writing
        source = self.tag(from_id)

        def work(recorder: rows.Recorder) -> None:
            for annotation in self._annotations_with_tag(from_id):
                merged = {t for t in annotation.tag_ids if t != from_id} | {into_id}
                recorder.annotation(annotation, _with_tags(annotation, sorted(merged)))
            recorder.tag(source, None)

        return self._commit(TAGS_MERGED, work)

    def restore_tag(self, tag: Tag, annotation_ids: Iterable[int] = ()) -> Change:
        """Put a deleted tag back with its id, and on the annotations that carried it."""
        tags = self.tags()
        if any(t.id == tag.id for t in tags):
            raise InvalidEdit(f"The tag “{tag.name}” is still there.")
        validation.tag_name(tag.name, tags)
        validation.shortcut_key(tag.key, tags)
        annotations = [self.annotation(i) for i in sorted(set(annotation_ids))]

        def work(recorder: rows.Recorder) -> None:
            recorder.tag(None, tag)
            for annotation in annotations:
                tag_ids = sorted({*annotation.tag_ids, tag.id})
                recorder.annotation(annotation, _with_tags(annotation, tag_ids))

        return self._commit(TAG_ADDED, work)

    def _annotations_with_tag(self, tag_id: int) -> list[Annotation]:
        connection = self._live()
        return rows.annotations_from_rows(
            connection,
            connection.execute(
                f"{rows.ANNOTATION_SELECT} JOIN annotation_tags AS l ON l.annotation_id = a.id "
                "WHERE l.tag_id = ? ORDER BY a.id",
                (tag_id,),
            ),
        )

    # --- annotations --------------------------------------------------------------------

    def annotations(self, document: str | None = None) -> list[Annotation]:
        """Every annotation (orphans included), or one document's, in reading order."""
        connection = self._live()
        order = "ORDER BY d.position, a.start_offset, a.end_offset, a.id"
        if document is None:
            cursor = connection.execute(f"{rows.ANNOTATION_SELECT} {order}")
        else:
            cursor = connection.execute(
                f"{rows.ANNOTATION_SELECT} WHERE d.name = ? {order}", (document,)
            )
        return rows.annotations_from_rows(connection, cursor)

    def annotation(self, annotation_id: int) -> Annotation:
        found = rows.load_annotation(self._live(), annotation_id)
        if found is None:
            raise InvalidEdit(f"There is no annotation with id {annotation_id}.")
        return found

    def orphans(self) -> list[Annotation]:
        """Annotations that could not be placed in a re-imported text (their old text kept)."""
        return [a for a in self.annotations() if a.orphaned]

    def add_annotation(
        self,
        document: str,
        start: int,
        end: int,
        tag_ids: Iterable[int] = (),
        note: str = "",
        author: str = "",
    ) -> Change:
        """Annotate ``document[start:end]``; ``change.annotation`` is the new annotation.

        The exact text and 32 characters of context on each side are taken from the
        stored text, so the passage can be found again if the text is corrected.
        """
        item = NewAnnotation(document, start, end, tag_ids, note, author)
        annotation = self._new_annotation(item)
        return self._commit(
            ANNOTATION_ADDED, lambda recorder: _ignore(recorder.new_annotation(annotation))
        )

    def add_annotations(self, items: Iterable[NewAnnotation]) -> Change:
        """Annotate many passages in one transaction: one change, one undo step.

        Each item is checked as :meth:`add_annotation` checks it, all before anything
        is written: one bad item refuses the whole batch.  For importing annotations
        in bulk (and building large test projects), where a transaction per passage
        would mean a disk flush per passage.
        """
        annotations = [self._new_annotation(NewAnnotation(*item)) for item in items]

        def work(recorder: rows.Recorder) -> None:
            for annotation in annotations:
                recorder.new_annotation(annotation)

        return self._commit(ANNOTATION_ADDED, work)

    def _new_annotation(self, item: NewAnnotation) -> Annotation:
        """The annotation ``item`` describes, validated, with its text and context."""
        text = self.document(item.document).text
        start, end = validation.span(item.document, text, item.start, item.end)
        stamp = now()
        return Annotation(
            0,
            new_uuid(),
            item.document,
            start,
            end,
            text[start:end],
            text[max(0, start - CONTEXT_CHARS) : start],
            text[end : end + CONTEXT_CHARS],
            limits.note(item.note),
            item.author or self.author,
            stamp,
            stamp,
            self._existing_tag_ids(item.tag_ids),
        )

    def set_note(self, annotation_id: int, note: str) -> Change:
        """Replace an annotation's note (an empty change if it is the same)."""
        before = self.annotation(annotation_id)
        after = _modified(before, note=limits.note(note))
        return self._commit(NOTE_CHANGED, _step(before, after, before.note != note))

    def set_annotation_tags(self, annotation_id: int, tag_ids: Iterable[int]) -> Change:
        """Replace an annotation's tags (none is allowed: an untagged annotation)."""
        before = self.annotation(annotation_id)
        tags = self._existing_tag_ids(tag_ids)
        after = _modified(before, tag_ids=tags)
        return self._commit(ANNOTATION_TAGS_CHANGED, _step(before, after, before.tag_ids != tags))

    def delete_annotation(self, annotation_id: int) -> Change:
        before = self.annotation(annotation_id)
        return self._commit(ANNOTATION_DELETED, _step(before, None, True))

    def delete_annotations(self, annotation_ids: Iterable[int]) -> Change:
        """Delete several annotations in one transaction: one change, one undo step.

        Every id is looked up before anything is written: an unknown one refuses them all.
        """
        doomed = [self.annotation(i) for i in dict.fromkeys(annotation_ids)]

        def work(recorder: rows.Recorder) -> None:
            for annotation in doomed:
                recorder.annotation(annotation, None)

        return self._commit(ANNOTATION_DELETED, work)

    def remove_document(self, name: str) -> Change:
        """Remove a document with its annotations, in one transaction: one undo step.

        Reverting the change puts the document back, then its annotations, with their ids.
        """
        record = self.document_record(name)
        doomed = self.annotations(name)

        def work(recorder: rows.Recorder) -> None:
            for annotation in doomed:
                recorder.annotation(annotation, None)
            recorder.document(record, None)

        return self._commit(DOCUMENT_REMOVED, work)

    def restore_annotation(self, annotation: Annotation) -> Change:
        """Put a deleted annotation back exactly as it was, with its id and tags."""
        if rows.load_annotation(self._live(), annotation.id) is not None:
            raise InvalidEdit(f"Annotation {annotation.id} is still there.")
        self.document(annotation.document)
        self._existing_tag_ids(annotation.tag_ids)
        return self._commit(ANNOTATION_ADDED, _step(None, annotation, True))

    def _existing_tag_ids(self, tag_ids: Iterable[int]) -> tuple[int, ...]:
        wanted = tuple(sorted(set(tag_ids)))
        known = {tag.id for tag in self.tags()}
        unknown = [str(t) for t in wanted if t not in known]
        if unknown:
            raise InvalidEdit(f"There is no tag with id {', '.join(unknown)}.")
        return wanted


def _ignore(_: object) -> None:
    """Let a lambda call a function whose result is not needed."""


def _without(tags: list[Tag], tag: Tag | None) -> list[Tag]:
    return tags if tag is None else [t for t in tags if t.id != tag.id]


def _free_key(recorder: rows.Recorder, owner: Tag | None) -> None:
    """Take the shortcut key from ``owner`` (first: a key is unique in the store)."""
    if owner is not None:
        recorder.tag(owner, replace(owner, key=None))


def _step(
    before: Annotation | None, after: Annotation | None, changed: bool
) -> Callable[[rows.Recorder], None]:
    def work(recorder: rows.Recorder) -> None:
        if changed:
            recorder.annotation(before, after)

    return work


def _with_tags(annotation: Annotation, tag_ids: Iterable[int]) -> Annotation:
    """The annotation with other tags, as a side effect of a tag edit (time unchanged)."""
    return replace(annotation, tag_ids=tuple(sorted(tag_ids)))


def _modified(
    annotation: Annotation, *, note: str | None = None, tag_ids: tuple[int, ...] | None = None
) -> Annotation:
    """The annotation after a user's edit of its note or tags: ``modified`` is now."""
    return replace(
        annotation,
        note=annotation.note if note is None else note,
        tag_ids=annotation.tag_ids if tag_ids is None else tag_ids,
        modified=now(),
    )
