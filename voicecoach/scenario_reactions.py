"""The ``[reactions]`` and ``[personas]`` tables of a scenario file, parsed and validated.

Part of the scenario service (:mod:`voicecoach.scenario` calls it while loading a file).
Pure: it reads the dict ``tomllib`` made of the file (the caller reads the file) and raises
:class:`~voicecoach.errors.ConfigError` naming the file and the key at fault, in the style
of ``voicecoach.scenario``: ``final-close.toml: key 'reactions.topics.team.replies' ...``.
See docs/scenarios.md, "Reactions and personas", for the schema.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from voicecoach.analysis.topics import TOPICS
from voicecoach.errors import ConfigError

PLACEHOLDERS = frozenset({"company", "role", "interviewer"})
DEFAULT_PERSONA = "neutral"
_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
REACTION_KEYS = {
    "persona", "answer_at_most", "acknowledge", "topics", "unknown", "no_questions",
    "opening", "concern", "closing", "check_back", "check_back_off_topic",
    "check_back_conceded", "not_heard",
    "go_ahead", "repeat", "questions_again", "later", "main_doubt",
}  # fmt: skip
NOT_HEARD_KEYS = {"quiet", "second_voice", "unclear_words"}
CLOSING_KEYS = {"parting", "concern", "concern_again", "no_concern"}
TOPIC_KEYS = {"replies", "goodbye", "defer", "coaching", "keywords"}
PERSONA_KEYS = {
    "description", "speech_rate_wpm", "end_silence_s", "unprompted_concern_chance", "turns",
}  # fmt: skip


# What each reason code of a reacting interviewer means, for the replay, the report and
# `sessions show` ("<topic>" is filled with the topic id; the codes: rehearsal.reactions).
# The views show them in brackets: none holds brackets of its own (trial 17).
REASON_LABELS = {
    "answered_topic": "answered your question on {topic}",
    "answered_neutral": "gave a neutral reply to a question on no known topic",
    "deferred_pay_question": "deferred your question about pay, benefits or hours",
    "deferred_topic": "deferred your question on {topic}",
    "held_for_goodbye": "kept your question on {topic} for the goodbye",
    "timeline_in_goodbye": "gave the timeline of the next steps",
    "answered_in_goodbye": "answered your question on {topic} before the goodbye",
    "already_answered": "had already answered {topic}",
    "left_unanswered": "let further questions go",
    "acknowledged_for_later": "said another question of yours, heard clearly but on no topic "
    "it could answer, would be followed up",
    "doubt_was_the_main_one": "said the doubt it raised was its main one, as you asked",
    "acknowledged_no_questions": "noted you had no questions",
    "nudge_no_questions": "nudged you once to ask something, in an extra turn",
    "go_ahead_after_yes": "told you to go ahead after a bare yes, in an extra turn",
    "questions_invited_again": "asked for your questions again in an extra turn, after the "
    "doubt you asked about first",
    "repeated_on_request": "said the line again in an extra turn, because you asked",
    "concern_invited": "voiced a concern because you invited one",
    "concern_invited_late": "voiced a concern because you invited one, in an extra turn",
    "concern_unprompted": "raised a concern you had not invited",
    # ...after an answer not heard clearly, this one or earlier, or a question that may have
    # asked for concerns answered on its topic: it may have invited one
    "concern_unprompted_unheard": "raised a concern, though whether your answers invited one "
    "could not be told for sure",
    "no_concern_not_invited": "voiced no concern: you did not invite one",
    "opening_before_goodbye": "left one opening before the goodbye, in an extra turn",
    "concern_in_closing": "named a concern after your last answer, because you asked",
    "concern_again_in_closing": "pointed back to the concern already raised, because you asked",
    "no_concern_in_closing": "said nothing gave them pause, because you asked",
    "confirmed_check_back": "told you your answer was clear, when you checked it had landed",
    "check_back_off_topic": "said your answer missed the doubt they raised, when you checked it "
    "had landed",
    "check_back_conceded": "said your answer owned the gap but did not yet answer it, when you "
    "checked it had landed",
    "check_back_unclear": "said part of your answer was hard to make out, when you checked it "
    "had landed",
    "not_heard_quiet": "said your answer was hard to hear and replied to none of its words",
    "not_heard_second_voice": "said another voice drowned out part of your answer and replied "
    "to none of its words",
    "not_heard_unclear_words": "said they did not catch all of your answer and replied to none "
    "of its words",
    "scripted": "read the script's line",
    "end": "had nothing more to say",
}


def describe_reasons(reasons: Collection[str]) -> str:
    """Reason codes in words, e.g. "deferred your question about pay...; read the script's
    line"; unknown codes are shown as they are."""
    out = []
    unheard = any(r.startswith("not_heard_") for r in reasons)
    for code in reasons:
        key, _, topic = code.partition(":")
        if key == "concern_unprompted" and unheard:  # saved before its own code existed
            key = "concern_unprompted_unheard"
        label = REASON_LABELS.get(key)
        out.append(label.format(topic=topic.replace("_", " ")) if label else code)
    return "; ".join(out)


@dataclass(frozen=True)
class Lines:
    """Phrasing variants: a default list, and optionally a list per persona."""

    default: tuple[str, ...]
    by_persona: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def for_persona(self, persona: str) -> tuple[str, ...]:
        return dict(self.by_persona).get(persona, self.default)

    def pick(self, persona: str, rng: random.Random) -> str:
        return rng.choice(self.for_persona(persona))


@dataclass(frozen=True)
class TopicReplies:
    id: str
    replies: Lines | None  # said now; None only when the topic is answered in the goodbye
    goodbye: Lines | None = None  # said just before the goodbye (e.g. the timeline)
    defer: bool = False  # a polite deferral: no acknowledgement, and a coaching note
    coaching: str = ""  # what the coaching says about asking this at the close
    keywords: tuple[str, ...] = ()  # extra phrases that mark a question as this topic


@dataclass(frozen=True)
class Persona:
    name: str
    description: str = ""
    speech_rate_wpm: int | None = None  # None: the config's rate
    end_silence_s: float | None = None  # None: the config's end-of-answer silence
    unprompted_concern_chance: float = 0.0  # raise a concern nobody invited
    turns: tuple[tuple[str, tuple[str, ...]], ...] = ()  # turn id -> phrasings override

    def turn_phrasings(self, turn_id: str) -> tuple[str, ...] | None:
        return dict(self.turns).get(turn_id)


@dataclass(frozen=True)
class Closing:
    """The reply after the session's last answer, when that answer asked something: the
    answer (topic replies, the timeline, or one of the concern lines), then ``parting``."""

    parting: Lines  # a short goodbye after the reply; nothing is awaited after it
    concern: Lines  # asked for concerns, none raised before: one doubt ({concern}), briefly
    concern_again: Lines  # ...one was raised earlier in the session: pointed back to
    no_concern: Lines  # ...and there is none to raise ("nothing comes to mind")


# The reply to a check-back ("Does that answer your question?") in a scenario whose
# [reactions] table has no `check_back` lines: fits every form of the question.
DEFAULT_CHECK_BACK = Lines(("Yes, that's clear.",))
# ...when that answer was to a doubt the interviewer raised and the concerns check found it
# off the doubt's topic: no yes, and the doubt pointed back to ({concern}, in brief).
# A bare "Yes." to a prompt for more ("Anything you'd like to add?"): the candidate has
# something to say, so they are told to go ahead (an extra turn that asks the same).
DEFAULT_GO_AHEAD = Lines(("Sure, go ahead.",))
# The questions turn's answer only asked for the interviewer's doubts ("Before I ask my
# questions, is there anything that gives you pause?"): after the doubt and its answer,
# the interviewer comes back to the questions (an extra turn that asks for them).
DEFAULT_QUESTIONS_AGAIN = Lines(("Now, back to your questions. What would you like to ask me?",))
# A question heard word for word on no topic of the bank, asked beside one the interviewer
# answers (the neutral reply beside an answer would be a deflection in the same breath):
# acknowledged briefly, for a scenario whose [reactions] table has no `later` lines.
DEFAULT_LATER = Lines(("I'll pass your other question on, and someone will follow up.",))
# The answer to the doubt asks whether it is the interviewer's main one ("Is that the main
# worry, or is there something else?"): a short answer, for a scenario whose [reactions]
# table has no `main_doubt` lines.
DEFAULT_MAIN_DOUBT = Lines(("That's the main one. There's nothing else on my list.",))
# Said before the line itself when the candidate asks to hear it again, or to start over.
DEFAULT_REPEAT = Lines(("Of course.", "Sure."))
DEFAULT_CHECK_BACK_OFF_TOPIC = Lines(("I follow. My question, though, was about this: {concern}.",))
# ...after an answer that only admitted the gap ("I have not worked in freight."): on the
# doubt's topic, but no answer to it yet, so no plain yes (the coaching says the same)
DEFAULT_CHECK_BACK_CONCEDED = Lines(("That's honest. It does leave the gap itself open, though.",))


# Said after an answer the analysis could not trust (rehearsal.reactions: `unsure`), in
# place of any reply to its words, which may be made up or another person's. A statement
# (the next line follows it, or the parting line after the last answer), for a scenario
# whose [reactions] table has no `not_heard` lines.
DEFAULT_NOT_HEARD = {
    "quiet": Lines(("Sorry, you were very faint on my end, and I missed some of that.",)),
    "second_voice": Lines(
        ("Sorry, someone else was talking on your side, and I lost some of what you said.",)
    ),
    "unclear_words": Lines(("Sorry, I didn't quite catch all of that.",)),
}


@dataclass(frozen=True)
class Reactions:
    path: str
    persona: str  # the default persona's name
    answer_at_most: int
    personas: tuple[Persona, ...]
    unknown: Lines
    no_questions_ack: Lines
    nudge: Lines | None = None
    acknowledge: Lines | None = None
    topics: tuple[TopicReplies, ...] = ()
    opening: Lines | None = None
    concern_unprompted: Lines | None = None
    concern_not_invited: Lines | None = None
    # ...said instead after an answer not heard clearly or that made none of the moves its
    # turn asked for: no approval of it ("That helps me a lot." after "I do not know.")
    concern_not_invited_plain: Lines | None = None
    closing: Closing | None = None  # None: nothing is said after the last answer
    # a check-back on the answer ("Does that make sense?"): a short yes, and nothing else
    check_back: Lines = DEFAULT_CHECK_BACK
    # ...on an answer to a raised doubt that the concerns check found off its topic
    check_back_off_topic: Lines = DEFAULT_CHECK_BACK_OFF_TOPIC
    # ...on one that only admitted the gap, with no example that carries over or plan
    check_back_conceded: Lines = DEFAULT_CHECK_BACK_CONCEDED
    # an answer heard too quietly ("quiet") or over another voice ("second_voice"): it was
    # hard to hear, said instead of replying to words that may not be the candidate's
    not_heard_quiet: Lines = DEFAULT_NOT_HEARD["quiet"]
    not_heard_second_voice: Lines = DEFAULT_NOT_HEARD["second_voice"]
    # ...or so indistinctly that Whisper was unsure of many of its words ("unclear_words")
    not_heard_unclear_words: Lines = DEFAULT_NOT_HEARD["unclear_words"]
    go_ahead: Lines = DEFAULT_GO_AHEAD
    repeat: Lines = DEFAULT_REPEAT
    # after a doubt drawn by a probe that asked nothing of its own: the questions, asked for
    questions_again: Lines = DEFAULT_QUESTIONS_AGAIN
    # a question heard word for word on no known topic, asked beside one the interviewer
    # answers: acknowledged in a line, after the answers, rather than left unheard
    later: Lines = DEFAULT_LATER
    # the answer to the doubt asks if it is the main one: it is, and there is no other
    main_doubt: Lines = DEFAULT_MAIN_DOUBT

    def not_heard(self, why: str) -> Lines:
        """The lines for an answer not heard clearly, ``why``: "quiet", "second_voice" or
        "unclear_words"."""
        lines: Lines = getattr(self, f"not_heard_{why}")
        return lines

    def topic(self, topic_id: str) -> TopicReplies | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def keywords(self) -> dict[str, tuple[str, ...]]:
        return {t.id: t.keywords for t in self.topics if t.keywords}

    def get_persona(self, name: str | None = None) -> Persona:
        """The persona called ``name`` (the scenario's default for None)."""
        wanted = name or self.persona
        for p in self.personas:
            if p.name == wanted:
                return p
        names = ", ".join(p.name for p in self.personas)
        raise ConfigError(f"{self.path}: unknown persona '{wanted}'; this scenario has: {names}")


def reactions_from_dict(
    data: Mapping[str, Any], path: Path | str, turn_ids: Collection[str] = ()
) -> Reactions | None:
    """The reactions of a scenario's top-level table, or None when it has none.

    ``turn_ids``: the scenario's turn ids, to check persona turn overrides against.
    """
    raw, raw_personas = data.get("reactions"), data.get("personas")
    if raw is None:
        if raw_personas is not None:
            _fail(path, "personas", "needs a [reactions] table; add one or remove [personas]")
        return None
    _table(raw, path, "reactions")
    _known(raw, REACTION_KEYS, path, "reactions")
    personas = _personas(raw_personas, path, turn_ids)
    names = [p.name for p in personas]
    default = raw.get("persona", DEFAULT_PERSONA if DEFAULT_PERSONA in names else names[0])
    if default not in names:
        _fail(path, "reactions.persona", f"must be one of the personas: {', '.join(names)}")
    at_most = raw.get("answer_at_most", 2)
    if not isinstance(at_most, int) or isinstance(at_most, bool) or not 1 <= at_most <= 5:
        _fail(path, "reactions.answer_at_most", "must be a whole number from 1 to 5")
    no_q = raw.get("no_questions")
    if no_q is None:
        _fail(path, "reactions.no_questions", "is required: a table with 'acknowledge'")
    _table(no_q, path, "reactions.no_questions")
    _known(no_q, {"acknowledge", "nudge"}, path, "reactions.no_questions")
    concern = raw.get("concern", {})
    _table(concern, path, "reactions.concern")
    _known(concern, {"unprompted", "not_invited", "not_invited_plain"}, path, "reactions.concern")
    if "unknown" not in raw:
        _fail(path, "reactions.unknown", "is required: the neutral reply to an unknown topic")

    def lines(value: Any, key: str, extra: frozenset[str] = frozenset()) -> Lines:
        return _lines(value, path, key, names, PLACEHOLDERS | extra)

    def optional(value: Any, key: str, extra: frozenset[str] = frozenset()) -> Lines | None:
        return None if value is None else lines(value, key, extra)

    unprompted = optional(
        concern.get("unprompted"), "reactions.concern.unprompted", frozenset({"concern"})
    )
    if unprompted is not None:
        for who, texts in (("default", unprompted.default), *unprompted.by_persona):
            if any("{concern}" not in t for t in texts):
                _fail(path, f"reactions.concern.unprompted.{who}", "every line must say {concern}")
    return Reactions(
        path=str(path),
        persona=default,
        answer_at_most=at_most,
        personas=personas,
        unknown=lines(raw["unknown"], "reactions.unknown"),
        no_questions_ack=lines(no_q.get("acknowledge"), "reactions.no_questions.acknowledge"),
        nudge=optional(no_q.get("nudge"), "reactions.no_questions.nudge"),
        acknowledge=optional(raw.get("acknowledge"), "reactions.acknowledge"),
        topics=_topics(raw.get("topics", {}), path, names),
        opening=optional(raw.get("opening"), "reactions.opening"),
        concern_unprompted=unprompted,
        concern_not_invited=optional(concern.get("not_invited"), "reactions.concern.not_invited"),
        concern_not_invited_plain=optional(
            concern.get("not_invited_plain"), "reactions.concern.not_invited_plain"
        ),
        closing=_closing(raw.get("closing"), path, lines),
        check_back=optional(raw.get("check_back"), "reactions.check_back") or DEFAULT_CHECK_BACK,
        check_back_off_topic=optional(
            raw.get("check_back_off_topic"), "reactions.check_back_off_topic",
            frozenset({"concern"}),
        ) or DEFAULT_CHECK_BACK_OFF_TOPIC,
        check_back_conceded=optional(
            raw.get("check_back_conceded"), "reactions.check_back_conceded"
        ) or DEFAULT_CHECK_BACK_CONCEDED,
        **_not_heard(raw.get("not_heard", {}), path, lines),
        go_ahead=optional(raw.get("go_ahead"), "reactions.go_ahead") or DEFAULT_GO_AHEAD,
        repeat=optional(raw.get("repeat"), "reactions.repeat") or DEFAULT_REPEAT,
        questions_again=optional(raw.get("questions_again"), "reactions.questions_again")
        or DEFAULT_QUESTIONS_AGAIN,
        later=optional(raw.get("later"), "reactions.later") or DEFAULT_LATER,
        main_doubt=optional(raw.get("main_doubt"), "reactions.main_doubt") or DEFAULT_MAIN_DOUBT,
    )  # fmt: skip


def _not_heard(raw: Any, path: Path | str, lines: Callable[..., Lines]) -> dict[str, Lines]:
    _table(raw, path, "reactions.not_heard")
    _known(raw, NOT_HEARD_KEYS, path, "reactions.not_heard")
    return {
        f"not_heard_{key}": lines(raw[key], f"reactions.not_heard.{key}")
        if key in raw
        else DEFAULT_NOT_HEARD[key]
        for key in sorted(NOT_HEARD_KEYS)
    }


def _closing(raw: Any, path: Path | str, lines: Callable[..., Lines]) -> Closing | None:
    if raw is None:
        return None
    _table(raw, path, "reactions.closing")
    _known(raw, CLOSING_KEYS, path, "reactions.closing")
    for key in sorted(CLOSING_KEYS - set(raw)):
        _fail(path, f"reactions.closing.{key}", "is required in [reactions.closing]")
    where = "reactions.closing.concern"
    concern = lines(raw["concern"], where, frozenset({"concern"}))
    for who, texts in (("default", concern.default), *concern.by_persona):
        if any("{concern}" not in t for t in texts):
            _fail(path, f"{where}.{who}", "every line must say {concern}")
    return Closing(
        parting=lines(raw["parting"], "reactions.closing.parting"),
        concern=concern,
        concern_again=lines(raw["concern_again"], "reactions.closing.concern_again"),
        no_concern=lines(raw["no_concern"], "reactions.closing.no_concern"),
    )


def _topics(raw: Any, path: Path | str, personas: list[str]) -> tuple[TopicReplies, ...]:
    _table(raw, path, "reactions.topics")
    out = []
    for topic_id, spec in raw.items():
        where = f"reactions.topics.{topic_id}"
        _table(spec, path, where)
        _known(spec, TOPIC_KEYS, path, where)
        if not _NAME.match(topic_id):
            _fail(path, where, "a topic id is lower-case letters, digits, '_' or '-'")
        keywords = spec.get("keywords", [])
        if not isinstance(keywords, list) or not all(
            isinstance(k, str) and k.strip() for k in keywords
        ):
            _fail(path, f"{where}.keywords", "must be a list of non-empty phrases")
        if topic_id not in TOPICS and not keywords:
            _fail(path, where, f"is not a built-in topic ({', '.join(TOPICS)}); give it 'keywords'")
        defer, coaching = spec.get("defer", False), spec.get("coaching", "")
        if not isinstance(defer, bool):
            _fail(path, f"{where}.defer", "must be true or false")
        if not isinstance(coaching, str):
            _fail(path, f"{where}.coaching", "must be text")
        replies = spec.get("replies")
        goodbye = spec.get("goodbye")
        if replies is None and goodbye is None:
            _fail(path, where, "needs 'replies', 'goodbye' or both")
        if defer and goodbye is not None:
            _fail(path, f"{where}.goodbye", "cannot be used with defer = true")

        def lines(value: Any, key: str) -> Lines | None:
            return None if value is None else _lines(value, path, key, personas, PLACEHOLDERS)

        replies_lines = lines(replies, f"{where}.replies")
        goodbye_lines = lines(goodbye, f"{where}.goodbye")
        out.append(
            TopicReplies(topic_id, replies_lines, goodbye_lines, defer, coaching, tuple(keywords))
        )
    return tuple(out)


def _personas(raw: Any, path: Path | str, turn_ids: Collection[str]) -> tuple[Persona, ...]:
    if raw is None:
        return (Persona(DEFAULT_PERSONA),)
    _table(raw, path, "personas")
    if not raw:
        _fail(path, "personas", "must define at least one persona")
    out = []
    for name, spec in raw.items():
        where = f"personas.{name}"
        if not _NAME.match(name) or name == "default":
            _fail(
                path,
                where,
                "a persona name is lower-case letters, digits, '_' or '-' (not 'default')",
            )
        _table(spec, path, where)
        _known(spec, PERSONA_KEYS, path, where)
        desc = spec.get("description", "")
        if not isinstance(desc, str):
            _fail(path, f"{where}.description", "must be text")
        rate = spec.get("speech_rate_wpm")
        if rate is not None and (
            not isinstance(rate, int) or isinstance(rate, bool) or not 80 <= rate <= 300
        ):
            _fail(
                path,
                f"{where}.speech_rate_wpm",
                "must be a whole number of words a minute, 80 to 300",
            )
        wait = _number(spec, "end_silence_s", path, where, 0.5, 15.0)
        chance = _number(spec, "unprompted_concern_chance", path, where, 0.0, 1.0)
        turns = spec.get("turns", {})
        _table(turns, path, f"{where}.turns")
        overrides = []
        for turn_id, texts in turns.items():
            key = f"{where}.turns.{turn_id}"
            if turn_ids and turn_id not in turn_ids:
                _fail(path, key, f"names no turn; turn ids are: {', '.join(turn_ids)}")
            if (
                not isinstance(texts, list)
                or not texts
                or not all(isinstance(t, str) and t.strip() for t in texts)
            ):
                _fail(path, key, "must be a non-empty list of non-empty texts")
            for j, text in enumerate(texts):
                _check_template(text, PLACEHOLDERS, path, f"{key}[{j}]")
            overrides.append((turn_id, tuple(texts)))
        out.append(
            Persona(name, desc, rate, wait, 0.0 if chance is None else chance, tuple(overrides))
        )
    return tuple(out)  # fmt: skip


def _lines(
    value: Any, path: Path | str, key: str, personas: list[str], allowed: frozenset[str]
) -> Lines:
    """A list of texts, or a table ``{default = [...], <persona> = [...]}``."""
    if isinstance(value, dict):
        if "default" not in value:
            _fail(path, f"{key}.default", "is required when the lines are given per persona")
        for name in value:
            if name != "default" and name not in personas:
                _fail(path, f"{key}.{name}", f"names no persona; personas: {', '.join(personas)}")
        by = {name: _texts(v, path, f"{key}.{name}", allowed) for name, v in value.items()}
        default = by.pop("default")
        return Lines(default, tuple(by.items()))
    return Lines(_texts(value, path, key, allowed))


def _texts(value: Any, path: Path | str, key: str, allowed: frozenset[str]) -> tuple[str, ...]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        _fail(
            path,
            key,
            "must be a non-empty list of non-empty texts (or a table of such lists per persona)",
        )
    for j, text in enumerate(value):
        _check_template(text, allowed, path, f"{key}[{j}]")
    return tuple(" ".join(v.split()) for v in value)


def _number(
    spec: Mapping[str, Any], name: str, path: Path | str, where: str, lo: float, hi: float
) -> float | None:
    value = spec.get(name)
    if value is None:
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not lo <= value <= hi:
        _fail(path, f"{where}.{name}", f"must be a number from {lo:g} to {hi:g}")
    return float(value)


def _check_template(text: str, allowed: frozenset[str], path: Path | str, key: str) -> None:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        _fail(path, key, f"is not a valid template ({exc}); write {{{{ for {{")
    for f in fields:
        if f not in allowed:
            use = ", ".join("{" + a + "}" for a in sorted(allowed))
            _fail(path, key, f"uses unknown placeholder {{{f}}}; use one of {use}")


def _table(value: Any, path: Path | str, key: str) -> None:
    if not isinstance(value, dict):
        _fail(path, key, "must be a table")


def _known(data: Mapping[str, Any], known: set[str], path: Path | str, where: str) -> None:
    for key in data:
        if key not in known:
            _fail(path, f"{where}.{key}", f"is unknown; known keys: {', '.join(sorted(known))}")


def _fail(path: Path | str, key: str, problem: str) -> NoReturn:
    raise ConfigError(f"{path}: key '{key}' {problem}")
