"""Analyse what the user points ``voicecoach analyze`` at: text, a transcript, audio.

Accepted inputs: a ``.txt`` file (typed text), a ``.json`` transcript (from
``voicecoach transcribe --json`` or ``analyze --json``), an audio file, or a folder of
audio answers (one rehearsal turn per file, in name order).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from voicecoach.analysis import TurnInput, analyze, analyze_rehearsal
from voicecoach.analysis.model import Analysis
from voicecoach.errors import AudioFileError, NoSpeechError, UserInputError
from voicecoach.profile import Profile
from voicecoach.transcript import Transcript

AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".mp3")


def analyze_path(
    path: Path | None,
    *,
    text: str | None = None,
    profile: Profile | None = None,
    engine: str = "faster-whisper",
    model: str = "tiny.en",
    expects: Sequence[str] = (),
    concern: str | None = None,
    semantic: bool | None = None,
) -> tuple[Transcript | None, Analysis]:
    """The transcript (None for typed text) and its analysis."""
    opts = {"profile": profile, "expects": expects, "concern": concern, "semantic": semantic}
    if text is not None:
        return None, analyze(Transcript.from_text(text), **opts)  # type: ignore[arg-type]
    if path is None:
        raise UserInputError('nothing to analyse: give an audio or text file, or --text "..."')
    path = Path(path)
    if path.is_dir():
        return None, _analyze_folder(path, engine, model, profile, semantic)
    if not path.exists():
        raise AudioFileError(f"{path}: no such file; check the path")
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return None, analyze(Transcript.from_text(_read_text(path)), **opts)  # type: ignore[arg-type]
    if suffix == ".json":
        transcript = _read_transcript(path)
        return transcript, analyze(transcript, **opts)  # type: ignore[arg-type]
    try:
        transcript, regions = transcribe_audio(path, engine, model)
    except AudioFileError as exc:
        if suffix in AUDIO_SUFFIXES:
            raise
        raise AudioFileError(
            f"{path}: neither audio nor a transcript; give audio ({', '.join(AUDIO_SUFFIXES)}), "
            "typed text as a .txt file, or a transcript .json"
        ) from exc
    return transcript, analyze(transcript, speech_regions=regions, **opts)  # type: ignore[arg-type]


def transcribe_audio(
    path: Path, engine: str, model: str
) -> tuple[Transcript, tuple[tuple[float, float], ...]]:
    """Transcript and voice-activity regions of an audio file; NoSpeechError on silence."""
    from voicecoach.audio import load_audio
    from voicecoach.transcribe import load_transcriber
    from voicecoach.vad import speech_regions

    audio = load_audio(path)
    transcript = load_transcriber(engine, model).transcribe(audio)
    if not transcript.text.strip():
        raise NoSpeechError(f"{path}: no speech heard; check the recording or the microphone")
    return transcript, tuple(speech_regions(audio))


def _analyze_folder(
    folder: Path, engine: str, model: str, profile: Profile | None, semantic: bool | None
) -> Analysis:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in AUDIO_SUFFIXES)
    if not files:
        raise AudioFileError(
            f"{folder}: no audio files ({', '.join(AUDIO_SUFFIXES)}) in this folder"
        )
    turns = []
    for f in files:
        try:
            transcript, regions = transcribe_audio(f, engine, model)
        except NoSpeechError:
            transcript, regions = Transcript("", (), 0.0), ()
        turns.append(TurnInput(transcript, (), regions))
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
