"""Judging the answer to the interviewer's concern: by shared words, and by meaning.

The labelled set ``data/concerns/answers.jsonl`` holds spoken answers to a dozen concerns:
direct ones, paraphrases that share no word with the concern, and fluent answers that
miss it (another doubt answered, generic strengths, praise for the company, a word of
the concern used for something else).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from analysis_support import timed_transcript

from voicecoach.analysis import TurnInput, analyze_rehearsal, analyze_text, semantic
from voicecoach.analysis.concern import ConcernFacts, concern_core, judge_concern
from voicecoach.analysis.moves import label_texts
from voicecoach.analysis.results import Sentence
from voicecoach.analysis.sentences import split_tokens, tokens_from_text
from voicecoach.transcript import Transcript

DATA = Path(__file__).parent.parent / "data" / "concerns" / "answers.jsonl"
# The second tuning set (stop 33): 18 other doubts, half of each doubt's answers hard
# negatives. Topic F1 0.837 there (0.729 for the rule before stop 33).
DATA_B = DATA.with_name("answers_b.jsonl")
SEMANTIC_TOPIC_F1_B = 0.80
BUDGET = "you have not managed a budget of this size before."
# F1 measured on the whole set (contrastive_topic in concern.py): topic by meaning 0.851, by
# shared stems 0.413; "addressed" (topic, evidence, positive) with meaning 0.845. The floors
# leave a small margin, not room for a real regression.
SEMANTIC_TOPIC_F1 = 0.80
SEMANTIC_ADDRESSED_F1 = 0.78
RULES_TOPIC_F1 = 0.38


@dataclass(frozen=True)
class Item:
    concern: str
    answer: str
    topic: bool
    addressed: bool
    note: str


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


@pytest.fixture(autouse=True, scope="module")
def _unload_after() -> Iterator[None]:
    yield
    semantic.unload()  # free the model's memory for the tests that follow


def _items(path: Path = DATA) -> list[Item]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Item(**row) for row in rows]


def _sentences(text: str, *, semantic_mode: bool) -> list[Sentence]:
    spans = split_tokens(tokens_from_text(text))
    labels, _ = label_texts([s.text for s in spans], semantic_mode=semantic_mode)
    return [
        Sentence(i, s.text, None, None, lab.moves, lab.question_form)  # type: ignore[arg-type]
        for i, (s, lab) in enumerate(zip(spans, labels, strict=True))
    ]


def _judge_all(items: Sequence[Item], *, use_model: bool) -> list[ConcernFacts]:
    model = semantic.get_model() if use_model else None
    return [
        judge_concern(it.concern, _sentences(it.answer, semantic_mode=use_model), model)
        for it in items
    ]


def _score(predicted: Sequence[bool], gold: Sequence[bool]) -> Score:
    pairs = list(zip(predicted, gold, strict=True))
    tp = sum(p and g for p, g in pairs)
    precision = tp / max(1, sum(predicted))
    recall = tp / max(1, sum(gold))
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return Score(round(precision, 3), round(recall, 3), round(f1, 3))


def _shares_a_stem(it: Item) -> bool:
    """The rules-only topic verdict: a content word stem of the concern in the answer."""
    return judge_concern(it.concern, _sentences(it.answer, semantic_mode=False)).topic


def test_the_labelled_set_is_varied_and_consistent() -> None:
    items = _items()
    assert len(items) >= 80 and len({it.concern for it in items}) >= 8
    assert all(it.topic or not it.addressed for it in items)  # addressed needs the topic
    spoken = [len(_sentences(it.answer, semantic_mode=False)) for it in items]
    assert all(it.note for it in items) and min(spoken) >= 1 and max(spoken) <= 4
    paraphrases = [it for it in items if it.topic and not _shares_a_stem(it)]
    assert len(paraphrases) >= 0.3 * len(items)
    incidental = [it for it in items if not it.topic and _shares_a_stem(it)]
    assert len(incidental) >= 10


@pytest.mark.slow
def test_meaning_finds_the_topic_on_the_second_tuning_set() -> None:
    items = _items(DATA_B)
    assert len(items) >= 250 and len({it.concern for it in items}) >= 18
    assert all(it.note and (it.topic or not it.addressed) for it in items)
    assert not {it.concern for it in items} & {it.concern for it in _items()}
    facts = _judge_all(items, use_model=True)
    topic = _score([f.topic for f in facts], [it.topic for it in items])
    print(f"\nsemantic topic, second set: {topic}")
    assert topic.f1 >= SEMANTIC_TOPIC_F1_B


def test_rules_only_judges_by_shared_words_without_the_model() -> None:
    semantic.unload()
    items = _items()
    facts = _judge_all(items, use_model=False)
    topic = _score([f.topic for f in facts], [it.topic for it in items])
    print(f"\nrules-only topic: {topic}")
    assert topic.f1 >= RULES_TOPIC_F1
    assert not semantic.is_loaded()  # the rules path never touches the model


@pytest.mark.slow
def test_meaning_finds_the_topic_on_the_labelled_set() -> None:
    items = _items()
    facts = _judge_all(items, use_model=True)
    topic = _score([f.topic for f in facts], [it.topic for it in items])
    addressed = _score([f.addressed for f in facts], [it.addressed for it in items])
    print(f"\nsemantic topic: {topic}\nsemantic addressed: {addressed}")
    assert topic.f1 >= SEMANTIC_TOPIC_F1 and addressed.f1 >= SEMANTIC_ADDRESSED_F1
    missed_paraphrases = [f for f, it in zip(facts, items, strict=True) if it.topic and not f.topic]
    assert len(missed_paraphrases) <= 0.2 * sum(it.topic for it in items)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("concern", "answer", "on_topic"),
    [
        (BUDGET, "I ran all the spend for our marketing group, about six hundred thousand.", True),
        (
            "you changed jobs fairly often in the last few years.",
            "I know my moves between employers look quick, but each one was a step up.",
            True,
        ),
        (
            "you have not worked in our industry, and the learning curve here is steep.",
            "The sector is new to me, but I was running my own accounts within two months.",
            True,
        ),
        (
            BUDGET,
            "I've led teams of twelve across three offices, and I coach new hires well.",
            False,
        ),
        (
            "you have not led a team before, and this role has three direct reports.",
            "What excites me is where the company is heading, your new product line "
            "looks like a big opportunity.",
            False,
        ),
    ],
)
def test_examples_of_meaning_over_words(concern: str, answer: str, on_topic: bool) -> None:
    model = semantic.get_model()
    facts = judge_concern(concern, _sentences(answer, semantic_mode=True), model)
    assert facts.topic is on_topic


TOOLS = (
    "Thanks for asking. To be candid, my main hesitation is that the senior data analyst role "
    "uses tools you have not mentioned using. How would you respond to that?"
)
CUSTOMERS = (
    "Since you bring it up: I am not sure you have worked with customers directly, and this "
    "role is very client facing. Help me understand how you would handle that."
)
MENTORING = (
    "In my last role I mentored three junior analysts. "
    "I also ran our weekly planning meetings, so everyone knew the priorities."
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("concern", "answer"),
    [
        (TOOLS, "I haven't used your exact stack, but I learned Tableau and dbt in a month."),
        (CUSTOMERS, "I spent three years on the support desk talking to clients every day."),
    ],
)
def test_an_on_topic_paraphrase_of_the_trials_doubts_is_on_topic(concern: str, answer: str) -> None:
    facts = judge_concern(concern, _sentences(answer, semantic_mode=True), semantic.get_model())
    assert facts.topic


@pytest.mark.slow
@pytest.mark.parametrize("concern", [TOOLS, CUSTOMERS])
def test_an_answer_about_another_strength_is_off_topic(concern: str) -> None:
    """A user trial: the interviewer and the coaching praised this answer to both doubts."""
    facts = judge_concern(concern, _sentences(MENTORING, semantic_mode=True), semantic.get_model())
    assert not facts.topic


@pytest.mark.slow
@pytest.mark.parametrize(
    "opener", ["That's fair.", "Good point.", "I understand the concern.", "That's true, though."]
)
def test_an_opener_does_not_put_an_answer_about_something_else_on_topic(opener: str) -> None:
    """Trial 9 (stop 32): "That's fair." before an answer about hiking made it on topic for
    a doubt about budgets, and the interviewer said "Yes, that's clear." to the check-back."""
    hiking = "I love hiking, and I once ran a marathon in under four hours."
    facts = judge_concern(
        BUDGET, _sentences(f"{opener} {hiking}", semantic_mode=True), semantic.get_model()
    )
    assert not facts.topic and not facts.addressed
    on_topic = f"{opener} I ran a two million dollar budget at my last job and came in under it."
    facts = judge_concern(BUDGET, _sentences(on_topic, semantic_mode=True), semantic.get_model())
    assert facts.topic and facts.addressed


@pytest.mark.parametrize(
    ("voiced", "core"),
    [
        (
            "Since you ask, I will be honest. My one hesitation is that you changed jobs "
            "often. How would you address that?",
            "you changed jobs often.",
        ),
        ("There is one thing I keep coming back to: you have no degree. Can you speak to that?",
         "you have no degree."),
        ("Fair question. If anything, it would be that you have not led a team.",
         "you have not led a team."),
        ("honestly, you seem overqualified, and I worry you would get bored.",
         "honestly, you seem overqualified, and I worry you would get bored."),
        ("no freight experience", "no freight experience"),
        ("Your last project had an issue: it shipped late.",  # its subject is the doubt
         "Your last project had an issue: it shipped late."),
    ],
)  # fmt: skip
def test_the_interviewers_framing_is_cut_from_the_concern(voiced: str, core: str) -> None:
    assert concern_core(voiced) == core


def _verdict(text: str, concern: str, *, semantic_mode: bool) -> str:
    a = analyze_text(text, expects=("concern_answer",), concern=concern, semantic=semantic_mode)
    check = a.check("concerns")
    assert check is not None
    return check.detail


@pytest.mark.slow
def test_analysis_judges_a_paraphrased_answer_by_meaning_when_semantic() -> None:
    answer = (
        "So at my last place I owned a P and L of about four million dollars. "
        "Every quarter I defended the forecast to the CFO, and I'd bring the same habits here."
    )
    assert "on topic" in _verdict(answer, BUDGET, semantic_mode=True)
    assert "off topic" in _verdict(answer, BUDGET, semantic_mode=False)  # no shared word
    fluent_miss = "I'm a hard worker and I'm really excited about what you're building here."
    assert "off topic" in _verdict(fluent_miss, BUDGET, semantic_mode=True)


def _timed_words(sentences: list[str]) -> Transcript:
    """One word every 0.4 s, sentences back to back."""
    return timed_transcript(sentences, gap_s=0.0)


@pytest.mark.slow
def test_a_rehearsal_turn_with_a_concern_is_judged_by_meaning() -> None:
    concern = "you have not worked in our industry, and the learning curve here is steep."
    turns = [
        TurnInput(
            _timed_words(["I have built demand forecasts in SQL for five years."]), ("recap",)
        ),
        TurnInput(
            _timed_words(
                [
                    "Healthcare was new to me when I joined my current company too.",
                    "Within six months I was the one people asked about billing codes.",
                ]
            ),
            ("concern_answer",),
            concern=concern,
        ),
    ]
    by_meaning = analyze_rehearsal(turns, semantic=True).check("concerns")
    assert by_meaning is not None and "on topic" in by_meaning.detail
    assert all(e.turn == 2 for e in by_meaning.evidence)  # judged on its own turn only
    by_words = analyze_rehearsal(turns, semantic=False).check("concerns")
    assert by_words is not None and "off topic" in by_words.detail


def test_a_good_answer_is_quoted_by_its_evidence_not_its_opener() -> None:
    concern = "you have not worked in freight or logistics before."
    a = analyze_text(
        "That is a fair point. I have not worked in freight itself. But retail forecasting "
        "has the same seasonality. And I learned pharmacy supply in a few weeks when I "
        "switched two years ago.",
        expects=("concern_answer",),
        concern=concern,
        semantic=False,
    )
    (strength,) = [c for c in a.coaching if c.title == "Answered the concern"]
    assert [e.quote for e in strength.evidence] == [
        "And I learned pharmacy supply in a few weeks when I switched two years ago."
    ]
    (check,) = [c for c in a.checks if c.key == "concerns"]
    assert 'concern "you have not worked in freight or logistics before":' in check.detail


def test_a_drill_that_does_not_ask_for_concerns_still_says_what_its_row_means() -> None:
    """Trial s10 runB (the recap drill): the checklist's "Probe for concerns" row was blank.
    Trial 17: "never invited the interviewer's doubts" there read as a fault: it was not
    asked for."""
    from voicecoach.analysis import wording

    a = analyze_text("I have built demand forecasts for five years.", expects=["recap"])
    check = a.check("concerns")
    assert check is not None and check.detail == wording.DETAIL["not_asked"] == "not asked here"
    asked = analyze_text("Is there anything that gives you pause?", expects=["recap"])
    assert asked.check("concerns").detail == wording.DETAIL["concerns_asked"]  # type: ignore[union-attr]


def test_only_a_sure_plain_recap_counts_as_evidence() -> None:
    concern = "You have not worked in freight before."

    def said(claim: str, unclear: frozenset[str]) -> list[Sentence]:
        return [
            Sentence(0, "Yeah, I have not really done freight.", None, None, frozenset()),
            Sentence(1, claim, None, None, frozenset({"recap"}), None, None, unclear),
        ]

    plain = "I pick up new sectors fast."
    assert judge_concern(concern, said(plain, frozenset())).evidence
    assert not judge_concern(concern, said(plain, frozenset({"recap"}))).evidence
    # hedged: a recap by the labels (model (q) is sure of it), but nothing against the doubt
    assert not judge_concern(concern, said("I guess I could learn it.", frozenset())).evidence


def test_the_topic_verdict_is_kept_with_the_analysis_and_read_back() -> None:
    # the interviewer's reply to a check-back reads it (rehearsal.asked.check_back_line)
    from voicecoach.analysis import analyze_text
    from voicecoach.analysis.results import Analysis, ConcernVerdict

    doubt = "you have not managed a budget of this size before."
    a = analyze_text("I ran a two million pound budget for three years.", concern=doubt,
                     expects=("concern_answer",))  # fmt: skip
    assert a.concerns == (ConcernVerdict(doubt, None, a.concern_topic(doubt)),)
    assert a.concern_topic(doubt) in ("on", "off") and a.concern_topic("another") is None
    assert Analysis.from_dict(a.to_dict()) == a
    old = a.to_dict()
    del old["concerns"]  # stored before the field existed
    assert Analysis.from_dict(old).concerns == ()


# -- trial s30: an answer to the doubt said under a second voice of the same pitch. "I took
# over a team of nine in a month" came out "the little cover of the mode" (Whisper's word
# probabilities below), in an answer otherwise heard clearly; it was called off topic, and
# the candidate told to name the doubt they had named.
HEARD = (
    ("That", 0.43), ("is", 0.8), ("fair.", 0.64), ("At", 0.61), ("my", 0.94), ("last", 1.0),
    ("time,", 0.27), ("the", 0.55), ("little", 0.02), ("cover", 0.21), ("of", 0.59),
    ("the", 0.87), ("mode", 0.12), ("I", 0.69), ("did", 0.91), ("a", 0.23), ("month,", 0.95),
    ("and", 0.97), ("we", 0.99), ("closed", 0.99), ("the", 0.82), ("year", 0.96), ("with", 0.96),
    ("no", 0.99), ("missed", 0.9), ("payroll.", 0.93),
)  # fmt: skip
LED = "you have not led a team before, and this role has three direct reports."


def _heard(words: Sequence[tuple[str, float]]) -> Transcript:
    from voicecoach.transcript import Segment, Word

    timed = tuple(Word(w, 0.3 * i, 0.3 * i + 0.25, p) for i, (w, p) in enumerate(words))
    text = " ".join(w for w, _ in words)
    return Transcript(text, (Segment(text, 0.0, timed[-1].end_s, timed),), timed[-1].end_s)


def test_a_garbled_stretch_is_found_from_its_first_unsure_word_to_its_last() -> None:
    from voicecoach.analysis.analyzer import garbled_stretch
    from voicecoach.analysis.sentences import tokens_from_transcript

    tokens = tokens_from_transcript(_heard(HEARD))
    assert garbled_stretch(tokens) == "time, the little cover of the mode"
    # unsure words apart from each other are no stretch; nor is typed text
    apart = [(w, 0.2 if i % 3 == 0 else 0.9) for i, (w, _) in enumerate(HEARD)]
    assert garbled_stretch(tokens_from_transcript(_heard(apart))) == ""
    assert garbled_stretch(tokens_from_text(" ".join(w for w, _ in HEARD))) == ""


# The trial's answer with its clear tail about something else: since stop 33 the topic rule
# lets "we closed the year with no missed payroll" through for a doubt about leading a team
# (8 rivals better, the best by 0.08), so the tail below keeps the words heard off topic.
HEARD_OFF = (
    *HEARD[:16],
    ("and", 0.97), ("the", 0.95), ("office", 0.96), ("is", 0.97), ("close", 0.93),
    ("to", 0.95), ("my", 0.96), ("home.", 0.94),
)  # fmt: skip


@pytest.mark.parametrize("semantic_mode", [True, False])
def test_an_answer_off_the_doubt_with_a_garbled_stretch_is_not_judged(
    semantic_mode: bool,
) -> None:
    turn = TurnInput(_heard(HEARD_OFF), ("concern_answer",), concern=LED)
    check = analyze_rehearsal([turn], semantic=semantic_mode).check("concerns")
    assert check is not None and check.status == "unclear", check
    assert "not heard clearly" in check.detail and "little cover of the mode" in check.detail
    # the same words heard clearly are judged, and off topic
    clear = TurnInput(_heard([(w, 0.9) for w, _ in HEARD_OFF]), ("concern_answer",), concern=LED)
    judged = analyze_rehearsal([clear], semantic=semantic_mode).check("concerns")
    assert judged is not None and "off topic" in judged.detail, judged


def test_a_garbled_stretch_leaves_an_answer_on_the_doubts_topic_judged() -> None:
    said = [Sentence(0, "I led a team of nine for two years, and we hit every deadline.",
                     None, None, frozenset({"recap"}))]  # fmt: skip
    facts = judge_concern(LED, said, garbled="of the mode")
    assert facts.topic and not facts.unclear and facts.topic_verdict == "on"
    off = [Sentence(0, "We closed the year with no missed payroll.", None, None)]
    assert judge_concern(LED, off, garbled="of the mode").topic_verdict == "unclear"
    assert judge_concern(LED, off).topic_verdict == "off"


@pytest.mark.slow
def test_a_garbled_answer_leaves_a_clear_probe_in_the_same_turn_judged() -> None:
    probe = ["Is", "there", "anything", "that", "gives", "you", "pause?"]
    words = [*HEARD, *((w, 0.9) for w in probe)]
    turn = TurnInput(_heard(words), ("concern_answer", "concerns"), concern=LED)
    check = analyze_rehearsal([turn], semantic=True).check("concerns")
    assert check is not None and check.status == "done", check  # the parts judged: the probe
    assert "asked the interviewer for doubts" in check.detail, check.detail
    assert "not heard clearly" in check.detail, check.detail


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        # trial 48: the grant's own "I have spent" is no evidence, nor (trial 49) how long
        ("You're right, I have spent most of my career at small startups.", False),
        ("That's fair, I have worked at startups for most of my career.", False),
        ("You're right, I have spent six years at startups.", False),
        ("That's fair. I have worked at startups for eight years.", False),
        ("That's fair. I have worked at startups for 8 years.", False),
        ("Yes, I have spent my whole career at startups.", False),
        # a yes that answers the doubt, and evidence after a take-in
        ("Yes, I have spent six years in large companies too.", True),
        ("That's a fair point. At my last company I ran a team of forty.", True),
        # the grant said after a take-in of its own, or after a yes, is still a grant
        ("That's true. I spent most of my career at startups.", False),
        ("Yeah, I have mostly worked at startups.", False),
        ("That's fair. At my last company I led the move to a larger process.", True),
        ("Yes, I have worked in large companies too.", True),
        # ...and what was done there, past the grant, is evidence
        ("That's true. I spent most of my career at startups, where I built our process.", True),
        ("You're right, I have spent most of my career at startups where I led ops.", True),
        # stop 49: the grant said as a sentence of its own after the take-in, with no word
        # that concedes how much, is still the grant ...
        ("You're right. I have worked at startups.", False),
        ("That's fair. I've spent my career at small companies.", False),
        ("True. Most of my work was in agencies.", False),
        ("You're not wrong. I've worked in startups.", False),
        ("Right. I've been in startups my whole career.", False),
        # ... and what was done there, a count, a named job or an addition is evidence
        (
            "You're right. I led the planning rebuild at my last job, which cut forecast "
            "error by 20%.",
            True,
        ),
        ("That's true. I built the planning process at my last startup from nothing.", True),
        ("That's fair. I rolled out a formal review process across three teams.", True),
        ("That's fair. I have also worked at a large bank.", True),
        ("That's fair. But I am very comfortable with process.", True),
        ("True. I've also spent time at a large bank, where I owned the audit trail.", True),
        # a time with no count is no more than the grant; a count of years is evidence
        ("You're right, I've spent years at startups.", False),
        ("That's fair, I've been at small firms for years.", False),
        ("You're right, for many years I worked only at startups.", False),
        ("Yes, that's true, I've worked at startups for a good many years.", False),
        ("I hear you, my years at startups were mostly spent in small teams.", False),
        ("True, I spent twelve years at a 30-person startup.", True),
        # how many places, or the tenth, is where they were too (live trial 50: Whisper
        # wrote the count in figures); a figure past them is evidence
        ("That's fair. I have worked at 10 startups for 8 years.", False),
        ("That's fair. I can work 10th startup for 8 years.", False),
        ("You're right, I've worked in 4 agencies.", False),
        ("That's fair. I have worked at 3 small startups.", False),
        ("That's fair. At 3 startups I cut costs by 20%.", True),
        ("That's fair. I ran 3 offices with 200 staff.", True),
        # (how long, however itemised, is still where they were: the turn end waits the
        # long silence for more rather than cut a thinking pause)
        ("You're right, I spent two years at a startup before that and three at a bank.", False),
        ("Fair enough, I've spent years at startups, where I ran the monthly close.", True),
        ("You're right, I've been at startups for years, and I set up their budgeting.", True),
        # the most one has done is the gap granted, whatever the verb
        ("That's fair, the biggest budget I've owned was about two million, not twenty.", False),
        ("You're right, I've only led small teams.", False),
        # "so" and "because" go on from the take-in; "but" and "still" turn from it
        ("That's fair. So I have mostly worked at startups.", False),
        ("You're right. Because I have worked at startups.", False),
        ("That's fair. But I have worked at large companies too.", True),
        ("That's fair. Still, I built the review process my team follows.", True),
        # a limit granted, whatever its number; a course taken or a plan is more
        ("You're right, the biggest team I have managed was three people.", False),
        ("That's fair. I took a course on enterprise process last year.", True),
        ("That's fair. I would spend my first month learning your process.", True),
        ("You're right, I would say most of my work was at startups.", False),
        # no grant at all: the claim is the evidence
        ("I spent six years running a 40-person warehouse.", True),
    ],
)
def test_evidence_past_granting_the_doubt(answer: str, shown: bool) -> None:
    from voicecoach.analysis import analyze_text
    from voicecoach.analysis.concern import evidence_past_granting

    doubt = "Most of your experience is at startups, and we are a large company."
    a = analyze_text(answer, semantic=False, expects=("concern_answer",), concern=doubt)
    assert evidence_past_granting(a.sentences) is shown, answer


# Trial 48 (N4): the answer to a doubt, as Whisper wrote it live; its fourth sentence is a
# statement said rising, and Whisper wrote its "?"
SMALLER = "most of your experience is at much smaller companies than Northwind Freight."
RISING_IN_EVIDENCE = (
    "That's true, my companies have been smaller. But the work was not small. "
    "I built forecasts that covered 400 stores and two warehouses. {said} "
    "And I learned a new organization quickly by meeting the people who use the numbers."
)


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        # evidence said rising, in statement order: no question
        ("The nature was bigger than most teams see?", False),
        ("The data was bigger than most teams see?", False),
        ("My team handled ten times the volume of a normal startup?", False),
        ("We ran more stores than you would expect?", False),
        # a question in question order, a check-back, a tag, a fact about the company
        # checked, an open question: still questions
        ("Is that the main worry, or is there something else?", True),
        ("Does that answer it?", True),
        ("The volume here is much higher, right?", True),
        ("You are moving to a new planning platform next year?", True),
        ("How big is the analytics team?", True),
        # put to the interviewer about the job, in statement order: still questions
        ("The role would start in March?", True),
        ("You're hiring two people for this?", True),
        ("So the team here deals with the regulator directly?", True),
    ],
)
@pytest.mark.parametrize("semantic", [False, True])
def test_evidence_said_rising_in_an_answer_to_a_doubt_is_no_question(
    said: str, asked: bool, semantic: bool
) -> None:
    text = RISING_IN_EVIDENCE.format(said=said)
    a = analyze_text(text, expects=("concern_answer",), concern=SMALLER, semantic=semantic)
    (s,) = [s for s in a.sentences if s.text == said]
    assert ("question" in s.moves) is asked, (s.moves, s.question_form)
    # a statement-order question before any evidence is still one ("You mean...?")
    first = analyze_text(
        f"{said} I built forecasts that covered 400 stores.",
        expects=("concern_answer",), concern=SMALLER, semantic=False,
    )  # fmt: skip
    assert "question" in first.sentences[0].moves
    # ...and outside an answer to a doubt the "?" still asks
    plain = analyze_text(text, expects=("question",), semantic=False)
    assert "question" in next(s for s in plain.sentences if s.text == said).moves


def test_answered_the_concern_quotes_the_evidence_not_the_grant() -> None:
    """Live trial 49 (T4): the strength quoted "I have worked at startups for eight years."
    (the grant, which the evidence rule's "I have worked" and "years" also read) over the
    example that answered the doubt."""
    from voicecoach.analysis import analyze_text

    doubt = "your background is mostly in startups, and Northwind Freight has a lot more process."
    a = analyze_text(
        "That's fair. I have worked at startups for eight years. Still, at my last job I"
        " rebuilt the planning process for a 40-person team.",
        expects=("concern_answer",),
        concern=doubt,
    )
    (point,) = [p for p in a.coaching if p.title == "Answered the concern"]
    assert [e.quote for e in point.evidence] == [a.sentences[-1].text], point.evidence


SIZE_DOUBT = (
    "If I'm honest, most of your experience is at much smaller companies, and we have a lot "
    "of process here. How would you handle that?"
)


@pytest.mark.parametrize("use_model", [True, False])
@pytest.mark.parametrize(
    "answer",
    [
        "I've spent eight years at startups. At my last one I rebuilt the billing system.",
        "Small firms, yes, all of them. But I wrote the audit checklist my team still uses.",
        "It has been SMEs for a decade. I led our move onto a formal change board last year.",
    ],
)
def test_an_answer_that_names_a_size_of_company_is_on_a_doubt_about_size(
    answer: str, use_model: bool
) -> None:
    """Live trials 51 (M3) and 52 (M2): "I have worked at startups for eight years." was
    judged off topic for the doubt about "much smaller companies", by the embedding (it
    ranked other doubts above it) and by shared words (none). A company's size is one idea
    whatever its words (concern._SIZES), so naming one answers a doubt about size."""
    model = semantic.get_model() if use_model else None
    facts = judge_concern(SIZE_DOUBT, _sentences(answer, semantic_mode=use_model), model)
    assert facts.topic


@pytest.mark.parametrize("use_model", [True, False])
def test_a_size_said_against_a_doubt_about_something_else_bridges_nothing(use_model: bool) -> None:
    model = semantic.get_model() if use_model else None
    answer = "I spent three years at small firms and I love hiking at weekends."
    facts = judge_concern(
        "you have not worked with customers directly, and this role is client facing.",
        _sentences(answer, semantic_mode=use_model),
        model,
    )
    assert not facts.topic


@pytest.mark.parametrize(
    "answer",
    [
        "I sell to a small business owner every week, and I love hiking at weekends.",
        "Our customers were small firms. I enjoy cooking for friends.",
        "I design logos for startups in my spare time, and I play the violin.",
        "I love to cook, and I once catered for a large bank.",
    ],
)
def test_a_size_of_company_that_is_not_the_candidates_employer_bridges_nothing(
    answer: str,
) -> None:
    """Stop 53's review: any size named in the answer ("I sell to a small business") was on
    topic for the doubt about the size of company the candidate comes from; a size counts
    only as the candidate's own past employer ("at startups", "Small firms, yes"). By words
    alone: the sentence model's own verdict on these is its own (it puts each on topic)."""
    facts = judge_concern(SIZE_DOUBT, _sentences(answer, semantic_mode=False), None)
    assert not facts.topic
