"""The session store: one TinyDB snapshot per session, a journal while it is written, locks, trash, import.

Layout under the store folder (all 0700, files 0600):

    sessions/<date>-<participant-slug>-<short id>.json   one snapshot per session (syncs)
    journal/<snapshot name>.<segment>.jsonl               changes not yet folded (machine-local)
    locks/<snapshot name>.lock                            who is writing what (machine-local)
    trash/                                                deleted sessions
    index.sqlite3                                         the index (tui.index): machine-local, rebuilt when missing

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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.text import one_line
from tui.errors import UsageError
from tui.files import StoreError, describe_os_error, fsync_dir, make_private_dir
from tui.final_folds import closing_writer, take_over
from tui.gc_pause import collection_paused
from tui.index import Index, Progress, file_stamp
from tui.listing import SUMMARY_COLUMNS, ListedRow, is_session_name
from tui.locking import IMPORT_LOCK, IMPORT_WAIT, LockBusy, LockUnusable, SessionLock, acquire_within, is_free, nobody_writing
from tui.session_refs import pick_session
from tui.session_tables import JOURNAL_TABLE, META_DOC, NOTES_TABLE, SESSION_TABLE
from tui.storage import (
    Merged,
    SessionFiles,
    UnreadableFile,
    build_session,
    describe_session,
    free_path,
    is_newer,
    session_file_name,
    session_layout,
    slugify,
)
from tui.store_startup import startup

if TYPE_CHECKING:  # imported where they are used: `interview list` needs none of them (tests/test_cli_startup.py)
    from tui.core.saturation import Interview
    from tui.core.search import Query
    from tui.core.session import Session
    from tui.core.themes_report import ThemeReport
    from tui.index_queries import HistoryView, SearchResult
    from tui.index_rows import SessionSummary
    from tui.snapshot_storage import AtomicJSONStorage
    from tui.store_import import ImportResult
    from tui.writer import SessionWriter

__all__ = [
    "ListedRow",
    "session_file_name",
    "slugify",
    "ReadOnlySession",
    "SessionLocked",
    "Store",
    "StoreError",
]

FOLDERS = ("sessions", "journal", "locks", "trash")
IMPORT_GROUP = 50  # imported files per fsync of the sessions folder


class SessionLocked(StoreError):
    """Another window (process) is writing this session."""


class ReadOnlySession(StoreError):
    """The session must not be rewritten here: saved by a newer version, or it cannot be locked."""


class Store:
    def __init__(self, root: Path, *, storage_class: type[AtomicJSONStorage] | None = None) -> None:
        """Open (creating if needed) the store at `root`.

        `sessions/` that is not a real folder makes the store unusable (StoreError,
        one line); `journal/`, `locks/` or `trash/` that is not makes only what needs
        it refuse, in one line, while listing and reading go on. `storage_class` is
        how tests swap in a storage whose writes fail (by default tui.snapshot_storage's).
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
        self._import_lock: SessionLock | None = None  # held while `import_files` runs: see `add`
        # A journal or locks folder that is not a real one is never looked into.
        self.files = SessionFiles(self.sessions_dir, None if "journal" in self.problems else self.journal_dir)
        self.index = Index(self.root, self.files)

    # --- maintenance --------------------------------------------------------
    def startup(self, progress: Progress | None = None) -> list[str]:
        """Tidy up once per run (fold journals a crash left, quarantine, temp files); one line per thing to know.

        `progress(done, total)` is told how many session files the index has read, as it reads them.
        The index is up to date when it returns: what follows at once may pass `refresh=False`.
        See tui.store_startup.
        """
        return startup(self, progress)

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
        self._snapshot(path).write(merged.data)
        for _, segment in merged.segments:
            with contextlib.suppress(OSError):
                segment.unlink()
        fsync_dir(self.journal_dir)

    # --- writing ------------------------------------------------------------
    def create(self, session: Session) -> SessionWriter:
        """Save a new session to its own file and return its writer (locked)."""
        path, lock, after, layout = self._new_file(session)
        try:
            return self._writer(session, path, lock, Merged(layout, 0), after)
        except BaseException:
            lock.release()
            raise

    def add(self, session: Session, *, sync_folder: bool = True) -> Path:
        """Save a whole session nobody will write (an import) to its own file, durable and indexed.

        Inside `import_files`, which holds IMPORT_LOCK, the file takes no lock of its own: another
        import is refused while this one runs, and no writer can hold a session the store does not
        have yet. A lock file each would stay in `locks/` for good, and making one in a folder of
        10,000 took a fifth of an import. Its stamp is of the bytes written, so if a writer opens
        the session at once the index reads it again. `sync_folder=False`: durable once the caller
        has fsynced `sessions/` (`import_files` does, per group).
        """
        if self._import_lock is None:
            path, lock, _, layout = self._new_file(session, sync_folder=sync_folder)
            try:
                self.index.put(path, (layout[SESSION_TABLE][META_DOC], layout[NOTES_TABLE]), self.index.stamp(path))
                return path
            finally:
                lock.release()
        self._writable()
        path = self.sessions_dir / session_file_name(session)
        layout = session_layout(session)
        self._refuse_taken(path, session.id)
        written = self._snapshot(path).write(layout, sync_folder=sync_folder)
        self.index.put(path, (layout[SESSION_TABLE][META_DOC], layout[NOTES_TABLE]), file_stamp(written))
        return path

    def _new_file(self, session: Session, *, sync_folder: bool = True) -> tuple[Path, SessionLock, Any, dict[str, Any]]:
        """The session's first snapshot, written while holding its new lock (which the caller releases)."""
        self._writable()
        path = self.sessions_dir / session_file_name(session)
        layout = session_layout(session)
        lock, after = self._acquire(path, session.id, layout[SESSION_TABLE][META_DOC], take=False)
        try:
            self._refuse_taken(path, session.id)
            if sync_folder:
                self._snapshot(path).write(layout)
            else:
                self._snapshot(path).write(layout, sync_folder=False)
        except BaseException:
            lock.release()
            raise
        return path, lock, after, layout

    def _refuse_taken(self, path: Path, session_id: str) -> None:
        if os.path.lexists(path) or self._indexed(session_id):
            raise StoreError(f"A session with id {session_id[:8]} already exists in {self.sessions_dir}.")

    def open_writer(self, session_id: str) -> SessionWriter:
        """Open a saved session for writing; refused while another window has it."""
        path = self._path_of(session_id)
        meta, _ = self._read(path).tables
        self._writable(session_id, meta)
        lock, after = self._acquire(path, session_id, meta, take=True)
        try:
            merged = self._read(path)  # again: it may have changed before we held the lock
            meta, notes = merged.tables
            if is_newer(meta):
                raise ReadOnlySession(
                    f"Session {describe_session(session_id, meta)} was saved by a newer version of "
                    "Interview Companion; it can be viewed but not changed here."
                )
            return self._writer(self._build(path, meta, notes), path, lock, merged, after)
        except BaseException:
            lock.release()
            raise

    def _writer(self, session: Session, path: Path, lock: SessionLock, merged: Merged, after: Any) -> SessionWriter:
        from tui.writer import SessionWriter

        storage = self._snapshot(path)
        return SessionWriter(
            session, path, lock, merged=merged, journal_dir=self.journal_dir, storage=storage, after=after, index=self.index
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

    def summaries(self, *, refresh: bool = True) -> list[SessionSummary]:
        """Every session, newest first; one nobody holds is no longer `in progress`.

        `refresh=False` (here and below): the index as last refreshed, for a caller that just did.
        """
        self._refresh(refresh)
        gone = self._writer_gone()
        return [self._as_held(s, gone) for s in self.index.summaries()]

    def listed_rows(self, *, refresh: bool = True) -> list[ListedRow]:
        """What `interview list` prints of every session, newest first; one nobody holds is no longer `in progress`."""
        self._refresh(refresh)
        rows = self.index.listed_rows()
        gone = self._writer_gone()
        for number, row in enumerate(rows):
            if row.status == "in_progress" and gone(self.sessions_dir, row.file_name):
                rows[number] = row._replace(status="interrupted")
        return rows

    def home_sessions(self, recent: int, *, refresh: bool = True) -> list[SessionSummary]:
        """Every unfinished session and the `recent` latest others, newest first: home's menu, never all of them."""
        from tui.core.session import UNFINISHED

        self._refresh(refresh)
        unfinished = ", ".join(f"'{status}'" for status in UNFINISHED)
        found = self.index.where(f"status IN ({unfinished})") + self.index.where(f"status NOT IN ({unfinished})", limit=recent)
        gone = self._writer_gone()
        return sorted((self._as_held(s, gone) for s in found), key=lambda s: s.started_at, reverse=True)

    def refresh(self) -> None:
        """Bring the index in step with the files (changed by another process or a sync)."""
        self._refresh(True)

    def _refresh(self, wanted: bool) -> None:
        if wanted:
            self.index.refresh()

    @staticmethod
    def _as_held(summary: SessionSummary, gone: Callable[[Path, str], bool]) -> SessionSummary:
        """`summary`, just read from the index (so nobody else's: changed in place); interrupted if its writer is gone."""
        if summary.status == "in_progress" and gone(summary.folder, summary.file_name):
            summary.status = "interrupted"
        return summary

    def _writer_gone(self) -> Callable[[Path, str], bool]:
        """Whether the writer of an `in progress` session is gone (it was interrupted), for one batch of rows.

        At the batch's first such session, one test for all: if no process on this
        machine is writing in this store (tui.locking.nobody_writing), no session's
        lock is held, and none is tested on its own. A batch without one (most of
        history's pages, a key at a time) tests nothing.
        """
        nobody: list[bool] = []

        def gone(folder: Path, name: str) -> bool:
            if not nobody:
                nobody.append("locks" not in self.problems and nobody_writing(self.locks_dir))
            return nobody[0] or self._nobody_writes(folder, name)

        return gone

    def resolve(self, ref: str) -> str:
        """The full id for a unique id prefix, or for `latest`."""
        self.index.refresh()
        wanted = ref.strip().lower()
        if wanted == "latest":
            return pick_session(ref, self.index.where("1", limit=1), where="")
        escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return pick_session(ref, self.index.where("id LIKE ? ESCAPE '\\'", escaped + "%"), where="")

    # --- across sessions ----------------------------------------------------
    def search(self, query: Query, limit: int = 50, *, refresh: bool = True) -> SearchResult:
        """The notes matching `query` across every session (see tui.index_queries.search)."""
        from tui.index_queries import search

        self._refresh(refresh)
        return self.index.query(lambda db: search(db, query, limit))

    def history_page(self, view: HistoryView, offset: int, limit: int, *, refresh: bool = True) -> list[SessionSummary]:
        """`limit` sessions of history's view from `offset`, in its order (a page: history never loads all)."""
        from tui.index_queries import history_page
        from tui.index_rows import summary_of

        self._refresh(refresh)
        rows = self.index.query(lambda db: history_page(db, view, SUMMARY_COLUMNS, offset, limit))
        gone = self._writer_gone()
        return [self._as_held(summary_of(row, self.sessions_dir), gone) for row in rows]

    def history_count(self, view: HistoryView, *, refresh: bool = True) -> tuple[int, int]:
        """(sessions the view shows, listed sessions in all)."""
        from tui.index_queries import history_count

        self._refresh(refresh)
        return self.index.query(lambda db: history_count(db, view))

    def follow_up_links(self, *, refresh: bool = True) -> dict[str, str]:
        """Each session that has a follow-up, with the date of the first one."""
        from tui.index_queries import follow_up_links

        self._refresh(refresh)
        return self.index.query(follow_up_links)

    def theme_report(self, *, guide: str | None = None, since: str | None = None, refresh: bool = True) -> ThemeReport:
        """Themes across interviews, from the index (on `guide` in any case, on or after `since`)."""
        from tui.index_theme_queries import theme_report

        self._refresh(refresh)
        return self.index.query(lambda db: theme_report(db, guide=guide, since=since))

    def interviews(self, *, guide: str | None = None, refresh: bool = True) -> list[Interview]:
        """Each listed session (on `guide`, any case) with its themes, for tui.core.saturation."""
        from tui.index_theme_queries import interviews

        self._refresh(refresh)
        return self.index.query(lambda db: interviews(db, guide=guide))

    def sessions_per_theme(self, *, besides: str, refresh: bool = True) -> dict[str, int]:
        """For each theme, how many listed sessions other than `besides` (an id) mention it."""
        from tui.index_queries import sessions_per_theme

        self._refresh(refresh)
        return self.index.query(lambda db: sessions_per_theme(db, besides))

    def guide_names(self, *, refresh: bool = True) -> list[str]:
        """The guides the listed sessions were run with, sorted."""
        from tui.index_queries import guide_names

        self._refresh(refresh)
        return self.index.query(guide_names)

    def _nobody_writes(self, folder: Path, name: str) -> bool:
        if "locks" in self.problems or closing_writer(folder, name) is not None:
            return False
        return is_free(self.lock_path(name)) is True

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
        from tui.index_rows import session_rows

        if "trash" in self.problems:
            raise StoreError(self.problems["trash"])
        trashed: dict[str, tuple[Path, SessionSummary]] = {}
        for path in sorted(self.trash_dir.iterdir()):
            if is_session_name(path.name):
                with contextlib.suppress(UnreadableFile, OSError):
                    summary = session_rows(path, *self.files.read(path).tables).summary
                    trashed.setdefault(summary.id, (path, summary))
        session_id = pick_session(ref, [summary for _, summary in trashed.values()], where=" in the trash")
        if self.find(session_id):
            raise UsageError(f"Session {session_id[:8]} is already in the store; nothing to restore.")
        self._move(trashed[session_id][0], self.sessions_dir)
        return session_id

    # --- import -------------------------------------------------------------
    def import_file(self, path: Path) -> ImportResult:
        """Add a session exported as JSON by a teammate (see tui.store_import)."""
        from tui.store_import import import_file

        self.index.refresh()
        return import_file(self, Path(path))

    def import_files(self, paths: list[Path]) -> Iterator[ImportResult | UsageError]:
        """Import each file in turn: each result, or why that file was not imported.

        The index is refreshed once; the sessions are indexed by a second thread as
        they are saved (tui.index_bulk). The sessions folder is fsynced once every
        IMPORT_GROUP files, and their results are given only then, when each is durable.
        The garbage collector is paused, as for a rebuild: the sessions read and written
        hold no cycles, and its 600 passes over them held the GIL for 5 % of an import.
        """
        from tui.store_import import import_file

        self.index.refresh()
        with collection_paused(), self._importing(), self.index.bulk():
            for start in range(0, len(paths), IMPORT_GROUP):
                group: list[ImportResult | UsageError] = []
                for path in paths[start : start + IMPORT_GROUP]:
                    try:
                        group.append(import_file(self, Path(path), sync_folder=False))
                    except UsageError as error:
                        group.append(error)
                fsync_dir(self.sessions_dir)
                yield from group

    @contextlib.contextmanager
    def _importing(self) -> Iterator[None]:
        """IMPORT_LOCK held for the whole import, so its files take no lock each (`add`).

        Another import on this machine is refused in one line, and start-up leaves the
        import's temp files alone (tui.store_startup). Where `locks/` cannot be used,
        each file takes its own lock as `create` does, and says why it cannot.
        """
        if "locks" in self.problems:
            yield
            return
        lock = SessionLock(os.path.join(self.locks_dir, IMPORT_LOCK))
        try:
            acquire_within(lock, IMPORT_WAIT)  # start-up's tidying holds it for milliseconds
        except LockBusy:
            raise UsageError("Another import into this store is running; import again once it is done.") from None
        except LockUnusable:
            yield
            return
        self._import_lock = lock
        try:
            yield
        finally:
            self._import_lock = None
            lock.release()

    # --- helpers ------------------------------------------------------------
    def _snapshot(self, path: Path) -> AtomicJSONStorage:
        """What writes the snapshot at `path`; its module (tinydb, json) is imported by the first write."""
        if self._storage_class is None:
            from tui.snapshot_storage import AtomicJSONStorage

            self._storage_class = AtomicJSONStorage
        return self._storage_class(path)

    def lock_path(self, file_name: str) -> str:
        """The lock of the session file `file_name`; a str: `interview list` tests one per unfinished
        session, and building a Path took longer than the test."""
        return f"{self.locks_dir}{os.sep}{file_name}.lock"

    def _acquire(self, path: Path, session_id: str, meta: dict[str, Any], *, take: bool) -> tuple[SessionLock, Any]:
        """The session's lock, or SessionLocked / ReadOnlySession in one line.

        A writer of this process still folding the file hands its lock over to a
        new writer (`take`), or is waited for (delete: the file must be whole first).
        """
        if take and (handed := take_over(path)) is not None:
            return handed
        folding = closing_writer(path.parent, path.name)
        if folding is not None:
            folding.wait()
        if "locks" in self.problems:
            raise ReadOnlySession(f"Session {describe_session(session_id, meta)} cannot be locked: {self.problems['locks']}")
        lock = SessionLock(self.lock_path(path.name), writer_in=self.locks_dir)
        try:
            lock.acquire()
        except LockBusy:
            raise SessionLocked(
                f"Session {describe_session(session_id, meta)} is open in another window; close it there first."
            ) from None
        except LockUnusable as error:
            raise ReadOnlySession(f"Session {describe_session(session_id, meta)} cannot be locked ({error}); it opens read-only.") from None
        return lock, None

    def find(self, session_id: str) -> Path | None:
        """The file holding a session, from the index: of two files with one id, the newer."""
        self.index.refresh()
        return self._indexed(session_id)

    def _indexed(self, session_id: str) -> Path | None:
        """As `find`, from the index as last refreshed (import refreshes once, then adds to it)."""
        return self.index.path_of(session_id)

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
            if is_newer(meta):
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
