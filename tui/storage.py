"""How a session is kept in a file: a TinyDB storage that writes atomically, the layout.

TinyDB's own JSONStorage rewrites its file in place, so a crash or a full disk
mid-write leaves half a file; this storage writes through `tui.files.atomic_write`.

A session file holds two TinyDB tables: `session` (one document: the
session's `meta_dict()`) and `notes` (one document per note).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.core.session import SCHEMA_VERSION, Note, Session
from tui.errors import UsageError
from tui.files import StoreError, atomic_write, describe_os_error, write_all

SESSION_TABLE = "session"
NOTES_TABLE = "notes"
META_DOC_ID = 1


class UnreadableFile(Exception):
    """A file that is not a session this version can read; the message says why."""


def dump_json(data: Any) -> bytes:
    """Indented, key-sorted UTF-8 JSON: stable bytes that diff and sync well."""
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def read_json(path: Path) -> Any:
    """Parse a JSON file; UnreadableFile says why it cannot be parsed."""
    try:
        return json.loads(path.read_bytes())
    except ValueError as error:
        raise UnreadableFile(f"not valid JSON ({error})") from error


# --- TinyDB -----------------------------------------------------------------
class AtomicJSONStorage(Storage):
    """TinyDB storage writing through `atomic_write`, for one writer at a time.

    Only the process holding the session's lock writes, so the last data
    written is the file's content: it is kept and handed back by `read`,
    sparing TinyDB a parse of the file on every change. TinyDB edits what
    `read` returns before writing it, so a failed write drops that copy and
    the next read comes from the file again.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._data: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None:
            try:
                self._data = read_json(self.path)
            except FileNotFoundError:
                return None
            except OSError as error:
                raise StoreError(describe_os_error(error, self.path, "read")) from error
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        try:
            atomic_write(self.path, dump_json(data), write=self.write_bytes)
        except BaseException:
            self._data = None
            raise
        self._data = data

    @staticmethod
    def write_bytes(fd: int, data: bytes) -> None:
        """How bytes reach the temp file; a test overrides it to fake a full disk."""
        write_all(fd, data)


# --- the session layout -----------------------------------------------------
def session_layout(session: Session) -> dict[str, dict[str, Any]]:
    """A whole session as the TinyDB tables of its file; note doc ids follow note order."""
    return {
        SESSION_TABLE: {str(META_DOC_ID): session.meta_dict()},
        NOTES_TABLE: {str(number): note.to_dict() for number, note in enumerate(session.notes, 1)},
    }


def split_layout(data: Any) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """The meta document and the notes by doc id, checking the shape on the way."""
    if not isinstance(data, dict) or not isinstance(data.get(SESSION_TABLE), dict):
        raise UnreadableFile("no session record in it")
    records = list(data[SESSION_TABLE].values())
    if len(records) != 1 or not isinstance(records[0], dict):
        raise UnreadableFile("expected exactly one session record")
    meta = records[0]
    if not isinstance(meta.get("id"), str) or not meta["id"] or not isinstance(meta.get("guide"), dict):
        raise UnreadableFile("the session record has no id or guide")
    table = data.get(NOTES_TABLE, {})
    if not isinstance(table, dict):
        raise UnreadableFile("the notes table is not a table")
    try:
        notes = {int(doc_id): doc for doc_id, doc in table.items()}
    except ValueError as error:
        raise UnreadableFile("a note has a bad document id") from error
    if not all(isinstance(doc, dict) and isinstance(doc.get("id"), str) for doc in notes.values()):
        raise UnreadableFile("a note has no id")
    return meta, notes


def schema_of(meta: dict[str, Any]) -> int:
    version = meta.get("schema_version", 1)
    if not isinstance(version, int):
        raise UnreadableFile("its schema_version is not a number")
    return version


def build_session(meta: dict[str, Any], notes: dict[int, dict[str, Any]]) -> Session:
    """A Session from a file's meta and notes; notes in doc-id order."""
    try:
        session = Session.from_dict(meta)
        session.notes = [Note.from_dict(notes[doc_id]) for doc_id in sorted(notes)]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise UnreadableFile(f"a field has an unexpected value ({type(error).__name__}: {error})") from error
    return session


def read_export(path: Path) -> Session:
    """A session from a JSON export (`Session.to_dict()`) or a store file, for import; one-line errors."""
    try:
        return _session_from_export(read_json(path))
    except FileNotFoundError:
        raise UsageError(f"Cannot import {path}: no such file.") from None
    except IsADirectoryError:
        raise UsageError(f"Cannot import {path}: it is a folder.") from None
    except OSError as error:
        raise StoreError(describe_os_error(error, path, "read")) from error
    except UnreadableFile as error:
        raise UsageError(f"Cannot import {path}: {error}.") from None


def _session_from_export(data: Any) -> Session:
    if isinstance(data, dict) and SESSION_TABLE in data:
        meta, notes = split_layout(data)
    elif isinstance(data, dict) and isinstance(data.get("id"), str) and data["id"] and isinstance(data.get("guide"), dict):
        if not isinstance(data.get("notes", []), list):
            raise UnreadableFile("its notes are not a list")
        meta, notes = data, dict(enumerate(data.get("notes", []), 1))
    else:
        raise UnreadableFile("not an Interview Companion session export")
    version = schema_of(meta)
    if version > SCHEMA_VERSION:
        raise UnreadableFile(f"it was saved by a newer version of Interview Companion (schema {version}); upgrade first")
    return build_session(meta, notes)
