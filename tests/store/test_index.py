"""The SQLite index: kept in step with the files, rebuilt when missing, stale or damaged, never trusted blindly."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from sample_sessions import make_session

from tui.core.search import parse
from tui.index import Index
from tui.index_file import INDEX_FILE, INDEX_VERSION
from tui.snapshot_storage import AtomicJSONStorage
from tui.storage import SessionFiles, session_layout
from tui.store import Store


def index_path(store: Store) -> Path:
    return store.root / INDEX_FILE


def listed(root: Path) -> list[tuple[str, int]]:
    """(id, notes) of every session, as a new process would list them."""
    return [(s.id, s.note_count) for s in Store(root).summaries()]


def test_a_deleted_index_is_rebuilt_and_loses_nothing(store: Store, saved) -> None:
    for seed in range(3):
        saved(seed=seed)
    expected = listed(store.root)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{index_path(store)}{suffix}").unlink(missing_ok=True)
    assert listed(store.root) == expected and index_path(store).exists()


def test_an_index_from_another_version_is_rebuilt_not_trusted(store: Store, saved) -> None:
    session = saved(seed=1)
    store.summaries()
    db = sqlite3.connect(index_path(store))
    db.execute("UPDATE sessions SET participant = 'Forged', note_count = 999")
    db.execute(f"PRAGMA user_version = {INDEX_VERSION + 1}")
    db.commit()
    db.close()
    fresh = Store(store.root)
    (summary,) = fresh.summaries()
    assert (summary.participant_name, summary.note_count) == (session.participant.name, len(session.notes))
    assert ["another version" in line for line in fresh.startup()] == [True]


def test_a_damaged_index_of_ours_is_rebuilt(store: Store, saved) -> None:
    for seed in range(20):
        saved(seed=seed, n_notes=40)
    expected = listed(store.root)
    Store(store.root).index.close()
    path = index_path(store)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096:] = b"\x5a" * (len(data) - 4096)  # every page but the header's
    path.write_bytes(bytes(data))
    fresh = Store(store.root)
    assert [(s.id, s.note_count) for s in fresh.summaries()] == expected
    assert any("damaged" in line for line in fresh.startup())


@pytest.mark.parametrize("kind", ["text", "foreign database", "folder", "symlink", "fifo"])
def test_what_is_not_our_index_is_moved_aside_never_followed_or_deleted(store: Store, saved, tmp_path: Path, kind: str) -> None:
    session = saved(seed=1)
    path = index_path(store)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    outside = tmp_path / "outside.db"
    outside.write_bytes(b"keep me")
    if kind == "text":
        path.write_text("{ not a database")
    elif kind == "foreign database":
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE sessions (id TEXT)")
            db.execute("INSERT INTO sessions VALUES ('theirs')")
    elif kind == "folder":
        path.mkdir()
        (path / "inside").write_text("theirs")
    elif kind == "symlink":
        path.symlink_to(outside)
    else:
        os.mkfifo(path)
    fresh = Store(store.root)
    messages = fresh.startup()
    assert [s.id for s in fresh.summaries()] == [session.id]
    (moved,) = store.root.glob(f"{INDEX_FILE}.moved-*")
    assert len(messages) == 1 and str(path) in messages[0] and moved.name in messages[0]
    assert outside.read_bytes() == b"keep me"
    assert stat.S_ISREG(os.lstat(path).st_mode) and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_index_that_cannot_be_kept_is_replaced_by_one_in_memory(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    session = make_session(3, seed=2)
    AtomicJSONStorage(sessions / "2025-01-01-a-1.json").write(session_layout(session))
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    index = Index(not_a_folder, SessionFiles(sessions, None))
    assert [s.id for s in index.summaries()] == [session.id]
    assert len(index.notices) == 1 and "cannot be used" in index.notices[0]


def test_a_file_changed_by_another_process_or_a_sync_is_picked_up(store: Store, saved) -> None:
    session = saved(seed=1, n_notes=3)
    assert listed(store.root) == [(session.id, 3)]
    changed = make_session(7, seed=1)  # the same session, grown on a teammate's laptop
    (path,) = store.sessions_dir.iterdir()
    synced = path.with_name(".incoming.tmp")
    AtomicJSONStorage(synced).write(session_layout(changed))
    os.replace(synced, path)  # as Syncthing does: a new file in its place
    assert [(s.id, s.note_count) for s in store.summaries()] == [(session.id, 7)]
    assert [h.note_id for h in store.search(parse("permissions")).hits] == [
        n.id for n in reversed(changed.notes) if "permissions" in n.text
    ]


def test_a_session_just_closed_is_indexed_by_its_writer_without_a_reread(store: Store, saved) -> None:
    session = saved(seed=1, n_notes=2)
    store.summaries()
    with store.open_writer(session.id) as writer:
        writer.session.bump_theme("pricing", 0, 1.0)
        writer.save_meta()
    assert writer.wait_closed(10)
    (path,) = store.sessions_dir.iterdir()
    info = path.stat()
    with open(path, "r+b") as file:  # same inode, size and time: only a reread would see it
        file.write(b"X" * info.st_size)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    (summary,) = store.summaries()
    assert summary.themes.get("pricing") == 1


def test_a_full_rebuild_tells_its_progress(store: Store, saved) -> None:
    for seed in range(7):
        saved(seed=seed, n_notes=1)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{index_path(store)}{suffix}").unlink(missing_ok=True)
    seen: list[tuple[int, int]] = []
    Store(store.root).startup(progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 7) and seen[-1] == (7, 7)
    seen.clear()
    Store(store.root).startup(progress=lambda done, total: seen.append((done, total)))
    assert seen == []  # nothing changed: nothing read


def test_the_caches_of_earlier_versions_are_removed(store: Store, saved) -> None:
    saved(seed=1)
    for name in ("index.json", "facts.json"):
        (store.root / name).write_text("{}")
    store.startup()
    assert not (store.root / "index.json").exists() and not (store.root / "facts.json").exists()


def test_two_stores_in_one_folder_share_the_index(store: Store, saved) -> None:
    first = saved(seed=1)
    other = Store(store.root)
    assert [s.id for s in other.summaries()] == [first.id]
    second = saved(seed=2)
    assert {s.id for s in other.summaries()} == {first.id, second.id}
    assert {s.id for s in store.summaries()} == {first.id, second.id}


def test_imported_sessions_are_indexed_as_they_are_saved_and_reported_in_order(store: Store, tmp_path: Path) -> None:
    exports = []
    for seed in range(3):
        path = tmp_path / f"export-{seed}.json"
        path.write_text(json.dumps(make_session(4, seed=40 + seed).to_dict()))
        exports.append(path)
    (tmp_path / "bad.json").write_text("{")
    store.startup()
    results = list(store.import_files([exports[0], tmp_path / "bad.json", *exports[1:]]))
    assert [getattr(r, "outcome", "error") for r in results] == ["imported", "error", "imported", "imported"]
    for path in store.sessions_dir.iterdir():  # same inode, size and time: only a reread would see it
        info = path.stat()
        path.write_bytes(b"X" * info.st_size)
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert sorted(s.note_count for s in store.summaries()) == [4, 4, 4]


def listed_by_another_thread(store: Store) -> list[str] | None:
    """The ids another thread lists (the index as it is), or None if it is still waiting after 5 s."""
    found: list[list[str]] = []
    reader = threading.Thread(target=lambda: found.append([s.id for s in store.summaries(refresh=False)]))
    reader.start()
    reader.join(5)
    return None if reader.is_alive() else found[0]


def test_a_query_never_waits_for_the_writer_in_another_thread(store: Store, saved) -> None:
    session = saved(seed=1)
    store.summaries()
    with store.index._lock:  # this thread holds the writing connection, as a long rebuild would
        assert listed_by_another_thread(store) == [session.id]


def test_a_new_processs_first_query_never_waits_for_the_refresh_start_up_runs(store: Store, saved) -> None:
    """History's first page asked while start-up's refresh, in another thread, held the index to
    list the folder (a tenth of a second at 10,000 files): the page came only after it."""
    session = saved(seed=1)
    store.summaries()
    fresh = Store(store.root)  # a new process: its index not opened yet
    with fresh.index._lock:  # held as a refresh holds it while it lists the folder
        assert listed_by_another_thread(fresh) == [session.id]


def test_a_wal_left_over_its_limit_is_emptied_by_the_next_to_open_the_index(tmp_path: Path, monkeypatch) -> None:
    import tui.index_file

    writer = Store(tmp_path)
    writer.startup()
    for seed in range(3):
        writer.add(make_session(5, seed))
    wal = tmp_path / f"{INDEX_FILE}-wal"
    assert wal.stat().st_size > 0  # the writer is still open: nothing has emptied it
    monkeypatch.setattr(tui.index_file, "WAL_LIMIT", 0)  # any WAL is over the limit
    reader = Store(tmp_path)
    reader.startup()
    assert wal.stat().st_size == 0
    assert len(reader.summaries()) == 3  # and nothing was lost
