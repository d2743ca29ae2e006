"""The writers of this process whose final fold still runs, by snapshot path (tui.writer registers them).

A writer's `close()` returns at once; its final fold runs in a thread that
holds the session's lock until the snapshot is durable. Meanwhile a writer
opened on that session in this process takes the lock over (`take_over`), a
delete waits for the fold (`closing_writer`), and a list counts the session
as held. Apart from the writer because `interview list` asks it for each
unfinished session, and importing the writer would cost more than the asking.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.locking import SessionLock
    from tui.writer import SessionWriter

registry = threading.Lock()  # guards `closing` and each closing writer's hand-over
closing: dict[Path, SessionWriter] = {}


def take_over(path: Path) -> tuple[SessionLock, threading.Event] | None:
    """The lock of a closing writer of `path` in this process, passed on, and its fold's done event."""
    with registry:
        writer = closing.pop(path, None)
        return None if writer is None else writer.hand_over()


def closing_writer(folder: Path, name: str) -> threading.Event | None:
    """The done event of a final fold of the session file `folder/name` still running in this process, if any."""
    if not closing:  # asked for each unfinished session a list shows: most often none is closing (and no path is made)
        return None
    with registry:
        writer = closing.get(folder / name)
        return writer.fold_done if writer else None


def wait_for_folds(timeout: float | None = None) -> None:
    """Wait for every final fold of this process (tests, and commands that read the raw files)."""
    with registry:
        pending = list(closing.values())
    for writer in pending:
        writer.fold_done.wait(timeout)
