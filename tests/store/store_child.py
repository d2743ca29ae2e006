"""A second process on the same store, run by test_store_processes.py.

    python store_child.py ROOT commit-forever SESSION_ID   # prints each saved note id
    python store_child.py ROOT commit-new SEED COUNT       # a new session; prints its id, then note ids
    python store_child.py ROOT try-open SESSION_ID         # prints "locked: ..." and the notes it can read
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # tests/, for sample_sessions

from sample_sessions import make_session  # noqa: E402

from tui.core.session import Note  # noqa: E402
from tui.store import SessionLocked, SessionWriter, Store  # noqa: E402


def save(writer: SessionWriter, number: int) -> None:
    note = Note.from_typed(f"note {number} #loop", question=0, elapsed=float(number))
    writer.session.add_note(note)
    writer.save_note(note)
    print(note.id, flush=True)


def commit_forever(store: Store, session_id: str) -> None:
    store.startup()
    writer = store.open_writer(session_id)
    print("ready", flush=True)
    for number in itertools.count():
        save(writer, number)
        if number % 10 == 0:
            writer.session.elapsed = float(number)
            writer.save_meta()


def commit_new(store: Store, seed: int, count: int) -> None:
    session = make_session(0, seed)
    with store.create(session) as writer:
        print(session.id, flush=True)
        for number in range(count):
            save(writer, number)
            if number % 25 == 0:
                store.summaries()


def try_open(store: Store, session_id: str) -> None:
    try:
        store.open_writer(session_id).close()
        print("opened")
    except SessionLocked as error:
        print(f"locked: {error}")
    print(f"notes: {len(store.load(session_id).notes)}")


if __name__ == "__main__":
    root, command, *rest = sys.argv[1:]
    store = Store(Path(root))
    if command == "commit-forever":
        commit_forever(store, rest[0])
    elif command == "commit-new":
        commit_new(store, int(rest[0]), int(rest[1]))
    else:
        try_open(store, rest[0])
