"""How history shows and sorts a session: its row, its status in words, what the filter searches.

Pure functions of a `SessionSummary`, apart from the screen, so the listing
worker builds a page's rows off the UI thread. The sorts are the index's
(tui.index_queries.ORDERS).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content

from tui.core.durations import format_duration
from tui.widgets.row_table import Column, Row

if TYPE_CHECKING:
    from tui.index_rows import SessionSummary

STATUS_LABELS = {
    "completed": ("completed", ""),
    "in_progress": ("in progress", "$text-warning"),
    "paused": ("paused", "$text-warning"),
    "interrupted": ("interrupted", "$text-error"),
}
STATUS_ORDER = {"in_progress": 0, "paused": 1, "interrupted": 2, "completed": 3}
TOP_THEMES = 3

COLUMNS = (
    Column("date", "Date", min_width=10, max_width=10, drop_order=1, marked=True),
    Column("participant", "Participant", min_width=14, max_width=24, flex=True, marked=True),
    Column("company", "Company · segment", min_width=14, max_width=30, drop_order=7),
    Column("guide", "Guide", min_width=10, max_width=26, drop_order=5, marked=True),
    Column("time", "Time", min_width=4, max_width=6, drop_order=3, right=True, marked=True),
    Column("status", "Status", min_width=11, max_width=13, drop_order=2, marked=True),
    Column("themes", "Top themes", min_width=12, max_width=40, drop_order=4, flex=True),
    Column("follow_up", "F/U", min_width=4, max_width=4, drop_order=6),
)

# Sort keys: (label in the title, newest/longest first by default)
SORTS = {
    "date": ("date", True),
    "participant": ("participant", False),
    "guide": ("guide", False),
    "status": ("status", False),
    "duration": ("length", True),
}
DIRECTIONS = {"date": ("newest first", "oldest first"), "duration": ("longest first", "shortest first")}  # else Z–A, A–Z


PAGE = 100  # sessions read from the index at a time: more than a screen, a fraction of 10,000
REST = 1 << 62  # a page to the view's end (End): SQLite's LIMIT, never reached


@dataclass(frozen=True)
class Page:
    """What a listing worker hands back: sessions from `offset` of the view `version`, and their rows."""

    version: int
    offset: int
    summaries: list[SessionSummary]
    rows: dict[str, Row]
    complete: bool  # fewer came than were asked for: the view has no more
    followed: dict[str, str]  # session id -> date of its first follow-up
    earlier: dict[str, SessionSummary]  # the sessions these follow up, by id


def follow_up_label(summary: SessionSummary, followed: dict[str, str]) -> str:
    if summary.id in followed:
        return "done"
    return {True: "yes", False: "no", None: "—"}[summary.follow_up_ok]


def who(summary: SessionSummary) -> str:
    return summary.participant_name or "anonymous"


def label(summary: SessionSummary) -> str:
    """`Ana Lima, 2025-03-01 (1a2b3c4d)` for messages."""
    return f"{who(summary)}, {summary.date or 'undated'} ({summary.short_id})"


def session_row(s: SessionSummary, followed: dict[str, str]) -> Row:
    """A session's cells in the history table."""
    text, style = STATUS_LABELS.get(s.status, (s.status.replace("_", " "), ""))
    if s.read_only:
        text, style = "read-only", "$text-muted"
    return Row(
        s.id,
        (
            s.date or "—",
            ("↳ " if s.follow_up_of else "") + who(s),
            " · ".join(p for p in (s.company, s.segment) if p) or "—",
            s.guide_title or s.guide_name or "—",
            format_duration(s.elapsed),
            Content.styled(text, style) if style else text,
            " ".join(f"#{t}" for t in list(s.themes)[:TOP_THEMES]),
            follow_up_label(s, followed),
        ),
    )


def detail_lines(s: SessionSummary) -> list[Content]:
    """Who, the session's facts and its top themes: the detail under history's table (then its follow-up line)."""
    person = Content.assemble((who(s), "bold"), *((" · " + p) for p in (s.role, s.company, s.segment) if p))
    status = STATUS_LABELS.get(s.status, (s.status, ""))[0]
    facts = Content.styled(
        f"{s.guide_title or s.guide_name} · {s.date or 'undated'} · {format_duration(s.elapsed)} · {status} · "
        f"{s.note_count} notes · id {s.short_id}",
        "dim",
    )
    themes = " ".join(f"#{t} {n}" for t, n in list(s.themes.items())[:8]) or "no themes tagged"
    return [person, facts, Content.assemble(("Themes ", "dim"), themes)]
