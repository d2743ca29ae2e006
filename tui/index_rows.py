"""What one session file puts in the index (tui.index): its summary, its theme facts, its notes.

Built from a session's tables as `SessionFiles.read` gives them (snapshot +
journal), or as a writer holds them after its last fold, so a session just
saved is indexed without being read again. Every field of a file of this
version has been checked by the schema by then; one of a newer version is only
shaped, so each value is taken only if it has the expected type.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the model's rules (tui.core) and msgspec are imported where rows are made or decoded
    from collections.abc import Callable

    from tui.core.analysis import ThemeFacts

LATEST_SECOND = 2**32 - 1  # sessions order by their start, in seconds; later ones sort as this


@dataclass(slots=True)
class SessionSummary:
    """What a session list shows, without the notes.

    Read-only by convention, and its file is kept as folder and name, joined into
    `path` only when asked: lists build 10,000 of these, and a frozen dataclass,
    or a Path each, takes several times as long to build.
    """

    id: str
    folder: Path
    file_name: str
    date: str
    started_at: str
    participant_name: str
    role: str
    company: str
    segment: str
    guide_name: str
    guide_title: str
    status: str
    elapsed: float
    planned_minutes: int | None
    note_count: int
    themes: dict[str, int] = field(default_factory=dict)  # mentions incl. one-key bumps, most first
    follow_up_ok: bool | None = None
    follow_up_of: str | None = None
    read_only: bool = False  # written by a newer version: never rewritten

    @property
    def path(self) -> Path:
        return self.folder / self.file_name

    @property
    def short_id(self) -> str:
        return self.id[:8]

    @property
    def label(self) -> str:
        """`1a2b3c4d (Ana Lima, 2025-03-01)`, for messages (put them through `one_line`)."""
        return f"{self.short_id} ({self.participant_name or 'anonymous'}, {self.date or 'undated'})"

    def to_dict(self) -> dict[str, Any]:
        data = {"id": self.id, "path": str(self.path)}
        data.update((f.name, getattr(self, f.name)) for f in fields(self) if f.name not in ("id", "folder", "file_name"))
        data["themes"] = dict(self.themes)
        return data


@cache
def _themes_decoder() -> Callable[[str], dict[str, int]]:
    import msgspec

    return msgspec.json.Decoder(dict[str, int]).decode


def summary_of(row: tuple[Any, ...], sessions_dir: Path) -> SessionSummary:
    """A SessionSummary from the SUMMARY_COLUMNS (tui.listing) of a `sessions` row."""
    (sid, name, day, started, who, role, company, segment, guide, title, status, elapsed, planned, notes, themes,
     ok, of, read_only) = row
    return SessionSummary(
        sid, sessions_dir, name, day, started, who, role, company, segment, guide, title, status, elapsed,
        planned, notes, _themes_decoder()(themes), None if ok is None else bool(ok), of, bool(read_only),
    )


class NoteRow(NamedTuple):
    """One note as search finds it (a tuple: a session file makes thousands)."""

    position: int  # its place in the session, from 0
    note_id: str
    text: str
    kind: str
    themes: tuple[str, ...]
    question: int
    elapsed: float
    starred: bool


@dataclass(frozen=True)
class SessionRows:
    """Everything the index keeps of one session file."""

    summary: SessionSummary
    person: str  # who was interviewed (tui.core.saturation.person_of), before follow-up chains
    questions: tuple[str, ...]  # the guide's questions, in order
    notes: tuple[NoteRow, ...]
    themes: dict[str, ThemeFacts]
    takeaways: tuple[str, ...]


def started_second(started_at: str) -> int:
    """The session's start in whole seconds since 1970, for ordering; 0 if unknown."""
    try:
        second = int(datetime.fromisoformat(started_at).timestamp())
    except (ValueError, OverflowError, OSError):
        return 0
    return min(max(second, 0), LATEST_SECOND)


def _text(mapping: dict[str, Any], key: str) -> str:
    value = mapping.get(key)
    return value if isinstance(value, str) else ""


def _number(mapping: dict[str, Any], key: str) -> float:
    value = mapping.get(key)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def _list(mapping: dict[str, Any], key: str) -> list[Any]:
    value = mapping.get(key)
    return value if isinstance(value, list) else []


def _dicts(mapping: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [item for item in _list(mapping, key) if isinstance(item, dict)]


def _planned_minutes(guide: dict[str, Any]) -> int | None:
    """As `Guide.planned_minutes`, from the raw snapshot (a newer one may not parse)."""
    if isinstance(guide.get("duration_minutes"), int) and guide["duration_minutes"]:
        return guide["duration_minutes"]
    budgets = [s["minutes"] for s in _dicts(guide, "sections") if isinstance(s.get("minutes"), int)]
    return sum(budgets) if budgets else None


def _tally(meta: dict[str, Any], notes: list[dict[str, Any]]) -> dict[str, int]:
    """As `Session.tally`: `#themes` in notes plus one-key bumps, most mentioned first."""
    themes = [t for note in notes for t in _list(note, "themes")]
    themes += [b.get("theme") for b in _dicts(meta, "theme_bumps")]
    counts = Counter(t for t in themes if isinstance(t, str))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def summarize(path: Path, meta: dict[str, Any], notes: list[dict[str, Any]]) -> SessionSummary:
    """The summary of a session from its meta document and its notes in order."""
    from tui.core.session import SCHEMA_VERSION

    participant = meta.get("participant") if isinstance(meta.get("participant"), dict) else {}
    guide = meta["guide"]
    started_at = _text(meta, "started_at")
    follow_up_ok = meta.get("follow_up_ok")
    schema = meta.get("schema_version", 1)
    return SessionSummary(
        id=meta["id"],
        folder=path.parent,
        file_name=path.name,
        date=started_at[:10],
        started_at=started_at,
        participant_name=_text(participant, "name"),
        role=_text(participant, "role"),
        company=_text(participant, "company"),
        segment=_text(participant, "segment"),
        guide_name=_text(meta, "guide_name") or _text(guide, "name"),
        guide_title=_text(guide, "title"),
        status=_text(meta, "status"),
        elapsed=_number(meta, "elapsed"),
        planned_minutes=_planned_minutes(guide),
        note_count=len(notes),
        themes=_tally(meta, notes),
        follow_up_ok=follow_up_ok if isinstance(follow_up_ok, bool) else None,
        follow_up_of=_text(meta, "follow_up_of") or None,
        read_only=isinstance(schema, int) and schema > SCHEMA_VERSION,
    )


def _note_row(position: int, note: dict[str, Any]) -> NoteRow:
    question, themes = note.get("question"), note.get("themes")
    return NoteRow(
        position,
        _text(note, "id"),
        _text(note, "text"),
        _text(note, "kind") or "note",
        tuple(dict.fromkeys(t for t in themes if isinstance(t, str) and t)) if isinstance(themes, list) and themes else (),
        question if type(question) is int else -1,
        _number(note, "elapsed"),
        note.get("starred") is True,
    )


def _checked_note_row(position: int, note: dict[str, Any]) -> NoteRow:
    """As `_note_row`, for a note the schema has checked: a field is missing or of its type (a rebuild reads 600,000)."""
    themes = note.get("themes") or ()
    return NoteRow(
        position,
        note["id"],
        note.get("text", ""),
        note.get("kind", "note"),
        tuple(dict.fromkeys(themes)) if len(themes) > 1 else tuple(themes),
        note.get("question", 0),
        float(note.get("elapsed", 0.0)),
        note.get("starred", False),
    )


Tables = tuple[dict[str, Any], dict[Any, dict[str, Any]]]  # a session's meta and its notes by doc id
Read = tuple[str, str, SessionRows | None, list[str]]  # a file read: name, stamp, rows (None: unreadable), problems


def session_rows(path: Path, meta: dict[str, Any], notes_by_doc: dict[Any, dict[str, Any]]) -> SessionRows:
    """What the index keeps of the session in `path`, from its meta and its notes by doc id."""
    from tui.core.analysis import theme_facts
    from tui.core.saturation import person_of

    notes = [notes_by_doc[doc_id] for doc_id in sorted(notes_by_doc, key=int)]
    summary = summarize(path, meta, notes)
    note_row = _note_row if summary.read_only else _checked_note_row
    bumps = [b.get("theme") for b in _dicts(meta, "theme_bumps")]
    questions = [
        _text(question, "text") for section in _dicts(meta["guide"], "sections") for question in _dicts(section, "questions")
    ]
    return SessionRows(
        summary=summary,
        person=person_of(summary.participant_name, summary.company, summary.id),
        questions=tuple(questions),
        notes=tuple(note_row(position, note) for position, note in enumerate(notes)),
        themes=theme_facts(notes, [b for b in bumps if isinstance(b, str)]),
        takeaways=tuple(t for t in _list(meta, "takeaways") if isinstance(t, str)),
    )
