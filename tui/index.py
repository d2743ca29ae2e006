"""The store's index: one SQLite file (WAL) so listing, themes and search never parse every session.

`index.sqlite3` in the store folder holds, per session file, its stamp and what
`tui.index_rows` takes from it: the summary (home, history, `interview list`),
theme facts (the themes report, as an aggregate query) and every note's text in
an FTS5 table (search). The session files stay the truth and the index is a
cache: machine-local like `journal/` and `locks/`, never synced, and deleting
it loses nothing.

Kept in step by stamps. A session's stamp is its snapshot's (inode, mtime_ns,
size) and (segment, size, mtime_ns) of each journal segment, so it changes
with every save. A refresh lists `sessions/` and `journal/` (scandir + stat),
compares with the stamps kept, and rereads only files that are new or changed
(in batches, each one transaction, so a refresh cut short keeps its progress
and two processes never read the same files twice); rows of files that went
away are dropped. A writer also hands over its session's tables once its
final fold is durable (`put`), so the session just held is not read again.

Distrusted like any file in the store. The index is rebuilt when it is
missing, from another version (`PRAGMA user_version`) or damaged (SQLite says
the file is corrupt or not a database). A file at its place that is not ours
(not a regular file, a symlink, a folder, another program's database: its
`application_id` is not ours) is moved aside, never deleted or followed. If no
index can be kept (a read-only folder, a full disk), an in-memory one serves
this run. Each of these is one line among the store's start-up messages.

Ordering lives in the keys. A session's key is its start in seconds, shifted
left by 10 bits (plus a counter for sessions that start in the same second),
and a note's rowid is its session's key shifted by 17 bits plus its place, so
"newest first" is rowid order and needs no sort.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from tui.files import FILE_MODE, StoreError, describe_os_error, is_temp_name
from tui.index_rows import SessionRows, SessionSummary, is_conflict_name, is_session_name, session_rows, started_second
from tui.journal import list_segments, segments_of
from tui.reading import not_regular
from tui.storage import SessionFiles, UnreadableFile, free_path

INDEX_FILE = "index.sqlite3"
INDEX_VERSION = 1
APPLICATION_ID = 0x49434978  # "ICix": this file is an Interview Companion index
SIDE_FILES = ("-wal", "-shm")
SECOND_BITS = 10  # sessions starting in one second
NOTE_BITS = 17  # notes in a session: more than the schema's 100,000
BATCH = 500  # files read per transaction
WAIT_SECONDS = 60.0  # for another process's refresh (a rebuild of 10,000 sessions takes seconds)
_CORRUPT = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_HEADER = b"SQLite format 3\x00"
T = TypeVar("T")

SCHEMA = """
CREATE TABLE sessions (
    key INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    stamp TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    id TEXT NOT NULL,
    listed INTEGER NOT NULL DEFAULT 1,
    started_at TEXT NOT NULL,
    date TEXT NOT NULL,
    participant TEXT NOT NULL,
    role TEXT NOT NULL,
    company TEXT NOT NULL,
    segment TEXT NOT NULL,
    guide_name TEXT NOT NULL,
    guide_title TEXT NOT NULL,
    status TEXT NOT NULL,
    elapsed REAL NOT NULL,
    planned_minutes INTEGER,
    note_count INTEGER NOT NULL,
    themes TEXT NOT NULL,
    follow_up_ok INTEGER,
    follow_up_of TEXT,
    read_only INTEGER NOT NULL,
    person TEXT NOT NULL,
    problems TEXT
);
CREATE INDEX sessions_by_id ON sessions (id);
CREATE INDEX sessions_by_start ON sessions (started_at);
CREATE TABLE questions (
    key INTEGER NOT NULL, number INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (key, number)
) WITHOUT ROWID;
CREATE TABLE session_themes (
    theme TEXT NOT NULL, key INTEGER NOT NULL, mentions INTEGER NOT NULL, pain INTEGER NOT NULL,
    ideas INTEGER NOT NULL, PRIMARY KEY (theme, key)
) WITHOUT ROWID;
CREATE INDEX session_themes_by_key ON session_themes (key);
CREATE TABLE theme_examples (
    theme TEXT NOT NULL, preference INTEGER NOT NULL, place INTEGER NOT NULL, date TEXT NOT NULL,
    session_id TEXT NOT NULL, key INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (theme, preference, place, date DESC, session_id, key)
) WITHOUT ROWID;
CREATE INDEX theme_examples_by_key ON theme_examples (key);
CREATE TABLE note_themes (theme TEXT NOT NULL, note INTEGER NOT NULL, PRIMARY KEY (theme, note)) WITHOUT ROWID;
CREATE INDEX note_themes_by_note ON note_themes (note);
CREATE VIRTUAL TABLE notes USING fts5 (
    text, kind, note_id UNINDEXED, question UNINDEXED, elapsed UNINDEXED, starred UNINDEXED, themes UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE summaries USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');
"""

SUMMARY_COLUMNS = (
    "id, name, date, started_at, participant, role, company, segment, guide_name, guide_title, status, "
    "elapsed, planned_minutes, note_count, themes, follow_up_ok, follow_up_of, read_only"
)
_decode_themes = msgspec.json.Decoder(dict[str, int]).decode


def note_range(key: int) -> tuple[int, int]:
    """The first and last rowid the notes of session `key` can have."""
    return key << NOTE_BITS, (key << NOTE_BITS) | ((1 << NOTE_BITS) - 1)


def stamp_of(info: os.stat_result, segments: Iterable[tuple[int, Path]]) -> str:
    """What changes whenever the session does: the snapshot's inode, mtime and size, and each segment's.

    The inode is in it because every atomic save makes a new one: two saves within
    one mtime tick that keep the size are still told apart.
    """
    parts = [f"{info.st_ino}:{info.st_mtime_ns}:{info.st_size}"]
    for number, path in segments:
        with contextlib.suppress(OSError):
            segment = os.stat(path, follow_symlinks=False)
            parts.append(f"{number}:{segment.st_size}:{segment.st_mtime_ns}")
    return ";".join(parts)


def summary_of(row: tuple[Any, ...], sessions_dir: Path) -> SessionSummary:
    """A SessionSummary from the SUMMARY_COLUMNS of a `sessions` row."""
    (sid, name, day, started, who, role, company, segment, guide, title, status, elapsed, planned, notes, themes,
     ok, of, read_only) = row
    return SessionSummary(
        sid, sessions_dir / name, day, started, who, role, company, segment, guide, title, status, elapsed,
        planned, notes, _decode_themes(themes), None if ok is None else bool(ok), of, bool(read_only),
    )


@dataclass
class FolderScan:
    """What one refresh found in the sessions folder besides the sessions it indexed."""

    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # (path, why)
    conflicts: list[Path] = field(default_factory=list)
    temp_files: list[Path] = field(default_factory=list)
    duplicates: list[tuple[Path, Path, str]] = field(default_factory=list)  # (not listed, listed, id)
    journaled: list[Path] = field(default_factory=list)  # snapshots with journal segments
    orphans: list[Path] = field(default_factory=list)  # segments whose snapshot is gone
    problems: list[str] = field(default_factory=list)  # damaged journals, said at each start-up


Progress = Callable[[int, int], None]  # (files read, files to read)


class Index:
    def __init__(self, root: Path, files: SessionFiles) -> None:
        self.path = root / INDEX_FILE
        self.files = files
        self.sessions_dir = files.sessions_dir
        self.notices: list[str] = []  # one line each, said by the next start-up
        self._db: sqlite3.Connection | None = None
        self._in_memory = False
        self._blank = True  # holds nothing yet: the next refresh reads every file
        self._lock = threading.RLock()  # one connection, used by one thread at a time

    # --- the file -------------------------------------------------------------------------
    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self._db = self._open_file()
            except (sqlite3.Error, OSError, StoreError) as error:
                self._use_memory(error)
        assert self._db is not None
        return self._db

    def _open_file(self) -> sqlite3.Connection:
        """Our index at `path`, a fresh one if it was missing, stale or damaged."""
        for _ in range(3):
            self._clear_the_way()
            db = sqlite3.connect(self.path, timeout=WAIT_SECONDS, isolation_level=None, check_same_thread=False)
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if version == INDEX_VERSION and tables:
                    self._tune(db)
                    self._blank = db.execute("SELECT NOT EXISTS (SELECT 1 FROM sessions)").fetchone()[0] == 1
                    return db
                if not tables and not version:
                    self._create(db)
                    return db
                why = "was made by another version of Interview Companion"
            except sqlite3.DatabaseError as error:
                if _code(error) not in _CORRUPT:
                    db.close()
                    raise
                why = f"was damaged ({error})"
            db.close()
            self._remove()  # ours, but from another version or damaged
            self.notices.append(f"The index {self.path} {why}; it is rebuilt from the sessions.")
        raise StoreError(f"{self.path} keeps coming back damaged")

    def _clear_the_way(self) -> None:
        """Move aside what is not our index at its path (and its -wal, -shm); create it 0600 if missing."""
        for suffix in ("", *SIDE_FILES):
            path = Path(f"{self.path}{suffix}")
            try:
                info = os.lstat(path)
            except FileNotFoundError:
                continue
            why = not_regular(info.st_mode)
            if why is None and not suffix:
                why = _foreign(path, info)
            if why is None:
                if info.st_mode & 0o777 != FILE_MODE:
                    os.chmod(path, FILE_MODE)
                continue
            moved = free_path(path.parent, f"{path.name}.moved-{datetime.now():%Y%m%dT%H%M%S}")
            try:
                os.rename(path, moved)
            except OSError as error:
                raise StoreError(describe_os_error(error, path, "move")) from error
            self.notices.append(f"Moved {path} aside, as {moved.name}: {why}. The index is rebuilt from the sessions.")
        with contextlib.suppress(FileExistsError):
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
            os.fchmod(fd, FILE_MODE)
            os.close(fd)

    def _create(self, db: sqlite3.Connection) -> None:
        """Mark the file as ours (in its header, before WAL), then lay out the tables (unless a rival just did)."""
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        self._tune(db)
        with _transaction(db):
            if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {INDEX_VERSION}")
        self._blank = True

    @staticmethod
    def _tune(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # a crash may lose the last changes, never consistency
        db.execute("PRAGMA temp_store = MEMORY")

    def _remove(self) -> None:
        for suffix in ("", *SIDE_FILES):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")

    def _use_memory(self, error: BaseException) -> None:
        """No index can be kept on disk: one in memory serves this run."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        why = str(error) if isinstance(error, StoreError) else f"{type(error).__name__}: {error}"
        self.notices.append(
            f"The index {self.path} cannot be used ({why}); every session file is read this time, which is slower."
        )
        self._db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        self._in_memory = True
        self._create(self._db)

    def _run(self, work: Callable[[sqlite3.Connection], T], *, fresh: bool = True) -> T:
        """`work` on the index; a damaged index is rebuilt and a failing one replaced by memory, then `work` again."""
        with self._lock:
            for attempt in range(3):
                db = self._connection()
                try:
                    if fresh and self._blank:
                        self._refresh(db, None)
                    return work(db)
                except sqlite3.Error as error:
                    if self._in_memory or attempt == 2:
                        raise StoreError(f"The index in memory failed: {error}") from error
                    with contextlib.suppress(sqlite3.Error):
                        db.execute("ROLLBACK")
                    if _code(error) in _CORRUPT:
                        db.close()
                        self._db = None
                        self._remove()
                        self.notices.append(f"The index {self.path} was damaged; it is rebuilt from the sessions.")
                    else:
                        self._use_memory(error)
                    self._blank = True
            raise AssertionError("unreachable")

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # --- keeping in step ------------------------------------------------------------------
    def refresh(self, progress: Progress | None = None) -> FolderScan:
        """List the sessions folder and reread what changed; what else it found comes back."""
        return self._run(lambda db: self._refresh(db, progress), fresh=False)

    def _refresh(self, db: sqlite3.Connection, progress: Progress | None) -> FolderScan:
        found = FolderScan()
        listed = self._list(found)
        known = dict(db.execute("SELECT name, stamp FROM sessions"))
        changed = [(name, stamp) for name, stamp in listed.items() if known.get(name) != stamp]
        gone = [name for name in known if name not in listed]
        if changed or gone:
            touched = self._apply(db, changed, gone, found, progress)
            self._choose_listed(db, touched)
        self._blank = False
        found.problems += [
            problem for (text,) in db.execute("SELECT problems FROM sessions WHERE problems IS NOT NULL")
            for problem in msgspec.json.decode(text)
        ]
        found.duplicates = [
            (self.sessions_dir / loser, self.sessions_dir / winner, sid)
            for loser, winner, sid in db.execute(
                "SELECT l.name, w.name, l.id FROM sessions l JOIN sessions w ON w.id = l.id AND w.listed "
                "WHERE NOT l.listed ORDER BY l.name"
            )
        ]
        return found

    def _list(self, found: FolderScan) -> dict[str, str]:
        """Stamps of the session files by name; temp files, conflict copies and odd entries into `found`."""
        try:
            entries = list(os.scandir(self.sessions_dir))
        except OSError as error:
            raise StoreError(describe_os_error(error, self.sessions_dir, "list")) from error
        journals = list_segments(self.files.journal_dir) if self.files.journal_dir else {}
        stamps: dict[str, str] = {}
        for entry in entries:
            name = entry.name
            if is_temp_name(name):
                found.temp_files.append(Path(entry.path))
            elif is_conflict_name(name):
                found.conflicts.append(Path(entry.path))
            elif not is_session_name(name):
                continue
            elif not entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):  # a FIFO, a folder, a symlink: moved aside, never opened
                    found.unreadable.append((Path(entry.path), not_regular(entry.stat(follow_symlinks=False).st_mode) or "?"))
            else:
                segments = journals.pop(name, [])
                try:
                    stamps[name] = stamp_of(entry.stat(follow_symlinks=False), segments)
                except FileNotFoundError:
                    continue  # deleted while we looked
                if segments:
                    found.journaled.append(Path(entry.path))
        found.orphans = [path for segments in journals.values() for _, path in segments]
        return stamps

    def _apply(
        self, db: sqlite3.Connection, changed: list[tuple[str, str]], gone: list[str], found: FolderScan,
        progress: Progress | None,
    ) -> set[str]:
        """Drop the rows of files gone, reread the changed ones, BATCH files per transaction; ids touched."""
        touched: set[str] = set()
        total = len(changed)
        if progress:
            progress(0, total)
        with _transaction(db):
            for name in gone:
                touched |= self._drop(db, name)
        for start in range(0, total, BATCH):
            with _transaction(db):
                for name, stamp in changed[start : start + BATCH]:
                    current = db.execute("SELECT stamp FROM sessions WHERE name = ?", (name,)).fetchone()
                    if current and current[0] == stamp:
                        continue  # another process read it meanwhile
                    touched |= self._drop(db, name)
                    path = self.sessions_dir / name
                    try:
                        merged = self.files.read(path)
                        rows = session_rows(path, *merged.tables)
                    except FileNotFoundError:
                        continue
                    except (UnreadableFile, OSError) as error:
                        found.unreadable.append((path, str(error)))
                        continue
                    self._insert(db, name, stamp, _mtime(stamp), rows, merged.problems)
                    touched.add(rows.summary.id)
            if progress:
                progress(min(start + BATCH, total), total)
        return touched

    def stamp(self, path: Path) -> str | None:
        """The session file's stamp now (None if it is gone)."""
        segments = segments_of(self.files.journal_dir, path.name) if self.files.journal_dir else []
        try:
            return stamp_of(os.stat(path, follow_symlinks=False), segments)
        except OSError:
            return None

    def put(self, path: Path, tables: tuple[dict[str, Any], dict[Any, dict[str, Any]]], stamp: str | None) -> None:
        """Index a session as its writer left it, durable, without reading it again.

        `stamp` is the file's, taken while nothing could change it (the writer held
        the lock and had not handed it on). Best effort: if the index is busy or
        failing, the next refresh reads the file instead.
        """
        if stamp is None or not self._lock.acquire(blocking=False):
            return
        try:
            if self._db is None or self._blank:
                return  # not opened in this process: whoever opens it next refreshes
            name = path.name
            rows = session_rows(path, *tables)
            with _transaction(self._db):
                self._drop(self._db, name)
                self._insert(self._db, name, stamp, _mtime(stamp), rows, [])
                self._choose_listed(self._db, {rows.summary.id})
        except (sqlite3.Error, OSError, UnreadableFile, KeyError, TypeError, ValueError):
            pass
        finally:
            self._lock.release()

    # --- rows -----------------------------------------------------------------------------
    @staticmethod
    def _drop(db: sqlite3.Connection, name: str) -> set[str]:
        """Remove a file's rows; the id it held, if any."""
        row = db.execute("SELECT key, id FROM sessions WHERE name = ?", (name,)).fetchone()
        if row is None:
            return set()
        key, sid = row
        first, last = note_range(key)
        db.execute("DELETE FROM notes WHERE rowid BETWEEN ? AND ?", (first, last))
        db.execute("DELETE FROM note_themes WHERE note BETWEEN ? AND ?", (first, last))
        db.execute("DELETE FROM summaries WHERE rowid = ?", (key,))
        for table in ("questions", "session_themes", "theme_examples", "sessions"):
            db.execute(f"DELETE FROM {table} WHERE key = ?", (key,))
        return {sid}

    @staticmethod
    def _insert(
        db: sqlite3.Connection, name: str, stamp: str, mtime_ns: int, rows: SessionRows, problems: list[str]
    ) -> None:
        s = rows.summary
        key = _free_key(db, started_second(s.started_at) << SECOND_BITS)
        db.execute(
            "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key, name, stamp, mtime_ns, s.id, s.started_at, s.date, s.participant_name, s.role, s.company,
                s.segment, s.guide_name, s.guide_title, s.status, s.elapsed, s.planned_minutes, s.note_count,
                msgspec.json.encode(s.themes).decode(), s.follow_up_ok, s.follow_up_of, s.read_only, rows.person,
                msgspec.json.encode(problems).decode() if problems else None,
            ),
        )
        db.executemany("INSERT INTO questions VALUES (?, ?, ?)", ((key, n, text) for n, text in enumerate(rows.questions)))
        first = key << NOTE_BITS
        db.executemany(
            "INSERT INTO notes (rowid, text, kind, note_id, question, elapsed, starred, themes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (first + n.position, n.text, n.kind, n.note_id, n.question, n.elapsed, int(n.starred), " ".join(n.themes))
                for n in rows.notes
            ),
        )
        db.executemany(
            "INSERT INTO note_themes VALUES (?, ?)", ((t, first + n.position) for n in rows.notes for t in n.themes)
        )
        db.executemany(
            "INSERT INTO session_themes VALUES (?, ?, ?, ?, ?)",
            ((theme, key, f.mentions, f.pain, f.ideas) for theme, f in rows.themes.items()),
        )
        db.executemany(
            "INSERT OR IGNORE INTO theme_examples VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (theme, e.preference, place, s.date, s.id, key, e.kind, e.text)
                for theme, f in rows.themes.items()
                for place, e in enumerate(f.examples)
            ),
        )
        searchable = (
            s.participant_name, s.role, s.company, s.segment, s.guide_name, s.guide_title, s.status.replace("_", " "),
            s.date, s.short_id, *(f"#{t}" for t in s.themes), *rows.takeaways,
        )
        db.execute("INSERT INTO summaries (rowid, text) VALUES (?, ?)", (key, "\n".join(p for p in searchable if p)))

    @staticmethod
    def _choose_listed(db: sqlite3.Connection, ids: set[str]) -> None:
        """Of files holding one session id, list the newer (by modification time) only."""
        db.executemany(
            "UPDATE sessions SET listed = (key = (SELECT w.key FROM sessions w WHERE w.id = sessions.id "
            "ORDER BY w.mtime_ns DESC, w.name LIMIT 1)) WHERE id = ?",
            ((sid,) for sid in ids),
        )

    # --- reading --------------------------------------------------------------------------
    def query(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run a read (tui.index_queries) on the index as it stands."""
        return self._run(work)

    def summaries(self) -> list[SessionSummary]:
        """Every listed session, newest first."""
        return self.where("1")

    def where(self, condition: str, *values: Any, limit: int = -1) -> list[SessionSummary]:
        """Listed sessions matching an SQL condition on `sessions`, newest first (for the store's lookups)."""
        return self.query(
            lambda db: [
                summary_of(row, self.sessions_dir)
                for row in db.execute(
                    f"SELECT {SUMMARY_COLUMNS} FROM sessions WHERE listed AND ({condition}) "
                    f"ORDER BY key >> {SECOND_BITS} DESC, id DESC LIMIT ?",
                    (*values, limit),
                )
            ]
        )


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection):
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _free_key(db: sqlite3.Connection, base: int) -> int:
    """The first key free after those taken in this second (the 1,025th start in a second spills into the next)."""
    (last,) = db.execute("SELECT max(key) FROM sessions WHERE key BETWEEN ? AND ?", (base, base | ((1 << SECOND_BITS) - 1))).fetchone()
    key = base if last is None else last + 1
    while db.execute("SELECT 1 FROM sessions WHERE key = ?", (key,)).fetchone():
        key += 1
    return key


def _code(error: sqlite3.Error) -> int:
    return getattr(error, "sqlite_errorcode", 0) & 0xFF


def _mtime(stamp: str) -> int:
    return int(stamp.split(";", 1)[0].split(":")[1])


def _foreign(path: Path, info: os.stat_result) -> str | None:
    """Why a regular file at the index's place is not an index of ours (None: it is, or it is empty)."""
    if info.st_size == 0:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            header = os.read(fd, 100)
        finally:
            os.close(fd)
    except OSError as error:
        return f"it cannot be read ({error.strerror or error})"
    if not header.startswith(_HEADER) or len(header) < 72:
        return "it is not an SQLite database"
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        return "it is another program's database"
    return None
