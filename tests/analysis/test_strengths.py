"""The profile's strengths a recap names: other word forms, spelled-out acronyms, the
recogniser's mishearings, and strengths the candidate did not claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voicecoach.analysis import semantic
from voicecoach.analysis.lexicon import edit_distance
from voicecoach.analysis.recap import recap_context, strengths_in
from voicecoach.analysis.results import Sentence
from voicecoach.analysis.strengths import (
    base,
    clauses,
    described,
    names_strength,
    said_in,
    skeleton,
    strengths_named,
)
from voicecoach.profile import Profile


@pytest.mark.parametrize(
    ("strength", "recap"),
    [
        # inflections and derivations
        ("project leadership", "I led three projects through their final audit."),
        ("budget forecasting", "I forecast the budget for our region every quarter."),
        ("staff scheduling", "I scheduled forty nurses across three wards."),
        ("vendor negotiation", "I negotiated every one of our vendor contracts."),
        # hyphenated words in the recap or the strength
        ("order accuracy", "We cut mis-orders by a third on my shift."),
        ("front-end performance", "I made our front end twice as fast."),
        # an acronym spelled out, and digits said as words
        ("CRM migration", "I moved us to a new customer relationship management tool."),
        ("ERP rollout", "I ran the rollout of our enterprise resource planning system."),
        ("CPR Level 2", "I hold the level two certificate."),
        # the recogniser's spellings: a compound split, a vowel heard wrong, a glued prefix
        ("Kubernetes", "I run our clusters on cooper netties and kubernetis."),
        ("PowerShell", "I automated the whole fleet in power shell."),
        ("brake repair", "I've done breaks on every make of truck."),
        ("Salesforce", "I was the sales force admin for two years."),
        # an acronym said as a word, as Whisper writes it (trial 18)
        ("SQL", "sequel dashboards, yeah."),
        ("advanced SQL", "Five years of advanced sequel."),
        # half the words, as the labelled closings count it ("ten years on stick" for
        # "stick welding"), and the head carried by its own word
        ("stick welding", "I have ten years on stick and flux core."),
        ("industrial wiring", "Eight years as an electrician, industrial and commercial."),
        ("stakeholder communication", "I present to our stakeholders every month."),
        ("route planning", "I plan the routes for forty drivers."),
    ],
)
def test_a_strength_said_in_other_forms_is_named(strength: str, recap: str) -> None:
    assert names_strength(strength, said_in(recap)), (strength, recap)


@pytest.mark.parametrize(
    ("strength", "recap"),
    [
        # only the kind of work matches, not what it is about
        ("stakeholder management", "I manage a team of six engineers."),
        ("API testing", "I wrote the test plans for our mobile app."),
        ("risk management", "I have ten years of management experience."),
        # words that only look alike
        ("patient care", "I have spent my whole career in retail."),
        ("Unity", "I supervised two units of twelve people."),
        ("pricing", "I kept the kitchen's prep under control."),
        # nothing said about it
        ("SQL", "I built the dashboards the sales team uses."),
    ],
)
def test_a_strength_not_claimed_is_not_named(strength: str, recap: str) -> None:
    assert not names_strength(strength, said_in(recap)), (strength, recap)


def test_word_forms() -> None:
    assert base("leadership") == base("leader") == base("leading") == base("led") == "lead"
    assert base("managed") == base("management") == base("manager") == "manag"
    assert base("career") != base("care")
    assert skeleton("brake") == skeleton("break") == "brk"
    assert edit_distance("selenium", "selenum", 2) == 1
    assert edit_distance("python", "kotlin", 1) == 2  # stops once past the limit


def test_clauses_split_on_marks_and_joining_words() -> None:
    got = clauses(["I ran the night shift, and I trained the new starters so they stayed."])
    assert "I ran the night shift" in got
    assert "I trained the new starters" in got
    assert "they stayed." in got
    assert got[-1].startswith("I ran")  # the whole sentence is compared too


def test_named_keeps_the_profile_order() -> None:
    named, missed = strengths_named(
        ["I negotiated our renewals and kept retention above ninety percent."],
        ["retention", "SQL", "negotiation"],
    )
    assert named == ("retention", "negotiation")
    assert missed == ("SQL",)


def test_a_paraphrase_the_words_miss_is_named_by_meaning() -> None:
    model = semantic.get_model()
    recap = ["I guided the staff through two reorganisations."]
    named, _ = strengths_named(recap, ["change management", "food safety"], model)
    assert named == ("change management",)
    assert strengths_named(recap, ["change management"]) == ((), ("change management",))
    # managing people is not managing change, by meaning either
    other = ["I manage a team of six engineers."]
    assert strengths_named(other, ["change management"], model)[0] == ()


def _said(*parts: tuple[str, frozenset[str], int | None]) -> list[Sentence]:
    return [Sentence(i, text, None, None, moves, turn=turn) for i, (text, moves, turn) in
            enumerate(parts)]  # fmt: skip


def test_a_claim_cut_off_the_recap_is_read_for_strengths() -> None:
    recap, none = frozenset({"recap"}), frozenset[str]()
    said = _said(
        ("Okay, that's fair.", none, None),
        ("I only had the one placement on a surgical ward, but I loved it.", none, None),
        ("And my preceptor said I picked up the routines really quickly.", recap, None),
        ("What happens next?", frozenset({"question", "ask_for_job"}), None),
    )
    got = [s.text for s in recap_context(said)]
    assert got == [said[1].text, said[2].text]
    assert strengths_in(got, Profile(strengths=("surgical nursing",)))[0] == ("surgical nursing",)


@pytest.mark.parametrize(
    "beside",
    [
        "I haven't done cold calling before.",  # a denial
        "I know your team is moving into cold calling for enterprise accounts.",  # theirs
        "Cold calling is the part I'd most like to get better at.",  # a wish
        "Tell me about a time you struggled with cold calling.",  # the interviewer's line
        "My brother does cold calling.",  # not cut off the recap: no "and" goes on
    ],
)
def test_a_sentence_beside_the_recap_that_claims_nothing_is_not_read(beside: str) -> None:
    recap, none = frozenset({"recap"}), frozenset[str]()
    said = _said(
        (beside, none, 1),
        ("And I ran the inside sales desk for two years.", recap, 1),
    )
    assert [s.text for s in recap_context(said)] == [said[1].text]


def test_a_claim_in_another_turn_is_not_read() -> None:
    recap, none = frozenset({"recap"}), frozenset[str]()
    said = _said(
        ("I did some cold calling in college.", none, 2),
        ("And I ran the inside sales desk for two years.", recap, 1),
    )
    assert [s.text for s in recap_context(said)] == [said[1].text]


def _pairs(name: str) -> list[dict[str, object]]:
    path = Path(__file__).resolve().parents[1] / "data" / "strengths" / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("name", ["tuning", "heldout"])
def test_the_labelled_pairs_are_well_formed(name: str) -> None:
    rows = _pairs(name)
    kinds = {"paraphrase": True, "words": True, "near_miss": False, "opposite": False,
             "unrelated": False}  # fmt: skip
    for row in rows:
        assert set(row) == {"strength", "text", "named", "kind", "register"}, row
        assert kinds[str(row["kind"])] == row["named"], row
        assert row["register"] in {"written", "whisper"}, row
    assert len({(r["strength"], r["text"]) for r in rows}) == len(rows)
    # the halves share no strength: the held-out one tests strengths nothing was tuned on
    if name == "heldout":
        assert not {r["strength"] for r in rows} & {r["strength"] for r in _pairs("tuning")}


# Trial 47 (F6): "stakeholder communication" said in plain words was never credited.
PLAIN_COMMUNICATION = [
    "I can explain a forecast to people who never open a spreadsheet.",
    "And I can explain a model to managers who never open a spreadsheet.",
    "And I explain the numbers in plain words to the people who decide.",
    "And I explain results clearly to senior managers, every single month.",
]


@pytest.mark.parametrize("said", PLAIN_COMMUNICATION)
def test_stakeholder_communication_said_in_plain_words_is_named(said: str) -> None:
    strengths = ["SQL", "demand forecasting", "dashboards", "stakeholder communication"]
    for encoder in (None, semantic.get_model()):
        named, _ = strengths_named([said], strengths, encoder)
        assert "stakeholder communication" in named, (said, named)


@pytest.mark.parametrize(
    ("strength", "said"),
    [
        ("data visualisation", "I turn the sales figures into charts the buyers read at a glance."),
        ("SQL", "I write my own queries against the orders database."),
        ("project management", "I ran the warehouse migration and kept it on schedule."),
        ("vendor negotiation", "Every spring I push back on our suppliers' price rises."),
        ("people management", "I led a crew of fourteen on the night shift."),
    ],
)
def test_a_strength_said_in_everyday_words_is_named(strength: str, said: str) -> None:
    assert described(strength, said), (strength, said)
    assert strengths_named([said], [strength])[0] == (strength,)


@pytest.mark.parametrize(
    ("strength", "said"),
    [
        # a word of it mentioned, the work not claimed
        ("stakeholder communication", "The stakeholders signed off the budget in March."),
        ("stakeholder communication", "I built the dashboards that people actually open."),
        # a lack, said of the work in plain words
        ("stakeholder communication", "Presenting to senior people is what I find hard."),
        ("cold calling", "Picking up the phone to strangers is not my thing."),
        ("negotiation", "I find haggling really uncomfortable."),
        # somebody else's work
        ("dashboards", "Someone else on the team handled all the reporting screens."),
        # one word cannot carry two of the strength's: "manage" says "management" only
        ("stakeholder management", "I manage telecom projects in Senegal."),
    ],
)  # fmt: skip
def test_a_mention_a_lack_or_anothers_work_is_no_description(strength: str, said: str) -> None:
    assert not described(strength, said), (strength, said)


def test_the_plain_words_of_two_sentences_do_not_make_one_strength() -> None:
    recap = ["I wrote the code for the billing service.", "My manager gave it a good review."]
    assert not any(described("code review", s) for s in recap)


def _score(rows: list[dict[str, object]]) -> tuple[float, float]:
    model = semantic.get_model()
    got = [bool(strengths_named([str(r["text"])], [str(r["strength"])], model)[0]) for r in rows]
    tp = sum(g and bool(r["named"]) for g, r in zip(got, rows, strict=True))
    return tp / max(1, sum(got)), tp / sum(bool(r["named"]) for r in rows)


def test_plain_word_strengths_of_other_profiles_held_out() -> None:
    # stop 48's 48 held-out pairs (8 strengths of 8 kinds of job, none in its tuning half):
    # before, P .654 R .708 (17 of 24); with everyday words, P .710 R .917 (22 of 24)
    precision, recall = _score(_pairs("profiles_heldout"))
    assert recall >= 0.9 and precision >= 0.7, (precision, recall)


@pytest.mark.parametrize("name", ["profiles_tuning", "profiles_heldout"])
def test_the_labelled_pairs_of_other_profiles_are_well_formed(name: str) -> None:
    rows = _pairs(name)
    kinds = {"paraphrase": True, "words": True, "near_miss": False, "opposite": False,
             "unrelated": False}  # fmt: skip
    for row in rows:
        assert set(row) == {"strength", "text", "named", "kind", "register"}, row
        assert kinds[str(row["kind"])] == row["named"], row
    assert len(rows) == 48 and sum(bool(r["named"]) for r in rows) == 24
    if name == "profiles_heldout":
        assert not {r["strength"] for r in rows} & {
            r["strength"] for r in _pairs("profiles_tuning")
        }


@pytest.mark.parametrize(
    ("strength", "said"),
    [
        # one everyday word cannot carry two of the strength's words ("numbers" is listed
        # for both "data" and "analysis"): review, stop 48
        ("data analysis", "I love numbers."),
        ("data analysis", "And I think the numbers speak for themselves."),
        # a wish for the work is no claim of it
        ("stakeholder communication", "I would love the chance to present to your board."),
        ("stakeholder communication", "I want to brief the directors myself one day."),
        ("project management", "I would love to run a launch like that."),
        ("project management", "I am keen to run bigger rollouts in the future."),
        # the interview itself is no recruiting
        ("recruitment", "I prepared a lot for this interview."),
        ("recruiting", "I have an interview at another firm, but this is my first choice."),
        ("recruitment", "I know you have strong candidates, and I hope I stand out."),
    ],
)  # fmt: skip
def test_one_word_for_two_or_a_wish_is_no_description(strength: str, said: str) -> None:
    assert not described(strength, said), (strength, said)
    assert strengths_named([said], [strength])[0] == (), (strength, said)


@pytest.mark.parametrize(
    ("strength", "said"),
    [
        ("data analysis", "I dig into the sales figures every week to find what moves demand."),
        ("team leadership", "I'd bring what I learned leading a crew of twelve on nights."),
    ],
)
def test_each_word_carried_by_its_own_word_is_still_a_description(strength: str, said: str) -> None:
    assert described(strength, said), (strength, said)


@pytest.mark.parametrize(
    ("strength", "said"),
    [
        # a head that only says it is a skill needs no word of its own
        ("lone working", "I did rural calls in Norfolk by myself for three years."),
        ("communication skills", "I explain the changes to every new client myself."),
        # a consonant doubled before the ending ("spotting" for "spot")
        (
            "attention to detail",
            "As an auditor I was the one spotting the number that doesn't add up.",
        ),
        ("family liaison", "I rang the families every week before they had to ring me."),
        ("turnarounds", "I took on two sites that went from losses to profit in a year."),
        ("turnarounds", "We turned things around at the Leeds store in six months."),
    ],
)
def test_a_strength_in_everyday_words_of_stop_49(strength: str, said: str) -> None:
    assert described(strength, said), (strength, said)


@pytest.mark.parametrize(
    ("strength", "said"),
    [
        # "development" says what the strength does: a crew run is no team developed
        ("team development", "I ran a crew of twelve on nights."),
        ("lone working", "I would love to work on my own one day."),
        ("attention to detail", "I made a lot of mistakes in my first year."),
        ("turnarounds", "I turned around and walked back to the depot."),
    ],
)
def test_everyday_words_of_stop_49_claim_nothing_else(strength: str, said: str) -> None:
    assert not described(strength, said), (strength, said)


@pytest.mark.parametrize(
    ("word", "base_form"),
    [("spotting", "spot"), ("planning", "plan"), ("shipped", "ship"), ("billing", "bill"),
     ("missing", "miss"), ("adding", "add"), ("staffing", "staff")],
)  # fmt: skip
def test_a_doubled_consonant_is_undone_only_where_the_ending_doubled_it(
    word: str, base_form: str
) -> None:
    from voicecoach.analysis.strengths import base

    assert base(word) == base_form


@pytest.mark.parametrize(
    ("strength", "said"),
    [
        # with its skill word left out, a strength needs a sentence about work (a review)
        ("communication skills", "I talk to my kids every night."),
        ("lone working", "I came to the interview by myself."),
        ("lone working", "I live on my own so I can start whenever you need."),
        ("sales experience", "I sold my car last year."),
        ("teaching experience", "I showed my son how to ride a bike."),
        # a mistake made is no attention to detail; one caught is
        ("attention to detail", "I notice when I am tired I make a mistake."),
        ("attention to detail", "I caught covid last year so I made an error on the form."),
    ],
)
def test_everyday_life_describes_no_strength_whose_skill_word_is_left_out(
    strength: str, said: str
) -> None:
    assert not described(strength, said), (strength, said)


def test_mistakes_caught_are_attention_to_detail() -> None:
    assert described("attention to detail", "I always catch mistakes before invoices go out.")


@pytest.mark.parametrize(
    ("strength", "said"),
    [
        # work that names no workplace still describes the strength (0ab281e asked every
        # such sentence for a word of work, and these lost their credit: a review)
        ("communication skills", "I presented our results to the board every quarter."),
        ("communication skills", "I trained new hires and explained the process to them."),
        ("lone working", "I drove to farms on my own every day as a vet nurse."),
        ("sales experience", "I sold advertising space in my last position."),
        ("teaching experience", "I taught maths to year nine pupils."),
    ],
)
def test_work_that_names_no_workplace_describes_a_strength_whose_skill_word_is_left_out(
    strength: str, said: str
) -> None:
    assert described(strength, said), (strength, said)


def test_home_life_with_family_named_describes_no_such_strength() -> None:
    assert not described("communication skills", "I call my grandmother every Sunday.")


@pytest.mark.parametrize(
    "said",
    [
        # a mistake caught, with words between (0ab281e kept only "caught mistakes" and
        # the like word for word, and these lost their credit: a review)
        "I spotted a pricing error before it went out to customers.",
        "I caught a mistake in the payroll that would have cost us ten thousand.",
    ],
)
def test_a_mistake_caught_in_other_words_is_attention_to_detail(said: str) -> None:
    assert described("attention to detail", said)
