"""Plain-word descriptions of common kinds of work, for strengths a recap describes
without naming them.

A profile strength is a noun phrase ("stakeholder communication"); a candidate says what
they do ("I can explain the model to people who never open a spreadsheet"). The sentence
model puts the phrase beside sentences about its topic (meetings with stakeholders) more
than beside sentences that do the work, so a strength whose words hold one of the keys
below is also compared with these descriptions of doing it (:mod:`.strengths`).

Each entry: the words that call it (matched by their base, :func:`.strengths.base`, so
"communicating" and "communications" call "communication"), then two to four first-person
sentences saying the work in everyday words. Written for common skills of many trades, not
for any profile or test sentence; a strength with none of these words is matched by its
own words and its own meaning only. Things a candidate makes ("dashboards", "reports")
have none: their descriptions (charts of numbers) come as close to any talk of numbers,
and a recap names them by their word ("statistics classes" came within 0.01 of
"dashboards" this way, in the weak sample close).
"""

from __future__ import annotations

import re

GLOSSES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("communication", "communicate", "communicator"),
        (
            "I explain complex things in plain words so people understand them.",
            "I explain technical work to people who are not technical.",
            "I keep people informed and make sure they understand what is going on.",
        ),
    ),
    (
        ("presentation", "present", "speaking", "speaker"),
        (
            "I stand up in front of an audience and present.",
            "I give talks to large groups of people.",
        ),
    ),
    (
        ("writing", "writer", "documentation", "document"),
        (
            "I write clear documents, reports and guides that people can follow.",
            "I write things up so that others can read and use them.",
        ),
    ),
    (
        ("leadership", "leader", "lead"),
        (
            "I was in charge of a team and people looked to me for direction.",
            "I led a group of people and we delivered together.",
        ),
    ),
    (
        ("people", "team", "staff", "supervision", "supervisor"),
        (
            "I manage a team of people, hire them, review them and develop them.",
            "People report to me and I run the team day to day.",
        ),
    ),
    (
        ("mentoring", "mentor", "coaching", "coach"),
        (
            "I help less experienced colleagues grow and give them regular feedback.",
            "I take junior people under my wing and show them how to do the job.",
        ),
    ),
    (
        ("training", "trainer", "teaching", "teacher", "instruction"),
        (
            "I teach groups of people how to do their work and run training sessions.",
            "I show new people how things work until they can do it on their own.",
        ),
    ),
    (
        ("negotiation", "negotiate", "negotiator"),
        (
            "I agree terms and prices with the other side and get a good deal.",
            "I bargain with suppliers or clients until we reach an agreement.",
        ),
    ),
    (
        ("conflict", "dispute", "mediation"),
        (
            "I calm disagreements down and get people working together again.",
            "When people fall out I sit them down and help them settle it.",
        ),
    ),
    (
        ("collaboration", "teamwork", "cross-functional", "partnership"),
        (
            "I work closely with other teams and departments to get things done together.",
            "I bring different groups together and keep them working as one.",
        ),
    ),
    (
        ("stakeholder",),
        (
            "I keep senior people and other departments informed and on side.",
            "I work with the people affected by a decision and explain it to them.",
        ),
    ),
    (("customer", "client"), ("I look after customers and make sure they are happy with us.",)),
    (
        ("onboarding",),
        (
            "I get new customers or new starters set up and running in their first weeks.",
            "I welcome new clients and help them start using what they bought.",
        ),
    ),
    (
        ("retention", "churn", "loyalty"),
        (
            "I keep customers from leaving and get them to renew.",
            "Clients stay with us because I look after them.",
        ),
    ),
    (("service",), ("I help customers with their problems and make sure they leave happy.",)),
    (
        ("account",),
        ("I look after a set of clients as their main contact and grow the business with them.",),
    ),
    (
        ("sales", "selling", "sell"),
        (
            "I sell to customers and hit my targets.",
            "I win new business and close deals.",
        ),
    ),
    (
        ("recruiting", "recruitment", "hiring", "talent"),
        (
            "I find, interview and hire new people.",
            "I decide who we bring on and make the job offers.",
        ),
    ),
    (
        ("project", "programme", "program", "delivery"),
        (
            "I plan a piece of work from start to finish and deliver it on time and on budget.",
            "I keep the plan, the deadlines and the risks and get the work over the line.",
        ),
    ),
    (
        ("planning", "organisation", "organization", "coordination", "scheduling"),
        (
            "I plan things ahead and organise the people, the time and the details.",
            "I put together the schedule and make sure everything happens when it should.",
        ),
    ),
    (("event",), ("I organise conferences, parties and events from the venue to the guests.",)),
    (
        ("time", "deadline", "prioritisation", "prioritization"),
        ("I plan my time well, juggle several things and always meet my deadlines.",),
    ),
    (
        ("budget", "budgeting", "spend"),
        (
            "I am responsible for how the money is spent and keep it within the budget.",
            "I decide where the money goes and sign off the spending.",
        ),
    ),
    (
        ("cost", "costs", "saving", "savings", "efficiency"),
        (
            "I cut what we spend and save the company money.",
            "I bring the bills down without losing what we need.",
        ),
    ),
    (
        ("forecasting", "forecast", "prediction", "planning"),
        (
            "I predict what will happen next month so we can plan for it.",
            "I estimate future sales or demand from past numbers.",
        ),
    ),
    (
        ("analysis", "analytics", "analyst", "insight"),
        ("I dig into the numbers and work out what they mean for the business.",),
    ),
    (
        ("visualisation", "visualization"),
        (
            "I turn numbers into charts and reports that people can read at a glance.",
            "I build the charts and reports that managers look at to decide.",
        ),
    ),
    (("data",), ("I work with data every day, cleaning it, combining it and making sense of it.",)),
    (
        ("cleaning", "quality", "wrangling"),
        ("I fix messy data, remove duplicates and make the records consistent.",),
    ),
    (("database", "query", "queries"), ("I write queries to pull data out of databases myself.",)),
    (
        ("spreadsheet", "spreadsheets"),
        ("I build spreadsheets with formulas, pivot tables and macros.",),
    ),
    (
        ("programming", "coding", "scripting", "software"),
        ("I write code and scripts to automate work and build tools.",),
    ),
    (
        ("machine", "learning", "modelling", "modeling"),
        ("I build and train predictive models from data and put them into use.",),
    ),
    (
        ("assurance", "qa"),
        ("I check the work before it goes out and catch the mistakes and defects.",),
    ),
    (
        ("detail", "accuracy", "precision"),
        ("I check everything carefully and catch the small mistakes others miss.",),
    ),
    (
        ("problem", "troubleshooting", "debugging"),
        ("When something breaks I work out what is wrong and fix it.",),
    ),
    (
        ("improvement", "optimisation", "optimization", "lean", "streamlining"),
        (
            "I find where the work gets stuck and change the steps so it runs faster.",
            "I make the way we work simpler, quicker and less wasteful.",
        ),
    ),
    (
        ("change", "transformation", "transition"),
        ("I help people through big changes at work and get them to adopt new ways.",),
    ),
    (("risk",), ("I spot what could go wrong early and put plans in place to prevent it.",)),
    (
        ("compliance", "regulatory", "regulation", "audit", "governance"),
        (
            "I make sure we follow the rules and regulations and pass our audits.",
            "I keep the company on the right side of the regulator.",
        ),
    ),
    (
        ("safety", "hygiene", "health"),
        ("I keep the workplace safe, follow the safety rules and train others on them.",),
    ),
    (
        ("inventory", "stock", "warehouse", "warehousing"),
        ("I keep track of the stock, count it, reorder it and keep losses down.",),
    ),
    (
        ("logistics", "supply", "procurement", "purchasing", "sourcing"),
        ("I buy from suppliers and make sure goods arrive where and when they are needed.",),
    ),
    (
        ("vendor", "supplier", "contractor", "contract"),
        ("I choose suppliers, manage their contracts and hold them to what they promised.",),
    ),
    (
        ("patient", "care", "nursing", "clinical"),
        ("I look after sick people, give them their treatment and keep them comfortable.",),
    ),
    (
        ("payroll", "pay"),
        ("I make sure everyone is paid the right amount on time, with tax and deductions.",),
    ),
    (
        ("accounting", "bookkeeping", "finance", "financial", "reconciliation"),
        ("I keep the books, reconcile the accounts and close the month.",),
    ),
    (
        ("fundraising", "donor", "grant", "grants"),
        ("I raise money from donors and win grants for the organisation.",),
    ),
    (
        ("marketing", "brand", "campaign", "campaigns"),
        ("I run campaigns and ads that bring in customers.",),
    ),
    (
        ("social", "media", "content"),
        ("I run the company's posts and ads on social media and grow its followers.",),
    ),
    (
        ("cloud", "infrastructure", "devops"),
        ("I run our systems on cloud servers and keep them reliable.",),
    ),
    (("research", "researcher"), ("I design studies, collect evidence and report what I found.",)),
    (
        ("design", "designer", "ux"),
        ("I design how a product looks and works for the people who use it.",),
    ),
    (
        ("ownership", "accountability", "responsibility"),
        ("I was the one accountable for it and answered for the results.",),
    ),
)

# A clause in which the candidate says they lack a skill, on normalised text (contractions
# expanded: "i have not"): "I haven't used it yet", "it's my weak spot", "I struggle to
# explain". Its words name no strength. "I never missed a deadline" and "we never had a
# complaint" claim the skill and are kept.
LACKING = re.compile(
    r"\bi (?:have |had |would have |am |was )?(?:not|never)\b(?! (?:once )?(?:miss|lost|lose|fail|"
    r"had a (?:single )?(?:complaint|strike|fine|finding|breach|accident)|dropp|broke|been late|"
    r"only|just|(?:done |had |used )?(?:a ton|a lot|lots|loads|tons) of))"
    r"|\bi (?:do|did|can|could|would) not\b(?! (?:only|just))"
    r"|\bi (?:still )?(?:struggle|avoid|tend to avoid)\b"
    r"|\bnot (?:really |very |that |so |particularly |exactly )?"
    r"(?:my (?:job|thing|strength|strong|area|forte|focus)|great|good|strong|confident|"
    r"comfortable|where i)"
    r"|\b(?:weak (?:spot|point|area|side)|weakness|hard for me|difficult for me|new to me|"
    r"not much experience|no experience|little experience|limited experience|no contact)\b"
    r"|\bi (?:find|found) [a-z ,]{0,40}?\b(?:hard|difficult|uncomfortable|unsettling|tricky|"
    r"daunting|scary)\b"
    r"|\b(?:terrifies|terrify|scares|nervous|uncomfortable)\b"
    r"|\bi (?:would |will |still )?(?:need|want|have|hope|would like) to "
    r"(?:learn|get better|improve)\b"
    r"|\b(?:something|what|the part|the bit) i am (?:still )?working on\b"
    r"|\bi (?:have |had )?only (?:read|heard|done the|watched|seen)\b"
    r"|\bsomeone else|\bsomebody else|\bleast to do with\b|\bi rely on\b"
)
