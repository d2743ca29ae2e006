"""The question checker's table: one row per rule family, each with its kind,
the reason shown to the interviewer and an open rewrite.

Rows of one kind run in order, specific before general; the first row that
matches gives that kind's finding. A group named `word` must hold a feeling or
judging word (`lint_words.is_evaluative`); a group named `np` is cut to the noun
phrase it opens with; `second` is a whole question, rewritten on its own; `obj`
and `rest` are trimmed. Templates may also use `do` (do/does/did, after `aux`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from tui.core.lint_words import (
    ABLE, ADVERB, AUX, CHOICE_VERB, DET, FEELING, FILLER, GROUP, GROUP_VERB, JOINT,
    NEGATIVE, PITCH_VERB, POLITE, PRAISE, QUALITY, START, STORY_VERB, TAG, TOPIC_END,
    TOPIC_PREP, WH, WORD,
)

KINDS = ("leading", "hypothetical", "double", "closed")  # most telling first
FALLBACK = "Tell me about the last time that came up."


@dataclass(frozen=True)
class Rule:
    """One row: a pattern, its kind, why it pushes, and an open rewrite.

    `then` (double rules only) is what to ask next, after the rewritten first question.
    `needs` are words one of which the question must contain for the row to be tried,
    and `opens` the auxiliaries one of which it must open with ("Did...", "When X,
    is..."; "*" for any): cheap tests that spare compiling and running most rows.
    """

    kind: str
    source: str
    reason: str
    rewrite: str
    then: str = ""
    needs: tuple[str, ...] = ()
    opens: tuple[str, ...] = ()

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compiled(self.source)

    def may_match(self, lowered: str, openings: frozenset[str]) -> bool:
        if self.opens and not (openings and ("*" in self.opens or openings.intersection(self.opens))):
            return False
        return not self.needs or any(word in lowered for word in self.needs)


@functools.cache
def _compiled(source: str) -> re.Pattern[str]:
    """Compiled on first use: `interview lint` and the app start without compiling the table."""
    return re.compile(source, re.IGNORECASE)


def _rule(kind: str, pattern: str, reason: str, rewrite: str, then: str = "",
          needs: tuple[str, ...] = (), opens: bool = False) -> Rule:
    return Rule(kind, pattern, reason, rewrite, then, needs, _opening_words(pattern) if opens else ())


def _opening_words(pattern: str) -> tuple[str, ...]:
    """The auxiliaries a `START + "(?:do|did) you..."` row opens with; ("*",) for any other row."""
    words = re.match(r"(?:\(\?P<\w+>|\(\?:)?((?:[a-z']+\|)*[a-z']+)(?:\)|\s|\\s)", pattern.removeprefix(START))
    return tuple(words.group(1).split("|")) if pattern.startswith(START) and words else ("*",)


# Yes/no on purpose, so never `closed`: a story request with a modal, an adverb
# or "be able to" ("Could you quickly walk me through..."), a polite preface
# ("Can I ask what you paid?"), or asking permission and moving on.
_NOT_CLOSED = (
    START + rf"(?:(?:can|could|would|will) you {POLITE}{ABLE}{POLITE}{STORY_VERB}\b"
    r"|would you mind (?:walking|talking|taking|telling|showing|describing|sharing|explaining|giving|saying)"
    r"|(?:can|could|may) i\b|(?:do|would) you mind if\b|shall we\b|are you ready\b"
    r"|is it (?:ok|okay|alright|all right|fine) (?:if|to)\b"
    r"|have (?:a|another) (?:look|think|go|try|play)\b)"
)
# The word a question opens with, after "When X, " and a filler, if it is one `closed` rows begin with.
_OPENER = rf"(?P<word>{AUX}|any|anything|anyone|anybody|something|someone|you(?:'re|'ve|'d)?)\b"
_OPENINGS = (r"^[^?,;:\u2014\u2013]*[,;:\u2014\u2013]\s+" + FILLER + _OPENER, "^" + FILLER + _OPENER)


def not_closed(text: str) -> bool:
    return bool(_compiled(_NOT_CLOSED).search(text))


def openings(text: str) -> frozenset[str]:
    """The auxiliaries the question may open with, with and without a lead clause."""
    return frozenset(m.group("word").lower() for source in _OPENINGS if (m := _compiled(source).match(text)))


# Reasons shown to the interviewer, and rewrites used by several rows.
CLOSED = "can be answered yes or no"
NEGATIVE_Q = "a negative question tells them the answer you expect"
TAGGED = "the tag asks them to agree with you"
FEELS = "'{word}' puts a feeling or a judgement in their mouth"
ASSUMES = "it assumes what happened ('{event}') before they have said so"
CREDITS = "it assumes we helped ('{verb}') before they have said so"
CLAIM = "it states an opinion before the question, so the answer follows it"
SEEN = "it tells them what you think they felt; let them say what happened"
CROWD = "it tells them what others think before they answer"
PRAISED = "'{adj}' praises the thing you ask about"
FUTURE = "it asks for a prediction; the Mom Test: ask about the last time it happened instead"
PITCH = "it pitches an idea; the Mom Test: ask about their life, not your idea"
TWO_QUESTIONS = "two questions at once; one answer gets lost"
TWO_TOPICS = "two topics at once ({a} / {b})"
EXPERIENCE = "Tell me about your experience with {np}."
HAPPENED = "Walk me through what happened{with_np}."
THINK_ABOUT = "What {wdo} you think about {np}?"
LAST_TIME = "Tell me about the last time you {past} something like {obj}."
PITCHED = "Leave the idea out and ask about the last time the problem came up."
ASK_SECOND = 'Then ask on its own: "{second}"'
ASK_B = "Then ask about {b} on its own."

_AT_START = "^" + FILLER  # negatives open a question; after a comma they are tags
_SO = r"^(?:so,?\s+)?"
_TAGGED = rf",\s*{TAG}\s*\?"
_LEAD = r"^(?P<lead>(?:[^?,]*,\s+)?)(?:[^?]*?)"  # "When you open it, " is kept; "Please rate " is not
_WH_BEFORE = rf"^(?P<lead>.*?\b(?:{WH}|tell me|describe|walk me through|talk me through)\b[^?]*?)"
_STOP_OBJ = r"(?:(?!\b(?:if|when|because|instead|again|every|each|or|at all|today|tomorrow|now|more than)\b)[^?,.;]|\.(?=\d))+"
_IF_WE = rf"\bif (?:we|you|the app|it|there|they) {PITCH_VERB} (?P<obj>{_STOP_OBJ})"
_IMAGINE = rf"^(?:so,?\s+)?(?:suppose|imagine|picture|let's say|what if|pretend)\b,?\s+(?:that\s+)?(?:we\s+\w+\s+|there (?:was|were|is) |you had )?(?P<obj>{_STOP_OBJ})"
_PITCHED = r"^(?:so,?\s+)?(?:we(?:'re| are)|i'm|i am|we've been|our team is|i've got|we've got|i have|we have) (?:thinking (?:of|about)|building|planning|working on|launching|about to launch|making|an? (?:\w+ )?idea)\b"
_WOULD_YOU = r"(?:would|will|wouldn't|won't|'d|might|could) (?:you|your (?:team|company|boss|manager|business)|they)"
_CHOICE_AFTER = (
    r"(?:\s+(?:ever|still|really|actually|probably|definitely|also|then|be likely to|expect to|want to|plan to|"
    r"be happy to|be willing to|like to|consider|think about))*"
    rf"\s+(?P<verb>{CHOICE_VERB})\b"
    r"(?:\s+(?:about |around |extra |up to )?\$?\d[\d.,]*(?:\s*(?:dollars|euros|pounds|percent|%|k))?)?"
    r"(?:\s+(?:a|an|per|each|every) (?:month|year|week|day))?"
    r"(?:\s+(?:a little |a bit |much |a lot )?(?:more|extra|less))?"
    r"(?:\s+(?:for|to|on|in|with|into))?"
    rf"(?:\s+(?P<obj>{_STOP_OBJ}))?"
)
_EVENT = (
    r"(?:giv\w* up|gave up|(?:get|got|getting|gotten) (?:lost|stuck|confused|frustrated|annoyed|"
    r"overwhelmed|fed up)|struggl\w*|fail\w*|abandon\w*|hesitat\w*|panick?\w*|mess\w* up|"
    r"(?:have|had|having|has) (?:any |so much |a lot of |some )?(?:trouble|difficult\w*|problems?|issues|a hard time)|"
    r"finally manag\w*)"
)
_AGENT = r"(?:our(?: [\w'-]+){1,3}?|the (?:new |old )?(?:app|tool|product|feature|dashboard|team|system|update|editor|platform)(?: \w+)?|we|it|this|that)"
# "Tell me about a time you got stuck" asks for an instance, so it assumes nothing.
_NO_INSTANCE = r"^(?!.*\b(?:a|an|any|one) (?:time|situation|moment|example|case|occasion|instance)s?\b)"
_CREDIT = r"(?:rescu\w*|sav\w*|help\w*|solv\w*|fix\w*|improv\w*|simplif\w*|transform\w*|mak\w* (?:your|it|things|life|work)\b[^?]*?\b(?:easier|better|simpler|faster))"
_PAIR = rf"(?:{DET}\s+)?{WORD}(?:\s+{WORD})?"
_NOT_ASKED = r"(?<!\bdid )(?<!\bdo )(?<!\bdoes )(?<!\bwould )(?<!\bwill )(?<!\bcan )(?<!\bhow )(?<!\bany )"  # "What did your team use?" asks
_GAP = r"(?: (?!you\b|we\b|i\b)[\w'-]+){0,4}?"
_SECOND_Q = (
    rf"(?P<second>(?:{WH}(?:'s|'re)?\s+(?!(?:you|i|we|they|he|she|it|your|our|their|the|a|an|this|that|people|someone|happened|happens)\b)"
    r"\w+(?:\s+\w[^?]*)?|(?:did|do|does|was|were|is|are|have|has|will|would|can|could)\s+(?:you|it|they|we|your|the|that|this|there|people|anyone)\b[^?]*))\??\s*$"
)
_FIRST_Q = (
    rf"^(?P<first>(?:{WH}\s+(?!you\b)\w+ed\b|{WH}(?:\s+(?!(?:you|i|we|they|he|she|it)\b)[\w'-]+){{0,2}}\s+{AUX}\b"
    rf"|{WH}'s\b|{AUX}\s+(?:you|it|they|we|your|the|that|this|there)\b)[^?]*?)"
)
_AND = r"\s+(?:and/or|and|or)\s+"
_GROUP_WORDS = ("most", "many", "lot", "plenty", "all ", "other", "some", "several", "half", "nine", "majority",
                "rest", "every", "nobody", "no one", "people", "your ", "our ", "like ")
_PRAISE_WORDS = ("amaz", "awesome", "great", "beautiful", "powerful", "fantastic", "brilliant", "innovative", "wonderful",
                 "excellent", "revolutionary", "slick", "lovely", "intuitive", "seamless", "best-in-class", "improved", "handy",
                 "convenient", "award", "lightning", "world-class", "cutting-edge", "game-changing", "beloved", "popular")
_EVENT_WORDS = ("giv", "gave", "lost", "stuck", "confus", "frustrat", "annoy", "overwhelm", "fed up", "struggl", "fail",
                "abandon", "hesitat", "panic", "mess", "trouble", "difficult", "problem", "issue", "hard time", "manag")
_HOW_FEEL = r"\bhow (?:very |really |so |truly )?(?P<word>[\w'-]+)"

RULES: tuple[Rule, ...] = (
    # -- leading: negative questions ("Don't you think...", "Why didn't you...", "you never...?")
    _rule("leading", _AT_START + r"wouldn't (?:it|that|your \w+|life) be \w+ if\b",
          NEGATIVE_Q, "What would make this better for you?", needs=("n't",)),
    _rule("leading", _AT_START + r"don't you think (?:that )?(?P<np>.+)",
          NEGATIVE_Q, "What do you think of {np}?", needs=("n't",)),
    _rule("leading", _AT_START + r"(?:isn't|wasn't) it \w+ when (?P<rest>[^?]+)",
          NEGATIVE_Q, "What happens when {rest}?", needs=("n't",)),
    _rule("leading", _AT_START + r"(?:isn't|wasn't) it (?:\w+ )?(?:that|if|to|having|not having) (?P<rest>[^?]+)",
          NEGATIVE_Q, "What is it like when {rest}?", needs=("n't",)),
    _rule("leading", _AT_START + r"(?:don't|didn't|doesn't) you (?:just |really )?(?:hate|love|like|enjoy|dislike|wish|get annoyed|get frustrated) (?:it )?(?P<rest>(?:when|if|that|how)\b[^?]+)",
          NEGATIVE_Q, "What happens {rest}?", needs=("n't",)),
    _rule("leading", _AT_START + r"(?P<aux>don't|didn't|doesn't) you (?:find|feel) (?P<np>it|this|that|them|the \w+(?: \w+)?|your \w+) \w+\s*\?*$",
          NEGATIVE_Q, "How {do} you find {np}?", needs=("n't",)),
    _rule("leading", _AT_START + rf"(?P<aux>aren't|weren't) you (?:\w+ )?{FEELING} (?:about|with|by|of) (?P<obj>[^?]+)",
          NEGATIVE_Q, "How {do} you feel about {obj}?", needs=("n't",)),
    _rule("leading", _AT_START + r"(?P<aux>didn't|doesn't|don't) (?P<np>.+?) "
          r"(?:bother|annoy|frustrate|confuse|worry|upset|surprise|help|hurt)s? (?:you|your team)\b",
          NEGATIVE_Q, "How {do} {np} affect you?", needs=("n't",)),
    _rule("leading", _AT_START + rf"(?:wouldn't|won't) you{_CHOICE_AFTER}", NEGATIVE_Q, LAST_TIME, needs=("n't",)),
    _rule("leading", _AT_START + r"(?:haven't|hasn't) you (?:ever |always |already )?(?P<verb>\w+) (?P<rest>[^?]*)",
          NEGATIVE_Q, "Tell me about any time you've {verb} {rest}.", needs=("n't",)),
    _rule("leading", _AT_START + r"(?:isn't|wasn't|aren't|weren't) (?P<np>[^?]+)",
          NEGATIVE_Q, "How would you describe {np}?", needs=("n't",)),
    _rule("leading", _AT_START + rf"(?P<aux>{NEGATIVE}) you (?P<verb>(?!think\b)\w+)(?P<rest>[^?]*)",
          NEGATIVE_Q, "How {do} you {verb} {rest}, if at all?", needs=("n't",)),
    _rule("leading", _AT_START + rf"{NEGATIVE}\s", NEGATIVE_Q, FALLBACK, needs=("n't",)),
    _rule("leading", rf"\bwhy (?P<aux>{NEGATIVE}) (?:you|your \w+|they|we) (?P<rest>[^?]+)",
          NEGATIVE_Q, "What, if anything, {makes} you decide not to {rest}?", needs=("n't",)),
    _rule("leading", rf"^(?!.*\b{WH}\b)(?:[^,?]*,\s*)?(?:so,?\s+)?(?:you|they|your \w+) (?:never|no longer|hardly ever|rarely|{NEGATIVE}) (?P<rest>[^?]+?)(?: at all)?\?*$",
          NEGATIVE_Q, "Tell me about how you {rest}.", needs=("n't", "never", "no longer", "hardly", "rarely")),
    # -- leading: tag questions, at the end or in the middle ("..., right? We chose...")
    _rule("leading", _SO + rf"you(?:'d| would) (?P<verb>\w+)[^,]*{_TAGGED}",
          TAGGED, "What would make you {verb}?", needs=(",",)),
    _rule("leading", _SO + rf"you (?:found|find) (?P<obj>[^,]+?) (?:\w+ )?{QUALITY}{_TAGGED}",
          TAGGED, "Tell me about your experience with {obj}.", needs=(",",)),
    _rule("leading", _SO + rf"you (?:really )?(?P<word>[\w'-]+) (?P<obj>[^,]+){_TAGGED}",
          TAGGED, "What do you think of {obj}?", needs=(",",)),
    _rule("leading", _SO + rf"you (?P<verb>(?!'|must\b)\w+)(?P<rest>[^,]*){_TAGGED}",
          TAGGED, "Tell me about how you {verb} {rest}.", needs=(",",)),
    _rule("leading", rf"^(?P<np>[^,?]+){_TAGGED}", TAGGED, EXPERIENCE, needs=(",",)),
    _rule("leading", _TAGGED, TAGGED, FALLBACK, needs=(",",)),
    # -- leading: an opinion or an observation stated before the question
    _rule("leading", r"^(?P<claim>(?:it |that )?(?:looked|looks|seemed|seems|sounded|sounds|felt) (?:like|as if|as though) [^.?!]+)[.!]\s+(?P<keep>[^.!]+\?)\s*$",
          SEEN, "{keep}", needs=("look", "seem", "sound", "felt")),
    _rule("leading", r"^(?P<claim>(?:you (?:looked|seemed|sounded|were having|had|got)|i (?:saw|noticed|could see|can see|see) (?:that )?you)\b[^.?!]*)[.!]\s+(?P<keep>[^.!]+[?.])\s*$",
          SEEN, "{keep}", needs=("you looked", "you seemed", "you sounded", "you were having", "you had", "you got", "i saw", "i noticed", "i could see", "i can see", "i see")),
    _rule("leading", r"^(?P<claim>(?:given|considering)\s+[^,?]+),\s*(?P<keep>[^?]+\?)\s*$", CLAIM, "{keep}", needs=("given", "considering")),
    _rule("leading", r"^(?P<claim>(?:since|because|given(?: that| how)?|now that|considering(?: that| how)?|as)\s+"
          r"[^,?]*\b(?:is|are|'s|was|were|so|saves?|saved|makes?|cuts?|helps?|have|has|must|all)\b[^,?]*),\s*(?P<keep>[^?]+\?)\s*$",
          CLAIM, "{keep}", needs=("since", "because", "given", "now that", "considering", "as ")),
    _rule("leading", r"^(?!(?:tell|walk|talk|take|think|describe|show|imagine|suppose|picture|let's|please|so|ok|okay|thanks|great)\b)"
          r"(?P<claim>(?:we (?:think|believe|know|feel|found)|(?:\w+\s+){0,3}(?:believe|believes|agree|agrees|recommend|recommends|know|knows) that"
          r"|(?!(?:this|that|it|there|here|these|those|i|you|we|they|which|what|how)\b)(?:\w[\w'-]*\s+){1,3}(?:is|are)\s+(?:so |very |really |obviously |clearly |always |a big |the )?)[^.?!]*)[.!]\s+(?P<keep>[^.!]+\?)\s*$",
          CLAIM, "{keep}", needs=(". ", "! ")),
    _rule("leading", r"\bmust (?:find|think|feel) (?P<np>[^.?!]+?) (?:so |really |very |pretty |quite )?(?P<word>[\w'-]+)[.!]\s+(?P<keep>[^.!]+\?)\s*$",
          FEELS, "{keep}", needs=("must",)),
    _rule("leading", r"\b(?:you )?must (?:have )?(?:been|be|feel|have felt)\s+(?:so |really |very |pretty |quite )?(?P<word>[\w'-]+)[^.?!]*[.!?]\s*(?P<keep>[^.!]*\?)?\s*$",
          FEELS, "Tell me about that moment.", needs=("must",)),
    # -- leading: social proof, with any group noun ("Most agencies have moved to...")
    _rule("leading", rf"{_NOT_ASKED}\b{GROUP}\b{_GAP} {GROUP_VERB}\s+(?:us\s+)?(?:that\s+)?(?:to (?:like|love|use|prefer|hate|enjoy|have|be|find)\s+)?"
          rf"(?P<np>(?:the|our|your|their|its|my)\b[^?.;,]+)",
          CROWD, EXPERIENCE, needs=_GROUP_WORDS),
    _rule("leading", rf"{_NOT_ASKED}\b{GROUP}\b{_GAP} {GROUP_VERB}\b", CROWD, "What has your own experience been?", needs=_GROUP_WORDS),
    _rule("leading", r"^like (?:most|many|all|other|a lot of) \w+", CROWD, "What has your own experience been?", needs=_GROUP_WORDS),
    # -- leading: praise and flattering comparisons ("our amazing editor")
    _rule("leading", rf"^(?P<before>.*?)\b(?P<det>our|the|this|these|your|my|a|an)\s+(?P<adj>{PRAISE})\s+(?:{PRAISE}\s+)*(?P<after>.*)$",
          PRAISED, "{before}{det} {after}", needs=_PRAISE_WORDS),
    _rule("leading", r"\b(?P<np>our\s+[\w'-]+(?:\s+[\w'-]+)?)\s+(?:is\s+)?(?:so\s+)?(?:much\s+|far\s+|a lot\s+)?"
          r"(?:better|easier|faster|simpler|cheaper|nicer|smoother) than\b",
          "it tells them how we compare before they do",
          "How does {np} compare with the alternatives you've tried?", needs=("than",)),
    # -- leading: a presupposed event or difficulty ("Why did you give up...", "At which step did you get lost?")
    _rule("leading", _NO_INSTANCE + _WH_BEFORE[1:] + rf"\b(?:you|your \w+|they|we)\b(?: (?:first|finally|eventually|ever|really|start|started|begin|began|keep|kept))*\s+(?P<event>{_EVENT})\b\s*(?:(?:to|on|with|in|at|by|over|when)\s+)?(?P<np>[^?]*)",
          ASSUMES, HAPPENED, needs=_EVENT_WORDS),
    _rule("leading", _WH_BEFORE + r"\bmade (?:you|your \w+) (?P<event>abandon|quit|give up|leave|struggle|hesitate|panic)\b\s*(?P<np>[^?]*)",
          ASSUMES, HAPPENED, needs=("made you", "made your")),
    _rule("leading", r"\bwhat went (?P<event>wrong)\b", ASSUMES, "Walk me through what happened.", needs=("went wrong",)),
    _rule("leading", _NO_INSTANCE + rf".*?\b(?:how|when|what|why|describe|tell me|walk me through|talk me through)\b[^?]*?\b(?P<agent>{_AGENT})\s+(?:has |have |had |did |does )?(?P<verb>{_CREDIT})\b(?P<rest>[^?.]*)",
          CREDITS, "Walk me through what happened{when}.", needs=("rescu", "sav", "help", "solv", "fix", "improv", "simplif", "transform", "mak")),
    # -- leading: feeling and judging words, anywhere in the question
    _rule("leading", _LEAD + _HOW_FEEL + r" (?P<aux>did|do|does|can|could|will|would) (?P<subj>you|your \w+|they|we|the \w+) (?P<rest>[^?]+)",
          FEELS, "{lead}how {aux} {subj} {rest}?", needs=("how ",)),
    _rule("leading", _LEAD + _HOW_FEEL + r" (?P<aux>are|were|is|was|am) (?:you|they|we) (?:with|about|by|in|at|of) (?P<obj>[^?]+)",
          FEELS, "{lead}how {do} you feel about {obj}?", needs=("how ",)),
    _rule("leading", _LEAD + _HOW_FEEL + r" (?P<aux>are|were|am) (?:you|they|we)\b\s*(?P<rest>[^?]*)",
          FEELS, "{lead}how {do} you feel {rest}?", needs=("how ",)),
    _rule("leading", _LEAD + _HOW_FEEL + r" (?:is|was|are|were|has been|have been) it to (?P<rest>[^?]+)",
          FEELS, "{lead}walk me through how you {rest}.", needs=("how ",)),
    _rule("leading", _LEAD + _HOW_FEEL + r" (?:is|was|are|were|has|have|had)\b(?: been)? (?P<np>[^?]+)",
          FEELS, "{lead}how would you describe {np}?", needs=("how ",)),
    _rule("leading", _LEAD + _HOW_FEEL + r" (?P<np>(?:you|your|the|our|this|that|these|those|it)\b[^?]*)",
          FEELS, "{lead}how would you describe {np}?", needs=("how ",)),
    _rule("leading", r"\bhow (?:much|far) (?:better|easier|faster|quicker|simpler|smoother|happier|more \w+|less \w+)\b",
          "it assumes things got better before they have said so", "What has changed since then?", needs=("how much", "how far")),
    _rule("leading", r"\bhow (?:high|highly) (?:would|do|did|will) you rate (?P<np>[^?]+)",
          "'high' tells them where on the scale to answer", "How would you rate {np}?", needs=("how high",)),
    _rule("leading", r"\bhow much (?:do|did|does) (?:you|your \w+) (?P<word>[\w'-]+) (?P<np>[^?]+)",
          FEELS, EXPERIENCE, needs=("how much",)),
    _rule("leading", r"\b(?:what|which)(?: \w+)? (?:really |most |first |just |particularly )?(?P<word>[\w'-]+) (?:you|your \w+)\b(?: (?:most|about|in|with|on|by))*\s+(?P<np>[^?]+)",
          FEELS, THINK_ABOUT, needs=("what", "which")),
    _rule("leading", r"\b(?:what|which)(?: \w+)? (?:really |most |first |just |particularly )?(?P<word>[\w'-]+) (?:you|your \w+)\b",
          FEELS, "What happened?", needs=("what", "which")),
    _rule("leading", r"\b(?:what|which)\b(?: [\w'-]+){0,3} (?P<aux>do|did|does|would) (?:you|your \w+) (?:really |most |particularly |especially )?(?P<word>[\w'-]+)(?: (?:the )?(?:most|best|least))? (?:about|in|with|when|on) (?P<np>[^?]+)",
          FEELS, "What {do} you think about {np}?", needs=("what", "which")),
    _rule("leading", r"\b(?:what|which) (?:\w+ )?(?:you|they) (?P<word>[\w'-]+)(?: (?:the )?(?:most|best|least))? about (?P<np>[^?.]+)",
          FEELS, EXPERIENCE, needs=("what", "which")),
    _rule("leading", r"\bwhy (?:do|did|does) (?:you|your \w+) (?:really )?(?P<word>like|love|enjoy|prefer|hate|dislike|adore|appreciate) (?P<np>[^?]+)",
          FEELS, "What made you choose {np}?", needs=("why",)),
    _rule("leading", r"\b(?:what|which)(?: \w+)? (?:was|is|were|are|'s) (?:so |really |particularly )?(?P<word>[\w'-]+) (?:about|in|with) (?P<np>[^?]+)",
          FEELS, EXPERIENCE, needs=("what", "which")),
    _rule("leading", rf"{_LEAD}\b{WH}\b[^?]*?\b(?:so|really|very|that|too) (?P<word>[\w'-]+)\b",
          FEELS, "{lead}what happened?", needs=("so ", "really", "very", "that ", "too ")),
    _rule("leading", rf"\b{WH}\b[^?]*?\b(?:the )?(?:most|least) (?P<word>(?!(?:hard|difficult|challenging|tricky|tough|often|time|recent|common|important|likely|people|of)\b)[\w'-]+)\b(?:[^?]*?\b(?:about|with|in|of) (?P<np>[^?]+))?",
          FEELS, "Tell me about your experience with {np}.", needs=("most", "least")),
    # -- hypothetical: pitches and predictions (the Mom Test's future family)
    _rule("hypothetical", r"\b(?:good|great|bad|brilliant|smart|clever) (?:idea|one|concept)\b|\b(?:like|love|think of|about) (?:the|this|that|my|our) (?:idea|concept)\b",
          PITCH, PITCHED, needs=("idea", "concept", " one")),
    _rule("hypothetical", _PITCHED, PITCH, PITCHED, needs=("we", "i'm", "i am", "i've", "i have", "our team")),
    _rule("hypothetical", r"^(?:so,?\s+)?(?:our next (?:release|version|update)|the next version|here's (?:our|my|the) idea|the idea is)\b",
          PITCH, PITCHED, needs=("next", "idea")),
    _rule("hypothetical", rf"\b(?:would|will|could) (?:it|that|this) (?:help|be \w+|make \w+)(?: (?:for )?you)?\s+{_IF_WE}",
          PITCH, LAST_TIME, needs=("if ",)),
    _rule("hypothetical", rf"\b{_WOULD_YOU}{_CHOICE_AFTER}", FUTURE, LAST_TIME, needs=("would", "will", "won't", "'d", "might", "could")),
    _rule("hypothetical", rf"\byou(?:'d| would|'ll| will| might)(?: be)?{_CHOICE_AFTER}", FUTURE, LAST_TIME, needs=("you'd", "you would", "you'll", "you will", "you might")),
    _rule("hypothetical", _IF_WE, PITCH, LAST_TIME, needs=("if ",)),
    _rule("hypothetical", _IMAGINE, FUTURE, LAST_TIME, needs=("suppose", "imagine", "picture", "let's say", "what if", "pretend")),
    _rule("hypothetical", r"\b(?:if|when) (?:it|this|that|there|the \w+) (?:were|was|existed|had|came|worked|did|could)\b[^?]*?\b(?:would|will)\b",
          FUTURE, LAST_TIME, needs=("would", "will")),
    _rule("hypothetical", r"\bhow (?:much|likely|often|soon|many|frequently|quickly)\b[^?]*?\b(?:would|will) (?:you|your \w+|they)\b",
          FUTURE, LAST_TIME, needs=("how ",)),
    _rule("hypothetical", rf"\bhow likely (?:are|is|would) (?:you|your \w+|it that you)\b(?! or)(?: be)?(?: to)?(?: (?P<verb>{CHOICE_VERB})\b)?",
          FUTURE, LAST_TIME, needs=("how likely",)),
    _rule("hypothetical", rf"\b(?:would|will) (?:make|get|convince|persuade) you (?:to )?(?P<verb>{CHOICE_VERB})\b",
          FUTURE, LAST_TIME, needs=("make you", "get you", "convince you", "persuade you")),
    _rule("hypothetical", rf"\b(?:would it take|would have to happen) (?:for you )?(?:to )?(?:get you to )?(?P<verb>{CHOICE_VERB})\b",
          FUTURE, LAST_TIME, needs=("would it take", "would have to happen")),
    _rule("hypothetical", r"\b(?:can|could) you (?:see|imagine|picture) (?:yourself|your \w+|you)\b",
          FUTURE, LAST_TIME, needs=("you see", "you imagine", "you picture")),
    _rule("hypothetical", r"\bthink (?:that )?(?:if\b|(?:it|this|that|the idea|[\w ]+? features?) (?:will|would) (?:work|sell|succeed|be \w+|meet|help))",
          FUTURE, LAST_TIME, needs=("think",)),
    # -- double: two questions ("...? ...?", "..., who else...?", "... and also ...")
    _rule("double", r"^(?P<first>[^?]*\?)(?!\s*then ask\b)(?!\s*(?:and )?(?:why|why not|why is that|why so|how so|how come|what else|and)\s*\??\s*$)\s*(?P<second>[^?]*\w[^?]*\?)",
          TWO_QUESTIONS, "{first}", then=ASK_SECOND, needs=("? ",)),
    _rule("double", _FIRST_Q + JOINT + _SECOND_Q, TWO_QUESTIONS, "{first}?", then=ASK_SECOND, needs=(",", ";", " and", " -", "\u2013", "\u2014")),
    _rule("double", r"^(?P<first>(?:tell|describe|walk|talk)\b[^;?]*?)(?:;\s*also|,?\s+and also|;)\s+(?P<b>[^?.]+)[?.]?\s*$",
          TWO_QUESTIONS, "{first}.", then="Then ask about {b} on its own.", needs=(";", "and also")),
    _rule("double", r"^(?P<first>.+?),?\s+and\s+(?P<second>(?:did|do|does|was|were|is|are|have|has)\s+"
          r"(?:you|it|they|we|your|the|that|this|there|people|anyone)\b[^?]*)\??\s*$",
          TWO_QUESTIONS, "{first}?", then=ASK_SECOND, needs=(" and ",)),
    # -- double: two topics ("about our pricing and our support"); a determiner
    #    governs a compound, so "our search and evaluation process" is one topic
    _rule("double", rf"^(?P<head>.*?\b{TOPIC_PREP}\s+)(?P<a>{DET}\s+{WORD}(?:\s+{WORD})?)"
          rf"{_AND}(?:with\s+)?(?P<b>{DET}\s+{WORD}(?:\s+{WORD})?|{WORD}){TOPIC_END}",
          TWO_TOPICS, "{head}{a}{tail}", then=ASK_B, needs=(" and ", " or ", "/or")),
    _rule("double", rf"^(?P<head>.*?\b{TOPIC_PREP}\s+)(?P<a>{WORD}(?:\s+{WORD})?){_AND}(?P<b>{_PAIR}){TOPIC_END}",
          TWO_TOPICS, "{head}{a}{tail}", then=ASK_B, needs=(" and ", " or ", "/or")),
    _rule("double", rf"^(?P<head>.*?\b)(?P<a>{DET}\s+{WORD}(?:\s+{WORD})?){_AND}"
          rf"(?P<b>{DET}\s+{WORD}(?:\s+{WORD})?){TOPIC_END}",
          TWO_TOPICS, "{head}{a}{tail}", then=ASK_B, needs=(" and ", " or ", "/or")),
    _rule("double", rf"^(?P<head>(?:how|what|do|did|does|is|are|was|were)\b.*?\b(?:manage|use|handle|run|track|rate|like|enjoy|think of|describe|compare)\s+(?:{DET}\s+)?)(?P<a>{WORD}){_AND}(?P<b>{WORD}){TOPIC_END}",
          TWO_TOPICS, "{head}{a}{tail}", then=ASK_B, needs=(" and ", " or ", "/or")),
    # -- double: two qualities ("fast and reliable"); the rewrite keeps the first
    _rule("double", rf"^(?P<head>.*?)\b(?P<a>{QUALITY}){_AND}(?:the steps\s+)?(?P<b>{QUALITY})\b(?P<tail>.*)$",
          "two qualities at once ({a} / {b})", "{head}{a}{tail}", needs=(" and ", " or ")),
    # -- closed: yes/no questions, most specific first; `lead` keeps "When X, "
    _rule("closed", START + r"(?:do|did) you (?:still )?(?:remember|recall) (?P<rest>[^?]+)",
          CLOSED, "{lead}tell me about {rest}.", opens=True),
    _rule("closed", START + r"(?:do|did|would) you agree\b",
          CLOSED, "{lead}how do you see it?", opens=True),
    _rule("closed", START + r"(?:do|does|did) you (?:really )?think (?:that )?(?P<np>(?!(?:if|you|i|we|they|it|this|that|there)\b)[^?]+)",
          CLOSED, "{lead}what do you think of {np}?", opens=True),
    _rule("closed", START + r"(?:do|does|did) you (?:really )?think\b",
          CLOSED, "{lead}what do you think?", opens=True),
    _rule("closed", START + rf"did you find (?P<obj>.+?)\s+(?:(?:too|very|really|pretty|quite|so)\s+)?{QUALITY}\b",
          CLOSED, "{lead}how did {obj} go for you?", opens=True),
    _rule("closed", START + rf"(?:do|does) you find (?P<obj>.+?)\s+(?:(?:too|very|really|pretty|quite|so)\s+)?{QUALITY}\b",
          CLOSED, "{lead}tell me about your experience with {obj}.", opens=True),
    _rule("closed", START + r"(?:do|does|did) you (?:really |still )?prefer\b",
          CLOSED, "{lead}which do you prefer, and why?", opens=True),
    _rule("closed", START + r"(?:do|does|did) you (?:really |still )?(?:like|love|enjoy|hate|dislike) (?P<obj>[^?]+?)(?: or [^?]+)?\?*$",
          CLOSED, "{lead}tell me about your experience with {obj}.", opens=True),
    _rule("closed", START + r"did you (?P<verb>\w+)(?P<obj>.*?)\s+because\b",
          CLOSED, "{lead}what made you {verb} {obj}?", opens=True),
    _rule("closed", START + r"did (?P<np>[^?]+?) make you (?P<verb>\w+)(?P<rest>[^?]*)",
          CLOSED, "{lead}what made you {verb}{rest}?", opens=True),
    _rule("closed", START + r"(?:do|does|did) (?:that|this|it) make sense\b",
          CLOSED, "{lead}how would you put it in your own words?", opens=True),
    _rule("closed", START + r"(?P<aux>do|does|did) (?P<subj>it|that|this|the \w+(?: \w+)?) take (?:long|a while|much time|ages)\b",
          CLOSED, "{lead}how long {aux} {subj} take?", opens=True),
    _rule("closed", START + r"(?P<aux>do|does|did) (?P<subj>this|that|it|the \w+(?: \w+)?) (?:happen|occur|come up)\b",
          CLOSED, "{lead}how often {aux} {subj} happen?", opens=True),
    _rule("closed", START + r"(?P<aux>do|does|did) you expect\b",
          CLOSED, "{lead}what {aux} you expect?", opens=True),
    _rule("closed", START + r"(?:do|does|did) you (?:want|wish) to\b",
          CLOSED, "{lead}what are you looking for?", opens=True),
    _rule("closed", START + r"(?:do|does|did) you (?:know|realise|realize)\b",
          CLOSED, "{lead}what do you know about this?", opens=True),
    _rule("closed", START + r"(?P<aux>do|does|did) you (?:feel|think) (?:that |like )?\w",
          CLOSED, "{lead}how {aux} you feel about it?", opens=True),
    _rule("closed", START + r"(?:do|does|did) you (?:trust|believe) (?P<obj>[^?]+)",
          CLOSED, "{lead}what makes you trust or doubt {obj}?", opens=True),
    _rule("closed", START + r"(?P<aux>do|did) you (?P<verb>see|notice|hear|spot) (?:that|it|this|anything)\s*\?*$",
          CLOSED, "{lead}what {aux} you {verb}?", opens=True),
    _rule("closed", START + r"(?P<aux>did) (?:anyone|anybody|someone|somebody) (?P<verb>\w+) (?:anything|something) (?P<rest>[^?]*)",
          CLOSED, "{lead}what, if anything, {aux} people {verb} {rest}?", opens=True),
    _rule("closed", START + r"(?P<aux>do|does|did) (?:anyone|anybody|someone|somebody) (?P<rest>[^?]+)",
          CLOSED, "{lead}who else {was} involved?", opens=True),
    _rule("closed", START + r"(?:do|does|did) (?:you|your \w+(?: \w+)?|they|we) (?:have|has|had|keep|use) (?P<obj>(?:a|an|any)\b[^?]+)",
          CLOSED, "{lead}tell me about {obj}, if there is one.", opens=True),
    _rule("closed", START + rf"(?P<aux>do|does|did) (?P<subj>you|we|they|i)\s+(?:{ADVERB}\s+)?(?P<rest>[^?]+?)(?: or (?:for |from |in |at |on )?[\w' -]+)?\?*$",
          CLOSED, "{lead}how {aux} {subj} {rest}, if at all?", opens=True),
    _rule("closed", START + r"(?P<aux>do|does|did) (?P<rest>[^?]+)",
          CLOSED, "{lead}how {aux} {rest}, if at all?", opens=True),
    _rule("closed", START + r"(?:is|are) there anything else (?P<subj>i|you|we) (?P<aux>should|can|could|would|might|ought to) (?P<rest>[^?]+)",
          CLOSED, "{lead}what else {aux} {subj} {rest}?", opens=True),
    _rule("closed", START + r"(?:is|are|was|were) there (?P<rest>[^?]+)",
          CLOSED, "{lead}tell me about {rest}.", opens=True),
    _rule("closed", START + r"(?:is|would) it (?:be )?(?:fair|right|true) to (?:say|call)\b",
          CLOSED, "{lead}how would you describe it in your own words?", opens=True),
    _rule("closed", START + r"(?:is|was) it \w+ to (?P<rest>[^?]+)",
          CLOSED, "{lead}walk me through how you {rest}.", opens=True),
    _rule("closed", START + r"(?:are|were) you able to (?P<rest>[^?]+)",
          CLOSED, "{lead}walk me through what happened when you tried to {rest}.", opens=True),
    _rule("closed", START + rf"(?P<aux>are|were|am) you (?:(?:very|really|so|pretty|quite)\s+)?{FEELING} (?:with|about|by|of|in) (?P<obj>[^?]+)",
          CLOSED, "{lead}how {do} you feel about {obj}?", opens=True),
    _rule("closed", START + r"(?P<aux>are|were|am) you (?:(?:very|really|so|pretty|quite|feeling)\s+)?(?P<word>[\w'-]+)\s*\?*$",
          CLOSED, "{lead}how {do} you feel about it?", opens=True),
    _rule("closed", START + r"(?:are|were|am) you (?:still |currently |now )?(?:on|in|at|with|part of) (?P<np>[^?]+)",
          CLOSED, "{lead}tell me about your experience with {np}.", opens=True),
    _rule("closed", START + r"(?:are|were|am) you (?:the|one of the) (?P<rest>[^?]+)",
          CLOSED, "{lead}who is the {rest}?", opens=True),
    _rule("closed", START + r"(?P<aux>are|were) you (?P<verb>\w+ing)\b(?P<rest>[^?]*)",
          CLOSED, "{lead}how {aux} you {verb} {rest}, if at all?", opens=True),
    _rule("closed", START + r"(?:are|were|am) you\b",
          CLOSED, "{lead}tell me more about your situation.", opens=True),
    _rule("closed", START + r"(?P<aux>is|was|are|were) (?P<pron>it|this|that|they|these|those)\b",
          CLOSED, "{lead}how would you describe {pron}?", opens=True),
    _rule("closed", START + rf"(?:is|are|was|were|am) (?P<np>[^?]+?) (?:(?:too|very|really|pretty|quite|so)\s+)?{QUALITY}\s*\?*$",
          CLOSED, "{lead}how would you describe {np}?", opens=True),
    _rule("closed", START + r"(?:is|are|was|were|am) (?P<np>[^?]+)",
          CLOSED, "{lead}how would you describe {np}?", opens=True),
    _rule("closed", START + r"have you got (?P<obj>[^?]+)",
          CLOSED, "{lead}tell me about {obj}, if there is one.", opens=True),
    _rule("closed", START + r"have you (?:ever\s+)?(?P<rest>[^?]+)",
          CLOSED, "{lead}tell me about any time you've {rest}.", opens=True),
    _rule("closed", START + rf"(?P<aux>has|have) (?P<subj>{DET}\s+[\w'-]+|anyone|someone|anybody|somebody|everyone) (?:ever\s+)?(?P<rest>[^?]+)",
          CLOSED, "{lead}tell me about any time {subj} {aux} {rest}.", opens=True),
    _rule("closed", START + r"can you (?P<rest>[^?]+)",
          CLOSED, "{lead}walk me through how you {rest}.", opens=True),
    _rule("closed", START + r"could you (?P<rest>[^?]+)",
          CLOSED, "{lead}walk me through what happened when you tried to {rest}.", opens=True),
    _rule("closed", START + r"(?:would|will) you (?:say|call) (?:that )?(?P<rest>[^?]+)",
          CLOSED, "{lead}how would you describe it in your own words?", opens=True),
    _rule("closed", START + r"(?:would|will) you (?:be (?:interested in|open to|willing to try)|like|want|love) (?:to (?:see|have|get|use|try) |us to \w+ )?(?P<obj>[^?]+)",
          CLOSED, "{lead}what would you want from {obj}?", opens=True),
    _rule("closed", START + r"(?:would|will) you (?:ever\s+|still\s+|really\s+|be willing to\s+|be happy to\s+)*(?P<rest>[^?]+)",
          CLOSED, "{lead}how do you decide whether to {rest}?", opens=True),
    _rule("closed", START + r"(?:should|shall) (?P<subj>we|i|they|you|the team) (?P<rest>[^?]+)",
          CLOSED, "{lead}if {subj} {rest}, what would change for you?", opens=True),
    _rule("closed", START + r"(?:would|will|can|could|should|might|may|must) (?:it|that|this|there) (?P<rest>[^?]+)",
          CLOSED, "{lead}how would you describe it?", opens=True),
    _rule("closed", START + r"(?P<aux>will|would|can|could|should|might|may|must) (?P<rest>[^?]+)",
          CLOSED, "{lead}how {aux} {rest}, if at all?", opens=True),
    _rule("closed", r"^anything else (?:that )?(?P<subj>you|i|we)(?:'d| would) (?P<rest>[^?]+)\?\s*$",
          CLOSED, "What else would {subj} {rest}?", opens=True),
    _rule("closed", r"^any (?:other )?(?P<noun>[\w'-]+(?: [\w'-]+)?) (?P<subj>you|your \w+) (?P<rest>[^?]+)\?\s*$",
          CLOSED, "What other {noun} do {subj} {rest}?", opens=True),
    _rule("closed", r"^(?:any|anything|anyone|anybody|something|someone)\b[^?]*\?\s*$", CLOSED, FALLBACK, opens=True),
    _rule("closed", rf"^(?!.*\b{WH}\b)(?!.*{_TAGGED})(?:so,?\s+)?you(?:'re|'ve|'d)? \w[^?]*\?\s*$",
          "a statement with a question mark expects yes or no", "Tell me about that.", opens=True),
    _rule("closed", START + rf"{AUX}\s+\w", CLOSED, FALLBACK, opens=True),
)
