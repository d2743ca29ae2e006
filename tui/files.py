"""Files the app writes: atomic and durable, private, and never half-written.

Every write goes to a temp file in the same folder, is fsynced, then
`os.replace`d over the old file, and the folder is fsynced: a reader (or the
next run) sees the old file or the new one, never a mix. Files are 0600 and
folders 0700 whatever the umask, because notes about people are private.
Used by the store, the clipboard's file fallback and every export.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from tui.errors import UsageError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_MARK = ".tmp-"


class StoreError(UsageError):
    """A file problem the user can fix (disk full, no permission): one line, no traceback."""


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk is full",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
}
_ADVICE = {
    "the disk is full": " Nothing was overwritten; free some space and try again.",
    "permission denied": " Check who owns that folder.",
}


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in words: `permission denied`, `the disk is full`, ..."""
    return _REASONS.get(error.errno or 0) or str(error.strerror or error)


def describe_os_error(error: OSError, path: Path, doing: str = "save") -> str:
    """One line a user can act on, for a failed read or write of `path`."""
    reason = os_reason(error)
    return f"Could not {doing} {path}: {reason}.{_ADVICE.get(reason, '')}"


# --- files and folders ------------------------------------------------------
def make_private_dir(path: Path) -> None:
    """Create `path` (and parents) as 0700, whatever the umask. An existing folder that is
    looser is tightened if it can be; a read-only store stays readable.

    A symlink or a file where the folder should be is refused (StoreError, one line):
    following it would write, or chmod, something outside the store.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise StoreError(describe_os_error(error, path, "use")) from error
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise StoreError(f"Could not create {path}: it is a symbolic link, which is never followed; make it a real folder.")
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise StoreError(f"Could not create {path}: a file is in the way; move it so that a folder can be made there.")
    try:
        if info is None:
            path.mkdir(parents=True, exist_ok=True)
            os.chmod(path, DIR_MODE)
        elif info.st_mode & 0o777 != DIR_MODE:
            with contextlib.suppress(OSError):  # read-only: a later write says why it fails
                os.chmod(path, DIR_MODE)
    except OSError as error:
        raise StoreError(describe_os_error(error, path, "create")) from error


def temp_name(target: Path) -> str:
    """`.name.json.tmp-1a2b3c`: hidden, beside its target, and traceable back to it."""
    return f".{target.name}{TEMP_MARK}{os.urandom(4).hex()}"


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and TEMP_MARK in name


def temp_target(name: str) -> str:
    """The file name a temp file was about to replace."""
    return name[1 : name.rindex(TEMP_MARK)]


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def atomic_write(
    path: Path,
    data: bytes,
    *,
    write: Callable[[int, bytes], None] = write_all,
    durable: bool = True,
    sync_folder: bool = True,
) -> os.stat_result:
    """Replace `path` with `data` (mode 0600) so it is never seen half-written; the stat of the file written.

    On any failure the temp file is removed and the old file stays as it was;
    the error comes back as a one-line StoreError. `durable=False` skips the
    fsyncs, for caches that are rebuilt if a crash loses them; `sync_folder=False`
    leaves the folder's fsync to the caller, who makes one for many files. The
    stat is taken before the rename, so it is of these bytes whatever replaces them after.
    """
    temp = path.with_name(temp_name(path))
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            write(fd, data)
            if durable:
                os.fsync(fd)
            written = os.fstat(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise StoreError(describe_os_error(error, path)) from error
        raise
    if durable and sync_folder:
        fsync_dir(path.parent)
    return written



EXPORTS_DIR = "exports"


def exports_dir(store_root: Path) -> Path:
    """Where exports and clipboard fallbacks go when the user names no folder: the store's `exports/`."""
    return store_root / EXPORTS_DIR
