"""What the app opens on, as the command line (or a test) asks: built before textual is imported."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tui.core.guide import Guide
    from tui.core.session import Participant


class Start(NamedTuple):
    """What the app opens on; built by the CLI, or by tests."""

    screen: str = "home"  # "home", "setup", "live", "review", "history", "themes", "search"
    guide: Guide | None = None
    participant: str | None = None  # for "setup": skip the form, straight to the live screen
    consent: bool | None = None  # consent to record, if the command line said; else it is asked
    follow_up_of: str | None = None
    earlier: Participant | None = None  # for a follow-up: who was interviewed then (role, company...)
    session_id: str | None = None  # for "live": resume this session
    follow_ups: bool = False  # for "history": open on the participants awaiting a follow-up
    query: str = ""  # for "search": what the query field holds at first
