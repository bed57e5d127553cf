"""Does a final question show research? The playbook's signals, found by their words.

A question shows research when it (or the statement it rests on) names a company, a
competitor, an industry trend or a new rule, recent news, a figure, or the company's
plans. A named company is a capitalised word inside a sentence, or the profile's company.
Capitalised words that name no company are left out: days and months, job-title and
department acronyms, languages, nationalities and places, and any all-capital short
token (tools and processes: "SQL", "MIG", "SAP" -- research names a company in words).
"""

from __future__ import annotations

import re

from voicecoach.analysis.lexicon import normalise
from voicecoach.profile import Profile

SIGNAL_PATTERNS = {
    "competitor": r"\b(?:competitors?|competition|rivals?|compared (?:to|with)|"
    r"market share|against \w+)\b",
    "trend": r"\b(?:trends?|shift (?:to|toward|towards|away)|regulation|regulations|"
    r"regulatory|legislation|reforms?|guidelines?|directive|tax credits?|ai|artificial "
    r"intelligence|automation|the market|the industry|consolidat\w*|inflation|tariffs?|"
    r"adoption|sustainability|remote work|disruption|landscape|new (?:\w+ ){0,3}(?:laws?|"
    r"act|rules?|standards?|polic(?:y|ies)|regulations?|ratios?|requirements?|mandates?)|"
    r"tak(?:es|ing) effect|into (?:effect|force))\b",
    "news": r"\b(?:announced|announcement|news|recent|recently|acquisition|acquired|merger|"
    r"launched|launch|funding|raised|ipo|press release|i read|i saw|i was reading|article|"
    r"earnings|reorgani[sz]ation|partnership|upcoming|rolling out|rolled out|roll out|"
    r"published|publicly)\b",
    "figure": r"\d|\b(?:percent|million|billion|thousand|doubled|tripled|half)\b",
    "plan": r"\b(?:(?:next|in|over the next) (?:five|5|few|two|three|ten|\d+) years|plans? "
    r"to (?:open|expand|grow|launch|enter|build|move)|plans? for (?:the )?(?:future|growth|"
    r"expansion|next year)|expansion|expand|expanding|new (?:\w+ ){0,2}(?:products?|markets?|"
    r"locations?|offices?|regions?|branch|plant|factory|stores?|programs?|programmes?|"
    r"initiatives?)|long term|long-term)\b",
}

_DAYS_MONTHS = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december christmas easter"
)
_TITLES = (
    "ceo cfo coo cto cio ciso cmo cpo chro vp svp evp md gm hr pm qa it ok mr mrs ms dr "
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
NOT_COMPANIES = frozenset(f"{_DAYS_MONTHS} {_TITLES} {_LANGUAGES_AND_PEOPLES} {_PLACES}".split())
# An all-capital token this short is a tool, process or title ("SQL", "HPLC"), not a name.
MAX_ACRONYM_LETTERS = 5
_SELF = frozenset({"I", "I'm", "I'd", "I've", "I'll"})
# A capitalised word not at the start of the text or of a sentence.
_NAME = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][a-zA-Z]+")


def research_signals(text: str, profile: Profile | None) -> list[str]:
    """Keys of the research signals in ``text`` (see ``wording.SIGNALS``), in a fixed order."""
    n = normalise(text)
    found = [key for key, pat in SIGNAL_PATTERNS.items() if re.search(pat, n)]
    skip = set(_SELF)
    if profile and profile.interviewer:
        skip |= set(profile.interviewer.split())
    names = [w for w in _NAME.findall(text.strip()) if w not in skip and _may_be_company(w)]
    company = profile.company.lower() if profile and profile.company else ""
    named = bool(company) and company in text.lower()
    if named or names:
        found.append("company")
    return found


def _may_be_company(word: str) -> bool:
    if word.isupper() and len(word) <= MAX_ACRONYM_LETTERS:
        return False
    lower = word.lower()
    return lower not in NOT_COMPANIES and not (lower.endswith("s") and lower[:-1] in NOT_COMPANIES)
