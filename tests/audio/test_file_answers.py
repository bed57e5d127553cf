"""Recorded answers streamed at speaking pace (the demo), ended like a live answer."""

from __future__ import annotations

import threading
from pathlib import Path

from voicecoach.audio.endpoint import RecordingStatus
from voicecoach.audio.files import load_audio
from voicecoach.audio.recorders import FileRecorder

SPEECH = Path(__file__).parent.parent / "data" / "speech"


def test_a_paced_answer_file_judged_over_in_a_pause_goes_on_to_its_last_words(
    tmp_path: Path,
) -> None:
    from voicecoach.audio.vad import speech_regions

    stop = threading.Event()
    heard: list[float] = []

    def on_status(status: RecordingStatus) -> None:
        heard.append(status.elapsed_s)
        if status.elapsed_s >= 1.0:
            stop.set()  # what the rehearsal does when it hears the candidate finish

    recorder = FileRecorder([SPEECH / "jfk.wav"], real_time=True)
    result = recorder.record(tmp_path / "a.wav", stop=stop, on_status=on_status)
    audio = load_audio(SPEECH / "jfk.wav")
    last_word_s = speech_regions(audio)[-1][1]
    assert result.ended_by == "key"
    # live, the candidate would go on (barge-in); a recorded answer is streamed to its last
    # words, so nothing it says is lost, and no further: its trailing silence is not waited
    assert last_word_s <= heard[-1] < last_word_s + 0.25 < len(audio) / 16000
    assert len(load_audio(tmp_path / "a.wav")) == len(audio)  # the answer file is kept whole


def test_unpaced_answer_files_play_to_their_end(tmp_path: Path) -> None:
    stop = threading.Event()
    stop.set()
    result = FileRecorder([SPEECH / "jfk.wav"]).record(tmp_path / "a.wav", stop=stop)
    assert result.ended_by == "file" and result.duration_s > 10
