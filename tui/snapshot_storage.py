"""The TinyDB storage a session's snapshot is written through: atomically, in stable bytes.

TinyDB's own JSONStorage rewrites its file in place, so a crash mid-write
leaves half a file; this one writes through `tui.files.atomic_write`. Apart
from tui.storage (how sessions are read) because only what writes needs
tinydb and json: `interview list` imports neither.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.files import atomic_write, write_all
from tui.storage import read_json


def dump_json(data: Any) -> bytes:
    """Indented, key-sorted UTF-8 JSON: stable bytes that diff and sync well.

    The bytes of `json.dumps(indent=2, sort_keys=True)`, NaN refused as there, made
    three times faster: json's C encoder writes it compact, msgspec indents it.
    """
    import msgspec

    compact = json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False).encode("utf-8")
    return msgspec.json.format(compact, indent=2) + b"\n"


class AtomicJSONStorage(Storage):
    """TinyDB storage for a snapshot: read through the reading path, written atomically.

    Only the writer holding the session's lock writes a snapshot, from the state
    it keeps (tui.writer); `write_bytes` is how tests fake a full disk.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            return read_json(self.path)
        except FileNotFoundError:
            return None

    def write(self, data: dict[str, dict[str, Any]], *, sync_folder: bool = True) -> os.stat_result:
        """The stat of the file written (`atomic_write`); `sync_folder=False`: the caller fsyncs the
        folder, once for many new files (import)."""
        return atomic_write(self.path, dump_json(data), write=self.write_bytes, sync_folder=sync_folder)

    @staticmethod
    def write_bytes(fd: int, data: bytes) -> None:
        """How bytes reach a file (snapshot temp file or journal); a test overrides it to fake a full disk."""
        write_all(fd, data)
