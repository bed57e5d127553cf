"""Research signals in final questions: what names a company, a rule, news or plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voicecoach.analysis.research import research_signals
from voicecoach.profile import Profile


@pytest.mark.parametrize(
    "text",
    [
        "Will I work on Saturdays, or is it Monday to Friday?",
        "Is the handover with the CFO or the COO?",
        "Do most projects run in SQL or in SAS?",
        "Would I support the teams in Germany and Brazil?",
        "Is the team mostly Spanish speakers?",
        "Does the night shift in Ohio have its own supervisor?",
        "What does the onboarding plan for the first month look like?",
        # numbers that count time, tools for a technology, the candidate's own standing
        "Is the depot open 24 hours, and do drivers rest after 10 hours?",
        "Which tools for automation does the team use now?",
        "Is the pay competitive for the area?",
        "Where would I rank against the other applicants?",
        # what the recogniser capitalises: a name addressed, a filler, a plural acronym
        "Okay, Priya, um, what does a normal week look like?",
        "I'm keen, Yeah, oh, and how many days of leave are there?",
        "Do the SREs share the on-call rota?",
        # tools and places the sentence itself places as such (blind closings 3)
        "The team is using SAP or Oracle?",
        "Do the reports live in Excel, Looker and Tableau?",
        "Is the depot in Leeds the busiest one?",
        "Would I be trained on Epic before my first shift?",
        "Are the pipelines running Kubernetes yet?",
        "Is the role based in Milton Keynes, near Oxford Street?",
        "Do the reports live in Excel, Looker, and Tableau?",
        "Do most teams work on Google Sheets or Microsoft Excel?",
    ],
)
def test_days_titles_tools_places_and_process_plans_are_not_research(text: str) -> None:
    assert research_signals(text, None) == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("How is the team handling Brightwave's move into your region?", "company"),
        ("With the new federal reporting rules coming next year, who owns compliance?", "trend"),
        ("Once the revised guidelines take effect, does the audit cycle change?", "trend"),
        ("The clinic is rolling out a new triage system; how will nurses be trained?", "news"),
        ("How will the new community outreach programme be staffed?", "plan"),
        ("How is automation changing the picking floor?", "trend"),
        ("How is the team thinking about competing with the discount chains?", "competitor"),
        ("The store grew 12% last year; what drove that?", "figure"),
        # a company after those words still counts with its possessive, or elsewhere
        ("What is the thinking behind the push in Brightwave's home market?", "company"),
        ("Do you partner with Deloitte on the audits?", "company"),
        ("How is the team responding to Brightwave and Nordlane?", "company"),
        # "on" and "in" alone come before companies as often (review of s45)
        ("What's your take on Amazon getting into pharmacy?", "company"),
        ("Is there a lot of interest in Salesforce from your clients?", "company"),
        ("How much of your business is in Aldi and Lidl?", "company"),
        ("What is the thinking behind the push in Brightwave\u2019s home market?", "company"),
        # ...and a client's account, study or office after those words (second review)
        ("Would I be working on the Tesco account from day one?", "company"),
        ("Who on the team runs the Boots relationship?", "company"),
        ("Would I be based in the Unilever office?", "company"),
        ("Is the team relocating to Barclays' old building?", "company"),
    ],
)
def test_named_companies_rules_news_and_plans_are(text: str, key: str) -> None:
    assert key in research_signals(text, None)


@pytest.mark.parametrize(
    "text",
    [
        "Is there something in my Bag ground that makes you hold back?",
        "Would my Spark work carry over to your stack?",
        "Does my Big Four background worry you at all?",
    ],
)
def test_what_the_candidate_calls_their_own_names_no_company(text: str) -> None:
    """Live trial 52 (L1): a probe heard as "... in my Mac around that gives you part of
    the" was credited as research naming a company. What follows "my" is the candidate's
    own: a skill, their background, or a common word Whisper capitalised in a garble."""
    assert "company" not in research_signals(text, None)


def test_a_company_the_candidate_names_at_or_with_still_counts() -> None:
    assert "company" in research_signals("Would my years at Brightwave count here?", None)
    assert "company" in research_signals("Is my work with Nordlane relevant to you?", None)


def test_the_profile_company_counts_and_the_interviewer_does_not() -> None:
    profile = Profile(role="analyst", company="acme freight", interviewer="Dana Reyes")
    assert research_signals("How has acme freight grown this year?", profile) == ["company"]
    assert research_signals("Dana, what does a good first month look like?", profile) == []
    assert research_signals("So, Dana Reyes, what happens after today?", profile) == []


def test_a_question_after_the_candidates_own_result_shows_no_research() -> None:
    """Trial s30: "...and cut the outages in half. So what does the team struggle with most
    right now?" read "research shown: a figure", the figure being their own result."""
    from voicecoach.analysis import analyze_text

    own = analyze_text(
        "I led the migration of our billing system and cut the outages in half. "
        "So what does the team struggle with most right now?",
        semantic=False,
    )
    check = own.check("final_questions")
    assert check is not None and "research shown" not in check.detail, check.detail
    # nor a tool or employer named in it (live trial 53: a recap "...in SQL and Python..."
    # read "research shown: a named company" for the question after it)
    tools = analyze_text(
        "I have spent six years building demand forecasts in SQL and Python at Halvorsen. "
        "So what does the team struggle with most right now?",
        expects=("recap", "question"),
        semantic=False,
    )
    assert tools.sentences[0].moves >= {"recap"}, tools.sentences[0]
    check = tools.check("final_questions")
    assert check is not None and "research shown" not in check.detail, check.detail
    # a statement about the company still lends its figure to the question after it
    theirs = analyze_text(
        "Who would I work with day to day? I saw the store grew 12% last year. What drove that?",
        semantic=False,
    )
    check = theirs.check("final_questions")
    assert check is not None and "a figure" in check.detail, check.detail
    # ...and the strength quotes where it was shown (the statement and the question resting
    # on it), not the first question asked
    (shown,) = [c for c in theirs.coaching if c.title == "Research showed"]
    assert [e.quote for e in shown.evidence] == [
        "I saw the store grew 12% last year.",
        "What drove that?",
    ]


def test_a_claim_that_also_reports_news_still_lends_it() -> None:
    from voicecoach.analysis import analyze_text

    a = analyze_text(
        "I read that you opened a warehouse in Denver this spring, and I ran a similar launch "
        "at my last job. How has that changed the planning work?",
        semantic=False,
    )
    check = a.check("final_questions")
    assert check is not None and "recent news" in check.detail, check.detail


# Final questions labelled before the rule was written (final_questions.jsonl), and a
# second batch written after it (heldout_statement_questions.jsonl); see the README there.
RESEARCH_DATA = Path(__file__).parents[1] / "data" / "research"


def _labelled(name: str) -> list[dict[str, object]]:
    lines = (RESEARCH_DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


STATEMENT_ORDER = [
    r for name in ("final_questions.jsonl", "heldout_statement_questions.jsonl")
    for r in _labelled(name) if r["kind"] == "statement"
]  # fmt: skip


@pytest.mark.parametrize("row", STATEMENT_ORDER, ids=lambda r: str(r["text"])[:40])
def test_a_question_in_statement_order_shows_research_when_it_states_a_company_fact(
    row: dict[str, object],
) -> None:
    """Live trial s47: "You are opening a second office in Chicago this year?" read "no sign
    of research", and the fix to show some quoted it. A fact about what the company did or
    is doing counts; one about the candidate, the role or the hiring does not."""
    from voicecoach.analysis import analyze_text

    check = analyze_text(str(row["text"]), semantic=False).check("final_questions")
    assert check is not None
    assert ("research shown" in check.detail) == row["research"], check.detail


def test_labelled_questions_without_research_show_none() -> None:
    from voicecoach.analysis import analyze_text

    for row in _labelled("final_questions.jsonl"):
        if row["research"]:
            continue
        check = analyze_text(str(row["text"]), semantic=False).check("final_questions")
        assert check is not None and "research shown" not in check.detail, (row, check.detail)


def test_the_research_fix_never_quotes_a_question_that_shows_research() -> None:
    """The trial's closing: the statement-order question is the research, so there is no fix
    to show some, and the strength quotes that question."""
    from voicecoach.analysis import analyze_text

    a = analyze_text(
        "Yes, two things. You are opening a second office in Chicago this year? "
        "How do you measure success in the first six months?",
        semantic=False,
    )
    check = a.check("final_questions")
    assert check is not None and "a fact about the company" in check.detail, check.detail
    assert not [c for c in a.coaching if c.title.startswith("Show your research")]
    (shown,) = [c for c in a.coaching if c.title == "Research showed"]
    assert [e.quote for e in shown.evidence] == [
        "You are opening a second office in Chicago this year?"
    ]
    # every labelled research question in statement order, asked first beside one that
    # shows none: never the fix's quote
    for row in STATEMENT_ORDER:
        if not row["research"]:
            continue
        b = analyze_text(f"{row['text']} What does a normal week look like?", semantic=False)
        for c in b.coaching:
            if c.title.startswith("Show your research"):
                assert all(e.quote != row["text"] for e in c.evidence), (row, c)


@pytest.mark.parametrize(
    "text",
    [
        # a pronoun for what was just said, not the company (review, stop 48)
        "It sounded like a good fit?",
        "Everything looked okay?",
        "That made a difference?",
        "This covered everything?",
        "It worked out in the end?",
        # what the interviewer said in this conversation, as "You mentioned..."
        "You covered the benefits already?",
        "You talked about the new platform earlier?",
        "You touched on the budget earlier?",
        # how things are ("is" + a participle): a detail of the job, no event
        "The office is closed on Fridays?",
        "The canteen is shared with the other tenants?",
        "The warehouse is staffed around the clock?",
    ],
)
def test_a_statement_order_question_about_the_talk_or_how_things_are_is_no_research(
    text: str,
) -> None:
    """The subject must be who did something (the company, "you", a name), and the verb an
    event: "It sounded like a good fit?" checks the conversation, "The office is closed on
    Fridays?" a detail of the job."""
    from voicecoach.analysis import analyze_text
    from voicecoach.analysis.research import states_company_fact

    assert not states_company_fact(text), text
    check = analyze_text(f"{text} What does a normal week look like?", semantic=False).check(
        "final_questions"
    )
    assert check is not None and "research shown" not in check.detail, (text, check.detail)


@pytest.mark.parametrize(
    "text",
    [
        "The company was bought by a private equity firm last year?",
        "The depot was rebuilt after the fire?",
        "Northwind opened a site in Rotterdam in 2024?",
    ],
)
def test_a_past_event_of_the_company_is_still_research(text: str) -> None:
    from voicecoach.analysis.research import states_company_fact

    assert states_company_fact(text), text


def test_research_is_quoted_where_it_was_said() -> None:
    """Trial 48: "Research showed" quoted "how does the team decide which requests come
    first?", whose words show none; the statement before it did ("I read that ...")."""
    from voicecoach.analysis import analyze_text

    said = (
        "I read that the team is moving to a new platform next year. And how does the team "
        "decide which requests come first? What does a good first year look like?"
    )
    a = analyze_text(said, semantic=False)
    (research,) = [c for c in a.coaching if c.title == "Research showed"]
    assert [e.quote for e in research.evidence] == [
        "I read that the team is moving to a new platform next year.",
        "And how does the team decide which requests come first?",
    ]
    # a question that shows it itself is quoted itself
    own = analyze_text(
        "I have two questions. I read that you opened a Denver depot, how is it going?",
        semantic=False,
    )
    (research,) = [c for c in own.coaching if c.title == "Research showed"]
    assert research.evidence[0].quote.endswith("how is it going?"), research.evidence


@pytest.mark.parametrize(
    "text",
    [
        "The team seemed really sharp",
        "I noticed the team seemed really busy",
        "The office looked amazing",
        "Your team sounded excited about the project",
        "Today went really well",
        "The time went so fast",
        "You made this really easy",
        "You guys made the whole process easy",
        "You guys built a great product",
    ],
)
def test_an_impression_of_the_day_checks_no_fact(text: str) -> None:
    """Said rising, a remark on how the day or the people came across is uptalk, not a
    question checking something the candidate learned beforehand."""
    from voicecoach.analysis.research import checks_a_fact

    assert not checks_a_fact(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Um, yeah, I read that the lab is, um, moving to automated sample handling next year.",
        "The team, uh, moved to a new warehouse last spring",
        "You, um, opened a second depot in March",
    ],
)
def test_a_fact_said_with_fillers_is_still_checked(text: str) -> None:
    """The recogniser keeps the commas around a filler it drops ("the lab is, um,
    moving"): the fact's subject and verb are read past them, so the sentence said rising
    is still the question it was (a closing voiced by espeak-ng lost its research check)."""
    from voicecoach.analysis.research import checks_a_fact

    assert checks_a_fact(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I noticed on your website that you're moving into home delivery. What does that"
        " mean for this team?",
        "You opened a second depot in Leeds last spring. How has that changed the night shift?",
    ],
)
def test_a_fact_stated_before_the_question_shows_research(text: str) -> None:
    """The candidate states what they learned, then asks about it: the question rests on
    the fact (the statement before it is quoted with it)."""
    from voicecoach.analysis import analyze_text

    a = analyze_text(text, semantic=False)
    (research,) = [c for c in a.coaching if c.title == "Research showed"]
    assert [e.quote for e in research.evidence][:2] == [
        a.sentences[0].text,
        a.sentences[1].text,
    ], research.evidence


@pytest.mark.parametrize(
    "text",
    [
        "You mentioned the team grew last year. What does the training look like?",
        "So the team is moving to a new rota system next year, you said. How will that"
        " affect nights?",
        "The clinic, as you mentioned, opened a second site last spring. How is that going?",
        "The interview went really well. What are the next steps?",
        "I really enjoyed meeting the team. What happens after this round?",
    ],
)
def test_what_was_said_today_before_the_question_is_no_research(text: str) -> None:
    from voicecoach.analysis import analyze_text

    a = analyze_text(text, semantic=False)
    assert not [c for c in a.coaching if c.title == "Research showed"], a.coaching


@pytest.mark.parametrize(
    "text",
    [
        "The project in Ankara, it will start this year or next year?",
        "Will I be based in New York or in Kuala Lumpur?",
        "Is the Lagos team growing?",
        "Do many of the nurses speak Tagalog?",
    ],
)
def test_a_city_or_a_language_names_no_company(text: str) -> None:
    assert "company" not in research_signals(text, None), text


@pytest.mark.parametrize(
    "text",
    [
        "The home was rated requires improvement last year, I looked it up, what went wrong?",
        "I saw on your website that the clinic is growing, how is that going?",
        "Your annual report talks about the north, how far along is that?",
    ],
)
def test_where_the_candidate_looked_shows_research(text: str) -> None:
    assert research_signals(text, None), text


@pytest.mark.parametrize(
    "text",
    [
        "How many people work on your site?",
        "What happens on your site visits in the first week?",
        "I looked up to my first manager a lot. What does mentoring look like here?",
        "I have worked in the press shop for five years. What does the line look like here?",
    ],
)
def test_a_workplace_or_looking_up_to_someone_is_no_research(text: str) -> None:
    """The words "your site" are as often the depot or ward the job is at, "looked up to" is respect
    and "the press shop" a workplace: none says the candidate looked the company up."""
    from voicecoach.analysis import analyze_text

    a = analyze_text(text, semantic=False)
    assert not [c for c in a.coaching if c.title == "Research showed"], text


def test_the_terminal_quotes_the_fact_and_the_question_the_report_quotes() -> None:
    """Live trial 49, T8: the terminal's Strengths quoted the fact alone ("I know this on
    your website, now you're moving into home delivery.") where the analysis and the HTML
    report quote the question resting on it too."""
    from rich.console import Console

    from voicecoach.analysis import analyze_text
    from voicecoach.analysis.render import renderables

    said = (
        "I know this on your website, now you're moving into home delivery. "
        "What does that mean for this team?"
    )
    a = analyze_text(said, semantic=False)
    (shown,) = [c for c in a.coaching if c.title == "Research showed"]
    quotes = [e.quote for e in shown.evidence]
    assert len(quotes) == 2, quotes
    console = Console(record=True, width=100)
    for r in renderables(a):
        console.print(r)
    screen = " ".join(console.export_text().replace("│", " ").split())
    for quote in quotes:
        assert f"“{quote}”" in screen, screen


@pytest.mark.parametrize(
    "text",
    [
        # a given name said alone is a person: the interviewer, a colleague, or Whisper's
        # guess at other words (a live trial's "Nadine")
        "Thanks, Nadine, and how does the team plan its week?",
        "How does Nadine's team split the work?",
        "Would I be working with Priya and Tom most days?",
    ],
)
def test_a_given_name_alone_is_no_company(text: str) -> None:
    assert "company" not in research_signals(text, None)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, Nadine Smith.",
        "Thank you Nadine Smith, and how does the team plan its week?",
        "Hi Tom Baker, what does the first month look like?",
        # Whisper without the comma: a word of the thanks after the name (third review)
        "Thank you, John Davies for your time.",
        "Hi Sarah Jones and thanks for seeing me.",
        "Thank you Tom Baker so much.",
    ],
)
def test_a_given_name_and_surname_thanked_or_greeted_is_a_person(text: str) -> None:
    assert "company" not in research_signals(text, None)


@pytest.mark.parametrize(
    "text",
    [
        "How does the desk compete for Morgan Stanley work?",
        # a given name leads the firm's name: not thanked, so still a company
        "How does the desk compete with Jack Wills for shelf space?",
        # thanks, then a firm that a given name leads: the name does not end the clause
        "Thanks, Jack Wills was my first job, so how is the retail team set up?",
        "Thanks, Sarah Deloitte is where I trained.",
    ],
)
def test_a_given_name_in_a_run_of_capitalised_words_may_still_be_one(text: str) -> None:
    assert "company" in research_signals(text, None)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, Mr Okafor, for your time.",
        "Thanks, Prof Okafor, for your time.",
        "Thank you, Miss Patel.",
        "Would I report to Dr Anne Okafor or to someone in her team?",
    ],
)
def test_a_name_a_title_leads_is_a_person(text: str) -> None:
    assert "company" not in research_signals(text, None)


def test_a_company_heard_unsure_in_a_closing_still_shows_research() -> None:
    """A rare company name is the word Whisper is least sure of: heard unsure, it still
    names the company (review s51: "Are you still working with Ocado?" lost its research
    when Whisper was unsure of "Ocado")."""
    from dataclasses import replace

    from analysis_support import timed_transcript

    from voicecoach.analysis import analyze, wording

    said = ["How is the team handling Brightwave's move into your region?"]

    def detail(probability: float) -> str:
        t = timed_transcript(said)
        seg = t.segments[0]
        words = tuple(
            replace(w, probability=probability) if w.text.startswith("Bright") else w
            for w in seg.words
        )
        t = replace(t, segments=(replace(seg, words=words),))
        check = analyze(t, expects=("question",), semantic=False).check("final_questions")
        assert check is not None
        return check.detail

    assert wording.SIGNALS["company"] in detail(0.9)
    assert wording.SIGNALS["company"] in detail(0.2)
