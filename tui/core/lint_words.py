"""Vocabulary for the question checker: word lists the rule table is built from.

Feeling and judging words come from two places: a short hand list of words
interview questions use (many are missing from general sentiment lexicons:
"intuitive", "smooth", "convenient") and VADER's lexicon (`lint_lexicon`),
which covers the long tail ("adore", "irritated", "lost"). A word counts only
in the slots the rules give it ("how ___ was", "what ___ you"), so a broad
list stays precise.
"""

from __future__ import annotations

import re

from tui.core.lint_lexicon import VADER_NEGATIVE, VADER_POSITIVE

AUX = r"(?:do|does|did|is|are|am|was|were|have|has|had|will|would|should|shall|can|could|may|might|must)"
NEGATIVE = (
    r"(?:don't|doesn't|didn't|isn't|aren't|wasn't|weren't|haven't|hasn't|won't|wouldn't|"
    r"shouldn't|can't|couldn't)"
)
WH = r"(?:how|what|why|when|where|who|which)"
DET_WORDS = "the|our|your|their|its|this|that|these|those|my"
DET = rf"(?:{DET_WORDS})"
# A content word: not a determiner, pronoun or question word.
WORD = rf"(?!(?:{DET_WORDS}|how|what|why|when|where|who|which|whether|you|it|them|me|us|i|we|they)\b)[\w'-]+"
# "Could you (quickly) walk me through..." asks for a story, not for a yes.
STORY_VERB = (
    r"(?:describe|walk|talk|take|tell|show|give|share|explain|run|paint|go through|"
    r"help me understand|think of|remember|recall|say (?:a bit |a little |some )?more|elaborate|"
    r"expand|list|name|clarify|be more specific|unpack)"
)
POLITE = r"(?:(?:please|quickly|briefly|just|possibly|kindly|maybe|perhaps|also|now)\s+)?"
ABLE = r"(?:be (?:able|willing|happy) to\s+)?"
QUALITY = (
    r"(?:easy|easier|hard|difficult|simple|straightforward|clear|unclear|confusing|"
    r"intuitive|useful|helpful|valuable|great|good|bad|nice|fast|quick|slow|reliable|"
    r"stable|smooth|seamless|painful|frustrating|annoying|enjoyable|fun|stressful|"
    r"expensive|cheap|affordable|fair|generous|reasonable|worthwhile|convenient|handy|"
    r"secure|safe|flexible|powerful|accurate|clean|responsive|obvious|complete|effective)"
)
QUALITY_WORD = re.compile(QUALITY)
FEELING = (
    r"(?:happy|satisfied|pleased|unhappy|disappointed|frustrated|annoyed|worried|"
    r"concerned|comfortable|confident|excited|surprised|confused)"
)
PRAISE = (
    r"(?:amazing|awesome|great|beautiful|powerful|fantastic|brilliant|innovative|"
    r"wonderful|excellent|revolutionary|slick|lovely|intuitive|seamless|best-in-class|"
    r"new and improved|improved|handy|convenient|award-winning|lightning-fast|world-class|"
    r"cutting-edge|game-changing|beloved|popular)"
)
TAG = (
    r"(?:right|correct|yes|yeah|no|ok|okay|true|agreed|isn't it|wasn't it|aren't they|"
    r"weren't they|don't you|didn't you|doesn't it|didn't it|won't it|wouldn't it|"
    r"wouldn't you|won't you|will you|don't they|didn't they|isn't that right|am i right|"
    r"is that right|haven't you|hasn't it|can't you|don't we|wasn't that|isn't that|didn't they)"
)
ADVERB = r"(?:still|ever|really|actually|currently|usually|normally|already|also|even|often|always|sometimes)"
# Verbs of a choice someone predicts they would make: the Mom Test's future family.
CHOICE_VERB = (
    r"(?:buy|pay|purchase|use|sign up|subscribe|switch|upgrade|recommend|try|open|adopt|"
    r"install|download|spend|check|scan|order|join|start using|keep using|renew with|pick up|"
    r"be interested|be willing to (?:pay|buy|try|use|switch)|consider)"
)
PITCH_VERB = r"(?:added|had|offered|built|included|introduced|provided|launched|made|shipped|created|let you)"
GROUP = (
    r"(?:(?:most|many|lots|a lot|plenty|all|other|some|several|half|nine out of ten|the majority|"
    r"the rest|nearly all|almost all)(?: of)?(?: (?:our|the|your|their))?(?: [\w-]+)? [\w-]+s"
    r"|everyone|everybody|nobody|no one|people(?: in your \w+| like you)?"
    r"|your (?:colleagues|peers|team|teammates|coworkers|co-workers|manager|boss|team lead|"
    r"friends|competitors|clients|customers|users)"
    r"|our (?:customers|users|clients|members|best customers|other customers))"
)
GROUP_VERB = (
    r"(?:say|says|said|tell|tells|told|love|loves|loved|(?<!look )(?<!looks )like|likes|liked|prefer|prefers|"
    r"agree|agrees|think|thinks|believe|believes|find|finds|found|report|reports|mention|"
    r"mentioned|rave|hate|hates|want|wants|use|uses|recommend|recommends|seem|seems|feel|"
    r"feels|save|saves|saved|cut|(?:have|has) (?:all )?(?:moved|switched|started|stopped|"
    r"adopted|cut|saved|told|said|asked)|moved|switched|adopted)"
)
TOPIC_PREP = r"(?:about|of|with|on|regarding|towards?)"
# Where a clause may end after "X and Y": so "X and Y" is the whole topic.
TOPIC_END = (
    r"(?P<tail>(?:[?.!,;]|\s+(?:for|in|at|on|with|of|during|today|so far|these days|lately|"
    r"when|since|before|after|to|from|compared)\b).*|)$"
)
# A clause may open with "When you signed up, ..." and a filler word.
FILLER = r"(?:(?:so|and|but|okay|ok|now|also|well|then|hang on|wait)\b,?\s+)*"
START = r"^(?P<lead>(?:[^?,;:\u2014\u2013]*[,;:\u2014\u2013]\s+)?)" + FILLER
# Between two questions: "and", "and also", a comma, a semicolon or a dash.
JOINT = r"(?:,?\s+and also,?|,?\s+and|\s*;\s*(?:and\s+|also\s+)?|,\s*(?:also\s+)?|\s+[-\u2013\u2014]+\s+(?:and\s+)?)\s*"
HEDGE = re.compile(r"\bif (?:any(?:thing|one)?|at all|ever|so)\b|\bat all\b", re.IGNORECASE)
IDIOMS = re.compile(
    r"\b(?:pros and cons|ups and downs|back and forth|trial and error|terms and conditions|"
    r"drag and drop|copy and paste|more or less|sooner or later|now and then|bits and pieces|"
    r"nuts and bolts|dos and don'ts|black and white|rules and regulations|"
    r"research and development|supply and demand|profit and loss|health and safety|"
    r"safe and sound|short and sweet|nice and easy|in and out|on and off|give and take|"
    r"q and a|plug and play|by and large|first and foremost|over and over|again and again|"
    r"start to finish|day-to-day|one-to-one|end-to-end)\b",
    re.IGNORECASE,
)

# Feeling and judging words interview questions use; VADER lacks many of them.
HAND_POSITIVE = frozenset(
    """easy easier easiest easily simple simpler straightforward intuitive useful helpful valuable
    great good amazing awesome excellent fantastic smooth smoothly seamless enjoyable enjoy enjoyed
    satisfied happy pleased convenient handy love loved like liked adore adored relieved delighted
    thrilled impressed slick painless effortless delightful wonderful brilliant lifesaver fun
    pleasant confident comfortable excited quick fast reliable better best positive""".split()
)
HAND_NEGATIVE = frozenset(
    """hard harder difficult confusing confused confuse bad frustrating frustrated frustrate annoying
    annoyed annoy painful stressful stressed terrible awful disappointed tedious hate hated lost
    irritated irritating bother bothers bothered scared afraid worried worry upset angry overwhelmed
    overwhelming clunky horrible nightmare useless pointless unpleasant slow unclear unsure
    dissatisfied unhappy dislike disagree unlikely badly worse worst negative""".split()
)
# In the rules' slots these words ask, they do not judge ("What surprised you?").
NEUTRAL_WORDS = frozenset(
    """surprise surprised surprising well okay ok sure please yes no share sharing free clear
    important ready care trust thanks thank want true agree interest interested interesting
    kind like-minded fine matter matters mean expect expected help helps helped helping stop stops
    stopped improve improves improved play plays played argue argued solve solved fix fixed win
    joke ha hah haha yeah honest commit committed support supported worth likely unlikely""".split()
)
POSITIVE = (HAND_POSITIVE | VADER_POSITIVE) - NEUTRAL_WORDS - HAND_NEGATIVE
NEGATIVE_WORDS = (HAND_NEGATIVE | VADER_NEGATIVE) - NEUTRAL_WORDS - HAND_POSITIVE

_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""), ("s", ""), ("ily", "y"), ("ly", ""))
# Poles that only count in a balanced pair ("well or badly", "likely or unlikely").
_BALANCE_ONLY = {"well": 1, "clear": 1, "sure": 1, "likely": 1, "agree": 1, "like": 1, "good": 1, "helpful": 1}
_OPPOSITE_PREFIX = re.compile(r"^(?:un|dis|in|im|non-?)(?P<stem>\w{3,})$")


def polarity(word: str, *, judging_only: bool = True) -> int:
    """+1 for a word that praises or pleases, -1 for one that blames or hurts, 0 for neither.

    `judging_only` leaves out words that ask rather than judge ("How well...", "What surprised you?").
    """
    word = word.lower().strip("'")
    stems = (word[: -len(s)] + e for s, e in _SUFFIXES if word.endswith(s) and len(word) - len(s) >= 3)
    for form in (word, *stems):
        if form in NEUTRAL_WORDS and judging_only:
            return 0
        if form in _BALANCE_ONLY and not judging_only:
            return _BALANCE_ONLY[form]
        if form in POSITIVE:
            return 1
        if form in NEGATIVE_WORDS:
            return -1
    return 0


def is_evaluative(word: str) -> bool:
    """A feeling or judging word, in any of its common forms ("annoyed", "frustrates")."""
    return polarity(word) != 0


def is_balanced(first: str, second: str) -> bool:
    """ "easy or hard", "satisfied or dissatisfied": a pair that lets either answer in."""
    a, b = first.lower(), second.lower()
    prefixed = _OPPOSITE_PREFIX.match(b) or _OPPOSITE_PREFIX.match(a)
    if prefixed and prefixed.group("stem") in (a, b):
        return True
    return polarity(a, judging_only=False) * polarity(b, judging_only=False) < 0
