"""Which session a reference a user typed means: `latest`, a whole id, or a unique start of one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.core.text import one_line
from tui.errors import UsageError

if TYPE_CHECKING:
    from tui.index_rows import SessionSummary


def pick_session(ref: str, summaries: Sequence[SessionSummary], where: str) -> str:
    """The id `ref` names among `summaries` (newest first); UsageError in one line if none or several.

    `where` says where they were looked for (" in the trash"), for the message.
    """
    wanted = ref.strip().lower()
    if not wanted:
        raise UsageError("Give a session id (any unique start of it) or 'latest'.")
    if wanted == "latest":
        if not summaries:
            raise UsageError(f"No sessions{where} yet.")
        return summaries[0].id
    matches = [s for s in summaries if s.id.lower() == wanted] or [
        s for s in summaries if s.id.lower().startswith(wanted)
    ]
    if not matches:
        raise UsageError(f"No session{where} matches '{one_line(ref)}'. See `interview list`.")
    if len(matches) > 1:
        shown = ", ".join(one_line(s.label) for s in matches[:5])
        more = f" and {len(matches) - 5} more" if len(matches) > 5 else ""
        raise UsageError(f"'{one_line(ref)}' matches {len(matches)} sessions{where}: {shown}{more}. Type more of the id.")
    return matches[0].id
