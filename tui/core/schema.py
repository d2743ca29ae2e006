"""One declarative schema for every field of a saved session, and the limits it enforces.

Sessions come from teammates' laptops, synced folders and `interview import`,
so a file is data to check, never to trust. Every field of the model in
`tui.core.session` (and of the guide snapshot a session keeps) has a type and
bounds here, as msgspec Structs; reading a session goes through `msgspec.convert`
against them, then a few checks that span fields (a note on a question the
guide does not have). Whatever passes can be shown, reviewed and exported
without a crash later. Unknown fields are ignored: a newer version's additions
do not make a file unreadable.

Why msgspec rather than a validator of our own: on a 60-note session it checks
every field in 0.02 ms (from parsed JSON) against 0.3 ms for the hand-written
`from_dict` checks it replaces, which is what lets a cold listing of 1,000
sessions check every file in full and quarantine the damaged ones. It is pure
(no I/O), so the core may import it. Its decoder also refuses NaN, Infinity and
numbers out of range, which `json.loads` lets through.

The limits are far above any real interview and keep a hostile file from
hanging a screen: a text field holds at most `MAX_TEXT` characters (a note is
about 200; this is some 8,000 words) and a list at most `MAX_ITEMS` items.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, TypeVar

import msgspec

from tui.core.guide import Guide, Question, Section, Silence
from tui.core.kinds import KIND_NAMES, NOTE
from tui.core.session import (
    MAX_TEXT,
    STAR_LETTERS,
    STATUSES,
    VERDICTS,
    Draft,
    EarlierPain,
    Note,
    Participant,
    QuestionRecord,
    Session,
    SilenceWait,
    ThemeBump,
)

MAX_ITEMS = 100_000  # items in one list: notes, silences, bumps, questions
MAX_SECONDS = 10_000_000.0  # any time in session seconds (about 115 days)

Text = Annotated[str, msgspec.Meta(max_length=MAX_TEXT)]
Id = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Seconds = Annotated[float, msgspec.Meta(ge=0, le=MAX_SECONDS)]
Index = Annotated[int, msgspec.Meta(ge=0, le=MAX_ITEMS)]
Minutes = Annotated[int, msgspec.Meta(gt=0, le=100_000)]
PositiveSeconds = Annotated[float, msgspec.Meta(gt=0, le=MAX_SECONDS)]
T = TypeVar("T")
Many = Annotated[list[T], msgspec.Meta(max_length=MAX_ITEMS)]

Kind = Literal[KIND_NAMES]  # type: ignore[valid-type]
StarLetter = Literal[tuple(STAR_LETTERS)]  # type: ignore[valid-type]
Status = Literal[STATUSES]  # type: ignore[valid-type]
Verdict = Literal[VERDICTS]  # type: ignore[valid-type]
EndedBy = Literal["typing", "key", "question", "end"]


class SchemaError(ValueError):
    """A field with a wrong type or an impossible value; the message is one line naming it."""


# --- the guide snapshot ---------------------------------------------------------------
class QuestionSpec(msgspec.Struct):
    text: Text
    probes: Many[Text] = []
    star: bool = True


class SectionSpec(msgspec.Struct):
    title: Text
    questions: Many[QuestionSpec]
    minutes: Minutes | None = None


class SilenceSpec(msgspec.Struct):
    hold_seconds: PositiveSeconds = 3.0
    prompt_seconds: PositiveSeconds = 8.0


class GuideSpec(msgspec.Struct):
    name: Text = ""
    title: Text = ""
    goal: Text = ""
    duration_minutes: Minutes | None = None
    themes: Many[Text] = []
    silence: SilenceSpec = msgspec.field(default_factory=SilenceSpec)
    sections: Many[SectionSpec] = []


# --- the session ----------------------------------------------------------------------
class NoteSpec(msgspec.Struct):
    id: Id
    question: Index = 0
    elapsed: Seconds = 0.0
    text: Text = ""
    kind: Kind = NOTE
    themes: Many[Text] = []
    star: StarLetter | None = None
    starred: bool = False
    created_at: Text = ""


class StarSpec(msgspec.Struct):
    situation: bool = False
    task: bool = False
    action: bool = False
    result: bool = False


class QuestionRecordSpec(msgspec.Struct):
    asked_at: Seconds | None = None
    time_spent: Seconds = 0.0
    star: StarSpec = msgspec.field(default_factory=StarSpec)
    skipped: bool = False


class SilenceWaitSpec(msgspec.Struct):
    question: Index
    started: Seconds
    seconds: Seconds
    ended_by: EndedBy


class ThemeBumpSpec(msgspec.Struct):
    theme: Text
    question: Index
    elapsed: Seconds


class DraftSpec(msgspec.Struct):
    text: Text = ""
    question: Index = 0
    began: Seconds | None = None


class EarlierPainSpec(msgspec.Struct):
    note_id: Id
    text: Text = ""
    themes: Many[Text] = []
    verdict: Verdict | None = None
    notes: Many[Id] = []


class ParticipantSpec(msgspec.Struct):
    """Null is read as "" here: older exports wrote a missing name as null."""

    name: Text | None = ""
    role: Text | None = ""
    company: Text | None = ""
    segment: Text | None = ""


class SessionSpec(msgspec.Struct):
    """`Session.meta_dict()` (and `to_dict()`, whose `notes` are read by `NoteSpec`)."""

    id: Id
    guide: GuideSpec
    schema_version: Annotated[int, msgspec.Meta(ge=1)] = 1
    participant: ParticipantSpec = msgspec.field(default_factory=ParticipantSpec)
    interviewers: Many[Text] = []
    goal: Text = ""
    consent_to_record: bool = False
    follow_up_ok: bool | None = None
    status: Status = "in_progress"
    started_at: Text = ""
    ended_at: Text | None = None
    elapsed: Seconds = 0.0
    current_question: Index = 0
    questions: Many[QuestionRecordSpec] = []
    silences: Many[SilenceWaitSpec] = []
    theme_bumps: Many[ThemeBumpSpec] = []
    takeaways: Many[Text] = []
    draft: DraftSpec = msgspec.field(default_factory=DraftSpec)
    follow_up_of: Text | None = None
    earlier_pains: Many[EarlierPainSpec] = []


# The type of each field of `meta_dict()`, so the writer can check one changed field alone.
META_FIELDS: dict[str, Any] = {field.encode_name: field.type for field in msgspec.structs.fields(SessionSpec)}
NOTES_LIMIT = Annotated[list[NoteSpec], msgspec.Meta(max_length=MAX_ITEMS)]


# --- reading ------------------------------------------------------------------------
def _convert(data: Any, spec: type[T] | Any, where: str = "") -> T:
    try:
        return msgspec.convert(data, spec)
    except msgspec.ValidationError as error:
        raise SchemaError(explain(error, where)) from None
    except RecursionError:
        raise SchemaError(f"{where or 'it'} is nested too deeply") from None


def explain(error: msgspec.ValidationError | msgspec.DecodeError, where: str = "") -> str:
    """msgspec's message as one plain line: `participant.name: expected text, got int`."""
    message = str(error)
    at = re.search(r" - at `\$(.*)`$", message)
    path = (where + at.group(1)).lstrip(".") if at else where
    if at:
        message = message[: at.start()]
    message = message.replace("`str`", "text").replace("`", "")
    message = message[:1].lower() + message[1:]
    return f"{path}: {message}" if path else message


def guide_from_dict(data: Any) -> Guide:
    """A session's guide snapshot (`Guide.to_dict()`), checked."""
    return _guide(_convert(data, GuideSpec, "guide"))


def _guide(spec: GuideSpec) -> Guide:
    _question_count(spec)
    return Guide(
        spec.name, spec.title, spec.goal,
        tuple(
            Section(s.title, tuple(Question(q.text, tuple(q.probes), q.star) for q in s.questions), s.minutes)
            for s in spec.sections
        ),
        spec.duration_minutes, tuple(spec.themes), Silence(spec.silence.hold_seconds, spec.silence.prompt_seconds),
    )


def _question_count(spec: GuideSpec) -> int:
    count = sum(len(section.questions) for section in spec.sections)
    if not count:
        raise SchemaError("guide: it has no questions")
    return count


def note_from_dict(data: Any, where: str = "note") -> Note:
    return _note(_convert(data, NoteSpec, where))


def question_record_from_dict(data: Any) -> QuestionRecord:
    return _record(_convert(data, QuestionRecordSpec, "question"))


def session_from_dict(data: Any, notes: list[Any] | None = None) -> Session:
    """A session from `to_dict()` output, or from `meta_dict()` plus its notes (a store file).

    Raises SchemaError, in one line naming the field, for anything the model
    cannot hold; nothing that passes can crash a screen or an export later.
    """
    spec = _convert(data, SessionSpec)
    if notes is None:
        notes = data.get("notes", [])
    notes_spec = _convert(notes, NOTES_LIMIT, "notes")
    guide = _guide(spec.guide)
    _check_indexes(spec, notes_spec, len(guide.questions))
    return _model(
        Session,
        spec,
        guide=guide,
        participant=Participant(**{k: v or "" for k, v in msgspec.structs.asdict(spec.participant).items()}),
        questions=[_record(record) for record in spec.questions],
        notes=[_note(note) for note in notes_spec],
        silences=[_model(SilenceWait, wait) for wait in spec.silences],
        theme_bumps=[_model(ThemeBump, bump) for bump in spec.theme_bumps],
        draft=_model(Draft, spec.draft),
        earlier_pains=[_model(EarlierPain, pain) for pain in spec.earlier_pains],
    )


def check_field(name: str, value: Any) -> None:
    """One field of `meta_dict()` as the writer is about to save it: SchemaError if it could not be read back."""
    if name in META_FIELDS:
        _convert(value, META_FIELDS[name], name)


def check_note(document: dict[str, Any]) -> None:
    """A note's `to_dict()` as the writer is about to save it (a pasted 100 MB note is refused here)."""
    _convert(document, NoteSpec, "note")


def _check_indexes(spec: SessionSpec, notes: list[NoteSpec], count: int) -> None:
    """What the types cannot say: every index points into the guide, and note ids are unique."""
    if spec.current_question >= count:
        raise SchemaError(f"current_question: {spec.current_question} is past its guide's {count} questions")
    if len(spec.questions) > count:
        raise SchemaError(f"questions: {len(spec.questions)} records for a guide of {count} questions")
    for where, items in (("notes", notes), ("silences", spec.silences), ("theme_bumps", spec.theme_bumps)):
        for number, item in enumerate(items):
            if item.question >= count:
                raise SchemaError(f"{where}[{number}].question: {item.question} is past its guide's {count} questions")
    if spec.draft.question >= count:
        raise SchemaError(f"draft.question: {spec.draft.question} is past its guide's {count} questions")
    ids = [note.id for note in notes]
    if len(set(ids)) != len(ids):
        raise SchemaError("notes: two notes have the same id")


def _model(cls: type[T], spec: msgspec.Struct, **nested: Any) -> T:
    """The model object for a checked spec: same field names, nested parts built by the caller."""
    return cls(**{**msgspec.structs.asdict(spec), **nested})


def _note(spec: NoteSpec) -> Note:
    return _model(Note, spec)


def _record(spec: QuestionRecordSpec) -> QuestionRecord:
    return _model(QuestionRecord, spec, star=msgspec.structs.asdict(spec.star))


def check_session(meta: Any, notes: list[Any]) -> None:
    """Check a store file's tables as `session_from_dict` would, without building the model (listing)."""
    spec = _convert(meta, SessionSpec)
    notes_spec = _convert(notes, NOTES_LIMIT, "notes")
    _check_indexes(spec, notes_spec, _question_count(spec.guide))


def check_items(name: str, items: list[Any]) -> None:
    """New items of a LOG_FIELDS list, as the writer is about to append them."""
    _convert(items, META_FIELDS[name], name)
