"""The session index: one small file so listing never parses every note.

`index.json` maps each session file's name to its stamp and a summary. The
stamp is the snapshot's (inode, mtime_ns, size) plus (segment, size, mtime_ns)
of each journal segment, so it changes with every journaled change. A scan
lists the sessions and journal folders once, re-reads (snapshot + journal,
every field checked by the schema) only files that are new or changed, drops
missing ones and rewrites the index if anything moved. The index is a cache:
missing, corrupt or from another version, it is rebuilt from the files; if it
cannot be written, listing still works. Two files holding one session id: the
newer (by modification time) is listed, the other reported as a duplicate.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tui.core.session import SCHEMA_VERSION
from tui.files import StoreError, atomic_write, describe_os_error, is_temp_name
from tui.journal import list_segments
from tui.locking import LockBusy, LockUnusable, SessionLock
from tui.reading import MAX_SESSION_BYTES, Unreadable, not_regular, read_json
from tui.storage import Merged, SessionFiles, UnreadableFile, schema_of

INDEX_VERSION = 2
_CONFLICT = re.compile(r"\.sync-conflict-|\(.*conflicted copy.*\)", re.IGNORECASE)


def is_conflict_name(name: str) -> bool:
    """Syncthing's `*.sync-conflict-*` and Dropbox's `* (… conflicted copy …)*`."""
    return bool(_CONFLICT.search(name))


def is_session_name(name: str) -> bool:
    return name.endswith(".json") and not name.startswith(".") and not is_conflict_name(name)


@dataclass(frozen=True)
class SessionSummary:
    """What a session list shows, without the notes."""

    id: str
    path: Path
    date: str
    started_at: str
    participant_name: str
    role: str
    company: str
    segment: str
    guide_name: str
    guide_title: str
    status: str
    elapsed: float
    planned_minutes: int | None
    note_count: int
    themes: dict[str, int] = field(default_factory=dict)  # mentions incl. one-key bumps, most first
    follow_up_ok: bool | None = None
    follow_up_of: str | None = None
    read_only: bool = False  # written by a newer version: never rewritten

    @property
    def short_id(self) -> str:
        return self.id[:8]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path)
        return data


_CACHED_FIELDS = tuple(name for name in SessionSummary.__dataclass_fields__ if name != "path")


def _text(mapping: dict[str, Any], key: str) -> str:
    value = mapping.get(key)
    return value if isinstance(value, str) else ""


def _number(mapping: dict[str, Any], key: str) -> float:
    value = mapping.get(key)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def _list(mapping: dict[str, Any], key: str) -> list[Any]:
    value = mapping.get(key)
    return value if isinstance(value, list) else []


def _planned_minutes(guide: dict[str, Any]) -> int | None:
    """As `Guide.planned_minutes`, from the raw snapshot (a newer one may not parse)."""
    if isinstance(guide.get("duration_minutes"), int) and guide["duration_minutes"]:
        return guide["duration_minutes"]
    budgets = [s["minutes"] for s in _list(guide, "sections") if isinstance(s, dict) and isinstance(s.get("minutes"), int)]
    return sum(budgets) if budgets else None


def _tally(meta: dict[str, Any], notes: dict[int, dict[str, Any]]) -> dict[str, int]:
    """As `Session.tally`: `#themes` in notes plus one-key bumps, most mentioned first."""
    themes = [t for note in notes.values() for t in _list(note, "themes")]
    themes += [b.get("theme") for b in _list(meta, "theme_bumps") if isinstance(b, dict)]
    counts = Counter(t for t in themes if isinstance(t, str))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def summarize(path: Path, merged: Merged) -> SessionSummary:
    """The summary of a session as `SessionFiles.read` read it (snapshot + journal).

    Every field of a file of this version has been checked by then; one of a
    newer version is only shaped, so each value is taken only if it has the
    expected type.
    """
    meta, notes = merged.tables
    read_only = schema_of(meta) > SCHEMA_VERSION
    participant = meta.get("participant") if isinstance(meta.get("participant"), dict) else {}
    guide = meta["guide"]
    started_at = _text(meta, "started_at")
    follow_up_ok = meta.get("follow_up_ok")
    return SessionSummary(
        id=meta["id"],
        path=path,
        date=started_at[:10],
        started_at=started_at,
        participant_name=_text(participant, "name"),
        role=_text(participant, "role"),
        company=_text(participant, "company"),
        segment=_text(participant, "segment"),
        guide_name=_text(meta, "guide_name") or _text(guide, "name"),
        guide_title=_text(guide, "title"),
        status=_text(meta, "status"),
        elapsed=_number(meta, "elapsed"),
        planned_minutes=_planned_minutes(guide),
        note_count=len(notes),
        themes=_tally(meta, notes),
        follow_up_ok=follow_up_ok if isinstance(follow_up_ok, bool) else None,
        follow_up_of=_text(meta, "follow_up_of") or None,
        read_only=read_only,
    )


def newest_first(summaries: list[SessionSummary]) -> list[SessionSummary]:
    def started(summary: SessionSummary) -> tuple[float, str]:
        try:
            return datetime.fromisoformat(summary.started_at).timestamp(), summary.id
        except ValueError:
            return 0.0, summary.id

    return sorted(summaries, key=started, reverse=True)


@dataclass
class FolderScan:
    """What one listing of the sessions folder found."""

    summaries: list[SessionSummary]  # newest first
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # (path, why)
    conflicts: list[Path] = field(default_factory=list)
    temp_files: list[Path] = field(default_factory=list)
    duplicates: list[tuple[Path, Path, str]] = field(default_factory=list)  # (not listed, listed, id)
    journaled: list[Path] = field(default_factory=list)  # snapshots with journal segments
    orphans: list[Path] = field(default_factory=list)  # segments whose snapshot is gone
    problems: list[str] = field(default_factory=list)  # damaged journals, said once


def stamp_of(info: os.stat_result, segments: list[tuple[int, Path]]) -> list[Any]:
    """What changes whenever the session does: the snapshot's inode, mtime and size, and each segment's.

    The inode is in it because every atomic save makes a new one: two saves within
    one mtime tick that keep the size are still told apart.
    """
    parts: list[Any] = [info.st_ino, info.st_mtime_ns, info.st_size]
    for number, path in segments:
        with contextlib.suppress(OSError):
            segment = os.stat(path, follow_symlinks=False)
            parts.append([number, segment.st_size, segment.st_mtime_ns])
    return parts


class SessionIndex:
    def __init__(self, path: Path, files: SessionFiles, lock_path: Path | None) -> None:
        """`lock_path` None: no usable locks folder, so the index is read but never written."""
        self.path = path
        self.files = files
        self.sessions_dir = files.sessions_dir
        self._lock_path = lock_path

    def scan(self) -> FolderScan:
        """List the sessions folder, re-reading only new or changed files."""
        cached = self._read_index()
        entries: dict[str, dict[str, Any]] = {}
        found = FolderScan([])
        try:
            listing = list(os.scandir(self.sessions_dir))
        except OSError as error:
            raise StoreError(describe_os_error(error, self.sessions_dir, "list")) from error
        journals = list_segments(self.files.journal_dir) if self.files.journal_dir else {}
        for entry in listing:
            if is_temp_name(entry.name):
                found.temp_files.append(Path(entry.path))
            elif is_conflict_name(entry.name):
                found.conflicts.append(Path(entry.path))
            elif is_session_name(entry.name) and not entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):  # a FIFO, a folder, a symlink: moved aside, never opened
                    found.unreadable.append((Path(entry.path), not_regular(entry.stat(follow_symlinks=False).st_mode) or "?"))
            elif is_session_name(entry.name):
                path = Path(entry.path)
                segments = journals.pop(entry.name, [])
                try:
                    entries[entry.name] = self._entry(entry, segments, cached.get(entry.name))
                except FileNotFoundError:
                    continue  # deleted while we looked
                except (UnreadableFile, OSError) as error:
                    found.unreadable.append((path, str(error)))
                    continue
                if segments:
                    found.journaled.append(path)
                found.problems += entries[entry.name].get("problems", [])
                found.summaries.append(SessionSummary(**entries[entry.name]["summary"], path=path))
        found.orphans = [path for segments in journals.values() for _, path in segments]
        if entries != cached:
            self._write_index(entries)
        found.summaries = self._one_per_id(newest_first(found.summaries), entries, found)
        return found

    def _entry(self, entry: os.DirEntry[str], segments: list[tuple[int, Path]], cached: dict[str, Any] | None) -> dict[str, Any]:
        """The cached entry if the file's stamp still matches, else a fresh one."""
        stamp = stamp_of(entry.stat(follow_symlinks=False), segments)
        if cached and cached.get("stamp") == stamp:
            return cached
        merged = self.files.read(Path(entry.path))
        summary = summarize(Path(entry.path), merged)
        fresh = {"stamp": stamp, "summary": _cacheable(summary)}
        if merged.problems:
            fresh["problems"] = merged.problems
        return fresh

    @staticmethod
    def _one_per_id(summaries: list[SessionSummary], entries: dict[str, Any], found: FolderScan) -> list[SessionSummary]:
        """One summary per session id: of two files with one id, the newer; the other is a duplicate."""
        winners: dict[str, SessionSummary] = {}
        for summary in summaries:
            held = winners.get(summary.id)
            if held is None:
                winners[summary.id] = summary
                continue
            mtimes = [entries[s.path.name]["stamp"][1] for s in (held, summary)]
            newer, older = (held, summary) if mtimes[0] >= mtimes[1] else (summary, held)
            winners[summary.id] = newer
            found.duplicates.append((older.path, newer.path, summary.id))
        kept = set(map(id, winners.values()))
        return [s for s in summaries if id(s) in kept]

    def _read_index(self) -> dict[str, dict[str, Any]]:
        try:
            data = read_json(self.path, limit=MAX_SESSION_BYTES * 4, follow_symlinks=False)
        except Unreadable:
            return {}
        if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
            return {}
        entries = data.get("entries")
        if not isinstance(entries, dict):
            return {}
        fields = set(_CACHED_FIELDS)
        return {
            name: entry
            for name, entry in entries.items()
            if isinstance(entry, dict) and isinstance(entry.get("summary"), dict) and set(entry["summary"]) == fields
        }

    def _write_index(self, entries: dict[str, dict[str, Any]]) -> None:
        """Best effort, and not fsynced: a busy, failed or lost index write only costs the next scan time."""
        write_cache(self.path, self._lock_path, {"version": INDEX_VERSION, "entries": entries})


def write_cache(path: Path, lock_path: Path | None, data: Any) -> None:
    """A cache file (index, facts), if no other process is writing it now; failures cost only time."""
    if lock_path is None:
        return
    lock = SessionLock(lock_path)
    try:
        lock.acquire()
    except (LockBusy, LockUnusable):
        return
    try:
        atomic_write(path, json.dumps(data, ensure_ascii=False).encode("utf-8"), durable=False)
    except StoreError:
        pass
    finally:
        lock.release()


def _cacheable(summary: SessionSummary) -> dict[str, Any]:
    """The summary as JSON-ready fields, without the path (it follows the file)."""
    return {name: getattr(summary, name) for name in _CACHED_FIELDS}
