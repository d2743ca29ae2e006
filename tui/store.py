"""The session store: one TinyDB snapshot per session, a journal while it is written, locks, trash, import.

Layout under the store folder (all 0700, files 0600):

    sessions/<date>-<participant-slug>-<short id>.json   one snapshot per session (syncs)
    journal/<snapshot name>.<segment>.jsonl               changes not yet folded (machine-local)
    locks/<snapshot name>.lock                            who is writing what (machine-local)
    trash/                                                deleted sessions
    index.sqlite3                                         the index: summaries, themes, notes to search (tui.index;
                                                          machine-local, rebuilt when missing)

One file per session means two laptops syncing the folder (or a git repo of
it) never merge each other's edits into one file. A session is written only
through a SessionWriter (tui.writer), which holds its lock; anyone may read it
at any time, as snapshot + journal (tui.storage). The store's own folders must
be real folders: a symlink or a file in their place is refused in one line,
never followed or chmodded.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from tui.core.analysis import ThemeReport
from tui.core.search import Query
from tui.core.session import SCHEMA_VERSION, Session
from tui.core.text import one_line
from tui.errors import UsageError
from tui.files import StoreError, describe_os_error, fsync_dir, is_temp_name, make_private_dir, temp_target
from tui.index import FolderScan, Index, Progress
from tui.index_queries import SearchResult, guide_names, matching_sessions, search, theme_report
from tui.index_rows import SessionSummary, is_session_name, session_rows
from tui.journal import JOURNAL_TABLE, META_DOC, SESSION_TABLE
from tui.locking import LockBusy, LockUnusable, SessionLock, is_free
from tui.storage import (
    AtomicJSONStorage,
    Merged,
    SessionFiles,
    UnreadableFile,
    build_session,
    describe_session,
    free_path,
    schema_of,
    session_file_name,
    session_layout,
    slugify,
)
from tui.store_import import ImportResult, import_file
from tui.writer import SessionWriter, closing_writer, take_over

__all__ = [
    "ImportResult",
    "session_file_name",
    "slugify",
    "ReadOnlySession",
    "SessionLocked",
    "SessionSummary",
    "SessionWriter",
    "Store",
    "StoreError",
]

INDEX_LOCK = "index.lock"  # held by earlier versions while they wrote index.json
FOLDERS = ("sessions", "journal", "locks", "trash")
OLD_CACHES = ("index.json", "facts.json")  # what earlier versions kept instead of index.sqlite3


class SessionLocked(StoreError):
    """Another window (process) is writing this session."""


class ReadOnlySession(StoreError):
    """The session must not be rewritten here: saved by a newer version, or it cannot be locked."""


def _label(summary: SessionSummary) -> str:
    return one_line(f"{summary.short_id} ({summary.participant_name or 'anonymous'}, {summary.date or 'undated'})")


class Store:
    def __init__(self, root: Path, *, storage_class: type[AtomicJSONStorage] = AtomicJSONStorage) -> None:
        """Open (creating if needed) the store at `root`.

        `sessions/` that is not a real folder makes the store unusable (StoreError,
        one line); `journal/`, `locks/` or `trash/` that is not makes only what needs
        it refuse, in one line, while listing and reading go on. `storage_class` is
        how tests swap in a storage whose writes fail.
        """
        self.root = Path(root)
        if not os.path.lexists(self.root):
            make_private_dir(self.root)
        self.sessions_dir = self.root / "sessions"
        self.journal_dir = self.root / "journal"
        self.locks_dir = self.root / "locks"
        self.trash_dir = self.root / "trash"
        make_private_dir(self.sessions_dir)
        self.problems: dict[str, str] = {}  # folder name -> why it cannot be used
        for name in FOLDERS[1:]:
            try:
                make_private_dir(self.root / name)
            except StoreError as error:
                self.problems[name] = str(error)
        self._storage_class = storage_class
        # A journal or locks folder that is not a real one is never looked into.
        self.files = SessionFiles(self.sessions_dir, None if "journal" in self.problems else self.journal_dir)
        self.index = Index(self.root, self.files)

    # --- maintenance --------------------------------------------------------
    def startup(self, progress: Progress | None = None) -> list[str]:
        """Tidy up once per run (fold journals a crash left, quarantine, temp files); one line per thing to know.

        `progress(done, total)` is told how many session files the index has read, as it reads them.
        """
        messages = list(self.problems.values())
        scan = self.index.refresh(progress)
        messages += self.index.notices
        self.index.notices.clear()
        self._remove_old_caches()
        messages += self._remove_leftover_temps(scan.temp_files + [p for p in self.root.iterdir() if is_temp_name(p.name)])
        messages += [
            f"Sync conflict copy not loaded: {path}. Compare it with the original and delete the one you do not need."
            for path in scan.conflicts
        ]
        messages += [
            f"Two files hold session {loser_id[:8]}: {winner} (newer) is the one listed; {loser} is kept, not listed"
            f" (`interview export {loser.name}` reads it). Compare them and delete the one you do not need."
            for loser, winner, loser_id in scan.duplicates
        ]
        messages += scan.problems
        messages += self._quarantine_unreadable(scan.unreadable)
        messages += self._recover_journals(scan)
        messages += [
            f"Session {_label(s)} was saved by a newer version of Interview Companion; it is read-only here: {s.path}"
            for s in self.index.where("read_only")
        ]
        return [one_line(message) for message in messages]

    def _remove_old_caches(self) -> None:
        for name in OLD_CACHES:
            path = self.root / name
            with contextlib.suppress(OSError):
                if os.path.isfile(path) and not os.path.islink(path):
                    path.unlink()

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
        target = free_path(path.parent, f"{path.name}.corrupt-{stamp}")
        try:
            os.rename(path, target)
        except OSError as error:
            raise StoreError(describe_os_error(error, path, "move")) from error
        fsync_dir(path.parent)
        return target

    def _recover_journals(self, scan: FolderScan) -> list[str]:
        """Fold the journal of each session nobody is writing: what a crash or a kill left."""
        messages = [f"Journal left without its session file (kept): {path}" for path in scan.orphans]
        for path in scan.journaled:
            with self._lock_if_free(self._lock_path(path)) as free:
                if free and closing_writer(path) is None:
                    try:
                        self._recover(path)
                    except (StoreError, UnreadableFile, OSError) as error:
                        messages.append(f"The journal of {path} was not folded yet: {error}")
        return messages

    def _recover(self, path: Path) -> None:
        """Replay the journal into the snapshot and remove it; the caller holds the lock.

        Nobody holds the lock, so a session still `in_progress` was interrupted.
        """
        merged = self.files.read(path)
        if not merged.segments:
            return
        meta = merged.data[SESSION_TABLE][META_DOC]
        if meta.get("status") == "in_progress":
            merged.data[SESSION_TABLE] = {META_DOC: {**meta, "status": "interrupted"}}
        merged.data[JOURNAL_TABLE] = {META_DOC: {"folded": merged.last_seq}}
        self._storage_class(path).write(merged.data)
        for _, segment in merged.segments:
            with contextlib.suppress(OSError):
                segment.unlink()
        fsync_dir(self.journal_dir)

    # --- writing ------------------------------------------------------------
    def create(self, session: Session) -> SessionWriter:
        """Save a new session to its own file and return its writer (locked)."""
        self._writable()
        path = self.sessions_dir / session_file_name(session)
        lock, after = self._acquire(path, session.id, session.meta_dict(logs=False), take=False)
        try:
            if os.path.lexists(path) or self._indexed(session.id):
                raise StoreError(f"A session with id {session.id[:8]} already exists in {self.sessions_dir}.")
            layout = session_layout(session)
            self._storage_class(path).write(layout)
            return self._writer(session, path, lock, Merged(layout, 0), after, created=True)
        except BaseException:
            lock.release()
            raise

    def open_writer(self, session_id: str) -> SessionWriter:
        """Open a saved session for writing; refused while another window has it."""
        path = self._path_of(session_id)
        meta, _ = self._read(path).tables
        self._writable(session_id, meta)
        lock, after = self._acquire(path, session_id, meta, take=True)
        try:
            merged = self._read(path)  # again: it may have changed before we held the lock
            meta, notes = merged.tables
            if schema_of(meta) > SCHEMA_VERSION:
                raise ReadOnlySession(
                    f"Session {describe_session(session_id, meta)} was saved by a newer version of "
                    "Interview Companion; it can be viewed but not changed here."
                )
            return self._writer(self._build(path, meta, notes), path, lock, merged, after)
        except BaseException:
            lock.release()
            raise

    def _writer(
        self, session: Session, path: Path, lock: SessionLock, merged: Merged, after: Any, *, created: bool = False
    ) -> SessionWriter:
        storage = self._storage_class(path)
        return SessionWriter(
            session, path, lock, merged=merged, journal_dir=self.journal_dir, storage=storage, after=after,
            index=self.index, created=created,
        )

    def _writable(self, session_id: str = "", meta: dict[str, Any] | None = None) -> None:
        for name in ("locks", "journal"):
            if name in self.problems:
                what = f"Session {describe_session(session_id, meta or {})}" if session_id else "A new session"
                raise ReadOnlySession(f"{what} cannot be saved: {self.problems[name]}")

    # --- reading ------------------------------------------------------------
    def load(self, session_id: str) -> Session:
        """The saved session (snapshot + journal), read-only; works while another process writes it."""
        return self.load_path(self._path_of(session_id))

    def load_path(self, path: Path) -> Session:
        """The session in this file of `sessions/`, as saved (its status as written, too)."""
        return self._build(path, *self._read(path).tables)

    def load_ref(self, ref: str) -> Session:
        """A session by id prefix or `latest`, or by its file's name in `sessions/` (two files, one id)."""
        name = Path(ref).name
        if ref.endswith(".json") and name == ref and is_session_name(name) and (self.sessions_dir / name).is_file():
            return self.load_path(self.sessions_dir / name)
        return self.load(self.resolve(ref))

    def summaries(self) -> list[SessionSummary]:
        """Every session, newest first, from the index; one nobody holds is no longer `in progress`."""
        self.index.refresh()
        return [self._as_held(s) for s in self.index.summaries()]

    def _as_held(self, summary: SessionSummary) -> SessionSummary:
        if summary.status == "in_progress" and self._nobody_writes(summary.path):
            return replace(summary, status="interrupted")
        return summary

    def resolve(self, ref: str) -> str:
        """The full id for a unique id prefix, or for `latest`."""
        self.index.refresh()
        wanted = ref.strip().lower()
        if wanted == "latest":
            return self._pick(ref, self.index.where("1", limit=1), where="")
        escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return self._pick(ref, self.index.where("id LIKE ? ESCAPE '\\'", escaped + "%"), where="")

    # --- across sessions ----------------------------------------------------
    def search(self, query: Query, limit: int = 50, *, refresh: bool = True) -> SearchResult:
        """The notes matching `query` across every session (see tui.index_queries.search).

        `refresh=False` searches the index as last refreshed (a search box, between keystrokes).
        """
        if refresh:
            self.index.refresh()
        return self.index.query(lambda db: search(db, query, limit))

    def matching_sessions(self, query: Query, *, refresh: bool = True) -> set[str]:
        """Ids of the sessions whose summary or notes match `query` (the history filter)."""
        if refresh:
            self.index.refresh()
        return self.index.query(lambda db: matching_sessions(db, query))

    def theme_report(self, *, guide: str | None = None, since: str | None = None) -> ThemeReport:
        """Themes across interviews, from the index (on `guide` in any case, on or after `since`)."""
        self.index.refresh()
        return self.index.query(lambda db: theme_report(db, guide=guide, since=since))

    def guide_names(self) -> list[str]:
        """The guides the listed sessions were run with, sorted."""
        self.index.refresh()
        return self.index.query(guide_names)

    def _nobody_writes(self, path: Path) -> bool:
        if "locks" in self.problems or closing_writer(path) is not None:
            return False
        return is_free(self._lock_path(path)) is True

    # --- trash --------------------------------------------------------------
    def delete(self, session_id: str) -> Path:
        """Move a session's file to the trash (its journal folded in first); returns where it went."""
        if "trash" in self.problems:
            raise StoreError(self.problems["trash"])
        path = self._path_of(session_id)
        meta, _ = self._read(path).tables
        lock, _ = self._acquire(path, session_id, meta, take=False)
        try:
            self._recover(path)
            return self._move(path, self.trash_dir)
        finally:
            lock.release()

    def restore(self, ref: str) -> str:
        """Move a session back from the trash, found by id prefix; returns its id."""
        if "trash" in self.problems:
            raise StoreError(self.problems["trash"])
        trashed: dict[str, tuple[Path, SessionSummary]] = {}
        for path in sorted(self.trash_dir.iterdir()):
            if is_session_name(path.name):
                with contextlib.suppress(UnreadableFile, OSError):
                    summary = session_rows(path, *self.files.read(path).tables).summary
                    trashed.setdefault(summary.id, (path, summary))
        session_id = self._pick(ref, [summary for _, summary in trashed.values()], where=" in the trash")
        if self.find(session_id):
            raise UsageError(f"Session {session_id[:8]} is already in the store; nothing to restore.")
        self._move(trashed[session_id][0], self.sessions_dir)
        return session_id

    # --- import -------------------------------------------------------------
    def import_file(self, path: Path) -> ImportResult:
        """Add a session exported as JSON by a teammate (see tui.store_import)."""
        self.index.refresh()
        return import_file(self, Path(path))

    def import_files(self, paths: list[Path]) -> Iterator[ImportResult | UsageError]:
        """Import each file in turn, the index refreshed once: each result, or why that file was not imported."""
        self.index.refresh()
        for path in paths:
            try:
                yield import_file(self, Path(path))
            except UsageError as error:
                yield error

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
            raise UsageError(f"No session{where} matches '{one_line(ref)}'. See `interview list`.")
        if len(matches) > 1:
            shown = ", ".join(_label(s) for s in matches[:5])
            more = f" and {len(matches) - 5} more" if len(matches) > 5 else ""
            raise UsageError(f"'{one_line(ref)}' matches {len(matches)} sessions{where}: {shown}{more}. Type more of the id.")
        return matches[0].id

    def _lock_path(self, path: Path) -> Path:
        return self.locks_dir / f"{path.name}.lock"

    def _acquire(self, path: Path, session_id: str, meta: dict[str, Any], *, take: bool) -> tuple[SessionLock, Any]:
        """The session's lock, or SessionLocked / ReadOnlySession in one line.

        A writer of this process still folding the file hands its lock over to a
        new writer (`take`), or is waited for (delete: the file must be whole first).
        """
        if take and (handed := take_over(path)) is not None:
            return handed
        folding = closing_writer(path)
        if folding is not None:
            folding.wait()
        if "locks" in self.problems:
            raise ReadOnlySession(f"Session {describe_session(session_id, meta)} cannot be locked: {self.problems['locks']}")
        lock = SessionLock(self._lock_path(path))
        try:
            lock.acquire()
        except LockBusy:
            raise SessionLocked(
                f"Session {describe_session(session_id, meta)} is open in another window; close it there first."
            ) from None
        except LockUnusable as error:
            raise ReadOnlySession(f"Session {describe_session(session_id, meta)} cannot be locked ({error}); it opens read-only.") from None
        return lock, None

    @contextlib.contextmanager
    def _lock_if_free(self, lock_path: Path):
        """Yields True while holding the lock, False if someone else holds it (or it cannot be used)."""
        if "locks" in self.problems:
            yield False
            return
        lock = SessionLock(lock_path)
        try:
            lock.acquire()
        except (LockBusy, LockUnusable):
            yield False
            return
        try:
            yield True
        finally:
            lock.release()

    def find(self, session_id: str) -> Path | None:
        """The file holding a session, from the index: of two files with one id, the newer."""
        self.index.refresh()
        return self._indexed(session_id)

    def _indexed(self, session_id: str) -> Path | None:
        """As `find`, from the index as last refreshed (import refreshes once, then adds to it)."""
        found = self.index.where("id = ?", session_id)
        return found[0].path if found else None

    def _path_of(self, session_id: str) -> Path:
        path = self.find(session_id)
        if path is None:
            raise UsageError(f"No session with id {one_line(session_id)}. See `interview list`.")
        return path

    def _read(self, path: Path) -> Merged:
        try:
            return self.files.read(path)
        except UnreadableFile as error:
            raise StoreError(one_line(f"Cannot read {path}: {error}.")) from error
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
            raise StoreError(one_line(f"Cannot read {path}: {error}.")) from error

    def _move(self, path: Path, folder: Path) -> Path:
        target = free_path(folder, path.name)
        try:
            os.rename(path, target)
        except OSError as error:
            raise StoreError(describe_os_error(error, path, "move")) from error
        fsync_dir(path.parent)
        fsync_dir(folder)
        return target
