"""The 0-100 score of a close or a turn, and its parts.

Each expected check earns a share of its weight (:data:`WEIGHTS`): done, partial, missing,
or, when it was not judged (unclear), what the judged checks earned. Delivery weighs what
its evidence supports (a one-second goodbye says little of how someone speaks), and it can
never lift a close whose content failed past :data:`PASS_SCORE`. Each part says how many of
its points rest on what was not judged (``ScorePart.unjudged``): a score resting mostly on
them is shown as provisional (``results.provisional``).
"""

from __future__ import annotations

from collections.abc import Mapping

from voicecoach.analysis import wording
from voicecoach.analysis.checks import Findings, is_expected
from voicecoach.analysis.common import Expects
from voicecoach.analysis.delivery import pace_verdict
from voicecoach.analysis.results import Delivery, Recap, ScorePart
from voicecoach.settings import Thresholds

# Delivery needs this many words before pace and rates mean anything.
MIN_WORDS_FOR_DELIVERY = 25
# ...except fillers: at least this many, outnumbering the words, are judged at any length.
MIN_FILLERS_ALWAYS_JUDGED = 3
# Delivery earns its full weight in the score from this much speech (or this many words,
# for typed text); a 1-second goodbye gives almost no evidence of how someone speaks.
DELIVERY_FULL_WEIGHT_S = 15.0
DELIVERY_FULL_WEIGHT_WORDS = 40
# A turn (or close) whose content earns under this share of its content points has
# failed its checks: delivery may add to it but not lift it to PASS_SCORE.
CONTENT_PASS_SHARE = 0.5
PASS_SCORE = 50  # the score from which the views stop showing red
# What an unclear check earns when no content check was heard clearly (see score()).
UNCLEAR_ALONE_SHARE = 0.5
# ...and at most, whatever the judged checks earned: a check nobody heard cannot make a
# score perfect (trial 18: a goodbye too faint to judge, with no thanks in it, read 100/100).
UNCLEAR_MOST_SHARE = 0.75

# Score weights for a whole closing; a turn keeps only what it expects, rescaled to 100.
WEIGHTS = {
    "final_questions": 20,
    "concerns": 15,
    "recap": 20,
    "interest": 10,
    "ask_for_job": 15,
    "thanks": 5,
    "delivery": 15,
}
SCORE_LABELS = {
    "final_questions": "Final questions",
    "concerns": "Concerns",
    "recap": "Recap",
    "interest": "Interest",
    "ask_for_job": "Ask / next steps",
    "thanks": "Thanks",
    "delivery": "Delivery",
}


def check_fraction(key: str, f: Findings, th: Thresholds) -> float:
    """The share of its points check ``key`` earns in ``f`` (1.0 when not judged: see
    :func:`score`)."""
    check = next(c for c in f.checks if c.key == key)
    status = check.status
    if key == "concerns" and status == "unclear":
        status = f.concern_parts.judged_status  # its parts judged keep what they earned
    if key == "recap" and f.recap is not None and not f.recap.length_judged:
        return _strengths_fraction(f.recap)  # its judged half: the length is not judged
    if status == "unclear":
        return 1.0  # not judged: score() gives it the judged checks' share
    if status == "done":
        base = 1.0
    elif status == "partial":
        base = 0.5
    else:
        return 0.0
    if key == "final_questions":
        q = f.questions
        return max(
            0.0, 0.5 + 0.25 * bool(q.open_count) + 0.25 * bool(q.signals) - 0.25 * bool(q.avoid)
        )
    if key == "ask_for_job" and status == "done":
        return 1.0 if f.timeline else 0.85
    if key == "ask_for_job":
        return 0.2  # a passive sign-off
    if key == "recap" and status == "partial" and f.recap is not None:
        return _partial_recap_fraction(f.recap, th)
    return base


# A partial recap's credit is graded, up to this: a 4 s "I guess I'm good with data" that
# names none of the profile's strengths is not worth what a 19.8 s recap naming three of
# four is (a trial saw both scored 10/20).
PARTIAL_RECAP_MAX = 0.9
# Strengths named with no claim of fit ("SQL, dashboards, yeah."): this share of what a
# claim naming them earns, and never less than a hum with no words earns for its
# strengths (half), so a clear list scores at least as a hum of its length, and below a
# claim naming as many.
UNCLAIMED_STRENGTHS_SHARE = 0.75


def _partial_recap_fraction(recap: Recap, th: Thresholds) -> float:
    """Half for the length (the share of the band's floor reached; past its ceiling, less
    the overrun's share of the ceiling), half for the strengths (full from half named, as
    the check asks), capped at :data:`PARTIAL_RECAP_MAX`."""
    length = 1.0
    if recap.duration_s is not None and recap.band == "too_short":
        length = recap.duration_s / th.recap_min_s
    elif recap.duration_s is not None and recap.band == "too_long":
        length = max(0.0, 1.0 - (recap.duration_s - th.recap_max_s) / th.recap_max_s)
    strengths = _strengths_fraction(recap)
    if not recap.strengths_judged:  # not heard clearly: as an unclear check alone
        strengths = UNCLEAR_ALONE_SHARE
    elif not recap.claimed:  # never below an answer whose words were not heard at all
        strengths = max(UNCLEAR_ALONE_SHARE, strengths * UNCLAIMED_STRENGTHS_SHARE)
    return min(PARTIAL_RECAP_MAX, 0.5 * length + 0.5 * strengths)


def _strengths_fraction(recap: Recap) -> float:
    """The recap's strengths' share of their half: full from half named, as the check asks."""
    total = len(recap.strengths_named) + len(recap.strengths_missed)
    return min(1.0, 2.0 * len(recap.strengths_named) / total) if total else 1.0


def delivery_fraction(d: Delivery, th: Thresholds) -> float:
    if d.word_count == 0:
        return 0.0
    frac = 1.0
    frac -= min(0.35, 0.12 * sum(1 for p in d.pauses if p.long))
    if fillers_judged(d):
        frac -= min(0.3, 0.05 * filler_rate(d))
    if d.word_count >= MIN_WORDS_FOR_DELIVERY:
        frac -= min(0.15, 0.03 * 100.0 * len(d.hedges) / d.word_count)
    if pace_verdict(d, th) is not None:
        frac -= 0.2
    return max(0.0, frac)


def _delivery_evidence(d: Delivery) -> float:
    """0-1: how much speech there is to judge delivery on (1 = enough for full weight)."""
    by_time = d.speaking_time_s / DELIVERY_FULL_WEIGHT_S
    typed = d.word_count + len(d.fillers)  # "um"s say something about delivery too
    by_words = typed / DELIVERY_FULL_WEIGHT_WORDS if d.speaking_time_s == 0 else 0.0
    return min(1.0, max(by_time, by_words))


def fillers_judged(d: Delivery) -> bool:
    """Enough words for a filler rate, or so many fillers that they are the message."""
    if d.word_count >= MIN_WORDS_FOR_DELIVERY:
        return True
    return len(d.fillers) >= MIN_FILLERS_ALWAYS_JUDGED and len(d.fillers) >= d.word_count


def filler_rate(d: Delivery) -> float:
    """Fillers per 100 words; a short filler-ridden answer counts its fillers as words too."""
    words = (
        d.word_count if d.word_count >= MIN_WORDS_FOR_DELIVERY else d.word_count + len(d.fillers)
    )
    return 100.0 * len(d.fillers) / max(1, words)


def score(
    f: Findings, d: Delivery, expects: Expects, th: Thresholds,
    given: Mapping[str, float] | None = None, unjudged_given: Mapping[str, float] | None = None,
) -> tuple[int, tuple[ScorePart, ...]]:  # fmt: skip
    """The 0-100 score and its parts; the parts' notes say why delivery weighs what it
    does, and why a score was held below PASS_SCORE. ``given``: the share of its points a
    check earns, by key, in place of what ``f`` makes of it (a move an earlier answer of
    the rehearsal made in part: it earns here what it earned there); ``unjudged_given``:
    the share of them not judged there, in place of :func:`unjudged_share` (a move an
    earlier answer made where it was not heard clearly scores as an unclear check)."""
    # Delivery is scored only when something of it was measured: typed text has no pace or
    # pauses, and a few typed words say nothing about fillers (6 words got full marks)
    measured = d.wpm is not None or fillers_judged(d)
    content = [k for k in WEIGHTS if k != "delivery" and is_expected(k, expects)]
    weights = {k: float(WEIGHTS[k]) for k in content}
    evidence = _delivery_evidence(d) if content else 1.0  # delivery alone keeps its all
    if (measured or not content) and evidence > 0:
        weights["delivery"] = WEIGHTS["delivery"] * evidence
    total = sum(weights.values())
    maxima = _largest_remainder({k: w * 100.0 / total for k, w in weights.items()})
    fractions = {
        k: delivery_fraction(d, th)
        if k == "delivery"
        else given[k]
        if given and k in given
        else check_fraction(k, f, th)
        for k in weights
    }
    notes = {k: "" for k in weights}
    shares = {k: (unjudged_given or {}).get(k, unjudged_share(k, f)) for k in content}
    fractions, unclear_notes = _unjudged_scored(
        f, content, maxima, fractions, shares, before=frozenset(unjudged_given or ())
    )
    unjudged = {k: round(maxima[k] * shares[k], 1) for k in content}
    recap_own = "recap" not in (unjudged_given or {})
    if "recap" in content and recap_own and f.recap is not None and not f.recap.strengths_judged:
        # a recap too short whatever it said: its length is judged, its strengths not
        unjudged["recap"] = round(maxima["recap"] * 0.5, 1)
    notes.update(unclear_notes)
    points = {k: round(maxima[k] * fractions[k], 1) for k in weights}
    if "delivery" in weights and evidence < 1.0:
        notes["delivery"] = (
            wording.SCORE_NOTES["delivery_weight"].format(
                speech_s=d.speaking_time_s, full_s=DELIVERY_FULL_WEIGHT_S
            )
            if d.speaking_time_s
            else wording.SCORE_NOTES["delivery_weight_words"].format(
                words=d.word_count + len(d.fillers), full=DELIVERY_FULL_WEIGHT_WORDS
            )
        )
    content_max = sum(maxima[k] for k in content)
    content_points = sum(points[k] for k in content)
    if content_max and content_points < CONTENT_PASS_SHARE * content_max:
        excess = sum(points.values()) - (PASS_SCORE - 1)
        if excess > 0 and "delivery" in points:
            points["delivery"] = round(points["delivery"] - excess, 1)
            cap = wording.SCORE_NOTES["capped"].format(pass_score=PASS_SCORE)
            notes["delivery"] = "; ".join(n for n in (notes["delivery"], cap) if n)
    parts = tuple(
        ScorePart(k, SCORE_LABELS[k], points[k], float(maxima[k]), notes[k], unjudged.get(k, 0.0))
        for k in WEIGHTS
        if k in weights
    )
    return min(100, max(0, round(sum(p.points for p in parts)))), parts


def _unjudged_scored(
    f: Findings, content: list[str], maxima: dict[str, int], fractions: dict[str, float],
    unjudged: Mapping[str, float], before: frozenset[str] = frozenset(),
) -> tuple[dict[str, float], dict[str, str]]:  # fmt: skip
    """The fractions with what was not judged scored, and the notes that say so.

    What was not judged (an unclear check; the unclear part of the concerns row, such as
    an answer to a doubt nobody could hear beside a probe that was made) neither costs nor
    earns: it scores as the judged content of the other checks did, share for share. With
    none judged (a trial's close heard too quietly scored 100/100 on unclear checks alone)
    it counts half: neither done nor missed. Either way it earns at most
    :data:`UNCLEAR_MOST_SHARE`: a score resting on anything unheard is never perfect. The
    judged part of a row keeps what it earned
    (the probe made keeps its points); the row's own judged part does not speak for its
    unjudged one (a probe made says nothing of how the doubt was answered). ``unjudged``:
    each check's share of its points not judged (:func:`unjudged_share`); ``before``: the
    checks unclear in an earlier answer, not in this one (their note says so)."""
    judged = {k: maxima[k] * (1.0 - unjudged[k]) for k in content}
    out, notes = dict(fractions), {}
    for key in (k for k in content if unjudged[k]):
        others = [k for k in content if k != key and judged[k]]
        weight = sum(judged[k] for k in others)
        share = (
            sum(judged[k] * fractions[k] for k in others) / weight
            if weight
            else UNCLEAR_ALONE_SHARE
        )
        capped = share > UNCLEAR_MOST_SHARE
        share = min(share, UNCLEAR_MOST_SHARE)
        part = unjudged[key]
        out[key] = (1.0 - part) * fractions[key] + part * share
        # the points beside a "?" need saying (a trial saw 15/15 there)
        how = "_capped" if capped else "" if weight else "_alone"
        if part < 1.0:
            cp = f.concern_parts
            what = (
                wording.RECAP_LENGTH_PART
                if key == "recap"
                else " and ".join(wording.CONCERN_PARTS[k] for k in cp.unjudged)
            )
            worth = round(maxima[key] * part, 1)
            notes[key] = wording.SCORE_NOTES[f"concern_unclear{how}"].format(
                what=what, worth=worth, got=round(worth * share, 1), share=share
            )
        else:
            # (an earlier answer's move not heard clearly there: this one may have been)
            how += "_before" if key in before and how == "_alone" else ""
            notes[key] = wording.SCORE_NOTES[f"unclear{how}"].format(share=share)
    return out, notes


def unjudged_share(key: str, f: Findings) -> float:
    """How much of a check's points rest on what was not judged: all of an unclear
    check's; of the concerns row, its unclear parts' share (also when it reads unclear
    for its probe: an answer judged beside it keeps its share)."""
    parts = f.concern_parts
    if key == "concerns" and (parts.probe is not None or parts.answers):
        return parts.unjudged_share
    if key == "recap" and f.recap is not None and not f.recap.length_judged:
        return 0.5  # its length's half (recap.recap_reach); its strengths are judged
    check = next(c for c in f.checks if c.key == key)
    return 1.0 if check.status == "unclear" else 0.0


def _largest_remainder(shares: dict[str, float]) -> dict[str, int]:
    floors = {k: int(v) for k, v in shares.items()}
    left = 100 - sum(floors.values())
    for k in sorted(shares, key=lambda k: shares[k] - floors[k], reverse=True)[:left]:
        floors[k] += 1
    return floors
