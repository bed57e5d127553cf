"""Synthetic speech for the benchmarks, made at bench time from Debian TTS voices.

Nothing here is committed as audio: the texts live in ``bench/data/`` and the audio is
rendered into a cache folder (``~/.cache/voicecoach-bench`` unless ``--out`` says
otherwise), reused while its manifest is there. Two sets:

- :func:`conditions_set` (bench_models.py): the test sentences read four sentences to a
  clip, as **fast** speech (espeak-ng English voices at 200-260 wpm), **accented** speech
  (espeak-ng fr and hi reading English, and four regional English voices) and **noisy**
  speech (clean espeak-ng / Festival speech with pink, brown or babble noise mixed in at
  10 dB SNR). espeak-ng's de, es, it and pt voices are left out: they read English
  spelling with their own letter-to-sound rules, which no listener would follow either
  (both models measured 74-98% words wrong on them).
- :func:`turns_set` (bench_turn_end.py): candidate answers with silent thinking pauses,
  each voiced by three of four voices and followed by 8 s of silence. espeak-ng gets each
  pause as an SSML break inside one utterance (the sentence keeps its running intonation
  across a mid-sentence pause); Festival voices the pieces separately, so its fragments
  end falling like finished sentences (the hard case for a pitch cue).

Needs ``espeak-ng`` and Festival (``festival festvox-us-slt-hts``; ``festvox-kallpc16k``
for the kal voice), as ``make test`` installs them. The helpers that make and store audio
(:func:`tts`, :func:`trim`, :func:`peak`, :func:`active_power`, :func:`coloured`,
:func:`write_audio`, :func:`cached`) are shared with bench_second_voice.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]
DATA = Path(__file__).resolve().parent / "data"
RATE = 16_000
Audio = npt.NDArray[np.float32]

# A new version of a set's recipe: bump it so old caches are made again.
CONDITIONS_VERSION = 1
TURNS_VERSION = 2  # 2: three answers that open with "That's a fair point." and the like
FESTIVAL_VOICES = {"festival-slt": "cmu_us_slt_arctic_hts", "festival-kal": "kal_diphone"}

PER_CLIP = 4  # sentences per clip of the model benchmark
SENTENCE_GAP_S = 0.35  # silence between the sentences of a clip
FAST_VOICES = ("en-us", "en-gb", "en-gb-x-rp", "en-us+f3", "en-us-nyc")
FAST_WPM = (200, 220, 240, 260)
ACCENTED_VOICES = ("fr", "hi", "en-gb-scotland", "en-029", "en-gb-x-gbclan", "en-gb-x-gbcwmd")
ACCENTED_WPM = 165
CLEAN_VOICES = ("en-us", "festival-slt", "en-gb", "en-us+m3")
CLEAN_WPM = 170
NOISES = ("pink", "brown", "babble")
SNR_DB = 10.0  # speech (active level) over noise power
BABBLE_TALKERS = 6
BABBLE_VOICES = ("en-us", "en-gb", "en-us+f3", "en-gb-x-rp", "en-us+m4", "en-029", "festival-slt")

TURN_VOICES = (("en-us", 165), ("en-gb", 160), ("en-us+f3", 170), ("festival-slt", 0))
VOICES_PER_ANSWER = 3  # each answer in 3 of the 4 voices, rotating
LEAD_S = 0.5  # silence before the first word of an answer
END_SILENCE_S = 8.0  # after the last word: longer than any end-of-turn wait
PAUSE_MARK = re.compile(r"\[(\d+(?:\.\d+)?)\]")
# Energy detection of speech: 10 ms frames more than 40 dB under the loudest are silent.
FRAME_S = 0.01
SILENT_BELOW_DB = 40.0
MIN_PAUSE_S = 0.7  # silences shorter than this inside an answer are not thinking pauses


def cache_dir(out: Path | None = None) -> Path:
    if out is not None:
        return out
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "voicecoach-bench"


def read_lines(name: str) -> list[str]:
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def check_tools(voices: tuple[str, ...] = ("en-us", "festival-slt")) -> None:
    need = {"text2wave" if v.startswith("festival") else "espeak-ng" for v in voices}
    missing = sorted(t for t in need if shutil.which(t) is None)
    if missing:
        raise SystemExit(
            f"{', '.join(missing)} not found: apt-get install espeak-ng festival "
            "festvox-us-slt-hts festvox-kallpc16k"
        )


# --- voices ----------------------------------------------------------------------------


def tts(text: str, voice: str, wpm: int = 165, *, ssml: bool = False) -> Audio:
    """``text`` spoken by an espeak-ng voice (at ``wpm``) or a Festival voice, 16 kHz."""
    from voicecoach.audio.files import load_audio

    with tempfile.TemporaryDirectory(prefix="vc-tts-") as tmp:
        wav = Path(tmp) / "out.wav"
        if voice in FESTIVAL_VOICES:
            txt = Path(tmp) / "in.txt"
            txt.write_text(text + "\n", "utf-8")
            cmd = ["text2wave", "-eval", f"(voice_{FESTIVAL_VOICES[voice]})", str(txt)]
            subprocess.run([*cmd, "-o", str(wav)], check=True, capture_output=True)
        else:
            flags = ["-m"] if ssml else []
            cmd = ["espeak-ng", *flags, "-v", voice, "-s", str(wpm), "-w", str(wav), text]
            subprocess.run(cmd, check=True, capture_output=True)
        if not wav.exists():  # text2wave exits 0 when the voice is not installed
            raise SystemExit(
                f"voice {voice!r} wrote no audio: is it installed? (apt-get install espeak-ng "
                "festival festvox-us-slt-hts festvox-kallpc16k)"
            )
        return load_audio(wav)


def frame_db(audio: Audio) -> npt.NDArray[np.float64]:
    hop = int(FRAME_S * RATE)
    n = max(1, -(-len(audio) // hop))
    frames = np.pad(audio, (0, n * hop - len(audio))).reshape(n, hop)
    return np.asarray(10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-12))


def voiced_frames(audio: Audio) -> npt.NDArray[np.bool_]:
    db = frame_db(audio)
    return np.asarray(db > db.max() - SILENT_BELOW_DB)


def speech_bounds(audio: Audio) -> tuple[float, float]:
    """First and last instant of sound (seconds), by frame energy."""
    idx = np.flatnonzero(voiced_frames(audio))
    if len(idx) == 0:
        return 0.0, 0.0
    return idx[0] * FRAME_S, min(len(audio) / RATE, (idx[-1] + 1) * FRAME_S)


def trim(audio: Audio) -> Audio:
    a, b = speech_bounds(audio)
    return audio[int(a * RATE) : int(b * RATE)]


def silences(audio: Audio, min_s: float) -> list[tuple[float, float]]:
    """Silent stretches (start, length in seconds) of at least ``min_s`` inside speech."""
    quiet = ~voiced_frames(audio)
    edges = np.diff(np.concatenate(([0], quiet.astype(np.int8), [0])))
    out = []
    for s, e in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
        if s > 0 and e < len(quiet) and (e - s) * FRAME_S >= min_s:
            out.append((round(float(s) * FRAME_S, 2), round(float(e - s) * FRAME_S, 2)))
    return out


def peak(audio: Audio, to: float) -> Audio:
    return np.asarray(to * audio / (np.abs(audio).max() + 1e-9), dtype=np.float32)


def write_audio(path: Path, audio: Audio) -> None:
    import soundfile as sf

    sf.write(str(path), np.clip(audio, -1, 1), RATE, subtype="PCM_16")


def cached(folder: Path, version: int, make: Callable[[Path], list[dict[str, Any]]]) -> Path:
    """``folder`` holding ``manifest.jsonl``: made by ``make`` unless already there."""
    manifest = folder / "manifest.jsonl"
    stamp = folder / "version"
    if manifest.is_file() and stamp.is_file() and stamp.read_text().strip() == str(version):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rows = make(folder)
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    stamp.write_text(str(version))
    return folder


# --- the model benchmark's conditions --------------------------------------------------


def conditions_set(out: Path | None = None) -> Path:
    """The fast, accented and noisy clips (WAV, text in the manifest), made once."""
    check_tools(("en-us", "festival-slt"))
    return cached(cache_dir(out) / "conditions", CONDITIONS_VERSION, _make_conditions)


def _make_conditions(folder: Path) -> list[dict[str, Any]]:
    sentences = read_lines("sentences.txt")
    rng = np.random.default_rng(7)
    rows: list[dict[str, Any]] = []

    def clips() -> list[list[str]]:
        order = rng.permutation(len(sentences))
        return [
            [sentences[i] for i in order[k : k + PER_CLIP]] for k in range(0, len(order), PER_CLIP)
        ]

    def save(condition: str, k: int, audio: Audio, text: list[str], **meta: object) -> None:
        name = f"{condition}-{k:02d}.wav"
        write_audio(folder / name, audio)
        rows.append({"file": name, "condition": condition, "text": " ".join(text), **meta})
        print(f"  {name} {meta}", file=sys.stderr, flush=True)

    for k, text in enumerate(clips()):
        voice, wpm = FAST_VOICES[k % len(FAST_VOICES)], FAST_WPM[k % len(FAST_WPM)]
        save("fast", k, _clip(text, voice, wpm), text, voice=voice, wpm=wpm)
    for k, text in enumerate(clips()):
        voice = ACCENTED_VOICES[k % len(ACCENTED_VOICES)]
        save("accented", k, _clip(text, voice, ACCENTED_WPM), text, voice=voice)
    for k, text in enumerate(clips()):
        voice, kind = CLEAN_VOICES[k % len(CLEAN_VOICES)], NOISES[k % len(NOISES)]
        clean = _clip(text, voice, CLEAN_WPM)
        mix = clean + _noise_for(clean, kind, rng, sentences)
        save("noisy", k, peak(mix, 0.7), text, voice=voice, noise=kind, snr_db=SNR_DB)
    return rows


def _clip(sentences: list[str], voice: str, wpm: int) -> Audio:
    gap = np.zeros(int(SENTENCE_GAP_S * RATE), np.float32)
    parts = [gap]
    for s in sentences:
        parts += [trim(tts(s, voice, wpm)), gap]
    return peak(np.concatenate(parts), 0.5)


def _noise_for(clean: Audio, kind: str, rng: np.random.Generator, texts: list[str]) -> Audio:
    """Noise of ``kind`` scaled to SNR_DB under the clean speech's active level."""
    n = len(clean)
    noise = _babble(n, rng, texts) if kind == "babble" else coloured(n, kind, rng)
    speech_power = active_power(clean)
    scale = np.sqrt(speech_power / (np.mean(noise**2) * 10 ** (SNR_DB / 10)))
    return np.asarray(noise * scale, dtype=np.float32)


def active_power(audio: Audio) -> float:
    """Mean power over the 10 ms frames that carry speech (the active speech level)."""
    hop = int(FRAME_S * RATE)
    frames = [audio[i * hop : (i + 1) * hop] for i in np.flatnonzero(voiced_frames(audio))]
    return float(np.mean(np.concatenate(frames).astype(np.float64) ** 2))


def coloured(n: int, kind: str, rng: np.random.Generator) -> Audio:
    """Pink (1/f) or brown (1/f^2) noise, shaped in frequency, nothing under 20 Hz."""
    exponent = 1.0 if kind == "pink" else 2.0
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    freqs[0] = freqs[1]
    spectrum *= freqs ** (-exponent / 2)
    spectrum[freqs < 20] = 0
    noise = np.fft.irfft(spectrum, n)
    return np.asarray(noise / noise.std(), dtype=np.float32)


def _babble(n: int, rng: np.random.Generator, texts: list[str]) -> Audio:
    """Several voices reading other sentences at once (a busy room), each looped to ``n``."""
    mix = np.zeros(n, np.float64)
    for t in range(BABBLE_TALKERS):
        text = " ".join(rng.choice(texts, 4))
        voice = BABBLE_VOICES[t % len(BABBLE_VOICES)]
        talker = trim(tts(text, voice, 165)).astype(np.float64)
        talker /= np.sqrt(np.mean(talker**2)) + 1e-9
        loop = np.tile(talker, int(np.ceil((n + len(talker)) / len(talker))))
        start = int(rng.integers(0, len(talker)))
        mix += loop[start : start + n]
    return np.asarray(mix / mix.std(), dtype=np.float32)


# --- the end-of-turn set ----------------------------------------------------------------


def turns_set(out: Path | None = None) -> Path:
    """Answers with thinking pauses; ``manifest.jsonl`` lines hold ``file, text, voice,
    last_word_end_s, pauses: [{at_s, dur_s, planned_s, mid_sentence}]``. Pause times are
    measured from the audio (energy), not taken from the plan."""
    check_tools(("en-us", "festival-slt"))
    return cached(cache_dir(out) / "turns", TURNS_VERSION, _make_turns)


def parse_answer(answer: str) -> tuple[list[str], list[float]]:
    """Split an answer at its pause marks: the pieces and the planned pauses between."""
    pieces = [p.strip() for p in PAUSE_MARK.split(answer)[0::2]]
    return pieces, [float(x) for x in PAUSE_MARK.findall(answer)]


def _make_turns(folder: Path) -> list[dict[str, Any]]:
    rows = []
    for a, answer in enumerate(read_lines("answers.txt")):
        pieces, planned = parse_answer(answer)
        for v in range(VOICES_PER_ANSWER):
            voice, wpm = TURN_VOICES[(a + v) % len(TURN_VOICES)]
            audio = _answer_audio(answer, voice, wpm)
            last = speech_bounds(audio)[1]
            found = silences(audio[: int((last + 0.05) * RATE)], MIN_PAUSE_S)
            if len(found) != len(planned):  # a natural gap over 0.7 s: keep the longest
                found = sorted(sorted(found, key=lambda g: -g[1])[: len(planned)])
            pauses = [
                {
                    "at_s": at,
                    "dur_s": dur,
                    "planned_s": planned[i],
                    "mid_sentence": not pieces[i].endswith((".", "?", "!")),
                }
                for i, (at, dur) in enumerate(found)
            ]
            name = f"a{a:02d}-{voice.replace('+', '_')}.flac"
            write_audio(folder / name, audio)
            rows.append(
                {
                    "file": name,
                    "text": " ".join(p for p in pieces if p),
                    "voice": voice,
                    "last_word_end_s": round(last, 2),
                    "pauses": pauses,
                }
            )
            print(f"  {name} pauses {[(p['at_s'], p['dur_s']) for p in pauses]}", file=sys.stderr)
    return rows


def _answer_audio(answer: str, voice: str, wpm: int) -> Audio:
    pieces, pauses = parse_answer(answer)
    if voice in FESTIVAL_VOICES:
        parts = []
        for i, piece in enumerate(pieces):
            parts.append(trim(tts(piece, voice)))
            if i < len(pauses):
                parts.append(np.zeros(int(pauses[i] * RATE), np.float32))
        audio = np.concatenate(parts)
    else:
        ssml = PAUSE_MARK.sub(lambda m: f'<break time="{int(float(m[1]) * 1000)}ms"/>', answer)
        audio = trim(tts(f"<speak>{ssml}</speak>", voice, wpm, ssml=True))
    lead = np.zeros(int(LEAD_S * RATE), np.float32)
    end = np.zeros(int(END_SILENCE_S * RATE), np.float32)
    return np.concatenate([lead, peak(audio, 0.5), end])
