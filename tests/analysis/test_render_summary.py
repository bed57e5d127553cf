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


def test_a_hedge_with_i_in_it_is_quoted_with_a_capital_i() -> None:
    # trial 19: '3 hedges such as "i guess"' read as a typo
    from rich.console import Console

    from voicecoach.analysis.analyzer import analyze_text
    from voicecoach.analysis.render import render

    text = (
        "I guess I could lead the team. I guess my numbers were fine, I suppose, over five "
        "years. I think maybe the migration went well, I guess. Sort of a fit, I guess. "
        "What are the next steps? Thank you for your time."
    )
    analysis = analyze_text(text, None, semantic=False)
    (fix,) = [p for p in analysis.coaching if p.title == "Drop the hedges"]
    assert 'such as "I guess"' in fix.message, fix.message
    console = Console(record=True, width=200)
    render(analysis, console)
    (line,) = [x for x in console.export_text().splitlines() if "Hedges:" in x]
    assert "(I guess ×4" in line and " i " not in line, line
    hedged = analyze_text("I guess I'm interested in the role. Thanks.", None, semantic=False)
    check = hedged.check("interest")
    assert check is not None and check.detail == 'said, but hedged ("I guess")', check


def test_the_pace_line_says_where_the_syllables_sit_in_the_band() -> None:
    # trial 20: 175 words a minute (3.9 syllables/s) was told to slow down, 176 (3.7, in
    # shorter words) got full marks, and the Delivery panel gave no reason
    from voicecoach.analysis.render import _delivery

    def pace(sps: float, wpm: float, speech_s: float = 30.0) -> str:
        d = Delivery(
            speaking_time_s=speech_s, word_count=91, wpm=wpm, answer_span_s=speech_s + 1,
            speaking_rate_wpm=wpm, speaking_rate_sps=sps,
        )  # fmt: skip
        return _delivery(d).splitlines()[0]

    assert "(3.9 syllables/s, above the 2.8-3.8 that sounds conversational)" in pace(3.9, 175)
    assert "(3.7 syllables/s, within the 2.8-3.8 that sounds conversational)" in pace(3.7, 176)
    assert "(2.79 syllables/s, below the 2.8-3.8" in pace(2.79, 118)
    assert "(3.8 syllables/s, within" in pace(3.84, 170)  # the band ends at 3.85
    short = pace(4.0, 190, speech_s=9.0)
    assert "(4.0 syllables/s)" in short and "too short to judge the pace" in short


def test_a_delivery_line_that_wraps_goes_on_under_its_value() -> None:
    # trial 20: at 80 columns the voice lines wrapped to the panel's edge, under the labels
    from rich.console import Console

    from voicecoach.analysis.render import _hanging

    lines = (
        "Pace: 135 words/min (3.2 syllables/s, within the 2.8-3.8 that sounds "
        "conversational) over 86.2 s, pauses included; 194 words\n"
        "Fillers: none\n"
        "Voice: varied: pitch varies 1.6 st, just over the 1.5 st a varied voice needs (the "
        "default bound); pitch "
        "171 Hz, range 4.1 st\n"
        '  Interest statement: falling end on "I am very interested in this position"'
    )
    console = Console(record=True, width=60)
    console.print(_hanging(lines))
    shown = console.export_text().splitlines()
    labels = ("Pace:", "Fillers:", "Voice:")
    assert [x.split()[0] for x in shown if not x.startswith(" ")] == list(labels), shown
    column = shown[0].index("135")
    assert all(x[:column].strip() == "" for x in shown if not x.startswith(labels)), shown
    assert len(shown) > 4  # the long values did wrap
    assert any(x[column:].startswith("Interest statement:") for x in shown), shown
