"""Label sentences with moves: rules always, the semantic model when asked for.

``semantic=None`` (auto) uses the sentence model only if it is already loaded in this
process (see :func:`voicecoach.analysis.semantic.preload`), so a plain call never pays the
model's start-up cost; ``True`` loads it (once per process); ``False`` keeps to rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from voicecoach.analysis import rules, semantic, wording
from voicecoach.analysis.announced import with_announced_questions
from voicecoach.analysis.asides import asks_to_repeat
from voicecoach.analysis.check_back import checks_doubt, is_check_back
from voicecoach.analysis.lexicon import normalise
from voicecoach.analysis.rules import Labels
from voicecoach.analysis.topics import NEXT_STEPS, WORK_HOURS
from voicecoach.analysis.topics import STRONG as STRONG_TOPIC
from voicecoach.analysis.topics import classify as classify_topic
from voicecoach.analysis.topics import normalise as normalise_topic

# Text counts as punctuated when more than this share of its sentences end with a mark.
PUNCTUATED_SHARE = 0.5
# In punctuated text the model's question without "?" stands on its own (without the rules
# agreeing) when its question probability is at least this (None: never; see
# trust_question_marks). 0.9 was fixed before measuring; tests/data/moves/README.md,
# "Real-channel variants", has the numbers with and without it.
KEEP_QUESTION_PROBABILITY: float | None = 0.9
# Enjoyment or pleasure said without a word of gratitude is not thanks (the labelling
# guidelines: "It was nice to meet you" without gratitude is not): the model's thanks on
# it is dropped unless a word of gratitude is in it: the rules' thanks words, also where
# the rules do not count them as thanks ("I enjoyed it, thanks a million."), or GRATITUDE.
# Model (q) took a story's "And I really enjoyed that." (teaching themself SQL),
# mid-answer, for thanks in a trial, though it left "I really enjoyed that." alone; no
# labelled sentence thanks by enjoyment alone.
ENJOYMENT = re.compile(r"\b(?:enjoy\w*|pleasure|pleasurable)\b", re.IGNORECASE)
# Gratitude the rules do not spell: texting, other languages, set phrases, and what Whisper
# makes of "thank you" ("think you", "and you" opening the sentence: "And you, it was a
# pleasure to talk with you.")
GRATITUDE = re.compile(
    r"^\W*and you\b|\bappreciated\W*$|\b(?:ty|tysm|tyty|thx|think you|tanks|tank you|"
    r"thankyou|preciate|appreciate ya|greatful|grazie|gracias|"
    r"merci|danke|obliged|owe you|generous|patient with me|your time|made time|fitting me in|"
    r"kind of you)\b",
    re.IGNORECASE,
)


def label_texts(
    sentences: Sequence[str],
    *,
    semantic_mode: bool | None = None,
    word_probabilities: Sequence[Sequence[float] | None] | None = None,
    groups: Sequence[object] | None = None,
) -> tuple[list[Labels], str]:
    """Labels for each sentence and a note saying which mode ran. ``word_probabilities``:
    the recognition probability of each word of each sentence, when known. ``groups``:
    per sentence, the recording it was heard in (a rehearsal's turn): whether text is
    punctuated is judged per recording (:func:`trust_question_marks`), so a turn's
    sentences get the labels they get when the turn is analysed alone."""
    labels, note = _label_texts(sentences, semantic_mode, word_probabilities, groups)
    # "Yes, I have two questions." then one asked in statement order, its "?" lost
    labels = with_announced_questions(sentences, labels, groups)
    # "Sorry, could you repeat that?", "Can I start over?": about the conversation, no move
    # (analysis/asides.py); the model read the second as asking for the job
    pairs = zip(sentences, labels, strict=True)
    said = [NO_MOVE if asks_to_repeat(t) else _no_ask_in_pay(t, lab) for t, lab in pairs]
    pairs = zip(sentences, said, strict=True)
    return [lab if lab is NO_MOVE else ask_by_words(t, lab) for t, lab in pairs], note


_WORK_HOURS = re.compile(WORK_HOURS)
# what an ask for the job names: a sentence with the hours in it and one of these asks for
# the job, not about the hours ("Given I'm fine with long hours, would you consider me for
# the role?": review of stop 52, M4)
_NAMES_THE_JOB = re.compile(
    r"\b(?:job|role|position|offer\w*|hire me|hiring me|consider(?:ing)? me|be considered|"
    r"move me forward|(?:an |your )?answer|decision|hear back|next steps?|next (?:stage|round)|"
    r"second interview|shortlist\w*|take (?:me|this|things) forward)\b"
)


def _no_ask_in_pay(text: str, lab: Labels) -> Labels:
    """A question about pay or benefits alone ("What's the salary range?") asks about the
    offer's contents, never for the job (the labelling guidelines; none of the 241 such
    sentences of the tuning sets is an ask): the model's ask, sure or unsure, is dropped,
    so no check offers it as where the ask "may be". So is one about the hours alone
    (topics.WORK_HOURS: no pay, but the job's terms) that names nothing of the job, the
    offer or being considered (:data:`_NAMES_THE_JOB`). A pay question run on with another
    topic ("..., and when will I hear back?") is left to the model."""
    if "ask_for_job" not in lab.moves | lab.unclear:
        return lab
    if "question" not in lab.moves and not text.rstrip().endswith("?"):
        return lab
    match = classify_topic(text)
    # (or about the hours alone: "can I just ask who covers the on-call weekends?")
    said = normalise_topic(text)
    hours = _WORK_HOURS.search(said) is not None and _NAMES_THE_JOB.search(said) is None
    if (match.topic != "pay" and not hours) or any(topic != "pay" for topic, _ in match.scores):
        return lab
    return replace(lab, moves=lab.moves - {"ask_for_job"}, unclear=lab.unclear - {"ask_for_job"})


# words of the hiring's process or outcome that an unsure ask may turn on ("... where I
# can know if I am chosen", "will I hear soon?"), besides :data:`_NAMES_THE_JOB`
_NAMES_THE_OUTCOME = re.compile(
    r"\b(?:chosen|choose|select\w*|pick\w*|successful|outcome|results?|hear\w*|know|"
    r"decid\w*|candidates?|fit|match|forward|proceed\w*|process|stages?|rounds?|"
    r"interview\w*|start\w*|join\w*|onboard\w*|hire|hired|hiring|timeline|timing|when)\b"
)
# an ask for the job is about the candidate: a blunt one may name nothing of the job or its
# outcome, yet speaks of them ("Do I make the cut?", "Can you picture me here?")
_NAMES_THE_CANDIDATE = re.compile(r"\b(?:i|me|my|myself)\b")  # (normalised: i'm is i am)


def ask_by_words(text: str, lab: Labels) -> Labels:
    """The ask for the job where the model and the question's words disagree.

    A question whose own words name the next steps (a strong next-steps match of
    topics.classify, the one the interviewer's reply reads) that the model did not take
    for an ask is an unclear ask, not no ask: trial 52's "What are the next steps?", heard
    as "Well, turn up next steps?", was answered with the timeline and then coached "You
    never asked what happens next". The other way round, a question the model only leans
    against as an ask (unclear, below its decision) that names nothing of the job, the
    offer, being considered, the next steps (:data:`_NAMES_THE_JOB`), the hiring's
    process and outcome (:data:`_NAMES_THE_OUTCOME`) or the candidate
    (:data:`_NAMES_THE_CANDIDATE`) is not offered as
    where the ask "may be": trial 52's "Is there an uncallrota?" (the on-call rota) was.
    """
    asked = "question" in lab.moves or text.rstrip().endswith("?")
    if not asked or "ask_for_job" in lab.moves:
        return lab
    if "ask_for_job" in lab.unclear:
        said = normalise_topic(text)
        named = (_NAMES_THE_JOB, _NAMES_THE_OUTCOME, _NAMES_THE_CANDIDATE)
        if all(words.search(said) is None for words in named):
            return replace(lab, unclear=lab.unclear - {"ask_for_job"})
        return lab
    match = classify_topic(text)
    if match.topic == NEXT_STEPS and dict(match.scores)[NEXT_STEPS] >= STRONG_TOPIC:
        return replace(lab, unclear=lab.unclear | {"ask_for_job"})
    return lab


NO_MOVE = Labels(frozenset(), None)


def _label_texts(
    sentences: Sequence[str],
    semantic_mode: bool | None,
    word_probabilities: Sequence[Sequence[float] | None] | None,
    groups: Sequence[object] | None,
) -> tuple[list[Labels], str]:
    base = [rules.label(s) for s in sentences]
    # Default: the sentence model whenever its weights are installed (0.2 s to load), so
    # results do not depend on what happened to be loaded earlier in the process.
    use = semantic.is_available() if semantic_mode is None else semantic_mode
    if not use:
        return base, wording.NOTES["mode_rules"]
    try:
        model = semantic.get_model()
    except semantic.SemanticUnavailable as exc:
        return base, wording.NOTES["mode_semantic_failed"].format(reason=exc)
    if not sentences:
        return [], wording.NOTES["mode_semantic"]
    probs = model.probabilities(sentences)
    refined = model.refine(sentences, base, word_probabilities, probabilities=probs)
    refined = [
        _thanks_by_words(text, _probe_by_words(text, lab))
        for text, lab in zip(sentences, refined, strict=True)
    ]
    sure = None
    if KEEP_QUESTION_PROBABILITY is not None:
        column = probs[:, model.outputs.index("question")]
        sure = [float(p) >= KEEP_QUESTION_PROBABILITY for p in column]
    if groups is None:
        return trust_question_marks(sentences, base, refined, sure), wording.NOTES["mode_semantic"]
    out: list[Labels] = list(refined)
    members: dict[object, list[int]] = {}
    for i, g in enumerate(groups):
        members.setdefault(g, []).append(i)
    for at in members.values():
        kept = trust_question_marks(
            [sentences[i] for i in at], [base[i] for i in at], [refined[i] for i in at],
            None if sure is None else [sure[i] for i in at],
        )  # fmt: skip
        for i, lab in zip(at, kept, strict=True):
            out[i] = lab
    return out, wording.NOTES["mode_semantic"]


def _probe_by_words(text: str, lab: Labels) -> Labels:
    """A check-back ("Did I answer that clearly enough?") asks whether the answer landed,
    not for the interviewer's doubts: the model's concerns probe is dropped, as the rules
    never give one. A check-back on a doubt ("Does that address your concern?") asks for
    the doubt again: it is a probe, sure, whatever the model's probability (model (q) put
    that very sentence at 0.37, model (p) over 0.5; no training sentence has its like)."""
    if checks_doubt(text):
        return replace(lab, moves=lab.moves | {"concerns"}, unclear=lab.unclear - {"concerns"})
    if "concerns" not in lab.moves | lab.unclear or not is_check_back(text):
        return lab
    return replace(lab, moves=lab.moves - {"concerns"}, unclear=lab.unclear - {"concerns"})


def _thanks_by_words(text: str, lab: Labels) -> Labels:
    """The model's thanks on a sentence that only enjoyed something (:data:`ENJOYMENT`,
    with no word of gratitude the rules or :data:`GRATITUDE` know) is dropped."""
    if "thanks" not in lab.moves | lab.unclear or not ENJOYMENT.search(text):
        return lab
    if rules.names_gratitude(normalise(text)) or GRATITUDE.search(text):
        return lab
    return replace(lab, moves=lab.moves - {"thanks"}, unclear=lab.unclear - {"thanks"})


def trust_question_marks(
    sentences: Sequence[str],
    base: Sequence[Labels],
    labels: Sequence[Labels],
    sure: Sequence[bool] | None = None,
) -> list[Labels]:
    """In punctuated text, a sentence without "?" is a question only if its words say so.

    The model learnt questions without question marks from unpunctuated speech (raw
    Whisper text and its spoken variants), and then also took "Yes, two." for one. Where
    the transcript has its punctuation, a missing "?" is evidence: the model's question is
    kept only when the rules find one by its words too ("could you tell me..."). Text that
    is mostly unpunctuated is left to the model. ``sure``: per sentence, whether the
    model's question probability reached :data:`KEEP_QUESTION_PROBABILITY` (its question
    is then kept without the rules).
    """
    marked = sum(1 for s in sentences if s.rstrip().endswith((".", "?", "!")))
    if marked <= PUNCTUATED_SHARE * len(sentences):
        return list(labels)
    out = []
    for i, (text, rule, lab) in enumerate(zip(sentences, base, labels, strict=True)):
        asked = text.rstrip().endswith("?") or (sure is not None and sure[i])
        if "question" in lab.moves and "question" not in rule.moves and not asked:
            lab = replace(lab, moves=lab.moves - {"question"}, question_form=None)
        out.append(lab)
    return out
