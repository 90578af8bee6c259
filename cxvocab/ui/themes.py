"""The colour themes a learner can choose (Settings, and ctrl+p's theme list): only those in
which every kind of text cxvocab draws stands out from what it is drawn on (WCAG's 4.5:1).

Textual ships themes that fail this for cxvocab: in textual-light the accent orange of a
card's term on its grey panel is 2.8:1, and in textual-dark the white "4 Easy" on the blue
button 3.8:1. ``cxvocab-light`` and ``cxvocab-dark`` are those themes with the colours that
failed made darker; three of Textual's themes pass as they are.
"""

from __future__ import annotations

from dataclasses import replace

from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme

from cxvocab.config import THEMES

# Textual's own two, with only the colours that failed made darker.
DARK = replace(BUILTIN_THEMES["textual-dark"], name="cxvocab-dark", primary="#0062AD", error="#B3263F")
LIGHT = replace(
    BUILTIN_THEMES["textual-light"],
    name="cxvocab-light",
    accent="#9A4A00",
    warning="#8A5300",
    error="#A8243F",
    success="#1E6B36",
    variables={"footer-key-foreground": "#004578"},
)

# (text, what it is drawn on): the colour variables app.tcss, the key line and the grade
# buttons use for text.
TEXT_PAIRS = [
    ("foreground", "background"),
    ("foreground", "panel"),
    ("text-muted", "background"),
    ("text-muted", "panel"),
    ("text-accent", "panel"),
    ("text-success", "panel"),
    ("text-warning", "background"),
    ("text-error", "background"),
    ("text-primary", "background"),
    ("footer-key-foreground", "footer-background"),
    ("footer-description-foreground", "footer-background"),
    ("button-color-foreground", "primary"),
    ("button-color-foreground", "success"),
    ("button-color-foreground", "warning"),
    ("button-color-foreground", "error"),
]
MIN_CONTRAST = 4.5


def themes() -> dict[str, Theme]:
    """The themes offered, by name, in the order of :data:`cxvocab.config.THEMES`."""
    known = {**BUILTIN_THEMES, DARK.name: DARK, LIGHT.name: LIGHT}
    return {name: known[name] for name in THEMES}


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _resolve(variables: dict[str, str], name: str, under: Color) -> Color:
    """A theme variable as the opaque colour it shows on ``under``."""
    value = variables[name]
    if value.startswith("auto"):  # "auto 60%": the best text colour, faded
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 1.0
        return under + under.get_contrast_text(alpha)
    return under + Color.parse(value)


def contrasts(theme: Theme) -> dict[tuple[str, str], float]:
    """The contrast of every pair of :data:`TEXT_PAIRS` in ``theme``."""
    variables = theme.to_color_system().generate()
    background = Color.parse(variables["background"])
    out: dict[tuple[str, str], float] = {}
    for text, under in TEXT_PAIRS:
        base = _resolve(variables, under, background)
        out[(text, under)] = contrast(_resolve(variables, text, base), base)
    return out
