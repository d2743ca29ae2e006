"""The one way the app reads a file it did not just write: sessions, journals, imports, guides, config.

Files come from teammates, synced folders and the command line, so reading one
must never hang, crash or take unbounded memory:

- it is opened with O_NONBLOCK (a FIFO opens at once instead of waiting for a
  writer) and, inside the store, O_NOFOLLOW (a symlink is refused, never followed);
- `fstat` on the open descriptor, before any read, refuses what is not a regular
  file (a FIFO, a device such as /dev/zero, a folder, a socket) and what is larger
  than the caller's limit; the read itself stops at the limit too;
- JSON is parsed by msgspec, which refuses NaN, Infinity and numbers out of range
  (`json.loads` accepts them); deep nesting raises RecursionError, caught here,
  as it is for TOML.

Every refusal is an `Unreadable` whose message is a short phrase ("it is a FIFO,
not a regular file"); callers put it in their own one-line message.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

KIB, MIB, GIB = 1024, 1024**2, 1024**3
MAX_SESSION_BYTES = 32 * MIB  # a session file or an import: 3,000 notes is about 1.2 MiB
MAX_JOURNAL_BYTES = 32 * MIB  # one journal segment; one holds about 30 s of changes
MAX_GUIDE_BYTES = 1 * MIB  # a guide is a page of text
MAX_CONFIG_BYTES = 256 * KIB  # a keymap


class Unreadable(Exception):
    """Why a file cannot be used, as a phrase; `missing` if it does not exist at all."""

    def __init__(self, why: str, *, missing: bool = False) -> None:
        super().__init__(why)
        self.why = why
        self.missing = missing


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def not_regular(mode: int) -> str | None:
    """Why a file of this mode cannot be read as data (`it is a FIFO (named pipe), not a regular file`), or None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "it is a symbolic link, which the store does not follow"
    kind = next((kind for test, kind in _KINDS if test(mode)), "not a regular file")
    return f"it is {kind}, not a regular file" if kind != "not a regular file" else "it is not a regular file"


def size_text(count: int) -> str:
    """`32 MiB`, `256 KiB`, `12 bytes`."""
    if count >= GIB and count % GIB == 0:
        return f"{count // GIB} GiB"
    if count >= MIB and count % MIB == 0:
        return f"{count // MIB} MiB"
    if count >= KIB and count % KIB == 0:
        return f"{count // KIB} KiB"
    return f"{count:,} bytes"


def _open_flags(*, follow_symlinks: bool) -> int:
    """Never block on a FIFO; inside the store, never follow a symlink."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    return flags if follow_symlinks else flags | getattr(os, "O_NOFOLLOW", 0)


def read_bytes(path: Path | str, *, limit: int, follow_symlinks: bool = True) -> bytes:
    """The whole file, if it is a regular file of at most `limit` bytes; else Unreadable."""
    try:
        fd = os.open(path, _open_flags(follow_symlinks=follow_symlinks))
    except OSError as error:
        raise _refusal(error, follow_symlinks) from None
    try:
        info = os.fstat(fd)
        if (why := not_regular(info.st_mode)) is not None:
            raise Unreadable(why)
        if info.st_size > limit:
            raise Unreadable(f"it is too large ({size_text(info.st_size)}; the limit is {size_text(limit)})")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, MIB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as error:
        raise _refusal(error, follow_symlinks) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise Unreadable(f"it is too large (over {size_text(limit)})")
    return data


def read_ahead(paths: Iterable[Path | str]) -> None:
    """Ask the kernel to start reading these store files, and return at once: for a rebuild,
    the files of a batch come off the disk while the first of them are parsed (a tenth faster, cold).

    Nothing is read here. Each is opened as `read_bytes` opens one inside the store (never
    following a symlink, never waiting on a FIFO) and only a regular file is advised; whatever
    fails is left to `read_bytes`, which says why.
    """
    if not hasattr(os, "posix_fadvise"):  # macOS, Windows: the reads go as they went
        return
    flags = _open_flags(follow_symlinks=False)
    for path in paths:
        try:
            fd = os.open(path, flags)
        except OSError:
            continue
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


def _refusal(error: OSError, follow_symlinks: bool) -> Unreadable:
    if isinstance(error, FileNotFoundError):
        return Unreadable("no such file", missing=True)
    if error.errno == errno.ELOOP and not follow_symlinks:
        return Unreadable("it is a symbolic link, which the store does not follow")
    if error.errno in (errno.EACCES, errno.EPERM):
        return Unreadable("permission denied")
    if error.errno == errno.EISDIR:
        return Unreadable("it is a folder, not a regular file")
    return Unreadable(error.strerror or str(error))


def parse_json(data: bytes) -> Any:
    """Standard JSON only: NaN, Infinity, 1e999 and nesting deeper than Python's limit are refused."""
    import msgspec  # here, not at the top: reading a guide (tui.catalog) needs only platformdirs

    try:
        return msgspec.json.decode(data)
    except msgspec.ValidationError:  # 1e999: a number no float holds
        raise Unreadable("not valid JSON (a number out of range)") from None
    except msgspec.DecodeError as error:
        at = re.search(r"\(byte (\d+)\)", str(error))
        word = re.match(rb"-?(NaN|Infinity)", data[int(at[1]) :]) if at else None
        if word:
            raise Unreadable(f"not valid JSON ({word[1].decode()} at byte {at[1]}: JSON has no NaN or Infinity)") from None
        raise Unreadable(f"not valid JSON ({str(error).removeprefix('JSON is malformed: ')})") from None
    except RecursionError:
        raise Unreadable("not valid JSON (nested too deeply)") from None


def read_json(path: Path | str, *, limit: int, follow_symlinks: bool = True) -> Any:
    return parse_json(read_bytes(path, limit=limit, follow_symlinks=follow_symlinks))


def parse_toml(data: bytes) -> dict[str, Any]:
    import tomllib  # here, not at the top: with no config file, the app starts without it

    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise Unreadable("not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise Unreadable(f"invalid TOML: {error}") from None
    except RecursionError:
        raise Unreadable("invalid TOML: nested too deeply") from None


def read_toml(path: Path | str, *, limit: int, follow_symlinks: bool = True) -> dict[str, Any]:
    return parse_toml(read_bytes(path, limit=limit, follow_symlinks=follow_symlinks))
