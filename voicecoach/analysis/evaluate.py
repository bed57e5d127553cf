"""Measure the move labeller against labelled sentences and whole closings.

Sentence sets are JSON lines: ``{"text": ..., "moves": [...], "question_form": "open" |
"yes_no" | null}``. Closing files are TOML with the candidate's text and an ``[expected]``
table of check statuses; see :func:`evaluate_closings`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach.analysis.results import MOVES
from voicecoach.errors import ConfigError
from voicecoach.transcript import Transcript

if TYPE_CHECKING:
    from voicecoach.analysis.results import Analysis
    from voicecoach.profile import Profile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

FORMS = ("open", "yes_no")


@dataclass(frozen=True)
class Example:
    text: str
    moves: frozenset[str]
    question_form: str | None


@dataclass(frozen=True)
class Score:
    label: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass(frozen=True)
class SentenceReport:
    path: str
    count: int
    scores: tuple[Score, ...]  # one per move, then one per question form
    errors: tuple[tuple[str, str, str], ...] = ()  # (text, expected, got) for each miss

    def score(self, label: str) -> Score:
        return next(s for s in self.scores if s.label == label)


@dataclass(frozen=True)
class ClosingReport:
    path: str
    checks: int
    correct: int
    misses: tuple[str, ...] = field(default=())  # "file: key expected X, got Y"
    unclear: int = 0  # checks the analyzer marked "unclear" (neither right nor wrong)

    @property
    def accuracy(self) -> float:
        """Right among the checks the analyzer decided."""
        decided = self.checks - self.unclear
        return self.correct / decided if decided else 1.0

    @property
    def unclear_rate(self) -> float:
        return self.unclear / self.checks if self.checks else 0.0


Labeller = Callable[[Sequence[str]], Sequence[tuple[frozenset[str], str | None]]]


def load_examples(path: Path) -> list[Example]:
    """Read a JSON-lines sentence set; :class:`ConfigError` names the file and line."""
    examples = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the evaluation set ({exc}); check --set") from exc
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            moves = frozenset(row.get("moves", ()))
            examples.append(Example(str(row["text"]), moves, row.get("question_form")))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}: line {i} is not a labelled sentence ({exc})") from exc
        unknown = moves - set(MOVES)
        if unknown:
            raise ConfigError(f"{path}: line {i} has unknown move(s) {sorted(unknown)}")
        if examples[-1].question_form not in (*FORMS, None):
            raise ConfigError(
                f"{path}: line {i} has question_form {examples[-1].question_form!r}; "
                f"use one of {', '.join(FORMS)} or null"
            )
    if not examples:
        raise ConfigError(
            f'{path}: no labelled sentences; give one JSON object a line: {{"text": ..., '
            '"moves": [...], "question_form": ...}'
        )
    return examples


def evaluate_sentences(path: Path, labeller: Labeller) -> SentenceReport:
    examples = load_examples(path)
    predicted = labeller([e.text for e in examples])
    counts = {label: [0, 0, 0] for label in (*MOVES, *FORMS)}
    errors = []
    for ex, (moves, form) in zip(examples, predicted, strict=True):
        gold_form = ex.question_form if "question" in ex.moves else None
        got_form = form if "question" in moves else None
        for label in MOVES:
            _tally(counts[label], label in ex.moves, label in moves)
        for label in FORMS:
            _tally(counts[label], gold_form == label, got_form == label)
        if ex.moves != moves or gold_form != got_form:
            errors.append((ex.text, _show(ex.moves, gold_form), _show(moves, got_form)))
    scores = tuple(Score(label, *counts[label]) for label in (*MOVES, *FORMS))
    return SentenceReport(str(path), len(examples), scores, tuple(errors))


def _tally(c: list[int], gold: bool, got: bool) -> None:
    if gold and got:
        c[0] += 1
    elif got:
        c[1] += 1
    elif gold:
        c[2] += 1


def _show(moves: Iterable[str], form: str | None) -> str:
    text = ",".join(sorted(moves)) or "-"
    return f"{text} ({form})" if form else text


def load_closing(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the closing ({exc})") from exc
    if not isinstance(data.get("expected"), dict):
        raise ConfigError(f"{path}: missing the [expected] table of check statuses")
    return data


def evaluate_closings(
    folder: Path, judge: Callable[[dict[str, Any]], dict[str, Any]]
) -> ClosingReport:
    """Compare ``judge(closing) -> {key: value}`` with each file's ``[expected]`` table.

    Lists compare as sets (strengths named in any order); other values must be equal.
    """
    checks = correct = unclear = 0
    misses = []
    for path in sorted(Path(folder).glob("*.toml")):
        data = load_closing(path)
        got = judge(data)
        for key, want in data["expected"].items():
            if key == "note":
                continue
            checks += 1
            have = got.get(key)
            if have == UNCLEAR:
                unclear += 1
                continue
            same = set(want) == set(have or ()) if isinstance(want, list) else want == have
            if same:
                correct += 1
            else:
                misses.append(f"{path.name}: {key} expected {want!r}, got {have!r}")
    return ClosingReport(str(folder), checks, correct, tuple(misses), unclear)


UNCLEAR = "unclear"  # what judge_closing reports for a check the analyzer could not call


def judge_closing(
    data: dict[str, Any], *, semantic: bool | None = None, transcript: Transcript | None = None
) -> dict[str, Any]:
    """What the analyzer reports for a closing file, in the keys of its [expected] table.

    ``transcript``: judge this (e.g. Whisper's transcript of the closing voiced) instead of
    the file's text.
    """
    from voicecoach.analysis.analyzer import analyze, analyze_text

    profile = closing_profile(data)
    if transcript is not None:
        a = analyze(transcript, profile=profile, semantic=semantic)
    else:
        a = analyze_text(str(data.get("text", "")), profile, semantic=semantic)
    return closing_facts(a, profile)


def closing_profile(data: dict[str, Any]) -> Profile | None:
    """The job profile a closing file gives (its ``profile`` table), or None."""
    from voicecoach.profile import profile_from_dict

    return profile_from_dict(data["profile"], source="closing") if "profile" in data else None


def closing_facts(a: Analysis, profile: Profile | None) -> dict[str, Any]:
    """An analysis of a closing in the keys of a closing file's [expected] table."""
    from voicecoach.analysis.checks import question_facts, question_forms

    moves = {m for s in a.sentences for m in s.moves}
    questions = [s for s in a.sentences if "question" in s.moves]
    got: dict[str, Any] = {m: m in moves for m in MOVES if m != "question"}
    for c in a.checks:
        if c.status == "unclear" and c.key in got:
            got[c.key] = UNCLEAR
    forms = question_forms(questions)
    got["final_questions"] = len(forms)
    got["open_questions"] = sum(1 for f in forms if f == "open")
    got["research_signal"] = bool(question_facts(a.sentences, profile).signals)
    got["strengths_named"] = list(a.recap.strengths_named) if a.recap else []
    return got


@dataclass(frozen=True)
class EvaluationResult:
    sentences: tuple[SentenceReport, ...]  # the set, then heldout when asked for
    closings: ClosingReport | None  # closings/*.toml next to the set, when present
    mode: str  # "rules" or "rules + semantic"
    sentences_per_s: float


def default_set() -> Path:
    """tests/data/moves/sentences.jsonl under the working directory or the source checkout."""
    rel = Path("tests/data/moves/sentences.jsonl")
    if rel.exists():
        return rel
    return Path(__file__).resolve().parents[2] / rel


def run_evaluation(
    set_path: Path | None = None, *, heldout: bool = False, semantic: bool | None = None
) -> EvaluationResult:
    import time

    from voicecoach.analysis.moves import label_texts

    path = Path(set_path) if set_path else default_set()
    if not path.exists():
        raise ConfigError(f"{path}: no labelled sentence set there; pass --set PATH")
    timing = {"n": 0, "s": 0.0}

    def labeller(texts: Sequence[str]) -> list[tuple[frozenset[str], str | None]]:
        start = time.perf_counter()
        # each sentence read as if it were the whole text given to `analyze`: whether a
        # missing "?" is evidence is judged on that sentence, not on the set around it (a
        # set mixes typed sentences with unpunctuated, transcript-style ones)
        labels, _ = label_texts(texts, semantic_mode=semantic, groups=range(len(texts)))
        timing["s"] += time.perf_counter() - start
        timing["n"] += len(texts)
        return [(lab.moves, lab.question_form) for lab in labels]

    reports = [evaluate_sentences(path, labeller)]
    if heldout:
        held = path.parent / "heldout.jsonl"
        if not held.exists():
            raise ConfigError(f"{held}: no held-out set next to {path.name}")
        reports.append(evaluate_sentences(held, labeller))
    folder = path.parent / "closings"
    closings = None
    if folder.is_dir():
        closings = evaluate_closings(folder, lambda data: judge_closing(data, semantic=semantic))
    rate = timing["n"] / timing["s"] if timing["s"] else 0.0
    from voicecoach.analysis import semantic as semantic_model

    used = semantic_model.is_available() if semantic is None else semantic
    mode = "rules + semantic" if used else "rules"
    return EvaluationResult(tuple(reports), closings, mode, rate)
