"""How the search screen shows a note that matched: its row, the match marked, and its detail lines.

Pure functions of a `Hit` and the parsed query, so the search worker builds
the rows off the UI thread. The match is marked with `Content` spans over the
note's own text (never markup), and a long note is shown from a little before
its first match, so the match is in the column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content

from tui.core.durations import format_elapsed
from tui.core.kinds import kind_of
from tui.core.search import Query, match_spans
from tui.widgets.row_table import Column, Row
from tui.widgets.safe import safe_line

if TYPE_CHECKING:  # the index (sqlite3, msgspec) is imported after the screen's first frame
    from tui.index_queries import Hit, SearchResult

MATCH_STYLE = "bold reverse $text-accent"
LEAD = 12  # a note whose first match starts further in is shown from a few words before it

COLUMNS = (
    Column("date", "Date", min_width=10, max_width=10, drop_order=2),
    Column("participant", "Participant", min_width=10, max_width=16, drop_order=3),
    Column("kind", "Kind", min_width=5, max_width=8, drop_order=1),
    Column("note", "Note", min_width=24, max_width=400, flex=True),
    Column("themes", "Themes", min_width=8, max_width=18, drop_order=4),
)


@dataclass(frozen=True)
class Found:
    """What the search worker hands back: the query it ran, the result, and a row per hit by key."""

    text: str  # the query as typed, so a late answer to an older one is known
    query: Query
    result: SearchResult
    rows: list[Row]
    hits: dict[str, Hit]


def hit_key(hit: Hit) -> str:
    return f"{hit.session_id}:{hit.note_id}"


def marked(query: Query, text: str, *, lead: int | None = LEAD) -> Content:
    """The note with each match styled; from a little before the first one if `lead` (a row)."""
    spans = match_spans(query, text)
    start = 0
    if lead is not None and spans and spans[0][0] > lead:
        start = text.rfind(" ", 0, spans[0][0] - lead // 2) + 1 or spans[0][0] - lead // 2  # from a word's start
    content = Content(text[start:])
    for first, last in spans:
        if last > start:
            content = content.stylize(MATCH_STYLE, max(first - start, 0), last - start)
    return Content.assemble("…", content) if start else content


def hit_row(query: Query, hit: Hit) -> Row:
    kind = kind_of(hit.kind)
    who = hit.participant or "anonymous"
    return Row(
        hit_key(hit),
        (
            hit.date or "—",
            who,
            Content.assemble((kind.badge, kind.style), " ", kind.name),
            marked(query, hit.text),
            " ".join(f"#{t}" for t in sorted(hit.themes, key=lambda theme: not _asked_for(query, theme))),
        ),
    )


def _asked_for(query: Query, theme: str) -> bool:
    """The query names this theme (or its start, while typed): it comes first in its narrow column."""
    return theme in query.themes or any(theme.startswith(start) for start in query.theme_starts)


def found(text: str, query: Query, result: SearchResult) -> Found:
    return Found(text, query, result, [hit_row(query, hit) for hit in result.hits], {hit_key(hit): hit for hit in result.hits})


def detail_lines(query: Query, hit: Hit) -> list[Content]:
    """Who and when, the question the note was taken under, and the whole note: each one line."""
    person = " · ".join(p for p in (hit.participant or "anonymous", hit.company) if p)
    facts = f"  {hit.date or 'undated'} · {hit.guide_name} · at {format_elapsed(hit.elapsed)}{' · ★' if hit.starred else ''}"
    lines = [
        Content.assemble((person, "bold"), (facts, "dim")),
        Content.assemble(("Q: ", "dim"), hit.question or "(no question)"),
        marked(query, hit.text, lead=None),
    ]
    return [safe_line(line) for line in lines]  # every field came from a session file


def count_line(result: SearchResult, enter_key: str) -> str:
    """`12 notes match, best first · Enter opens the review at the note`."""
    if not result.total:
        return "No note matches."
    count = "1 note matches" if result.total == 1 else f"{'over ' if result.more else ''}{result.total:,} notes match"
    order = "best first" if result.ranked else "newest first"
    shown = f"; the first {len(result.hits)} shown" if len(result.hits) < result.total else ""
    return f"{count}, {order}{shown} · {enter_key} opens the review at the note"
