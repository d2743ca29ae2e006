"""Question checker: flags guide questions that push a participant toward an answer.

Four kinds, after interviewing practice; the labelling policy the rules are
measured by is written out in `tests/core/data/question_policy.md`:
- `leading`: tells them the answer you hope for — negative and tag questions
  anywhere, feeling and judging words put in their mouth, a presupposed event
  or difficulty, an opinion stated first, social proof, praise;
- `hypothetical`: asks them to predict what they would buy, pay or use, or
  pitches an idea (the Mom Test: ask about the last time instead);
- `double`: two questions or two topics at once, so one gets dropped;
- `closed`: answerable with yes or no (or one of the options it offers).

What stays open: story requests with a modal, an adverb or "be able to"
("Could you quickly walk me through..."), balanced pairs ("How simple or hard
was it..."), follow-up tails (", and why?", "? Why?"), hedged presuppositions
("What, if anything, made it hard..."), and one topic joined by "and".

The rules are a table (`lint_rules.RULES`), one family after another:

| family                         | kind         | e.g.                               | rewrite, e.g.                          |
|--------------------------------|--------------|------------------------------------|----------------------------------------|
| negative question              | leading      | Don't you hate when it logs out?   | What happens when it logs out?         |
| tag, anywhere                  | leading      | You picked grid, correct? We...    | Tell me about how you picked grid.     |
| opinion or observation first   | leading      | Since our alerts save hours, ...?  | the question alone, "them" named       |
| social proof, any group noun   | leading      | Your colleagues all seem to like X | Tell me about your experience with X.  |
| praise, flattering comparison  | leading      | our amazing dashboard              | our dashboard                          |
| presupposed event, difficulty  | leading      | At which step did you get lost?    | Walk me through what happened.         |
| feeling or judging word        | leading      | What annoyed you about the export? | What did you think about the export?   |
| pitch                          | hypothetical | We're building X. Would you...?    | advice: leave the idea out             |
| prediction                     | hypothetical | Would you buy this?                | Tell me about the last time you bought |
| two questions                  | double       | How did you choose, who else...?   | the first; "Then ask on its own: ..."  |
| two topics or qualities        | double       | our pricing and our support        | the first; "Then ask about ..."        |
| yes/no                         | closed       | Did you find onboarding easy?      | How did onboarding go for you?         |

Every finding carries a rewrite: an open question, or advice in words where no
safe rewrite exists. Rewrites are linted again until clean, so a suggestion
never needs its own correction. Pure code: no I/O, no UI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tui.core.guide import Guide, QuestionRef
from tui.core.lint_rules import (
    ASSUMES, CREDITS, FALLBACK, FEELS, KINDS, PITCHED, RULES, Rule, not_closed, openings,
)
from tui.core.lint_words import HEDGE, IDIOMS, QUALITY_WORD, is_balanced, is_evaluative

__all__ = ["FALLBACK", "KINDS", "RULES", "Finding", "LintResult", "lint_guide", "lint_question"]

_SHIELD = "\ue000"  # joins an idiom's or a balanced pair's words so no rule sees them apart
_HEDGEABLE = {ASSUMES, CREDITS, FEELS}  # "if anything" takes the presupposition back
_PAIR = re.compile(r"\b([\w'-]+)\s+(or|and|vs\.?|versus)\s+([\w'-]+)\b", re.IGNORECASE)

# Words that end the noun phrase a clause opens with.
_PHRASE_STOP = set(
    """is are am was were be been being do does did has have had will would can could
    should may might must makes made works worked feels felt seems seemed looks looked
    needs needed helps helped save saves saved take takes took gets got goes went
    with for to of in on at by from about than into over under after before during
    when while because if that which who and or but too very really pretty so quite
    enough still ever always never more less most least much you something anything
    everything isn't wasn't aren't weren't don't doesn't didn't ok okay fine alright
    possible worth available part same ready done finished working broken included right
    wrong necessary""".split()
)
_FILLERS = set("so and but okay ok well now then also".split())
_LOWER_FIRST = set("the a an your our their its this that these those my you it they we".split())
_DO_FOR_AUX = {
    "did": "did", "didn't": "did", "was": "did", "were": "did", "wasn't": "did", "weren't": "did",
    "does": "does", "doesn't": "does", "is": "does", "isn't": "does",
}
_PAST_FORMS = set("lost felt found got hated liked loved bought paid thought".split())
# The past of each choice a prediction asks about: "would you buy" -> "the last time you bought".
_PAST = {
    "buy": "bought", "pay": "paid for", "purchase": "bought", "use": "used", "sign up": "signed up for",
    "subscribe": "subscribed to", "switch": "switched to", "upgrade": "upgraded to", "recommend": "recommended",
    "try": "tried", "open": "opened", "adopt": "adopted", "install": "installed", "download": "downloaded",
    "spend": "spent money on", "check": "checked", "scan": "scanned", "order": "ordered", "join": "joined",
    "start using": "started using", "keep using": "kept using", "renew with": "renewed with",
    "pick up": "picked up", "be interested": "looked for", "consider": "considered",
}
_DETERMINED = re.compile(r"^(?:the|our|your|this|these|those|my|their|a|an)\s+\S", re.IGNORECASE)
_HAS_VERB = re.compile(r"\b(?:could|would|can|will|did|does|do)\b", re.IGNORECASE)
_PRONOUN_OBJECT = re.compile(r"^(?:it|this|that|them|these|those|one|us|something|anything|all|both)(?: again| one| \w+ly)?$", re.IGNORECASE)
# What a prediction is about, named earlier in the question: "Suppose we built a budget planner, ..."
_SUPPOSED = re.compile(
    r"\b(?:suppose|imagine|picture|let's say|what if|if)\b,?\s+(?:that\s+)?(?:we|you|the app|there) "
    r"(?:built|added|offered|had|made|launched|were|was|created|shipped|introduced)\s+(?P<obj>(?:a|an|some|the)\s+[^?,.;]+)",
    re.IGNORECASE,
)
_CLAIM_OPENER = re.compile(
    r"^(?:since|because|given(?: that| how)?|now that|considering(?: that| how)?|as|"
    r"we (?:think|believe|know|feel|found)(?: that)?)\s+",
    re.IGNORECASE,
)


# --- results ----------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    kind: str
    reason: str
    suggestion: str

    @property
    def is_advice(self) -> bool:
        """The suggestion is advice in words (no safe rewrite exists), not a question to ask as written."""
        return self.suggestion == PITCHED


@dataclass(frozen=True)
class LintResult:
    question: str
    findings: tuple[Finding, ...]  # most telling first: leading, hypothetical, double, closed

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
    hedged = bool(HEDGE.search(text))
    lowered, opening = text.lower(), openings(text)
    for kind in KINDS:
        if kind == "closed" and (not opening or not_closed(text)):
            continue
        for rule in RULES:
            if rule.kind != kind or (hedged and rule.reason in _HEDGEABLE) or not rule.may_match(lowered, opening):
                continue
            if match := _first_fitting(rule, text):
                yield rule, match
                break


def _first_fitting(rule: Rule, text: str) -> re.Match[str] | None:
    """The rule's first match whose `word` group (if any) holds a feeling or judging word."""
    if "word" not in rule.pattern.groupindex:
        return rule.pattern.search(text)
    for match in rule.pattern.finditer(text):
        if is_evaluative(match.group("word") or ""):
            return match
    return None


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
    """The match's groups, tidied, plus the words templates build from them."""
    groups = match.groupdict()
    fields = {name: _tidy(name, value or "") for name, value in groups.items()}
    aux = (groups.get("aux") or "").lower()
    word = (groups.get("word") or "").lower()
    fields["do"] = _DO_FOR_AUX.get(aux, "do")
    fields["wdo"] = "did" if word.endswith("ed") or word in _PAST_FORMS else "do"
    fields["makes"] = "made" if aux.startswith("did") else "makes"
    fields["was"] = "was" if aux == "did" else "is"
    fields["past"] = _PAST.get((groups.get("verb") or "").lower(), "needed")
    np = fields.get("np", "")
    fields["with_np"] = f" with {np}" if _DETERMINED.match(np) else ""
    when = re.search(r"\b(?:when|while|after|during|before)\b.*", groups.get("rest") or "", re.IGNORECASE)
    fields["when"] = " " + when.group(0).rstrip("?.! ") if when else ""
    obj = fields.get("obj", "")
    if "obj" in groups and (not obj or _PRONOUN_OBJECT.match(obj) or _HAS_VERB.search(obj)):
        supposed = _SUPPOSED.search(match.string)
        fields["obj"] = _tidy("obj", supposed.group("obj")) if supposed else "this"
    elif "obj" not in groups:
        fields["obj"] = "this"
    if fields.get("lead", "").strip(" ,").lower() in _FILLERS:
        fields["lead"] = ""
    if fields.get("det", "").lower() == "a" and fields.get("after", "")[:1].lower() in tuple("aeiou"):
        fields["det"] += "n"
    if "keep" in groups:
        fields["keep"] = _kept_question(fields["keep"], groups.get("claim") or "")
    return fields


def _kept_question(question: str, claim: str) -> str:
    """The question once the claim before it is dropped; "them" named after the claim's subject."""
    if len(question.split()) <= 2 and claim:
        return "Walk me through what happened there."
    subject = _noun_phrase(_CLAIM_OPENER.sub("", claim))
    if _DETERMINED.match(subject):
        question = re.sub(r"\b(?:them|it)(?=[?.!]?$)", subject, question, count=1)
    return question


def _tidy(name: str, value: str) -> str:
    if name in ("lead", "before", "after", "head", "tail", "first", "claim"):
        return value
    if name == "np":
        return _noun_phrase(value)
    if name in ("second", "keep"):
        value = value.strip()
        rewritten = _open_rewrite(_sentence(value if value[-1:] in ("?", ".", "!") else value + "?"))
        return rewritten.split(" Then ask ", 1)[0]  # a third question waits its turn
    if name in ("aux", "word", "event", "verb"):
        return _unshield(value.lower())
    return value.strip().rstrip("?.!,;: ")


def _noun_phrase(text: str) -> str:
    """The noun phrase a clause opens with: "the free plan is generous" -> "the free plan"."""
    words = text.split()
    phrase: list[str] = []
    for i, word in enumerate(words):
        bare = word.strip(".,;:!?\"'").lower()
        if not phrase and bare in _FILLERS:
            continue
        if not phrase and bare in ("that's", "it's", "this's", "there's"):
            return bare[:-2]
        next_word = words[i + 1].lower() if i + 1 < len(words) else ""
        ends_clause = len(phrase) >= 2 and bare.endswith("ed")
        starts_another = bare in ("a", "an")
        stop = bare in _PHRASE_STOP or QUALITY_WORD.fullmatch(bare) or next_word == "than" or ends_clause or starts_another
        if phrase and stop:
            break
        phrase.append(word.rstrip(".,;:!?"))
        if word[-1] in ".,;:!?" or len(phrase) == 4:
            break
    if phrase and phrase[0].lower() in _LOWER_FIRST:
        phrase[0] = phrase[0].lower()
    return " ".join(phrase)


def _sentence(text: str) -> str:
    """Tidy spacing and capitalise, so templates can be filled carelessly."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,?.!;:])", r"\1", text)
    text = re.sub(r"[,;:]+([?.!])", r"\1", text)
    text = re.sub(r"([?.!])[?.!]+", r"\1", text)
    return _unshield(text[:1].upper() + text[1:])


def _normalize(text: str) -> str:
    """Straight quotes, single spaces; idioms and balanced pairs shielded from the rules."""
    text = re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'")).strip()
    text = IDIOMS.sub(lambda m: m.group(0).replace(" ", _SHIELD), text)
    return _PAIR.sub(lambda m: m.group(0).replace(" ", _SHIELD) if is_balanced(m.group(1), m.group(3)) else m.group(0), text)


def _unshield(text: str) -> str:
    return text.replace(_SHIELD, " ")
