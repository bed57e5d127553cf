"""`voicecoach doctor --mic`: a few seconds from the microphone, measured as a rehearsal
measures an answer, and a verdict with its fix: OK, too quiet, clipping, or no speech heard.

The rehearsal warns while an answer is too quiet (median speech level under
``Thresholds.quiet_speech_db``); this measures the same level before a rehearsal, so the
gain can be set once. Nothing here prints.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from voicecoach.doctor import Finding
from voicecoach.errors import DeviceError
from voicecoach.settings import MIC_TEST_S, USUAL_SPEECH_DB, Config, Thresholds

if TYPE_CHECKING:
    from voicecoach.audio.recorders import Recorder, SoundDeviceRecorder


@dataclass(frozen=True)
class MicTest:
    """What a few seconds recorded from the microphone showed."""

    device: str  # the input device's label
    recorded_s: float
    speech_s: float  # audio in which the voice activity detector heard speech
    # the median level (dBFS) of the blocks with speech: the measure the rehearsal's
    # too-quiet warning uses; None when no speech was heard
    speech_level_db: float | None
    peak_db: float  # the loudest sample, dBFS
    clipped_share: float  # share of the samples at full scale (Thresholds.clip_level)


def mic_recorder(config: Config, seconds: float = MIC_TEST_S) -> SoundDeviceRecorder:
    """A recorder on the configured input device (as a rehearsal chooses it) that records
    exactly ``seconds``; DeviceError, naming the fix, when there is no such device."""
    from voicecoach.audio.devices import choose_device
    from voicecoach.audio.recorders import SoundDeviceRecorder

    device = choose_device(config.input_device, "input", rehearsing=False)
    # neither trailing silence nor a missing answer ends the test early
    fixed = replace(
        config.thresholds(),
        max_answer_s=seconds,
        end_silence_s=seconds + 1,
        no_answer_s=seconds + 1,
    )
    return SoundDeviceRecorder(device, fixed, latency="high")


def measure_microphone(recorder: Recorder, thresholds: Thresholds | None = None) -> MicTest:
    """Record from ``recorder`` and measure the level as a rehearsal does. The recording
    itself is deleted: only its numbers are kept."""
    import tempfile

    import numpy as np

    from voicecoach.audio.endpoint import RecordingStatus, block_db

    thresholds = thresholds or Thresholds()
    statuses: list[RecordingStatus] = []
    with tempfile.TemporaryDirectory(prefix="voicecoach-mic-") as folder:
        try:
            recording = recorder.record(Path(folder) / "mic.wav", on_status=statuses.append)
        finally:
            recorder.close()
    if recording.ended_by == "device_lost":
        raise DeviceError(
            f"input device {recording.device} stopped sending audio during the test; check "
            "it is connected, or choose another with `voicecoach devices --set-input`"
        )
    audio = np.abs(recording.audio)
    last = statuses[-1] if statuses else None
    return MicTest(
        device=recording.device,
        recorded_s=recording.duration_s,
        speech_s=last.speech_s if last and recording.speech_heard else 0.0,
        speech_level_db=last.speech_level_db if last and recording.speech_heard else None,
        peak_db=block_db(np.array([audio.max(initial=0.0)], np.float32)),
        clipped_share=float(np.mean(audio >= thresholds.clip_level)) if audio.size else 0.0,
    )


def mic_finding(test: MicTest, thresholds: Thresholds | None = None) -> Finding:
    """The verdict on a :class:`MicTest`, with the fix: no speech heard, clipping, too
    quiet, or OK."""
    th = thresholds or Thresholds()
    name = "microphone level"
    if test.speech_level_db is None:
        return Finding(
            name,
            False,
            f"{test.device}: no speech heard in {test.recorded_s:.1f} s "
            f"(loudest sound {test.peak_db:.0f} dBFS)",
            "check that this is the microphone you speak into (`voicecoach devices` lists "
            "them; --input-device or `voicecoach devices --set-input` chooses), that it is "
            f"not muted (a mute switch or key, or its input volume at zero){_mic_permission()}",
        )
    level = (
        f"{test.device}: speech at {test.speech_level_db:.0f} dBFS (median over "
        f"{test.speech_s:.1f} s of speech; usually {USUAL_SPEECH_DB}), peak {test.peak_db:.0f} dBFS"
    )
    if test.clipped_share > th.clip_share:
        return Finding(
            name,
            False,
            f"{level}; clipping: {test.clipped_share:.1%} of the samples at full scale",
            f"lower the microphone's input gain ({_gain_hint()}), or move back from it",
        )
    if test.speech_level_db < th.quiet_speech_db:
        return Finding(
            name,
            False,
            f"{level}; too quiet (under {th.quiet_speech_db:.0f} dBFS): what you say may be "
            "misheard",
            f"move closer to the microphone or raise its input gain ({_gain_hint()})",
        )
    short = (
        f"; only {test.speech_s:.1f} s of speech heard: say a whole sentence for a surer level"
        if test.speech_s < th.quiet_after_speech_s
        else ""
    )
    return Finding(name, True, f"{level}{short}")


def _gain_hint() -> str:
    """Where this system sets a microphone's input gain."""
    if sys.platform == "darwin":
        return "System Settings > Sound > Input: Input volume"
    if sys.platform == "win32":
        return "Settings > System > Sound > Input: Volume"
    return "your desktop's sound settings, Input; or pavucontrol's Input Devices, or alsamixer's F4"


def _mic_permission() -> str:
    if sys.platform == "darwin":  # macOS records silence for a terminal it has not allowed
        return (
            "; and that the terminal may use it (System Settings > Privacy & Security > Microphone)"
        )
    return ""
