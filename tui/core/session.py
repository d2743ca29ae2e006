"""Session and Note model, STAR coverage and theme tallies (the shorthand is tui.core.shorthand).

Everything here is plain data plus the rules that change it; the store decides
how it is kept on disk and the screens decide when it changes.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field, is_dataclass
from datetime import datetime
from typing import Any

from tui.core.guide import Guide
from tui.core.kinds import NOTE
from tui.core.shorthand import as_typed, parse_shorthand
from tui.core.themes import normalize_theme

SCHEMA_VERSION = 1
PASSED_OVER_SECONDS = 5.0  # a question left sooner, with nothing noted, was not asked
MAX_TEXT = 50_000  # characters in one text field (a note, a takeaway, a name): a longer paste is refused, never cut

STATUSES = ("in_progress", "paused", "interrupted", "completed")
UNFINISHED = ("in_progress", "paused", "interrupted")  # a session that can be resumed
STAR_ELEMENTS = ("situation", "task", "action", "result")
STAR_LETTERS = {"S": "situation", "T": "task", "A": "action", "R": "result"}
STAR_PROMPTS = {
    "situation": "What was going on at the time?",
    "task": "What were you trying to get done?",
    "action": "What did you do next?",
    "result": "What was the outcome?",
}
# Session fields that only grow by appending (see `Session.meta_dict`).
LOG_FIELDS = ("silences", "theme_bumps")


def now_iso() -> str:
    """The local time with its UTC offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Participant:
    name: str = ""
    role: str = ""
    company: str = ""
    segment: str = ""


@dataclass
class Note:
    """One note. `elapsed` is when its first key was typed, in session seconds."""

    question: int
    elapsed: float
    text: str
    kind: str = NOTE
    themes: list[str] = field(default_factory=list)
    star: str | None = None
    starred: bool = False
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=now_iso)

    @classmethod
    def from_typed(cls, raw: str, *, question: int, elapsed: float) -> Note:
        """A note from what the interviewer typed, shorthand applied."""
        parsed = parse_shorthand(raw)
        return cls(
            question=question,
            elapsed=elapsed,
            text=parsed.text,
            kind=parsed.kind,
            themes=list(parsed.themes),
            star=parsed.star,
            starred=parsed.starred,
        )

    def as_typed(self) -> str:
        """The note written back in shorthand, for editing: parses to the same note."""
        return as_typed(self.kind, self.text, self.star, self.starred)

    def retype(self, raw: str) -> None:
        """Replace the note's content with newly typed text; its time and question stay."""
        parsed = parse_shorthand(raw)
        self.text, self.kind, self.themes = parsed.text, parsed.kind, list(parsed.themes)
        self.star, self.starred = parsed.star, parsed.starred

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Note:
        """A note read back from a file, checked by `tui.core.schema` (SchemaError, a ValueError)."""
        from tui.core.schema import note_from_dict

        return note_from_dict(data)


@dataclass
class QuestionRecord:
    """What happened to one guide question during the session."""

    asked_at: float | None = None  # session seconds when first shown
    time_spent: float = 0.0
    star: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(STAR_ELEMENTS, False))
    skipped: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuestionRecord:
        from tui.core.schema import question_record_from_dict

        return question_record_from_dict(data)


@dataclass
class SilenceWait:
    """A pause the interviewer held: when (session seconds), how long, what ended it."""

    question: int
    started: float
    seconds: float
    ended_by: str  # "typing", "key", "question", "end"


@dataclass
class ThemeBump:
    """A one-key mention of a codebook theme, without a note."""

    theme: str
    question: int
    elapsed: float


VERDICTS = ("solved", "partly", "not_solved", "not_discussed")
VERDICT_WORDS = {
    "solved": "solved", "partly": "partly solved", "not_solved": "not solved", "not_discussed": "not discussed",
    None: "not marked",
}


@dataclass
class EarlierPain:
    """A pain point from the session this one follows up, and what this session found about it.

    Its text and themes are copied, so the review and exports of this session need not
    load the earlier one; `notes` are this session's notes taken while discussing it."""

    note_id: str  # the pain's note id in the earlier session
    text: str
    themes: list[str] = field(default_factory=list)
    verdict: str | None = None  # one of VERDICTS, None until marked
    notes: list[str] = field(default_factory=list)  # ids of this session's notes about it


@dataclass
class Draft:
    """The unsent text in the note field, kept so a crash loses nothing."""

    text: str = ""
    question: int = 0
    began: float | None = None  # session seconds of its first keystroke


@dataclass
class Session:
    guide: Guide
    participant: Participant = field(default_factory=Participant)
    interviewers: list[str] = field(default_factory=list)
    goal: str = ""
    consent_to_record: bool = False
    follow_up_ok: bool | None = None
    status: str = "in_progress"
    started_at: str = field(default_factory=now_iso)
    ended_at: str | None = None
    elapsed: float = 0.0
    current_question: int = 0
    questions: list[QuestionRecord] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    silences: list[SilenceWait] = field(default_factory=list)
    theme_bumps: list[ThemeBump] = field(default_factory=list)
    takeaways: list[str] = field(default_factory=list)
    draft: Draft = field(default_factory=Draft)
    follow_up_of: str | None = None
    earlier_pains: list[EarlierPain] = field(default_factory=list)  # in a follow-up: the pains of then, with verdicts
    id: str = field(default_factory=new_id)
    schema_version: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        count = len(self.guide.questions)
        self.questions.extend(QuestionRecord() for _ in range(count - len(self.questions)))
        if not self.goal:
            self.goal = self.guide.goal

    @property
    def guide_name(self) -> str:
        return self.guide.name

    @property
    def date(self) -> str:
        """The session's local date, `YYYY-MM-DD`."""
        return self.started_at[:10]

    # --- notes ---------------------------------------------------------------
    def add_note(self, note: Note) -> None:
        """Add a note; an `S:`/`T:`/`A:`/`R:` note covers that STAR element.

        A note on a question skipped earlier means it was asked after all."""
        self.notes.append(note)
        self.cover_star(note)
        if 0 <= note.question < len(self.questions):
            self.questions[note.question].skipped = False

    def cover_star(self, note: Note) -> None:
        """A note marked `S:`/`T:`/`A:`/`R:` covers that element of its question's answer."""
        if note.star and 0 <= note.question < len(self.questions):
            self.questions[note.question].star[STAR_LETTERS[note.star]] = True

    def note(self, note_id: str) -> Note:
        for note in self.notes:
            if note.id == note_id:
                return note
        raise KeyError(note_id)

    def remove_note(self, note_id: str) -> tuple[int, Note]:
        """Remove a note and return where it was, so it can be put back (undo)."""
        for position, note in enumerate(self.notes):
            if note.id == note_id:
                del self.notes[position]
                return position, note
        raise KeyError(note_id)

    def restore_note(self, position: int, note: Note) -> None:
        self.notes.insert(min(position, len(self.notes)), note)

    def notes_for(self, question: int) -> list[Note]:
        return [n for n in self.notes if n.question == question]

    # --- questions -------------------------------------------------------------
    def skip(self, question: int) -> None:
        """The interviewer skipped it; with notes on it, it was asked, so it stays asked."""
        self.questions[question].skipped = not self.notes_for(question)

    def question_state(self, question: int) -> str:
        """`"asked"`, `"skipped"` or `"not reached"`: the one rule the live picker, the
        review and every export use. A question with notes is asked, skipped or not; one
        shown for less than `PASSED_OVER_SECONDS` with nothing noted or marked on it was
        passed over on the way to another (ctrl+n, ctrl+g), which is a skip, not a question
        asked (coaching would otherwise flag a story nobody told)."""
        record = self.questions[question]
        if self.notes_for(question):
            return "asked"
        if record.skipped:
            return "skipped"
        if record.asked_at is None:
            return "not reached"
        passed_over = (
            record.time_spent < PASSED_OVER_SECONDS
            and not any(record.star.values())
            and question != self.current_question
        )
        return "skipped" if passed_over else "asked"

    # --- STAR ----------------------------------------------------------------
    def toggle_star(self, question: int, element: str) -> bool:
        """Flip one STAR element of a question's answer; returns the new state."""
        record = self.questions[question]
        record.star[element] = not record.star[element]
        return record.star[element]

    def next_missing_star(self, question: int) -> str | None:
        """The first STAR element not yet covered for a question, or None."""
        coverage = self.questions[question].star
        return next((e for e in STAR_ELEMENTS if not coverage[e]), None)

    # --- themes --------------------------------------------------------------
    def bump_theme(self, theme: str, question: int, elapsed: float) -> ThemeBump:
        bump = ThemeBump(normalize_theme(theme), question, round(elapsed, 3))
        self.theme_bumps.append(bump)
        return bump

    def remove_bump(self, bump: ThemeBump) -> bool:
        """Take back this one-key mention (undo); False if it is gone already."""
        for position, kept in enumerate(self.theme_bumps):
            if kept is bump:
                del self.theme_bumps[position]
                return True
        return False

    def unbump_theme(self, theme: str) -> ThemeBump | None:
        """Take back the last one-key mention of `theme` (a wrong key); `#tags` in notes stay."""
        theme = normalize_theme(theme)
        bump = next((b for b in reversed(self.theme_bumps) if b.theme == theme), None)
        if bump is not None:
            self.remove_bump(bump)
        return bump

    def tally(self) -> Counter[str]:
        """Mentions per theme: `#themes` in notes plus one-key bumps, alike."""
        counts: Counter[str] = Counter()
        for note in self.notes:
            counts.update(note.themes)
        counts.update(b.theme for b in self.theme_bumps)
        return counts

    # --- follow-ups ------------------------------------------------------------
    def track_earlier_pains(self, pains: list[Note]) -> bool:
        """Copy the earlier session's pain points in, once each; True if any was new."""
        known = {p.note_id for p in self.earlier_pains}
        new = [EarlierPain(n.id, n.text, list(n.themes)) for n in pains if n.id not in known]
        self.earlier_pains.extend(new)
        return bool(new)

    def earlier_pain(self, note_id: str) -> EarlierPain:
        return next(p for p in self.earlier_pains if p.note_id == note_id)

    def notes_beside(self, pain: EarlierPain) -> list[Note]:
        """This session's notes on an earlier pain: those taken while discussing it, then
        those sharing one of its themes."""
        linked = [n for n in self.notes if n.id in pain.notes]
        themes = set(pain.themes)
        return linked + [n for n in self.notes if n.id not in pain.notes and themes.intersection(n.themes)]

    # --- serialisation -------------------------------------------------------
    def meta_dict(self, *, logs: bool = True) -> dict[str, Any]:
        """Everything but the notes, JSON-ready (the store keeps notes apart).

        `logs=False` leaves out the LOG_FIELDS, which only grow: the store's
        journal writes their new items alone, so a save costs the same at any length.
        """
        data = {
            "id": self.id,
            "schema_version": self.schema_version,
            "guide_name": self.guide.name,
            "guide": self.guide.to_dict(),
            "participant": _plain(self.participant),
            "interviewers": list(self.interviewers),
            "goal": self.goal,
            "consent_to_record": self.consent_to_record,
            "follow_up_ok": self.follow_up_ok,
            "status": self.status,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "elapsed": self.elapsed,
            "current_question": self.current_question,
            "questions": [_plain(q) for q in self.questions],
        }
        if logs:
            data.update((name, self.log_dicts(name)) for name in LOG_FIELDS)
        data["takeaways"] = list(self.takeaways)
        data["draft"] = _plain(self.draft)
        data["follow_up_of"] = self.follow_up_of
        data["earlier_pains"] = [_plain(p) for p in self.earlier_pains]
        return data

    def log_dicts(self, name: str, start: int = 0) -> list[dict[str, Any]]:
        """The items of the LOG_FIELDS list `name` from `start`, JSON-ready: in `meta_dict`, and as the
        store's journal appends them."""
        return [_plain(item) for item in getattr(self, name)[start:]]

    def to_dict(self) -> dict[str, Any]:
        """The whole session, JSON-ready: the documented JSON export format."""
        data = self.meta_dict()
        data["notes"] = [n.to_dict() for n in self.notes]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        """Rebuild a session from `to_dict` output (or `meta_dict` plus `notes`).

        Data from a file or a teammate's export is checked as it is read, by the one
        schema in `tui.core.schema`: a wrong type or an impossible value raises
        SchemaError (a ValueError) naming the field, rather than a crash on a later screen.
        """
        from tui.core.schema import session_from_dict

        return session_from_dict(data)


def _plain(record: Any) -> dict[str, Any]:
    """`asdict` for a record, several times faster: the journal diffs `meta_dict()` on every save."""
    return {key: _plain_value(value) for key, value in vars(record).items()}


_ATOMS = frozenset({str, int, float, bool, type(None)})


def _plain_value(value: Any) -> Any:
    if type(value) in _ATOMS:  # most values: tested first, as is_dataclass costs more than the rest
        return value
    if isinstance(value, list):
        return [_plain_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain_value(item) for key, item in value.items()}
    if is_dataclass(value):
        return _plain(value)
    return value
