"""What `interview list` needs to know: which folder entries are sessions, and which columns of the index it reads.

Apart from tui.index_rows (a session file's rows, its summary dataclass) so that
a list of an index in step imports no dataclasses: with inspect, 12 ms of its start.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_CONFLICT = r"\.sync-conflict-|\(.*conflicted copy.*\)"  # compiled (re's cache) by the first name that may be one


def is_conflict_name(name: str) -> bool:
    """Syncthing's `*.sync-conflict-*` and Dropbox's `* (… conflicted copy …)*`."""
    return "onflict" in name and bool(re.search(_CONFLICT, name, re.IGNORECASE))


def is_session_name(name: str) -> bool:
    return name.endswith(".json") and not name.startswith(".") and not is_conflict_name(name)


class ListedRow(NamedTuple):
    """What `interview list` prints of a session: its columns alone, read from the index at 10,000 a call."""

    date: str
    participant_name: str
    company: str
    guide_name: str
    status: str
    read_only: int
    elapsed: float
    note_count: int
    id: str
    file_name: str

    @property
    def short_id(self) -> str:
        return self.id[:8]


LISTED_COLUMNS = "date, participant, company, guide_name, status, read_only, elapsed, note_count, id, name"
SUMMARY_COLUMNS = (  # a SessionSummary's (tui.index_rows.summary_of)
    "id, name, date, started_at, participant, role, company, segment, guide_name, guide_title, status, "
    "elapsed, planned_minutes, note_count, themes, follow_up_ok, follow_up_of, read_only"
)
