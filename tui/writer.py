"""The writer of one live session: each change one durable journal append, folds off the UI thread.

A change costs one `os.write` + `fdatasync` of one small line (tui.journal),
whatever the session's size: `save_meta` journals only the fields that changed
since the last save (the draft's new characters, a bump's one item), and
`commit_note` puts a committed note and its cleared draft in one line.

The writer keeps the session file's tables as the journal leaves them (plain
JSON values, replaced, never changed in place), so folding needs no parse: a
fold thread takes a shallow copy under a short mutex, starts a new segment
for the appends that follow, writes the snapshot atomically and removes the
segments it covered. A fold runs every FOLD_CHECK_SECONDS when the journal
has grown to 1/FOLD_RATIO of the snapshot (so a 3,000-note session is not
rewritten every 30 s: bytes written stay under 16 KB per note), and once more
when the writer closes. `close()` returns at once: the final fold runs in a
thread that holds the lock until the snapshot is durable, and the process
waits for it at exit. A writer opened on the same session in this process
meanwhile (the review, right after wrap-up) takes that lock over (tui.final_folds) instead of
being refused, and its own folds wait for the earlier one.

Once the final fold is durable, the writer hands its tables to the index
(`Index.put`) under the lock, so the session is listed and searched without
being read again: off the UI thread, after the last change.
"""

from __future__ import annotations

import contextlib
import operator
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui import final_folds
from tui.core.schema import MAX_TEXT, SchemaError, check_field, check_items, check_note
from tui.core.session import LOG_FIELDS, Note, Session
from tui.files import FILE_MODE, StoreError, describe_os_error, fsync_dir
from tui.journal import apply, as_line, encode, header
from tui.journal_segments import segment_name
from tui.locking import SessionLock
from tui.session_tables import JOURNAL_TABLE, META_DOC, NOTES_TABLE, SESSION_TABLE
from tui.snapshot_storage import AtomicJSONStorage
from tui.storage import Merged

if TYPE_CHECKING:
    from tui.index import Index

FOLD_CHECK_SECONDS = 30.0
FOLD_RATIO = 8  # fold once the journal reaches 1/8 of the snapshot: at most 8 bytes rewritten per byte journaled
_MISSING = object()
_sync = getattr(os, "fdatasync", os.fsync)

class SessionWriter:
    """Saves one session's changes, each journaled and fsynced before returning.

    It holds the session's lock until its final fold is done. `session` is the
    model the screen edits; the writer saves what it is told, and changes the
    session only in `remove_note` / `restore_note`, which keep a note's removal
    from the session and from the file together. A note's place in the file
    follows the order notes were first saved; a note deleted and saved again
    (undo) gets its old place back.
    """

    def __init__(
        self,
        session: Session,
        path: Path,
        lock: SessionLock,
        *,
        merged: Merged,
        journal_dir: Path,
        storage: AtomicJSONStorage,
        after: threading.Event | None = None,
        index: Index | None = None,
    ) -> None:
        self.session = session
        self.path = path
        self._lock = lock
        self._storage = storage
        self._journal_dir = journal_dir
        self._tables = {SESSION_TABLE: merged.data[SESSION_TABLE], NOTES_TABLE: merged.data[NOTES_TABLE]}
        self._seq = self._folded = merged.last_seq
        if merged.segments:
            self._folded = -1  # a journal left by an earlier run: the first fold takes it in
        self._segments = [p for _, p in merged.segments]
        self._next_number = max((n for n, _ in merged.segments), default=0) + 1
        self._pending = sum(_size(p) for p in self._segments)
        self._snapshot_bytes = _size(path)
        self._doc_ids = {doc["id"]: int(doc_id) for doc_id, doc in self._tables[NOTES_TABLE].items()}
        self._removed: dict[str, int] = {}
        self._last_doc_id = max(self._doc_ids.values(), default=0)
        self._logged = {key: list(getattr(session, key)) for key in LOG_FIELDS}
        self._fd: int | None = None
        self._current: Path | None = None  # the segment `_fd` appends to
        self._mutex = threading.RLock()  # the tables, the seq and the segments
        self._fold_mutex = threading.Lock()  # one fold at a time
        self._after = after
        self._index = index
        self._closed = self._handed_over = False
        self.fold_done = threading.Event()  # set once the final fold is done and the lock released
        self._stop = threading.Event()
        self.fold_problem: str | None = None  # the last fold's failure; the journal still holds everything
        with contextlib.suppress(StoreError):  # a full disk now is said by the first save instead
            self._fd, self._current = self._open_segment()
        threading.Thread(target=self._fold_loop, name=f"fold {path.name}", daemon=True).start()

    # --- notes ------------------------------------------------------------------------
    def save_note(self, note: Note) -> None:
        """Insert the note, or replace the saved one with the same id."""
        self._append(*self._note_parts(note))

    def commit_note(self, note: Note) -> None:
        """Save a note just typed and whatever else changed (its cleared draft, STAR coverage): one append."""
        parts, done = self._note_parts(note)
        meta, logged = self._meta_parts()

        def both() -> None:
            done()
            self._logged.update(logged)

        self._append({**parts, **meta}, both)

    def delete_note(self, note_id: str) -> None:
        """Remove a saved note; a note never saved is no error."""
        self._check_open()
        doc_id = self._doc_ids.get(note_id)
        if doc_id is None:
            return

        def done() -> None:
            self._removed[note_id] = self._doc_ids.pop(note_id)

        self._append({"delete": doc_id}, done)

    def remove_note(self, note_id: str) -> tuple[int, Note]:
        """Take a note out of the session and its file together; if the write fails, the session keeps it."""
        position, note = self.session.remove_note(note_id)
        try:
            self.delete_note(note_id)
        except BaseException:
            self.session.restore_note(position, note)
            raise
        return position, note

    def restore_note(self, position: int, note: Note) -> None:
        """Put a removed note back (undo) in the session and its file together."""
        self.session.restore_note(position, note)
        try:
            self.save_note(note)
        except BaseException:
            self.session.remove_note(note.id)
            raise

    def _note_parts(self, note: Note) -> tuple[dict[str, Any], Any]:
        self._check_open()
        document = note.to_dict()
        if len(note.text) > MAX_TEXT:
            raise StoreError(f"Not saved: the note is {len(note.text):,} characters long; the limit is {MAX_TEXT:,}.")
        _checked(check_note, document)
        doc_id = self._doc_ids.get(note.id) or self._removed.get(note.id) or self._last_doc_id + 1

        def done() -> None:
            self._removed.pop(note.id, None)
            self._doc_ids[note.id] = doc_id
            self._last_doc_id = max(self._last_doc_id, doc_id)

        return {"doc": doc_id, "note": document}, done

    # --- everything else --------------------------------------------------------------
    def save_meta(self) -> None:
        """Persist what changed outside the notes since the last save: status, questions, silences, draft, takeaways..."""
        self._check_open()
        parts, logged = self._meta_parts()
        if parts:
            self._append(parts, lambda: self._logged.update(logged))

    def _meta_parts(self) -> tuple[dict[str, Any], dict[str, list[Any]]]:
        """The journal parts for what changed since the last save, and the log lists as they will then stand."""
        stored = self._tables[SESSION_TABLE][META_DOC]
        changed = {k: v for k, v in self.session.meta_dict(logs=False).items() if stored.get(k, _MISSING) != v}
        parts: dict[str, Any] = {}
        draft = changed.get("draft")
        if draft is not None and _typed_on(stored.get("draft"), draft):
            parts["draft+"] = draft["text"][len(stored["draft"]["text"]) :]
            del changed["draft"]
        for name, value in changed.items():
            _checked(check_field, name, value)
        if draft is not None:
            _checked(check_field, "draft", draft)
        added: dict[str, list[Any]] = {}
        logged: dict[str, list[Any]] = {}
        for name in LOG_FIELDS:
            items, written = getattr(self.session, name), self._logged[name]
            prefix_kept = len(items) >= len(written) and all(map(operator.is_, items, written))
            if prefix_kept and len(items) == len(written):
                continue
            if prefix_kept:
                added[name] = self.session.log_dicts(name, len(written))
                _checked(check_items, name, added[name])
            else:  # something was taken out (an undone bump): the whole list, once
                changed[name] = self.session.log_dicts(name)
                _checked(check_field, name, changed[name])
            logged[name] = list(items)
        if changed:
            parts["set"] = changed
        if added:
            parts["add"] = added
        return parts, logged

    # --- appending --------------------------------------------------------------------
    def _append(self, parts: dict[str, Any], done: Any = None) -> None:
        with self._mutex:
            self._check_open()
            seq = self._seq + 1
            try:
                data = encode({"seq": seq, **parts})
            except ValueError as error:
                raise StoreError(f"Not saved: a value cannot be written ({error}).") from None
            if self._fd is None:
                self._fd, self._current = self._open_segment()
            try:
                self._storage.write_bytes(self._fd, data)
                _sync(self._fd)
            except OSError as error:
                # The line may be half written: that segment ends here, the next append starts another.
                os.close(self._fd)
                self._fd = self._current = None
                raise StoreError(describe_os_error(error, self.path)) from error
            self._seq = seq
            apply(self._tables, as_line({"seq": seq, **parts}))
            self._pending += len(data)
            if done is not None:
                done()

    def _open_segment(self) -> tuple[int, Path]:
        """A new segment, its header durable; its number is past every segment seen."""
        for _ in range(100):
            with self._mutex:
                number = self._next_number
                self._next_number += 1
            path = self._journal_dir / segment_name(self.path.name, number)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC
            try:
                fd = os.open(path, flags, FILE_MODE)
            except FileExistsError:
                continue
            except OSError as error:
                raise StoreError(describe_os_error(error, path)) from error
            try:
                self._storage.write_bytes(fd, header(self.session.id, number))
                _sync(fd)
                fsync_dir(self._journal_dir)
            except OSError as error:
                os.close(fd)
                with contextlib.suppress(OSError):
                    path.unlink()
                raise StoreError(describe_os_error(error, self.path)) from error
            with self._mutex:
                self._segments.append(path)
            return fd, path
        raise StoreError(f"Could not start a journal for {self.path} in {self._journal_dir}.")

    # --- folding ----------------------------------------------------------------------
    def fold(self, *, final: bool = False) -> bool:
        """Write the snapshot from the state and remove the segments it covers; False if nothing to do.

        Runs in a fold thread (or a test); appends go on into a new segment meanwhile.
        """
        with self._fold_mutex:
            if self._after is not None:
                self._after.wait()  # an earlier writer's final fold of this file comes first
                self._after = None
            with self._mutex:
                if self._seq == self._folded:
                    return False
            fresh = None
            if not final:
                with contextlib.suppress(StoreError):  # no new segment: fold anyway, keep the current one
                    fresh = self._open_segment()
            with self._mutex:
                if fresh is not None and self._closed:  # closed meanwhile: this fold is the last
                    os.close(fresh[0])
                    with contextlib.suppress(OSError):
                        fresh[1].unlink()
                    self._segments.remove(fresh[1])
                elif fresh is not None:
                    if self._fd is not None:
                        os.close(self._fd)
                    self._fd, self._current = fresh
                keep = [self._current] if self._fd is not None else []
                covered = [p for p in self._segments if p not in keep]
                seq, pending = self._seq, self._pending
                tables = {
                    SESSION_TABLE: dict(self._tables[SESSION_TABLE]),
                    NOTES_TABLE: dict(self._tables[NOTES_TABLE]),
                    JOURNAL_TABLE: {META_DOC: {"folded": seq}},
                }
                self._pending = 0
            try:
                self._storage.write(tables)
            except (StoreError, OSError, ValueError) as error:
                with self._mutex:
                    self._pending += pending
                self.fold_problem = str(error)
                return False
            for path in covered:
                with contextlib.suppress(OSError):
                    path.unlink()
            fsync_dir(self._journal_dir)
            with self._mutex:
                self._folded = seq
                self._segments = [p for p in self._segments if p not in covered]
                self._snapshot_bytes = _size(self.path)
            self.fold_problem = None
            return True

    def fold_if_due(self) -> bool:
        """Fold if the journal has grown to 1/FOLD_RATIO of the snapshot (what the timer checks)."""
        with self._mutex:
            due = self._seq != self._folded and self._pending * FOLD_RATIO >= self._snapshot_bytes
        return self.fold() if due else False

    def _fold_loop(self) -> None:
        while not self._stop.wait(FOLD_CHECK_SECONDS):
            with contextlib.suppress(Exception):  # a failed fold loses nothing: the journal holds it
                self.fold_if_due()

    # --- closing ----------------------------------------------------------------------
    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """No more changes; the final fold runs in a thread, then the lock is released. Returns at once."""
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            if self._fd is not None:
                os.close(self._fd)
                self._fd = self._current = None
            idle = self._seq == self._folded
        self._stop.set()
        if idle:
            for path in self._segments:  # headers only: nothing in them to keep
                with contextlib.suppress(OSError):
                    path.unlink()
            self._finish()
            return
        with final_folds.registry:
            final_folds.closing[self.path] = self
        threading.Thread(target=self._final_fold, name=f"final fold {self.path.name}", daemon=False).start()

    def hand_over(self) -> tuple[SessionLock, threading.Event]:
        """Pass the lock on to a new writer of this session (tui.final_folds, under its registry lock)."""
        self._handed_over = True
        return self._lock, self.fold_done

    def wait_closed(self, timeout: float | None = None) -> bool:
        """Wait until the final fold is done and the lock released (tests; the app never waits)."""
        return self.fold_done.wait(timeout)

    def _final_fold(self) -> None:
        try:
            self.fold(final=True)
            if self.fold_problem is None:
                self._indexed()
        except Exception as error:  # noqa: BLE001 - kept for the next run: the journal holds it
            self.fold_problem = str(error)
        finally:
            self._finish()

    def _indexed(self) -> None:
        """Hand the saved tables to the index, unless another writer has taken the session over."""
        if self._index is None:
            return
        with final_folds.registry:
            if self._handed_over:  # its changes may already be in the journal: the index must read it
                return
            stamp = self._index.stamp(self.path)
        self._index.put(self.path, (self._tables[SESSION_TABLE][META_DOC], self._tables[NOTES_TABLE]), stamp)

    def _finish(self) -> None:
        with final_folds.registry:
            if final_folds.closing.get(self.path) is self:
                del final_folds.closing[self.path]
            if not self._handed_over:
                self._lock.release()
        self.fold_done.set()

    def __enter__(self) -> SessionWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"Session {self.session.id[:8]} is closed; open it again to save.")


def _typed_on(stored: Any, draft: dict[str, Any]) -> bool:
    """True if the draft only grew at its end since it was stored: typing, journaled as the new characters."""
    if not isinstance(stored, dict) or not isinstance(stored.get("text"), str):
        return False
    same_rest = all(stored.get(k, _MISSING) == v for k, v in draft.items() if k != "text")
    return same_rest and len(draft["text"]) > len(stored["text"]) and draft["text"].startswith(stored["text"])


def _checked(check: Any, *args: Any) -> None:
    """A value the schema would refuse on reading is refused on saving: the file stays readable."""
    try:
        check(*args)
    except SchemaError as error:
        raise StoreError(f"Not saved: {error}.") from None


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
