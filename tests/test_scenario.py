"""Interviewer scripts: the built-in scenarios, seeded variation, and malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from voicecoach.analysis.results import EXPECTS
from voicecoach.errors import ConfigError, UserInputError
from voicecoach.profile import Profile
from voicecoach.scenario import list_scenarios, load_scenario, plan, resolve_concern

PROFILE = Profile(role="data analyst", company="Northwind Freight", interviewer="Dana Reyes")


def test_builtin_scenarios_load_and_expect_known_moves() -> None:
    names = {s.name for s in list_scenarios()}
    assert {"final-close", "recap", "concerns", "ask"} <= names
    for s in list_scenarios():
        for t in s.turns:
            assert t.phrasings and set(t.expects) <= set(EXPECTS)


def test_final_close_follows_the_playbook_order() -> None:
    turns = load_scenario("final-close").turns
    assert [t.expects for t in turns] == [
        ("question",),
        ("recap", "concerns"),
        ("concern_answer",),
        ("interest", "ask_for_job"),
        ("thanks",),
    ]
    assert turns[1].clock == "recap"
    assert len(turns[2].concerns) >= 3 and turns[2].no_concern_phrasings


def test_lines_after_an_unjudged_answer_never_approve_it() -> None:
    """A turn's line follows whatever the candidate said before it: trial 9 (stop 32) heard
    "Wonderful." after a bare "Yes." and after an answer about the traffic."""
    approving = ("great", "wonderful", "perfect", "excellent", "good to hear", "glad")
    for s in list_scenarios():
        for t in s.turns[1:]:
            lines = (*t.phrasings, *t.after_no_questions, *t.after_concern)
            for line in (*lines, *t.no_concern_phrasings):
                opening = line.split(".")[0].split(",")[0].lower()
                assert not any(word in opening for word in approving), (s.name, line)


def test_an_acknowledgement_does_not_run_into_the_line_after_it() -> None:
    """Trial 17: the tough interviewer said "Alright then. Then let me turn it around"
    after a declined invitation to ask: the acknowledgement's last word began the line."""
    for s in list_scenarios():
        if s.reactions is None:
            continue
        personas = {"default", *(p for p, _ in s.reactions.no_questions_ack.by_persona)}
        acks = {a for p in personas for a in s.reactions.no_questions_ack.for_persona(p)}
        for t in s.turns[1:]:
            for ack in acks:
                last = ack.rstrip(".!").split()[-1].lower()
                for line in t.after_no_questions:
                    first = line.split()[0].strip(",.").lower()
                    assert last != first, (s.name, ack, line)


def test_recap_drill_shows_the_clock() -> None:
    (turn,) = load_scenario("recap").turns
    assert turn.clock == "recap" and turn.expects == ("recap",)


def test_same_seed_same_plan_and_seeds_vary_it() -> None:
    s = load_scenario("final-close")
    assert plan(s, PROFILE, 7) == plan(s, PROFILE, 7)
    texts = {tuple(t.text for t in plan(s, PROFILE, seed)) for seed in range(12)}
    assert len(texts) > 4


def test_profile_fills_the_templates() -> None:
    s = load_scenario("recap")
    texts = " ".join(t.text for seed in range(20) for t in plan(s, PROFILE, seed))
    assert "Northwind Freight" in texts and "the data analyst role" in texts
    assert "{" not in texts
    plain = " ".join(t.text + t.hint for seed in range(20) for t in plan(s, None, seed))
    assert "{" not in plain and "None" not in plain and "this role role" not in plain


def test_every_template_reads_well_with_and_without_a_profile() -> None:
    for profile in (PROFILE, None):
        for s in list_scenarios():
            for seed in range(12):
                for t in plan(s, profile, seed):
                    text = f"{t.text} {t.hint}"
                    for bad in ("the the", "the this", "role role", "role position", "  "):
                        assert bad not in text, (s.name, text)


def test_without_a_profile_the_goodbye_names_no_stand_in_company() -> None:
    # trial 16 (S02, no profile): "I will share my notes with the team at the company."
    for s in list_scenarios():
        for seed in range(12):
            for t in plan(s, None, seed):
                if t.expects == ("thanks",):
                    assert "the company" not in t.text, (s.name, t.text)


def test_concern_turn_voices_a_concern_or_none() -> None:
    s = load_scenario("final-close")
    seen_concern = seen_none = False
    for seed in range(30):
        turn = plan(s, PROFILE, seed)[2]
        if turn.concern:
            seen_concern = True
            assert turn.concern in turn.text and turn.expects == ("concern_answer",)
        else:
            seen_none = True
            assert turn.expects == ("interest",)
    assert seen_concern and seen_none


def test_forced_concern_reads_as_a_clause() -> None:
    turn = plan(load_scenario("concerns"), None, 1, "You have not worked in freight before")[1]
    assert turn.concern == "you have not worked in freight before."
    assert "you have not worked in freight before." in turn.text


@pytest.mark.parametrize(
    ("topic", "doubt"),
    [
        ("industry", "you have not worked in our industry, and the learning curve here is steep."),
        ("Budget", "you have not managed a budget of this size before."),
        ("smaller companies", "most of your experience is at much smaller companies than"),
    ],
)
def test_a_concern_given_as_a_topic_is_the_scenarios_doubt_that_names_it(
    topic: str, doubt: str
) -> None:
    # trial 48: --concern industry was voiced "My one hesitation is that industry."
    s = load_scenario("final-close")
    voiced = resolve_concern(s, topic, PROFILE)
    assert voiced.startswith(doubt), voiced
    turn = plan(s, PROFILE, 1, voiced)[2]
    assert turn.concern == voiced and doubt in turn.text and f"that {topic}." not in turn.text
    # a sentence is the user's own, kept as given
    own = "You have not worked in freight before"
    assert resolve_concern(s, own, PROFILE) == own


@pytest.mark.parametrize("doubt", ["you're overqualified", "you're junior", "it's remote"])
def test_a_short_doubt_with_a_contraction_is_a_sentence_kept_as_given(doubt: str) -> None:
    # two words as typed, three as said: not a topic to refuse
    assert resolve_concern(load_scenario("final-close"), doubt, PROFILE) == doubt


@pytest.mark.parametrize(("scenario", "topic"), [("final-close", "visa"), ("concerns", "industry")])
def test_a_topic_no_doubt_of_the_scenario_names_is_refused_with_a_sentence_to_give(
    scenario: str, topic: str
) -> None:
    with pytest.raises(UserInputError) as caught:
        resolve_concern(load_scenario(scenario), topic, PROFILE)
    message = str(caught.value)
    assert message.startswith(f'--concern "{topic}" names none of this scenario'), message
    assert "\n" not in message
    assert 'e.g. --concern "you ' in message  # one of the scenario's own doubts, to copy


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("name = 'x'\n[[turns]\n", "not valid TOML"),
        ("name = 'x'\n", "key 'turns'"),
        (
            "colour = 'red'\n[[turns]]\nid='a'\nexpects=[]\nphrasings=['Hi']\n",
            "unknown key 'colour'",
        ),
        ("[[turns]]\nid='a'\nexpects=['hug']\nphrasings=['Hi']\n", r"turns\[0\]\.expects.*hug"),
        ("[[turns]]\nid='a'\nexpects=['thanks']\nphrasings=[]\n", r"turns\[0\]\.phrasings"),
        (
            "[[turns]]\nid='a'\nexpects=['thanks']\nphrasings=['Hi {boss}']\n",
            r"placeholder \{boss\}",
        ),
        ("[[turns]]\nexpects=['thanks']\nphrasings=['Hi']\n", r"turns\[0\]\.id"),
        (
            "[[turns]]\nid='a'\nexpects=['thanks']\nphrasings=['{concern}']\nconcerns=['x']\n"
            "concern_chance=2\n",
            r"turns\[0\]\.concern_chance",
        ),
        ("[[turns]]\nid='a'\nexpects=['thanks']\nphrasings=['Hi']\nclock='egg'\n", r"clock"),
        (
            "[[turns]]\nid='a'\nexpects=['recap']\nphrasings=['Hi']\n"
            "after_no_questions=['Why {concern}?']\n",
            r"turns\[0\]\.after_no_questions\[0\].*\{concern\}",
        ),
    ],
)
def test_malformed_scenario_names_file_and_key(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=match) as err:
        load_scenario(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_unknown_scenario_lists_the_available_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown scenario 'nope'.*final-close"):
        load_scenario("nope")


def test_user_scenarios_in_the_data_dir(_home: Path) -> None:
    folder = _home / "prompts"
    folder.mkdir()
    (folder / "mine.toml").write_text(
        "title = 'Mine'\n[[turns]]\nid='t'\nexpects=['thanks']\nphrasings=['Bye, {interviewer}.']\n"
    )
    assert plan(load_scenario("mine"), PROFILE)[0].text == "Bye, Dana Reyes."


def test_cli_malformed_scenario_is_a_one_line_error(tmp_path: Path) -> None:
    from voicecoach.cli import main

    bad = tmp_path / "broken.toml"
    bad.write_text("[[turns]]\nid='a'\nexpects=['nope']\nphrasings=['Hi']\n")
    result = CliRunner().invoke(main, ["rehearse", str(bad), "--no-audio"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and str(bad) in result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1


def test_the_documented_example_scenario_loads(tmp_path: Path) -> None:
    doc = (Path(__file__).parent.parent / "docs" / "scenarios.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "budget-close.toml"
    path.write_text(example, encoding="utf-8")
    scenario = load_scenario(str(path))
    assert [t.id for t in scenario.turns] == ["recap", "concern"]
    assert scenario.turns[0].clock == "recap" and scenario.turns[1].concern_chance == 0.8


def test_the_interviewers_reasons_hold_no_brackets_of_their_own() -> None:
    """Trial 17: the replay read "(asked for your questions again, after the doubt you
    asked about first (an extra turn))": the views put the reasons in brackets."""
    from voicecoach.scenario_reactions import REASON_LABELS

    for code, label in REASON_LABELS.items():
        assert "(" not in label and ")" not in label, (code, label)


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_concern_is_refused_naming_the_option(blank: str) -> None:
    from voicecoach.errors import UserInputError

    with pytest.raises(UserInputError, match="--concern is empty"):
        resolve_concern(load_scenario("final-close"), blank, PROFILE)
