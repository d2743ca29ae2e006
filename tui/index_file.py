"""The index's file (tui.index): opened only if it is ours and of this version, else rebuilt or moved aside.

Ours is an SQLite database whose `application_id` is APPLICATION_ID, at
INDEX_VERSION (`PRAGMA user_version`). One of another version, or one SQLite
finds damaged, is deleted and made again: it is a cache. Anything else at its
place (a symlink, a folder, a FIFO, a file that is not SQLite, another
program's database), or at the place of its -wal or -shm, is moved aside
(`index.sqlite3.moved-<time>`), never followed, opened or deleted. The file is
created 0600 before SQLite opens it, so its -wal and -shm are 0600 too. Each
of these is a line in `notices`, said at the next start-up.

Tuned for being rebuilt now and then: WAL, fsynced at checkpoints only
(synchronous=NORMAL: a crash may lose the last changes, never consistency),
and a page cache and a WAL large enough that a rebuild of 10,000 sessions is
not a stream of fsyncs.

Thousands of sessions at once (a rebuild) are written as a bulk load
(`bulk_load`): not fsynced at all until the end, and the notes' full-text index
not merged until then. A bulk load holds a mark, `index.sqlite3-loading`,
locked (flock) while it runs and removed once all is synced: a mark that is
there and that nobody holds is a bulk load cut short (a crash, a power cut),
whose file may be torn, and the index is rebuilt.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from tui.files import FILE_MODE, StoreError, describe_os_error, fsync_dir
from tui.locking import LockBusy, LockUnusable, SessionLock
from tui.reading import not_regular
from tui.storage import free_path

INDEX_FILE = "index.sqlite3"
INDEX_VERSION = 5
APPLICATION_ID = 0x49434978  # "ICix": this file is an Interview Companion index
LOADING = "-loading"  # the mark of a bulk load (see above)
SIDE_FILES = ("-wal", "-shm", LOADING)
AUTOMERGE, CRISISMERGE = 4, 16  # FTS5's own defaults, for the notes' index in use
MERGE_AT_ONCE = 64  # segments of one level that a bulk load lets pile up before it merges them
WAL_LIMIT = 64 * 1024 * 1024  # bytes of WAL kept between checkpoints
WAIT_SECONDS = 60.0  # for another process's refresh (a rebuild of 10,000 sessions takes seconds)
_CORRUPT = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_HEADER = b"SQLite format 3\x00"


def is_damage(error: sqlite3.Error) -> bool:
    """SQLite says the file is corrupt, or not a database at all."""
    return getattr(error, "sqlite_errorcode", 0) & 0xFF in _CORRUPT


@contextlib.contextmanager
def transaction(db: sqlite3.Connection):
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def open_index(path: Path, notices: list[str]) -> tuple[sqlite3.Connection, bool]:
    """Our index at `path`, a fresh one if it was missing, stale or damaged; and whether it holds nothing yet."""
    for _ in range(3):
        _clear_the_way(path, notices)
        if _cut_short(path):
            notices.append(f"The index {path} was left half written (its rebuild was cut short); it is rebuilt from the sessions.")
        db = sqlite3.connect(path, timeout=WAIT_SECONDS, isolation_level=None, check_same_thread=False)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if version == INDEX_VERSION and tables:
                _tune(db)
                _empty_a_big_wal(db, path)
                return db, db.execute("SELECT NOT EXISTS (SELECT 1 FROM sessions)").fetchone()[0] == 1
            if not tables and not version:
                create(db)
                return db, True
            why = "was made by another version of Interview Companion"
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                db.close()
                raise
            why = f"was damaged ({error})"
        db.close()
        remove(path)  # ours, but from another version or damaged
        notices.append(f"The index {path} {why}; it is rebuilt from the sessions.")
    raise StoreError(f"{path} keeps coming back damaged")


def memory_index() -> sqlite3.Connection:
    """An index for this run only, when none can be kept on disk."""
    db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    create(db)
    return db


def create(db: sqlite3.Connection) -> None:
    """Mark the file as ours (in its header, before WAL), then lay out the tables (unless a rival just did)."""
    from tui.index_tables import SCHEMA  # with what fills them: opening an index made before needs neither

    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _tune(db)
    with transaction(db):
        if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {INDEX_VERSION}")


def _tune(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA temp_store = MEMORY")
    db.execute("PRAGMA cache_size = -65536")  # KiB, used only as pages are read: 64 MiB at most
    db.execute("PRAGMA wal_autocheckpoint = 16384")  # pages: a checkpoint every 64 MiB written
    db.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT}")  # and the WAL cut back to that size


def _empty_a_big_wal(db: sqlite3.Connection, path: Path) -> None:
    """Put a WAL far over WAL_LIMIT into the file and empty it.

    One transaction grows the WAL past its limit (a sync that took 10,000 files
    away: 550 MB), and a process that ends without closing the index leaves it
    so; every process that opened the index then read all of it first (`interview
    list` at 10,000 sessions: 0.3 s more). Done once, by the next to open it.
    """
    with contextlib.suppress(OSError):
        if os.stat(f"{path}-wal").st_size > WAL_LIMIT:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@contextlib.contextmanager
def bulk_load(db: sqlite3.Connection, path: Path):
    """Write thousands of sessions unsynced, their notes unmerged; then merge, sync, and empty the WAL.

    FTS5 merges the segments of its index as they pile up (automerge): over a
    rebuild, much of its work. Merged once, at the end, the load takes less and
    the index is one segment, the quickest to search. Nothing is fsynced until
    the end, so the load first leaves its mark (see above). If another process
    holds the mark, it is loading too: this one writes as usual.
    """
    mark = SessionLock(Path(f"{path}{LOADING}"))
    if not _leave_mark(mark, path):
        yield
        return
    try:
        db.execute("PRAGMA synchronous = OFF")
        _merging(db, automerge=0, crisismerge=MERGE_AT_ONCE)
        yield
        _merging(db, automerge=AUTOMERGE, crisismerge=CRISISMERGE)
        db.execute("INSERT INTO notes (notes) VALUES ('optimize')")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL into the file, and emptied (unless a reader holds it)
        for suffix in ("", "-wal"):  # what earlier checkpoints wrote unsynced, and a WAL a reader kept
            _fsync(Path(f"{path}{suffix}"))
        with contextlib.suppress(FileNotFoundError):
            os.unlink(mark.path)
    finally:
        with contextlib.suppress(sqlite3.Error):
            db.execute("PRAGMA synchronous = NORMAL")
        mark.release()


def _leave_mark(mark: SessionLock, path: Path) -> bool:
    """Hold the mark of a bulk load, written and on disk before anything unsynced is; False if it cannot be."""
    try:
        mark.acquire()
    except (LockBusy, LockUnusable):
        return False  # another process is loading, or the mark's place is not a file
    try:
        os.write(mark.fileno(), f"{os.getpid()}\n".encode())  # an empty mark is one being made: see _cut_short
        os.fsync(mark.fileno())
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(mark.path)
        mark.release()
        return False
    fsync_dir(path.parent)
    return True


def _fsync(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _merging(db: sqlite3.Connection, *, automerge: int, crisismerge: int) -> None:
    with transaction(db):
        db.execute("INSERT INTO notes (notes, rank) VALUES ('automerge', ?)", (automerge,))
        db.execute("INSERT INTO notes (notes, rank) VALUES ('crisismerge', ?)", (crisismerge,))


def _cut_short(path: Path) -> bool:
    """A bulk load left its mark and stopped: the index and its mark are removed (True).

    A mark nobody holds that is still empty is one a load is making (it writes
    before anything else), or one whose load stopped before it wrote: not cut short.
    """
    mark = Path(f"{path}{LOADING}")
    if not os.path.lexists(mark):
        return False
    lock = SessionLock(mark)
    try:
        lock.acquire(create=False)
    except (LockBusy, LockUnusable):
        return False  # a load is running, or it just ended and took its mark away
    try:
        info = os.lstat(mark)
        here = os.fstat(lock.fileno())
        if (info.st_dev, info.st_ino) != (here.st_dev, here.st_ino) or not here.st_size:
            return False
        remove(path)
        return True
    except FileNotFoundError:
        return False  # the load ended as we looked
    finally:
        lock.release()


def remove(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _clear_the_way(index: Path, notices: list[str]) -> None:
    """Move aside what is not our index at its path (and its -wal, -shm); create it 0600 if missing."""
    for suffix in ("", *SIDE_FILES):
        path = Path(f"{index}{suffix}")
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
        notices.append(f"Moved {path} aside, as {moved.name}: {why}. The index is rebuilt from the sessions.")
    with contextlib.suppress(FileExistsError):
        fd = os.open(index, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        os.fchmod(fd, FILE_MODE)
        os.close(fd)


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
