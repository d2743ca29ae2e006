"""Exports of a session: Markdown, plain text, JSON and CSV.

Pure renderers: a session goes in, a string comes out. Where it goes (a file,
the clipboard) is decided elsewhere. Every format can hide the participant's
name (`anonymize=True`), replacing it with a stable code such as `P-7KQ3`.

Markdown (`md`) is written to render the same on GitHub, Notion and Obsidian:
no raw HTML, one line per bullet, and user text escaped where it could change
the structure (tui.core.markdown, the one escaper); `#themes` are left as
typed, so Obsidian shows them as tags and GitHub and Notion as plain words.

JSON (`json`) is `Session.to_dict()` with two leading envelope keys, so an
importer can recognise the file and `Session.from_dict` reads it back as is:
    format, format_version   "interview-companion/session", 1
    id, schema_version       the session's uuid and model version
    participant              {name, role, company, segment}
    guide, guide_name        the guide as used: title, goal, sections[].questions[]
    interviewers, goal, consent_to_record, follow_up_ok, status, follow_up_of
    started_at, ended_at     ISO 8601 local times with offset
    elapsed                  session length in seconds
    questions[]              per guide question: asked_at, time_spent, star{...}, skipped
    notes[]                  id, question (index into the guide's questions), elapsed
                             (seconds), text, kind, themes[], star (S/T/A/R or null),
                             starred, created_at
    silences[], theme_bumps[], takeaways[], draft, current_question
    earlier_pains[]          in a follow-up: note_id (in the earlier session), text,
                             themes[], verdict (solved, partly, not_solved,
                             not_discussed or null), notes[] (ids of notes about it)

CSV (`csv`) is written by `tui.core.export_csv`: a row per note, per one-key
theme mention and per earlier pain point.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.core import markdown
from tui.core.anonymize import anonymized
from tui.core.durations import format_elapsed
from tui.core.formats import SESSION_FORMATS, pick
from tui.core.kinds import ACTION, LISTED, NOTE, QUOTE, kind_of
from tui.core.session import (
    STAR_ELEMENTS,
    STAR_LETTERS,
    VERDICT_WORDS,
    Note,
    Session,
)
from tui.core.session_themes import ThemeInSession, session_themes

JSON_FORMAT = "interview-companion/session"
JSON_FORMAT_VERSION = 1

STARRED_MARK = "★"
COVERED_MARK, MISSING_MARK = "✓", "✗"


def render(session: Session, fmt: str, *, anonymize: bool = False) -> str:
    """The session in one of the text formats of `tui.core.formats.SESSION_FORMATS`, ending in a newline."""
    return pick(SESSION_FORMATS, fmt).text(anonymized(session) if anonymize else session)


def as_json(session: Session) -> str:
    envelope = {"format": JSON_FORMAT, "format_version": JSON_FORMAT_VERSION}
    return json.dumps(envelope | session.to_dict(), indent=2, ensure_ascii=False) + "\n"


def as_markdown(session: Session) -> str:
    return _write_markdown(_outline(session))


def as_text(session: Session) -> str:
    return _write_text(_outline(session))


# --- the outline shared by Markdown and plain text -------------------------------
@dataclass(frozen=True)
class _Heading:
    level: int
    text: str


@dataclass(frozen=True)
class _Fields:
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _NoteEntry:
    note: Note
    show_kind: bool = True


@dataclass(frozen=True)
class _Items:
    entries: tuple[str | _NoteEntry, ...]
    tasks: bool = False


@dataclass(frozen=True)
class _Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _Line:
    text: str
    remark: bool = False  # the app's comment rather than content: italic in Markdown


@dataclass(frozen=True)
class _Pains:
    """Each earlier pain point of a follow-up: its verdict in words, its text, the notes beside it."""

    rows: tuple[tuple[str, str, tuple[_NoteEntry, ...]], ...]


_Block = _Heading | _Fields | _Items | _Table | _Line | _Pains


def _outline(session: Session) -> list[_Block]:
    name = session.participant.name
    title = f"Interview with {name}" if name else f"Interview on {session.date}"
    blocks: list[_Block] = [_Heading(1, title), _Fields(_header_fields(session))]
    blocks += _summary(session)
    blocks += _by_question(session)
    return blocks  # an unsent draft is not a note: wrap-up offers to keep it as one, resume brings it back


def _header_fields(session: Session) -> tuple[tuple[str, str], ...]:
    participant, guide = session.participant, session.guide
    planned = guide.planned_minutes
    duration = format_elapsed(session.elapsed) + (f" of {planned} min planned" if planned else "")
    records = session.questions
    states = [session.question_state(i) for i in range(len(records))]
    asked, skipped = states.count("asked"), states.count("skipped")
    follow_up = {True: "yes", False: "no", None: "not asked"}[session.follow_up_ok]
    rows = [
        ("Participant", participant.name),
        ("Role", participant.role),
        ("Company", participant.company),
        ("Segment", participant.segment),
        ("Interviewers", ", ".join(session.interviewers)),
        ("Date", session.started_at[:16].replace("T", " ")),
        ("Guide", guide.title or guide.name),
        ("Goal", session.goal),
        ("Duration", duration),
        ("Questions", f"{asked} of {len(records)} asked, {skipped} skipped" if records else ""),
        ("Consent to record", "yes" if session.consent_to_record else "no"),
        ("Follow-up permission", follow_up),
        ("Status", session.status.replace("_", " ")),
        ("Follow-up of", session.follow_up_of or ""),
    ]
    return tuple((label, value) for label, value in rows if value)


def _summary(session: Session) -> list[_Block]:
    notes = session.notes
    blocks: list[_Block] = []

    def part(heading: str, entries: Iterable[str | _NoteEntry], *, tasks: bool = False) -> None:
        entries = tuple(entries)
        if entries:
            blocks.extend([_Heading(2, heading), _Items(entries, tasks)])

    part("Takeaways", session.takeaways)
    if session.earlier_pains:
        rows = tuple(
            (VERDICT_WORDS[pain.verdict].capitalize(), pain.text, tuple(_NoteEntry(n) for n in session.notes_beside(pain)))
            for pain in session.earlier_pains
        )
        blocks += [_Heading(2, "Last time's pain points"), _Pains(rows)]
    part("Key moments", (_NoteEntry(n) for n in notes if n.starred))
    themes = session_themes(session)
    if themes:
        rows = tuple((f"#{row.theme}", str(row.count), _bump_times(row)) for row in themes)
        blocks += [_Heading(2, "Themes"), _Table(("Theme", "Mentions", "One-key mentions"), rows)]
    for kind in LISTED:
        part(kind.heading, (_NoteEntry(n, show_kind=False) for n in notes if n.kind == kind.name), tasks=kind.name == ACTION)
    if not notes:
        blocks.append(_Line("No notes were taken in this session.", remark=True))
    return blocks


def _by_question(session: Session) -> list[_Block]:
    refs = session.guide.questions
    blocks: list[_Block] = [_Heading(2, "Notes by question")] if refs else []
    section = None
    for ref in refs:
        if ref.section_index != section:
            section = ref.section_index
            blocks.append(_Heading(3, ref.section.title))
        record = session.questions[ref.index]
        notes = session.notes_for(ref.index)
        state = session.question_state(ref.index)
        blocks.append(_Heading(4, f"Q{ref.index + 1}. {ref.question.text}"))
        if state == "skipped":
            blocks.append(_Line("Skipped.", remark=True))
        elif state == "not reached":
            blocks.append(_Line("Not reached.", remark=True))
        elif ref.question.star:
            blocks.append(_Line(_star_badges(record.star)))
        if notes:
            blocks.append(_Items(tuple(_NoteEntry(n) for n in notes)))
        elif state == "asked":
            blocks.append(_Line("No notes.", remark=True))
    strays = tuple(_NoteEntry(n) for n in session.notes if not 0 <= n.question < len(refs))
    if strays:
        blocks += [_Heading(2, "Other notes"), _Items(strays)]
    return blocks


def _bump_times(row: ThemeInSession) -> str:
    """`01:10 (Q1), 02:10 (Q2)`: when a theme was mentioned with its key, or `—`."""
    return ", ".join(f"{format_elapsed(at)} (Q{question + 1})" for at, question in row.bumps) or "—"


def _star_badges(coverage: dict[str, bool]) -> str:
    marks = (f"{e[0].upper()} {COVERED_MARK if coverage[e] else MISSING_MARK}" for e in STAR_ELEMENTS)
    return "STAR: " + " · ".join(marks)


def _note_parts(entry: _NoteEntry, label: Callable[[str], str], text: str) -> str:
    """`[mm:ss] ★ Pain: (Situation) text`, with the label and text already formatted."""
    note = entry.note
    parts = [f"[{format_elapsed(note.elapsed)}]"]
    if note.starred:
        parts.append(STARRED_MARK)
    if entry.show_kind and note.kind != NOTE:
        parts.append(label(kind_of(note.kind).label + ":"))
    if note.star in STAR_LETTERS:
        parts.append(f"({STAR_LETTERS[note.star].capitalize()})")
    parts.append(f"“{text}”" if note.kind == QUOTE else text)
    return " ".join(parts)


def _one_line(text: str) -> str:
    """Text on a single line: a newline inside a bullet could start a new block."""
    return " ".join(text.split())


# --- Markdown ------------------------------------------------------------------
def _write_markdown(blocks: list[_Block]) -> str:
    chunks = []
    for block in blocks:
        match block:
            case _Heading(level, text):
                chunks.append(markdown.heading(level, text))
            case _Fields(rows):
                chunks.append("\n".join(f"- **{label}:** {markdown.escape(value)}" for label, value in rows))
            case _Items(entries, tasks):
                bullet = "- [ ] " if tasks else "- "
                chunks.append("\n".join(bullet + _md_entry(e) for e in entries))
            case _Table(header, rows):
                chunks.append(markdown.table(header, rows))
            case _Line(text, remark):
                chunks.append(f"_{markdown.escape(text)}_" if remark else markdown.escape(text))
            case _Pains(rows):
                chunks.append("\n".join(
                    "\n".join([f"- **{verdict}:** {markdown.escape(text)}", *(f"  - {_md_entry(e)}" for e in notes)])
                    for verdict, text, notes in rows
                ))
    return "\n\n".join(chunks) + "\n"


def _md_entry(entry: str | _NoteEntry) -> str:
    if isinstance(entry, str):
        return markdown.escape(entry)
    # A pasted note keeps its lines: a hard break (two spaces) and an indent keep them in the bullet.
    text = "  \n  ".join(markdown.escape(line) for line in entry.note.text.splitlines() or [""])
    return _note_parts(entry, lambda label: f"**{label}**", text)


# --- plain text ------------------------------------------------------------------
def _write_text(blocks: list[_Block]) -> str:
    chunks = []
    for block in blocks:
        match block:
            case _Heading(level, text):
                chunks.append(_one_line(text).upper() if level in (2, 3) else _one_line(text))
            case _Fields(rows):
                chunks.append("\n".join(f"{label}: {_one_line(value)}" for label, value in rows))
            case _Items(entries):
                chunks.append("\n".join("- " + _text_entry(e) for e in entries))
            case _Table(header, rows):
                lines = [header, *rows]
                widths = [max(len(_one_line(line[i])) for line in lines) for i in range(len(header) - 1)]
                chunks.append("\n".join(
                    "  ".join([*(f"{_one_line(cell):<{w}}" for cell, w in zip(line, widths)), _one_line(line[-1])])
                    for line in lines
                ))
            case _Line(text):
                chunks.append(_one_line(text))
            case _Pains(rows):
                chunks.append("\n".join(
                    "\n".join([f"- {verdict}: {_one_line(text)}", *(f"    - {_text_entry(e)}" for e in notes)])
                    for verdict, text, notes in rows
                ))
    return "\n\n".join(chunks) + "\n"


def _text_entry(entry: str | _NoteEntry) -> str:
    if isinstance(entry, str):
        return _one_line(entry)
    text = "\n  ".join(_one_line(line) for line in entry.note.text.splitlines() or [""])
    return _note_parts(entry, lambda label: label, text)
