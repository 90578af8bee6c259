"""The app-graded cards: usage (y/n), recall (type the term), choice and gap (1-4), and the
feedback shown after an answer. They draw; the screen decides and calls the core."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from cxvocab.i18n import N_, Msg, Translator
from cxvocab.palette import ALMOST, RIGHT, WRONG
from cxvocab.quiz import ChoiceQuestion, GapQuestion, Grade, UsageQuestion, recall_prompt
from cxvocab.rating import Rating
from cxvocab.terms import Term
from cxvocab.ui.widgets.persian_input import PersianInput
from cxvocab.ui.widgets.rtl_text import RtlText, app_mode, app_tr


def label(tr: Translator, text: str, style: str = "") -> Text:
    """An interface line in the interface's language, for an :class:`RtlText`."""
    return Text(tr(text), style=style)


class Heading(RtlText):
    """A card's question ("Is this sentence correct?"), in the interface's language, set when
    mounted (the widget has no language of its own before it is in the app)."""

    def __init__(self, text: str, *, id: str | None = None, style: str = "") -> None:
        super().__init__(id=id, classes="section")
        self.english = text
        self.style = style

    def on_mount(self) -> None:
        super().on_mount()
        self.text = label(app_tr(self), self.english, self.style)


SPELLING, YOU_TYPED, THE_ANSWER = N_("Spelling:"), N_("You typed:"), N_("The answer:")
TYPE_THE_TERM = N_("type the English term, then enter")


def app_inline(widget: object, text: str) -> str:
    """A label inside a left-to-right line or box, laid out for the terminal when it is Persian."""
    from cxvocab.rtl import isolate

    return isolate(text, app_mode(widget)) if app_tr(widget).rtl else text  # type: ignore[arg-type]


def highlighted(sentence: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """The sentence with the term in bold (as plain Text: content is never markup)."""
    text = Text(sentence)
    for start, end in spans:
        text.stylize("bold underline", start, end)
    return text


class Feedback(Vertical):
    """The verdict on an answer, why, in English and Persian, and the right term."""

    def compose(self) -> ComposeResult:
        yield RtlText(id="verdict")
        yield Static(id="mistake")
        yield RtlText(id="mistake-fa")
        yield Static(id="diff")
        yield Static(id="why-en")
        yield RtlText(id="why-fa")
        yield RtlText(id="named")

    def show(self, grade: Grade, *, why_fa: str = "", diff_label: str = "") -> None:
        tr = app_tr(self)
        style = f"bold {RIGHT if grade.rating >= Rating.GOOD else ALMOST if grade.correct else WRONG}"
        mark = "✓ " if grade.correct else "✗ "
        self.query_one("#verdict", RtlText).text = Text(mark + tr(grade.verdict), style=style)
        mistake, mistake_fa = self.query_one("#mistake", Static), self.query_one("#mistake-fa", RtlText)
        if grade.mistake:
            kind = grade.mistake
            mistake.update(Text.assemble(("Kind of mistake: ", "dim"), (kind.name.en, "bold"), f" — {kind.gloss.en}"))
            mistake_fa.text = f"نوع خطا: {kind.name.fa} — {kind.gloss.fa}"
        # The Persian interface names the kind of mistake in Persian only.
        mistake.display = grade.mistake is not None and not tr.rtl
        mistake_fa.display = grade.mistake is not None
        diff = self.query_one("#diff", Static)
        if grade.diff and grade.rating < Rating.GOOD:
            # Two clean lines: the answer (letters the learner missed marked) and what they
            # typed (letters that should not be there marked). The labels are padded to one
            # width, so the letters line up; in Persian they are isolated at the line's start.
            # In Persian each label stands after its line instead, at the right, the colon
            # pointing back at the English (the letters still line up at the left).
            labels = [diff_label or tr(SPELLING), tr(YOU_TYPED)]
            expected, typed = Text(), Text()
            for tag, part in grade.diff:
                if tag != "wrong":
                    expected.append(part, style=f"bold {RIGHT}" if tag == "same" else f"bold {ALMOST} reverse")
                if tag != "missing":
                    typed.append(part, style="" if tag == "same" else f"bold {WRONG} reverse")
            lines = [expected, typed]
            if tr.rtl:
                width = max(cell_len(x.plain) for x in lines) + 3
                for line, name in zip(lines, labels, strict=True):
                    line.append(" " * (width - cell_len(line.plain)) + app_inline(self, name), style="dim")
            else:
                width = max(cell_len(x) for x in labels) + 1
                lines = [Text.assemble((name + " " * (width - cell_len(name)), "dim"), line) for line, name in zip(lines, labels, strict=True)]
            diff.update(Text("\n").join(lines))
        diff.display = bool(grade.diff) and grade.rating < Rating.GOOD
        why = self.query_one("#why-en", Static)
        explanation = grade.explanation
        if tr.rtl and isinstance(explanation, Msg):  # worded here (not content): said in Persian
            why.update(Text(""))
            why_fa = "\n".join(x for x in (tr(explanation), why_fa) if x)
            explanation = ""
        else:
            why.update(Text(explanation))
        why.display = bool(explanation)
        fa = self.query_one("#why-fa", RtlText)
        fa.text = why_fa
        fa.display = bool(why_fa)
        named = self.query_one("#named", RtlText)
        if grade.named:
            right = ", ".join(t.label for t in grade.named)
            named.text = Text.assemble((tr("The right term:") + " ", "dim"), (tr.embed(right), "bold"))
        named.display = bool(grade.named) and not grade.correct
        self.display = True


class UsageCard(VerticalScroll):
    """One sentence: is the term used correctly in it?"""

    def compose(self) -> ComposeResult:
        yield Heading(N_("Is this sentence correct?"))
        yield Static(id="usage-sentence")
        yield RtlText(id="usage-term")
        yield Heading(N_("y  yes, correct      n  no, incorrect"), id="usage-keys", style="dim")
        yield Feedback(id="usage-feedback")

    def show(self, question: UsageQuestion) -> None:
        # Plain until answered: the term in bold would mark a sentence without it (a calque
        # written instead of the term) as the wrong one.
        self.query_one("#usage-sentence", Static).update(Text(question.usage.sentence))
        self.query_one("#usage-term").display = False
        self.query_one("#usage-keys").display = True
        self.query_one(Feedback).display = False
        self.scroll_home(animate=False)

    def show_grade(self, question: UsageQuestion, grade: Grade) -> None:
        self.query_one("#usage-sentence", Static).update(highlighted(question.usage.sentence, question.spans))
        term = self.query_one("#usage-term", RtlText)
        tr = app_tr(self)
        term.text = Text.assemble((tr("The term:") + " ", "dim"), (tr.embed(question.term.label), "bold"))
        term.display = True
        self.query_one("#usage-keys").display = False
        self.query_one(Feedback).show(grade, why_fa=question.usage.why.fa)


class RecallCard(VerticalScroll):
    """The Persian term and definition; the learner types the English term."""

    def compose(self) -> ComposeResult:
        yield Heading(N_("Which English term is this?"))
        yield RtlText(id="recall-fa")
        yield RtlText(id="recall-definition")
        yield PersianInput(id="recall-answer")
        yield Feedback(id="recall-feedback")

    def show(self, term: Term) -> None:
        fa, definition = recall_prompt(term)  # the answer blanked wherever the text shows it
        self.query_one("#recall-fa", RtlText).text = fa
        self.query_one("#recall-definition", RtlText).text = definition
        self.new_answer()

    def on_mount(self) -> None:
        self.query_one(PersianInput).placeholder = app_inline(self, app_tr(self)(TYPE_THE_TERM))

    def new_answer(self) -> None:
        """An empty, focused answer box, and no feedback yet."""
        box = self.query_one(PersianInput)
        box.value = ""
        box.disabled = False
        self.query_one(Feedback).display = False
        self.scroll_home(animate=False)
        box.focus()

    def show_grade(self, term: Term, grade: Grade) -> None:
        self.query_one(PersianInput).disabled = True
        tr = app_tr(self)
        label = tr(THE_ANSWER) if grade.rating == Rating.AGAIN else tr(SPELLING)
        feedback = self.query_one(Feedback)
        feedback.show(grade, diff_label=label)
        if grade.rating == Rating.AGAIN and not grade.diff:
            answer = app_inline(self, tr(THE_ANSWER))
            said = [(term.label, "bold"), ("   " + answer, "dim")] if tr.rtl else [(answer + " ", "dim"), (term.label, "bold")]
            feedback.query_one("#diff", Static).update(Text.assemble(*said))
            feedback.query_one("#diff").display = True


class ChoiceCard(VerticalScroll):
    """A definition or a sentence with a blank, and four terms to choose from."""

    def compose(self) -> ComposeResult:
        yield RtlText(id="choice-title", classes="section")
        yield Static(id="choice-prompt")
        yield Static(id="choice-options")
        yield Feedback(id="choice-feedback")

    def show(self, question: ChoiceQuestion) -> None:
        tr = app_tr(self)
        title = tr("Which term fits the blank?") if question.prompt_kind == "sentence" else tr("Which term is this?")
        self.query_one("#choice-title", RtlText).text = Text(title)
        self.query_one("#choice-prompt", Static).update(Text(question.prompt))
        self._options(question, None)
        self.query_one(Feedback).display = False
        self.scroll_home(animate=False)

    def show_grade(self, question: ChoiceQuestion, picked: int, grade: Grade) -> None:
        self._options(question, picked)
        self.query_one(Feedback).show(grade)

    def _options(self, question: ChoiceQuestion, picked: int | None) -> None:
        labels = [term.label for term in question.options]
        self.query_one("#choice-options", Static).update(numbered(labels, question.answer, picked))


def numbered(options: list[str], answer: int, picked: int | None) -> Text:
    """Options 1-4, one a line; once answered, the right one marked and a wrong pick struck."""
    lines = Text()
    for index, option in enumerate(options):
        style = ""
        if picked is not None and index == answer:
            style = f"bold {RIGHT}"
        elif picked is not None and index == picked:
            style = f"{WRONG} strike"
        lines.append(f"  {index + 1}  ", style="bold")  # the key pressed: a Latin digit on any keyboard
        lines.append(option, style=style)
        lines.append("\n")
    lines.rstrip()
    return lines


class GapCard(VerticalScroll):
    """A sentence with the word that goes with the term left out, and the words to pick from."""

    def compose(self) -> ComposeResult:
        yield Heading(N_("Which word goes in the blank?"))
        yield Static(id="gap-sentence")
        yield Static(id="gap-options")
        yield Feedback(id="gap-feedback")

    def show(self, question: GapQuestion) -> None:
        self.query_one("#gap-sentence", Static).update(Text(question.gap.sentence))
        self.query_one("#gap-options", Static).update(numbered(list(question.options), question.answer, None))
        self.query_one(Feedback).display = False
        self.scroll_home(animate=False)

    def show_grade(self, question: GapQuestion, picked: int, grade: Grade) -> None:
        before, word, after = question.gap.filled()
        self.query_one("#gap-sentence", Static).update(Text.assemble(before, (word, f"bold underline {RIGHT}"), after))
        self.query_one("#gap-options", Static).update(numbered(list(question.options), question.answer, picked))
        self.query_one(Feedback).show(grade, why_fa=question.gap.why.fa)


class ListeningCard(RecallCard):
    """Audio only: the term plays by itself; the learner types what they heard."""

    def compose(self) -> ComposeResult:
        yield Heading(N_("Listen, then type the term you hear."))
        yield Heading(N_("ctrl+r  play it again"), id="listening-keys", style="dim")
        yield PersianInput(id="listening-answer")
        yield Feedback(id="listening-feedback")

    def show(self, term: Term) -> None:
        self.new_answer()  # the term itself is only heard
