"""Reads of the index for themes across interviews: the themes report (an aggregate query) and saturation.

Apart from tui.index_queries so that listing or searching never imports the
report's and saturation's models. Each takes the index's connection; `Index.query` runs it.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tui.core.saturation import Interview, follow_up_roots
from tui.core.search import Query
from tui.core.themes_report import Quote, ThemeReport, ThemeRow, pick_quotes, ranked
from tui.index_queries import session_filter

QUOTE_CANDIDATES = 9  # each session keeps at most 3 examples per theme, so 9 hold 3 sessions


def _people(db: sqlite3.Connection) -> None:
    """TEMP `people`: the person of each session in a follow-up chain, where it is not the session's own.

    A follow-up is the same person as its chain's first session (tui.core.saturation).
    """
    db.execute("CREATE TEMP TABLE IF NOT EXISTS people (key INTEGER PRIMARY KEY, person TEXT NOT NULL)")
    db.execute("DELETE FROM temp.people")
    linked = db.execute(
        "SELECT key, id, follow_up_of, person FROM sessions WHERE listed AND (follow_up_of IS NOT NULL OR id IN "
        "(SELECT follow_up_of FROM sessions WHERE listed AND follow_up_of IS NOT NULL))"
    ).fetchall()
    roots = follow_up_roots((sid, up) for _, sid, up, _ in linked)
    person_of = {sid: person for _, sid, _, person in linked}
    db.executemany(
        "INSERT INTO temp.people VALUES (?, ?)",
        [(key, person_of.get(roots[sid], person)) for key, sid, _, person in linked if sid in roots],
    )


def theme_report(db: sqlite3.Connection, *, guide: str | None = None, since: str | None = None) -> ThemeReport:
    """Themes across the listed sessions (on `guide`, any case; on or after `since`), most widespread first."""
    scope = Query(guides=(guide.lower(),) if guide else (), since=since)
    where, values = session_filter(db, scope, "s")
    total, first, last = db.execute(
        f"SELECT count(*), min(nullif(s.date, '')), max(nullif(s.date, '')) FROM sessions s WHERE {where}", values
    ).fetchone()
    _people(db)
    totals = db.execute(
        "SELECT t.theme, count(DISTINCT coalesce(p.person, s.person)), count(*), sum(t.mentions), sum(t.pain),"
        " sum(t.ideas), sum(t.pain > 0), sum(t.ideas > 0), min(nullif(s.date, '')), max(nullif(s.date, ''))"
        " FROM session_themes t JOIN sessions s ON s.key = t.key LEFT JOIN temp.people p ON p.key = t.key"
        f" WHERE {where} GROUP BY t.theme",
        values,
    ).fetchall()
    rows = [
        ThemeRow(
            theme=theme, participants=people, sessions=sessions, share=sessions / total if total else 0.0,
            mentions=mentions, pain=pain, ideas=ideas, pain_sessions=pain_sessions, idea_sessions=idea_sessions,
            first_seen=seen or "", last_seen=latest or "", quotes=_quotes(db, theme, where, values),
        )
        for theme, people, sessions, mentions, pain, ideas, pain_sessions, idea_sessions, seen, latest in totals
    ]
    return ThemeReport(
        sessions=total, themes=ranked(rows), first_date=first or "", last_date=last or "", guide=guide, since=since
    )


def interviews(db: sqlite3.Connection, *, guide: str | None = None) -> list[Interview]:
    """The listed sessions (on `guide`, any case) with their themes, as saturation reads them."""
    where, values = session_filter(db, Query(guides=(guide.lower(),) if guide else ()), "s")
    rows = db.execute(
        "SELECT s.id, s.date, s.started_at, s.participant, s.company, s.follow_up_of, group_concat(t.theme, ' ')"
        f" FROM sessions s LEFT JOIN session_themes t ON t.key = s.key WHERE {where} GROUP BY s.key",
        values,
    )  # a theme's name has no space (letters, digits, hyphens)
    return [
        Interview(sid, day, started, who, company, frozenset((themes or "").split()), up)
        for sid, day, started, who, company, up, themes in rows
    ]


def _quotes(db: sqlite3.Connection, theme: str, where: str, values: list[Any]) -> tuple[Quote, ...]:
    candidates = db.execute(
        "SELECT e.text, e.kind, s.participant, s.company, e.date, e.session_id FROM theme_examples e"
        f" JOIN sessions s ON s.key = e.key WHERE e.theme = ? AND {where}"
        " ORDER BY e.preference, e.place, e.date DESC, e.session_id LIMIT ?",
        [theme, *values, QUOTE_CANDIDATES],
    )
    return pick_quotes(Quote(*row) for row in candidates)
