"""One term as Rich text, for ``cxvocab show`` (no Textual here).

All content goes in as :class:`rich.text.Text`, never as markup, so a term file cannot style
or move the terminal. Persian paragraphs go through :class:`cxvocab.rtl.Persian`, as in the
app, so they read correctly in either display mode.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from cxvocab.content import Library
from cxvocab.rtl import Persian
from cxvocab.terms import Term


def _heading(label: str) -> Text:
    return Text(label, style="bold dim")


def term_card(term: Term, library: Library, mode: str = "visual") -> RenderableType:
    """Everything about a term, top to bottom, as a learner reads it; Persian in ``mode``."""

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
        mark = Text("✓ " if usage.correct else "✗ ", style="green" if usage.correct else "red")
        parts.append(Text.assemble(mark, usage.sentence))
        parts.append(Padding(Text(usage.why.en, style="dim"), (0, 0, 0, 2)))
        parts.append(_fa(usage.why.fa))
    confusables = library.confusables(term)
    if confusables:
        parts.append(Text())
        parts.append(Text.assemble(("Not to be confused with: ", "bold dim"), ", ".join(t.label for t in confusables)))
    if term.collocations:
        parts.append(Text.assemble(("Collocations: ", "bold dim"), ", ".join(term.collocations)))
    return Group(*parts)
