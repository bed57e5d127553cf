"""Rule-based move labelling: lexicons with guards, on top of the question syntax.

Each rule reads a normalised sentence (see :func:`voicecoach.analysis.lexicon.normalise`).
The rules are fast (tens of microseconds a sentence) and need no model; the semantic
layer in :mod:`voicecoach.analysis.semantic` can refine them when the model is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from voicecoach.analysis.check_back import is_check_back
from voicecoach.analysis.lexicon import normalise
from voicecoach.analysis.questions import QuestionResult, question_of
from voicecoach.analysis.topics import NEXT_STEP_OF_OTHER

__all__ = ["Labels", "QuestionResult", "is_sign_off", "label", "question_of"]

# Lines the interviewer says (a candidate repeating them is not making a move).
_INTERVIEWER = re.compile(
    r"\b(?:do you have any (?:final |other |more |further |last )?questions? for (?:me|us)|"
    r"why do you want to (?:work|join)|tell (?:me|us) about a time|where do you see yourself|"
    r"thanks for coming in|thank you for coming in|we will be in touch|we will let you know|"
    r"thank you for your interest|our next step is|(?:do|did) you have any (?:concerns|"
    r"questions|reservations) (?:about|regarding) (?:the role|the position|the job|us)|"
    r"what (?:are|would you say are|is) your (?:salary|greatest|biggest|main) (?:expectations|"
    r"strengths?|weakness(?:es)?))\b"
)

_DOUBT = re.compile(
    r"\b(?:concerns?|concerned|concerning|reservations?|hesitations?|hesitant|hesitate|"
    r"hesitancy|doubts?|doubtful|pause|worry|worries|worried|red flags?|gaps?|weakness|"
    r"weaknesses|weak (?:spots?|points?|areas?)|shortcomings?|fall short|falls short|"
    r"hold (?:\w+ ){0,3}back|holding (?:\w+ ){0,2}back|stands? in the way|keep (?:me|you) "
    r"from|prevent|stop you from|on the fence|uncertain|unsure|not (?:\w+ )?sure|less than "
    r"sure|second thoughts|misgivings?|apprehensions?|apprehensive|question marks?|"
    r"clarify|reassure|convince|hurdles?|obstacles?|drawbacks?|downsides?|not (?:a |the )?"
    r"(?:good |strong |right |best )?(?:fit|match)|good fit|less than ideal|struggle|"
    r"struggling|push back|(?:would|might|could) (?:you )?challenge|problem|less sure|speak to|"
    r"expand on|elaborate on|go deeper|weakest|question whether|ready for|unanswered|"
    r"more (?:certain|confident|comfortable|sure)|"
    r"expected me to have|you did not (?:hear|see)|enough|sufficient|(?:need|needs) more "
    r"(?:development|experience|training)|areas? (?:for|of) (?:growth|improvement|development)|"
    r"compares? (?:to|with) (?:the ideal|other candidates|what you)|probe|explore further|"
    r"explain (?:more|further)|"
    r"how do you (?:feel|see) about (?:my|me)|how do i (?:compare|measure up|stack up)|"
    r"measure up|stack up|stands between|issue|dealbreaker|deal breaker|"
    r"(?:any|one) reason you|more confident|dig into|come across badly|lacking|missing|"
    r"not (?:yet )?convinced|stand between|think twice|risks?|unclear|not quite|address)\b"
)
_SELF = re.compile(r"\b(?:my|me|i|myself|candidacy|someone like me|hiring me)\b")
_ANY_DOUBT = re.compile(
    r"\b(?:any|some) (?:\w+ )?(?:concerns?|reservations?|hesitations?|hesitancy|doubts?|"
    r"worries|question marks?|red flags?|misgivings?|apprehensions?|gaps?)\b"
)
_INVITE = re.compile(
    r"\b(?:please|i would (?:really )?(?:like|love|welcome|appreciate|value|rather) (?:to )?"
    r"(?:hear\w*|know\w*|your)|i would welcome|i would rather|i want to (?:hear|know|address)|"
    r"feel free|let me know|"
    r"i am (?:happy|open|glad|eager) to (?:address|hear|discuss|clarify)|tell me|be (?:blunt|"
    r"frank|honest|candid))\b"
)


# After a doubt is raised: is it the main one, is there another? ("Is that the main worry,
# or is there something else?", "Is that your only concern?", "Is there anything else that
# worries you?"). The question is about the interviewer's doubts, though it names no "me".
# ...not someone else's ("What other concerns does the team have?", "Is that the main
# concern customers raise?"): a question about the job, asked of the interviewer
_THEIRS = (
    r"(?! (?:(?:do|does|did|would|might|will) )?(?:the|our|their|his|her|its|these|those|"
    r"clients?|customers?|people|users?|staff|they|he|she|we|most|many)\b)"
)
_ABOUT_ELSE = r"(?! (?:for|about|with|in|on|at|of|around|regarding|over) (?!me\b|my\b|hiring me\b))"
_OTHER_DOUBT = re.compile(
    # (as the recogniser also writes it: "Is not the main worry...", "That the main worry,
    # or is there something else?": a live trial's female and Festival voices)
    r"(?:\b(?:is|was) (?:that|this|it|not)|^(?:that|it|at)) (?:really )?(?:your|the) "
    r"(?:main|only|biggest|real|key|"
    r"one|chief|major) (?:worry|concern|hesitation|reservation|doubt|question mark|sticking "
    rf"point)\b{_ABOUT_ELSE}{_THEIRS}"
    r"|\b(?:anything|something) else (?:that )?(?:worries|concerns|bothers|is worrying|"
    rf"is bothering|gives) you\b{_ABOUT_ELSE}"
)
# ...or for another in plain words, said only right after the doubt ("Do you have any other
# concerns?", "What other worries do you have?", "Is there anything else you're worried
# about?"): the analysis reads them as probes too, but the model is often unsure of a probe
# that names no "me", and the answer to the doubt got the neutral reply ("It depends a bit
# on the team you'd join..."). A doubt about something else is not one ("any other
# concerns about the budget?").
_ANOTHER_DOUBT = re.compile(
    r"\b(?:any|what|no) (?:other|more|further) (?:worries|concerns?|doubts?|hesitations?|"
    rf"reservations?|red flags?)\b{_ABOUT_ELSE}{_THEIRS}"
    r"|\b(?:anything|something) else (?:that )?you (?:are|were) (?:worried|concerned|unsure) "
    r"about\b"
)


def asks_about_other_doubts(text: str) -> bool:
    """Does the question ``text`` ask whether the doubt just raised is the interviewer's
    main one, or for any other ("Is that the main worry, or is there something else?")?
    Said in the answer to a doubt, it gets a short answer, not a reply on a topic."""
    n = normalise(text)
    asks = _OTHER_DOUBT.search(n) or _ANOTHER_DOUBT.search(n)
    return bool(asks) and question_of(text, n).is_question


def is_concerns(n: str, q: QuestionResult) -> bool:
    if not _DOUBT.search(n):
        return False
    if not (q.is_question or _INVITE.search(n)):
        return False
    if _SELF.search(n) or (q.is_question and _OTHER_DOUBT.search(n)):
        return True
    # "Do you have any reservations?" with no other topic named is about the candidate.
    return bool(_ANY_DOUBT.search(n)) and not re.search(
        r"\b(?:about|for|with|regarding|around|on|in) (?:the|your|this|that|a|an|our|their|its|"
        r"how|what)\b",
        n,
    )


_RECAP = re.compile(
    r"\bwe (?:\w+ )?(?:delivered|grew|shipped|cut|increased|reduced|launched|built|saved|"
    r"doubled|tripled|won|beat|exceeded|hit|lowered|improved|raised|scaled)\b"
    r"|\bi (?:have |had |also |then |personally |recently |once |always |still |"
    r"successfully |already |just |kind of |sort of |actually |really |mostly |basically |"
    r"definitely |certainly |even )*(?:led|built|managed|launched|delivered|grew|"
    r"grown|increased|reduced|cut|saved|designed|created|developed|implemented|ran|run|drove|"
    r"driven|owned|shipped|scaled|improved|streamlined|automated|negotiated|trained|mentored|"
    r"coached|oversaw|overseen|spearheaded|established|founded|turned around|doubled|tripled|"
    r"won|closed|handled|handle|organi[sz]ed|wrote|written|taught|migrated|rebuilt|redesigned|"
    r"introduced|headed|modernized|modernised|boosted|lifted|exceeded|achieved|generated|"
    r"raised|transformed|consolidated|rolled out|set up|stood up|published|earned|completed|"
    r"certified|graduated|served|supervised|recruited|hired|onboarded|resolved|lowered|"
    r"shortened|optimi[sz]ed|maintained|supported|partnered|collaborated|worked|spent|"
    r"learned|learnt|picked up|used|done|got (?:promoted|certified|licensed|my)|did|made|"
    r"precepted|helped|assisted|contributed|fixed|solved|debugged|repaired|cleaned up|"
    r"was (?:the )?(?:top|best|highest|first|lead|youngest|only) \w+|was promoted|been promoted|"
    r"got (?:really |very )?"
    r"(?:comfortable|good|confident)|"
    r"been (?:responsible|"
    r"working|leading|managing|running|building|doing|in charge|a|the|an)|stay|learn|adapt|"
    r"speak|know (?:\w+ ){0,5}(?:inside out|inside and out|very well|well|how)|"
    r"understand (?:\w+ ){0,4}(?:in a way|well|deeply)|"
    r"already do|do (?:this|that) every|come from|came from|bring|offer|can bring|can offer|"
    r"would bring|will bring|could bring|possess|hold)\b"
    r"|\b(?:years?|decades?) (?:of|in|at|as|working|leading|managing|building|running|doing|"
    r"spent|accident|experience)\b"
    r"|\bmy (?:[\w-]+ ){0,2}(?:experience|background|track record|expertise|skills?|skill set|"
    r"strengths?|training|degree|certification|work|years|career|record|history|knowledge|"
    r"results|portfolio|mix|combination|ability|approach|customers|clients|team (?:and i)?|"
    r"project|thesis|capstone|internship|research)\b"
    r"(?! at my)(?: (?:in|with|at|as|of|on|leading|building|running|managing|onboarding|"
    r"teaching|selling|working)\b|,? (?:[\w-]+ ){0,6}(?:is|are|has|have|would|will|can|could|"
    r"aligns?|matches|fits?|fit|makes?|shows?|means|gives?|covers?|lines? up|maps?|includes?|"
    r"spans?|prepared|equips?|translates?|trust|come|was|were)\b)"
    r"|\bi am (?:a |an |very |really |highly |quite |extremely |also |pretty |genuinely )*"
    r"(?:strong|skilled|experienced|proven|natural|effective|detail oriented|detail-oriented|"
    r"organi[sz]ed|quick|fast|self-starter|self starter|problem solver|people person|team "
    r"player|collaborative|analytical|results driven|results-driven|comfortable|fluent|"
    r"certified|familiar|adept|proficient|bilingual|trilingual|trained|qualified|versed|"
    r"seasoned|hands-on|data driven|data-driven|methodical|resilient|adaptable|creative|"
    r"reliable|dependable|good (?:at|with|in)|great (?:at|with|in)|used to|someone who|the kind of|"
    r"the type of|known for|at my best|at home|licensed|registered|accredited|an expert|"
    r"experienced)\b"
    r"|\b(?:i am|i would be|i will be|i could be|i think i am|i believe i am|i know i am|"
    r"i would make|i would fit|i will fit|i fit) (?:in )?(?:kind of |sort of |maybe |probably |"
    r"pretty |a |an |the )*(?:very |really |great |strong |perfect |natural |ideal |good |"
    r"excellent |solid |right |well )*(?:fit|"
    r"match|candidate|choice|person|hire|addition|asset|with)\b"
    r"|\bi am good for (?:this|the) (?:job|role|position|work)\b"
    # the verb: "That is why I fit this senior data analyst role" (a user trial)
    r"|\bi (?:really |would |will |do |just )?fit (?:(?:so |really |very )?(?:well|perfectly|"
    r"nicely|right) )?(?:(?:in|into|with) )?(?:this|the|your) (?:[\w-]+ ){0,3}(?:role|job|"
    r"position|team|post|brief|profile|requirements|bill)\b"
    r"|\b(?:i know how to|i can (?:hit the ground|help|contribute|deliver|lead|take|add|make|"
    r"build|handle|manage|step in)|i would (?:hit the ground|be able to)|what i (?:bring|offer|"
    r"can offer|can bring|would bring)|as someone who|having (?:led|launched|built|run|managed|"
    r"worked|spent|done)|(?:people|customers|clients|colleagues|managers?) (?:\w+ ){0,4}(?:come "
    r"to me|ask(?:ed)? for me|trust me|rely on me|renew with me|come back to me|request me|"
    r"calls? (?:me|on me))|i am the (?:person|one|go-to) (?:\w+ ){0,3}(?:calls?|asks?|comes?|"
    r"turns?)|what you described,? (?:\w+ ){0,8}is what i|"
    r"is what i (?:already )?do|(?:trusted|promoted|hired|chose|picked|asked) me (?:to|with|as)|"
    r"exactly (?:the|what) (?:mix|combination|kind of experience|skills?|experience) (?:you|of)|"
    r"(?:is|was) (?:exactly |precisely )?what i (?:did|do|have done))\b"
    r"|\bi (?:kind of |sort of |also |really |actually |do |definitely |already )*(?:have|"
    r"bring|offer|possess|hold|have got|got) (?:[\w-]+ ){0,3}(?:experience|"
    r"background|track record|expertise|knowledge|skills?|certifications?|degree|license|"
    r"licence|mba|phd|cdl)\b"
    r"|\bi (?:have|had|got|worked|spent|bring) (?:\w+ )?(?:\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|fifteen|twenty|many|several) (?:years|months)\b"
    r"|\bi (?:can|could) (?:probably |definitely |certainly |easily )?do\b|\bi am (?:doing|"
    r"finishing|completing|studying for|taking) my\b"
    r"|\bi have (?!(?:wanted|liked|loved|enjoyed|noticed|mentioned|asked|talked|wondered|"
    r"hoped|looked|applied|moved|visited|watched|tried|needed|decided|called|emailed|thanked|"
    r"checked|heard|seen|read|started looking|appreciated|followed|missed|waited|learned a lot "
    r"today)\b)[a-z]+ed\b"
)
_RECAP_NOT = re.compile(
    r"^(?:i (?:have|had) (?:a|one|two|three|few|some|another|no|any|more) (?:quick |last |"
    r"final |more |other |further |follow up |follow-up )?(?:question|questions|thing|things|"
    r"point)|i (?:have|had) (?:to|got to)|i have (?:really )?(?:enjoyed|loved|appreciated|"
    r"liked)|i think that (?:covers|is "
    r"all)|i (?:have|had) (?:a |such a )?(?:great|good|nice|wonderful|lovely) (?:time|day|"
    r"conversation|chat))|\bi did (?:not|have)\b|\bi (?:have )?learned a lot (?:today|about "
    r"(?:the|your|this))\b"
    r"|\bi (?:do not|did not|have not|can not) (?:\w+ )?(?:have|had|worked|used|done|led|"
    r"managed|been)\b|\bi (?:have )?never (?:worked|used|done|led|managed|been)\b"
    r"|\bgrew up\b|\bled with\b"
    r"|\bi (?:need|have) to give\b|\bmy (?:friends|family|parents|kids|children|wife|husband|"
    r"partner|brother|sister|daughter|son)\b"
    r"|\bmy last day\b|\b(?:hiring freeze|notice period)\b"
    r"|\b(?:not sure|unsure|wonder|wondering|whether|if|doubt|worried) (?:\w+ )?i (?:\w+ )?fit\b"
)


# A claim of fit that points back at the role: "That is exactly the mix you described."
_RECAP_TIE = re.compile(
    r"\bexactly (?:the|what) (?:mix|combination|kind of experience|skills?|experience|blend) "
    r"(?:of|you|that)\b"
)


# A sentence that ends on "I learned a lot" with nothing after it, or of today: what the
# day gave is no claim of fit ("Thank you for your time, I really enjoyed it and I learned
# a lot."). The words before it are judged alone: "I have led three migrations and I
# learned a lot." is still a recap, and so is "Over eight years at the hospital I learned
# a lot."
_LEARNED_TODAY = re.compile(
    r"\bi (?:have |really |also |definitely |guess i |think i )*(?:learned|learnt) (?:a lot|so "
    r"much)(?: (?:here|today|from (?:you(?: all)?|talking(?: (?:with|to) you)?|(?:this|our|the|"
    r"today's) (?:conversation|interview|discussion|chat|meeting|team|process))|in (?:this|our|"
    r"the|today's) (?:conversation|interview|discussion|chat|meeting)))*(?: (?:too|as well|"
    r"already))?(?: (?:so )?(?:thanks|thank you)(?: (?:so|very) much)?)?[.!?]*$"
)


def _recap_text(n: str) -> bool:
    n = n.replace(",", "")
    if _RECAP_NOT.search(n):
        return False
    today = _LEARNED_TODAY.search(n)
    claim = n[: today.start()] if today else n
    if _RECAP_TIE.search(claim):
        return True
    return bool(re.search(r"\b(?:i|my|me|we)\b", n)) and bool(_RECAP.search(claim))


def is_recap(n: str, q: QuestionResult) -> bool:
    if q.is_question:
        return bool(q.prefix) and _recap_text(q.prefix)
    return _recap_text(n)


_JOB = (
    r"(?:this|the|that|your) (?:role|job|position|opportunity|team|company|work|post|chance|"
    r"possibility|prospect|offer|crew|store|unit|school|program|mission)"
)
_INTEREST = re.compile(
    r"\b(?:i am|i would be|i remain|i feel|i will be|i have been|i have become|i became|"
    r"i got|count me|i am now|i am all the more|i am even more|i am still|made me|makes me|"
    r"left me|leaves me) (?:very |really |so |truly |genuinely |extremely |incredibly |super |"
    r"definitely |especially |even |more |all the more |quite |still |now |most |highly |"
    r"deeply |absolutely |particularly |seriously |also |just |very much |thoroughly |"
    r"more than |maybe |kind of |sort of |a bit |a little |somewhat |probably |pretty |fairly |"
    r"rather |honestly |dead |well |i guess |i think |i suppose )*(?:interested|excited|"
    r"enthusiastic|"
    r"thrilled|eager|keen|motivated|chuffed|stoked|buzzing|raring to go|up for it|"
    r"energi[sz]ed|passionate|invested|drawn|sold|committed|enthused|pumped|inspired|"
    r"hopeful|hoping|proud|honou?red|delighted|happy|glad|looking forward to (?:the "
    r"(?:chance|opportunity|possibility)|joining|working|contributing|being|starting|getting "
    r"started|taking|helping|becoming|building|tackling))\b(?P<rest>.*)"
)
_INTEREST_OBJECT = re.compile(
    rf"^(?:$| ?,|\.| (?:now|than|today|already|every|after|to be here|even|more|of|i think|"
    rf"honestly|to be honest|"
    rf"i guess|i "
    r"suppose|if i (?:can|could|get to) (?:work|join|be))\b| (?:about|in|by|for|"
    rf"with|at|to|on) (?:{_JOB}|[a-z]+ing (?:this|the|your|with you|for you|here)|this|it|"
    rf"what (?:you|we|i)|the "
    r"idea|the work|joining|working|being|contributing|moving forward|getting started|"
    r"starting|helping|building|taking|tackling|the next|the possibility|the chance|the "
    r"opportunity|bringing|leading|teaching|coming|the prospect|representing|join|work|be "
    r"part|be a part|contribute|come on board|get started|start|help|bring|take|lead|"
    r"teach|represent|grow|make)\b| (?:and|but|so|because)\b)"
)
_WANT = re.compile(
    r"\bi (?:really |truly |very much |definitely |genuinely |absolutely |would |still |do |"
    r"think i would |honestly |am |very |so |kind of |sort of |maybe |probably |just )*(?:want|"
    r"love|like|welcome|enjoy|hope|hoping|"
    r"can not wait|could not be more excited|take) "
    r"(?:very much |nothing more than )?(?:to )?(?:land (?:this|the)|get (?:this|the) (?:job|role|"
    r"position|offer)|join|be part|be a part|do (?:this|the) (?:work|"
    r"job)|work (?:with you|for you|here|alongside|at|with your|for your|on your|with the team)|"
    r"working (?:here|with you|for you|at)|contribute|come on board|come aboard|be "
    rf"on|be the|be offered|take (?:this|the|on)|{_JOB}|it|the job|the role|this|"
    r"what you|teach|lead|represent)\b"
    r"|\b(?:enjoy|love) (?:working|building|leading|being|joining|doing) (?:\w+ ){0,5}(?:with "
    r"you|here|with your|for you)\b"
    r"|\bthis is (?:definitely |really |exactly |absolutely |just )?(?:the|a|my) (?:role|job|"
    r"position|place|one) i\b"
    r"|\b(?:my (?:top|first|number one) choice|dream (?:job|role)|can not wait to|excites me|"
    r"all in|really appeals|very appealing|appeals to me|"
    r"(?:really |so |very )*appealing to me|jump at|in a heartbeat|exactly the (?:kind|type|"
    r"sort) of (?:role|job|work|position|team|challenge)|where i want to (?:be|build|grow|work|"
    r"spend)|step i (?:really )?want to take|want to be part|"
    r"(?:the|a) (?:chance|opportunity) to (?:join|work|be part|contribute)|my interest in|"
    r"my (?:enthusiasm|excitement)|(?:i am|i feel) (?:very |really |so |even more )*(?:confident|"
    r"certain|"
    r"sure) (?:this|that this|that i want|i want)|this is (?:the|a) (?:role|job|position|place|"
    r"one) i|(?:has|have) been a goal|would mean a lot|make me want|makes me want|made me "
    r"want)\b"
    rf"|\b{_JOB} (?:is|sounds|feels|seems|looks) (?:like )?(?:exactly|just|a great|a perfect|"
    r"the perfect|the kind|the right|what|an ideal|ideal|really exciting|very exciting|so "
    r"exciting|exciting|perfect|a dream|the next step|a great match|a strong match|"
    r"everything)\b"
)
_INTEREST_NOT = re.compile(
    r"\binterested (?:in (?:hearing |knowing |learning |understanding |seeing )?(?:more )?"
    r"(?:about )?|to (?:know|hear|learn|understand|see) (?:more )?(?:about )?)(?:how|what|"
    r"whether|if|why|when|where|who|which)\b"
    r"|\b(?:excited|interested|curious) (?:to (?:hear|know|learn|see) )?(?:about )?(?:how|"
    r"what|whether|if|why|which)\b|\blearning more about\b|\bsomeday\b|\bthe weekend\b"
)


# Wanting to go on with the process, said as such, is interest (the labels' "I'd like to
# move forward"; heard apart from the question after it, it had lost its interest), after
# any lead-in ("Thank you, I'd like to...", "I think I'd like to..."), but not doubted
# before it ("I'm not sure I want to proceed", "let me think if I want to move forward":
# review). Whisper may run the next question on without a stop ("I'd like to move forward
# what is the timeline": trial 24).
_GO_ON = re.compile(
    r"\bi (?:would |really |very much |do |definitely |truly |am |so |still )*(?:like|love|"
    r"want|keen|eager|hoping|hope|ready) to (?:move forward|proceed)(?= ?$| ?[.;!?]| (?:with "
    r"(?:this|you|it|the (?:process|application|role|job|position|next steps?))|in the "
    r"process|from here|so|thank|thanks|what|when|how|where|is|are|do|does|can|could|will)\b)"
)
_GO_ON_DOUBTED = re.compile(
    r"\b(?:not sure|unsure|do not know|whether|if|wonder\w*|think about|decide|doubt\w*|"
    r"not certain|no idea)\b"
)


def _wants_to_go_on(n: str) -> bool:
    m = _GO_ON.search(n)
    return m is not None and not _GO_ON_DOUBTED.search(n[: m.start()])


# The job appealing to the candidate, denied in its clause ("Nothing about sales appeals
# to me.", "The on-call rota hardly appeals to me.", "not very appealing to me"): no interest
_APPEAL_DENIED = re.compile(
    r"\b(?:not|never|hardly|rarely|barely|seldom|nothing|none|neither|nor|no longer|no)\b"
    r"(?:(?!,| but | and | so | though | although | whereas ).)*$"
)


def _interest_text(n: str) -> bool:
    clauses = n
    n = n.replace(",", "")
    if _INTEREST_NOT.search(n):
        return False
    m = _INTEREST.search(n)
    if m and _INTEREST_OBJECT.match(m.group("rest")):
        return True
    return any(_wanted(clauses, w.group(0)) for w in _WANT.finditer(n)) or _wants_to_go_on(n)


def _wanted(clauses: str, want: str) -> bool:
    """Does the _WANT match ``want`` say the job is wanted, in ``clauses`` (``n`` with its
    commas)? Not where it is the job appealing, denied before it in its clause."""
    if "appeal" not in want:
        return True
    at = clauses.find(want)
    return at < 0 or not _APPEAL_DENIED.search(clauses[:at])


def states_interest(n: str) -> bool:
    """Do the normalised words ``n`` say the candidate wants the job, by the rules?"""
    return _interest_text(n)


def is_interest(n: str, q: QuestionResult) -> bool:
    if q.is_question:
        return bool(q.prefix) and _interest_text(q.prefix)
    return _interest_text(n)


_NEXT_STEPS = re.compile(
    r"\b(?:next steps?|next stage|next round|next phase|what (?:happens|comes|follows|is) "
    r"(?:next|from here|after this)|from here|after this|where (?:do|would|can|should) "
    r"(?:we|things) go|(?:hiring|interview|selection|recruiting|recruitment|decision) process|"
    r"timelines?|time frame|timeframe|how soon|hear back|hear (?:from|about|anything|"
    r"something|an answer)|hearing from|i will hear|i might hear|expect to hear|further "
    r"(?:interviews|rounds|conversations|steps|meetings)|more interviews|(?:another|second|"
    r"panel|final|next|follow-up|follow up) (?:interview|round|conversation|meeting)|"
    r"additional (?:interviews|rounds|steps|conversations|meetings)|other (?:candidates|"
    r"applicants|steps)|more people|start date|(?:could|can|would|should) i start|"
    r"(?:an|the|job|formal) offer|offers|offer (?:letter|stage)|offering me|offer me|"
    r"move (?:me |things |this |my application |my candidacy )?forward|move ahead|moving "
    r"ahead|following steps|remaining steps|last step|final (?:step|stage|decision|call)|"
    r"(?:have|get) (?:this |things |it )wrapped up|(?:make|made|making|reach|reached) "
    r"(?:a |the |your |their )?(?:final |hiring )?decision|(?:hiring|final) decision|decide "
    r"(?:on|by)|when (?:\w+ ){0,6}decid\w*|process (?:look like )?after (?:today|this)|"
    r"after today|"
    r"i (?:can|could|would) start|put me through|(?:expect|plan|hope|going|want) to decide|"
    r"before you decide|(?:like|want|need) (?:me|someone|the new hire|the person|them) to start|"
    r"new hire (?:to )?start|"
    r"before deciding|make the call|making the call|get an answer|have an answer|an answer|"
    r"follow(?:ed)? up|check in|a date in mind|get back to me|be in touch|who do i talk to|"
    r"successful candidate|someone to (?:begin|start)|either way|approval process|"
    r"reference checks?|earliest (?:date|start)|keep me posted|"
    r"the outcome|the result|next part|following (?:stage|step|round)s?|"
    r"(?:a|the) decision|expect (?:a call|an email|news|a response)|stay in touch)\b"
)
_NEXT_NOT = re.compile(
    rf"\bnext (?:steps? )?{NEXT_STEP_OF_OTHER}"
    r"|\bnext steps? on my side\b|\bhow (?:did|do|does) (?:you|they|the team) (?:decide|choose|"
    r"pick)\b|\bwhat is next on\b|\b(?:perfect|natural|logical|right|next) next step\b|"
    r"\bnext step in my career\b|\bthe (?:perfect|natural|logical|right) next step\b"
    r"|\b(?:timeline|that) works for me\b|\bhiring plans\b"
)
_ASK_JOB = re.compile(
    r"\bi (?:would|really|very much|do|definitely|truly) (?:like|love|want|appreciate) "
    r"(?:to (?:be offered|receive an offer|move forward|proceed|continue(?! (?:this|our|the) "
    r"(?:conversation|discussion|chat)| talking| chatting)|be considered|accept|hear back)|"
    r"an offer)\b"
    r"|\bask (?:you )?(?:directly |formally )?for (?:this|the) (?:job|position|role|offer)\b"
    r"|\bwhat (?:would|does|will|do) (?:it|i) (?:take|need to do)\b"
    r"|\b(?:can|could|will|would) (?:you|we) (?:offer|hire|extend|move me|move forward|"
    r"recommend me|consider me|put me|set up)\b"
    r"|\bi am (?:ready|prepared) to (?:join|start|accept|move forward|commit|take|get started|"
    r"sign|come on board|begin)\b"
    r"|\blet us (?:move forward|talk about next|make it happen|do this|get started|set|get this "
    r"done|talk about how we|"
    r"schedule|talk terms)\b"
    r"|\b(?:anything|something) (?:else )?(?:stopping|preventing|keeping) (?:us|you) from\b"
    r"|\bhow do you feel about moving\b|\bdiscuss(?:ing)? (?:the )?terms\b"
    r"|\bwant (?:this|the) offer\b"
)
# Frames that make a statement about the next steps an actual ask.
_REQUEST = re.compile(
    r"\b(?:(?:i )?would (?:really |very much |also )?(?:like|love|appreciate|be grateful|welcome)|"
    r"i want to|please|let me know|i am eager to|i just want|could you|i hope to (?:move|get|"
    r"hear what)|understand when|know when|know what|would like to know|wondering|curious|"
    r"i am hoping you|appreciate knowing|learn what)\b"
)
_SIGN_OFF = re.compile(
    r"\b(?:look(?:ing)? forward to|hope to hear|hope i hear|hopefully i will hear|talk (?:to you "
    r")?soon|have a (?:great|good|nice|lovely) (?:day|afternoon|evening|week)|take care|bye)\b"
)


def is_ask_for_job(n: str, q: QuestionResult) -> bool:
    if _NEXT_NOT.search(n):
        return False
    if _ASK_JOB.search(n):
        return True
    if not _NEXT_STEPS.search(n):
        return False
    if q.is_question:
        return True
    return bool(_REQUEST.search(n)) and not _SIGN_OFF.search(n)


_STRONG_ASK = re.compile(r"\b(?:next steps?|timeline|how soon|hear back|an offer|when)\b")


def is_sign_off(n: str) -> bool:
    return bool(_SIGN_OFF.search(n))


_THANKS = re.compile(
    r"\b(?:thank you|thanks|thank|thankful|grateful|gratitude|many thanks|cheers|much "
    r"appreciated|generous with your time|value (?:the|your) time|appreciate (?:your|you|the|"
    r"this|it|that|all|"
    r"everything|getting|being|having|talking|meeting|speaking|how)|appreciated (?:your|the|you|"
    r"this|it|getting|being|having|talking|meeting|speaking|everything))\b"
)
_THANKS_NOT = re.compile(
    r"\bthanks to\b|\bthank (?:my|our|his|her|their|goodness|god|heavens)\b|\bno thanks\b"
    r"|\bthanks,? but (?:i am|no|i will pass)\b|\bthanks for nothing\b|\bgrateful (?:that )?"
    r"the (?!chance|opportunity|time|conversation|interview)|\bno thank you\b|"
    r"\bappreciate that (?:the|it|"
    r"there|this role|the role)\b|\b(?:manager|boss|team|client|colleague)s? appreciated\b"
    r"|\bthank-you\b|\bthank you (?:note|notes|email|card|letter)s?\b|\b(?:say|said|says|"
    r"saying) thanks\b(?! for)|\bi would appreciate\b|\bgrateful to have had\b|"
    r"\bgrateful (?:that )?(?:my|our|to my|for my)\b|\bi would be grateful "
    r"(?:for|if|to (?:know|hear|learn|understand|get|receive|have|find out))\b"
    r"|\bappreciate (?:the (?:complexity|challenge|importance|need|value|way)|"
    r"good|knowing|it if|hearing)\b|\bthanks a million\b"
)


def is_thanks(n: str) -> bool:
    """Does ``n`` thank? A word of gratitude that is no thanks (:data:`_THANKS_NOT`: "I'd
    be grateful to know when...", "thanks to my team") takes away only itself: "Thank you,
    I'd be grateful to know when you decide." still thanks."""
    return bool(_THANKS.search(_THANKS_NOT.sub(" ", n)))


def names_gratitude(n: str) -> bool:
    """Does ``n`` hold a word of gratitude at all, thanks or not ("thanks a million" is
    not thanks by :func:`is_thanks`: "My old boss used to say thanks a million.")?"""
    return bool(_THANKS.search(n))


@dataclass(frozen=True)
class Labels:
    moves: frozenset[str]
    question_form: str | None
    unclear: frozenset[str] = frozenset()  # moves the model could not call either way


def is_interviewer_line(text: str) -> bool:
    """Does the sentence read as the interviewer's line rather than the candidate's?"""
    return bool(_INTERVIEWER.search(normalise(text)))


def label(text: str) -> Labels:
    """The moves of one sentence by the rules alone."""
    n = normalise(text)
    if not n or _INTERVIEWER.search(n):
        return Labels(frozenset(), None)
    q = question_of(text, n)
    moves = set()
    if q.is_question:
        moves.add("question")
    # "Did I answer that clearly enough?" asks whether the answer landed, not for doubts
    if is_concerns(n, q) and not is_check_back(text):
        moves.add("concerns")
    # "...my experience is holding you back" invites doubts; it claims nothing.
    if is_recap(n, q) and not ("concerns" in moves and not q.prefix):
        moves.add("recap")
    if is_interest(n, q):
        moves.add("interest")
    if is_ask_for_job(n, q):
        moves.add("ask_for_job")
    if is_thanks(n):
        moves.add("thanks")
    if {"concerns", "ask_for_job"} <= moves and not _STRONG_ASK.search(n):
        moves.discard("ask_for_job")  # "hesitant to move me forward" probes, it does not ask
    return Labels(frozenset(moves), q.form if q.is_question else None)


def is_invite(text: str) -> bool:
    """Does the sentence invite the interviewer to speak ("please tell me", "I'd welcome")?"""
    return bool(_INVITE.search(normalise(text)))
