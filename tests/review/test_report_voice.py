"""The voice in the report: a pitch trace under each answer, with the uptalk and monotone
findings marked, on recordings made to have them (tests/data/prosody), in real Chromium."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sessions_support as support
import soundfile as sf
from browser_support import BrowserPage

from voicecoach.audio.files import load_audio
from voicecoach.audio.vad import speech_regions
from voicecoach.review.reanalysis import reanalyze_session
from voicecoach.review.report import write_report
from voicecoach.sessions.store import Store

PROSODY = Path(__file__).parent.parent / "data" / "prosody"
SCREENSHOT = Path("/tmp/voicecoach-report-voice.png")  # kept after the run to look at


def _answer(parts: list[str], path: Path, transcriber) -> support.Answer:  # type: ignore[no-untyped-def]
    """One answer joined from the TTS recordings, with half a second between them."""
    gap = np.zeros(8000, np.float32)
    audio = np.concatenate([x for p in parts for x in (load_audio(PROSODY / p), gap)])
    sf.write(path, audio, 16000, subtype="PCM_16")
    return support.Answer(path, transcriber.transcribe(audio), tuple(speech_regions(audio)))


@pytest.fixture
def voice_session(_home: Path, faster_transcriber, tmp_path: Path) -> tuple[Store, str]:  # type: ignore[no-untyped-def]
    store = Store(_home)
    flat = _answer(
        ["passage-monotone-espeak-en-us.flac", "statement-falling-espeak-en-us.flac"],
        tmp_path / "flat.wav",
        faster_transcriber,
    )
    rising = _answer(
        ["passage-lively-espeak-en-us.flac", "statement-rising-espeak-en-us-bend1000.flac"],
        tmp_path / "rising.wav",
        faster_transcriber,
    )
    sid = support.record_session(store, [flat, rising])
    # the pipeline measures the voice from each answer's audio, as a rehearsal does
    reanalyze_session(sid, store=store, transcriber=faster_transcriber)
    return store, sid


@pytest.mark.slow
def test_voice_findings_are_stored_and_drawn(voice_session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, sid = voice_session
    session = store.load(sid)
    flat, rising = (t.analysis.prosody for t in session.turns if t.analysis)
    assert flat is not None and rising is not None
    assert flat.monotone == "yes" and flat.sd_st is not None and flat.sd_st < 1.0
    assert rising.monotone == "no"
    # the rising statement is caught; the lively passage's sentences end falling
    verdicts = {u.evidence.quote: u.verdict for u in rising.uptalk}
    assert verdicts.pop("I'm very interested in this role.") == "yes", rising.uptalk
    assert verdicts and "yes" not in verdicts.values(), rising.uptalk
    assert all(u.verdict != "yes" for u in flat.uptalk)  # the falling statement
    titles = [c.title for t in session.turns if t.analysis for c in t.analysis.coaching]
    assert "Let your voice move" in titles
    # the whole session keeps its voice figures for progress and the speaker's baseline
    summary = next(s for s in store.list_sessions() if s.id == sid)
    assert summary.metrics.pitch_sd_st is not None and summary.metrics.pitch_voiced_s

    html = write_report(store, sid, tmp_path / "report.html").read_text()
    assert html.count('<svg class="pitch"') == 2
    assert html.count("pt-mark pt-rise") == 1 and "rising end" in html
    assert "flat: pitch varies" in html and 'class="pt-flat"' in html


@pytest.mark.slow
@pytest.mark.browser
def test_pitch_trace_in_chromium(
    voice_session,  # type: ignore[no-untyped-def]
    browser_page: BrowserPage,
    tmp_path: Path,
) -> None:
    store, sid = voice_session
    path = write_report(store, sid, tmp_path / "report.html")
    page = browser_page.page
    page.goto(path.as_uri())
    trace = page.locator("#turn-2 svg.pitch")
    box = trace.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 60
    # the trace is drawn: its lines span most of the answer's width
    lines = page.evaluate(
        """() => Array.from(document.querySelectorAll('#turn-2 .pt-line'))
                .map(l => l.getBBox()).map(b => [b.x, b.width, b.height])"""
    )
    assert lines and max(x + w for x, w, _ in lines) - min(x for x, _, _ in lines) > 300
    rise = page.locator("#turn-2 .pt-mark.pt-rise")
    assert rise.count() == 1 and rise.bounding_box() is not None
    assert "rising end" in page.inner_text("#turn-2 .pitch-finding")
    assert "flat: pitch varies" in page.inner_text("#turn-1 .pitch-finding")
    assert page.locator("#turn-1 .pt-flat").count() == 1
    page.locator("#turn-1").screenshot(path=str(SCREENSHOT.with_suffix(".turn1.png")))
    page.locator("#turn-2").screenshot(path=str(SCREENSHOT))
    assert browser_page.problems == []
    assert SCREENSHOT.stat().st_size > 20_000


def test_an_answer_heard_over_another_voice_shows_no_pitch_and_is_not_charted(
    _home: Path, tmp_path: Path
) -> None:
    # a live trial's report drew both voices' pitch as the candidate's, and charted it
    from voicecoach.analysis import TurnInput, analyze, analyze_rehearsal
    from voicecoach.pipeline import listen
    from voicecoach.review.progress import load_progress
    from voicecoach.review.report import render_report
    from voicecoach.transcript import Transcript

    speech = Path(__file__).parents[1] / "data" / "speech"
    heard = Transcript.from_text("Thank you for today. I am very keen on this role.")
    store = Store(_home)
    writer = store.create(scenario="final-close", profile=None, engine="", model="")
    inputs = []
    for n, name in enumerate(
        ["second-voice-none-espeak-card.flac", "second-voice-slt-over-espeak-0db-card.flac"], 1
    ):
        once = load_audio(speech / name)  # said twice: enough voicing to judge variation
        audio = np.concatenate([once, np.zeros(8000, np.float32), once])
        regions = tuple(speech_regions(audio))
        voice = listen(audio, regions)
        paths = writer.turn_paths(n, prompt_text=f"Prompt {n}")
        sf.write(paths.answer_wav, audio, 16000, subtype="PCM_16")
        analysis = analyze(heard, speech_regions=regions, expects=("interest",), voice=voice)
        writer.save_turn(
            n, prompt_text=f"Prompt {n}", expects=("interest",), transcript=heard,
            analysis=analysis, speech_regions=regions,
        )  # fmt: skip
        inputs.append(TurnInput(heard, ("interest",), regions, None, voice))
    writer.finish(status="complete", analysis=analyze_rehearsal(inputs))
    first_only = analyze_rehearsal(inputs[:1]).prosody
    assert first_only is not None and first_only.sd_st is not None

    html = render_report(store.load("last"), load_progress(store))
    turn2 = html[html.index('id="turn-2"') :]
    assert html.count('<svg class="pitch"') == 1 and '<svg class="pitch"' not in turn2
    assert "<strong>Voice:</strong> not judged: another voice was heard in this answer" in turn2
    # progress, the session list and the speaker's baseline chart the clear turn's voice
    (listed,) = store.list_sessions()
    assert listed.metrics.pitch_sd_st == first_only.sd_st
    assert listed.metrics.pitch_voiced_s == first_only.voiced_s
