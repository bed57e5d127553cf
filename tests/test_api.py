"""The public API: what each package exports is pinned here, so a change to it is a
decision (and a line in this file), never an accident of a refactoring."""

from __future__ import annotations

import importlib

import pytest

PUBLIC = {
    "voicecoach": [
        "Analysis", "Segment", "Transcript", "VoicecoachError", "Word", "analyze",
        "analyze_text", "load_audio", "load_transcriber",
    ],
    "voicecoach.analysis": [
        "EXPECTS", "MOVES", "Analysis", "TurnInput", "Voice", "analyze", "analyze_rehearsal",
        "analyze_text", "measure_voice", "unreached_expects",
    ],
    "voicecoach.audio": [
        "AUDIO_SUFFIXES", "FileRecorder", "Player", "Pyttsx3Speaker", "Recorder", "Recording",
        "SilentPlayer", "SoundDevicePlayer", "SoundDeviceRecorder", "Speaker", "load_audio",
        "speech_regions", "write_wav",
    ],
    "voicecoach.speech": [
        "DEFAULT_PROMPT", "ENGINES", "ChunkedTranscriber", "Decoder", "GatedTranscriber",
        "Transcriber", "list_models", "load_transcriber",
    ],
    "voicecoach.sessions": [
        "AnswerResults", "Metrics", "Session", "SessionSummary", "SessionWriter", "Store",
        "Turn", "metrics_of",
    ],
    "voicecoach.rehearsal": [
        "Controls", "Devices", "Rehearsal", "RehearsalEvents", "RehearsalResult",
        "RehearseOptions", "TurnResult", "Verdict", "build_devices", "prepare", "quick_verdict",
    ],
    "voicecoach.review": [
        "FollowupEmail", "Progress", "draft_followup", "export_session", "get_writer",
        "load_progress", "render_report", "replay_session", "write_report",
    ],
}  # fmt: skip


@pytest.mark.parametrize("package", sorted(PUBLIC))
def test_exported_members(package: str) -> None:
    module = importlib.import_module(package)
    assert sorted(module.__all__) == sorted(PUBLIC[package])
    for name in module.__all__:
        value = getattr(module, name)  # each lazy name resolves to a real object
        home = getattr(value, "__module__", None)
        assert home is None or home.startswith("voicecoach."), (name, home)


def test_unknown_names_raise_attribute_error() -> None:
    import voicecoach.sessions

    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        voicecoach.sessions.nope  # noqa: B018
