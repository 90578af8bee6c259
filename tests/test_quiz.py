from __future__ import annotations

from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxvocab.content import Library, load_library
from cxvocab.paths import builtin_content_dir
from cxvocab.persian import normalize, persian_digits
from cxvocab.quiz import (
    AGAIN,
    BLANK,
    GOOD,
    HARD,
    AnswerKeys,
    answer_key,
    blank_out,
    choice_question,
    distractors,
    giveaway_spans,
    grade_choice,
    grade_typed,
    grade_usage,
    recall_prompt,
    term_spans,
    typos_allowed,
    usage_question,
)


@pytest.fixture(scope="module")
def content() -> Library:
    return load_library([builtin_content_dir()])


# The grading table of issue 5: what a typed answer earns.
@pytest.mark.parametrize(
    ("term_id", "typed", "rating", "verdict"),
    [
        # exact, after folding case, spacing, hyphens and British/American spelling
        ("touchpoint", "touchpoint", GOOD, "Right."),
        ("touchpoint", "Touch Point", GOOD, "Right."),
        ("touchpoint", "touch-point", GOOD, "Right."),
        ("pain-point", "painpoint", GOOD, "Right."),
        ("pain-point", "  PAIN   POINT ", GOOD, "Right."),
        ("personalization", "personalisation", GOOD, "Right."),
        ("customer-centric", "customer-centred", GOOD, "Right."),  # an English alias
        ("contact-center", "contact centre", GOOD, "Right."),
        ("loyalty-program", "loyalty programme", GOOD, "Right."),
        ("customer-journey", "the customer journey", GOOD, "Right."),  # a leading article
        # abbreviations, typed on any keyboard
        ("net-promoter-score", "NPS", GOOD, "Right."),
        ("net-promoter-score", "nps", GOOD, "Right."),
        ("business-to-business", "B2B", GOOD, "Right."),
        ("business-to-business", "B۲B", GOOD, "Right."),  # Persian digit from a Persian keyboard
        ("customer-effort-score", "CES", GOOD, "Right."),
        # one typo in an ordinary term, two in a long one: Hard, spelling shown
        ("touchpoint", "touchpiont", HARD, "Almost: one typo."),  # swapped letters count once
        ("omnichannel", "omnichanel", HARD, "Almost: one typo."),
        ("customer-journey", "custmer journy", HARD, "Almost: 2 typos."),
        ("customer-relationship-management", "customer relationship managment", HARD, "Almost: one typo."),
        # beyond that, or any typo in a short word or abbreviation: Again
        ("touchpoint", "tuchpiont", AGAIN, "Not quite."),
        ("empathy", "empaty", HARD, "Almost: one typo."),
        ("lead", "laed", AGAIN, "Not quite."),
        ("customer-effort-score", "CSE", AGAIN, "Not quite."),
        ("customer-effort-score", "", AGAIN, "No answer."),
        # another term's name is a confusion, never a typo
        ("customer-effort-score", "CSAT", AGAIN, "That is customer satisfaction score (CSAT)."),
        ("cross-selling", "upselling", AGAIN, "That is upselling."),
        ("customer-experience", "UX", AGAIN, "That is user experience (UX)."),
    ],
)
def test_grade_typed(content, term_id, typed, rating, verdict):
    grade = grade_typed(typed, content.terms[term_id], AnswerKeys(content))
    assert (grade.rating, grade.verdict) == (rating, verdict)
    assert grade.correct is (rating != AGAIN)


def test_a_typo_shows_the_spelling_and_a_diff(content):
    grade = grade_typed("touchpiont", content.terms["touchpoint"], AnswerKeys(content))
    assert grade.expected == "touchpoint"
    assert "".join(text for tag, text in grade.diff if tag != "wrong") == "touchpoint"
    assert any(tag == "missing" for tag, _ in grade.diff)


def test_a_wrong_answer_names_the_answer(content):
    grade = grade_typed("journey map", content.terms["touchpoint"], AnswerKeys(content))
    assert grade.rating == AGAIN and grade.expected == "touchpoint"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Customer-Centred", "customercenterd"), ("personalised", "personalized"), ("The Journey", "journey")],
)
def test_answer_key(text, expected):
    assert answer_key(text) == expected


@pytest.mark.parametrize(
    ("expected", "allowed"), [("CES", 0), ("lead", 0), ("empathy", 1), ("touchpoint", 1), ("customer journey", 2)]
)
def test_typos_allowed(expected, allowed):
    assert typos_allowed(expected) == allowed


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("كيفيت", "کیفیت"),  # Arabic yeh and kaf
        ("می‌کنم", "میکنم"),
        ("می کنم", "میکنم"),
        ("کانال ها", "کانالها"),
        ("نقطه تماس", "نقطه تماس"),  # a real word break stays
        ("۴۰ درصد", "40 درصد"),
        ("٤٠", "40"),
        ("معمولاً", "معمولا"),
    ],
)
def test_persian_input_is_normalised(typed, key):
    assert normalize(typed) == key


def test_persian_digits():
    assert persian_digits("NPS 40") == "NPS ۴۰"


def test_term_spans_and_blanks(content):
    csat = content.terms["customer-satisfaction-score"]
    sentence = "We send a CSAT survey after each chat, and CSATs go to the board."
    assert [sentence[s:e] for s, e in term_spans(sentence, csat)] == ["CSAT", "CSATs"]
    assert blank_out(sentence, csat) == f"We send a {BLANK} survey after each chat, and {BLANK} go to the board."
    journey = content.terms["customer-journey"]
    possessive = "Map the customer's journeys."
    assert [possessive[s:e] for s, e in term_spans(possessive, journey)] == ["customer's journeys"]
    assert term_spans("Map the Customer Journeys.", journey) == [(8, 25)]


def test_usage_verdicts_and_right_term(content):
    csat = content.terms["customer-satisfaction-score"]
    wrong = next(i for i, u in enumerate(csat.usage) if not u.correct and "effort" in u.sentence)
    question = None
    for seed in range(200):  # find the seed that draws that sentence
        question = usage_question(csat, content, Random(seed))
        if question.usage is csat.usage[wrong]:
            break
    assert question is not None and question.usage is csat.usage[wrong]
    assert [t.id for t in question.named] == ["customer-effort-score"]  # the why names CES
    said_wrong, said_right = grade_usage(question, False), grade_usage(question, True)
    assert (said_wrong.rating, said_wrong.correct) == (GOOD, True)
    assert (said_right.rating, said_right.correct) == (AGAIN, False)
    assert said_right.explanation == csat.usage[wrong].why.en


def test_distractors_come_from_confusables_first(content):
    nps = content.terms["net-promoter-score"]
    picked = distractors(nps, content, 3, Random(1))
    assert len(picked) == 3 and all(t.id in nps.confusables for t in picked)
    lone = content.terms["heatmap"]
    more = distractors(lone, content, 3, Random(1))
    confusables = [t.id for t in content.confusables(lone)]
    assert [t.id for t in more[: len(confusables)]] == sorted(confusables, key=[t.id for t in more].index)
    assert len(set(t.id for t in more)) == 3 and lone not in more


def test_choice_question_and_grading(content):
    csat = content.terms["customer-satisfaction-score"]
    for seed in range(40):
        question = choice_question(csat, content, Random(seed))
        assert len(question.options) == 4 and question.options[question.answer] is csat
        assert "CSAT" not in question.prompt and "satisfaction score" not in question.prompt.lower()
        if question.prompt_kind == "sentence":
            assert BLANK in question.prompt
    right = grade_choice(question, question.answer)
    wrong_pick = (question.answer + 1) % 4
    wrong = grade_choice(question, wrong_pick)
    assert (right.rating, wrong.rating) == (GOOD, AGAIN)
    assert wrong.explanation.startswith(f"{question.options[wrong_pick].label} is something else:")


def test_support_call_scenario_is_answered_by_csat(content):
    """The done-when of issue 5: "asked right after a support call" -> CSAT."""
    csat = content.terms["customer-satisfaction-score"]
    prompts = {choice_question(csat, content, Random(seed)).prompt for seed in range(60)}
    assert any("after each support chat" in p or "support call" in p for p in prompts)


def test_no_distractor_is_part_of_the_answer(content):
    csat = content.terms["customer-satisfaction-score"]
    assert "customer-satisfaction" in csat.confusables
    for seed in range(20):
        assert "customer-satisfaction" not in {t.id for t in distractors(csat, content, 3, Random(seed))}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_ascii_fast_path_of_normalize_is_the_same_as_the_full_one(text):
    """persian.normalize skips its Persian folding for ASCII text: the result must not change."""
    from cxvocab import persian

    full = text.translate(persian._LETTERS).translate(persian._TO_LATIN_DIGITS)
    full = persian._IGNORED.sub("", full)
    assert persian.normalize(text) == " ".join(full.casefold().split())


PIECES = [
    "labour",
    "colour",
    "favour",
    "behaviour",
    "honour",
    "tour",
    "organise",
    "organised",
    "analyses",
    "centre",
    "programme",
    "catalogue",
    "organisation",
    "advertising",
    "is",
    "ise",
    "our",
    " ",
    "-",
    "x",
    "a ",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=6).map("".join) | st.text(alphabet="abcdeilmnoprstuyz -'", max_size=25)
)
def test_spelling_hint_never_skips_a_spelling_that_applies(text):
    from cxvocab.quiz import _SPELLING_HINT, _SPELLINGS

    folded = text
    for pattern, replacement in _SPELLINGS:
        folded = pattern.sub(replacement, folded)
    if folded != text:
        assert _SPELLING_HINT.search(text)


def test_a_recall_prompt_never_shows_the_answer(content):
    """The Persian definition of user experience once said "UX ... CX": the recall card
    showed the abbreviation it asks for."""
    from dataclasses import replace

    ux = content.terms["user-experience"]
    seeded = replace(ux, definition=replace(ux.definition, fa="حسی که محصول به کاربر می‌دهد. UX زیرمجموعه‌ی CX است."))
    fa, definition = recall_prompt(seeded)
    assert definition == f"حسی که محصول به کاربر می‌دهد. {BLANK} زیرمجموعه‌ی CX است."
    crm = content.terms["customer-relationship-management"]
    seeded = replace(crm, fa="مدیریت ارتباط با مشتری (CRM)")
    assert recall_prompt(seeded)[0] == f"مدیریت ارتباط با مشتری ({BLANK})"
    # Every built-in recall card: none shows a name or a word of a name of its term.
    for term in content.terms.values():
        for text in recall_prompt(term):
            assert giveaway_spans(text, term) == [], term.id


def test_a_choice_prompt_blanks_the_words_only_the_answer_has(content):
    """customer expectations' definition says "Expectations keep rising": with three other
    customer terms as options, that word alone gives the answer away, so it is blanked; the
    word all options share ("customer") gives nothing away and stays."""
    term = content.terms["customer-expectations"]
    for seed in range(20):
        question = choice_question(term, content, Random(seed))
        if question.prompt_kind == "definition":
            assert f"{BLANK} keep rising" in question.prompt and "Expectations" not in question.prompt
            assert "What customers count on" in question.prompt
    for term in content.terms.values():
        for seed in range(3):
            question = choice_question(term, content, Random(seed))
            others = [o for o in question.options if o.id != term.id]
            shared = {w for o in others for w in __import__("cxvocab.quiz").quiz.name_words(o)}
            assert giveaway_spans(question.prompt, term, shared) == [], (term.id, question.prompt)


@pytest.mark.parametrize(
    ("word", "text", "found"),
    [
        ("expectation", "Expectations keep rising", ["Expectations"]),
        ("end", "the endless queue at the end", ["end"]),
        ("desk", "a help desk", ["desk"]),
        ("serve", "we served and are serving them", ["served", "serving"]),
        ("company", "two companies' records", ["companies'"]),
    ],
)
def test_giveaway_words_and_their_inflections(word, text, found):
    from cxvocab.terms import Aliases, Bilingual, Ipa, Term

    # A two-word name, so that only the word on its own is looked for.
    term = Term(word + "-x", word + " desk", None, "x", Aliases(), "noun", Ipa("/x/", "/x/"), Bilingual("x", "x"), [], [])
    assert [text[s:e] for s, e in giveaway_spans(text, term)] == found
