"""Real processes: killed mid-save, writing side by side, refused a locked session."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from sample_sessions import make_session

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
    started = time.monotonic()
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
    assert time.monotonic() - started < 20


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
