"""What a review shows beyond the notes: STAR coverage, time against budgets, interviewer coaching.

Pure functions of a `Session` (no UI, no store): the review screen shows their
results, and tests check them directly. Coaching is factual and short: times
against budgets, how long silences were held, and ad-hoc questions the linter
would reword, each with the rewrite.

Every question put to the participant is checked: the ad-hoc `?` notes and
the guide's questions the interviewer moved to and asked (as
`Session.question_state` decides), each with the linter's reason (for a
prediction or a pitch, the Mom Test's advice) and its rewrite.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from tui.core.durations import format_elapsed
from tui.core.kinds import QUESTION
from tui.core.lint import lint_question
from tui.core.session import STAR_ELEMENTS, Note, Session

# A section more than this far over its budget is flagged.
OVER_BUDGET_TOLERANCE = 0.10

_THEME_TAG = re.compile(r"(?<![\w#])#[\w][\w-]*", re.UNICODE)


# --- questions -----------------------------------------------------------------
@dataclass(frozen=True)
class StoryGap:
    """A story question that was asked but whose answer lacks an Action or a Result."""

    index: int  # flat question index
    missing: tuple[str, ...]  # of "action", "result", in STAR order


def story_gap(session: Session, index: int) -> StoryGap | None:
    """The gap in one question's answer, or None (not a story, not asked, or complete)."""
    ref = session.guide.questions[index]
    if not ref.question.star or session.question_state(index) != "asked":
        return None
    coverage = session.questions[index].star
    missing = tuple(e for e in ("action", "result") if not coverage.get(e))
    return StoryGap(index, missing) if missing else None


def story_gaps(session: Session) -> list[StoryGap]:
    gaps = (story_gap(session, ref.index) for ref in session.guide.questions)
    return [gap for gap in gaps if gap is not None]


def star_badges(coverage: dict[str, bool]) -> tuple[tuple[str, bool], ...]:
    """`(("S", True), ("T", False), ...)`: each STAR letter and whether it is covered."""
    return tuple((e[0].upper(), bool(coverage.get(e))) for e in STAR_ELEMENTS)


# --- coaching --------------------------------------------------------------------
@dataclass(frozen=True)
class SectionTime:
    title: str
    spent: float  # seconds: the sum of its questions' time_spent
    budget: float | None  # seconds, from the guide's minutes

    @property
    def over(self) -> float:
        """Seconds over budget (0 when within it or without one)."""
        return max(0.0, self.spent - self.budget) if self.budget else 0.0

    @property
    def flagged(self) -> bool:
        return bool(self.budget) and self.spent > self.budget * (1 + OVER_BUDGET_TOLERANCE)


def section_times(session: Session) -> list[SectionTime]:
    times = []
    for s_index, section in enumerate(session.guide.sections):
        spent = sum(
            session.questions[ref.index].time_spent
            for ref in session.guide.questions
            if ref.section_index == s_index
        )
        times.append(SectionTime(section.title, round(spent, 3), section.minutes * 60 if section.minutes else None))
    return times


@dataclass(frozen=True)
class SilenceStats:
    count: int
    median: float | None  # seconds
    cut_short: int  # waits that ended before the guide's hold time
    hold: float  # the guide's hold_seconds


def silence_stats(session: Session) -> SilenceStats:
    hold = session.guide.silence.hold_seconds
    seconds = [w.seconds for w in session.silences]
    return SilenceStats(
        count=len(seconds),
        median=statistics.median(seconds) if seconds else None,
        cut_short=sum(1 for s in seconds if s < hold),
        hold=hold,
    )


@dataclass(frozen=True)
class Asked:
    """A question put to the participant: an ad-hoc `?` note, or a guide question moved to and asked."""

    text: str
    at: float  # session seconds: the note's time, or when the guide question was first shown
    number: int | None = None  # the guide question's flat index; None for an ad-hoc question


@dataclass(frozen=True)
class AskedQuestion:
    """An asked question the linter flags, with its reason and the open rewrite (or advice) it suggests."""

    asked: Asked
    kinds: tuple[str, ...]  # "leading", "hypothetical", "double", "closed"
    reason: str
    suggestion: str
    advice: bool = False  # the suggestion is advice in words, not a question to ask as written


def question_text(note: Note) -> str:
    """A `?` note as a question to lint: its `#theme` tags taken out."""
    return " ".join(_THEME_TAG.sub(" ", note.text).split())


def asked_questions(session: Session) -> list[Asked]:
    """Every question put to the participant, in time order: ad-hoc `?` notes and the guide questions asked."""
    asked = [Asked(question_text(n), n.elapsed) for n in session.notes if n.kind == QUESTION]
    for ref in session.guide.questions:
        if session.question_state(ref.index) == "asked":
            shown = session.questions[ref.index].asked_at
            notes = session.notes_for(ref.index)
            at = shown if shown is not None else min((n.elapsed for n in notes), default=0.0)
            asked.append(Asked(ref.question.text, at, ref.index))
    return sorted(asked, key=lambda a: a.at)


def flagged_questions(session: Session) -> list[AskedQuestion]:
    flagged = []
    for asked in asked_questions(session):
        result = lint_question(asked.text)
        if result.flagged:
            first = result.findings[0]
            flagged.append(AskedQuestion(asked, result.kinds, first.reason, first.suggestion, first.is_advice))
    return flagged


def question_point(item: AskedQuestion) -> str:
    """`[01:05] Q3 “Would you buy this?” is hypothetical: it asks for a prediction; ... Try: “Tell me ...”`."""
    where = f"Q{item.asked.number + 1} " if item.asked.number is not None else ""
    fix = item.suggestion if item.advice else f"Try: “{item.suggestion}”"
    return f"[{format_elapsed(item.asked.at)}] {where}“{item.asked.text}” is {' and '.join(item.kinds)}: {item.reason}. {fix}"


@dataclass(frozen=True)
class CoachingPoint:
    text: str
    flagged: bool = False  # worth the interviewer's attention next time


def coaching(session: Session) -> list[CoachingPoint]:
    """Short factual points about the interviewing itself, in reading order."""
    points: list[CoachingPoint] = []
    planned = session.guide.planned_minutes
    if planned:
        over = session.elapsed - planned * 60
        tail = f", {format_elapsed(over)} over" if over > 0 else ""
        points.append(CoachingPoint(
            f"Whole interview: {format_elapsed(session.elapsed)} of {planned} min planned{tail}.",
            over > planned * 60 * OVER_BUDGET_TOLERANCE,
        ))
    for section in section_times(session):
        if section.budget:
            tail = f", {format_elapsed(section.over)} over" if section.over > 0 else ""
            text = f"{section.title}: {format_elapsed(section.spent)} of {section.budget / 60:g} min{tail}."
        else:
            text = f"{section.title}: {format_elapsed(section.spent)} (no budget)."
        points.append(CoachingPoint(text, section.flagged))

    silence = silence_stats(session)
    if silence.count:
        median = f"{silence.median:.1f}".rstrip("0").rstrip(".")
        plural = "s" if silence.count != 1 else ""
        text = f"Silence: {silence.count} wait{plural}, median {median} s"
        if silence.cut_short:
            text += f"; {silence.cut_short} ended before the {silence.hold:g} s hold"
        points.append(CoachingPoint(text + ".", silence.cut_short * 2 > silence.count))
    else:
        points.append(CoachingPoint("Silence: no waits were timed."))

    gaps = story_gaps(session)
    if gaps:
        parts = []
        for element in ("action", "result"):
            numbers = " ".join(f"Q{g.index + 1}" for g in gaps if element in g.missing)
            if numbers:
                parts.append(f"no {element.capitalize()}: {numbers}")
        points.append(CoachingPoint(f"Story answers with {'; '.join(parts)}.", True))

    asked = asked_questions(session)
    flagged = flagged_questions(session)
    points += [CoachingPoint(question_point(item), True) for item in flagged]
    if asked and not flagged:
        points.append(CoachingPoint(_all_open(asked)))
    return points


def _all_open(asked: list[Asked]) -> str:
    """`Questions asked: 9 from the guide and 2 ad hoc, all open.`"""
    guide = sum(1 for a in asked if a.number is not None)
    parts = [f"{guide} from the guide" if guide else "", f"{len(asked) - guide} ad hoc" if len(asked) > guide else ""]
    said = " and ".join(p for p in parts if p)
    return f"Questions asked: {said}, all open." if len(asked) > 1 else f"Question asked: {said}, open."
