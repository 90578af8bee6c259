from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.console import Console

from cxvocab import rtl
from cxvocab.rtl import PDI, RLI, ZWNJ, Persian, detect, isolate, layout, read_back, resolve, wrap

PARAGRAPH = (
    "مشکل یا ناراحتی مشخصی که مشتری در جایی از سفر خود با آن روبه‌رو می‌شود؛ مثل صفحه‌ای که دیر "
    "باز می‌شود (بیش از ۱۰ ثانیه)، یا اینکه امتیاز NPS ما به 40 برسد و کسب‌وکار معمولاً ضرر کند."
)


def presentation_forms(text: str) -> int:
    return sum("\ufb50" <= ch <= "\ufeff" for ch in text)


@pytest.mark.parametrize("width", [20, 40, 80])
@pytest.mark.parametrize("mode", ["visual", "native"])
def test_every_line_fits_and_reads_back_in_order(width, mode):
    lines = layout(PARAGRAPH, width, mode)
    assert len(lines) == len(wrap(PARAGRAPH, width)) > (1 if width < 80 else 0)
    assert all(cell_len(line) <= width for line in lines)
    # Reading each display line back gives the logical text, first line first.
    assert list(read_back(lines, mode)) == wrap(PARAGRAPH, width)
    assert " ".join(read_back(lines, mode)) == " ".join(PARAGRAPH.split())


def test_visual_lines_are_shaped_and_reordered():
    (line,) = layout("نقطه درد", 40, "visual")
    assert line == "\ufea9\ufead\ufea9 \ufeea\ufec4\ufed8\ufee7"  # درد نقطه, joined forms, right to left
    assert presentation_forms(line) == 7


def test_native_lines_are_logical_and_marked_right_to_left():
    lines = layout(PARAGRAPH, 40, "native")
    assert all(line.startswith(RLI) and line.endswith(PDI) for line in lines)
    assert "".join(line[1:-1] + " " for line in lines).split() == PARAGRAPH.split()
    assert presentation_forms("".join(lines)) == 0


@pytest.mark.parametrize(
    ("logical", "expected"),
    [
        ("(از ۰ تا ۱۰)", "(۱۰ ﺎﺗ ۰ ﺯﺍ)"),  # brackets still enclose, and face the right way
        ("امتیاز NPS ما", "ﺎﻣ NPS ﺯﺎﯿﺘﻣﺍ"),  # a Latin run stays left to right
        ("به ۴۰ رسید", "ﺪﯿﺳﺭ ۴۰ ﻪﺑ"),  # Persian digits keep their order
        ("به 40 رسید", "ﺪﯿﺳﺭ 40 ﻪﺑ"),  # so do Latin digits
        ("«کسب‌وکار»", f"«ﺭﺎﮐﻭ{ZWNJ}ﺐﺴﮐ»"),  # ZWNJ survives; the letters around it stay unjoined
        ("معمولاً", "ﻻًﻮﻤﻌﻣ"),  # lam-alef ligature; the tanvin follows its letter for the terminal
    ],
)
def test_visual_line(logical, expected):
    assert rtl.visual_line(logical) == expected


def test_zwnj_survives_both_modes():
    text = f"می{ZWNJ}کند"
    assert ZWNJ in layout(text, 20, "visual")[0]
    assert ZWNJ in layout(text, 20, "native")[0]


def test_a_word_longer_than_the_line_is_cut():
    lines = layout("ب" * 25, 10, "visual")
    assert [cell_len(line) for line in lines] == [10, 10, 5]


def test_newlines_are_kept():
    assert wrap("یک\nدو", 40) == ["یک", "دو"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "visual"),
        ({"VTE_VERSION": "7600"}, "native"),
        ({"VTE_VERSION": "5200"}, "visual"),  # before VTE 0.58 there was no bidi
        ({"KONSOLE_VERSION": "230804"}, "native"),
        ({"TERM_PROGRAM": "Apple_Terminal"}, "native"),
        ({"TERM_PROGRAM": "vscode"}, "visual"),
        ({"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1"}, "visual"),
        ({"WT_SESSION": "x"}, "visual"),
        ({"VTE_VERSION": "7600", "TMUX": "/tmp/tmux-0/default,1,0"}, "visual"),  # tmux inside GNOME Terminal
    ],
)
def test_detect(environ, expected):
    assert detect(environ) == expected


def test_resolve_keeps_an_explicit_choice():
    assert resolve("native", {}) == "native"
    assert resolve("visual", {"VTE_VERSION": "7600"}) == "visual"
    assert resolve("auto", {"VTE_VERSION": "7600"}) == "native"


def test_isolate_marks_only_the_persian_run():
    assert isolate("Net Promoter Score", "native") == "Net Promoter Score"
    assert isolate("امتیاز خالص", "native") == f"{RLI}امتیاز خالص{PDI}"
    assert isolate("امتیاز خالص", "visual") == "ﺺﻟﺎﺧ ﺯﺎﯿﺘﻣﺍ"


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="mode must be one of"):
        layout("سلام", 10, "auto")


@pytest.mark.parametrize("mode", ["visual", "native"])
def test_renderable_right_aligns_at_the_console_width(mode):
    console = Console(width=30, record=True, color_system=None)
    console.print(Persian(PARAGRAPH, mode))
    lines = console.export_text().splitlines()
    assert len(lines) == len(wrap(PARAGRAPH, 30))
    assert all(cell_len(line) == 30 for line in lines)  # padded on the left: right-aligned
    assert lines[-1].startswith(" ")


def test_markup_in_persian_is_shown_as_typed():
    console = Console(width=40, record=True, color_system=None)
    console.print(Persian("[bold]سلام[/]", "native"))
    assert "[bold]سلام[/]" in console.export_text()


# «نقشه وضعیت آینده» (future-state map) in 12 cells keeps its first two words, then "…".
@pytest.mark.parametrize(
    ("text", "width", "logical"),
    [
        ("نقشه وضعیت آینده", 20, "نقشه وضعیت آینده"),  # fits: whole
        ("نقشه وضعیت آینده", 16, "نقشه وضعیت آینده"),  # exactly
        ("نقشه وضعیت آینده", 15, "نقشه وضعیت…"),  # cut before the last word, not inside it
        ("نقشه وضعیت آینده", 11, "نقشه وضعیت…"),
        ("نقشه وضعیت آینده", 10, "نقشه…"),
        ("نقشه وضعیت آینده", 5, "نقشه…"),
        ("نقشه وضعیت آینده", 4, "نقش…"),  # the first word alone is too long: the only cut inside a word
        ("نقشه وضعیت آینده", 1, "…"),
        ("کسب‌وکار با مصرف‌کننده", 12, "کسب‌وکار با…"),  # a ZWNJ is inside a word, never a break
        ("امتیاز خالص، مروجان", 14, "امتیاز خالص…"),  # no comma before the "…"
        ("Net Promoter Score", 14, "Net Promoter…"),  # English is shortened the same way
    ],
)
@pytest.mark.parametrize("mode", ["visual", "native"])
def test_fit_keeps_the_logical_start_and_ends_in_an_ellipsis(text, width, logical, mode):
    shown = rtl.fit(text, width, mode)
    assert cell_len(shown) <= width
    assert shown == isolate(logical, mode)
    if rtl.has_rtl(text):
        assert list(read_back([shown], mode)) == [logical]


def test_fit_in_visual_mode_shows_the_start_of_the_phrase_on_the_right():
    shown = rtl.fit("نقشه وضعیت آینده", 11, "visual")
    assert shown == "…" + rtl.visual_line("وضعیت") + " " + rtl.visual_line("نقشه")  # read right to left
    assert shown == "…ﺖﯿﻌﺿﻭ ﻪﺸﻘﻧ"
    assert rtl.fit("نقشه وضعیت آینده", 11, "native") == f"{RLI}نقشه وضعیت…{PDI}"


def test_fit_nothing_at_no_width_and_refuses_an_unknown_mode():
    assert rtl.fit("سلام", 0, "visual") == ""
    with pytest.raises(ValueError, match="mode must be one of"):
        rtl.fit("سلام", 10, "auto")
