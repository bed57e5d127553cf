"""People's names as a transcript shows them: common given names, and the titles before a
surname.

Used where a capitalised word may be a person rather than a company or a word: the
research check does not count a given name said alone, or a name after a title ("Mr
Okafor"), as a company named (Whisper wrote "Nadine" for words it misheard, in a live
trial), and the bare-word table does not read a surname "Im" after a title or a given name
as "I'm" ("Dana Im said"). The follow-up email keeps a titled name whole ("Dr. Chen").
Given names that are also the name of
a well-known company or brand on their own ("Wendy", "Mercedes", "Tiffany", "Morgan") are
left out: there the word may be the research.
"""

from __future__ import annotations

# Written for voicecoach: given names common among English speakers and in the countries
# the scenarios' candidates and interviewers come from, lower case.
_GIVEN = """
aaron abdul abigail adam adrian ahmed aidan aisha alan albert alex alexander alexandra
alice alicia alison amanda amber amelia amir amy ana andrea andrew angela anita ann anna
anne annie anthony arjun arthur ashley aya barbara beatrice ben benjamin beth bethany
betty bill billy bob bobby brandon brenda brian bridget bruce bryan caitlin cameron carl
carla carlos carol caroline carmen catherine charles charlie charlotte chen chloe chris
christina christine christopher claire clara colin connor craig cynthia daisy dana daniel
danielle darren david dean deborah debbie denise dennis derek diana diane diego dimitri
dominic donna doris dorothy douglas duncan dylan eddie edward eileen elaine eleanor elena
eli elizabeth ella ellen emily emma eric erica erin ethan eugene eva evan fatima felix
fiona frances francesca frank fred freya gabriel gareth gary gavin gemma george gerald
gina gloria gordon grace graham greg gregory hannah harold harriet harry hassan heather
helen henry holly hugh ian imogen irene isaac isabel isabella ivan jack jacob jake james
jamie jane janet janice jasmine jason javier jean jeff jeffrey jennifer jenny jeremy jess
jessica jill jim jimmy joan joanna joe joel john johnny jonathan jose joseph josh joshua
joy joyce juan judith judy julia julian julie justin karen kate katherine kathleen kathy
katie keith kelly ken kenneth kerry kevin kim kyle laura lauren leah lee leo leon lily
linda lisa liz lorna louis louise lucas lucy luis luke lynn maddie madison maria marie
marina mark martha martin mary matt matthew maya megan melissa mia michael michelle mike
miriam mohammed mohammad molly monica muhammad nadia nadine nancy naomi natalie nathan
neil nicholas nick nicola nicole nina noah nora oliver olivia omar oscar owen pamela
patricia patrick paul paula pauline peter philip phoebe priya rachel rahul raj ravi
rebecca richard rick rita rob robert robin roger rosa rose ruby russell ruth ryan sally
sam samantha samuel sandra sara sarah scott sean sebastian shannon sharon sheila simon
sofia sonia sophie stacey stella stephanie stephen steve steven stuart susan suzanne
tanya teresa terry theo theresa thomas tim timothy tina toby tom tommy tony tracy trevor
valerie vanessa victor victoria vincent wayne william yasmin yusuf zach zoe
"""
GIVEN_NAMES = frozenset(_GIVEN.split())
# Titles said before a surname ("Mr Im", "Dr. Okafor").
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor"})


def is_given_name(word: str) -> bool:
    """Is ``word`` (as written, any case, a possessive "'s" allowed) a common given name?"""
    bare = word.lower().replace("\u2019", "'")
    bare = bare[:-2] if bare.endswith("'s") else bare
    return bare in GIVEN_NAMES


__all__ = ["GIVEN_NAMES", "TITLES", "is_given_name"]

# The days of the week, then the months, then two holidays (research: no company; a "when"
# clause after one says when, questions.ends_on_a_time)
DAYS_MONTHS = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december christmas easter"
)
