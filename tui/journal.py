"""The write-ahead journal of a live session: one small JSON line per change, appended and fsynced.

Rewriting a session file costs its size (80 ms at 3,000 notes), so a session
being written is kept as its snapshot (the TinyDB file in `sessions/`, which
syncs and which other tools read) plus a journal of the changes since:

    journal/<snapshot file name>.<segment, 6 digits>.jsonl

Each segment starts with a header line, `{"journal": 1, "session": ID, "segment": N}`,
then one line per change, each written with one `os.write` on an O_APPEND
descriptor and `fdatasync`ed before the change counts as saved:

    {"seq": 41, "doc": 17, "note": {...}}            a note, new or edited, at its place (TinyDB doc id)
    {"seq": 42, "delete": 17}                        a note deleted
    {"seq": 43, "set": {"draft": {...}, "elapsed": 12.5}}   fields of `Session.meta_dict()` replaced
    {"seq": 44, "add": {"theme_bumps": [{...}]}}     items appended to a LOG_FIELDS list
    {"seq": 45, "draft+": "more text"}               text appended to the draft (typing)

A line may hold several parts (a committed note and its cleared draft are one
line, so one append); they apply in the order delete, note, set, add, draft+.
`seq` grows by one per line across segments. The snapshot records the last
seq folded into it (its `journal` table), so replaying is idempotent: a line at
or below it is skipped, wherever it is found.

Folding writes the snapshot atomically (tui.files) from the writer's state,
then removes the segments it covered; a segment is removed only once its
changes are in an fsynced snapshot. Before folding, the writer starts a new
segment, so appends go on while the fold writes. Recovery (start-up, or a
reader) replays every segment over the snapshot in seq order. A line without
its newline is the one a crash cut short: it was never acknowledged, and it is
ignored; so is any line that does not parse. A new writer never appends to an
old segment, so a torn tail stays the last line of its segment.

Journals are machine-local, like `locks/`: a writer's unfinished business, not
something to sync. A synced copy on another machine would be folded there as
a crash left it; README says to leave `journal/` out of sync.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from tui.core.session import LOG_FIELDS
from tui.reading import MAX_JOURNAL_BYTES, Unreadable, read_bytes
from tui.session_tables import JOURNAL_TABLE, META_DOC, NOTES_TABLE, SESSION_TABLE

JOURNAL_VERSION = 1
class Line(msgspec.Struct, omit_defaults=True):
    """One change as read back from a segment; its values are checked by the schema after replay."""

    seq: int
    doc: int | None = None
    note: dict[str, Any] | None = None
    delete: int | None = None
    set: dict[str, Any] | None = None
    add: dict[str, list[Any]] | None = None
    more: str | None = msgspec.field(default=None, name="draft+")


class Header(msgspec.Struct):
    journal: int
    session: str
    segment: int


def encode(line: dict[str, Any]) -> bytes:
    """One line of compact JSON; NaN and Infinity are refused (the schema refuses them too)."""
    return (json.dumps(line, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n").encode("utf-8")


def header(session_id: str, number: int) -> bytes:
    return encode({"journal": JOURNAL_VERSION, "session": session_id, "segment": number})


# --- reading ----------------------------------------------------------------------------
@dataclass
class Replay:
    """What a session's segments hold, once read."""

    lines: list[Line] = field(default_factory=list)  # in seq order, one per seq
    torn: int = 0  # lines that could not be used: a crash's unfinished last line, or damage
    foreign: list[Path] = field(default_factory=list)  # segments written for another session id
    unreadable: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def last_seq(self) -> int:
        return self.lines[-1].seq if self.lines else 0


_decode_line = msgspec.json.Decoder(Line).decode
_decode_header = msgspec.json.Decoder(Header).decode


def read_segments(paths: list[Path], session_id: str) -> Replay:
    """Every usable line of these segments for `session_id`; a vanished segment is skipped."""
    replay = Replay()
    seen: dict[int, Line] = {}
    for path in paths:
        try:
            data = read_bytes(path, limit=MAX_JOURNAL_BYTES, follow_symlinks=False)
        except Unreadable as error:
            if not error.missing:
                replay.unreadable.append((path, error.why))
            continue
        rows = data.split(b"\n")
        complete, tail = rows[:-1], rows[-1]  # the tail lacks its newline: never acknowledged
        replay.torn += bool(tail)
        if not complete:
            continue
        try:
            head = _decode_header(complete[0])
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            replay.torn += len(complete)
            continue
        if head.session != session_id:
            replay.foreign.append(path)
            continue
        for row in complete[1:]:
            try:
                line = _decode_line(row)
            except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
                replay.torn += 1
                continue
            if _well_formed(line):
                seen.setdefault(line.seq, line)
            else:
                replay.torn += 1
    replay.lines = [seen[seq] for seq in sorted(seen)]
    return replay


def _well_formed(line: Line) -> bool:
    if (line.note is None) != (line.doc is None):
        return False
    if line.set is not None and "id" in line.set:  # a change never makes it another session
        return False
    return line.add is None or set(line.add) <= set(LOG_FIELDS)


# --- applying ---------------------------------------------------------------------------
def folded_seq(layout: dict[str, Any]) -> int:
    """The last journal seq a snapshot holds (0 for one never folded)."""
    record = (layout.get(JOURNAL_TABLE) or {}).get(META_DOC)
    seq = record.get("folded") if isinstance(record, dict) else 0
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else 0


def replay_onto(layout: dict[str, Any], lines: list[Line]) -> int:
    """Apply the lines newer than the snapshot's folded seq; returns the last seq applied (or held)."""
    last = folded_seq(layout)
    for line in lines:
        if line.seq > last:
            apply(layout, line)
            last = line.seq
    return last


def apply(layout: dict[str, Any], line: Line) -> None:
    """One change, onto the tables of a session file (as TinyDB lays them out).

    Values are replaced, never changed in place: a fold can take a shallow copy
    of the tables while the writer goes on applying.
    """
    notes = layout.setdefault(NOTES_TABLE, {})
    if line.delete is not None:
        notes.pop(str(line.delete), None)
    if line.note is not None:
        notes[str(line.doc)] = line.note
    if line.set is None and line.add is None and line.more is None:
        return
    meta = dict(layout[SESSION_TABLE][META_DOC])
    meta.update(line.set or {})
    for key, items in (line.add or {}).items():
        old = meta.get(key)
        meta[key] = [*(old if isinstance(old, list) else ()), *items]
    if line.more is not None:
        draft = meta.get("draft") if isinstance(meta.get("draft"), dict) else {}
        text = draft.get("text") if isinstance(draft.get("text"), str) else ""
        meta["draft"] = {**draft, "text": text + line.more}
    layout[SESSION_TABLE] = {META_DOC: meta}


def as_line(parts: dict[str, Any]) -> Line:
    """The Line a writer's parts make, to apply what it just appended."""
    return Line(**{("more" if key == "draft+" else key): value for key, value in parts.items()})
