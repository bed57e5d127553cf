"""The headline's length and pace are measured over the same span, so they agree."""

from __future__ import annotations

from voicecoach.analysis.render import _summary
from voicecoach.analysis.results import Delivery


def test_the_headline_gives_the_span_its_pace_is_measured_over() -> None:
    # 194 words over 79.6 s first word to last (146 wpm), 74.7 s of it voiced
    d = Delivery(
        speaking_time_s=74.7,
        word_count=194,
        wpm=156.0,
        answer_span_s=79.6,
        speaking_rate_wpm=194 / 79.6 * 60,
    )
    line = _summary(d, 80.0)
    assert line == "194 words · 1:19.6 long · 146 wpm"
    minutes = 79.6 / 60
    assert round(194 / minutes) == 146  # the two figures shown agree


def test_a_delivery_stored_before_speaking_rates_keeps_its_speaking_time() -> None:
    d = Delivery(speaking_time_s=74.7, word_count=194, wpm=156.0)
    assert _summary(d, 80.0) == "194 words · 1:14.7 speaking · 156 wpm"
