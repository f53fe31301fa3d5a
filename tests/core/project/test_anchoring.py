"""Re-anchoring an annotated passage in a changed text."""

from __future__ import annotations

import random
import time

import pytest

from cablereader.core.documents import Document
from cablereader.core.project.anchoring import Anchor, anchor, match_ends
from cablereader.core.project.model import Annotation
from cablereader.core.project.store import reanchored
from tests.conftest import SOURCE

CONTEXT = 32


def selector(text: str, start: int, end: int) -> tuple[str, str, str]:
    """exact, prefix, suffix as the store keeps them."""
    return text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


@pytest.fixture(scope="module")
def cable(sample_documents: dict[str, Document]) -> str:
    return sample_documents[SOURCE].text


@pytest.fixture(scope="module")
def span(cable: str) -> tuple[int, int]:
    start = cable.index("He categorically replied")
    return start, start + 80


def find(new: str, old: str, start: int, end: int) -> Anchor | None:
    exact, prefix, suffix = selector(old, start, end)
    return anchor(new, exact, prefix, suffix, start)


def test_unchanged_text_is_found_at_its_position(cable: str, span: tuple[int, int]) -> None:
    found = find(cable, cable, *span)
    assert found is not None and (found.start, found.end, found.score) == (*span, 1.0)


@pytest.mark.parametrize("far", [False, True])
def test_insertion_before_the_passage(cable: str, span: tuple[int, int], far: bool) -> None:
    start, end = span
    at = 0 if far else start - 10  # inside the prefix, or at the top of the document
    inserted = "A sentence added by the corrected transcription. "
    new = cable[:at] + inserted + cable[at:]
    found = find(new, cable, start, end)
    assert found is not None
    assert (found.start, found.end) == (start + len(inserted), end + len(inserted))


def test_insertion_inside_the_passage(cable: str, span: tuple[int, int]) -> None:
    start, end = span
    new = cable[: start + 30] + "[illegible] " + cable[start + 30 :]
    found = find(new, cable, start, end)
    assert found is not None
    assert (found.start, found.end) == (start, end + len("[illegible] "))
    assert 0.75 <= found.quote_similarity < 1


def test_insertion_after_the_passage(cable: str, span: tuple[int, int]) -> None:
    start, end = span
    new = cable[: end + 5] + " (sic) " + cable[end + 5 :]
    found = find(new, cable, start, end)
    assert found is not None and (found.start, found.end) == span


def test_changes_before_inside_and_after_at_once(cable: str, span: tuple[int, int]) -> None:
    start, end = span
    new = (
        cable[: start - 5]
        + "NEW. "
        + cable[start - 5 : start + 20]
        + "—really—"
        + cable[start + 20 : end + 3]
        + "XX"
        + cable[end + 3 :]
    )
    found = find(new, cable, start, end)
    assert found is not None
    assert new[found.start : found.end].startswith(cable[start : start + 20])
    assert found.start == start + 5


def test_a_deleted_passage_becomes_an_orphan(cable: str, span: tuple[int, int]) -> None:
    start, end = span
    assert find(cable[:start] + cable[end:], cable, start, end) is None
    # Its surroundings gone too.
    assert find(cable[: start - 100] + cable[end + 100 :], cable, start, end) is None


def test_a_rewritten_passage_becomes_an_orphan(cable: str, span: tuple[int, int]) -> None:
    start, end = span
    rewritten = "The Ambassador replied that no such thing had been decided at all, ever."
    assert find(cable[:start] + rewritten + cable[end:], cable, start, end) is None


def test_repeated_text_goes_where_its_context_is() -> None:
    paragraph = "the meeting went well"
    old = f"On Monday, {paragraph}, he said. On Friday, {paragraph}, she wrote."
    second = old.rindex(paragraph)
    exact, prefix, suffix = selector(old, second, second + len(paragraph))
    new = "Added. " + old  # the old position now points into the first occurrence's context
    found = anchor(new, exact, prefix, suffix, second)
    assert found is not None and found.start == new.rindex(paragraph)
    # Without the hint, the context alone decides.
    found = anchor(new, exact, prefix, suffix, None)
    assert found is not None and found.start == new.rindex(paragraph)
    first = old.index(paragraph)
    exact, prefix, suffix = selector(old, first, first + len(paragraph))
    found = anchor(new, exact, prefix, suffix, first)
    assert found is not None and found.start == new.index(paragraph)


def test_a_short_phrase_without_its_context_is_not_guessed() -> None:
    old = "Alpha beta gamma. The Ambassador said yes. Delta epsilon zeta eta theta."
    start = old.index("The Ambassador")
    exact, prefix, suffix = selector(old, start, start + len("The Ambassador"))
    new = "Completely different words here; then the Ambassador and The Ambassador and so on."
    assert anchor(new, exact, prefix, suffix, start) is None


def test_a_long_unique_passage_is_found_even_where_its_context_changed(cable: str) -> None:
    start = cable.index("He categorically replied")
    exact = cable[start : start + 60]
    new = "Completely new opening.\n\n" + exact + "\n\nAnd a new ending."
    found = anchor(new, exact, "unrelated prefix text", "unrelated suffix text", start)
    assert found is not None and new[found.start : found.end] == exact


def test_edge_cases() -> None:
    assert anchor("", "x", "", "", 0) is None
    assert anchor("abc", "", "", "", 0) is None
    found = anchor("abc", "abc", "", "", 5)
    assert found is not None and (found.start, found.end) == (0, 3)


def test_reanchored_annotation_takes_its_new_text_and_context(cable: str) -> None:
    start = cable.index("He categorically replied")
    exact, prefix, suffix = selector(cable, start, start + 80)
    annotation = Annotation(
        1, "u", SOURCE, start, start + 80, exact, prefix, suffix, "", "", "t", "t", (1,)
    )
    new = cable[: start + 10] + "XYZ" + cable[start + 10 :]
    moved = reanchored(annotation, new)
    assert not moved.orphaned and (moved.start, moved.end) == (start, start + 83)
    assert moved.exact == new[start : start + 83] and moved.suffix == suffix
    orphan = reanchored(annotation, "Nothing left of it.")
    assert orphan.orphaned and (orphan.start, orphan.exact) == (start, exact)


def _edit_distance_ends(
    text: str, pattern: str, max_errors: int, anchored: bool
) -> list[tuple[int, int]]:
    """The textbook dynamic program match_ends implements bit-parallel."""
    column = list(range(len(pattern) + 1))
    ends = []
    for j, char in enumerate(text, start=1):
        new = [j if anchored else 0] + [0] * len(pattern)
        for i in range(1, len(pattern) + 1):
            new[i] = min(column[i] + 1, new[i - 1] + 1, column[i - 1] + (pattern[i - 1] != char))
        column = new
        if column[-1] <= max_errors:
            ends.append((j, column[-1]))
    return ends


def test_bit_parallel_matching_agrees_with_the_dynamic_program() -> None:
    rng = random.Random(7)
    for _ in range(800):
        text = "".join(rng.choice("abc ") for _ in range(rng.randint(0, 30)))
        pattern = "".join(rng.choice("abc ") for _ in range(rng.randint(1, 70)))  # > 64 bits too
        errors = rng.randint(0, len(pattern))
        for anchored in (False, True):
            expected = _edit_distance_ends(text, pattern, errors, anchored)
            assert match_ends(text, pattern, errors, anchored=anchored) == expected


def test_fast_enough_on_a_100_kb_text(cable: str) -> None:
    rng = random.Random(3)
    words = cable.split()
    big = " ".join(rng.choice(words) for _ in range(18000))[:100_000]
    timings = []
    for _ in range(20):
        start = rng.randrange(1000, len(big) - 1000)
        end = start + rng.randrange(60, 200)
        at = rng.randrange(start + 5, end - 5)
        new = big[:at] + "INSERTED " + big[at:]
        began = time.perf_counter()
        found = find(new, big, start, end)
        timings.append(time.perf_counter() - began)
        assert found is not None and (found.start, found.end) == (start, end + len("INSERTED "))
    # ~5 ms each here; a generous bound so slow machines pass.
    assert sorted(timings)[len(timings) // 2] < 0.1
