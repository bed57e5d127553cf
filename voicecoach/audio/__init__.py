"""Sound in and out: audio files, voice activity, end-of-answer detection, the TTS voice,
and the devices (a :class:`Player` and a :class:`Recorder`, each with a file-based twin)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicecoach.lazy import lazy_exports

if TYPE_CHECKING:
    from voicecoach.audio.devices import Player, SilentPlayer, SoundDevicePlayer
    from voicecoach.audio.files import AUDIO_SUFFIXES, load_audio, write_wav
    from voicecoach.audio.recorders import FileRecorder, Recorder, Recording, SoundDeviceRecorder
    from voicecoach.audio.tts import Pyttsx3Speaker, Speaker
    from voicecoach.audio.vad import speech_regions

__all__ = [
    "AUDIO_SUFFIXES",
    "FileRecorder",
    "Player",
    "Pyttsx3Speaker",
    "Recorder",
    "Recording",
    "SilentPlayer",
    "SoundDevicePlayer",
    "SoundDeviceRecorder",
    "Speaker",
    "load_audio",
    "speech_regions",
    "write_wav",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "Player": "voicecoach.audio.devices",
        "SilentPlayer": "voicecoach.audio.devices",
        "SoundDevicePlayer": "voicecoach.audio.devices",
        "AUDIO_SUFFIXES": "voicecoach.audio.files",
        "load_audio": "voicecoach.audio.files",
        "write_wav": "voicecoach.audio.files",
        "FileRecorder": "voicecoach.audio.recorders",
        "Recorder": "voicecoach.audio.recorders",
        "Recording": "voicecoach.audio.recorders",
        "SoundDeviceRecorder": "voicecoach.audio.recorders",
        "Pyttsx3Speaker": "voicecoach.audio.tts",
        "Speaker": "voicecoach.audio.tts",
        "speech_regions": "voicecoach.audio.vad",
    },
)
