"""An answer to a doubt that only concedes the gap is not yet an answer (trial 21: "I have
not worked in freight." to a doubt about freight read "on topic, positive"). Judged on
the answer's structure, for any doubt and wording: an admission with nothing after it,
against an admission followed by an example that carries over, a plan, or a reframing,
which is still credited."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from voicecoach.analysis import analyze_text, wording
from voicecoach.analysis.concern import only_concedes
from voicecoach.analysis.sentences import split_tokens, tokens_from_text

DATA = Path(__file__).parent.parent / "data" / "concerns"
# (doubt, the admission alone, the admission with what answers it)
DOUBTS = (
    (
        "you have not worked in freight or logistics before.",
        "I have not worked in freight.",
        "I haven't worked in freight, but at my last job I ran the demand forecasts for 40 "
        "stores and cut stock-outs by 18 percent.",
    ),
    (
        "you have not led a team before, and this role has three direct reports.",
        "That's true, I've never had direct reports.",
        "That's true, I've never had direct reports. But I led a team of five on our data "
        "migration for a year and ran their weekly one to ones.",
    ),
    (
        "I am not sure you have worked with customers directly, and this role is very "
        "client facing.",
        "Honestly, no, I don't have any experience with customers.",
        "No, not directly. But for two years I took the weekly calls with our three biggest "
        "accounts, and I'd ask to shadow your account managers in my first month.",
    ),
    (
        "you have not managed a budget of this size before.",
        "Fair point, a budget that size is new to me.",
        "Fair point, a budget that size is new to me, but I ran a two million pound budget "
        "for three years and came in under it every year.",
    ),
    (
        "you have been out of the workforce for a while.",
        "Yes, I haven't worked for two years, that's fair.",
        "Yes, I haven't worked for two years. In that time I finished a data course and "
        "built the bookkeeping for a local charity every month.",
    ),
)


def _sentences(text: str) -> list[str]:
    return [s.text for s in split_tokens(tokens_from_text(text))]


@pytest.mark.parametrize(("doubt", "alone", "answered"), DOUBTS)
def test_an_admission_alone_is_told_what_it_still_needs(
    doubt: str, alone: str, answered: str
) -> None:
    a = analyze_text(alone, expects=("concern_answer",), concern=doubt, semantic=True)
    row = a.check("concerns")
    assert row is not None and row.status == "missing", row
    assert "only conceded" in row.detail and "on topic" not in row.detail, row.detail
    fixes = [p for p in a.coaching if p.kind == "fix"]
    assert fixes and fixes[0].title == wording.FIXES["concern_unanswered"].title, fixes
    assert "example" in fixes[0].message and "close the gap" in fixes[0].message, fixes[0]
    assert not any(p.title == "Answered the concern" for p in a.coaching), a.coaching

    # the same admission, followed by what answers the doubt, is credited in full
    good = analyze_text(answered, expects=("concern_answer",), concern=doubt, semantic=True)
    row = good.check("concerns")
    assert row is not None and row.status == "done", row
    assert any(p.title == "Answered the concern" for p in good.coaching), good.coaching


def test_admissions_are_told_from_answers_that_begin_with_one() -> None:
    alone = (
        "I have not worked in freight.",
        "I haven't worked in freight, logistics or shipping before.",
        "Not in freight, no.",
        "No.",
        "Um, yeah, I haven't done that, to be honest.",
        "I have not worked in freight in my career.",  # "in my" is no example here
        "No, I haven't. Sorry.",
        "i have never worked in freight i must admit",
        "you are right i have not led a team before",
        "I haven't led a team yet, I know that is a gap.",
        "i have never had any direct reports",
        # (second review: a bad thing one never handled is the gap; a size is no claim;
        # "honestly no" before the admission takes it in)
        "I have never handled production incidents.",
        "I have never used one of these CRM systems.",
        "I have never worked in a team bigger than three.",
        "honestly no i have never used salesforce",
        "well no i have not",
        "to be honest no i have not led a team",
    )
    more = (
        "I have not worked in freight but I ran the forecasts for a grocery chain.",
        "I haven't, so in my first month I would shadow the dispatch team.",
        "I have not worked in freight. Retail forecasting has the same seasonal peaks though.",
        "No, I haven't. But I'm really keen to learn.",
        "That's fair. I ran our onboarding for every new analyst.",
        "I have led a team of five for two years.",
        # (review: a negation that makes a claim, a rebuttal, and Whisper's run-ons)
        "I have never missed a deadline on any of the eleven projects I ran at Acme.",
        "I have never had a single complaint from a client in six years of account management.",
        "I have never had any trouble picking up a new tool in a week or two.",
        "We never lost a single engineer while I coordinated the platform group of six.",
        "i don't think that's right i led the support team at acme for two years",
        "i have not worked with python professionally i have built three side projects with it",
        "i have not worked in freight and i learn fast",
        "No. I read a lot about it.",
        "i have never been late to a shift",
        "i have never had a data breach on my watch",
    )
    assert [t for t in alone if not only_concedes(_sentences(t))] == []
    assert [t for t in more if only_concedes(_sentences(t))] == []


def test_no_answer_the_labels_call_addressed_is_judged_an_admission_alone() -> None:
    # the three labelled sets the concern rule was tuned on (heldout_b.jsonl stays blind);
    # many good answers there begin with an admission ("That's fair, I haven't worked in
    # insurance. But I learned...")
    rows = [
        json.loads(line)
        for name in ("answers.jsonl", "answers_b.jsonl", "heldout.jsonl")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    good = [r["answer"] for r in rows if r["addressed"]]
    assert len(good) > 150
    assert [a for a in good if only_concedes(_sentences(a))] == []
    # ...nor heard as Whisper may write them: one lower-case run-on, no punctuation (review:
    # 7 of 187 were, "i have not worked with python professionally i have built three...")
    runons = [re.sub(r"[,.;:!?]", "", a).lower() for a in good]
    assert [a for a in runons if only_concedes(_sentences(a))] == []


def test_the_fix_for_an_admission_does_not_quote_the_check_back_as_part_of_it() -> None:
    # trial 23: "Fix first" quoted "Does that answer your question?" beside the admission,
    # as if the question were part of what only conceded the gap
    doubt = "you have not worked in freight or logistics before."
    said = "I have not worked in freight. Does that answer your question?"
    a = analyze_text(said, expects=("concern_answer",), concern=doubt, semantic=True)
    (fix,) = [p for p in a.coaching if p.kind == "fix" and p.evidence]
    assert [e.quote for e in fix.evidence] == ["I have not worked in freight."], fix.evidence
