"""Themes across interviews: the most widespread first, pains apart from ideas, with quotes; and its renderers.

Pure: the rows the index's aggregate query gives (tui/index_theme_queries.py, from
each session's `ThemeFacts`, tui.core.analysis) in, a `ThemeReport` and its
Markdown, CSV and JSON out.

A theme's *breadth* is how many people mention it; themes are ranked by it
first, because the problems most customers share are the ones to fix first.
A re-interview of the same person does not count twice (a person is told apart
as in tui/core/saturation.py); sessions, then total mentions, break ties. Pain
points and ideas are told apart by the kind of the notes that carry the theme
(`!` pain, `+` idea): `problems` ranks themes by how many sessions raised them
as a pain, `ideas` by how many offered an idea about them.

Quotes: up to `MAX_QUOTES` per theme, from as many different sessions as
possible, preferring the participant's own words (`"` quote notes, starred
first), then starred notes, then pains and ideas, then any note.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tui.core import csvsafe, markdown
from tui.core.analysis import MAX_QUOTES
from tui.core.formats import THEME_FORMATS, pick
from tui.core.kinds import IDEA, PAIN, QUOTE, kind_of

JSON_FORMAT = "interview-companion/themes"
JSON_FORMAT_VERSION = 1
CSV_COLUMNS = (
    "rank",
    "theme",
    "participants",
    "sessions",
    "share",
    "mentions",
    "pain",
    "ideas",
    "pain_sessions",
    "idea_sessions",
    "first_seen",
    "last_seen",
    *(f"{name}_{n}" for n in range(1, MAX_QUOTES + 1) for name in ("quote", "said_by")),
)


@dataclass(frozen=True)
class Quote:
    text: str
    kind: str
    participant: str
    company: str
    date: str
    session_id: str

    @property
    def who(self) -> str:
        """`Ana Lima (Acme Logistics)`, or `anonymous`."""
        name = self.participant or "anonymous"
        return f"{name} ({self.company})" if self.company else name


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    participants: int  # breadth: people mentioning it (a re-interview is the same person)
    sessions: int  # sessions mentioning it
    share: float  # sessions / sessions in the report
    mentions: int
    pain: int  # pain notes with the theme
    ideas: int  # idea notes with the theme
    pain_sessions: int  # sessions with at least one pain note on it
    idea_sessions: int
    first_seen: str
    last_seen: str
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class ThemeReport:
    sessions: int
    themes: tuple[ThemeRow, ...]  # most widespread first
    first_date: str = ""
    last_date: str = ""
    guide: str | None = None
    since: str | None = None

    @property
    def problems(self) -> list[ThemeRow]:
        """Themes raised as a pain, the most widespread pain first."""
        rows = [t for t in self.themes if t.pain_sessions]
        return sorted(rows, key=lambda t: (-t.pain_sessions, -t.pain, -t.sessions, t.theme))

    @property
    def ideas(self) -> list[ThemeRow]:
        rows = [t for t in self.themes if t.idea_sessions]
        return sorted(rows, key=lambda t: (-t.idea_sessions, -t.ideas, -t.sessions, t.theme))


def parse_since(text: str) -> str:
    """`2025-03-01` as given; ValueError with a one-line reason otherwise."""
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ValueError(f"--since must be a date like 2025-03-01, not {text!r}") from None


def ranked(rows: Iterable[ThemeRow]) -> tuple[ThemeRow, ...]:
    """Most widespread first: people, then sessions, then mentions."""
    return tuple(sorted(rows, key=lambda r: (-r.participants, -r.sessions, -r.mentions, r.theme)))


def pick_quotes(candidates: Iterable[Quote]) -> tuple[Quote, ...]:
    """Up to MAX_QUOTES of these quotes, given best first: one per session first (more voices), then the next best.

    Candidates come ordered by `Example.preference`, then place in the session's
    examples, then newest session first.
    """
    candidates = list(candidates)
    chosen: list[int] = []
    voices: set[str] = set()
    for place, quote in enumerate(candidates):
        if len(chosen) < MAX_QUOTES and quote.session_id not in voices:
            chosen.append(place)
            voices.add(quote.session_id)
    for place in range(len(candidates)):
        if len(chosen) < MAX_QUOTES and place not in chosen:
            chosen.append(place)
    return tuple(candidates[place] for place in chosen)


# --- rendering -------------------------------------------------------------------------------
def render(report: ThemeReport, fmt: str) -> str:
    """The report in one of `tui.core.formats.THEME_FORMATS`, ending in a newline."""
    return pick(THEME_FORMATS, fmt).text(report)


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def scope_line(report: ThemeReport) -> str:
    """`8 sessions, 2025-01-06 to 2025-03-02 · guide: switching · since 2025-02-01`."""
    count = f"{report.sessions} session" + ("" if report.sessions == 1 else "s")
    if report.first_date:
        span = report.first_date if report.first_date == report.last_date else f"{report.first_date} to {report.last_date}"
        count += f", {span}"
    parts = [count, f"guide: {report.guide or 'all'}"]
    if report.since:
        parts.append(f"since {report.since}")
    return " · ".join(parts)


def said(quote: Quote) -> str:
    """`“We rebuild it by hand”` for the participant's words; other notes carry their kind: `Pain: ...`."""
    return f"“{quote.text}”" if quote.kind == QUOTE else f"{kind_of(quote.kind).label}: {quote.text}"


def _said(quote: Quote) -> str:
    """As `said`, without the curly quotes (a CSV cell is already quoted)."""
    return quote.text if quote.kind == QUOTE else said(quote)


def quote_line(quote: Quote) -> str:
    """`“We rebuild it by hand” — Ana Lima (Acme), 2025-03-01`."""
    return f"{said(quote)} — {quote.who}, {quote.date or 'undated'}"


def render_markdown(report: ThemeReport) -> str:
    lines = ["# Themes across interviews", "", markdown.escape(scope_line(report)), ""]
    if not report.themes:
        lines.append("No themes tagged in these sessions yet (tag notes with #theme).")
        return "\n".join(lines) + "\n"
    header = ("Rank", "Theme", "People", "Sessions", "Share", "Mentions", "Pain", "Ideas", "First seen", "Last seen")
    cells = (
        (
            str(rank), f"#{row.theme}", str(row.participants), str(row.sessions), percent(row.share), str(row.mentions),
            str(row.pain), str(row.ideas), row.first_seen, row.last_seen,
        )
        for rank, row in enumerate(report.themes, 1)
    )
    lines += [
        "Ranked by breadth: how many people mention a theme (more customers affected first; a re-interview"
        " is the same person), then sessions and mentions.",
        "",
        markdown.table(header, cells),
    ]
    for title, rows, noun, count_of in (
        ("Problems, most widespread first", report.problems, PAIN, lambda r: (r.pain_sessions, r.pain)),
        ("Ideas, most widespread first", report.ideas, IDEA, lambda r: (r.idea_sessions, r.ideas)),
    ):
        lines += ["", f"## {title}", ""]
        if not rows:
            lines.append(f"No {noun} notes with a theme.")
        for rank, row in enumerate(rows, 1):
            sessions, notes = count_of(row)
            share = percent(sessions / report.sessions) if report.sessions else "0%"
            plural = "" if notes == 1 else "s"
            lines.append(
                f"{rank}. **#{markdown.escape(row.theme)}**: {noun} in {sessions} of {report.sessions} sessions ({share}), {notes} {noun} note{plural}"
            )
    lines += ["", "## What participants said"]
    for row in report.themes:
        if row.quotes:
            lines += ["", f"### #{markdown.escape(row.theme)}", ""]
            lines += [f"- {markdown.escape(quote_line(q))}" for q in row.quotes]
    return "\n".join(lines) + "\n"


def render_csv(report: ThemeReport) -> str:
    """One row per theme, most widespread first, formulas defused (tui.core.csvsafe)."""
    rows = []
    for rank, row in enumerate(report.themes, 1):
        cells = [
            str(rank), row.theme, str(row.participants), str(row.sessions), f"{row.share:.2f}", str(row.mentions), str(row.pain),
            str(row.ideas), str(row.pain_sessions), str(row.idea_sessions), row.first_seen, row.last_seen,
        ]
        for number in range(MAX_QUOTES):
            quote = row.quotes[number] if number < len(row.quotes) else None
            cells += [_said(quote), f"{quote.who}, {quote.date}"] if quote else ["", ""]
        rows.append(cells)
    return csvsafe.render(CSV_COLUMNS, rows)


def render_json(report: ThemeReport) -> str:
    data = {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "sessions": report.sessions,
        "first_date": report.first_date or None,
        "last_date": report.last_date or None,
        "guide": report.guide,
        "since": report.since,
        "themes": [_row_json(row) for row in report.themes],
        "problems": [row.theme for row in report.problems],
        "ideas": [row.theme for row in report.ideas],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _row_json(row: ThemeRow) -> dict[str, Any]:
    return {
        "theme": row.theme,
        "participants": row.participants,
        "sessions": row.sessions,
        "share": round(row.share, 4),
        "mentions": row.mentions,
        "pain": row.pain,
        "ideas": row.ideas,
        "pain_sessions": row.pain_sessions,
        "idea_sessions": row.idea_sessions,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
        "quotes": [
            {
                "text": q.text,
                "kind": q.kind,
                "participant": q.participant,
                "company": q.company,
                "date": q.date,
                "session_id": q.session_id,
            }
            for q in row.quotes
        ],
    }
