"""The thank-you draft from real sample closings (real audio, Whisper and analyzer), its
clipboard copy and its calendar reminder."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sessions_support as support
from click.testing import CliRunner

from voicecoach.analysis import rules
from voicecoach.analysis.names import TITLES
from voicecoach.analysis.results import Sentence
from voicecoach.cli import main
from voicecoach.review.followup import (
    EMAIL_MAX_WORDS,
    EMAIL_MIN_WORDS,
    FOLLOWUP_DUE_S,
    SENDER_PLACEHOLDER,
    TOPIC_PHRASES,
    FollowupEmail,
    draft_followup,
    format_due,
    from_candidate,
    repair_note,
    salutation,
)
from voicecoach.review.followup_facts import question_topics, time_phrase
from voicecoach.review.followup_send import copy_to_clipboard, ics_text, write_ics
from voicecoach.scenario import list_scenarios
from voicecoach.sessions.store import Session, Store
from voicecoach.settings import tomllib

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _shingles(text: str, n: int = 5) -> set[str]:
    words = re.findall(r"[a-z']+", text.lower())
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def _quoted(email: FollowupEmail, session: Session, store: Store) -> set[str]:
    """Runs of five words the email shares with what the candidate said and that are not
    the product's own wording ("I am very interested in this position" is both) or the
    interviewer's concern restated."""
    said = " ".join(t.transcript.text for t in session.turns if t.transcript)
    ours = _shingles(draft_followup(_bare_session(store)).body + " " + (email.concern or ""))
    return (_shingles(email.body) & _shingles(said)) - ours


@pytest.mark.parametrize(
    ("concern", "restated"),
    [
        ("You have not worked in freight or logistics before.",
         "I have not worked in freight or logistics before"),
        ("My one hesitation is that you have not worked in our industry. How would you "
         "address that?", "I have not worked in your industry"),
        ("most of your experience is at much smaller companies than Northwind.",
         "most of my experience is at much smaller companies than Northwind"),
        ("the role needs a lot of presenting, and I did not hear much from you about that.",
         "the role needs a lot of presenting, and you did not hear much from me about that"),
        ("you are new to SQL.", "I am new to SQL"),
    ],
)  # fmt: skip
def test_the_concern_is_restated_from_the_candidates_side(concern: str, restated: str) -> None:
    assert from_candidate(concern) == restated


@pytest.mark.slow
def test_strong_sample_draft_names_its_strengths_and_the_answered_concern(
    _home: Path,
    faster_transcriber,  # type: ignore[no-untyped-def]
) -> None:
    store = Store(_home)
    session = store.load(
        support.record_session(store, support.sample_answers("strong", faster_transcriber))
    )
    email = draft_followup(session, "Priya Shah")
    assert email.body.startswith("Dear Dana,")  # by first name, as after a conversation
    assert "senior data analyst role at Northwind Freight" in email.body
    assert email.subject == "Thank you: senior data analyst interview at Northwind Freight"
    assert email.body.endswith("Best regards,\nPriya Shah")
    assert email.strengths and all(s in support.PROFILE["strengths"] for s in email.strengths)
    assert all(s in email.body for s in email.strengths)
    assert email.concern == "I have not worked in freight before" and email.concern_answered
    assert "your openness about the point that I have not worked in freight" in email.body
    assert EMAIL_MIN_WORDS <= email.word_count <= EMAIL_MAX_WORDS
    assert _quoted(email, session, store) == set()  # built from what was done, not what was said
    # a fixed script answers no question: the topic she asked about is named as asked
    assert email.topics == ("success",)
    assert "the chance to ask about what success looks like in the role" in email.body
    assert email.due_at == pytest.approx(session.ended_at + FOLLOWUP_DUE_S)
    assert format_due(email, now=session.ended_at).endswith("(in 24 h 00 min)")
    assert "send it now" in format_due(email, now=email.due_at + 1)


@pytest.mark.slow
def test_weak_sample_draft_quotes_no_rambling(
    _home: Path,
    faster_transcriber,  # type: ignore[no-untyped-def]
) -> None:
    store = Store(_home)
    session = store.load(
        support.record_session(store, support.sample_answers("weak", faster_transcriber))
    )
    email = draft_followup(session)
    recap = next(t for t in session.turns if "recap" in t.expects)
    assert recap.transcript is not None and len(recap.transcript.text.split()) > 80  # rambling
    assert _quoted(email, session, store) == set()
    assert "a lot of different things" not in email.body and "bakery" not in email.body
    assert EMAIL_MIN_WORDS <= email.word_count <= EMAIL_MAX_WORDS
    # the concern was not answered well: the note offers to answer it, it does not claim to
    assert not email.concern_answered and "thought further" in email.body
    assert email.body.endswith(f"Best regards,\n{SENDER_PLACEHOLDER}")


def _bare_session(store: Store) -> Session:
    writer = store.create(scenario="recap", profile=None, engine="faster-whisper", model="tiny.en")
    writer.finish(status="interrupted", analysis=None)
    return store.load(writer.id)


@pytest.mark.parametrize(
    ("name", "greeted"),
    [("Dana Reyes", "Dana"), ("Dana", "Dana"), ("Dr. Wei Chen", "Dr. Wei Chen"),
     ("ms Reyes", "ms Reyes")],
)  # fmt: skip
def test_the_interviewer_is_greeted_by_first_name_unless_titled(name: str, greeted: str) -> None:
    assert salutation(name) == greeted


@pytest.mark.parametrize("title", sorted(TITLES))
def test_every_title_the_analyzer_knows_keeps_the_name_whole(title: str) -> None:
    """One list of titles (analysis.names.TITLES) for the email and the analyzer."""
    assert salutation(f"{title.capitalize()}. Wei Chen") == f"{title.capitalize()}. Wei Chen"


def test_draft_without_profile_or_recap(_home: Path) -> None:
    email = draft_followup(_bare_session(Store(_home)))
    assert email.body.startswith("Dear hiring team,") and email.strengths == ()
    assert email.concern is None and "[" not in email.body.replace(SENDER_PLACEHOLDER, "")
    assert EMAIL_MIN_WORDS <= email.word_count <= EMAIL_MAX_WORDS


def test_the_reminder_is_valid_icalendar_with_an_alarm(_home: Path, tmp_path: Path) -> None:
    import icalendar

    email = draft_followup(_bare_session(Store(_home)), "Priya Shah")
    path = write_ics(email, tmp_path / "followup.ics", now=email.session_ended_at)
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF line ends only
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded
    cal = icalendar.Calendar.from_ical(raw)
    (event,) = cal.walk("VEVENT")
    assert event.decoded("dtend").timestamp() == pytest.approx(email.due_at, abs=1)
    assert event.decoded("dtstart").timestamp() < email.due_at
    assert str(event["summary"]) == "Send the thank-you email to the interviewer"
    assert email.body in str(event["description"])  # unescaped and unfolded intact
    (alarm,) = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger").total_seconds() == -30 * 60
    assert ics_text(email, uid="a") != ics_text(email, uid="b")


def _tool(folder: Path, name: str, body: str) -> None:
    script = folder / name
    script.write_text(f"#!{sys.executable}\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_clipboard_uses_the_tool_there_is_and_never_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    monkeypatch.setenv("PATH", str(tools))
    assert copy_to_clipboard("hello").tool is None  # nothing installed
    _tool(tools, "xclip", "import sys; sys.stderr.write(\"Error: Can't open display\\n\"); "
          "sys.exit(1)")  # fmt: skip
    failed = copy_to_clipboard("hello")
    assert (failed.tool, failed.copied, failed.error) == (
        "xclip",
        False,
        "Error: Can't open display",
    )
    board = tmp_path / "board.txt"
    _tool(tools, "xsel", f"import sys; open({str(board)!r}, 'wb').write(sys.stdin.buffer.read())")
    done = copy_to_clipboard("Grüße")
    assert (done.tool, done.copied) == ("xsel", True)
    assert board.read_text(encoding="utf-8") == "Grüße"


def test_followup_command_signs_edits_copies_and_writes_the_reminder(
    _home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import icalendar

    session = _bare_session(Store(_home))
    editor = tmp_path / "editor.py"  # an $EDITOR that changes the sign-off in place
    editor.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('Best regards', 'Kind regards'))\n"
    )
    tools = tmp_path / "bin"
    tools.mkdir()
    board = tmp_path / "board.txt"
    _tool(
        tools, "wl-copy", f"import sys; open({str(board)!r}, 'wb').write(sys.stdin.buffer.read())"
    )
    ics = tmp_path / "remind.ics"
    env = {
        "EDITOR": f"{sys.executable} {editor}",
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
    }
    result = CliRunner().invoke(
        main,
        ["followup", session.id, "--from", "Priya Shah", "--edit", "--ics", str(ics)],
        env=env,
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "Kind regards,\nPriya Shah" in result.stdout and "Best regards" not in result.stdout
    assert "Copied to the clipboard (wl-copy)" in result.stderr
    assert "Kind regards,\nPriya Shah" in board.read_text(encoding="utf-8")
    (event,) = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert "Kind regards" in str(event["description"])
    # no clipboard tool at all: said, and still a success
    empty = tmp_path / "empty"
    empty.mkdir()
    plain = CliRunner().invoke(
        main, ["followup", session.id], env={"PATH": str(empty)}, catch_exceptions=False
    )
    assert plain.exit_code == 0 and "No clipboard tool found" in plain.stderr
    assert "Best regards,\n[Your name]" in plain.stdout
    # a reminder for a folder that does not exist: one line, and no email printed first
    nowhere = CliRunner().invoke(
        main, ["followup", session.id, "--no-copy", "--ics", str(tmp_path / "no" / "x.ics")]
    )
    assert nowhere.exit_code != 0 and "cannot write the calendar reminder" in nowhere.output
    assert "Best regards" not in nowhere.output and "Traceback" not in nowhere.output
    # ...said before $EDITOR opens, so nothing they write there is lost; a reminder that
    # fails once the email is edited (a read-only folder) shows the edited email first
    edited: list[str] = []

    def edit(text: str, **_: object) -> str:
        edited.append(text)
        return text.replace("Best regards", "Warmly, in my own words")

    import click

    monkeypatch.setattr(click, "edit", edit)
    args = ["followup", session.id, "--no-copy", "--edit", "--ics"]
    nowhere = CliRunner().invoke(main, [*args, str(tmp_path / "no" / "x.ics")])
    assert nowhere.exit_code != 0 and "no folder" in nowhere.output and not edited
    from voicecoach.errors import UserInputError
    from voicecoach.review import followup_send

    def refuse(email: object, path: Path) -> Path:
        raise UserInputError(f"{path}: cannot write the calendar reminder (read-only)")

    monkeypatch.setattr(followup_send, "write_ics", refuse)
    refused = CliRunner().invoke(main, [*args, str(tmp_path / "x.ics")])
    assert refused.exit_code != 0 and "cannot write the calendar reminder" in refused.output
    assert "Warmly, in my own words" in refused.output


# -- drafts from rehearsals as the user runs them: `voicecoach rehearse --answers ...` --------


@pytest.fixture(scope="module")
def rehearsed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Session]]:
    """The weak and the strong sample closes rehearsed through the real CLI (the reacting
    interviewer, Whisper, the analyzer, the store), as `voicecoach followup` finds them."""
    home = tmp_path_factory.mktemp("rehearsed-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VOICECOACH_HOME", str(home))
        for name in ("weak", "strong"):
            script = tomllib.loads((SAMPLES / f"{name}.toml").read_text(encoding="utf-8"))
            result = CliRunner().invoke(
                main,
                ["rehearse", "--no-audio", "--seed", "1", "--concern", script["concern"],
                 "--profile", str(SAMPLES / "profile.toml"), "--answers", str(SAMPLES / name)],
                catch_exceptions=False,
            )  # fmt: skip
            assert result.exit_code == 0, result.output
        store = Store(home)
        folders = sorted((home / "sessions").iterdir())
        yield {
            json.loads((f / "manifest.json").read_text())["sample"]: store.load(f.name)
            for f in folders
        }


def _sentences(body: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", body) if s.strip()]


@pytest.mark.slow
def test_strong_draft_names_the_topic_she_asked_about_and_the_timeline_given(
    rehearsed: dict[str, Session],
) -> None:
    session = rehearsed["strong"]
    reasons = [r for t in session.turns for r in t.reasons]
    assert "answered_topic:success" in reasons and "timeline_in_goodbye" in reasons
    email = draft_followup(session, "Priya Shah")
    # the question answered: success. The competitor's same-day push, heard as "How is the
    # analytics team responding to the same day delivery?", was placed on no topic (its
    # meaning is nearly as near the questions on no topic as the market's), so the draft
    # does not thank her for an answer on the market she was not given
    assert email.topics == ("success",)
    assert TOPIC_PHRASES["success"] in email.body and "market" not in email.body
    goodbye = next(t for t in session.turns if "timeline_in_goodbye" in t.reasons)
    # the interviewer's own time phrase, not a made-up one
    assert email.timeline and email.timeline in goodbye.prompt_text
    assert f"hearing from you {email.timeline}." in email.body
    assert email.repairs == () and repair_note(email) == ""  # she said all a close needs
    assert "To say it plainly" not in email.body
    assert EMAIL_MIN_WORDS <= email.word_count <= EMAIL_MAX_WORDS


@pytest.mark.slow
def test_weak_draft_says_the_interest_the_close_never_stated(
    rehearsed: dict[str, Session],
) -> None:
    session = rehearsed["weak"]
    assert session.analysis is not None
    interest = session.analysis.check("interest")
    assert interest is not None and interest.status == "missing"
    email = draft_followup(session)
    assert {"interest", "concern", "strengths"} <= set(email.repairs)
    assert "you want the role" in repair_note(email)  # the view and the report say why
    stated = [s for s in _sentences(email.body) if "interest" in rules.label(s).moves]
    assert any("Northwind Freight" in s and "I want this role" in s for s in stated)
    # the overtime question was deferred: a thank-you note leaves pay out
    assert email.topics == () and not re.search(r"overtime|pay\b|salary", email.body, re.I)
    assert email.timeline is None and "hearing about the next steps" in email.body
    assert EMAIL_MIN_WORDS <= email.word_count <= EMAIL_MAX_WORDS


@pytest.mark.slow
@pytest.mark.parametrize("name", ["weak", "strong"])
def test_no_sentence_the_analysis_marked_unclear_reaches_the_draft(
    rehearsed: dict[str, Session], name: str
) -> None:
    session = rehearsed[name]
    assert session.analysis is not None
    email = draft_followup(session)
    unclear = [s.text for s in session.analysis.sentences if s.unclear]
    if name == "strong":
        assert unclear  # "I really enjoyed it." and one more: the case is exercised
    for text in unclear:
        assert _shingles(text, 4).isdisjoint(_shingles(email.body, 4)), text


def test_a_question_is_named_only_when_the_analysis_judged_it_clearly() -> None:
    def asked(text: str, **kw: object) -> Sentence:
        fields = {"moves": frozenset({"question"}), "question_form": "open", **kw}
        return Sentence(0, text, None, None, **fields)  # type: ignore[arg-type]

    clear = asked("What is the team like day to day?")
    assert question_topics([clear]) == ["team"]
    assert question_topics([asked("What is the team like day to day?",
                                  unclear=frozenset({"question"}))]) == []  # fmt: skip
    assert question_topics([asked("The team?")]) == []  # a fragment
    assert question_topics([Sentence(1, "Push your team, announced in March.", None, None)]) == []


def test_the_timeline_phrase_survives_every_goodbye_line_of_the_bundled_scenarios() -> None:
    for scenario in list_scenarios():
        if scenario.reactions is None or scenario.reactions.topic("next_steps") is None:
            continue
        spec = scenario.reactions.topic("next_steps")
        assert spec is not None
        if spec.goodbye is None:  # no goodbye turn to hold it: the timeline is a reply
            assert scenario.turns[-1].id != "goodbye", scenario.name
            continue
        last = scenario.turns[-1]  # the goodbye, which the timeline comes just before
        goodbyes = list(last.phrasings) + [
            p for persona in scenario.reactions.personas
            for p in persona.turn_phrasings(last.id) or ()
        ]  # fmt: skip
        for line in spec.goodbye.default:
            when = time_phrase(line)
            assert when, line
            for goodbye in goodbyes:
                assert time_phrase(f"{line} {goodbye}") == when, (line, goodbye)


def _concerns_drill_session(store: Store, answers: list[str], concern: str, seed: int) -> Session:
    """The concerns drill as the rehearsal's turn loop saves it: typed ``answers``, the
    reacting interviewer's lines (with ``concern`` raised), the reply after the last."""
    from voicecoach.profile import load_profile
    from voicecoach.rehearsal.conversation import Conversation
    from voicecoach.scenario import load_scenario, plan

    profile = load_profile(SAMPLES / "profile.toml")
    scenario = load_scenario("concerns")
    talk = Conversation(scenario, plan(scenario, profile, seed, concern), profile=profile,
                        seed=seed, concern_forced=True, may_insert=False)  # fmt: skip
    return support.typed_conversation_session(store, "concerns", talk, answers)


# the concerns drill's next-steps replies, and the time phrase each gives
DRILL_TIMELINES = {
    "We finish our interviews this week, and you'll hear from us early next week.":
        "early next week",
    "We decide on Monday, and the recruiter will call you after that.": "on Monday",
}  # fmt: skip
# a doubt with a time phrase of its own, said right after the timeline
GAP_DOUBT = "you have been out of work for the last six months."


@pytest.mark.parametrize("seed", range(4))
def test_the_concerns_drill_timeline_reaches_the_draft(_home: Path, seed: int) -> None:
    # a user trial: the interviewer answered "What are the next steps?" at once (the drill
    # has no goodbye turn to hold it for), and the draft said "I look forward to hearing
    # about the next steps", as if no timeline had been given
    store = Store(_home)
    asked = "What are the next steps? And is there anything in my background that gives you pause?"
    answer = "That's fair. I spent those months finishing a data course, and I am ready to start."
    session = _concerns_drill_session(store, [asked, answer], GAP_DOUBT, seed)
    concern = session.turns[1]
    assert "answered_topic:next_steps" in concern.reasons, concern.reasons
    said = [line for line in DRILL_TIMELINES if line in concern.prompt_text]
    assert len(said) == 1 and concern.timeline == said[0]
    email = draft_followup(session, "Dana Reyes")
    assert email.timeline == DRILL_TIMELINES[said[0]]  # the interviewer's own, not the doubt's
    assert f"hearing from you {email.timeline}." in email.body
    assert "hearing about the next steps" not in email.body


def test_next_steps_asked_in_the_last_answer_reaches_the_draft(_home: Path) -> None:
    store = Store(_home)
    probe = "Is there anything in my background that gives you pause?"
    last = "I spent those months on a data course. What are the next steps?"
    session = _concerns_drill_session(store, [probe, last], GAP_DOUBT, 3)
    closing = session.turns[-1]
    assert closing.closing and "answered_topic:next_steps" in closing.reasons
    email = draft_followup(session)
    assert closing.timeline is not None and email.timeline == time_phrase(closing.timeline)
    assert email.timeline in DRILL_TIMELINES.values()
