"""The recap check: find the summary of fit, time it, and match the profile's strengths."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from voicecoach.analysis import wording
from voicecoach.analysis.common import (
    UNCLEAR_QUOTE_CHARS,
    Expects,
    asked_for,
    ev,
    is_expected,
    status_for,
)
from voicecoach.analysis.lexicon import normalise, words_of
from voicecoach.analysis.openers import only_opens
from voicecoach.analysis.results import Check, CheckStatus, Evidence, Recap, Sentence
from voicecoach.analysis.rules import is_interviewer_line
from voicecoach.analysis.strengths import names_strength, said_in, strengths_named
from voicecoach.profile import Profile
from voicecoach.settings import Thresholds

if TYPE_CHECKING:
    from voicecoach.analysis.semantic import Encoder

# Typical conversational pace, used only to estimate a recap's length without timings.
TYPICAL_WPM = 150.0


# A result with a figure: digits ("18%", "$2 million", "40 stores"), or a number word
# with a unit of scale ("eighteen percent", "two million"). A span of time ("five years",
# "3 years") is tenure, not a result.
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|\w+teen|half|a third|a quarter)"
)
# A fraction or a multiple in words is a figure too: "by a fifth", "by half", "a quarter
# of", "halved", "doubled", "twice as many". The fraction needs "by" before it or "of"
# after it, since "a third" alone is as often an ordinal ("a third project", "a third
# party") and "a quarter" a span of time ("every quarter").
_FRACTION = r"(?:half|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)"
_SMALL_COUNT = r"(?:a|one|two|three|four)"
# Each needs its count ("by quarter" is a period) or its change ("split the work in half",
# "doubled my efforts" and "by half past eight" are not results): a review, stop 32.
_WORDS_FIGURE = (
    rf"\bby\s+{_SMALL_COUNT}[\s-]+{_FRACTION}\b(?![\s-]+part(?:y|ies)\b)"
    r"|\bby\s+half\b(?!\s+(?:past|an hour)\b)"
    rf"|\b{_SMALL_COUNT}[\s-]+{_FRACTION}\s+of\b"
    r"|\b(?:cut|cutting|reduced|reducing|lowered|slashed|dropped|fell)\b[\w\s,'-]{0,40}?\bin half\b"
    r"|\b(?:halved|doubled|tripled|trebled|quadrupled)\b(?!\s+down\b)"
    r"(?!\s+(?:my|our|his|her|their|the)\s+(?:efforts?|focus|attention|commitment|work)\b)"
    r"|\b(?:twice|half) as\b"
)
_RESULT_FIGURE = re.compile(
    r"[$£€]\s?\d|\d[\d,.]*\s?(?:%|percent|per cent|k\b|x\b)"
    r"|\d[\d,.]*(?!\s*(?:years?|months?|weeks?|days?|hours?)\b)(?![\d,.])"
    rf"|\b{_NUMBER_WORD}[\s-]*(?:percent|per cent|million|thousand|billion|times|fold)\b"
    rf"|{_WORDS_FIGURE}",
    re.IGNORECASE,
)


def has_result_figure(text: str) -> bool:
    """Does ``text`` give a result with a number in it (not only a length of time)?"""
    return _RESULT_FIGURE.search(text) is not None


def find_recap(
    sentences: Sequence[Sentence],
    turns: Collection[int] = (),
    doubts: Collection[int] = (),
    expected: bool = False,
) -> list[Sentence]:
    """The main recap: the run of recap sentences (one other sentence may sit inside; a
    sentence of fillers alone is passed over). A signposted list's points count as recap
    sentences (see :func:`list_points`).
    ``turns``: the rehearsal turns that asked for a recap; a run in them is preferred to a
    longer recap-like run in another answer (a concern answer's proof).
    ``doubts``: the rehearsal turns that answered a doubt the interviewer raised; with no
    recap where one was asked for, a run outside them is preferred to one in them: the
    proof that answers a doubt is not the summary of fit (trial s34/12 credited "I haven't
    owned a budget that size, but I ran $400,000 a year..." over a turn-1 "To sum up, I
    bring six years of demand forecasting..."). Where a turn asked for a recap, the doubt's
    answer is not taken for it even when no other answer holds one (trial 18: "1 sentence
    of recap, 4.6 s (too short)" and "Your recap lasted 4.6 s", for one sentence of a
    doubt's answer, under the recap turn's "no summary of your fit"); where none asked (a
    drill without a recap turn), it is, to say what was said.
    ``expected``: the close asks for a recap (in a turn never reached too: a close stopped
    before its recap turn took the doubt's answer for it, and scored above going on to
    decline it), so a doubt's answer is not taken for it either."""
    if turns:
        asked = find_recap([s for s in sentences if s.turn in turns])
        if asked:
            return asked
    if doubts:
        other = find_recap([s for s in sentences if s.turn not in doubts])
        if other or turns or expected:
            return other
    points = list_points(sentences)

    def member(s: Sentence) -> bool:
        return "recap" in s.moves or s.index in points

    best: list[Sentence] = []
    run: list[Sentence] = []
    gap = 0
    for s in sentences:
        same_turn = not run or s.turn == run[-1].turn
        if run and same_turn and not words_of(normalise(s.text)):
            continue  # a hesitation alone ("Um, um.") neither breaks the run nor joins it
        if member(s) and same_turn:
            run.append(s)
            gap = 0
            continue
        if run and same_turn and gap == 0 and not (s.moves & {"question", "concerns", "thanks"}):
            run.append(s)
            gap = 1
            continue
        best = _longer(best, run, member)
        run = [s] if member(s) else []
        gap = 0
    best = _longer(best, run, member)
    while best and not member(best[-1]) and not _goes_on(best):
        best.pop()
    return _with_frame(best, sentences)


# "...I have also built the dashboards our directors read. And I can explain a model to
# people who never open a spreadsheet.": a claim of one's own joined on to a recap goes on
# with it, though the labeller saw no recap in it alone (trial 22: "2 sentences, 9.1 s (too
# short)", the third strength left out). A move-less first-person statement of what one can
# do or has done, joined on ("So I can turn your freight data into forecasts people act on",
# trial 23); not an apology, an aside, a hobby or a start date ("And I'm sorry, I lost my
# train of thought.", review: it made a 15 s recap 21 s and in the band). The work may be
# said as what one does now ("And I explain the numbers...") as well as what one did.
_JOINED_CLAIM = re.compile(
    r"^(?:and|plus|also|and also|on top of that|so)\s*,?\s*i (?:also )?(?!(?:can|could) "
    r"(?:start|begin|join|be available|come in|relocate|move)\b)(?:can|could|know how to|"
    r"bring|built|led|managed|ran|run|delivered|designed|shipped|launched|grew|cut|saved|"
    r"speak|trained|coached|mentored|wrote|set up|created|improved|reduced|negotiated|sold|"
    # the work said as what one does ("And I explain the numbers in plain words to the
    # people who decide.", trial 47: "2 sentences of recap, 14 s (too short)")
    r"explain|explained|present|presented|teach|taught|write|build|lead|manage|design|"
    r"train|coach|mentor|sell|negotiate|deliver|create|improve|reduce|analy[sz]e|analy[sz]ed|"
    # (trial 48: "And I turn the forecast into a short story that managers can act on.")
    r"turn|turned|make|made|help|helped|keep|kept|plan|planned|handle|handled|own|owned|"
    r"support|supported|translate|translated|automate|automated|organi[sz]e|organi[sz]ed|"
    r"coordinate|coordinated|oversee|oversaw|supervise|supervised|maintain|maintained|"
    r"have (?:also )?(?:built|led|managed|run|delivered|designed|shipped|launched|grown|cut|"
    r"saved|trained|coached|mentored|written|set up|created|improved|reduced|negotiated|"
    r"sold|worked|experience))\b(?! (?:not|never)\b)"
)


# The same verbs tell of home life, a plan or what comes next ("And I make dinner for my
# kids.", "And I plan to move to Denver.", "So I made a list of questions for you."): no
# claim of the work, so no part of the recap.
_NOT_WORK = re.compile(
    r"\b(?:kids|children|son|daughter|my family|wife|husband|neighbou?rs?|friends?|"
    r"parents|mum|mom|dad|dogs?|cats?|pets?|bees|garden|dinner|breakfast|lunch|hobby|"
    r"hobbies|questions? for you)\b|^\W*(?:\w+\W+){0,4}?i (?:also )?(?:plan|planned|make sure|"
    r"made sure) to\b"
)


def _goes_on(run: Sequence[Sentence]) -> bool:
    """Does the run's last sentence, not a recap sentence itself, go on with the recap
    before it (:data:`_JOINED_CLAIM`, and not :data:`_NOT_WORK`)? Only right after a recap
    sentence."""
    last = run[-1]
    said = normalise(last.text)
    return (
        len(run) >= 2 and "recap" in run[-2].moves and not last.moves
        and bool(_JOINED_CLAIM.match(said)) and not _NOT_WORK.search(said)
    )  # fmt: skip


# A recap given as a signposted list: "I'd sum it up in three things. First, six years of
# demand forecasting. [its proof] Second, SQL and dashboards. [...] And third, I explain
# numbers to people who aren't analysts." Its points are often verbless fragments that no
# move rule (nor the sentence model) labels recap, so the run began at the third point, 14 s
# late, and the strengths the fragments named were not counted (a user trial: "17 s (too
# short), not counting the 14 s you spoke before it; names 0 of 4"). A sentence that opens
# on an ordinal is a point of such a list (:func:`list_points`); one with a move of its own
# (a question, thanks, interest: "Finally, thank you") is not. The points join a run of
# recap sentences as recap sentences do (between them, or just before or after); a run of
# points alone is no recap (see ``_longer``).
_POINT = re.compile(
    r"^(?:(?:and|so|then|also|plus|okay|well|now),? )*"
    r"(?:(?:first|second|third|fourth|fifth)ly|lastly|finally|last but not least|last of all"
    # a bare ordinal or count is a signpost only before its comma: "first time I led",
    # "second year of university", "last year" and "one of my" are not
    r"|(?:first|second|third|fourth|fifth|last|one|two|three|four|five)(?=,)"
    r"|number (?:one|two|three|four|five)"
    r"|the (?:first|second|third|fourth|fifth|last|final|other) (?:thing|point|one|reason|"
    r"strength|area|piece|part)s?)\b"
)
# "I'd sum it up in three things.", "It comes down to two things.", "Three reasons."
_LIST_ANNOUNCED = re.compile(
    r"\b(?:two|three|four|five|a few|a couple of|couple of) (?:main |key |big )?(?P<kind>things|"
    r"points|reasons|strengths|areas|words|parts|pieces)\b"
)


def _announces_recap_list(text: str) -> bool:
    """A list of what the candidate brings, whose points may be fragments of a recap: not
    "two reasons I applied", whose points are reasons to want the job (a review)."""
    found = _LIST_ANNOUNCED.search(normalise(text))
    return found is not None and found.group("kind") != "reasons"


# the items said in the announcing sentence itself: "three things: forecasting, SQL and ..."
_INLINE_ITEMS = re.compile(r"^[^.?!]*?(?::|,[^,]*,)")


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "a few": 2, "a couple of": 2, "couple of": 2}
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def list_unfinished(text: str) -> bool:
    """Has ``text`` announced a list ("I'd sum it up in three things.") and begun fewer of
    its points than it announced? The candidate is then between points, and a breath after
    one ("First, six years of demand forecasting." 0.6 s) is no end of the answer: a trial's
    recap was ended there, its verdict "10 s (too short)" shown while the other two points
    were being said."""
    said = [normalise(t) for t in _SENTENCE_END.split(text.strip()) if t.strip()]
    if not said or said[-1].endswith("?"):
        return False  # a question ends the turn: it waits for the interviewer's answer
    at = next((i for i, t in enumerate(said) if _LIST_ANNOUNCED.search(t)), None)
    if at is None:
        return False
    found = _LIST_ANNOUNCED.search(said[at])
    assert found is not None
    if _INLINE_ITEMS.match(said[at][found.end() :]) or any(_POINT.match(t) for t in said[:at]):
        return False  # the items said in the same breath, or the list summed up after them
    count = next((n for w, n in _COUNTS.items() if found.group().startswith(w)), 0)
    begun = sum(1 for t in said[at + 1 :] if _POINT.match(t))
    return begun < count


def _is_point(s: Sentence) -> bool:
    return s.moves <= {"recap"} and _POINT.match(normalise(s.text)) is not None


def list_points(sentences: Sequence[Sentence]) -> set[int]:
    """The indices of the points of signposted lists (see ``_POINT``): a sentence opening
    on an ordinal, with no move but recap, after its turn announced a list of what the
    candidate brings (``_RECAP_LIST``). Without that announcement, a list is a recap's only
    where its points are recap sentences themselves: a career told as "First, I worked...
    Second, ..." or the reasons one applied are not (a review)."""
    points: set[int] = set()
    for turn in dict.fromkeys(s.turn for s in sentences):
        said = [s for s in sentences if s.turn == turn]
        announced = next(
            (s.index for s in said if not s.moves - {"recap"} and _announces_recap_list(s.text)),
            None,
        )
        points |= {
            s.index
            for s in said
            if _is_point(s)
            and ("recap" in s.moves or (announced is not None and announced < s.index))
        }
    return points


# A sentence that announces a recap ("To sum up...") or ties it to the role ("That is
# exactly what you described") belongs to the recap's spoken time.
_RECAP_LEAD = re.compile(
    r"\b(?:to sum (?:it )?up|in summary|to summari[sz]e|to recap|pull (?:it |this |everything )?"
    r"together|wrap (?:it|this) up|in short|overall|bottom line|the short version|"
    r"sum (?:it|this|that|everything|myself|me) up)\b"
)
_RECAP_TIE = re.compile(
    r"\b(?:you (?:described|mentioned|need|said|are looking for|talked about)|"
    r"this (?:[\w-]+ ){0,3}?(?:role|team|position|job)|exactly (?:the|what))\b"
)  # "this role", and "this senior data analyst role" (trial 20)


def _with_frame(run: list[Sentence], sentences: Sequence[Sentence]) -> list[Sentence]:
    if not run:
        return run
    by_index = {s.index: s for s in sentences}
    before = by_index.get(run[0].index - 1)
    after = by_index.get(run[-1].index + 1)
    # a list's announcement ("Three things.") leads only the list it announces
    announces = before is not None and (
        _RECAP_LEAD.search(normalise(before.text))
        or (_announces_recap_list(before.text) and _is_point(run[0]))
    )
    if before is not None and before.turn == run[0].turn and not before.moves and announces:
        run = [before, *run]
    if (
        after is not None
        and after.turn == run[-1].turn
        and not after.moves
        and _RECAP_TIE.search(normalise(after.text))
    ):
        run = [*run, after]
    return run


def recap_reach(
    run: list[Sentence], sentences: Sequence[Sentence], unheard: Collection[int]
) -> list[Sentence]:
    """The recap ``run`` (:func:`find_recap`) as long as it may have been: stretched over
    the sentences beside it in its answer that were not heard clearly (``unheard``, their
    indices: Whisper unsure of many of their words, or one it wrote twice), on to the
    recap sentences beyond them (one other sentence may sit between, as in a run), and
    its frame. The run itself when none is beside it. Trial 20: a second voice under a
    22 s recap came out "I'm getting more information. I'm getting more information." in
    its middle, and the recap read "6.5 s (too short)", counted up to it."""
    # a sentence that only takes the prompt in ("Sure.", "Okay, um.") hides no recap,
    # however unsure Whisper was of it (trial 22: "Sure." at 0.29 left a 20 s recap's
    # length unjudged on a re-analysis, and the drill's score fell from 88 to 73)
    unheard = {s.index for s in sentences if s.index in unheard and not _says_nothing(s.text)}
    if not run or not unheard:
        return run
    by_turn = [s for s in sentences if s.turn == run[0].turn]
    after = [s for s in by_turn if s.index > run[-1].index]
    before = [s for s in reversed(by_turn) if s.index < run[0].index]
    points = list_points(sentences)

    def member(s: Sentence) -> bool:
        return "recap" in s.moves or s.index in points

    # ...and, right after a sentence not heard clearly or a recap sentence, one of no move
    # that may be recap (unclear: "And I explained the numbers to stakeholders in plain
    # words.", sure under one model, unsure under the next). A question, thanks or ask is
    # none, and neither is a sentence after one that is no recap.
    def may_be(s: Sentence, after: Sentence | None) -> bool:  # after: None = the run
        near = after is None or after.index in unheard or member(after)
        return near and not s.moves and "recap" in s.unclear

    def beyond(side: list[Sentence]) -> list[Sentence]:
        kept: list[Sentence] = []
        pending: list[Sentence] = []
        gap = False
        for k, s in enumerate(side):
            if s.index in unheard:
                pending.append(s)
            elif member(s) or may_be(s, side[k - 1] if k else None):
                kept, pending, gap = [*kept, *pending, s], [], False
            elif not gap and not s.moves & {"question", "concerns", "thanks"}:
                pending.append(s)
                gap = True
            else:
                break
        # the sentences not heard clearly right after what was kept may be recap too
        for s in pending:
            if s.index not in unheard:
                break
            kept.append(s)
        return kept if any(s.index in unheard for s in kept) else []

    reach = [*reversed(beyond(before)), *run, *beyond(after)]
    return run if len(reach) == len(run) else _with_frame(reach, sentences)


_TAKE_IN = frozenset((
    "um", "uh", "er", "erm", "hmm", "mm", "ah", "oh", "so", "okay", "ok", "sure", "yes",
    "yeah", "right", "well", "alright", "great", "absolutely", "definitely", "of", "course",
))  # fmt: skip


def _says_nothing(text: str) -> bool:
    """Does the sentence only take the prompt in: openers and fillers, no words of its own?"""
    return only_opens(text) or set(words_of(normalise(text))) <= _TAKE_IN


# A claim the recogniser cut off a recap sentence: a move-less statement right before a
# recap sentence that goes on from it ("I only had the one placement on a surgical
# ward." + "And my preceptor said I picked up the routines quickly."), or right after one
# and going on from it ("..." + "So I can run a ward round on my own."). A denial, a
# wish ("cold calling is what I'd like to get better at"), somebody else's doing or the
# interviewer's line names no strength of the candidate's.
_GOES_ON = re.compile(r"^(?:and|but|so|plus|which|because|also|then)\b")
_MINE = re.compile(r"^(?:\w+ ){0,3}?(?:i|we)\b")  # the candidate's own claim, said of "I"
_NOT_A_CLAIM = re.compile(
    r"\b(?:not|never|no|without|lack|yet to|want to|like to|love to|hope|hoping|learn|"
    r"get better|improve|scares?|your|you)\b"
)


def recap_context(sentences: Sequence[Sentence], run: Sequence[Sentence] = ()) -> list[Sentence]:
    """The recap sentences, each with a move-less claim the recogniser cut off it (see
    ``_GOES_ON``), and the rest of the recap ``run`` (:func:`find_recap`): where the
    profile's strengths are looked for (:func:`strengths_in`). A run's sentence without a
    recap label (a list's point, the proof inside it) is part of the recap it is timed and
    quoted as, so it names strengths as that recap ("Second, SQL and dashboards.")."""
    by_index = {s.index: s for s in sentences}
    in_run = {s.index for s in run}

    def cut_off(s: Sentence) -> bool:
        n = normalise(s.text)
        if s.moves or not _MINE.match(n) or _NOT_A_CLAIM.search(n) or is_interviewer_line(n):
            return False
        after, before = by_index.get(s.index + 1), by_index.get(s.index - 1)
        joined_after = (
            after is not None
            and "recap" in after.moves
            and after.turn == s.turn
            and _GOES_ON.match(normalise(after.text))
        )
        joined_before = (
            before is not None
            and "recap" in before.moves
            and before.turn == s.turn
            and _GOES_ON.match(normalise(s.text))
        )
        return bool(joined_after or joined_before)

    return [s for s in sentences if "recap" in s.moves or s.index in in_run or cut_off(s)]


# An announced recap run is the recap over an unannounced one at least this share of its
# length (trial 14: 19 words of "To sum up, ..." over a 26-word proof after it).
ANNOUNCED_SHARE = 0.5


def _longer(
    a: list[Sentence], b: list[Sentence], member: Callable[[Sentence], bool]
) -> list[Sentence]:
    # a list's points join the recap sentences they sit between or before; alone they are
    # no recap (a career history told "First, ... Second, ..." is not a summary of fit).
    # A run the candidate announced as the summary ("To sum up, I bring...") is the recap
    # over a longer one that was not: trial 14 quoted the proof that followed it, "I
    # haven't owned a budget that size, but I ran $400,000 a year...", as the recap
    # ...but not a one-line wrap-up ("Overall, I'd be a great fit.", "In short, I'm good
    # with data.") over the recap itself, said before it or in another turn: the announced
    # run wins only when it is at least ANNOUNCED_SHARE of the other's length
    def weight(run: list[Sentence]) -> tuple[bool, int]:
        if not any("recap" in s.moves for s in run):
            return False, 0
        announced = any(_RECAP_LEAD.search(normalise(s.text)) for s in run if member(s))
        return announced, sum(len(s.text.split()) for s in run if member(s))

    (lead_a, words_a), (lead_b, words_b) = weight(a), weight(b)
    if lead_a != lead_b and min(words_a, words_b) >= ANNOUNCED_SHARE * max(words_a, words_b):
        return list(b) if lead_b else a
    return list(b) if words_b > words_a else a


def recap_of(
    run: Sequence[Sentence],
    all_recap: Sequence[Sentence],
    profile: Profile | None,
    th: Thresholds,
    encoder: Encoder | None = None,
    reach: Sequence[Sentence] = (),
    hard_to_hear: Collection[int] = (),
) -> Recap | None:
    """``reach``: the run as long as it may have been (:func:`recap_reach`). Where its band
    is not the run's, the recap's length is not judged (``Recap.length_judged``): what was
    not heard clearly decides it.
    ``hard_to_hear``: indices of sentences heard with doubt; those of the recap (or its
    reach) are kept (``Recap.hard_to_hear``) when a strength is missed: it may have been
    said there."""
    if not run:
        return None
    start, end = run[0].start_s, run[-1].end_s
    duration, band = _timed(run, th)
    named, missed = strengths_in([s.text for s in all_recap], profile, encoder)
    doubtful = tuple(
        dict.fromkeys(
            s.text for s in sorted([*all_recap, *reach], key=lambda s: s.index)
            if s.index in hard_to_hear
        )
    ) if missed else ()  # fmt: skip
    if reach and duration is not None and _timed(reach, th)[1] != band:
        return Recap(
            start, end, duration, "unknown", named, missed, length_judged=False,
            hard_to_hear=doubtful,
        )  # fmt: skip
    return Recap(start, end, duration, band, named, missed, hard_to_hear=doubtful)  # type: ignore[arg-type]


def _timed(run: Sequence[Sentence], th: Thresholds) -> tuple[float | None, str]:
    """The run's length (s; None without timings) and its band."""
    start, end = run[0].start_s, run[-1].end_s
    duration = (
        round(end - start, 2) if start is not None and end is not None and end > start else None
    )
    if duration is None:
        return None, "unknown"
    if duration < th.recap_min_s:
        return duration, "too_short"
    if duration > th.recap_max_s:
        return duration, "too_long"
    return duration, "in_band"


def strengths_in(
    sentences: Sequence[str], profile: Profile | None, encoder: Encoder | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(named, missed): the profile's strengths the recap sentences (with the claims cut
    off them: :func:`recap_context`) name (see
    :mod:`voicecoach.analysis.strengths`; ``encoder``: by meaning too)."""
    if not profile or not profile.strengths:
        return (), ()
    return strengths_named(sentences, profile.strengths, encoder)


def credited_sentence(evidence: Sequence[Evidence], named: Sequence[str]) -> tuple[Evidence, ...]:
    """The recap's sentence (of its check's ``evidence``) to quote for its strength: the
    one naming the most of the strengths it was ``named`` for by their words, the first
    of equals; else its first (a trial's "Clear recap" quoted an opening that named none)."""
    counts = [sum(names_strength(s, said_in(e.quote)) for s in named) for e in evidence]
    if not counts or not max(counts):
        return tuple(evidence[:1])
    return (evidence[counts.index(max(counts))],)


def too_short_whatever_said(
    check: Check,
    recap: Recap | None,
    sentences: Sequence[Sentence],
    th: Thresholds,
    asked: Callable[[int | None], bool] = lambda turn: False,
    spoken_s: Mapping[int | None, float] | None = None,
) -> tuple[Check, Recap] | None:
    """The recap row and recap, judged too short, when the row was left unclear but the
    whole answer it was in took less time than the band's floor: too short whatever its
    words were (trial 15: a 2 s answer to the recap drill, misheard, read "unclear, not
    judged", scored half and had no fix). Which strengths it named is left unjudged. The
    answer is the one a recap was found in or, when none was found (an answer heard too
    quietly, trial 16), the one that ``asked`` says asked for it. Its length is that of
    its speech (``spoken_s``, by turn) where measured, else of its words: Whisper may have
    left most of a mumbled answer out. None when that cannot be told (no timings, or the
    unsure words span turns)."""
    if check.status != "unclear" or (recap is not None and recap.duration_s is None):
        return None
    turns = {e.turn for e in check.evidence}
    if len(turns) != 1:
        return None
    (turn,) = turns
    said = [s for s in sentences if s.turn == turn]
    if not said or (recap is None and not asked(turn)):
        return None
    timed = _answer_span(said, (spoken_s or {}).get(turn))
    if timed is None or timed[2] >= th.recap_min_s:
        return None
    start, end, span = timed
    if recap is None:  # the whole answer stands for it
        recap = Recap(start, end, span, "too_short", strengths_judged=False)
    else:
        recap = Recap(
            recap.start_s, recap.end_s, recap.duration_s, "too_short", strengths_judged=False
        )
    detail = wording.DETAIL["recap_short_unclear"].format(
        quote=wording.clip_quote(check.evidence[0].quote, UNCLEAR_QUOTE_CHARS),
        duration_s=wording.beside(span, th.recap_min_s, "below", seconds_digits(span)),
        min_s=th.recap_min_s,
        max_s=th.recap_max_s,
    )
    return Check("recap", check.label, "partial", detail, check.evidence), recap


def too_short_without_words(
    check: Check,
    recap: Recap | None,
    sentences: Sequence[Sentence],
    th: Thresholds,
    asked: Callable[[int | None], bool],
    spoken_s: Mapping[int | None, float],
) -> tuple[Check, Recap] | None:
    """As :func:`too_short_whatever_said`, for an answer asked for the recap in which a
    voice was heard (``spoken_s``, by turn) but Whisper wrote no words: shorter than the
    band's floor, it is too short whatever it said (trial 16: a 1.7 s recap with no words
    read "no summary of your fit", scored 0 and had no coaching). None when a recap was
    found, the row is not missing, or no such answer was that short."""
    if check.status != "missing" or recap is not None:
        return None
    said = {s.turn for s in sentences}
    quiet = [
        span
        for turn, span in spoken_s.items()
        if asked(turn) and turn not in said and 0 < span < th.recap_min_s
    ]
    if len(quiet) != 1:
        return None
    (span,) = quiet
    found = Recap(None, None, span, "too_short", strengths_judged=False)
    detail = wording.DETAIL["recap_short_no_words"].format(
        duration_s=wording.beside(span, th.recap_min_s, "below", seconds_digits(span)),
        min_s=th.recap_min_s,
        max_s=th.recap_max_s,
    )
    return Check("recap", check.label, "partial", detail), found


def _answer_span(
    said: Sequence[Sentence], spoken_s: float | None
) -> tuple[float, float, float] | None:
    """(start, end, length) of the answer ``said``: its length is its speech's
    (``spoken_s``) where measured, else its words' span. None without timings."""
    starts = [s.start_s for s in said if s.start_s is not None]
    ends = [s.end_s for s in said if s.end_s is not None]
    if len(starts) < len(said) or len(ends) < len(said):
        return None
    return min(starts), max(ends), spoken_s or max(ends) - min(starts)


# Words that deny or run down what a sentence names (on normalised text: "don't" reads
# "do not"): "I don't really know SQL", "Honestly my SQL is weak" name no strength of theirs
_DENIED = re.compile(
    r"\b(?:not|no|never|nor|without|weak|weaker|lack|lacking|rusty|barely|hardly|little)\b"
)


def too_short_naming_strengths(
    check: Check,
    recap: Recap | None,
    sentences: Sequence[Sentence],
    profile: Profile | None,
    th: Thresholds,
    asked: Callable[[int | None], bool],
    spoken_s: Mapping[int | None, float],
) -> tuple[Check, Recap] | None:
    """The recap row and recap, judged too short, for an answer asked for the recap that
    made no claim of fit but named the profile's strengths by their words, all in less
    time than the band's floor (trial 17: a clear 1.4 s "SQL, dashboards, yeah." read "no
    summary of your fit" and scored 7, below a hum with no words at 30). Its questions
    and its denials (:data:`_DENIED`) name no strength of the candidate's. None when a
    recap was found, the row is not missing, or no single such answer was that short and
    named one."""
    if check.status != "missing" or recap is not None or not profile or not profile.strengths:
        return None
    said = [s for s in sentences if asked(s.turn)]
    if len({s.turn for s in said}) != 1:
        return None
    timed = _answer_span(said, spoken_s.get(said[0].turn))
    if timed is None:
        return None
    start, end, span = timed
    # neither a question about a strength nor a denial of it ("I don't really know SQL")
    claims = [
        s for s in said if "question" not in s.moves and not _DENIED.search(normalise(s.text))
    ]
    named, missed = strengths_in([s.text for s in claims], profile)
    if span >= th.recap_min_s or not named:
        return None
    naming = [s for s in claims if any(names_strength(n, said_in(s.text)) for n in named)]
    found = Recap(start, end, span, "too_short", named, missed, claimed=False)
    detail = wording.DETAIL["recap_short_list"].format(
        quote=wording.clip_quote(" ".join(s.text for s in naming), UNCLEAR_QUOTE_CHARS),
        duration_s=wording.beside(span, th.recap_min_s, "below", seconds_digits(span)),
        min_s=th.recap_min_s,
        max_s=th.recap_max_s,
    ) + wording.DETAIL["strengths"].format(named=len(named), total=len(named) + len(missed))
    return Check("recap", check.label, "partial", detail, tuple(ev(s) for s in naming)), found


# Under this many seconds a length is shown to a tenth, as the turn's verdict and the
# pace's span show the answer's ("1.8 s"), not "2 s" beside them (trial 16).
TENTHS_UNDER_S = 10.0


def seconds_digits(seconds: float) -> int:
    return 1 if seconds < TENTHS_UNDER_S else 0


def shown_duration(recap: Recap, min_s: float, max_s: float) -> str:
    """The recap's length in whole seconds (to a tenth under TENTHS_UNDER_S), with a
    decimal more where rounding would put it inside the band it is outside of ("30.4 s
    (too long)", not "30 s")."""
    d = recap.duration_s or 0.0
    if recap.band == "too_long":
        return wording.beside(d, max_s, "above", 0)
    if recap.band == "too_short":
        return wording.beside(d, min_s, "below", seconds_digits(d))
    return f"{d:.0f}"


# Speech this long around the recap, in the answer it is in, is named beside its length:
# the live clock counted it (a trial's clock read 23 s in the band, the verdict "19.8 s
# (too short)": the question after the recap was not part of it).
LEFT_OUT_SHOWN_S = 1.0
QUOTE_WORDS = 6  # a left-out question is quoted by its first words


def left_out(run: Sequence[Sentence], sentences: Sequence[Sentence]) -> str:
    """What the recap's time leaves out of the answer it is in (its own turn), as a detail
    suffix; "" when nothing worth naming is."""
    start, end = (run[0].start_s, run[-1].end_s) if run else (None, None)
    if start is None or end is None:
        return ""
    ids = {s.index for s in run}
    rest = [s for s in sentences if s.turn == run[0].turn and s.index not in ids]
    before = [s for s in rest if s.index < run[0].index and s.start_s is not None]
    after = [s for s in rest if s.index > run[-1].index and s.end_s is not None]
    first = before[0].start_s if before else None
    last = after[-1].end_s if after else None
    seconds = (start - first if first is not None else 0.0) + (
        last - end if last is not None else 0.0
    )
    if seconds < LEFT_OUT_SHOWN_S:
        return ""
    where = "before and after" if before and after else "before" if before else "after"
    # only what was asked is named a question (trial 25: "not counting your questions before
    # and after it" quoted "Yes, let me sum up why I fit.", a lead-in read as a probe)
    if all("question" in s.moves for s in before + after):
        words = (before + after)[0].text.split()
        quote = " ".join(words[:QUOTE_WORDS]) + ("\u2026" if len(words) > QUOTE_WORDS else "")
        n = len(before + after)
        return wording.DETAIL["recap_without_question"].format(
            s=wording.plural(n), where=where, quote=quote
        )
    return wording.DETAIL["recap_without"].format(seconds=seconds, where=where)


def recap_check(
    run: Sequence[Sentence],
    recap: Recap | None,
    expects: Expects,
    sentences: Sequence[Sentence] = (),
) -> Check:
    """``sentences``: all of them; when the turn asked for a recap, what its time leaves
    out of the answer is named (:func:`left_out`)."""
    th = Thresholds()
    label = wording.CHECK_LABELS["recap"].format(min_s=th.recap_min_s, max_s=th.recap_max_s)
    if recap is None:
        return Check(
            "recap", label, status_for("recap", "missing", expects), wording.DETAIL["recap_none"]
        )
    points = list_points(sentences or run)
    n = sum(1 for s in run if "recap" in s.moves or s.index in points) + _goes_on(run)
    if not recap.length_judged:
        duration = wording.DETAIL["recap_length_unheard"]
    elif recap.duration_s is not None:
        duration = wording.DETAIL["recap_duration"].format(
            duration_s=shown_duration(recap, th.recap_min_s, th.recap_max_s),
            band=wording.BANDS[recap.band],
        )
    else:
        words = sum(len(s.text.split()) for s in run)
        duration = wording.DETAIL["recap_estimate"].format(duration_s=words / TYPICAL_WPM * 60.0)
    if recap.length_judged and recap.duration_s is not None and asked_for("recap", expects):
        duration += left_out(run, sentences)
    detail = wording.DETAIL["recap"].format(sentences=n, s=wording.plural(n), duration=duration)
    total = len(recap.strengths_named) + len(recap.strengths_missed)
    if total:
        detail += wording.DETAIL["strengths"].format(named=len(recap.strengths_named), total=total)
        if recap.hard_to_hear:
            detail += wording.DETAIL["strengths_hard_to_hear"]
    ok_band = recap.band in ("in_band", "unknown")
    ok_strengths = not total or len(recap.strengths_named) * 2 >= total
    status: CheckStatus = "done" if ok_band and ok_strengths else "partial"
    if status == "done" and not recap.length_judged:
        status = "unclear"  # its length may be anything, in the band or not
    if status != "done" and not is_expected("recap", expects):
        # shown "·" (not asked), as every row a drill did not ask for: no verdict on a
        # recap nobody asked for (trial 16: "1 sentence of recap, 5 s (too short)" beside
        # the dot in a concerns drill), nor the answer called a recap (trial 20: "not
        # asked here: 1 sentence of recap, 8.7 s" for the answer to the doubt)
        detail = wording.DETAIL["not_asked"]
    # the whole run, in order: a sentence inside it without a recap label (often the proof,
    # "My models cut stock-outs by 18%") is part of what was said
    return Check("recap", label, status, detail, tuple(ev(s) for s in run))
