"""What a store's start-up tidies and tells (`Store.startup`): one line for each thing to know.

The index is refreshed (its progress told to the caller) and says what else it
found: temp files of saves a crash cut short (removed, unless that save still
runs), sync conflict copies and second files of one session (reported, never
loaded), damaged journals, unreadable files (moved aside, never deleted, so the
rest still load), journals a crash left (folded into their session, which is
then *interrupted*), and sessions saved by a newer version (read-only here).
What earlier versions cached (index.json, facts.json) is removed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.text import one_line
from tui.files import StoreError, describe_os_error, fsync_dir, is_temp_name, temp_target
from tui.final_folds import closing_writer
from tui.index import FolderScan, Progress
from tui.locking import IMPORT_LOCK, LockBusy, LockUnusable, SessionLock
from tui.storage import UnreadableFile, free_path

if TYPE_CHECKING:
    from tui.store import Store

INDEX_LOCK = "index.lock"  # held by earlier versions while they wrote index.json
OLD_CACHES = ("index.json", "facts.json")  # what earlier versions kept instead of index.sqlite3


def startup(store: Store, progress: Progress | None) -> list[str]:
    messages = list(store.problems.values())
    scan = store.index.refresh(progress)
    messages += store.index.notices
    store.index.notices.clear()
    _remove_old_caches(store)
    messages += _remove_leftover_temps(store, scan.temp_files + [p for p in store.root.iterdir() if is_temp_name(p.name)])
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
    moved = _quarantine_unreadable(store, scan.unreadable) + _recover_journals(store, scan)
    if scan.unreadable or scan.journaled:
        store.index.refresh()  # what was moved aside or folded
    messages += moved
    messages += [
        f"Session {s.label} was saved by a newer version of Interview Companion; it is read-only here: {s.path}"
        for s in store.index.where("read_only")
    ]
    return [one_line(message) for message in messages]


def _remove_old_caches(store: Store) -> None:
    for name in OLD_CACHES:
        path = store.root / name
        with contextlib.suppress(OSError):
            if os.path.isfile(path) and not os.path.islink(path):
                path.unlink()


def _remove_leftover_temps(store: Store, temps: list[Path]) -> list[str]:
    """Temp files of saves a crash cut short; one whose save is still running stays.

    A save is known to run by its session's lock, or, in `sessions/`, by an import's
    IMPORT_LOCK (its files take no lock each), held shared meanwhile so that no import
    starts while temp files are removed.
    """
    messages = []
    in_sessions = any(temp.parent == store.sessions_dir for temp in temps)
    with _no_import_running(store) if in_sessions else contextlib.nullcontext(True) as no_import:
        for temp in temps:
            if temp.parent == store.sessions_dir and not no_import:
                continue  # an import is writing it
            lock = store.locks_dir / INDEX_LOCK if temp.parent == store.root else store.lock_path(temp_target(temp.name))
            with _lock_if_free(store, lock) as free, contextlib.suppress(OSError):
                if free:
                    try:
                        temp.unlink()
                    except FileNotFoundError:
                        continue  # its save ended between the listing and the lock: renamed, nothing was cut short
                    messages.append(f"Removed an unfinished save left by a crash: {temp} (the saved file is intact).")
    return messages


@contextlib.contextmanager
def _no_import_running(store: Store) -> Iterator[bool]:
    """True while holding IMPORT_LOCK shared (so no import starts), False if an import holds it."""
    lock = SessionLock(store.locks_dir / IMPORT_LOCK, shared=True)
    try:
        lock.acquire()
    except LockBusy:
        yield False
        return
    except LockUnusable:  # then an import locks each of its files, as any save does
        yield True
        return
    try:
        yield True
    finally:
        lock.release()


def _quarantine_unreadable(store: Store, unreadable: list[tuple[Path, str]]) -> list[str]:
    """Move each unreadable file aside, never deleting it, so the rest still load."""
    messages = []
    for path, why in unreadable:
        with _lock_if_free(store, store.lock_path(path.name)) as free:
            if not free:
                continue
            try:
                moved = _quarantine(path)
            except StoreError as error:
                messages.append(f"Unreadable session file left in place: {path}: {why}. {error}")
            else:
                messages.append(f"Moved an unreadable session file aside (not deleted): {path} -> {moved.name}: {why}.")
    return messages


def _quarantine(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = free_path(path.parent, f"{path.name}.corrupt-{stamp}")
    try:
        os.rename(path, target)
    except OSError as error:
        raise StoreError(describe_os_error(error, path, "move")) from error
    fsync_dir(path.parent)
    return target


def _recover_journals(store: Store, scan: FolderScan) -> list[str]:
    """Fold the journal of each session nobody is writing: what a crash or a kill left."""
    messages = [f"Journal left without its session file (kept): {path}" for path in scan.orphans]
    for path in scan.journaled:
        with _lock_if_free(store, store.lock_path(path.name)) as free:
            if free and closing_writer(path.parent, path.name) is None:
                try:
                    store._recover(path)
                except (StoreError, UnreadableFile, OSError) as error:
                    messages.append(f"The journal of {path} was not folded yet: {error}")
    return messages


@contextlib.contextmanager
def _lock_if_free(store: Store, lock_path: Path | str) -> Iterator[bool]:
    """Yields True while holding the lock, False if someone else holds it (or it cannot be used)."""
    if "locks" in store.problems:
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
