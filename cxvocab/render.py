"""One term as Rich text, for ``cxvocab show`` (no Textual here).

All content goes in as :class:`rich.text.Text`, never as markup, so a term file cannot style
or move the terminal. Persian paragraphs go through :class:`cxvocab.rtl.Persian`, as in the
app, so they read correctly in either display mode.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from cxvocab.content import Library
from cxvocab.palette import HEAT, RIGHT, WRONG
from cxvocab.rtl import Persian
from cxvocab.stats import HEATMAP_WEEKS, Stats, format_date, format_number
from cxvocab.terms import Term


class Trimmed:
    """A renderable drawn line by line without the spaces Rich pads lines with at their right
    end (wrapped words, tables, padding): no line printed by ``show`` or ``stats`` ends in a
    space, so nothing invisible is copied into a teacher's notes or a diff."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in console.render_lines(self.renderable, options, pad=False, new_lines=False):
            yield from _rstrip(line)
            yield Segment.line()


def _rstrip(line: list[Segment]) -> list[Segment]:
    """A line's segments without its trailing spaces (styles and control codes kept)."""
    kept = list(line)
    for index in range(len(kept) - 1, -1, -1):
        segment = kept[index]
        if segment.control:
            continue
        text = segment.text.rstrip(" ")
        if text:
            kept[index] = Segment(text, segment.style, segment.control)
            return kept
        del kept[index]
    return kept


def _heading(label: str) -> Text:
    return Text(label, style="bold dim")


def term_card(term: Term, library: Library, mode: str = "visual", *, confusables: bool = True) -> RenderableType:
    """Everything about a term, top to bottom, as a learner reads it; Persian in ``mode``.
    (``confusables=False``: the app shows them as links instead.)"""

    def _fa(text: str) -> Persian:
        return Persian(text, mode)

    topic = library.topics.get(library.topic_of.get(term.id, ""))
    parts: list[RenderableType] = []
    title = Text(term.label, style="bold")
    if topic:
        title.append(f"   {topic.title.en}", style="dim")
    parts.append(title)
    parts.append(
        Text.assemble(("US ", "dim"), term.ipa.us, ("   UK ", "dim"), term.ipa.uk, ("   ", ""), (term.pos, "italic"))
    )
    parts.append(_fa(term.fa))
    parts.append(Text())
    parts.append(_heading("Definition"))
    parts.append(Text(term.definition.en))
    parts.append(_fa(term.definition.fa))
    parts.append(Text())
    parts.append(_heading("Examples"))
    for example in term.examples:
        parts.append(Text(example.en, style="italic"))
        parts.append(_fa(example.fa))
    parts.append(Text())
    parts.append(_heading("Usage"))
    for usage in term.usage:
        mark = Text("✓ " if usage.correct else "✗ ", style=RIGHT if usage.correct else WRONG)
        parts.append(Text.assemble(mark, usage.sentence))
        if usage.kind:
            parts.append(Padding(Text(usage.kind.said.en, style="bold dim"), (0, 0, 0, 2)))
        parts.append(Padding(Text(usage.why.en, style="dim"), (0, 0, 0, 2)))
        parts.append(_fa(f"{usage.kind.name.fa}: {usage.why.fa}" if usage.kind else usage.why.fa))
    others = library.confusables(term) if confusables else []
    if others:
        parts.append(Text())
        parts.append(Text.assemble(("Not to be confused with: ", "bold dim"), ", ".join(t.label for t in others)))
    if term.collocations:
        parts.append(Text.assemble(("Collocations: ", "bold dim"), ", ".join(term.collocations)))
    if term.family:
        parts.append(family_line(term))
        parts.extend(_fa(f"{form.form}: {form.fa}") for form in term.family if form.fa)
    if term.gaps:
        parts.append(Text())
        parts.append(_heading("Words that go with it"))
        for gap in term.gaps:
            before, word, after = gap.filled()
            parts.append(Text.assemble(before, (word, "bold"), after, (f"   not: {', '.join(gap.wrong)}", "dim")))
            parts.append(Padding(Text(f"{gap.label.name.en}: {gap.why.en}", style="dim"), (0, 0, 0, 2)))
            parts.append(_fa(gap.why.fa))
    return Group(*parts)


def family_line(term: Term) -> Text:
    """The other forms of the term's word, on one line: "Word family: retain (verb), ..."."""
    return Text.assemble(("Word family: ", "bold dim"), term.forms)


# --- stats -----------------------------------------------------------------------------------



def stats_report(
    stats: Stats, library: Library, *, persian: bool = False, mode: str = "visual", width: int = 100
) -> RenderableType:
    """The Stats screen and ``cxvocab stats``: numbers, a 14-day forecast, a 26-week heatmap,
    topics and the hardest terms. ``persian``: Jalali dates and Persian digits. ``width``:
    the columns it has; the numbers at the top go four, two or one to a row so that no label
    is cut."""
    def num(value: float) -> str:
        return format_number(value, persian=persian)

    def pct(value: float | None) -> str:
        return "-" if value is None else num(round(value * 100)) + "%"

    parts: list[RenderableType] = []
    numbers = [
        (num(stats.terms_total), "terms"), (num(stats.terms_seen), "seen"),
        (num(stats.terms_mastered), "mastered"), (num(stats.streak_days), "day streak"),
        (num(stats.reviews_today), "answers today"), (num(stats.reviews_total), "answers in all"),
        (num(stats.due_today), "due today"), (pct(stats.retention_30d), "retention (30 days)"),
    ]
    digits = max(cell_len(value) for value, _ in numbers)
    label_cells = max(cell_len(label) for _, label in numbers)
    cell = digits + 1 + label_cells + 3  # a number, its label, and the gap to the next
    per_row = 4 if width >= 4 * cell else 2 if width >= 2 * cell else 1
    head = Table.grid(padding=(0, 3))
    for _ in range(per_row):
        head.add_column(no_wrap=True, min_width=digits + 1 + label_cells)
    figures = [
        Text.assemble((" " * (digits - cell_len(value)) + value, "bold"), " ", (label, "dim")) for value, label in numbers
    ]
    for start in range(0, len(figures), per_row):
        head.add_row(*figures[start : start + per_row])
    parts += [Text(f"Stats for {format_date(date.fromisoformat(stats.today), persian)}", style="bold"), head, Text()]

    kinds = "   ".join(f"{kind} {pct(value)}" for kind, value in stats.retention_by_kind.items() if value is not None)
    if kinds:
        parts += [Text.assemble(("Retention by kind  ", "dim"), kinds), Text()]

    parts.append(Text("Due in the next 14 days", style="bold dim"))
    top = max(stats.due_forecast) or 1
    today = date.fromisoformat(stats.today)
    forecast = Table.grid(padding=(0, 1))
    forecast.add_column(style="dim")
    forecast.add_column()
    forecast.add_column(justify="right")
    for offset, count in enumerate(stats.due_forecast):
        day = today + timedelta(days=offset)
        label = "today" if offset == 0 else f"{day:%a} {format_date(day, persian)[-5:] if persian else day.strftime('%d %b')}"
        forecast.add_row(label, Text("█" * round(30 * count / top), style="cyan"), num(count))
    parts += [forecast, Text()]

    parts.append(Text(f"The last {HEATMAP_WEEKS} weeks (one column a week, Monday at the top)", style="bold dim"))
    days = sorted(stats.heatmap)
    first = date.fromisoformat(days[0]) if days else today
    pad = first.weekday()
    cells = [None] * pad + [stats.heatmap[d] for d in days]
    busiest = max((c for c in cells if c), default=1)
    rows = []
    for weekday in range(7):
        row = Text()
        for week in range(0, len(cells), 7):
            index = week + weekday
            value = cells[index] if index < len(cells) else None
            if value is None:
                row.append("  ")
            else:
                level = 0 if value == 0 else 1 + min(3, int(3 * value / busiest))
                row.append("■ ", style=HEAT[level])
        rows.append(row)
    parts += [*rows, Text()]

    topics = Table(box=None, padding=(0, 2), header_style="bold dim")
    topics.add_column("Topic")
    for name in ("Terms", "Seen", "Mastered"):
        topics.add_column(name, justify="right")
    for topic_id, t in stats.topics.items():
        group = library.topics.get(topic_id)
        topics.add_row(group.title.en if group else topic_id, num(t.terms), num(t.seen), num(t.mastered))
    parts += [topics, Text()]

    if stats.hardest:
        hard = Table(box=None, padding=(0, 2), header_style="bold dim")
        hard.add_column("Hardest terms")
        hard.add_column("Persian", justify="right")
        hard.add_column("Wrong answers", justify="right")
        for term_id, misses in stats.hardest:
            term = library.terms[term_id]
            # Laid out as a paragraph at the column's width: a table that wrapped the display-
            # order string itself would put the end of the Persian on the first line.
            hard.add_row(term.label, Persian(term.fa, mode), num(misses))
        parts.append(hard)
    return Group(*parts)
