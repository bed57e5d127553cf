"""Helpers shared by the closing checks: evidence, and whether a turn expects a check."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from voicecoach.analysis import wording
from voicecoach.analysis.as_read import shown_text
from voicecoach.analysis.results import CheckStatus, Evidence, Sentence

UNCLEAR_QUOTE_CHARS = 110  # the quote in an unclear check's detail is cut to this

CHECK_KEYS = ("final_questions", "concerns", "recap", "interest", "ask_for_job", "thanks")
# The check that judges each thing a turn can expect (see results.EXPECTS).
CHECK_FOR_EXPECT = {
    "question": "final_questions",
    "concerns": "concerns",
    "recap": "recap",
    "interest": "interest",
    "ask_for_job": "ask_for_job",
    "thanks": "thanks",
    "concern_answer": "concerns",  # the concerns check judges the answer to a raised doubt
}
# Which `expects` entries make each check expected in a turn.
_EXPECTED_BY = {key: {e for e, k in CHECK_FOR_EXPECT.items() if k == key} for key in CHECK_KEYS}

# What the analysed words were asked for. None: there is no turn structure (a whole closing
# recorded or typed in one piece), so every check is expected. A sequence: what a rehearsal
# turn's prompt (or all of a rehearsal's turns) asked for; () when it asked for nothing
# (small talk), so no check is, and a move said there is credited, never coached.
Expects = Sequence[str] | None


def ev(s: Sentence) -> Evidence:
    """The sentence as evidence, quoted as shown (a question ends in "?": ``as_read``)."""
    return Evidence(shown_text(s), s.start_s, s.end_s, s.turn)


def is_expected(key: str, expects: Expects) -> bool:
    return expects is None or bool(_EXPECTED_BY[key] & set(expects))


def asked_for(expect: str, expects: Expects) -> bool:
    """Did a rehearsal turn ask for ``expect`` by name? Never when there are no turns."""
    return expects is not None and expect in expects


def status_for(key: str, status: CheckStatus, expects: Expects) -> CheckStatus:
    if status != "done" and not is_expected(key, expects):
        return "not_expected"
    return status


def may_be_question(s: Sentence) -> bool:
    """Could ``s`` be a question, however Whisper wrote it?"""
    return "question" in s.moves or s.question_form is not None or s.text.rstrip().endswith("?")


def invited_shaky(
    shaky: Sequence[Sentence], sentences: Sequence[Sentence], asked_turns: Collection[int]
) -> list[Sentence]:
    """The unsure sentences that may leave a move asked as a question (the final
    questions, the probe for concerns) unclear. When every turn that invited it was heard
    and held none, the candidate was heard to leave it out; a phrase Whisper was unsure
    of in another turn does not undo that unless it may be a question (trial 17: "No, I
    think that covers it." when invited, then "? Final questions" for a misheard statement
    in the doubt's answer; trial 20: "? Probe for concerns" quoting a garbled goodbye). An
    invited turn with no words leaves every unsure sentence counting."""
    if not asked_turns:
        return list(shaky)
    heard = {s.turn for s in sentences if s.turn in asked_turns}
    if heard != set(asked_turns):
        return list(shaky)
    # one may be asked in any turn: a question heard unsure elsewhere still counts (a
    # question said after the recap, with words Whisper was unsure of)
    return [s for s in shaky if s.turn in asked_turns or may_be_question(s)]


def unclear_quote(move: str, shaky: Sequence[Sentence]) -> tuple[Sentence, bool]:
    """Which of ``shaky`` (the sentences whose ``move`` the analyzer could not call) a
    check left unclear quotes, and whether it offers it as where the move "may be".

    Offered: a sentence whose own words left the move open (``Sentence.own_doubts``: the
    model unsure of it, a verdict resting on a word heard unsure), or one the model took
    for it from words heard unsure; not any sentence of a turn not heard clearly (a live
    trial quoted a misheard answer to the doubt as where interest and the ask may be).
    The one the model took for the move comes first (trial 18: "? Ask for the job" quoted
    "I'm very interested in this role." before the next-steps question), offered or not:
    a sentence it took for the move, heard word for word in a turn too quiet to trust, is
    likelier the place than one it did not take for it, heard clearly, whose verdict one
    unsure word could flip (trial 51, M5: "In my first week, I wanted to be dispatched to
    learn how the data is made.", a clear answer to the doubt, was offered for interest
    over the quiet turn's "I would really like to work here."). That one is quoted as
    heard, not offered."""
    offered = [s for s in shaky if move in s.own_doubts or (move in s.moves and s.unsure_words > 0)]
    taken = [s for s in shaky if move in s.moves]
    quoted = next((s for s in offered if move in s.moves), None) or next(
        iter(taken), next(iter(offered), shaky[0])
    )
    return quoted, quoted in offered


def unclear_detail(move: str, shaky: Sequence[Sentence]) -> str:
    """The detail of a check left unclear on ``shaky`` (:func:`unclear_quote`): where the
    move may be, or, when no sentence left it open by its own words, that the answer was
    not heard clearly enough to tell (trial 19: "? Thank the interviewer ... did you say
    it here? "I'm very interested in this role."")."""
    quoted, offered = unclear_quote(move, shaky)
    quote = wording.clip_quote(quoted.text, UNCLEAR_QUOTE_CHARS)
    return wording.DETAIL["unclear" if offered else "unclear_unheard"].format(quote=quote)
