"""Quotes as the coaching shows them: cut at a word boundary, numbers kept whole."""

from __future__ import annotations

from analysis_support import timed_transcript

from voicecoach.analysis.render import short_quote
from voicecoach.analysis.voice import short
from voicecoach.analysis.wording import clip_quote

# From a user trial's demo: the quotes ended "...would love to j…" and "...make a de…".
INTEREST = "I am very interested in this position and I would love to join the team."


def test_a_long_quote_is_cut_between_words_with_an_ellipsis() -> None:
    assert short(INTEREST, 60) == "I am very interested in this position and I would love to…"
    assert short_quote(INTEREST, 62) == "I am very interested in this position and I would love to…"
    assert len(short(INTEREST, 60)) <= 60


def test_a_cut_just_before_a_space_keeps_the_whole_word() -> None:
    assert clip_quote("thank you for your time today", 14) == "thank you for…"


def test_a_cut_after_a_comma_drops_the_comma() -> None:
    assert clip_quote("First, the team, then the role", 17) == "First, the team…"


def test_a_short_quote_is_left_whole_and_one_long_word_is_cut_inside() -> None:
    assert clip_quote(INTEREST, len(INTEREST)) == INTEREST
    assert clip_quote("Supercalifragilistic", 8) == "Superca…"


# A long recap sentence: the strengths it is credited for sit past the first 70 characters
RECAP = (
    "To sum up, after six years in operations planning at two regional freight carriers, "
    "what I would bring to Northwind is strong SQL, demand forecasting and dashboards that "
    "managers use every day."
)


def test_a_quote_kept_on_some_words_shows_them_within_the_limit() -> None:
    words = RECAP.split()
    first, last = words.index("SQL,"), words.index("dashboards")
    quote = clip_quote(RECAP, 70, keep=(first, last))
    assert "SQL, demand forecasting and dashboards" in quote, quote
    assert len(quote) <= 70 and quote.startswith("…") and quote.endswith("…"), quote
    assert quote.removeprefix("…").removesuffix("…") in RECAP  # cut between words
    # words the head of the quote already shows leave it as before
    assert clip_quote(RECAP, 70, keep=(0, 2)) == clip_quote(RECAP, 70)


def test_a_recap_strength_is_quoted_on_the_strengths_it_credits() -> None:
    # a trial: "Clear recap" quoted "To sum up, after six years in operations planning at
    # two regional…", none of the strengths that earned it
    from rich.console import Console

    from voicecoach.analysis.analyzer import analyze
    from voicecoach.analysis.render import render
    from voicecoach.profile import Profile

    profile = Profile(
        role="senior data analyst",
        company="Northwind Freight",
        strengths=("SQL", "demand forecasting", "dashboards", "stakeholder communication"),
    )
    more = "I also keep stakeholders informed with clear weekly updates on every forecast I ship."
    found = analyze(
        timed_transcript([RECAP, more], wpm=95), profile=profile, expects=("recap",), semantic=False
    )
    assert found.recap is not None and found.recap.strengths_named == profile.strengths[:3]
    (point,) = [p for p in found.coaching if p.title == "Clear recap"]
    assert point.evidence[0].quote == RECAP  # the evidence stays the sentence, verbatim
    console = Console(record=True, width=400)
    render(found, console)
    line = next(x for x in console.export_text().splitlines() if "Clear recap" in x)
    quote = line.split("“", 1)[1].split("”", 1)[0]
    assert "SQL, demand forecasting and dashboards" in quote, line
    assert len(quote) <= 70, quote


def test_a_recap_strength_quotes_the_sentence_that_names_the_strengths() -> None:
    # an opening that names none of them was quoted for "Clear recap"
    from voicecoach.analysis.analyzer import analyze
    from voicecoach.profile import Profile

    profile = Profile(role="senior data analyst", strengths=("SQL", "demand forecasting"))
    opening = "To sum up, I think my background fits this team well after six years in freight."
    named = "I bring strong SQL and demand forecasting that managers use every day."
    transcript = timed_transcript([opening, named], wpm=80)
    found = analyze(transcript, profile=profile, expects=("recap",), semantic=False)
    assert found.check("recap").status == "done"  # type: ignore[union-attr]
    assert found.check("recap").evidence[0].quote == opening  # type: ignore[union-attr]
    (point,) = [p for p in found.coaching if p.title == "Clear recap"]
    assert [e.quote for e in point.evidence] == [named]


def test_the_next_step_strength_quotes_the_question_that_asked_it() -> None:
    """Trial 24: "+ Asked for the next step: You asked where things go from here." quoted
    "I'd like to move forward." although "When can I expect to hear back?" came next."""
    from voicecoach.analysis.analyzer import analyze_text

    said = "Thank you so much. I'd like to move forward. When can I expect to hear back?"
    analysis = analyze_text(said, None, expects=("interest", "ask_for_job", "thanks"))
    asked = next(p for p in analysis.coaching if p.title == "Asked for the next step")
    assert [e.quote for e in asked.evidence] == ["When can I expect to hear back?"]
    # a statement alone is still quoted
    analysis = analyze_text("I'd like to know what the next steps are.", None)
    asked = next(p for p in analysis.coaching if p.title == "Asked for the next step")
    assert [e.quote for e in asked.evidence] == ["I'd like to know what the next steps are."]


def test_the_good_questions_strength_quotes_an_open_question() -> None:
    """Trial 25: "+ Good questions: You asked 2 questions, 1 of them open." quoted the
    yes/no question ("Are you hiring more analysts next year?") that came first."""
    from voicecoach.analysis.analyzer import analyze_text

    said = "Thanks. Is the team hybrid at the moment? And how does the team decide what to work on?"
    analysis = analyze_text(said, None, expects=("question",))
    good = next(p for p in analysis.coaching if p.title == "Good questions")
    assert [e.quote for e in good.evidence] == ["And how does the team decide what to work on?"]
