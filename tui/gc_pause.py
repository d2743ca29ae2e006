"""The garbage collector paused while a bulk load parses thousands of files (tui.index).

The pause is the process's: overlapping pauses (two stores in one process)
are counted, and the collector comes back as it was when the first began.
"""

from __future__ import annotations

import contextlib
import gc
import threading

_paused = 0  # pauses running now
_paused_lock = threading.Lock()
_was_enabled = True


@contextlib.contextmanager
def collection_paused():
    """The process's cyclic garbage collector off inside, and put back as it was after.

    For work that makes millions of objects that hold no cycles and keeps many
    of them for a while: each collection walks every container still held (in a
    rebuild of 10,000 sessions, over half the time spent parsing).
    """
    global _paused, _was_enabled
    with _paused_lock:
        if not _paused:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if not _paused and _was_enabled:
                gc.enable()
