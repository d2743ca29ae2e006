"""The journal: one small line per change, readers see snapshot + journal, folds lose nothing."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sample_sessions import make_session

from tui.core.session import Draft, Note, Session
from tui.store import Store, StoreError
from tui.snapshot_storage import AtomicJSONStorage
from tui.final_folds import wait_for_folds
from tui.writer import SessionWriter


def segments(store: Store) -> list[Path]:
    return sorted(store.journal_dir.iterdir())


def lines(store: Store) -> list[dict]:
    """Every change line in the journal (headers left out)."""
    rows = [json.loads(row) for path in segments(store) for row in path.read_text().splitlines()]
    return [row for row in rows if "seq" in row]


def commit(writer: SessionWriter, text: str) -> Note:
    """What the live screen's Enter does: the note, and the draft the field now holds."""
    session = writer.session
    note = Note.from_typed(text, question=session.current_question, elapsed=100.0 + len(session.notes))
    session.add_note(note)
    session.draft = Draft(text="", question=session.current_question)
    writer.commit_note(note)
    return note


def snapshot(path: Path) -> dict:
    return json.loads(path.read_text())


def test_enter_is_one_line_holding_the_note_and_its_cleared_draft(store: Store) -> None:
    session = make_session(3, seed=1)
    session.draft = Draft(text="typed before Enter", question=0, began=4.0)
    with store.create(session) as writer:
        note = commit(writer, "! Exports break #reporting")
        (line,) = lines(store)
    assert line["note"]["id"] == note.id
    assert line["set"]["draft"] == {"text": "", "question": session.current_question, "began": None}
    assert set(line) == {"seq", "doc", "note", "set"}


def test_a_change_costs_the_same_at_3000_notes_as_at_60(store: Store) -> None:
    sizes = {}
    for count in (60, 3000):
        session = make_session(count, seed=count)
        session.current_question = 2
        with store.create(session) as writer:
            before = sum(p.stat().st_size for p in segments(store))
            note = commit(writer, "! Same note #x")
            note.id = "fixed"  # the same bytes but for the id
            session.bump_theme("pricing", 2, 5.0)
            writer.save_meta()
            sizes[count] = sum(p.stat().st_size for p in segments(store)) - before
        wait_for_folds()
    assert abs(sizes[60] - sizes[3000]) <= 8 and sizes[3000] < 1000  # a digit or two of time and doc id


def test_typing_a_draft_journals_only_the_new_characters(store: Store) -> None:
    session = make_session(2, seed=2)
    with store.create(session) as writer:
        for text in ("Th", "They s", "They said"):
            session.draft = Draft(text=text, question=0, began=3.0)
            writer.save_meta()
        writer.save_meta()  # nothing changed: nothing written
        assert [line.get("draft+") for line in lines(store)] == [None, "ey s", "aid"]
        assert store.load(session.id).draft.text == "They said"


def test_a_bump_appends_one_item_and_an_undone_one_rewrites_the_list(store: Store) -> None:
    session = make_session(2, seed=3)
    session.theme_bumps.clear()
    with store.create(session) as writer:
        session.bump_theme("pricing", 0, 1.0)
        session.bump_theme("trust", 0, 2.0)
        writer.save_meta()
        session.theme_bumps.pop()
        writer.save_meta()
        first, second = lines(store)
    assert first["add"]["theme_bumps"] == [
        {"theme": "pricing", "question": 0, "elapsed": 1.0},
        {"theme": "trust", "question": 0, "elapsed": 2.0},
    ]
    assert second["set"]["theme_bumps"] == [{"theme": "pricing", "question": 0, "elapsed": 1.0}]
    assert [b.theme for b in store.load(session.id).theme_bumps] == ["pricing"]


def test_readers_see_snapshot_and_journal_and_the_index_follows_each_change(store: Store) -> None:
    session = make_session(4, seed=4)
    with store.create(session) as writer:
        snapshot_before = writer.path.read_bytes()
        commit(writer, "first #onboarding")
        assert [s.note_count for s in store.summaries()] == [5]
        commit(writer, "second #onboarding")
        assert writer.path.read_bytes() == snapshot_before  # not rewritten on Enter
        assert [s.note_count for s in store.summaries()] == [6]
        assert store.summaries()[0].themes["onboarding"] >= 2
        assert store.load(session.id).to_dict() == session.to_dict()


def test_a_fold_writes_the_snapshot_and_removes_what_it_covered(store: Store) -> None:
    session = make_session(4, seed=5)
    with store.create(session) as writer:
        commit(writer, "before the fold")
        assert writer.fold()
        assert snapshot(writer.path)["journal"]["1"]["folded"] == 1
        assert lines(store) == [] and len(segments(store)) == 1  # the new segment, header only
        commit(writer, "after the fold")
        assert store.load(session.id).to_dict() == session.to_dict()
    assert writer.wait_closed(10)
    assert segments(store) == []
    assert Session.from_dict({**snapshot(writer.path)["session"]["1"], "notes": list(snapshot(writer.path)["notes"].values())}).to_dict() == session.to_dict()


def test_appends_go_on_while_a_fold_runs(store: Store) -> None:
    session = make_session(400, seed=6)
    with store.create(session) as writer:
        folding = threading.Thread(target=lambda: [writer.fold() for _ in range(5)])
        folding.start()
        added = [commit(writer, f"note {n}") for n in range(60)]
        folding.join()
    wait_for_folds()
    loaded = store.load(session.id)
    assert [n.id for n in loaded.notes[-60:]] == [n.id for n in added]
    assert segments(store) == []


def test_replaying_a_segment_already_folded_changes_nothing(store: Store) -> None:
    session = make_session(3, seed=7)
    with store.create(session) as writer:
        commit(writer, "kept once")
        session.bump_theme("pricing", 0, 9.0)
        writer.save_meta()
        (segment,) = segments(store)
        copy = segment.read_bytes()
        writer.fold()
    wait_for_folds()
    segment.write_bytes(copy)  # as if its removal had been lost in a crash
    loaded = store.load(session.id)
    assert loaded.to_dict() == session.to_dict()
    assert Store(store.root).startup() == [] and segments(store) == []


def test_a_torn_last_line_is_ignored(store: Store) -> None:
    session = make_session(3, seed=8)
    with store.create(session) as writer:
        commit(writer, "acknowledged")
        (segment,) = segments(store)
        expected = store.load(session.id).to_dict()
    wait_for_folds()
    with segment.open("ab") as file:  # the start of a line a kill cut short
        file.write(b'{"seq":2,"note":{"text":"never acknow')
    assert store.load(session.id).to_dict() == expected
    assert Store(store.root).startup() == []
    assert store.load(session.id).to_dict() == expected and segments(store) == []


def test_start_up_folds_a_journal_a_crash_left_and_says_the_session_was_interrupted(store: Store) -> None:
    session = make_session(3, seed=9)
    session.status = "in_progress"
    writer = store.create(session)
    commit(writer, "saved before the crash")
    kept = [p.read_bytes() for p in segments(store)]
    writer.close()
    wait_for_folds()
    # Put back the files as a kill before any fold leaves them: the snapshot without the note, the journal.
    store_file = json.loads(writer.path.read_text())
    store_file["notes"].popitem()
    store_file["journal"]["1"]["folded"] = 0
    store_file["session"]["1"]["status"] = "in_progress"
    writer.path.write_text(json.dumps(store_file))
    for number, data in enumerate(kept, 1):
        (store.journal_dir / f"{writer.path.name}.{number:06d}.jsonl").write_bytes(data)
    assert store.summaries()[0].note_count == 4
    assert store.summaries()[0].status == "interrupted"
    assert Store(store.root).startup() == []
    assert segments(store) == [] and snapshot(writer.path)["session"]["1"]["status"] == "interrupted"
    assert [n.text for n in store.load(session.id).notes][-1] == "saved before the crash"


def test_closing_returns_at_once_and_a_reopened_writer_takes_the_lock_over(store: Store) -> None:
    session = make_session(300, seed=10)
    writer = store.create(session)
    commit(writer, "last before the review")
    writer.close()
    with store.open_writer(session.id) as review:  # never "open in another window"
        assert review.session.notes[-1].text == "last before the review"
        commit(review, "written in the review")
    wait_for_folds()
    assert [n.text for n in store.load(session.id).notes[-2:]] == ["last before the review", "written in the review"]
    assert segments(store) == []
    store.open_writer(session.id).close()  # and the lock is free again


class FailingSnapshot(AtomicJSONStorage):
    """Journal appends work; rewriting the snapshot fails (a full disk at fold time)."""

    def write(self, data: dict) -> None:
        raise StoreError("Could not save: the disk is full.")


def test_a_fold_that_fails_keeps_the_journal_and_loses_nothing(tmp_path: Path) -> None:
    root = tmp_path / "store"
    session = make_session(3, seed=11)
    Store(root).create(session).close()
    store = Store(root, storage_class=FailingSnapshot)
    with store.open_writer(session.id) as writer:
        note = commit(writer, "kept in the journal")
        assert not writer.fold() and "disk is full" in writer.fold_problem
    wait_for_folds()
    assert segments(store) and Store(root).load(session.id).notes[-1].id == note.id
    Store(root).startup()
    assert segments(store) == [] and Store(root).load(session.id).notes[-1].id == note.id


def test_a_damaged_journal_line_is_left_out_and_reported_not_the_session(store: Store) -> None:
    session = make_session(3, seed=12)
    with store.create(session) as writer:
        commit(writer, "fine")
    wait_for_folds()
    expected = store.load(session.id).to_dict()
    segment = store.journal_dir / f"{writer.path.name}.000007.jsonl"
    header = {"journal": 1, "session": session.id, "segment": 7}
    damaged = {"seq": 99, "set": {"elapsed": "not a number"}}
    segment.write_text(json.dumps(header) + "\n" + json.dumps(damaged) + "\n")
    assert store.load(session.id).to_dict() == expected
    (message,) = Store(store.root).startup()
    assert "could not be applied" in message and "elapsed" in message and segment.exists()


def test_a_note_over_the_limit_is_refused_in_one_line_and_not_written(store: Store) -> None:
    session = make_session(1, seed=13)
    with store.create(session) as writer:
        with pytest.raises(StoreError) as raised:
            commit(writer, "x" * 60_000)
        assert "60,000 characters" in str(raised.value) and "\n" not in str(raised.value)
        assert lines(store) == []
