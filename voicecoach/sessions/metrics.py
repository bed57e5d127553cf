"""The few numbers per session that the index keeps: :func:`metrics_of` an analysis.

Storage computes them when a session is saved, so listing and progress never re-read every
analysis; the analysis result types are plain data, so this loads no analyzer code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voicecoach.analysis.results import Analysis


@dataclass(frozen=True)
class Metrics:
    score: int | None  # 0-100; None when the session has no overall analysis
    recap_s: float | None  # spoken length of the recap; None when no recap was found / timed
    # the pace a listener hears (first word to last, pauses included): the "wpm" of the
    # coaching's headline and its Pace line; the articulation rate when no span was timed
    wpm: float | None
    fillers_per_min: float | None  # fillers per minute of speaking time
    checks_done: int | None  # checks with status "done"
    checks_total: int | None  # checks that apply (all but "not_expected" and "unclear")
    # checks left "unclear" (not judged): in neither count above, so the views show them
    # beside it; None when the session has no overall analysis
    checks_unclear: int | None = None
    # The voice over the whole session (Analysis.prosody); None when it was not measured.
    # They also calibrate the monotone band to the speaker (pipeline.speaker_baseline).
    pitch_sd_st: float | None = None  # pitch variation, semitones
    pitch_median_hz: float | None = None  # typical pitch
    pitch_voiced_s: float | None = None  # voiced speech the two rest on
    # the score rests mostly on checks not heard clearly (Analysis.score_provisional): the
    # views mark it; None when the session has no overall analysis
    score_provisional: bool | None = None
    # a recap was asked for and found but its length not judged (its check left unclear, or
    # part of it not heard clearly): recap_s is None, and the list shows "?" for it, not the
    # "–" of no recap (review of stop 52, L3); None when the session has no overall analysis
    recap_unjudged: bool | None = None


NO_METRICS = Metrics(None, None, None, None, None, None)


def metrics_of(analysis: Analysis | None) -> Metrics:
    """The key numbers of one analysis (``NO_METRICS`` for None)."""
    if analysis is None:
        return NO_METRICS
    delivery = analysis.delivery
    # over the answers whose fillers were counted (not those not heard clearly)
    minutes = (delivery.speaking_time_s - delivery.not_counted_s) / 60.0
    fillers = round(len(delivery.fillers) / minutes, 2) if minutes > 0 else None
    # An "unclear" check is neither done nor missed: left out of both counts.
    applicable = [c for c in analysis.checks if c.status not in ("not_expected", "unclear")]
    # Only where a recap was asked for: a concern answer's claim of fit in the concerns
    # drill is no recap to chart against the 20-30 s band (a user trial saw one there).
    recap = analysis.check("recap")
    asked = recap is not None and recap.status != "not_expected"
    # ...nor one whose length was not judged (part of it not heard clearly: a trial's 22 s
    # recap was heard as 6.5 s of it), nor one whose check says it was not judged at all
    # ("unclear, not judged: it may be in ...": live trial 51, L4, the list read "11 s")
    judged = recap is not None and analysis.recap_timed
    recap_s = analysis.recap.duration_s if analysis.recap is not None and asked and judged else None
    unclear = recap is not None and recap.status == "unclear"
    unjudged = asked and not judged and (analysis.recap is not None or unclear)
    voice = analysis.prosody
    pace = delivery.speaking_rate_wpm if delivery.speaking_rate_wpm is not None else delivery.wpm
    return Metrics(
        score=analysis.score,
        recap_s=round(recap_s, 1) if recap_s is not None else None,
        wpm=round(pace, 1) if pace is not None else None,
        fillers_per_min=fillers,
        checks_done=sum(1 for c in applicable if c.status == "done"),
        checks_total=len(applicable),
        checks_unclear=sum(1 for c in analysis.checks if c.status == "unclear"),
        pitch_sd_st=voice.sd_st if voice else None,
        pitch_median_hz=voice.median_hz if voice else None,
        pitch_voiced_s=voice.voiced_s if voice else None,
        score_provisional=analysis.score_provisional,
        recap_unjudged=unjudged,
    )
