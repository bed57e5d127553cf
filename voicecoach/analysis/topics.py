"""What a candidate's question is about: keyword and phrase rules, precise rather than greedy.

A question gets one topic id from :data:`TOPICS`, or ``None`` (unknown). Each rule is a
regular expression over the normalised sentence with a weight: 3 for a phrase that names
the topic on its own ("what does success look like", "competitors"), 1 or 2 for a word that
only hints at it ("team", "first month"). A topic needs 2 points; when the two best topics
tie, the answer is unknown, because a neutral reply is better than a wrong one. Pay,
benefits, time off and overtime win any tie they take part in: deferring such a question
is always safe, answering it as something else is not. When the work is done (hours,
evenings, weekends, on call) is not pay: deferring it to HR would dodge a question the
interviewer can answer.

Scenario files may add plain phrases to a topic (or define a new topic) with ``keywords``;
each phrase is matched as whole words and weighs 3.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TOPICS = (
    "success", "team", "collaboration", "culture", "challenges", "growth", "market",
    "training", "next_steps", "pay",
)  # fmt: skip
THRESHOLD = 2
STRONG = 3
NEXT_STEPS = "next_steps"  # the topic whose answer is the timeline
# "The next step(s)" of something other than the hiring: "for the migration project", "in
# our roadmap" (a review's "What is the next step for the migration project?" got the
# timeline as the reply, and read as a possible ask), not "in the hiring process", "for
# the role" or "on your side" (or end, or part). Read by the topic's rule and the rules'
# ask (rules._NEXT_NOT).
NEXT_STEP_OF_OTHER = (
    r"(?:for|on|of|in) (?:the|your|this|that|our|my) (?!(?:process|hiring|interview\w*|"
    r"recruit\w*|select\w*|decision|role|position|job|application|candida\w*|offer|side|end|"
    r"part)\b)\w+"
)

_CONTRACTIONS = (
    (r"\bcan't\b", "can not"), (r"\bwon't\b", "will not"), (r"\b(\w+)n't\b", r"\1 not"),
    (r"\bi'm\b", "i am"), (r"\b(\w+)'re\b", r"\1 are"), (r"\b(\w+)'ve\b", r"\1 have"),
    (r"\b(\w+)'ll\b", r"\1 will"), (r"\b(\w+)'d\b", r"\1 would"), (r"\b(\w+)'s\b", r"\1 is"),
)  # fmt: skip
_CONTRACTIONS_RE = tuple((re.compile(p), r) for p, r in _CONTRACTIONS)


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, contractions expanded, punctuation as spaces."""
    s = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    for pattern, repl in _CONTRACTIONS_RE:
        s = pattern.sub(repl, s)
    s = s.replace("-", " ").replace("'", "")
    s = re.sub(r"[^a-z0-9%$ ]+", " ", s)
    return " ".join(s.split())


_FIRST = r"(?:first|initial|opening)"
_SPAN_LONG = (
    r"(?:30|60|90|100|thirty|sixty|ninety|hundred|six months|year|12 months|twelve months|"
    r"quarter)"
)
_SPAN_SHORT = r"(?:day|days|week|weeks|month|couple of weeks|few weeks)"
# What follows "raise" the verb, never the noun ("raise a concern", "raises the bar",
# "raise money").
_RAISED = (
    r"(?! (?:a|an|the|any|some|concerns?|issues?|problems?|questions?|it|them|this|that|"
    r"money|funds?|capital|awareness|prices|standards|expectations|flags?|points?|"
    r"objections?|doubts?|eyebrows|my|our|your|their|his|her|its)\b)"
)
# A bonus paid, not a plus ("bonus points for Python", "would SQL be a bonus", "an added
# bonus"); on text normalised by this module or by :func:`voicecoach.analysis.lexicon.normalise`.
PAY_BONUS = (
    r"(?<!added )(?<!be a )(?<!be an )(?<!it a )(?<!that a )(?<!this a )(?<!that is a )"
    r"\bbonus(?:es)?\b(?! (?:points?|questions?|if|round|level|features?|content|material)\b)"
)
# A raise in pay, not "raise" the verb ("How would I raise a concern?", "Did the company
# raise money?", "What issues do new starters raise?"): after a word that makes it a noun
# ("get a raise", "my first raise", "how are raises decided", "do you give raises"; not
# "what raises morale"), or a
# pay rise ("a rise", not "a rise in demand" nor "on the rise").
PAY_RAISE = (
    r"\b(?:a|an|any|the|my|our|your|their|first|next|annual|yearly|regular|merit|"
    r"performance|cost of living|inflation|pay|salary|wage) raises?\b" + _RAISED + "|"
    r"\b(?:are|do|did|how|when|get|gets|got|give|gives|given|giving|getting|receive|"
    r"received|about|for) raises\b" + _RAISED + "|"
    r"\b(?:pay|salary|wage) rises?\b|\b(?:a|any|my|annual|yearly|regular) rises?\b"
    r"(?! (?:in|of|to)\b)"
)
# What follows "the package" that makes it one used or made, not the one offered: a
# relative clause or its subject ("Tell me about the package you use for deployment", "the
# package that handles payments", "the package we ship"), "manager".
_NOT_OFFERED = (
    r"(?! (?:manager|managers|(?:that|which) (?:you|we|they|i|the team|your team|handles?|"
    r"runs?|does|is used|builds?)|you|we|they|i|the team|your team|used|for (?:the )?"
    r"(?:deploy\w*|build\w*|test\w*|releases?|front end|back end|app|api))\b)"
)
# The pay and benefits offered, as one ("What does the package look like?", "Can you tell
# me about the benefits package?"); on text normalised by this module or by
# :func:`voicecoach.analysis.lexicon.normalise`. Not a software package or a parcel ("What
# package manager do you use?", "What does the package do?", "Who signs for the
# packages?"): a word of pay before it, or "the package" asked about as a whole (what it
# looks like or includes, what it is).
PAY_PACKAGE = (
    r"\b(?:salary|benefits?|remuneration|compensation|comp|pay|reward|rewards|relocation|"
    r"financial|total|overall|whole|employment) package\b|"
    r"\bwhat (?:does|would|will|might) (?:the|your) package (?:look like|include|involve|"
    r"cover|consist|come with|contain|offer|comprise)\b|"
    r"\bwhat(?: i|)s (?:the|your) package(?: like| on offer| for (?:this|the) "
    r"(?:role|position|job))?(?:\?|$)|"
    r"\b(?:tell me|talk me through|walk me through|know|ask|more) (?:\w+ ){0,2}about (?:the|your) "
    rf"package\b{_NOT_OFFERED}|\bincluded in (?:the|your) package\b{_NOT_OFFERED}|"
    r"\bwhat (?:kind|sort|type) of package (?:do you offer|are you offering|is on offer|would i "
    r"(?:get|be offered)|comes with)\b"
)
# The holidays as a time of year, not holidays taken ("Is the team busy over the Christmas
# holidays?", "Is the office open through the holidays?", trial 54's "... the holiday
# peaks?" in a pharmacy's supply): no topic rule reads them as pay,
# and the checks' "about pay" leaves them out (checks._SALARY); on text normalised by this
# module or by :func:`voicecoach.analysis.lexicon.normalise`.
HOLIDAY_SEASON = (
    r"\b(?:over|before|after|during|until|till|around|by|through|throughout|across|for|at|"
    r"in|into|near|between|ahead of) the (?:\w+ )?holidays?\b|\bholiday (?:season|period|rush|"
    r"peaks?|trade|shopping|demand|sales|orders|traffic)\b"
)
# When the work is done ("working hours", "on call", "long hours", "work weekends", "stay
# late"): no topic of its own, and not pay (the interviewer answers it), but a question on
# it alone asks about the job's terms, never for the job (moves._no_ask_in_pay); on text
# normalised by this module
WORK_HOURS = (
    r"\b(?:stay late|work late|late evenings|long hours|work(?:ing)? (?:on )?weekends|"
    r"hours (?:a|per) week|working hours|how many hours|late nights|after hours|on call)\b"
)
# What the work at those times pays ("Is on call compensated?", "Do I get paid for working
# weekends?", "Is there TOIL for on-call?"): an hours word and a word of money or time in
# lieu, in either order, is pay (review of stop 52, M1: with the hours rule gone these got
# the neutral reply, not the deferral). Not "extra" of the work itself ("extra shifts",
# "extra training in the evenings"), a rate of anything but pay ("the on-call incident
# rate"), a shift that is a change ("the shift to hybrid") or "pay down tech debt" (third
# review of stop 52).
# On text normalised by this module or by lexicon.normalise (hyphens kept).
_HOURS_WORDS = (
    r"\b(?:on[ -]call|evenings?|weekends?|nights?|shifts|(?:night|evening|late|early|"
    r"weekend|day|split|overnight|on[ -]call) shift|rotas?|overnight|out of hours|"
    r"after hours|unsocial hours|long hours|working hours|stay(?:ing)? late|work(?:ing)? late)\b"
)
# "pay" as money, not "pay down tech debt" or "pay attention" (shared with checks._SALARY)
PAY = r"pay(?! (?:down|off|back|attention)\b)"
_MONEY_FOR_HOURS = (
    rf"\b(?:{PAY}|paid|allowances?|compensat\w*|premiums?|"
    r"time[ -]and[ -]a[ -]half|double time|in lieu|toil|extra(?= for\b)|extra(?=\W*$)|"
    r"(?:higher|hourly|enhanced|premium|overtime|night|weekend|evening|shift|on[ -]call|day|"
    r"pay) rates?|rates? of pay)\b"
)
PAY_FOR_HOURS = rf"^(?=.*{_HOURS_WORDS})(?=.*{_MONEY_FOR_HOURS})"
_RULES: tuple[tuple[str, int, str], ...] = (
    # -- pay, benefits, time off, overtime: always deferred --------------------------
    ("pay", 3, PAY_FOR_HOURS),
    ("pay", 3, r"\b(?:salary|salaries|compensation|comp package|pay (?:range|band|scale|"
               r"grade|rise|raise|review|increase)s?|equity|stock options?|rsus?|"
               r"401 ?k|pension|health (?:insurance|plan|cover)|dental|perks|overtime|"
               r"paid time off|pto|vacation|sick (?:days|leave|pay)|parental leave|"
               r"maternity|paternity|annual leave|holiday allowance|time off|"
               r"days off|relocation (?:package|budget|bonus))\b"),
    ("pay", 3, r"\bhow much (?:does|would|will) (?:it|this|the role|the job|the position) pay\b"),
    ("pay", 3, PAY_BONUS),
    ("pay", 3, PAY_RAISE),
    ("pay", 3, PAY_PACKAGE),
    # how pay is set and reviewed ("How often do you review pay?", "Are salaries reviewed
    # every year?")
    ("pay", 3, r"\b(?:review(?:s|ed|ing)?|benchmark(?:s|ed|ing)?|increase[sd]?|go(?:es)? up|"
               r"negotiat\w*|decided|set) (?:the |my |our |your |their |staff |people'?s )?"
               r"(?:pay|wages?|salar\w*)\b|\b(?:pay|wages?|salar\w*) (?:is |are |get |gets )?"
               r"(?:reviewed|benchmarked|negotiable|increased|decided|set|go(?:es)? up)\b"),
    ("pay", 3, r"\b(?:what|how much) (?:does|would|will) (?:it|this|the role|the job|the "
               r"position) pay\b|\bhow much (?:would|will|could|do|does) (?:i|people|someone|"
               r"the role|staff) (?:earn|make)\b|\b(?:profit share|profit sharing|commissions? "
               r"(?:structure|scheme|plan|rates?|based|only|split|cap)|(?:on|sales|paid|pay|earn|"
               r"uncapped) commissions?|on target earnings|starting rate|hourly rate|day rate|"
               r"pay rate|rate of pay|performance related pay|cost of living "
               r"(?:increase|adjustment))\b"),
    ("pay", 3, r"\b(?:what is|what are|what would be) the (?:pay|benefits)\b"),
    ("pay", 3, r"\bbenefits\b(?! (?:of|from|to))"),
    ("pay", 3, r"\bhow (?:much|many(?: days?(?: of| on)?)?) (?:public |paid |annual )?(?:holiday|"
               r"holidays|leave|vacation)\b|\bholiday (?:entitlement|days)\b|\bwhat about "
               r"(?:the )?(?:holidays|vacation|annual leave)\b"),
    # (no rule for when the work is done alone: "working hours", "on call", "long hours",
    # "work weekends", "stay late" ask about the job's hours, which the interviewer can
    # speak to, not about what it pays; overtime, or the hours with a word of money
    # (PAY_FOR_HOURS), stays above. Live trial 51, M4)
    # -- next steps and timeline -----------------------------------------------------
    ("next_steps", 3, rf"\bnext steps?\b(?! {NEXT_STEP_OF_OTHER})"),
    ("next_steps", 3, r"\b(?:what happens next|what comes next|where do we go from here|"
                      r"hiring process|interview process|rest of the process|decision "
                      r"timeline|hear back|hearing back|hear from you|timeline for "
                      r"(?:the |a |your )?(?:decision|hire|hiring|process|filling))\b"),
    ("next_steps", 3, r"\bwhen (?:can|could|will|would|should|might) (?:i|we) (?:expect|"
                      r"hear|know|get)\b"),
    ("next_steps", 3, r"\bwhen (?:will|would|do) you (?:make|be making|reach|expect to make)"
                      r" (?:a|the|your) (?:decision|hire|choice)\b"),
    ("next_steps", 3, r"\b(?:more|other|another|further|final) (?:rounds?|interviews?|stages?)\b"),
    ("next_steps", 3, r"\bwhen (?:would|do|will) you (?:like|want|need) (?:the new person|"
                      r"someone|the new hire|me|them|the person) to start\b"),
    ("next_steps", 3, r"\b(?:to move forward|how soon (?:would|do|will|could) you (?:want|need|"
                      r"like|expect) (?:someone|me|the new hire|the person) to start)\b"),
    ("next_steps", 2, r"\b(?:ideal |expected |target )?start date\b|\btimeline\b"),
    # -- success in the role ---------------------------------------------------------
    ("success", 3, r"\b(?:success|successful|succeed|succeeding|top performer|"
                   r"high performer|excel|excelling|great hire)\b"),
    ("success", 3, r"\bhow (?:will|would|is|are) (?:i|my performance|performance|the person|"
                   r"this role|success|people|someone) (?:be )?(?:measured|evaluated|judged|"
                   r"assessed)\b"),
    ("success", 3, r"\bwhat (?:would|will|do) you (?:expect|want|need) (?:me|the new hire|"
                   r"someone|the person) to (?:achieve|deliver|accomplish|have done)\b"),
    ("success", 3, r"\b(?:expectations for|kpis|key metrics for|goals for) (?:the |this )?"
                   r"(?:role|position|hire|person|first)\b"),
    ("success", 2, rf"\b{_FIRST} {_SPAN_LONG}(?: days)?\b"),
    ("success", 3, r"\b(?:hired the right (?:person|candidate)|the right hire|what would good "
                   r"look like|metrics (?:would|will) i (?:own|be measured)|(?:accomplished|"
                   r"achieved|delivered) by (?:the end of )?(?:my|the) first)\b"),
    ("success", 3, r"\b(?:the )?best people (?:in|on) (?:this|the) (?:role|team|job) do\b"),
    ("success", 2, r"\bwhat does a (?:great|good|strong) (?:year|first year|quarter)\b"),
    ("success", 3, r"\b(?:separates|distinguishes) (?:a |the )?(?:good|great|best|top|strong)\b"),
    # -- training and onboarding -----------------------------------------------------
    # ("training" for how new people start; a training budget or training courses are
    # learning the job pays for, which is growth: trial 23's "have you got a training
    # budget?" got "you wouldn't be thrown in", a reply to a worry never voiced)
    ("training", 3, r"\b(?:onboarding|onboard|(?<!external )(?<!online )(?<!paid )training"
                    r"(?! (?:budgets?|allowances?|courses?|funds?|funding|money|opportunit\w*))|"
                    r"induction|ramp up|ramping up|get(?:ting)? up to speed|bring new "
                    r"(?:people|hires) up)\b"),
    ("training", 3, r"\bhow (?:do|does|would|will) (?:new hires|new people|new joiners|"
                    r"newcomers|someone new|a new hire) (?:learn|start|get started|settle)\b"),
    ("training", 2, rf"\b{_FIRST} {_SPAN_SHORT}\b|\bbuddy\b"),
    ("training", 3, r"\blearn (?:the|your) (?:systems|tools|ropes|business|codebase|data)\b"),
    ("training", 3, r"\b(?:show (?:me|them|new (?:people|hires|starters)) the ropes|find "
                    r"(?:my|their|your) (?:feet|way around)|settl(?:e|ing) in|shadow(?:ing)?)\b"),
    ("training", 3, r"\b(?:day one|day 1|my first day)\b"),
    # -- the team --------------------------------------------------------------------
    ("team", 3, r"\b(?:tell me|talk|say) (?:a bit |a little |more )?about the team\b"),
    ("team", 3, r"\bwho (?:would|will|do|does) (?:i|this role|the role|the position) "
                r"(?:be )?(?:work(?:ing)?|report(?:ing)?|collaborat\w*|partner(?:ing)?)\b"),
    ("team", 3, r"\b(?:team (?:size|structure|dynamics?|members?|makeup|like)|the teams? "
                r"(?:is|are) structured|how (?:big|large) is the team|teammates|"
                r"colleagues|my manager|reporting line|direct reports|the people on the team"
                r"|people i would be working with|person i would report to)\b"),
    ("team", 3, r"\bhow many (?:people|analysts|engineers|members) (?:are )?(?:on|in) the team\b"),
    ("team", 3, r"\bhow is the team (?:structured|organi[sz]ed|set up|split)\b"),
    ("team", 3, r"\bwho else (?:is|sits|works|would be) (?:on|in|with)\b|\bhow many "
                r"(?:analysts|engineers|people|developers|designers|colleagues) "
                r"(?:are there|do you have|work)\b"),
    ("team", 3, r"\bwork(?:ing)? (?:mostly |mainly )?(?:alone|on my own|independently|"
                r"with other(?! (?:teams|departments|functions|groups|business units)))\b"),
    # -- how the team works with the rest of the business ----------------------------
    # (trial 25: "How does the team work with the operations side?" got the team's size)
    # A working verb, then "with" another group: "work with the operations side", "deal a
    # lot with the regional offices", "interact much with senior leadership". Not a
    # group's data or tools ("work with sales data", "with design tools"), not "it".
    ("collaboration", 3, r"\b(?:work|works|working|collaborat\w*|interact\w*|interfac\w*|"
                         r"partner(?:s|ing)?|liais\w*|coordinat\w*|deal|deals|dealing|sit|"
                         r"sits|contact(?: is there)?|back and forth) "
                         r"(?:(?:most|very|much|a lot|closely|directly|together|day to day|"
                         r"regularly|often) )*with (?:the |other |your |our |its |their )?"
                         r"(?:(?:other|wider|rest of the|senior|regional|main|key|internal) )?"
                         r"(?:operations|ops|sales|marketing|engineering|product|finance|"
                         r"it (?:team|department|side)|hr|legal|compliance|design|support|"
                         r"business|clinical|commercial|leadership|board|stakeholders?|"
                         r"departments?|teams|functions?|sites?|offices|side|regions?|"
                         r"divisions?|business units?|groups)\b(?! (?:data|tools?|systems?|"
                         r"software|platforms?|agenc(?:y|ies)|campaigns?|records?|reports?|intelligence|"
                         r"numbers|budgets?)\b)"),
    ("collaboration", 3, r"\b(?:cross (?:functional|team|department\w*)|(?:work|working|"
                         r"handoffs?|communication|coordination|friction|collaboration) "
                         r"between (?:the )?(?:teams|departments)|silos?|internal (?:clients|"
                         r"customers)|(?:consumers|users) of the team(?: is|s)? work)\b"),
    ("collaboration", 3, r"\b(?:who (?:does|do) (?:the|your|this|that)(?: \w+)? (?:team|group|"
                         r"department)|which (?:teams|departments|groups|functions) "
                         r"(?:does|do|would|will)"
                         r"(?: the| your| this)?(?: team| group| i| we)?) (?:work|partner|"
                         r"collaborate|deal)\b"),
    ("collaboration", 3, r"\bwho (?:are|is) (?:the |this |your )?(?:team'?s? )?(?:main |key |"
                         r"biggest )?stakeholders?\b"),
    # how the team's size changes: "has the team grown", "are you hiring into the team"
    # (trial 23: "Has the team grown this year?" scored 1, for "team", and was let go)
    ("team", 3, r"\b(?:the|your|this|our|my) (?:team|group|department)(?: \w+)? (?:grown|"
                r"grow(?:ing)?|expand(?:ing|ed)?|shr[iu]nk(?:ing)?|changed|changing|"
                r"get(?:ting)? (?:bigger|smaller|larger)|hiring(?! (?:process|timeline|"
                r"decision|manager|plans?|stages?|rounds?|freeze|criteria|panel|committee|"
                r"pipeline)\b))\b(?! (?:its|their|people|my|your|skills))"),
    ("team", 3, r"\b(?:headcount|head count|(?:hire|hiring|recruit(?:ing)?)(?: (?:more|new|"
                r"extra|any|another))?(?: \w+)? (?:to|into|onto|for|on|in) (?:the|your|this) "
                r"(?:team|group|department)|(?:add(?:ing)?|bring(?:ing)? in) (?:more |new |"
                r"extra |any |another )?(?:people|analysts|engineers|staff|someone|anyone|"
                r"hires?|headcount) (?:to|into|onto|on) (?:the|your|this) (?:team|group|"
                r"department)|(?:joined|left) (?:the|your) (?:team|group|department))\b"),
    ("team", 2, r"\b(?:the|my|your) manager\b"),
    ("team", 1, r"\bteams?\b"),
    # -- culture ---------------------------------------------------------------------
    ("culture", 3, r"\b(?:culture|cultural|company values|core values|work environment|"
                   r"work life balance|atmosphere|vibe)\b"),
    ("culture", 3, r"\bwhat is it like (?:to work|working) (?:here|at|for|with)\b"),
    ("culture", 3, r"\bwhat do you (?:like|enjoy|love|value) (?:most )?about (?:working|"
                   r"the company|it here|being here|your job|this place)\b"),
    ("culture", 3, r"\b(?:why did you join|what keeps you here|what made you join|"
                   r"how would you describe the (?:company|place|environment|people))\b"),
    ("culture", 3, r"\b(?:thrives?|thriving) here\b|\bdecisions (?:usually |typically )?(?:get )?"
                   r"made\b|\bbest (?:thing|part) about (?:working|being|the company|it)\b|"
                   r"\bdescribe the company\b"),
    ("culture", 2, r"\bhow do (?:people|teams|you all) (?:here )?(?:collaborate|communicate|"
                   r"make decisions|give feedback|disagree)\b"),
    # -- challenges ------------------------------------------------------------------
    ("challenges", 3, r"\b(?:challenge|challenges|challenging|hardest part|toughest part|"
                      r"most difficult|biggest (?:problem|obstacle|hurdle|difficulty|"
                      r"headache|risk)|pain points?|keeps you up at night|struggl\w*|"
                      r"bottlenecks?)\b"),
    ("challenges", 2, r"\bwhat (?:could|might|would|usually) (?:go wrong|get in the way|"
                      r"trip (?:people|someone|new hires) up)\b"),
    ("challenges", 3, r"\b(?:toughest|hardest|biggest|trickiest) (?:problem|problems|thing|"
                      r"issue|issues)\b|\bobstacles?\b|\bfrustrat\w*|\bdifficult\b"),
    # -- growth and career -----------------------------------------------------------
    ("growth", 3, r"\b(?:career (?:path|paths|growth|development|progression|ladder)|"
                  r"growth (?:opportunities|opportunity|path)|opportunities (?:to|for) "
                  r"(?:grow|growth|advance|advancement|development|progress)|promotions?|"
                  r"promoted|advancement|progression|learning and development|"
                  r"professional development|development opportunities|move up|"
                  r"grow (?:in|within|into|with) (?:the|this|that) (?:role|company|team|"
                  r"position|organi[sz]ation))\b"),
    ("growth", 3, r"\bwhere (?:have|do|did|does|could|can|might) (?:people|others|someone|"
                  r"i|this role|previous \w+)(?: in this role)? (?:go|gone|end up|move|"
                  r"grow|be)\b.*\b(?:after|from here|in (?:two|three|five|a few) years|"
                  r"next|long term)\b"),
    ("growth", 3, r"\broom (?:to|for) (?:grow|growth|advance)\b"),
    ("growth", 3, r"\b(?:grow into|move into (?:management|leadership|a lead)|get promoted)\b"),
    ("growth", 2, r"\bcareer\b"),
    ("growth", 2, r"\b(?:mentoring|mentorship|long term path|grow my (?:skills|career)|"
                  r"courses|workshops)\b"),
    # learning the company pays for: a budget, courses, conferences, certificates, study
    ("growth", 3, r"\b(?:(?:training|learning|development|education|study|conference|"
                  r"course|personal development|l and d) (?:budgets?|allowances?|funds?|"
                  r"funding|money|stipends?)|budget (?:for|to spend on) (?:training|"
                  r"learning|courses|conferences|development|education|certifications?|"
                  r"books)|conferences?|training courses?|(?:external|online|paid) "
                  r"(?:courses?|training)|get(?:ting)? certified|certifications?|"
                  r"study leave|further study|(?:invest|investment) in (?:people|staff|"
                  r"employees|its people|your people|training|learning|development|"
                  r"(?:my|our|their|peoples?) (?:skills|development|growth)))\b"),
    # -- the company, its market and competitors -------------------------------------
    ("market", 3, r"\b(?:competitors?|competition|competing|compete|competitive|market "
                  r"share|the market|your market|new markets?|industry trends?|rivals?|"
                  r"differentiat\w*|stand out from)\b"),
    ("market", 3, r"\b(?:where is the company (?:going|headed|heading)|company(?:s| is)? "
                  r"(?:strategy|direction|roadmap|plans)|plans for (?:growth|expansion)|"
                  r"how is the (?:company|business) (?:doing|growing|planning)|expand(?:ing)? "
                  r"into|expansion)\b"),
    ("market", 3, r"\b(?:see|is|sees) the (?:company|business) (?:going|headed|heading|in "
                  r"(?:two|three|five|ten|a few) years)\b"),
    ("market", 3, r"\b(?:is|has) (?:the|your) (?:company|business|firm|organi[sz]ation) "
                  r"(?:been )?(?:growing|grown|expanding|doing well)\b"),
    ("market", 2, r"\b(?:customers|clients) (?:want|need|are asking|are changing)\b"),
    ("market", 3, r"\b(?:\w+ market|sets? (?:you|the company|\w+) apart)\b(?<!job market)"),
)  # fmt: skip
_COMPILED = tuple((topic, weight, re.compile(rx)) for topic, weight, rx in _RULES)


@dataclass(frozen=True)
class TopicMatch:
    topic: str | None  # a topic id, or None (unknown)
    scores: tuple[tuple[str, int], ...] = ()  # every topic that scored, best first


def classify(text: str, extra_keywords: Mapping[str, Iterable[str]] | None = None) -> TopicMatch:
    """The topic of one question sentence, or ``TopicMatch(None)`` when unsure."""
    norm = normalise(text)
    scores: dict[str, int] = {}
    for topic, weight, rx in _COMPILED:
        if rx.search(norm):
            scores[topic] = max(scores.get(topic, 0), weight)
    for topic, phrases in (extra_keywords or {}).items():
        for phrase in phrases:
            words = normalise(phrase)
            if words and re.search(rf"\b{re.escape(words)}\b", norm):
                scores[topic] = max(scores.get(topic, 0), STRONG)
    ranked = tuple(sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])))
    if not ranked or ranked[0][1] < THRESHOLD:
        return TopicMatch(None, ranked)
    if scores.get("pay", 0) >= STRONG:
        return TopicMatch("pay", ranked)
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return TopicMatch(None, ranked)  # two topics equally likely: unknown beats wrong
    return TopicMatch(ranked[0][0], ranked)


__all__ = [
    "HOLIDAY_SEASON",
    "PAY_BONUS",
    "PAY_FOR_HOURS",
    "PAY_PACKAGE",
    "PAY_RAISE",
    "THRESHOLD",
    "TOPICS",
    "WORK_HOURS",
    "TopicMatch",
    "classify",
    "normalise",
]
