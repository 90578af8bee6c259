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
from cxvocab.i18n import ENGLISH, N_, Translator
from cxvocab.kinds import KIND_NAMES, Kind
from cxvocab.palette import HEAT, RIGHT, WRONG
from cxvocab.rtl import Persian, inline, said
from cxvocab.stats import HEATMAP_WEEKS, Stats
from cxvocab.terms import POS_NAMES, Term


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


def _heading(label: str, tr: Translator, mode: str) -> RenderableType:
    return said(Text(tr(label), style="bold dim"), tr, mode)


def _labelled(label: str, value: str, tr: Translator, mode: str) -> list[RenderableType]:
    """"Label: value", where the value is English content: one line in English; in Persian the
    label on a line of its own, right to left, and the English below it, left to right."""
    if tr.rtl:
        return [_heading(label, tr, mode), Text(value)]
    return [Text.assemble((tr(label) + ": ", "bold dim"), value)]


def term_card(
    term: Term, library: Library, mode: str = "visual", *, confusables: bool = True, tr: Translator = ENGLISH
) -> RenderableType:
    """Everything about a term, top to bottom, as a learner reads it; Persian in ``mode``, the
    interface's labels in ``tr``'s language. (``confusables=False``: the app shows them as links
    instead.)"""

    def _fa(text: str) -> Persian:
        return Persian(text, mode)

    topic = library.topics.get(library.topic_of.get(term.id, ""))
    parts: list[RenderableType] = []
    title = Text(term.label, style="bold")
    if topic:
        title.append("   ")
        title.append(inline(tr.pick(topic.title), tr, mode), style="dim")
    parts.append(title)
    parts.append(
        Text.assemble(
            (inline(tr("US"), tr, mode) + " ", "dim"), term.ipa.us, ("   " + inline(tr("UK"), tr, mode) + " ", "dim"),
            term.ipa.uk, ("   ", ""), (inline(tr(POS_NAMES.get(term.pos, term.pos)), tr, mode), "italic"),
        )
    )
    parts.append(_fa(term.fa))
    parts.append(Text())
    parts.append(_heading(N_("Definition"), tr, mode))
    parts.append(Text(term.definition.en))
    parts.append(_fa(term.definition.fa))
    parts.append(Text())
    parts.append(_heading(N_("Examples"), tr, mode))
    for example in term.examples:
        parts.append(Text(example.en, style="italic"))
        parts.append(_fa(example.fa))
    parts.append(Text())
    parts.append(_heading(N_("Usage"), tr, mode))
    for usage in term.usage:
        mark = Text("✓ " if usage.correct else "✗ ", style=RIGHT if usage.correct else WRONG)
        parts.append(Text.assemble(mark, usage.sentence))
        if usage.kind and not tr.rtl:
            parts.append(Padding(Text(usage.kind.said.en, style="bold dim"), (0, 0, 0, 2)))
        parts.append(Padding(Text(usage.why.en, style="dim"), (0, 0, 0, 2)))
        parts.append(_fa(f"{usage.kind.name.fa}: {usage.why.fa}" if usage.kind else usage.why.fa))
    others = library.confusables(term) if confusables else []
    if others:
        parts.append(Text())
        parts += _labelled(N_("Not to be confused with"), ", ".join(t.label for t in others), tr, mode)
    if term.collocations:
        parts += _labelled(N_("Collocations"), ", ".join(term.collocations), tr, mode)
    if term.family:
        parts += family_lines(term, tr, mode)
        parts.extend(_fa(f"{form.form}: {form.fa}") for form in term.family if form.fa)
    if term.gaps:
        parts.append(Text())
        parts.append(_heading(N_("Words that go with it"), tr, mode))
        for gap in term.gaps:
            before, word, after = gap.filled()
            parts.append(Text.assemble(before, (word, "bold"), after, ("   " + tr("not: {words}", words=", ".join(gap.wrong)), "dim")))
            if tr.rtl:
                parts.append(_fa(f"{gap.label.name.fa}: {gap.why.fa}"))
            else:
                parts.append(Padding(Text(f"{gap.label.name.en}: {gap.why.en}", style="dim"), (0, 0, 0, 2)))
                parts.append(_fa(gap.why.fa))
    return Group(*parts)


def forms(term: Term, tr: Translator = ENGLISH, mode: str = "visual") -> str:
    """:attr:`Term.forms` with each part of speech in ``tr``'s language."""
    if not tr.rtl:
        return term.forms
    return ", ".join(f"{f.form} ({inline(tr(POS_NAMES.get(f.pos, f.pos)), tr, mode)})" for f in term.family or ())


def family_line(term: Term, tr: Translator = ENGLISH, mode: str = "visual") -> Text:
    """The other forms of the term's word, on one line: "Word family: retain (verb), ..."."""
    return Text.assemble((inline(tr("Word family"), tr, mode) + ": ", "bold dim"), forms(term, tr, mode))


def family_lines(term: Term, tr: Translator, mode: str) -> list[RenderableType]:
    """:func:`family_line`, or in Persian its label above the English forms."""
    return _labelled(N_("Word family"), forms(term, tr, mode), tr, mode)


# --- stats -----------------------------------------------------------------------------------



def stats_report(
    stats: Stats, library: Library, *, tr: Translator = ENGLISH, mode: str = "visual", width: int = 100
) -> RenderableType:
    """The Stats screen and ``cxvocab stats``: numbers, a 14-day forecast, a 26-week heatmap,
    topics and the hardest terms, in ``tr``'s language (its digits and dates: Jalali with
    Persian digits in Persian, or wherever ``tr.jalali`` asks for them). ``width``: the columns
    it has; the numbers at the top go four, two or one to a row so that no label is cut. In
    Persian every row reads from the right: labels right-aligned, a table's first column at
    the right."""
    rtl = tr.rtl
    num = tr.num

    def pct(value: float | None) -> str:
        return "-" if value is None else tr("{percent}%", percent=round(value * 100))

    def row(*cells: RenderableType) -> list[RenderableType]:
        return list(reversed(cells)) if rtl else list(cells)

    parts: list[RenderableType] = []
    numbers = [
        (num(stats.terms_total), tr("terms")), (num(stats.terms_seen), tr("seen")),
        (num(stats.terms_mastered), tr("mastered")), (num(stats.streak_days), tr("day streak")),
        (num(stats.reviews_today), tr("answers today")), (num(stats.reviews_total), tr("answers in all")),
        (num(stats.due_today), tr("due today")), (pct(stats.retention_30d), tr("retention (30 days)")),
    ]
    digits = max(cell_len(value) for value, _ in numbers)
    label_cells = max(cell_len(label) for _, label in numbers)
    cell = digits + 1 + label_cells + 3  # a number, its label, and the gap to the next
    per_row = 4 if width >= 4 * cell else 2 if width >= 2 * cell else 1
    head = Table.grid(padding=(0, 3))
    for _ in range(per_row):
        head.add_column(no_wrap=True, min_width=digits + 1 + label_cells, justify="right" if rtl else "left")
    if rtl:
        figures: list[RenderableType] = [
            Persian(Text.assemble((value, "bold"), " ", (label, "dim")), mode) for value, label in numbers
        ]
    else:
        figures = [
            Text.assemble((" " * (digits - cell_len(value)) + value, "bold"), " ", (label, "dim")) for value, label in numbers
        ]
    for start in range(0, len(figures), per_row):
        in_row = figures[start : start + per_row]
        head.add_row(*row(*in_row, *([Text()] * (per_row - len(in_row)) if rtl else [])))
    today = date.fromisoformat(stats.today)
    day_label = tr.date(today) if rtl else tr.short_date(today)  # a month's name only inside Persian
    parts += [said(Text(tr("Stats for {day}", day=day_label), style="bold"), tr, mode), head, Text()]

    kinds = "   ".join(
        f"{tr(KIND_NAMES.get(Kind(kind), kind)) if kind in KIND_NAMES else kind} {pct(value)}"
        for kind, value in stats.retention_by_kind.items() if value is not None
    )
    if kinds:
        if rtl:
            parts += [said(Text.assemble((tr("Retention by kind") + ":  ", "dim"), kinds), tr, mode), Text()]
        else:
            parts += [Text.assemble((tr("Retention by kind") + "  ", "dim"), kinds), Text()]

    marked = [
        tr.n("{n} term suspended", "{n} terms suspended", stats.suspended) if stats.suspended else "",
        tr.n("{n} flagged", "{n} flagged", stats.flagged) if stats.flagged else "",
        tr.n("{n} leech", "{n} leeches", len(stats.leeches)) if stats.leeches else "",
    ]
    plan = stats.schedule
    if plan.get("parameters") == "fitted":
        fitted = tr("Schedule: fitted to your answers ({n} answers, log loss {loss})", n=plan.get("reviews", 0), loss=tr.digits(f"{plan.get('log_loss', 0):.4f}"))
    else:
        fitted = tr("Schedule: FSRS defaults (cxvocab optimize fits it to you)")
    steering = "   ".join(m for m in [*marked, fitted] if m)
    parts += [said(Text(steering, style="dim"), tr, mode), Text()]

    parts.append(_heading(N_("Due in the next 14 days"), tr, mode))
    top = max(stats.due_forecast) or 1
    forecast = Table.grid(padding=(0, 1))
    for justify in (("right", "right", "left") if rtl else ("left", "left", "right")):
        forecast.add_column(justify=justify)
    for offset, count in enumerate(stats.due_forecast):
        day = today + timedelta(days=offset)
        if offset == 0:
            label = tr("today")
        elif rtl:
            label = f"{tr.weekday(day)} {tr.date(day, year=False)}"
        else:
            label = f"{day:%a} {tr.short_date(day)[-5:] if tr.persian_numbers else day.strftime('%d %b')}"
        bar = Text("█" * round(30 * count / top), style="cyan", justify="right" if rtl else "left")
        label_cell = Persian(Text(label, style="dim"), mode) if rtl else Text(label, style="dim")
        forecast.add_row(*row(label_cell, bar, Text(num(count))))
    parts += [forecast, Text()]

    # A Persian week starts on Saturday, and a Persian reader's timeline runs from the right.
    week_start = 5 if rtl else 0
    title = (
        tr("The last {weeks} weeks (one column a week, Saturday at the top)", weeks=HEATMAP_WEEKS)
        if rtl
        else tr("The last {weeks} weeks (one column a week, Monday at the top)", weeks=HEATMAP_WEEKS)
    )
    parts.append(said(Text(title, style="bold dim"), tr, mode))
    days = sorted(stats.heatmap)
    first = date.fromisoformat(days[0]) if days else today
    pad = (first.weekday() - week_start) % 7
    cells = [None] * pad + [stats.heatmap[d] for d in days]
    busiest = max((c for c in cells if c), default=1)
    rows: list[RenderableType] = []
    for weekday in range(7):
        line = Text(justify="right" if rtl else "left")
        day_name = tr.weekday_letter((week_start + weekday) % 7)
        if not rtl:
            line.append(f"{day_name:<4}", style="dim")
        weeks = range(0, len(cells), 7)
        for week in (reversed(weeks) if rtl else weeks):  # in Persian the oldest week at the right
            index = week + weekday
            value = cells[index] if index < len(cells) else None
            if value is None:
                line.append("  ")
            else:
                level = 0 if value == 0 else 1 + min(3, int(3 * value / busiest))
                line.append("■ ", style=HEAT[level])
        if rtl:
            line.append(" " + inline(day_name, tr, mode), style="dim")
        rows.append(line)
    legend = Text.assemble(*(("■ ", HEAT[level]) for level in range(5)))
    if rtl:
        rows.append(Persian(Text.assemble((tr("fewer answers"), "dim"), " ", legend, " ", (tr("more"), "dim")), mode))
    else:
        rows.append(Text.assemble("    ", (tr("fewer answers"), "dim"), " ", legend, " ", (tr("more"), "dim")))
    parts += [*rows, Text()]

    topics = Table(box=None, padding=(0, 2), header_style="bold dim")
    headings = [tr("Topic"), tr("Terms"), tr("Seen"), tr("Mastered")]
    columns = list(zip(headings, ("left", "right", "right", "right"), strict=True))
    for heading, justify in (reversed(columns) if rtl else columns):
        topics.add_column(inline(heading, tr, mode), justify="right" if rtl else justify)  # type: ignore[arg-type]
    for topic_id, t in stats.topics.items():
        group = library.topics.get(topic_id)
        name = tr.pick(group.title) if group else topic_id
        topics.add_row(*row(Persian(name, mode) if rtl else name, num(t.terms), num(t.seen), num(t.mastered)))
    parts += [topics, Text()]

    if stats.hardest:
        hard = Table(box=None, padding=(0, 2), header_style="bold dim")
        columns = [(tr("Hardest terms"), "left"), (tr("Persian"), "right"), (tr("Wrong answers"), "right")]
        for heading, justify in (reversed(columns) if rtl else columns):
            hard.add_column(inline(heading, tr, mode), justify=justify)  # type: ignore[arg-type]
        for term_id, misses in stats.hardest:
            term = library.terms[term_id]
            # Laid out as a paragraph at the column's width: a table that wrapped the display-
            # order string itself would put the end of the Persian on the first line.
            hard.add_row(*row(term.label, Persian(term.fa, mode), num(misses)))
        parts.append(hard)
    if stats.leeches:
        leech = Table(box=None, padding=(0, 2), header_style="bold dim")
        columns = [(tr("Leeches (cxvocab prep --flagged drills them)"), "left"), (tr("Persian"), "right")]
        for heading, justify in (reversed(columns) if rtl else columns):
            leech.add_column(inline(heading, tr, mode), justify=justify)  # type: ignore[arg-type]
        for term_id in stats.leeches:
            term = library.terms[term_id]
            leech.add_row(*row(term.label, Persian(term.fa, mode)))
        parts += [Text(), leech]
    return Group(*parts)
