"""Verdict colours, labels and glyphs shared by every view that shows a verdict.

Status is never shown by colour alone: each verdict has a label and a glyph too.
Colours are picked for the palette in use, so they stay legible on a light and on a
dark theme; backgrounds are translucent so that they tint whatever lies beneath
(selection, alternate rows) instead of hiding it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from cablereader.core.verify import ALTERED, FRAGMENT, NOT_IN_SOURCE, VERBATIM, VERDICTS

__all__ = [
    "VERDICTS",
    "VERDICT_DESCRIPTIONS",
    "VERDICT_GLYPHS",
    "VERDICT_LABELS",
    "added_colour",
    "is_dark",
    "muted_colour",
    "removed_colour",
    "solid",
    "verdict_background",
    "verdict_colour",
    "verdict_text",
]

VERDICT_LABELS: dict[str, str] = {
    VERBATIM: "Verbatim",
    ALTERED: "Altered",
    FRAGMENT: "Fragment",
    NOT_IN_SOURCE: "Not in source",
}

VERDICT_GLYPHS: dict[str, str] = {
    VERBATIM: "✓",
    ALTERED: "≈",
    FRAGMENT: "…",
    NOT_IN_SOURCE: "✗",
}

VERDICT_DESCRIPTIONS: dict[str, str] = {
    VERBATIM: "The quoted words are the source's words (typography aside)",
    ALTERED: "Close to a source passage, but words were changed",
    FRAGMENT: "One to three words found in the source: too short to judge",
    NOT_IN_SOURCE: "Nothing in the source is close enough",
}

# (light theme, dark theme): darker tones read on white, lighter ones on near-black.
_VERDICT_TONES: dict[str, tuple[str, str]] = {
    VERBATIM: ("#1e7b34", "#7fd98f"),
    ALTERED: ("#a35a00", "#ffb74d"),
    FRAGMENT: ("#4a5aa8", "#9fb0f0"),
    NOT_IN_SOURCE: ("#b3261e", "#ff8a80"),
}
_REMOVED_TONES = ("#b3261e", "#ff8a80")
# Added words have a hue of their own: tinted green they read as verbatim text (issue 15).
_ADDED_TONES = ("#1559b5", "#82b1ff")
_UNKNOWN_TONES = ("#606060", "#a0a0a0")

# Background opacity: a dark base needs a stronger tint for the hue to show at all.
_LIGHT_ALPHA = 48
_DARK_ALPHA = 80


def is_dark(palette: QPalette) -> bool:
    """True when the palette's text background is dark (a dark theme)."""
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def _tone(tones: tuple[str, str], palette: QPalette) -> QColor:
    return QColor(tones[1] if is_dark(palette) else tones[0])


def verdict_colour(verdict: str, palette: QPalette) -> QColor:
    """A solid colour for the verdict, legible as text or an outline on the palette's base."""
    return _tone(_VERDICT_TONES.get(verdict, _UNKNOWN_TONES), palette)


def verdict_background(verdict: str, palette: QPalette) -> QColor:
    """A translucent tint of the verdict colour, for cell or text backgrounds."""
    colour = verdict_colour(verdict, palette)
    colour.setAlpha(_DARK_ALPHA if is_dark(palette) else _LIGHT_ALPHA)
    return colour


def removed_colour(palette: QPalette) -> QColor:
    """Colour of source words that a quotation changed or dropped."""
    return _tone(_REMOVED_TONES, palette)


def added_colour(palette: QPalette) -> QColor:
    """Colour of words a quotation has that its source passage lacks."""
    return _tone(_ADDED_TONES, palette)


def muted_colour(palette: QPalette) -> QColor:
    """Secondary text (hints, legends): text blended towards the base.

    Derived from Text and Base rather than PlaceholderText, which custom dark palettes
    often leave at its light-theme value.
    """
    text = QColor(palette.color(QPalette.ColorRole.Text))
    text.setAlphaF(0.6)
    return solid(text, palette)


def solid(colour: QColor, palette: QPalette) -> QColor:
    """A translucent colour flattened onto the palette's base.

    Rich text (QTextBrowser HTML) has no reliable alpha support, so tints used there
    are blended by hand.
    """
    base = palette.color(QPalette.ColorRole.Base)
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + base.redF() * (1 - alpha),
        colour.greenF() * alpha + base.greenF() * (1 - alpha),
        colour.blueF() * alpha + base.blueF() * (1 - alpha),
    )


def verdict_text(verdict: str) -> str:
    """Glyph and label, e.g. "≈ Altered"; unknown verdicts are shown as they are."""
    label = VERDICT_LABELS.get(verdict, verdict)
    glyph = VERDICT_GLYPHS.get(verdict)
    return f"{glyph} {label}" if glyph else label
