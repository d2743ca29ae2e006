"""`interview import`: a teammate's export added to the store, never overwriting anything.

The same session again is a no-op; a different session under an id already
here is kept as a copy with a new id.

Sessions already here are found through the index (by id, by start time), as
the caller last refreshed it, so importing costs the same at the 10,000th
file as at the first: `interview import` refreshes once, and each session it
adds goes into the index as it is saved (tui.index_bulk). A session is reported
imported only once its file is durable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.session import Session, new_id
from tui.storage import describe_session, read_export

if TYPE_CHECKING:
    from tui.store import Store


@dataclass(frozen=True)
class ImportResult:
    session_id: str
    path: Path
    outcome: str  # "imported", "unchanged" or "copied"
    message: str


def import_file(store: Store, path: Path, *, sync_folder: bool = True) -> ImportResult:
    """Read the export through the reading path and the schema, then add it (UsageError, one line, if not).

    `sync_folder=False`: the caller fsyncs the sessions folder before it reports the result.
    """
    incoming = read_export(path)
    existing = store._indexed(incoming.id)
    if existing is None:
        saved = store.add(incoming, sync_folder=sync_folder)
        return ImportResult(incoming.id, saved, "imported", f"Imported session {_label(incoming)} from {path}.")
    if store.load_path(existing).to_dict() == incoming.to_dict():
        return ImportResult(incoming.id, existing, "unchanged", f"Already in the store: {_label(incoming)}.")
    for path in store.index.paths_started_at(incoming.started_at, incoming.id):
        copy = store.load_path(path)
        if _same_apart_from_id(copy, incoming):
            return ImportResult(copy.id, path, "unchanged", f"Already imported as {_label(copy)}.")
    original, incoming.id = incoming.id, new_id()
    saved = store.add(incoming, sync_folder=sync_folder)
    message = f"Session {original[:8]} already exists with different content; kept this one as a copy: {_label(incoming)}."
    return ImportResult(incoming.id, saved, "copied", message)


def _label(session: Session) -> str:
    return describe_session(session.id, {"participant": {"name": session.participant.name}, "started_at": session.started_at})


def _same_apart_from_id(first: Session, second: Session) -> bool:
    one, other = first.to_dict(), second.to_dict()
    del one["id"], other["id"]
    return one == other
