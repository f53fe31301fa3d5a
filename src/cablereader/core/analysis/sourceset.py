"""Several sources as one: a single text, index and verifier for all of them.

Aligning every article with each source in turn costs as many alignments as there are
sources.  Joined into one text, the sources share one n-gram index and one quote
verifier, so an article is prepared, aligned and verified once, whatever their number;
each passage and quotation found is then given back to the source it lies in.  The
joint between two sources is a word no article contains, so no passage or quotation
found runs across it.

Which sources are witnesses of one text (two transcriptions of the cable) is also
stated here: a witness is judged against, and its text compared with, the earlier
source it shares most of its text with.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from cablereader.core.alignment import Alignment, Passage, align_texts
from cablereader.core.analysis.witness import witness_passage
from cablereader.core.documents import Document
from cablereader.core.equivalences import canonical_text
from cablereader.core.text import code_point
from cablereader.core.verdicts import QuoteCheck

# Between two sources in the joined text: a word of its own, in a paragraph of its own.
JOINT = "\n\nqqcablereadersourcejointqq\n\n"


class SourceSet:
    """Sources joined into one text, with the offset of each inside it."""

    def __init__(self, sources: Sequence[Document]) -> None:
        if not sources:
            raise ValueError("no sources")
        self.sources = tuple(sources)
        starts = []
        position = 0
        for source in self.sources:
            starts.append(position)
            position += len(source.text) + len(JOINT)
        self.starts = tuple(starts)
        self.text = JOINT.join(source.text for source in self.sources)

    @property
    def name(self) -> str:
        return self.sources[0].name if len(self.sources) == 1 else " + ".join(self.names)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(source.name for source in self.sources)

    def index_at(self, position: int) -> int:
        """Which source offset ``position`` of the joined text lies in."""
        return max(0, bisect_right(self.starts, position) - 1)

    def split(self, alignment: Alignment) -> list[Alignment]:
        """An alignment with the joined text as one alignment per source."""
        found: list[list[Passage]] = [[] for _ in self.sources]
        for passage in alignment.passages:
            index = self.index_at(passage.a_start)
            found[index].append(self._local_passage(index, passage))
        return [
            Alignment(
                source.name, alignment.b_name, len(source.text), alignment.b_length, tuple(passages)
            )
            for source, passages in zip(self.sources, found, strict=True)
        ]

    def _local_passage(self, index: int, passage: Passage) -> Passage:
        base, length = self.starts[index], len(self.sources[index].text)
        if len(self.sources) == 1:
            return passage
        return replace(
            passage,
            a_start=min(length, passage.a_start - base),
            a_end=min(length, passage.a_end - base),
            differences=tuple(
                replace(d, a_start=min(length, d.a_start - base), a_end=min(length, d.a_end - base))
                for d in passage.differences
            ),
        )

    def joined_passage(self, index: int, passage: Passage) -> Passage:
        """A passage of source ``index`` as a passage of the joined text."""
        base = self.starts[index]
        return replace(
            passage,
            a_start=passage.a_start + base,
            a_end=passage.a_end + base,
            differences=tuple(
                replace(d, a_start=d.a_start + base, a_end=d.a_end + base)
                for d in passage.differences
            ),
        )

    def local_check(self, check: QuoteCheck) -> QuoteCheck:
        """``check`` with its source offsets inside the source it was found in, and
        that source named."""
        if check.source_start is None:
            return check
        index = self.index_at(check.source_start)
        source = self.sources[index]
        if len(self.sources) == 1:
            return replace(check, source_document=source.name)
        base, length = self.starts[index], len(source.text)

        def local(position: int) -> int:
            return max(0, min(length, position - base))

        end = check.source_end if check.source_end is not None else check.source_start
        return replace(
            check,
            source_document=source.name,
            source_start=local(check.source_start),
            source_end=local(end),
            differences=tuple(
                replace(d, a_start=local(d.a_start), a_end=local(d.a_end))
                for d in check.differences
            ),
            style_differences=tuple(
                replace(d, a_start=local(d.a_start), a_end=local(d.a_end))
                for d in check.style_differences
            ),
        )


class PassageFinder:
    """Which sources hold a given passage, word for word in canonical form (house
    style and typography aside): the ``also_in`` of a quotation."""

    def __init__(self, sources: Sequence[Document]) -> None:
        self._codes: dict[str, str] = {}
        self._texts = [(source.name, self._encode(canonical_text(source.text), grow=True))
                       for source in sources]  # fmt: skip

    def _encode(self, tokens: Sequence[str], *, grow: bool) -> str:
        out = []
        for token in tokens:
            code = self._codes.get(token)
            if code is None:
                if not grow:
                    return ""  # a word no source has: the passage is in none of them
                code = self._codes[token] = code_point(len(self._codes))
            out.append(code)
        return "".join(out)

    def holders(self, passage: str) -> tuple[str, ...]:
        """The sources holding ``passage`` (empty for a passage of no words)."""
        codes = self._encode(canonical_text(passage), grow=False)
        if not codes:
            return ()
        return tuple(name for name, text in self._texts if codes in text)


def find_witnesses(sources: Sequence[Document]) -> tuple[tuple[str, str], ...]:
    """Pairs (witness, original): each source that carries most of an earlier source's
    text is a second witness of it (the earliest such; a witness of a witness is a
    witness of the first)."""
    pairs: dict[str, str] = {}
    for later_index, later in enumerate(sources):
        for earlier in sources[:later_index]:
            if earlier.name in pairs:
                continue
            if _share_most(earlier, later):
                pairs[later.name] = earlier.name
                break
    return tuple(pairs.items())


def _share_most(a: Document, b: Document) -> bool:
    """Whether one passage carries most of both texts (each a witness of the other)."""
    alignment = align_texts(a.name, a.text, b.name, b.text)
    passage = witness_passage(alignment)
    if passage is None:
        return False
    return passage.b_end - passage.b_start >= 0.5 * max(1, len(b.text))
