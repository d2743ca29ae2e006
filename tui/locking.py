"""Who is writing what: one exclusive lock file per session in the store's `locks/`, and one shared by every writer.

A plain `flock` on a file opened with O_NOFOLLOW: a lock path that is a
symlink, a folder or a FIFO is refused ("unusable"), never followed, opened
blocking or chmodded — so a hostile store cannot make the app chmod a folder
outside it. The lock belongs to the open file, not to a thread, so a writer's
fold thread can release the lock its screen took. The kernel drops it when the
process dies, which is how a session nobody holds is known to be interrupted.
A writer's lock comes with WRITING_LOCK, shared by every writer: when nobody
holds that, nobody holds any writer's lock (`nobody_writing`). An import holds
IMPORT_LOCK for its whole run instead of a lock for each session it adds.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import time
from pathlib import Path

from tui.files import FILE_MODE, os_reason


# never follow a symlink, never block on a FIFO; computed once: a list may test a lock per unfinished session
_OPEN_FLAGS = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | os.O_CLOEXEC


class LockBusy(Exception):
    """Another process (or another lock object in this one) holds the lock."""


class LockUnusable(Exception):
    """The lock path cannot be a lock (a symlink, a folder, no permission); the message says why."""


WRITING_LOCK = "writing.lock"  # in `locks/`, beside `<session file>.lock`: no session's lock is named so
WRITING_WAIT = 0.1  # seconds a writer waits for a list's test of WRITING_LOCK (it takes microseconds)
IMPORT_LOCK = "import.lock"  # in `locks/`: held by an import for its whole run, shared by start-up's tidying
IMPORT_WAIT = 1.0  # seconds an import waits for start-up's tidying (milliseconds) before it says another runs


class SessionLock:
    def __init__(self, path: Path | str, *, shared: bool = False, writer_in: Path | str | None = None) -> None:
        """`shared`: held by any number at once, never while one holds it exclusively.

        `writer_in` (the locks folder): a writer's lock, held only while the folder's
        WRITING_LOCK is held too, shared; so when nobody holds that, nobody holds
        any writer's lock there (`nobody_writing`), and a list need not test each.
        """
        self.path = path
        self._kind = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        self._fd: int | None = None
        self._writing = SessionLock(os.path.join(writer_in, WRITING_LOCK), shared=True) if writer_in else None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def fileno(self) -> int:
        """The lock file's descriptor, while held (to fsync it, or to tell which file was locked)."""
        assert self._fd is not None
        return self._fd

    def acquire(self, *, create: bool = True) -> None:
        """Take the lock at once or raise LockBusy / LockUnusable; never waits (but for WRITING_WAIT, see below).

        `create=False`: a lock file that is not there is LockUnusable, not made.
        A writer's lock takes WRITING_LOCK first; a list's test holds that for
        microseconds, so it waits at most WRITING_WAIT. Past that, or if it cannot
        be used, the lock is taken anyway, and a list may call the session
        interrupted while it is written: a word on a screen, never a lock.
        """
        if self._writing is not None:
            _take_when_free(self._writing, WRITING_WAIT)
        try:
            self._fd = _locked(self.path, self._kind, create)
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the only descriptor drops the flock
        if self._writing is not None:
            self._writing.release()  # after its own: WRITING_LOCK free means no writer's lock held


def _locked(path: Path | str, kind: int, create: bool) -> int:
    """The descriptor of `path` opened and flocked at once (LockBusy if another holds it, LockUnusable)."""
    try:
        fd = os.open(path, (_OPEN_FLAGS | os.O_CREAT) if create else _OPEN_FLAGS, FILE_MODE)
    except OSError as error:
        raise LockUnusable(_why(error, path)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LockUnusable(f"{path} is not a regular file")
        fcntl.flock(fd, kind | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise LockBusy(str(path)) from None
    except LockUnusable:
        os.close(fd)
        raise
    except OSError as error:
        os.close(fd)
        raise LockUnusable(_why(error, path)) from None
    return fd


def acquire_within(lock: SessionLock, wait: float) -> None:
    """`lock.acquire()`, tried again for up to `wait` seconds while another holds it; then LockBusy."""
    deadline = time.monotonic() + wait
    while True:
        try:
            lock.acquire()
            return
        except LockBusy:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.001)


def _take_when_free(lock: SessionLock, wait: float) -> None:
    """`lock`, if it can be had within `wait` seconds; else not: best effort."""
    with contextlib.suppress(LockBusy, LockUnusable):
        acquire_within(lock, wait)


def nobody_writing(locks_dir: Path | str) -> bool:
    """True if nobody holds a writer's lock in `locks_dir` (this process included): WRITING_LOCK is free."""
    return is_free(os.path.join(locks_dir, WRITING_LOCK)) is True


def is_free(path: Path | str) -> bool | None:
    """True if nobody holds the lock, False if someone does, None if it cannot be told."""
    lock = SessionLock(path)
    try:
        lock.acquire()
    except LockBusy:
        return False
    except LockUnusable:
        return None
    lock.release()
    return True


def _why(error: OSError, path: Path) -> str:
    if error.errno == errno.ELOOP:
        return f"{path} is a symbolic link, which the store does not follow"
    if error.errno == errno.EISDIR:
        return f"{path} is a folder, not a lock file"
    return f"{path}: {os_reason(error)}"
