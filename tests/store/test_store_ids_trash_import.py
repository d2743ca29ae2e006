"""Finding sessions by id prefix, the trash, and importing a teammate's export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sample_sessions import make_session

from tui.core.session import SCHEMA_VERSION, Session
from tui.errors import UsageError
from tui.store import SessionLocked, Store


def with_id(seed: int, session_id: str) -> Session:
    session = make_session(2, seed)
    session.id = session_id
    return session


# --- resolve ------------------------------------------------------------------------
def test_resolve_takes_any_unique_prefix_or_latest(store: Store) -> None:
    first = with_id(1, "abc11111-0000-4000-8000-000000000001")
    second = with_id(2, "abc22222-0000-4000-8000-000000000002")
    first.started_at, second.started_at = "2025-01-01T10:00:00+00:00", "2025-02-01T10:00:00+00:00"
    for session in (first, second):
        store.create(session).close()
    assert store.resolve("abc1") == first.id
    assert store.resolve(" ABC2 ") == second.id
    assert store.resolve(first.id) == first.id
    assert store.resolve("latest") == second.id


def test_an_ambiguous_prefix_lists_the_candidates_in_one_line(store: Store) -> None:
    for n, session_id in enumerate(("abc11111-a", "abc22222-b")):
        store.create(with_id(n, session_id)).close()
    with pytest.raises(UsageError) as raised:
        store.resolve("abc")
    message = str(raised.value)
    assert "matches 2 sessions" in message and "abc11111" in message and "abc22222" in message
    assert "\n" not in message


@pytest.mark.parametrize("ref", ["zzz", "", "latest"])
def test_an_unknown_id_is_one_line(store: Store, ref: str) -> None:
    with pytest.raises(UsageError) as raised:
        store.resolve(ref)
    assert "\n" not in str(raised.value)


def test_load_of_an_unknown_id_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError, match="No session with id"):
        store.load("nope")


def test_a_renamed_file_is_still_found_by_id(store: Store, saved) -> None:
    session = saved(seed=3)
    (path,) = store.sessions_dir.iterdir()
    path.rename(store.sessions_dir / "renamed by hand.json")
    assert store.load(session.id).id == session.id


# --- trash --------------------------------------------------------------------------
def test_delete_moves_to_trash_and_restore_brings_it_back(store: Store, saved) -> None:
    keep, gone = saved(seed=1), saved(seed=2)
    trashed = store.delete(gone.id)
    assert trashed.parent == store.trash_dir and trashed.exists()
    assert [s.id for s in store.summaries()] == [keep.id]
    with pytest.raises(UsageError):
        store.load(gone.id)
    assert store.restore(gone.id[:6]) == gone.id
    assert store.load(gone.id).to_dict() == gone.to_dict()
    assert list(store.trash_dir.iterdir()) == []


def test_a_session_open_elsewhere_cannot_be_deleted(store: Store, saved) -> None:
    session = saved(seed=1)
    with store.open_writer(session.id), pytest.raises(SessionLocked):
        store.delete(session.id)
    assert store.load(session.id).id == session.id


def test_restore_of_an_unknown_or_present_session_is_refused(store: Store, saved) -> None:
    session = saved(seed=1)
    with pytest.raises(UsageError, match="in the trash"):
        store.restore("zz")
    trashed = store.delete(session.id)
    trashed.with_name("copy.json").write_bytes(trashed.read_bytes())
    store.restore(session.id)
    with pytest.raises(UsageError, match="already in the store"):
        store.restore(session.id)


# --- import -------------------------------------------------------------------------
def export_file(tmp_path: Path, session: Session, name: str = "export.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(session.to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


def test_import_adds_a_new_session_then_is_a_no_op(store: Store, tmp_path: Path) -> None:
    session = make_session(20, seed=5)
    path = export_file(tmp_path, session)
    first = store.import_file(path)
    assert first.outcome == "imported" and first.session_id == session.id
    assert store.load(session.id).to_dict() == session.to_dict()
    again = store.import_file(path)
    assert again.outcome == "unchanged" and again.session_id == session.id
    assert len(store.summaries()) == 1


def test_import_of_the_same_id_with_other_content_keeps_a_copy(store: Store, tmp_path: Path) -> None:
    mine = make_session(5, seed=6)
    store.create(mine).close()
    theirs = Session.from_dict(mine.to_dict())
    theirs.takeaways.append("Their own takeaway")
    path = export_file(tmp_path, theirs)
    result = store.import_file(path)
    assert result.outcome == "copied" and result.session_id != mine.id
    assert mine.id[:8] in result.message and result.session_id[:8] in result.message
    assert store.load(mine.id).to_dict() == mine.to_dict()
    assert store.load(result.session_id).takeaways[-1] == "Their own takeaway"
    again = store.import_file(path)
    assert again.outcome == "unchanged" and again.session_id == result.session_id
    assert len(store.summaries()) == 2


def test_a_raw_store_file_can_be_imported_too(store: Store, tmp_path: Path) -> None:
    other = Store(tmp_path / "teammate")
    session = make_session(4, seed=7)
    with other.create(session) as writer:
        path = writer.path
    assert store.import_file(path).outcome == "imported"
    assert store.load(session.id).to_dict() == session.to_dict()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{oops", "not valid JSON"),
        (b'{"hello": "world"}', "not an Interview Companion session export"),
        (b'{"id": "x", "guide": {}, "notes": {}}', "notes are not a list"),
        (b'{"id": "x", "guide": {}, "notes": [{"text": "no id"}]}', "missing required field id"),
        (json.dumps({"id": "x", "guide": {}, "schema_version": SCHEMA_VERSION + 1}).encode(), "newer version"),
    ],
)
def test_an_invalid_file_is_refused_in_one_line(store: Store, tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(UsageError) as raised:
        store.import_file(path)
    assert reason in str(raised.value) and str(path) in str(raised.value)
    assert "\n" not in str(raised.value)
    assert store.summaries() == []


def test_a_missing_file_is_refused_in_one_line(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        store.import_file(tmp_path / "missing.json")


def test_one_import_of_many_knows_what_it_added_before_the_index_has_it(store: Store, tmp_path: Path, monkeypatch) -> None:
    """The sessions of an import are indexed in batches by another thread (tui.index_bulk): a file
    given twice, or a copy of one added a moment before, is still found, in any batch."""
    monkeypatch.setattr("tui.index.IMPORT_BATCH", 2)
    first, second, third = (make_session(3, seed=seed) for seed in (11, 12, 13))
    theirs = Session.from_dict(first.to_dict())
    theirs.takeaways.append("Their own takeaway")
    paths = [export_file(tmp_path, s, f"{n}.json") for n, s in enumerate((first, second, first, theirs, theirs, third))]
    store.startup()
    results = list(store.import_files(paths))
    assert [r.outcome for r in results] == ["imported", "imported", "unchanged", "copied", "unchanged", "imported"]
    assert results[4].session_id == results[3].session_id
    indexed = {s.id for s in store.summaries(refresh=False)}  # by the import itself, no folder read
    assert indexed == {first.id, second.id, third.id, results[3].session_id}


def test_an_import_pauses_the_garbage_collector_and_gives_it_back_even_when_stopped(store: Store, tmp_path: Path) -> None:
    import gc

    sessions = [make_session(2, seed=seed) for seed in (41, 42)]
    paths = [export_file(tmp_path, s, f"{n}.json") for n, s in enumerate(sessions)]
    store.startup()
    assert gc.isenabled()
    importing = store.import_files([*paths, tmp_path / "missing.json"])
    next(importing)
    assert not gc.isenabled()  # while the files are read and written
    importing.close()  # a caller that stops early (Ctrl+C) hands it back too
    assert gc.isenabled()
    assert [type(r).__name__ for r in store.import_files(paths)] == ["ImportResult", "ImportResult"]
    assert gc.isenabled()


def test_an_import_leaves_no_lock_file_per_session_and_its_stamps_are_of_the_files(store: Store, tmp_path: Path) -> None:
    """One lock for the whole import: `locks/` would otherwise keep a file for every session imported."""
    sessions = [make_session(2, seed=seed) for seed in (51, 52)]
    paths = [export_file(tmp_path, s, f"{n}.json") for n, s in enumerate(sessions)]
    store.startup()
    assert [r.outcome for r in store.import_files(paths)] == ["imported", "imported"]
    assert sorted(p.name for p in store.locks_dir.iterdir()) == ["import.lock"]
    for path in store.sessions_dir.iterdir():  # indexed as written: the next refresh has nothing to reread
        kept = store.index.query(lambda db, name=path.name: db.execute("SELECT stamp FROM sessions WHERE name = ?", (name,)).fetchone())
        assert kept == (store.index.stamp(path),)


def test_a_second_import_while_one_runs_is_refused_in_one_line(store: Store, tmp_path: Path, monkeypatch) -> None:
    from tui.locking import SessionLock

    monkeypatch.setattr("tui.store.IMPORT_WAIT", 0.05)
    path = export_file(tmp_path, make_session(2, seed=53))
    store.startup()
    running = SessionLock(store.locks_dir / "import.lock")  # as another process's import holds it
    running.acquire()
    try:
        with pytest.raises(UsageError, match="Another import into this store is running") as refused:
            list(store.import_files([path]))
    finally:
        running.release()
    assert "\n" not in str(refused.value) and not list(store.sessions_dir.iterdir())
    assert [r.outcome for r in store.import_files([path])] == ["imported"]


def test_a_session_the_import_could_not_index_is_read_by_the_next_refresh(store: Store, tmp_path: Path, monkeypatch) -> None:
    import tui.index_bulk

    sessions = [make_session(3, seed=seed) for seed in (21, 22)]
    paths = [export_file(tmp_path, s, f"{n}.json") for n, s in enumerate(sessions)]
    store.startup()
    made = tui.index_bulk.session_rows

    def refuse_the_second(path, meta, notes):
        if meta["id"] == sessions[1].id:
            raise ValueError("not this one")
        return made(path, meta, notes)

    monkeypatch.setattr(tui.index_bulk, "session_rows", refuse_the_second)
    assert [r.outcome for r in store.import_files(paths)] == ["imported", "imported"]
    assert {s.id for s in store.summaries(refresh=False)} == {sessions[0].id}
    assert {s.id for s in store.summaries()} == {s.id for s in sessions}


def test_an_import_with_its_index_in_memory_finds_what_it_added_too(store: Store, tmp_path: Path, monkeypatch) -> None:
    """With no index file to keep (one in memory serves the run), queries take the writer's lock
    that the indexing thread takes for each batch: the import neither waits forever nor misses."""
    from tui.index import Index

    monkeypatch.setattr("tui.index.IMPORT_BATCH", 2)
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    store.index = Index(not_a_folder, store.files)  # where no index file can be made
    sessions = [make_session(3, seed=seed) for seed in (31, 32, 33)]
    paths = [export_file(tmp_path, s, f"{n}.json") for n, s in enumerate(sessions)]
    results = list(store.import_files([*paths, paths[0]]))
    assert [r.outcome for r in results] == ["imported", "imported", "imported", "unchanged"]
    assert {s.id for s in store.summaries(refresh=False)} == {s.id for s in sessions}
    assert "cannot be used" in store.index.notices[0]
