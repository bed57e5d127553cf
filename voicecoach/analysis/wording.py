"""Every sentence the analyzer shows a candidate, in one place.

Written for this project in its own words. Placeholders in braces are filled with
``str.format``; keep them when editing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from voicecoach.settings import USUAL_SPEECH_DB

# Check labels (Check.label), keyed by check key.
CHECK_LABELS = {
    "final_questions": "Final questions",
    "concerns": "Probe for concerns",
    "concern_answer": "Answer the concern",
    "recap": "Recap in {min_s:.0f}-{max_s:.0f} s",
    "interest": "State your interest",
    "ask_for_job": "Ask for the job / next steps",
    "thanks": "Thank the interviewer",
}

# Check details (Check.detail): one line each.
DETAIL = {
    "questions_none": "no questions for the interviewer",
    "questions_other": "no questions about the role, team or company (next steps and "
    "concerns count under their own checks)",
    "questions": "{count} question{s} ({forms})",
    "research": "research shown: {signals}",
    "no_research": "no sign of research",
    "avoid": "to avoid: {what}",
    "concerns_asked": "asked the interviewer for doubts about your fit",
    "concerns_none": "never invited the interviewer's doubts",
    "concern_answer": 'concern "{concern}": {verdict}',
    "concern_no_answer": 'concern "{concern}": no answer to it',
    # the answer only admitted the gap (concern.only_concedes)
    "concern_conceded": 'concern "{concern}": only conceded the gap, with no example that '
    "carries over and no plan to close it",
    "concern_unreached": "no answer to the interviewer's doubt: the session stopped before it",
    # the answer was not heard clearly enough to judge (concern.ConcernFacts.unclear)
    "concern_unclear": 'concern "{concern}": unclear, not judged: "{quote}"',
    # part of the answer was garbled, and the rest did not name the doubt: it may be there
    "concern_garbled": 'concern "{concern}": unclear, not judged: part of your answer was '
    'not heard clearly ("{quote}") and may have answered the doubt',
    "recap_none": "no summary of your fit",
    "recap": "{sentences} sentence{s} of recap{duration}",
    "recap_duration": ", {duration_s} s ({band})",  # duration_s as text (beside)
    "recap_estimate": ", about {duration_s:.0f} s at a typical pace",
    # sentences inside or right beside it not heard clearly decide its band (recap.recap_reach)
    "recap_length_unheard": ", length not judged: part of it was not heard clearly",
    # an unclear recap in an answer shorter than the band's floor (recap.too_short_whatever_said)
    "recap_short_unclear": 'not heard clearly ("{quote}"), but the whole answer took '
    "{duration_s} s: too short for a {min_s:.0f}-{max_s:.0f} s recap, whatever it said",
    # ...and one in which a voice was heard but no words were written
    # (recap.too_short_without_words)
    "recap_short_no_words": "no words were transcribed, but the whole answer took "
    "{duration_s} s: too short for a {min_s:.0f}-{max_s:.0f} s recap, whatever it said",
    # strengths named with no claim of fit, in an answer shorter than the band's floor
    # (recap.too_short_naming_strengths)
    "recap_short_list": 'strengths named ("{quote}") with no case made for them, and the '
    "whole answer took {duration_s} s: too short for a {min_s:.0f}-{max_s:.0f} s recap",
    # what the recap's time leaves out of the answer it is in (the live clock counts it all)
    "recap_without_question": ", not counting your question{s} {where} it (\u201c{quote}\u201d)",
    "recap_without": ", not counting the {seconds:.0f} s you spoke {where} it",
    "strengths": "; names {named} of {total} profile strengths",
    "strengths_hard_to_hear": " (part of it was hard to hear)",
    "interest_plain": "said plainly",
    "interest_hedged": 'said, but hedged ("{hedge}")',
    "interest_none": "never said you want the job",
    "ask_done": "asked about next steps",
    "ask_timeline": "; asked about timing",
    "ask_no_timeline": "; no question about timing",
    "ask_sign_off": "only a passive sign-off, no ask",
    "ask_none": "did not ask for the job or the next steps",
    "thanks_done": "thanked the interviewer",
    # said when another thank-you in the close was unclear: which one is credited
    "thanks_done_quoted": 'thanked the interviewer ({where}"{quote}")',
    "thanks_none": "no thanks",
    # a tick for words said in another turn than the one that asked (checks.credited_from)
    "counted_from": '; counted from turn {turn}: "{quote}"',
    # ...after this, for a move the turn asked for and an earlier answer made
    # (checks.noted_elsewhere)
    "before": "done in an earlier answer",
    "before_partly": "partly done in an earlier answer",  # the closing's own "~"
    # ...for a move an earlier answer seemed to make, not heard clearly: the closing's own
    # "unclear" (a turn's row read "no summary of your fit" under the closing's "?")
    "before_unclear": 'unclear, not judged: said in turn {turn}, not heard clearly: "{quote}"',
    # ...where none of that turn's sentences seemed to make it: it may have been said there
    "before_unheard": "unclear, not judged: turn {turn} was not heard clearly enough to tell "
    '(heard: "{quote}")',
    # The model could not call it, or the words were misheard-prone: quote, no verdict.
    # (a whole closing's checklist has no "here": trial 23 read "did you say it here?" there)
    "unclear": 'unclear, not judged: it may be in "{quote}"',
    # ...in an answer not heard clearly, where no sentence left the move open by its own
    # words: the quote is only what was heard, whether or not the model took it for the
    # move (common.unclear_quote: a sentence it took, heard word for word in a quiet turn)
    "unclear_unheard": 'unclear, not judged: not heard clearly enough to tell (heard: "{quote}")',
    # ...in an answer whose voice was heard but whose words Whisper did not write
    "unclear_no_words": "unclear, not judged: no words were transcribed",
    # ...in a turn that did not ask for the move: not asked, and nothing to credit
    "unclear_not_asked": 'not asked here, and not heard clearly: "{quote}"',
    # a move the turn did not ask for and that was not made, or made in part (a concern
    # answer's claim of fit, which the recap's rules read as a short recap): no verdict
    # (trial 17: a recap drill's "· State your interest  never said you want the job"),
    # and the answer not named for what was not asked (trial 20: "not asked here: 1
    # sentence of recap, 8.7 s" for the answer to the doubt)
    "not_asked": "not asked here",
    # asked for only in turns the rehearsal never reached or left with nothing said
    # (stopped with q, Ctrl-C, or the microphone gone), and not made in the answers given
    # (trial 48: a recap turn left with q read "? unclear, not judged: turn 1 was not
    # heard clearly enough to tell (heard: "Just one.")", blaming the turn before)
    "not_reached": "not reached: the rehearsal stopped before the turn asking for it was answered",
    # asked for only in a turn a re-analysis left out: its answer's audio is gone
    "audio_missing": "not judged: no answer audio for {turns}",
}

BANDS = {
    "too_short": "too short",
    "in_band": "in the band",
    "too_long": "too long",
    "unknown": "no timing",
}
SIGNALS = {
    "company": "a named company",
    "competitor": "a competitor",
    "trend": "an industry trend",
    "news": "recent news",
    "figure": "a figure",
    "plan": "the company's plans",
    "fact": "a fact about the company",
}
AVOID = {
    "salary": "about pay, benefits, time off or overtime in your last question",
    "gotcha": "a question that puts the interviewer on the spot",
}


@dataclass(frozen=True)
class Advice:
    title: str
    message: str
    suggestion: str


# Fixes, keyed by finding. Message says what happened; suggestion what to do next time.
# where the microphone was too quiet, when it was in all of several answers
MIC_EVERY_ANSWER = " in every answer"
# ...and how quiet: in one answer, or the quietest of several
MIC_LEVEL = "{level_db:.0f} dBFS while you spoke"
MIC_LEVEL_LOWEST = "down to {level_db:.0f} dBFS while you spoke"
_LONG_PAUSES = (
    "There {were} {count} silence{s} of {flag_s:.0f} s or more; the longest lasted "
    "{longest_s:.1f} s."
)
FIXES = {
    # answers heard too quietly (analyzer: Thresholds.quiet_speech_db): first, since every
    # other fix rests on words that may not be the ones said
    "mic_quiet": Advice(
        "Fix the microphone level",
        "Your microphone was very quiet{where} ({level}; speech usually reaches "
        "{usual_db}), so what was heard there may not be what you said, and neither may "
        "the coaching on it.",
        "Move closer or raise its input gain (`voicecoach devices` picks the microphone), "
        "then check the level with `voicecoach doctor --mic` before you rehearse again.",
    ),
    "concern_unanswered": Advice(
        "Answer the concern head on",
        'The interviewer raised a doubt ("{concern}") and {gap}.',
        "Name the concern in your first sentence, give one concrete example that shows you "
        "can handle it, then end on how you would close the gap in your first months.",
    ),
    "ask_missing": Advice(
        "Ask for the job",
        "You never asked what happens next{nor_interest}, so the close ends without a "
        "decision point.",
        "Finish with one plain line such as \"I'd really like this role; what is the next "
        'step from here?" It sounds natural, not pushy.',
    ),
    "ask_sign_off": Advice(
        "Turn the sign-off into an ask",
        "You ended with a polite sign-off, which leaves the next move to the interviewer.",
        "Swap it for a question about the next step and when they expect to decide.",
    ),
    "questions_missing": Advice(
        "Bring questions of your own",
        "You had no questions when invited, which can read as low interest or little preparation.",
        "Prepare two open questions: one on something the interview did not cover and one "
        "that shows research, such as a competitor, a trend or recent company news.",
    ),
    # ...where the candidate did ask, but only for doubts or the next steps (blind set 3:
    # "You had no questions when invited" after two questions)
    "questions_elsewhere": Advice(
        "Bring questions of your own",
        "Your questions were about the next steps or your fit, which count under their own "
        "checks; none was about the role, the team or the company, which can read as little "
        "preparation.",
        "Prepare two open questions: one on something the interview did not cover and one "
        "that shows research, such as a competitor, a trend or recent company news.",
    ),
    "concerns_missing": Advice(
        "Invite their doubts",
        "You did not ask whether anything about your fit worries the interviewer, so any "
        "doubt leaves the room with them.",
        "Ask in your own words whether anything in your background gives them pause, then "
        "answer what they say.",
    ),
    "recap_missing": Advice(
        "Recap why you fit",
        "You did not sum up what you bring, so the interviewer has to assemble your case alone.",
        "Prepare a {min_s:.0f}-{max_s:.0f} second summary: two or three strengths tied to "
        "what this role needs, each with one proof point.",
    ),
    "recap_too_long": Advice(
        "Tighten the recap",
        "Your recap ran {duration_s} s; past {max_s:.0f} s it turns into a second "
        "interview answer.",
        "Keep the two or three strongest points, one proof each, and stop; rehearse it "
        "against a clock.",
    ),
    "recap_too_short": Advice(
        "Give the recap more substance",
        "Your recap lasted {duration_s} s, shorter than the {min_s:.0f}-{max_s:.0f} s "
        "that lets a summary land.",
        "Add one concrete result (a number, a project) to each strength you name.",
    ),
    # ...when its words were not heard clearly (or not written at all): its length alone
    # is judged, so the advice is about its length, not about what it said
    "recap_too_short_unheard": Advice(
        "Give the recap more substance",
        "Your recap lasted {duration_s} s, shorter than the {min_s:.0f}-{max_s:.0f} s "
        "that lets a summary land.",
        "Let it run at least {min_s:.0f} s: time it against a clock when you rehearse it.",
    ),
    "recap_too_short_with_result": Advice(
        "Give the recap more substance",
        "Your recap lasted {duration_s} s, shorter than the {min_s:.0f}-{max_s:.0f} s "
        "that lets a summary land.",
        "You backed one strength with a number; give a second strength its own proof, then "
        "say in a sentence why the two fit this role.",
    ),
    "strengths_missed": Advice(
        "Tie the recap to the role",
        "Your recap did not mention {missed}, which the job profile lists as key.",
        "Link each strength you name to something the role asks for, in the interviewer's "
        "own words where you can.",
    ),
    "strengths_missed_unheard": Advice(
        "Tie the recap to the role",
        "{missed} did not come through in your recap, and the job profile lists {them} as key, "
        'but part of the recap was hard to hear ("{quote}"): if you named {them} there, say '
        "that part as clearly and as loudly as the rest.",
        "Link each strength you name to something the role asks for, in the interviewer's "
        "own words where you can.",
    ),
    "interest_missing": Advice(
        "Say you want the job",
        "You never said plainly that you want this role.",
        'Say it in one direct sentence, e.g. "I\'m very interested in this position", '
        "with no qualifiers.",
    ),
    "interest_hedged": Advice(
        "State your interest without hedging",
        'You said you were interested, but "{hedge}" softened it.',
        'Drop the qualifier and say it as a fact: "I want this role."',
    ),
    "questions_closed": Advice(
        "Ask open questions",
        "All your questions could be answered with yes or no, which ends the conversation quickly.",
        "Start questions with what, how or tell me about, so the interviewer talks and you "
        "learn more.",
    ),
    "questions_avoid": Advice(
        "Choose the last question carefully",
        "You asked {what}.",
        "Keep pay and perks for the offer stage, and prefer questions the interviewer can "
        "answer with pleasure, such as the team's biggest opportunity.",
    ),
    "questions_no_research": Advice(
        "Show your research in a question",
        "Your questions did not show anything you learned about the company beforehand.",
        "Mention one specific thing you found (a competitor, a number, a recent "
        "announcement) and ask what it means for the team.",
    ),
    "long_pauses": Advice(
        "Shorten the long silences",
        _LONG_PAUSES,
        'Know your first words for each move; if you need time, say "Let me think about '
        'that" rather than going silent.',
    ),
    # ...when the candidate did ask for a moment: never advise saying what they said (trial
    # 20: "Let me think about that", misheard, then told to say "Let me think about that")
    "long_pauses_asked": Advice(
        "Shorten the long silences",
        _LONG_PAUSES,
        "Know your first words for each move: asking for a moment, as you did, covers a few "
        "seconds of thought, not a long silence.",
    ),
    "fillers": Advice(
        "Cut the fillers",
        'You used {count} filler{s} (most often "{top}"), about {rate:.0f} per 100 words.',
        'Replace each filler with a short silent pause; a breath sounds more confident than "um".',
    ),
    "hedges": Advice(
        "Drop the hedges",
        '{count} hedge{s} such as "{top}" made your claims sound unsure.',
        'Say what you did and what you want as plain statements; keep "I think" for real opinions.',
    ),
    # sps as text (beside): never "2.8 syllables a second, slower than the 2.8-3.8"
    # {words}/{band_words}: the words a minute beside the syllables when they agree with
    # the verdict; a trial read "about 165 words a minute ..., faster than the 2.8-3.8
    # (120-165 words a minute)" where long words made the syllables fast (coaching.py)
    "pace_fast": Advice(
        "Slow down a little",
        "You spoke at {sps} syllables a second{words}, faster than the "
        "{low_sps:.1f}-{high_sps:.1f}{band_words} that sounds conversational.",
        "Pause briefly after each key point so it can sink in.",
    ),
    "pace_slow": Advice(
        "Pick up the pace",
        "You spoke at {sps} syllables a second{words}, slower than the "
        "{low_sps:.1f}-{high_sps:.1f}{band_words} that sounds conversational.",
        "Rehearse the close until the wording comes easily; a prepared line flows faster.",
    ),
    "thanks_missing": Advice(
        "Thank the interviewer",
        "You did not thank the interviewer for their time.",
        "End with a short, specific thank-you, then send a thank-you email within 24 hours.",
    ),
    "no_timeline": Advice(
        "Ask about timing",
        "You asked about next steps but not about when a decision is expected.",
        'Add "When do you expect to decide?" so you know when to follow up.',
    ),
    # the candidate began answering well before the interviewer's line was over
    # (analysis/spoke_over.py); {where}: " in turn 2" when there were several turns,
    # {also}: the other turns it happened in
    "spoke_over": Advice(
        "Let the interviewer finish",
        "You began answering {at_s:.1f} s into the interviewer's {line_s:.1f} s "
        'line{where}, over "{over}"{also}.',
        "Wait for their last word, take a breath, then answer: starting while they are "
        "still talking tells them you were waiting for your turn rather than listening, "
        "and the end of a line is often where the question is.",
    ),
}
# ...the other turns where it happened, after the first
SPOKE_OVER_ALSO = "; you did the same in {turns}"

# The fixes a check's shortfall makes (analysis/coaching.py): a turn's verdict leaves them
# out of its tip when the closing credits the check from another answer.
FIXES_FOR_CHECK = {
    "final_questions": ("questions_missing", "questions_elsewhere"),
    "interest": ("interest_missing", "interest_hedged"),
    "ask_for_job": ("ask_missing", "ask_sign_off"),
    "recap": ("recap_missing",),
    "thanks": ("thanks_missing",),
    "concerns": ("concerns_missing",),
}

# Strengths, keyed by check key.
STRENGTHS = {
    "final_questions": Advice(
        "Good questions", "You asked {count} question{s}, {open} of them open.", ""
    ),
    "research": Advice("Research showed", "Your questions referred to {signals}.", ""),
    "concerns": Advice(
        "Invited their doubts", "You asked the interviewer what might hold them back.", ""
    ),
    "concern_answer": Advice(
        "Answered the concern", "You addressed the concern directly and backed it up.", ""
    ),
    "recap": Advice("Clear recap", "You summed up your fit{duration}.", ""),
    "interest": Advice("Clear interest", "You said plainly that you want the role.", ""),
    "ask_for_job": Advice("Asked for the next step", "You asked where things go from here.", ""),
    "thanks": Advice("Gracious close", "You thanked the interviewer.", ""),
    "delivery": Advice(
        "Steady delivery",
        "Your pace ({wpm:.0f} words a minute, {sps:.1f} syllables a second) and fluency were "
        "easy to follow.",
        "",
    ),
}

# ScorePart.note: why a part weighs or scores as it does.
# A reacting interviewer's closing strengths (rehearsal/conversation.py, by title) that
# state the same fact as one of the analyzer's STRENGTHS (by key): the closing shows the
# analyzer's, which quotes the candidate, and not both.
TALK_REPEATS = {
    "You asked about next steps": "ask_for_job",
    "You drew out a concern and answered it": "concern_answer",
}
# A reacting interviewer's closing points (by title) that sessions saved before they were
# dropped: a re-analysis does not add them again. "Your questions got real answers" credited
# the candidate with the interviewer's reply to their questions (trial 16).
TALK_RETIRED = frozenset({"Your questions got real answers"})
# A reacting interviewer's closing fixes (by title) that give the advice of one of the
# analyzer's FIXES (by key) and say what really happened: the analyzer's is left out.
# "Invite their doubts" says a doubt "leaves the room with them", untrue once the
# interviewer raised it unasked (always, in the concerns drill).
TALK_REPLACES = {
    "The interviewer raised a doubt you had not invited": "concerns_missing",
}
# ...and those that say less than one of the analyzer's FIXES (by key) given for the same
# answer: left out when it is given (trial 18: "Answer the concern head on" first and "You
# drew out a concern, then left it standing" fifth, for one answer to one doubt).
TALK_REPEATS_FIX = {
    "You drew out a concern, then left it standing": "concern_unanswered",
    # (the analyzer's says it of the last question and quotes it: live trial 50, L4, two
    # of five fixes for one "Is there a yearly bonus?")
    "Pay came up at the close": "questions_avoid",
}
# The conversation's fixes that say a move was never made, by the closing check of that
# move: left out when the check does not say it is missing (heard unclearly, or made)
TALK_MISSED = {
    "No question, even when nudged": "final_questions",
}
# ...when the analyzer's fix says this, where it says more than one thing
TALK_REPEATS_FIX_SAYING = {
    "Pay came up at the close": AVOID["salary"],
}
SCORE_NOTES = {
    # a re-analysis cannot hear a turn whose answer audio is gone (analyzer.analyze_rehearsal)
    "audio_missing": "turn {turn} left out: its answer audio is missing, so what it asked "
    "for is not judged",
    "delivery_weight": "weighed by {speech_s:.1f} s of speech (full weight from {full_s:.0f} s)",
    "delivery_weight_words": "weighed by {words} typed words (full weight from {full})",
    "capped": "held below {pass_score}: the content checks failed, and delivery cannot make "
    "up for them",
    "unclear": "unclear, not judged: scored as the checks that were ({share:.0%})",
    "unclear_alone": "unclear, not judged, and nothing else was heard clearly: counted as half",
    # ...a move an earlier answer made where it was not heard clearly, and nothing else
    # judged in this one
    "unclear_alone_before": "unclear where it was said, and nothing else was judged here: "
    "counted as half",
    # ...when the checks that were judged did better than an unclear check may earn
    "unclear_capped": "unclear, not judged: counted as {share:.0%}, the most an unclear check "
    "earns",
    # the concerns row with a part not judged (concern.ConcernParts): what, and the points
    # it is worth of the row's
    "concern_unclear": "unclear, not judged: {what}, worth {worth:g} of these points; it "
    "scored as the checks that were ({share:.0%})",
    # ... when no other check was judged (the row's own judged part, the probe, says nothing
    # of how a doubt was answered)
    "concern_unclear_capped": "unclear, not judged: {what}, worth {worth:g} of these points; "
    "counted as {share:.0%} ({got:g}), the most a part not heard can earn",
    "concern_unclear_alone": "unclear, not judged: {what}, worth {worth:g} of these points; "
    "no other row of the checklist was judged, so it scored half ({got:g})",
}


# Why a score is provisional (results.provisional), one phrase for every view: "its" is the
# score so marked, a turn's or the close's (live trial 53 read "most of it", under the table
# of turns, as the whole close, where two turns of five were unclear)
PROVISIONAL_WHY = "most of its points were not heard clearly"
# Beside such a score
SCORE_PROVISIONAL = f"provisional: {PROVISIONAL_WHY}"
# ...where the views mark such a score with a "?" ("93?"), under them
SCORE_PROVISIONAL_MARK = f"? provisional score: {PROVISIONAL_WHY}"
# ...and where they mark a recap found but not timed ("?" in its column, not the "–" of
# none: review of stop 52, L3)
RECAP_UNJUDGED_MARK = "? recap not judged: not heard clearly enough to time"
# ...under the report's score breakdown
SCORE_PROVISIONAL_TOTAL = (
    f"This total is {SCORE_PROVISIONAL}; what was not heard clearly scores as the judged "
    "checks did (or half when none was)."
)


def score_marked(score: int, provisional: bool) -> str:
    """A score as a table or a line shows it: "93", or "93?" when provisional (the view
    says what the mark means: :data:`SCORE_PROVISIONAL_MARK`)."""
    return f"{score}?" if provisional else str(score)


# The parts of the concerns row, as a score note names them (concern.ConcernParts).
CONCERN_PARTS = {"probe": "the probe for doubts", "answer": "the answer to the doubt"}
# ...and the recap's, when part of it was not heard clearly (recap.recap_reach)
RECAP_LENGTH_PART = "the recap's length"


# The answer to a turn left with nothing said when the rehearsal was stopped (q, Ctrl-C,
# the microphone gone), in every view of it: its moves read DETAIL["not_reached"] (live
# trial 49, T12: "Skipped: nothing was said" beside them, and "No words were transcribed."
# in the report)
STOPPED_BEFORE_ANSWER = "not answered: the rehearsal stopped before your answer"
# A turn's answer length, in every view of the turn (turn_checks.answer_length: the live
# panel, the replay, `sessions show`, the report): from its first word heard to its last;
# when the candidate waited long before the first word; and the waiting left out of an
# answer joined from parts, which the live clock counted in (live trial 51, L3). No
# parentheses: the length itself sits in some inside a headline's ("Voice heard, but no
# words were transcribed (6.9 s answer, ...)", review of stop 52, L2)
ANSWER_LENGTH = {
    "length": "{spoken_s:.1f} s answer",
    "begun": ", begun after {lead_s:.1f} s",
    "left_out": ", {left_out_s:.1f} s of waiting left out",
}

# Analysis.notes.
NOTES = {
    # a re-analysis cannot hear a turn whose answer audio is gone (analyzer.analyze_rehearsal)
    "audio_missing": "turn {turn} left out: its answer audio is missing, so what it asked "
    "for is not judged",
    "empty": "no speech in the transcript: nothing to analyse",
    # ...but a voice was heard, and the answer is judged on its length alone
    "empty_judged": "no words were transcribed: the answer is judged on its length alone",
    "only_fillers": "the transcript holds only fillers: no moves to find",
    "not_english": "the transcript does not look like English ({language}); move detection "
    "and coaching are English-only",
    "long": "long transcript ({minutes:.0f} min): a closing usually takes about two minutes",
    "mode_rules": "moves labelled by rules only (sentence model not used)",
    "mode_semantic": "moves labelled by rules plus the all-MiniLM-L6-v2 sentence model",
    "mode_semantic_failed": "semantic model unavailable ({reason}); moves labelled by rules only",
    "no_timings": "no timings: pace, pauses and recap length cannot be measured",
    "untranscribed": "about {seconds:.0f} s of this answer could not be transcribed; listen "
    "back in the replay",
    "second_voice": "another voice seemed to be heard in part of your answer{where} (a "
    "second pitch at once, or a voice unlike yours), so the transcript may mix in their "
    "words and this coaching may not be right; rehearse where nobody else is talking, or "
    "listen back in the replay",
    "quiet": "the microphone was very quiet{where} ({level_db:.0f} dBFS while you spoke; speech "
    f"usually reaches {USUAL_SPEECH_DB}), so the transcript may not be what you said and "
    "neither may this coaching; move closer or raise the input gain (`voicecoach devices`)",
    "unsure_words": "the recogniser was unsure of {low} of {words} words{where}, so the "
    "transcript may not be what you said and neither may this coaching; speak a little "
    "slower and more distinctly, close to the microphone",
}


# Notes that say how an analysis was made rather than what it found: the JSON and the
# terminal keep them; the report shows only the others.
METHOD_NOTES = tuple(
    NOTES[key].split("{")[0] for key in ("mode_rules", "mode_semantic", "mode_semantic_failed")
)


def finding_notes(notes: tuple[str, ...]) -> tuple[str, ...]:
    """``notes`` without the ones that only say which labeller ran."""
    return tuple(n for n in notes if not n.startswith(METHOD_NOTES))


def plural(n: int) -> str:
    return "" if n == 1 else "s"


def marker_text(text: str) -> str:
    """A filler or hedge as a line quotes it, counted in lower case: "I" stays a capital
    ("i guess" read as a typo in a trial's hedge fix)."""
    return re.sub(r"\bi\b", "I", text.lower())


def turns_phrase(turns: Sequence[int]) -> str:
    """ "turn 2", "turns 2 and 3", "turns 1, 2 and 4"."""
    named = [str(t) for t in turns]
    if len(named) == 1:
        return f"turn {named[0]}"
    return "turns " + and_list(named)


def and_list(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}"


# How many decimals past a sentence's own a number may get to stay off its bound.
EXTRA_DIGITS = 2


def bound(x: float) -> str:
    """A threshold as a sentence shows it: up to two decimals, no trailing zeros."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def beside(
    value: float, limit: float, side: Literal["below", "above", "at_least"], digits: int
) -> str:
    """``value`` written with ``digits`` decimals (more when needed) so that, read beside
    ``limit`` as :func:`bound` shows it, it stays on the verdict's side: 1.46 under 1.5
    reads "1.46", not "1.5"; 7.6 s of the 8 s needed reads "7.6", not "8". A value closer
    to the limit than the extra decimals can show is rounded towards its side."""
    shown = float(bound(limit))

    def on_side(v: float) -> bool:
        return v < shown if side == "below" else v > shown if side == "above" else v >= shown

    for d in range(digits, digits + EXTRA_DIGITS + 1):
        if on_side(round(value, d)):
            return f"{value:.{d}f}"
    d = digits + EXTRA_DIGITS
    step = 10.0**-d
    if side == "below":
        v = min(math.floor(value / step) * step, shown - step)
    else:
        v = max(math.ceil(value / step) * step, shown + (step if side == "above" else 0.0))
    return f"{v:.{d}f}"


def clip_quote(text: str, limit: int, keep: tuple[int, int] | None = None) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis
    when cut ("...would love to…", never "...would love to j…"). A single word longer
    than the limit is cut inside itself. ``keep``: the first and last of the words
    (places in ``text.split()``) the quote is about; when the cut would drop them, the
    quote is the words around them instead, with an ellipsis at each end cut."""
    if len(text) <= limit:
        return text
    window = _window(text, limit, keep) if keep is not None else None
    if window is not None:
        return window
    room = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in room:
        room = room[: room.rindex(" ")]
    return room.rstrip(" ,;:-–—") + "…"


def _window(text: str, limit: int, keep: tuple[int, int]) -> str | None:
    """The words around ``keep`` (see :func:`clip_quote`), grown a word at a time on the
    side with fewer so far while they fit; None when the plain cut shows them already, or
    when not even the first of them fits."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    first, last = keep
    if not 0 <= first <= last < len(words):
        return None

    def shown(a: int, b: int) -> str:
        piece = text[words[a][0] : words[b][1]]
        if b < len(words) - 1:
            piece = piece.rstrip(" ,;:-–—") + "…"
        return ("…" if a else "") + piece

    if len(shown(0, last)) <= limit:
        return None  # the plain cut keeps them
    if len(shown(first, last)) > limit:
        return _window(text, limit, (first, first)) if last > first else None
    a, b = first, last
    while True:
        left = (a - 1, b) if a else None
        right = (a, b + 1) if b < len(words) - 1 else None
        sides = (left, right) if first - a <= b - last else (right, left)
        grown = next((s for s in sides if s is not None and len(shown(*s)) <= limit), None)
        if grown is None:
            return shown(a, b)
        a, b = grown


# The voice as measured on the audio: pitch variation (monotone), uptalk on the statements
# that must sound sure, loudness (analysis/voice.py; shown by render, verdict, report).
VOICE_FIXES = {
    "uptalk": Advice(
        "Say it as a statement",
        'Your voice rose at the end of "{quote}" (up {rise_st:.0f} semitones), so it '
        "sounded like a question instead of a sure statement.",
        "Say it again and let the pitch fall on the last word, as you would state a fact.",
    ),
    "monotone": Advice(
        "Let your voice move",
        "Your pitch varied by only {sd_st} semitones over {voiced_s:.0f} s of speech "
        "(below {threshold_st}, {basis}); an even voice can sound unenthusiastic.",
        "Lift the words that matter (the role, your best result) and let each sentence "
        "fall at its end; it is a polish point, after the content.",
    ),
}
# The delivery panel's pace, measured over too little speech to be judged (delivery.pace_judged)
PACE_NOT_JUDGED = "too short to judge the pace (needs {speech_s:.0f} s of speech and {words} words)"
# where the delivery panel's pace lies that is just past its band in syllables a second and
# inside it in words a minute (delivery.pace_on_edge): no fix
PACE_ON_EDGE = "at the edge of"
VOICE = {
    "not_measured": "voice not measured (no audio): pitch variation and uptalk need a recording",
    "not_measured_short": "not measured (no audio)",
    "basis_default": "the default bound",
    # a baseline only ever raises the bound (prosody.monotone_threshold_st); the plain
    # "set from" is for analyses saved when it could lower it
    "basis_raised": "raised for you: your last {sessions} sessions varied more",
    "basis_baseline": "set from your last {sessions} sessions",
    # sd_st, threshold_st, voiced_s and min_s come as text (beside, bound): never "1.5
    # under 1.5". The spread is set against the bound in words ({where}: "under", "just
    # under", "just over", "over"): trial 48's "varied: pitch varies 1.5 st (flat under
    # 1.5, the default bound)" read oddly at the bound
    "monotone_yes": "flat: pitch varies {sd_st} st, {where} the {threshold_st} st a varied "
    "voice needs",
    "monotone_no": "varied: pitch varies {sd_st} st, {where} the {threshold_st} st a varied "
    "voice needs",
    # ...and at it, the number is not said twice
    "monotone_at": "varied: pitch varies {sd_st} st, just enough to count as varied",
    "where_under": "under",
    "where_just_under": "just under",
    "where_just_over": "just over",
    "where_over": "over",
    "monotone_unknown": "not judged: {voiced_s} s of voiced speech (needs {min_s} s)",
    # answers heard over another voice (Prosody.left_out): their pitch is not all yours
    "left_out_all": "not judged: another voice was heard in {answers}",
    "left_out_some": "{answers} left out: another voice was heard in {it}",
    "this_answer": "this answer",
    "uptalk_yes": 'rising end on "{quote}" (+{rise_st:.1f} st)',
    "uptalk_no": 'falling end on "{quote}"',
    # ("could not be read" sounded like a fault of the recording: trials 22 and 23)
    "uptalk_unknown": 'no clear pitch at the end of "{quote}" to judge',
    # several statements of one move, alike in how they end, share one line (trial 25:
    # 'Interest statement: falling end on "..."; Interest statement: falling end on "..."')
    "uptalk_yes_many": "rising ends on {quotes}",
    "uptalk_no_many": "falling ends on {quotes}",
    "uptalk_unknown_many": "no clear pitch at the ends of {quotes} to judge",
    "uptalk_quote": '"{quote}"',
    "uptalk_quote_rise": '"{quote}" (+{rise_st:.1f} st)',
    "uptalk_quote_turns": '"{quote}" ({turns})',
    "uptalk_quote_rise_turns": '"{quote}" (+{rise_st:.1f} st, {turns})',
    "mark_rise": "{move} ↗ rising end",
    "mark_fall": "{move} ↘",
    "mark_unknown": "{move} ?",
    "loudness": "loudness varies {sd_db:.1f} dB",
    "pitch": "pitch {median_hz:.0f} Hz, range {range_st:.1f} st",
    "shift": "{shift:+.1f} st from your usual",
    # ...within the tenth shown: "-0.0 st from your usual" read as a shift (trial 18)
    "shift_none": "at your usual pitch",
}
VOICE_MOVES = {
    "interest": "interest statement",
    "recap": "recap's last sentence",
    "ask_for_job": "ask for the job",
}
VOICE_MOVES_MANY = {
    "interest": "interest statements",
    "recap": "recaps' last sentences",
    "ask_for_job": "asks for the job",
}


# An answer that asked something of the conversation instead of answering (a bare "Yes." the
# interviewer answered with "Go ahead.", a request to hear the line again): the live verdict
# (rehearsal.verdict), the replay and the report say this in place of judging it, and
# the turn that follows holds the answer.
ASIDES = {
    "yes": "You said yes: now say what you have in mind",
    "repeat": "You asked for another go: the line is said again",
    # a probe for doubts, and no question yet: the doubt comes next, then the questions are
    # asked for (rehearsal.conversation); the close credits the probe
    "probe_first": "You asked about their doubts first: your questions come after the doubt",
}
# What the replay and the report add after an aside: where the answer it stood for is
ASIDE_AFTER = {"probe_first": "They are judged where the interviewer asks for them again."}
ASIDE_AFTER_DEFAULT = "The next turn holds your answer."
# ...when the rehearsal was stopped before that turn came (Ctrl-C after the aside)
ASIDE_ENDED = {"probe_first": "The rehearsal ended before the interviewer asked for them again."}
ASIDE_ENDED_DEFAULT = "The rehearsal ended before you answered."

# A line stopped this far through was said whole (the candidate spoke over its last word
# or two)
SAID_WHOLE_SHARE = 0.97


def said_until(text: str, share: float) -> str:
    """The words of ``text`` said ``share`` (0-1) of the way through it: up to the last
    word begun by then (the speech's share is read as the letters')."""
    cut = round(share * len(text))
    end = text.find(" ", cut)
    said = text if end < 0 else text[:end]
    return said.rstrip(" ,;:.!?")


def line_said(text: str, share: float | None) -> str:
    """What was said of the line ``text``, stopped ``share`` of the way through; "" when
    it was (nearly) all of it (trial 14 quoted a whole line "stopped after" at 96%)."""
    if share is None or not 0.0 < share < SAID_WHOLE_SHARE:
        return ""
    said = said_until(text, share)
    return "" if said == text.rstrip(" ,;:.!?") else said


# How an interviewer's line was stopped, beside it in the review (sessions show, replay,
# report) and on the live screen: the words said before it stopped. The line shown is the
# one said last.
LINE_STOPS = {
    # went on with the answer before over an earlier saying; the line was chosen again
    "cut": 'First said as "{said}...", stopped when you went on with your previous answer',
    # ...or began answering it before it was over
    "answered": 'Stopped after "{said}...": you answered before the line was over',
    # ...with much of it still to come (analysis/spoke_over.py: the closing coaches it)
    "answered_over": 'Stopped after "{said}...": you answered before the line was over, '
    'beginning {at_s:.1f} s into its {line_s:.1f} s, over "{over}"',
    # the live screen, under the line as far as it got
    "answered_live": "(stopped: you answered before the line was over)",
}
