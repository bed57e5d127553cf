"""Recorded answers streamed at speaking pace (the demo), ended like a live answer."""

from __future__ import annotations

import threading
from pathlib import Path

from voicecoach.audio.endpoint import RecordingStatus
from voicecoach.audio.files import load_audio
from voicecoach.audio.recorders import FileRecorder

SPEECH = Path(__file__).parent.parent / "data" / "speech"


def test_a_paced_answer_file_stops_when_the_answer_is_judged_over(tmp_path: Path) -> None:
    stop = threading.Event()
    heard: list[float] = []

    def on_status(status: RecordingStatus) -> None:
        heard.append(status.elapsed_s)
        if status.elapsed_s >= 1.0:
            stop.set()  # what the rehearsal does when it hears the candidate finish

    recorder = FileRecorder([SPEECH / "jfk.wav"], real_time=True)
    result = recorder.record(tmp_path / "a.wav", stop=stop, on_status=on_status)
    assert result.ended_by == "key"
    assert 1.0 <= heard[-1] < 1.5  # it stopped streaming: the rest was never "spoken"
    # the answer file is kept whole
    assert len(load_audio(tmp_path / "a.wav")) == len(load_audio(SPEECH / "jfk.wav"))


def test_unpaced_answer_files_play_to_their_end(tmp_path: Path) -> None:
    stop = threading.Event()
    stop.set()
    result = FileRecorder([SPEECH / "jfk.wav"]).record(tmp_path / "a.wav", stop=stop)
    assert result.ended_by == "file" and result.duration_s > 10
