"""A check-back: the candidate asks whether their own answer landed.

"Does that answer your question?", "does that make sense", "Is that helpful?", "Did I
answer that?", "Is that what you were looking for?". It is a question by its syntax, but
it asks nothing of the interviewer's knowledge: it is no final question about the role,
no topic to answer and, unless it names a doubt, no invitation to voice one. A trial's
candidate ended a concern answer with "Does that answer your question?" and was told to
ask the hiring manager.

The rules read the structure, not a list of sentences: an auxiliary, then a subject that
points back at what was just said ("that", "it", "this", "my answer") or "I", then a
predicate of answering, helping, making sense or being clear, and nothing after it but a
few words of hedging ("at all", "for you", "clearly enough"). "Does it make sense to start
in March?" goes on after the predicate and "Is that team remote?" has none, so neither is
one. A predicate on the interviewer's doubts ("Does that address your concern?") is not
one of these: that sentence probes the concern, and is read as such elsewhere.

Whisper drops question marks, so none is needed after an inverted clause; an uninverted
one ("That makes sense?") needs its mark, or a hope before it: "I hope that answers your
question." and "Hopefully that covers it." check back as plainly as the question does (a
user trial's got no word on the answer). A hope about anything else ("I hope to hear from
you soon", "Hopefully the team is hybrid", "I hope that's not a problem for the start
date?") has no predicate of landing, so it is none. "I think that makes sense" agrees with
the interviewer unless it is asked ("I think that answers it?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voicecoach.analysis.lexicon import normalise
from voicecoach.analysis.questions import question_of

# What points back at the answer just given.
_BACK = (
    r"(?:that|it|this|all (?:of )?that|that all|all this|what i (?:just )?(?:said|described|"
    r"told you)|my (?:answer|example|explanation|response)|the (?:answer|example))"
)
# Negated too ("Doesn't that answer it?", which normalise spells "does not that ...").
_AUX = r"(?:does|did|do|is|was|has|have)(?: not|nt)?"
# What the interviewer asked for: "what you were looking for", "the kind of thing you meant".
_ASKED = r"(?:were|are) (?:looking for|after|hoping for|getting at|asking(?: about| for)?)"
_WANTED = rf"(?:{_ASKED}|wanted|needed|meant|asked|had in mind|wanted to (?:know|hear))"
# What the answer might do for the interviewer. A predicate of the interviewer's doubts
# ("address your concern") is deliberately absent.
_LANDED = (
    r"(?:(?:answer|answers|answered|address|addresses|addressed) (?:your|the|what you) "
    r"(?:question|questions|point|ask|asked)(?: (?:about|on) (?:\w+ ){0,3}\w+)?"
    r"|(?:answer|answers|answered) (?:it|that|this)"
    r"|(?:make|makes|made|making) sense"
    r"|(?:help|helps|helped|clarify|clarifies|clarified)(?: (?:at all|a bit|at least))?"
    r"|(?:cover|covers|covered) (?:it|that|everything|what you (?:asked|wanted|needed))"
    r"|(?:come|comes|came) across(?: (?:okay|ok|well|clearly))?"
    r"|(?:give|gives|gave) you what you (?:need|needed|wanted)"
    rf"|(?:get|gets|got) at (?:it|what you {_WANTED})"
    r"|(?:clear|helpful|useful|enough detail|a good answer)"
    # how the answer sounded: "does that sound okay", "does that sound about right"
    r"|(?:sound|sounds|sounded) (?:okay|ok|good|fine|alright|all right|reasonable|fair|"
    r"(?:about )?right)"
    rf"|(?:sound|sounds|sounded) like what you (?:{_WANTED}|need|want|mean)"
    rf"|what you {_WANTED}"
    rf"|the (?:kind|sort|type) of (?:thing|answer|example|detail) you {_WANTED})"
)
# "I" as the one who answered: "did I answer that", "was I clear", "am I making sense".
_SELF_ANSWERED = (
    r"(?:(?:did|have|do|does)(?: not|nt)? i (?:\w+ly )?"
    r"(?:answer|answered|explain|explained|cover|covered|address|addressed|clarify|clarified)"
    r"(?: (?:it|that|this|myself|everything|your question|"
    r"the question)(?: you (?:wanted|needed|asked(?: about| for)?))?"
    rf"| what you {_WANTED})?"
    r"|(?:did|do) i make (?:sense|(?:it|that|this|myself) clear)"
    r"|(?:am|was) i (?:being )?(?:clear|making sense)"
    rf"|(?:did|do) i get at what you {_WANTED})"
)
# Hedges said after it ("does that make sense at all", "did I answer that clearly enough").
_TAIL = (
    r"(?: (?:well|fully|clearly|properly|okay|ok|alright|all right|at all|enough|for you|"
    r"to you|so far|then|right|or not|do you think|you think|i hope|hopefully|sufficiently|"
    r"more or less|there))*"
)
_LEAD = re.compile(
    r"^(?:(?:so|and|but|well|okay|ok|alright|all right|anyway|anyways|yeah|yes|now|just|i mean|"
    r"you know|like|right|sorry)\b,? ?)*"
)
# "does that kind of answer it", "is that more or less what you were asking"
_HEDGE = r"(?:(?:kind of|sort of|more or less|roughly|at least|partly|mostly|really) )?"
_INVERTED = re.compile(rf"(?:^|\s)(?:{_AUX} {_BACK} {_HEDGE}{_LANDED}|{_SELF_ANSWERED}){_TAIL}$")
# Uninverted, as a statement: a check-back with a question mark, or hoped for.
_LANDED_AS_STATED = rf"{_BACK} (?:{_LANDED}|(?:is|was) {_LANDED}){_TAIL}$"
# "I" may be dropped ("Hope that helps."), and Whisper drops the "that" of a fast "I hope
# that answers your question" ("I hope answer your question."): the predicate still says it
_SUBJECTLESS = rf"(?:{_LANDED}|(?:is|was) {_LANDED}){_TAIL}$"
_HOPED = re.compile(rf"^(?:(?:i )?hope|hopefully) (?:{_LANDED_AS_STATED}|{_SUBJECTLESS})")
_THOUGHT = re.compile(rf"^i think {_LANDED_AS_STATED}")  # a check-back only when asked
_STATED = re.compile(rf"^(?:{_BACK} )?(?:{_LANDED}|(?:is|was) {_LANDED}){_TAIL}$")
# "I hope that answers it. Did it?": the short question that asks whether the hope came true.
_ECHO = re.compile(rf"^{_AUX} (?:it|that|this|i){_TAIL}$")
_WH_END = re.compile(r"\b(?:what|how|why|where|when|which|who|way|in|on|to|for)$")
# What the interviewer doubted, and the answer's landing on it: "does that address your
# concern", "did I answer your doubts about the budget", "has that eased your worries".
_DOUBT = (
    r"(?:concern|concerns|doubt|doubts|worry|worries|reservation|reservations|hesitation|"
    r"hesitations|misgiving|misgivings)(?: (?:about|on|over|with) (?:\w+ ){0,3}\w+)?"
)
_ON_DOUBT = (
    r"(?:address|addresses|addressed|answer|answers|answered|resolve|resolves|resolved|"
    r"ease|eases|eased|settle|settles|settled|cover|covers|covered|deal with|deals with|"
    r"dealt with|allay|allays|allayed|clear up|clears up|cleared up|help with|helps with|"
    rf"helped with) (?:your|the|that|those|any of your|some of your) {_DOUBT}"
    r"|(?:put|puts) your mind at (?:rest|ease)"
)
_DOUBT_CHECKED = re.compile(
    rf"(?:^|\s)(?:{_AUX} {_BACK} {_HEDGE}(?:{_ON_DOUBT})"
    rf"|(?:did|have|do)(?: not|nt)? i (?:\w+ly )?(?:{_ON_DOUBT})){_TAIL}$"
)


def is_check_back(text: str) -> bool:
    """Does the sentence ``text`` ask only whether the candidate's own answer landed?

    A statement before it in the same sentence does not matter ("I led the team for two
    years, does that make sense?"); a real question does ("How big is the team, does that
    make sense?" asks about the team)."""
    clauses, last = _clauses(text)
    if not clauses:
        return False
    marked = "?" in text
    found = _INVERTED.search(last)
    if found is not None:
        before = last[: found.start()].strip()
    elif _HOPED.match(last) or (marked and (_STATED.match(last) or _THOUGHT.match(last))):
        before = ""
    else:
        return False
    if _WH_END.search(before):  # "how does that help", "in what way does that make sense"
        return False
    prefix = ", ".join([*clauses[:-1], before] if before else clauses[:-1])
    return not prefix or not question_of(prefix).is_question


def checks_doubt(text: str) -> bool:
    """Does ``text`` end by asking whether the answer settled the interviewer's doubt ("Does
    that address your concern?", "Did I answer your doubts about the budget?")? That is no
    check-back on the answer alone: it invites the doubt again, so it is a concerns probe
    whatever the model makes of it (:func:`voicecoach.analysis.moves.label_texts`)."""
    clauses, last = _clauses(text)
    found = _DOUBT_CHECKED.search(last) if clauses else None
    return found is not None and not _WH_END.search(last[: found.start()].strip())


def hoped_for(text: str) -> bool:
    """Does ``text`` hope (or think) the answer landed ("I hope that answers your
    question")?"""
    last = _clauses(text)[1]
    return bool(_HOPED.match(last) or _THOUGHT.match(last))


def _clauses(text: str) -> tuple[list[str], str]:
    """The sentence's clauses (split at commas and question marks), and the last of them
    without its lead-in words ("so, yeah, does that make sense")."""
    clauses = [c.strip() for c in re.split(r"[,?]", normalise(text)) if c.strip()]
    return clauses, _LEAD.sub("", clauses[-1]).strip() if clauses else ""


def check_backs(texts: Sequence[str]) -> tuple[bool, ...]:
    """:func:`is_check_back` of each sentence of an answer, in order; also a bare "Did it?"
    or "Does it?" right after a sentence that hopes the answer landed."""
    out: list[bool] = []
    for i, text in enumerate(texts):
        bare = _LEAD.sub("", normalise(text).strip(" ?,")).strip()
        echo = i > 0 and bool(_ECHO.match(bare)) and hoped_for(texts[i - 1])
        out.append(echo or is_check_back(text))
    return tuple(out)


__all__ = ["check_backs", "checks_doubt", "hoped_for", "is_check_back"]
