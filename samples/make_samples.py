"""Render the sample closings (strong.toml, weak.toml) to speech with the system TTS voice.

    python samples/make_samples.py

Writes, for each script NAME.toml: NAME/turn-NN.flac (one answer per rehearsal turn) and
NAME-closing.flac (the whole close in one recording, turns 0.8 s apart). The committed audio
was made with espeak-ng through pyttsx3 at 160 words per minute.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from voicecoach.audio import load_audio  # noqa: E402
from voicecoach.settings import SAMPLE_RATE_HZ, tomllib  # noqa: E402

RATE_WPM = 160
GAP_S = 0.5  # silence after a sentence unless the script says otherwise
TURN_GAP_S = 0.8  # silence between turns in the whole-closing recording


def speak(text: str, workdir: Path) -> np.ndarray:
    import pyttsx3

    # a fresh file per utterance: pyttsx3 reuses its engine and can leave a reused name empty
    out = workdir / f"utterance-{len(list(workdir.iterdir())):03d}.wav"
    for _attempt in range(3):  # pyttsx3 now and then returns before writing the file
        engine = pyttsx3.init()
        engine.setProperty("rate", RATE_WPM)
        engine.save_to_file(text, str(out))
        engine.runAndWait()
        if out.exists() and out.stat().st_size > 44:
            return load_audio(out)
    raise RuntimeError(f"the TTS voice wrote nothing for: {text!r}")


def render(script: Path) -> None:
    spec = tomllib.loads(script.read_text(encoding="utf-8"))
    name = script.stem
    (HERE / name).mkdir(exist_ok=True)
    turns_audio = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, turn in enumerate(spec["turns"], start=1):
            gaps = turn.get("pauses_s", [GAP_S] * len(turn["sentences"]))
            parts = []
            for sentence, gap_s in zip(turn["sentences"], gaps):
                parts.append(speak(sentence, Path(tmp)))
                parts.append(np.zeros(int(gap_s * SAMPLE_RATE_HZ), np.float32))
            lead = np.zeros(int(0.3 * SAMPLE_RATE_HZ), np.float32)  # a breath before speaking
            audio = np.concatenate([lead, *parts])
            sf.write(HERE / name / f"turn-{n:02d}.flac", audio, SAMPLE_RATE_HZ)
            turns_audio.append(audio)
    gap = np.zeros(int(TURN_GAP_S * SAMPLE_RATE_HZ), np.float32)
    whole = np.concatenate([x for a in turns_audio for x in (a, gap)])
    sf.write(HERE / f"{name}-closing.flac", whole, SAMPLE_RATE_HZ)
    print(f"{name}: {len(turns_audio)} turns, whole closing {len(whole) / SAMPLE_RATE_HZ:.1f} s")


if __name__ == "__main__":
    for path in sorted(HERE.glob("*.toml")):
        if path.name != "profile.toml":
            render(path)
