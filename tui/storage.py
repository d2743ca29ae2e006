"""How a session is kept in files: the snapshot (a TinyDB file) and, while it is written, its journal.

A snapshot holds three TinyDB tables: `session` (one document: the session's
`meta_dict()`), `notes` (one document per note, doc ids in note order) and
`journal` (the last journal line folded into it; see tui.journal). A snapshot
is written, atomically, through tui.snapshot_storage.

Readers see snapshot plus journal (`SessionFiles.read`). Everything read goes
through `tui.reading` (regular files only, no symlinks, size caps, strict JSON)
and, for a file of this version, through the schema in `tui.core.schema`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.text import one_line
from tui.errors import UsageError
from tui.journal_segments import segments_of
from tui.reading import MAX_SESSION_BYTES, Unreadable, parse_json, read_bytes
from tui.session_tables import JOURNAL_TABLE, META_DOC, NOTES_TABLE, SESSION_TABLE

if TYPE_CHECKING:
    from tui.core.session import Session

# The session model, its schema and the journal's parser are imported by what reads a session's
# contents: opening the store to list it (`interview list`) reads none.

META_DOC_ID = int(META_DOC)
_READ_ATTEMPTS = 5  # a fold between reading the snapshot and its journal means: read again


class UnreadableFile(Exception):
    """A file that is not a session this version can read; the message says why."""


def read_json(path: Path) -> Any:
    """A store file's JSON, through the reading path (no symlink, size cap, strict JSON)."""
    try:
        return parse_json(read_bytes(path, limit=MAX_SESSION_BYTES, follow_symlinks=False))
    except Unreadable as error:
        if error.missing:
            raise FileNotFoundError(path) from None
        raise UnreadableFile(error.why) from None


# --- file names ---------------------------------------------------------------
def slugify(text: str, limit: int = 30) -> str:
    """`Élodie Martin` -> `elodie-martin`: ASCII, lowercase, hyphens, `anon` if empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:limit]  # end on a whole word
    return slug or "anon"


def safe_name(text: str) -> str:
    """Only file-name-safe characters, so an imported id cannot steer a path."""
    return re.sub(r"[^A-Za-z0-9-]", "", text)


def session_file_name(session: Session) -> str:
    date = safe_name(session.date) or "undated"
    return f"{date}-{slugify(session.participant.name)}-{safe_name(session.id[:8]) or 'session'}.json"


def free_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `name-2`, `name-3`... if that is taken."""
    path = folder / name
    stem, suffix = os.path.splitext(name)
    number = 2
    while os.path.lexists(path):
        path = folder / f"{stem}-{number}{suffix}"
        number += 1
    return path


def describe_session(session_id: str, meta: dict[str, Any]) -> str:
    """`1a2b3c4d (Ana Lima, 2025-03-01)` for messages, control characters made visible."""
    participant = meta.get("participant") if isinstance(meta.get("participant"), dict) else {}
    who = participant.get("name") if isinstance(participant.get("name"), str) else ""
    when = meta.get("started_at") if isinstance(meta.get("started_at"), str) else ""
    return one_line(f"{session_id[:8]} ({who or 'anonymous'}, {when[:10] or 'undated'})")


# --- the session layout -----------------------------------------------------
def session_layout(session: Session, folded: int = 0) -> dict[str, dict[str, Any]]:
    """A whole session as the TinyDB tables of its file; note doc ids follow note order."""
    return {
        SESSION_TABLE: {META_DOC: session.meta_dict()},
        NOTES_TABLE: {str(number): note.to_dict() for number, note in enumerate(session.notes, 1)},
        JOURNAL_TABLE: {META_DOC: {"folded": folded}},
    }


def split_layout(data: Any) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """The meta document and the notes by doc id, checking the shape on the way."""
    if not isinstance(data, dict) or not isinstance(data.get(SESSION_TABLE), dict):
        raise UnreadableFile("no session record in it")
    records = list(data[SESSION_TABLE].values())
    if len(records) != 1 or not isinstance(records[0], dict):
        raise UnreadableFile("expected exactly one session record")
    meta = records[0]
    if not isinstance(meta.get("id"), str) or not meta["id"] or not isinstance(meta.get("guide"), dict):
        raise UnreadableFile("the session record has no id or guide")
    table = data.get(NOTES_TABLE, {})
    if not isinstance(table, dict):
        raise UnreadableFile("the notes table is not a table")
    try:
        notes = {int(doc_id): doc for doc_id, doc in table.items()}
    except ValueError:  # int() refuses anything but digits (and digit strings too long to be an id)
        raise UnreadableFile("a note has a bad document id") from None
    if not all(isinstance(doc, dict) and isinstance(doc.get("id"), str) for doc in notes.values()):
        raise UnreadableFile("a note has no id")
    return meta, notes


def schema_of(meta: dict[str, Any]) -> int:
    version = meta.get("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool):
        raise UnreadableFile("its schema_version is not a number")
    return version


def is_newer(meta: dict[str, Any]) -> bool:
    """Saved by a newer version of Interview Companion: shaped and shown, never checked by our schema nor rewritten."""
    from tui.core.session import SCHEMA_VERSION

    return schema_of(meta) > SCHEMA_VERSION


def check_tables(meta: dict[str, Any], notes: dict[int, dict[str, Any]]) -> None:
    """Every field of a file of this version, by the one schema (files of a newer one are only shaped)."""
    from tui.core.schema import SchemaError, check_session

    if is_newer(meta):
        return
    try:
        check_session(meta, [notes[doc_id] for doc_id in sorted(notes)])
    except SchemaError as error:
        raise UnreadableFile(str(error)) from None


def build_session(meta: dict[str, Any], notes: dict[int, dict[str, Any]]) -> Session:
    """A Session from a file's meta and notes; notes in doc-id order."""
    from tui.core.schema import SchemaError, session_from_dict

    try:
        return session_from_dict(meta, [notes[doc_id] for doc_id in sorted(notes)])
    except SchemaError as error:
        raise UnreadableFile(str(error)) from None


# --- snapshot + journal -------------------------------------------------------
class Merged:
    """A session as readers see it: its snapshot with the journal replayed over it.

    A plain class: `interview list` imports this module, and no dataclasses.
    """

    def __init__(
        self,
        data: dict[str, Any],
        last_seq: int,
        segments: list[tuple[int, Path]] | None = None,
        problems: list[str] | None = None,  # damaged journal parts, said once at start-up
        split: tuple[dict[str, Any], dict[int, dict[str, Any]]] | None = None,
    ) -> None:
        self.data = data
        self.last_seq = last_seq
        self.segments = segments if segments is not None else []
        self.problems = problems if problems is not None else []
        self.split = split

    @property
    def tables(self) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
        """The meta document and the notes by doc id (split once)."""
        if self.split is None:
            self.split = split_layout(self.data)
        return self.split


class SessionFiles:
    """Reads sessions as snapshot + journal; shared by the store, the index and the facts cache."""

    def __init__(self, sessions_dir: Path, journal_dir: Path | None) -> None:
        """`journal_dir` None: no usable journal folder, so snapshots are read alone."""
        self.sessions_dir = sessions_dir
        self.journal_dir = journal_dir

    def read(self, path: Path) -> Merged:
        """The session at `path` with its journal, checked; FileNotFoundError if it went away.

        A fold swaps the snapshot, then removes the segments it covered: if the
        snapshot changed while we read, we read again. A journal that would make a
        readable snapshot unreadable (a damaged line) is left out and reported.
        """
        from tui.journal import read_segments

        for _ in range(_READ_ATTEMPTS):
            before = os.stat(path, follow_symlinks=False)
            data = read_json(path)
            tables = split_layout(data)
            segments = segments_of(self.journal_dir, path.name) if self.journal_dir else []
            replay = read_segments([p for _, p in segments], tables[0]["id"]) if segments else None
            after = os.stat(path, follow_symlinks=False)
            if (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns):
                break
        return _merge(path, data, tables, segments, replay)


def _merge(path: Path, data: dict[str, Any], tables: Any, segments: list[tuple[int, Path]], replay: Any) -> Merged:
    from tui.journal import folded_seq, replay_onto

    _normalise(data)
    if replay is None:
        check_tables(*tables)
        return Merged(data, folded_seq(data), split=tables)
    problems = [f"Journal segment {p} holds another session's changes; it was left out and kept." for p in replay.foreign]
    problems += [f"Journal segment {p} cannot be read ({why}); it was left out and kept." for p, why in replay.unreadable]
    snapshot = {name: dict(table) if isinstance(table, dict) else table for name, table in data.items()}
    last = replay_onto(data, replay.lines)
    try:
        check_tables(*split_layout(data))
    except UnreadableFile as error:
        check_tables(*split_layout(snapshot))  # the snapshot alone, or the file is unreadable
        problems.append(f"The journal of {path} could not be applied ({error}); it was left out and kept.")
        return Merged(snapshot, folded_seq(snapshot), [], problems)
    return Merged(data, last, segments, problems)


def _normalise(data: dict[str, Any]) -> None:
    """The one session record under doc id 1, where the journal's `set` lines expect it."""
    records = data[SESSION_TABLE]
    if list(records) != [META_DOC]:
        data[SESSION_TABLE] = {META_DOC: next(iter(records.values()))}
    if not isinstance(data.get(NOTES_TABLE), dict):
        data[NOTES_TABLE] = {}


# --- import -------------------------------------------------------------------
def read_export(path: Path) -> Session:
    """A session from a JSON export (`Session.to_dict()`) or a store file, for import; one-line errors."""
    try:
        data = parse_json(read_bytes(path, limit=MAX_SESSION_BYTES))
        return _session_from_export(data)
    except Unreadable as error:
        raise UsageError(f"Cannot import {path}: {error.why}.") from None
    except UnreadableFile as error:
        raise UsageError(f"Cannot import {path}: {error}.") from None


def _session_from_export(data: Any) -> Session:
    if isinstance(data, dict) and SESSION_TABLE in data:
        meta, notes = split_layout(data)
    elif isinstance(data, dict) and isinstance(data.get("id"), str) and data["id"] and isinstance(data.get("guide"), dict):
        if not isinstance(data.get("notes", []), list):
            raise UnreadableFile("its notes are not a list")
        meta, notes = data, dict(enumerate(data.get("notes", []), 1))
    else:
        raise UnreadableFile("not an Interview Companion session export")
    if is_newer(meta):
        raise UnreadableFile(f"it was saved by a newer version of Interview Companion (schema {schema_of(meta)}); upgrade first")
    return build_session(meta, notes)
