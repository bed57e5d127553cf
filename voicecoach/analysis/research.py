"""Does a final question show research? The playbook's signals, found by their words.

A question shows research when it (or the statement it rests on) names a company, a
competitor, an industry trend or a new rule, recent news, a figure, or the company's
plans. A named company is a capitalised word inside a sentence, or the profile's company.
Capitalised words that name no company are left out: days and months, job-title and
department acronyms, languages, nationalities and places, and any all-capital short
token (tools and processes: "SQL", "MIG", "SAP" -- research names a company in words).
Nor does a word the sentence places as a tool or a place: after "using", "based in",
"near" and the like ("is the team using SAP or Oracle?", "the depot in Leeds", "reports in
Tableau"), with the words of the same name or list ("Milton Keynes", "Excel, Looker, and
Tableau"), unless its possessive or a business noun follows ("the Tesco account"). Nor a
person: a common given name said alone ("Thanks, Nadine", "Priya's team": a live trial's
"Nadine" was Whisper's guess at other words), nor a name after a title ("Mr Okafor",
"Miss Patel"), nor a given name and surname thanked or greeted ("Thanks, Nadine Smith").
Nor what the candidate calls their own ("my Python", "my Big Four experience"; a garbled
"in my Mac around" for "in my background").
A word Whisper was unsure of still counts: a rare company name is just
the word it is least sure of.

A question asked in statement order shows research when it states what the company did or
is doing ("You moved the team to a new cloud platform last fall?", "The hospital is adding
a second unit next year?"): the candidate checks a fact they learned. Not one about the
candidate, the role or the hiring ("So I would start in January?", "You need someone by
March?", "You are interviewing a few more people this week?"), nor one in the present or
future of the job ("The role is mostly remote?"): those check a detail of the offer.
"""

from __future__ import annotations

import re

from voicecoach.analysis.lexicon import normalise
from voicecoach.analysis.names import DAYS_MONTHS, TITLES, is_given_name
from voicecoach.analysis.questions import question_of
from voicecoach.profile import Profile

_TECH = r"(?:ai|artificial intelligence|automation|machine learning)"
_CHANGES = (
    r"(?:chang\w*|affect\w*|impact\w*|disrupt\w*|reshap\w*|transform\w*|replac\w*|"
    r"rise|adopt\w*|shift\w*|threat\w*)"
)
SIGNAL_PATTERNS = {
    # "where do I stand against the other candidates" compares the candidate, not the firm;
    # a "competitive" salary is pay
    "competitor": r"\b(?:competitors?|competition|compet(?:e|es|ing)|rivals?|compared "
    r"(?:to|with)|market share|against (?!(?:the |all )?(?:other|others|rest)\b)\w+)\b",
    # a technology is a trend when the question is about what it changes ("how is AI
    # changing..."), not when it asks which tools the team uses for it
    "trend": r"\b(?:trends?|shift (?:to|toward|towards|away)|regulation|regulations|"
    r"regulatory|legislation|reforms?|guidelines?|directive|tax credits?|"
    rf"{_TECH}\W+(?:\w+\W+){{0,6}}?{_CHANGES}|{_CHANGES}\W+(?:\w+\W+){{0,6}}?{_TECH}|"
    r"the market|the industry|consolidat\w*|inflation|tariffs?|"
    r"adoption|sustainability|remote work|disruption|landscape|new (?:\w+ ){0,3}(?:laws?|"
    r"act|rules?|standards?|polic(?:y|ies)|regulations?|ratios?|requirements?|mandates?)|"
    r"tak(?:es|ing) effect|into (?:effect|force))\b",
    "news": r"\b(?:announced|announcement|news|recent|recently|acquisition|acquired|merger|"
    r"launched|launch|funding|raised|ipo|press release|i read|i saw|i was reading|article|"
    r"earnings|reorgani[sz]ation|partnership|upcoming|rolling out|rolled out|roll out|"
    r"published|publicly|"
    # where the candidate looked: "I looked it up", "on your website", "your annual report"
    # (not "looked up to my manager", nor "your site": the depot or ward worked at; nor
    # "the press shop")
    r"looked (?:it|them|you|you guys|that) up|googled|your (?:website|blog|careers page|"
    r"annual report|linkedin)|glassdoor|in the press(?! (?:shop|room|line|floor|hall|"
    r"section|area|team|department|machines?|operator)\b))\b",
    # a number that only counts time ("open 24 hours", "after 11 months") is not a figure
    "figure": r"\d(?![\d,.]*\s?(?:hours?|days?|weeks?|months?|years?|minutes?|am|pm|"
    r"o'clock|shifts?)\b)(?!\d)|\b(?:percent|million|billion|thousand|doubled|tripled|half)\b",
    "plan": r"\b(?:(?:next|in|over the next) (?:five|5|few|two|three|ten|\d+) years|plans? "
    r"to (?:open|expand|grow|launch|enter|build|move)|plans? for (?:the )?(?:future|growth|"
    r"expansion|next year)|expansion|expand|expanding|new (?:\w+ ){0,2}(?:products?|markets?|"
    r"locations?|offices?|regions?|branch|plant|factory|stores?|programs?|programmes?|"
    r"initiatives?)|long term|long-term)\b",
}

# (and the titles before a surname, names.TITLES)
_ROLES = (
    "ceo cfo coo cto cio ciso cmo cpo chro vp svp evp md gm hr pm qa it ok "
    "director manager head chief"
)
_LANGUAGES_AND_PEOPLES = (
    "english spanish french german italian portuguese dutch polish russian ukrainian chinese "
    "mandarin cantonese japanese korean hindi arabic turkish greek swedish norwegian danish "
    "finnish european american british asian african indian canadian australian mexican "
    "brazilian irish scottish welsh nigerian kenyan filipino latin nordic western eastern "
    "northern southern"
)
_PLACES = (
    "europe asia africa america americas australia antarctica uk us usa eu emea apac latam "
    "england scotland wales ireland britain france germany spain italy portugal poland "
    "netherlands belgium sweden norway denmark finland switzerland austria greece turkey "
    "russia ukraine china japan korea india pakistan bangladesh singapore malaysia indonesia "
    "philippines vietnam thailand canada mexico brazil argentina chile colombia nigeria kenya "
    "egypt ghana romania london paris berlin dublin manila toronto sydney "
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia "
    "hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland "
    "massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio "
    "oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin "
    "wyoming"
)
# More places and peoples of the world (stop 49: "The project in Ankara, it will start this
# year or next year?" was credited as naming a company). Cities of two words give both
# ("New York", "Kuala Lumpur"): each capitalised word is read alone.
_MORE_PLACES = (
    "tokyo osaka kyoto seoul busan beijing shanghai shenzhen guangzhou hong kong taipei "
    "taiwan delhi mumbai bangalore bengaluru chennai hyderabad kolkata pune ahmedabad karachi "
    "lahore islamabad dhaka kathmandu nepal colombo sri lanka jakarta bangkok hanoi saigon "
    "kuala lumpur cambodia myanmar laos mongolia kazakhstan uzbekistan istanbul ankara izmir "
    "tehran iran iraq baghdad syria damascus lebanon beirut jordan amman israel jerusalem tel "
    "aviv saudi arabia riyadh jeddah dubai abu dhabi uae emirates qatar doha kuwait oman "
    "bahrain cairo alexandria morocco casablanca algeria tunisia libya lagos abuja accra "
    "nairobi mombasa addis ababa ethiopia somalia tanzania uganda kampala rwanda kigali "
    "senegal dakar ivoire abidjan cameroon angola luanda mozambique zambia zimbabwe harare "
    "botswana namibia johannesburg cape durban pretoria kinshasa congo sudan lima peru "
    "bogota santiago quito ecuador bolivia caracas venezuela montevideo uruguay paraguay "
    "buenos aires rio janeiro paulo brasilia havana cuba jamaica kingston haiti panama "
    "guatemala honduras nicaragua salvador costa rica puerto dominican madrid barcelona "
    "valencia seville bilbao lisbon porto milan rome naples turin florence venice amsterdam "
    "rotterdam utrecht brussels antwerp luxembourg vienna prague czech czechia slovakia "
    "slovenia budapest hungary warsaw krakow bucharest sofia bulgaria athens belgrade serbia "
    "zagreb croatia bosnia sarajevo albania kosovo macedonia montenegro kyiv kiev lviv "
    "moscow minsk belarus riga latvia vilnius lithuania tallinn estonia helsinki stockholm "
    "gothenburg oslo bergen copenhagen aarhus reykjavik iceland zurich geneva basel bern "
    "munich hamburg frankfurt cologne stuttgart dusseldorf leipzig dresden lyon marseille "
    "nice toulouse bordeaux lille nantes strasbourg malta cyprus edinburgh glasgow aberdeen "
    "manchester birmingham leeds liverpool bristol sheffield newcastle cardiff swansea belfast "
    "cork galway nottingham leicester coventry bradford oxford cambridge brighton southampton "
    "portsmouth reading norwich norfolk suffolk yorkshire lancashire kent essex surrey sussex "
    "devon cornwall midlands new york jersey boston chicago houston dallas austin san antonio "
    "diego francisco jose los angeles las vegas seattle portland denver phoenix atlanta "
    "miami orlando tampa detroit philadelphia pittsburgh baltimore nashville memphis "
    "charlotte raleigh cleveland columbus cincinnati minneapolis milwaukee st louis orleans "
    "sacramento calgary vancouver montreal ottawa edmonton winnipeg quebec ontario alberta "
    "melbourne brisbane perth adelaide auckland wellington zealand fiji "
    "pakistani bangladeshi vietnamese thai malaysian indonesian singaporean egyptian "
    "moroccan iranian persian farsi urdu tagalog swahili yoruba igbo hausa punjabi tamil "
    "bengali gujarati marathi telugu malay romanian hungarian czech slovak serbian croatian "
    "bulgarian lithuanian latvian estonian icelandic hebrew israeli emirati lebanese "
    "syrian iraqi kurdish afghan nepali ethiopian somali ghanaian senegalese zimbabwean "
    "ugandan tanzanian rwandan jamaican cuban colombian peruvian venezuelan argentinian "
    "argentine chilean ecuadorian"
)
# Spoken words the recogniser capitalises inside a sentence ("..., Yeah, oh, and...").
_SPOKEN = "yeah yes yep okay ok oh sorry right well so and but um uh like lord god gosh sir"
_NOT_COMPANY_WORDS = f"{DAYS_MONTHS} {_ROLES} {_LANGUAGES_AND_PEOPLES} {_PLACES} {_MORE_PLACES}"
NOT_COMPANIES = frozenset(f"{_NOT_COMPANY_WORDS} {_SPOKEN}".split()) | TITLES
# An all-capital token this short is a tool, process or title ("SQL", "HPLC"), not a name.
MAX_ACRONYM_LETTERS = 5
_SELF = frozenset({"I", "I'm", "I'd", "I've", "I'll"})
# A capitalised word not at the start of the text or of a sentence, nor set off by commas
# as a name the candidate addresses ("Okay, Sam, what...").
_NAME = re.compile(r"(?<![.?!]\s)(?<!^)(?<!,\s)\b[A-Z][a-zA-Z]+|(?<=,\s)[A-Z][a-zA-Z]+\b(?!,)")


# Words after which a capitalised word is a tool, a system or a place, not a company researched
# ("do you use Tableau", "the depot in Leeds", "trained on Epic"). Only such words: a bare
# "in" or "on" comes before companies as often ("your take on Amazon", "interest in
# Salesforce"). A company after them still counts by what follows it (_ACCOUNT).
_TOOL_OR_PLACE = re.compile(
    r"\b(?:use[sd]?|using|run|runs|running|(?:trained|certified|written|built|kept|stored|done|"
    r"work(?:s|ing)?|reports?|dashboards?|models?|spreadsheets?|data|code|files|tickets|"
    r"it|them|everything) (?:in|on)|(?:based|located|office|offices|site|sites|"
    r"depot|depots|store|stores|branch|branches|warehouse|plant|team|teams|hub|clinic|campus|"
    r"role|job|position|post|live|lives|living|relocat\w*|mov(?:e|ing)) (?:in|to|near|out of)|"
    r"near|outside)\s+(?:the\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)
# ...and a word of the same name or list before it: "Milton Keynes", "SAP or Oracle",
# "Excel, Looker, and Tableau"
_BEFORE = re.compile(r"\b[A-Z][\w.+#-]*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:or|and|/)\s+|\s*/\s*|\s+)$")


# What follows a name that makes it a company even after those words: its possessive
# ("Acme's", "Barclays'") or a noun of business with it ("working on the Tesco account",
# "runs the Boots relationship", "based in the Unilever office")
_ACCOUNT = re.compile(
    r"(?:['\u2019](?:s\b|\s)|(?:\s+[A-Z][\w&.-]*)*\s+(?:accounts?|contracts?|projects?|campaigns?|"
    r"stud(?:y|ies)|relationships?|offices?|stores?|sites?|teams?|deals?|business|brands?|"
    r"partnerships?|clients?|customers?|work|launch|rollout|merger|acquisition|bid|tender)\b)"
)


def _placed(text: str, start: int) -> bool:
    """Is the capitalised word at ``start`` a tool or place by the words before it?"""
    before = text[:start]
    while not _TOOL_OR_PLACE.search(before):
        joined = _BEFORE.search(before)
        if joined is None:
            return False
        before = before[: joined.start()]
    return True


def research_signals(text: str, profile: Profile | None) -> list[str]:
    """Keys of the research signals in ``text`` (see ``wording.SIGNALS``), in a fixed order."""
    n = normalise(text)
    found = [key for key, pat in SIGNAL_PATTERNS.items() if re.search(pat, n)]
    skip = set(_SELF)
    if profile and profile.interviewer:
        skip |= set(profile.interviewer.split())
    said = text.strip()
    names = [
        m.group() for m in _not_own(_not_people(list(_NAME.finditer(said)), said), said)
        if m.group() not in skip and _may_be_company(m.group())
        and (_ACCOUNT.match(said, m.end()) or not _placed(said, m.start()))
    ]  # fmt: skip
    company = profile.company.lower() if profile and profile.company else ""
    named = bool(company) and company in text.lower()
    if named or names:
        found.append("company")
    return found


# A title just before a word ("Mr ", "Dr. "): the words after it name a person
_TITLE_BEFORE = re.compile(r"\b(?P<title>[A-Za-z]+)\.?\s+$")
# Thanks or a greeting just before a word ("Thanks, ", "Thank you "): a given name there,
# with the surname after it, is the person addressed ("Thanks, Nadine Smith."), not a firm,
# when the name ends the clause or a word of the thanks follows it (_ADDRESS_AFTER: Whisper
# often drops the comma, "Thank you, John Davies for your time."): "Thanks, Jack Wills was
# my first job" goes on to say something of a firm
_ADDRESS_BEFORE = re.compile(
    r"\b(?:thanks|thank you|thankyou|cheers|hi|hello|hey|bye|goodbye)\W*$", re.IGNORECASE
)
_ADDRESS_AFTER = re.compile(
    r"\s*(?:[,.!?]|$|(?:for|and|so|very|again|too|both|once)\b)", re.IGNORECASE
)


def _not_people(found: list[re.Match[str]], said: str) -> list[re.Match[str]]:
    """The capitalised words of ``found`` that may name a company: not a common given name
    said alone (:func:`.names.is_given_name`: a person, the interviewer or a colleague,
    "Thanks, Nadine."), nor the name a title leads ("Mr Okafor", "Prof Anne Okafor"), nor
    a given name and surname thanked or greeted ("Thanks, Nadine Smith."). A given name in
    another run of capitalised words still may ("I did my training at Jack Wills")."""
    kept = []
    titled = False  # in a run of words a title, or thanks before a given name, leads
    for i, m in enumerate(found):
        to_last = i > 0 and not said[found[i - 1].end() : m.start()].strip()
        to_next = i + 1 < len(found) and not said[m.end() : found[i + 1].start()].strip()
        title = _TITLE_BEFORE.search(said, 0, m.start())
        addressed = (
            is_given_name(m.group())
            and bool(_ADDRESS_BEFORE.search(said, 0, m.start()))
            and bool(_ADDRESS_AFTER.match(said, _run_end(found, said, i)))
        )
        titled = (
            (title is not None and title.group("title").lower() in TITLES)
            or addressed
            or (titled and to_last)
        )
        if titled or (not (to_last or to_next) and is_given_name(m.group())):
            continue
        kept.append(m)
    return kept


# The candidate's own ("my "): what follows is theirs, not a company they researched
_OWN_BEFORE = re.compile(r"\bmy\s+$", re.IGNORECASE)


def _not_own(found: list[re.Match[str]], said: str) -> list[re.Match[str]]:
    """The capitalised words of ``found`` not in a run the candidate calls their own: "my
    Python", "my Big Four experience" name what they bring, and in a garbled question a
    common word Whisper capitalised ("Is there anything in my Mac around that gives you
    part of the", for "my background that gives you pause", live trial 52) is no company
    either. The interviewer's company is "your" or "the" company, and one the candidate
    worked at is named "at", "with" or "for" it ("my tenure at Halvorsen" still counts)."""
    kept = []
    own = False  # in a run of capitalised words that "my" leads
    for i, m in enumerate(found):
        to_last = i > 0 and not said[found[i - 1].end() : m.start()].strip()
        own = bool(_OWN_BEFORE.search(said, 0, m.start())) or (own and to_last)
        if not own:
            kept.append(m)
    return kept


def _run_end(found: list[re.Match[str]], said: str, i: int) -> int:
    """Where the run of capitalised words that ``found[i]`` starts ends in ``said``."""
    while i + 1 < len(found) and not said[found[i].end() : found[i + 1].start()].strip():
        i += 1
    return found[i].end()


def _may_be_company(word: str) -> bool:
    # "SQL", and its plural "KPIs"
    acronym = word[:-1] if word.endswith("s") and len(word) > 2 else word
    if acronym.isupper() and len(acronym) <= MAX_ACRONYM_LETTERS:
        return False
    lower = word.lower()
    return lower not in NOT_COMPANIES and not (lower.endswith("s") and lower[:-1] in NOT_COMPANIES)


# -- a fact about the company, asked in statement order ----------------------------------
_FACT_LEAD = r"(?:(?:so|and|but|okay|ok|well|oh|right|now|also|just|yeah|yes),? )*"
# who did it: the interviewer's company ("you", "your team", "the hospital", a name); not
# a pronoun for what was just said ("It sounded like a good fit?", "Everything looked
# okay?"), and no verb taken into it ("The office is | closed on Fridays?" is how things
# are, not an event)
_NOT_SUBJECT = (
    "it its that this these those there here everything something anything nothing "
    "everyone someone he she who what which "
    "is are was were am be been being has have had will would can could do does did"
)
_NOUN = rf"(?!(?:{'|'.join(_NOT_SUBJECT.split())})\b)[a-z]+"
_FACT_SUBJECT = rf"(?:you(?: guys| all)?|they|(?:your|the) (?:{_NOUN} ){{0,2}}?{_NOUN}|{_NOUN})"
_FACT_ADVERB = r"(?:(?:just|recently|already|also|now|finally|actually|still|quietly) )?"
# Past forms that do not end in -ed; and -ed words that are not past forms.
_IRREGULAR_PAST = (
    "bought built took won began brought sold made grew cut set spent went became got put ran "
    "shut split broke found led paid chose wrote drew rose fell sent held kept hit lost "
    "rebuilt overtook undertook"
)
_IRREGULAR_PARTICIPLE = (
    "bought built taken won begun brought sold made grown cut set spent gone become got "
    "gotten put run shut split broken found led paid chosen written drawn risen fallen sent "
    "held kept hit lost rebuilt overtaken undertaken"
)
# (and what the interviewer said in this conversation is no research: "You mentioned...")
_NOT_PAST_WORDS = (
    "need needed feed seed speed proceed succeed exceed breed bleed embed shred red bed shed "
    "wed based used supposed expected required interested excited "
    "mentioned explained described noted asked told covered answered discussed talked "
    "touched"
)
_NOT_PAST = frozenset(_NOT_PAST_WORDS.split())
_PAST = rf"(?:\w+ed|{'|'.join(_IRREGULAR_PAST.split())})"
_PARTICIPLE = rf"(?:\w+ed|{'|'.join(_IRREGULAR_PARTICIPLE.split())})"
# what the company did, has done, is doing or is about to do
_FACT_VERB = re.compile(
    rf"^{_FACT_LEAD}{_FACT_SUBJECT} {_FACT_ADVERB}(?P<verb>{_PAST}|(?:have|has) "
    rf"{_FACT_ADVERB}(?P<perfect>{_PARTICIPLE}|been \w+ing)|(?:is|are) {_FACT_ADVERB}"
    rf"(?P<doing>\w+ing|(?:going|planning|about|set|due) to)|plans? to|"
    # (done to it: "The company was bought by ... last year?")
    rf"(?:was|were) {_FACT_ADVERB}(?P<passive>{_PARTICIPLE}))\b(?= \w)"
)
# "is ...ing" tells a change under way or planned when the verb is one of change ("is
# opening a second office") or a time places it ("is getting a remodel in the spring");
# otherwise it describes how things are done ("The team is using SAP or Oracle?", "The
# pharmacists are doing vaccinations here?": the blind closings), and a habit never is one
# ("the menu is changing every season").
_CHANGE_WORDS = (
    "adding closing moving opening replacing cutting retiring merging piloting launching "
    "expanding building hiring introducing switching rolling upgrading restructuring "
    "relocating acquiring buying selling investing developing creating growing shrinking "
    "reducing increasing consolidating outsourcing bringing changing rebuilding redesigning "
    "rebranding entering leaving exiting phasing shutting starting ending dropping raising "
    "trialling trialing testing partnering migrating centralising centralizing automating "
    "digitising digitizing transforming refurbishing renovating modernising modernizing "
    "overhauling scaling adopting implementing deploying converting forming signing "
    "spinning splitting taking"
)
_CHANGE_VERBS = frozenset(_CHANGE_WORDS.split())
_WHEN = re.compile(
    r"\b(?:next|this|last|coming) (?:year|month|quarter|spring|summer|autumn|fall|winter|"
    rf"week|season)|\b(?:by|in|from|before|after) (?:the )?(?:{'|'.join(DAYS_MONTHS.split()[7:])}|"
    r"spring|summer|autumn|fall|winter|new year|end of)\b|\b(?:19|20)\d\d\b"
)
_HABIT = re.compile(r"\b(?:every|always|usually|often|normally|each|generally|typically)\b")
# ...about the candidate, the role or the hiring: a detail of the offer, not research
_ABOUT_THE_JOB = re.compile(
    r"\b(?:i|me|my|mine|myself|we|us|our|someone|somebody|anyone|anybody|people|person|"
    r"candidates?|applicants?|applications?|interview\w*|shortlist\w*|roles?|positions?|"
    r"jobs?|vacanc(?:y|ies)|hir(?:e|ed|ing) for|round|next steps?|decid\w*|decision|offers?|"
    r"salary|pay|start date|notice|references?|portfolio|cv|resume|probation\w*|"
    r"onboard\w*|post|finalists?|fill(?:ing)? (?:the|this|a|it)|(?:get|getting|hear|hearing) "
    r"back|let \w+ know)\b"
)


# What the interviewer said today, tagged anywhere in the sentence ("So the team is moving
# to a new rota next year, you said.", "..., as you mentioned, ..."): no research
_TOLD_TODAY = re.compile(
    r"\byou (?:just |have |had )?(?:said|mentioned|told (?:me|us)|explained|described|noted|"
    r"were saying)\b"
)


# A fact reported as learned beforehand, before the fact itself: "I read that ...", "I
# noticed ...", "I've heard ...".
_REPORTED = re.compile(
    rf"^{_FACT_LEAD}i (?:have )?(?:just |recently |also )?(?:read|heard|hear|saw|seen|see|"
    r"noticed|understand|learned|learnt|gather)(?: (?:online|somewhere|on \w+(?: \w+)?))?"
    r"(?:,? that)?,? "
)


# How the day or the people came across, not something learned beforehand: a verb of
# seeming ("The team seemed really sharp."), "went" ("Today went really well.") or a word
# of praise ("You made this really easy.", "You guys built a great product."). Said rising,
# such a remark is uptalk at the close, not a question.
_IMPRESSION = re.compile(
    r"\b(?:seem|seems|seemed|look|looks|looked|sound|sounds|sounded|feel|feels|felt|appear|"
    r"appears|appeared|came across|went|great|amazing|awesome|fantastic|wonderful|lovely|"
    r"nice|good|well|easy|friendly|welcoming|helpful|kind|impressive|fun|enjoyable|"
    r"smooth|smoothly)\b"
)


def checks_a_fact(text: str) -> bool:
    """Does ``text`` state a fact about the company, as a question in statement order
    checks one (:func:`states_company_fact`), after any "I read that", "I noticed",
    "I've heard" it opens with? Said rising, it is such a question ("I read that the team
    is moving to a new platform next year?"); a remark on how the day or the people came
    across (:data:`_IMPRESSION`: "The team seemed really sharp?") is not."""
    n = normalise(text).rstrip("?").strip(" ,")
    m = _REPORTED.match(n)
    fact = n[m.end() :] if m else n
    return states_company_fact(fact) and not _IMPRESSION.search(fact)


def states_company_fact(text: str) -> bool:
    """Is ``text`` (a question) asked in statement order about what the company did or
    is doing ("You moved the team to a new cloud platform last fall?")? Such a question
    checks a fact the candidate learned beforehand: it shows research."""
    n = normalise(text).rstrip("?").strip(" ,")
    if (
        not n or "?" in n or question_of(n, n).is_question or _ABOUT_THE_JOB.search(n)
        or _TOLD_TODAY.search(n)
    ):  # fmt: skip
        return False
    # read past the commas a filler leaves ("the lab is, um, moving to...": normalise
    # drops the "um" and keeps its commas)
    m = _FACT_VERB.match(n.replace(",", ""))
    if m is None:
        return False
    doing = m.group("doing")
    if doing is not None and doing.endswith("ing"):
        return (doing in _CHANGE_VERBS or bool(_WHEN.search(n))) and not _HABIT.search(n)
    verb = m.group("perfect") or m.group("passive") or m.group("verb") or ""
    return verb not in _NOT_PAST
