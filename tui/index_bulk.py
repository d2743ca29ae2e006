"""An import's sessions indexed in a second thread while the first writes the next files.

Indexing a session is SQLite work for the most part (its notes' full-text rows,
the commit), and SQLite lets go of the GIL while it runs: on two cores the
files of an import of thousands are written in about the time their indexing
alone would take, rather than after it (`Index.bulk`).

The thread that puts sessions sees them at once through `added` and `started`
(the store's lookups by id and by start time); other readers see each batch once it commits.
Indexing is best effort, as ever: a batch that fails is left to the next
refresh, which reads those files again.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path

from tui.index_rows import Read, Tables, session_rows
from tui.storage import UnreadableFile

_DONE = None  # put on the queue by `finish`


class BulkIndexer:
    """Rows made and written `batch` sessions to a transaction (`write`), in a thread of its own."""

    def __init__(self, write: Callable[[list[Read]], None], batch: int) -> None:
        self.owner = threading.get_ident()  # the thread whose puts come here
        self.added: dict[str, Path] = {}  # session id: its file, for the owner's lookups
        self.started: dict[str, list[tuple[str, Path]]] = {}  # started_at: (id, file) of each session put
        self._write = write
        self._batch = batch
        self._queue: queue.Queue[tuple[Path, Tables, str] | None] = queue.Queue(maxsize=batch)  # memory stays flat
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="index-bulk", daemon=True)
        self._thread.start()

    def put(self, path: Path, tables: Tables, stamp: str) -> None:
        """Index this session soon; until then the owner's lookups find it in `added`."""
        meta = tables[0]
        self.added[meta["id"]] = path
        self.started.setdefault(meta["started_at"], []).append((meta["id"], path))
        self._queue.put((path, tables, stamp))

    def finish(self) -> None:
        """Wait until every session put is written (or given up on); a bug in the thread is raised here."""
        self._queue.put(_DONE)
        self._thread.join()
        if self._failure is not None:
            raise self._failure

    def _run(self) -> None:
        read: list[Read] = []
        while (item := self._queue.get()) is not _DONE:
            if self._failure is not None:
                continue  # drained, so the owner never waits on a full queue
            try:
                path, tables, stamp = item
                try:
                    read.append((path.name, stamp, session_rows(path, *tables), []))
                except (UnreadableFile, KeyError, TypeError, ValueError):
                    pass  # not indexed now: the next refresh reads the file
                if len(read) >= self._batch:
                    self._write(read)
                    read = []
            except BaseException as error:  # a bug: handed to the owner by `finish`
                self._failure = error
        if read and self._failure is None:
            try:
                self._write(read)
            except BaseException as error:
                self._failure = error
