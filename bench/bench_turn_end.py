"""End of turn on a set of answers with thinking pauses (not a test).

Each answer file is streamed in real time, 0.1 s blocks, through the live path: the voice
detector and endpointer (the last-resort silence), the chunked transcriber, and the turn
judge (rehearsal/turn_end.py). The set is a folder with ``manifest.jsonl`` lines of
``file, text, last_word_end_s, pauses: [{at_s, dur_s, mid_sentence}]``; without one, the
TTS set of speech_sets.py is made in the cache (``--out``) first. Every pause is followed
by more speech, so an answer judged over during one is cut early.

A turn's ``expects`` are the moves its whole answer makes (the analyzer's rules on the
text), as if the prompt had asked for them. Every answer is streamed to its last-resort
end, and the judge's view after every block (the partial transcript, is it current, are
the expects met, the voice's ending before the pause) is kept. Each decision rule below
is then replayed on that same trace, so the rows differ only in the rule, not in how
fast Whisper happened to run. Measured per answer and rule: cut early (during a pause),
or the gap from the last word to the feedback being ready (the moment the rule ends the
answer, plus the final transcript and analysis, measured once per answer). The next
prompt starts one TTS render and the player's start-up later (bench_rehearsal.py
measures those through the sound card). For the answers the default rule ends by meaning,
a second table breaks the gap down step by step (gap_parts.py: the voice detector's lag,
the guess point, a busy worker, the last Whisper call, the judge, final transcript, voice,
analysis, the reaction and its TTS render); below the first, the WER of the live
transcripts and the CPU per answer. By default every third answer is played (49,
one voice each: about 12 minutes a model); ``--stride 1`` plays all 147, ``--quick`` 12.

    .venv/bin/python bench/bench_turn_end.py [SET] [--quick] [--stride 1] [--models tiny.en,base]
    .venv/bin/python bench/bench_turn_end.py --voice-only   # the pitch cue alone, no Whisper
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from gap_parts import NextLine, Timed, parts, table  # noqa: E402
from speech_sets import turns_set  # noqa: E402

from voicecoach.analysis.ending import FALL_ST, LOW_ST, RISE_ST, Ending  # noqa: E402
from voicecoach.rehearsal import turn_end  # noqa: E402
from voicecoach.rehearsal.turn_end import Heard, answer_over  # noqa: E402
from voicecoach.settings import Thresholds  # noqa: E402

BLOCK_S = 0.1  # the recorder's block
TARGET_GAP_S = 1.0  # issue 10: next line within 1 s of a complete answer (median)
TRACE_FROM_S = 0.4  # the judge's view is kept from this much silence on
QUICK_LIMIT = 12  # answers with --quick (every third: one voice each)

T = Thresholds()
Rule = Callable[[Heard, float, Ending], bool]


def _with(heard: Heard, ending: Ending, fall_st: float) -> Heard:
    """The view with the voice's contour judged at another fall threshold."""
    if ending.contour == "unknown":
        return heard
    falling = ending.fall_st >= fall_st and ending.end_over_low_st <= LOW_ST
    rising = ending.rise_st >= RISE_ST and ending.rise_st > ending.fall_st
    return dataclasses.replace(
        heard, ending="falling" if falling else "rising" if rising else "level"
    )


def _rule(
    fall_st: float = FALL_ST,
    held_s: float = T.end_held_s,
    voice: bool = True,
    complete_s: float = T.end_complete_s,
    openers: bool = True,
) -> Rule:
    thresholds = dataclasses.replace(T, end_held_s=held_s, end_complete_s=complete_s)

    def over(heard: Heard, silence_s: float, ending: Ending) -> bool:
        view = (
            _with(heard, ending, fall_st) if voice else dataclasses.replace(heard, ending="unknown")
        )
        if openers:
            return answer_over(view, silence_s, thresholds)
        # before stop 32: an opener alone ("That's a fair point.") or a request for a
        # moment ("Let me think.") waited like any answer missing its move
        with (
            mock.patch.object(turn_end, "only_opens", lambda text: False),
            mock.patch.object(turn_end, "asks_for_time", lambda text: False),
        ):
            return answer_over(view, silence_s, thresholds)

    return over


DEFAULT_RULE = f"+ voice (default): not falling {FALL_ST:g} st -> waits {T.end_held_s:g} s"
RULES: dict[str, Rule] = {
    "words only (no voice cue)": _rule(voice=False),
    DEFAULT_RULE: _rule(),
    "+ voice, falling from 1.5 st": _rule(fall_st=1.5),
    "+ voice, falling from 3 st": _rule(fall_st=3.0),
    "+ voice, waits 2 s": _rule(held_s=2.0),
    "+ voice, waits 4 s": _rule(held_s=4.0),
    "+ voice, a complete answer waits 0.9 s (before barge-in)": _rule(complete_s=0.9),
    "+ voice, an opener or 'let me think' waits 4 s (before stop 32)": _rule(openers=False),
}


def expects_of(text: str) -> tuple[str, ...]:
    from voicecoach.analysis.analyzer import analyze_text
    from voicecoach.analysis.common import CHECK_FOR_EXPECT

    analysis = analyze_text(text, semantic=False)
    return tuple(
        e
        for e, key in CHECK_FOR_EXPECT.items()
        if e != "concern_answer" and (c := analysis.check(key)) is not None and c.status == "done"
    )


def stream(
    path: Path, expects: tuple[str, ...], timed: Timed, next_line: NextLine
) -> dict[str, Any]:
    """Play one answer in real time to its last-resort end, keeping the judge's view, then
    take the steps after it as the rehearsal does (final transcript, voice, analysis, the
    reaction and its render), each timed."""
    from voicecoach.analysis.analyzer import analyze
    from voicecoach.audio.endpoint import Endpointer, level_of
    from voicecoach.audio.files import load_audio
    from voicecoach.audio.vad import StreamingVad
    from voicecoach.pipeline import listen
    from voicecoach.rehearsal.turn_end import TurnEndJudge
    from voicecoach.settings import SAMPLE_RATE_HZ
    from voicecoach.speech.chunked import ChunkedTranscriber

    audio = load_audio(path)
    block = int(BLOCK_S * SAMPLE_RATE_HZ)
    chunker = ChunkedTranscriber(timed, T)  # type: ignore[arg-type]
    judge = TurnEndJudge(chunker, expects, thresholds=T)
    endpointer, vad = Endpointer(T), StreamingVad(T)
    trace: list[tuple[float, float, float, Heard, Ending]] = []  # wall, elapsed, silence, view
    statuses: list[tuple[float, float, float, float]] = []  # wall, elapsed, silence, covered
    last_resort: tuple[float, float] | None = None
    cue_cpu_s = 0.0
    process_cpu = _process_cpu_s()
    started = time.monotonic()
    timed.reset(started)
    for start in range(0, len(audio), block):
        chunk = audio[start : start + block]
        # the microphone delivers this block only once it has been spoken
        time.sleep(max(0.0, started + (start + len(chunk)) / SAMPLE_RATE_HZ - time.monotonic()))
        chunker.on_audio(chunk)
        endpointer.feed(vad.feed(chunk), len(chunk) / SAMPLE_RATE_HZ)
        status = endpointer.status(level_of(chunk))
        chunker.on_status(status)
        if status.speech_heard:
            covered_s = chunker.partial()[1]  # how far the partial transcript reaches
            statuses.append(
                (time.monotonic() - started, status.elapsed_s, status.silence_s, covered_s)
            )
        if status.speech_heard and status.silence_s >= TRACE_FROM_S:
            cpu = time.thread_time()
            heard = judge.heard(status)
            cue_cpu_s += time.thread_time() - cpu
            assert judge.ending is not None  # the numbers behind the judge's contour
            wall = time.monotonic() - started
            trace.append((wall, status.elapsed_s, status.silence_s, heard, judge.ending))
        if endpointer.reason is not None:
            last_resort = (time.monotonic() - started, endpointer.elapsed_s)
            break
    steps = [time.monotonic()]
    transcript, regions = chunker.finish()
    steps.append(time.monotonic())
    voice = listen(audio[: int(endpointer.elapsed_s * SAMPLE_RATE_HZ)], regions)
    steps.append(time.monotonic())
    analysis = analyze(
        transcript, speech_regions=regions, expects=expects, thresholds=T, voice=voice
    )
    steps.append(time.monotonic())
    reaction_s, render_s = next_line(expects, analysis)
    finish_s, voice_s, analysis_s = (b - a for a, b in itertools.pairwise(steps))
    return {
        "trace": trace,
        "statuses": statuses,
        "calls": list(timed.calls),
        "last_resort": last_resort or (steps[0] - started, endpointer.elapsed_s),
        "finish_s": finish_s,
        "voice_s": voice_s,
        "analysis_s": analysis_s,
        "ready_s": finish_s + voice_s + analysis_s,  # the answer's end -> feedback ready
        "reaction_s": reaction_s,
        "render_s": render_s,
        "cpu_s": _process_cpu_s() - process_cpu,
        "text": transcript.text,
        "judge_cpu_s": cue_cpu_s,
    }


def _process_cpu_s() -> float:
    """CPU seconds of this process so far, every thread (Whisper's included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def decide(got: dict[str, Any], rule: Rule) -> tuple[str, float, float]:
    """Replay ``rule`` on an answer's trace: why it ended, when (audio s), feedback ready (s)."""
    for wall, elapsed, silence, heard, ending in got["trace"]:
        if rule(heard, silence, ending):
            return "finished", elapsed, wall + got["ready_s"]
    wall, elapsed = got["last_resort"]
    return "silence", elapsed, wall + got["ready_s"]


def run_set(folder: Path, rows: list[dict[str, Any]], model: str) -> list[dict[str, Any]]:

    from voicecoach.audio.files import load_audio
    from voicecoach.speech.factory import load_transcriber

    transcriber = load_transcriber(model=model)
    # warm, as the rehearsal does: spoken words, so Whisper itself runs (silence is gated)
    transcriber.transcribe(load_audio(folder / rows[0]["file"])[: 3 * 16_000])
    timed = Timed(transcriber)
    with tempfile.TemporaryDirectory(prefix="bench-turn-end-") as tmp:
        next_line = NextLine(Path(tmp))
        results = [_answer(folder, row, model, timed, next_line) for row in rows]
    return results


def _answer(
    folder: Path, row: dict[str, Any], model: str, timed: Timed, next_line: NextLine
) -> dict[str, Any]:
    expects = expects_of(row["text"])
    load = os.getloadavg()[0]
    got = stream(folder / row["file"], expects, timed, next_line)
    last = row["last_word_end_s"]
    by_rule = {}
    for name, rule in RULES.items():
        reason, ended_s, ready_s = decide(got, rule)
        cut = next((p for p in row["pauses"] if p["at_s"] <= ended_s < last), None)
        by_rule[name] = {"reason": reason, "ended_s": ended_s, "gap_s": ready_s - last, "cut": cut}
    default = by_rule[DEFAULT_RULE]
    steps = None
    if default["reason"] == "finished" and not default["cut"]:
        steps = parts(got, last, default["gap_s"] + last - got["ready_s"])
    contours = sorted({h.ending for _, _, _, h, _ in got["trace"]})
    result = {
        **row, "heard": got["text"], "rules": by_rule, "judge_cpu_s": got["judge_cpu_s"],
        "steps": steps, "cpu_s": got["cpu_s"], "load": load,
    }  # fmt: skip
    marks = ", ".join(
        f"{'CUT' if r['cut'] else r['reason']} {r['ended_s']:.1f}" for r in by_rule.values()
    )
    print(
        f"{model} {row['file']}: {marks}; voice {contours}: {got['text']}",
        file=sys.stderr,
        flush=True,
    )
    return result


def report(by_model: dict[str, list[dict[str, Any]]]) -> None:
    first = next(iter(by_model.values()))
    pauses = [p for r in first for p in r["pauses"]]
    mid = [p for p in pauses if p["mid_sentence"]]
    print(
        f"\nEnd of turn, {len(first)} answers with {len(pauses)} thinking pauses "
        f"({len(mid)} mid-sentence, {min(p['dur_s'] for p in pauses):.1f}-"
        f"{max(p['dur_s'] for p in pauses):.1f} s), faster-whisper, {os.cpu_count()} cores "
        f"(load average now {os.getloadavg()[0]:.1f})\n"
    )
    print(
        "| model | rule | cut early (mid-sentence, between sentences) | ended by meaning / "
        "last-resort silence | gap last word -> feedback ready, median / p95 | invented thanks |"
    )
    print("|---|---|---|---|---|---|")
    for model, results in by_model.items():
        for rule in RULES:
            print(row(model, rule, results))
    cpu = [r["judge_cpu_s"] for rs in by_model.values() for r in rs]
    print(
        f"\nThe judge (words and voice) took {statistics.median(cpu) * 1000:.0f} ms CPU per "
        "answer (median, its own thread). "
        f"Target: median gap <= {TARGET_GAP_S} s."
    )
    for model, results in by_model.items():
        print(
            f"{model}: WER of the live transcripts {wer(results):.1%} (Whisper's normaliser), "
            f"CPU per answer {statistics.median(r['cpu_s'] for r in results):.2f} s (median, "
            f"process), load average during the run "
            f"{statistics.mean(r['load'] for r in results):.1f}"
        )
        table(model, [r["steps"] for r in results if r["steps"]])


def wer(results: list[dict[str, Any]]) -> float:
    """Words wrong per word said, over the whole set (after Whisper's English normaliser)."""
    from bench_engines import word_errors
    from bench_models import normaliser

    _name, norm = normaliser()
    errors = words = 0
    for r in results:
        ref = norm(r["text"]).split()
        errors += word_errors(ref, norm(r["heard"]).split())
        words += len(ref)
    return errors / words if words else float("nan")


def row(model: str, rule: str, results: list[dict[str, Any]]) -> str:
    decided = [r["rules"][rule] for r in results]
    cut = [d for d in decided if d["cut"]]
    mid_cut = [d for d in cut if d["cut"]["mid_sentence"]]
    gaps = sorted(d["gap_s"] for d in decided if not d["cut"])
    p95 = gaps[min(len(gaps) - 1, round(0.95 * (len(gaps) - 1)))] if gaps else float("nan")
    whole = [d for d in decided if not d["cut"]]
    by_reason = {k: sum(d["reason"] == k for d in whole) for k in ("finished", "silence")}
    invented = sum(
        "thank" in r["heard"].lower() and "thank" not in r["text"].lower() for r in results
    )
    return (
        f"| {model} | {rule} | {len(cut)} of {len(results)} "
        f"({len(mid_cut)}, {len(cut) - len(mid_cut)}) "
        f"| {by_reason['finished']} / {by_reason['silence']} "
        f"| {statistics.median(gaps) if gaps else float('nan'):.2f} / {p95:.2f} s | {invented} |"
    )


def voice_only(folder: Path, rows: list[dict[str, Any]]) -> None:
    """The pitch cue at every pause and every answer's end, straight from the audio."""
    from voicecoach.analysis.ending import CONTEXT_S, TAIL_S, voice_ending
    from voicecoach.audio.files import load_audio
    from voicecoach.settings import SAMPLE_RATE_HZ

    def cue(audio: Any, at_s: float) -> Any:
        a, b = int((at_s - CONTEXT_S - TAIL_S) * SAMPLE_RATE_HZ), int((at_s + 0.3) * SAMPLE_RATE_HZ)
        return voice_ending(audio[max(0, a) : b], SAMPLE_RATE_HZ)

    groups: dict[tuple[str, bool], list[Any]] = {}
    for row in rows:
        audio = load_audio(folder / row["file"])
        festival = row["voice"].startswith("festival")
        for p in row["pauses"]:
            kind = "mid-sentence pause" if p["mid_sentence"] else "pause between sentences"
            groups.setdefault((kind, festival), []).append(cue(audio, p["at_s"]))
        end = "answer's end (question)" if row["text"].endswith("?") else "answer's end (statement)"
        groups.setdefault((end, festival), []).append(cue(audio, row["last_word_end_s"]))
    print(f"\nThe voice's ending before each pause, {len(rows)} answers (no Whisper)\n")
    print(
        "| where | voices | n | falling | level | rising | unknown | fall st (median) "
        "| rise st | lengthened |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (kind, festival), found in sorted(groups.items()):
        counts = {
            c: sum(e.contour == c for e in found) for c in ("falling", "level", "rising", "unknown")
        }
        known = [e for e in found if e.contour != "unknown"]
        fall = statistics.median(e.fall_st for e in known) if known else float("nan")
        rise = statistics.median(e.rise_st for e in known) if known else float("nan")
        print(
            f"| {kind} | {'Festival' if festival else 'espeak-ng'} | {len(found)} | "
            + " | ".join(str(counts[c]) for c in counts)
            + f" | {fall:.1f} | {rise:.1f} | {sum(e.lengthened for e in known)} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "set", type=Path, nargs="?", help="folder with manifest.jsonl and the answers"
    )
    parser.add_argument("--out", type=Path, help="cache for the generated set")
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_LIMIT} answers, one voice each"
    )
    parser.add_argument("--limit", type=int, default=0, help="first N answers only")
    parser.add_argument(
        "--stride", type=int, default=3, help="every Nth answer (3, the default: one voice each)"
    )
    parser.add_argument("--models", default="tiny.en,base", help="comma-separated; rows for each")
    parser.add_argument("--voice-only", action="store_true", help="the pitch cue alone, no Whisper")
    parser.add_argument("--json", type=Path, help="also write the per-answer rows here")
    args = parser.parse_args()

    folder = args.set or turns_set(args.out)
    rows = [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines()]
    stride, limit = (3, QUICK_LIMIT) if args.quick else (args.stride, args.limit)
    rows = rows[::stride]
    rows = rows[:limit] if limit else rows
    if args.voice_only:
        voice_only(folder, rows)
        return 0
    from voicecoach.errors import ModelError

    results = {}
    for model in args.models.split(","):
        try:
            results[model] = run_set(folder, rows, model)
        except ModelError as exc:  # base is not on every machine: the others still count
            print(f"{model}: skipped: {exc}", file=sys.stderr)
    if not results:
        return 1
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    report(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
