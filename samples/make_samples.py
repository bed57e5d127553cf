"""Render the sample closings (strong.toml, weak.toml) to speech with the system TTS voice.

    python samples/make_samples.py [NAME ...]     # e.g. strong; default: every script

Writes, for each script NAME.toml: NAME/turn-NN.flac (one answer per rehearsal turn) and
NAME-closing.flac (the whole close in one recording, turns 0.5 s apart). The committed audio
was made with Festival's cmu_us_slt_arctic_hts voice (Debian: festival, festvox-us-slt-hts).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from voicecoach.audio.files import load_audio  # noqa: E402
from voicecoach.settings import SAMPLE_RATE_HZ, tomllib  # noqa: E402

VOICE = "voice_cmu_us_slt_arctic_hts"  # Debian: festival festvox-us-slt-hts
GAP_S = 0.4  # silence after a sentence unless the script says otherwise
TURN_GAP_S = 0.5  # silence between turns in the whole-closing recording


def speak(text: str, workdir: Path, speed: float = 1.0) -> np.ndarray:
    """One sentence through Festival's US English HTS voice (clearer to Whisper than
    espeak-ng, which the product uses for the interviewer). ``speed`` < 1 speaks slower
    (the HTS engine's -r; Festival's Duration_Stretch does not reach HTS voices)."""
    out = workdir / f"utterance-{len(list(workdir.iterdir())):03d}.wav"
    src = out.with_suffix(".txt")
    src.write_text(text, encoding="utf-8")
    rate = f'(set! hts_engine_params (append hts_engine_params (list (list "-r" {speed}))))'
    subprocess.run(
        ["text2wave", "-eval", f"({VOICE})", "-eval", rate, str(src), "-o", str(out)],
        check=True,
        capture_output=True,
    )
    src.unlink()
    return load_audio(out)


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
                parts.append(speak(sentence, Path(tmp), spec.get("speed", 1.0)))
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
    wanted = set(sys.argv[1:])
    for path in sorted(HERE.glob("*.toml")):
        if path.name != "profile.toml" and (not wanted or path.stem in wanted):
            render(path)
