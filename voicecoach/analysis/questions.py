"""Is a spoken sentence a question to the interviewer, and is it open or yes/no?

Syntax decides: wh-words, auxiliary inversion, imperative requests for information, tag
and either/or questions, and for indirect questions the embedded clause (wh = open,
if/whether = yes/no). A question mark alone also makes a question (Whisper marks rising
statements), while "I'd like to know what happens next" without one is a statement.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from voicecoach.analysis.lexicon import normalise
from voicecoach.analysis.names import DAYS_MONTHS
from voicecoach.analysis.topics import classify

_WH = r"(?:what|how|when|where|who|whom|whose|which|why)"
_AUX = (
    r"(?:do|does|did|is|are|was|were|am|can|could|would|will|should|shall|may|might|must|"
    r"have|has|had)"
)
_SUBJ = (
    r"(?:you|we|i|there|it|they|he|she|this|that|these|those|the|your|our|my|a|an|any|anyone|"
    r"anybody|someone|somebody|guys|folks|everyone|everybody|people|team|company|role|position|all|"
    r"most|each|every|some|remote|travel|relocation|success|his|her|their|next|me)"
)
# Leading words that do not change what a clause is ("so, um, what..."), among them the
# announcement of a question, which the recogniser runs into it ("I have two questions is
# the store open on Sundays", "just two things what does...").
_LEAD = re.compile(
    r"^(?:(?:so|and|but|well|like|you know|i mean|basically|okay|ok|alright|all right|also|yeah|"
    r"yes|no|now|then|finally|"
    r"lastly|just|oh|right|great|sure|of course|actually|one more thing|one last thing|"
    r"out of curiosity|last but not least|secondly|first|firstly|second|next|and then|"
    r"in that case|that said|with that|perfect|thanks|thank you|i guess|honestly|cool|"
    r"otherwise|besides|plus|roughly|approximately|generally|typically|realistically|"
    r"i am curious|i am wondering|i was wondering|i wonder|"
    r"my (?:first |second |last |final |next |other |one |main )?question (?:is|was|would be)|"
    r"i (?:also )?(?:wanted|want|would like|would love) to (?:ask|know|understand|hear)|"
    r"i (?:also )?have (?:a |one |another |two |three |a few |a couple of |some )?"
    r"(?:quick |last |final |more |small |little )?(?:questions?|things?)|"
    r"(?:just )?(?:one|two|three|a few|a couple of) (?:more |quick |last |small |little )?"
    r"(?:questions?|things?))\b,?\s*)+"
)
# Without a question mark these frames make a statement about wanting to know.
_INDIRECT_LEAD = re.compile(
    r"^(?:\w+ )?(?:i am curious|i am wondering|i was wondering|i wonder|i (?:also )?(?:just )?"
    r"(?:wanted|want|would like|would love) to (?:know|understand|hear|learn))\b"
)
_OPEN_INDIRECT = re.compile(
    r"^(?:(?:can|could|would|will) you (?:please |possibly |maybe |perhaps |quickly |"
    r"briefly |also |just )*(?:tell|describe|explain|share|talk|walk|give|elaborate|say|expand|"
    r"outline|clarify|help me understand|speak|paint|go over|go through|fill me in|comment|"
    r"summari[sz]e|run me through|take me through|shed some light|provide|offer some|detail"
    r")|(?:do|would) you mind (?:telling|sharing|explaining|describing|walking|"
    r"talking|giving|expanding|elaborating)|(?:can|could|may) i ask)"
)
_IMPERATIVE = re.compile(
    r"^(?:please |kindly )?(?:do )?(?:also |just |kindly )?(?:tell me|tell us|describe|explain|"
    r"walk me through|"
    r"talk me through|"
    r"take me through|run me through|share (?:with me|a bit|more|some|any|your)|help me "
    r"understand|give me (?:a sense|an idea|an example|a picture|some insight|an overview|"
    r"your)|paint (?:me )?a picture|fill me in|elaborate|expand on|say more|let me know "
    r"(?:what|how|when|where|who|why|which)|"
    # a request for the news of the hiring itself ("Kindly let me know the result of the
    # interview", "Please inform me of the outcome"): the guidelines' question and ask
    r"(?:let (?:me|us) know|(?:inform|update|advise) (?:me|us) (?:of|on|about)) the "
    r"(?:\w+ )?(?:results?|outcomes?|decisions?|next steps?|feedback|timeline|status))\b"
)
_EMBEDDED = re.compile(
    rf"\b(?:know|tell (?:me|us)|idea|sense|sure|share|say|explain|let me know|clarify|"
    rf"remember|guess)\b (?:about )?(?:\w+ )?(if|whether|{_WH})\b"
)
_ANY_IDEA = re.compile(rf"^any (?:idea|sense|thoughts?|word|news)\b(?: on)? ({_WH}|if|whether)?")
_TAG = re.compile(
    r",? (?:right|correct|yes|no|yeah|true|is it|is not it|are not they|do not you|"
    r"does not it|did not it|would not it|will not it|can not it|is that right|"
    r"is that correct|is that fair|am i right|would you say|would not you say|"
    r"is that so|have not you|has not it|okay|ok)\??$"
)
# An elliptical yes/no question opening a sentence, asking for the interviewer's doubts,
# a chance or a reason ("Anything about me that gives you pause", "Any concerns about my
# experience", "Any chance you'd decide this week"): the recogniser often ends it with a
# full stop. Only these frames: "Any of my references will confirm that" or "Anything
# from logistics to budgeting, I've handled it" opens on "any" and claims something.
_DOUBT = r"(?:concerns?|doubts?|worries|hesitations?|reservations?|red flags?|gaps?|questions?)"
_ANY_ELLIPSIS = re.compile(
    rf"^(?:any (?:chance|reason|other {_DOUBT}|{_DOUBT})\b"
    r"|anything (?:else )?(?:about (?:me|my)|on my|in my|i (?:should|could|can) (?:add|clarify|"
    r"explain|tell)|(?:that )?(?:worries|concerns|bothers) you)\b)"
)
# ...unless the sentence offers rather than asks ("Any questions, just ask") or goes on to
# claim something ("Any doubts I had are gone").
_OFFER = re.compile(
    r"\b(?:let me know|feel free|just ask|happy to|glad to|is fine|works for me|would be|"
    r"i had|are gone)\b"
)
# A yes/no question said as a statement, its auxiliary dropped ("You think my experience
# is enough?", "You worried about anything with me?"): said to the interviewer, a
# sentence that opens on their opinion or doubt asks for it.
_YOU_THINK = re.compile(
    r"^(?:do |are )?you (?:(?:really |honestly )?(?:think|reckon|feel like)|(?:are )?(?:worried|"
    r"concerned|worry)|(?:have|got) (?:any|some) (?:doubts?|concerns?|worries|hesitations?|"
    r"reservations?))\b"
)
# A wh-question asked without inversion, as many speakers of other first languages ask it
# ("When you will decide?", "When I can know the result"): the recogniser ends it with a
# full stop or runs it on after a statement ("I want this job when you will call me"). A
# native "when" clause of time takes no "will" ("when you decide"), and "when I can" is
# followed by a verb only in such a question; after a verb of knowing or telling it is an
# embedded question ("I'd like to know when you'll decide"), a statement. Clause-initial
# "when"/"where" with "will" or "can", or "when" with "will" later in the clause; there,
# after a statement, it asks only about the outcome, as after a comma (see ``_OUTCOME``):
# a speaker of another first language also puts "will" in a clause of time ("I can start
# next month when I will have finished my notice").
_UNINVERTED = re.compile(r"^(?:when|where) (?:i|you|we) (?:will|can) (?!not\b)\w+")
_UNINVERTED_LATER = re.compile(r"\bwhen (?:i|you|we) will (?!not\b)\w+")
# ...and an inverted one, run on after a statement with no comma ("I'd love to join when
# will I hear back"): the sentence splitter cuts it off by its words where Whisper's words
# are timed or untyped (sentences._question_starts); in one clause the question is read
# the same. Only a question of when (or Whisper's "where" for it), as it is asked.
_INVERTED_LATER = re.compile(
    r"\b(?:when|where|how soon|how long) (?:will|would|can|could|do|does|should|might) "
    r"(?:i|you|we|they) (?!not\b)\w+"
)
# After a statement (a later clause of an unmarked sentence, or a clause the recogniser ran
# on after a pause), "when I can hand over my projects" and "where I can grow" are native
# time and relative clauses; only an ask about the outcome reads as the question: hearing,
# knowing or being told it ("when I can know if I am chosen"), the decision itself, or,
# after "when", the start of the job ("when I can start", "when I can start working"; not
# "when I can start something new", which says when). Whisper often writes "where" for that
# "when" (live trial 52: 3 of 5 TTS voices), and a relative "where" has no such verb of the
# outcome after it; "where I can start" is one ("a company where I can start my career").
_OUTCOME = (
    r"(?:know|hear|decide|find out|expect|be (?:told|informed|contacted|chosen|selected)|"
    r"(?:get|have|receive|make|take|reach|give|send) (?:me |us )?(?:an?|the|your|some) "
    r"(?:final )?(?:answer|decision|news|result|response|feedback|offer)|"
    r"(?:tell|let|call|contact|email|inform) (?:me|us)|get back to (?:me|us)|"
    r"be in touch|talk about (?:the )?next steps)"
)
# Starting the job: the verb alone, or with the job or the team as what is started or
# joined, and nothing after it in the clause.
_START_JOB = (
    r"(?:start|begin)(?: (?:work|working|here|the (?:job|role|position|work)|"
    r"in (?:the|this) (?:job|role|position)|on the team|with (?:you|the team|your team|you all))"
    r")?(?=$|,)"
)
_UNINVERTED_ASK = re.compile(
    rf"^(?:when (?:i|you|we) (?:will|can) (?:{_OUTCOME}\b|{_START_JOB})|"
    rf"where (?:i|you|we) (?:will|can) {_OUTCOME}\b)"
)
# Words before it that make it embedded or a time phrase ("a date for when you'll know").
_EMBEDS = re.compile(
    r"\b(?:know|knowing|tell|told|ask|asked|wonder|wondering|sure|idea|sense|decide|confirm|"
    r"inform|update|say|said|see|hear|check|remember|guess|understand|for|about|of|on|until|"
    r"till|by|that is|is|was)\b"
)
# How many words before an uninverted question may embed it, counted back from it: the
# embedding verb comes just before, or one word earlier ("know, really, when").
_EMBEDDING_WORDS = 2
# A wh-question after a phrase that sets its scene, run on without the comma the recogniser
# leaves out in unpunctuated speech ("with the new rules coming in how much of the budget
# goes to compliance", "after the first month what does a normal week look like"). The
# phrase opens on a preposition and holds no pronoun or verb that could make the wh-word
# the start of an embedded or relative clause ("in the year when I was the lead", "for the
# client who is the largest", "with my team I learned how much..."): only what, how, when
# and why, then an auxiliary before its subject (after up to three words of "what"/"how":
# "what kind of support is there") or "how long/many/much/soon/often". On the 34 tuning
# closings (stop 41) it put right a typed closing's two question checks and changed no
# spoken count.
_SCENE = re.compile(
    r"^(?:with|given|for|on|about|in|after|before|during|regarding|as for|in terms of|"
    r"now that|once) (?P<phrase>(?:[\w'-]+ ){1,8}?)(?=(?:what|how|when|why) )"
)
_SCENE_BLOCK = re.compile(
    rf"\b(?:i|we|you|they|he|she|it|me|us|them|him|my|that|which|who|if|whether|not|know|"
    rf"knew|learned|learnt|saw|see|showed|shows|asked|wonder|end|all|fact|short|general|"
    rf"example|instance|{_AUX})\b"
)
_PRONOUN = r"(?:i|we|you|they|he|she|it)\b"
_SCENE_QUESTION = re.compile(
    rf"^(?:(?:what|how) (?:(?!{_PRONOUN})\w+ ){{1,3}}?{_AUX} (?:not )?{_SUBJ}\b|"
    rf"(?:what|how|when|why) {_AUX} (?:not )?{_SUBJ}\b|"
    rf"how (?:long|many|much|soon|often)\b(?! (?:\w+ )?{_PRONOUN}))"
)


# An inverted condition opening a statement ("Should you have any doubts, I'd welcome the
# chance to answer them", "Had I known, I would have..."): the auxiliary comes first, but the
# main clause after the comma says what the speaker will do. Only without a question mark.
_CONDITION = re.compile(
    rf"^(?:should|had|were) {_SUBJ}\b[^,?]*, (?:then )?(?:i|we|please|feel free|do not hesitate)\b"
)
# "Do techs get paid hourly", "Does anything in my file worry you": "do" before a plural
# noun, a gerund or an indefinite pronoun opens a yes/no question even where the subject is
# not one the inversion rule lists. An imperative "do" takes a bare verb ("Do let me know",
# "Do revert"), never one in -s or -ing.
_DO_SUBJECT = re.compile(
    r"^(?:do|does|did) (?:not )?(?:(?!(?:this|thus|us|yes|is|was|has|as)\b)\w+s|\w+ing|anything|"
    r"anyone|anybody|staff|new|other|senior|junior)\b"
)
# In a later clause of a sentence without a question mark, an inverted condition ends a
# statement ("I'd be glad to accept, should it be offered", "..., were it to work out") and
# "which" straight before an auxiliary opens a relative clause ("I won the prize, which was
# a surprise"), not a question.
_LATE_CONDITION = re.compile(r"^(?:(?:were|had) |should (?:it|that|this|there|the|you)\b)")
_RELATIVE = re.compile(rf"^which {_AUX}\b")
_WH_STATEMENT = re.compile(
    rf"^{_WH} (?:i|we|you|they|he|she|it|my|our|the team|this|that|i am|we are|you are)\b"
)
_WH_NOT = re.compile(r"^(?:when|where|while|which is|which was|what a)\b")
_QUESTION_IS = re.compile(
    r"^(?:my|one|the|another) (?:first |second |last |final |next |other |one |main |only )?"
    r"question (?:is|was|would be|i have is)\b,? ?"
)

# A question put after a cleft frame of asking ("What I'd like to ask is how the team
# measures...", "The one thing I wanted to ask you is whether..."): the rest is the question,
# as after "my question is". Knowing frames stay statements ("What I'd like to know is...",
# like "I'd like to know...").
_ASK_CLEFT = re.compile(
    r"^(?:i think |i suppose |so )?(?:what|the (?:one |other |last |main )?thing|one thing) i "
    r"(?:also )?(?:would like|wanted|want|would love|have|had|was going|was hoping) to ask"
    r"(?: you| about)? (?:is|was),? "
)

# A direct question put after a frame that ends "is"/"was": the frame names the question
# or the speaker's wondering, and the question keeps its own inverted order ("one thing I
# was kind of wondering about was, like, how much say does the branch manager have over
# hiring", "the other thing is how big is the team"; "one thing I wanted to ask" is taken
# off by _LEAD, leaving "was how long does onboarding take"). The frame is empty, "the
# other thing", or a first-person verb of asking or wondering: "the big question at my
# last job was how do we scale" tells a story.
_FRAMED_QUESTION = re.compile(
    # ("the big thing is how do you..." makes a point; "my big question is how does..." asks)
    r"^(?:(?:the|one|another|my) (?:(?:other |last |final |main |second |only )?"
    r"(?:thing|question)|(?:big|next) question) "
    r"|(?:\w+ )*?i (?:\w+ ){0,4}?(?:ask|asking|wonder|wondering|wondered|"
    # ("about" is what _LEAD leaves of "one thing I was wondering about was ...")
    r"curious)(?: about)? |about )?(?:is|was),? (?:like,? )?"
    # the wh-phrase ("how much say") has no subject of its own ("what I already do")
    rf"(?={_WH} (?:(?!(?:i|you|we|they|he|she|it|that|this|there) )\w+ ){{0,2}}?"
    rf"(?:(?:do|does|did) (?!not\b)\w+|{_AUX} (?:not )?{_SUBJ})\b)"
)
# ...but "the thing was" with a question the speaker or their team faced ("the thing was
# how much do we need to spend, and I cut it by a third", "the last thing was how do we
# keep customers happy"), or a question the speaker kept asking or always asks ("the
# question I kept asking was why does this report take three days", "what I always ask is
# how can we make this simpler") tells what happened then, or what they do
_FRAMED_STORY = re.compile(
    r"^(?:(?:the|one|another|my) (?:\w+ )?(?:thing|question) was,? (?:like,? )?"
    rf"{_WH}(?: (?!(?:i|we)\b)\w+){{0,2}}? {_AUX} (?:not )?(?:i|we)\b"
    r"|(?:\w+ )*?i (?:kept|used to) (?:ask|asking|wonder|wondering)\b"
    r"|(?:\w+ )*?i (?:always|usually|often|normally|generally|tend to) ask\b)"
)

# Clause boundaries: commas, question marks, and "and"/"so" before a wh-word or an
# auxiliary (Whisper runs "I'm excited about this and what happens next" together).
_CLAUSE_SPLIT = re.compile(
    rf",|\?|\s(?=(?:and|so|but) (?:uh |um )?(?:{_WH}|do you|is there|are there|could you|"
    r"can you|would you|will you)\b)"
)

# A wh-phrase cut off from its question by an aside the recogniser set off with commas
# ("how much, say, does the branch manager have over hiring", "where, I mean, do new
# starters sit", "what, in your view, is the biggest risk"; live trial 49, T11): read apart,
# the inverted clause after the aside asked yes/no. The wh-phrase ends its clause, alone or
# after a frame ending "is"/"was" ("one thing I was wondering about was how much"), and
# holds no subject or verb of its own ("What I want to know is, do you...", "So, how to put
# it, is there..." are yes/no questions); the asides between are fillers and hedges only,
# and the clause after them opens inverted.
_WH_FRAGMENT = re.compile(
    rf"(?:^|\b(?:is|was) ){_WH}(?: (?!(?:{_AUX}|i|you|we|they|he|she|it|to|not|if|that|this|"
    rf"there|and|or|but|so)\b)[\w'-]+){{0,3}}$"
)
_ASIDE = re.compile(
    r"^(?:say|let us say|so to speak|as it were|roughly|approximately|more or less|exactly|"
    r"precisely|realistically|typically|usually|normally|generally|honestly|really|in general|"
    r"on average|ideally|in practice|in reality|if any|if anything|in other words|"
    r"for example|for instance|in (?:your|the) (?:view|opinion|experience|end)|"
    r"(?:would|do) you (?:say|think|reckon)|i (?:guess|suppose|wonder))$"
)
# at most this many asides between the wh-phrase and its clause
_MAX_ASIDES = 2
_INVERTED = re.compile(rf"^{_AUX} (?:not )?{_SUBJ}\b")
# A wh-clause said as an aside before a yes/no question ("So, how to put it, is there room
# to grow?", "You know what, is there a gym?"): it asks nothing itself.
_WH_ASIDE = re.compile(
    r"^(?:(?:so|and|but|well|okay|ok|now|i mean),? )*(?:how (?:to|do i|should i|shall i|"
    r"can i|could i|would i|do you|would you) (?:put|say|phrase|word) (?:it|this|that)"
    r"(?: best)?|how shall i say|what is the word(?: i am looking for)?|what do you call it|"
    r"you know what|(?:i will )?tell you what|guess what)$"
)


def _rejoin_wh_fragments(parts: list[str]) -> list[str]:
    """``parts`` (a sentence's clauses) with a wh-phrase cut off by an aside joined to the
    inverted clause after it (see ``_WH_FRAGMENT``), when together they read as an open
    question."""
    out = list(parts)
    i = 0
    while i < len(out) - 1:
        head = _LEAD.sub("", out[i]).strip()
        if head and _WH_FRAGMENT.search(head) and not _WH_ASIDE.match(out[i]):
            k = i + 1
            while k < len(out) - 1 and k - i - 1 < _MAX_ASIDES and _is_aside(out[k]):
                k += 1
            tail = _LEAD.sub("", out[k]).strip()
            joined = f"{out[i]} {tail}"
            if (
                (_INVERTED.match(tail) or _DO_SUBJECT.match(tail))
                and _clause_form(_LEAD.sub("", joined).strip(), strict=False) == "open"
            ):  # fmt: skip
                out[i : k + 1] = [joined]
        i += 1
    return out


def _is_aside(part: str) -> bool:
    """Is ``part`` (a clause) only a filler or hedge said as an aside ("say", "I mean",
    "in your view")?"""
    rest = _LEAD.sub("", part).strip()
    return not rest or bool(_ASIDE.match(rest))


@dataclass(frozen=True)
class QuestionResult:
    is_question: bool
    form: str | None  # "open" or "yes_no" when a question
    prefix: str = ""  # the normalised clauses before the question (may hold a claim)


def _embedded(c: str, default: str) -> str:
    m = _EMBEDDED.search(c)
    if m:
        return "yes_no" if m.group(1) in ("if", "whether") else "open"
    return default


# "have" asks only as an auxiliary, before a past participle ("Have you led...?", "Has the
# team grown?", "Have you got...", "...ever...", British "Have you any..."): a clause that
# opens "have your team leads to coach me" is Whisper's mishearing of a plan ("ask my team
# leads to coach me"), and the interviewer answered it as a question about growth (trial 22)
_HAVE_NO_PARTICIPLE = re.compile(
    r"^(?:have|has|had) (?:not )?(?!(?:you|we|they|he|she) (?:a|an)\b)"
    r"(?!(?:\w+ ){0,5}(?:\w+ed|\w+en|been|done|seen|made|had|got|"
    r"gone|met|thought|found|told|heard|built|run|led|set|put|begun|spent|brought|kept|left|"
    r"felt|held|sold|paid|won|lost|read|said|taught|caught|bought|sent|grown|shown|known|"
    r"any|ever|never|anyone|anybody|anything)\b)"
)


def _clause_form(c: str, *, strict: bool, offer: bool = False) -> str | None:
    """'open' / 'yes_no' when the clause reads as a question by its syntax, else None.

    ``strict`` is for a later clause of an unmarked sentence, where "which helps..." is a
    relative clause, not a question. ``offer``: the sentence offers something (see
    ``_OFFER``), so an elliptical "anything you need" does not ask.
    """
    c = _QUESTION_IS.sub("", c)
    cleft = _ASK_CLEFT.match(c)
    if cleft:
        rest = c[cleft.end() :]
        if re.match(rf"^(?:{_WH}|if|whether)\b", rest):
            return "yes_no" if re.match(r"^(?:if|whether)\b", rest) else "open"
        c = rest
    if (_UNINVERTED_ASK if strict else _UNINVERTED).match(c) or (
        _FRAMED_QUESTION.match(c) and not _FRAMED_STORY.match(c)
    ):
        return "open"
    scene = _SCENE.match(c)
    if (
        scene and not _SCENE_BLOCK.search(scene.group("phrase"))
        and _SCENE_QUESTION.match(c[scene.end() :])
    ):  # fmt: skip
        return "open"
    if _OPEN_INDIRECT.match(c) or _IMPERATIVE.match(c):
        return _embedded(c, "open")
    m = _ANY_IDEA.match(c)
    if m:
        return "yes_no" if m.group(1) in (None, "if", "whether") else "open"
    if _WH_STATEMENT.match(c) and not re.match(rf"^{_WH} (?:you|we|i) (?:think|see|feel)\b", c):
        return None
    inversion = re.match(rf"^{_AUX} (?:not )?{_SUBJ}\b", c) and not re.match(
        r"^(?:have a (?:good|great|nice|lovely)|may i say|might i add|do let|will do)\b", c
    )
    if inversion and _HAVE_NO_PARTICIPLE.match(c):
        inversion = None
    inversion = inversion or bool(_DO_SUBJECT.match(c))
    if strict:
        if _LATE_CONDITION.match(c) or _RELATIVE.match(c):
            return None
        if re.match(rf"^{_WH} (?:\w+ )?{_AUX} {_SUBJ}\b", c):
            return "open"
        if re.match(r"^(?:what|how)\b", c):
            return "open"
        return _embedded(c, "yes_no") if inversion else None
    if re.match(rf"^{_WH}\b", c) and not _WH_NOT.match(c):
        return "open"
    if re.match(rf"^(?:when|where) (?:{_AUX}|exactly)\b", c):
        return "open"
    if inversion:
        return _embedded(c, "yes_no")
    if (_ANY_ELLIPSIS.match(c) and not offer) or _YOU_THINK.match(c):
        return "yes_no"
    return None


# A "when" clause after a time is relative or says when ("I look forward to the day, <pause>
# when I can start my own team"; "I will be free in June, when I can start"), whatever it
# says (third review of stop 52); not "thank you for your time, when I can know the result"
_TIME_BEFORE = re.compile(
    r"\b(?:days?|(?<!your )(?<!the )time|moment|point|stage|weeks?|months?|years?|spring|"
    rf"summer|autumn|fall|winter|notice|{'|'.join(DAYS_MONTHS.split())}|\d{{4}})$"
)
# ...a "when" clause in statement order, that is: an inverted one after a time still asks
# ("I can start next month, when will you decide").
_SAYS_WHEN = re.compile(rf"^when (?!(?:exactly |roughly )?{_AUX}\b)")


# ...unless it asks to hear back, which the candidate cannot say the time of ("I can start
# in March, when I will hear back": a review's; "when I can start" there says when)
_HEARS_BACK = re.compile(
    r"^(?:when|where) (?:i|we) (?:will|can) (?:hear (?:back|from you)|hear$|be (?:told|informed|"
    r"contacted)|get (?:an?|the|your) (?:final )?(?:answer|decision|news|result|response))"
)


def ends_on_a_time(text: str) -> bool:
    """Does ``text`` end on a time ("in June", "next year", "my notice"), so that a "when"
    clause after it says when rather than asks?"""
    return _TIME_BEFORE.search(text.rstrip(" ,.")) is not None


def says_when(before: str, clause: str) -> bool:
    """Does ``clause``, a "when" clause in statement order (see :func:`clause_lead`) said
    after ``before``, say when rather than ask: after a time (:func:`ends_on_a_time`), and
    not to hear back (``_HEARS_BACK``)?"""
    return ends_on_a_time(before) and not _HEARS_BACK.match(clause.strip(" ,.?"))


def question_of(text: str, n: str | None = None) -> QuestionResult:
    """Is the sentence a question to the interviewer, and is it open or yes/no?"""
    n = normalise(text) if n is None else n
    marked = "?" in n
    raw = [p.strip(" ?") for p in re.split(_CLAUSE_SPLIT, n)]
    raw = _rejoin_wh_fragments([p for p in raw if p])
    first = True
    offer = bool(_OFFER.search(n))
    condition = not marked and bool(_CONDITION.match(_LEAD.sub("", n)))
    for i, part in enumerate(raw):
        if condition and first:  # the condition's clause does not ask
            first = False
            continue
        if not marked and _INDIRECT_LEAD.match(part):
            first = False
            continue
        if i < len(raw) - 1 and _WH_ASIDE.match(part):
            continue  # "so, how to put it, is there...": the aside asks nothing
        clause = _LEAD.sub("", part).strip()
        if not clause:
            continue
        if not marked and i and _SAYS_WHEN.match(clause) and says_when(raw[i - 1], clause):
            first = False
            continue  # "I will be free in June, when I can start.": says when
        form = _clause_form(clause, strict=not marked and not first, offer=offer)
        first = False
        if form:
            if marked and _TAG.search(n) and not _open_tail(raw):
                form = "yes_no"
            return QuestionResult(True, form, ", ".join(raw[:i]))
    if not marked:
        for later in _UNINVERTED_LATER.finditer(n):
            if _asks_later(n[: later.start()], n[later.start() :]):
                return QuestionResult(True, "open", n[: later.start()].strip(" ,"))
        inverted = _INVERTED_LATER.search(n)
        if inverted and _asks_inverted_later(n[: inverted.start()]):
            return QuestionResult(True, "open", n[: inverted.start()].strip(" ,"))
        return QuestionResult(False, None)
    if _TAG.search(n):
        return QuestionResult(True, "yes_no")
    head = _LEAD.sub("", raw[0]).strip() if raw else ""
    if re.match(rf"^{_WH}\b", head):
        return QuestionResult(True, "open")
    return QuestionResult(True, _embedded(n, "yes_no"))


def _asks_later(before: str, rest: str) -> bool:
    """Does the "when ... will" clause that opens ``rest`` (see ``_UNINVERTED_LATER``), said
    after the statement ``before`` in one clause or after a comma, ask? As after a comma or a
    pause: only an ask about the outcome ("I want this job when you will decide"), not
    embedded by the words before it and not after a time ("I can start next month, when I
    will have finished my notice" says when)."""
    clause = rest.split(",", 1)[0].strip(" ?")
    if _EMBEDS.search(before) or says_when(before, clause):
        return False
    return uninverted_ask(clause)


def _asks_inverted_later(before: str) -> bool:
    """Does the inverted "when" question after ``before`` (see ``_INVERTED_LATER``), run on
    in one clause, ask: ``before`` a statement of a few words, no wh-word in it, and its
    last words not embedding the question ("let me know when will...", a request)?"""
    words = before.split()
    last = " ".join(words[-_EMBEDDING_WORDS:])
    return (
        len(words) >= MIN_RUN_ON_WORDS and not re.search(rf"\b{_WH}\b", before)
        and not _EMBEDS.search(last)
    )  # fmt: skip


def asked_only_by_mark(text: str) -> bool:
    """Is ``text`` a question only by its question mark: a yes/no question in statement
    order, with no tag ("The data was bigger than most teams see?"), that the words alone
    read as a statement? Whisper writes such a "?" where the voice rose."""
    n = normalise(text)
    if not n.endswith("?") or "?" in n[:-1] or _TAG.search(n):
        return False
    bare = n[:-1].strip(" ,")
    return bool(bare) and not question_of(bare, bare).is_question


def _open_tail(raw: list[str]) -> bool:
    """A long open clause after the tag-like word: "..., right, what would you add?"."""
    last = _LEAD.sub("", raw[-1]).strip() if raw else ""
    return len(last.split()) > 3 and _clause_form(last, strict=False) == "open"


# A question run on after another with "and" and no mark between them, as the recogniser
# merges them ("how long is the training and are the shifts fixed"): the second must be a
# question by its own syntax (an auxiliary after its wh-word, or inversion), so an
# embedded clause ("tell me how it works and what the budget is") does not count. After
# a comma the "and" counts only before a wh-question of its own ("..., and how much of the
# budget is the board willing to fund") that follows a question: written closings ask "Is
# it hybrid, and would I get a mentor?" as one question (a rule that counted every comma
# and "and" cost 8 of 369 checks on unseen closings), and "Thanks so much, and when might
# I hear back?" asks once. On the 100 tuning closings the wh-only rule put right 6 spoken
# question counts (espeak-ng and Festival) and changed no typed one.
_RUN_ON = re.compile(r"(?<!\?) and (?:also |then )?(?=\w)")
_OPEN_AFTER_COMMA = re.compile(
    rf"^(?:{_WH} (?:\w+ ){{0,3}}?{_AUX} (?:not )?{_SUBJ}\b|how (?:long|many|much|soon|often)\b)"
)
_INDEPENDENT = re.compile(
    rf"^(?:{_WH} (?:\w+ ){{0,2}}?{_AUX} (?:not )?{_SUBJ}\b|{_WH} (?:is|are|was|were|do|does|did)"
    rf"\b|how (?:long|many|much|soon|often)\b|{_AUX} (?:not )?(?:{_SUBJ}|\w+ing)\b)"
)
# The question before the "and" has at least this many words ("this and that" is not two).
MIN_RUN_ON_WORDS = 3

# Two indirect questions said as one sentence, the second joined by "and" (or "and also")
# and a wh-word, "if" or "whether": "I was wondering how the team measures success in the
# first year, and what the biggest challenge for the team is right now" (trial f2, where
# the two topics tied over the whole sentence and the interviewer dodged both). The second
# clause is embedded, no inversion, so the run-on rule above does not count it, and by its
# words alone it cannot: "tell me how the rota works and what the budget is" asks once,
# "how the team measures success and what that means in the first year" too. The topics
# can: a sentence is cut there only when what was asked before the "and" is a question
# (or an indirect one, "I'd love to know what...") and each side, read alone, is on a
# known topic (topics.classify) and the two differ. A side on no topic, or both on one,
# stays one question. On the 174 tuning closings no count changed.
_INDIRECT_CLAUSE = re.compile(rf"^(?:about )?(?:({_WH})|if|whether)\b")
# "what the budget is": a wh-word, a subject and a verb at the least.
_MIN_EMBEDDED_WORDS = 3


def further_questions(text: str) -> tuple[str, ...]:
    """Forms of the questions run on after the first in one question sentence (see
    ``_RUN_ON``): "open" or "yes_no" each, () when it holds one question."""
    return tuple(form for _, form in further_question_clauses(text))


def further_question_clauses(text: str) -> tuple[tuple[str, str], ...]:
    """The questions run on after the first in one question sentence, each as (its
    clause, normalised; "open" or "yes_no"): see :func:`further_questions`. Two embedded
    questions on two known topics count too (see ``_INDIRECT_CLAUSE``)."""
    return tuple((clause, form or "yes_no") for clause, form in _questions(text)[1:])


def question_clauses(text: str) -> tuple[tuple[str, str | None], ...]:
    """Every question ``text`` (one question sentence) asks, the first among them, each as
    (its clause, normalised; its form, or None when its syntax does not say)."""
    pieces = _questions(text)
    first = pieces[0][0].strip(" ,?")
    first_form = question_of(first).form or _indirect_form(first)
    return ((first, first_form), *((p.strip(" ,?"), f) for p, f in pieces[1:]))


def question_pieces(
    text: str, keywords: Mapping[str, Iterable[str]] | None = None
) -> list[tuple[str, str | None]]:
    """``text`` (one question sentence) cut where another question runs on (see
    :func:`further_questions`): the first question and each run-on one, normalised, each
    with its form ("open", "yes_no", or None when its syntax does not say); [] when it
    holds one question. "what are the next steps and how big is the team" ->
    [("what are the next steps", "open"), ("how big is the team", "open")].
    ``keywords``: a scenario's extra topic phrases, for the topics that decide whether
    two embedded questions are two (the analysis counts them without)."""
    pieces = _questions(text, keywords)
    if len(pieces) < 2:
        return []
    first = pieces[0][0].strip(" ,?")
    first_form = question_of(first).form or _indirect_form(first)
    return [(first, first_form), *((p.strip(" ,?"), f) for p, f in pieces[1:])]


def _questions(
    text: str, keywords: Mapping[str, Iterable[str]] | None = None
) -> list[tuple[str, str | None]]:
    """``text`` cut into the questions it asks, each with its form (None for the first: it
    is the sentence's own)."""
    parts = _RUN_ON.split(normalise(text))
    pieces: list[tuple[str, str | None]] = [(parts[0], None)]
    for before, part in itertools.pairwise(parts):
        clause = _run_on_question(before, part, pieces[-1][0], keywords)
        if clause is not None:
            # "is parking free": a gerund subject the inversion rule does not list
            pieces.append((clause, _clause_form(clause, strict=True) or "yes_no"))
            continue
        clause = _embedded_question(pieces[-1][0], part, keywords)
        if clause is not None:
            pieces.append((clause, _indirect_form(clause)))
        else:
            asked, form = pieces[-1]
            pieces[-1] = (f"{asked} and {part}", form)
    if len(pieces) > 1 and not _asks(pieces[0][0]):
        # a statement the recogniser ran onto the question after it ("I'd really like this
        # role and what's the timeline from here?", for "...this role. And what's the
        # timeline from here?"): the sentence asks that question once
        pieces = [(pieces[1][0], None), *pieces[2:]]
    return pieces


# A yes/no "is it ..." or "or ..." said straight after an open question offers a guess at
# its answer: typed, it follows a comma and the sentence asks once ("How are the rounds
# worked out, is it the same clients every week?"); Whisper, hearing the comma's pause,
# often writes a full stop there ("...worked out? Is it the same clients every week?": 3 of
# the 17 odd-numbered closings of blind_closings_4, in both TTS voices). "Is it possible /
# okay to ..." asks something new.
_GUESS = re.compile(r"^(?:or |is it (?!(?:possible|ok|okay|alright|all right|fine|true|worth)\b))")


def guesses_answer(text: str) -> bool:
    """Does ``text``, a question said straight after an open one, only guess at that
    question's answer ("Is it churn or NPS?" after "How do you measure them?"), so that the
    two ask once (see ``_GUESS``)?"""
    return bool(_GUESS.match(clause_lead(normalise(text))))


def _asks(clause: str) -> bool:
    """Does ``clause`` (normalised, said before an "and") ask anything: a question by its
    words, an indirect one ("I was wondering how...") or a request ("tell me about..."), or
    a question of its own after other words ("yeah a couple things what's the biggest
    project you have going right now")?"""
    bare = clause.strip(" ,?")
    if question_of(bare).is_question or _indirect_form(bare) or asks_as_request(bare):
        return True
    words = bare.replace(",", " ").split()
    return any(independent_question(" ".join(words[k:])) for k in range(1, len(words)))


def _indirect_form(text: str) -> str | None:
    """ "open" or "yes_no" for a clause that opens, after its frame ("I was wondering", "I'd
    love to know", "I'm curious about"), on a wh-word, "if" or "whether"; else None."""
    m = _INDIRECT_CLAUSE.match(clause_lead(text))
    if m is None:
        return None
    return "open" if m.group(1) else "yes_no"


def _embedded_question(
    asked: str, part: str, keywords: Mapping[str, Iterable[str]] | None
) -> str | None:
    """The embedded question ``part`` asks after the question ``asked`` (all said since the
    last cut) and the "and" between them, or None when it goes on with that question: see
    ``_INDIRECT_CLAUSE``."""
    clause = clause_lead(part)
    if (
        len(asked.split()) < MIN_RUN_ON_WORDS or len(clause.split()) < _MIN_EMBEDDED_WORDS
        or _INDIRECT_CLAUSE.match(clause) is None
    ):  # fmt: skip
        return None
    if not (question_of(asked.strip(" ,")).is_question or _indirect_form(asked)):
        return None  # "I've handled challenges, and what I learned is...": nothing asked
    return clause if _two_topics(asked, clause, keywords) else None


def uninverted_question(before: str, clause: str) -> bool:
    """Does ``clause`` (see :func:`clause_lead`), said after the statement ``before``, open
    a wh-question in statement order (see ``_UNINVERTED``: "when I can know if I am
    chosen") that the last words of ``before`` do not embed ("let me know when I can
    start", "I'm not sure really when we can")?"""
    last = " ".join(before.replace(",", " ").split()[-_EMBEDDING_WORDS:])
    return bool(_UNINVERTED.match(clause)) and not _EMBEDS.search(last)


def uninverted_ask(clause: str) -> bool:
    """Does ``clause`` (see :func:`clause_lead`) ask about the outcome in statement order
    (see ``_UNINVERTED_ASK``: "when I can know if I am chosen", not "when I can hand over
    my projects")?"""
    return bool(_UNINVERTED_ASK.match(clause))


def clause_lead(text: str) -> str:
    """A normalised clause without the frame words it opens on ("and", "so", "I have two
    questions": see ``_LEAD``) and without its question mark."""
    return _LEAD.sub("", text.strip(" ?")).strip()


def independent_question(clause: str) -> bool:
    """Does ``clause`` (see :func:`clause_lead`) open as a question of its own: an auxiliary
    before its subject, a wh-word before one, "how long/many/much..."? An embedded clause
    ("how it works") does not."""
    return bool(_INDEPENDENT.match(clause) or _DO_SUBJECT.match(clause))


def _run_on_question(
    before: str, piece: str, asked: str = "", keywords: Mapping[str, Iterable[str]] | None = None
) -> str | None:
    """The question ``piece`` asks after ``before`` and the "and" between them (without
    its leading frame), or None when it goes on with the question before. After a comma,
    a yes/no question counts when it and the question before (``asked``: all said since
    the last cut) are each on a known topic, and the two differ (as for an embedded one):
    trial 23's "Has the team grown this year, and have you got a training budget?" tied
    3-3 as one question and would get the neutral reply, answering neither."""
    clause = _LEAD.sub("", piece.strip(" ?")).strip()
    if len(before.split()) < MIN_RUN_ON_WORDS or not _INDEPENDENT.match(clause):
        return None
    if before.endswith(",") and not (
        question_of(before.strip(" ,")).is_question
        and (_OPEN_AFTER_COMMA.match(clause) or _two_topics(asked or before, clause, keywords))
    ):
        return None
    return clause


def _two_topics(asked: str, clause: str, keywords: Mapping[str, Iterable[str]] | None) -> bool:
    """Are ``asked`` and ``clause``, each read alone, on two different known topics?"""
    first, second = classify(asked, keywords).topic, classify(clause, keywords).topic
    return first is not None and second is not None and first != second


def asks_as_request(text: str) -> bool:
    """Does ``text``, without a question mark, ask as a request or a wish to know rather than
    as a question put ("Tell me about the team.", "I'd like to know what happens next.")?
    Counted as a question, such a sentence is still written with a full stop."""
    n = normalise(text).rstrip("?").strip(" ,")
    return bool(_INDIRECT_LEAD.match(n) or _IMPERATIVE.match(_LEAD.sub("", n).strip()))
