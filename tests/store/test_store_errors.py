"""A full disk or a folder without permission: one clear line, never a half-written file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from sample_sessions import make_session

from tui.core.session import Note
from tui.store import Store, StoreError
from tui.snapshot_storage import AtomicJSONStorage


class FullDiskStorage(AtomicJSONStorage):
    """Writes half the bytes, then fails as a full disk does."""

    @staticmethod
    def write_bytes(fd: int, data: bytes) -> None:
        os.write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_leaves_the_saved_file_whole_and_says_so_in_one_line(tmp_path: Path) -> None:
    root = tmp_path / "store"
    session = make_session(10, seed=1)
    Store(root).create(session).close()
    path = next((root / "sessions").iterdir())
    before = path.read_bytes()

    full = Store(root, storage_class=FullDiskStorage)
    with full.open_writer(session.id) as writer:
        note = Note.from_typed("lost?", question=0, elapsed=1.0)
        with pytest.raises(StoreError) as raised:
            writer.save_note(note)
        writer.session.takeaways.append("lost too?")
        with pytest.raises(StoreError):
            writer.save_meta()
    message = str(raised.value)
    assert "disk is full" in message and str(path) in message and "\n" not in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp file left
    assert Store(root).load(session.id).to_dict() == session.to_dict()


def test_a_writer_keeps_working_once_space_is_back(tmp_path: Path) -> None:
    """A failed save must not leave the writer's copy of the file out of step."""

    class FailsOnce(AtomicJSONStorage):
        armed = False

        @classmethod
        def write_bytes(cls, fd: int, data: bytes) -> None:
            if cls.armed:
                cls.armed = False
                raise OSError(errno.ENOSPC, "No space left on device")
            AtomicJSONStorage.write_bytes(fd, data)

    root = tmp_path / "store"
    session = make_session(3, seed=2)
    Store(root).create(session).close()
    with Store(root, storage_class=FailsOnce).open_writer(session.id) as writer:
        FailsOnce.armed = True
        first = writer.session.notes[0]
        first.retype("edited while the disk was full")
        with pytest.raises(StoreError):
            writer.save_note(first)
        second = Note.from_typed("after", question=0, elapsed=2.0)
        writer.session.add_note(second)
        writer.save_note(second)
    loaded = Store(root).load(session.id)
    assert loaded.notes[0].text != "edited while the disk was full"  # that save failed, visibly
    assert loaded.notes[-1].id == second.id and len(loaded.notes) == 4


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_folder_without_write_permission_is_one_line(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    store.sessions_dir.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="permission denied"):
            store.create(make_session(1, seed=3))
    finally:
        store.sessions_dir.chmod(0o700)
    assert list(store.sessions_dir.iterdir()) == []


def test_permission_denied_on_write_is_one_line(tmp_path: Path) -> None:
    class Denied(AtomicJSONStorage):
        @staticmethod
        def write_bytes(fd: int, data: bytes) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

    store = Store(tmp_path / "store", storage_class=Denied)
    with pytest.raises(StoreError, match="permission denied") as raised:
        store.create(make_session(1, seed=4))
    assert "\n" not in str(raised.value)
    assert list(store.sessions_dir.iterdir()) == []
    Store(tmp_path / "store").create(make_session(1, seed=4)).close()  # the lock was released


def test_removing_or_restoring_a_note_on_a_full_disk_keeps_session_and_file_in_step(tmp_path: Path) -> None:
    root = tmp_path / "store"
    session = make_session(3, seed=4)
    Store(root).create(session).close()
    with Store(root, storage_class=FullDiskStorage).open_writer(session.id) as writer:
        note = writer.session.notes[1]
        with pytest.raises(StoreError):
            writer.remove_note(note.id)
        assert writer.session.notes[1].id == note.id  # still shown, as it is still on disk
    with Store(root).open_writer(session.id) as writer:
        position, removed = writer.remove_note(note.id)
    assert [n.id for n in Store(root).load(session.id).notes] == [n.id for n in session.notes if n.id != note.id]
    with Store(root, storage_class=FullDiskStorage).open_writer(session.id) as writer:
        with pytest.raises(StoreError):
            writer.restore_note(position, removed)
        assert note.id not in [n.id for n in writer.session.notes]  # not shown as back when it is not
    with Store(root).open_writer(session.id) as writer:
        writer.restore_note(position, removed)
        assert [n.id for n in writer.session.notes] == [n.id for n in session.notes]  # back in its place
    assert {n.id for n in Store(root).load(session.id).notes} == {n.id for n in session.notes}
