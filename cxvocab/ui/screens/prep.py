"""Meeting prep in the app: choose what to drill (``m`` on home), and the end of a drill:
the terms missed and the one-page sheet (term, Persian, one correct usage)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input, Label, SelectionList, Static

from cxvocab.i18n import N_, Msg
from cxvocab.palette import ALMOST, WRONG
from cxvocab.persian import to_latin_digits
from cxvocab.prep import FLAGGED, SHEET_COLUMNS, WEAKEST, PrepError, PrepRequest, PrepSummary, say_it_with
from cxvocab.rtl import Persian
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.screens.summary import duration
from cxvocab.ui.widgets.key_line import KeyLine
from cxvocab.ui.widgets.rtl_text import RtlText

FROM_HOME_MINUTES = 5


class PrepSetupScreen(CxScreen[PrepRequest | None]):
    """Pick topics and/or "my weakest terms", how many questions and how long; enter starts.
    Dismissed with the checked request (None: back)."""

    BINDINGS = [
        Binding("enter", "start", N_("Start"), id="prep-start", priority=True),
        Binding("escape", "cancel", N_("Back"), id="prep-cancel"),
    ]

    def compose(self) -> ComposeResult:
        library, tr, inline = self.cx.library, self.cx.tr, self.cx.tr_inline
        yield Header()
        with VerticalScroll(id="prep-setup"):
            yield RtlText(Text(tr("Meeting prep"), style="bold"))
            yield RtlText(Text(tr("Drill some terms, due or not. Your long-term schedule is not touched.")))
            options: list[tuple[str, str]] = [(inline(tr("My weakest terms")), WEAKEST)]
            if any(m.flagged or m.leech for m in self.cx.term_marks().values()):  # only once there are some
                options.append((inline(tr("My flagged terms")), FLAGGED))
            options += [(inline(tr.pick(group.title)), topic) for topic, group in library.topics.items()]
            yield SelectionList[str](*options, id="prep-topics")
            # The two boxes' labels padded to one width, so the boxes line up.
            labels = [tr("Questions"), tr("Minutes")]
            width = max(cell_len(x) for x in labels) + 1

            def padded(label: str) -> str:
                pad = " " * (width - cell_len(label))
                return pad + inline(label) if tr.rtl else inline(label) + pad
            # In Persian each row runs from the right: the label, its box, then the hint.
            rows = [
                [
                    Label(padded(labels[0])),
                    Input(id="prep-count", type="integer", compact=True),
                    Static(id="prep-count-hint", classes="prep-hint"),
                ],
                [
                    Label(padded(labels[1])),
                    Input(str(FROM_HOME_MINUTES), id="prep-minutes", type="number", compact=True),
                    Static(Text(inline(tr("empty: no time limit")), style="dim"), classes="prep-hint"),
                ],
            ]
            for row in rows:
                with Horizontal(classes="prep-field rtl" if tr.rtl else "prep-field"):
                    yield from reversed(row) if tr.rtl else row
            yield RtlText(Text(tr("space  pick or unpick a topic      tab  the next field"), style="dim"))
        yield KeyLine()

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()
        self._count_hint()

    def _chosen(self) -> tuple[list[str], bool, bool]:
        chosen = self.query_one(SelectionList).selected
        return [c for c in chosen if c not in (WEAKEST, FLAGGED)], WEAKEST in chosen, FLAGGED in chosen

    @on(SelectionList.SelectedChanged)
    def _count_hint(self) -> None:
        """How many questions an empty Questions box means, for what is picked now."""
        topics, weakest, flagged = self._chosen()
        tr = self.cx.tr
        hint = tr("empty: each chosen term once")
        if topics or weakest or flagged:
            try:
                terms = len(self.cx.prep_request(topics, weakest=weakest, flagged=flagged).term_ids)
            except PrepError:
                pass
            else:
                hint += " " + tr.n("({n} term)", "({n} terms)", terms)
        self.query_one("#prep-count-hint", Static).update(Text(self.cx.tr_inline(hint), style="dim"))

    def _number(self, field: str, kind: type[int] | type[float], label: str) -> int | float | None:
        typed = to_latin_digits(self.query_one(f"#{field}", Input).value.strip())
        if not typed:
            return None
        try:
            return kind(typed)
        except ValueError:
            raise PrepError(Msg("{label}: '{typed}' is not a number", label=self.cx.tr(label), typed=typed)) from None

    def action_start(self) -> None:
        topics, weakest, flagged = self._chosen()
        if not (topics or weakest or flagged):
            self.notify(self.cx.tr("Pick a topic (or your weakest terms) with space first."), timeout=3)
            return
        try:
            count = self._number("prep-count", int, N_("Questions"))
            minutes = self._number("prep-minutes", float, N_("Minutes"))
            request = self.cx.prep_request(
                topics, weakest=weakest, flagged=flagged, count=None if count is None else int(count), minutes=minutes
            )
        except PrepError as exc:
            message = self.cx.tr(exc.args[0])
            self.notify(message[:1].upper() + message[1:] + ".", severity="warning", timeout=5, markup=False)
            return
        self.dismiss(request)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PrepSummaryScreen(CxScreen[None]):
    """The end of a drill: how it went, what was missed, and the sheet."""

    BINDINGS = [
        Binding("enter", "done", N_("Done"), id="done", priority=True),
        Binding("escape", "done", N_("Done"), show=False),
        Binding("q", "app.quit", N_("Quit"), id="quit"),
    ]

    def __init__(self, summary: PrepSummary, title: str) -> None:
        super().__init__()
        self.summary = summary
        self.title_text = title

    def compose(self) -> ComposeResult:
        s, tr = self.summary, self.cx.tr
        gap = " · " if tr.rtl else "   "  # runs of spaces fold in a Persian line
        head = tr("Time is up.") if s.ran_out_of_time else tr("Drill finished.")
        if s.answered == 0:
            numbers = Text.assemble(
                (tr("Nothing answered.") + "  ", "bold"),
                (tr("Here are the drill's terms to read before the meeting."), ""),
            )
        else:
            numbers = Text.assemble(
                (f"{head}  ", "bold"),
                (tr("answered") + " ", "dim"),
                (tr.num(s.answered), "bold"),
                (gap + tr("terms missed") + " ", "dim"),
                (tr.num(len(s.missed)), "bold"),
                (gap + tr("time") + " ", "dim"),
                (duration(s.elapsed.total_seconds(), tr), "bold"),
            )
        mode = self.cx.rtl_mode
        sheet = Table(
            title=self.cx.tr_inline(self.title_text), expand=True, show_lines=False, title_justify="right" if tr.rtl else "left"
        )
        # In Persian the columns run from the right: the term first, at the right end.
        columns = [
            (SHEET_COLUMNS[0], dict(style="bold", ratio=2)),
            (SHEET_COLUMNS[1], dict(justify="right", ratio=2)),
            (SHEET_COLUMNS[2], dict(ratio=4)),
            (SHEET_COLUMNS[3], dict(ratio=3)),
        ]
        for heading, options in reversed(columns) if tr.rtl else columns:
            sheet.add_column(self.cx.tr_inline(tr(heading)), **options)  # type: ignore[arg-type]
        missed = {t.id for t in s.missed}
        for term in s.terms:
            label = Text(("✗ " if term.id in missed else "") + term.label, style=WRONG if term.id in missed else "")
            sentence = next((u.sentence for u in term.usage if u.correct), term.examples[0].en)
            # In Persian the gap words go without their kind's name: a Persian word inside this
            # left-to-right cell would need laying out of its own.
            with_it = Text("; ".join(say_it_with(term, tr=tr, labels=not tr.rtl)))
            if term.family:
                with_it.append("\n" + ", ".join(f.form for f in term.family), style="dim")
            cells = [label, Persian(term.fa, mode), Text(sentence), with_it]  # Persian wrapped in reading order
            sheet.add_row(*(reversed(cells) if tr.rtl else cells))
        yield Header()
        with VerticalScroll(id="summary"):
            yield RtlText(numbers, id="summary-title")
            if s.missed:
                yield RtlText(Text(tr("To look at again:") + " " + tr.embed(", ".join(t.label for t in s.missed)), style=ALMOST))
            yield Static(sheet, id="prep-sheet")
            yield RtlText(Text(tr("enter  done      q  quit      the same sheet as Markdown: cxvocab prep --sheet --topic ..."), style="dim"))
        yield KeyLine()

    def action_done(self) -> None:
        if self.cx.prep_only:
            self.app.exit()
        else:
            self.app.pop_screen()
