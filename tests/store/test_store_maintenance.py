"""Startup maintenance and the index: temp files, corrupt files, conflict copies, newer files (see test_index.py too)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sample_sessions import make_session

from tui.core.session import SCHEMA_VERSION, Session
from tui.store import ReadOnlySession, Store


def file_of(store: Store, session: Session) -> Path:
    (path,) = store.sessions_dir.glob(f"*-{session.id[:8]}.json")
    return path


def test_leftover_temp_files_are_removed_unless_their_save_is_running(store: Store, saved) -> None:
    done, busy = saved(seed=1), saved(seed=2)
    stale = store.sessions_dir / f".{file_of(store, done).name}.tmp-0badc0de"
    running = store.sessions_dir / f".{file_of(store, busy).name}.tmp-00c0ffee"
    stale_index = store.root / ".index.json.tmp-12345678"
    for temp in (stale, running, stale_index):
        temp.write_text('{"half": ')
    with store.open_writer(busy.id):
        messages = store.startup()
    assert not stale.exists() and not stale_index.exists()
    assert running.exists()
    assert sum("unfinished save" in m for m in messages) == 2
    assert {s.id for s in store.summaries()} == {done.id, busy.id}


def test_start_up_leaves_the_temp_files_of_a_running_import_alone(store: Store, saved) -> None:
    """An import's files take no lock each: its IMPORT_LOCK says its temp files are being written."""
    from tui.locking import SessionLock

    done = saved(seed=3)
    writing = store.sessions_dir / ".2026-01-01-someone-1a2b3c4d.json.tmp-0badc0de"
    writing.write_text('{"half": ')
    importing = SessionLock(store.locks_dir / "import.lock")  # as another process's import holds it
    importing.acquire()
    try:
        messages = store.startup()
    finally:
        importing.release()
    assert writing.exists() and not any("unfinished save" in m for m in messages)
    assert any("unfinished save" in m for m in store.startup()) and not writing.exists()  # once none runs
    assert {s.id for s in store.summaries()} == {done.id}


def test_a_corrupt_file_is_quarantined_never_deleted_and_the_rest_still_load(store: Store, saved) -> None:
    good, bad = saved(seed=1), saved(seed=2)
    path = file_of(store, bad)
    broken = path.read_bytes()[:200]
    path.write_bytes(broken)
    messages = store.startup()
    (moved,) = store.sessions_dir.glob(f"{path.name}.corrupt-*")
    assert moved.read_bytes() == broken
    assert not path.exists()
    assert len(messages) == 1 and str(path) in messages[0] and moved.name in messages[0]
    assert [s.id for s in store.summaries()] == [good.id]
    assert store.load(good.id).to_dict() == good.to_dict()
    assert store.startup() == []


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe not utf-8", b"[1, 2]", b'{"session": {}}', b'{"session": {"1": {"id": "x"}}}'],
    ids=["empty", "bytes", "list", "no-record", "no-guide"],
)
def test_files_that_are_not_sessions_are_quarantined(store: Store, content: bytes) -> None:
    (store.sessions_dir / "2025-01-01-x-12345678.json").write_bytes(content)
    assert len(store.startup()) == 1
    assert [p.name.split(".corrupt-")[0] for p in store.sessions_dir.iterdir()] == ["2025-01-01-x-12345678.json"]


def test_sync_conflict_copies_are_reported_and_never_loaded(store: Store, saved) -> None:
    session = saved(seed=1)
    name = file_of(store, session).stem
    syncthing = store.sessions_dir / f"{name}.sync-conflict-20250101-120000-ABCDEFG.json"
    dropbox = store.sessions_dir / f"{name} (Sam's conflicted copy 2025-01-01).json"
    for copy in (syncthing, dropbox):
        copy.write_bytes(file_of(store, session).read_bytes())
    messages = store.startup()
    assert sorted(m.split(": ", 1)[1].split(". ")[0] for m in messages) == sorted(map(str, (syncthing, dropbox)))
    assert [s.id for s in store.summaries()] == [session.id]
    assert syncthing.exists() and dropbox.exists()


def newer_session_file(store: Store) -> tuple[Session, Path]:
    session = make_session(3, seed=11)
    data = {
        "session": {"1": {**session.meta_dict(), "schema_version": SCHEMA_VERSION + 1, "mood": "new field"}},
        "notes": {"1": {**session.notes[0].to_dict(), "sentiment": 0.4}},
    }
    path = store.sessions_dir / f"2030-01-01-future-{session.id[:8]}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return session, path


def test_a_newer_session_is_read_only_and_never_rewritten(store: Store) -> None:
    session, path = newer_session_file(store)
    before = path.read_bytes(), path.stat().st_mtime_ns
    messages = store.startup()
    assert len(messages) == 1 and "read-only" in messages[0] and str(path) in messages[0]
    (summary,) = store.summaries()
    assert summary.read_only and summary.note_count == 1
    with pytest.raises(ReadOnlySession, match="newer version"):
        store.open_writer(session.id)
    loaded = store.load(session.id)  # viewing is fine; unknown fields are left out
    assert loaded.schema_version > SCHEMA_VERSION and loaded.notes[0].id == session.notes[0].id
    store.startup()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert [p.name for p in store.sessions_dir.iterdir()] == [path.name]


def test_a_newer_session_this_version_cannot_parse_asks_for_an_upgrade(store: Store) -> None:
    session, path = newer_session_file(store)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["session"]["1"]["participant"] = [{"name": "Ana"}, {"name": "Bo"}]  # a type this version does not know
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "read-only" in store.startup()[0]
    with pytest.raises(ReadOnlySession, match="upgrade"):
        store.load(session.id)
    assert path.exists()


def test_the_index_is_refreshed_when_a_file_changes_or_goes(store: Store, saved) -> None:
    first, second = saved(seed=1, n_notes=2), saved(seed=2)
    store.summaries()
    with store.open_writer(first.id) as writer:
        note = writer.session.notes[0]
        writer.session.bump_theme("pricing", 0, 1.0)
        writer.save_meta()
        writer.delete_note(note.id)
    (summary,) = [s for s in store.summaries() if s.id == first.id]
    assert summary.note_count == 1 and summary.themes.get("pricing", 0) >= 1
    file_of(store, second).unlink()
    assert [s.id for s in store.summaries()] == [first.id]


def test_unchanged_files_are_listed_from_the_index_without_being_read(store: Store, saved) -> None:
    session = saved(seed=1)
    store.summaries()
    path = file_of(store, session)
    stat = path.stat()
    with open(path, "r+b") as file:  # same inode, same size, same mtime: only the index knows it
        file.write(b"X" * stat.st_size)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert [s.id for s in store.summaries()] == [session.id]


def test_summaries_are_newest_first_across_time_zones(store: Store, saved: Callable[..., Session]) -> None:
    early = saved(seed=1, started_at="2025-03-01T09:00:00+01:00")
    late = saved(seed=2, started_at="2025-03-01T09:30:00+02:00")  # 07:30 UTC: earlier
    assert [s.id for s in store.summaries()] == [early.id, late.id]


def test_a_temp_file_whose_save_ends_while_startup_looks_is_not_reported(store: Store, saved) -> None:
    """Listed while another window's save ran, renamed by the time its lock was free: no crash to report."""
    from tui.store_startup import _remove_leftover_temps

    session = saved(seed=1)
    renamed = store.sessions_dir / f".{file_of(store, session).name}.tmp-5a1e5a1e"  # listed, then gone
    cut_short = store.sessions_dir / f".{file_of(store, session).name}.tmp-0badc0de"
    cut_short.write_text('{"half": ')
    messages = _remove_leftover_temps(store, [renamed, cut_short])
    assert len(messages) == 1 and str(cut_short) in messages[0] and not cut_short.exists()
