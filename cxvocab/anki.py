"""Export to Anki (``cxvocab export anki``), for studying on a phone with AnkiDroid or AnkiMobile.

Each term is one note with two cards, English -> Persian and Persian -> English; each usage
sentence is one note of its own (sentence -> verdict and why). Persian fields are set
right-to-left (``dir="rtl"``). Note ids come from the term ids, so exporting again and
importing updates the notes instead of adding copies. Audio is attached where a clip exists
or can be made (the app's own cache and engines).
"""

from __future__ import annotations

import html
import shutil
import tempfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cxvocab.audio import AudioError, Voices
from cxvocab.content import Library
from cxvocab.kinds import Kind
from cxvocab.outputs import write_atomically
from cxvocab.records import TermMarks
from cxvocab.terms import Term

# Fixed ids: Anki matches note types and decks by id, so they must not change between exports.
TERM_MODEL_ID = 1_607_392_311
USAGE_MODEL_ID = 1_607_392_312
DECK_ROOT = "cxvocab"

CSS = """
.card { font-family: -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 20px; text-align: center; }
.term { font-size: 28px; font-weight: bold; }
.ipa { color: #666; }
.fa { direction: rtl; unicode-bidi: isolate; font-family: Vazirmatn, "Noto Naskh Arabic", Tahoma, sans-serif; }
.why { text-align: left; }
.why .fa { text-align: right; }
.right { color: #2e7d32; } .wrong { color: #c62828; }
.mistake { color: #666; font-size: 16px; }
"""

TERM_FIELDS = ["Id", "Term", "Persian", "IPA", "DefinitionEn", "DefinitionFa", "Example", "ExampleFa", "Audio", "Collocations"]
USAGE_FIELDS = ["Id", "Sentence", "Verdict", "WhyEn", "WhyFa", "Term"]


def _deck_id(name: str) -> int:
    return 1_000_000_000 + zlib.crc32(name.encode()) % 1_000_000_000


@dataclass
class ExportReport:
    terms: int
    usage_notes: int
    audio: int
    audio_failed: int

    def line(self, out: Path) -> str:
        """What ``cxvocab export anki`` says it wrote."""
        failed = f", {self.audio_failed} without audio" if self.audio_failed else ""
        return f"{out}: {self.terms} term(s), {self.usage_notes} usage note(s), {self.audio} audio clip(s){failed}"


def _tags(marks: TermMarks | None) -> list[str]:
    """Anki's own tags for what the learner marked: ``leech`` (as Anki tags its leeches) and
    ``marked`` (Anki's flag-like tag of a note)."""
    if marks is None:
        return []
    return [*(["leech"] if marks.leech else []), *(["marked"] if marks.flagged else [])]


def _fa(text: str) -> str:
    return f'<div class="fa" dir="rtl">{html.escape(text)}</div>'


def export(
    library: Library,
    out: Path,
    *,
    topics: Sequence[str] = (),
    voices: Voices | None = None,
    accent: str = "us",
    timestamp: float | None = None,
    marks: Mapping[str, TermMarks] | None = None,
) -> ExportReport:
    """Write an .apkg of the loaded terms (of ``topics`` if given) to ``out``.

    ``timestamp`` (default: now) stamps the notes; Anki updates a note on import only when its
    stamp differs from the one it has, so two exports need different stamps. ``marks``: the
    learner's marks on terms, carried over as Anki has them (a suspended term's cards
    suspended; tags ``leech`` and ``marked`` for a leech and a flagged term). Raises
    :class:`cxvocab.outputs.OutputError` if ``out`` cannot be written (nothing is left behind)."""
    import genanki  # imported on use: start-up stays light

    term_model = genanki.Model(
        TERM_MODEL_ID,
        "cxvocab term",
        fields=[{"name": f} for f in TERM_FIELDS],
        templates=[
            {
                "name": "English -> Persian",
                "qfmt": '<div class="term">{{Term}}</div><div class="ipa">{{IPA}}</div>{{Audio}}',
                "afmt": "{{FrontSide}}<hr id=answer>{{Persian}}<p>{{DefinitionEn}}</p>{{DefinitionFa}}"
                "<p><i>{{Example}}</i></p>{{ExampleFa}}{{Collocations}}",
            },
            {
                "name": "Persian -> English",
                "qfmt": "{{Persian}}{{DefinitionFa}}",
                "afmt": '{{FrontSide}}<hr id=answer><div class="term">{{Term}}</div><div class="ipa">{{IPA}}</div>'
                "{{Audio}}<p>{{DefinitionEn}}</p>{{Collocations}}",
            },
        ],
        css=CSS,
    )
    usage_model = genanki.Model(
        USAGE_MODEL_ID,
        "cxvocab usage",
        fields=[{"name": f} for f in USAGE_FIELDS],
        templates=[
            {
                "name": "Is this sentence correct?",
                # The front does not name the term: a calque stands instead of it, and would give
                # the answer away.
                "qfmt": "<p>Is this sentence correct?</p><p>{{Sentence}}</p>",
                "afmt": '{{FrontSide}}<hr id=answer>{{Verdict}}<div class="term">{{Term}}</div>'
                '<div class="why"><p>{{WhyEn}}</p>{{WhyFa}}</div>',
            }
        ],
        css=CSS,
    )
    chosen = [t for t in library.topics if not topics or t in topics]
    decks: dict[str, genanki.Deck] = {}
    media: list[Path] = []
    report = ExportReport(0, 0, 0, 0)
    with tempfile.TemporaryDirectory() as folder:
        for topic in chosen:
            group = library.topics[topic]
            name = f"{DECK_ROOT}::{group.title.en}"
            deck = decks.setdefault(topic, genanki.Deck(_deck_id(f"{DECK_ROOT}/{topic}"), name))
            for term_id in group.term_ids:
                term = library.terms[term_id]
                sound = _audio(term, voices, accent, Path(folder), media, report)
                marked = (marks or {}).get(term.id)
                note = genanki.Note(
                    model=term_model,
                    fields=_term_fields(term, sound),
                    guid=genanki.guid_for(DECK_ROOT, term.id),
                    tags=_tags(marked),
                )
                if marked is not None and marked.suspended:
                    for card in note.cards:
                        card.suspend = True
                deck.add_note(note)
                report.terms += 1
                for index, usage in enumerate(term.usage):
                    verdict = (
                        '<b class="right">✓ Correct</b>' if usage.correct else '<b class="wrong">✗ Incorrect</b>'
                    )
                    if usage.kind:  # in the verdict, so the note type keeps its fields across exports
                        said = usage.kind.said
                        verdict += f'<div class="mistake">{html.escape(said.en)}</div>' + _fa(said.fa)
                    deck.add_note(
                        genanki.Note(
                            model=usage_model,
                            fields=[
                                html.escape(f"{term.id}/{index}"),
                                html.escape(usage.sentence),
                                verdict,
                                html.escape(usage.why.en),
                                _fa(usage.why.fa),
                                html.escape(term.label),
                            ],
                            guid=genanki.guid_for(DECK_ROOT, term.id, Kind.USAGE.value, index),
                        )
                    )
                    report.usage_notes += 1
        package = genanki.Package(list(decks.values()), media_files=[str(p) for p in media])
        # Whole or not at all; a bad path is an OutputError in plain words, nothing left behind.
        write_atomically(out, lambda part: package.write_to_file(str(part), timestamp=timestamp))
    return report


def _term_fields(term: Term, sound: str) -> list[str]:
    example = term.examples[0]
    return [
        html.escape(term.id),
        html.escape(term.label),
        _fa(term.fa),
        html.escape(f"US {term.ipa.us} · UK {term.ipa.uk}"),
        html.escape(term.definition.en),
        _fa(term.definition.fa),
        html.escape(example.en),
        _fa(example.fa),
        sound,
        _with_it(term),
    ]


def _with_it(term: Term) -> str:
    """How to use the word, for the back of its cards: the words that go with it, its other
    forms and one gap item filled in. (The field keeps its first name, Collocations: renaming
    a field would make Anki treat the note type as a new one.)"""
    parts = []
    if term.collocations:
        parts.append(f"<p><b>Say it with:</b> {html.escape(', '.join(term.collocations))}</p>")
    if term.family:
        parts.append(f"<p><b>Word family:</b> {html.escape(term.forms)}</p>")
    if term.gaps:
        gap = term.gaps[0]
        before, word, after = gap.filled()
        parts.append(
            f'<div class="why"><p>{html.escape(before)}<b>{html.escape(word)}</b>{html.escape(after)}'
            f' <span class="mistake">(not {html.escape(", ".join(gap.wrong))})</span></p>'
            f"<p>{html.escape(gap.why.en)}</p>{_fa(gap.why.fa)}</div>"
        )
    return "".join(parts)


def _audio(term: Term, voices: Voices | None, accent: str, folder: Path, media: list[Path], report: ExportReport) -> str:
    """The term's clip copied under a stable media name, and its [sound:] tag ("" if none)."""
    if voices is None:
        return ""
    try:
        clip = voices.clip(term.term, accent, term.id)
    except AudioError:
        report.audio_failed += 1
        return ""
    name = f"cxvocab-{term.id}-{accent}{clip.path.suffix}"
    shutil.copyfile(clip.path, folder / name)
    media.append(folder / name)
    report.audio += 1
    return f"[sound:{name}]"
