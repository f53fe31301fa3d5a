"""Alignment of a source and an article: the only package that uses diff-match-patch."""

from cablereader.core.alignment.align import (
    MIN_PASSAGE_WORDS,
    AlignmentSide,
    align,
    align_texts,
    prepare_article,
    prepare_source,
)
from cablereader.core.alignment.diffing import Difference, differences, is_typographic
from cablereader.core.alignment.model import ALTERED, VERBATIM, Alignment, Passage

__all__ = [
    "ALTERED",
    "MIN_PASSAGE_WORDS",
    "VERBATIM",
    "Alignment",
    "AlignmentSide",
    "Difference",
    "Passage",
    "align",
    "align_texts",
    "differences",
    "is_typographic",
    "prepare_article",
    "prepare_source",
]
