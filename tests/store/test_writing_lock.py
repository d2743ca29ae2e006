"""The lock every writer shares (tui.locking.WRITING_LOCK): when nobody holds it, a list tests no session's lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sample_sessions import make_session

from tui.core.session import Session
from tui.final_folds import wait_for_folds
from tui.locking import WRITING_LOCK, SessionLock, nobody_writing
from tui.store import Store

CHILD = Path(__file__).with_name("store_child.py")


def unfinished(store: Store, seed: int) -> Session:
    """A saved session still `in progress`, as one whose writer was killed leaves it."""
    session = make_session(3, seed)
    session.status = "in_progress"
    store.create(session).close()
    wait_for_folds()
    return session


def listed_status(root: Path) -> dict[str, str]:
    """`interview list` in a process of its own: each session's short id and status."""
    out = subprocess.run(
        [sys.executable, "-m", "tui", "--store", str(root), "list"], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    return {line.split()[-1]: "in progress" if "in progress" in line else "interrupted" if "interrupted" in line else "?"
            for line in out.splitlines()[1:]}


def test_a_writers_lock_is_held_with_the_writing_lock_and_let_go_with_it(tmp_path: Path) -> None:
    locks = tmp_path / "locks"
    locks.mkdir()
    assert nobody_writing(locks)
    lock = SessionLock(locks / "a.json.lock", writer_in=locks)
    lock.acquire()
    assert not nobody_writing(locks)
    other = SessionLock(locks / "b.json.lock", writer_in=locks)
    other.acquire()  # shared: two writers at once
    lock.release()
    assert not nobody_writing(locks)
    other.release()
    assert nobody_writing(locks)


def test_a_list_with_nobody_writing_tests_no_sessions_lock_and_calls_them_interrupted(store: Store) -> None:
    sessions = [unfinished(store, seed) for seed in (1, 2)]
    for path in store.locks_dir.iterdir():
        path.unlink()  # a test of a session's lock would make its file again
    assert listed_status(store.root) == {s.id[:8]: "interrupted" for s in sessions}
    assert [p.name for p in store.locks_dir.iterdir()] == [WRITING_LOCK]


def test_a_list_without_an_unfinished_session_tests_no_lock_at_all(store: Store) -> None:
    session = make_session(3, 4)
    session.status = "completed"
    store.create(session).close()
    wait_for_folds()
    for path in store.locks_dir.iterdir():
        path.unlink()
    assert listed_status(store.root) == {session.id[:8]: "?"}  # completed: neither in progress nor interrupted
    assert list(store.locks_dir.iterdir()) == []


def test_a_list_while_another_process_writes_tests_each_session(store: Store) -> None:
    written, left = unfinished(store, 1), unfinished(store, 2)
    writer = subprocess.Popen(
        [sys.executable, str(CHILD), str(store.root), "commit-forever", written.id], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        assert listed_status(store.root) == {written.id[:8]: "in progress", left.id[:8]: "interrupted"}
    finally:
        writer.kill()
        writer.wait()
    assert listed_status(store.root) == {written.id[:8]: "interrupted", left.id[:8]: "interrupted"}


def test_a_hold_of_the_writing_lock_that_never_ends_does_not_stop_a_writer(tmp_path: Path) -> None:
    locks = tmp_path / "locks"
    locks.mkdir()
    hostile = SessionLock(locks / WRITING_LOCK)
    hostile.acquire()  # exclusively, as a list's test does for a moment; never let go
    lock = SessionLock(locks / "a.json.lock", writer_in=locks)
    lock.acquire()
    assert lock.held  # taken anyway, after WRITING_WAIT: a list may call its session interrupted, no more
    lock.release()
    hostile.release()


def test_this_processs_own_writer_counts(store: Store) -> None:
    session = make_session(3, 5)
    session.status = "in_progress"
    with store.create(session):
        assert {s.id: s.status for s in store.summaries()}[session.id] == "in_progress"
    wait_for_folds()
    assert {s.id: s.status for s in store.summaries()}[session.id] == "interrupted"
