"""A full rebuild of the index: rows many to a statement, keys by start."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui.index_file import INDEX_FILE, memory_index
from tui.index_tables import SECOND_BITS, Keys
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
