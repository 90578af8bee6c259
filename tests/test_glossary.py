"""The built-in glossary (issue 17): big enough for a meeting, every incorrect sentence labelled
with its kind of mistake, mostly mistakes of English, and the terms a meeting needs all there."""

from __future__ import annotations

import typing

import pytest

from cxvocab import schema
from cxvocab.content import load_library
from cxvocab.lint import check_paths, summarize
from cxvocab.paths import builtin_content_dir
from cxvocab.terms import FACT_SHARE_MAX, LANGUAGE_MISTAKES, LANGUAGE_SHARE_MIN, MISTAKES
from tests.conftest import DATA, write


@pytest.fixture(scope="module")
def glossary():
    return load_library([builtin_content_dir()])


def test_the_model_and_the_terms_know_the_same_kinds_of_mistake():
    assert typing.get_args(schema.Mistake) == tuple(MISTAKES)
    assert set(LANGUAGE_MISTAKES) < set(MISTAKES)
    for kind in MISTAKES.values():
        assert kind.name.en and kind.name.fa and kind.gloss.en and kind.gloss.fa


def test_at_least_180_complete_terms(glossary):
    assert len(glossary.terms) >= 180
    for term in glossary.terms.values():
        right = sum(u.correct for u in term.usage)
        assert right >= 2 and len(term.usage) - right >= 2, term.id
        assert term.confusables and term.collocations and term.tags and term.examples, term.id


def test_every_incorrect_sentence_says_its_kind_and_the_balance_holds(glossary):
    for term in glossary.terms.values():
        for usage in term.usage:
            assert (usage.mistake is None) == usage.correct, (term.id, usage.sentence)
    summary = summarize(check_paths([builtin_content_dir()]))
    assert summary.unlabelled == 0 and summary.incorrect > 400
    assert summary.share(LANGUAGE_MISTAKES) >= LANGUAGE_SHARE_MIN
    assert summary.share(["fact"]) <= FACT_SHARE_MAX
    for kind in MISTAKES:  # every kind is taught, not only the easy ones
        assert summary.mistakes[kind] >= 10, kind


def test_each_topic_keeps_the_balance_too(glossary):
    for topic in glossary.topics.values():
        wrong = [u for i in topic.term_ids for u in glossary.terms[i].usage if not u.correct]
        language = sum(u.mistake in LANGUAGE_MISTAKES for u in wrong) / len(wrong)
        assert language >= LANGUAGE_SHARE_MIN and sum(u.mistake == "fact" for u in wrong) / len(wrong) <= FACT_SHARE_MAX, topic.id


def test_the_three_scores_are_confusables_of_each_other_both_ways(glossary):
    trio = {"net-promoter-score", "customer-satisfaction-score", "customer-effort-score"}
    for term_id in trio:
        assert trio - {term_id} <= set(glossary.terms[term_id].confusables), term_id
    # and confusables go both ways everywhere
    for term in glossary.terms.values():
        for other in term.confusables:
            assert term.id in glossary.terms[other].confusables, (term.id, other)


# What a CX meeting needs (issue 17), by a name a learner would look up.
MEETING = [
    "channel", "onboarding", "complaint", "CAC", "average order value", "handling time", "live chat",
    "knowledge base", "FCR", "AHT", "first response time", "resolution time", "ticket", "escalation", "IVR",
    "service level", "SLA", "service recovery", "moment of truth", "customer success", "customer engagement",
    "customer insight", "sentiment analysis", "root cause analysis", "segmentation", "cohort", "sales funnel",
    "awareness stage", "consideration stage", "purchase stage", "customer retention", "customer advocacy", "KPI",
    "benchmark", "transactional NPS", "relational NPS", "EX", "service blueprint", "customization",
    "personalization", "brand recall", "brand image", "brand promise", "top of mind", "switching costs", "win-back",
    "churn prediction", "marketing automation", "target audience", "usability", "consistency", "virtual assistant",
    "chatbot", "over-automation", "FAQ", "UI", "upselling", "cross-selling", "B2B", "B2C",
]


@pytest.mark.parametrize("name", MEETING)
def test_a_meeting_term_is_in_the_glossary(glossary, name):
    assert glossary.find(name) is not None, name


def test_the_terms_the_seeds_and_the_issue_settle(glossary):
    """Persian headwords practitioners use, and the facts that were wrong or missing."""
    find = glossary.find
    assert find("customer advocacy").fa == "طرفداری مشتری"
    assert find("B2B").fa == "کسب‌وکار به کسب‌وکار" and find("B2C").fa == "کسب‌وکار به مصرف‌کننده"
    assert find("upselling").fa == "فروش افزایشی"
    assert "فعالانه" in find("proactive").aliases.fa
    assert "اعلان" in find("push notification").fa
    ces = find("CES").definition.en
    assert "1 to 7" in ces.replace("–", " to ") or "1–7" in ces, ces
    assert "−100" in find("NPS").definition.en or "-100" in find("NPS").definition.en
    assert "4" in find("CSAT").definition.en and "5" in find("CSAT").definition.en
    assert "GA4" in find("bounce rate").definition.en
    awareness = find("brand awareness").definition.en.lower()
    assert "recognition" in awareness and "recall" in awareness
    assert "service-level" in find("SLA").confusables


def test_a_teachers_file_without_kinds_of_mistake_still_loads_with_a_warning(tmp_path):
    text = (DATA / "good.yaml").read_text(encoding="utf-8").replace("        mistake: fact\n", "", 1)
    library = check_paths([write(tmp_path / "t.yaml", text)])
    assert library.errors == [] and len(library.terms) == 3
    (warning,) = library.warnings
    assert warning.field == "usage[2].correct" and "without mistake:" in warning.message


def test_the_summary_counts_what_a_teacher_wrote(tmp_path):
    library = check_paths([write(tmp_path / "t.yaml", (DATA / "good.yaml").read_text(encoding="utf-8"))])
    summary = summarize(library)
    assert summary.topics == [("sample", "Sample topic", 3)]
    assert (summary.mistakes["fact"], summary.mistakes["confusion"], summary.unlabelled) == (3, 3, 0)
    lines = summary.lines()
    assert "    3  Sample topic  (sample)" in lines
    assert "mistakes of English (the first six): 0%; at least 40% wanted: no" in lines
