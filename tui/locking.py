"""Who is writing what: one exclusive lock file per session in the store's `locks/`.

A plain `flock` on a file opened with O_NOFOLLOW: a lock path that is a
symlink, a folder or a FIFO is refused ("unusable"), never followed, opened
blocking or chmodded — so a hostile store cannot make the app chmod a folder
outside it. The lock belongs to the open file, not to a thread, so a writer's
fold thread can release the lock its screen took. The kernel drops it when the
process dies, which is how a session nobody holds is known to be interrupted.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from pathlib import Path

from tui.files import FILE_MODE, os_reason


# never follow a symlink, never block on a FIFO; computed once: `interview list` tests a lock per unfinished session
_OPEN_FLAGS = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | os.O_CLOEXEC


class LockBusy(Exception):
    """Another process (or another lock object in this one) holds the lock."""


class LockUnusable(Exception):
    """The lock path cannot be a lock (a symlink, a folder, no permission); the message says why."""


class SessionLock:
    def __init__(self, path: Path | str) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def fileno(self) -> int:
        """The lock file's descriptor, while held (to fsync it, or to tell which file was locked)."""
        assert self._fd is not None
        return self._fd

    def acquire(self, *, create: bool = True) -> None:
        """Take the lock at once or raise LockBusy / LockUnusable; never waits.

        `create=False`: a lock file that is not there is LockUnusable, not made.
        """
        try:
            fd = os.open(self.path, (_OPEN_FLAGS | os.O_CREAT) if create else _OPEN_FLAGS, FILE_MODE)
        except OSError as error:
            raise LockUnusable(_why(error, self.path)) from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise LockUnusable(f"{self.path} is not a regular file")
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise LockBusy(str(self.path)) from None
        except LockUnusable:
            os.close(fd)
            raise
        except OSError as error:
            os.close(fd)
            raise LockUnusable(_why(error, self.path)) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the only descriptor drops the flock


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
