"""Audio -> transcript + speech regions -> analysis: the one path every entry point takes.

``voicecoach analyze`` (:func:`analyze_path`), ``voicecoach transcribe``
(:func:`transcribe_file`), re-analysis of a stored session
(:mod:`voicecoach.review.reanalysis`) and the rehearsal (:func:`hear` and
:func:`judge_close`) all go through here, so a recording is heard and judged the same way
wherever it comes from.

Accepted by :func:`analyze_path`: a ``.txt`` file (typed text), a ``.json`` transcript
(from ``voicecoach transcribe --json`` or ``analyze --json``), an audio file, or a folder of
audio answers (one rehearsal turn per file, in name order).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach.audio.files import AUDIO_SUFFIXES, FloatArray
from voicecoach.errors import AudioFileError, NoSpeechError, UserInputError
from voicecoach.transcript import Transcript

if TYPE_CHECKING:
    from voicecoach.analysis.analyzer import TurnInput
    from voicecoach.analysis.prosody import SpeakerBaseline, Voice
    from voicecoach.analysis.results import Analysis, CoachingPoint
    from voicecoach.analysis.spoke_over import LineAnswered
    from voicecoach.profile import Profile
    from voicecoach.sessions.store import Store
    from voicecoach.speech.base import Transcriber

Regions = tuple[tuple[float, float], ...]
Progress = Callable[[float, float], None]  # (seconds heard so far, seconds in the file)

# A long file is heard in windows of about this length, so memory stays bounded whatever
# its length (a whole 2-hour file at once needed 6.7 GB: Whisper's features and the VAD
# scale with the audio); files up to one window are heard whole, as before.
WINDOW_S = 600.0
# Each window ends in the longest silence of its last stretch this long, so no word is cut.
CUT_SEARCH_S = 60.0


def hear(
    audio: FloatArray, transcriber: Transcriber, profile: Profile | None = None
) -> tuple[Transcript, Regions]:
    """The transcript of ``audio`` and its voice-activity regions (pauses are measured on
    these, not on Whisper's word times). A job ``profile`` puts its names and skills in
    Whisper's prompt (:func:`~voicecoach.speech.base.whisper_prompt`)."""
    from voicecoach.audio.vad import speech_regions
    from voicecoach.speech.base import whisper_prompt

    transcript = transcriber.transcribe(audio, initial_prompt=whisper_prompt(profile))
    return transcript, tuple(speech_regions(audio))


def as_kept(
    transcript: Transcript, regions: Regions, parts_s: Sequence[float] = ()
) -> tuple[Transcript, Regions, tuple[float, ...]]:
    """``transcript``, ``regions`` and ``parts_s`` as a session keeps them (times to the ms,
    word probabilities to four places): an answer is judged on these, so judging it again
    from the session's files gives its verdict to the last digit. The live rehearsal and a
    re-analysis that hears an answer anew both go through here (CI, stop 46: a re-analysis
    judged a new hearing unrounded, so repeating it found "changed" results and kept a
    second history copy)."""
    from voicecoach.sessions.records import kept_regions, kept_times

    return Transcript.from_dict(transcript.to_dict()), kept_regions(regions), kept_times(parts_s)


def windows(path: Path) -> Iterator[tuple[FloatArray, float]]:
    """``(audio, offset_s)`` windows of an audio file, each up to :data:`WINDOW_S` plus a
    little, cut in a silence found by voice activity; a short file is one window."""
    import numpy as np

    from voicecoach.audio.files import stream_audio
    from voicecoach.audio.vad import speech_regions
    from voicecoach.settings import SAMPLE_RATE_HZ

    limit = int(WINDOW_S * SAMPLE_RATE_HZ)
    pending: list[FloatArray] = []
    held, offset = 0, 0
    for block in stream_audio(path):
        pending.append(block)
        held += len(block)
        if held < limit + int(CUT_SEARCH_S * SAMPLE_RATE_HZ):
            continue
        buffer = np.concatenate(pending)
        search_from = limit - int(CUT_SEARCH_S * SAMPLE_RATE_HZ)
        cut = _quiet_cut(speech_regions(buffer[search_from:limit]), search_from, limit)
        yield buffer[:cut], offset / SAMPLE_RATE_HZ
        offset += cut
        pending, held = [buffer[cut:]], len(buffer) - cut
        del buffer
    if held or not offset:
        yield (
            (np.concatenate(pending) if pending else np.zeros(0, np.float32)),
            (offset / SAMPLE_RATE_HZ),
        )


def _quiet_cut(regions: Regions, start: int, end: int) -> int:
    """The sample in the middle of the longest silence between ``start`` and ``end``
    (regions are timed from ``start``); ``end`` when speech never pauses."""
    from voicecoach.settings import SAMPLE_RATE_HZ

    span_s = (end - start) / SAMPLE_RATE_HZ
    edges = [0.0, *(t for r in regions for t in r), span_s]
    gaps = [(b - a, (a + b) / 2) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    width, middle = max(gaps)
    return start + int(middle * SAMPLE_RATE_HZ) if width > 0 else end


def hear_file(
    path: Path,
    transcriber: Transcriber,
    on_progress: Progress | None = None,
    profile: Profile | None = None,
) -> tuple[Transcript, Regions]:
    """:func:`hear` for an audio file of any length, window by window (see
    :data:`WINDOW_S`), with the timestamps put back on the file's clock."""
    from voicecoach.audio.files import audio_duration_s, load_audio
    from voicecoach.settings import SAMPLE_RATE_HZ
    from voicecoach.speech.base import whisper_prompt
    from voicecoach.speech.chunked import merge_transcripts

    total_s = audio_duration_s(path)
    if total_s <= WINDOW_S + CUT_SEARCH_S:  # one window: heard whole, exactly as ever
        return hear(load_audio(path), transcriber, profile)
    parts: list[Transcript] = []
    offsets: list[float] = []
    regions: list[tuple[float, float]] = []
    end_s = 0.0
    for audio, offset_s in windows(path):
        if on_progress is not None:
            on_progress(offset_s, total_s)
        transcript, found = hear(audio, transcriber, profile)
        parts.append(transcript)
        offsets.append(offset_s)
        regions.extend((round(a + offset_s, 3), round(b + offset_s, 3)) for a, b in found)
        end_s = offset_s + len(audio) / SAMPLE_RATE_HZ
        del audio
    if on_progress is not None:
        on_progress(end_s, total_s)
    if len(parts) == 1:
        return parts[0], tuple(regions)
    merged = merge_transcripts(parts, offsets, end_s, whisper_prompt(profile))
    return merged, tuple(regions)


def listen(
    audio: FloatArray,
    regions: Regions,
    baseline: SpeakerBaseline | None = None,
    *,
    timbre: bool | None = None,
) -> Voice:
    """The answer's pitch track and loudness, for ``analyze(voice=...)``: about 0.3-0.45
    CPU s per minute of audio (bench/bench_analyzer.py); its timbre too when asked, or by
    default when Thresholds.second_voice_timbre is on."""
    from voicecoach.analysis.prosody import measure_voice
    from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds

    if timbre is None:
        timbre = Thresholds().second_voice_timbre is not None
    return measure_voice(audio, SAMPLE_RATE_HZ, regions, baseline=baseline, timbre=timbre)


# The speaker's baseline is drawn from at most this many of their latest sessions, so it
# follows a voice that changes with practice.
BASELINE_WINDOW = 10


def speaker_baseline(
    store: Store, *, before_s: float | None = None, session_id: str | None = None
) -> SpeakerBaseline | None:
    """The user's usual pitch from the voice figures the store keeps for their sessions
    started before ``before_s`` (the demo's sample candidate, damaged sessions and
    ``session_id`` itself left out). None with too few such sessions, and for a session
    the sample candidate answered (its voice is not the user's)."""
    from voicecoach.analysis.prosody import PitchStats, SpeakerBaseline

    listed = store.list_sessions()
    if session_id is not None and any(s.id == session_id and s.sample for s in listed):
        return None
    earlier = [
        s.metrics
        for s in listed  # newest first
        if not s.sample
        and s.status != "damaged"
        and s.id != session_id
        and (before_s is None or (s.started_at or 0.0) < before_s)
        and s.metrics.pitch_sd_st is not None
        and s.metrics.pitch_median_hz is not None
        and s.metrics.pitch_voiced_s is not None
    ][:BASELINE_WINDOW]
    return SpeakerBaseline.from_sessions(
        PitchStats(m.pitch_voiced_s or 0.0, m.pitch_median_hz or 0.0, float("nan"),
                   m.pitch_sd_st or 0.0)
        for m in earlier
    )  # fmt: skip


def transcribe_file(
    path: str | os.PathLike[str],
    engine: str = "faster-whisper",
    model: str = "tiny.en",
    *,
    data_dir: Path | None = None,
    on_progress: Progress | None = None,
    profile: Profile | None = None,
) -> Transcript:
    """The transcript of an audio file, as ``analyze`` hears it (see :func:`_hear_path`);
    raises :class:`NoSpeechError` when nobody speaks in it."""
    return _hear_path(Path(path), engine, model, data_dir, on_progress, profile)[0]


def transcribe_audio(
    path: Path,
    engine: str,
    model: str,
    on_progress: Progress | None = None,
    profile: Profile | None = None,
) -> tuple[Transcript, Regions, Voice | None]:
    """Transcript, voice-activity regions and voice of an audio file (see
    :func:`_hear_path`). A file longer than one window is heard window by window and its
    voice is not measured (None): that needs the whole audio."""
    transcript, regions, audio = _hear_path(path, engine, model, None, on_progress, profile)
    return transcript, regions, None if audio is None else listen(audio, regions)


def _hear_path(
    path: Path,
    engine: str,
    model: str,
    data_dir: Path | None,
    on_progress: Progress | None,
    profile: Profile | None,
) -> tuple[Transcript, Regions, FloatArray | None]:
    """Transcript, regions and (for a file heard whole) the audio of a recording.

    The engine name is checked and the file read before any model loads, so bad input and
    silence fail fast. Decoded with a beam (:data:`~voicecoach.speech.base.FILE_BEAM_SIZE`),
    unlike a live answer: nobody is waiting for the interviewer's next line; ``profile``'s
    terms lead Whisper's prompt (see :func:`hear`). NoSpeechError when nobody speaks.
    """
    from voicecoach.audio.files import audio_duration_s, load_audio
    from voicecoach.audio.vad import speech_regions
    from voicecoach.speech.base import FILE_BEAM_SIZE, whisper_prompt
    from voicecoach.speech.factory import load_transcriber
    from voicecoach.speech.models import check_engine

    check_engine(engine)
    no_speech = NoSpeechError(f"no speech heard in {path}; check the recording or the microphone")
    audio = None
    if audio_duration_s(path) > WINDOW_S + CUT_SEARCH_S:  # a long file: window by window
        transcriber = load_transcriber(engine, model, data_dir=data_dir, beam_size=FILE_BEAM_SIZE)
        transcript, regions = hear_file(path, transcriber, on_progress, profile)
    else:
        audio = load_audio(path)
        regions = tuple(speech_regions(audio))
        if not regions:  # say so before spending seconds on loading a model
            raise no_speech
        transcriber = load_transcriber(engine, model, data_dir=data_dir, beam_size=FILE_BEAM_SIZE)
        transcript = transcriber.transcribe(audio, initial_prompt=whisper_prompt(profile))
    if not transcript.text.strip():
        raise no_speech
    # as --json writes them, so analysing that file judges its words as this run did (it
    # has no voice: a question the voice asked is a statement there)
    transcript, regions, _ = as_kept(transcript, regions)
    return transcript, regions, audio


def analyze_path(
    path: Path | None,
    *,
    text: str | None = None,
    profile: Profile | None = None,
    engine: str = "faster-whisper",
    model: str = "tiny.en",
    expects: Sequence[str] | None = None,
    concern: str | None = None,
    semantic: bool | None = None,
    on_progress: Progress | None = None,
) -> tuple[Transcript | None, Analysis]:
    """The transcript (None for typed text) and its analysis; ``on_progress`` hears how
    far the transcription of an audio file has got. ``expects``: what the turn asked for;
    None judges a whole closing."""
    from voicecoach.analysis.analyzer import analyze

    opts: dict[str, Any] = {
        "profile": profile, "expects": expects, "concern": concern, "semantic": semantic
    }  # fmt: skip
    if text is not None:
        if not text.strip():  # as for an empty .txt: a mistake, not a silent candidate
            raise UserInputError('--text is empty; write what was said: --text "..."')
        return None, analyze(Transcript.from_text(text), **opts)
    if path is None:
        raise UserInputError('nothing to analyse: give an audio or text file, or --text "..."')
    path = Path(path)
    if path.is_dir():
        return None, _analyze_folder(path, engine, model, profile, semantic)
    if not path.exists():
        raise AudioFileError(f"{path}: no such file; check the path")
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return None, analyze(Transcript.from_text(_read_text(path)), **opts)
    if suffix == ".json":
        transcript = _read_transcript(path)
        return transcript, analyze(transcript, **opts)
    try:
        transcript, regions, voice = transcribe_audio(path, engine, model, on_progress, profile)
    except AudioFileError as exc:
        if suffix in AUDIO_SUFFIXES:
            raise
        raise AudioFileError(
            f"{path}: neither audio nor a transcript; give audio ({', '.join(AUDIO_SUFFIXES)}), "
            "typed text as a .txt file, or a transcript .json"
        ) from exc
    return transcript, analyze(transcript, speech_regions=regions, voice=voice, **opts)


def _left_silent(turn: TurnInput) -> bool:
    """Was nothing said or heard in ``turn`` (no words, no voice)?"""
    return not turn.transcript.text.strip() and not turn.speech_regions


def judge_close(
    turns: Sequence[TurnInput],
    plan: Sequence[Sequence[str]],
    answered: Collection[int],
    profile: Profile | None,
    *,
    conversation: Sequence[CoachingPoint] = (),
    answered_over: Sequence[LineAnswered] = (),
    left_out: Sequence[tuple[int, Sequence[str]]] = (),
    stopped: bool = False,
) -> Analysis | None:
    """The whole closing across the answered turns; the planned turns never reached (a
    stopped session) count as not done. None when nothing was answered.

    ``stopped``: the candidate stopped the session (q, Ctrl-C, the microphone gone); a
    last turn in which nothing was said or heard was then left, not answered: it counts as
    never reached (trial 48: q at the recap turn read "? Recap ... turn 1 was not heard
    clearly enough to tell", blaming the answer before it).

    ``left_out``: turns answered but not judged (their audio is gone), each (number,
    what it asked for): neither reached-and-missed nor judged (``analyze_rehearsal``).

    ``answered_over``: the interviewer's lines the candidate began answering before they
    were over; those begun with much of them still to come make a fix
    (:mod:`voicecoach.analysis.spoke_over`), last of the conversation's fixes below.

    ``conversation``: coaching about what the interviewer said in reply (a reacting
    interviewer, :mod:`voicecoach.rehearsal.conversation`): its fixes after the analyzer's
    fixes (still within ``coaching.MAX_FIXES``, keeping a place for the first of them), but
    before a microphone fix the analyzer put last (``coaching.with_mic_fix``), less
    the analyzer's fixes they stand in for (``wording.TALK_REPLACES``), and without those
    that repeat an analyzer's fix (``wording.TALK_REPEATS_FIX``); its strengths after
    the analyzer's strengths, less those that repeat one of them (``wording.TALK_REPEATS``)
    or credit a move its check does not tick.
    """
    from dataclasses import replace

    from voicecoach.analysis import wording
    from voicecoach.analysis.analyzer import analyze_rehearsal, unreached_expects
    from voicecoach.analysis.coaching import MAX_FIXES
    from voicecoach.analysis.spoke_over import spoke_over_fix

    if stopped and turns and _left_silent(turns[-1]):
        answered = set(answered) - {turns[-1].number}
        turns = turns[:-1]
    if not turns:
        return None
    reached = {*answered, *(n for n, _ in left_out)}
    judged = analyze_rehearsal(
        turns, profile, unanswered=unreached_expects(plan, reached), left_out=left_out
    )
    spoke_over = spoke_over_fix(answered_over, several=max(len(plan), len(turns)) > 1)
    if spoke_over is not None:
        conversation = (*conversation, spoke_over)
    if not conversation:
        return judged
    talk_fixes = [
        p
        for p in conversation
        if p.kind == "fix" and not _repeats_fix(p, judged.coaching) and not _heard_maybe(p, judged)
    ]
    fixes = [p for p in judged.coaching if p.kind == "fix" and not _replaced(p, talk_fixes)]
    # the microphone fix the analyzer put last (few answers quiet) stays after the talk's
    mic = wording.FIXES["mic_quiet"].title
    last = [fixes.pop()] if len(fixes) > 1 and fixes[-1].title == mic else []
    room = MAX_FIXES - min(1, len(talk_fixes)) - len(last)
    fixes = (fixes[:room] + talk_fixes)[: MAX_FIXES - len(last)] + last
    strengths = [p for p in judged.coaching if p.kind != "fix"]
    strengths += [
        p
        for p in conversation
        if p.kind != "fix" and not _repeats(p, strengths) and not _unsaid(p, judged)
    ]
    coaching = tuple(replace(p, priority=i) for i, p in enumerate([*fixes, *strengths], 1))
    return replace(judged, coaching=coaching)


def _replaced(fix: CoachingPoint, talk_fixes: Sequence[CoachingPoint]) -> bool:
    """Is the analyzer's ``fix`` one a conversation fix gives in its place?"""
    from voicecoach.analysis import wording

    keys = {wording.TALK_REPLACES.get(p.title) for p in talk_fixes}
    return any(fix.title == wording.FIXES[k].title for k in keys if k is not None)


def _repeats_fix(point: CoachingPoint, coaching: Sequence[CoachingPoint]) -> bool:
    """Is the conversation's fix ``point`` one the analyzer's ``coaching`` gives, better?"""
    from voicecoach.analysis import wording

    key = wording.TALK_REPEATS_FIX.get(point.title)
    title = wording.FIXES[key].title if key else None
    saying = wording.TALK_REPEATS_FIX_SAYING.get(point.title, "")
    return any(p.kind == "fix" and p.title == title and saying in p.message for p in coaching)


def _repeats(point: CoachingPoint, strengths: Sequence[CoachingPoint]) -> bool:
    """Does the conversation's ``point`` state a fact one of ``strengths`` states?"""
    from voicecoach.analysis import wording

    key = wording.TALK_REPEATS.get(point.title)
    return key is not None and any(s.title == wording.STRENGTHS[key].title for s in strengths)


def _heard_maybe(point: CoachingPoint, judged: Analysis) -> bool:
    """Does the closing's check say the move the conversation's fix ``point`` says was never
    made may have been made? Live trial 50: "No question, even when nudged" beside "?
    Final questions unclear: it may be in 'When would I get erased?'"."""
    from voicecoach.analysis import wording

    key = wording.TALK_MISSED.get(point.title)
    check = judged.check(key) if key else None
    return check is not None and check.status != "missing"


def _unsaid(point: CoachingPoint, judged: Analysis) -> bool:
    """Does the conversation's ``point`` credit a move the closing's check does not tick?
    Trial 14: "You asked about next steps" (the interviewer heard enough to give the
    timeline) beside "? Ask for the job / next steps unclear" for the same garbled words."""
    from voicecoach.analysis import wording
    from voicecoach.analysis.common import CHECK_FOR_EXPECT

    key = wording.TALK_REPEATS.get(point.title)
    check = judged.check(CHECK_FOR_EXPECT.get(key, key)) if key else None
    return check is not None and check.status in ("missing", "partial", "unclear")


def _analyze_folder(
    folder: Path, engine: str, model: str, profile: Profile | None, semantic: bool | None
) -> Analysis:
    from voicecoach.analysis.analyzer import TurnInput, analyze_rehearsal

    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in AUDIO_SUFFIXES)
    if not files:
        raise AudioFileError(
            f"{folder}: no audio files ({', '.join(AUDIO_SUFFIXES)}) in this folder"
        )
    turns = []
    for f in files:
        try:
            transcript, regions, voice = transcribe_audio(f, engine, model, profile=profile)
        except NoSpeechError:
            transcript, regions, voice = Transcript("", (), 0.0), (), None
        # a folder has no scenario: what each answer was asked for is not known (None)
        turns.append(TurnInput(transcript, None, regions, voice=voice))
    if not any(t.transcript.text for t in turns):
        raise NoSpeechError(f"{folder}: no speech heard in any answer; check the recordings")
    return analyze_rehearsal(turns, profile, semantic=semantic)


def _read_text(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserInputError(
            f"{path}: cannot read the text ({exc}); give a UTF-8 text file"
        ) from exc
    if not text.strip():  # like an empty audio file: a mistake, not a silent candidate
        raise UserInputError(f"{path}: the file is empty; write or paste what was said into it")
    return text


def _read_transcript(path: Path) -> Transcript:
    try:
        data = json.loads(_read_text(path))
        if isinstance(data, dict) and isinstance(data.get("transcript"), dict):
            data = data["transcript"]
        return Transcript.from_dict(data)
    except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UserInputError(
            f"{path}: not a voicecoach transcript ({exc}); "
            "make one with `voicecoach transcribe --json`"
        ) from exc
