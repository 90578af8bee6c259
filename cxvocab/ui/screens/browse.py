"""Browse: type to find a term (English, Persian or abbreviation); enter opens it. And the
term screen: everything about one term, its confusables as links, its review history."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Header, Input, Static

from cxvocab.i18n import ENGLISH, N_, Translator
from cxvocab.kinds import KIND_NAMES, Kind
from cxvocab.palette import RIGHT, WRONG
from cxvocab.records import TermMarks
from cxvocab.render import term_card
from cxvocab.rtl import Persian, fit, has_rtl
from cxvocab.rtl import elide as rtl_elide
from cxvocab.search import Found, SearchIndex, known_label
from cxvocab.store import ReviewRow
from cxvocab.terms import Term
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.widgets.key_line import KeyLine
from cxvocab.ui.widgets.persian_input import PersianInput
from cxvocab.ui.widgets.rtl_text import RtlText

LIMIT = 500  # results shown: the whole built-in glossary and a class's files; searching stops there
PAD = 2  # the DataTable's cell padding, one cell each side of every column


@dataclass(frozen=True)
class Column:
    """A column of the results as they are now: its label and the width of each cell."""

    key: str
    label: str
    cells: tuple[int, ...] = ()  # cell_len of each cell, whole, in ascending order
    least: int = 1  # the narrowest that still ends every cell at a word boundary

    @property
    def natural(self) -> int:
        """The width at which nothing is shortened."""
        return max((cell_len(self.label), *self.cells))

    def shortened(self, width: int) -> int:
        """How many of its cells do not fit ``width``."""
        return len(self.cells) - bisect_right(self.cells, width)


def column(key: str, label: str, texts: list[str]) -> Column:
    """The column of ``texts`` (spaces folded, as :func:`cxvocab.rtl.fit` shows them)."""
    texts = [" ".join(t.split()) for t in texts]
    return Column(key, label, tuple(sorted(map(cell_len, texts))), max(map(least_width, texts), default=1))


def least_width(text: str) -> int:
    """The narrowest a cell can be and still end at a word boundary: its first word and "…"."""
    words = text.split()
    if len(words) <= 1:
        return cell_len(text)
    return cell_len(words[0]) + 1


TOPIC_WEIGHT = 0.25  # a shortened (or hidden) topic counts a quarter of a shortened term


def column_widths(term: Column, fa: Column, topic: Column, known: Column, *, room: int) -> dict[str, int]:
    """The width of each column to show in ``room`` cells (padding included), in order.

    Every column in full when they fit. Otherwise the widths that shorten the fewest cells,
    where a topic counts a quarter (it is the least needed), the topic is either shown with at
    least its first words or left out (a topic left out counts as every one shortened), and
    Known (a word or two) is never shortened. Ties go to showing the topic, as wide as can be.
    """
    columns = (term, fa, topic, known)
    if sum(c.natural + PAD for c in columns) <= room:
        return {c.key: c.natural for c in columns}
    options: list[tuple[tuple[int, float, int], dict[str, int]]] = []
    for shown in (None, *range(min(topic.least, topic.natural), topic.natural + 1)):
        left = room - known.natural - PAD * (3 if shown is None else 4) - (shown or 0)
        if left < 2:
            continue
        a, b = split(term, fa, left)
        below = (a < min(term.least, term.natural)) + (b < min(fa.least, fa.natural))
        hidden = len(topic.cells) if shown is None else topic.shortened(shown)
        cost = term.shortened(a) + fa.shortened(b) + TOPIC_WEIGHT * hidden
        widths = {term.key: a, fa.key: b} | ({} if shown is None else {topic.key: shown}) | {known.key: known.natural}
        options.append(((below, cost, -(shown or -1)), widths))
    if not options:  # too narrow for anything to fit: the term and Persian get a cell each
        return {term.key: 1, fa.key: 1, known.key: known.natural}
    return min(options, key=lambda option: option[0])[1]


def split(first: Column, second: Column, room: int) -> tuple[int, int]:
    """Widths for two columns sharing ``room`` cells: both in full if they fit; else the
    fewest cells shortened, then neither column below its least if that can be, then the
    damage shared (the larger shortfall of the two as small as it can be)."""
    if first.natural + second.natural <= room:
        return first.natural, second.natural

    def cost(a: int) -> tuple[int, int, int]:
        b = room - a
        below = (a < min(first.least, first.natural)) + (b < min(second.least, second.natural))
        short = first.shortened(a) + second.shortened(b)
        return (short, below, max(first.natural - a, second.natural - b))

    best = min(range(max(1, room - second.natural), min(room, first.natural + 1)), key=cost, default=1)
    return best, max(1, room - best)


def status_lines(query: str, found: Found, total: int, width: int, mode: str, tr: Translator = ENGLISH) -> list[str]:
    """What the line above the results says: how many terms match, or that none does and
    which close spellings were used instead; the query fitted (and laid out) to ``width``.
    (In Persian the caller lays each line out; the query stays as typed, in logical order.)"""
    if not query.strip():
        if total > LIMIT:
            return [tr("The first {shown} of {total} terms, by topic. Type to find one.", shown=LIMIT, total=total)]
        return [tr("All {total} terms, by topic. Type to find one.", total=total)]
    n = len(found.matches)
    if n == 0:
        lines = [_sentence(tr("No term matches {query}."), query, width, mode, tr)]
    elif n >= LIMIT:
        lines = [_sentence(tr("The first {n} terms matching {query}:", n=n, query="{query}"), query, width, mode, tr)]
    else:
        lines = [_sentence(tr.n("{n} term matches {query}.", "{n} terms match {query}.", n, query="{query}"), query, width, mode, tr)]
    if found.spellings:
        shown = found.spellings[:1] if width < 60 else found.spellings
        spelled = tr(" or ").join(_quoted(s, max(3, (width - 30) // len(shown)), mode, tr) for s in shown)
        if len(shown) == 1:
            lines.append(tr("Did you mean {spelled}? Its terms are below.", spelled=spelled))
        else:
            lines.append(tr("Did you mean {spelled}? Their terms are below.", spelled=spelled))
    return lines


def _sentence(template: str, query: str, width: int, mode: str, tr: Translator) -> str:
    """``template`` with ``{query}`` in it, the query quoted and fitted to what room is left."""
    room = width - cell_len(template.replace("{query}", ""))
    return template.replace("{query}", _quoted(query, max(room, 3), mode, tr))


def _quoted(text: str, room: int, mode: str, tr: Translator = ENGLISH) -> str:
    """``text`` in quotes, shortened at a word boundary to ``room`` cells with the quotes. (In
    Persian the whole line is laid out later: the query is shortened here, not reordered.)"""
    if tr.rtl:
        return f"«{tr.embed(rtl_elide(text, room - 2))}»"
    return f"'{fit(text, room - 2, mode)}'"


class ResultsTable(DataTable[Text]):
    """The table of results; it tells its screen when its width changes, so that the screen
    can fit the columns to the new width."""

    class Resized(Message):
        """The table's size changed."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())


# Anki's searches for a term's marks, typed in the search box with or without words.
FILTERS = {"is:flagged": "flagged", "is:suspended": "suspended", "is:leech": "leech", "is:buried": "buried"}


def split_filters(query: str) -> tuple[str, list[str]]:
    """``is:flagged touch`` -> ("touch", ["flagged"]): the words to search, and the marks asked."""
    words, marks = [], []
    for word in query.split():
        if word.casefold() in FILTERS:
            marks.append(FILTERS[word.casefold()])
        else:
            words.append(word)
    return " ".join(words), marks


def has_marks(marks: TermMarks | None, wanted: list[str], now: datetime) -> bool:
    if marks is None:
        return not wanted
    held = {"flagged": marks.flagged, "suspended": marks.suspended, "leech": marks.leech, "buried": marks.buried(now)}
    return all(held[w] for w in wanted)


def marks_label(marks: TermMarks | None, now: datetime, tr: Translator = ENGLISH) -> str:
    """A term's marks in a word or two, for the Known column ("" for none)."""
    if marks is None:
        return ""
    said = [
        *([tr("suspended")] if marks.suspended else []),
        *([tr("buried")] if marks.buried(now) else []),
        *([tr("leech")] if marks.leech else []),
        *([tr("flagged")] if marks.flagged and not marks.leech else []),
    ]
    return ("، " if tr.rtl else ", ").join(said)


class BrowseScreen(CxScreen[None]):
    """A search box over every loaded term; up/down choose, enter opens.

    Letters typed go into the search box (a learner searches "touchpoint"), so the app's ``t``
    and ``?`` are typed here: the app's ``ctrl+t`` and ``f1`` work instead, as in every text box.
    """

    BINDINGS = [
        Binding("down", "move(1)", N_("Next"), show=False, priority=True),
        Binding("up", "move(-1)", N_("Previous"), show=False, priority=True),
        Binding("escape", "app.pop_screen", N_("Back"), id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.results: list[Term] = []
        self.found = Found([])
        self.widths: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="browse"):
            tr = self.cx.tr
            yield PersianInput(placeholder=self.cx.tr_inline(tr("type an English or Persian term, or an abbreviation")), id="browse-query")
            yield RtlText(id="browse-status")
            yield ResultsTable(id="browse-results", cursor_type="row", zebra_stripes=True)
            yield RtlText(
                Text(
                    tr("up/down  choose      enter  open      escape  back")
                    + "\n"
                    + tr("type is:flagged, is:suspended, is:leech or is:buried to list those terms"),
                    style="dim",
                ),
                id="browse-hint",
            )
        yield KeyLine()

    def on_mount(self) -> None:
        library = self.cx.library
        self.index = SearchIndex(library)
        self.progress = self.cx.term_progress()
        self.marks = self.cx.term_marks()
        self.show_results("")
        self.query_one(PersianInput).focus()

    @property
    def query_text(self) -> str:
        return self.query_one(PersianInput).value

    def show_results(self, query: str) -> None:
        """Search, and show what was found: the status line and the table."""
        words, wanted = split_filters(query)
        if wanted:
            now = self.cx.clock.now()
            pool = self.index.find(words, LIMIT).matches if words.strip() else list(self.cx.library.terms.values())
            matches = [t for t in pool if has_marks(self.marks.get(t.id), wanted, now)][:LIMIT]
            self.found = Found(matches)
        else:
            self.found = self.index.find(query, LIMIT)
        self.results = self.found.terms
        self._draw(cursor=0)

    def on_screen_resume(self) -> None:
        """Back from a term (which may have been unsuspended or flagged there): marks again."""
        if hasattr(self, "index"):
            self.marks = self.cx.term_marks()
            self._draw()

    def _draw(self, cursor: int | None = None) -> None:
        """Lay the current results out at the table's width, in the current display mode, with
        the cursor on row ``cursor`` (by default where it was: a resize keeps the choice)."""
        table = self.query_one(ResultsTable)
        cursor = table.cursor_row if cursor is None else cursor
        room = table.scrollable_content_region.width or table.size.width
        if room <= 0:
            return  # not laid out yet: drawn again at its first resize
        mode, tr = self.cx.rtl_mode, self.cx.tr
        status = self.query_one("#browse-status", RtlText)
        said = status_lines(self.query_text, self.found, len(self.cx.library.terms), status.content_region.width or room, mode, tr)
        status.text = Text("\n".join(said))
        library = self.cx.library
        now = self.cx.clock.now()

        def known(term: Term) -> str:
            marked = marks_label(self.marks.get(term.id), now, tr)
            label = known_label(self.progress.get(term.id), tr)
            return f"{label} · {marked}" if marked else label

        rows = [
            {
                "term": term.label,
                "fa": term.fa,
                "topic": tr.pick(library.topics[library.topic_of[term.id]].title),
                "known": known(term),
            }
            for term in self.results
        ]
        labels = {"term": tr("Term"), "fa": tr("Persian"), "topic": tr("Topic"), "known": tr("Known")}
        widths = column_widths(*[column(key, label, [row[key] for row in rows]) for key, label in labels.items()], room=room)
        if widths != self.widths:
            self.widths = widths
            table.clear(columns=True)
            for key, width in widths.items():
                heading = fit(labels[key], width, mode) if tr.rtl else labels[key]
                table.add_column(Text(heading, justify="right" if key == "fa" or tr.rtl and key != "term" else "left"), width=width, key=key)
        else:
            table.clear()
        styles = {"topic": "dim"}
        for term, row in zip(self.results, rows, strict=True):
            cells = [
                Text(
                    fit(row[key], widths[key], mode), style=styles.get(key, ""),
                    justify="right" if has_rtl(row[key]) else "left",
                )
                for key in widths
            ]
            table.add_row(*cells, key=term.id)
        if self.results:
            table.move_cursor(row=min(cursor, len(self.results) - 1), animate=False)

    def rtl_changed(self) -> None:
        self._draw()

    @on(ResultsTable.Resized)
    def _resized(self) -> None:
        self._draw()

    @on(Input.Changed, "#browse-query")
    def _typed(self, event: Input.Changed) -> None:
        self.show_results(event.value)

    @on(Input.Submitted, "#browse-query")
    def _open_current(self, event: Input.Submitted) -> None:
        table = self.query_one(DataTable)
        if self.results:
            self.app.push_screen(TermScreen(self.results[table.cursor_row]))

    @on(DataTable.RowSelected)
    def _open_row(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(TermScreen(self.results[event.cursor_row]))

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        if self.results:
            table.move_cursor(row=max(0, min(len(self.results) - 1, table.cursor_row + step)))


class TermScreen(CxScreen[None]):
    """One term in full. Its confusables are buttons that open them; p plays the term."""

    BINDINGS = [
        Binding("p", "play", N_("Play"), id="play"),
        Binding("exclamation_mark", "suspend", N_("Suspend / unsuspend"), key_display="!", id="suspend"),
        Binding("f", "flag", N_("Flag / unflag"), id="flag"),
        Binding("escape", "app.pop_screen", N_("Back"), id="back"),
    ]

    def __init__(self, term: Term) -> None:
        super().__init__()
        self.term = term

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="term"):
            yield RtlText(id="term-marks")
            yield Static(id="term-card")
            confusables = self.cx.library.confusables(self.term)
            if confusables:
                yield RtlText(Text(self.cx.tr("Not to be confused with (enter opens):"), style="bold dim"))
                with Container(id="term-links"):
                    for other in confusables:
                        yield Button(other.label, id=f"link-{other.id}", compact=True, classes="term-link")
            yield Static(id="term-history")
        yield KeyLine()

    def on_mount(self) -> None:
        self.history = self.cx.term_history(self.term.id)
        self.rtl_changed()

    def _marks(self) -> TermMarks:
        return self.cx.term_marks().get(self.term.id, TermMarks())

    def _show_marks(self) -> None:
        tr = self.cx.tr
        marks = self._marks()
        said = marks_label(marks, self.cx.clock.now(), tr)
        box = self.query_one("#term-marks", RtlText)
        box.text = Text("⚑ " + said, style="bold yellow") if said else Text("")
        box.display = bool(said)

    def action_suspend(self) -> None:
        """! here is the way back for a suspended term (and another way to suspend one)."""
        marks = self._marks()
        self.cx.set_term_marks(self.term.id, replace(marks, suspended=not marks.suspended))
        tr, label = self.cx.tr, tr_label(self.cx.tr, self.term)
        self.notify(
            tr("{term} is suspended: it leaves every queue.", term=label)
            if not marks.suspended
            else tr("{term} is back in your study queue.", term=label),
            timeout=3,
            markup=False,
        )
        self._show_marks()

    def action_flag(self) -> None:
        marks = self._marks()
        # Unflagging a leech takes the leech mark off too: the learner has dealt with it.
        after = replace(marks, flagged=not marks.flagged, leech=marks.leech and not marks.flagged)
        self.cx.set_term_marks(self.term.id, after)
        tr, label = self.cx.tr, tr_label(self.cx.tr, self.term)
        self.notify(
            tr("{term} is flagged: cxvocab prep --flagged drills it.", term=label) if after.flagged else tr("{term} is no longer flagged.", term=label),
            timeout=3,
            markup=False,
        )
        self._show_marks()

    def rtl_changed(self) -> None:
        card = term_card(self.term, self.cx.library, self.cx.rtl_mode, confusables=False, tr=self.cx.tr)
        self.query_one("#term-card", Static).update(card)
        self.query_one("#term-history", Static).update(History(self.history, self.cx.rtl_mode, self.cx.clock.tz, self.cx.tr))
        self._show_marks()

    def on_resize(self) -> None:
        self._place_links()

    def _place_links(self) -> None:
        """The links in as many columns as fit the width, so that none falls off the screen."""
        links = list(self.query(".term-link").results(Button))
        if not links:
            return
        room = self.query_one("#term").scrollable_content_region.width
        widest = max(cell_len(str(link.label)) for link in links) + LINK_GAP
        self.query_one("#term-links").styles.grid_size_columns = max(1, min(len(links), (room + LINK_GAP) // widest))

    def _history(self) -> Table | Text | Persian:
        """The history as it would be drawn at the screen's width now."""
        return history_table(
            self.history, self.query_one("#term-history", Static).content_region.width, self.cx.rtl_mode, self.cx.clock.tz, self.cx.tr
        )

    @on(Button.Pressed, ".term-link")
    def _open_link(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        other = self.cx.library.terms[event.button.id.removeprefix("link-")]
        self.app.push_screen(TermScreen(other))

    def action_play(self) -> None:
        self.cx.say(self.term.term, self.term.id)


LINK_GAP = 2  # cells between two links (the grid gutter of #term-links)


def tr_label(tr: Translator, term: Term) -> str:
    return tr.embed(term.label)


class History:
    """A Rich renderable: :func:`history_table` laid out at the width it is drawn at, so that
    it fits after every resize."""

    def __init__(self, rows: list[ReviewRow], mode: str, tz: tzinfo | None, tr: Translator = ENGLISH) -> None:
        self.rows, self.mode, self.tz, self.tr = rows, mode, tz, tr

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield history_table(self.rows, options.max_width, self.mode, self.tz, self.tr)
SHOWN_ANSWERS = 20


HISTORY_COLUMNS = {"When": N_("When"), "Card": N_("Card"), "Result": N_("Result"), "Mode": N_("Mode"), "Answer": N_("Answer")}
MODE_NAMES = {"study": N_("study"), "prep": N_("prep")}


def history_table(rows: list[ReviewRow], width: int, mode: str, tz: tzinfo | None, tr: Translator = ENGLISH) -> Table | Text | Persian:
    """The last answers to a term, newest last, fitted to ``width``: when, which card, right
    or wrong, study or prep, and what was typed or picked, shortened at a word boundary (and
    laid out right to left when it is Persian). Mode is left out first when room is short.
    In Persian the columns run from the right, their headings and words in Persian."""
    if not rows:
        return Persian(Text(tr("Not studied yet."), style="dim"), mode) if tr.rtl else Text(tr("Not studied yet."), style="dim")
    shown = rows[-SHOWN_ANSWERS:]
    if len(rows) == len(shown):
        title = tr("Your answers")
    else:
        title = tr("Your last {shown} answers (of {total})", shown=len(shown), total=len(rows))
    cells = [
        {
            "When": f"{tr.short_date(row.reviewed_at.astimezone(tz).date())} {tr.digits(f'{row.reviewed_at.astimezone(tz):%H:%M}')}",
            "Card": tr(KIND_NAMES[Kind(row.kind)]) if row.kind in KIND_NAMES else row.kind,
            "Result": tr("right") if row.correct else tr("wrong"),
            "Mode": tr(MODE_NAMES.get(row.mode, row.mode)),
            "Answer": " ".join((row.answer or "").split()),
        }
        for row in shown
    ]
    heads = {name: tr(label) for name, label in HISTORY_COLUMNS.items()}
    names = ["When", "Card", "Result", "Mode", "Answer"]
    if not any(c["Answer"] for c in cells):
        names.remove("Answer")
    widths = {name: max(cell_len(heads[name]), *(cell_len(c[name]) for c in cells)) for name in names}
    gap = 2

    def used() -> int:
        return sum(widths[n] for n in names if n != "Answer") + gap * (len(names) - 1)

    if "Answer" in names and width - used() < 16:
        names.remove("Mode")  # every row of a term screen is mostly study: the answer says more
    if "Answer" in names:
        widths["Answer"] = max(1, min(widths["Answer"], width - used()))
    order = list(reversed(names)) if tr.rtl else names
    table = Table(
        title=fit(title, width, mode) if tr.rtl else title, title_justify="right" if tr.rtl else "left",
        box=None, padding=(0, gap, 0, 0), header_style="bold dim", pad_edge=False,
    )
    justify = "right" if tr.rtl else "left"
    for name in order:
        table.add_column(fit(heads[name], widths[name], mode) if tr.rtl else heads[name], width=widths[name], no_wrap=True, overflow="crop", justify=justify)  # type: ignore[arg-type]
    for row, c in zip(shown, cells, strict=True):
        values = {
            name: Text(fit(c[name], widths[name], mode) if tr.rtl or name == "Answer" else c[name], justify="right" if has_rtl(c[name]) else "left")
            for name in names
        }
        values["Result"].stylize(RIGHT if row.correct else WRONG)
        table.add_row(*(values[n] for n in order))
    return table
