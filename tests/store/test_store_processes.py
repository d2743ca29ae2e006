"""Real processes: killed mid-save, writing side by side, refused a locked session."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sample_sessions import make_session

from tui.core.session import Note, Session
from tui.store import Store

CHILD = Path(__file__).with_name("store_child.py")


def child(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(root), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def complete_lines(output: str) -> list[str]:
    """Lines the child finished printing; a line cut by the kill does not count."""
    lines = output.split("\n")
    return [line for line in lines[:-1] if line]


def test_kill_9_at_random_moments_loses_no_saved_note(tmp_path: Path) -> None:
    root = tmp_path / "store"
    store = Store(root)
    sessions = [make_session(5, seed) for seed in range(3)]  # round robin keeps files small
    for session in sessions:
        store.create(session).close()
    reported = {s.id: {n.id for n in s.notes} for s in sessions}
    rng = random.Random(20250101)
    for round_number in range(30):
        session_id = sessions[round_number % 3].id
        process = child(root, "commit-forever", session_id)
        assert process.stdout.readline() == "ready\n", process.stderr.read()
        time.sleep(rng.uniform(0.0, 0.12))
        process.kill()
        output = process.stdout.read()
        process.wait()
        process.stdout.close()
        process.stderr.close()
        reported[session_id] |= set(complete_lines(output))

        fresh = Store(root)
        assert not [m for m in fresh.startup() if "unreadable" in m]
        for sid, note_ids in reported.items():
            assert note_ids <= {n.id for n in fresh.load(sid).notes}, f"round {round_number}"
    assert sum(map(len, reported.values())) > 30 * 3


def test_two_processes_writing_two_sessions_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "store"
    Store(root)
    processes = [child(root, "commit-new", str(seed), "150") for seed in (1, 2)]
    outputs = [p.communicate(timeout=60) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [err for _, err in outputs]
    store = Store(root)
    for out, _ in outputs:
        session_id, *note_ids = out.split()
        assert [n.id for n in store.load(session_id).notes] == note_ids
    assert sorted(s.note_count for s in store.summaries()) == [150, 150]


def test_another_process_can_read_a_locked_session_but_not_write_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    session = make_session(7, seed=3)
    with store.create(session):
        out, err = child(store.root, "try-open", session.id).communicate(timeout=30)
    assert out.splitlines()[0].startswith("locked: ") and "is open in another window" in out, err
    assert out.splitlines()[1] == "notes: 7"
    out, _ = child(store.root, "try-open", session.id).communicate(timeout=30)
    assert out.splitlines()[0] == "opened"


# --- kill -9 across every kind of change ---------------------------------------------------
KILLS = 110
KINDS = {"note", "edit", "delete", "draft", "fold"}


def state_of(session: Session) -> tuple[tuple[tuple[str, str], ...], str]:
    """What the interviewer would see again on resume: the notes in order, and the draft."""
    return tuple((n.id, n.text) for n in session.notes), session.draft.text


def applied(state: tuple, change: dict) -> tuple:
    notes, draft = list(state[0]), state[1]
    if change["op"] == "note":
        notes.append((change["id"], change["text"]))
        draft = ""
    elif change["op"] == "edit":
        notes = [(i, change["text"] if i == change["id"] else t) for i, t in notes]
    elif change["op"] == "delete":
        notes = [(i, t) for i, t in notes if i != change["id"]]
    elif change["op"] == "draft":
        draft = change["text"]
    return tuple(notes), draft


def acknowledged(acklog: Path) -> tuple[list[dict], dict | None]:
    """The changes the worker was told were saved, and the one in flight when it died (if any)."""
    done, pending = [], None
    for line in acklog.read_text().splitlines() if acklog.exists() else []:
        if line.startswith("intent "):
            pending = json.loads(line[len("intent "):])
        elif line == "ok" and pending is not None:
            done.append(pending)
            pending = None
    return done, pending


def test_kill_9_during_notes_edits_deletes_drafts_and_folds_loses_no_acknowledged_change(tmp_path: Path) -> None:
    root = tmp_path / "store"
    store = Store(root)
    session = make_session(200, seed=5)
    session.status = "paused"
    store.create(session).close()
    forker = subprocess.Popen(
        [sys.executable, str(CHILD), str(root), "forker", session.id],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    rng = random.Random(20250601)
    state = state_of(store.load(session.id))
    in_flight: Counter[str] = Counter()
    done_kinds: set[str] = set()
    try:
        for round_number in range(KILLS):
            acklog = tmp_path / f"ack-{round_number}"
            forker.stdin.write(f"go {round_number} {acklog}\n")
            forker.stdin.flush()
            pid = int(forker.stdout.readline())
            time.sleep(rng.uniform(0.01, 0.06))
            os.kill(pid, signal.SIGKILL)
            assert forker.stdout.readline().split() == ["done", str(int(signal.SIGKILL))], forker.stderr.read()
            done, pending = acknowledged(acklog)
            done_kinds |= {change["op"] for change in done}
            in_flight[pending["op"] if pending else "between"] += 1
            expected = state
            for change in done:
                expected = applied(expected, change)
            possible = [expected] + ([applied(expected, pending)] if pending else [])

            fresh = Store(root)
            messages = fresh.startup()
            assert not [m for m in messages if "nreadable" in m or "not folded" in m or "journal" in m.lower()], messages
            state = state_of(fresh.load(session.id))
            assert state in possible, f"round {round_number}: {pending}"
    finally:
        forker.stdin.close()
        forker.wait(timeout=30)
        forker.stdout.close()
        forker.stderr.close()
    assert sum(in_flight.values()) >= 100
    assert done_kinds == KINDS and {"note", "draft", "fold"} <= set(in_flight), in_flight
    Store(root).open_writer(session.id).close()  # it resumes


def test_kill_9_leaves_a_3000_note_session_that_resumes_with_every_saved_note(tmp_path: Path) -> None:
    root = tmp_path / "store"
    store = Store(root)
    session = make_session(3000, seed=6)
    store.create(session).close()
    process = child(root, "commit-forever", session.id)
    assert process.stdout.readline() == "ready\n", process.stderr.read()
    time.sleep(0.3)
    process.kill()
    output = process.stdout.read()
    process.wait()
    process.stdout.close()
    process.stderr.close()
    saved = complete_lines(output)
    assert saved
    fresh = Store(root)
    assert fresh.startup() == []
    with fresh.open_writer(session.id) as writer:
        ids = [n.id for n in writer.session.notes]
        assert ids[:3000] == [n.id for n in session.notes] and set(saved) <= set(ids[3000:])
        note = Note.from_typed("typed after the crash", question=0, elapsed=1.0)
        writer.session.add_note(note)
        writer.commit_note(note)
    assert Store(root).load(session.id).notes[-1].id == note.id
