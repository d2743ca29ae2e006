"""A full rebuild of the index: rows many to a statement, keys by start, and the bulk load a crash cannot fool."""

from __future__ import annotations

import gc
import os
import sqlite3
from pathlib import Path

import pytest

from tui.index_file import INDEX_FILE, LOADING, memory_index
from tui.index_tables import SECOND_BITS, Keys
from tui.locking import SessionLock
from tui.store import Store


def index_path(store: Store) -> Path:
    return store.root / INDEX_FILE


def delete_index(store: Store) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{index_path(store)}{suffix}").unlink(missing_ok=True)


def dump(root: Path) -> list[tuple]:
    """Every row of every table, as a fresh process reads them."""
    with sqlite3.connect(root / INDEX_FILE) as db:
        tables = ["sessions", "questions", "session_themes", "theme_examples"]
        rows = [(t, *r) for t in tables for r in db.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3")]
        rows += [("notes", *r) for r in db.execute("SELECT rowid, * FROM notes ORDER BY rowid")]
        return rows + [("summaries", *r) for r in db.execute("SELECT rowid, * FROM summaries ORDER BY rowid")]


def forge(store: Store) -> None:
    """Write a name into the index that no session file holds: only a trusted index shows it."""
    store.summaries()
    store.index.close()
    with sqlite3.connect(index_path(store)) as db:
        db.execute("UPDATE sessions SET participant = 'Forged'")


def names(root: Path) -> list[str]:
    return [s.participant_name for s in Store(root).summaries()]


def test_sessions_that_start_in_one_second_each_get_a_key_the_last_indexed_first(store: Store, saved) -> None:
    for seed in range(3):
        saved(seed=seed, started_at="2025-03-01T10:00:00+00:00")
    delete_index(store)
    rebuilt = Store(store.root)
    by_name = sorted(store.sessions_dir.iterdir())
    assert [s.file_name for s in rebuilt.summaries()] == [p.name for p in reversed(by_name)]
    later = saved(seed=7, started_at="2025-03-01T10:00:00+00:00")  # indexed by its writer, into the same second
    assert [s.id for s in rebuilt.summaries()][:1] == [later.id] and len(rebuilt.summaries()) == 4


def session_row(db: sqlite3.Connection, key: int) -> None:
    db.execute(
        "INSERT INTO sessions (key, name, stamp, mtime_ns, id, started_at, date, participant, role, company, segment, "
        "guide_name, guide_title, status, elapsed, note_count, themes, read_only, person) "
        "VALUES (?, ?, '', 0, ?, '', '', '', '', '', '', '', '', '', 0, 0, '{}', 0, '')",
        (key, f"{key}.json", str(key)),
    )


def test_the_1025th_start_in_one_second_spills_into_the_next_and_the_next_second_follows_it() -> None:
    db = memory_index()
    start, next_start = "2025-03-01T10:00:00+00:00", "2025-03-01T10:00:01+00:00"
    base = Keys(db, [start]).take(start)
    for key in range(base, base + (1 << SECOND_BITS)):
        session_row(db, key)
    keys = Keys(db, [start, next_start])
    spilled = keys.take(start)
    assert spilled == base + (1 << SECOND_BITS)  # the next second's first key
    assert keys.take(next_start) == spilled + 1
    session_row(db, spilled)
    assert Keys(db, [start]).take(start) == spilled + 1  # found in the table, not in the seconds read


def test_rows_inserted_a_few_to_a_statement_are_the_rows_inserted_hundreds_to_one(
    store: Store, saved, monkeypatch: pytest.MonkeyPatch
) -> None:
    for seed in range(4):
        saved(seed=seed, n_notes=7)
    delete_index(store)
    Store(store.root).summaries()
    expected = dump(store.root)
    monkeypatch.setattr("tui.index_tables.CHUNK", 3)  # every table in several statements and a short last one
    delete_index(store)
    Store(store.root).summaries()
    assert dump(store.root) == expected


def test_a_bulk_load_ends_merged_synced_and_with_no_wal_left(store: Store, saved, monkeypatch: pytest.MonkeyPatch) -> None:
    for seed in range(4):
        saved(seed=seed, n_notes=6)
    delete_index(store)
    Store(store.root).summaries()
    expected = dump(store.root)
    monkeypatch.setattr("tui.index.BULK", 2)
    monkeypatch.setattr("tui.index.BATCH", 1)  # one transaction a session: the notes' index in four segments, unmerged
    delete_index(store)
    loaded = Store(store.root)
    loaded.summaries()
    assert dump(store.root) == expected
    assert not os.path.lexists(f"{index_path(store)}{LOADING}")
    assert os.path.getsize(f"{index_path(store)}-wal") == 0
    db = loaded.index._db
    assert db.execute("SELECT count(DISTINCT segid) FROM notes_idx").fetchone() == (1,)
    assert dict(db.execute("SELECT k, v FROM notes_config WHERE k IN ('automerge', 'crisismerge')")) == {
        "automerge": 4, "crisismerge": 16,
    }
    assert db.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL again, for the writes that follow
    assert gc.isenabled()


class CutShort(Exception):
    pass


def test_a_bulk_load_cut_short_is_rebuilt_from_the_files_not_trusted(store: Store, saved, monkeypatch: pytest.MonkeyPatch) -> None:
    for seed in range(3):
        saved(seed=seed)
    expected = names(store.root)
    monkeypatch.setattr("tui.index.BULK", 1)
    monkeypatch.setattr("tui.index.BATCH", 1)
    delete_index(store)

    def stop(done: int, total: int) -> None:
        if done == 1:
            raise CutShort  # as a crash would, after the first session is written unsynced

    with pytest.raises(CutShort):
        Store(store.root).startup(progress=stop)
    assert gc.isenabled()
    mark = Path(f"{index_path(store)}{LOADING}")
    assert mark.exists()
    with sqlite3.connect(index_path(store)) as db:
        db.execute("UPDATE sessions SET participant = 'Forged'")  # what a torn file could show
    fresh = Store(store.root)
    messages = fresh.startup()
    assert [s.participant_name for s in fresh.summaries()] == expected
    assert any("cut short" in line for line in messages)
    assert not mark.exists()


def test_a_bulk_load_still_running_elsewhere_is_left_alone(store: Store, saved) -> None:
    saved(seed=1)
    forge(store)
    running = SessionLock(Path(f"{index_path(store)}{LOADING}"))
    running.acquire()  # another process's load: the kernel sees a second open file holding the lock
    try:
        os.write(running.fileno(), b"4242\n")
        assert names(store.root) == ["Forged"]
    finally:
        running.release()


def test_an_empty_mark_is_a_load_not_yet_begun_not_one_cut_short(store: Store, saved) -> None:
    saved(seed=1)
    forge(store)
    Path(f"{index_path(store)}{LOADING}").write_bytes(b"")
    assert names(store.root) == ["Forged"]


def test_a_bulk_load_says_it_is_done_only_once_merged_and_synced(store: Store, saved, monkeypatch: pytest.MonkeyPatch) -> None:
    for seed in range(3):
        saved(seed=seed)
    monkeypatch.setattr("tui.index.BULK", 1)
    monkeypatch.setattr("tui.index.BATCH", 1)
    delete_index(store)
    mark = Path(f"{index_path(store)}{LOADING}")
    seen: list[tuple[int, bool]] = []
    Store(store.root).startup(progress=lambda done, total: seen.append((done, mark.exists())))
    assert seen == [(0, False), (1, True), (2, True), (3, False)]  # the bar goes when the screens can list
