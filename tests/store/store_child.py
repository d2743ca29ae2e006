"""A second process on the same store, run by test_store_processes.py.

    python store_child.py ROOT commit-forever SESSION_ID   # prints each saved note id
    python store_child.py ROOT commit-new SEED COUNT       # a new session; prints its id, then note ids
    python store_child.py ROOT try-open SESSION_ID         # prints "locked: ..." and the notes it can read
    python store_child.py ROOT forker SESSION_ID           # reads "go SEED ACKLOG" lines; forks a worker each

The forker pays Python's start-up once and forks a fresh worker for each round,
so a test can kill -9 a hundred writers in seconds. A worker opens the session
(folding what the last one left, as start-up does), then changes it at random
— notes, edits, deletes, draft typing, folds — and, around each change, writes
to its ack log `intent <change>` before and `ok` once the store call returned
(the change is durable). The test kills it at a random moment and checks that
every acknowledged change is on disk, and nothing else but the one in flight.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # tests/, for sample_sessions

from sample_sessions import make_session  # noqa: E402

from tui.core.session import Draft, Note  # noqa: E402
from tui.store import SessionLocked, Store  # noqa: E402
from tui.writer import SessionWriter  # noqa: E402


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


# --- random changes, for kill -9 ------------------------------------------------------------
def work(root: Path, session_id: str, seed: int, acklog: Path) -> None:
    """Change the session at random until killed; each change acknowledged once durable."""
    rng = random.Random(seed)
    log = os.open(acklog, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def say(text: str) -> None:
        os.write(log, (text + "\n").encode())  # the page cache outlives a kill -9

    store = Store(root)
    store.startup()
    writer = store.open_writer(session_id)
    session = writer.session
    for number in itertools.count():
        choice = rng.random()
        notes = session.notes
        if choice < 0.35 or not notes:
            note = Note.from_typed(f"note {seed}-{number} #kill", question=session.current_question, elapsed=float(number))
            session.add_note(note)
            session.draft = Draft(text="", question=session.current_question)
            say("intent " + json.dumps({"op": "note", "id": note.id, "text": note.text}))
            writer.commit_note(note)
        elif choice < 0.5:
            note = rng.choice(notes)
            note.retype(f"edited {seed}-{number}")
            say("intent " + json.dumps({"op": "edit", "id": note.id, "text": note.text}))
            writer.save_note(note)
        elif choice < 0.6 and len(notes) > 5:
            note = rng.choice(notes)
            say("intent " + json.dumps({"op": "delete", "id": note.id}))
            writer.remove_note(note.id)
        elif choice < 0.93:
            text = session.draft.text + rng.choice(("a", "b ", "cd", "e f"))
            session.draft = Draft(text=text, question=session.current_question, began=1.0)
            say("intent " + json.dumps({"op": "draft", "text": text}))
            writer.save_meta()
        else:
            say("intent " + json.dumps({"op": "fold"}))
            writer.fold()
        say("ok")


def forker(root: Path, session_id: str) -> None:
    """Fork one worker per `go SEED ACKLOG` line; print its pid, then `done SIGNAL` once it is reaped."""
    for line in sys.stdin:
        _, seed, acklog = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                work(root, session_id, int(seed), Path(acklog))
            finally:
                os._exit(0)
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"done {os.WTERMSIG(status) if os.WIFSIGNALED(status) else 'exit'}", flush=True)


if __name__ == "__main__":
    root, command, *rest = sys.argv[1:]
    if command == "forker":
        forker(Path(root), rest[0])
        sys.exit(0)
    store = Store(Path(root))
    if command == "commit-forever":
        commit_forever(store, rest[0])
    elif command == "commit-new":
        commit_new(store, int(rest[0]), int(rest[1]))
    else:
        try_open(store, rest[0])
