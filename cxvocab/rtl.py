"""Persian on a terminal (DESIGN §5): pure functions of (text, width, mode).

Rich and Textual keep text in logical order and do no bidi and no Arabic-script shaping.
Terminals split: VTE-based ones (GNOME Terminal...), Konsole, mlterm and macOS Terminal reorder
and shape right-to-left text themselves; kitty, Alacritty, Windows Terminal, xterm, VS Code and
tmux do not. So there are two modes:

- ``visual``: wrap the paragraph *logically* to the width, then shape each line (joined letter
  forms, arabic-reshaper) and reorder it for display (python-bidi), so that a terminal which
  draws cells left to right shows it correctly, first line first.
- ``native``: logical text, wrapped the same way, each line isolated as a right-to-left run
  (RLI ... PDI). The row itself stays left-to-right, so the padding that right-aligns it stays
  on the left whether the terminal guesses a row's direction (mlterm) or not (VTE), and a line
  that starts with "NPS" or a digit is still laid out right-to-left.

Either way every line fits ``width`` cells as Rich measures them (``rich.cells.cell_len``), and
the caller right-aligns it. :class:`Persian` is the Rich renderable that does all this at
whatever width it is given, so ``cxvocab show`` and the TUI's ``RtlText`` widget share it and
re-wrap on resize.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import StyleType
from rich.text import Text

from cxvocab.i18n import Translator

MODES = ("visual", "native")
ZWNJ = "\u200c"
RLI, PDI = "\u2067", "\u2069"  # isolate a right-to-left run inside a left-to-right line
# The older python-bidi algorithm mirrors brackets (the newer bidi.get_display does not), but it
# drops boundary-neutral characters such as ZWNJ. ZWNJ travels through it as this combining mark
# (bidi class NSM, so it stays beside the letter before it) and is put back afterwards.
_ZWNJ_STAND_IN = "\u034f"
# Harakat (tanvin, fatha...) and the letter they sit on. The older algorithm leaves a mark
# *before* its letter once a run is reversed, and a terminal puts a combining mark on the cell
# before it; so marks are moved back behind their letter.
_MARKS_BEFORE_LETTER = re.compile("([\u064b-\u065f\u0670\u06d6-\u06ed]+)([\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\ufb50-\ufefc])")


def detect(environ: Mapping[str, str]) -> str:
    """Guess the mode from the terminal's environment: ``native`` only where bidi is known."""
    if environ.get("TMUX") or environ.get("STY"):
        return "visual"  # tmux and screen redraw cell by cell; an outer terminal's bidi never sees a line
    if environ.get("KONSOLE_VERSION") or environ.get("MLTERM"):
        return "native"
    vte = environ.get("VTE_VERSION", "")
    if vte.isdigit() and int(vte) >= 5800:  # VTE does bidi since 0.58
        return "native"
    if environ.get("TERM_PROGRAM") == "Apple_Terminal":
        return "native"
    return "visual"


def resolve(setting: str, environ: Mapping[str, str] | None = None) -> str:
    """The mode to draw in for a setting of ``auto``, ``visual`` or ``native``."""
    if setting in MODES:
        return setting
    return detect(os.environ if environ is None else environ)


def toggled(mode: str) -> str:
    return "native" if mode == "visual" else "visual"


def has_rtl(text: str) -> bool:
    """Whether the text holds any Arabic-script letter (and so needs laying out)."""
    return any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Logical lines of at most ``width`` cells, broken at spaces (a word longer than a whole
    line is cut). Newlines in the text are kept as line breaks."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            while cell_len(word) > width:  # a word longer than a line: cut it
                if line:
                    lines.append(line)
                    line = ""
                head = _fit(word, width)
                lines.append(head)
                word = word[len(head) :]
            candidate = f"{line} {word}" if line else word
            if cell_len(candidate) <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _fit(word: str, width: int) -> str:
    """The longest head of ``word`` that fits ``width`` cells (at least one character)."""
    end = 1
    while end < len(word) and cell_len(word[: end + 1]) <= width:
        end += 1
    return word[:end]


@lru_cache(maxsize=4096)
def visual_line(line: str) -> str:
    """One logical line of a right-to-left paragraph, shaped and in display order."""
    from bidi.algorithm import get_display  # imported on first use: start-up stays light

    shaped = _reshaper().reshape(line)
    stand_in = _ZWNJ_STAND_IN not in shaped
    if stand_in:
        shaped = shaped.replace(ZWNJ, _ZWNJ_STAND_IN)
    display: str = _MARKS_BEFORE_LETTER.sub(r"\2\1", get_display(shaped, base_dir="R"))
    return display.replace(_ZWNJ_STAND_IN, ZWNJ) if stand_in else display


@lru_cache(maxsize=1)
def _reshaper():  # type: ignore[no-untyped-def]
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.reshaper_config import default_config

    # Keep harakat (the tanvin of معمولاً is spelling), and of the ligatures only lam-alef, which
    # Persian needs and every terminal font has; the rest are rare glyphs many fonts lack.
    config = {key: False for key in default_config if key.startswith("ARABIC LIGATURE")}
    config.update(
        {key: True for key in default_config if key.startswith("ARABIC LIGATURE LAM WITH ALEF")},
        delete_harakat=False,
        support_ligatures=True,
    )
    return ArabicReshaper(configuration=config)


LRE, PDF = "\u202a", "\u202c"  # a left-to-right embedding (English inside Persian, cxvocab.i18n)
_EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e\u200e\u200f")  # and the marks


def _balanced(lines: list[str]) -> list[str]:
    """Wrapped lines with any embedding left open at a line's end closed there and opened
    again on the next line: each line is laid out on its own."""
    out, carried = [], 0
    for line in lines:
        opened = carried + line.count(LRE) - line.count(PDF)
        out.append(LRE * carried + line + PDF * max(opened, 0))
        carried = max(opened, 0)
    return out


@lru_cache(maxsize=4096)
def _layout(text: str, width: int, mode: str) -> tuple[str, ...]:
    lines = _balanced(wrap(text, width)) if LRE in text else wrap(text, width)
    if mode == "visual":
        return tuple(visual_line(line) for line in lines)
    return tuple(isolate(line, "native") for line in lines)


def layout(text: str, width: int, mode: str) -> list[str]:
    """A right-to-left paragraph as display lines, top to bottom, each at most ``width`` cells.

    The first line holds the start of the text. Right-align each line when drawing it.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    return list(_layout(text, width, mode))


def isolate(text: str, mode: str) -> str:
    """A short right-to-left run for use *inside* a left-to-right line (a table cell after an
    English label): reordered in visual mode, isolated with RLI...PDI in native mode, so that a
    bidi terminal turns only the Persian part around."""
    if not has_rtl(text):
        return text
    if mode == "visual":
        return visual_line(" ".join(text.split()))
    return f"{RLI}{text}{PDI}"


ELLIPSIS = "…"


def fit(text: str, width: int, mode: str) -> str:
    """One line of at most ``width`` cells for a table cell: the whole text if it fits, else
    its *logical* start up to a word boundary, ending in "…", then laid out like
    :func:`isolate` (so a right-to-left cell shows the start of its phrase, never pieces of the
    end of a reordered one). Text without Persian is only shortened. A first word longer than
    the width is cut, the one case that breaks inside a word."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    text = " ".join(text.split())
    if width < 1:
        return ""
    if cell_len(text) > width:
        text = _elide(text, width)
    return isolate(text, mode)


def elide(text: str, width: int) -> str:
    """``text`` shortened to ``width`` cells at a word boundary, ending in "…", in logical
    order (for a line that is laid out as a whole afterwards); the whole text if it fits."""
    text = " ".join(text.split())
    return text if cell_len(text) <= width else _elide(text, max(width, 1))


def _elide(text: str, width: int) -> str:
    """The longest run of whole words from the start of ``text`` that, with "…", fits."""
    room = width - cell_len(ELLIPSIS)
    if room < 1:
        return ELLIPSIS[:width]
    head = ""
    for word in text.split(" "):
        candidate = f"{head} {word}" if head else word
        if cell_len(candidate) > room:
            break
        head = candidate
    if not head:  # not even the first word: the only case that cuts a word
        head = _fit(text, room)
        while cell_len(head) > room:  # _fit keeps one character even when it is too wide
            head = head[:-1]
    return head.rstrip(" ،,;:") + ELLIPSIS


def _display_order(text: str) -> list[tuple[int, str]]:
    """``text``'s characters in display order, each as (its position in ``text``, the character
    shown, a bracket mirrored), by the older python-bidi algorithm (the one :func:`visual_line`
    uses) run step by step with each character's position kept, so that styles can follow the
    characters they were given to."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"], storage["base_dir"] = 1, "R"
    uba.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["at"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    return [(char["at"], char["ch"]) for char in storage["chars"]]


def visual_text(line: Text) -> Text:
    """:func:`visual_line` for one line of styled text: shaped and in display order, each
    character keeping its style. (Spans are shaped one by one, so a span should start and end
    at a word's edge; the interface's labels do.)"""
    if not has_rtl(line.plain):
        return line if LRE not in line.plain else _without_embeddings(line)
    pieces: list[tuple[str, StyleType]] = []
    for span_text in line.divide(sorted({s.start for s in line.spans} | {s.end for s in line.spans})):
        shaped = _reshaper().reshape(span_text.plain).replace(ZWNJ, _ZWNJ_STAND_IN)
        style = span_text.get_style_at_offset(_PLAIN, 0) if span_text.plain else ""
        pieces += [(ch, style) for ch in shaped]
    chars = "".join(ch for ch, _ in pieces)
    # The embeddings have done their work (the older algorithm leaves them in the text).
    shown = [(ch, pieces[at][1]) for at, ch in _display_order(chars) if ch not in _EMBEDDINGS]
    display = "".join(ch for ch, _ in shown)
    # Harakat back behind their letter (see _MARKS_BEFORE_LETTER), the styles with them.
    for match in reversed(list(_MARKS_BEFORE_LETTER.finditer(display))):
        start, cut, end = match.start(), match.end(1), match.end()
        shown[start:end] = shown[cut:end] + shown[start:cut]
    out = Text(style=line.style, justify=line.justify, no_wrap=True)
    for ch, style in shown:
        out.append(ZWNJ if ch == _ZWNJ_STAND_IN else ch, style)
    return out


_PLAIN = Console(width=10, file=open(os.devnull, "w"), color_system=None)  # noqa: SIM115 (kept for the process)


def _without_embeddings(line: Text) -> Text:
    out = Text(style=line.style, justify=line.justify, no_wrap=True)
    for piece in line.divide(sorted({s.start for s in line.spans} | {s.end for s in line.spans})):
        style = piece.get_style_at_offset(_PLAIN, 0) if piece.plain else ""
        out.append("".join(ch for ch in piece.plain if ch not in _EMBEDDINGS), style)
    return out


class Persian:
    """A Rich renderable: a right-to-left paragraph laid out at the width it is drawn at.

    Its text is never parsed as markup: ``[bold]`` in a term file shows as typed. It takes a
    plain string (content) or a :class:`rich.text.Text` with styles (an interface label, a
    bold number in it), wrapped and laid out the same way.
    """

    def __init__(self, text: str | Text, mode: str, *, style: StyleType = "", justify: str = "right") -> None:
        self.text = text
        self.mode = mode
        self.style = style
        self.justify = justify

    @property
    def plain(self) -> str:
        return self.text if isinstance(self.text, str) else self.text.plain

    def lines(self, width: int) -> list[str]:
        return layout(self.plain, width, self.mode)

    def styled_lines(self, width: int) -> list[Text]:
        """The lines of a styled text, laid out like :meth:`lines`."""
        assert isinstance(self.text, Text)
        text = _folded(self.text)
        starts, at = [], 0
        plain = text.plain
        for line in wrap(plain, width):
            while at < len(plain) and plain[at] in " \n" and not plain.startswith(line, at):
                at += 1
            starts.append(at)
            at += len(line)
        lines = text.divide(starts[1:]) if starts else [text]
        out, carried = [], 0
        for piece in lines:
            row = piece.copy()
            row.rstrip()
            while row.plain.startswith((" ", "\n")):
                row = row[1:]
            if carried or LRE in row.plain:  # an embedding open across lines: as _balanced
                opened = carried + row.plain.count(LRE) - row.plain.count(PDF)
                row = Text.assemble(LRE * carried, row, PDF * max(opened, 0))
                carried = max(opened, 0)
            if self.mode == "visual":
                out.append(visual_text(row))
            elif has_rtl(row.plain):
                out.append(Text.assemble(RLI, row, PDI))
            else:
                out.append(row)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if isinstance(self.text, Text):
            lines = self.styled_lines(options.max_width)
            text = Text("\n", style=self.style).join(lines)
            text.justify, text.no_wrap = self.justify, True  # type: ignore[assignment]
            yield text
            return
        text = Text("\n".join(self.lines(options.max_width)), style=self.style, justify=self.justify, no_wrap=True)  # type: ignore[arg-type]
        yield text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((cell_len(w) for w in self.plain.split()), default=0)
        return Measurement(min(longest, options.max_width), min(cell_len(self.plain), options.max_width))


def _folded(text: Text) -> Text:
    """``text`` with each run of spaces and tabs as one space, as :func:`wrap` treats them."""
    out = Text(style=text.style)
    for index, paragraph in enumerate(text.split("\n", allow_blank=True)):
        if index:
            out.append("\n")
        words = [w for w in paragraph.split(" ") if w.plain.strip()] if paragraph.plain.strip() else []
        out.append_text(Text(" ").join(w for w in (_strip(w) for w in words)))
    return out


def _strip(word: Text) -> Text:
    word = word.copy()
    word.rstrip()
    while word.plain[:1].isspace():
        word = word[1:]
    return word


def read_back(lines: Iterable[str], mode: str) -> Iterator[str]:
    """Undo :func:`layout` line by line (for tests and for copying text out): logical order,
    unshaped letters. Lines are returned in the order given."""
    from bidi.algorithm import get_display

    for line in lines:
        if mode == "native":
            yield line.removeprefix(RLI).removesuffix(PDI)
            continue
        stand_in = _ZWNJ_STAND_IN not in line
        logical: str = get_display(line.replace(ZWNJ, _ZWNJ_STAND_IN) if stand_in else line, base_dir="R")
        if stand_in:
            logical = logical.replace(_ZWNJ_STAND_IN, ZWNJ)
        yield unshape(_MARKS_BEFORE_LETTER.sub(r"\2\1", logical))


def unshape(text: str) -> str:
    """Presentation forms back to plain letters (NFKC folds each joined form to its letter)."""
    import unicodedata

    return "".join(
        unicodedata.normalize("NFKC", ch) if "\ufb50" <= ch <= "\ufeff" else ch for ch in text
    )


# --- the interface's labels ---------------------------------------------------------------


def said(text: str | Text, tr: Translator, mode: str) -> Persian | Text:
    """An interface label in ``tr``'s language: as it is in English; laid out right to left,
    through the same pipeline as Persian content, in Persian."""
    text = Text(text) if isinstance(text, str) else text
    return Persian(text, mode) if tr.rtl else text


def inline(text: str, tr: Translator, mode: str) -> str:
    """A short label inside a left-to-right line (before an IPA, in a table cell): isolated
    (:func:`cxvocab.rtl.isolate`) when it is Persian, so a bidi terminal turns only it around."""
    return isolate(text, mode) if tr.rtl else text


def paragraph(text: str, mode: str, width: int | None = None) -> str:
    """A message for a terminal's plain output (an error of a command): Persian laid out,
    right-aligned, at the terminal's width; anything else as it is."""
    if not has_rtl(text):
        return text
    import shutil

    width = width or shutil.get_terminal_size((80, 24)).columns
    lines = layout(" ".join(text.split()), width, mode)
    return "\n".join(" " * (width - cell_len(line)) + line for line in lines)
