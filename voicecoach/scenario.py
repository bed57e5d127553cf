"""Interviewer scripts as data: ``prompts/<name>.toml``, validated on load.

A scenario is a list of turns. Each turn has several phrasings (one is picked per run,
with a seed for repeatability), says what it expects from the candidate (a subset of
:data:`voicecoach.analysis.results.EXPECTS`), and may voice a concern drawn from a list::

    name = "concerns"
    title = "Probe for concerns, then answer one"
    description = "..."

    [[turns]]
    id = "probe"
    expects = ["concerns"]
    phrasings = ["Before we finish, is there anything else you would like to ask me?"]

    [[turns]]
    id = "concern"
    expects = ["concern_answer"]
    phrasings = ["Honestly, one thing gives me pause: {concern} How would you respond?"]
    concerns = ["you have not led a team as large as ours."]
    concern_chance = 1.0          # how often a concern is voiced (else no_concern_*)
    no_concern_phrasings = ["No, nothing stands out."]
    no_concern_expects = []
    clock = "recap"               # show the 20-30 s recap band while answering

Templates may use ``{company}``, ``{role}`` (a noun phrase: "the data analyst role"),
``{interviewer}`` (from the job profile, with neutral fallbacks: "the company", "this
role", "the interviewer") and, in concern turns, ``{concern}``.
"""

from __future__ import annotations

import random
import string
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voicecoach.analysis.results import EXPECTS
from voicecoach.errors import ConfigError
from voicecoach.scenario_reactions import Reactions, reactions_from_dict
from voicecoach.settings import read_toml

# The built-in scenarios: prompts/ beside the package in a clone or editable install; a
# wheel installs the same files under <prefix>/share/voicecoach/prompts (pyproject data-files).
_REPO_PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
_INSTALLED_PROMPTS = Path(sys.prefix) / "share" / "voicecoach" / "prompts"
PROMPTS_DIR = _REPO_PROMPTS if _REPO_PROMPTS.is_dir() else _INSTALLED_PROMPTS
DEFAULT_SCENARIO = "final-close"
CLOCKS = ("recap",)
FALLBACKS = {"company": "the company", "role": "this role", "interviewer": "the interviewer"}
PLACEHOLDERS = frozenset(FALLBACKS)
TOP_KEYS = {"name", "title", "description", "turns", "reactions", "personas"}
TURN_KEYS = {
    "id", "expects", "phrasings", "concerns", "concern_chance", "no_concern_phrasings",
    "no_concern_expects", "clock", "hint", "after_no_questions", "after_concern",
}  # fmt: skip


@dataclass(frozen=True)
class TurnSpec:
    id: str
    phrasings: tuple[str, ...]
    expects: tuple[str, ...]
    concerns: tuple[str, ...] = ()  # concerns the interviewer may voice ({concern})
    concern_chance: float = 1.0  # probability of voicing one when concerns are given
    no_concern_phrasings: tuple[str, ...] = ()  # said instead when no concern is voiced
    no_concern_expects: tuple[str, ...] = ()
    clock: str | None = None  # "recap": show the 20-30 s band while the candidate answers
    hint: str = ""  # shown under the prompt: what a good answer does
    # said instead, with [reactions], when the answer before it was asked for questions and
    # had none to answer: the line would invite "anything else?" a second time
    after_no_questions: tuple[str, ...] = ()
    # said instead, with [reactions], when a probe brought the concern turn ahead of this
    # one: the line then follows the answer to the doubt, whatever was asked before it
    after_concern: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    description: str
    turns: tuple[TurnSpec, ...]
    path: Path
    reactions: Reactions | None = None  # [reactions] and [personas]; None: a fixed script


@dataclass(frozen=True)
class Turn:
    """One turn as it will be spoken in this run."""

    n: int  # 1-based
    id: str
    text: str  # what the interviewer says
    expects: tuple[str, ...]
    concern: str | None = None  # the concern voiced in this turn, if any
    clock: str | None = None
    hint: str = ""
    reasons: tuple[str, ...] = ()  # why the interviewer said it (rehearsal.reactions.REASONS)
    # the reply after the session's last answer (rehearsal.closing): said, and the session
    # ends; no answer is recorded or coached after it
    closing: bool = False
    timeline: str | None = None  # the interviewer's next-steps line in it, as said


def scenario_dirs() -> tuple[Path, ...]:
    """Where scenarios are looked up: the user's ``<home>/prompts``, then the built-ins."""
    from voicecoach.settings import home_dir

    return (home_dir() / "prompts", PROMPTS_DIR)


def list_scenarios() -> tuple[Scenario, ...]:
    seen: dict[str, Scenario] = {}
    for folder in scenario_dirs():
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
            seen.setdefault(path.stem, load_scenario_file(path))
    return tuple(seen.values())


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A scenario by name (``final-close``) or by the path of a TOML file."""
    text = str(name_or_path)
    if text.endswith(".toml") or "/" in text or "\\" in text:
        return load_scenario_file(Path(text))
    for folder in scenario_dirs():
        path = folder / f"{text}.toml"
        if path.is_file():
            return load_scenario_file(path)
    names = sorted({p.stem for d in scenario_dirs() if d.is_dir() for p in d.glob("*.toml")})
    raise ConfigError(f"unknown scenario '{text}'; available: {', '.join(names) or 'none'}")


def load_scenario_file(path: Path) -> Scenario:
    data = read_toml(path, "scenario file", missing_fix="check the path")
    return scenario_from_dict(data, path)


def scenario_from_dict(data: Mapping[str, Any], path: Path) -> Scenario:
    _no_unknown(data, TOP_KEYS, path, "")
    turns_raw = data.get("turns")
    if not isinstance(turns_raw, list) or not turns_raw:
        raise ConfigError(f"{path}: key 'turns' must be a non-empty list of [[turns]] tables")
    turns = []
    for i, raw in enumerate(turns_raw):
        where = f"turns[{i}]"
        if not isinstance(raw, dict):
            raise ConfigError(f"{path}: key '{where}' must be a table")
        turns.append(_turn(raw, path, where))
    ids = [t.id for t in turns]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ConfigError(f"{path}: key 'turns.id' repeats {', '.join(dupes)}; make ids unique")
    return Scenario(
        name=_text(data, "name", path, "", default=path.stem),
        title=_text(data, "title", path, "", default=path.stem),
        description=_text(data, "description", path, "", default=""),
        turns=tuple(turns),
        path=path,
        reactions=reactions_from_dict(data, path, ids),
    )


def _turn(raw: Mapping[str, Any], path: Path, where: str) -> TurnSpec:
    _no_unknown(raw, TURN_KEYS, path, where + ".")
    concerns = _texts(raw, "concerns", path, where, required=False)
    phrasings = _texts(raw, "phrasings", path, where, required=True)
    chance = raw.get("concern_chance", 1.0)
    if not isinstance(chance, (int, float)) or isinstance(chance, bool) or not 0 <= chance <= 1:
        raise ConfigError(f"{path}: key '{where}.concern_chance' must be a number from 0 to 1")
    no_concern = _texts(raw, "no_concern_phrasings", path, where, required=False)
    if concerns and chance < 1 and not no_concern:
        raise ConfigError(
            f"{path}: key '{where}.no_concern_phrasings' is needed when concern_chance < 1"
        )
    after = _texts(raw, "after_no_questions", path, where, required=False)
    after_concern = _texts(raw, "after_concern", path, where, required=False)
    for key, texts in (
        ("phrasings", phrasings),
        ("no_concern_phrasings", no_concern),
        ("after_no_questions", after),
        ("after_concern", after_concern),
    ):
        allowed = PLACEHOLDERS | ({"concern"} if key == "phrasings" and concerns else set())
        for j, text in enumerate(texts):
            _check_template(text, allowed, path, f"{where}.{key}[{j}]")
    for j, text in enumerate(concerns):
        _check_template(text, PLACEHOLDERS, path, f"{where}.concerns[{j}]")
    hint = _text(raw, "hint", path, where + ".", default="")
    _check_template(hint, PLACEHOLDERS, path, f"{where}.hint")  # before any folder is made
    clock = raw.get("clock")
    if clock is not None and clock not in CLOCKS:
        raise ConfigError(f"{path}: key '{where}.clock' must be one of {', '.join(CLOCKS)}")
    return TurnSpec(
        id=_text(raw, "id", path, where + ".", default=None),
        phrasings=phrasings,
        expects=_expects(raw, "expects", path, where, required=True),
        concerns=concerns,
        concern_chance=float(chance),
        no_concern_phrasings=no_concern,
        no_concern_expects=_expects(raw, "no_concern_expects", path, where, required=False),
        clock=clock,
        hint=hint,
        after_no_questions=after,
        after_concern=after_concern,
    )


def plan(
    scenario: Scenario, profile: Any | None = None, seed: int = 0, concern: str | None = None
) -> tuple[Turn, ...]:
    """The turns as spoken in one run: phrasings and concerns picked with ``seed``.

    ``concern`` forces the concern voiced in concern turns (e.g. to match recorded answers).
    """
    rng = random.Random(seed)
    values = {key: (getattr(profile, key, "") or fallback) for key, fallback in FALLBACKS.items()}
    values["role"] = role_phrase(getattr(profile, "role", ""))
    turns = []
    for n, spec in enumerate(scenario.turns, start=1):
        voiced: str | None = None
        phrasings, expects = spec.phrasings, spec.expects
        if spec.concerns:
            if concern is not None or rng.random() < spec.concern_chance:
                voiced = _clause(concern) if concern else rng.choice(spec.concerns).format(**values)
            else:
                phrasings, expects = spec.no_concern_phrasings, spec.no_concern_expects
        text = rng.choice(phrasings).format(**values, concern=voiced or "")
        hint = spec.hint.format(**values) if spec.hint else ""
        turns.append(Turn(n, spec.id, " ".join(text.split()), expects, voiced, spec.clock, hint))
    return tuple(turns)


# A --concern of fewer words than this is a topic ("industry"), not a doubt the interviewer
# can voice after "My one hesitation is that" (trial 48: "...is that industry.").
CONCERN_MIN_WORDS = 3


def resolve_concern(scenario: Scenario, concern: str, profile: Any | None = None) -> str:
    """``--concern`` as the interviewer will voice it. A sentence is kept as given; a topic
    of a word or two is the one of the scenario's own doubts that names it ("industry":
    "you have not worked in our industry, ..."). Otherwise a UserInputError names the
    option and shows a sentence to give instead."""
    from voicecoach.analysis.lexicon import STOPWORDS, normalise, stem, words_of
    from voicecoach.errors import UserInputError

    words = words_of(concern)
    if not words:
        raise UserInputError(
            '--concern is empty: give the doubt as the sentence that follows "My one '
            "hesitation is that\", or leave the option out for one of the scenario's own"
        )
    # (counted with contractions spelled out: "you're overqualified" is a sentence)
    if len(words_of(normalise(concern))) >= CONCERN_MIN_WORDS:
        return concern
    values = {key: (getattr(profile, key, "") or fallback) for key, fallback in FALLBACKS.items()}
    values["role"] = role_phrase(getattr(profile, "role", ""))
    doubts = [d.format(**values) for t in scenario.turns for d in t.concerns]
    topic = {stem(w) for w in words if w not in STOPWORDS}
    named = [d for d in doubts if topic and topic <= {stem(w) for w in words_of(d)}]
    if len(named) == 1:
        return named[0]
    example = named[0] if named else doubts[0] if doubts else "you have not led a team this large."
    raise UserInputError(
        f'--concern "{concern}" names none of this scenario\'s doubts, and is too short to say '
        f'as one: give it as the sentence that follows "My one hesitation is that", e.g. '
        f'--concern "{example}"'
    )


def role_phrase(role: str) -> str:
    """``{role}`` as a noun phrase: "the senior data analyst role", or "this role"."""
    role = " ".join(role.split())
    if not role:
        return FALLBACKS["role"]
    if role.lower().startswith(("the ", "this ", "a ", "an ")):
        return role
    suffix = "" if role.lower().endswith(("role", "position", "job")) else " role"
    return f"the {role}{suffix}"


def _clause(text: str) -> str:
    """A concern given as a sentence, made to follow "...is that": lower first letter, end stop."""
    text = " ".join(text.split())
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and not text.startswith("I "):
        text = text[0].lower() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


# -- validation helpers ----------------------------------------------------------------
def _no_unknown(data: Mapping[str, Any], known: set[str], path: Path, where: str) -> None:
    for key in data:
        if key not in known:
            raise ConfigError(
                f"{path}: unknown key '{where}{key}'; known keys: {', '.join(sorted(known))}"
            )


def _text(data: Mapping[str, Any], key: str, path: Path, where: str, *, default: str | None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise ConfigError(f"{path}: key '{where}{key}' must be non-empty text")
    return value


def _texts(
    data: Mapping[str, Any], key: str, path: Path, where: str, *, required: bool
) -> tuple[str, ...]:
    value = data.get(key, [])
    ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    if not ok or (required and not value):
        need = "a non-empty list" if required else "a list"
        raise ConfigError(f"{path}: key '{where}.{key}' must be {need} of non-empty texts")
    return tuple(value)


def _expects(
    data: Mapping[str, Any], key: str, path: Path, where: str, *, required: bool
) -> tuple[str, ...]:
    value = data.get(key)
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: key '{where}.{key}' must be a list of: {', '.join(EXPECTS)}")
    unknown = [v for v in value if v not in EXPECTS]
    if unknown:
        raise ConfigError(
            f"{path}: key '{where}.{key}' has unknown {', '.join(unknown)}; "
            f"use: {', '.join(EXPECTS)}"
        )
    return tuple(value)


def _check_template(text: str, allowed: set[str] | frozenset[str], path: Path, where: str) -> None:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise ConfigError(
            f"{path}: key '{where}' is not a valid template ({exc}); write {{{{ for {{"
        ) from exc
    for f in fields:
        if f not in allowed:
            raise ConfigError(
                f"{path}: key '{where}' uses unknown placeholder {{{f}}}; use one of "
                + ", ".join("{" + a + "}" for a in sorted(allowed))
            )
