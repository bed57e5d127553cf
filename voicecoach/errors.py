"""Every error voicecoach raises on purpose.

Each message names the file, device or setting at fault and says what to do about it,
in one line. The CLI prints ``Error: <message>`` and exits with :attr:`exit_code`;
anything not derived from :class:`VoicecoachError` is a bug and keeps its traceback.
"""

from __future__ import annotations


class VoicecoachError(Exception):
    """Base class. ``exit_code`` is the process exit status the CLI uses."""

    exit_code = 1


class UserInputError(VoicecoachError):
    """Something the user gave us is unusable: a file, an option, a setting."""

    exit_code = 2


class AudioFileError(UserInputError):
    """An audio file is missing, empty, truncated, or not audio."""


class NoSpeechError(UserInputError):
    """The audio holds no speech (silence or noise only)."""


class EngineError(UserInputError):
    """A transcription engine is unknown or not installed."""


class ModelError(UserInputError):
    """A Whisper model is unknown, missing, or unreadable."""


class ConfigError(UserInputError):
    """The config file, a job profile or a scenario file is malformed."""


class DeviceError(VoicecoachError):
    """An audio device is missing, refuses the format, or went away."""

    exit_code = 3


class VoiceError(VoicecoachError):
    """No text-to-speech voice could be used."""

    exit_code = 3


class SessionError(UserInputError):
    """A session ID is unknown, ambiguous, malformed, or the session is damaged."""


class StorageError(VoicecoachError):
    """The data directory cannot be written (disk full, permissions)."""

    exit_code = 4


__all__ = [
    "AudioFileError",
    "ConfigError",
    "DeviceError",
    "EngineError",
    "ModelError",
    "NoSpeechError",
    "SessionError",
    "StorageError",
    "UserInputError",
    "VoiceError",
    "VoicecoachError",
]
