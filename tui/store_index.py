"""The session index: one small file so listing never parses every note.

`index.json` maps each session file's name to its (inode, mtime_ns, size)
and a summary. A scan lists the sessions folder once, re-reads only files
that are new or changed, drops missing ones and rewrites the index if
anything moved. The index is a cache: missing, corrupt or from another
version, it is rebuilt from the files; if it cannot be written, listing
still works.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from tui.core.session import SCHEMA_VERSION
from tui.files import FILE_MODE, StoreError, atomic_write, describe_os_error, is_temp_name
from tui.storage import UnreadableFile, read_json, schema_of, split_layout

INDEX_VERSION = 1
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


def _planned_minutes(guide: dict[str, Any]) -> int | None:
    """As `Guide.planned_minutes`, from the raw snapshot (a newer one may not parse)."""
    if isinstance(guide.get("duration_minutes"), int) and guide["duration_minutes"]:
        return guide["duration_minutes"]
    sections = guide.get("sections")
    budgets = [s["minutes"] for s in sections or () if isinstance(s, dict) and isinstance(s.get("minutes"), int)]
    return sum(budgets) if budgets else None


def _tally(meta: dict[str, Any], notes: dict[int, dict[str, Any]]) -> dict[str, int]:
    """As `Session.tally`: `#themes` in notes plus one-key bumps, most mentioned first."""
    themes = [t for note in notes.values() for t in note.get("themes") or ()]
    themes += [b.get("theme") for b in meta.get("theme_bumps") or () if isinstance(b, dict)]
    counts = Counter(t for t in themes if isinstance(t, str))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def summarize(path: Path, data: Any) -> SessionSummary:
    """The summary of a session file's parsed JSON; UnreadableFile if it is not one.

    Only the shape is checked (as `split_layout` does), not every field:
    building the whole model would double the cost of a cold listing, and a
    file whose fields are damaged still fails in one line when opened.
    """
    meta, notes = split_layout(data)
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
    unreadable: list[tuple[Path, str]]  # (path, why)
    conflicts: list[Path]
    temp_files: list[Path]


class SessionIndex:
    def __init__(self, path: Path, sessions_dir: Path, lock_path: Path) -> None:
        self.path = path
        self.sessions_dir = sessions_dir
        self._lock_path = lock_path

    def scan(self) -> FolderScan:
        """List the sessions folder, re-reading only new or changed files."""
        cached = self._read_index()
        entries: dict[str, dict[str, Any]] = {}
        found = FolderScan([], [], [], [])
        try:
            listing = list(os.scandir(self.sessions_dir))
        except OSError as error:
            raise StoreError(describe_os_error(error, self.sessions_dir, "list")) from error
        for entry in listing:
            if is_temp_name(entry.name):
                found.temp_files.append(Path(entry.path))
            elif is_conflict_name(entry.name):
                found.conflicts.append(Path(entry.path))
            elif is_session_name(entry.name) and entry.is_file(follow_symlinks=False):
                path = Path(entry.path)
                try:
                    entries[entry.name] = self._entry(entry, cached.get(entry.name))
                except FileNotFoundError:
                    continue  # deleted while we looked
                except (UnreadableFile, OSError) as error:
                    found.unreadable.append((path, str(error)))
                    continue
                found.summaries.append(SessionSummary(**entries[entry.name]["summary"], path=path))
        if entries != cached:
            self._write_index(entries)
        found.summaries = newest_first(found.summaries)
        return found

    @staticmethod
    def _entry(entry: os.DirEntry[str], cached: dict[str, Any] | None) -> dict[str, Any]:
        """The cached entry if the file's stamp still matches, else a fresh one.

        The inode is in the stamp because every atomic save makes a new one:
        two saves within one mtime tick that keep the size are still told apart.
        """
        stat = entry.stat(follow_symlinks=False)
        stamp = [stat.st_ino, stat.st_mtime_ns, stat.st_size]
        if cached and cached.get("stamp") == stamp:
            return cached
        summary = summarize(Path(entry.path), read_json(Path(entry.path)))
        return {"stamp": stamp, "summary": _cacheable(summary)}

    def _read_index(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
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
        data = json.dumps({"version": INDEX_VERSION, "entries": entries}, ensure_ascii=False).encode("utf-8")
        try:
            with FileLock(self._lock_path, timeout=1, mode=FILE_MODE):
                atomic_write(self.path, data, durable=False)
        except (Timeout, StoreError):
            pass


def _cacheable(summary: SessionSummary) -> dict[str, Any]:
    """The summary as JSON-ready fields, without the path (it follows the file)."""
    return {name: getattr(summary, name) for name in _CACHED_FIELDS}
