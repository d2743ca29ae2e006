"""Saving and loading sessions: the file, its layout, its permissions."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from sample_sessions import make_session

from tui.core.session import Note
from tui.store import SessionLocked, Store, StoreError, session_file_name, slugify


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_created_session_loads_back_equal(store: Store) -> None:
    session = make_session(60, seed=1)
    with store.create(session) as writer:
        assert writer.path.parent == store.sessions_dir
    assert store.load(session.id).to_dict() == session.to_dict()


def test_notes_and_meta_are_saved_as_they_change(store: Store) -> None:
    session = make_session(3, seed=2)
    with store.create(session) as writer:
        note = Note.from_typed("! Exports are manual #reporting", question=1, elapsed=90.0)
        session.add_note(note)
        writer.save_note(note)
        note.retype("! Exports are manual every Friday #reporting")
        writer.save_note(note)
        session.status = "completed"
        session.takeaways.append("Exports hurt.")
        writer.save_meta()
        loaded = store.load(session.id)  # while the writer is still open
    assert loaded.to_dict() == session.to_dict()
    assert loaded.note(note.id).text == "Exports are manual every Friday #reporting"


def test_a_deleted_note_restored_by_undo_gets_its_place_back(store: Store) -> None:
    session = make_session(5, seed=3)
    with store.create(session) as writer:
        position, note = session.remove_note(session.notes[1].id)
        writer.delete_note(note.id)
        assert note.id not in [n.id for n in store.load(session.id).notes]
        session.restore_note(position, note)
        writer.save_note(note)
    assert [n.id for n in store.load(session.id).notes] == [n.id for n in session.notes]


def test_a_reopened_writer_appends_after_existing_notes(store: Store) -> None:
    session = make_session(4, seed=4)
    store.create(session).close()
    with store.open_writer(session.id) as writer:
        note = Note.from_typed("Later thought", question=0, elapsed=999.0)
        writer.session.add_note(note)
        writer.save_note(note)
        writer.delete_note("never-saved")  # no error
    assert [n.id for n in store.load(session.id).notes] == [n.id for n in writer.session.notes]


def test_file_is_indented_sorted_json_with_one_record_and_a_note_table(store: Store) -> None:
    session = make_session(3, seed=5)
    with store.create(session) as writer:
        path = writer.path
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    assert list(data["session"]) == ["1"] and data["session"]["1"]["id"] == session.id
    assert [doc["id"] for doc in data["notes"].values()] == [n.id for n in session.notes]


def test_file_name_is_date_slug_and_short_id(store: Store) -> None:
    session = make_session(0, seed=6)
    session.participant.name = "Élodie Martin-Dubois, Head of Ops at ÅB"
    with store.create(session) as writer:
        assert writer.path.name == f"{session.date}-elodie-martin-dubois-head-of-{session.id[:8]}.json"
    session.participant.name = "  "
    assert session_file_name(session).endswith(f"-anon-{session.id[:8]}.json")
    assert slugify("李雷") == "anon"
    assert slugify("x" * 40) == "x" * 30
    session.id = "../../etc/x"
    assert "/" not in session_file_name(session)


def test_files_are_0600_and_folders_0700_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        store = Store(tmp_path / "private")
        session = make_session(2, seed=7)
        with store.create(session) as writer:
            path = writer.path
            writer.save_meta()
        store.summaries()
    finally:
        os.umask(old)
    for folder in (store.root, store.sessions_dir, store.trash_dir, store.locks_dir):
        assert mode(folder) == 0o700, folder
    index = [store.root / f"index.sqlite3{suffix}" for suffix in ("", "-wal", "-shm")]
    assert all(file.exists() for file in index)
    for file in (path, *index, *store.locks_dir.iterdir()):
        assert mode(file) == 0o600, file


def test_a_second_writer_on_the_same_session_is_refused(store: Store) -> None:
    session = make_session(1, seed=8)
    with store.create(session):
        with pytest.raises(SessionLocked, match="is open in another window"):
            store.open_writer(session.id)
    store.open_writer(session.id).close()  # free again once closed


def test_a_closed_writer_refuses_to_save(store: Store) -> None:
    session = make_session(1, seed=9)
    writer = store.create(session)
    writer.close()
    writer.close()  # twice is fine
    assert writer.closed
    with pytest.raises(StoreError, match="closed"):
        writer.save_meta()


def test_creating_the_same_session_twice_is_refused(store: Store) -> None:
    session = make_session(1, seed=10)
    store.create(session).close()
    with pytest.raises(StoreError, match="already exists"):
        store.create(session)
