"""The session store: one TinyDB file per session, with locks, trash and import.

Layout under the store folder (all 0700, files 0600):

    sessions/<date>-<participant-slug>-<short id>.json   one file per session
    trash/                                                deleted sessions
    locks/<file name>.lock                                who is writing what
    index.json                                            listing cache

One file per session means two laptops syncing the folder (or a git repo of
it) never merge each other's edits into one file. A session is written only
through a SessionWriter, which holds its file lock; anyone may read it at any
time because every save replaces the file atomically.

TinyDB caches next ids and query results per process, so nothing here keeps a
TinyDB open to read: loads parse the file, and a writer's TinyDB only sees
the file it alone writes, with note document ids chosen here.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.table import Document

from tui.core.session import SCHEMA_VERSION, Note, Session, new_id
from tui.errors import UsageError
from tui.files import (
    FILE_MODE,
    StoreError,
    describe_os_error,
    fsync_dir,
    is_temp_name,
    make_private_dir,
    temp_target,
)
from tui.storage import (
    META_DOC_ID,
    NOTES_TABLE,
    SESSION_TABLE,
    AtomicJSONStorage,
    UnreadableFile,
    build_session,
    read_export,
    read_json,
    schema_of,
    session_layout,
    split_layout,
)
from tui.store_index import SessionIndex, SessionSummary, is_session_name, summarize

__all__ = [
    "ImportResult",
    "ReadOnlySession",
    "SessionLocked",
    "SessionSummary",
    "SessionWriter",
    "Store",
    "StoreError",
]

INDEX_LOCK = "index.lock"


class SessionLocked(StoreError):
    """Another window (process) is writing this session."""


class ReadOnlySession(StoreError):
    """The session was saved by a newer version; this one must not rewrite it."""


@dataclass(frozen=True)
class ImportResult:
    session_id: str
    path: Path
    outcome: str  # "imported", "unchanged" or "copied"
    message: str


def slugify(text: str, limit: int = 30) -> str:
    """`Élodie Martin` -> `elodie-martin`: ASCII, lowercase, hyphens, `anon` if empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:limit]  # end on a whole word
    return slug or "anon"


def _safe(text: str) -> str:
    """Only file-name-safe characters, so an imported id cannot steer a path."""
    return re.sub(r"[^A-Za-z0-9-]", "", text)


def session_file_name(session: Session) -> str:
    date = _safe(session.date) or "undated"
    return f"{date}-{slugify(session.participant.name)}-{_safe(session.id[:8]) or 'session'}.json"


def _describe(session_id: str, meta: dict[str, Any]) -> str:
    """`1a2b3c4d (Ana Lima, 2025-03-01)` for messages."""
    participant = meta.get("participant") if isinstance(meta.get("participant"), dict) else {}
    who = participant.get("name") or "anonymous"
    return f"{session_id[:8]} ({who}, {str(meta.get('started_at', ''))[:10] or 'undated'})"


def _label(summary: SessionSummary) -> str:
    return f"{summary.short_id} ({summary.participant_name or 'anonymous'}, {summary.date or 'undated'})"


def _free_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `name-2`, `name-3`... if that is taken."""
    path = folder / name
    stem, suffix = os.path.splitext(name)
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}{suffix}"
        number += 1
    return path


def _replace_with(document: dict[str, Any]):
    """A TinyDB update that replaces a document's fields instead of merging them."""

    def replace(stored: dict[str, Any]) -> None:
        stored.clear()
        stored.update(document)

    return replace


class SessionWriter:
    """Saves one session's changes, each persisted and fsynced before returning.

    It holds the session's lock until `close()`. `session` is the model the
    screen edits; the writer saves what it is told, and changes the session only
    in `remove_note` / `restore_note`, which keep a note's removal from the session
    and from the file together. A note's place in the file follows the order notes were first saved; a
    note deleted and saved again (undo) gets its old place back.
    """

    def __init__(self, session: Session, path: Path, lock: FileLock, db: TinyDB) -> None:
        self.session = session
        self.path = path
        self._lock = lock
        self._db: TinyDB | None = db
        self._notes = db.table(NOTES_TABLE, cache_size=0)
        self._meta = db.table(SESSION_TABLE, cache_size=0)
        stored = (db.storage.read() or {}).get(NOTES_TABLE, {})
        self._doc_ids = {doc["id"]: int(doc_id) for doc_id, doc in stored.items()}
        self._removed: dict[str, int] = {}
        self._last_doc_id = max(self._doc_ids.values(), default=0)

    def save_note(self, note: Note) -> None:
        """Insert the note, or replace the saved one with the same id."""
        self._check_open()
        document = note.to_dict()
        doc_id = self._doc_ids.get(note.id)
        if doc_id is not None:
            self._notes.update(_replace_with(document), doc_ids=[doc_id])
            return
        doc_id = self._removed.get(note.id) or self._last_doc_id + 1
        self._notes.insert(Document(document, doc_id=doc_id))
        self._removed.pop(note.id, None)
        self._doc_ids[note.id] = doc_id
        self._last_doc_id = max(self._last_doc_id, doc_id)

    def delete_note(self, note_id: str) -> None:
        """Remove a saved note; a note never saved is no error."""
        self._check_open()
        doc_id = self._doc_ids.get(note_id)
        if doc_id is None:
            return
        self._notes.remove(doc_ids=[doc_id])
        self._removed[note_id] = self._doc_ids.pop(note_id)

    def remove_note(self, note_id: str) -> tuple[int, Note]:
        """Take a note out of the session and its file together; if the write fails, the session keeps it."""
        position, note = self.session.remove_note(note_id)
        try:
            self.delete_note(note_id)
        except BaseException:
            self.session.restore_note(position, note)
            raise
        return position, note

    def restore_note(self, position: int, note: Note) -> None:
        """Put a removed note back (undo) in the session and its file together."""
        self.session.restore_note(position, note)
        try:
            self.save_note(note)
        except BaseException:
            self.session.remove_note(note.id)
            raise

    def save_meta(self) -> None:
        """Persist everything but the notes: status, questions, silences, draft, takeaways..."""
        self._check_open()
        self._meta.update(_replace_with(self.session.meta_dict()), doc_ids=[META_DOC_ID])

    @property
    def closed(self) -> bool:
        return self._db is None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
            self._lock.release()

    def __enter__(self) -> SessionWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._db is None:
            raise StoreError(f"Session {self.session.id[:8]} is closed; open it again to save.")


class Store:
    def __init__(self, root: Path, *, storage_class: type[AtomicJSONStorage] = AtomicJSONStorage) -> None:
        """Open (creating if needed) the store at `root`.

        `storage_class` is how tests swap in a storage whose writes fail.
        """
        self.root = Path(root)
        if not self.root.exists():
            make_private_dir(self.root)
        self.sessions_dir = self.root / "sessions"
        self.trash_dir = self.root / "trash"
        self.locks_dir = self.root / "locks"
        for folder in (self.sessions_dir, self.trash_dir, self.locks_dir):
            make_private_dir(folder)
        self._storage_class = storage_class
        self._index = SessionIndex(self.root / "index.json", self.sessions_dir, self.locks_dir / INDEX_LOCK)

    # --- maintenance --------------------------------------------------------
    def startup(self) -> list[str]:
        """Tidy up once per run; one line per thing the user should know."""
        scan = self._index.scan()
        messages = self._remove_leftover_temps(scan.temp_files + [p for p in self.root.iterdir() if is_temp_name(p.name)])
        messages += [
            f"Sync conflict copy not loaded: {path}. Compare it with the original and delete the one you do not need."
            for path in scan.conflicts
        ]
        messages += self._quarantine_unreadable(scan.unreadable)
        messages += [
            f"Session {_label(s)} was saved by a newer version of Interview Companion; it is read-only here: {s.path}"
            for s in scan.summaries
            if s.read_only
        ]
        return messages

    def _remove_leftover_temps(self, temps: list[Path]) -> list[str]:
        """Temp files of saves a crash cut short; one whose save is still running stays."""
        messages = []
        for temp in temps:
            lock_name = INDEX_LOCK if temp.parent == self.root else f"{temp_target(temp.name)}.lock"
            with self._lock_if_free(self.locks_dir / lock_name) as free, contextlib.suppress(OSError):
                if free:
                    temp.unlink(missing_ok=True)
                    messages.append(f"Removed an unfinished save left by a crash: {temp} (the saved file is intact).")
        return messages

    def _quarantine_unreadable(self, unreadable: list[tuple[Path, str]]) -> list[str]:
        """Move each unreadable file aside, never deleting it, so the rest still load."""
        messages = []
        for path, why in unreadable:
            with self._lock_if_free(self._lock_path(path)) as free:
                if not free:
                    continue
                try:
                    moved = self._quarantine(path)
                except StoreError as error:
                    messages.append(f"Unreadable session file left in place: {path}: {why}. {error}")
                else:
                    messages.append(f"Moved an unreadable session file aside (not deleted): {path} -> {moved.name}: {why}.")
        return messages

    def _quarantine(self, path: Path) -> Path:
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        target = _free_path(path.parent, f"{path.name}.corrupt-{stamp}")
        try:
            os.rename(path, target)
        except OSError as error:
            raise StoreError(describe_os_error(error, path, "move")) from error
        fsync_dir(path.parent)
        return target

    # --- writing ------------------------------------------------------------
    def create(self, session: Session) -> SessionWriter:
        """Save a new session to its own file and return its writer (locked)."""
        path = self.sessions_dir / session_file_name(session)
        lock = self._acquire(path, session.id, session.meta_dict())
        try:
            if path.exists() or self._named_like(session.id):
                raise StoreError(f"A session with id {session.id[:8]} already exists in {self.sessions_dir}.")
            db = TinyDB(path, storage=self._storage_class)
            db.storage.write(session_layout(session))
            return SessionWriter(session, path, lock, db)
        except BaseException:
            lock.release()
            raise

    def open_writer(self, session_id: str) -> SessionWriter:
        """Open a saved session for writing; refused while another window has it."""
        path = self._path_of(session_id)
        meta, _ = self._read(path)
        lock = self._acquire(path, session_id, meta)
        try:
            meta, notes = self._read(path)  # again: it may have changed before we held the lock
            if schema_of(meta) > SCHEMA_VERSION:
                raise ReadOnlySession(
                    f"Session {_describe(session_id, meta)} was saved by a newer version of "
                    "Interview Companion; it can be viewed but not changed here."
                )
            session = self._build(path, meta, notes)
            return SessionWriter(session, path, lock, TinyDB(path, storage=self._storage_class))
        except BaseException:
            lock.release()
            raise

    # --- reading ------------------------------------------------------------
    def load(self, session_id: str) -> Session:
        """The saved session, read-only; works while another process writes it."""
        path = self._path_of(session_id)
        meta, notes = self._read(path)
        return self._build(path, meta, notes)

    def summaries(self) -> list[SessionSummary]:
        """Every session, newest first, from the index."""
        return self._index.scan().summaries

    def resolve(self, ref: str) -> str:
        """The full id for a unique id prefix, or for `latest`."""
        return self._pick(ref, self.summaries(), where="")

    # --- trash --------------------------------------------------------------
    def delete(self, session_id: str) -> Path:
        """Move a session's file to the trash; returns where it went."""
        path = self._path_of(session_id)
        meta, _ = self._read(path)
        lock = self._acquire(path, session_id, meta)
        try:
            return self._move(path, self.trash_dir)
        finally:
            lock.release()

    def restore(self, ref: str) -> str:
        """Move a session back from the trash, found by id prefix; returns its id."""
        trashed: dict[str, tuple[Path, SessionSummary]] = {}
        for path in sorted(self.trash_dir.iterdir()):
            if is_session_name(path.name):
                with contextlib.suppress(UnreadableFile, OSError):
                    summary = _summary_of(path)
                    trashed.setdefault(summary.id, (path, summary))
        session_id = self._pick(ref, [summary for _, summary in trashed.values()], where=" in the trash")
        if self._find(session_id):
            raise UsageError(f"Session {session_id[:8]} is already in the store; nothing to restore.")
        self._move(trashed[session_id][0], self.sessions_dir)
        return session_id

    # --- import -------------------------------------------------------------
    def import_file(self, path: Path) -> ImportResult:
        """Add a session exported as JSON by a teammate.

        The same session again is a no-op; a different session under an id
        already here is kept as a copy with a new id, so nothing is overwritten.
        """
        incoming = read_export(Path(path))
        existing = self._find(incoming.id)
        if existing is None:
            saved = self._add(incoming)
            return ImportResult(incoming.id, saved, "imported", f"Imported session {self._label_of(incoming)} from {path}.")
        if self.load(incoming.id).to_dict() == incoming.to_dict():
            return ImportResult(incoming.id, existing, "unchanged", f"Already in the store: {self._label_of(incoming)}.")
        for summary in self.summaries():
            if summary.started_at == incoming.started_at and summary.id != incoming.id:
                copy = self.load(summary.id)
                if _same_apart_from_id(copy, incoming):
                    return ImportResult(copy.id, summary.path, "unchanged", f"Already imported as {self._label_of(copy)}.")
        original, incoming.id = incoming.id, new_id()
        saved = self._add(incoming)
        message = f"Session {original[:8]} already exists with different content; kept this one as a copy: {self._label_of(incoming)}."
        return ImportResult(incoming.id, saved, "copied", message)

    def _add(self, session: Session) -> Path:
        with self.create(session) as writer:
            return writer.path

    @staticmethod
    def _label_of(session: Session) -> str:
        return _describe(session.id, session.meta_dict())

    # --- helpers ------------------------------------------------------------
    def _pick(self, ref: str, summaries: list[SessionSummary], where: str) -> str:
        wanted = ref.strip().lower()
        if not wanted:
            raise UsageError("Give a session id (any unique start of it) or 'latest'.")
        if wanted == "latest":
            if not summaries:
                raise UsageError(f"No sessions{where} yet.")
            return summaries[0].id
        matches = [s for s in summaries if s.id.lower() == wanted] or [
            s for s in summaries if s.id.lower().startswith(wanted)
        ]
        if not matches:
            raise UsageError(f"No session{where} matches '{ref}'. See `interview list`.")
        if len(matches) > 1:
            shown = ", ".join(_label(s) for s in matches[:5])
            more = f" and {len(matches) - 5} more" if len(matches) > 5 else ""
            raise UsageError(f"'{ref}' matches {len(matches)} sessions{where}: {shown}{more}. Type more of the id.")
        return matches[0].id

    def _lock_path(self, path: Path) -> Path:
        return self.locks_dir / f"{path.name}.lock"

    def _acquire(self, path: Path, session_id: str, meta: dict[str, Any]) -> FileLock:
        lock = FileLock(self._lock_path(path), timeout=0, mode=FILE_MODE)
        try:
            lock.acquire()
        except Timeout:
            raise SessionLocked(
                f"Session {_describe(session_id, meta)} is open in another window; close it there first."
            ) from None
        except OSError as error:
            raise StoreError(describe_os_error(error, lock.lock_file, "lock")) from error
        return lock

    @contextlib.contextmanager
    def _lock_if_free(self, lock_path: Path):
        """Yields True while holding the lock, False if someone else holds it."""
        lock = FileLock(lock_path, timeout=0, mode=FILE_MODE)
        try:
            lock.acquire()
        except Timeout:
            yield False
            return
        try:
            yield True
        finally:
            lock.release()

    def _named_like(self, session_id: str) -> Path | None:
        """The file whose name ends in this id's short form and holds this id."""
        pattern = f"*-{glob.escape(_safe(session_id[:8]) or 'session')}.json"
        for path in self.sessions_dir.glob(pattern):
            with contextlib.suppress(UnreadableFile, OSError):
                if is_session_name(path.name) and self._read_loosely(path)[0]["id"] == session_id:
                    return path
        return None

    def _find(self, session_id: str) -> Path | None:
        """The file holding a session: by its name first, else (renamed) by the index."""
        found = self._named_like(session_id)
        if found is None:
            found = next((s.path for s in self.summaries() if s.id == session_id), None)
        return found

    def _path_of(self, session_id: str) -> Path:
        path = self._find(session_id)
        if path is None:
            raise UsageError(f"No session with id {session_id}. See `interview list`.")
        return path

    @staticmethod
    def _read_loosely(path: Path) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
        return split_layout(read_json(path))

    def _read(self, path: Path) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
        try:
            return self._read_loosely(path)
        except UnreadableFile as error:
            raise StoreError(f"Cannot read {path}: {error}.") from error
        except OSError as error:
            raise StoreError(describe_os_error(error, path, "read")) from error

    @staticmethod
    def _build(path: Path, meta: dict[str, Any], notes: dict[int, dict[str, Any]]) -> Session:
        try:
            return build_session(meta, notes)
        except UnreadableFile as error:
            if schema_of(meta) > SCHEMA_VERSION:
                raise ReadOnlySession(
                    f"{path} was saved by a newer version of Interview Companion; upgrade to open it."
                ) from error
            raise StoreError(f"Cannot read {path}: {error}.") from error

    def _move(self, path: Path, folder: Path) -> Path:
        target = _free_path(folder, path.name)
        try:
            os.rename(path, target)
        except OSError as error:
            raise StoreError(describe_os_error(error, path, "move")) from error
        fsync_dir(path.parent)
        fsync_dir(folder)
        return target


def _summary_of(path: Path) -> SessionSummary:
    return summarize(path, read_json(path))


def _same_apart_from_id(first: Session, second: Session) -> bool:
    one, other = first.to_dict(), second.to_dict()
    del one["id"], other["id"]
    return one == other
