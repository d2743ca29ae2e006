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
and two processes never read the same files twice; thousands of files are a
bulk load, unsynced, rebuilt if cut short: tui/index_file.py); rows of files
that went away are dropped. A writer also hands over its session's tables
once its final fold is durable (`put`), so the session just held is not read
again.

Distrusted like any file in the store (tui/index_file.py): missing, from
another version or damaged, it is rebuilt; what is not ours at its place is
moved aside; if none can be kept, one in memory serves this run. The tables
and how rows go in are in tui/index_tables.py.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any, TypeVar

from tui.errors import QueryInterrupted
from tui.files import StoreError, describe_os_error, is_temp_name
from tui.gc_pause import collection_paused
from tui.index_file import INDEX_FILE, bulk_load, is_damage, memory_index, open_index, remove, transaction
from tui.journal_segments import list_segments, segments_of
from tui.listing import LISTED_COLUMNS, SUMMARY_COLUMNS, ListedRow, is_conflict_name, is_session_name
from tui.reading import Unreadable, not_regular, parse_json, read_ahead
from tui.storage import UnreadableFile

# What makes or writes rows (tui.index_rows, tui.index_tables, tui.index_bulk) is imported by the
# methods that use it: opening the index to list it (`interview list`, a warm start) needs none.
if TYPE_CHECKING:
    from tui.index_bulk import BulkIndexer
    from tui.index_rows import Read, SessionSummary, Tables
    from tui.storage import SessionFiles

BATCH = 500  # files read per transaction
BULK = BATCH  # more files than this to read are a bulk load
IMPORT_BATCH = 100  # sessions an import indexes per transaction: few left to write after its last file
T = TypeVar("T")

def file_stamp(info: os.stat_result) -> str:
    """The stamp of a snapshot that has no journal segments (most of them)."""
    return f"{info.st_ino}:{info.st_mtime_ns}:{info.st_size}"


def stamp_of(info: os.stat_result, segments: Iterable[tuple[int, Path]]) -> str:
    """What changes whenever the session does: the snapshot's inode, mtime and size, and each segment's.

    The inode is in it because every atomic save makes a new one: two saves within
    one mtime tick that keep the size are still told apart.
    """
    parts = [file_stamp(info)]
    for number, path in segments:
        with contextlib.suppress(OSError):
            segment = os.stat(path, follow_symlinks=False)
            parts.append(f"{number}:{segment.st_size}:{segment.st_mtime_ns}")
    return ";".join(parts)


class FolderScan:
    """What one refresh found in the sessions folder besides the sessions it indexed.

    A plain class, as every refresh makes one: `interview list` imports no dataclasses.
    """

    def __init__(self) -> None:
        self.unreadable: list[tuple[Path, str]] = []  # (path, why)
        self.conflicts: list[Path] = []
        self.temp_files: list[Path] = []
        self.duplicates: list[tuple[Path, Path, str]] = []  # (not listed, listed, id)
        self.journaled: list[Path] = []  # snapshots with journal segments
        self.orphans: list[Path] = []  # segments whose snapshot is gone
        self.problems: list[str] = []  # damaged journals, said at each start-up


Progress = Callable[[int, int], None]  # (files read, files to read)


class Index:
    def __init__(self, root: Path, files: SessionFiles) -> None:
        self.path = root / INDEX_FILE
        self.files = files
        self.sessions_dir = files.sessions_dir
        self.notices: list[str] = []  # one line each, said by the next start-up
        self.progress: Progress | None = None  # told of any refresh given no progress of its own (the TUI's bar)
        self._db: sqlite3.Connection | None = None
        self._in_memory = False
        self._blank = True  # holds nothing yet: the next refresh reads every file
        self._lock = threading.RLock()  # the connection that writes, used by one thread at a time
        self._open_lock = threading.Lock()  # opening the file: a moment, never held through a refresh
        self._bulk: BulkIndexer | None = None  # an import's puts, indexed in a thread of its own (`bulk`)
        self._reader: sqlite3.Connection | None = None  # read-only, for queries: they never wait for a refresh
        self._read_lock = threading.Lock()
        self._generation = self._reader_generation = 0  # bumped whenever the file is opened anew; the reader follows

    # --- the file -------------------------------------------------------------------------
    def _connection(self) -> sqlite3.Connection:
        with self._open_lock:
            if self._db is None:
                try:
                    self._db, self._blank = open_index(self.path, self.notices)
                except (sqlite3.Error, OSError, StoreError) as error:
                    self._use_memory(error)
                self._generation += 1
        assert self._db is not None
        return self._db

    def _read_connection(self) -> sqlite3.Connection:
        """The read-only connection to the file the writer opened (it sees each batch as it commits)."""
        if self._reader is None or self._reader_generation != self._generation:
            if self._reader is not None:
                self._reader.close()
            uri = self.path.absolute().as_uri() + "?mode=ro"
            self._reader = sqlite3.connect(uri, uri=True, timeout=5, isolation_level=None, check_same_thread=False)
            self._reader.execute("PRAGMA cache_size = -16384")
            self._reader_generation = self._generation
        return self._reader

    def _use_memory(self, error: BaseException) -> None:
        """No index can be kept on disk: one in memory serves this run."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        why = str(error) if isinstance(error, StoreError) else f"{type(error).__name__}: {error}"
        self.notices.append(
            f"The index {self.path} cannot be used ({why}); every session file is read this time, which is slower."
        )
        self._db, self._blank, self._in_memory = memory_index(), True, True

    def _run(self, work: Callable[[sqlite3.Connection], T], *, fresh: bool = True) -> T:
        """`work` on the index; a damaged index is rebuilt and a failing one replaced by memory, then `work` again."""
        with self._lock:
            for attempt in range(3):
                db = self._connection()
                try:
                    if fresh and self._blank:
                        self._refresh(db, self.progress)
                    return work(db)
                except sqlite3.Error as error:
                    if self._in_memory or attempt == 2:
                        raise StoreError(f"The index {self.path} failed: {error}") from error
                    with contextlib.suppress(sqlite3.Error):
                        db.execute("ROLLBACK")
                    if is_damage(error):
                        db.close()
                        self._db = None
                        remove(self.path)
                        self.notices.append(f"The index {self.path} was damaged; it is rebuilt from the sessions.")
                    else:
                        self._use_memory(error)
                    self._blank = True
            raise AssertionError("unreachable")

    def close(self) -> None:
        with self._lock, self._read_lock:
            for db in (self._db, self._reader):
                if db is not None:
                    db.close()
            self._db = self._reader = None

    # --- keeping in step ------------------------------------------------------------------
    def refresh(self, progress: Progress | None = None) -> FolderScan:
        """List the sessions folder and reread what changed; what else it found comes back."""
        return self._run(lambda db: self._refresh(db, progress or self.progress), fresh=False)

    def _refresh(self, db: sqlite3.Connection, progress: Progress | None) -> FolderScan:
        found = FolderScan()
        listed = self._list(found)
        known = dict(db.execute("SELECT name, stamp FROM sessions"))
        changed = sorted((name, stamp) for name, stamp in listed.items() if known.get(name) != stamp)
        gone = [name for name in known if name not in listed]
        if changed or gone:
            self._apply(db, changed, gone, found, progress)
        self._blank = False
        for (text,) in db.execute("SELECT problems FROM sessions WHERE problems IS NOT NULL"):  # most stores: none
            with contextlib.suppress(Unreadable):  # the index is a file in the store, distrusted as any
                kept = parse_json(text.encode())
                found.problems += [problem for problem in kept if isinstance(problem, str)] if isinstance(kept, list) else []
        found.duplicates = [
            (self.sessions_dir / loser, self.sessions_dir / winner, sid)
            for loser, winner, sid in db.execute(
                "SELECT l.name, w.name, l.id FROM sessions l JOIN sessions w ON w.id = l.id AND w.listed "
                "WHERE NOT l.listed ORDER BY +l.name"  # + : by sessions_unlisted, not a scan of every name
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
        for entry in entries:  # 10,000 at every start: the plain case first, in as few steps as it takes
            name = entry.name
            plain = name.endswith(".json") and name[0] != "." and "onflict" not in name  # no copy's name
            if not plain and not is_session_name(name):  # (a temp file's name starts with a dot)
                if is_temp_name(name):
                    found.temp_files.append(Path(entry.path))
                elif is_conflict_name(name):
                    found.conflicts.append(Path(entry.path))
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except FileNotFoundError:
                continue  # deleted while we looked
            if not S_ISREG(info.st_mode):  # a FIFO, a folder, a symlink: moved aside, never opened
                found.unreadable.append((Path(entry.path), not_regular(info.st_mode) or ""))
            elif name in journals:
                stamps[name] = stamp_of(info, journals.pop(name))
                found.journaled.append(Path(entry.path))
            else:
                stamps[name] = file_stamp(info)
        found.orphans = [path for segments in journals.values() for _, path in segments]
        return stamps

    def _apply(
        self, db: sqlite3.Connection, changed: list[tuple[str, str]], gone: list[str], found: FolderScan,
        progress: Progress | None,
    ) -> None:
        """Drop the rows of files gone, reread the changed ones (BATCH files a transaction), list a file per id.

        Files are read and turned into rows in a second thread while the batch
        before them is written: SQLite lets go of the GIL while it inserts (a
        few statements a batch, see tui.index_tables.values), so on two cores a
        rebuild takes about as long as the larger of the two halves. More than
        BULK files are a bulk load (tui.index_file.bulk_load), parsed with the
        garbage collector paused (tui.gc_pause).
        """
        from tui.index_tables import choose_listed, drop

        touched: set[str] = set()
        total = len(changed)
        if progress:
            progress(0, total)
        with contextlib.ExitStack() as bulk:
            if total > BULK and not self._in_memory:
                bulk.enter_context(bulk_load(db, self.path))
                bulk.enter_context(collection_paused())
            with transaction(db):
                touched.update(sid for name in gone if (sid := drop(db, name)))
            batches = [changed[start : start + BATCH] for start in range(0, total, BATCH)]
            from concurrent.futures import ThreadPoolExecutor  # 5 ms of import, only when files changed

            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-read") as reader:
                pending = reader.submit(self._read, batches[0]) if batches else None
                for number, batch in enumerate(batches):
                    read = pending.result()
                    if number + 1 < len(batches):
                        pending = reader.submit(self._read, batches[number + 1])
                    with transaction(db):
                        touched |= self._write(db, read, found)
                    if progress and number + 1 < len(batches):
                        progress((number + 1) * BATCH, total)
            with transaction(db):
                choose_listed(db, touched)
        if progress and total:
            progress(total, total)  # once a bulk load has merged and synced too

    def _write(
        self, db: sqlite3.Connection, read: list[Read], found: FolderScan
    ) -> set[str]:
        """Index one batch of files read (their rows replace any kept), a few statements in all; ids touched."""
        from tui.index_tables import Batch, Keys, drop, values

        touched: set[str] = set()
        known = {
            name: stamp
            for listed, names in values(db, [(name,) for name, *_ in read])
            for name, stamp in db.execute(f"SELECT name, stamp FROM sessions WHERE name IN (VALUES {listed})", names)
        }
        fresh = []
        for name, stamp, session, problems in read:
            if known.get(name) == stamp:
                continue  # another process indexed it meanwhile
            if name in known and (sid := drop(db, name)):
                touched.add(sid)
            if session is None:
                found.unreadable.append((self.sessions_dir / name, problems[0]))
            else:
                fresh.append((name, stamp, session, problems))
        keys = Keys(db, (session.summary.started_at for _, _, session, _ in fresh))
        rows = Batch()
        for name, stamp, session, problems in fresh:
            rows.add(keys.take(session.summary.started_at), name, stamp, _mtime(stamp), session, problems)
            touched.add(session.summary.id)
        rows.write(db)
        return touched

    def _read(self, batch: list[tuple[str, str]]) -> list[Read]:
        """(name, stamp, rows, journal problems) for each file, or rows None and why it cannot be read."""
        from tui.index_rows import session_rows

        read = []
        read_ahead(self.sessions_dir / name for name, _ in batch)
        for name, stamp in batch:
            path = self.sessions_dir / name
            try:
                merged = self.files.read(path)
                read.append((name, stamp, session_rows(path, *merged.tables), merged.problems))
            except FileNotFoundError:
                continue
            except (UnreadableFile, OSError) as error:
                read.append((name, stamp, None, [str(error)]))
        return read

    def stamp(self, path: Path) -> str | None:
        """The session file's stamp now (None if it is gone)."""
        segments = segments_of(self.files.journal_dir, path.name) if self.files.journal_dir else []
        try:
            return stamp_of(os.stat(path, follow_symlinks=False), segments)
        except OSError:
            return None

    def put(self, path: Path, tables: Tables, stamp: str | None) -> None:
        """Index a session as its writer left it, durable, without reading it again.

        `stamp` is the file's, taken while nothing could change it (the writer held
        the lock and had not handed it on). Best effort: if the index is busy or
        failing, the next refresh reads the file instead.
        """
        if stamp is None:
            return
        if (bulk := self._bulk) is not None and bulk.owner == threading.get_ident():
            bulk.put(path, tables, stamp)
            return
        if not self._lock.acquire(blocking=False):
            return
        try:
            if self._db is None or self._blank:
                return  # not opened in this process: whoever opens it next refreshes
            from tui.index_rows import session_rows
            from tui.index_tables import Batch, Keys, choose_listed, drop

            rows = session_rows(path, *tables)
            started = rows.summary.started_at
            with transaction(self._db):
                drop(self._db, path.name)
                batch = Batch()
                batch.add(Keys(self._db, [started]).take(started), path.name, stamp, _mtime(stamp), rows, [])
                batch.write(self._db)
                choose_listed(self._db, {rows.summary.id})
        except (sqlite3.Error, OSError, UnreadableFile, KeyError, TypeError, ValueError):
            pass  # rolled back: the next refresh reads the file
        finally:
            self._lock.release()

    @contextlib.contextmanager
    def bulk(self):
        """This thread's puts inside are indexed by another, IMPORT_BATCH sessions to a transaction (tui.index_bulk).

        `path_of` and `paths_started_at` see them at once; other queries once their batch is written.
        """
        from tui.index_bulk import BulkIndexer

        self._bulk = BulkIndexer(self._write_bulk, IMPORT_BATCH)
        try:
            yield
        finally:
            bulk, self._bulk = self._bulk, None
            bulk.finish()

    def _write_bulk(self, read: list[Read]) -> None:
        """A batch of an import's sessions, from its indexing thread."""
        from tui.index_tables import choose_listed

        with self._lock:
            if self._db is None or self._blank:
                return  # not opened in this process: whoever opens it next refreshes
            try:
                with transaction(self._db):
                    choose_listed(self._db, self._write(self._db, read, FolderScan()))
            except sqlite3.Error:
                pass  # rolled back: the next refresh reads these files

    # --- reading --------------------------------------------------------------------------
    def query(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run a read (tui.index_queries) on the index as last written.

        On the read-only connection, so a search box never waits for a rebuild in
        another thread; the writer's own if nothing was read yet or in memory.
        """
        if self._generation == 0:  # never opened here: opening says whether it holds anything, so
            self._connection()  # the first query reads it at once rather than after the refresh running
        if self._blank or self._in_memory:
            return self._run(work)
        with self._read_lock:
            try:
                return work(self._read_connection())
            except sqlite3.OperationalError as error:
                if str(error) == "interrupted":
                    raise QueryInterrupted from error
                if self._reader is not None:
                    self._reader.close()
                self._reader = None
            except sqlite3.Error:
                if self._reader is not None:
                    self._reader.close()
                self._reader = None
        return self._run(work)  # the writer's way: a damaged file is rebuilt, a failing one replaced

    def interrupt(self) -> None:
        """Stop the read running now, if any (from another thread): it raises QueryInterrupted.

        A search box asks this as a key comes, so the query for the key before never
        holds up the one for this key (queries share one read-only connection).
        """
        reader = self._reader
        if reader is not None and self._read_lock.locked():
            reader.interrupt()

    def path_of(self, session_id: str) -> Path | None:
        """The listed file of a session, as last written or as put in this bulk."""
        if (bulk := self._bulk) is not None and session_id in bulk.added:
            return bulk.added[session_id]
        select = "SELECT name FROM sessions WHERE listed AND id = ? LIMIT 1"  # by sessions_by_id: an import asks twice a file
        found = self.query(lambda db: db.execute(select, (session_id,)).fetchone())
        return self.sessions_dir / found[0] if found else None

    def paths_started_at(self, started_at: str, other_than: str) -> list[Path]:
        """Listed files of the other sessions that started at `started_at` (an import's copies)."""
        found = {s.id: s.path for s in self.where("started_at = ? AND id != ?", started_at, other_than)}
        if self._bulk is not None:  # looked up by start, not scanned: an import of thousands of copies asks each time
            found.update((sid, path) for sid, path in self._bulk.started.get(started_at, ()) if sid != other_than)
        return list(found.values())

    def summaries(self) -> list[SessionSummary]:
        """Every listed session, newest first."""
        return self.where("1")

    def listed_rows(self) -> list[ListedRow]:
        """What `interview list` prints of every listed session, newest first (not summaries: half the time)."""
        select = f"SELECT {LISTED_COLUMNS} FROM sessions WHERE listed ORDER BY key DESC"
        return self.query(lambda db: list(map(ListedRow._make, db.execute(select))))

    def where(self, condition: str, *values: Any, limit: int = -1) -> list[SessionSummary]:
        """Listed sessions matching an SQL condition on `sessions`, newest first (for the store's lookups)."""
        select = f"SELECT {SUMMARY_COLUMNS} FROM sessions WHERE listed AND ({condition}) ORDER BY key DESC LIMIT ?"
        rows = self.query(lambda db: db.execute(select, (*values, limit)).fetchall())
        if not rows:  # every start-up asks for read-only sessions, and most stores have none to make summaries of
            return []
        from tui.index_rows import summary_of

        return [summary_of(row, self.sessions_dir) for row in rows]


def _mtime(stamp: str) -> int:
    return int(stamp.split(";", 1)[0].split(":")[1])
