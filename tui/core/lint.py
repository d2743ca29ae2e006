"""Question linter: flags guide questions that push a participant toward an answer.

Three kinds, after interviewing practice:
- `closed`: answerable with yes or no, so the story never comes out;
- `leading`: tells them the answer you hope for (negative and tag questions,
  loaded adjectives, praise, social proof, pitching a solution);
- `double`: two questions or two topics at once, so one gets dropped.

Every rule is a row in a table: a compiled pattern, its kind, a short reason
and an open rewrite built from the pattern's named groups. Rows of one kind
run in order, specific before general, and the first match gives that kind's
finding. Rewrites are linted again until clean, so a suggestion never needs
its own correction. Pure code: no I/O, no UI.

Decisions, so the rules stay consistent:
- a story request is open even with a modal ("Could you walk me through...");
- two verbs sharing one object are one question ("how did you find and fix
  it"); two topics ("our pricing and our support") or two direct questions
  ("... and how did you choose them?") are double;
- a clause inside a story request ("... and what you did about it") and a
  short follow-up tail (", and why?") belong to the same question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tui.core.guide import Guide, QuestionRef

KINDS = ("leading", "double", "closed")  # also the order rewrites are tried in
FALLBACK = "Tell me about the last time that came up."

# --- vocabulary ---------------------------------------------------------------

_AUX = r"(?:do|does|did|is|are|am|was|were|have|has|had|will|would|should|shall|can|could|may|might|must)"
_NEGATIVE = (
    r"(?:don't|doesn't|didn't|isn't|aren't|wasn't|weren't|haven't|hasn't|won't|wouldn't|"
    r"shouldn't|can't|couldn't)"
)
_DET_WORDS = "the|our|your|their|its|this|that|these|those|my"
_DET = rf"(?:{_DET_WORDS})"
# A content word: not a determiner, pronoun or question word.
_WORD = rf"(?!(?:{_DET_WORDS}|how|what|why|when|where|who|which|whether|you|it|them|me|us|i|we|they)\b)[\w'-]+"
_STORY_VERB = (
    r"(?:describe|walk|talk|take|tell|show|give|share|explain|run|paint|go through|"
    r"help me understand|think of|remember|recall|say more|elaborate|expand|list|name)"
)
# Adjectives that judge; "how easy was..." presupposes the judgement.
_LOADED = (
    r"(?:easy|hard|difficult|simple|straightforward|intuitive|confusing|useful|helpful|"
    r"valuable|great|good|bad|amazing|awesome|excellent|fantastic|frustrating|annoying|"
    r"painful|smooth|seamless|enjoyable|stressful|terrible|awful|satisfied|happy|pleased|"
    r"disappointed|frustrated|annoyed|tedious|convenient|handy)"
)
_QUALITY = (
    r"(?:easy|easier|hard|difficult|simple|straightforward|clear|unclear|confusing|"
    r"intuitive|useful|helpful|valuable|great|good|bad|nice|fast|quick|slow|reliable|"
    r"stable|smooth|seamless|painful|frustrating|annoying|enjoyable|fun|stressful|"
    r"expensive|cheap|affordable|fair|generous|reasonable|worthwhile|convenient|handy|"
    r"secure|safe|flexible|powerful|accurate|clean|responsive|obvious)"
)
_QUALITY_WORD = re.compile(_QUALITY)
_FEELING = (
    r"(?:happy|satisfied|pleased|unhappy|disappointed|frustrated|annoyed|worried|"
    r"concerned|comfortable|confident|excited|surprised|confused)"
)
_PRAISE = (
    r"(?:amazing|awesome|great|beautiful|powerful|fantastic|brilliant|innovative|"
    r"wonderful|excellent|revolutionary|slick|lovely|intuitive|seamless|best-in-class|"
    r"new and improved|improved|handy|convenient|award-winning)"
)
_TAG = (
    r"(?:right|correct|yes|yeah|no|ok|okay|true|agreed|isn't it|wasn't it|aren't they|"
    r"weren't they|don't you|didn't you|doesn't it|didn't it|won't it|wouldn't it|"
    r"wouldn't you|won't you|will you|don't they|didn't they|isn't that right|am i right|"
    r"is that right|haven't you|hasn't it|can't you|don't we)"
)
_ADVERB = r"(?:still|ever|really|actually|currently|usually|normally|already|also|even|often|always|sometimes)"
_PITCH_VERB = r"(?:added|had|offered|built|included|introduced|provided|launched|made|shipped|created)"
_CROWD = (
    r"(?:most|many|lots of|a lot of|plenty of|all|other|our|some of our|half of our)\s+"
    r"(?:of\s+(?:our|the)\s+)?(?:customers|users|people|clients|teams|companies|folks|buyers)"
    r"|everyone|everybody|nobody|no one|people"
)
_CROWD_VERB = (
    r"(?:say|says|said|tell|tells|told|love|loves|loved|like|likes|liked|prefer|prefers|"
    r"agree|agrees|think|thinks|find|finds|found|report|mention|mentioned|rave|hate|hates|"
    r"want|wants|use|uses)"
)
_TOPIC_PREP = r"(?:about|of|with|on|regarding|towards?)"
# Where a clause may end after "X and Y": so "X and Y" is the whole topic.
_TOPIC_END = (
    r"(?P<tail>(?:[?.!,;]|\s+(?:for|in|at|on|with|of|during|today|so far|these days|lately|"
    r"when|since|before|after|to|from|compared)\b).*|)$"
)
# A clause may open with "When you signed up, ..." and a filler word.
_FILLER = r"(?:(?:so|and|but|okay|ok|now|also|well|then)\b,?\s+)?"
_START = r"^(?P<lead>(?:[^?,;:\u2014\u2013]*[,;:\u2014\u2013]\s+)?)" + _FILLER
_IDIOMS = re.compile(
    r"\b(?:pros and cons|ups and downs|back and forth|trial and error|terms and conditions|"
    r"drag and drop|copy and paste|more or less|sooner or later|now and then|bits and pieces|"
    r"nuts and bolts|dos and don'ts|black and white|rules and regulations|"
    r"research and development|supply and demand|profit and loss|health and safety|"
    r"safe and sound|short and sweet|nice and easy|in and out|on and off|give and take|"
    r"q and a|plug and play|by and large|first and foremost|over and over|again and again)\b",
    re.IGNORECASE,
)
_SHIELD = "\ue000"  # joins an idiom's words so "and" inside it is never a joint

# Words that end the noun phrase a clause opens with.
_PHRASE_STOP = set(
    """is are am was were be been being do does did has have had will would can could
    should may might must makes made works worked feels felt seems seemed looks looked
    needs needed helps helped save saves saved take takes took gets got goes went
    with for to of in on at by from about than into over under after before during
    when while because if that which who and or but too very really pretty so quite
    enough still ever always never more less most least much you something anything
    everything isn't wasn't aren't weren't don't doesn't didn't ok okay fine alright
    possible worth""".split()
)
_LOWER_FIRST = set("the a an your our their its this that these those my you it they we".split())
_DO_FOR_AUX = {
    "did": "did", "didn't": "did", "was": "did", "were": "did", "wasn't": "did", "weren't": "did",
    "does": "does", "doesn't": "does", "is": "does", "isn't": "does",
}


# --- the table ------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One row: a pattern, its kind, why it pushes, and an open rewrite.

    `rewrite` and `reason` are `str.format` templates over the pattern's named
    groups, plus `do` (do/does/did, matching the question's tense). A group
    named `np` is cut to the noun phrase it opens with; `second` is a whole
    question, rewritten on its own. `then` (double rules only) is what to ask
    next, after the rewritten first question.
    """

    kind: str
    pattern: re.Pattern[str]
    reason: str
    rewrite: str
    then: str = ""


def _rule(kind: str, pattern: str, reason: str, rewrite: str, then: str = "") -> Rule:
    return Rule(kind, re.compile(pattern, re.IGNORECASE), reason, rewrite, then)


# Yes/no on purpose, so never `closed`: a modal story request ("Could you walk
# me through..."), a polite preface ("Can I ask what you paid?"), or asking
# permission and moving on ("Is it OK if I record this?", "Shall we start?").
_NOT_CLOSED = re.compile(
    _START + rf"(?:(?:can|could|would|will) you (?:please )?{_STORY_VERB}\b"
    r"|would you mind (?:walking|talking|taking|telling|showing|describing|sharing|explaining|giving)"
    r"|(?:can|could|may) i\b|(?:do|would) you mind if\b|shall we\b|are you ready\b"
    r"|is it (?:ok|okay|alright|all right|fine) (?:if|to)\b"
    r"|have (?:a|another) (?:look|think|go|try|play)\b)",
    re.IGNORECASE,
)

# Reasons shown to the interviewer, and rewrites used by several rows.
CLOSED = "can be answered yes or no"
NEGATIVE = "a negative question tells them the answer you expect"
TAGGED = "the tag asks them to agree with you"
LOADED = "'{adj}' presupposes the answer"
CROWD = "it tells them what others think before they answer"
PITCH = "it pitches a solution instead of asking about their needs"
TWO_QUESTIONS = "two questions at once; one answer gets lost"
TWO_TOPICS = "two topics at once ({a} / {b})"
EXPERIENCE = "Tell me about your experience with {np}."
NEEDED = "Tell me about the last time you needed something like {obj}."
ASK_SECOND = "Then ask on its own: {second}."
ASK_B = "Then ask about {b} on its own."

_AT_START = "^" + _FILLER  # negatives only open a question; after a comma they are tags
_SO = r"^(?:so,?\s+)?"
_TAGGED = rf",\s*{_TAG}\s*\?\s*$"
_IF_WE_ADDED = rf"if (?:we|you|the app|it|there) {_PITCH_VERB} (?P<obj>[^?]+)"
_WOULD_IT_HELP = r"(?:would|will) (?:it|that|this) (?:help|be \w+)(?: (?:for )?you)? "
_WOULD_YOU_LIKE_IT = r"would you (?:like|want|love|use|pay for|buy) (?:it |this |that )?"
_PAIR = rf"(?:{_DET}\s+)?{_WORD}(?:\s+{_WORD})?"  # "pricing", "our support", "the mobile app"
_AND = r"\s+(?:and/or|and|or)\s+"

RULES: tuple[Rule, ...] = (
    # -- leading: negative questions ("Don't you think...", "Isn't it...")
    _rule("leading", _AT_START + r"wouldn't (?:it|that) be \w+ if\b",
          NEGATIVE, "What would make this better for you?"),
    _rule("leading", _AT_START + r"don't you think (?:that )?(?P<np>.+)",
          NEGATIVE, "What do you think of {np}?"),
    _rule("leading", _AT_START + r"(?:isn't|wasn't) it \w+ when (?P<rest>[^?]+)",
          NEGATIVE, "What happens when {rest}?"),
    _rule("leading", _AT_START + rf"(?P<aux>aren't|weren't) you (?:\w+ )?{_FEELING} (?:about|with|by|of) (?P<x>[^?]+)",
          NEGATIVE, "How {do} you feel about {x}?"),
    _rule("leading", _AT_START + r"(?P<aux>didn't|doesn't|don't) (?P<np>.+?) "
          r"(?:bother|annoy|frustrate|confuse|worry|upset|surprise|help|hurt)s? (?:you|your team)\b",
          NEGATIVE, "How {do} {np} affect you?"),
    _rule("leading", _AT_START + r"(?:isn't|wasn't|aren't|weren't) (?P<np>[^?]+)",
          NEGATIVE, "How would you describe {np}?"),
    _rule("leading", _AT_START + rf"(?P<aux>{_NEGATIVE}) you (?P<verb>(?!think\b)\w+)(?P<rest>[^?]*)",
          NEGATIVE, "How {do} you {verb} {rest}, if at all?"),
    _rule("leading", _AT_START + rf"{_NEGATIVE}\s",
          NEGATIVE, FALLBACK),
    # -- leading: tag questions ("..., right?", "..., isn't it?")
    _rule("leading", _SO + rf"you(?:'d| would) (?P<verb>\w+)[^,]*{_TAGGED}",
          TAGGED, "What would make you {verb}?"),
    _rule("leading", _SO + rf"you (?:found|find) (?P<x>[^,]+?) (?:\w+ )?{_QUALITY}{_TAGGED}",
          TAGGED, "Tell me about your experience with {x}."),
    _rule("leading", _SO + rf"you (?P<verb>\w+)(?P<rest>[^,]*){_TAGGED}",
          TAGGED, "Tell me about how you {verb} {rest}."),
    _rule("leading", rf"^(?P<np>[^,]+){_TAGGED}",
          TAGGED, EXPERIENCE),
    # -- leading: loaded adjectives ("How easy was...", "How much do you love...")
    _rule("leading", _SO + rf"how (?P<adj>{_LOADED}) (?:is|was) it to (?P<rest>[^?]+)",
          LOADED, "Walk me through how you {rest}."),
    _rule("leading", _SO + rf"how (?P<adj>{_LOADED}) (?:did|do) you find (?P<np>[^?]+)",
          LOADED, EXPERIENCE),
    _rule("leading", _SO + rf"how (?P<adj>{_LOADED}) (?P<aux>are|were) you (?:with|about|by) (?P<x>[^?]+)",
          LOADED, "How {do} you feel about {x}?"),
    _rule("leading", _SO + rf"how (?P<adj>{_LOADED}) (?:is|was|are|were|has|have) (?P<np>[^?]+)",
          LOADED, EXPERIENCE),
    _rule("leading", _SO + r"how much do you (?P<adj>love|like|enjoy|hate|dislike|appreciate) (?P<np>[^?]+)",
          LOADED, EXPERIENCE),
    # -- leading: praise and flattering comparisons ("our amazing editor")
    _rule("leading", rf"^(?P<before>.*?)\b(?P<det>our|the|this|these|your|my)\s+(?P<adj>{_PRAISE})\s+(?:{_PRAISE}\s+)*(?P<after>.*)$",
          "'{adj}' praises the thing you ask about", "{before}{det} {after}"),
    _rule("leading", r"\b(?P<np>our\s+[\w'-]+(?:\s+[\w'-]+)?)\s+(?:is\s+)?(?:so\s+)?(?:much\s+|far\s+|a lot\s+)?"
          r"(?:better|easier|faster|simpler|cheaper|nicer|smoother) than\b",
          "it tells them how we compare before they do",
          "How does {np} compare with the alternatives you've tried?"),
    # -- leading: social proof ("Most customers say...", "Everyone tells us...")
    _rule("leading", rf"\b(?:{_CROWD})\s+{_CROWD_VERB}\s+(?:us\s+)?(?:that\s+)?"
          r"(?P<np>(?!(?:us|they|we|you|he|she|i|it|this|that)\b)[^?.;]+)",
          CROWD, EXPERIENCE),
    _rule("leading", rf"\b(?:{_CROWD})\s+{_CROWD_VERB}\b",
          CROWD, "What has your own experience been?"),
    # -- leading: pitching a solution ("Would it help if we added...")
    _rule("leading", _SO + _WOULD_IT_HELP + _IF_WE_ADDED, PITCH, NEEDED),
    _rule("leading", _SO + _WOULD_YOU_LIKE_IT + _IF_WE_ADDED, PITCH, NEEDED),
    _rule("leading", _SO + r"would you (?:like|want|love) (?:to (?:see|have|get|use|try)|us to \w+) (?P<obj>[^?]+)",
          PITCH, NEEDED),
    _rule("leading", _SO + rf"(?:{_WOULD_IT_HELP}|{_WOULD_YOU_LIKE_IT})if\b",
          PITCH, "What would make this easier for you?"),
    # -- double: two questions ("...? ...?", "... and how did you...?")
    _rule("double", r"^(?P<first>[^?]*\?)\s*(?P<second>[^?]*\w[^?]*\?)",
          TWO_QUESTIONS, "{first}", then=ASK_SECOND),
    _rule("double", r"^(?P<first>.+?),?" + _AND + r"(?P<second>(?:how|what|why|when|where|which|who)\s+"
          r"(?!(?:you|i|we|they|he|she|it|your|our|their|the|a|an|this|that|people|someone|happened|happens)\b)"
          r"\w+\s+\w[^?]*)\??\s*$",
          TWO_QUESTIONS, "{first}?", then=ASK_SECOND),
    _rule("double", rf"^(?P<first>.+?),?\s+(?:and|or)\s+(?P<second>{_AUX}\s+"
          r"(?:you|it|they|we|your|the|that|this|there|people|anyone)\b[^?]*)\??\s*$",
          TWO_QUESTIONS, "{first}?", then=ASK_SECOND),
    # -- double: two topics ("about our pricing and our support"); a determiner
    #    governs a compound, so "our search and evaluation process" is one topic
    _rule("double", rf"^(?P<head>.*?\b{_TOPIC_PREP}\s+)(?P<a>{_DET}\s+{_WORD}(?:\s+{_WORD})?)"
          rf"{_AND}(?P<b>{_DET}\s+{_WORD}(?:\s+{_WORD})?|{_WORD}){_TOPIC_END}",
          TWO_TOPICS, "{head}{a}{tail}", then=ASK_B),
    _rule("double", rf"^(?P<head>.*?\b{_TOPIC_PREP}\s+)(?P<a>{_WORD}(?:\s+{_WORD})?){_AND}(?P<b>{_PAIR}){_TOPIC_END}",
          TWO_TOPICS, "{head}{a}{tail}", then=ASK_B),
    _rule("double", rf"^(?P<head>.*?\b)(?P<a>{_DET}\s+{_WORD}(?:\s+{_WORD})?){_AND}"
          rf"(?P<b>{_DET}\s+{_WORD}(?:\s+{_WORD})?){_TOPIC_END}",
          TWO_TOPICS, "{head}{a}{tail}", then=ASK_B),
    # -- double: two qualities ("fast and reliable"); the rewrite keeps the first
    _rule("double", rf"^(?P<head>.*?)\b(?P<a>{_QUALITY}){_AND}(?P<b>{_QUALITY})\b(?P<tail>.*)$",
          "two qualities at once ({a} / {b})", "{head}{a}{tail}"),
    # -- closed: yes/no questions, most specific first; `lead` keeps "When X, "
    _rule("closed", _START + r"(?:do|did) you (?:still )?(?:remember|recall) (?P<rest>[^?]+)",
          CLOSED, "{lead}tell me about {rest}."),
    _rule("closed", _START + r"(?:do|did|would) you agree\b",
          CLOSED, "{lead}how do you see it?"),
    _rule("closed", _START + r"(?:do|does|did) you (?:really )?think (?:that )?(?P<np>[^?]+)",
          CLOSED, "{lead}what do you think of {np}?"),
    _rule("closed", _START + rf"did you find (?P<x>.+?)\s+(?:(?:too|very|really|pretty|quite|so)\s+)?{_QUALITY}\b",
          CLOSED, "{lead}how did {x} go for you?"),
    _rule("closed", _START + rf"(?:do|does) you find (?P<x>.+?)\s+(?:(?:too|very|really|pretty|quite|so)\s+)?{_QUALITY}\b",
          CLOSED, "{lead}tell me about your experience with {x}."),
    _rule("closed", _START + r"(?:do|does|did) you (?:really |still )?(?:like|love|enjoy|hate|dislike|prefer) (?P<x>[^?]+)",
          CLOSED, "{lead}tell me about your experience with {x}."),
    _rule("closed", _START + r"did you (?P<verb>\w+)(?P<obj>.*?)\s+because\b",
          CLOSED, "{lead}what made you {verb} {obj}?"),
    _rule("closed", _START + rf"(?P<aux>do|does|did) (?P<subj>you|we|they|i)\s+(?:{_ADVERB}\s+)?(?P<rest>[^?]+)",
          CLOSED, "{lead}how {aux} {subj} {rest}, if at all?"),
    _rule("closed", _START + r"(?P<aux>do|does|did) (?P<rest>[^?]+)",
          CLOSED, "{lead}how {aux} {rest}, if at all?"),
    _rule("closed", _START + r"(?:is|are|was|were) there (?P<rest>[^?]+)",
          CLOSED, "{lead}tell me about {rest}."),
    _rule("closed", _START + r"(?:is|was) it \w+ to (?P<rest>[^?]+)",
          CLOSED, "{lead}walk me through how you {rest}."),
    _rule("closed", _START + r"(?:are|were) you able to (?P<rest>[^?]+)",
          CLOSED, "{lead}walk me through what happened when you tried to {rest}."),
    _rule("closed", _START + rf"(?P<aux>are|were|am) you (?:(?:very|really|so|pretty|quite)\s+)?{_FEELING} (?:with|about|by|of|in) (?P<x>[^?]+)",
          CLOSED, "{lead}how {do} you feel about {x}?"),
    _rule("closed", _START + r"(?P<aux>are|were) you (?P<verb>\w+ing)\b(?P<rest>[^?]*)",
          CLOSED, "{lead}how {aux} you {verb} {rest}, if at all?"),
    _rule("closed", _START + r"(?:is|are|was|were|am) (?P<np>[^?]+)",
          CLOSED, "{lead}how would you describe {np}?"),
    _rule("closed", _START + r"have you (?:ever\s+)?(?P<rest>[^?]+)",
          CLOSED, "{lead}tell me about any time you've {rest}."),
    _rule("closed", _START + rf"(?P<aux>has|have) (?P<subj>{_DET}\s+[\w'-]+|anyone|someone|anybody|somebody|everyone) (?:ever\s+)?(?P<rest>[^?]+)",
          CLOSED, "{lead}tell me about any time {subj} {aux} {rest}."),
    _rule("closed", _START + r"(?:can|could) you (?:see|imagine|picture) yourself (?P<rest>[^?]+)",
          CLOSED, "{lead}what would {rest} look like for you?"),
    _rule("closed", _START + r"can you (?P<rest>[^?]+)",
          CLOSED, "{lead}walk me through how you {rest}."),
    _rule("closed", _START + r"could you (?P<rest>[^?]+)",
          CLOSED, "{lead}walk me through what happened when you tried to {rest}."),
    _rule("closed", _START + r"(?:would|will) you be (?:interested in|open to|willing to try) (?P<rest>[^?]+)",
          CLOSED, "{lead}what would make {rest} worth your time?"),
    _rule("closed", _START + r"(?:would|will) you (?:like|want|love) (?:to (?:see|have|get|use|try) |us to \w+ )?(?P<obj>[^?]+)",
          CLOSED, "{lead}what would you want from {obj}?"),
    _rule("closed", _START + r"(?:would|will) you (?:ever\s+)?(?P<rest>[^?]+)",
          CLOSED, "{lead}how do you decide whether to {rest}?"),
    _rule("closed", _START + r"(?:should|shall) (?P<subj>we|i|they|you|the team) (?P<rest>[^?]+)",
          CLOSED, "{lead}if {subj} {rest}, what would change for you?"),
    _rule("closed", _START + r"(?P<aux>will|would|can|could|should|might|may|must) (?P<rest>[^?]+)",
          CLOSED, "{lead}how {aux} {rest}, if at all?"),
    _rule("closed", rf"^(?!.*\b(?:how|what|why|when|where|which|who)\b)(?!.*{_TAGGED})"
          r"(?:so,?\s+)?you (?P<verb>\w+)(?P<rest>[^?]*)\?\s*$",
          "a statement with a question mark expects yes or no", "Tell me about how you {verb} {rest}."),
    _rule("closed", _START + rf"{_AUX}\s+\w", CLOSED, FALLBACK),
)


# --- results ----------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    kind: str
    reason: str
    suggestion: str


@dataclass(frozen=True)
class LintResult:
    question: str
    findings: tuple[Finding, ...]  # most telling first: leading, double, closed

    @property
    def flagged(self) -> bool:
        return bool(self.findings)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(f.kind for f in self.findings)

    @property
    def suggestion(self) -> str | None:
        """The best rewrite: the one for the most telling problem (each fixes all)."""
        return self.findings[0].suggestion if self.findings else None


def lint_question(text: str) -> LintResult:
    """Check one question; every finding carries an open rewrite that lints clean."""
    findings = []
    for rule, match in _matches(_normalize(text)):
        fields = _fields(match)
        reason = _unshield(rule.reason.format(**fields))
        findings.append(Finding(rule.kind, reason, _open_rewrite(_render(rule, fields))))
    return LintResult(text, tuple(findings))


def lint_guide(guide: Guide) -> list[tuple[QuestionRef, LintResult]]:
    """Every question of a guide, in interview order, with its result."""
    return [(ref, lint_question(ref.question.text)) for ref in guide.questions]


# --- machinery --------------------------------------------------------------------


def _matches(text: str) -> Iterator[tuple[Rule, re.Match[str]]]:
    """The first matching row of each kind, in `KINDS` order."""
    not_closed = bool(_NOT_CLOSED.search(text))
    for kind in KINDS:
        if kind == "closed" and not_closed:
            continue
        for rule in RULES:
            if rule.kind == kind and (match := rule.pattern.search(text)):
                yield rule, match
                break


def _open_rewrite(text: str, attempts: int = 3) -> str:
    """Fix the most telling problem until none is left; a generic open prompt if stuck."""
    for _ in range(attempts):
        found = next(_matches(_normalize(text)), None)
        if found is None:
            return text
        text = _render(found[0], _fields(found[1]))
    return FALLBACK if next(_matches(_normalize(text)), None) else text


def _render(rule: Rule, fields: dict[str, str]) -> str:
    text = _sentence(rule.rewrite.format(**fields))
    if rule.then:
        text = f"{_open_rewrite(text)} {_sentence(rule.then.format(**fields))}"
    return text


def _fields(match: re.Match[str]) -> dict[str, str]:
    fields = {name: _tidy(name, value or "") for name, value in match.groupdict().items()}
    fields["do"] = _DO_FOR_AUX.get((match.groupdict().get("aux") or "").lower(), "do")
    return fields


def _tidy(name: str, value: str) -> str:
    if name in ("lead", "before", "after", "head", "tail", "first"):
        return value
    if name == "np":
        return _noun_phrase(value)
    if name == "second":
        rewritten = _open_rewrite(_sentence(value.strip().rstrip("?.!") + "?"))
        return _lower_first(rewritten).rstrip("?.!")
    if name == "aux":
        return value.lower()
    return value.strip().rstrip("?.!,;: ")


def _noun_phrase(text: str) -> str:
    """The noun phrase a clause opens with: "the free plan is generous" -> "the free plan"."""
    words = text.split()
    phrase: list[str] = []
    for i, word in enumerate(words):
        bare = word.strip(".,;:!?\"'").lower()
        if not phrase and bare in ("that's", "it's", "this's", "there's"):
            return bare[:-2]
        next_word = words[i + 1].lower() if i + 1 < len(words) else ""
        if phrase and (bare in _PHRASE_STOP or _QUALITY_WORD.fullmatch(bare) or next_word == "than"):
            break
        phrase.append(word.rstrip(".,;:!?"))
        if word[-1] in ".,;:!?" or len(phrase) == 4:
            break
    if phrase and phrase[0].lower() in _LOWER_FIRST:
        phrase[0] = phrase[0].lower()
    return " ".join(phrase) or "it"


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or first[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def _sentence(text: str) -> str:
    """Tidy spacing and capitalise, so templates can be filled carelessly."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,?.!;:])", r"\1", text)
    text = re.sub(r",([?.!])", r"\1", text)
    return _unshield(text[:1].upper() + text[1:])


def _normalize(text: str) -> str:
    """Straight quotes, single spaces, idioms shielded from the "and" rules."""
    text = re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'")).strip()
    return _IDIOMS.sub(lambda m: m.group(0).replace(" ", _SHIELD), text)


def _unshield(text: str) -> str:
    return text.replace(_SHIELD, " ")
