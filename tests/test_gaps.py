"""Word families and gap items (DESIGN §4): the format, its checks, the gap question and its
grading, in study and in prep."""

from __future__ import annotations

from datetime import timedelta
from random import Random

import pytest

from cxvocab import quickparse
from cxvocab.content import load_library, parse_file
from cxvocab.kinds import Kind
from cxvocab.lint import check_paths
from cxvocab.prep import PrepError, PrepSession, plan
from cxvocab.quiz import gap_question, grade_gap
from cxvocab.rating import Rating
from cxvocab.session import StudySession
from cxvocab.terms import FamilyForm
from tests.conftest import DATA, NOW, write

GOOD = (DATA / "good.yaml").read_text(encoding="utf-8")
FAMILY_AND_GAPS = """    family:
      - {form: touch, pos: verb, fa: لمس کردن}
    gaps:
      - sentence: Checkout is the touchpoint where we ___ the most complaints.
        answer: receive
        wrong: [take, eat]
        kind: collocation
        why:
          en: We receive (or get) complaints. "Take" and "eat" are Persian verbs said in English.
          fa: در انگلیسی شکایت را receive می‌کنند.
      - sentence: Customers are satisfied ___ every touchpoint of the new app.
        answer: with
        wrong: [from, of]
        kind: preposition
        why:
          en: Satisfied with something; "from" and "of" come from Persian از.
          fa: در انگلیسی satisfied with می‌گویند، نه from.
"""
GAPPED = GOOD.replace("    confusables: [pain-point]\n", FAMILY_AND_GAPS + "    confusables: [pain-point]\n", 1)


def gapped(tmp_path, text: str = GAPPED):
    return write(tmp_path / "gapped.yaml", text)


def test_family_and_gaps_load_the_same_by_both_readers(tmp_path):
    path = gapped(tmp_path)
    fast = quickparse.parse(GAPPED.encode())
    assert fast is not None  # the fast reader takes the file, not the reference one
    reference = parse_file(path)
    assert not reference.problems
    fast_terms = {t.id: t for t, _ in fast[2]}
    (touchpoint,) = [t for t, _ in reference.terms if t.id == "touchpoint"]
    assert fast_terms["touchpoint"] == touchpoint
    assert touchpoint.family == [FamilyForm("touch", "verb", "لمس کردن")]
    assert [g.kind for g in touchpoint.gaps] == ["collocation", "preposition"]
    assert touchpoint.gaps[1].filled() == ("Customers are satisfied ", "with", " every touchpoint of the new app.")
    # A term that says nothing of either: no family known, no gaps.
    assert fast_terms["pain-point"].family is None and fast_terms["pain-point"].gaps == []


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("Checkout is the touchpoint where we ___ the most", "Checkout ___ is the touchpoint where we ___ the most",
         "gaps[0].sentence: a gap sentence needs exactly one ___ (three underscores) where the word goes; this one has 2"),
        ("wrong: [take, eat]", "wrong: [take, receive]",
         "gaps[0].wrong: the answer 'receive' is also among the wrong options: take it out of wrong"),
        ("wrong: [take, eat]", "wrong: [take, take]", "gaps[0].wrong: the same wrong option twice: each option once"),
        ("wrong: [take, eat]", "wrong: [take, eat, get, have]", "gaps[0].wrong: "),
        ("kind: preposition", "kind: grammar", "gaps[1].kind: "),
        ("answer: with", "answer: on", "gaps[1].answer: YAML read `on` as the value true, not text: put it in quotes, \"on\""),
    ],
)
def test_a_broken_gap_is_one_clear_error_naming_its_field(tmp_path, old, new, said):
    path = gapped(tmp_path, GAPPED.replace(old, new, 1))
    library = load_library([path])
    problems = [str(p) for p in library.errors]
    assert len(problems) == 1 and f": touchpoint: {said}" in problems[0], problems
    assert "pain-point" in library.terms  # the other terms still load


def test_a_gap_whose_why_skips_a_wrong_word_is_a_warning_and_a_teacher_needs_no_gaps(tmp_path):
    path = gapped(tmp_path, GAPPED.replace('"Take" and "eat" are', '"Take" is'))
    warnings = [str(p) for p in check_paths([path]).warnings]
    assert any("touchpoint: gaps[0].why.en: warning: does not say why 'eat' is wrong" in w for w in warnings), warnings
    # A teacher's file: terms without family or gaps are simply never asked as gaps.
    assert not any("gap item" in w or "no family" in w for w in warnings)


def test_the_gap_question_shuffles_the_answer_among_the_wrong_words_and_grades_honestly(tmp_path):
    term = load_library([gapped(tmp_path)]).terms["touchpoint"]
    seen = set()
    for seed in range(20):
        question = gap_question(term, Random(seed))
        assert question is not None
        assert sorted(question.options) == sorted([question.gap.answer, *question.gap.wrong])
        assert question.options[question.answer] == question.gap.answer
        seen.add(question.answer)
        right = grade_gap(question, question.answer)
        assert (right.rating, right.correct, right.mistake) == (Rating.GOOD, True, None)
        wrong = grade_gap(question, (question.answer + 1) % len(question.options))
        assert (wrong.rating, wrong.correct) == (Rating.AGAIN, False)
        assert wrong.verdict.startswith(f"Not quite: English says {question.gap.answer!r}, not ")
        assert wrong.mistake is not None and wrong.mistake.name.en in ("collocation", "preposition")
    assert len(seen) > 1  # the answer is not always in the same place
    assert gap_question(load_library([DATA / "good.yaml"]).terms["touchpoint"], Random(1)) is None


def test_a_term_with_gaps_opens_a_gap_card_and_one_without_does_not(tmp_path, store, scheduling):
    library = load_library([gapped(tmp_path)])
    study = StudySession(store, library, scheduling, NOW, None, new_per_day=3)
    while study.current is not None and study.current.is_new:
        study.answer(Rating.GOOD, NOW)
    kinds = {(term_id, kind) for term_id, kind in store.conn.execute("select term_id, kind from cards")}
    assert ("touchpoint", "gap") in kinds
    assert [k for t, k in kinds if t == "pain-point" and k == "gap"] == []


def test_a_gap_card_next_day_is_graded_and_saved(tmp_path, store, scheduling):
    library = load_library([gapped(tmp_path)])
    study = StudySession(store, library, scheduling, NOW, None, new_per_day=1, kinds=(Kind.MEANING, Kind.GAP))
    assert study.current is not None and study.current.term.id == "pain-point"  # file order: no gaps
    study.answer(Rating.EASY, NOW)
    assert ("pain-point", "gap") not in {(t, k) for t, k in store.conn.execute("select term_id, kind from cards")}
    study = StudySession(store, library, scheduling, NOW, None, new_per_day=2, kinds=(Kind.MEANING, Kind.GAP))
    assert study.current is not None and study.current.term.id == "touchpoint"
    study.answer(Rating.EASY, NOW)  # a review card, days away: tomorrow only its gap card is due
    later = NOW + timedelta(days=1, hours=2)
    study = StudySession(store, library, scheduling, later, None, new_per_day=0, kinds=(Kind.MEANING, Kind.GAP))
    assert study.current is not None and study.current.kind == Kind.GAP and study.current.gap is not None
    question = study.show()
    assert question is not None and question.gap is not None
    wrong = (question.gap.answer + 1) % len(question.gap.options)
    grade = study.fill_gap(wrong + 1, later)
    assert grade is not None and grade.rating == Rating.AGAIN
    review = store.reviews()[-1]
    assert (review.kind, review.rating, review.correct, review.mode) == ("gap", 1, False, "study")
    assert review.answer == question.gap.options[wrong]
    assert store.card("touchpoint", "gap").state.last_review == later  # type: ignore[union-attr]


def test_prep_asks_gaps_of_the_terms_that_have_them_and_leaves_the_schedule_alone(tmp_path, store):
    library = load_library([gapped(tmp_path)])
    request = plan(library, store, kinds="gap")
    assert request.term_ids == ("touchpoint",)  # the only term with gap items
    drill = PrepSession(store, library, request.term_ids, NOW, kinds=request.kinds, count=2, seed=1)
    for _ in range(2):
        question = drill.show()
        assert question is not None and question.kind == Kind.GAP and question.gap is not None
        assert drill.fill_gap(question.gap.answer + 1, NOW) is not None
    assert [(r.kind, r.rating, r.mode) for r in store.reviews()] == [("gap", 3, "prep"), ("gap", 3, "prep")]
    assert store.count("cards") == 0  # the schedule is untouched
    with pytest.raises(PrepError, match="none of these terms has gap questions"):
        plan(load_library([DATA / "good.yaml"]), store, kinds="gap")
    # With other kinds too, a term without gaps is asked as those.
    mixed = PrepSession(store, library, list(library.terms), NOW, kinds=("gap", "usage"), count=6, seed=2)
    assert {(i.term_id, i.kind) for i in mixed.plan if i.kind == "gap"} <= {("touchpoint", "gap")}


def test_a_quoted_on_takes_the_fast_path_and_a_bare_one_the_reference_reader(tmp_path):
    """PyYAML reads a bare ``on`` as true, yaml-rs as text: the fast reader must step aside for
    it, and only for it (a preposition gap in quotes is text to both)."""
    quoted = GAPPED.replace("answer: with", 'answer: "on"').replace("wrong: [from, of]", "wrong: [in, 'at']")
    assert quickparse.parse(quoted.encode()) is not None
    for bare in (quoted.replace('answer: "on"', "answer: on"), quoted.replace("wrong: [in, 'at']", "wrong: [in, off]")):
        assert quickparse.parse(bare.encode()) is None
    assert quickparse.parse(GAPPED.replace("We receive (or get) complaints.", "Complaints go on, and on.").encode()) is not None


def test_the_anki_card_back_carries_the_family_and_one_gap(tmp_path):
    from cxvocab.anki import _term_fields

    term = load_library([gapped(tmp_path)]).terms["touchpoint"]
    back = _term_fields(term, "")[-1]
    assert "<b>Say it with:</b> a key touchpoint" in back and "<b>Word family:</b> touch (verb)" in back
    assert "Checkout is the touchpoint where we <b>receive</b> the most complaints." in back and "(not take, eat)" in back
    marked = load_library([gapped(tmp_path, GAPPED.replace("answer: receive", "answer: <i>receive</i>"))])
    assert "&lt;i&gt;receive" in _term_fields(marked.terms["touchpoint"], "")[-1]  # content is never markup


def test_browse_finds_a_term_by_another_form_of_its_word(tmp_path):
    from cxvocab.search import SearchIndex

    index = SearchIndex(load_library([gapped(tmp_path)]))
    assert [t.id for t in index.matches("touch", 5)][:1] == ["touchpoint"]
    assert [t.id for t in index.matches("لمس کردن", 5)] == ["touchpoint"]


def test_a_spreadsheet_carries_family_and_gaps(tmp_path):
    from cxvocab.authoring import import_csv
    from tests.test_authoring import ROW, csv_text

    row = {
        **ROW,
        "family_1_form": "resolve", "family_1_pos": "verb", "family_1_fa": "حل کردن",
        "gaps_1_sentence": "Our agents ___ most issues on the first call, which keeps FCR high.",
        "gaps_1_answer": "resolve", "gaps_1_wrong": "solve out; close up", "gaps_1_kind": "Collocation",
        "gaps_1_why_en": "Agents resolve issues; solve out and close up are not English.",
        "gaps_1_why_fa": "در انگلیسی مسئله را resolve می‌کنند.",
    }
    path = write(tmp_path / "class.csv", csv_text([row], columns=list(row)))
    result = import_csv(path)
    assert result.problems == [] and result.terms == 1, result.problems
    (term,) = load_library([write(tmp_path / "c" / "10-class.yaml", result.yaml_text)]).terms.values()
    assert term.family == [FamilyForm("resolve", "verb", "حل کردن")]
    assert (term.gaps[0].answer, term.gaps[0].wrong, term.gaps[0].kind) == ("resolve", ["solve out", "close up"], "collocation")
    broken = write(tmp_path / "broken.csv", csv_text([{**row, "gaps_1_wrong": "resolve"}], columns=list(row)))
    (problem,) = import_csv(broken).problems
    assert "row 2, column gaps_1_wrong: the answer 'resolve' is also among the wrong options" in problem
