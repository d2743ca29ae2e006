"""Where a session's journal is: its segment files in `journal/`, named after the snapshot and numbered.

    journal/<snapshot file name>.<segment, 6 digits>.jsonl

What a segment holds, and how it is replayed, is tui.journal. These are apart
because every refresh lists the segments (their stamps are part of a session's)
while only a reader of a journaled session parses one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SUFFIX = ".jsonl"
_SEGMENT = re.compile(r"^(?P<file>.+\.json)\.(?P<number>\d{6,})\.jsonl$")


def segment_name(snapshot_name: str, number: int) -> str:
    return f"{snapshot_name}.{number:06d}{SUFFIX}"


def parse_segment_name(name: str) -> tuple[str, int] | None:
    """(snapshot file name, segment number) for a journal file's name, else None."""
    match = _SEGMENT.match(name)
    return (match["file"], int(match["number"])) if match else None


def list_segments(journal_dir: Path) -> dict[str, list[tuple[int, Path]]]:
    """Every segment in the journal folder, by snapshot file name, in segment order."""
    found: dict[str, list[tuple[int, Path]]] = {}
    try:
        entries = list(os.scandir(journal_dir))
    except FileNotFoundError:
        return {}
    for entry in entries:
        parsed = parse_segment_name(entry.name)
        if parsed is not None:
            found.setdefault(parsed[0], []).append((parsed[1], Path(entry.path)))
    for segments in found.values():
        segments.sort()
    return found


def segments_of(journal_dir: Path, snapshot_name: str) -> list[tuple[int, Path]]:
    prefix = f"{snapshot_name}."
    try:
        names = [name for name in os.listdir(journal_dir) if name.startswith(prefix)]
    except FileNotFoundError:
        return []
    parsed = [(parse_segment_name(name), name) for name in names]
    return sorted((p[1], journal_dir / name) for p, name in parsed if p is not None and p[0] == snapshot_name)
