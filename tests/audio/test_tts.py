"""The interviewer's voice: pyttsx3 + espeak-ng rendered to WAV files, checked by ear (Whisper)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from voicecoach.audio.tts import (
    Pyttsx3Speaker,
    Voice,
    foreign_voice_note,
    list_voices,
    pick_voice,
)
from voicecoach.errors import VoiceError


def test_voices_are_listed_with_ids() -> None:
    voices = list_voices()
    assert voices, "espeak-ng should provide voices"
    assert all(v.id for v in voices)
    assert any("en" in v.id for v in voices)


def test_render_writes_a_wav_with_speech(tmp_path: Path) -> None:
    out = Pyttsx3Speaker(rate_wpm=165).render(
        "Do you have any final questions for me?", tmp_path / "p.wav"
    )
    info = sf.info(str(out))
    assert info.channels == 1 and 1.0 < info.duration < 6.0
    audio, _ = sf.read(str(out), dtype="float32")
    assert float(np.sqrt(np.mean(audio**2))) > 0.01  # not silence


def test_each_utterance_gets_its_own_file(tmp_path: Path) -> None:
    # pyttsx3 runs only the last queued command and can overwrite a file: one per runAndWait
    speaker = Pyttsx3Speaker()
    short = speaker.render("Thank you.", tmp_path / "a.wav")
    long = speaker.render(
        "Thank you for coming in today; we will be in touch about next steps very soon.",
        tmp_path / "b.wav",
    )
    assert sf.info(str(long)).duration > 2 * sf.info(str(short)).duration
    assert not list(tmp_path.glob("*.tts.wav"))  # temp files renamed away


def test_rate_is_applied_every_time(tmp_path: Path) -> None:
    # alternating rates back to back: a rate set while espeak was still busy used to be
    # cancelled with espeak's queue, and the prompt came out at the previous rate
    text = "Is there anything else you would like me to know before we finish today?"
    for n in range(3):
        slow = Pyttsx3Speaker(rate_wpm=110).render(text, tmp_path / f"slow{n}.wav")
        fast = Pyttsx3Speaker(rate_wpm=260).render(text, tmp_path / f"fast{n}.wav")
        assert sf.info(str(slow)).duration > 1.5 * sf.info(str(fast)).duration, n


@pytest.mark.slow
def test_rendered_prompt_is_intelligible(tmp_path: Path, faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    from voicecoach.audio.files import load_audio

    out = Pyttsx3Speaker().render(
        "What are the next steps in your hiring process?", tmp_path / "p.wav"
    )
    text = faster_transcriber.transcribe(load_audio(out)).text.lower()
    assert "next step" in text and "hiring process" in text


def test_no_voices_gives_the_install_fix() -> None:
    with pytest.raises(VoiceError, match="apt-get install espeak-ng libespeak-ng1"):
        pick_voice((), None)


def test_voice_chosen_by_id_or_name_fragment() -> None:
    voices = (Voice("gmw/en", "English (Great Britain)"), Voice("gmw/en-us", "English (America)"))
    assert pick_voice(voices, "gmw/en").id == "gmw/en"  # exact beats fragment
    assert pick_voice(voices, "america").id == "gmw/en-us"
    assert pick_voice(voices, None).id == "gmw/en-us"  # default prefers en-us


def test_unknown_voice_names_the_setting() -> None:
    with pytest.raises(VoiceError, match=r"voice 'no-such-voice-xyz'.*setting 'voice'"):
        Pyttsx3Speaker(voice="no-such-voice-xyz")


def test_a_real_voice_that_is_not_english_is_noted() -> None:
    # A user trial took `--voice klingon` for a name espeak would refuse: espeak-ng has
    # a Klingon voice, which reads the interviewer's English lines with its own rules.
    speaker = Pyttsx3Speaker(voice="klingon")
    assert speaker.voice.speaks_english is False
    note = foreign_voice_note(speaker.voice, speaker.wanted)
    assert note is not None and "\n" not in note
    assert note.startswith("Note: voice 'klingon' (setting 'voice') is Klingon (")
    assert "not an English voice" in note and "`voicecoach devices --voices`" in note


def test_english_default_and_unknown_language_voices_get_no_note() -> None:
    english = Pyttsx3Speaker(voice="en-us")
    assert foreign_voice_note(english.voice, english.wanted) is None
    default = Pyttsx3Speaker()
    assert foreign_voice_note(default.voice, default.wanted) is None
    assert foreign_voice_note(Voice("x", "Samantha"), "samantha") is None  # no language given


def test_empty_prompt_is_refused(tmp_path: Path) -> None:
    with pytest.raises(VoiceError, match="prompt is empty"):
        Pyttsx3Speaker().render("   ", tmp_path / "x.wav")


def test_render_returns_only_once_the_voice_has_finished(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # libespeak-ng runs asynchronously under pyttsx3: runAndWait may return before the file
    # is written, and espeak's thread then calls back into the engine. A render must wait for
    # that, and the engine must outlive it (CI once saw a ReferenceError from the callback).
    import gc

    texts = [
        f"Question {i}: " + "what would success look like in this role? " * (i % 3 + 1)
        for i in range(12)
    ]
    outs = []
    for i, text in enumerate(texts):
        out = Pyttsx3Speaker().render(text, tmp_path / f"p{i}.wav")
        outs.append((out, out.read_bytes()))
        gc.collect()
    time.sleep(0.2)
    for out, written in outs:
        assert out.read_bytes() == written, f"{out.name} changed after render returned"
    durations = [sf.info(str(out)).duration for out, _ in outs]
    for group in range(0, len(durations), 3):  # the question said once, twice, three times
        once, twice, thrice = durations[group : group + 3]
        assert once < twice < thrice, durations
    assert "Audio saved" not in capfd.readouterr().out


FULL_DISK_RENDER = """
import resource, signal, sys
from pathlib import Path
from voicecoach.errors import VoicecoachError
from voicecoach.audio.tts import Pyttsx3Speaker
folder = Path(sys.argv[1])
speaker = Pyttsx3Speaker()
speaker.render("Ready.", folder / "warm-up.wav")  # the voice is set up: the common case
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG errors instead of a kill
resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))  # as if the disk were full
try:
    speaker.render("Thank you for coming in today; we will be in touch soon.", folder / "p.wav")
except VoicecoachError as exc:
    print(f"{type(exc).__name__}: {exc}")
"""


def test_a_full_disk_is_reported_not_hung_on(tmp_path: Path) -> None:
    # espeak's callback fails to write the file and pyttsx3's loop never ends by itself
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK_RENDER, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.startswith("StorageError: ") and "cannot write the prompt audio" in (
        done.stdout
    ), done.stdout + done.stderr
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "p.wav").exists()
